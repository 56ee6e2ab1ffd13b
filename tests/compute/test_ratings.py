"""Governance and performance ratings and the reason each carries (FORMAT.md, "Ratings")."""

from __future__ import annotations

from typing import Any

import pytest

from partreg.compute.ratings import UNASSESSED, Rating, governance, kpi_on_target, performance, rating_for_share
from partreg.model.assessment import Assessment, Kpi
from partreg.model.partnership import Partnership
from partreg.model.policy import Policy

POLICY = Policy()


def assessment(**fields: Any) -> Assessment:
    return Assessment.model_validate({"partnership": "x", "year": "2023", **fields})


def partnership(significant: str = "yes", documents: dict[str, Any] | None = None) -> Partnership:
    data: dict[str, Any] = {"id": "x", "name": "X", "statutory": "yes", "significant": significant}
    data["lead_officer"] = "A Smith"
    if documents is not None:
        data["documents"] = documents
    return Partnership.model_validate(data)


def principles(**ratings: str) -> dict[str, Any]:
    return {pid: {"rating": rating} for pid, rating in ratings.items()}


ALL_GREEN = principles(A="green", B="green", C="green", D="green", E="green", F="green", G="green")


def kpi(target: str, actual: str | None = None, higher_is_better: str | None = None) -> dict[str, str]:
    data = {"name": "k", "target": target}
    if actual is not None:
        data["actual"] = actual
    if higher_is_better is not None:
        data["higher_is_better"] = higher_is_better
    return data


def on(n: int) -> list[dict[str, str]]:
    return [kpi("90", "95") for _ in range(n)]


def off(n: int) -> list[dict[str, str]]:
    return [kpi("90", "80") for _ in range(n)]


def perf(kpis: list[dict[str, str]] | None, policy: Policy = POLICY, **declared: str) -> Rating:
    recorded: dict[str, Any] = dict(declared)
    if kpis is not None:
        recorded["kpis"] = kpis
    return performance(assessment(performance=recorded), policy)


def gov(partner: Partnership | None = None, policy: Policy = POLICY, **fields: Any) -> Rating:
    return governance(assessment(**fields), partner, policy)


# --- governance -------------------------------------------------------------------------------


def test_governance_all_seven_green() -> None:
    rating = gov(principles=ALL_GREEN)
    assert rating.computed == "green"
    assert rating.computed_reason == "green: all 7 principles rated green"
    assert rating.reason == "green: all 7 principles rated green"


def test_governance_counts_only_the_principles_rated() -> None:
    rating = gov(principles={**principles(A="green", B="green"), "C": {"evidence": "minutes"}})
    assert rating.computed_reason == "green: all 2 principles rated green"


def test_governance_one_amber() -> None:
    rating = gov(principles={**ALL_GREEN, "C": {"rating": "amber"}})
    assert rating.computed == "amber"
    assert rating.computed_reason == "amber: principle C rated amber"


def test_governance_worst_wins_and_causes_are_joined_in_written_order() -> None:
    rating = gov(principles=principles(A="green", D="amber", B="red", C="green"))
    assert rating.computed == "red"
    assert rating.computed_reason == "red: principle D rated amber; principle B rated red"


def test_governance_rating_is_case_insensitive() -> None:
    rating = gov(principles=principles(A="Amber"))
    assert rating.computed_reason == "amber: principle A rated amber"


def test_governance_no_principles_is_unrated() -> None:
    cases: list[dict[str, Any]] = [{}, {"principles": {}}, {"principles": {"A": {"evidence": "minutes"}}}]
    for fields in cases:
        rating = gov(partnership(), **fields)
        assert rating.computed is None
        assert rating.computed_reason == "unrated: no principle ratings recorded"
        assert rating.effective is None


def test_governance_required_document_not_held_makes_green_amber() -> None:
    rating = gov(partnership(documents={"exit_strategy": {"held": "no"}}), principles=ALL_GREEN)
    assert rating.computed == "amber"
    assert rating.computed_reason == "amber: all 7 principles rated green; exit_strategy not held"


