"""The history of one partnership across commits: who changed its record or ratings, when and why.

Each commit that touched the partnership's files is compared with its parent by the same
semantic diff as `partreg diff` (`compare_registers`), reading only that partnership's files at
each side. The root commit is compared with an empty register. Merge commits are skipped: a
branch's commits are each shown with their own author, and the merge would only repeat them
(changes made while resolving a merge conflict are not shown). A rename is followed: the history
of the new id goes on with the old id's, before the commit that renamed it. Both sides are judged on the
commit's own (author) date, or on `today` when that is earlier, so a change is what the commit
did as seen when it was made, not what time has done since.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from partreg.diff.changes import Change
from partreg.diff.compare import compare_registers
from partreg.errors import PartregError
from partreg.load.git import Commit, GitRepo, GitRevision, no_commits
from partreg.load.layout import REGISTER_DIR, YAML_SUFFIXES, Kind, find_root, partnership_paths, place
from partreg.load.source import listed_partnership_ids
from partreg.load.worktree import SourceFile
from partreg.load.yaml_reader import DEFAULT_LIMITS, Limits
from partreg.model.assessment import Assessment
from partreg.model.fields import Shape, fields_of
from partreg.model.partnership import Partnership
from partreg.model.plan import Action, ActionPlan
from partreg.model.register import Register, build_partial
from partreg.model.values import SLUG_PATTERN

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
    `governance.*` field changes; `actions` keeps changes to the partnership's actions); commits left
    with no change are left out, and a name that is no field cannot run, with a suggestion. An id that
    no commit ever touched cannot run (PartregError), with a suggestion from the ids at HEAD.

    A partnership whose id was changed (`partnership-renamed`) has its history followed into the old
    id's, before the commit that renamed it. Merge commits are left out (`GitRepo.commits_touching`).
    """
    if field is not None:
        check_field(field)
    found = find_root(explicit=root)
    repo = GitRepo(found)
    head = _head(repo)
    if not re.fullmatch(SLUG_PATTERN, partnership_id):
        raise _unknown(repo, head, partnership_id, limits)
    reading = _Reading(repo, found, today or date.today(), limits, on_commit)
    entries, known = reading.history(partnership_id, before=None, followed={partnership_id})
    if not known:
        raise _unknown(repo, head, partnership_id, limits)
    kept = [
        HistoryEntry(e.commit, [c for c in e.changes if field is None or concerns_field(c, field)]) for e in entries
    ]
    return [entry for entry in kept if entry.changes]


@dataclass(frozen=True, slots=True)
class _Reading:
    """What every commit of a history is read with."""

    repo: GitRepo
    root: Path
    today: date
    limits: Limits
    on_commit: Callable[[], None] | None

    def history(self, partnership_id: str, before: str | None, followed: set[str]) -> tuple[list[HistoryEntry], bool]:
        """(the entries of the id's commits from `before` back, whether any commit touched the id)."""
        entries: list[HistoryEntry] = []
        known = False
        for commit in self.repo.commits_touching(pathspecs(partnership_id), before):
            if self.on_commit is not None:
                self.on_commit()
            day = min(self.repo.commit_date(commit.sha), self.today)
            touched, changes = _commit_changes(self.repo, self.root, commit, partnership_id, day, self.limits)
            known = known or touched or bool(changes)
            if changes:
                entries.append(HistoryEntry(commit, changes))
            old_id = next((c.old for c in changes if c.kind == "partnership-renamed" and c.new == partnership_id), None)
            if isinstance(old_id, str) and old_id not in followed:
                # Before this commit the partnership had the old id: its history is this one's.
                earlier, _ = self.history(old_id, f"{commit.sha}^", followed | {old_id})
                return entries + earlier, True
        return entries, known


def concerns_field(change: Change, name: str) -> bool:
    """The change is to field `name` or inside it (`governance` covers `governance.reason`, and
    `performance.kpis` covers `performance.kpis[Crime].actual`).

    A rating change's field is its area, so `governance` also covers governance rating changes, and
    an assessment added covers the areas it rates.
    `actions` covers every change to one of the partnership's actions.
    """
    if name == ACTIONS_FIELD:
        return "#" in change.subject
    if change.kind == "assessment-added" and isinstance(change.new, dict):
        return name in change.new  # the ratings a new assessment sets
    return change.field is not None and (change.field == name or change.field.startswith((f"{name}.", f"{name}[")))


def check_field(name: str) -> None:
    """A `--field` that names no field would quietly show no history: it cannot run."""
    if name in _FIELDS or name.startswith(_FREE_PREFIXES):
        return
    close = difflib.get_close_matches(name, sorted(_FIELDS), n=1)
    hint = f"did you mean `{close[0]}`?" if close else "give a field of a partnership, assessment or action, or actions"
    raise PartregError(f"--field: `{name}` is not a field of the register", hint)


def _known_fields(model: type[BaseModel], prefix: str = "") -> tuple[set[str], set[str]]:
    """(every dotted field name of a model, nested records included (`resources.financial_contribution`);
    the prefixes of its mappings with free keys (`principles.`: a principle's id; `custom.`: the council's own))."""
    names: set[str] = set()
    free: set[str] = set()
    for name, (shape, inner) in fields_of(model).items():
        dotted = f"{prefix}{name}"
        names.add(dotted)
        if shape in (Shape.MODEL_DICT, Shape.FREE):
            free.add(f"{dotted}.")
        elif inner is not None:
            inner_names, inner_free = _known_fields(inner, f"{dotted}.")
            names |= inner_names
            free |= inner_free
    return names, free


ACTIONS_FIELD = "actions"
_KNOWN = [_known_fields(model) for model in (Partnership, Assessment, ActionPlan, Action)]
_FIELDS = frozenset({ACTIONS_FIELD}.union(*(names for names, _ in _KNOWN)))
_FREE_PREFIXES = tuple(sorted(set().union(*(free for _, free in _KNOWN))))


def _head(repo: GitRepo) -> str:
    if not repo.has_commits():
        raise no_commits()
    return repo.resolve("HEAD")


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
    own |= _renamed_with(changed, own, new_source, old_source)
    other_plans = {path for path in changed if place(path).kind is Kind.PLAN and path not in own}
    # A plan named otherwise is the partnership's only if it names the partnership: skip the rest unread.
    mentioned = _mentions(partnership_id, other_plans, new_source, old_source)
    plans = {path for path in other_plans if mentioned[path]}
    if not own and not plans:
        return False, []
    # The partnership's file pulls in all its files (matched by stem) and the policy.
    wanted = own | plans | set(partnership_paths(partnership_id))
    old = build_partial(old_source, wanted, limits) if old_source else Register(root)
    new = build_partial(new_source, wanted, limits)
    old_label = parent[: len(commit.short)] if parent else "empty"
    changeset = compare_registers(old, new, today=day, old_label=old_label, new_label=commit.short, old_day=day)
    mine = _Concern(partnership_id, (old, new))
    return bool(own), [change for change in changeset.sorted() if mine(change)]


def _renamed_with(changed: set[str], own: set[str], new: GitRevision, old: GitRevision | None) -> set[str]:
    """When the commit added or deleted the partnership's file, the other partnership files it added or
    deleted: one of them may be the same partnership under its other id (a rename, told as such)."""
    if old is None:
        return set()
    before, after = set(old.paths()), set(new.paths())
    appeared_or_gone = {
        path for path in changed if place(path).kind is Kind.PARTNERSHIP and (path in before) != (path in after)
    }
    return appeared_or_gone if appeared_or_gone & own else set()


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
