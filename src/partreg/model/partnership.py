"""A register entry: `register/partnerships/<id>.yaml` (FORMAT.md, "Partnership")."""

from __future__ import annotations

import typing
from typing import Annotated, Literal

from partreg.model.base import Document, Record
from partreg.model.values import (
    IsoDate,
    Level,
    Money,
    NonNegative,
    Slug,
    Text,
    YesNo,
    choice,
    integer_between,
)

StatusValue = Literal["active", "proposed", "under-review", "dissolved", "withdrawn"]
# Statuses of a partnership the council is no longer in.
LEFT_STATUSES: tuple[StatusValue, ...] = ("dissolved", "withdrawn")
RoleValue = Literal["officer", "member"]
RecommendationValue = Literal["increase", "maintain", "review", "reduce", "withdraw"]
DocumentKindValue = Literal[
    "business_case",
    "partnership_agreement",
    "terms_of_reference",
    "risk_register",
    "performance_framework",
    "exit_strategy",
    "data_sharing_agreement",
    "equality_impact_assessment",
    "financial_protocol",
    "code_of_conduct",
]
DOCUMENT_KINDS: tuple[str, ...] = typing.get_args(DocumentKindValue)

Status = Annotated[StatusValue, choice(StatusValue, "a status")]
DocumentKind = Annotated[DocumentKindValue, choice(DocumentKindValue, "a minimum-standard document")]
RiskScore = Annotated[int, integer_between(1, 5)]


class Representative(Record):
    name: Text
    role: Annotated[RoleValue, choice(RoleValue, "a role")]
    position: Text | None = None


class Resources(Record):
    officer_hours_per_month: NonNegative | None = None
    financial_contribution: Money | None = None
    estimate: YesNo | None = None


class Risk(Record):
    likelihood: RiskScore | None = None
    impact: RiskScore | None = None
    level: Level | None = None

    @property
    def score(self) -> int | None:
        if self.likelihood is None or self.impact is None:
            return None
        return self.likelihood * self.impact


class Recommendation(Record):
    action: Annotated[RecommendationValue, choice(RecommendationValue, "a recommendation")] | None = None
    rationale: Text | None = None


class HeldDocument(Record):
    held: YesNo | None = None
    date: IsoDate | None = None
    reference: Text | None = None


class Documents(Record):
    business_case: HeldDocument | None = None
    partnership_agreement: HeldDocument | None = None
    terms_of_reference: HeldDocument | None = None
    risk_register: HeldDocument | None = None
    performance_framework: HeldDocument | None = None
    exit_strategy: HeldDocument | None = None
    data_sharing_agreement: HeldDocument | None = None
    equality_impact_assessment: HeldDocument | None = None
    financial_protocol: HeldDocument | None = None
    code_of_conduct: HeldDocument | None = None

    def recorded(self, kind: str) -> HeldDocument | None:
        held: HeldDocument | None = getattr(self, kind)
        return held


class Partnership(Document):
    id: Slug
    name: Text
    status: Status = "active"
    purpose: Text | None = None
    form: Text | None = None
    statutory: YesNo
    statutory_basis: Text | None = None
    significant: YesNo
    partners: list[Text] | None = None
    lead_officer: Text
    accountable_director: Text | None = None
    representatives: list[Representative] | None = None
    priorities: list[Text] | None = None
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None
    review_date: IsoDate | None = None
    resources: Resources | None = None
    risk: Risk | None = None
    value: Level | None = None
    recommendation: Recommendation | None = None
    documents: Documents | None = None
    tags: list[Slug] | None = None
