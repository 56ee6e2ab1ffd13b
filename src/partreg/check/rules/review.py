"""V: review. Partnerships must be reviewed and reassessed on time (FORMAT.md, policy.review)."""

from __future__ import annotations

from collections.abc import Iterator

from partreg.check.rule import Context, Finding, rule
from partreg.compute.review import review_date_passed, review_fact
from partreg.compute.status import assessments_by_partnership
from partreg.problems import Severity


@rule("V001", "review-date-passed", Severity.WARNING)
def review_date_in_past(ctx: Context) -> Iterator[Finding]:
    """A partnership's `review_date` has passed.

    Review it and set the next `review_date`. Every partnership the council is still in is checked,
    whatever its status (proposed, active, under review); a dissolved or withdrawn one is not.
    """
    for entry in ctx.register.partnerships:
        if review_date_passed(entry.record, ctx.today):
            yield Finding(
                entry.doc,
                ("review_date",),
                f"review was due on {entry.record.review_date}",
                "review the partnership and set the next `review_date`",
            )


@rule("V002", "assessment-up-to-date", Severity.WARNING)
def assessment_up_to_date(ctx: Context) -> Iterator[Finding]:
    """An active significant partnership has no assessment newer than `review.max_age_months` (12).

    An assessment's date is `assessed_on`, or else 31 December of its `year`. A partnership that is
    not `active` (proposed, under review, dissolved, withdrawn) is not expected to be assessed.
    """
    register = ctx.register
    max_age = register.policy.review.max_age_months
    history = assessments_by_partnership(register)
    for entry in register.partnerships:
        partnership = entry.record
        if partnership.status != "active" or not partnership.significant:
            continue
        fact = review_fact(partnership, history.get(partnership.id, []), ctx.today, max_age)
        if fact.assessment_overdue:
            found = f"the latest, for {fact.latest_year}, is dated {fact.assessed}" if fact.assessed else "it has none"
            yield Finding(
                entry.doc,
                ("significant",),
                f"significant partnership needs an assessment within {max_age} months; {found}",
                f"add register/assessments/{ctx.today.year}/{partnership.id}.yaml",
            )


RULES = (review_date_in_past, assessment_up_to_date)
