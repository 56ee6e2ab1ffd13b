"""G: ratings. Declared ratings must be explained, and ambers and reds must say what is wrong."""

from __future__ import annotations

from collections.abc import Iterator

from partreg.check.rule import Context, Finding, rule
from partreg.compute import ratings
from partreg.compute.risk import risk_of
from partreg.problems import Severity

AREAS = ("governance", "performance")


@rule("G001", "declared-rating-explained", Severity.WARNING)
def declared_rating_explained(ctx: Context) -> Iterator[Finding]:
    """A declared rating that differs from the computed one needs a `reason`.

    The Middlesbrough Children's Improvement Board is amber although its KPIs are on target;
    the committee is told why in `performance.reason`.
    Bad:  computed green, `performance: {rating: amber}`
    Good: `performance: {rating: amber, reason: "in place because of Ofsted's judgement"}`
    """
    for entry in ctx.register.assessments:
        for area, rating in zip(AREAS, ctx.ratings(entry.record), strict=True):
            if rating.disagrees and not rating.declared_reason:
                yield Finding(
                    entry.doc,
                    (area, "rating"),
                    f"{area} is declared {rating.declared} but computed {rating.computed_reason}",
                    f"add `{area}.reason:` saying why the declared rating differs",
                )


@rule("G002", "issue-for-amber-or-red", Severity.ERROR)
def issue_for_amber_or_red(ctx: Context) -> Iterator[Finding]:
    """An assessment whose effective governance or performance is amber or red needs an `issue`.

    The `issue` is what the committee is told about (Middlesbrough §11 "Issue").
    """
    for entry in ctx.register.assessments:
        if entry.record.issue:
            continue
        for area, rating in zip(AREAS, ctx.ratings(entry.record), strict=True):
            if rating.effective in ("amber", "red"):
                yield Finding(
                    entry.doc,
                    (area, "rating"),
                    f"{area} is {rating.effective} but the assessment has no `issue`",
                    "add `issue:` describing what is wrong, for the committee",
                )
                break


@rule("G003", "minimum-standard-held", Severity.WARNING)
def minimum_standard_held(ctx: Context) -> Iterator[Finding]:
    """A document the policy's minimum standard requires for the partnership's tier is not held.

    Significant partnerships need the six documents of `minimum_standard.significant`; the rest
    need `minimum_standard.other`. Only `held: no` counts; a document not recorded says nothing.
    """
    register = ctx.register
    for entry in register.partnerships:
        for kind in ratings.documents_not_held(entry.record, register.policy):
            tier = "significant" if entry.record.significant else "other"
            yield Finding(
                entry.doc,
                ("documents", kind, "held"),
                f"{kind} is required of {tier} partnerships but is not held",
                "obtain the document and record `held: yes`, with its date and reference",
            )


@rule("G004", "risk-level-matches-score", Severity.WARNING)
def risk_level_matches_score(ctx: Context) -> Iterator[Finding]:
    """A declared `risk.level` disagrees with the level the score gives under the policy.

    Score = likelihood × impact; at or above `risk.high_at` (15) is high, `risk.medium_at` (8) medium.
    """
    register = ctx.register
    for entry in register.partnerships:
        risk = risk_of(entry.record, register.policy)
        if risk.disagrees:
            yield Finding(
                entry.doc,
                ("risk", "level"),
                f"risk is declared {risk.declared} but the score {risk.score} gives {risk.computed}",
                f"set `level: {risk.computed}`, or revisit likelihood and impact",
            )


RULES = (declared_rating_explained, issue_for_amber_or_red, minimum_standard_held, risk_level_matches_score)
