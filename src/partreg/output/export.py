"""`partreg export`: one row per record, with a flat header of dotted field names, as CSV, XLSX or JSON.

The header is what `partreg import` reads back: `resources.financial_contribution`,
`documents.business_case.held`, `representatives.1.name`, `custom.cost_centre`. A list of text is one
cell (`a; b`, or one item per line when an item holds `;`, or a JSON list `["a", "b"]` when an item
holds a line break); an empty list is `[]` (model/fields.py `list_cell`). Spreadsheet cells that
would start a formula are neutralised with a leading `'`, which import removes again; text that
already starts with `'` before a formula character gets one more, so the round trip is exact.
Only partnerships can be imported again; assessments and actions are exported for reading.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from partreg.load.spreadsheet import column_letter, quote_prefixed, yes_or_no
from partreg.model.assessment import Assessment
from partreg.model.fields import Shape, fields_of, list_cell
from partreg.model.partnership import Partnership
from partreg.model.plan import Action, ActionPlan
from partreg.model.register import Register
from partreg.model.values import plain_number
from partreg.output.csv_safe import to_csv
from partreg.render.yaml_text import number_text

KINDS = ("partnerships", "assessments", "actions")
FORMATS = ("csv", "xlsx", "json")
# Characters an XLSX file cannot hold (openpyxl refuses them); written as U+FFFD.
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Text openpyxl would store as a spreadsheet error value rather than as text.
_ERROR_VALUES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})
# The workbook's created and modified time: fixed, so an export is reproducible (the earliest a zip can hold).
_SAVED_AT = datetime(1980, 1, 1)
_CORE_PROPERTIES = "docProps/core.xml"
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_MONEY_FORMAT = '"£"#,##0.00'
_DATE_FORMAT = "yyyy-mm-dd"
_WIDTH_SAMPLE_ROWS = 1000
_MIN_WIDTH, _MAX_WIDTH = 8, 60


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    header: list[str]
    rows: list[dict[str, Any]]  # dotted field name -> typed value (text, number, date, bool, list)


def table(register: Register, kind: str, year: int | None = None) -> Table:
    """The rows of one kind of record: partnerships by id, assessments by year, actions by plan."""
    if kind == "assessments":
        chosen = [e.record for e in register.assessments if year is None or e.record.year == year]
        rows = [flatten(a) for a in sorted(chosen, key=lambda a: (a.year, a.partnership))]
        return Table(f"assessments {year}" if year else "assessments", header_of(Assessment, rows), rows)
    if kind == "actions":
        return _action_table(register)
    rows = [flatten(p) for p in sorted((e.record for e in register.partnerships), key=lambda p: p.id)]
    return Table("partnerships", header_of(Partnership, rows), rows)


def _action_table(register: Register) -> Table:
    """One row per action, after its plan's own fields under `plan.`."""
    plan_rows: list[dict[str, Any]] = []
    action_rows: list[dict[str, Any]] = []
    for entry in sorted(register.plans, key=lambda e: e.record.id):
        plan = flatten(entry.record, skip="actions")
        for action in entry.record.actions:
            plan_rows.append(plan)
            action_rows.append(flatten(action))
    plan_header = ["plan." + name for name in header_of(ActionPlan, plan_rows)]
    rows = [
        {**{f"plan.{key}": value for key, value in plan.items()}, **action}
        for plan, action in zip(plan_rows, action_rows, strict=True)
    ]
    return Table("actions", plan_header + header_of(Action, action_rows), rows)


def flatten(record: BaseModel, prefix: str = "", skip: str = "") -> dict[str, Any]:
    """A record's given values by dotted field name, in the model's field order."""
    out: dict[str, Any] = {}
    for name, (shape, _) in fields_of(type(record)).items():
        value = getattr(record, name)
        if value is None or name == skip:
            continue
        path = prefix + name
        if shape is Shape.MODEL:
            out.update(flatten(value, path + "."))
        elif shape is Shape.MODEL_LIST:
            out.update({path: []} if not value else {})
            for index, item in enumerate(value, start=1):
                out.update(flatten(item, f"{path}.{index}."))
        elif shape is Shape.MODEL_DICT:
            for key, item in value.items():
                out.update(flatten(item, f"{path}.{key}."))
        elif shape is Shape.FREE:
            _flatten_free(value, path, out)
        else:
            out[path] = value
    return out


def _flatten_free(value: Any, path: str, out: dict[str, Any]) -> None:
    """`custom:` data: mappings by key, lists by 1-based position (import reads digits back as positions)."""
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten_free(item, f"{path}.{key}", out)
    elif isinstance(value, list) and value:
        for index, item in enumerate(value, start=1):
            _flatten_free(item, f"{path}.{index}", out)
    else:
        out[path] = value


def header_of(model: type[BaseModel], rows: list[dict[str, Any]]) -> list[str]:
    """Every field of the model (so the header is stable), plus the list and `custom` columns in use."""
    seen: dict[str, None] = dict.fromkeys(_fixed_columns(model))
    for row in rows:
        seen.update(dict.fromkeys(row))
    first_seen = {name: index for index, name in enumerate(seen)}
    return sorted(seen, key=lambda name: _order(model, name, first_seen))


