"""`assurance`: the annual assurance report, in the shape of the Middlesbrough paper (000_...).

Purpose and principles A–G, summary counts, the table of all partnerships with direction
against last year, a paragraph for each amber or red, and the improvement plan.
"""

from __future__ import annotations

from partreg.compute.listing import action_facts
from partreg.compute.names import name_order
from partreg.compute.status import PartnershipStatus, require_assessed_year, statuses, summary
from partreg.model.plan import Action
from partreg.model.register import Register
from partreg.render import charts
from partreg.render.docx_writer import WordDocument
from partreg.render.view import ReportRequest, View, base_view, partnership_row

CONCERNING = ("amber", "red")


def _concern(row: PartnershipStatus) -> View | None:
    areas = [
        area
        for area, rating in (("governance", row.governance), ("performance", row.performance))
        if rating.effective in CONCERNING
    ]
    if not areas:
        return None
    assessment = row.assessment
    # The reasons given for the ratings of concern only: a reason for a green rating explains nothing here.
    reasons = [
        {"area": area, "text": rating.declared_reason}
        for area, rating in (("governance", row.governance), ("performance", row.performance))
        if area in areas and rating.declared_reason
    ]
    view = partnership_row(row)
    # Both ratings, so the reader sees what is a concern and what is not.
    governance, performance = view["governance"]["word"].lower(), view["performance"]["word"].lower()
    return {
        **view,
        "areas": " and ".join(areas),
        "ratings": f"Governance {governance}; performance {performance}.",
        "issue": assessment.issue if assessment and assessment.issue else "",
        "reasons": reasons,
    }


def _direction_counts(rows: list[PartnershipStatus]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {"governance": {}, "performance": {}}
    for row in rows:
        for area, direction in (("governance", row.governance_direction), ("performance", row.performance_direction)):
            counts[area][direction] = counts[area].get(direction, 0) + 1
    return counts


def _in_plan(action: Action, year: int) -> bool:
    """Open actions, and those completed in the report year or since; earlier papers reported the rest."""
    if action.status == "cancelled":
        return False
    return action.status != "complete" or action.completed is None or action.completed.year >= year


def build(register: Register, request: ReportRequest) -> View:
    require_assessed_year(register, request.year)
    rows = statuses(register, request.year)
    assessed = sum(row.assessment is not None for row in rows)
    names = {entry.record.id: entry.record.name for entry in register.partnerships}
    plan = [
        {
            "partnership": names.get(fact.partnership or "", fact.plan_id),
            "issue": fact.action.issue or "",
            "action": fact.action.action,
            "target": "Ongoing" if fact.action.target == "ongoing" else fact.action.target.isoformat(),
            "owner": fact.action.owner,
            "status": "Complete"
            if fact.action.status == "complete"
            else fact.action.status.replace("-", " ").capitalize(),
            "overdue": fact.overdue,
        }
        for fact in action_facts(register, request.today)
        if _in_plan(fact.action, request.year)
    ]
    counts = summary(rows)
    rag = charts.rag_chart({"governance": counts["governance"], "performance": counts["performance"]})
    direction = charts.direction_chart(_direction_counts(rows))
    return {
        **base_view("assurance", register.policy.council, request),
        "principles": [{"id": p.id, "title": p.title} for p in register.policy.principles],
        "summary": counts,
        "assessed": assessed,
        "partnerships": [partnership_row(row) for row in rows],
        "concerns": [concern for row in rows if (concern := _concern(row)) is not None],
        "differences": [
            {"name": row.partnership.name, "area": area, "reason": rating.reason}
            for row in rows
            for area, rating in (("governance", row.governance), ("performance", row.performance))
            if rating.disagrees
        ],
        "plan": sorted(plan, key=lambda item: name_order(item["partnership"])),
        "charts": {"rag": rag, "direction": direction},
    }


def to_docx(view: View, texts: dict[str, str], doc: WordDocument) -> None:
    doc.title(texts["title"], texts.get("subtitle", ""))
    doc.heading(texts["purpose_heading"], 1)
    doc.paragraphs(texts["purpose"])
    doc.heading(texts["principles_heading"], 1)
    doc.bullets(f"{p['id']}. {p['title']}" for p in view["principles"])
    doc.heading(texts["summary_heading"], 1)
    counts = view["summary"]
    doc.table(
        ["", "Yes", "No"],
        [
            ["Statutory", counts["statutory"]["yes"], counts["statutory"]["no"]],
            ["Significant", counts["significant"]["yes"], counts["significant"]["no"]],
        ],
    )
    doc.table(
        ["Rating", "Green", "Amber", "Red", "Unrated"],
        [[area.capitalize(), *counts[area].values()] for area in ("governance", "performance")],
    )
    doc.chart(view["charts"]["rag"])
    doc.chart(view["charts"]["direction"])
    doc.heading(texts["table_heading"], 1)
    doc.table(
        [
            "Partnership",
            "Statutory",
            "Significant",
            "Governance",
            "Performance",
            "Direction (governance / performance)",
        ],
        [
            [
                p["name"],
                p["statutory"],
                p["significant"],
                doc.rag(p["governance"]),
                doc.rag(p["performance"]),
                f"{p['direction']['governance']['label']} / {p['direction']['performance']['label']}",
            ]
            for p in view["partnerships"]
        ],
    )
    doc.paragraphs(texts["table_note"])
    if view["differences"]:
        doc.heading(texts["differences_heading"], 2)
        doc.bullets(f"{d['name']}, {d['area']}: {d['reason']}" for d in view["differences"])
    doc.heading(texts["concerns_heading"], 1)
    if not view["concerns"]:
        doc.paragraphs(texts["no_concerns"])
    for concern in view["concerns"]:
        doc.heading(concern["name"], 2)
        doc.paragraphs(concern["ratings"])
        if concern["issue"]:
            doc.paragraphs(f"Issue: {concern['issue']}")
        for reason in concern["reasons"]:
            doc.paragraphs(f"Reason given for the {reason['area']} rating: {reason['text']}")
    doc.heading(texts["plan_heading"], 1)
    if not view["plan"]:
        doc.paragraphs(texts["no_plan"])
    else:
        _plan_table(view, doc)
    if texts.get("closing"):
        doc.paragraphs(texts["closing"])
    doc.provenance(view["provenance"]["text"])


def _plan_table(view: View, doc: WordDocument) -> None:
    doc.table(
        ["Partnership", "Issue", "Planned action", "Target date", "LMT lead", "Status"],
        [
            [
                a["partnership"],
                a["issue"],
                a["action"],
                a["target"],
                a["owner"],
                ("Overdue: " if a["overdue"] else "") + a["status"],
            ]
            for a in view["plan"]
        ],
    )
