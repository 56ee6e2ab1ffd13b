"""What `partreg import` found and did: the files it writes, and its report for a person or as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partreg.model.importing import Outcome, Planned
from partreg.output.console import printable
from partreg.output.export import cell_text, flatten
from partreg.output.files import write_atomic
from partreg.output.problems import problem_record
from partreg.output.yaml_text import record_yaml
from partreg.problems import Problem


def file_texts(planned: list[Planned], source: str) -> dict[str, str]:
    """The YAML of each file to write or update, by its root-relative path."""
    return {
        step.path: record_yaml(step.record, f"{source}, row {step.row.number}", step.opening_comments)
        for step in planned
        if step.outcome in (Outcome.CREATE, Outcome.UPDATE) and step.record is not None
    }


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
