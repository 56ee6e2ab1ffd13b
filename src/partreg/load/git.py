"""The only module that runs Git. Commands run with a clean environment and no pager.

A register at any revision is read straight from Git's objects: one `git ls-tree` for the
listing and one long-lived `git cat-file --batch` for the contents, with no checkout and
no temp files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO

from partreg.errors import PartregError
from partreg.load.layout import REGISTER_DIR, is_yaml
from partreg.load.worktree import SourceFile
from partreg.problems import Problem, error

_SYMLINK_MODE = "120000"


@dataclass(frozen=True, slots=True)
class GitState:
    commit: str  # short hash of HEAD
    dirty: bool  # uncommitted changes under register/ or templates/


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    short: str
    author: str
    date: str  # ISO 8601, the author date
    subject: str


def _environment() -> dict[str, str]:
    # Variables such as GIT_DIR or GIT_INDEX_FILE (set inside hooks) would point Git elsewhere.
    clean = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    return {**clean, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "GIT_OPTIONAL_LOCKS": "0"}


class GitRepo:
    """A Git work tree, asked questions with plain `git` commands."""

    def __init__(self, root: Path) -> None:
        if shutil.which("git") is None:
            raise PartregError("git is not installed", "install Git, or run without a revision")
        self.root = root
        inside = self._run("rev-parse", "--is-inside-work-tree", check=False)
        if inside is None or inside.strip() != "true":
            raise PartregError(f"{root} is not in a Git repository", "run `git init`, or give --root a Git work tree")

    def _run(self, *args: str, check: bool = True, text: bool = True) -> str | None:
        try:
            completed = subprocess.run(
                ["git", "-C", str(self.root), *args],
                capture_output=True,
                env=_environment(),
                check=False,
                timeout=300,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PartregError(f"git {args[0]} could not run: {exc}", "check that Git works in this folder") from None
        if completed.returncode != 0:
            if not check:
                return None
            message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
            raise PartregError(f"git {args[0]}: {message[-1] if message else 'failed'}", "check the revision")
        return completed.stdout.decode("utf-8", "replace") if text else completed.stdout.decode("latin-1")

    def resolve(self, revision: str) -> str:
        """The full commit id of a revision, or a clear error for a bad one."""
        if revision.startswith("-"):
            raise PartregError(f"`{revision}` is not a revision", "give a commit, branch or tag, e.g. HEAD~1")
        sha = self._run("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", check=False)
        if not sha:
            if not self.has_commits():
                raise no_commits()
            raise PartregError(f"unknown revision `{revision}`", "give a commit, branch or tag, e.g. HEAD~1 or v2023")
        return sha.strip()

    def resolve_or_none(self, revision: str) -> str | None:
        try:
            return self.resolve(revision)
        except PartregError:
            return None

    def has_commits(self) -> bool:
        return self._run("rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False) is not None

    def top(self) -> Path:
        """The top folder of the repository's work tree."""
        return Path((self._run("rev-parse", "--show-toplevel") or "").strip()).resolve()

    def has_folder(self, revision: str, path: str) -> bool:
        """Whether the tree of `revision` holds a folder at `path` (relative to the repository's top)."""
        kind = self._run("cat-file", "-t", f"{revision}:{path}", check=False)
        return kind is not None and kind.strip() == "tree"

    def short(self, sha: str) -> str:
        return (self._run("rev-parse", "--short", sha) or sha[:7]).strip()

    def listing(self, sha: str, folder: str = REGISTER_DIR) -> list[tuple[str, str, str]]:
        """(path, mode, blob id) of every file under a folder (register/ by default) at a commit."""
        out = self._run("ls-tree", "-r", "-z", sha, "--", folder) or ""  # paths relative to the root
        rows = []
        for record in out.split("\0"):
            if not record:
                continue
            meta, path = record.split("\t", 1)
            mode, _kind, blob = meta.split(" ")
            rows.append((path, mode, blob))
        return rows

    def deleted_paths(self) -> set[str]:
        """Register files in HEAD that are gone from the work tree (deleted or renamed, staged or not)."""
        if not self.has_commits():
            return set()
        args = ["diff", "--name-only", "--relative", "-z", "--no-renames", "--diff-filter=D", "HEAD", "--"]
        return {path for path in (self._run(*args, REGISTER_DIR) or "").split("\0") if path}

    def changed_paths(self, old: str, new: str | None) -> set[str]:
        """Register files that differ between two commits, or between a commit and the work tree."""
        args = [
            "diff",
            "--name-only",
            "--relative",
            "-z",
            "--no-renames",
            old,
            *([new] if new else []),
            "--",
            REGISTER_DIR,
        ]
        changed = {path for path in (self._run(*args) or "").split("\0") if path}
        if new is None:
            untracked = self._run("ls-files", "-z", "--others", "--exclude-standard", "--", REGISTER_DIR) or ""
            changed |= {path for path in untracked.split("\0") if path}
        return changed

    def commits_touching(self, pathspecs: Iterable[str], before: str | None = None) -> list[Commit]:
        """Commits that changed any of the paths (globs allowed), newest first; from `before` (a revision)
        back when given, else from HEAD.

        Merge commits are left out: each change is told once, under the commit that made it and its
        author, not again under whoever merged the branch.
        """
        start = [before] if before else []
        out = self._run("log", "--no-merges", "--format=%H%x1f%h%x1f%an%x1f%aI%x1f%s%x1e", *start, "--", *pathspecs)
        out = out or ""
        commits = []
        for record in out.split("\x1e"):
            if record.strip():
                sha, short, author, when, subject = record.strip().split("\x1f")
                commits.append(Commit(sha, short, author, when, subject))
        return commits

    def commit_date(self, sha: str) -> date:
        return datetime.fromisoformat((self._run("show", "-s", "--format=%aI", sha) or "").strip()).date()

    def is_ancestor(self, older: str, newer: str) -> bool:
        """Whether `older` is `newer` or comes before it in its history."""
        return self._run("merge-base", "--is-ancestor", older, newer, check=False) is not None

    def parent(self, sha: str) -> str | None:
        parent = self._run("rev-parse", "--verify", "--quiet", f"{sha}^", check=False)
        return parent.strip() if parent else None

    def head_state(self) -> GitState | None:
        commit = self._run("rev-parse", "--short", "HEAD", check=False)
        if commit is None:
            return None
        status = self._run("status", "--porcelain", "--untracked-files=all", "--", "register", "templates", check=False)
        return GitState(commit.strip(), bool(status and status.strip()))


