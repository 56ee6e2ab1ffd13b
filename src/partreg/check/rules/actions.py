"""A: actions. An action plan must be internally consistent (FORMAT.md, "Action plan")."""

from __future__ import annotations

from collections.abc import Iterator

from partreg.check.rule import Context, Finding, rule
from partreg.compute.actions import ActionFact, action_fact
from partreg.model.plan import ActionPlan
from partreg.model.register import Entry
from partreg.problems import Severity


@rule("A001", "unique-action-id", Severity.ERROR)
def unique_action_id(ctx: Context) -> Iterator[Finding]:
    """An action id is unique within its plan, so `<plan-id>#<id>` names one action.

    Bad:  two actions with `id: a` in one plan   Good: `id: a`, `id: b`
    """
    register = ctx.register
    for entry in register.plans:
        first: dict[str, int] = {}
        for index, action in enumerate(entry.record.actions):
            if action.id in first:
                yield Finding(
                    entry.doc,
                    ("actions", index, "id"),
                    f"action id `{action.id}` is already used by action {first[action.id] + 1} of this plan",
                    "give each action its own id",
                )
            first.setdefault(action.id, index)


@rule("A002", "completed-date-given", Severity.ERROR)
def completed_date_given(ctx: Context) -> Iterator[Finding]:
    """An action whose status is `complete` must say when: `completed: YYYY-MM-DD`.

    Bad:  `status: complete` alone   Good: `status: complete` and `completed: 2023-11-30`
    """
    register = ctx.register
    for entry in register.plans:
        for index, action in enumerate(entry.record.actions):
            if action.status == "complete" and action.completed is None:
                yield Finding(
                    entry.doc,
                    ("actions", index, "status"),
                    f"action `{entry.record.id}#{action.id}` is complete but has no `completed` date",
                    "add `completed: YYYY-MM-DD`",
                )


@rule("A003", "dates-in-order", Severity.ERROR)
def dates_in_order(ctx: Context) -> Iterator[Finding]:
    """An action's `target` and `completed` are not before its `start` or `raised` date.

    The Milton Keynes 2009 plan has tasks that finish before they start; a register catches that.
    Bad:  `start: 2009-06-01`, `target: 2009-05-01`
    """
    register = ctx.register
    for entry in register.plans:
        for index, action in enumerate(entry.record.actions):
            for later_name, later in (("target", action.target_date), ("completed", action.completed)):
                for earlier_name, earlier in (("start", action.start), ("raised", action.raised)):
                    if later is not None and earlier is not None and later < earlier:
                        yield Finding(
                            entry.doc,
                            ("actions", index, later_name),
                            f"`{later_name}: {later}` is before `{earlier_name}: {earlier}` "
                            f"in action `{entry.record.id}#{action.id}`",
                            f"correct one of the dates: {later_name} must be on or after {earlier_name}",
                        )


@rule("A004", "overdue-action", Severity.WARNING)
def overdue_action(ctx: Context) -> Iterator[Finding]:
    """An action is overdue: its target date has passed and it is neither complete nor cancelled.

    Bad (on 2024-02-01): `target: 2023-12-31`, `status: in-progress`
    Good: mark it `complete` with `completed:`, or agree a new target and say so in an update.
    """
    for entry, index, fact in _action_facts(ctx):
        if fact.overdue:
            yield Finding(
                entry.doc,
                ("actions", index, "target"),
                f"action `{entry.record.id}#{fact.action.id}` was due on {fact.action.target} "
                f"and is {fact.action.status}",
                "complete it (`status: complete`, `completed:`), or agree a new `target`",
            )


@rule("A005", "overdue-without-update", Severity.WARNING)
def overdue_without_update(ctx: Context) -> Iterator[Finding]:
    """An overdue action has no update dated on or after its target.

    The committee will ask what happened; add a dated entry under `updates:`.
    """
    for entry, index, fact in _action_facts(ctx):
        if fact.silent_since_target:
            last = f"last update {fact.latest.date}" if fact.latest else "no updates"
            yield Finding(
                entry.doc,
                ("actions", index, "target"),
                f"action `{entry.record.id}#{fact.action.id}` is overdue with {last}",
                f"add `updates: - {{date: {ctx.today}, text: ...}}` saying where it stands",
            )


def _action_facts(ctx: Context) -> Iterator[tuple[Entry[ActionPlan], int, ActionFact]]:
    due_soon_days = ctx.register.policy.rag.actions.due_soon_days
    for entry in ctx.register.plans:
        for index, action in enumerate(entry.record.actions):
            fact = action_fact(entry.record.id, entry.record.partnership, action, ctx.today, due_soon_days)
            yield entry, index, fact


RULES = (unique_action_id, completed_date_given, dates_in_order, overdue_action, overdue_without_update)
