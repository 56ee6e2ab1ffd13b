"""`partreg diff` formatters: the terminal, a pull-request comment (Markdown), and stable JSON.

The JSON shape is documented in docs/diff-json.md: keep the two in step.
"""

from __future__ import annotations

import json
from itertools import groupby
from typing import Any

from rich.console import Console
from rich.text import Text

from partreg.diff.changes import PHRASES, Change, ChangeSet
from partreg.output.console import printable
from partreg.render import markdown

# JSON schema version: bump when a field's meaning changes.
JSON_VERSION = 1


def _heading(kind: str) -> str:
    return PHRASES[kind][1].capitalize()


def change_json(change: Change) -> dict[str, Any]:
    """One change as JSON, the same in `diff` and `log` (docs/diff-json.md)."""
    return {
        "kind": change.kind,
        "subject": change.subject,
        "name": change.name,
        "field": change.field,
        "old": change.old,
        "new": change.new,
        "text": change.text,
    }


def as_json(changes: ChangeSet) -> str:
    document = {
        "version": JSON_VERSION,
        "old": changes.old,
        "new": changes.new,
        "summary": changes.summary,
        "counts": changes.counts(),
        "changes": [change_json(change) for change in changes.sorted()],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n"


def as_markdown(changes: ChangeSet) -> str:
    """For a PR comment: the summary line first, then one section per kind of change."""
    lines = [f"**Register changes ({changes.old} → {changes.new}):** {changes.summary}", ""]
    for kind, group in groupby(changes.sorted(), key=lambda change: change.kind):
        lines += [f"### {_heading(kind)}", ""]
        lines += [f"- {markdown.escape_outside_code(change.text, mentions=False)}" for change in group]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def print_standard(changes: ChangeSet, console: Console) -> None:
    console.print(Text(printable(f"{changes.old} → {changes.new}: {changes.summary}"), style="bold"))
    for kind, group in groupby(changes.sorted(), key=lambda change: change.kind):
        console.print()
        console.print(Text(_heading(kind), style="bold underline"))
        for change in group:
            console.print(Text(f"  {printable(change.text)}", style=change_style(change)))


def change_style(change: Change) -> str:
    """Colour as an extra: red for what got worse, green for what got better."""
    if change.kind in ("finding-introduced", "action-newly-overdue", "partnership-removed"):
        return "red"
    if change.kind in ("finding-fixed", "action-completed", "partnership-added"):
        return "green"
    return ""
