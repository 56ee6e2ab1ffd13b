"""L: layout. Where a file sits must agree with what it says (FORMAT.md, layout)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from partreg.check.rule import Context, Finding, reported_while_reading, rule
from partreg.model.values import SLUG_PATTERN
from partreg.problems import Severity

_SLUG = re.compile(SLUG_PATTERN)  # only a file name that is a valid id can be offered as one


@rule("L001", "stem-matches-id", Severity.ERROR)
def stem_matches_id(ctx: Context) -> Iterator[Finding]:
    """A file's name must equal the `id` inside it (`partnership` for an assessment).

    Bad:  partnerships/tvca.yaml holding `id: tees-valley`
    Good: partnerships/tees-valley.yaml holding `id: tees-valley`
    """
    register = ctx.register
    named = [(e.placed.stem, e.record.id, e.doc) for e in register.partnerships]
    named += [(e.placed.stem, e.record.id, e.doc) for e in register.plans]
    for stem, record_id, doc in named:
        if stem != record_id:
            yield Finding(
                doc,
                ("id",),
                f"file name `{stem}` does not match `id: {record_id}`",
                f"rename the file to {record_id}.yaml" + (f", or set `id: {stem}`" if _SLUG.fullmatch(stem) else ""),
            )
    for assessment in register.assessments:
        if assessment.placed.stem != assessment.record.partnership:
            yield Finding(
                assessment.doc,
                ("partnership",),
                f"file name `{assessment.placed.stem}` does not match `partnership: {assessment.record.partnership}`",
                f"rename the file to {assessment.record.partnership}.yaml",
            )


@rule("L002", "folder-matches-year", Severity.ERROR)
def folder_matches_year(ctx: Context) -> Iterator[Finding]:
    """An assessment's folder must equal its `year`.

    Bad:  assessments/2023/tvca.yaml holding `year: 2022`
    Good: assessments/2022/tvca.yaml holding `year: 2022`
    """
    register = ctx.register
    for entry in register.assessments:
        if entry.placed.folder != str(entry.record.year):
            yield Finding(
                entry.doc,
                ("year",),
                f"`year: {entry.record.year}` is filed under `{entry.placed.folder}/`",
                f"move the file to assessments/{entry.record.year}/, or correct `year`",
            )


RULES = (
    stem_matches_id,
    folder_matches_year,
    reported_while_reading(
        "L003",
        "outside-layout",
        Severity.WARNING,
        """
        A YAML file is outside the register layout, so it is not read.

        The layout is policy.yaml, partnerships/<id>.yaml, assessments/<year>/<id>.yaml and
        actions/<plan-id>.yaml under register/.
        """,
    ),
)
