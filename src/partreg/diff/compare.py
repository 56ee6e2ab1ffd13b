"""Compare two registers record by record: partnerships by id, assessments by (year, partnership),
actions by `<plan>#<id>`, so reordering a list is never a change.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from partreg.check.run import Selection, check_register
from partreg.compute import ratings
from partreg.compute.actions import is_overdue
from partreg.diff.changes import Change, ChangeSet
from partreg.load.layout import Kind
from partreg.model.assessment import Assessment
from partreg.model.partnership import LEFT_STATUSES, Partnership
from partreg.model.plan import Action, ActionPlan
from partreg.model.register import Register
from partreg.problems import Problem


def flatten(record: BaseModel, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """`{"resources.financial_contribution": 8000, ...}`: every value written, by dotted field name."""
    flat: dict[str, Any] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else key, inner)
        else:
            flat[prefix] = _plain(value)

    walk("", {k: v for k, v in record.model_dump(exclude_none=True).items() if k not in skip})
    return flat


def _plain(value: Any) -> Any:
    """Values compared as what they mean: `£8,000` and `8000.00` are both 8000 (FORMAT.md)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, BaseModel):
        return {key: _plain(inner) for key, inner in value.model_dump(exclude_none=True).items()}
    if isinstance(value, dict):
        return {key: _plain(inner) for key, inner in value.items()}
    return value


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "(none)"
    return str(value)


def field_changes(
    subject: str, name: str, old: BaseModel, new: BaseModel, skip: tuple[str, ...] = ()
) -> Iterator[Change]:
    before, after = flatten(old, skip), flatten(new, skip)
    for key in sorted(before.keys() | after.keys()):
        if before.get(key) != after.get(key):
            text = f"{name}: {key} {_shown(before.get(key))} → {_shown(after.get(key))}"
            yield Change("field-changed", subject, name, text, key, before.get(key), after.get(key))


def compare_registers(
    old: Register, new: Register, *, today: date, old_label: str, new_label: str, old_day: date | None = None
) -> ChangeSet:
    """Every change from `old` to `new`. `old_day` is when `old` was current (for "newly overdue")."""
    changes = ChangeSet(old_label, new_label)
    names = {e.record.id: e.record.name for e in [*old.partnerships, *new.partnerships]}
    changes.changes += _partnerships(old, new)
    changes.changes += _assessments(old, new, names)
    changes.changes += _actions(old, new, names, today, old_day or today)
    changes.changes += _findings(old, new, today)
    return changes


def _partnerships(old: Register, new: Register) -> Iterator[Change]:
    before = {e.record.id: e.record for e in old.partnerships}
    after = {e.record.id: e.record for e in new.partnerships}
    # A file that is there but failed the schema is not added or removed: its finding tells what is wrong.
    unreadable = old.unparsed_ids.get(Kind.PARTNERSHIP, set()) | new.unparsed_ids.get(Kind.PARTNERSHIP, set())
    added = sorted(after.keys() - before.keys() - unreadable)
    removed = sorted(before.keys() - after.keys() - unreadable)
    renamed = _renames(before, after, added, removed)
    for old_id, new_id in renamed.items():
        yield Change(
            "partnership-renamed",
            new_id,
            after[new_id].name,
            f"{after[new_id].name}: id {old_id} → {new_id}",
            "id",
            old_id,
            new_id,
        )
    for pid in added:
        if pid not in renamed.values():
            yield Change("partnership-added", pid, after[pid].name, f"{after[pid].name} added to the register")
    for pid in removed:
        if pid not in renamed:
            yield Change("partnership-removed", pid, before[pid].name, f"{before[pid].name} removed from the register")
    for pid in sorted(before.keys() & after.keys()):
        was, now = before[pid], after[pid]
        if now.status in LEFT_STATUSES and was.status not in LEFT_STATUSES:
            yield Change(
                "partnership-dissolved",
                pid,
                now.name,
                f"{now.name}: status {was.status} → {now.status}",
                "status",
                was.status,
                now.status,
            )
        for change in field_changes(pid, now.name, was, now):
            if not (change.field == "status" and now.status in LEFT_STATUSES and was.status not in LEFT_STATUSES):
                yield change


def _renames(
    before: dict[str, Partnership], after: dict[str, Partnership], added: list[str], removed: list[str]
) -> dict[str, str]:
    """A removed and an added partnership that differ only in their id were renamed."""
    renamed: dict[str, str] = {}
    for old_id in removed:
        body = flatten(before[old_id], skip=("id",))
        match = next(
            (
                new_id
                for new_id in added
                if new_id not in renamed.values() and flatten(after[new_id], skip=("id",)) == body
            ),
            None,
        )
        if match is not None:
            renamed[old_id] = match
    return renamed


