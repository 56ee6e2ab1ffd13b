"""`partreg log` formatters: the terminal, Markdown, and stable JSON.

The JSON shape (version 1; new keys may be added, none renamed or given another meaning):

    {"version": 1, "partnership": "<id>", "field": "<--field or null>",
     "entries": [{"commit": "<full sha>", "short": "<short sha>", "date": "<ISO 8601 author date>",
                  "author": "<name>", "subject": "<commit subject>",
                  "changes": [{"kind", "subject", "name", "field", "old", "new", "text"}]}]}

Each change has the same fields as in `partreg diff --format json` (docs/diff-json.md).

Entries are newest first; each commit's changes are in the order `partreg diff` shows them.
Author names and commit subjects are whatever Git holds: they are shown as plain text, never
as markup, and control characters are replaced by `?` on the terminal.
"""

from __future__ import annotations

import json

from rich.console import Console
from rich.text import Text

from partreg.diff.history import HistoryEntry
from partreg.output.changes import change_json, change_style
from partreg.output.console import printable
from partreg.render import markdown

# JSON schema version: bump when a field's meaning changes.
JSON_VERSION = 1


def as_json(partnership_id: str, entries: list[HistoryEntry], field: str | None = None) -> str:
    document = {
        "version": JSON_VERSION,
        "partnership": partnership_id,
        "field": field,
        "entries": [
            {
                "commit": entry.commit.sha,
                "short": entry.commit.short,
                "date": entry.commit.date,
                "author": entry.commit.author,
                "subject": entry.commit.subject,
                "changes": [change_json(change) for change in entry.changes],
            }
            for entry in entries
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n"


def _title(partnership_id: str, entries: list[HistoryEntry], field: str | None) -> str:
    scope = f" (field {field})" if field else ""
    count = len(entries)
    if not count:
        return f"No changes to {partnership_id}{scope} in any commit."
    return f"History of {partnership_id}{scope}: {count} commit{'s' if count != 1 else ''} changed it."


def as_markdown(partnership_id: str, entries: list[HistoryEntry], field: str | None = None) -> str:
    lines = [f"**{markdown.escape(_title(partnership_id, entries, field))}**", ""]
    for entry in entries:
        commit = entry.commit
        lines += [f"### {commit.date[:10]} · `{commit.short}` · {markdown.escape(commit.author, mentions=False)}", ""]
        lines += [f"*{markdown.escape(commit.subject, mentions=False)}*", ""]
        lines += [f"- {markdown.escape_outside_code(change.text, mentions=False)}" for change in entry.changes]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def print_standard(
    partnership_id: str, entries: list[HistoryEntry], console: Console, field: str | None = None
) -> None:
    console.print(Text(printable(_title(partnership_id, entries, field)), style="bold"))
    for entry in entries:
        commit = entry.commit
        console.print()
        head = Text()
        head.append(commit.short, style="yellow")
        head.append(f"  {commit.date[:10]}  ")
        head.append(printable(commit.author), style="bold")
        console.print(head)
        console.print(Text(f"  {printable(commit.subject)}", style="italic"))
        for change in entry.changes:
            console.print(Text(f"    {printable(change.text)}", style=change_style(change)))
