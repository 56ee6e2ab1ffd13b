"""`resources`: the register and its resources, in the shape of the Harborough paper (004_...).

Each partnership's representation, officer hours, financial contribution, risk, value and
recommendation; one resource table per tag with a TOTAL row (Harborough §4.1's LLEP table),
one for untagged partnerships and an overall total; then the recommendations grouped as
Harborough §4 groups them. Dissolved and withdrawn partnerships are left out.

Estimates (`resources.estimate`) are marked with `*` and the footnote "*Rough estimate":
on the figures column's header when every figure in the table is an estimate (as the paper
does), otherwise on each estimated figure and on the total.
"""

from __future__ import annotations

from dataclasses import dataclass

from partreg.compute.listing import totals
from partreg.compute.status import PartnershipStatus, statuses
from partreg.model.partnership import LEFT_STATUSES, Partnership, Representative
from partreg.model.register import Register
from partreg.model.values import plain_number
from partreg.render.docx_writer import Cell, WordDocument
from partreg.render.view import ReportRequest, View, base_view, hours, money
from partreg.render.words import total_text

ACTIONS = ("increase", "maintain", "review", "reduce", "withdraw")
ESTIMATE_MARK = "*"
NOT_RECORDED = "Not recorded"
NOT_REPRESENTED = "Not represented"
NOT_ASSESSED = "Not assessed"


@dataclass(frozen=True, slots=True)
class Marking:
    """Where a table's `*` goes: on the column header, or on each estimated figure and the total."""

    header: str
    each: bool
    total: str
    footnote: bool


def _estimate_flag(partnership: Partnership) -> bool | None:
    """None when no figure is recorded, else whether the figures are a rough estimate."""
    resources = partnership.resources
    if resources is None or (resources.officer_hours_per_month is None and resources.financial_contribution is None):
        return None
    return bool(resources.estimate)


def marking(partnerships: list[Partnership]) -> Marking:
    flags = [_estimate_flag(p) for p in partnerships]
    any_estimate = any(flag is True for flag in flags)
    all_estimates = any_estimate and all(flag is not False for flag in flags)
    each = any_estimate and not all_estimates
    return Marking(ESTIMATE_MARK if all_estimates else "", each, ESTIMATE_MARK if each else "", any_estimate)


def _shown(text: str, mark: str) -> str:
    return f"{text}{mark}" if text else NOT_RECORDED


def _figures(partnership: Partnership, mark: str) -> View:
    resources = partnership.resources
    hours_value = resources.officer_hours_per_month if resources else None
    money_value = resources.financial_contribution if resources else None
    return {
        "hours": _shown(hours(hours_value), mark),
        "hours_value": hours_value,
        "money": _shown(money(money_value), mark),
        "money_value": plain_number(money_value),
        "estimate": bool(resources and resources.estimate),
    }


def _row_mark(partnership: Partnership, mark: Marking) -> str:
    return ESTIMATE_MARK if mark.each and _estimate_flag(partnership) else ""


def _person(representative: Representative) -> str:
    position = f", {representative.position}" if representative.position else ""
    return f"{representative.name}{position} ({representative.role})"


def _representation(partnership: Partnership) -> View:
    people = partnership.representatives
    if people is None:
        text, represented = NOT_RECORDED, None
    elif not people:
        text, represented = NOT_REPRESENTED, False
    else:
        text, represented = "; ".join(_person(r) for r in people), True
    return {
        "text": text,
        "represented": represented,
        "people": [{"name": r.name, "role": r.role, "position": r.position or ""} for r in people or []],
    }


def _register_row(row: PartnershipStatus, mark: Marking) -> View:
    p = row.partnership
    action = p.recommendation.action if p.recommendation else None
    rationale = (p.recommendation.rationale if p.recommendation else None) or ""
    return {
        "id": p.id,
        "name": p.name,
        "status": p.status,
        "tags": sorted(p.tags or []),
        "representation": _representation(p),
        **_figures(p, _row_mark(p, mark)),
        "risk": {
            "level": row.risk.level,
            "label": row.risk.level.capitalize() if row.risk.level else NOT_ASSESSED,
            "score": row.risk.score,
            "reason": row.risk.reason,
        },
        "value": {"level": p.value, "label": p.value.capitalize() if p.value else NOT_RECORDED},
        "recommendation": {
            "action": action,
            "label": action.capitalize() if action else NOT_RECORDED,
            "rationale": rationale,
        },
    }


def _total(rows: list[PartnershipStatus], mark: str) -> View:
    summed = totals(rows)
    return {
        "count": summed.count,
        "hours": total_text(f"{hours(summed.officer_hours_per_month)}{mark}", summed.hours_not_recorded, summed.count),
        "hours_value": summed.officer_hours_per_month,
        "money": total_text(f"{money(summed.financial_contribution)}{mark}", summed.money_not_recorded, summed.count),
        "money_value": plain_number(summed.financial_contribution),
    }


def _figure_row(partnership: Partnership, mark: Marking) -> View:
    return {"id": partnership.id, "name": partnership.name, **_figures(partnership, _row_mark(partnership, mark))}


def _group(tag: str | None, rows: list[PartnershipStatus], overall: Marking) -> View:
    mark = marking([r.partnership for r in rows])
    in_summary = ESTIMATE_MARK if overall.each and mark.footnote else ""
    return {
        "tag": tag,
        "mark": mark.header,
        "footnote": mark.footnote,
        "partnerships": [_figure_row(r.partnership, mark) for r in rows],
        "total": _total(rows, mark.total),
        # the group's line in the overall table, which marks estimates its own way
        "summary": _total(rows, in_summary),
    }