def _assessments(old: Register, new: Register, names: dict[str, str]) -> Iterator[Change]:
    before = {(e.record.year, e.record.partnership): e.record for e in old.assessments}
    after = {(e.record.year, e.record.partnership): e.record for e in new.assessments}
    for key in sorted(after.keys() - before.keys()):
        year, pid = key
        name = names.get(pid, pid)
        yield Change("assessment-added", f"{year}/{pid}", name, f"{name}: {year} assessment added")
    for key in sorted(before.keys() - after.keys()):
        year, pid = key
        name = names.get(pid, pid)
        yield Change("assessment-removed", f"{year}/{pid}", name, f"{name}: {year} assessment removed")
    for key in sorted(after.keys() & before.keys()):
        year, pid = key
        name = names.get(pid, pid)
        rated = list(_rating_changes(f"{year}/{pid}", name, before[key], after[key], old, new))
        yield from rated
        # A declared rating's change is already told as a rating change, with its reason.
        told = {f"{change.field}.{part}" for change in rated for part in ("rating", "reason")}
        for change in field_changes(f"{year}/{pid}", f"{name} ({year})", before[key], after[key]):
            if change.field not in told:
                yield change


def _rating_changes(
    subject: str, name: str, was: Assessment, now: Assessment, old: Register, new: Register
) -> Iterator[Change]:
    pairs = (
        ("governance", ratings.governance(was, old.partnership(was.partnership), old.policy),
         ratings.governance(now, new.partnership(now.partnership), new.policy)),
        ("performance", ratings.performance(was, old.policy), ratings.performance(now, new.policy)),
    )  # fmt: skip
    for area, before, after in pairs:
        if before.effective != after.effective:
            moved = f"{before.effective or 'unrated'} → {after.effective or 'unrated'}"
            text = f"{name}: {area} {moved} (reason: {after.reason})"
            yield Change("rating-changed", subject, name, text, area, before.effective, after.effective)


def _actions_by_name(register: Register) -> dict[str, tuple[ActionPlan, Action]]:
    return {f"{e.record.id}#{a.id}": (e.record, a) for e in register.plans for a in e.record.actions}


def _actions(old: Register, new: Register, names: dict[str, str], today: date, old_day: date) -> Iterator[Change]:
    plans_before = {e.record.id: e.record for e in old.plans}
    for entry in new.plans:
        was = plans_before.get(entry.record.id)
        if was is not None:
            name = names.get(entry.record.partnership or "", entry.record.title or entry.record.id)
            yield from field_changes(entry.record.id, name, was, entry.record, skip=("actions",))
    before, after = _actions_by_name(old), _actions_by_name(new)
    for key in sorted(after.keys() - before.keys()):
        plan, action = after[key]
        name = names.get(plan.partnership or "", plan.title or plan.id)
        yield Change("action-added", key, name, f"{name}: action {key} added: {action.action} (target {action.target})")
    for key in sorted(before.keys() - after.keys()):
        plan, action = before[key]
        name = names.get(plan.partnership or "", plan.title or plan.id)
        yield Change("action-removed", key, name, f"{name}: action {key} removed")
    for key in sorted(after.keys() & before.keys()):
        yield from _action_changes(key, before[key][1], *after[key], names, today, old_day)


def _action_changes(
    key: str, was: Action, plan: ActionPlan, now: Action, names: dict[str, str], today: date, old_day: date
) -> Iterator[Change]:
    name = names.get(plan.partnership or "", plan.title or plan.id)
    if now.status == "complete" and was.status != "complete":
        yield Change(
            "action-completed",
            key,
            name,
            f"{name}: action {key} completed on {now.completed or 'an unrecorded date'}",
            "status",
            was.status,
            now.status,
        )
    if now.target != was.target:
        yield Change(
            "action-retargeted",
            key,
            name,
            f"{name}: action {key} target {was.target} → {now.target}",
            "target",
            str(was.target),
            str(now.target),
        )
    if is_overdue(now, today) and not is_overdue(was, old_day):
        yield Change("action-newly-overdue", key, name, f"{name}: action {key} is now overdue (target {now.target})")
    old_updates = {(u.date, u.text) for u in was.updates or []}
    for update in now.updates or []:
        if (update.date, update.text) not in old_updates:
            yield Change(
                "update-added",
                key,
                name,
                f"{name}: action {key} update {update.date}: {update.text}",
                "updates",
                None,
                {"date": update.date.isoformat(), "text": update.text},
            )
    skip = ("status", "target", "updates", "completed")
    yield from field_changes(key, name, was, now, skip=skip)


def _finding_key(problem: Problem) -> tuple[str, str, str]:
    return (problem.path, problem.code, problem.message)


def _findings(old: Register, new: Register, today: date) -> Iterator[Change]:
    """Lint findings introduced or fixed, matched by file, code and message (lines move)."""
    before = {_finding_key(p): p for p in check_register(old, Selection(), today).problems}
    after = {_finding_key(p): p for p in check_register(new, Selection(), today).problems}
    for key in sorted(after.keys() - before.keys()):
        p = after[key]
        yield Change(
            "finding-introduced",
            p.path,
            p.path,
            f"{p.path}:{p.line}:{p.col}: {p.code} {p.severity.value} {p.message}",
            p.code,
            None,
            p.message,
        )
    for key in sorted(before.keys() - after.keys()):
        p = before[key]
        yield Change("finding-fixed", p.path, p.path, f"{p.path}: {p.code} fixed: {p.message}", p.code, p.message, None)
