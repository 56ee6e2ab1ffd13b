"""Spreadsheet rows below the header -> partnership records, for `partreg import` (issue 7).

Each row becomes a positioned document whose marks are its cells, typed by the same model and error
translation as a YAML file, so every problem names its cell (`register.xlsx:Sheet1!D14`). Rows that
hold no partnership are skipped and counted: a TOTAL line, and the notes under the table
("*Rough estimate", as in Harborough's register).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from partreg.load.document import Document, PosDict, Position, PosList
from partreg.load.spreadsheet import Sheet, SheetRow, UnsavedFormula, column_index, column_letter
from partreg.model.build import build_record
from partreg.model.fields import EMPTY_LIST, FieldPath, Shape, list_items
from partreg.model.import_header import Header, normalise, register_text_of_cell, slugify
from partreg.model.partnership import Partnership
from partreg.problems import Problem, error

_TOTAL_ROWS = frozenset({"total", "totals", "subtotal", "grandtotal"})  # Harborough's "TOTAL" line
# How a note under a table opens: a footnote mark, or the word (`Note:`, `Notes`).
_NOTE = re.compile(r"\s*(?:[*†]|notes?\b)", re.IGNORECASE)


@dataclass(slots=True)
class ImportedRow:
    """One spreadsheet row read as a partnership: its data, the typed record if valid, and problems."""

    number: int
    record_id: str | None
    id_at: tuple[str, int]  # (reference, column number) of the cell that gave the id
    data: PosDict
    has_empty: bool
    record: Partnership | None = None
    problems: list[Problem] = field(default_factory=list)
    cell_problems: list[Problem] = field(default_factory=list)  # found before typing; kept by --update


def read_rows(sheet: Sheet, header: Header) -> tuple[list[ImportedRow], int]:
    """Every row below the header that holds data, and how many were skipped (totals, notes, or nothing to import)."""
    if any(p.code == "S002" for p in header.problems):
        return [], 0
    below = [row for row in sheet.rows if row.number > header.row]
    notes_from = _notes_start(below)
    rows = [_read_row(sheet, header, row) for row in below[:notes_from] if _holds_partnership(header, row)]
    return rows, len(below) - len(rows)


def _holds_partnership(header: Header, row: SheetRow) -> bool:
    """A row with a value in a mapped column, other than a TOTAL line."""
    name_column = header.column_for("name")
    name = row.cells.get(name_column.letter) if name_column else None
    if name is not None and normalise(register_text_of_cell(name)) in _TOTAL_ROWS:
        return False
    return any(c.target and c.letter in row.cells for c in header.columns)


def _notes_start(rows: list[SheetRow]) -> int:
    """Where the notes under the table begin: the rows at the end that each hold one note and nothing else."""
    start = len(rows)
    while start > 0 and _is_note(rows[start - 1]):
        start -= 1
    return start


def _is_note(row: SheetRow) -> bool:
    if len(row.cells) != 1:
        return False
    [value] = row.cells.values()
    return isinstance(value, str) and _NOTE.match(value) is not None


def _read_row(sheet: Sheet, header: Header, row: SheetRow) -> ImportedRow:
    """One row, typed; a formula with no saved value is reported at its cell and read as empty."""
    mapped = {column.letter for column in header.columns if column.target is not None}
    unsaved = {
        letter: value for letter, value in row.cells.items() if isinstance(value, UnsavedFormula) and letter in mapped
    }
    if not unsaved:
        return _read_cells(sheet, header, row)
    cells = {letter: value for letter, value in row.cells.items() if letter not in unsaved}
    imported = _read_cells(sheet, header, SheetRow(row.number, cells))
    at_formula = {(row.number, column_index(letter)) for letter in unsaved}
    # The empty cell left in its place is not the problem: the formula is.
    found = [p for p in imported.problems if (p.line, p.col) not in at_formula]
    formulas = [
        error(
            sheet.ref(letter, row.number),
            row.number,
            column_index(letter),
            "S001",
            f"`{formula}` is a formula with no saved value",
            "open the file in Excel and save it, or type the value",
        )
        for letter, formula in unsaved.items()
    ]
    imported.cell_problems = formulas + imported.cell_problems
    imported.problems = sorted(formulas + found, key=lambda p: (p.line, p.col))
    imported.record = None
    return imported


def _read_cells(sheet: Sheet, header: Header, row: SheetRow) -> ImportedRow:
    first_column = min(map(column_index, row.cells), default=1)
    tree = _Branch((row.number, first_column))
    problems: list[Problem] = []
    for column in header.columns:
        if column.target is None:
            continue
        position = (row.number, column_index(column.letter))
        if column.letter not in row.cells:
            if column.target.required:
                tree.mark_empty(column.target, position)
            continue
        value = _cell_value(column.target, register_text_of_cell(row.cells[column.letter]), position)
        if isinstance(value, str) and column.target.leaf is Shape.MODEL_LIST:
            hint = f"use columns `{column.target.name}.1.<field>`, `{column.target.name}.2.<field>`..., or `[]`"
            message = f"`{column.target.name}` cannot be written in one cell"
            problems.append(error(sheet.ref(column.letter, row.number), *position, "S001", message, hint))
        else:
            tree.put(column.target, value, position)
    record_id, id_col = _row_id(header, row, tree)
    id_ref = sheet.ref(column_letter(id_col), row.number)
    data = tree.freeze()
    assert isinstance(data, PosDict)
    imported = ImportedRow(row.number, record_id, (id_ref, id_col), data, tree.has_empty)
    record, found = type_row(sheet, data, tree.has_empty)
    if header.column_for("id") is None:
        # The id is made from the name: an empty name is reported once, as the name.
        found = [p for p in found if not (p.code == "S002" and p.message.startswith("`id`"))]
        if record_id is None and id_col and column_letter(id_col) in row.cells:
            hint = "add an Id column with a slug such as `safer-streets-board`"
            problems.append(error(id_ref, row.number, id_col, "S001", "no id can be made from this name", hint))
    imported.cell_problems = problems
    imported.problems = problems + found
    imported.record = record if not imported.problems else None
    return imported


def type_row(sheet: Sheet, data: PosDict, has_empty: bool) -> tuple[Partnership | None, list[Problem]]:
    """Type one row's data as a partnership; each problem is placed at its cell."""
    record, found = build_record(Document(sheet.name, "", data, has_empty), Partnership)
    return record, [
        Problem(sheet.ref(column_letter(p.col), p.line), p.line, p.col, p.code, p.severity, p.message, p.hint)
        for p in found
    ]


