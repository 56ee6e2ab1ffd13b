"""Spreadsheet rows -> partnership records, for `partreg import` (issue 7).

Columns are matched to FORMAT.md fields by header: a `--map` file first, then a field's own dotted
name (`resources.officer_hours_per_month`, as `partreg export` writes it), then the names councils
use ("Lead Officer", "Officer hours per month", "Statutory (Y/N)": Harborough, Derby, Middlesbrough).
Each row becomes a positioned document whose marks are its cells, typed by the same model and error
translation as a YAML file, so every problem names its cell (`register.xlsx:Sheet1!D14`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from partreg.errors import PartregError
from partreg.load.document import Document, PosDict, Position, PosList
from partreg.load.layout import REGISTER_DIR
from partreg.load.spreadsheet import (
    Sheet,
    SheetRow,
    UnsavedFormula,
    column_index,
    column_letter,
    without_quote_prefix,
)
from partreg.load.yaml_reader import read_document
from partreg.model.build import build_record
from partreg.model.fields import EMPTY_LIST, FieldPath, Shape, field_paths, list_items, resolve
from partreg.model.partnership import Partnership
from partreg.problems import Problem, error

# Normalised header (see `normalise`) -> field. A field's own name, in any case or spacing, also matches.
ALIASES: dict[str, str] = {
    "nameofpartnership": "name", "partnershipname": "name", "partnership": "name",
    "leadmanager": "lead_officer",
    "officerhourspermonth": "resources.officer_hours_per_month", "officerhours": "resources.officer_hours_per_month",
    "hourspermonth": "resources.officer_hours_per_month",
    "financialcontribution": "resources.financial_contribution", "contribution": "resources.financial_contribution",
    "annualcontribution": "resources.financial_contribution", "estimate": "resources.estimate",
    "statutorypartnership": "statutory", "significantpartnership": "significant",
    "risk": "risk.level", "risklevel": "risk.level", "prioritylevel": "risk.level",  # Derby: "Priority level"
    "likelihood": "risk.likelihood", "impact": "risk.impact", "valuetothecouncil": "value",
    "recommendation": "recommendation.action", "rationale": "recommendation.rationale",
    "accountability": "accountable_director", "lmtlead": "accountable_director",  # Derby; Middlesbrough
    "aimsandobjectives": "purpose", "legalform": "form", "partnerorganisations": "partners",
}  # fmt: skip
REQUIRED = ("name", "statutory", "significant", "lead_officer")  # `id` can be made from the name
_HEADER_SEARCH_ROWS = 20
_TOTAL_ROWS = frozenset({"total", "totals", "subtotal", "grandtotal"})  # Harborough's "TOTAL" line
_MAX_SLUG = 100
IMPORT_NOTE = "Imported by partreg"  # opens the comment on every file import writes


# --- cells and headers ------------------------------------------------------------------------


def normalise(header: str) -> str:
    """`Statutory (Y/N)`, `Officer Hours per month* (including ...)` -> `statutory`, `officerhourspermonth`."""
    text = re.sub(r"\([^)]*(\)|$)", " ", header.casefold())
    return "".join(char for char in text if char.isalnum())


def cell_text(value: Any) -> str:
    """A cell as the text a register file would hold: the schema, not the spreadsheet, types it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return without_quote_prefix(str(value))


def slugify(name: str) -> str:
    """`Leicester & Leicestershire Economic Partnership Board` -> `leicester-and-leicestershire-...`."""
    text = unicodedata.normalize("NFKD", name.replace("&", " and ")).encode("ascii", "ignore").decode()
    slug = "-".join(re.findall(r"[a-z0-9]+", text.lower().replace("'", "")))
    return slug if len(slug) <= _MAX_SLUG else slug[:_MAX_SLUG].rsplit("-", 1)[0]


class ColumnMap(dict[str, "FieldPath | None"]):
    """A --map file: normalised header -> field (None: left out), and where each entry is written."""

    def __init__(self, file: str) -> None:
        super().__init__()
        self.file = file
        self.written: dict[str, tuple[str, int, int]] = {}  # normalised header -> (header, line, col)


