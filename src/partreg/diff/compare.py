"""Compare two registers record by record: partnerships by id, assessments by (year, partnership),
actions by `<plan>#<id>`, the policy field by field, so reordering a list is never a change.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from partreg.check.run import Selection, check_register
from partreg.compute import ratings
from partreg.diff.actions import action_changes
from partreg.diff.changes import Change, ChangeSet
from partreg.diff.fields import field_changes, flatten, same_body
from partreg.load.layout import Kind, place
from partreg.model.assessment import Assessment
from partreg.model.partnership import LEFT_STATUSES, Partnership
from partreg.model.register import Register
from partreg.problems import Problem


def compare_registers(
    old: Register, new: Register, *, today: date, old_label: str, new_label: str, old_day: date | None = None
) -> ChangeSet:
    """Every change from `old` to `new`, judged on `today`. `old_day` is when `old` was current
    (for "newly overdue"); lint findings on both sides are judged on `today`, so a finding is
    introduced or fixed by the change itself, not by the time between the two sides."""
    changes = ChangeSet(old_label, new_label)
    names = {e.record.id: e.record.name for e in [*old.partnerships, *new.partnerships]}
    changes.changes += _policy(old, new)
    changes.changes += _partnerships(old, new)
    changes.changes += _assessments(old, new, names)
    unreadable_plans = unreadable(old, Kind.PLAN) | unreadable(new, Kind.PLAN)
    changes.changes += action_changes(old, new, names, today, old_day or today, unreadable_plans)
    changes.changes += _findings(old, new, today)
    return changes


def unreadable(register: Register, kind: Kind) -> set[str]:
    """Ids of the files of `kind` that are there but were not typed: failing the schema (the id written
    inside) or failing to load at all (the file stem, as FORMAT.md makes it equal to the id)."""
    typed = {doc.path for doc in register.documents()}
    broken = {place(p.path) for p in register.problems if p.path not in typed}
    return register.unparsed_ids.get(kind, set()) | {placed.stem for placed in broken if placed.kind is kind}


def _unreadable_assessments(register: Register) -> set[tuple[int, str]]:
    typed = {doc.path for doc in register.documents()}
    broken = {place(p.path) for p in register.problems if p.path not in typed}
    return {
        (int(placed.folder), placed.stem)
        for placed in broken
        if placed.kind is Kind.ASSESSMENT and placed.folder.isdigit()
    }


def _policy(old: Register, new: Register) -> Iterator[Change]:
    """Policy settings old → new: every rating depends on them. A policy file that cannot be read on
    either side is told by its problem, not as a change to every default."""
    if unreadable(old, Kind.POLICY) or unreadable(new, Kind.POLICY):
        return
    yield from field_changes("policy", "Policy", old.policy, new.policy, kind="policy-changed")


def _partnerships(old: Register, new: Register) -> Iterator[Change]:
    before = {e.record.id: e.record for e in old.partnerships}
    after = {e.record.id: e.record for e in new.partnerships}
    # A file that is there but cannot be read is not added or removed: its finding tells what is wrong.
    broken = unreadable(old, Kind.PARTNERSHIP) | unreadable(new, Kind.PARTNERSHIP)
    added = sorted(after.keys() - before.keys() - broken)
    removed = sorted(before.keys() - after.keys() - broken)
    renamed = _renames(before, after, added, removed)
    for old_id, new_id in renamed.items():
        name = after[new_id].name
        yield Change("partnership-renamed", new_id, name, f"{name}: id {old_id} → {new_id}", "id", old_id, new_id)
    for pid in added:
        if pid not in renamed.values():
            yield Change("partnership-added", pid, after[pid].name, f"{after[pid].name} added to the register")
    for pid in removed:
        if pid not in renamed:
            yield Change("partnership-removed", pid, before[pid].name, f"{before[pid].name} removed from the register")
    for pid in sorted(before.keys() & after.keys()):
        yield from _partnership_changes(pid, before[pid], after[pid])


def _partnership_changes(pid: str, was: Partnership, now: Partnership) -> Iterator[Change]:
    left = now.status in LEFT_STATUSES and was.status not in LEFT_STATUSES
    if left:
        text = f"{now.name}: status {was.status} → {now.status}"
        yield Change("partnership-dissolved", pid, now.name, text, "status", was.status, now.status)
    for change in field_changes(pid, now.name, was, now):
        if not (left and change.field == "status"):
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
                if new_id not in renamed.values() and same_body(flatten(after[new_id], skip=("id",)), body)
            ),
            None,
        )
        if match is not None:
            renamed[old_id] = match
    return renamed


def _assessments(old: Register, new: Register, names: dict[str, str]) -> Iterator[Change]:
    before = {(e.record.year, e.record.partnership): e.record for e in old.assessments}
    after = {(e.record.year, e.record.partnership): e.record for e in new.assessments}
    broken = _unreadable_assessments(old) | _unreadable_assessments(new)
    for key in sorted(after.keys() - before.keys() - broken):
        year, pid = key
        name = names.get(pid, pid)
        yield Change("assessment-added", f"{year}/{pid}", name, f"{name}: {year} assessment added")
    for key in sorted(before.keys() - after.keys() - broken):
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


def _finding_key(problem: Problem) -> tuple[str, str, str]:
    return (problem.path, problem.code, problem.message)


def _findings(old: Register, new: Register, today: date) -> Iterator[Change]:
    """Lint findings introduced or fixed, matched by file, code and message (lines move)."""
    before = {_finding_key(p): p for p in check_register(old, Selection(), today).problems}
    after = {_finding_key(p): p for p in check_register(new, Selection(), today).problems}
    for key in sorted(after.keys() - before.keys()):
        p = after[key]
        text = f"{p.path}:{p.line}:{p.col}: {p.code} {p.severity.value} {p.message}"
        yield Change("finding-introduced", p.path, p.path, text, p.code, None, p.message)
    for key in sorted(before.keys() - after.keys()):
        p = before[key]
        yield Change("finding-fixed", p.path, p.path, f"{p.path}: {p.code} fixed: {p.message}", p.code, p.message, None)
