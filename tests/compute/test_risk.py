"""Risk to the council: score = likelihood × impact, level from the policy (FORMAT.md)."""

from __future__ import annotations

from typing import Any

import pytest

from partreg.compute.risk import RiskFact, level_for_score, risk_of
from partreg.model.partnership import Partnership
from partreg.model.policy import Policy

POLICY = Policy()
CUSTOM = Policy.model_validate({"risk": {"high_at": "20", "medium_at": "10"}})


def risk(policy: Policy = POLICY, /, **fields: str) -> RiskFact:
    data: dict[str, Any] = {"id": "x", "name": "X", "statutory": "yes", "significant": "yes", "lead_officer": "Jo"}
    if fields:
        data["risk"] = fields
    return risk_of(Partnership.model_validate(data), policy)


@pytest.mark.parametrize(
    ("likelihood", "impact", "score", "level"),
    [
        ("5", "5", 25, "high"),
        ("5", "3", 15, "high"),
        ("3", "5", 15, "high"),
        ("3", "4", 12, "medium"),
        ("2", "4", 8, "medium"),
        ("2", "3", 6, "low"),
        ("1", "1", 1, "low"),
    ],
)
def test_score_and_level_with_default_thresholds(likelihood: str, impact: str, score: int, level: str) -> None:
    fact = risk(likelihood=likelihood, impact=impact)
    assert fact.score == score
    assert fact.computed == level
    assert fact.level == level
    assert fact.declared is None
    assert not fact.disagrees
    assert fact.reason == f"{level}: likelihood {likelihood} × impact {impact} = {score}"


def test_reason_text_pinned() -> None:
    assert risk(likelihood="5", impact="3").reason == "high: likelihood 5 × impact 3 = 15"


@pytest.mark.parametrize(
    ("score", "default", "custom"),
    [
        (25, "high", "high"),
        (20, "high", "high"),
        (16, "high", "medium"),
        (15, "high", "medium"),
        (12, "medium", "medium"),
        (10, "medium", "medium"),
        (9, "medium", "low"),
        (8, "medium", "low"),
        (6, "low", "low"),
        (1, "low", "low"),
    ],
)
def test_level_for_score_thresholds(score: int, default: str, custom: str) -> None:
    assert level_for_score(score, POLICY) == default
    assert level_for_score(score, CUSTOM) == custom


def test_level_for_score_every_score_against_the_definition() -> None:
    for score in range(1, 26):
        expected = "high" if score >= 15 else "medium" if score >= 8 else "low"
        assert level_for_score(score, POLICY) == expected
    assert level_for_score(14, POLICY) == "medium"
    assert level_for_score(7, POLICY) == "low"


def test_custom_policy_applies() -> None:
    fact = risk(CUSTOM, likelihood="4", impact="4")
    assert fact.computed == "medium"
    assert fact.reason == "medium: likelihood 4 × impact 4 = 16"
    assert risk(CUSTOM, likelihood="4", impact="5").computed == "high"


def test_declared_level_wins_and_reason_says_so() -> None:
    fact = risk(likelihood="5", impact="3", level="Low")
    assert fact.computed == "high"
    assert fact.declared == "low"
    assert fact.level == "low"
    assert fact.disagrees
    assert fact.reason == "low as declared; computed high: likelihood 5 × impact 3 = 15"


def test_declared_level_equal_to_computed() -> None:
    fact = risk(likelihood="5", impact="3", level="high")
    assert fact.level == "high"
    assert not fact.disagrees
    assert fact.reason == "high: likelihood 5 × impact 3 = 15"


def test_declared_level_without_score() -> None:
    for fields in ({"level": "high"}, {"level": "high", "likelihood": "4"}, {"level": "high", "impact": "2"}):
        fact = risk(**fields)
        assert fact.score is None
        assert fact.computed is None
        assert fact.level == "high"
        assert not fact.disagrees
        assert fact.reason == "high as declared; no score"


def test_not_assessed() -> None:
    for fact in (risk(), risk(likelihood="4"), risk(impact="4")):
        assert fact.score is None
        assert fact.computed is None
        assert fact.declared is None
        assert fact.level is None
        assert not fact.disagrees
        assert fact.reason == "not assessed"
