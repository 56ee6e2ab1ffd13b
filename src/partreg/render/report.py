"""Make a report: build the kind's view model, render its texts, then Markdown, HTML or Word."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from partreg.errors import PartregError
from partreg.model.register import Register
from partreg.render import charts
from partreg.render.docx_writer import WordDocument
from partreg.render.environment import make_environment, render, render_blocks, safe, template_dirs
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


def render_report(register: Register, request: ReportRequest, options: ReportOptions) -> bytes:
    if options.kind not in KINDS:
        raise PartregError(f"no report kind `{options.kind}`", f"use one of: {', '.join(KINDS)}")
    if options.output_format not in FORMATS:
        raise PartregError(f"no report format `{options.output_format}`", f"use one of: {', '.join(FORMATS)}")
    kind = KINDS[options.kind]
    view: View = kind.build(register, request)
    dirs = template_dirs(register.root, options.templates)
    plain = make_environment(dirs, html=False)
    template_view = {**view, "charts": {name: chart.as_view() for name, chart in view["charts"].items()}}
    texts = render_blocks(plain, f"{options.kind}.texts.j2", template_view)
    if options.output_format == "md":
        return _text_file(render(plain, f"{options.kind}.md.j2", {**template_view, "texts": texts}))
    if options.output_format == "html":
        chart_svg = {name: safe(charts.svg(chart, f"chart-{name}")) for name, chart in view["charts"].items()}
        html = make_environment(dirs, html=True)
        context = {**template_view, "texts": texts, "chart_svg": chart_svg}
        return _text_file(render(html, f"{options.kind}.html.j2", context))
    document = WordDocument(_reference(register.root, options.reference_docx))
    layout: Callable[[View, dict[str, str], WordDocument], Any] = kind.to_docx
    layout(view, texts, document)
    document.set_properties(texts["title"], f"{view['council']}, {request.year}", request.today)
    return document.to_bytes()


def _text_file(text: str) -> bytes:
    """One newline at the end, however the template ends."""
    return (text.rstrip() + "\n").encode("utf-8")


def _reference(root: Path, given: Path | None) -> Path | None:
    """The styles to use: `--reference-docx`, else `templates/reference.docx` beside the register."""
    if given is not None:
        if not given.is_file():
            raise PartregError(f"no reference document at {given}", "give the path of a .docx whose styles to use")
        return given
    beside = root / "templates" / REFERENCE_DOCX
    return beside if beside.is_file() else None


def default_output_name(kind: str, year: int, output_format: str) -> str:
    return f"{kind}-{year}.{output_format}"
