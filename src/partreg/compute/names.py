"""The order names are read in: the one sort key for partnership (and any other) names."""

from __future__ import annotations

import unicodedata


def name_order(name: str) -> tuple[str, str]:
    """Sort key for a name as a reader looks it up: accents and case ignored, so "Ćlevéland Board"
    sorts among the Cs rather than after "Tees Valley"; the name as written breaks ties, so the order
    never depends on the order the files were read in."""
    decomposed = unicodedata.normalize("NFKD", name)
    unmarked = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unmarked.casefold(), name
