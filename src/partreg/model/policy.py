"""The council's policy: `register/policy.yaml`. Every setting has a default (FORMAT.md)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from partreg.model.base import Document, Record
from partreg.model.partnership import DocumentKind, DocumentKindValue
from partreg.model.values import Integer, NonNegative, Rag, Text, integer_between, number_between

# The ranges of `Share` and `DueSoonDays` are judged after parsing: their editor schema cannot carry
# them as a pattern (model/json_schema.py range patterns start at 1 and are whole numbers), and
# `validate` reports them all the same, at their position.

# A share of KPIs on target: 0 (none) to 1 (all).
Share = Annotated[NonNegative, number_between(0, 1, "a share")]
# "Due soon" looks at most a year (and a leap day) ahead; 0 means only targets due today.
DueSoonDays = Annotated[Integer, number_between(0, 366, "a whole number of days")]
# A risk score is likelihood × impact, each 1 to 5 (FORMAT.md, "Partnership").
RiskScoreThreshold = Annotated[int, integer_between(1, 25)]
# A month to ten years: an assessment older than that says nothing about the partnership today.
MaxAgeMonths = Annotated[int, integer_between(1, 120)]


class Principle(Record):
    id: Text
    title: Text


# Middlesbrough, Audit Committee 14 Dec 2023, §8: the seven principles of the register.
DEFAULT_PRINCIPLES = (
    ("A", "Behaving with integrity, demonstrating strong commitment to ethical values and respecting the rule of law"),
    ("B", "Ensuring openness and comprehensive stakeholder engagement"),
    ("C", "Defining outcomes in terms of sustainable economic, social and environmental benefits"),
    ("D", "Determining the interventions necessary to optimise the achievement of the intended outcomes"),
    (
        "E",
        "Developing the partnership's capacity, including the capability of its leadership and the individuals within it",  # noqa: E501 - the paper's wording
    ),
    ("F", "Managing risks and performance through robust internal control and strong public financial management"),
    ("G", "Implementing good practices in transparency, reporting, and audit to deliver effective accountability"),
)


def _default_principles() -> list[Principle]:
    return [Principle(id=pid, title=title) for pid, title in DEFAULT_PRINCIPLES]


SIGNIFICANT_STANDARD: tuple[DocumentKindValue, ...] = (
    "business_case",
    "partnership_agreement",
    "terms_of_reference",
    "risk_register",
    "performance_framework",
    "exit_strategy",
)

OTHER_STANDARD: tuple[DocumentKindValue, ...] = ("terms_of_reference",)


class MinimumStandard(Record):
    significant: list[DocumentKind] = Field(default_factory=lambda: list(SIGNIFICANT_STANDARD))
    other: list[DocumentKind] = Field(default_factory=lambda: list(OTHER_STANDARD))


class PerformanceThresholds(Record):
    green_at: Share = 0.8
    amber_at: Share = 0.5
    no_kpis: Rag = "amber"


class ActionSettings(Record):
    due_soon_days: DueSoonDays = 30


class RagSettings(Record):
    performance: PerformanceThresholds = Field(default_factory=PerformanceThresholds)
    actions: ActionSettings = Field(default_factory=ActionSettings)


class RiskThresholds(Record):
    high_at: RiskScoreThreshold = 15
    medium_at: RiskScoreThreshold = 8


class ReviewSettings(Record):
    max_age_months: MaxAgeMonths = 12


class Policy(Document):
    council: Text = "the Council"
    principles: list[Principle] = Field(default_factory=_default_principles)
    minimum_standard: MinimumStandard = Field(default_factory=MinimumStandard)
    rag: RagSettings = Field(default_factory=RagSettings)
    risk: RiskThresholds = Field(default_factory=RiskThresholds)
    review: ReviewSettings = Field(default_factory=ReviewSettings)