def test_governance_document_not_held_alone_is_amber() -> None:
    rating = gov(partnership(documents={"exit_strategy": {"held": "no"}}))
    assert rating.computed == "amber"
    assert rating.computed_reason == "amber: exit_strategy not held"


def test_governance_document_not_held_combines_with_amber_principle() -> None:
    partner = partnership(documents={"exit_strategy": {"held": "no"}})
    rating = gov(partner, principles={**ALL_GREEN, "C": {"rating": "amber"}})
    assert rating.computed_reason == "amber: principle C rated amber; exit_strategy not held"


def test_governance_document_not_held_leaves_red_red() -> None:
    partner = partnership(documents={"risk_register": {"held": "n"}})
    rating = gov(partner, principles=principles(A="red"))
    assert rating.computed == "red"
    assert rating.computed_reason == "red: principle A rated red; risk_register not held"


def test_governance_several_documents_not_held_in_policy_order() -> None:
    documents = {"exit_strategy": {"held": "no"}, "business_case": {"held": "false"}}
    rating = gov(partnership(documents=documents), principles=principles(A="green"))
    assert rating.computed_reason == "amber: principle A rated green; business_case not held; exit_strategy not held"


def test_governance_document_not_recorded_changes_nothing() -> None:
    for documents in (None, {}, {"terms_of_reference": {"held": "yes"}}, {"exit_strategy": {"reference": "EX/1"}}):
        rating = gov(partnership(documents=documents), principles=ALL_GREEN)
        assert rating.computed == "green"
        assert rating.computed_reason == "green: all 7 principles rated green"


def test_governance_document_held_changes_nothing() -> None:
    rating = gov(partnership(documents={"exit_strategy": {"held": "yes"}}), principles=ALL_GREEN)
    assert rating.computed_reason == "green: all 7 principles rated green"


def test_governance_document_outside_the_minimum_standard_changes_nothing() -> None:
    rating = gov(partnership(documents={"code_of_conduct": {"held": "no"}}), principles=ALL_GREEN)
    assert rating.computed_reason == "green: all 7 principles rated green"


def test_governance_other_tier_needs_only_terms_of_reference() -> None:
    other = partnership(significant="no", documents={"exit_strategy": {"held": "no"}})
    assert gov(other, principles=ALL_GREEN).computed_reason == "green: all 7 principles rated green"
    other = partnership(significant="no", documents={"terms_of_reference": {"held": "no"}})
    assert gov(other, principles=ALL_GREEN).computed_reason == (
        "amber: all 7 principles rated green; terms_of_reference not held"
    )


def test_governance_follows_the_policy_minimum_standard() -> None:
    policy = Policy.model_validate({"minimum_standard": {"significant": ["code_of_conduct"]}})
    documents = {"exit_strategy": {"held": "no"}, "code_of_conduct": {"held": "no"}}
    rating = gov(partnership(documents=documents), policy, principles=ALL_GREEN)
    assert rating.computed_reason == "amber: all 7 principles rated green; code_of_conduct not held"


def test_governance_without_partnership_ignores_documents() -> None:
    assert gov(None, principles=ALL_GREEN).computed_reason == "green: all 7 principles rated green"
    assert gov(None).computed_reason == "unrated: no principle ratings recorded"


def test_governance_declared_differs_with_reason() -> None:
    rating = gov(principles=ALL_GREEN, governance={"rating": "amber", "reason": "board not quorate"})
    assert rating.effective == "amber"
    assert rating.disagrees
    assert rating.reason == "amber as declared (board not quorate); computed green: all 7 principles rated green"


def test_governance_declared_with_nothing_computed() -> None:
    rating = gov(governance={"rating": "green"})
    assert rating.effective == "green"
    assert not rating.disagrees
    assert rating.reason == "green as declared; not computed: no principle ratings recorded"


# --- performance ------------------------------------------------------------------------------


