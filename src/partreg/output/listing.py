"""`partreg list`: the register listing with resources, as a table, JSON or CSV."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from partreg.compute.listing import Totals
from partreg.compute.status import PartnershipStatus
from partreg.model.values import plain_number
from partreg.output.csv_safe import to_csv
from partreg.output.words import yes_no
from partreg.render.view import hours, money
from partreg.render.words import total_text


def _row(r: PartnershipStatus) -> dict[str, Any]:
    p = r.partnership
    resources = p.resources
    return {
        "id": p.id,
        "name": p.name,
        "status": p.status,
        "statutory": p.statutory,
        "significant": p.significant,
        "lead_officer": p.lead_officer,
        "risk_level": r.risk.level,
        "value": p.value,
        "officer_hours_per_month": plain_number(resources.officer_hours_per_month) if resources else None,
        "financial_contribution": plain_number(resources.financial_contribution) if resources else None,
        "recommendation": p.recommendation.action if p.recommendation else None,
        "tags": list(p.tags or []),
    }


def as_json(rows: list[PartnershipStatus], total: Totals) -> str:
    document = {
        "partnerships": [_row(r) for r in rows],
        "totals": {
            # The shape exactly, numbers always; the table says "Not recorded" where none was.
            "count": total.count,
            "officer_hours_per_month": plain_number(total.officer_hours_per_month),
            "financial_contribution": plain_number(total.financial_contribution),
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def as_csv(rows: list[PartnershipStatus]) -> str:
    """The JSON fields as columns; tags joined with `;`."""
    records = [{**_row(r), "tags": ";".join(r.partnership.tags or [])} for r in rows]
    return to_csv(CSV_HEADER, ([record[key] for key in CSV_HEADER] for record in records))


CSV_HEADER = (
    "id", "name", "status", "statutory", "significant", "lead_officer", "risk_level", "value",
    "officer_hours_per_month", "financial_contribution", "recommendation", "tags",
)  # fmt: skip


def print_table(rows: list[PartnershipStatus], total: Totals, console: Console) -> None:
    table = Table(title="Partnership register", title_justify="left", header_style="bold", show_footer=True)
    columns = ("Partnership", "Status", "Statutory", "Significant", "Lead officer", "Risk", "Value")
    for column in columns:
        table.add_column(column, footer="Total" if column == "Partnership" else "")
    hours_total = total_text(hours(total.officer_hours_per_month), total.hours_not_recorded, total.count)
    money_total = total_text(money(total.financial_contribution), total.money_not_recorded, total.count)
    table.add_column("Hours / month", justify="right", footer=hours_total)
    table.add_column("Contribution", justify="right", footer=money_total)
    table.add_column("Recommendation")
    for r in rows:
        p, resources = r.partnership, r.partnership.resources
        table.add_row(
            Text(f"{p.name}\n{p.id}"),
            p.status,
            yes_no(p.statutory),
            yes_no(p.significant),
            Text(p.lead_officer),
            r.risk.level or "",
            p.value or "",
            hours(resources.officer_hours_per_month if resources else None),
            money(resources.financial_contribution if resources else None),
            p.recommendation.action or "" if p.recommendation else "",
        )
    console.print(table)
    console.print(f"{total.count} partnerships")