def _row_id(header: Header, row: SheetRow, tree: _Branch) -> tuple[str | None, int]:
    """The row's id, from its Id cell or else made from its name, and the column it came from."""
    id_column, name_column = header.column_for("id"), header.column_for("name")
    if id_column is not None:
        written = row.cells.get(id_column.letter)
        return (register_text_of_cell(written).strip() if written is not None else None), column_index(id_column.letter)
    assert name_column is not None  # read_header reports a sheet with neither, and then no row is read
    column = column_index(name_column.letter)
    made = slugify(register_text_of_cell(row.cells[name_column.letter])) if name_column.letter in row.cells else ""
    if made:
        tree.put(FieldPath(("id",), Shape.VALUE), made, (row.number, column))
    return made or None, column


def _cell_value(target: FieldPath, text: str, position: Position) -> str | PosList:
    if target.leaf in (Shape.TEXT_LIST, Shape.MODEL_LIST) and text.strip() == EMPTY_LIST:
        return PosList(position)
    if target.leaf is not Shape.TEXT_LIST:
        return text
    items = PosList(position)
    for item in list_items(text):
        items.append(item)
        items.marks.append(position)
    return items


class _Branch:
    """A mapping or list being filled from cells; list positions are int keys until it is frozen."""

    __slots__ = ("has_empty", "items", "marks", "start")

    def __init__(self, start: Position) -> None:
        self.start = start
        self.items: dict[str | int, Any] = {}
        self.marks: dict[str | int, Position] = {}
        self.has_empty = False

    @staticmethod
    def _key(target: FieldPath, depth: int) -> str | int:
        part = target.parts[depth]
        return int(part) if depth in target.list_levels else part

    def put(self, target: FieldPath, value: Any, position: Position) -> None:
        node = self
        for depth in range(len(target.parts) - 1):
            key = self._key(target, depth)
            child = node.items.get(key)
            if not isinstance(child, _Branch):
                child = node.items[key] = _Branch(position)
                node.marks.setdefault(key, position)
            node = child
        key = self._key(target, len(target.parts) - 1)
        if not isinstance(node.items.get(key), _Branch):  # written items win over a `[]`
            node.items[key], node.marks[key] = value, position

    def mark_empty(self, target: FieldPath, position: Position) -> None:
        """An empty cell under a mapping that exists reads as `key:` with no value in YAML."""
        node: Any = self
        for depth in range(len(target.parts) - 1):
            node = node.items.get(self._key(target, depth))
            if not isinstance(node, _Branch):
                return
        key = self._key(target, len(target.parts) - 1)
        if isinstance(key, str) and key not in node.marks:
            node.marks[key] = position
            self.has_empty = True

    def freeze(self) -> PosDict | PosList:
        if self.items and all(isinstance(key, int) for key in self.items):
            frozen_list = PosList(self.start)
            for key in sorted(self.items, key=int):
                frozen_list.append(_frozen(self.items[key]))
                frozen_list.marks.append(self.marks[key])
            return frozen_list
        frozen = PosDict(self.start)
        for key, position in self.marks.items():
            frozen.marks[str(key)] = (*position, *position)
            if key in self.items:
                frozen[str(key)] = _frozen(self.items[key])
        return frozen


def _frozen(value: Any) -> Any:
    return value.freeze() if isinstance(value, _Branch) else value
