"""R: references. Records that name each other must name something that exists, once."""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Iterable, Iterator

from partreg.check.rule import Context, Finding, rule
from partreg.load.document import shown
from partreg.load.layout import Kind
from partreg.problems import Severity


def _unknown_partnership(name: str, known: set[str]) -> tuple[str, str]:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    hint = f"did you mean `{close[0]}`?" if close else "add register/partnerships/<id>.yaml first, or correct the id"
    return f"no partnership `{shown(name)}` in register/partnerships/", hint


@rule("R001", "assessment-partnership-exists", Severity.ERROR)
def assessment_partnership_exists(ctx: Context) -> Iterator[Finding]:
    """An assessment must name an existing partnership.

    Bad:  `partnership: tvca` with no partnerships/tvca.yaml
    """
    register = ctx.register
    known = register.known_ids(Kind.PARTNERSHIP)
    for entry in register.assessments:
        if entry.record.partnership not in known:
            yield Finding(entry.doc, ("partnership",), *_unknown_partnership(entry.record.partnership, known))


@rule("R002", "plan-partnership-exists", Severity.ERROR)
def plan_partnership_exists(ctx: Context) -> Iterator[Finding]:
    """An action plan's `partnership`, when given, must name an existing partnership.

    A council-wide plan (the Milton Keynes project plan) leaves `partnership` out.
    """
    register = ctx.register
    known = register.known_ids(Kind.PARTNERSHIP)
    for entry in register.plans:
        named = entry.record.partnership
        if named is not None and named not in known:
            yield Finding(entry.doc, ("partnership",), *_unknown_partnership(named, known))


@rule("R003", "principle-exists", Severity.ERROR)
def principle_exists(ctx: Context) -> Iterator[Finding]:
    """An assessment may rate only the principles the policy defines (A–G by default)."""
    register = ctx.register
    defined = [principle.id for principle in register.policy.principles]
    for entry in register.assessments:
        for principle_id in entry.record.principles or {}:
            if principle_id not in defined:
                yield Finding(
                    entry.doc,
                    ("principles", principle_id),
                    f"no principle `{shown(principle_id)}` in the policy",
                    f"rate one of: {', '.join(shown(principle) for principle in defined)}",
                    at_key=True,
                )


def _repeats(keys: Iterable[Hashable]) -> Iterator[int]:
    """The positions of keys seen earlier in the sequence."""
    seen: set[Hashable] = set()
    for index, key in enumerate(keys):
        if key in seen:
            yield index
        seen.add(key)


@rule("R004", "unique-ids", Severity.ERROR)
def unique_ids(ctx: Context) -> Iterator[Finding]:
    """Ids are unique within their kind: partnerships, plans, assessments per year, principles.

    A plan may share its id with its partnership. The same id in `x.yaml` and `x.yml` is a duplicate.
    """
    register = ctx.register
    hint = "give each record its own id"
    for index in _repeats(e.record.id for e in register.partnerships):
        entry = register.partnerships[index]
        yield Finding(entry.doc, ("id",), f"partnership `{entry.record.id}` is defined in another file too", hint)
    for index in _repeats(e.record.id for e in register.plans):
        plan = register.plans[index]
        yield Finding(plan.doc, ("id",), f"action plan `{plan.record.id}` is defined in another file too", hint)
    for index in _repeats((e.record.year, e.record.partnership) for e in register.assessments):
        assessment = register.assessments[index]
        yield Finding(
            assessment.doc,
            ("partnership",),
            f"`{shown(assessment.record.partnership)}` has another assessment for {assessment.record.year}",
            "keep one assessment per partnership per year",
        )
    if register.policy_entry is not None:
        for index in _repeats(p.id for p in register.policy.principles):
            yield Finding(
                register.policy_entry.doc,
                ("principles", index, "id"),
                f"principle `{shown(register.policy.principles[index].id)}` is defined more than once",
                "give each principle its own id",
            )


RULES = (assessment_partnership_exists, plan_partnership_exists, principle_exists, unique_ids)
