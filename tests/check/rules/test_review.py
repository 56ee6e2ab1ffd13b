from __future__ import annotations

import json
from datetime import date

import pytest

from tests.support.checking import found, problems
from tests.support.cli import invoke
from tests.support.registers import RegisterDir

PARTNERSHIP = "id: safer-streets\nname: S\nstatutory: no\nsignificant: {significant}\nlead_officer: X\n{extra}"


def test_v001_review_date_in_past(reg: RegisterDir) -> None:
    reg.valid()
    reg.partnership(text=PARTNERSHIP.format(significant="yes", extra="review_date: 2024-05-31\n"))
    assert found(reg, "V001") == [("register/partnerships/safer-streets.yaml", 6, 14)]


def test_v001_quiet_on_the_day_or_when_dissolved(reg: RegisterDir) -> None:
    reg.valid()
    reg.partnership(text=PARTNERSHIP.format(significant="yes", extra="review_date: 2024-06-01\n"))
    extra = "status: dissolved\nreview_date: 2020-01-01\n"
    reg.partnership("old", text=PARTNERSHIP.replace("safer-streets", "old").format(significant="no", extra=extra))
    assert found(reg, "V001") == []


def test_v002_significant_partnership_assessment_too_old(reg: RegisterDir) -> None:
    reg.valid()  # assessed for 2023, taken as 2023-12-31
    assert found(reg, "V002") == []
    late = [(p.path, p.line, p.col) for p in problems(reg, today=date(2025, 1, 1)) if p.code == "V002"]
    assert late == [("register/partnerships/safer-streets.yaml", 4, 14)]


def test_v002_uses_assessed_on_and_skips_other_tiers(reg: RegisterDir) -> None:
    reg.valid()
    reg.assessment(text="partnership: safer-streets\nyear: 2023\nassessed_on: 2023-03-01\n")
    reg.partnership("minor", text=PARTNERSHIP.replace("safer-streets", "minor").format(significant="no", extra=""))
    assert found(reg, "V002") == [("register/partnerships/safer-streets.yaml", 4, 14)]


@pytest.mark.parametrize("status", ["proposed", "under-review"])
def test_v001_for_every_partnership_still_in_the_register_not_only_active(reg: RegisterDir, status: str) -> None:
    reg.valid()
    extra = f"status: {status}\nreview_date: 2024-01-01\n"
    reg.partnership(text=PARTNERSHIP.format(significant="yes", extra=extra))
    assert found(reg, "V001") == [("register/partnerships/safer-streets.yaml", 7, 14)]


@pytest.mark.parametrize("status", ["dissolved", "withdrawn"])
def test_v001_and_show_agree_on_a_partnership_the_council_has_left(reg: RegisterDir, status: str) -> None:
    reg.valid()
    extra = f"status: {status}\nreview_date: 2024-01-01\n"
    reg.partnership(text=PARTNERSHIP.format(significant="yes", extra=extra))
    assert found(reg, "V001") == []
    ran = invoke("show", "safer-streets", "--root", str(reg.root), "--today", "2024-06-01", "--format", "json")
    assert json.loads(ran.stdout)["review"]["review_date_passed"] is False
