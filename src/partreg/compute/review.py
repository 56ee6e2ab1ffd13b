"""Significance and review: how old the latest assessment is, and whether a review is due."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date

from partreg.model.assessment import Assessment
from partreg.model.partnership import LEFT_STATUSES, Partnership


def assessed_date(assessment: Assessment) -> date:
    """`assessed_on`, or else the last day of the register year (FORMAT.md gives no other date)."""
    return assessment.assessed_on or date(assessment.year, 12, 31)


def months_between(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later`; negative, counted the same way, when `later` comes first."""
    if later < earlier:
        return -months_between(later, earlier)
    # The most months that `add_months` can add without passing `later`, so both agree on month ends.
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if add_months(earlier, months) > later else months


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 = 29 Feb)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    # Past either end of the calendar (`assessed_on: 9999-06-01` plus a year, or a policy's month count
    # that was never validated) the answer is that end, never a crash.
    if year > MAXYEAR:
        return date.max
    if year < MINYEAR:
        return date.min
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def review_date_passed(partnership: Partnership, today: date) -> bool:
    """The `review_date` is before today and the council is still in the partnership (FORMAT.md: a past
    `review_date` is a lint warning; a dissolved or withdrawn partnership has nothing left to review)."""
    review = partnership.review_date
    return review is not None and review < today and partnership.status not in LEFT_STATUSES


def assessment_too_old(latest: Assessment | None, today: date, max_age_months: int) -> bool:
    """No assessment at all, or the latest is older than the policy allows."""
    return latest is None or today > add_months(assessed_date(latest), max_age_months)


@dataclass(frozen=True, slots=True)
class ReviewFact:
    """How current a partnership's assessment and review are on a given day."""

    latest_year: int | None
    assessed: date | None
    # Whole months from `assessed` to the day; None without an assessment, or when it is dated later.
    age_months: int | None
    # Dated after the day asked about: an undated assessment counts as 31 December of its year, so a
    # paper written before the year ends sees this year's assessment "in the future".
    assessed_after_today: bool
    review_date_passed: bool
    assessment_overdue: bool


def review_fact(partnership: Partnership, history: list[Assessment], today: date, max_age_months: int) -> ReviewFact:
    latest = max(history, key=assessed_date, default=None)
    assessed = assessed_date(latest) if latest else None
    after_today = assessed is not None and assessed > today
    return ReviewFact(
        latest.year if latest else None,
        assessed,
        months_between(assessed, today) if assessed and not after_today else None,
        after_today,
        review_date_passed(partnership, today),
        assessment_too_old(latest, today, max_age_months),
    )
