from __future__ import annotations

from tests.support.checking import found, problems
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


BROKEN_YAML = "id: broken\nname: [B\n"


def test_r001_r002_quiet_when_partnership_file_cannot_be_parsed(reg: RegisterDir) -> None:
    reg.valid()
    # The partnership file exists but is not YAML: it is reported once (Y001), and nothing else
    # claims that the partnership is missing.
    reg.write("partnerships/broken.yaml", BROKEN_YAML)
    reg.assessment("broken")
    reg.plan("broken", partnership="broken")
    assert found(reg, "Y001") == [("register/partnerships/broken.yaml", 2, 7)]
    assert found(reg, "R001") == []
    assert found(reg, "R002") == []


def test_r001_quiet_when_partnership_file_is_unreadable(reg: RegisterDir) -> None:
    reg.valid()
    reg.write_bytes("partnerships/broken.yaml", "id: broken\n".encode("utf-16"))
    reg.assessment("broken")
    assert [p for p, *_ in found(reg, "Y002")] == ["register/partnerships/broken.yaml"]
    assert found(reg, "R001") == []


def test_r001_quiet_when_partnership_file_is_a_symlink(reg: RegisterDir) -> None:
    reg.valid()
    target = reg.partnership("elsewhere")
    (reg.root / "register" / "partnerships" / "linked.yaml").symlink_to(target)
    reg.assessment("linked")
    assert found(reg, "Y015") == [("register/partnerships/linked.yaml", 1, 1)]
    assert found(reg, "R001") == []


def test_r001_still_reported_when_an_unreadable_file_has_another_stem(reg: RegisterDir) -> None:
    reg.valid()
    reg.write("partnerships/broken.yaml", BROKEN_YAML)
    reg.assessment("missing")
    assert found(reg, "R001") == [("register/assessments/2023/missing.yaml", 1, 14)]


def test_r003_quotes_an_odd_principle_id_escaped(reg: RegisterDir) -> None:
    reg.valid()
    reg.assessment(text='partnership: safer-streets\nyear: 2023\nprinciples:\n  "H\\nZ999": {rating: red}\n')
    [r003] = [p for p in problems(reg) if p.code == "R003"]
    assert r003.message == "no principle `H\\nZ999` in the policy"
