"""The public library surface: everything the CLI does, callable from a notebook.

>>> from partreg import api
>>> register = api.load_register("path/to/council-register")
>>> result = api.validate(register)
>>> result.errors, result.warnings
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from partreg.check.run import CheckResult, Selection, check_register
from partreg.compute.actions import ActionFact
from partreg.compute.listing import action_facts
from partreg.compute.status import PartnershipStatus, latest_year
from partreg.compute.status import statuses as _statuses
from partreg.diff.changes import ChangeSet
from partreg.diff.compare import compare_registers
from partreg.errors import PartregError
from partreg.load.git import GitRepo, GitRevision, GitState, register_root_in_git
from partreg.load.layout import REGISTER_DIR, find_root
from partreg.load.source import Source, open_source
from partreg.load.worktree import WorkTree
from partreg.load.yaml_reader import DEFAULT_LIMITS, Limits
from partreg.model.register import Register, build_partial, build_register
from partreg.model.values import SLUG_PATTERN

if TYPE_CHECKING:
    from partreg.output.importing import ImportResult

__all__ = [
    "ActionFact",
    "ChangeSet",
    "CheckResult",
    "Limits",
    "PartnershipStatus",
    "Register",
    "Selection",
    "actions",
    "diff",
    "import_spreadsheet",
    "load_partial",
    "load_register",
    "report",
    "report_year",
    "statuses",
    "validate",
]


def load_register(
    root: str | Path | None = None,
    *,
    revision: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    on_file: Callable[[], None] | None = None,
) -> Register:
    """Read and type every file of the register whose root is `root` (or found from the cwd).

    With `revision` (a commit, branch or tag) the register is read as it was there, from Git, and the
    work tree need not have a register/ folder at all.
    """
    if revision is not None:
        found = _root_for_revisions(root, [revision])
    else:
        found = find_root(explicit=Path(root)) if root is not None else find_root()
    source = open_source(found, revision, limits.max_bytes)
    register = build_register(found, source.files(), limits, on_file)
    register.revision = source.revision
    return register


def load_partial(source: Source, paths: set[str], limits: Limits = DEFAULT_LIMITS) -> Register:
    """Only `paths` and their neighbours: what a diff or a pre-commit hook needs to read."""
    return build_partial(source, paths, limits)


def validate(register: Register, selection: Selection | None = None, today: date | None = None) -> CheckResult:
    """Every problem in the register on `today` (default: the real date), sorted by position."""
    return check_register(register, selection or Selection(), today or date.today())


def report_year(register: Register, year: int | None = None) -> int:
    """`year`, or the latest year with an assessment."""
    chosen = year if year is not None else latest_year(register)
    if chosen is None:
        raise PartregError("the register has no assessments, so there is no year to show", "give a year, e.g. 2023")
    return chosen


def statuses(register: Register, year: int | None = None) -> list[PartnershipStatus]:
    """Every partnership for a register year (default: the latest assessed), as the committee sees it."""
    return _statuses(register, report_year(register, year))


def actions(register: Register, today: date | None = None) -> list[ActionFact]:
    """Every action with whether it is overdue or due soon on `today` (default: the real date)."""
    return action_facts(register, today or date.today())


def diff(
    root: str | Path | None = None, old: str | None = None, new: str | None = None, *, today: date | None = None
) -> ChangeSet:
    """What changed in the register from revision `old` (default HEAD) to `new` (default: the work tree).

    `old` may be written `A..B`. Only the files Git says changed, and their neighbours, are read.
    Each side is judged on its own day: `new` on its commit date (the work tree on the real date),
    `old` on its commit date for "newly overdue"; `today` replaces the new side's day.
    """
    if old is not None and ".." in old and new is None:
        old, new = (part or "HEAD" for part in old.split("..", 1))
    found = _root_for_revisions(root, [old or "HEAD", *([new] if new is not None else [])])
    repo = GitRepo(found)
    old_sha = repo.resolve(old or "HEAD")
    new_sha = repo.resolve(new) if new is not None else None
    new_day = today or (repo.commit_date(new_sha) if new_sha else date.today())
    old_label = repo.short(old_sha)
    new_label = repo.short(new_sha) if new_sha else "work tree"
    changed = repo.changed_paths(old_sha, new_sha)
    if not changed:
        return ChangeSet(old_label, new_label)
    old_source = GitRevision(repo, old_sha, DEFAULT_LIMITS.max_bytes)
    new_source: Source = (
        GitRevision(repo, new_sha, DEFAULT_LIMITS.max_bytes) if new_sha else WorkTree(found, DEFAULT_LIMITS.max_bytes)
    )
    old_register, new_register = load_partial(old_source, changed), load_partial(new_source, changed)
    # A record may name a partnership on one side only (a plan moved to another): read it on both.
    named = _named_partnerships(old_register) | _named_partnerships(new_register)
    unread = {pid for pid in named for side in (old_register, new_register) if _listed_but_unread(side, pid)}
    if unread:
        wanted = changed | {f"register/partnerships/{pid}{suffix}" for pid in unread for suffix in (".yaml", ".yml")}
        old_register, new_register = load_partial(old_source, wanted), load_partial(new_source, wanted)
    return compare_registers(
        old_register,
        new_register,
        today=new_day,
        old_label=old_label,
        new_label=new_label,
        old_day=min(repo.commit_date(old_sha), new_day),
    )


def _root_for_revisions(root: str | Path | None, revisions: list[str]) -> Path:
    """The register root, for a command that reads revisions: as everywhere (`--root`, or the current
    folder or its nearest parent with register/), else, when the work tree has no register/ folder,
    found from Git (load/git.py `register_root_in_git`): Git holds the register at a revision.
    """
    try:
        return find_root(explicit=Path(root)) if root is not None else find_root()
    except PartregError:
        start = Path(root).resolve() if root is not None else Path.cwd().resolve()
        found = register_root_in_git(start, revisions) if start.is_dir() else None
        if found is None:
            raise
        return found


def report(
    register: Register,
    *,
    kind: str = "assurance",
    output_format: str = "docx",
    year: int | None = None,
    today: date | None = None,
    previous: date | None = None,
    templates: Path | None = None,
    reference_docx: Path | None = None,
    since: str | None = None,
) -> bytes:
    """A committee report as bytes. A register read `as of` a revision takes that revision's own
    council templates, and its provenance names that commit; `since` adds the changes from that
    revision (the last published paper's tag, say) as an appendix.
    """
    from partreg.render.provenance import provenance_of
    from partreg.render.report import ReportOptions, render_report
    from partreg.render.view import ReportRequest

    day = today or date.today()
    chosen_year = year if year is not None else (latest_year(register) or day.year)
    council: dict[str, bytes] | None = None
    if register.revision is not None:
        repo = GitRepo(register.root)
        revision = GitRevision(repo, register.revision, DEFAULT_LIMITS.max_bytes)
        council = {path.removeprefix("templates/"): data for path, data in revision.folder("templates").items()}
        provenance = provenance_of(register.root, day, GitState(repo.short(register.revision), dirty=False))
    else:
        provenance = provenance_of(register.root, day)
    # The appendix judges a revision on its own date, as `partreg diff A B` does, unless `today` is given.
    if since is not None:
        _check_since(register, since)
    changes = diff(register.root, since, register.revision, today=today) if since is not None else None
    if changes is not None and provenance.git is not None and not provenance.git.dirty:
        # A clean work tree is its HEAD commit: name it, as the provenance does.
        changes = dataclasses.replace(changes, new=provenance.git.commit)
    options = ReportOptions(kind, output_format, templates, reference_docx, council, changes)
    return render_report(register, ReportRequest(chosen_year, day, provenance, previous), options)


def import_spreadsheet(
    file: Path,
    *,
    root: str | Path | None = None,
    sheet: str | None = None,
    mapping: Path | None = None,
    dry_run: bool = False,
    partial: bool = False,
    update: bool = False,
) -> ImportResult:
    """Import a register spreadsheet (one row per partnership) as partnership files.

    Nothing is written on a dry run, or when any row has errors unless `partial`; an existing
    record is never replaced, and `update` merges the row into it.
    """
    from partreg.load.spreadsheet import read_sheet
    from partreg.model import importing
    from partreg.output.importing import ImportResult, file_texts, write_files

    register_root = find_root(explicit=Path(root)) if root is not None else find_root()
    fields = importing.read_mapping(mapping.name, _read_mapping(mapping)) if mapping else {}
    read = read_sheet(file, sheet)
    header = importing.read_header(read, fields, update=update)
    rows, skipped = importing.read_rows(read, header)
    planned = importing.plan(read, rows, _existing_partnership_file(register_root), update=update)
    problems = sorted(
        header.problems + [p for step in planned for p in step.row.problems], key=lambda p: (p.line, p.col)
    )
    texts = file_texts(planned, f"{importing.IMPORT_NOTE} from {read.file}, sheet {read.name}")
    written = not dry_run and (partial or not problems)
    if written:
        write_files(register_root, planned, texts)
    return ImportResult(planned, problems, skipped, texts, written=written, dry_run=dry_run)


def _read_mapping(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PartregError(f"cannot read the mapping file {path}: {exc.strerror}", "check --map") from None


def _existing_partnership_file(root: Path) -> Callable[[str], tuple[str, bytes] | None]:
    """The file that already holds a partnership id, read from the work tree, or None."""
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


def _check_since(register: Register, since: str) -> None:
    """`--since` names the last published paper: it must come before what this paper reports on."""
    repo = GitRepo(register.root)
    newer = register.revision or repo.resolve("HEAD")
    if not repo.is_ancestor(repo.resolve(since), newer):
        shown = repo.short(register.revision) if register.revision else "HEAD"
        raise PartregError(
            f"--since {since} is not an earlier revision of {shown}",
            "give the tag or commit of the last published paper, before this one",
        )


def _listed_but_unread(register: Register, partnership_id: str) -> bool:
    return partnership_id in register.listed_partnerships and register.partnership(partnership_id) is None


def _named_partnerships(register: Register) -> set[str]:
    named = {e.record.partnership for e in register.plans if e.record.partnership}
    return named | {e.record.partnership for e in register.assessments} | {e.record.id for e in register.partnerships}
