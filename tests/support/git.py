"""Real Git repositories in temp dirs for tests (no mocks)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ENV = {
    "GIT_AUTHOR_NAME": "Test Officer",
    "GIT_AUTHOR_EMAIL": "officer@council.invalid",
    "GIT_COMMITTER_NAME": "Test Officer",
    "GIT_COMMITTER_EMAIL": "officer@council.invalid",
    "GIT_AUTHOR_DATE": "2024-01-15T10:00:00+00:00",
    "GIT_COMMITTER_DATE": "2024-01-15T10:00:00+00:00",
}


def git(root: Path, *args: str) -> str:
    completed = subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True, env={**os.environ, **ENV}
    )
    return completed.stdout.strip()


def make_repo(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "commit.gpgsign", "false")


def commit_all(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "--short", "HEAD")
