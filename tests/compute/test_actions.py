"""Actions on a given day: overdue, due soon, the latest update (FORMAT.md, "Action plan")."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from partreg.compute.actions import ActionFact, action_fact, is_due_soon, is_overdue, latest_update
from partreg.model.plan import Action

TODAY = date(2024, 6, 15)
OPEN = ["planned", "in-progress"]
CLOSED = ["complete", "cancelled"]


def action(target: str | date, status: str = "planned", updates: list[tuple[str, str]] | None = None) -> Action:
    data: dict[str, Any] = {"id": "1", "action": "Do it", "owner": "Jo", "target": str(target), "status": status}
    if status == "complete":
        data["completed"] = "2024-01-01"
    if updates is not None:
        data["updates"] = [{"date": day, "text": text} for day, text in updates]
    return Action.model_validate(data)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


# --- is_overdue -------------------------------------------------------------------------------


@pytest.mark.parametrize("status", OPEN)
def test_open_action_past_target_is_overdue(status: str) -> None:
    assert is_overdue(action(days(-1), status), TODAY)
    assert is_overdue(action(days(-400), status), TODAY)


@pytest.mark.parametrize("status", CLOSED)
def test_closed_action_is_never_overdue(status: str) -> None:
    assert not is_overdue(action(days(-1), status), TODAY)
    assert not is_overdue(action(days(-400), status), TODAY)


def test_target_today_is_not_overdue() -> None:
    assert not is_overdue(action(TODAY), TODAY)


def test_future_target_is_not_overdue() -> None:
    assert not is_overdue(action(days(1)), TODAY)


@pytest.mark.parametrize("written", ["ongoing", "Ongoing", " ONGOING "])
def test_ongoing_is_never_overdue_nor_due_soon(written: str) -> None:
    ongoing = action(written)
    assert ongoing.target == "ongoing"
    assert ongoing.target_date is None
    assert not is_overdue(ongoing, date(2100, 1, 1))
    assert not is_due_soon(ongoing, TODAY, 10_000)


# --- is_due_soon ------------------------------------------------------------------------------


@pytest.mark.parametrize("status", OPEN)
def test_due_soon_window_is_today_to_within_days_inclusive(status: str) -> None:
    assert is_due_soon(action(TODAY, status), TODAY, 30)
    assert is_due_soon(action(days(1), status), TODAY, 30)
    assert is_due_soon(action(days(30), status), TODAY, 30)
    assert not is_due_soon(action(days(31), status), TODAY, 30)


def test_overdue_action_is_not_due_soon() -> None:
    assert not is_due_soon(action(days(-1)), TODAY, 30)


@pytest.mark.parametrize("status", CLOSED)
def test_closed_action_is_never_due_soon(status: str) -> None:
    assert not is_due_soon(action(TODAY, status), TODAY, 30)
    assert not is_due_soon(action(days(5), status), TODAY, 30)


def test_due_soon_follows_within_days() -> None:
    assert is_due_soon(action(days(7)), TODAY, 7)
    assert not is_due_soon(action(days(8)), TODAY, 7)
    assert is_due_soon(action(TODAY), TODAY, 0)
    assert not is_due_soon(action(days(1)), TODAY, 0)


# --- latest_update ----------------------------------------------------------------------------


def test_latest_update_none_without_updates() -> None:
    assert latest_update(action(TODAY)) is None
    assert latest_update(action(TODAY, updates=[])) is None


def test_latest_update_is_the_newest_whatever_the_order() -> None:
    updates = [("2024-03-01", "march"), ("2024-05-01", "may"), ("2024-01-01", "january")]
    latest = latest_update(action(TODAY, updates=updates))
    assert latest is not None
    assert latest.text == "may"
    assert latest.date == date(2024, 5, 1)


def test_latest_update_on_or_before_a_day() -> None:
    subject = action(TODAY, updates=[("2024-01-01", "january"), ("2024-03-01", "march"), ("2024-05-01", "may")])
    on_day = latest_update(subject, on_or_before=date(2024, 3, 1))
    assert on_day is not None
    assert on_day.text == "march"
    between = latest_update(subject, on_or_before=date(2024, 2, 29))
    assert between is not None
    assert between.text == "january"
    assert latest_update(subject, on_or_before=date(2023, 12, 31)) is None


# --- ActionFact -------------------------------------------------------------------------------


def fact(subject: Action, today: date = TODAY, due_soon_days: int = 30) -> ActionFact:
    return action_fact("plan", "safer-streets", subject, today, due_soon_days)


def test_action_fact_fields() -> None:
    subject = action(days(10), updates=[("2024-06-01", "started")])
    result = fact(subject)
    assert result.plan_id == "plan"
    assert result.partnership == "safer-streets"
    assert result.action is subject
    assert not result.overdue
    assert result.due_soon
    assert result.latest is not None
    assert result.latest.text == "started"
    assert not fact(subject, due_soon_days=9).due_soon
    assert action_fact("council-wide", None, subject, TODAY, 30).partnership is None


def test_silent_since_target_when_overdue_without_updates() -> None:
    assert fact(action(days(-1))).silent_since_target


def test_silent_since_target_when_the_only_updates_predate_the_target() -> None:
    target = days(-10)
    result = fact(action(target, updates=[((target - timedelta(days=1)).isoformat(), "on track")]))
    assert result.overdue
    assert result.silent_since_target


def test_not_silent_with_an_update_on_or_after_the_target() -> None:
    target = days(-10)
    assert not fact(action(target, updates=[(target.isoformat(), "delayed")])).silent_since_target
    assert not fact(action(target, updates=[(days(-1).isoformat(), "delayed")])).silent_since_target


def test_not_silent_when_not_overdue() -> None:
    assert not fact(action(TODAY)).silent_since_target
    assert not fact(action(days(-1), "complete")).silent_since_target
    assert not fact(action(days(-1), "cancelled")).silent_since_target
    assert not fact(action("ongoing")).silent_since_target


def test_action_fact_judged_on_a_past_day_ignores_later_updates() -> None:
    subject = action("2023-11-30", updates=[("2023-10-01", "on track"), ("2024-01-10", "done late")])
    result = fact(subject, today=date(2023, 12, 14))
    assert result.overdue
    assert result.latest is not None
    assert result.latest.text == "on track"
    assert result.silent_since_target
