"""Changes to action plans: actions matched by `<plan>#<id>`, so reordering them is never a change.

Every change of an action's status is told in the words a committee uses: completed, cancelled,
reopened (a complete or cancelled action back in hand), started (planned → in progress).
"""

from __future__ import annotations

from collections.abc import Iterator

from partreg.compute.actions import is_overdue
from partreg.diff.changes import Change
from partreg.diff.fields import field_changes
from partreg.diff.sides import Sides
from partreg.load.layout import Kind
from partreg.model.plan import Action, ActionPlan
from partreg.model.register import Register

_DONE = ("complete", "cancelled")


def action_changes(sides: Sides) -> Iterator[Change]:
    """Plans' own fields, then actions added, removed and changed. Plans there but failing to load
    on one side add or remove nothing: their problems tell what is wrong. A plan named after a
    partnership whose id changed, and renamed with it, is the same plan: its actions moved with it."""
    moved = _moved_plans(sides)
    yield from _plan_changes(sides, moved)
    before, after = _actions_by_name(sides.old, moved), _actions_by_name(sides.new, {})
    unreadable = sides.unreadable(Kind.PLAN)
    for key in sorted(after.keys() - before.keys()):
        plan, action = after[key]
        if plan.id not in unreadable:
            name = _plan_name(plan, sides.names)
            text = f"{name}: action {key} added: {action.action} (target {action.target})"
            yield Change("action-added", key, name, text)
    for key in sorted(before.keys() - after.keys()):
        plan, action = before[key]
        if plan.id not in unreadable:
            name = _plan_name(plan, sides.names)
            yield Change("action-removed", key, name, f"{name}: action {key} removed")
    for key in sorted(after.keys() & before.keys()):
        plan, action = after[key]
        yield from _changed(key, _plan_name(plan, sides.names), before[key][1], action, sides)


def _plan_changes(sides: Sides, moved: dict[str, str]) -> Iterator[Change]:
    """Changes to the plans' own fields (title, partnership...), plans matched by id (a moved plan by its new id)."""
    plans_before = {moved.get(e.record.id, e.record.id): e.record for e in sides.old.plans}
    for entry in sides.new.plans:
        was, now = plans_before.get(entry.record.id), entry.record
        if was is not None:
            yield from field_changes(
                now.id, _plan_name(now, sides.names), was, now, _untold_plan_fields(was, now, sides)
            )


def _moved_plans(sides: Sides) -> dict[str, str]:
    """Old plan id -> new plan id, for each plan named after a renamed partnership and renamed with it."""
    before = {e.record.id for e in sides.old.plans}
    after = {e.record.id for e in sides.new.plans}
    return {
        old_id: sides.renamed[old_id]
        for old_id in before - after
        if old_id in sides.renamed and sides.renamed[old_id] in after - before
    }


def _untold_plan_fields(was: ActionPlan, now: ActionPlan, sides: Sides) -> tuple[str, ...]:
    """A plan's fields not told as field changes: its actions (told one by one), its id (it differs only
    when the plan moved with a renamed partnership), and its partnership when that is the rename."""
    followed = was.partnership is not None and sides.new_id(was.partnership) == now.partnership
    return ("actions", "id", *(("partnership",) if followed else ()))


def _plan_name(plan: ActionPlan, names: dict[str, str]) -> str:
    return names.get(plan.partnership or "", plan.title or plan.id)


def _actions_by_name(register: Register, moved: dict[str, str]) -> dict[str, tuple[ActionPlan, Action]]:
    """Actions by `<plan>#<id>`, a moved plan's under its new id."""
    return {
        f"{moved.get(e.record.id, e.record.id)}#{a.id}": (e.record, a) for e in register.plans for a in e.record.actions
    }


def _status_change(key: str, name: str, was: Action, now: Action) -> Change:
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


def _changed(key: str, name: str, was: Action, now: Action, sides: Sides) -> Iterator[Change]:
    if now.status != was.status:
        yield _status_change(key, name, was, now)
    if now.target != was.target:
        text = f"{name}: action {key} target {was.target} → {now.target}"
        yield Change("action-retargeted", key, name, text, "target", str(was.target), str(now.target))
    if is_overdue(now, sides.today) and not is_overdue(was, sides.old_day):
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
