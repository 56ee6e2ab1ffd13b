"""Positioned documents: plain data that remembers where each key and value was written.

Scalars stay `str` until the schema types them (no Norway problem). Each mapping and
sequence carries the 1-based positions of its children, so any error found later can
point at the exact key or value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# (key line, key col, value line, value col), all 1-based
KeyMarks = tuple[int, int, int, int]
Position = tuple[int, int]
PathItem = str | int


class PosDict(dict[str, Any]):
    """A mapping with `marks[key]`; keys whose value was null keep their mark but no entry."""

    __slots__ = ("marks", "start")

    def __init__(self, start: Position) -> None:
        super().__init__()
        self.start = start
        self.marks: dict[str, KeyMarks] = {}


class PosList(list[Any]):
    """A sequence with `marks[i]`, the position of item i."""

    __slots__ = ("marks", "start")

    def __init__(self, start: Position) -> None:
        super().__init__()
        self.start = start
        self.marks: list[Position] = []


@dataclass(slots=True)
class Document:
    """One loaded file: its register-relative path, text and positioned data."""

    path: str
    text: str
    data: PosDict = field(repr=False)
    # Some key was written with no value (and so left out of `data`).
    has_empty_values: bool = False

    def position(self, path: tuple[PathItem, ...], *, key: bool = False) -> Position:
        """Where the value at `path` was written, or its key with `key=True`.

        A path that runs past what was written (a missing key, say) points at the
        nearest thing that was written on the way down.
        """
        node: Any = self.data
        here: Position = self.data.start
        for depth, item in enumerate(path):
            last = depth == len(path) - 1
            if isinstance(node, PosDict) and isinstance(item, str) and item in node.marks:
                kl, kc, vl, vc = node.marks[item]
                here = (kl, kc) if (key and last) else (vl, vc)
                node = node.get(item)
            elif isinstance(node, PosList) and isinstance(item, int) and 0 <= item < len(node):
                here = node.marks[item]
                node = node[item]
            else:
                break
        return here


_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
SHOWN_CHARS = 60


def shown(text: str) -> str:
    """User text as a message quotes it: on one line, unable to drive a terminal, and short.

    Line breaks and control characters are written as escapes (`\\n`, `\\x1b`), so a value can
    neither forge another problem line nor send terminal codes; long text is cut with `…`.
    """
    cut = text[:SHOWN_CHARS]
    escaped = "".join(char if char.isprintable() or char == " " else _escape(char) for char in cut)
    return escaped if len(text) <= SHOWN_CHARS else f"{escaped}…"


def _escape(char: str) -> str:
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