def test_performance_absent_is_unrated() -> None:
    for rating in (performance(assessment(), POLICY), perf(None)):
        assert rating.computed is None
        assert rating.effective is None
        assert rating.reason == "unrated: no KPIs recorded"


def test_performance_empty_kpis_uses_policy_no_kpis() -> None:
    rating = perf([])
    assert rating.computed == "amber"
    assert rating.reason == "amber: no KPIs in place"


@pytest.mark.parametrize("setting", ["red", "green", "Red"])
def test_performance_empty_kpis_with_policy_setting(setting: str) -> None:
    policy = Policy.model_validate({"rag": {"performance": {"no_kpis": setting}}})
    rating = perf([], policy)
    assert rating.computed == setting.lower()
    assert rating.reason == f"{setting.lower()}: no KPIs in place"


@pytest.mark.parametrize(
    ("kpis", "expected"),
    [
        (on(3), "green: 3 of 3 KPIs on target (100%)"),
        (on(4) + off(1), "green: 4 of 5 KPIs on target (80%)"),
        (on(3) + off(1), "amber: 3 of 4 KPIs on target (75%)"),
        (on(1) + off(1), "amber: 1 of 2 KPIs on target (50%)"),
        (on(2) + off(3), "red: 2 of 5 KPIs on target (40%)"),
        (on(1) + off(2), "red: 1 of 3 KPIs on target (33%)"),
        (off(1), "red: 0 of 1 KPIs on target (0%)"),
    ],
)
def test_performance_share_thresholds(kpis: list[dict[str, str]], expected: str) -> None:
    rating = perf(kpis)
    assert rating.computed == expected.split(":", maxsplit=1)[0]
    assert rating.reason == expected


def test_performance_custom_thresholds() -> None:
    policy = Policy.model_validate({"rag": {"performance": {"green_at": "0.9", "amber_at": "0.75"}}})
    assert perf(on(4) + off(1), policy).reason == "amber: 4 of 5 KPIs on target (80%)"
    assert perf(on(9) + off(1), policy).reason == "green: 9 of 10 KPIs on target (90%)"
    assert perf(on(3) + off(1), policy).reason == "amber: 3 of 4 KPIs on target (75%)"
    assert perf(on(2) + off(1), policy).reason == "red: 2 of 3 KPIs on target (66%)"


def test_performance_actual_equal_to_target_is_on_target_either_way() -> None:
    assert perf([kpi("90", "90")]).reason == "green: 1 of 1 KPIs on target (100%)"
    assert perf([kpi("90", "90", "no")]).reason == "green: 1 of 1 KPIs on target (100%)"


def test_performance_lower_is_better() -> None:
    assert perf([kpi("10", "8", "no")]).reason == "green: 1 of 1 KPIs on target (100%)"
    assert perf([kpi("10", "12", "false")]).reason == "red: 0 of 1 KPIs on target (0%)"
    assert perf([kpi("10", "12", "yes")]).reason == "green: 1 of 1 KPIs on target (100%)"


def test_kpi_on_target() -> None:
    assert kpi_on_target(Kpi.model_validate(kpi("1.5", "1.5"))) is True
    assert kpi_on_target(Kpi.model_validate(kpi("1.5", "1.4"))) is False
    assert kpi_on_target(Kpi.model_validate(kpi("1.5", "1.4", "no"))) is True
    assert kpi_on_target(Kpi.model_validate(kpi("1.5"))) is None


def test_performance_kpis_without_actual_are_not_on_target() -> None:
    rating = perf([*on(2), kpi("90")])
    assert rating.computed == "amber"
    assert rating.reason == "amber: 2 of 3 KPIs on target (66%); 1 without a result"
    rating = perf([*on(1), *off(1), kpi("90"), kpi("5")])
    assert rating.reason == "red: 1 of 4 KPIs on target (25%); 2 without a result"
    rating = perf([*on(1), *(kpi("90") for _ in range(9))])
    assert rating.reason == "red: 1 of 10 KPIs on target (10%); 9 without a result"