class BlobReader:
    """One `git cat-file --batch` process, asked for many objects in turn."""

    def __init__(self, repo: GitRepo) -> None:
        self.process = subprocess.Popen(
            ["git", "-C", str(repo.root), "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=_environment(),
        )

    def read(self, name: str) -> bytes | None:
        """The content of an object (`<blob id>` or `<commit>:<path>`), or None when missing."""
        stdin, stdout = self._pipes()
        stdin.write(name.encode("utf-8") + b"\n")
        stdin.flush()
        header = stdout.readline().split()
        if len(header) != 3:
            return None
        size = int(header[2])
        content = stdout.read(size)
        stdout.read(1)  # the newline after each object
        return content

    def _pipes(self) -> tuple[IO[bytes], IO[bytes]]:
        assert self.process.stdin is not None and self.process.stdout is not None
        return self.process.stdin, self.process.stdout

    def close(self) -> None:
        stdin, stdout = self._pipes()
        stdin.close()
        self.process.wait(timeout=60)
        stdout.close()


class GitRevision:
    """A register as it was at a commit, read from Git objects: the same interface as WorkTree."""

    def __init__(self, repo: GitRepo, sha: str, max_bytes: int) -> None:
        self.repo = repo
        self.root = repo.root
        self.sha = sha
        self.revision: str | None = sha
        self.max_bytes = max_bytes
        self._listing: list[tuple[str, str, str]] | None = None

    @property
    def listing(self) -> list[tuple[str, str, str]]:
        if self._listing is None:
            self._listing = self.repo.listing(self.sha)
        return self._listing

    def paths(self) -> list[str]:
        return [path for path, _, _ in self.listing if is_yaml(path)]

    def files(self, only: set[str] | None = None) -> Iterator[SourceFile | Problem]:
        reader = BlobReader(self.repo)
        try:
            for path, mode, blob in self.listing:
                if not is_yaml(path) or (only is not None and path not in only):
                    continue
                if mode == _SYMLINK_MODE:
                    yield error(
                        path,
                        1,
                        1,
                        "Y015",
                        "symbolic link: partreg does not follow links",
                        "replace the link with the file itself",
                    )
                    continue
                content = reader.read(blob) or b""
                yield SourceFile(path, content[: self.max_bytes + 1])
        finally:
            reader.close()

    def folder(self, folder: str) -> dict[str, bytes]:
        """Every regular file under a folder of the commit (the council's templates/, say), by path."""
        reader = BlobReader(self.repo)
        try:
            return {
                path: reader.read(blob) or b""
                for path, mode, blob in self.repo.listing(self.sha, folder)
                if mode != _SYMLINK_MODE
            }
        finally:
            reader.close()


def no_commits() -> PartregError:
    """The one message for a repository with nothing committed, whichever command asks."""
    return PartregError("the repository has no commits yet", "commit the register first")


def register_root_in_git(start: Path, revisions: Iterable[str]) -> Path | None:
    """Where a register is read from Git when the work tree has no register/ folder (deleted, say).

    The nearest folder from `start` up to the repository's top whose register/ folder exists at one
    of `revisions`; else the top. None when `start` is not in a Git repository.
    """
    try:
        repo = GitRepo(start)
    except PartregError:
        return None
    top = repo.top()
    shas = [sha for sha in (repo.resolve_or_none(revision) for revision in revisions) if sha]
    for folder in (start, *start.parents):
        try:
            relative = folder.relative_to(top).as_posix()
        except ValueError:
            break  # above the repository's top
        path = REGISTER_DIR if relative == "." else f"{relative}/{REGISTER_DIR}"
        if any(repo.has_folder(sha, path) for sha in shas):
            return folder
    return top


def head_state(root: Path) -> GitState | None:
    """HEAD's short hash and whether the register has uncommitted changes; None outside Git."""
    try:
        return GitRepo(root).head_state()
    except PartregError:
        return None


def init_repository(root: Path) -> None:
    """`git init` in `root`, for a new register repository (`partreg init`)."""
    if shutil.which("git") is None:
        raise PartregError("git is not installed", "install Git, or give --no-git and run `git init` later")
    try:
        completed = subprocess.run(
            ["git", "init", "--quiet", str(root)], capture_output=True, env=_environment(), check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PartregError(f"git init could not run: {exc}", "check that Git works, or give --no-git") from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PartregError(f"git init: {message[-1] if message else 'failed'}", "check the folder, or give --no-git")
