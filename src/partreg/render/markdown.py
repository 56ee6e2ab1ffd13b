"""Register text made inert in Markdown: for the report templates, the PR comment and `partreg log`.

Kept free of Jinja2 so the diff and log outputs can use it without importing the template engine.
"""

from __future__ import annotations

import re

from partreg.model.values import CONTROL_CHARACTER_CLASS

# What can start markup inside a line of Markdown (or a table cell, `|`); raw HTML needs `<`.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# Control characters (a terminal escape, say) would reach whoever prints or pastes the text.
_CONTROL = re.compile(f"[{CONTROL_CHARACTER_CLASS}]")  # after folding, tabs and line breaks are spaces
# After `@`, a zero-width space stops GitHub linking a mention and notifying whoever it names.
_QUIET_AT = "@\u200b"


def escape(value: object, *, mentions: bool = True) -> str:
    """Text safe in Markdown: no markup, no HTML, no table breaks, one line. With `mentions=False`
    (a PR comment), no `@name` notifies anyone."""
    return _inert(_one_line(str(value)), mentions)


def escape_outside_code(text: str, *, mentions: bool = True) -> str:
    """As `escape`, but `code spans` are kept (inside them a backslash would show literally, and a
    mention is never linked)."""
    parts = _one_line(text).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no code spans at all
        return escape(text, mentions=mentions)
    return "`".join(_inert(part, mentions) if index % 2 == 0 else part for index, part in enumerate(parts))


def _inert(text: str, mentions: bool) -> str:
    escaped = _SPECIAL.sub(r"\\\1", text)
    return escaped if mentions else escaped.replace("@", _QUIET_AT)


def _one_line(text: str) -> str:
    return _CONTROL.sub("?", " ".join(text.split()))
