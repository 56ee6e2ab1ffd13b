"""The plain view model templates see: dicts, lists, strings and numbers, never pydantic objects.

The fields each report kind provides are documented in docs/templates.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from partreg.compute.ratings import Rating
from partreg.compute.status import PartnershipStatus
from partreg.render.provenance import Provenance
from partreg.render.words import RAG_SYMBOLS, direction_label, rag_label, rag_word, yes_no

View = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What the reader asked for: the register year, the data date, and for `actions` the previous committee."""

    year: int
    today: date
    provenance: Provenance
    previous: date | None = None


def rag_cell(rating: Rating) -> View:
    return {
        "value": rating.effective,
        "word": rag_word(rating.effective),
        "symbol": RAG_SYMBOLS[rating.effective],
        "label": rag_label(rating.effective),
        "differs": rating.disagrees,
        "reason": rating.reason,
    }


def direction_cell(direction: str) -> View:
    return {"value": direction, "label": direction_label(direction)}


def partnership_row(row: PartnershipStatus) -> View:
    p = row.partnership
    return {
        "id": p.id,
        "name": p.name,
        "statutory": yes_no(p.statutory),
        "significant": yes_no(p.significant),
        "governance": rag_cell(row.governance),
        "performance": rag_cell(row.performance),
        "direction": {
            "governance": direction_cell(row.governance_direction),
            "performance": direction_cell(row.performance_direction),
        },
        "risk": {"score": row.risk.score, "level": row.risk.level, "reason": row.risk.reason},
    }


def money(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


def hours(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(day: date) -> str:
    """`1 December 2011`, as committee papers write it (no locale involved)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def base_view(kind: str, council: str, request: ReportRequest) -> View:
    return {
        "kind": kind,
        "council": council,
        "year": request.year,
        "data_date": request.today.isoformat(),
        "data_date_long": long_date(request.today),
        "provenance": request.provenance.as_view(),
    }
