"""How ratings and directions are shown: always a word and a symbol, colour only as an extra."""

from __future__ import annotations

from rich.text import Text

# Shapes differ as well as colours, so a reader who cannot tell red from green still can.
RAG_SYMBOLS = {"green": "●", "amber": "▲", "red": "■", None: "○"}
RAG_STYLES = {"green": "green", "amber": "yellow", "red": "red", None: "dim"}
DIRECTION_SYMBOLS = {"improved": "↑", "worse": "↓", "unchanged": "→", "new": "+", "unrated": "–"}
DIRECTION_STYLES = {"improved": "green", "worse": "red", "unchanged": "", "new": "cyan", "unrated": "dim"}


def rag_word(rating: str | None) -> str:
    return rating.capitalize() if rating else "Unrated"


def rag_text(rating: str | None, *, differs: bool = False) -> Text:
    """`● Green`, with `*` when the declared rating differs from the computed one."""
    label = f"{RAG_SYMBOLS[rating]} {rag_word(rating)}{'*' if differs else ''}"
    return Text(label, style=RAG_STYLES[rating])


def direction_text(direction: str) -> Text:
    return Text(f"{DIRECTION_SYMBOLS[direction]} {direction}", style=DIRECTION_STYLES[direction])


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"
