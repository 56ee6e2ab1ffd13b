"""Imported rows -> what `partreg import` does with each: the file it writes, and the record before
and after. A record already in the register is never replaced; `--update` merges the row into it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from partreg.load.document import PosDict
from partreg.load.layout import partnership_path, partnership_paths
from partreg.load.spreadsheet import Sheet
from partreg.load.worktree import SourceFile, WorkTree
from partreg.load.yaml_reader import DEFAULT_LIMITS, read_document
from partreg.model.build import build_record
from partreg.model.import_rows import ImportedRow, type_row
from partreg.model.partnership import Partnership
from partreg.model.values import SLUG_PATTERN
from partreg.problems import Problem, error


class Outcome(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    INVALID = "invalid"


@dataclass(slots=True)
class Planned:
    """What importing one row does: the file it writes, and the record before and after."""

    row: ImportedRow
    outcome: Outcome
    path: str = ""  # relative to the register root
    record: Partnership | None = None
    previous: Partnership | None = None
    text: str = ""  # the text of the file an update edits: its comments and layout are kept


@dataclass(frozen=True)
class ImportResult:
    """Every row's outcome, the problems found, the text of each file to write, and whether it was written."""

    planned: list[Planned]
    problems: list[Problem]
    skipped: int
    texts: dict[str, str]  # root-relative path -> the file's text
    written: bool
    dry_run: bool

    def count(self, outcome: Outcome) -> int:
        return sum(step.outcome == outcome for step in self.planned)


# A partnership id -> its existing file (root-relative path and bytes), why it cannot be read, or None.
ExistingFile = Callable[[str], "SourceFile | Problem | None"]


def existing_partnership_file(root: Path) -> ExistingFile:
    """The file that already holds a partnership id, read from the work tree as every register file
    is (load/worktree.py: no symbolic links, only regular files, under the size cap), or None."""
    slug = re.compile(SLUG_PATTERN)
    tree = WorkTree(root, DEFAULT_LIMITS.max_bytes)

    def existing(record_id: str) -> SourceFile | Problem | None:
        if not slug.fullmatch(record_id):
            return None  # not an id (the row reports it), and never a path outside the register
        paths = set(partnership_paths(record_id))
        return next(iter(tree.files(paths)), None)

    return existing


def plan(sheet: Sheet, rows: list[ImportedRow], existing: ExistingFile, *, update: bool) -> list[Planned]:
    """Each row's outcome. A record already in the register is never replaced; `update` merges into it."""
    seen: dict[str, int] = {}
    planned = []
    for row in rows:
        planned.append(_plan_row(sheet, row, seen, existing(row.record_id) if row.record_id else None, update))
        if row.record_id:
            seen.setdefault(row.record_id, row.number)
    return planned


def _plan_row(
    sheet: Sheet, row: ImportedRow, seen: dict[str, int], found: SourceFile | Problem | None, update: bool
) -> Planned:
    rid = row.record_id
    if rid is not None and rid in seen:
        return _refuse(row, f"id `{rid}` is also row {seen[rid]}'s", "give each row its own name, or its own Id")
    if found is None or rid is None:
        invalid = row.record is None
        path = "" if invalid or rid is None else partnership_path(rid)
        return Planned(row, Outcome.INVALID if invalid else Outcome.CREATE, path, row.record)
    if isinstance(found, Problem):
        message = f"cannot tell whether `{rid}` is already in the register: {found.path}: {found.message}"
        return _refuse(row, message, found.hint)
    doc, _ = read_document(found.path, found.raw)
    previous = build_record(doc, Partnership)[0] if doc is not None else None
    if previous is None or doc is None:
        return _refuse(
            row, f"`{rid}` is already in the register, and {found.path} has errors", "run `partreg validate`"
        )
    if not update and row.record is None:
        return Planned(row, Outcome.INVALID)  # the row's own problems say why
    # A row changes nothing when merging it leaves the record as it is, with --update or without.
    record, problems = type_row(sheet, _merge(doc.data, row.data), row.has_empty)
    merged_problems = row.cell_problems + problems
    same = record is not None and not merged_problems and record.model_dump() == previous.model_dump()
    if same:
        return Planned(row, Outcome.UNCHANGED, found.path, previous, previous)
    if not update:
        return _refuse(
            row, f"`{rid}` is already in the register ({found.path})", "give --update to merge the row into it"
        )
    row.problems = merged_problems
    if record is None or row.problems:
        return Planned(row, Outcome.INVALID)
    return Planned(row, Outcome.UPDATE, found.path, record, previous, doc.text)


def _refuse(row: ImportedRow, message: str, hint: str) -> Planned:
    ref, col = row.id_at
    row.problems = [*row.problems, error(ref, row.number, col, "R004", message, hint)]
    return Planned(row, Outcome.INVALID)


def _merge(old: PosDict, new: PosDict) -> PosDict:
    """The existing record with the row's cells written over it; an empty cell leaves a field as it was."""
    merged = PosDict(new.start)
    for key in [*old.marks, *(k for k in new.marks if k not in old.marks)]:
        if isinstance(old.get(key), PosDict) and isinstance(new.get(key), PosDict):
            merged[key], merged.marks[key] = _merge(old[key], new[key]), new.marks[key]
        elif key in new:
            merged[key], merged.marks[key] = new[key], new.marks[key]
        elif key in old:
            # Its position is in the existing file, not the sheet: point at the row.
            merged[key], merged.marks[key] = old[key], (*new.start, *new.start)
        elif key in new.marks:
            merged.marks[key] = new.marks[key]
    return merged