def test_performance_no_results_is_unrated() -> None:
    rating = perf([kpi("90"), kpi("5")])
    assert rating.computed is None
    assert rating.reason == "unrated: no results recorded for 2 KPIs"


def test_performance_percentage_is_rounded_down_so_amber_never_reads_as_the_green_threshold() -> None:
    assert perf(on(199) + off(51)).reason == "amber: 199 of 250 KPIs on target (79%)"
    assert perf(on(199) + off(1)).reason == "green: 199 of 200 KPIs on target (99%)"
    assert perf(on(1) + off(199)).reason == "red: 1 of 200 KPIs on target (0%)"


def test_rating_for_share_defaults() -> None:
    assert rating_for_share(1.0, POLICY) == "green"
    assert rating_for_share(0.8, POLICY) == "green"
    assert rating_for_share(0.79, POLICY) == "amber"
    assert rating_for_share(0.5, POLICY) == "amber"
    assert rating_for_share(0.49, POLICY) == "red"
    assert rating_for_share(0.0, POLICY) == "red"


# --- Rating: declared, effective, reason -----------------------------------------------------


def test_reason_without_declaration_is_the_computed_reason() -> None:
    rating = perf(on(1))
    assert rating.declared is None
    assert rating.effective == "green"
    assert not rating.disagrees
    assert rating.reason == "green: 1 of 1 KPIs on target (100%)"


def test_reason_when_declaration_agrees() -> None:
    rating = perf(on(1), rating="Green", reason="as computed")
    assert rating.declared == "green"
    assert rating.declared_reason == "as computed"
    assert not rating.disagrees
    assert rating.effective == "green"
    assert rating.reason == "green: 1 of 1 KPIs on target (100%)"


def test_reason_when_declared_and_computed_unrated() -> None:
    rating = perf(None, rating="amber")
    assert rating.computed is None
    assert rating.effective == "amber"
    assert not rating.disagrees
    assert rating.reason == "amber as declared; not computed: no KPIs recorded"
    rating = perf([kpi("90")], rating="red")
    assert rating.reason == "red as declared; not computed: no results recorded for 1 KPIs"


def test_reason_when_declaration_differs_with_reason() -> None:
    rating = perf(on(1), rating="amber", reason="Ofsted judgement requires improvement")
    assert rating.effective == "amber"
    assert rating.computed == "green"
    assert rating.disagrees
    assert rating.reason == (
        "amber as declared (Ofsted judgement requires improvement); computed green: 1 of 1 KPIs on target (100%)"
    )


def test_reason_when_declaration_differs_without_reason() -> None:
    rating = perf(on(1), rating="amber")
    assert rating.disagrees
    assert rating.reason == "amber as declared (no reason given); computed green: 1 of 1 KPIs on target (100%)"


def test_reason_when_declaration_differs_from_no_kpis() -> None:
    rating = perf([], rating="green", reason="KPIs being set")
    assert rating.reason == "green as declared (KPIs being set); computed amber: no KPIs in place"


def test_rating_dataclass_directly() -> None:
    assert Rating("red", "r", "green").effective == "green"
    assert Rating("red", "r", "green").disagrees
    assert not Rating("red", "r").disagrees
    assert Rating("red", "red: x", "green", "why").reason == "green as declared (why); computed red: x"
    assert Rating(None, "unrated: x").effective is None


def test_unassessed() -> None:
    assert UNASSESSED.computed is None
    assert UNASSESSED.declared is None
    assert UNASSESSED.effective is None
    assert not UNASSESSED.disagrees
    assert UNASSESSED.computed_reason == "unrated: no assessment for the year"
    assert UNASSESSED.reason == "unrated: no assessment for the year"


def test_reason_keeps_the_declared_reason_when_nothing_is_computed() -> None:
    rating = perf(None, rating="amber", reason="Ofsted judged services inadequate.")
    assert rating.reason == "amber as declared (Ofsted judged services inadequate); not computed: no KPIs recorded"
