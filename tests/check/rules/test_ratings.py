from __future__ import annotations

from tests.support.checking import found
from tests.support.registers import RegisterDir

ON_TARGET = "performance:\n  kpis:\n    - {name: Cases closed, target: 90, actual: 95}\n"


def test_g001_declared_differs_without_reason(reg: RegisterDir) -> None:
    reg.valid()
    reg.assessment(text=f"partnership: safer-streets\nyear: 2023\nissue: Ofsted\n{ON_TARGET}  rating: amber\n")
    assert found(reg, "G001") == [("register/assessments/2023/safer-streets.yaml", 7, 11)]


def test_g001_quiet_with_reason_or_agreement_or_nothing_computed(reg: RegisterDir) -> None:
    reg.valid()
    with_reason = f"{ON_TARGET}  rating: amber\n  reason: in place because of Ofsted's judgement\n"
    reg.assessment(text=f"partnership: safer-streets\nyear: 2023\nissue: Ofsted\n{with_reason}")
    reg.assessment(year=2022, text=f"partnership: safer-streets\nyear: 2022\n{ON_TARGET}  rating: Green\n")
    reg.assessment(year=2021, text="partnership: safer-streets\nyear: 2021\nissue: x\ngovernance: {rating: red}\n")
    assert found(reg, "G001") == []


def test_g002_amber_needs_an_issue(reg: RegisterDir) -> None:
    reg.valid()
    reg.assessment(text="partnership: safer-streets\nyear: 2023\ngovernance:\n  rating: amber\n")
    assert found(reg, "G002") == [("register/assessments/2023/safer-streets.yaml", 4, 11)]


def test_g002_computed_red_needs_an_issue(reg: RegisterDir) -> None:
    reg.valid()
    reg.assessment(text="partnership: safer-streets\nyear: 2023\nprinciples:\n  C: {rating: red}\n")
    assert found(reg, "G002") == [("register/assessments/2023/safer-streets.yaml", 1, 1)]


def test_g002_quiet_when_green_or_issue_given(reg: RegisterDir) -> None:
    reg.valid()
    reg.assessment(year=2022, text="partnership: safer-streets\nyear: 2022\ngovernance: {rating: amber}\nissue: x\n")
    assert found(reg, "G002") == []


def test_g003_required_document_not_held(reg: RegisterDir) -> None:
    reg.valid()
    reg.partnership(
        text="id: safer-streets\nname: S\nstatutory: no\nsignificant: yes\nlead_officer: X\n"
        "documents:\n  exit_strategy:\n    held: no\n  code_of_conduct:\n    held: no\n"
    )
    assert found(reg, "G003") == [("register/partnerships/safer-streets.yaml", 8, 11)]


def test_g003_quiet_when_held_unrecorded_or_not_required_for_tier(reg: RegisterDir) -> None:
    reg.valid()
    reg.partnership(
        text="id: safer-streets\nname: S\nstatutory: no\nsignificant: no\nlead_officer: X\n"
        "documents:\n  exit_strategy: {held: no}\n  terms_of_reference: {held: yes}\n"
    )
    assert found(reg, "G003") == []


def test_g004_declared_risk_level_against_score(reg: RegisterDir) -> None:
    reg.valid()
    reg.partnership(
        text="id: safer-streets\nname: S\nstatutory: no\nsignificant: yes\nlead_officer: X\n"
        "risk:\n  likelihood: 5\n  impact: 4\n  level: low\n"
    )
    assert found(reg, "G004") == [("register/partnerships/safer-streets.yaml", 9, 10)]


def test_g004_quiet_when_level_matches_or_no_score(reg: RegisterDir) -> None:
    reg.valid()
    reg.partnership(
        text="id: safer-streets\nname: S\nstatutory: no\nsignificant: yes\nlead_officer: X\n"
        "risk: {likelihood: 2, impact: 4, level: Medium}\n"
    )
    reg.partnership(
        "other", text="id: other\nname: O\nstatutory: no\nsignificant: no\nlead_officer: X\nrisk: {level: high}\n"
    )
    assert found(reg, "G004") == []
