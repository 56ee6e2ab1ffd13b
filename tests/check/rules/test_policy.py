from __future__ import annotations

from tests.support.checking import found
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
