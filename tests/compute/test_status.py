"""Each partnership as the committee sees it for a year, read from a real register on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from partreg.api import load_register
from partreg.compute.names import name_order
from partreg.compute.ratings import UNASSESSED, Rating
from partreg.compute.status import direction, latest_year, statuses
from partreg.model.register import Register
from tests.support.registers import RegisterDir


def rated(governance: str | None, performance: str | None = None, pid: str = "x", year: int = 2023) -> str:
    text = f"partnership: {pid}\nyear: {year}\n"
    if governance is not None:
        text += f"governance:\n  rating: {governance}\n"
    if performance is not None:
        text += f"performance:\n  rating: {performance}\n"
    return text


def load(reg: RegisterDir, history: dict[int, str]) -> Register:
    reg.partnership("x", name="X Board")
    for year, text in history.items():
        reg.assessment("x", year, text)
    register = load_register(reg.root)
    assert not register.problems
    return register


@pytest.mark.parametrize(
    ("before", "now", "expected"),
    [
        ("amber", "green", "improved"),
        ("red", "amber", "improved"),
        ("green", "red", "worse"),
        ("amber", "red", "worse"),
        ("amber", "amber", "unchanged"),
    ],
)
def test_direction_between_two_years(reg: RegisterDir, before: str, now: str, expected: str) -> None:
    register = load(reg, {2022: rated(before, before, year=2022), 2023: rated(now, "green", year=2023)})
    [status] = statuses(register, 2023)
    assert status.year == 2023
    assert status.assessment is not None
    assert status.assessment.year == 2023
    assert status.previous is not None
    assert status.previous.year == 2022
    assert status.governance.effective == now
    assert status.governance_direction == expected


def test_performance_direction_is_separate(reg: RegisterDir) -> None:
    register = load(reg, {2022: rated("green", "red", year=2022), 2023: rated("green", "amber", year=2023)})
    [status] = statuses(register, 2023)
    assert status.governance_direction == "unchanged"
    assert status.performance_direction == "improved"


def test_direction_new_without_a_previous_year(reg: RegisterDir) -> None:
    register = load(reg, {2023: rated("green", "amber")})
    [status] = statuses(register, 2023)
    assert status.previous is None
    assert status.governance_direction == "new"
    assert status.performance_direction == "new"


def test_direction_new_when_the_previous_year_was_unrated(reg: RegisterDir) -> None:
    register = load(reg, {2022: rated(None, year=2022), 2023: rated("green", "green")})
    [status] = statuses(register, 2023)
    assert status.previous is not None
    assert status.governance_direction == "new"
    assert status.performance_direction == "new"


def test_direction_unrated_when_this_year_is_unrated(reg: RegisterDir) -> None:
    register = load(reg, {2022: rated("green", "green", year=2022), 2023: rated(None)})
    [status] = statuses(register, 2023)
    assert status.governance.effective is None
    assert status.governance_direction == "unrated"
    assert status.performance_direction == "unrated"


def test_direction_unrated_without_an_assessment_for_the_year(reg: RegisterDir) -> None:
    register = load(reg, {2022: rated("green", "green", year=2022)})
    [status] = statuses(register, 2023)
    assert status.assessment is None
    assert status.previous is not None
    assert status.governance is UNASSESSED
    assert status.performance is UNASSESSED
    assert status.governance_direction == "unrated"
    assert status.performance_direction == "unrated"


def test_direction_compares_with_the_latest_earlier_year(reg: RegisterDir) -> None:
    history = {2020: rated("green", year=2020), 2021: rated("red", year=2021), 2023: rated("amber")}
    [status] = statuses(load(reg, history), 2023)
    assert status.previous is not None
    assert status.previous.year == 2021
    assert status.governance_direction == "improved"


def test_a_later_year_is_ignored(reg: RegisterDir) -> None:
    register = load(reg, {2022: rated("amber", year=2022), 2023: rated("green")})
    [status] = statuses(register, 2022)
    assert status.assessment is not None
    assert status.assessment.year == 2022
    assert status.previous is None
    assert status.governance_direction == "new"


def test_direction_uses_effective_ratings(reg: RegisterDir) -> None:
    computed_green = "principles:\n  A:\n    rating: green\n"
    history = {
        2022: f"partnership: x\nyear: 2022\n{computed_green}",
        2023: f"partnership: x\nyear: 2023\n{computed_green}governance:\n  rating: amber\n  reason: audit findings\n",
    }
    [status] = statuses(load(reg, history), 2023)
    assert status.governance.computed == "green"
    assert status.governance.effective == "amber"
    assert status.governance_direction == "worse"


def test_direction_function() -> None:
    green, amber = Rating("green", "g"), Rating("amber", "a")
    assert direction(green, amber) == "improved"
    assert direction(amber, green) == "worse"
    assert direction(green, green) == "unchanged"
    assert direction(green, None) == "new"
    assert direction(green, UNASSESSED) == "new"
    assert direction(UNASSESSED, green) == "unrated"
    assert direction(Rating("red", "r", "green"), Rating("green", "g")) == "unchanged"


def test_status_carries_ratings_and_risk(reg: RegisterDir) -> None:
    reg.partnership(
        "x", "id: x\nname: X\nstatutory: yes\nsignificant: yes\nlead_officer: Jo\nrisk:\n  likelihood: 5\n  impact: 3\n"
    )
    reg.assessment(
        "x", 2023, "partnership: x\nyear: 2023\nperformance:\n  kpis:\n    - {name: k, target: 1, actual: 2}\n"
    )
    [status] = statuses(load_register(reg.root), 2023)
    assert status.partnership.id == "x"
    assert status.performance.reason == "green: 1 of 1 KPIs on target (100%)"
    assert status.governance.reason == "unrated: no principle ratings recorded"
    assert status.risk.reason == "high: likelihood 5 × impact 3 = 15"


def test_governance_in_status_sees_the_partnership_documents(reg: RegisterDir) -> None:
    reg.partnership(
        "x",
        "id: x\nname: X\nstatutory: yes\nsignificant: yes\nlead_officer: Jo\n"
        "documents:\n  exit_strategy:\n    held: no\n",
    )
    reg.assessment("x", 2023, "partnership: x\nyear: 2023\nprinciples:\n  A:\n    rating: green\n")
    [status] = statuses(load_register(reg.root), 2023)
    assert status.governance.reason == "amber: principle A rated green; exit_strategy not held"


def test_statuses_in_name_order_ignoring_case_and_accents(reg: RegisterDir) -> None:
    reg.partnership("zeta", name="alpha Board")
    reg.partnership("beta", name="Beta Board")
    reg.partnership("alpha", name="Gamma Board")
    reg.partnership("tees", name="Tees Valley Combined Authority")
    reg.partnership("cleveland", name="Ćlevéland Police and Crime Panel")
    reg.partnership("same-b", name="Same")
    reg.partnership("same-a", name="same")
    reg.partnership("same-c", name="same")
    reg.assessment("beta", 2023)
    register = load_register(reg.root)
    names = [(s.partnership.name, s.partnership.id) for s in statuses(register, 2023)]
    assert names == [
        ("alpha Board", "zeta"),
        ("Beta Board", "beta"),
        ("Ćlevéland Police and Crime Panel", "cleveland"),
        ("Gamma Board", "alpha"),
        ("Same", "same-b"),  # names equal but for case: the name as written, then the id
        ("same", "same-a"),
        ("same", "same-c"),
        ("Tees Valley Combined Authority", "tees"),
    ]


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("Ćlevéland", "Cleveland Z"),
        ("ﬁre Board", "Fire Brigade"),  # a ligature reads as its letters (NFKD)
        ("Straße", "Strasse Z"),
        ("Åland", "Aylesbury"),
        ("Cleveland", "cleveland"),  # equal but for case: upper case first, every time
    ],
)
def test_name_order_reads_names_as_a_reader_does(earlier: str, later: str) -> None:
    assert name_order(earlier) < name_order(later)
    assert sorted([later, earlier], key=name_order) == [earlier, later]


def test_every_partnership_has_a_status_assessed_or_not(reg: RegisterDir) -> None:
    reg.partnership("one", name="One")
    reg.partnership("two", name="Two", text="id: two\nname: Two\nstatutory: no\nsignificant: no\nlead_officer: Jo\n")
    reg.assessment("one", 2023)
    result = {s.partnership.id: s for s in statuses(load_register(reg.root), 2023)}
    assert set(result) == {"one", "two"}
    assert result["one"].governance.reason == "green as declared; not computed: no principle ratings recorded"
    assert result["two"].governance is UNASSESSED
    assert result["two"].risk.reason == "not assessed"


def test_statuses_of_an_empty_register(tmp_path: Path) -> None:
    RegisterDir(tmp_path)
    register = load_register(tmp_path)
    assert statuses(register, 2023) == []
    assert latest_year(register) is None


def test_latest_year(reg: RegisterDir) -> None:
    reg.partnership("x")
    reg.partnership("y")
    reg.assessment("x", 2021)
    reg.assessment("y", 2023)
    reg.assessment("x", 2022)
    assert latest_year(load_register(reg.root)) == 2023


def test_latest_year_without_assessments(reg: RegisterDir) -> None:
    reg.partnership("x")
    assert latest_year(load_register(reg.root)) is None


def test_direction_compares_with_the_latest_earlier_year_that_was_rated(reg: RegisterDir) -> None:
    """A year with no rating in between does not make the travel `new`."""
    register = load(
        reg, {2021: rated("green", "amber", year=2021), 2022: rated("red", year=2022), 2023: rated("amber", "amber")}
    )
    (status,) = statuses(register, 2023)
    assert status.governance_direction == "improved"  # red in 2022
    assert status.performance_direction == "unchanged"  # amber in 2021; 2022 rated none


def test_a_partnership_the_council_has_left_shows_only_for_years_it_was_assessed(reg: RegisterDir) -> None:
    reg.partnership(
        "x", text="id: x\nname: X Board\nstatus: dissolved\nstatutory: no\nsignificant: yes\nlead_officer: A\n"
    )
    reg.assessment("x", 2023, rated("green", "green"))
    register = load_register(reg.root)
    assert [row.partnership.id for row in statuses(register, 2023)] == ["x"]  # on the register then
    assert statuses(register, 2024) == []
    assert [row.partnership.id for row in statuses(register, 2024, include_left=True)] == ["x"]
