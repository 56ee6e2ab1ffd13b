"""Risk to the council: score = likelihood × impact, level from the policy (FORMAT.md)."""

from __future__ import annotations

from dataclasses import dataclass

from partreg.model.partnership import Partnership
from partreg.model.policy import Policy
from partreg.model.values import LevelValue


@dataclass(frozen=True, slots=True)
class RiskFact:
    score: int | None
    computed: LevelValue | None
    declared: LevelValue | None
    reason: str

    @property
    def level(self) -> LevelValue | None:
        return self.declared if self.declared is not None else self.computed

    @property
    def disagrees(self) -> bool:
        return self.declared is not None and self.computed is not None and self.declared != self.computed


def level_for_score(score: int, policy: Policy) -> LevelValue:
    if score >= policy.risk.high_at:
        return "high"
    if score >= policy.risk.medium_at:
        return "medium"
    return "low"


def risk_of(partnership: Partnership, policy: Policy) -> RiskFact:
    risk = partnership.risk
    if risk is None:
        return RiskFact(None, None, None, "not assessed")
    score = risk.score
    declared = risk.level
    if score is None:
        return RiskFact(None, None, declared, f"{declared} as declared; no score" if declared else "not assessed")
    computed = level_for_score(score, policy)
    reason = f"{computed}: likelihood {risk.likelihood} × impact {risk.impact} = {score}"
    if declared is not None and declared != computed:
        reason = f"{declared} as declared; computed {reason}"
    return RiskFact(score, computed, declared, reason)
