"""Ratings and directions on the terminal: the shared words and symbols, with colour as an extra."""

from __future__ import annotations

from rich.text import Text

from partreg.render.words import DIRECTION_SYMBOLS, RAG_SYMBOLS, rag_word, yes_no

__all__ = ["csv_cell", "direction_text", "rag_text", "rag_word", "yes_no"]

RAG_STYLES = {"green": "green", "amber": "yellow", "red": "red", None: "dim"}
DIRECTION_STYLES = {"improved": "green", "worse": "red", "unchanged": "", "new": "cyan", "unrated": "dim"}


def rag_text(rating: str | None, *, differs: bool = False) -> Text:
    """`● Green`, with `*` when the declared rating differs from the computed one."""
    label = f"{RAG_SYMBOLS[rating]} {rag_word(rating)}{'*' if differs else ''}"
    return Text(label, style=RAG_STYLES[rating])


def direction_text(direction: str) -> Text:
    return Text(f"{DIRECTION_SYMBOLS[direction]} {direction}", style=DIRECTION_STYLES[direction])


def csv_cell(value: object) -> object:
    """A value for a CSV data cell: yes or no for a boolean, as the register and `partreg import` write it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value
