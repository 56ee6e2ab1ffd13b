"""The public library surface: everything the CLI does, callable from a notebook.

>>> from partreg import api
>>> register = api.load_register("path/to/council-register")
>>> result = api.validate(register)
>>> result.errors, result.warnings
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from partreg.check.run import CheckResult, Selection, check_register
from partreg.compute.actions import ActionFact
from partreg.compute.listing import action_facts
from partreg.compute.status import PartnershipStatus, latest_year
from partreg.compute.status import statuses as _statuses
from partreg.diff.changes import ChangeSet
from partreg.diff.revisions import diff_revisions, root_for_revisions
from partreg.errors import PartregError
from partreg.load.git import GitRepo, GitRevision, GitState
from partreg.load.layout import REGISTER_DIR, find_root, is_register_file, register_relative
from partreg.load.source import Source, affected, open_source, revision_label
from partreg.load.worktree import WorkTree
from partreg.load.yaml_reader import DEFAULT_LIMITS, Limits
from partreg.model.register import Register, build_partial, build_register

if TYPE_CHECKING:
    from partreg.model.import_plan import ImportResult

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
    "validate_paths",
]


def load_register(
    root: str | Path | None = None,
    *,
    revision: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    on_file: Callable[[], None] | None = None,
    only: Iterable[str] | None = None,
) -> Register:
    """Read and type every file of the register whose root is `root` (or found from the cwd).

    With `revision` (a commit, branch or tag) the register is read as it was there, from Git, and the
    work tree need not have a register/ folder at all. With `only` (folders of register/, e.g.
    `["assessments"]`) just the files under them are read: for work that needs one kind of record.
    """
    found = root_for_revisions(root, [revision]) if revision is not None else find_root(explicit=root)
    source = open_source(found, revision, limits.max_bytes)
    wanted = None if only is None else _under_folders(source.paths(), only)
    register = build_register(found, source.files(wanted), limits, on_file)
    register.revision, register.revision_label = source.revision, revision_label(source)
    return register


def _under_folders(paths: list[str], folders: Iterable[str]) -> set[str]:
    prefixes = tuple(f"{REGISTER_DIR}/{folder.strip('/')}/" for folder in folders)
    return {path for path in paths if path.startswith(prefixes)}


def load_partial(source: Source, paths: set[str], limits: Limits = DEFAULT_LIMITS) -> Register:
    """Only `paths` and their neighbours: what a diff or a pre-commit hook needs to read."""
    return build_partial(source, paths, limits)


def validate(register: Register, selection: Selection | None = None, today: date | None = None) -> CheckResult:
    """Every problem in the register on `today` (default: the real date), sorted by position."""
    return check_register(register, selection or Selection(), today or date.today())


def validate_paths(
    root: str | Path | None = None,
    files: Iterable[str | Path] | None = None,
    *,
    changed_since: str | None = None,
    selection: Selection | None = None,
    today: date | None = None,
) -> tuple[Register, CheckResult]:
    """Check some files of the register, as a pre-commit hook does: `files` (relative to the current
    folder, or absolute), or every register file changed since the Git revision `changed_since`,
    committed or not. Returns the register read and the problems.

    The files are read with their neighbours (load/source.py `neighbourhood`). The problems are those
    a full run finds in them and in the records sharing their file stem (`affected`), so an assessment
    left naming a deleted partnership is caught; a changed policy checks every file. Deleted files
    count as changed: Git lists them for `changed_since`, and with `files` the register files deleted
    since HEAD are added, as pre-commit never passes them. A path that is not a register file cannot
    run (it would pass unread). The result counts the files of those reported on that exist.
    """
    if files is not None and changed_since is not None:
        raise PartregError("give FILES or --changed-since, not both", "drop the file names or --changed-since")
    if files is None and changed_since is None:
        raise PartregError("give FILES or --changed-since", "or check the whole register: validate(load_register())")
    found = find_root(explicit=root)
    if changed_since is not None:
        repo = GitRepo(found)
        # Deleted and renamed files are listed too: what still names them is checked.
        candidates = repo.changed_paths(repo.resolve(changed_since), None)
    else:
        candidates = {register_relative(found, Path(file)) for file in files or ()} | _deleted_since_head(found)
    chosen = {path for path in candidates if is_register_file(path)}
    source = WorkTree(found, DEFAULT_LIMITS.max_bytes)
    register = load_partial(source, chosen)
    result = validate(register, selection, today)
    reported = affected(chosen, source.paths())
    present = sum(1 for path in reported if (found / path).exists() or (found / path).is_symlink())
    return register, CheckResult([problem for problem in result.problems if problem.path in reported], present)


def _deleted_since_head(root: Path) -> set[str]:
    """Register files deleted or renamed since HEAD; none outside Git."""
    try:
        return GitRepo(root).deleted_paths()
    except PartregError:
        return set()


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
    root: str | Path | None = None,
    old: str | None = None,
    new: str | None = None,
    *,
    today: date | None = None,
    old_on_commit_date: bool = False,
) -> ChangeSet:
    """What changed in the register from revision `old` (default HEAD; `A..B` also works) to `new`
    (default: the work tree). Between two commits each side is judged on its own commit date (`today`
    replaces the new side's); against the work tree both sides on `today` (default: the real date),
    unless `old_on_commit_date` judges the old side on its commit date (what became overdue since).
    """
    return diff_revisions(root, old, new, today=today, old_on_commit_date=old_on_commit_date)


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
        label = register.revision_label or register.revision
        provenance = provenance_of(register.root, day, GitState(label, dirty=False))
    else:
        provenance = provenance_of(register.root, day)
    changes = None
    if since is not None:
        _check_since(register, since)
        # The appendix judges the last paper's revision on its commit date and this paper on its own
        # day, so it tells what became overdue since.
        changes = diff(register.root, since, register.revision, today=today, old_on_commit_date=True)
        # The last paper by the name it was given (its tag, say); a clean work tree by its HEAD commit.
        git = provenance.git
        changes = dataclasses.replace(changes, old=since, new=git.commit if git and not git.dirty else changes.new)
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
    from partreg.output.importing import import_sheet

    return import_sheet(
        find_root(explicit=root), file, sheet=sheet, mapping=mapping, dry_run=dry_run, partial=partial, update=update
    )


def _check_since(register: Register, since: str) -> None:
    """`--since` names the last published paper: it must come before what this paper reports on."""
    repo = GitRepo(register.root)
    newer = register.revision or repo.resolve("HEAD")
    if not repo.is_ancestor(repo.resolve(since), newer):
        shown = register.revision_label or register.revision or "HEAD"
        raise PartregError(
            f"--since {since} is not an earlier revision of {shown}",
            "give the tag or commit of the last published paper, before this one",
        )
