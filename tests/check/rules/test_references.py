from __future__ import annotations

from tests.support.checking import found
from tests.support.registers import RegisterDir


def test_r001_assessment_names_missing_partnership(reg: RegisterDir) -> None:
    reg.valid()
    reg.write("assessments/2023/safer-street.yaml", "partnership: safer-street\nyear: 2023\n")
    assert found(reg, "R001") == [("register/assessments/2023/safer-street.yaml", 1, 14)]


def test_r001_quiet_when_partnership_exists_even_if_invalid(reg: RegisterDir) -> None:
    reg.valid()
    # The partnership file fails the schema, but its id was written: no second, misleading error.
    reg.write("partnerships/broken.yaml", "id: broken\nname: B\n")
    reg.assessment("broken")
    assert found(reg, "R001") == []


def test_r002_plan_names_missing_partnership(reg: RegisterDir) -> None:
    reg.valid()
    reg.plan("extra", partnership="nobody")
    assert found(reg, "R002") == [("register/actions/extra.yaml", 2, 14)]


def test_r002_quiet_for_council_wide_plan(reg: RegisterDir) -> None:
    reg.valid()
    reg.plan("council-wide", text='id: council-wide\nactions:\n  - {id: "1", action: A, owner: O, target: ongoing}\n')
    assert found(reg, "R002") == []


def test_r003_principle_not_in_policy(reg: RegisterDir) -> None:
    reg.valid()
    reg.assessment(
        text="partnership: safer-streets\nyear: 2023\nprinciples:\n  A: {rating: green}\n  H: {rating: red}\n"
    )
    assert found(reg, "R003") == [("register/assessments/2023/safer-streets.yaml", 5, 3)]


def test_r003_uses_the_councils_own_principles(reg: RegisterDir) -> None:
    reg.valid()
    reg.write("policy.yaml", "principles:\n  - {id: P1, title: Integrity}\n")
    reg.assessment(text="partnership: safer-streets\nyear: 2023\nprinciples:\n  P1: {rating: green}\n")
    assert found(reg, "R003") == []


def test_r004_duplicate_partnership_ids(reg: RegisterDir) -> None:
    reg.valid()
    reg.write(
        "partnerships/safer-streets.yml",
        "id: safer-streets\nname: S\nstatutory: no\nsignificant: no\nlead_officer: X\n",
    )
    assert found(reg, "R004") == [("register/partnerships/safer-streets.yml", 1, 5)]


def test_r004_duplicate_principles(reg: RegisterDir) -> None:
    reg.valid()
    reg.write("policy.yaml", "principles:\n  - {id: A, title: One}\n  - {id: A, title: Two}\n")
    assert found(reg, "R004") == [("register/policy.yaml", 3, 10)]


def test_r004_plan_may_share_its_partnerships_id(reg: RegisterDir) -> None:
    reg.valid()  # plan `safer-streets` for partnership `safer-streets`
    assert found(reg, "R004") == []
