"""`partreg status`: the committee's table, as a terminal table, JSON or CSV."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from partreg.compute.ratings import Rating
from partreg.compute.status import RAG_KEYS, PartnershipStatus, summary
from partreg.output.csv_safe import to_csv
from partreg.output.words import direction_text, rag_text, rag_word, yes_no


def _rating(rating: Rating) -> dict[str, Any]:
    return {
        "effective": rating.effective,
        "computed": rating.computed,
        "declared": rating.declared,
        "reason": rating.reason,
    }


def as_json(year: int, rows: list[PartnershipStatus], revision: str | None = None) -> str:
    """The table as JSON in the issue's shape; read at a revision (`--as-of`), it also names the short
    commit as `revision`."""
    document: dict[str, Any] = {
        "year": year,
        "partnerships": [
            {
                "id": r.partnership.id,
                "name": r.partnership.name,
                "statutory": r.partnership.statutory,
                "significant": r.partnership.significant,
                "governance": _rating(r.governance),
                "performance": _rating(r.performance),
                "risk": {"score": r.risk.score, "level": r.risk.level},
                "direction": {"governance": r.governance_direction, "performance": r.performance_direction},
            }
            for r in rows
        ],
        "summary": summary(rows),
    }
    if revision is not None:
        document["revision"] = revision
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


CSV_HEADER = (
    "id", "name", "statutory", "significant",
    "governance", "governance_computed", "governance_declared", "governance_reason",
    "performance", "performance_computed", "performance_declared", "performance_reason",
    "risk_score", "risk_level", "governance_direction", "performance_direction",
)  # fmt: skip


def _csv_row(r: PartnershipStatus) -> tuple[object, ...]:
    p, g, f = r.partnership, r.governance, r.performance
    identity = (p.id, p.name, p.statutory, p.significant)
    ratings = (g.effective, g.computed, g.declared, g.reason, f.effective, f.computed, f.declared, f.reason)
    return (*identity, *ratings, r.risk.score, r.risk.level, r.governance_direction, r.performance_direction)


def as_csv(rows: list[PartnershipStatus]) -> str:
    return to_csv(CSV_HEADER, (_csv_row(r) for r in rows))


def print_table(year: int, rows: list[PartnershipStatus], console: Console, revision: str | None = None) -> None:
    """The table, headed with the year and, when read from Git, the short commit."""
    title = f"Partnership register {year}" + (f" at Git commit {revision}" if revision else "")
    table = Table(title=title, title_justify="left", header_style="bold")
    for column in ("Partnership", "Id", "Statutory", "Significant", "Governance", "Performance"):
        table.add_column(column)
    table.add_column("Direction (G / P)")
    for r in rows:
        table.add_row(
            Text(r.partnership.name),
            Text(r.partnership.id),
            yes_no(r.partnership.statutory),
            yes_no(r.partnership.significant),
            rag_text(r.governance.effective, differs=r.governance.disagrees),
            rag_text(r.performance.effective, differs=r.performance.disagrees),
            _direction(r),
        )
    console.print(table)
    _print_summary(summary(rows), console)
    _print_differences(rows, console)


def _direction(row: PartnershipStatus) -> Text:
    text = direction_text(row.governance_direction)
    text.append(" / ")
    text.append_text(direction_text(row.performance_direction))
    return text


def _print_summary(counts: dict[str, Any], console: Console) -> None:
    console.print(
        f"{counts['count']} partnerships: statutory {counts['statutory']['yes']} yes, {counts['statutory']['no']} no; "
        f"significant {counts['significant']['yes']} yes, {counts['significant']['no']} no"
    )
    for area in ("governance", "performance"):
        parts = [f"{rag_word(key if key != 'unrated' else None)} {counts[area][key]}" for key in RAG_KEYS]
        console.print(f"{area.capitalize()}: " + ", ".join(parts))


def _print_differences(rows: list[PartnershipStatus], console: Console) -> None:
    differing = [
        (r.partnership.name, area, rating)
        for r in rows
        for area, rating in (("governance", r.governance), ("performance", r.performance))
        if rating.disagrees
    ]
    if not differing:
        return
    console.print()
    console.print("* declared rating differs from the computed one:")
    for name, area, rating in differing:
        console.print(Text(f"  {name}, {area}: {rating.reason}"))
