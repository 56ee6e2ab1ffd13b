"""Terminal consoles that respect NO_COLOR and plain (non-TTY) output."""

from __future__ import annotations

import os
import sys

from rich.console import Console

# A pipe or file has no width of its own; tables should not be squeezed into 80 columns there.
PLAIN_WIDTH = 200


def make_console(*, stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    no_color = bool(os.environ.get("NO_COLOR"))
    width = None if stream.isatty() or os.environ.get("COLUMNS") else PLAIN_WIDTH
    return Console(file=stream, no_color=no_color, highlight=False, soft_wrap=True, emoji=False, width=width)


def printable(text: str) -> str:
    """Text as it can be shown on one line safely: line breaks and tabs as spaces, other control
    characters (a terminal escape, say) as `?`."""
    return "".join(char if char.isprintable() else " " if char in "\t\n\r" else "?" for char in text)