def _has_details(p: Partnership) -> bool:
    return (
        p.representatives is not None
        or _estimate_flag(p) is not None
        or (p.risk is not None and (p.risk.level is not None or p.risk.score is not None))
        or p.value is not None
        or (p.recommendation is not None and p.recommendation.action is not None)
    )


def _recommendations(rows: list[PartnershipStatus]) -> list[View]:
    sections = []
    for action in ACTIONS:
        chosen = [
            {
                "id": r.partnership.id,
                "name": r.partnership.name,
                "rationale": r.partnership.recommendation.rationale or "",
            }
            for r in rows
            if r.partnership.recommendation is not None and r.partnership.recommendation.action == action
        ]
        if chosen:
            sections.append({"action": action, "partnerships": chosen})
    return sections


def build(register: Register, request: ReportRequest) -> View:
    every = statuses(register, request.year, include_left=True)  # name order
    rows = [r for r in every if r.partnership.status not in LEFT_STATUSES]
    partnerships = [r.partnership for r in rows]
    overall = marking(partnerships)
    tags = sorted({tag for p in partnerships for tag in p.tags or []})
    untagged = [r for r in rows if not r.partnership.tags]
    return {
        **base_view("resources", register.policy.council, request),
        "count": len(rows),
        "left_out": len(every) - len(rows),
        "recorded": {
            "details": any(_has_details(p) for p in partnerships),
            "resources": any(_estimate_flag(p) is not None for p in partnerships),
            "recommendations": any(p.recommendation is not None and p.recommendation.action for p in partnerships),
        },
        "mark": overall.header,
        "footnote": overall.footnote,
        "partnerships": [_register_row(r, overall) for r in rows],
        "tags": [_group(tag, [r for r in rows if tag in (r.partnership.tags or [])], overall) for tag in tags],
        "untagged": _group(None, untagged, overall) if untagged else None,
        "overall": {**_total(rows, overall.total), "mark": overall.header, "footnote": overall.footnote},
        "recommendations": _recommendations(rows),
        "charts": {},
    }


def hours_header(texts: dict[str, str], mark: str) -> str:
    return f"{texts['hours_column']}{mark} {texts['hours_column_note']}".strip()


def _figures_table(texts: dict[str, str], doc: WordDocument, group: View) -> None:
    body: list[list[Cell]] = [[p["name"], p["hours"], p["money"]] for p in group["partnerships"]]
    body.append([texts["total_label"], group["total"]["hours"], group["total"]["money"]])
    doc.table([texts["partnership_column"], hours_header(texts, group["mark"]), texts["money_column"]], body)
    if group["footnote"]:
        doc.paragraphs(texts["estimate_footnote"])


def to_docx(view: View, texts: dict[str, str], doc: WordDocument) -> None:
    doc.title(texts["title"], texts.get("subtitle", ""))
    doc.heading(texts["intro_heading"], 1)
    doc.paragraphs(texts["intro"])

    doc.heading(texts["register_heading"], 1)
    if view["recorded"]["details"]:
        doc.table(
            [
                texts["partnership_column"],
                texts["representation_column"],
                hours_header(texts, view["mark"]),
                texts["money_column"],
                texts["risk_column"],
                texts["value_column"],
                texts["recommendation_column"],
            ],
            [
                [
                    p["name"],
                    p["representation"]["text"],
                    p["hours"],
                    p["money"],
                    p["risk"]["label"],
                    p["value"]["label"],
                    p["recommendation"]["label"],
                ]
                for p in view["partnerships"]
            ],
        )
        if view["footnote"]:
            doc.paragraphs(texts["estimate_footnote"])
        doc.paragraphs(texts["register_note"])
    else:
        doc.paragraphs(texts["no_details"])
        doc.bullets(p["name"] for p in view["partnerships"])

    doc.heading(texts["resources_heading"], 1)
    if view["recorded"]["resources"]:
        doc.paragraphs(texts["resources_intro"])
        for group in view["tags"]:
            doc.heading(texts["tag_heading"].replace("{tag}", group["tag"]), 2)
            _figures_table(texts, doc, group)
        if view["untagged"] is not None:
            doc.heading(texts["untagged_heading"], 2)
            _figures_table(texts, doc, view["untagged"])
        doc.heading(texts["overall_heading"], 2)
        labelled = [(g["tag"], g) for g in view["tags"]]
        if view["untagged"] is not None:
            labelled.append((texts["untagged_label"], view["untagged"]))
        summary: list[list[Cell]] = [
            [label, g["summary"]["count"], g["summary"]["hours"], g["summary"]["money"]] for label, g in labelled
        ]
        overall = view["overall"]
        summary.append([texts["total_label"], overall["count"], overall["hours"], overall["money"]])
        doc.table(
            [texts["group_column"], texts["count_column"], hours_header(texts, overall["mark"]), texts["money_column"]],
            summary,
        )
        if overall["footnote"]:
            doc.paragraphs(texts["estimate_footnote"])
        doc.paragraphs(texts["overall_note"])
    else:
        doc.paragraphs(texts["no_resources"])

    doc.heading(texts["recommendations_heading"], 1)
    if not view["recommendations"]:
        doc.paragraphs(texts["no_recommendations"])
    for section in view["recommendations"]:
        doc.heading(texts[f"{section['action']}_heading"], 2)
        doc.bullets(f"{p['name']}: {p['rationale'] or texts['no_rationale']}" for p in section["partnerships"])
    if texts.get("closing"):
        doc.paragraphs(texts["closing"])
    doc.provenance(view["provenance"]["text"])
