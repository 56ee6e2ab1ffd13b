"""Actions on a given day: overdue, due soon, and the latest update (FORMAT.md, "Action plan")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partreg.model.plan import Action, Update

CLOSED = frozenset({"complete", "cancelled"})


def is_overdue(action: Action, today: date) -> bool:
    """Target is a date before today and the action is neither complete nor cancelled."""
    target = action.target_date
    return target is not None and target < today and action.status not in CLOSED


def is_due_soon(action: Action, today: date, within_days: int) -> bool:
    """Open, and the target falls from today to `within_days` days ahead."""
    target = action.target_date
    if target is None or action.status in CLOSED:
        return False
    return 0 <= (target - today).days <= within_days


def latest_update(action: Action, on_or_before: date | None = None) -> Update | None:
    """The newest update (optionally as reported on a given day)."""
    updates = [u for u in action.updates or [] if on_or_before is None or u.date <= on_or_before]
    return max(updates, key=lambda update: update.date) if updates else None


@dataclass(frozen=True, slots=True)
class ActionFact:
    plan_id: str
    partnership: str | None
    action: Action
    overdue: bool
    due_soon: bool
    latest: Update | None

    @property
    def silent_since_target(self) -> bool:
        """Overdue with no update dated on or after the target: nobody has said what happened."""
        target = self.action.target_date
        return self.overdue and target is not None and (self.latest is None or self.latest.date < target)


def action_fact(plan_id: str, partnership: str | None, action: Action, today: date, due_soon_days: int) -> ActionFact:
    return ActionFact(
        plan_id,
        partnership,
        action,
        is_overdue(action, today),
        is_due_soon(action, today, due_soon_days),
        latest_update(action, on_or_before=today),
    )
