"""The text of the files `partreg import` writes: a new record in `partreg fmt`'s form, or an
existing file with only the fields a row changes rewritten (`--update`)."""

from __future__ import annotations

from typing import Any

from partreg.errors import PartregError
from partreg.load.layout import Kind
from partreg.load.spreadsheet import Sheet
from partreg.load.yaml_reader import read_document
from partreg.model.base import FREE_KEY
from partreg.model.build import build_record
from partreg.model.import_plan import Outcome, Planned
from partreg.model.partnership import Partnership
from partreg.render.canonical import NotFormattable, Plain, edited_text
from partreg.render.yaml_text import comment_line, is_plain_number, record_yaml, scalar

IMPORT_NOTE = "Imported by partreg"  # opens the comment on every file import writes


def file_texts(planned: list[Planned], sheet: Sheet) -> dict[str, str]:
    """The YAML of each file to write or update, by its root-relative path; all in `partreg fmt`'s form."""
    texts = {}
    for step in planned:
        note = f"{IMPORT_NOTE} from {sheet.file}, sheet {sheet.name}, row {step.row.number}"
        if step.outcome == Outcome.CREATE and step.record is not None:
            texts[step.path] = record_yaml(step.record, note)
        elif step.outcome == Outcome.UPDATE:
            texts[step.path] = updated_text(step, note)
    return texts


def updated_text(step: Planned, note: str) -> str:
    """The file an update edits, with only the changed fields rewritten: its comments, and the way
    every other value is written, are kept (as `partreg fmt` keeps them). The result must read back
    as the merged record; when it cannot be written so, the import stops and says so."""
    assert step.previous is not None and step.record is not None
    changes = _changed_values(_dumped(step.previous), _dumped(step.record))
    refused = PartregError(
        f"{step.path}: the changes from row {step.row.number} cannot be written into this file "
        "without changing how partreg reads the rest of it",
        "make the change by hand, or run `partreg fmt` on the file first; please report it",
    )
    try:
        text = edited_text(_with_note(step.text, note), Kind.PARTNERSHIP, changes)
    except NotFormattable:
        raise refused from None
    document, _ = read_document(step.path, text.encode("utf-8"))
    written = build_record(document, Partnership)[0] if document is not None else None
    if written is None or written.model_dump() != step.record.model_dump():
        raise refused
    return text


def _dumped(record: Partnership) -> dict[str, Any]:
    return record.model_dump(by_alias=True, exclude_none=True)


def _changed_values(old: dict[str, Any], new: dict[str, Any], *, free: bool = False) -> dict[str, Any]:
    """The values of `new` that differ from `old`, nested as in the file; a list is replaced whole."""
    changes: dict[str, Any] = {}
    for key, value in new.items():
        before, inner_free = old.get(key), free or key == FREE_KEY
        if isinstance(value, dict) and isinstance(before, dict):
            if inner := _changed_values(before, value, free=inner_free):
                changes[key] = inner
        elif value != before:
            changes[key] = _file_value(value, free=inner_free)
    return changes


def _file_value(value: Any, *, free: bool) -> Any:
    """A record's value as the register file writes it: text, or `Plain` yes/no, numbers and dates."""
    if isinstance(value, dict):
        return {key: _file_value(item, free=free) for key, item in value.items()}
    if isinstance(value, list):
        return [_file_value(item, free=free) for item in value]
    if isinstance(value, str) and not (free and is_plain_number(value)):
        return str(value)  # a plain str, also for a StrEnum member: written plain where that is safe
    return Plain(scalar(value, free=free))


def _with_note(text: str, note: str) -> str:
    """The file's opening comments with the note of this import at their end, in place of an earlier one's."""
    lines = text.splitlines(keepends=True)
    opening = 0
    while opening < len(lines) and (lines[opening].startswith("#") or not lines[opening].strip()):
        opening += 1
    header = [line for line in lines[:opening] if not line.startswith(f"# {IMPORT_NOTE}")]
    last_comment = max((index + 1 for index, line in enumerate(header) if line.startswith("#")), default=0)
    header.insert(last_comment, comment_line(note) + "\n")
    return "".join(header + lines[opening:])
