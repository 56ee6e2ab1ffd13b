"""The two registers a diff compares, and what only both sides together tell: the day each side is
judged on, what each partnership is called, which files could not be read, and which partnerships
had their id changed (so their records are matched across the rename, not added and removed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from partreg.diff.fields import flatten, same_body
from partreg.load.layout import Kind, Placed, place
from partreg.model.register import Register

# The kinds of file named after their partnership (FORMAT.md: the stem equals the id), which move with a rename.
_NAMED_AFTER_PARTNERSHIP = (Kind.PARTNERSHIP, Kind.ASSESSMENT, Kind.PLAN)


@dataclass(frozen=True)
class Sides:
    old: Register
    new: Register
    today: date  # the new side's day
    old_day: date  # the day the old side was current, for "newly overdue"

    @cached_property
    def names(self) -> dict[str, str]:
        """Each partnership's name by id, from either side."""
        return {e.record.id: e.record.name for e in [*self.old.partnerships, *self.new.partnerships]}

    def unreadable(self, kind: Kind) -> set[str]:
        """Ids of the files of `kind` that are there, on either side, but gave no record."""
        return unreadable(self.old, kind) | unreadable(self.new, kind)

    @cached_property
    def added_and_removed(self) -> tuple[list[str], list[str]]:
        """(ids of partnerships added, ids removed). A file that is there but cannot be read is neither:
        its finding tells what is wrong."""
        before = {e.record.id for e in self.old.partnerships}
        after = {e.record.id for e in self.new.partnerships}
        broken = self.unreadable(Kind.PARTNERSHIP)
        return sorted(after - before - broken), sorted(before - after - broken)

    @cached_property
    def renamed(self) -> dict[str, str]:
        """Old id -> new id: a removed and an added partnership that differ only in their id were renamed."""
        added, removed = self.added_and_removed
        before = {e.record.id: e.record for e in self.old.partnerships}
        after = {e.record.id: e.record for e in self.new.partnerships}
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

    def new_id(self, partnership_id: str) -> str:
        """The id a partnership of the old side has on the new side."""
        return self.renamed.get(partnership_id, partnership_id)

    def new_path(self, path: str) -> str:
        """Where a file of the old side is on the new side: a renamed partnership's files moved with it."""
        placed = place(path)
        if placed.kind not in _NAMED_AFTER_PARTNERSHIP or placed.stem not in self.renamed:
            return path
        folder, _, name = path.rpartition("/")
        return f"{folder}/{self.renamed[placed.stem]}{name.removeprefix(placed.stem)}"

    def new_words(self, text: str) -> str:
        """Text of the old side with each renamed id in a code span (`id`, `id#action`) written as the new id."""
        parts = text.split("`")
        for index in range(1, len(parts), 2):
            pid, hash_sign, action = parts[index].partition("#")
            if pid in self.renamed:
                parts[index] = f"{self.renamed[pid]}{hash_sign}{action}"
        return "`".join(parts)


def broken_placements(register: Register) -> set[Placed]:
    """The files that are there but were not typed: failing to load, or failing the schema."""
    typed = {doc.path for doc in register.documents()}
    return {place(problem.path) for problem in register.problems if problem.path not in typed}


def unreadable(register: Register, kind: Kind) -> set[str]:
    """Ids of the files of `kind` that are there but were not typed: the id written inside (a schema
    failure), or the file stem, as FORMAT.md makes it equal to the id."""
    stems = {placed.stem for placed in broken_placements(register) if placed.kind is kind}
    return register.unparsed_ids.get(kind, set()) | stems
