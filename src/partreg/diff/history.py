"""The history of one partnership across commits: who changed its record or ratings, when and why.

Each commit that touched the partnership's files is compared with its first parent by the same
semantic diff as `partreg diff` (`compare_registers`), reading only that partnership's files at
each side. The root commit is compared with an empty register. Both sides are judged on the
commit's own (author) date, or on `today` when that is earlier, so a change is what the commit
did as seen when it was made, not what time has done since.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from partreg.diff.changes import Change
from partreg.diff.compare import compare_registers
from partreg.errors import PartregError
from partreg.load.git import Commit, GitRepo, GitRevision
from partreg.load.layout import REGISTER_DIR, YAML_SUFFIXES, Kind, find_root, place
from partreg.load.source import listed_partnership_ids
from partreg.load.worktree import SourceFile
from partreg.load.yaml_reader import DEFAULT_LIMITS, Limits
from partreg.model.register import Register, build_partial

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_OWN_KINDS = (Kind.PARTNERSHIP, Kind.ASSESSMENT, Kind.PLAN)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One commit and the changes it made to the partnership, in the order a reviewer reads them."""

    commit: Commit
    changes: list[Change] = field(default_factory=list)


def pathspecs(partnership_id: str) -> list[str]:
    """Git pathspecs of every file that can hold the partnership's record, ratings or actions.

    Every action plan is included: a plan may have any name and name the partnership inside.
    """
    specs = []
    for suffix in YAML_SUFFIXES:
        specs += [
            f"{REGISTER_DIR}/partnerships/{partnership_id}{suffix}",
            f"{REGISTER_DIR}/assessments/*/{partnership_id}{suffix}",
            f"{REGISTER_DIR}/actions/*{suffix}",
        ]
    return specs


def partnership_history(
    root: str | Path | None,
    partnership_id: str,
    field: str | None = None,
    *,
    today: date | None = None,
    limits: Limits = DEFAULT_LIMITS,
    on_commit: Callable[[], None] | None = None,
) -> list[HistoryEntry]:
    """Every commit (newest first) that changed the partnership, with its changes.

    `field` keeps only changes to that field (`governance` keeps governance rating changes and
    `governance.*` field changes); commits left with no change are left out. An id that no commit
    ever touched cannot run (PartregError), with a suggestion from the ids at HEAD.
    """
    found = find_root(explicit=Path(root)) if root is not None else find_root()
    repo = GitRepo(found)
    head = _head(repo)
    if not _SLUG.fullmatch(partnership_id):
        raise _unknown(repo, head, partnership_id, limits)
    day = today or date.today()
    known = False
    entries = []
    for commit in repo.commits_touching(pathspecs(partnership_id)):
        if on_commit is not None:
            on_commit()
        touched, changes = _commit_changes(repo, found, commit, partnership_id, min(_day_of(commit), day), limits)
        known = known or touched or bool(changes)
        kept = [change for change in changes if field is None or concerns_field(change, field)]
        if kept:
            entries.append(HistoryEntry(commit, kept))
    if not known:
        raise _unknown(repo, head, partnership_id, limits)
    return entries


def concerns_field(change: Change, name: str) -> bool:
    """The change is to field `name` or inside it (`governance` covers `governance.reason`).

    A rating change's field is its area, so `governance` also covers governance rating changes.
    """
    return change.field is not None and (change.field == name or change.field.startswith(f"{name}."))


def _head(repo: GitRepo) -> str:
    try:
        return repo.resolve("HEAD")
    except PartregError:
        raise PartregError("the Git repository has no commits yet", "commit the register first") from None


def _day_of(commit: Commit) -> date:
    return datetime.fromisoformat(commit.date).date()


def _is_own(path: str, partnership_id: str) -> bool:
    placed = place(path)
    return placed.kind in _OWN_KINDS and placed.stem == partnership_id