def read_mapping(name: str, raw: bytes) -> ColumnMap:
    """A --map file: `"Header text": dotted.field` lines; `~` or `ignore` leaves a column out."""
    doc, problems = read_document(name, raw)
    if doc is None:
        raise PartregError(f"{name}:{problems[0].line}:{problems[0].col}: {problems[0].message}", problems[0].hint)
    mapping = ColumnMap(name)
    for header, (key_line, key_col, line, col) in doc.data.marks.items():
        mapping.written[normalise(header)] = (header, key_line, key_col)
        target = doc.data.get(header)
        if target is None or (isinstance(target, str) and target.strip().lower() == "ignore"):
            mapping[normalise(header)] = None
            continue
        found = resolve(target.strip()) if isinstance(target, str) else None
        if found is None:
            close = difflib.get_close_matches(str(target), field_paths(), n=1, cutoff=0.6)
            raise PartregError(
                f"{name}:{line}:{col}: `{header}` maps to `{target}`, which is not a partnership field",
                f"did you mean `{close[0]}`?"
                if close
                else "write a FORMAT.md field such as `lead_officer`, "
                "`resources.financial_contribution` or `custom.<name>`",
            )
        mapping[normalise(header)] = found
    return mapping


def _unused_entries(sheet: Sheet, mapping: dict[str, FieldPath | None], header: SheetRow) -> list[Problem]:
    """A --map entry for a header the sheet does not have: most likely a typo, which would
    otherwise leave the column it meant unmapped without a word."""
    if not isinstance(mapping, ColumnMap):
        return []
    in_sheet = {normalise(cell_text(value)) for value in header.cells.values()}
    return [
        error(
            f"{mapping.file}:{line}:{col}",
            line,
            col,
            "S003",
            f"`{written}` is not a header in {sheet.file}, sheet {sheet.name} (row {header.number})",
            f"check its spelling against row {header.number}, or remove it from {mapping.file}",
        )
        for key, (written, line, col) in mapping.written.items()
        if key not in in_sheet
    ]


@dataclass(frozen=True, slots=True)
class Column:
    letter: str
    header: str
    target: FieldPath | None  # None: left out by the --map file


@dataclass(slots=True)
class Header:
    row: int
    columns: list[Column] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def column_for(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.target is not None and c.target.name == name), None)


_UNKNOWN = FieldPath((), Shape.VALUE)


def _target(header: str, mapping: dict[str, FieldPath | None]) -> FieldPath | None:
    key = normalise(header)
    if key in mapping:
        return mapping[key]
    named = ALIASES.get(key) or next((n for n in Partnership.model_fields if normalise(n) == key != "custom"), None)
    written = header.strip()
    # `custom.` keys and principle ids keep their case; the FORMAT.md names are lower case.
    exact = resolve(written) or resolve(written.lower())
    return exact or (resolve(named) if named else None) or _UNKNOWN


def read_header(sheet: Sheet, mapping: dict[str, FieldPath | None], *, update: bool = False) -> Header:
    """The header row (the first top row naming two known columns) and the field of each column."""
    if not sheet.rows:
        raise PartregError(f"{sheet.file}: sheet {sheet.name} is empty", "give the sheet that holds the register")
    first = _header_row(sheet.rows, mapping)
    _refuse_other_kinds(sheet, first)
    header = Header(first.number)
    for letter, value in first.cells.items():
        text, ref = cell_text(value).strip(), sheet.ref(letter, first.number)
        target = _target(text, mapping)
        same = header.column_for(target.name) if target is not None else None
        if target is _UNKNOWN:
            header.problems.append(_unknown_column(ref, first.number, letter, text))
        elif same is not None and target is not None:
            message = f"columns {same.letter} `{same.header}` and {letter} `{text}` both give `{target.name}`"
            hint = f'leave one out with `"{text}": ~` in a --map file'
            header.problems.append(error(ref, first.number, column_index(letter), "Y013", message, hint))
        else:
            header.columns.append(Column(letter, text, target))
    headless = {letter for row in sheet.rows if row.number > first.number for letter in row.cells} - set(first.cells)
    for letter in sorted(headless, key=column_index):
        hint = f"type a header into {letter}{first.number}, such as `Partnership` or `Lead Officer`"
        ref = sheet.ref(letter, first.number)
        message = f"column {letter} has data but no header"
        header.problems.append(error(ref, first.number, column_index(letter), "S003", message, hint))
    header.problems += _missing_columns(sheet, header, update=update) + _unused_entries(sheet, mapping, first)
    return header


def _header_row(rows: list[SheetRow], mapping: dict[str, FieldPath | None]) -> SheetRow:
    """Registers often open with a title row or two: the header is the first row naming two fields."""
    for row in rows[:_HEADER_SEARCH_ROWS]:
        if sum(_target(cell_text(value), mapping) is not _UNKNOWN for value in row.cells.values()) >= 2:
            return row
    return rows[0]


# The columns that mark `partreg export --kind assessments` and `--kind actions`.
_OTHER_KINDS = {"assessments": ("partnership", "year"), "action plans": ("plan.id", "owner")}


