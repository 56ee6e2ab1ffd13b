"""`partreg diff`: two revisions of the register (or a revision and the work tree), read from Git and compared.

Only the files Git says changed, and their neighbours, are read. Which day each side is judged on
decides what counts as "newly overdue":

- between two commits, each side is judged on its own commit date (`today` replaces the new side's),
  so `diff A B` gives the same answer on any day;
- against the work tree, both sides are judged on one day (`today`, else the real date): a pull
  request's diff shows what the edit changes, not what time has done since the last commit;
- `old_on_commit_date` judges the old side on its commit date even against the work tree: what a
  committee paper's appendix tells as having become overdue since the last paper.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from partreg.diff.changes import ChangeSet
from partreg.diff.compare import compare_registers
from partreg.errors import PartregError
from partreg.load.git import GitRepo, GitRevision, register_root_in_git
from partreg.load.layout import find_root, partnership_paths
from partreg.load.source import Source
from partreg.load.worktree import WorkTree
from partreg.load.yaml_reader import DEFAULT_LIMITS
from partreg.model.register import Register, build_partial


def diff_revisions(
    root: str | Path | None,
    old: str | None = None,
    new: str | None = None,
    *,
    today: date | None = None,
    old_on_commit_date: bool = False,
) -> ChangeSet:
    """What changed in the register from revision `old` (default HEAD) to `new` (default: the work tree).
    `old` may be written `A..B`. The day each side is judged on is in this module's docstring."""
    if old is not None and ".." in old and new is None:
        old, new = (part or "HEAD" for part in old.split("..", 1))
    found = root_for_revisions(root, [old or "HEAD", *([new] if new is not None else [])])
    repo = GitRepo(found)
    old_sha = repo.resolve(old or "HEAD")
    new_sha = repo.resolve(new) if new is not None else None
    old_label = repo.short(old_sha)
    new_label = repo.short(new_sha) if new_sha else "work tree"
    changed = repo.changed_paths(old_sha, new_sha)
    if not changed:
        return ChangeSet(old_label, new_label)
    old_day, new_day = _days(repo, old_sha, new_sha, today, old_on_commit_date)
    old_source = GitRevision(repo, old_sha, DEFAULT_LIMITS.max_bytes)
    new_source: Source = (
        GitRevision(repo, new_sha, DEFAULT_LIMITS.max_bytes) if new_sha else WorkTree(found, DEFAULT_LIMITS.max_bytes)
    )
    old_register, new_register = _read_both(old_source, new_source, changed)
    return compare_registers(
        old_register, new_register, today=new_day, old_label=old_label, new_label=new_label, old_day=old_day
    )


def _days(
    repo: GitRepo, old_sha: str, new_sha: str | None, today: date | None, old_on_commit_date: bool
) -> tuple[date, date]:
    """(the day the old side is judged on, the new side's day), as the module's docstring says."""
    if new_sha is None and not old_on_commit_date:
        day = today or date.today()
        return day, day
    new_day = today or (repo.commit_date(new_sha) if new_sha else date.today())
    return min(repo.commit_date(old_sha), new_day), new_day


def _read_both(old_source: Source, new_source: Source, changed: set[str]) -> tuple[Register, Register]:
    """Both sides, reading the changed files and their neighbours. A record may name a partnership on
    one side only (a plan moved to another): that partnership is then read on both sides."""
    old, new = build_partial(old_source, changed), build_partial(new_source, changed)
    named = _named_partnerships(old) | _named_partnerships(new)
    unread = {pid for pid in named for side in (old, new) if _listed_but_unread(side, pid)}
    if not unread:
        return old, new
    wanted = changed | {path for pid in unread for path in partnership_paths(pid)}
    return build_partial(old_source, wanted), build_partial(new_source, wanted)


def _listed_but_unread(register: Register, partnership_id: str) -> bool:
    return partnership_id in register.listed_partnerships and register.partnership(partnership_id) is None


def _named_partnerships(register: Register) -> set[str]:
    named = {e.record.partnership for e in register.plans if e.record.partnership}
    return named | {e.record.partnership for e in register.assessments} | {e.record.id for e in register.partnerships}


def root_for_revisions(root: str | Path | None, revisions: list[str]) -> Path:
    """The register root, for a command that reads revisions: as everywhere (`--root`, or the current
    folder or its nearest parent with register/), else, when the work tree has no register/ folder,
    found from Git (load/git.py `register_root_in_git`): Git holds the register at a revision.
    """
    try:
        return find_root(explicit=root)
    except PartregError:
        start = Path(root).resolve() if root is not None else Path.cwd().resolve()
        found = register_root_in_git(start, revisions) if start.is_dir() else None
        if found is None:
            raise
        return found
