"""What `partreg import` found and did: the files it writes, and its report for a person or as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partreg.errors import PartregError
from partreg.load.layout import Kind
from partreg.load.yaml_reader import read_document
from partreg.model.build import build_record
from partreg.model.importing import IMPORT_NOTE, Outcome, Planned
from partreg.model.partnership import Partnership
from partreg.output.console import printable
from partreg.output.export import cell_text, flatten
from partreg.output.files import write_atomic
from partreg.output.problems import problem_record
from partreg.output.yaml_text import FREE_KEY, comment_line, is_plain_number, record_yaml, scalar
from partreg.problems import Problem
from partreg.render.canonical import NotFormattable, Plain, edited_text


def file_texts(planned: list[Planned], source: str) -> dict[str, str]:
    """The YAML of each file to write or update, by its root-relative path; all in `partreg fmt`'s form."""
    texts = {}
    for step in planned:
        note = f"{source}, row {step.row.number}"
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


def write_files(root: Path, planned: list[Planned], texts: dict[str, str]) -> None:
    """New files never replace one; an update replaces the file it read."""
    for step in planned:
        if step.path in texts:
            target = root / step.path
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, texts[step.path].encode("utf-8"), force=step.outcome == Outcome.UPDATE)


@dataclass(frozen=True)
class ImportResult:
    """Every row's outcome, the problems found, and whether the files were written."""

    planned: list[Planned]
    problems: list[Problem]
    skipped: int
    texts: dict[str, str]
    written: bool
    dry_run: bool

    def count(self, outcome: Outcome) -> int:
        return sum(step.outcome == outcome for step in self.planned)

    def standard(self) -> str:
        lines = [_problem_line(p) for p in self.problems]
        verb = (
            {Outcome.CREATE: "wrote", Outcome.UPDATE: "updated"}
            if self.written
            else {Outcome.CREATE: "would write", Outcome.UPDATE: "would update"}
        )
        for step in self.planned:
            if step.outcome in verb and (self.written or self.dry_run):
                lines.append(f"{verb[step.outcome]} {step.path} (row {step.row.number})")
                lines += [
                    printable(f"    {name}: {old or '(none)'} → {new or '(none)'}") for name, old, new in _changes(step)
                ]
                if self.dry_run and step.outcome == Outcome.CREATE:
                    lines += [f"    {line}" for line in self.texts[step.path].splitlines()]
        lines.append(self._summary())
        return "\n".join(lines) + "\n"

    def _summary(self) -> str:
        counts = (
            f"{_plural(len(self.planned), 'row')}: {self.count(Outcome.CREATE)} new, "
            f"{self.count(Outcome.UPDATE)} updated, {self.count(Outcome.UNCHANGED)} unchanged, "
            f"{self.count(Outcome.INVALID)} with errors; {self.skipped} skipped (total rows, or nothing to import)"
        )
        if self.dry_run:
            return f"dry run, nothing written. {counts}"
        if self.problems and not self.written:
            good = self.count(Outcome.CREATE) + self.count(Outcome.UPDATE)
            found, rows = _plural(len(self.problems), "problem"), _plural(good, "row")
            return f"✗ {found}; nothing written (--partial writes the {rows} without errors). {counts}"
        return f"{'✗' if self.problems else '✓'} {counts}"

    def as_json(self) -> str:
        files = [
            {
                "path": step.path,
                "row": step.row.number,
                "action": step.outcome.value,
                "changes": [{"field": f, "old": old, "new": new} for f, old, new in _changes(step)],
                "text": self.texts.get(step.path),
            }
            for step in self.planned
            if step.outcome in (Outcome.CREATE, Outcome.UPDATE, Outcome.UNCHANGED)
        ]
        summary: dict[str, Any] = {outcome.value: self.count(outcome) for outcome in _COUNTED}
        summary |= {"rows": len(self.planned), "skipped": self.skipped, "written": self.written}
        document = {"problems": [problem_record(p) for p in self.problems], "files": files, "summary": summary}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


_COUNTED = (Outcome.CREATE, Outcome.UPDATE, Outcome.UNCHANGED, Outcome.INVALID)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _problem_line(p: Problem) -> str:
    hint = f" ({p.hint})" if p.hint else ""
    return printable(f"{p.path}: {p.code} {p.severity.value} {p.message}{hint}")


def _changes(step: Planned) -> list[tuple[str, str, str]]:
    """(field, old, new) for each field an update changes, in field order, as cell text."""
    if step.previous is None or step.record is None or step.outcome != Outcome.UPDATE:
        return []
    old, new = flatten(step.previous), flatten(step.record)
    names = list(dict.fromkeys([*new, *old]))
    return [(n, cell_text(old.get(n)), cell_text(new.get(n))) for n in names if old.get(n) != new.get(n)]
