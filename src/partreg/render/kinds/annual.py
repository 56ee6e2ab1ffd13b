"""`annual`: the annual partnerships report, in the shape of the Cherwell paper (003_...).

Only significant partnerships are reported. For each: its purpose, the key achievements of
the year, its governance and performance ratings with their reasons and direction against
the previous assessment, the value-for-money finding, and the key activities for the year
ahead (its open actions). A summary at the top counts the ratings and the value-for-money
findings and names the high performers.

A significant partnership is reported when it has an assessment for the year, or when it is
`active` or `under-review` (it should have one: it is then shown as not assessed). A
`proposed`, `dissolved` or `withdrawn` partnership without an assessment for the year is left out.
"""

from __future__ import annotations

from datetime import date

from partreg.compute.actions import CLOSED, ActionFact
from partreg.compute.listing import action_facts
from partreg.compute.status import PartnershipStatus, statuses, summary
from partreg.model.register import Register
from partreg.render import charts
from partreg.render.docx_writer import WordDocument
from partreg.render.view import ReportRequest, View, base_view, partnership_row

VFM_LEVELS = ("high", "medium", "low")
EXPECTED_TO_BE_ASSESSED = ("active", "under-review")


def _reported(row: PartnershipStatus) -> bool:
    partnership = row.partnership
    return partnership.significant and (row.assessment is not None or partnership.status in EXPECTED_TO_BE_ASSESSED)


def _value_for_money(row: PartnershipStatus) -> View:
    vfm = row.assessment.value_for_money if row.assessment else None
    rating = vfm.rating if vfm else None
    return {
        "rating": rating,
        "word": rating.capitalize() if rating else "Not assessed",
        "finding": vfm.finding if vfm and vfm.finding else "",
    }


def _activity(fact: ActionFact) -> View:
    action = fact.action
    return {
        "plan": fact.plan_id,
        "id": action.id,
        "issue": action.issue or "",
        "action": action.action,
        "target": "Ongoing" if action.target == "ongoing" else action.target.isoformat(),
        "owner": action.owner,
        "status": action.status.replace("-", " ").capitalize(),
        "overdue": fact.overdue,
    }


def _activities(facts: list[ActionFact], partnership_id: str) -> list[View]:
    """Open actions of the partnership's plans: soonest target first, `ongoing` last, then by plan and position."""
    mine = [
        (position, fact)
        for position, fact in enumerate(facts)
        if fact.partnership == partnership_id and fact.action.status not in CLOSED
    ]
    mine.sort(key=lambda item: (item[1].action.target_date or date.max, item[1].plan_id, item[0]))
    return [_activity(fact) for _, fact in mine]


def _reasons_given(row: PartnershipStatus) -> list[View]:
    """The lead officer's own reasons, where the rating's explanation does not already quote them."""
    return [
        {"area": area, "text": rating.declared_reason}
        for area, rating in (("governance", row.governance), ("performance", row.performance))
        if rating.declared_reason and rating.declared == rating.computed
    ]


def _partnership(row: PartnershipStatus, facts: list[ActionFact]) -> View:
    assessment = row.assessment
    return {
        **partnership_row(row),
        "purpose": row.partnership.purpose or "",
        "assessed": assessment is not None,
        "period": (assessment.period or "") if assessment else "",
        "achievements": list(assessment.achievements or []) if assessment else [],
        "reasons_given": _reasons_given(row),
        "issue": (assessment.issue or "") if assessment else "",
        "value_for_money": _value_for_money(row),
        "activities": _activities(facts, row.partnership.id),
    }


