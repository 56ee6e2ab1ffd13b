from __future__ import annotations

import pytest

from tests.support.checking import found, problems
from tests.support.cli import run_subprocess
from tests.support.registers import RegisterDir


def test_p001_performance_thresholds_out_of_order(reg: RegisterDir) -> None:
    reg.valid()
    reg.write("policy.yaml", "rag:\n  performance:\n    green_at: 0.5\n    amber_at: 0.8\n")
    assert found(reg, "P001") == [("register/policy.yaml", 3, 5)]


def test_p001_risk_thresholds_out_of_order(reg: RegisterDir) -> None:
    reg.valid()
    reg.write("policy.yaml", "risk:\n  high_at: 8\n  medium_at: 15\n")
    assert found(reg, "P001") == [("register/policy.yaml", 2, 3)]


def test_p001_quiet_for_defaults_and_sensible_values(reg: RegisterDir) -> None:
    reg.valid()
    reg.write("policy.yaml", "council: Harborough District Council\nrisk:\n  high_at: 16\n  medium_at: 9\n")
    assert found(reg, "P001") == []


POLICY_OUT_OF_RANGE = """\
rag:
  performance:
    green_at: 1.5
    amber_at: -0.1
  actions:
    due_soon_days: -5
risk:
  high_at: -1
  medium_at: 30
review:
  max_age_months: -1
"""


def test_each_policy_setting_out_of_its_range_is_an_s001_at_its_value(reg: RegisterDir) -> None:
    reg.valid()
    reg.write("policy.yaml", POLICY_OUT_OF_RANGE)
    found_here = [(p.line, p.col, p.message, p.hint) for p in problems(reg) if p.path == "register/policy.yaml"]
    assert found_here == [
        (3, 15, "`rag.performance.green_at`: `1.5` is outside 0 to 1", "write a share from 0 to 1"),
        (4, 15, "`rag.performance.amber_at`: `-0.1` is negative", "write zero or more"),
        (6, 20, "`rag.actions.due_soon_days`: `-5` is outside 0 to 366", "write a whole number of days from 0 to 366"),
        (8, 12, "`risk.high_at`: `-1` is outside 1 to 25", "write a whole number from 1 to 25"),
        (9, 14, "`risk.medium_at`: `30` is outside 1 to 25", "write a whole number from 1 to 25"),
        (11, 19, "`review.max_age_months`: `-1` is outside 1 to 120", "write a whole number from 1 to 120"),
    ]
    assert {p.code for p in problems(reg) if p.path == "register/policy.yaml"} == {"S001"}


@pytest.mark.parametrize(
    "setting",
    [
        "rag:\n  performance:\n    green_at: 1\n    amber_at: 0\n  actions:\n    due_soon_days: 0\n",
        "rag:\n  actions:\n    due_soon_days: 366\n",
        "risk:\n  high_at: 25\n  medium_at: 1\n",
        "review:\n  max_age_months: 1\n",
        "review:\n  max_age_months: 120\n",
    ],
)
def test_policy_settings_at_the_ends_of_their_ranges_are_accepted(reg: RegisterDir, setting: str) -> None:
    reg.valid()
    reg.write("policy.yaml", setting)
    assert [p for p in problems(reg) if p.path == "register/policy.yaml"] == []


def test_validate_reports_an_absurd_max_age_instead_of_crashing(reg: RegisterDir) -> None:
    reg.valid()  # a significant partnership with an assessment: V002 does month arithmetic on it
    reg.write("policy.yaml", "review:\n  max_age_months: -999999\n")
    ran = run_subprocess("validate", "--root", str(reg.root), "--today", "2024-06-01", "--format", "parsable")
    assert ran.exit_code == 1
    assert "internal error" not in ran.stdout + ran.stderr
    assert "register/policy.yaml:2:19: S001 error `review.max_age_months`: `-999999` is outside 1 to 120" in ran.stdout
