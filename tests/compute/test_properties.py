"""Property tests at the threshold boundaries of ratings and action dates (FORMAT.md definitions)."""

from __future__ import annotations

import math
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from partreg.compute.actions import is_due_soon, is_overdue
from partreg.compute.ratings import performance, rating_for_share
from partreg.model.assessment import Assessment
from partreg.model.plan import Action
from partreg.model.policy import Policy

PROPERTY = settings(deadline=None, max_examples=200)
STATUSES = ("planned", "in-progress", "complete", "cancelled")


def policy(green_at: float, amber_at: float) -> Policy:
    return Policy.model_validate({"rag": {"performance": {"green_at": green_at, "amber_at": amber_at}}})


def defined_rating(on: int, total: int, green_at: Fraction, amber_at: Fraction) -> str:
    """FORMAT.md: at or above green_at green; at or above amber_at amber; below red (exact arithmetic)."""
    share = Fraction(on, total)
    return "green" if share >= green_at else "amber" if share >= amber_at else "red"


@st.composite
def counts(draw: st.DrawFn) -> tuple[int, int]:
    total = draw(st.integers(1, 60))
    return draw(st.integers(0, total)), total


@st.composite
def fractions(draw: st.DrawFn) -> Fraction:
    """A threshold a council could write: a fraction with a small denominator, as its nearest float."""
    denominator = draw(st.integers(1, 60))
    return Fraction(draw(st.integers(0, denominator)), denominator)


@PROPERTY
@given(counts(), fractions(), fractions())
@example((4, 5), Fraction(4, 5), Fraction(1, 2))
@example((39, 50), Fraction(4, 5), Fraction(1, 2))
@example((1, 2), Fraction(4, 5), Fraction(1, 2))
@example((24, 49), Fraction(4, 5), Fraction(1, 2))
@example((4, 6), Fraction(2, 3), Fraction(1, 3))
@example((1, 3), Fraction(2, 3), Fraction(2, 6))
@example((3, 10), Fraction(3, 10), Fraction(1, 10))
@example((0, 7), Fraction(1, 1), Fraction(0, 1))
def test_rating_for_share_matches_the_definition(on_total: tuple[int, int], first: Fraction, second: Fraction) -> None:
    on, total = on_total
    amber_at, green_at = sorted((first, second))
    rules = policy(float(green_at), float(amber_at))
    assert rating_for_share(on / total, rules) == defined_rating(on, total, green_at, amber_at)


@PROPERTY
@given(counts())
@example((4, 5))
@example((2, 3))
@example((1, 3))
@example((1, 10))
@example((0, 1))
@example((1, 1))
def test_share_exactly_at_green_at_is_green_and_just_below_is_amber(on_total: tuple[int, int]) -> None:
    on, total = on_total
    share = on / total
    assert rating_for_share(share, policy(share, 0.0)) == "green"
    if share < 1:  # a threshold above the share must itself be a share, at most 1
        assert rating_for_share(share, policy(math.nextafter(share, math.inf), 0.0)) == "amber"
        assert rating_for_share(share, policy(1.0, share)) == "amber"
        assert rating_for_share(share, policy(1.0, math.nextafter(share, math.inf))) == "red"


KPI = st.tuples(st.integers(-5, 5), st.none() | st.integers(-5, 5), st.sampled_from(["yes", "no", None]))


def kpi_data(target: int, actual: int | None, higher: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {"name": "k", "target": str(target)}
    if actual is not None:
        data["actual"] = str(actual)
    if higher is not None:
        data["higher_is_better"] = higher
    return data


@PROPERTY
@given(
    st.lists(KPI, max_size=12), st.sampled_from([(Fraction(4, 5), Fraction(1, 2)), (Fraction(2, 3), Fraction(1, 3))])
)
@example([(90, 90, None)] * 4 + [(90, 89, None)], (Fraction(4, 5), Fraction(1, 2)))
@example([(10, 10, "no")] * 2 + [(10, 11, "no")], (Fraction(2, 3), Fraction(1, 3)))
@example([(10, 9, None)] * 3 + [(10, None, None)], (Fraction(4, 5), Fraction(1, 2)))
@example([(1, None, None)] * 2, (Fraction(4, 5), Fraction(1, 2)))
@example([], (Fraction(4, 5), Fraction(1, 2)))
def test_performance_agrees_with_an_independent_count(
    kpis: list[tuple[int, int | None, str | None]], thresholds: tuple[Fraction, Fraction]
) -> None:
    green_at, amber_at = thresholds
    rules = policy(float(green_at), float(amber_at))
    record = Assessment.model_validate(
        {"partnership": "x", "year": "2023", "performance": {"kpis": [kpi_data(*kpi) for kpi in kpis]}}
    )
    rating = performance(record, rules)

    measured = [(target, actual, higher) for target, actual, higher in kpis if actual is not None]
    on = sum(1 for target, actual, higher in measured if (actual >= target if higher != "no" else actual <= target))
    if not kpis:
        assert (rating.computed, rating.reason) == ("amber", "amber: no KPIs in place")
    elif not measured:
        assert rating.computed is None
        assert rating.reason == f"unrated: no results recorded for {len(kpis)} KPIs"
    else:
        expected = defined_rating(on, len(kpis), green_at, amber_at)
        percent = math.floor(Fraction(100 * on, len(kpis)))
        reason = f"{expected}: {on} of {len(kpis)} KPIs on target ({percent}%)"
        if len(measured) < len(kpis):
            reason += f"; {len(kpis) - len(measured)} without a result"
        assert rating.computed == expected
        assert rating.reason == reason
    assert rating.effective == rating.computed
    assert not rating.disagrees


def action(target: date | str, status: str) -> Action:
    data = {"id": "a1", "action": "Do it", "owner": "Jo", "target": str(target), "status": status}
    if status == "complete":
        data["completed"] = "2020-01-01"
    return Action.model_validate(data)


DAYS = st.dates(date(2000, 1, 1), date(2099, 12, 31))
TODAY = date(2024, 2, 29)


@PROPERTY
@given(DAYS, st.integers(-100, 100), st.sampled_from(STATUSES), st.integers(0, 60))
@example(TODAY, 0, "planned", 30)
@example(TODAY, -1, "planned", 30)
@example(TODAY, -1, "in-progress", 30)
@example(TODAY, -1, "complete", 30)
@example(TODAY, -1, "cancelled", 30)
@example(TODAY, 30, "planned", 30)
@example(TODAY, 31, "planned", 30)
@example(TODAY, 30, "cancelled", 30)
@example(TODAY, 0, "in-progress", 0)
@example(TODAY, 1, "in-progress", 0)
def test_overdue_and_due_soon_match_the_definition(today: date, offset: int, status: str, within: int) -> None:
    target = today + timedelta(days=offset)
    subject = action(target, status)
    is_open = status not in {"complete", "cancelled"}
    assert is_overdue(subject, today) == (target < today and is_open)
    assert is_due_soon(subject, today, within) == (is_open and today <= target <= today + timedelta(days=within))
    assert not (is_overdue(subject, today) and is_due_soon(subject, today, within))


@PROPERTY
@given(DAYS, st.sampled_from(STATUSES), st.integers(0, 10_000))
def test_ongoing_is_never_overdue_or_due_soon(today: date, status: str, within: int) -> None:
    subject = action("ongoing", status)
    assert not is_overdue(subject, today)
    assert not is_due_soon(subject, today, within)
