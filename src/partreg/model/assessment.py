"""An annual self-assessment: `register/assessments/<year>/<id>.yaml` (FORMAT.md)."""

from __future__ import annotations

from typing import Annotated

from partreg.model.base import Document, Record
from partreg.model.values import IsoDate, Level, Number, Rag, Slug, Text, YesNo, integer_between


class PrincipleRating(Record):
    rating: Rag | None = None
    evidence: Text | None = None


class GovernanceRating(Record):
    rating: Rag | None = None
    reason: Text | None = None


class Kpi(Record):
    name: Text
    target: Number
    actual: Number | None = None
    unit: Text | None = None
    higher_is_better: YesNo = True


class PerformanceRating(Record):
    # None: KPIs were not recorded; []: no KPIs are in place (FORMAT.md treats them apart).
    kpis: list[Kpi] | None = None
    rating: Rag | None = None
    reason: Text | None = None


class ValueForMoney(Record):
    rating: Level | None = None
    finding: Text | None = None


class Assessment(Document):
    partnership: Slug
    # A register year as the council labels it; the range keeps every date arithmetic in the calendar.
    year: Annotated[int, integer_between(1900, 2999)]
    period: Text | None = None
    assessed_on: IsoDate | None = None
    assessed_by: Text | None = None
    principles: dict[str, PrincipleRating] | None = None
    governance: GovernanceRating | None = None
    performance: PerformanceRating | None = None
    issue: Text | None = None
    achievements: list[Text] | None = None
    value_for_money: ValueForMoney | None = None
