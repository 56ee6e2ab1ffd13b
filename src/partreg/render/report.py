"""Make a report: build the kind's view model, render its texts, then Markdown, HTML or Word."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from types import ModuleType
from typing import Any

from partreg.diff.changes import PHRASES, ChangeSet
from partreg.errors import PartregError
from partreg.model.register import Register
from partreg.render import charts
from partreg.render.docx_writer import WordDocument
from partreg.render.environment import make_environment, render, render_blocks, safe, template_loaders
from partreg.render.kinds import actions, annual, assurance, resources
from partreg.render.view import ReportRequest, View

KINDS: dict[str, ModuleType] = {
    "assurance": assurance,
    "actions": actions,
    "resources": resources,
    "annual": annual,
}
FORMATS = ("docx", "html", "md")
REFERENCE_DOCX = "reference.docx"


@dataclass(frozen=True, slots=True)
class ReportOptions:
    kind: str = "assurance"
    output_format: str = "docx"
    templates: Path | None = None  # --templates DIR, before the register's own templates/
    reference_docx: Path | None = None
    # The council's templates/ as read from a Git revision (`--as-of`), by file name; None: the folder.
    council_templates: dict[str, bytes] | None = None
    changes: ChangeSet | None = None  # `--since`: the appendix of changes since the last report


def render_report(register: Register, request: ReportRequest, options: ReportOptions) -> bytes:
    if options.kind not in KINDS:
        raise PartregError(f"no report kind `{options.kind}`", f"use one of: {', '.join(KINDS)}")
    if options.output_format not in FORMATS:
        raise PartregError(f"no report format `{options.output_format}`", f"use one of: {', '.join(FORMATS)}")
    if options.templates is not None and not options.templates.is_dir():
        raise PartregError(f"no templates folder at {options.templates}", "give the folder that holds your templates")
    _check_previous(options.kind, request)
    kind = KINDS[options.kind]
    view: View = kind.build(register, request)
    council = options.council_templates
    texts_by_name = (
        {name: data.decode("utf-8", "replace") for name, data in council.items()} if council is not None else None
    )
    loaders = template_loaders(register.root, options.templates, texts_by_name)
    plain = make_environment(loaders, html=False)
    view["changes"] = changes_view(options.changes) if options.changes is not None else None
    template_view = {**view, "charts": {name: chart.as_view() for name, chart in view["charts"].items()}}
    texts = render_blocks(plain, f"{options.kind}.texts.j2", template_view)
    if options.output_format == "md":
        return _text_file(render(plain, f"{options.kind}.md.j2", {**template_view, "texts": texts}))
    if options.output_format == "html":
        chart_svg = {name: safe(charts.svg(chart, f"chart-{name}")) for name, chart in view["charts"].items()}
        html = make_environment(loaders, html=True)
        context = {**template_view, "texts": texts, "chart_svg": chart_svg}
        return _text_file(render(html, f"{options.kind}.html.j2", context))
    document = WordDocument(_reference(register.root, options.reference_docx, council))
    layout: Callable[[View, dict[str, str], WordDocument], Any] = kind.to_docx
    layout(view, texts, document)
    if view["changes"] is not None:
        document.heading(view["changes"]["heading"], 1)
        document.paragraphs(view["changes"]["summary"])
        for group in view["changes"]["groups"]:
            document.heading(group["heading"], 2)
            document.bullets(group["items"])
    document.set_properties(texts["title"], f"{view['council']}, {request.year}", request.today)
    return document.to_bytes()


def _check_previous(kind: str, request: ReportRequest) -> None:
    """`--previous` dates the last committee's view of the actions, so it must come before the data date."""
    if request.previous is None:
        return
    if kind != "actions":
        raise PartregError("--previous is only for --kind actions", "leave out --previous, or give --kind actions")
    if request.previous > request.today:
        raise PartregError(
            f"--previous {request.previous} is after the data date {request.today}",
            "give the date of the previous committee, before --today",
        )


def _text_file(text: str) -> bytes:
    """One newline at the end, however the template ends."""
    return (text.rstrip() + "\n").encode("utf-8")


def _reference(root: Path, given: Path | None, council: dict[str, bytes] | None) -> Path | bytes | None:
    """The styles to use: `--reference-docx`, else the council's `templates/reference.docx`."""
    if given is not None:
        if not given.is_file():
            raise PartregError(f"no reference document at {given}", "give the path of a .docx whose styles to use")
        return given
    if council is not None:
        return council.get(REFERENCE_DOCX)
    beside = root / "templates" / REFERENCE_DOCX
    return beside if beside.is_file() else None


# Lint findings are for whoever edits the register (the pull request shows them), not for the committee.
_NOT_FOR_THE_COMMITTEE = frozenset({"finding-introduced", "finding-fixed"})


def changes_view(changes: ChangeSet) -> View:
    """The `--since` appendix: the diff between the last report's revision and this one, in plain
    words (no code spans: Word and HTML would show the backticks)."""
    groups = []
    changes = ChangeSet(changes.old, changes.new, [c for c in changes.changes if c.kind not in _NOT_FOR_THE_COMMITTEE])
    for kind, group in groupby(changes.sorted(), key=lambda change: change.kind):
        items = [change.text.replace("`", "") for change in group]
        groups.append({"heading": PHRASES[kind][1].capitalize(), "items": items})
    return {
        "heading": f"Changes since the last report ({changes.old} → {changes.new})",
        "old": changes.old,
        "new": changes.new,
        "summary": changes.summary,
        "groups": groups,
    }


def default_output_name(kind: str, year: int, output_format: str) -> str:
    return f"{kind}-{year}.{output_format}"
