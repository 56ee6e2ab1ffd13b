"""Each partnership as the committee sees it for a register year: ratings, risk, direction."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Literal

from partreg.compute import ratings
from partreg.compute.names import name_order
from partreg.compute.rag import ORDER
from partreg.compute.ratings import UNASSESSED, Rating
from partreg.compute.risk import RiskFact, risk_of
from partreg.errors import PartregError
from partreg.model.assessment import Assessment
from partreg.model.partnership import LEFT_STATUSES, Partnership
from partreg.model.policy import Policy
from partreg.model.register import Register

Direction = Literal["improved", "worse", "unchanged", "new", "unrated"]
RAG_KEYS = ("green", "amber", "red", "unrated")


@dataclass(frozen=True, slots=True)
class PartnershipStatus:
    partnership: Partnership
    year: int
    assessment: Assessment | None
    previous: Assessment | None  # the latest earlier assessment, rated or not
    governance: Rating
    performance: Rating
    risk: RiskFact
    governance_direction: Direction
    performance_direction: Direction


def assessments_by_partnership(register: Register) -> dict[str, list[Assessment]]:
    """Each partnership's assessments, oldest year first."""
    grouped: dict[str, list[Assessment]] = defaultdict(list)
    for entry in register.assessments:
        grouped[entry.record.partnership].append(entry.record)
    for assessments in grouped.values():
        assessments.sort(key=lambda assessment: assessment.year)
    return grouped


def direction(now: Rating, before: Rating | None) -> Direction:
    """Compare effective ratings with the latest earlier year that rated it (FORMAT.md: effective counts)."""
    if now.effective is None:
        return "unrated"
    if before is None or before.effective is None:
        return "new"
    change = ORDER[now.effective] - ORDER[before.effective]
    return "improved" if change < 0 else "worse" if change > 0 else "unchanged"


def rate(assessment: Assessment | None, partnership: Partnership, policy: Policy) -> tuple[Rating, Rating]:
    if assessment is None:
        return UNASSESSED, UNASSESSED
    return ratings.governance(assessment, partnership, policy), ratings.performance(assessment, policy)


def partnership_status(
    partnership: Partnership, history: list[Assessment], year: int, policy: Policy
) -> PartnershipStatus:
    current = next((a for a in history if a.year == year), None)
    earlier = [a for a in reversed(history) if a.year < year]
    governance, performance = rate(current, partnership, policy)
    before_governance, before_performance = _latest_rated(earlier, partnership, policy)
    return PartnershipStatus(
        partnership,
        year,
        current,
        earlier[0] if earlier else None,
        governance,
        performance,
        risk_of(partnership, policy),
        direction(governance, before_governance),
        direction(performance, before_performance),
    )


def _latest_rated(
    earlier: list[Assessment], partnership: Partnership, policy: Policy
) -> tuple[Rating | None, Rating | None]:
    """The latest earlier governance and performance ratings that are not unrated, each on its own:
    a year whose assessment rated only one of them still leaves the other's travel to measure."""
    governance: Rating | None = None
    performance: Rating | None = None
    for assessment in earlier:
        rated_governance, rated_performance = rate(assessment, partnership, policy)
        if governance is None and rated_governance.effective is not None:
            governance = rated_governance
        if performance is None and rated_performance.effective is not None:
            performance = rated_performance
        if governance is not None and performance is not None:
            break
    return governance, performance


def statuses(register: Register, year: int, *, include_left: bool = False) -> list[PartnershipStatus]:
    """Every partnership, significant or not, in name order; one the council has left (dissolved or
    withdrawn) only for a year it was assessed in, as it was then on the register, unless `include_left`."""
    history = assessments_by_partnership(register)
    partnerships = sorted(
        (
            e.record
            for e in register.partnerships
            if include_left
            or e.record.status not in LEFT_STATUSES
            or any(a.year == year for a in history.get(e.record.id, []))
        ),
        key=lambda p: (name_order(p.name), p.id),
    )
    return [partnership_status(p, history.get(p.id, []), year, register.policy) for p in partnerships]


def latest_year(register: Register) -> int | None:
    """The newest register year with an assessment: the default for `status` and reports."""
    return max((entry.record.year for entry in register.assessments), default=None)


def require_assessed_year(register: Register, year: int) -> None:
    """A table or paper for a year no partnership was assessed in would show every rating unrated."""
    if any(entry.record.year == year for entry in register.assessments):
        return
    years = sorted({entry.record.year for entry in register.assessments})
    hint = (
        f"the register has assessments for {', '.join(map(str, years))}; give --year {years[-1]}"
        if years
        else "add the year's assessments under register/assessments/<year>/ (partreg new assessment)"
    )
    raise PartregError(f"no partnership has an assessment for {year}", hint)


def _counts(values: list[str | None]) -> dict[str, int]:
    counted = Counter(value or "unrated" for value in values)
    return {key: counted.get(key, 0) for key in RAG_KEYS}


def summary(rows: list[PartnershipStatus]) -> dict[str, Any]:
    """The counts the committee reads under the table: statutory, significant, and each rating."""
    return {
        "count": len(rows),
        "statutory": {
            "yes": sum(r.partnership.statutory for r in rows),
            "no": sum(not r.partnership.statutory for r in rows),
        },
        "significant": {
            "yes": sum(r.partnership.significant for r in rows),
            "no": sum(not r.partnership.significant for r in rows),
        },
        "governance": _counts([r.governance.effective for r in rows]),
        "performance": _counts([r.performance.effective for r in rows]),
    }
