"""`actions`: the action-plan progress update, in the shape of the Derby paper (002_...).

"Partnership Register – Review of High and Medium Risk Partnerships, Action Plan": the actions
grouped by partnership, highest priority (risk) level first, each with its owner, target, the
position as reported to the previous committee (`--previous`), the update now, and its status.
Council-wide plans (no partnership) form their own groups, named after the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from partreg.compute.actions import ActionFact, latest_update
from partreg.compute.listing import action_facts
from partreg.compute.names import name_order
from partreg.compute.risk import RiskFact, risk_of
from partreg.model.partnership import Partnership
from partreg.model.plan import Update
from partreg.model.register import Register
from partreg.render.docx_writer import Cell, WordDocument
from partreg.render.view import ReportRequest, View, base_view, long_date

# Groups are ordered by priority level, then name; an unassessed level sorts last.
LEVEL_ORDER: dict[str | None, int] = {"high": 0, "medium": 1, "low": 2, None: 3}
COUNT_KEYS = ("actions", "complete", "cancelled", "overdue", "due_soon", "open")
SUMMARY_HEADER = ["Partnership", "Priority level", "Actions", "Complete", "Cancelled", "Overdue", "Due soon"]


@dataclass
class _Group:
    key: tuple[str, str]
    name: str
    partnership: Partnership | None
    risk: RiskFact | None
    plans: list[str] = field(default_factory=list)
    facts: list[ActionFact] = field(default_factory=list)


def _risk_view(risk: RiskFact | None, partnership: Partnership | None) -> View:
    level = risk.level if risk is not None else None
    basis = ""
    if risk is not None and level is not None:
        scored = partnership.risk if partnership is not None else None
        if risk.score is None or scored is None:
            basis = "declared; no risk score"
        else:
            basis = f"likelihood {scored.likelihood} × impact {scored.impact} = {risk.score}"
            if risk.disagrees:
                basis = f"declared; {basis} gives {risk.computed}"
    return {
        "level": level,
        "label": level.capitalize() if level else "Not assessed",
        "score": risk.score if risk is not None else None,
        "basis": basis,
    }


def _update_view(update: Update | None) -> View | None:
    return None if update is None else {"date": update.date.isoformat(), "text": update.text}


def _status_label(status: str) -> str:
    return status.replace("-", " ").capitalize()


def _state(fact: ActionFact) -> str:
    """The status in words: overdue and due soon are said, never shown by colour alone."""
    action = fact.action
    if action.status == "complete":
        return f"Complete ({action.completed.isoformat()})" if action.completed else "Complete"
    label = _status_label(action.status)
    if fact.overdue:
        return f"Overdue: {label}"
    if fact.due_soon:
        return f"Due soon: {label}"
    return label


def _action_view(fact: ActionFact, request: ReportRequest, qualified: bool) -> View:
    action = fact.action
    previous = latest_update(action, on_or_before=request.previous) if request.previous is not None else None
    now = fact.latest
    update = _update_view(now)
    if update is not None:
        # An update the previous committee already saw is not news.
        update["new"] = request.previous is None or (now is not None and now.date > request.previous)
    raised_since = request.previous is not None and action.raised is not None and action.raised > request.previous
    full_id = f"{fact.plan_id}#{action.id}"
    return {
        "id": action.id,
        "full_id": full_id,
        "ref": full_id if qualified else action.id,
        "plan": fact.plan_id,
        "issue": action.issue or "",
        "action": action.action,
        "owner": action.owner,
        "raised": action.raised.isoformat() if action.raised else "",
        "raised_since_previous": raised_since,
        "target": "Ongoing" if action.target == "ongoing" else action.target.isoformat(),
        "status": action.status,
        "status_label": _status_label(action.status),
        "completed": action.completed.isoformat() if action.completed else "",
        "overdue": fact.overdue,
        "due_soon": fact.due_soon,
        "state": _state(fact),
        "previous": _update_view(previous),
        "current": update,  # not "update": templates would see dict.update
    }


def _counts(facts: list[ActionFact]) -> dict[str, int]:
    complete = sum(f.action.status == "complete" for f in facts)
    cancelled = sum(f.action.status == "cancelled" for f in facts)
    return {
        "actions": len(facts),
        "complete": complete,
        "cancelled": cancelled,
        "overdue": sum(f.overdue for f in facts),
        "due_soon": sum(f.due_soon for f in facts),
        "open": len(facts) - complete - cancelled,
    }


def _accountability(partnership: Partnership | None) -> View:
    director = (partnership.accountable_director or "") if partnership is not None else ""
    lead = partnership.lead_officer if partnership is not None else ""
    parts = [f"{director} (accountable director)"] if director else []
    parts += [f"{lead} (lead officer)"] if lead else []
    text = "; ".join(parts)
    return {"accountable_director": director, "lead_officer": lead, "text": text}


def _groups(register: Register, request: ReportRequest) -> list[_Group]:
    names = {entry.record.id: entry.record.title or entry.record.id for entry in register.plans}
    groups: dict[tuple[str, str], _Group] = {}
    for fact in action_facts(register, request.today):
        if fact.partnership is not None:
            key = ("partnership", fact.partnership)
            partnership = register.partnership(fact.partnership)
            name = partnership.name if partnership is not None else fact.partnership
            risk = risk_of(partnership, register.policy) if partnership is not None else None
        else:
            key, partnership, risk = ("plan", fact.plan_id), None, None
            name = names[fact.plan_id]
        group = groups.setdefault(key, _Group(key, name, partnership, risk))
        if fact.plan_id not in group.plans:
            group.plans.append(fact.plan_id)
        group.facts.append(fact)
    return sorted(
        groups.values(),
        key=lambda g: (LEVEL_ORDER[g.risk.level if g.risk else None], name_order(g.name), g.key),
    )


def build(register: Register, request: ReportRequest) -> View:
    built = _groups(register, request)
    groups = []
    for group in built:
        qualified = len(group.plans) > 1  # action ids are only unique within a plan
        groups.append(
            {
                "id": group.key[1],
                "name": group.name,
                "partnership": group.partnership.id if group.partnership is not None else None,
                "council_wide": group.key[0] == "plan",
                "plans": group.plans,
                "risk": _risk_view(group.risk, group.partnership),
                "accountability": _accountability(group.partnership),
                "counts": _counts(group.facts),
                "actions": [_action_view(fact, request, qualified) for fact in group.facts],
            }
        )
    every = [fact for group in built for fact in group.facts]
    previous = request.previous
    return {
        **base_view("actions", register.policy.council, request),
        "today": request.today.isoformat(),
        "today_long": long_date(request.today),
        "previous": previous.isoformat() if previous else None,
        "previous_long": long_date(previous) if previous else None,
        "due_soon_days": register.policy.rag.actions.due_soon_days,
        "summary": {**_counts(every), "groups": len(groups)},
        "groups": groups,
        "charts": {},
    }


def _dated(update: View) -> str:
    return f"{update['date']}: {update['text']}"


def previous_cell(action: View, texts: dict[str, str]) -> str:
    if action["previous"] is not None:
        return _dated(action["previous"])
    return texts["new_action"] if action["raised_since_previous"] else texts["no_update"]


def update_cell(action: View, texts: dict[str, str]) -> str:
    update = action["current"]
    if update is None:
        return texts["no_update"]
    return _dated(update) if update["new"] else texts["no_new_update"]


def to_docx(view: View, texts: dict[str, str], doc: WordDocument) -> None:
    doc.title(texts["title"], texts.get("subtitle", ""))
    doc.paragraphs(texts["intro"])
    doc.heading(texts["summary_heading"], 1)
    summary_rows: list[list[Cell]] = [
        [g["name"], g["risk"]["label"], *(g["counts"][key] for key in COUNT_KEYS[:5])] for g in view["groups"]
    ]
    summary_rows.append([texts["total_label"], "", *(view["summary"][key] for key in COUNT_KEYS[:5])])
    doc.table(SUMMARY_HEADER, summary_rows)
    doc.paragraphs(texts["status_note"])
    doc.heading(texts["groups_heading"], 1)
    if not view["groups"]:
        doc.paragraphs(texts["no_actions"])
    with_previous = view["previous"] is not None
    header = ["Ref", "Further actions agreed", "Owner", "Target"]
    header += [texts["previous_column"]] if with_previous else []
    header += [texts["update_column"], "Status"]
    for group in view["groups"]:
        doc.heading(group["name"], 2)
        basis = f" ({group['risk']['basis']})" if group["risk"]["basis"] else ""
        doc.paragraphs(f"Priority level: {group['risk']['label']}{basis}", keep_with_next=True)
        if group["council_wide"]:
            doc.paragraphs(texts["council_wide"], keep_with_next=True)
        if group["accountability"]["text"]:
            doc.paragraphs(f"Accountability: {group['accountability']['text']}", keep_with_next=True)
        rows: list[list[Cell]] = []
        for action in group["actions"]:
            row: list[Cell] = [action["ref"], action["action"], action["owner"], action["target"]]
            row += [previous_cell(action, texts)] if with_previous else []
            row += [update_cell(action, texts), action["state"]]
            rows.append(row)
        doc.table(header, rows)
    if texts.get("closing"):
        doc.paragraphs(texts["closing"])
    doc.provenance(view["provenance"]["text"])
