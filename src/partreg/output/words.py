"""Ratings and directions on the terminal: the shared words and symbols, with colour as an extra."""

from __future__ import annotations

from rich.text import Text

from partreg.render.words import DIRECTION_SYMBOLS, RAG_SYMBOLS, rag_word, yes_no

__all__ = ["direction_text", "plural", "rag_text", "rag_word", "yes_no"]

RAG_STYLES = {"green": "green", "amber": "yellow", "red": "red", None: "dim"}
DIRECTION_STYLES = {"improved": "green", "worse": "red", "unchanged": "", "new": "cyan", "unrated": "dim"}


def rag_text(rating: str | None, *, differs: bool = False) -> Text:
    """`● Green`, with `*` when the declared rating differs from the computed one."""
    label = f"{RAG_SYMBOLS[rating]} {rag_word(rating)}{'*' if differs else ''}"
    return Text(label, style=RAG_STYLES[rating])


def direction_text(direction: str) -> Text:
    return Text(f"{DIRECTION_SYMBOLS[direction]} {direction}", style=DIRECTION_STYLES[direction])


def plural(count: int, word: str) -> str:
    """`1 row`, `1,204 rows`."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"
