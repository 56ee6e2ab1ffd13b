"""Review: how old the latest assessment is, and whether a review is due."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partreg import api
from partreg.compute.review import (
    add_months,
    assessed_date,
    assessment_too_old,
    months_between,
    review_date_passed,
    review_fact,
)
from partreg.model.assessment import Assessment
from partreg.model.partnership import Partnership
from tests.support.registers import RegisterDir


def assessment(year: str = "2023", assessed_on: str | None = None) -> Assessment:
    data: dict[str, Any] = {"partnership": "x", "year": year}
    if assessed_on is not None:
        data["assessed_on"] = assessed_on
    return Assessment.model_validate(data)


def partnership(review_date: str | None = None, status: str = "active") -> Partnership:
    data = {"id": "x", "name": "X", "statutory": "yes", "significant": "yes", "lead_officer": "Jo", "status": status}
    if review_date is not None:
        data["review_date"] = review_date
    return Partnership.model_validate(data)


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        (date(2024, 1, 15), date(2024, 1, 15), 0),
        (date(2024, 1, 15), date(2024, 2, 14), 0),
        (date(2024, 1, 15), date(2024, 2, 15), 1),
        (date(2024, 1, 31), date(2024, 2, 29), 1),  # a month from 31 January is 29 February
        (date(2024, 1, 31), date(2024, 3, 1), 1),
        (date(2022, 12, 31), date(2023, 12, 30), 11),
        (date(2022, 12, 31), date(2023, 12, 31), 12),
        (date(2022, 12, 31), date(2024, 1, 1), 12),
        (date(2023, 1, 15), date(2024, 2, 15), 13),
        (date(2024, 3, 15), date(2024, 1, 15), -2),
        (date(2024, 3, 15), date(2024, 1, 20), -1),
    ],
)
def test_months_between(earlier: date, later: date, months: int) -> None:
    assert months_between(earlier, later) == months


def test_months_between_backwards_is_the_negated_forward_count() -> None:
    assert months_between(date(2024, 1, 10), date(2024, 3, 15)) == 2
    assert months_between(date(2024, 3, 15), date(2024, 1, 10)) == -2


@settings(deadline=None, max_examples=200)
@given(st.dates(date(1990, 1, 1), date(2100, 12, 31)), st.dates(date(1990, 1, 1), date(2100, 12, 31)))
def test_months_between_forward_is_whole_months(earlier: date, later: date) -> None:
    if later < earlier:
        earlier, later = later, earlier
    months = months_between(earlier, later)
    assert months >= 0
    assert _add_months(earlier, months) <= later
    assert _add_months(earlier, months + 1) > later


def _add_months(start: date, months: int) -> date:
    """`start` moved on by `months`, clipped to the end of a shorter month (Jan 31 + 1 -> Feb 29)."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    for day in range(start.day, 27, -1):
        try:
            return date(year, month + 1, day)
        except ValueError:
            continue
    return date(year, month + 1, start.day)


def test_assessed_date_is_assessed_on_when_given() -> None:
    assert assessed_date(assessment("2023", "2023-06-30")) == date(2023, 6, 30)


def test_assessed_date_defaults_to_31_december_of_the_year() -> None:
    assert assessed_date(assessment("2023")) == date(2023, 12, 31)
    assert assessed_date(assessment("2020")) == date(2020, 12, 31)


def test_no_assessment_is_too_old() -> None:
    assert assessment_too_old(None, date(2024, 1, 1), 12)


def test_assessment_too_old_only_after_the_anniversary() -> None:
    latest = assessment("2023", "2023-01-15")
    assert not assessment_too_old(latest, date(2023, 6, 1), 12)
    assert not assessment_too_old(latest, date(2024, 1, 15), 12)
    assert assessment_too_old(latest, date(2024, 1, 16), 12)
    assert assessment_too_old(latest, date(2024, 1, 15), 11)
    assert not assessment_too_old(latest, date(2023, 12, 15), 11)


def test_assessment_too_old_from_the_year_end() -> None:
    latest = assessment("2022")
    assert not assessment_too_old(latest, date(2023, 12, 31), 12)
    assert assessment_too_old(latest, date(2024, 1, 1), 12)


def test_assessment_too_old_at_a_month_end_clips_to_the_shorter_month() -> None:
    latest = assessment("2024", "2024-01-31")
    assert not assessment_too_old(latest, date(2024, 2, 29), 1)
    assert assessment_too_old(latest, date(2024, 3, 1), 1)
    assert not assessment_too_old(assessment("2023", "2023-02-28"), date(2024, 2, 28), 12)
    assert assessment_too_old(assessment("2023", "2023-02-28"), date(2024, 2, 29), 12)


def test_assessment_dated_in_the_future_is_not_too_old() -> None:
    assert not assessment_too_old(assessment("2025"), date(2024, 1, 1), 12)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 15), 0, date(2024, 1, 15)),
        (date(2024, 1, 15), 12, date(2025, 1, 15)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@settings(deadline=None, max_examples=200)
@given(st.dates(date(1990, 1, 1), date(2100, 12, 31)), st.integers(0, 48))
def test_add_months_agrees_with_an_independent_count(start: date, months: int) -> None:
    assert add_months(start, months) == _add_months(start, months)
    assert months_between(start, add_months(start, months)) in {months, months - 1}


def test_review_date_passed() -> None:
    today = date(2024, 6, 15)
    assert not review_date_passed(partnership(), today)
    assert not review_date_passed(partnership("2024-06-15"), today)
    assert not review_date_passed(partnership("2024-06-16"), today)
    assert review_date_passed(partnership("2024-06-14"), today)


@pytest.mark.parametrize(("status", "passed"), [
    ("active", True), ("proposed", True), ("under-review", True), ("dissolved", False), ("withdrawn", False),
])  # fmt: skip
def test_review_date_passed_for_every_partnership_the_council_is_still_in(status: str, passed: bool) -> None:
    assert review_date_passed(partnership("2024-01-01", status), date(2024, 3, 1)) is passed


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 15), -999999, date.min),
        (date(2024, 1, 15), -24287, date.min),  # February of year 0, the year before the calendar starts
        (date(9999, 12, 31), 999999, date.max),
    ],
)
def test_add_months_past_either_end_of_the_calendar_is_that_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected
    assert assessment_too_old(assessment("2023"), date(2024, 1, 1), months) is (months < 0)


def test_review_fact_of_an_assessment_dated_after_the_day_has_no_age() -> None:
    fact = review_fact(partnership(), [assessment("2023")], date(2023, 6, 1), 12)
    assert (fact.assessed, fact.age_months, fact.assessed_after_today) == (date(2023, 12, 31), None, True)
    on_the_day = review_fact(partnership(), [assessment("2023")], date(2023, 12, 31), 12)
    assert (on_the_day.age_months, on_the_day.assessed_after_today) == (0, False)


@pytest.mark.parametrize("year", [0, 10000])
def test_validate_survives_an_assessment_year_outside_the_calendar(reg: RegisterDir, tmp_path: Path, year: int) -> None:
    reg.partnership("x")
    reg.assessment("x", year, f"partnership: x\nyear: {year}\n")
    result = api.validate(api.load_register(tmp_path), today=date(2024, 1, 1))
    assert result is not None


def test_validate_survives_an_assessment_dated_near_the_end_of_the_calendar(reg: RegisterDir, tmp_path: Path) -> None:
    reg.partnership("x")
    reg.assessment("x", 2023, "partnership: x\nyear: 2023\nassessed_on: 9999-06-01\n")
    result = api.validate(api.load_register(tmp_path), today=date(2024, 1, 1))
    assert result is not None
