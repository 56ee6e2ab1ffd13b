"""`partreg actions`: every action with its state on a day, as a table, JSON or CSV."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from partreg.compute.actions import ActionFact


def _row(fact: ActionFact) -> dict[str, Any]:
    action = fact.action
    latest = fact.latest
    return {
        "plan": fact.plan_id,
        "id": action.id,
        "partnership": fact.partnership,
        "owner": action.owner,
        "target": str(action.target),
        "status": action.status,
        "overdue": fact.overdue,
        "due_soon": fact.due_soon,
        "latest_update": {"date": latest.date.isoformat(), "text": latest.text} if latest else None,
    }


def summary(facts: list[ActionFact]) -> dict[str, int]:
    return {
        "count": len(facts),
        "overdue": sum(f.overdue for f in facts),
        "due_soon": sum(f.due_soon for f in facts),
        "complete": sum(f.action.status == "complete" for f in facts),
    }


def as_json(facts: list[ActionFact]) -> str:
    document = {"actions": [_row(f) for f in facts], "summary": summary(facts)}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def as_csv(facts: list[ActionFact]) -> str:
    from partreg.output.csv_safe import to_csv

    rows = []
    for fact in facts:
        # The JSON keeps the issue's shape; the spreadsheet also carries what the table shows.
        row = {**_row(fact), "issue": fact.action.issue, "action": fact.action.action}
        latest = row.pop("latest_update") or {"date": "", "text": ""}
        rows.append([*(row[key] for key in CSV_HEADER[:-2]), latest["date"], latest["text"]])
    return to_csv(CSV_HEADER, rows)


CSV_HEADER = (
    "plan", "id", "partnership", "issue", "action", "owner", "target", "status", "overdue", "due_soon",
    "update_date", "update",
)  # fmt: skip


def _state(fact: ActionFact) -> Text:
    if fact.overdue:
        return Text("■ OVERDUE", style="bold red")
    if fact.due_soon:
        return Text("▲ due soon", style="yellow")
    return Text(fact.action.status)


def print_table(facts: list[ActionFact], console: Console, title: str | None = "Actions") -> None:
    table = Table(title=title, title_justify="left", header_style="bold")
    for column in ("Action", "Owner", "Target", "State", "Latest update"):
        table.add_column(column)
    for fact in facts:
        latest = fact.latest
        table.add_row(
            Text(f"{fact.plan_id}#{fact.action.id}\n{fact.action.action}"),
            Text(fact.action.owner),
            str(fact.action.target),
            _state(fact),
            Text(f"{latest.date}: {latest.text}" if latest else ""),
        )
    console.print(table)
    counts = summary(facts)
    console.print(
        f"{counts['count']} actions: {counts['overdue']} overdue, {counts['due_soon']} due soon, "
        f"{counts['complete']} complete"
    )
