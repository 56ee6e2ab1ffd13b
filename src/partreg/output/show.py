"""`partreg show`: one partnership's record, assessments by year, actions and problems."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.text import Text

from partreg.compute.actions import ActionFact
from partreg.compute.review import ReviewFact
from partreg.compute.status import PartnershipStatus
from partreg.model.values import plain_number
from partreg.output import actions as action_output
from partreg.output.problems import problem_record
from partreg.output.status import _rating
from partreg.output.words import rag_text, yes_no
from partreg.problems import Problem
from partreg.render.view import hours, money


def as_json(
    current: PartnershipStatus,
    history: list[PartnershipStatus],
    review: ReviewFact,
    facts: list[ActionFact],
    problems: list[Problem],
) -> str:
    """The record as JSON. `review.age_months` is null when there is no assessment, or when it is
    dated after the data date (`review.assessed_after_data_date`); it is never negative."""
    document = {
        "partnership": _partnership(current),
        "review": {
            "latest_assessment_year": review.latest_year,
            "assessed": review.assessed.isoformat() if review.assessed else None,
            "age_months": review.age_months,
            "assessed_after_data_date": review.assessed_after_today,
            "assessment_overdue": review.assessment_overdue,
            "review_date_passed": review.review_date_passed,
        },
        "risk": {"score": current.risk.score, "level": current.risk.level, "reason": current.risk.reason},
        "assessments": [
            {
                "year": row.year,
                "period": row.assessment.period if row.assessment else None,
                "governance": _rating(row.governance),
                "performance": _rating(row.performance),
                "direction": {"governance": row.governance_direction, "performance": row.performance_direction},
                "issue": row.assessment.issue if row.assessment else None,
            }
            for row in history
        ],
        "actions": json.loads(action_output.as_json(facts))["actions"],
        "problems": [problem_record(p) for p in problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _partnership(current: PartnershipStatus) -> dict[str, Any]:
    """The record as written, with money as a number of pounds, as in every JSON output."""
    record: dict[str, Any] = current.partnership.model_dump(mode="json", exclude_none=True)
    resources = current.partnership.resources
    if resources is not None and resources.financial_contribution is not None:
        record["resources"]["financial_contribution"] = plain_number(resources.financial_contribution)
    return record


def _facts(current: PartnershipStatus) -> list[tuple[str, str]]:
    p = current.partnership
    rows: list[tuple[str, Any]] = [
        ("Id", p.id), ("Status", p.status), ("Statutory", yes_no(p.statutory)),
        ("Statutory basis", p.statutory_basis), ("Significant", yes_no(p.significant)), ("Form", p.form),
        ("Purpose", p.purpose), ("Lead officer", p.lead_officer), ("Accountable director", p.accountable_director),
        ("Partners", ", ".join(p.partners or [])), ("Priorities", ", ".join(p.priorities or [])),
        ("Start", p.start_date), ("End", p.end_date), ("Review", p.review_date),
        ("Risk", current.risk.reason if p.risk else None), ("Value", p.value),
        ("Tags", ", ".join(p.tags or [])),
    ]  # fmt: skip
    if p.resources:
        rows.append(("Officer hours / month", hours(p.resources.officer_hours_per_month)))
        rows.append(("Financial contribution", money(p.resources.financial_contribution)))
    if p.recommendation:
        rows.append(("Recommendation", f"{p.recommendation.action or ''} {p.recommendation.rationale or ''}".strip()))
    if p.documents:
        held = [f"{kind}: {'held' if doc.held else 'not held'}" for kind, doc in p.documents if doc is not None]
        rows.append(("Documents", "; ".join(held)))
    return [(label, str(value)) for label, value in rows if value not in (None, "")]


def _review_lines(review: ReviewFact) -> list[tuple[str, str]]:
    late = "; a new assessment is due" if review.assessment_overdue else ""
    lines = [("Latest assessment", f"{_latest_assessment(review)}{late}")]
    if review.review_date_passed:
        lines.append(("Review", "the review date has passed"))
    return lines


def _latest_assessment(review: ReviewFact) -> str:
    if review.assessed is None:
        return "none"
    if review.assessed_after_today or review.age_months is None:  # an age would be negative
        return f"{review.latest_year}, dated {review.assessed} (after the data date)"
    months = "1 month" if review.age_months == 1 else f"{review.age_months} months"
    return f"{review.latest_year}, dated {review.assessed}, {months} ago"


def print_record(
    current: PartnershipStatus,
    history: list[PartnershipStatus],
    review: ReviewFact,
    facts: list[ActionFact],
    problems: list[Problem],
    console: Console,
) -> None:
    console.print(Text(current.partnership.name, style="bold"))
    for label, value in [*_facts(current), *_review_lines(review)]:
        console.print(Text(f"  {label + ':':<24}{value}"))
    console.print(Text("\nAssessments", style="bold"))
    if not history:
        console.print("  none recorded")
    for row in history:
        period = f" ({row.assessment.period})" if row.assessment and row.assessment.period else ""
        console.print(Text(f"  {row.year}{period}", style="bold"))
        for area, rating in (("Governance", row.governance), ("Performance", row.performance)):
            line = Text(f"    {area + ':':<14}")
            line.append_text(rag_text(rating.effective, differs=rating.disagrees))
            line.append(f"  {rating.reason}")
            console.print(line)
        if row.assessment and row.assessment.issue:
            console.print(Text(f"    {'Issue:':<14}{row.assessment.issue}"))
    console.print(Text("\nActions", style="bold"))
    if facts:
        action_output.print_table(facts, console, title=None)
    else:
        console.print("  none recorded")
    console.print(Text("\nProblems", style="bold"))
    if not problems:
        console.print("  none")
    for problem in problems:
        where = f"{problem.path}:{problem.line}:{problem.col}"
        console.print(Text(f"  {where} {problem.code} {problem.severity.value} {problem.message}"))