def _fixed_columns(model: type[BaseModel], prefix: str = "") -> list[str]:
    columns: list[str] = []
    for name, (shape, inner) in fields_of(model).items():
        if shape is Shape.MODEL and inner is not None:
            columns += _fixed_columns(inner, f"{prefix}{name}.")
        elif shape in (Shape.VALUE, Shape.TEXT_LIST):
            columns.append(prefix + name)
    return columns


def _order(model: type[BaseModel], column: str, first_seen: dict[str, int]) -> tuple[int, ...]:
    """Model field order; list items by position; mapping keys (`custom`, principles) as first seen."""
    parts = column.split(".")
    key: list[int] = []
    current: type[BaseModel] | None = model
    depth = 0
    while current is not None and depth < len(parts):
        fields = list(current.model_fields)
        if parts[depth] not in fields:
            break
        key.append(fields.index(parts[depth]))
        shape, inner = fields_of(current)[parts[depth]]
        if shape is Shape.MODEL_LIST and depth + 1 < len(parts) and parts[depth + 1].isdigit():
            key.append(int(parts[depth + 1]))
            current, depth = inner, depth + 2
        elif shape is Shape.MODEL:
            current, depth = inner, depth + 1
        else:
            break
    return (*key, first_seen[column])


# --- cell values ------------------------------------------------------------------------------


def export_cell_text(value: Any) -> str:
    """A record's value -> a cell's text, as `partreg import` reads it back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_or_no(value)
    if isinstance(value, list):
        return list_cell([str(item) for item in value])
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (Decimal, float)):
        return number_text(Decimal(repr(value)) if isinstance(value, float) else value)
    return str(value)


def as_csv(exported: Table) -> str:
    return to_csv(
        exported.header, ([export_cell_text(row.get(name)) for name in exported.header] for row in exported.rows)
    )


def as_json(exported: Table) -> str:
    """A list of records with the flat header's keys, values typed as JSON."""
    records = [{name: _json_value(row.get(name)) for name in exported.header} for row in exported.rows]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_value(item) for item in value]
    return value


def xlsx_text(text: str) -> str:
    """Text -> an XLSX cell's text: characters a workbook cannot hold replaced, and text a spreadsheet
    could run as a formula made plain text with a leading `'`."""
    return quote_prefixed(_NOT_IN_XLSX.sub("\ufffd", text))


def as_xlsx(exported: Table) -> bytes:
    """One sheet: a bold header row, frozen below it, columns sized to their contents, real dates."""
    from openpyxl import Workbook  # no stubs among the dev tools
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=exported.title[:31])
    sheet.freeze_panes = "A2"
    for index, width in enumerate(_widths(exported), start=1):
        sheet.column_dimensions[column_letter(index)].width = width
    bold = Font(bold=True)
    sheet.append(
        [_styled(WriteOnlyCell(sheet, value=xlsx_text(name)), font=bold, data_type="s") for name in exported.header]
    )
    for row in exported.rows:
        sheet.append([_xlsx_cell(sheet, WriteOnlyCell, row.get(name)) for name in exported.header])
    workbook.properties.created = _SAVED_AT
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _reproducible(buffer.getvalue())


def _reproducible(xlsx: bytes) -> bytes:
    """The workbook with the time openpyxl stamps on saving (its `modified` property and every zip
    entry's date) replaced by a fixed one: the same register exports to the same bytes, as the reports do."""
    saved_at = _SAVED_AT.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == _CORE_PROPERTIES:
                data = _MODIFIED.sub(lambda match: match.group(1) + saved_at + match.group(2), data)
            entry = zipfile.ZipInfo(info.filename, date_time=_SAVED_AT.timetuple()[:6])
            entry.external_attr, entry.compress_type = info.external_attr, zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return out.getvalue()


def _xlsx_cell(sheet: Any, make_cell: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return _styled(make_cell(sheet, value=float(value)), number_format=_MONEY_FORMAT)
    if isinstance(value, date):
        return _styled(make_cell(sheet, value=value), number_format=_DATE_FORMAT)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = xlsx_text(export_cell_text(value))
    if text not in _ERROR_VALUES:
        return text  # after xlsx_text it cannot start with `=`, so openpyxl stores it as text
    cell = make_cell(sheet, value=text)
    cell.data_type = "s"  # text, not the spreadsheet error value it spells
    return cell


def _styled(cell: Any, **style: Any) -> Any:
    for name, value in style.items():
        setattr(cell, name, value)
    return cell


def _widths(exported: Table) -> Iterable[float]:
    sample = exported.rows[:_WIDTH_SAMPLE_ROWS]
    for name in exported.header:
        longest = max([len(name), *(_display_length(row.get(name)) for row in sample)])
        yield float(min(_MAX_WIDTH, max(_MIN_WIDTH, longest + 2)))


def _display_length(value: Any) -> int:
    text = export_cell_text(value)
    return max((len(line) for line in text.splitlines()), default=0)