def _and_join(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _summary(rows: list[PartnershipStatus], partnerships: list[View]) -> View:
    counts = summary(rows)
    vfm = {level: sum(p["value_for_money"]["rating"] == level for p in partnerships) for level in VFM_LEVELS}
    vfm["not_assessed"] = sum(p["value_for_money"]["rating"] is None for p in partnerships)
    high = [p["name"] for p in partnerships if p["value_for_money"]["rating"] == "high"]
    return {
        "count": counts["count"],
        "assessed": sum(p["assessed"] for p in partnerships),
        "governance": counts["governance"],
        "performance": counts["performance"],
        "value_for_money": vfm,
        "high_performers": high,
        "high_performers_text": _and_join(high),
        "with_achievements": sum(bool(p["achievements"]) for p in partnerships),
        "open_actions": sum(len(p["activities"]) for p in partnerships),
    }


def build(register: Register, request: ReportRequest) -> View:
    rows = [row for row in statuses(register, request.year, include_left=True) if _reported(row)]
    facts = action_facts(register, request.today)
    partnerships = [_partnership(row, facts) for row in rows]
    counts = _summary(rows, partnerships)
    rag = charts.rag_chart({"governance": counts["governance"], "performance": counts["performance"]})
    return {
        **base_view("annual", register.policy.council, request),
        "summary": counts,
        "partnerships": partnerships,
        "charts": {"rag": rag},
    }


def to_docx(view: View, texts: dict[str, str], doc: WordDocument) -> None:
    doc.title(texts["title"], texts.get("subtitle", ""))
    doc.heading(texts["purpose_heading"], 1)
    doc.paragraphs(texts["purpose"])
    doc.heading(texts["summary_heading"], 1)
    doc.paragraphs(texts["summary"])
    counts = view["summary"]
    doc.table(
        ["Rating", "Green", "Amber", "Red", "Unrated"],
        [
            [area.capitalize(), *(counts[area][k] for k in ("green", "amber", "red", "unrated"))]
            for area in ("governance", "performance")
        ],
    )
    vfm = counts["value_for_money"]
    doc.table(
        ["Value for money", "High", "Medium", "Low", "Not assessed"],
        [["Significant partnerships", vfm["high"], vfm["medium"], vfm["low"], vfm["not_assessed"]]],
    )
    doc.paragraphs(texts["high_performers"])
    doc.chart(view["charts"]["rag"])
    doc.heading(texts["overview_heading"], 1)
    doc.table(
        ["Partnership", "Governance", "Performance", "Value for money"],
        [
            [p["name"], doc.rag(p["governance"]), doc.rag(p["performance"]), p["value_for_money"]["word"]]
            for p in view["partnerships"]
        ],
    )
    doc.paragraphs(texts["table_note"])
    doc.heading(texts["partnerships_heading"], 1)
    if not view["partnerships"]:
        doc.paragraphs(texts["no_partnerships"])
    for p in view["partnerships"]:
        _partnership_docx(p, texts, doc)
    if texts.get("closing"):
        doc.paragraphs(texts["closing"])
    doc.provenance(view["provenance"]["text"])


def _partnership_docx(p: View, texts: dict[str, str], doc: WordDocument) -> None:
    doc.heading(p["name"], 2)
    doc.paragraphs(f"Purpose: {p['purpose'] or texts['not_recorded']}")
    if not p["assessed"]:
        doc.paragraphs(texts["not_assessed"])
    doc.heading(texts["achievements_heading"], 3)
    if p["achievements"]:
        doc.bullets(p["achievements"])
    else:
        doc.paragraphs(texts["not_recorded"])
    doc.heading(texts["ratings_heading"], 3)
    doc.table(
        ["Area", "Rating", "Against last year", "Reason"],
        [
            [area.capitalize(), doc.rag(p[area]), p["direction"][area]["label"], p[area]["reason"]]
            for area in ("governance", "performance")
        ],
    )
    for given in p["reasons_given"]:
        doc.paragraphs(f"Reason given for the {given['area']} rating: {given['text']}")
    if p["issue"]:
        doc.paragraphs(f"Issue: {p['issue']}")
    doc.heading(texts["value_for_money_heading"], 3)
    vfm_cell = p["value_for_money"]
    if vfm_cell["rating"] is None and not vfm_cell["finding"]:
        doc.paragraphs(texts["value_for_money_not_assessed"])
    if vfm_cell["rating"] is not None:
        doc.paragraphs(f"Value for money: {vfm_cell['word']}.")
    if vfm_cell["finding"]:
        doc.paragraphs(f"Finding: {vfm_cell['finding']}")
    doc.heading(texts["activities_heading"], 3)
    if p["activities"]:
        doc.table(
            ["Key activity", "Target date", "Owner", "Status"],
            [
                [a["action"], a["target"], a["owner"], ("Overdue: " if a["overdue"] else "") + a["status"]]
                for a in p["activities"]
            ],
        )
    else:
        doc.paragraphs(texts["no_activities"])