def _refuse_other_kinds(sheet: Sheet, header: SheetRow) -> None:
    """An export of assessments or actions would be misread as partnerships: say what it is instead."""
    written = {cell_text(value).strip() for value in header.cells.values()}
    for kind, columns in _OTHER_KINDS.items():
        if set(columns) <= written:
            named = " and ".join(f"`{column}`" for column in columns)
            raise PartregError(
                f"{sheet.file} holds {kind} (its header has {named}); partreg import reads partnerships only",
                "import a sheet of partnerships, such as `partreg export --kind partnerships` writes; "
                "edit assessments and action plans as YAML files (`partreg new assessment`, `partreg new plan`)",
            )


def _unknown_column(ref: str, row: int, letter: str, text: str) -> Problem:
    known = {**ALIASES, **{normalise(n): n for n in Partnership.model_fields}}
    close = difflib.get_close_matches(normalise(text), list(known), n=1, cutoff=0.75)
    suggestion = f"did you mean `{known[close[0]]}`? or " if close else ""
    hint = f'{suggestion}map it in a --map file: `"{text}": custom.<name>`, or `"{text}": ~` to leave it out'
    return error(ref, row, column_index(letter), "S003", f"column `{text}` is not a partnership field", hint)


def _missing_columns(sheet: Sheet, header: Header, *, update: bool) -> list[Problem]:
    """A new record needs every required field; an update needs only what finds the record."""
    given = {c.target.name for c in header.columns if c.target is not None}
    if update:
        missing = [] if given & {"id", "name"} else ["name"]
    else:
        missing = [name for name in REQUIRED if name not in given]
    return [
        error(
            sheet.ref("A", header.row),
            header.row,
            1,
            "S002",
            f"no column for `{name}`, which every partnership needs",
            f"add a column headed `{name.replace('_', ' ').capitalize()}`, or map one in a --map file",
        )
        for name in missing
    ]


# --- rows -> records --------------------------------------------------------------------------


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
    """Every row below the header that holds data, and how many were skipped (totals, or nothing to import)."""
    if any(p.code == "S002" for p in header.problems):
        return [], 0
    rows: list[ImportedRow] = []
    name_column = header.column_for("name")
    skipped = 0
    for row in sheet.rows:
        if row.number <= header.row:
            continue
        name = row.cells.get(name_column.letter) if name_column else None
        mapped = any(c.target and c.letter in row.cells for c in header.columns)
        if not mapped or (name is not None and normalise(cell_text(name)) in _TOTAL_ROWS):
            skipped += 1
            continue
        rows.append(_read_row(sheet, header, row))
    return rows, skipped


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
        value = _cell_value(column.target, cell_text(row.cells[column.letter]), position)
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
        return (cell_text(written).strip() if written is not None else None), column_index(id_column.letter)
    assert name_column is not None  # read_header reports a sheet with neither, and then no row is read
    column = column_index(name_column.letter)
    made = slugify(cell_text(row.cells[name_column.letter])) if name_column.letter in row.cells else ""
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


# --- rows -> what to write --------------------------------------------------------------------


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


# A partnership id -> (root-relative path, bytes) of its existing file, or None.
ExistingFile = Callable[[str], "tuple[str, bytes] | None"]


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
    sheet: Sheet, row: ImportedRow, seen: dict[str, int], found: tuple[str, bytes] | None, update: bool
) -> Planned:
    rid = row.record_id
    if rid is not None and rid in seen:
        return _refuse(row, f"id `{rid}` is also row {seen[rid]}'s", "give each row its own name, or its own Id")
    if found is None or rid is None:
        invalid = row.record is None
        path = f"{REGISTER_DIR}/partnerships/{rid}.yaml"
        return Planned(row, Outcome.INVALID if invalid else Outcome.CREATE, "" if invalid else path, row.record)
    path, raw = found
    doc, _ = read_document(path, raw)
    previous = build_record(doc, Partnership)[0] if doc is not None else None
    if previous is None or doc is None:
        return _refuse(row, f"`{rid}` is already in the register, and {path} has errors", "run `partreg validate`")
    if not update:
        if row.record is not None and row.record.model_dump() == previous.model_dump():
            return Planned(row, Outcome.UNCHANGED, path, previous, previous)
        if row.record is None:
            return Planned(row, Outcome.INVALID)
        return _refuse(row, f"`{rid}` is already in the register ({path})", "give --update to merge the row into it")
    record, problems = type_row(sheet, _merge(doc.data, row.data), row.has_empty)
    row.problems = row.cell_problems + problems
    if record is None or row.problems:
        return Planned(row, Outcome.INVALID)
    same = record.model_dump() == previous.model_dump()
    return Planned(row, Outcome.UNCHANGED if same else Outcome.UPDATE, path, record, previous, doc.text)


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