def _commit_changes(
    repo: GitRepo, root: Path, commit: Commit, partnership_id: str, day: date, limits: Limits
) -> tuple[bool, list[Change]]:
    """(whether the commit touched the partnership's own files, its changes to the partnership)."""
    parent = repo.parent(commit.sha)
    new_source = GitRevision(repo, commit.sha, limits.max_bytes)
    old_source = GitRevision(repo, parent, limits.max_bytes) if parent else None
    changed = repo.changed_paths(parent, commit.sha) if parent else set(new_source.paths())
    own = {path for path in changed if _is_own(path, partnership_id)}
    other_plans = {path for path in changed if place(path).kind is Kind.PLAN and path not in own}
    # A plan named otherwise is the partnership's only if it names the partnership: skip the rest unread.
    mentioned = _mentions(partnership_id, other_plans, new_source, old_source)
    plans = {path for path in other_plans if mentioned[path]}
    if not own and not plans:
        return False, []
    # The partnership's file pulls in all its files (matched by stem) and the policy.
    wanted = own | plans | {f"{REGISTER_DIR}/partnerships/{partnership_id}.yaml"}
    old = build_partial(old_source, wanted, limits) if old_source else Register(root)
    new = build_partial(new_source, wanted, limits)
    old_label = parent[: len(commit.short)] if parent else "empty"
    changeset = compare_registers(old, new, today=day, old_label=old_label, new_label=commit.short, old_day=day)
    mine = _Concern(partnership_id, (old, new))
    return bool(own), [change for change in changeset.sorted() if mine(change)]


def _mentions(partnership_id: str, paths: set[str], new: GitRevision, old: GitRevision | None) -> dict[str, bool]:
    """For each path, whether its text at either side contains the id at all (a cheap first sieve)."""
    needle = partnership_id.encode("utf-8")
    seen = dict.fromkeys(paths, False)
    if not paths:
        return seen
    for source in (new, old):
        if source is None:
            continue
        for item in source.files(only=paths):
            if isinstance(item, SourceFile) and needle in item.raw:
                seen[item.path] = True
    return seen


class _Concern:
    """Whether a change is about the partnership: its record, its assessments, its plans' actions,
    or a finding in one of its files."""

    def __init__(self, partnership_id: str, registers: Iterable[Register]) -> None:
        self.id = partnership_id
        self.plans: set[str] = set()
        self.paths: set[str] = set()
        others: set[str] = set()
        # Files that could not be read have no record, but their problems are still the partnership's.
        candidates: set[str] = set()
        for register in registers:
            candidates |= {doc.path for doc in register.documents()} | {p.path for p in register.problems}
            for entry in register.plans:
                if entry.record.partnership == partnership_id:
                    self.plans.add(entry.record.id)
                    self.paths.add(entry.doc.path)
                else:
                    others.add(entry.doc.path)
        self.paths |= {path for path in candidates - others if _is_own(path, partnership_id)}

    def __call__(self, change: Change) -> bool:
        if change.kind in ("finding-introduced", "finding-fixed"):
            return change.subject in self.paths
        if change.kind == "partnership-renamed" and change.old == self.id:
            return True
        year, slash, rest = change.subject.partition("/")
        if slash and year.isdigit():
            return rest == self.id
        plan, hash_sign, _action = change.subject.partition("#")
        if hash_sign:
            return plan in self.plans
        return change.subject == self.id


def _unknown(repo: GitRepo, head: str, partnership_id: str, limits: Limits) -> PartregError:
    known = sorted(listed_partnership_ids(GitRevision(repo, head, limits.max_bytes).paths()))
    needle = partnership_id.casefold()
    close = [pid for pid in known if needle and needle in pid]
    close = close or difflib.get_close_matches(needle, known, n=1)
    hint = f"did you mean `{close[0]}`?" if close else "run `partreg list` to see the ids"
    return PartregError(f"no commit touches a partnership `{partnership_id}`", hint)
