"""Compare two registers record by record: partnerships by id, assessments by (year, partnership),
actions by `<plan>#<id>`, the policy field by field, so reordering a list is never a change. A
partnership whose id changed takes its assessments, plans and findings with it: they are matched
across the rename, not told as added and removed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from partreg.compute import ratings
from partreg.diff.actions import action_changes
from partreg.diff.changes import Change, ChangeSet
from partreg.diff.fields import field_changes
from partreg.diff.findings import finding_changes
from partreg.diff.sides import Sides, broken_placements
from partreg.load.layout import Kind
from partreg.model.assessment import Assessment
from partreg.model.partnership import LEFT_STATUSES, Partnership
from partreg.model.register import Register


def compare_registers(
    old: Register, new: Register, *, today: date, old_label: str, new_label: str, old_day: date | None = None
) -> ChangeSet:
    """Every change from `old` to `new`, judged on `today`. `old_day` is when `old` was current
    (for "newly overdue"); lint findings on both sides are judged on `today`, so a finding is
    introduced or fixed by the change itself, not by the time between the two sides."""
    sides = Sides(old, new, today, old_day or today)
    told = [*_policy(sides), *_partnerships(sides), *_assessments(sides), *action_changes(sides)]
    return ChangeSet(old_label, new_label, [*told, *finding_changes(sides)])


def _policy(sides: Sides) -> Iterator[Change]:
    """Policy settings old → new: every rating depends on them. A policy file that cannot be read on
    either side is told by its problem, not as a change to every default."""
    if sides.unreadable(Kind.POLICY):
        return
    yield from field_changes("policy", "Policy", sides.old.policy, sides.new.policy, kind="policy-changed")


def _partnerships(sides: Sides) -> Iterator[Change]:
    before = {e.record.id: e.record for e in sides.old.partnerships}
    after = {e.record.id: e.record for e in sides.new.partnerships}
    added, removed = sides.added_and_removed
    for old_id, new_id in sides.renamed.items():
        name = after[new_id].name
        yield Change("partnership-renamed", new_id, name, f"{name}: id {old_id} → {new_id}", "id", old_id, new_id)
    for pid in added:
        if pid not in sides.renamed.values():
            yield Change("partnership-added", pid, after[pid].name, f"{after[pid].name} added to the register")
    for pid in removed:
        if pid not in sides.renamed:
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


def _assessments(sides: Sides) -> Iterator[Change]:
    # A renamed partnership's assessments are matched under its new id: they moved with it.
    before = {(e.record.year, sides.new_id(e.record.partnership)): e.record for e in sides.old.assessments}
    after = {(e.record.year, e.record.partnership): e.record for e in sides.new.assessments}
    broken = {(year, sides.new_id(pid)) for year, pid in _unreadable_assessments(sides.old)}
    broken |= _unreadable_assessments(sides.new)
    for year, pid in sorted(after.keys() - before.keys() - broken):
        yield _assessment_added(year, pid, after[(year, pid)], sides)
    for year, pid in sorted(before.keys() - after.keys() - broken):
        name = sides.names.get(pid, pid)
        yield Change("assessment-removed", f"{year}/{pid}", name, f"{name}: {year} assessment removed")
    for key in sorted(after.keys() & before.keys()):
        yield from _assessment_changes(key, before[key], after[key], sides)


def _unreadable_assessments(register: Register) -> set[tuple[int, str]]:
    """(year, partnership id) of each assessment file that is there but gave no record."""
    return {
        (int(placed.folder), placed.stem)
        for placed in broken_placements(register)
        if placed.kind is Kind.ASSESSMENT and placed.folder.isdigit()
    }


def _assessment_added(year: int, pid: str, now: Assessment, sides: Sides) -> Change:
    """A new assessment, with the ratings it sets: for an audit they are rating changes like any other."""
    name = sides.names.get(pid, pid)
    rated = {area: rating.effective for area, rating in _ratings(now, sides.new).items()}
    words = ", ".join(f"{area} {rating or 'unrated'}" for area, rating in rated.items())
    return Change("assessment-added", f"{year}/{pid}", name, f"{name}: {year} assessment added: {words}", new=rated)


def _assessment_changes(key: tuple[int, str], was: Assessment, now: Assessment, sides: Sides) -> Iterator[Change]:
    year, pid = key
    subject, name = f"{year}/{pid}", sides.names.get(pid, pid)
    before, after = _ratings(was, sides.old), _ratings(now, sides.new)
    rated = [
        _rating_change(subject, name, area, before[area], after[area])
        for area in before
        if before[area].effective != after[area].effective
    ]
    yield from rated
    # A declared rating's change is already told as a rating change, with its reason. `partnership` is
    # what the two are matched by: it differs only when the assessment moved with a renamed partnership.
    told = {f"{change.field}.{part}" for change in rated for part in ("rating", "reason")}
    for change in field_changes(subject, f"{name} ({year})", was, now, skip=("partnership",)):
        if change.field not in told:
            yield change


def _ratings(assessment: Assessment, register: Register) -> dict[str, ratings.Rating]:
    """The assessment's governance and performance ratings, by the policy of its own side."""
    partnership = register.partnership(assessment.partnership)
    return {
        "governance": ratings.governance(assessment, partnership, register.policy),
        "performance": ratings.performance(assessment, register.policy),
    }


def _rating_change(subject: str, name: str, area: str, before: ratings.Rating, after: ratings.Rating) -> Change:
    """Told with the assessment's year (`TVCA (2024): governance …`): two years' ratings are not one flipping."""
    year = subject.partition("/")[0]
    moved = f"{before.effective or 'unrated'} → {after.effective or 'unrated'}"
    text = f"{name} ({year}): {area} {moved} (reason: {after.reason})"
    return Change("rating-changed", subject, name, text, area, before.effective, after.effective)
