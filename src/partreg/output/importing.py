"""`partreg import`: reading the sheet, planning each row, writing the files, and the report of what
it found and did, for a person or as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from partreg.errors import PartregError
from partreg.load.spreadsheet import read_sheet
from partreg.model.import_header import ColumnMap, read_header, read_mapping
from partreg.model.import_plan import ImportResult, Outcome, Planned, existing_partnership_file, plan
from partreg.model.import_rows import read_rows
from partreg.output.console import printable
from partreg.output.export import export_cell_text, flatten
from partreg.output.files import write_atomic
from partreg.output.problems import parsable_line, problem_record
from partreg.output.words import plural
from partreg.render.import_files import file_texts


def import_sheet(
    root: Path,
    file: Path,
    *,
    sheet: str | None = None,
    mapping: Path | None = None,
    dry_run: bool = False,
    partial: bool = False,
    update: bool = False,
) -> ImportResult:
    """Import `file` into the register at `root` (see `partreg.api.import_spreadsheet`)."""
    column_map = read_mapping(mapping.name, _read_mapping(mapping)) if mapping else ColumnMap()
    read = read_sheet(file, sheet)
    header = read_header(read, column_map, update=update)
    rows, skipped = read_rows(read, header)
    planned = plan(read, rows, existing_partnership_file(root), update=update)
    # The header's problems (the --map file's first) before the rows', which are in reading order.
    row_problems = sorted((p for step in planned for p in step.row.problems), key=lambda p: (p.line, p.col))
    problems = [*header.problems, *row_problems]
    texts = file_texts(planned, read)
    written = not dry_run and (partial or not problems)
    if written:
        write_files(root, planned, texts)
    return ImportResult(planned, problems, skipped, texts, written=written, dry_run=dry_run)


def _read_mapping(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PartregError(f"cannot read the mapping file {path}: {exc.strerror}", "check --map") from None


def write_files(root: Path, planned: list[Planned], texts: dict[str, str]) -> None:
    """New files never replace one; an update replaces the file it read."""
    for step in planned:
        if step.path in texts:
            target = root / step.path
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, texts[step.path].encode("utf-8"), force=step.outcome == Outcome.UPDATE)


def as_standard(result: ImportResult) -> str:
    """Each problem on one line, each file written (with the changes of an update), then a summary."""
    lines = [parsable_line(p, position=False) for p in result.problems]
    verb = (
        {Outcome.CREATE: "wrote", Outcome.UPDATE: "updated"}
        if result.written
        else {Outcome.CREATE: "would write", Outcome.UPDATE: "would update"}
    )
    for step in result.planned:
        if step.outcome in verb and (result.written or result.dry_run):
            lines.append(f"{verb[step.outcome]} {step.path} (row {step.row.number})")
            lines += [
                printable(f"    {name}: {old or '(none)'} → {new or '(none)'}") for name, old, new in _changes(step)
            ]
            if result.dry_run and step.outcome == Outcome.CREATE:
                lines += [f"    {line}" for line in result.texts[step.path].splitlines()]
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"


def _summary(result: ImportResult) -> str:
    counts = (
        f"{plural(len(result.planned), 'row')}: {result.count(Outcome.CREATE)} new, "
        f"{result.count(Outcome.UPDATE)} updated, {result.count(Outcome.UNCHANGED)} unchanged, "
        f"{result.count(Outcome.INVALID)} with errors; {result.skipped} skipped "
        "(total rows, notes, or nothing to import)"
    )
    if result.dry_run:
        return f"dry run, nothing written. {counts}"
    if result.problems and not result.written:
        good = result.count(Outcome.CREATE) + result.count(Outcome.UPDATE)
        found, rows = plural(len(result.problems), "problem"), plural(good, "row")
        return f"✗ {found}; nothing written (--partial writes the {rows} without errors). {counts}"
    return f"{'✗' if result.problems else '✓'} {counts}"


def as_json(result: ImportResult) -> str:
    files = [
        {
            "path": step.path,
            "row": step.row.number,
            "action": step.outcome.value,
            "changes": [{"field": f, "old": old, "new": new} for f, old, new in _changes(step)],
            "text": result.texts.get(step.path),
        }
        for step in result.planned
        if step.outcome in (Outcome.CREATE, Outcome.UPDATE, Outcome.UNCHANGED)
    ]
    summary: dict[str, Any] = {outcome.value: result.count(outcome) for outcome in Outcome}
    summary |= {"rows": len(result.planned), "skipped": result.skipped, "written": result.written}
    document = {"problems": [problem_record(p) for p in result.problems], "files": files, "summary": summary}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _changes(step: Planned) -> list[tuple[str, str, str]]:
    """(field, old, new) for each field an update changes, in field order, as cell text."""
    if step.previous is None or step.record is None or step.outcome != Outcome.UPDATE:
        return []
    old, new = flatten(step.previous), flatten(step.record)
    names = list(dict.fromkeys([*new, *old]))
    return [(n, export_cell_text(old.get(n)), export_cell_text(new.get(n))) for n in names if old.get(n) != new.get(n)]
