"""Where a register is read from: the work tree, or a Git revision. Both list and read files alike."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from partreg.load.git import GitRepo, GitRevision
from partreg.load.layout import Kind, place
from partreg.load.worktree import SourceFile, WorkTree
from partreg.problems import Problem


class Source(Protocol):
    root: Path
    revision: str | None  # the commit read from; None for the work tree

    def files(self, only: set[str] | None = None) -> Iterator[SourceFile | Problem]: ...

    def paths(self) -> list[str]: ...


def open_source(root: Path, revision: str | None, max_bytes: int) -> Source:
    """The work tree when `revision` is None, else the register at that Git revision."""
    if revision is None:
        return WorkTree(root, max_bytes)
    repo = GitRepo(root)
    return GitRevision(repo, repo.resolve(revision), max_bytes)


def revision_label(source: Source) -> str | None:
    """The commit the source reads, as Git shortens it for people (provenance, table footers); None
    for the work tree. Asked once, when the register is read."""
    if isinstance(source, GitRevision):
        return source.repo.short(source.sha)
    return None


def neighbourhood(paths: set[str], listed: list[str]) -> set[str]:
    """The files whose records the changed ones refer to, or that refer to them, and the policy.

    Matched by file stem: an assessment and the usual plan are named after their partnership.
    One pass over the listing, which holds every file of a large register.
    """
    return affected(paths, listed) | {path for path in listed if place(path).kind is Kind.POLICY}


def affected(paths: set[str], listed: list[str]) -> set[str]:
    """The files whose problems a change to `paths` can cause: `paths`, and the records sharing a file
    stem with one of them (an assessment still naming a deleted or renamed partnership, say: give the
    deleted path, its stem is the old id); every file when the policy changed, as every rating and
    every principle rated depends on it.
    """
    changed = [place(path) for path in paths]
    if any(placed.kind is Kind.POLICY for placed in changed):
        return paths | set(listed)
    stems = {placed.stem for placed in changed if placed.kind in _RECORDS}
    wanted = set(paths)
    for path in listed:
        placed = place(path)
        if placed.kind in _RECORDS and placed.stem in stems:
            wanted.add(path)
    return wanted


def listed_partnership_ids(listed: list[str]) -> set[str]:
    ids = set()
    for path in listed:
        placed = place(path)
        if placed.kind is Kind.PARTNERSHIP:
            ids.add(placed.stem)
    return ids


_RECORDS = (Kind.PARTNERSHIP, Kind.ASSESSMENT, Kind.PLAN)
