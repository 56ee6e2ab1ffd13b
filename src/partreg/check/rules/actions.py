"""A: actions. An action plan must be internally consistent (FORMAT.md, "Action plan")."""

from __future__ import annotations

from collections.abc import Iterator

from partreg.check.rule import Finding, rule
from partreg.model.register import Register
from partreg.problems import Severity


@rule("A001", "unique-action-id", Severity.ERROR)
def unique_action_id(register: Register) -> Iterator[Finding]:
    """An action id is unique within its plan, so `<plan-id>#<id>` names one action.

    Bad:  two actions with `id: a` in one plan   Good: `id: a`, `id: b`
    """
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
def completed_date_given(register: Register) -> Iterator[Finding]:
    """An action whose status is `complete` must say when: `completed: YYYY-MM-DD`.

    Bad:  `status: complete` alone   Good: `status: complete` and `completed: 2023-11-30`
    """
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
def dates_in_order(register: Register) -> Iterator[Finding]:
    """An action's `target` and `completed` are not before its `start` or `raised` date.

    The Milton Keynes 2009 plan has tasks that finish before they start; a register catches that.
    Bad:  `start: 2009-06-01`, `target: 2009-05-01`
    """
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


RULES = (unique_action_id, completed_date_given, dates_in_order)
