"""Register text made inert in Markdown: for the report templates, the PR comment and `partreg log`.

Kept free of Jinja2 so the diff and log outputs can use it without importing the template engine.
"""

from __future__ import annotations

import re

# What can start markup inside a line of Markdown (or a table cell, `|`); raw HTML needs `<`.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# Control characters (a terminal escape, say) would reach whoever prints or pastes the text.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def escape(value: object) -> str:
    """Text safe in Markdown: no markup, no HTML, no table breaks, one line."""
    return _SPECIAL.sub(r"\\\1", _one_line(str(value)))


def escape_outside_code(text: str) -> str:
    """As `escape`, but `code spans` are kept (inside them a backslash would show literally)."""
    parts = _one_line(text).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no code spans at all
        return escape(text)
    return "`".join(_SPECIAL.sub(r"\\\1", part) if index % 2 == 0 else part for index, part in enumerate(parts))


def _one_line(text: str) -> str:
    return _CONTROL.sub("?", " ".join(text.split()))
