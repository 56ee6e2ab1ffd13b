"""Governance and performance ratings: computed, declared and effective (FORMAT.md, "Ratings").

Every rating carries its reason in words, as the committee would read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from partreg.compute.rag import at_least, worst
from partreg.model.assessment import Assessment, Kpi
from partreg.model.partnership import Partnership
from partreg.model.policy import Policy
from partreg.model.values import RagValue


@dataclass(frozen=True, slots=True)
class Rating:
    """What was computed from the evidence, what was declared, and which one counts."""

    computed: RagValue | None
    computed_reason: str
    declared: RagValue | None = None
    declared_reason: str | None = None

    @property
    def effective(self) -> RagValue | None:
        return self.declared if self.declared is not None else self.computed

    @property
    def disagrees(self) -> bool:
        """Declared and computed are both given and differ: the reader should be told why."""
        return self.declared is not None and self.computed is not None and self.declared != self.computed

    @property
    def reason(self) -> str:
        """The effective rating explained: the evidence, and the declaration where it differs."""
        if self.declared is None:
            return self.computed_reason
        if self.computed is None:
            given = f" ({self.declared_reason.rstrip('.')})" if self.declared_reason else ""
            return f"{self.declared} as declared{given}; not computed: {self.computed_reason.removeprefix('unrated: ')}"
        if not self.disagrees:
            return self.computed_reason
        why = (self.declared_reason or "no reason given").rstrip(".")
        return f"{self.declared} as declared ({why}); computed {self.computed_reason}"


UNASSESSED = Rating(None, "unrated: no assessment for the year")


def governance(assessment: Assessment, partnership: Partnership | None, policy: Policy) -> Rating:
    """The worst principle rating; a required document recorded as not held makes it at least amber."""
    principles = assessment.principles or {}
    rated = {pid: p.rating for pid, p in principles.items() if p.rating is not None}
    computed = worst(rated.values())
    causes: list[str] = []
    if computed is not None:
        below_green = [f"principle {pid} rated {rating}" for pid, rating in rated.items() if rating != "green"]
        all_green = (
            f"all {len(rated)} principles rated green"
            if len(rated) > 1
            else f"principle {next(iter(rated))} rated green"
        )
        causes += below_green or [all_green]
    missing = documents_not_held(partnership, policy) if partnership is not None else []
    if missing:
        computed = at_least(computed, "amber")
        causes += [f"{kind} not held" for kind in missing]
    reason = f"{computed}: {'; '.join(causes)}" if computed else "unrated: no principle ratings recorded"
    declared = assessment.governance
    return Rating(computed, reason, declared.rating if declared else None, declared.reason if declared else None)


def documents_not_held(partnership: Partnership, policy: Policy) -> list[str]:
    """Minimum-standard documents for the partnership's tier recorded as `held: no`."""
    required = policy.minimum_standard.significant if partnership.significant else policy.minimum_standard.other
    documents = partnership.documents
    if documents is None:
        return []
    missing: list[str] = []
    for kind in required:
        recorded = documents.recorded(kind)
        if recorded is not None and recorded.held is False:
            missing.append(kind)
    return missing


def kpi_on_target(kpi: Kpi) -> bool | None:
    """Actual meets target in the KPI's direction; None when no actual is recorded."""
    if kpi.actual is None:
        return None
    return kpi.actual >= kpi.target if kpi.higher_is_better else kpi.actual <= kpi.target


def rating_for_share(share: float, policy: Policy) -> RagValue:
    thresholds = policy.rag.performance
    if share >= thresholds.green_at:
        return "green"
    if share >= thresholds.amber_at:
        return "amber"
    return "red"


def performance(assessment: Assessment, policy: Policy) -> Rating:
    """The share of KPIs on target against the policy's thresholds; `kpis: []` means none in place."""
    recorded = assessment.performance
    declared = recorded.rating if recorded else None
    declared_reason = recorded.reason if recorded else None
    kpis = recorded.kpis if recorded else None
    if kpis is None:
        return Rating(None, "unrated: no KPIs recorded", declared, declared_reason)
    if not kpis:
        no_kpis = policy.rag.performance.no_kpis
        return Rating(no_kpis, f"{no_kpis}: no KPIs in place", declared, declared_reason)
    results = [kpi_on_target(kpi) for kpi in kpis]
    without_result = results.count(None)
    if without_result == len(kpis):
        return Rating(None, f"unrated: no results recorded for {len(kpis)} KPIs", declared, declared_reason)
    # A KPI without a result is not on target: a few good results must not rate the rest green.
    on_target = results.count(True)
    computed = rating_for_share(on_target / len(kpis), policy)
    # Whole percent rounded down, so 79.6% never reads as the 80% green threshold.
    percent = on_target * 100 // len(kpis)
    reason = f"{computed}: {on_target} of {len(kpis)} KPIs on target ({percent}%)"
    if without_result:
        reason += f"; {without_result} without a result"
    return Rating(computed, reason, declared, declared_reason)
