"""Changes to action plans: actions matched by `<plan>#<id>`, so reordering them is never a change.

Every change of an action's status is told in the words a committee uses: completed, cancelled,
reopened (a complete or cancelled action back in hand), started (planned → in progress).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from partreg.compute.actions import is_overdue
from partreg.diff.changes import Change
from partreg.diff.fields import field_changes
from partreg.model.plan import Action, ActionPlan
from partreg.model.register import Register

_DONE = ("complete", "cancelled")


def action_changes(
    old: Register, new: Register, names: dict[str, str], today: date, old_day: date, unreadable: set[str]
) -> Iterator[Change]:
    """Plans' own fields, then actions added, removed and changed. Plans in `unreadable` (there, but
    failing to load on one side) add or remove nothing: their problems tell what is wrong."""
    plans_before = {e.record.id: e.record for e in old.plans}
    for entry in new.plans:
        was = plans_before.get(entry.record.id)
        if was is not None:
            yield from field_changes(entry.record.id, _plan_name(entry.record, names), was, entry.record, ("actions",))
    before, after = _actions_by_name(old), _actions_by_name(new)
    for key in sorted(after.keys() - before.keys()):
        plan, action = after[key]
        if plan.id not in unreadable:
            name = _plan_name(plan, names)
            text = f"{name}: action {key} added: {action.action} (target {action.target})"
            yield Change("action-added", key, name, text)
    for key in sorted(before.keys() - after.keys()):
        plan, action = before[key]
        if plan.id not in unreadable:
            name = _plan_name(plan, names)
            yield Change("action-removed", key, name, f"{name}: action {key} removed")
    for key in sorted(after.keys() & before.keys()):
        plan, action = after[key]
        yield from _changed(key, _plan_name(plan, names), before[key][1], action, today, old_day)


def _plan_name(plan: ActionPlan, names: dict[str, str]) -> str:
    return names.get(plan.partnership or "", plan.title or plan.id)


def _actions_by_name(register: Register) -> dict[str, tuple[ActionPlan, Action]]:
    return {f"{e.record.id}#{a.id}": (e.record, a) for e in register.plans for a in e.record.actions}


def status_change(key: str, name: str, was: Action, now: Action) -> Change:
    """A status change, in committee words."""
    kind, words = _status_words(was, now)
    return Change(kind, key, name, f"{name}: action {key} {words}", "status", was.status, now.status)


def _status_words(was: Action, now: Action) -> tuple[str, str]:
    if now.status == "complete":
        return "action-completed", f"completed on {now.completed or 'an unrecorded date'}"
    if now.status == "cancelled":
        return "action-cancelled", f"cancelled (was {was.status})"
    if was.status in _DONE:
        return "action-reopened", f"reopened (was {was.status}, now {now.status})"
    if now.status == "in-progress":
        return "action-started", "started (now in progress)"
    return "action-status-changed", f"status {was.status} → {now.status}"


def _changed(key: str, name: str, was: Action, now: Action, today: date, old_day: date) -> Iterator[Change]:
    if now.status != was.status:
        yield status_change(key, name, was, now)
    if now.target != was.target:
        text = f"{name}: action {key} target {was.target} → {now.target}"
        yield Change("action-retargeted", key, name, text, "target", str(was.target), str(now.target))
    if is_overdue(now, today) and not is_overdue(was, old_day):
        yield Change("action-newly-overdue", key, name, f"{name}: action {key} is now overdue (target {now.target})")
    old_updates = {(u.date, u.text) for u in was.updates or []}
    for update in now.updates or []:
        if (update.date, update.text) not in old_updates:
            text = f"{name}: action {key} update {update.date}: {update.text}"
            told = {"date": update.date.isoformat(), "text": update.text}
            yield Change("update-added", key, name, text, "updates", None, told)
    # A completion date is told with the status change; on its own (a corrected date) it is a field change.
    told_fields = ("status", "target", "updates") + (("completed",) if now.status != was.status else ())
    yield from field_changes(key, name, was, now, skip=told_fields)
