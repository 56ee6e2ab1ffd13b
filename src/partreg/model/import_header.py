"""A register spreadsheet's header row -> the field of each column, for `partreg import` (issue 7).

Columns are matched to FORMAT.md fields by header: a `--map` file first, then a field's own dotted
name (`resources.officer_hours_per_month`, as `partreg export` writes it), then the names councils
use ("Lead Officer", "Officer hours per month", "Statutory (Y/N)": Harborough, Derby, Middlesbrough).
The rows below the header are read in model/import_rows.py and planned in model/import_plan.py.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from partreg.errors import PartregError
from partreg.load.spreadsheet import Sheet, SheetRow, column_index, without_quote_prefix, yes_or_no
from partreg.load.yaml_reader import read_document
from partreg.model.base import FREE_KEY
from partreg.model.fields import FieldPath, Shape, field_paths, resolve
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
_MAX_SLUG = 100


def normalise(header: str) -> str:
    """`Statutory (Y/N)`, `Officer Hours per month* (including ...)` -> `statutory`, `officerhourspermonth`."""
    text = re.sub(r"\([^)]*(\)|$)", " ", header.casefold())
    return "".join(char for char in text if char.isalnum())


def register_text_of_cell(value: Any) -> str:
    """A cell as the text a register file would hold: the schema, not the spreadsheet, types it."""
    if isinstance(value, bool):
        return yes_or_no(value)
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
    """A --map file: normalised header -> field (None: left out), and where each entry is written.
    With no --map file it is empty, and every header is matched by name."""

    def __init__(self, file: str = "") -> None:
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


def _unused_entries(sheet: Sheet, mapping: ColumnMap, header: SheetRow) -> list[Problem]:
    """A --map entry for a header the sheet does not have: most likely a typo, which would
    otherwise leave the column it meant unmapped without a word."""
    in_sheet = {normalise(register_text_of_cell(value)) for value in header.cells.values()}
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


def _target(header: str, mapping: ColumnMap) -> FieldPath | None:
    key = normalise(header)
    if key in mapping:
        return mapping[key]
    named = ALIASES.get(key) or next((n for n in Partnership.model_fields if normalise(n) == key != FREE_KEY), None)
    written = header.strip()
    # `custom.` keys and principle ids keep their case; the FORMAT.md names are lower case.
    exact = resolve(written) or resolve(written.lower())
    return exact or (resolve(named) if named else None) or _UNKNOWN


def read_header(sheet: Sheet, mapping: ColumnMap, *, update: bool = False) -> Header:
    """The header row (the first top row naming two known columns) and the field of each column."""
    if not sheet.rows:
        raise PartregError(f"{sheet.file}: sheet {sheet.name} is empty", "give the sheet that holds the register")
    first = _header_row(sheet.rows, mapping)
    _refuse_other_kinds(sheet, first)
    header = Header(first.number)
    for letter, value in first.cells.items():
        text, ref = register_text_of_cell(value).strip(), sheet.ref(letter, first.number)
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
    in_sheet = sorted(header.problems + _missing_columns(sheet, header, update=update), key=lambda p: (p.line, p.col))
    # The --map file's own problems first: their lines and columns are that file's, not the sheet's.
    header.problems = _unused_entries(sheet, mapping, first) + in_sheet
    return header


def _header_row(rows: list[SheetRow], mapping: ColumnMap) -> SheetRow:
    """Registers often open with a title row or two: the header is the first row naming two fields."""
    for row in rows[:_HEADER_SEARCH_ROWS]:
        if sum(_target(register_text_of_cell(value), mapping) is not _UNKNOWN for value in row.cells.values()) >= 2:
            return row
    return rows[0]


# The columns that mark `partreg export --kind assessments` and `--kind actions`.
_OTHER_KINDS = {"assessments": ("partnership", "year"), "action plans": ("plan.id", "owner")}


def _refuse_other_kinds(sheet: Sheet, header: SheetRow) -> None:
    """An export of assessments or actions would be misread as partnerships: say what it is instead."""
    written = {register_text_of_cell(value).strip() for value in header.cells.values()}
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
