"""Real Git repositories in temp dirs for tests (no mocks)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

AUTHOR = "Test Officer"
DAY = "2024-01-15"


def _identity(author: str, day: str) -> dict[str, str]:
    """Who commits, and when: pinned, so no test depends on the machine's user or clock."""
    stamp = f"{day}T10:00:00+00:00"
    return {
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "officer@council.invalid",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "officer@council.invalid",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }


def git(root: Path, *args: str, identity: dict[str, str] | None = None) -> str:
    completed = subprocess.run(
        ["git", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(identity or _identity(AUTHOR, DAY))},
    )
    return completed.stdout.strip()


def make_repo(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "commit.gpgsign", "false")


def commit_all(root: Path, message: str, *, author: str = AUTHOR, when: str = DAY) -> str:
    """Commit everything as `author` on day `when` (YYYY-MM-DD); the short commit id."""
    identity = _identity(author, when)
    git(root, "add", "-A", identity=identity)
    git(root, "commit", "-q", "-m", message, identity=identity)
    return git(root, "rev-parse", "--short", "HEAD")
