"""RAG ratings in order: green, then amber, then red (the worst)."""

from __future__ import annotations

from collections.abc import Iterable

from partreg.model.values import RagValue

ORDER: dict[str, int] = {"green": 0, "amber": 1, "red": 2}


def worst(ratings: Iterable[RagValue]) -> RagValue | None:
    rated = list(ratings)
    if not rated:
        return None
    return max(rated, key=rank)


def rank(rating: RagValue) -> int:
    """0 for green, 1 amber, 2 red: higher is worse."""
    return ORDER[rating]


def at_least(rating: RagValue | None, floor: RagValue) -> RagValue:
    if rating is None or ORDER[rating] < ORDER[floor]:
        return floor
    return rating
