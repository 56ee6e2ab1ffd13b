"""The register listing and the action list, filtered as officers ask for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from partreg.compute.actions import ActionFact, action_fact
from partreg.compute.status import PartnershipStatus
from partreg.model.register import Register


@dataclass(frozen=True, slots=True)
class PartnershipFilter:
    """Each criterion left as None matches everything."""

    significant: bool | None = None
    statutory: bool | None = None
    tag: str | None = None
    status: str | None = None
    rag: str | None = None  # effective governance or performance rating
    risk: str | None = None  # effective risk level

    def matches(self, row: PartnershipStatus) -> bool:
        partnership = row.partnership
        return (
            (self.significant is None or partnership.significant == self.significant)
            and (self.statutory is None or partnership.statutory == self.statutory)
            and (self.tag is None or self.tag in (partnership.tags or []))
            and (self.status is None or partnership.status == self.status)
            and (self.rag is None or self.rag in (row.governance.effective, row.performance.effective))
            and (self.risk is None or row.risk.level == self.risk)
        )


@dataclass(frozen=True, slots=True)
class Totals:
    count: int
    # The exact decimal sum of the hours as written, as the float nearest to it: it prints as that sum
    # (0.1 + 0.2 is 0.3, not 0.30000000000000004).
    officer_hours_per_month: float
    financial_contribution: Decimal
    # How many rows have no such figure: a total of none recorded is not a total of 0.
    hours_not_recorded: int = 0
    money_not_recorded: int = 0


def totals(rows: list[PartnershipStatus]) -> Totals:
    """Resource totals over the rows; a figure not recorded counts as nothing."""
    recorded = [r.partnership.resources for r in rows if r.partnership.resources]
    # Each hours figure is a float read from decimal text; its shortest repr gives that text back (up to
    # the 15 significant digits a float holds), so summing the reprs as Decimals adds what was written.
    hours = sum((Decimal(repr(each.officer_hours_per_month or 0.0)) for each in recorded), Decimal(0))
    money = sum((each.financial_contribution or Decimal(0) for each in recorded), Decimal(0))
    no_hours = sum(
        r.partnership.resources is None or r.partnership.resources.officer_hours_per_month is None for r in rows
    )
    no_money = sum(
        r.partnership.resources is None or r.partnership.resources.financial_contribution is None for r in rows
    )
    return Totals(len(rows), float(hours), money, no_hours, no_money)


@dataclass(frozen=True, slots=True)
class ActionFilter:
    overdue: bool = False
    due_soon: bool = False
    owner: str | None = None  # case-insensitive substring: owners are often "Director of X/Head of Y"
    plan: str | None = None

    def matches(self, fact: ActionFact) -> bool:
        wanted_state = (not self.overdue and not self.due_soon) or (self.overdue and fact.overdue)
        wanted_state = wanted_state or (self.due_soon and fact.due_soon)
        return (
            wanted_state
            and (self.owner is None or self.owner.casefold() in fact.action.owner.casefold())
            and (self.plan is None or fact.plan_id == self.plan)
        )


def action_facts(register: Register, today: date) -> list[ActionFact]:
    """Every action of every plan, in plan then list order."""
    due_soon_days = register.policy.rag.actions.due_soon_days
    return [
        action_fact(entry.record.id, entry.record.partnership, action, today, due_soon_days)
        for entry in sorted(register.plans, key=lambda e: e.record.id)
        for action in entry.record.actions
    ]
