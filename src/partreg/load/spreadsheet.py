"""A council's register spreadsheet (.xlsx or .csv) -> rows of cells, each cell named by its column letter.

The workbook is opened with openpyxl in read-only mode, from bytes already read under a size cap,
and its zip entries are checked first: a small file can unpack to gigabytes. The sheet's declared
dimensions are ignored (a hostile file can claim a million rows), so only the rows written are read.
Cell values keep their spreadsheet type (text, number, date, yes/no); the model decides what they mean.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partreg.errors import PartregError

# Text that export prefixes with `'`: a formula start (`=`, `+`, `-`, `@`, tab, carriage return: a
# spreadsheet runs such a cell, `=HYPERLINK(...)`) after any number of `'`. The quotes are counted
# in, so a value that itself starts `'=` gets one more, and import's one removal is exact.
_PREFIXED = re.compile("'*[=+\\-@\t\r]")

_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls, and any password-protected workbook
_PLAIN_SHEET_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
# What a malformed workbook can make openpyxl raise, while opening or while streaming rows.
_UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    SyntaxError,  # xml.etree's ParseError
    EOFError,
    OSError,
)


def yes_or_no(value: bool) -> str:
    """A yes/no as the register writes it (FORMAT.md), in files and in the cells export writes and import reads."""
    return "yes" if value else "no"


def quote_prefixed(text: str) -> str:
    """`text` as export writes it in a cell: with a leading `'` where a spreadsheet could run it."""
    return "'" + text if _PREFIXED.match(text) else text


def without_quote_prefix(text: str) -> str:
    """A cell's text with the `'` that `quote_prefixed` added taken off again."""
    return text[1:] if text.startswith("'") and _PREFIXED.match(text, 1) else text


@dataclass(frozen=True, slots=True)
class UnsavedFormula:
    """An .xlsx cell holding a formula whose result was never saved (a file written by a program,
    not by Excel): its value is unknown, and guessing would import a wrong or empty field."""

    formula: str

    def __str__(self) -> str:
        return self.formula


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps on one spreadsheet; a file over one cannot be imported (exit 2)."""

    max_bytes: int = 25_000_000
    max_unpacked_bytes: int = 250_000_000
    max_rows: int = 100_000


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One row that holds something: its 1-based number and its non-empty cells by column letter."""

    number: int
    cells: dict[str, Any]


@dataclass(slots=True)
class Sheet:
    """The rows of one sheet of one file, as the user sees them in a spreadsheet program."""

    file: str  # the file's name, e.g. register.xlsx
    name: str  # the sheet's name; a CSV file's one sheet is named after the file, as Excel does
    rows: list[SheetRow] = field(default_factory=list)

    def ref(self, column: str, row: int) -> str:
        """The cell reference a user can type into the spreadsheet: `register.xlsx:Sheet1!D14`."""
        return f"{self.file}:{sheet_label(self.name)}!{column}{row}"


def sheet_label(name: str) -> str:
    """A sheet name as a formula writes it: quoted when it holds spaces or punctuation."""
    if _PLAIN_SHEET_NAME.fullmatch(name):
        return name
    return "'" + name.replace("'", "''") + "'"


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA (the spreadsheet's own column names)."""
    letters = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def column_index(letter: str) -> int:
    number = 0
    for char in letter:
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def read_sheet(path: Path, sheet: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Sheet:
    """Every non-empty row of `sheet` (default: the first) in an .xlsx or .csv file."""
    suffix = path.suffix.lower()
    if suffix not in (*_XLSX_SUFFIXES, ".csv"):
        raise PartregError(f"{path.name} is not a spreadsheet partreg can read", _suffix_hint(suffix))
    raw = _read_capped(path, limits)
    if suffix == ".csv":
        return _read_csv(path, raw, sheet, limits)
    return _read_xlsx(path, raw, sheet, limits)


def _suffix_hint(suffix: str) -> str:
    if suffix in (".xls", ".ods", ".numbers"):
        return "open it in your spreadsheet program and save it as Excel Workbook (.xlsx) or CSV UTF-8 (.csv)"
    return "give an Excel workbook (.xlsx) or a CSV file (.csv)"


def _read_capped(path: Path, limits: Limits) -> bytes:
    try:
        with path.open("rb") as handle:
            raw = handle.read(limits.max_bytes + 1)
    except FileNotFoundError:
        raise PartregError(f"no file {path}", "check the file name") from None
    except OSError as exc:
        raise PartregError(f"cannot read {path}: {exc.strerror}", "check the file's permissions") from None
    if len(raw) > limits.max_bytes:
        raise PartregError(
            f"{path.name} is over the {limits.max_bytes:,}-byte limit for a spreadsheet",
            "import one sheet at a time, or save only the register's columns",
        )
    return raw


def _read_csv(path: Path, raw: bytes, sheet: str | None, limits: Limits) -> Sheet:
    name = path.stem
    if sheet is not None and sheet != name:
        raise PartregError(f"--sheet {sheet}: a CSV file has one sheet", "leave out --sheet for a CSV file")
    if b"\x00" in raw or raw.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        raise PartregError(f"{path.name} is not a CSV text file", "save the sheet as CSV UTF-8 (.csv)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise PartregError(
            f"{path.name} line {line}: not UTF-8 text", "save the sheet as CSV UTF-8 (comma delimited) (.csv)"
        ) from None
    result = Sheet(path.name, name)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for number, values in enumerate(reader, start=1):
            _add_row(result, number, values, limits)
    except csv.Error as exc:
        raise PartregError(f"{path.name} line {reader.line_num}: {exc}", "check the quoting on this line") from None
    return result


def _read_xlsx(path: Path, raw: bytes, sheet: str | None, limits: Limits) -> Sheet:
    if raw.startswith(_OLE_MAGIC):
        raise PartregError(
            f"{path.name} is password-protected or an old-format (.xls) workbook",
            "remove the password, or save it as Excel Workbook (.xlsx)",
        )
    if not raw.startswith(_ZIP_MAGIC):
        raise PartregError(f"{path.name} is not an Excel workbook", "save it as Excel Workbook (.xlsx)")
    _check_unpacked_size(path, raw, limits)
    from openpyxl import load_workbook  # no stubs among the dev tools

    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (data validation, unknown extensions); the data is kept.
            warnings.simplefilter("ignore")
            # The saved values, and beside them the formulas: a formula cell with no saved value reads
            # as empty among the values, and only the second reading tells it from an empty cell.
            saved = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            formulas = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
            try:
                values_sheet = _choose_sheet(path, saved, sheet)
                formula_sheet = formulas[values_sheet.title]
                result = Sheet(path.name, values_sheet.title)
                for number, values in enumerate(_rows_with_formulas(values_sheet, formula_sheet), 1):
                    _add_row(result, number, values, limits)
            finally:
                saved.close()
                formulas.close()
    except PartregError:
        raise
    except _UNREADABLE as exc:
        raise PartregError(
            f"{path.name} could not be read as a workbook ({type(exc).__name__})",
            "open it in your spreadsheet program and save it again as Excel Workbook (.xlsx)",
        ) from None
    return result


def _rows_with_formulas(values_sheet: Any, formula_sheet: Any) -> Iterator[list[Any]]:
    """Each row's saved values, with an `UnsavedFormula` where a formula has none."""
    for sheet in (values_sheet, formula_sheet):
        sheet.reset_dimensions()  # never trust the declared size
    value_rows = values_sheet.iter_rows(min_row=1, min_col=1, values_only=True)
    cell_rows = formula_sheet.iter_rows(min_row=1, min_col=1)
    for values, cells in itertools.zip_longest(value_rows, cell_rows, fillvalue=()):
        row = list(values)
        for index, cell in enumerate(cells):
            if getattr(cell, "data_type", None) == "f" and (index >= len(row) or row[index] is None):
                row += [None] * (index + 1 - len(row))
                row[index] = UnsavedFormula(str(cell.value))
        yield row


def _check_unpacked_size(path: Path, raw: bytes, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise PartregError(f"{path.name} is not an Excel workbook", "save it as Excel Workbook (.xlsx)") from None
    if unpacked > limits.max_unpacked_bytes:
        raise PartregError(
            f"{path.name} unpacks to {unpacked:,} bytes, over the {limits.max_unpacked_bytes:,}-byte limit",
            "save only the register's sheet and columns in a new workbook",
        )


def _choose_sheet(path: Path, workbook: Any, sheet: str | None) -> Any:
    sheets = list(workbook.worksheets)
    if not sheets:
        raise PartregError(f"{path.name} has no worksheets", "save the register in the workbook's first sheet")
    if sheet is None:
        return sheets[0]
    for candidate in sheets:
        if candidate.title == sheet:
            return candidate
    names = ", ".join(f'"{candidate.title}"' for candidate in sheets)
    raise PartregError(f'{path.name} has no sheet "{sheet}"', f"its sheets are {names}")


def _add_row(sheet: Sheet, number: int, values: Iterable[Any], limits: Limits) -> None:
    cells = dict(_non_empty(values))
    if not cells:
        return
    if len(sheet.rows) >= limits.max_rows:
        raise PartregError(
            f"{sheet.file} has more than {limits.max_rows:,} rows with data",
            "split the register into several files and import each",
        )
    sheet.rows.append(SheetRow(number, cells))


def _non_empty(values: Iterable[Any]) -> Iterator[tuple[str, Any]]:
    for index, value in enumerate(values, start=1):
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        yield column_letter(index), value
