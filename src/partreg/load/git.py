"""The only module that runs Git. Commands run with a clean environment and no pager."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class GitState:
    commit: str  # short hash of HEAD
    dirty: bool  # uncommitted changes under register/ or templates/


def _environment() -> dict[str, str]:
    # Variables such as GIT_DIR or GIT_INDEX_FILE (set inside hooks) would point Git elsewhere.
    clean = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    return {**clean, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat"}


def _git(root: Path, *args: str) -> str | None:
    if shutil.which("git") is None:
        return None
    try:
        completed = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            env=_environment(),
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return completed.stdout if completed.returncode == 0 else None


def head_state(root: Path) -> GitState | None:
    """HEAD's short hash and whether the register has uncommitted changes; None outside Git."""
    commit = _git(root, "rev-parse", "--short", "HEAD")
    if commit is None:
        return None
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", "register", "templates")
    return GitState(commit.strip(), bool(status and status.strip()))
