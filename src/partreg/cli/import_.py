"""`partreg import`: a council's register spreadsheet (one row per partnership) -> partnership files."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from partreg.cli.boundary import EXIT_OK, EXIT_PROBLEMS, run
from partreg.cli.options import Root, choose, debug_enabled

if TYPE_CHECKING:
    from partreg.model.importing import ExistingFile, Planned
    from partreg.problems import Problem

FORMATS = ("standard", "json")


def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(help="The spreadsheet: an Excel workbook (.xlsx) or a CSV file.", dir_okay=False),
    ],
    sheet: Annotated[str | None, typer.Option(help="The sheet to read (default: the first).")] = None,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--map", help='A YAML file mapping other headers to fields: `"Header": dotted.field`.', dir_okay=False
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Write nothing; show what would be written.")] = False,
    partial: Annotated[
        bool, typer.Option("--partial", help="Write the rows without errors even when other rows have errors.")
    ] = False,
    update: Annotated[
        bool,
        typer.Option("--update", help="Merge rows into existing records (an empty cell keeps the field as it is)."),
    ] = False,
    root: Root = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="standard or json.")] = "standard",
) -> None:
    """Import a register spreadsheet, one row per partnership, as register/partnerships/<id>.yaml files.

    Columns are matched to fields by header, ignoring case, spaces and punctuation: "Lead Officer",
    "Officer hours per month", "Financial contribution", "Statutory (Y/N)", the dotted field names
    `partreg export` writes, and any header the --map file names. The id is the Id column, else
    made from the name. Every problem names its cell (register.xlsx:Sheet1!D14). Nothing is written
    when any row has errors, unless --partial is given; an existing record is never replaced, and
    --update merges into it and shows each change.

    Example: partreg import register.xlsx --sheet Register --map columns.yaml --dry-run
    """

    def command() -> int:
        import sys

        from partreg.load.layout import find_root
        from partreg.load.spreadsheet import read_sheet
        from partreg.model import importing

        chosen = choose(output_format, FORMATS, "--format")
        register_root = find_root(explicit=root) if root is not None else find_root()
        fields = importing.read_mapping(mapping.name, _read_mapping(mapping)) if mapping else {}
        read = read_sheet(file, sheet)
        header = importing.read_header(read, fields, update=update)
        rows, skipped = importing.read_rows(read, header)
        planned = importing.plan(read, rows, _existing_files(register_root), update=update)
        problems = sorted(
            header.problems + [p for step in planned for p in step.row.problems], key=lambda p: (p.line, p.col)
        )
        texts = _file_texts(planned, f"{importing.IMPORT_NOTE} from {read.file}, sheet {read.name}")
        writing = not dry_run and (partial or not problems)
        if writing:
            _write(register_root, planned, texts)
        report = _Report(planned, problems, skipped, texts, written=writing, dry_run=dry_run)
        sys.stdout.write(report.as_json() if chosen == "json" else report.standard())
        return EXIT_PROBLEMS if problems else EXIT_OK

    run(command, debug=debug_enabled(ctx))


def _file_texts(planned: list["Planned"], source: str) -> dict[str, str]:
    """The YAML of each file to write or update, by its root-relative path."""
    from partreg.output.yaml_text import record_yaml

    return {
        step.path: record_yaml(step.record, f"{source}, row {step.row.number}", step.opening_comments)
        for step in planned
        if step.outcome in ("create", "update") and step.record is not None
    }


def _write(root: Path, planned: list["Planned"], texts: dict[str, str]) -> None:
    """New files never replace one; an update replaces the file it read."""
    from partreg.output.files import write_atomic

    for step in planned:
        if step.path in texts:
            target = root / step.path
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, texts[step.path].encode("utf-8"), force=step.outcome == "update")


def _read_mapping(path: Path) -> bytes:
    from partreg.errors import PartregError

    try:
        return path.read_bytes()
    except OSError as exc:
        raise PartregError(f"cannot read the mapping file {path}: {exc.strerror}", "check --map") from None


def _existing_files(root: Path) -> "ExistingFile":
    """The file that already holds a partnership id, read from the work tree, or None."""
    import re

    from partreg.load.layout import REGISTER_DIR
    from partreg.model.values import SLUG_PATTERN

    slug = re.compile(SLUG_PATTERN)

    def existing(record_id: str) -> tuple[str, bytes] | None:
        if not slug.fullmatch(record_id):
            return None  # not an id (the row reports it), and never a path outside the register
        for suffix in (".yaml", ".yml"):
            relative = f"{REGISTER_DIR}/partnerships/{record_id}{suffix}"
            if (root / relative).is_file():
                return relative, (root / relative).read_bytes()
        return None

    return existing


class _Report:
    """What the import found and did, as lines for a person or as JSON."""

    def __init__(
        self,
        planned: list["Planned"],
        problems: list["Problem"],
        skipped: int,
        texts: dict[str, str],
        *,
        written: bool,
        dry_run: bool,
    ) -> None:
        self.planned, self.problems, self.skipped, self.texts = planned, problems, skipped, texts
        self.written, self.dry_run = written, dry_run

    def _count(self, outcome: str) -> int:
        return sum(step.outcome == outcome for step in self.planned)

    def standard(self) -> str:
        lines = [_problem_line(p) for p in self.problems]
        verb = (
            {"create": "wrote", "update": "updated"}
            if self.written
            else {"create": "would write", "update": "would update"}
        )
        for step in self.planned:
            if step.outcome in verb and (self.written or self.dry_run):
                lines.append(f"{verb[step.outcome]} {step.path} (row {step.row.number})")
                lines += [f"    {_safe(change)}" for change in _change_lines(step)]
                if self.dry_run and step.outcome == "create":
                    lines += [f"    {line}" for line in self.texts[step.path].splitlines()]
        lines.append(self._summary())
        return "\n".join(lines) + "\n"

    def _summary(self) -> str:
        counts = (
            f"{_plural(len(self.planned), 'row')}: {self._count('create')} new, {self._count('update')} updated, "
            f"{self._count('unchanged')} unchanged, {self._count('invalid')} with errors; "
            f"{self.skipped} skipped (total rows, or nothing to import)"
        )
        if self.dry_run:
            return f"dry run, nothing written. {counts}"
        if self.problems and not self.written:
            good = self._count("create") + self._count("update")
            found, rows = _plural(len(self.problems), "problem"), _plural(good, "row")
            return f"✗ {found}; nothing written (--partial writes the {rows} without errors). {counts}"
        return f"{'✗' if self.problems else '✓'} {counts}"

    def as_json(self) -> str:
        import json

        from partreg.output.problems import problem_record

        files = [
            {
                "path": step.path,
                "row": step.row.number,
                "action": step.outcome.value,
                "changes": [{"field": f, "old": old, "new": new} for f, old, new in _changes(step)],
                "text": self.texts.get(step.path),
            }
            for step in self.planned
            if step.outcome in ("create", "update", "unchanged")
        ]
        summary: dict[str, Any] = {key: self._count(key) for key in ("create", "update", "unchanged", "invalid")}
        summary |= {"rows": len(self.planned), "skipped": self.skipped, "written": self.written}
        document = {"problems": [problem_record(p) for p in self.problems], "files": files, "summary": summary}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _problem_line(p: "Problem") -> str:
    hint = f" ({p.hint})" if p.hint else ""
    return _safe(f"{p.path}: {p.code} {p.severity.value} {p.message}{hint}")


def _safe(text: str) -> str:
    """Cell text in a message, shown without control characters that could drive the terminal."""
    return "".join(char if char.isprintable() else "?" for char in text)


def _changes(step: "Planned") -> list[tuple[str, str, str]]:
    """(field, old, new) for each field an update changes, in field order."""
    if step.previous is None or step.record is None or step.outcome != "update":
        return []
    from partreg.output.export import cell_text, flatten

    old, new = flatten(step.previous), flatten(step.record)
    names = list(dict.fromkeys([*new, *old]))
    return [(n, cell_text(old.get(n)), cell_text(new.get(n))) for n in names if old.get(n) != new.get(n)]


def _change_lines(step: "Planned") -> list[str]:
    return [f"{name}: {old or '(none)'} → {new or '(none)'}" for name, old, new in _changes(step)]
