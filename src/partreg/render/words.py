"""The words and symbols every output uses for ratings and directions.

RAG is always a word and a shape; colour is only ever an extra (accessibility).
"""

from __future__ import annotations

RAG_SYMBOLS: dict[str | None, str] = {"green": "●", "amber": "▲", "red": "■", None: "○"}
# Chart marks, each at least 3:1 against white (WCAG AA for graphics); the words carry the meaning.
RAG_COLOURS: dict[str | None, str] = {"green": "#2e7d32", "amber": "#c77700", "red": "#c62828", None: "#757575"}
# Light shades for table cells, dark enough text on all of them.
RAG_SHADES: dict[str | None, str] = {"green": "C8E6C9", "amber": "FFE082", "red": "FFCDD2", None: "EEEEEE"}
DIRECTION_SYMBOLS = {"improved": "↑", "worse": "↓", "unchanged": "→", "new": "+", "unrated": "–"}


def rag_word(rating: str | None) -> str:
    return rating.capitalize() if rating else "Unrated"


def rag_label(rating: str | None) -> str:
    """`● Green`: the shape and the word."""
    return f"{RAG_SYMBOLS[rating]} {rag_word(rating)}"


def direction_label(direction: str) -> str:
    return f"{DIRECTION_SYMBOLS[direction]} {direction.capitalize()}"


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def total_text(total: str, not_recorded: int, count: int) -> str:
    """A total that says when figures behind it were not recorded: none recorded is not the same as 0."""
    if count and not_recorded == count:
        return "Not recorded"
    return f"{total} ({not_recorded} not recorded)" if not_recorded else total
