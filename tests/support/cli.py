"""Run the real CLI: in-process through Typer's CliRunner, or as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from partreg.cli.app import app


@dataclass(frozen=True)
class Ran:
    exit_code: int
    stdout: str
    stderr: str


def invoke(*args: str) -> Ran:
    """Run the CLI in-process; pass `--today` where the output depends on the day."""
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "200"})
    return Ran(result.exit_code, result.stdout, result.stderr)


def run_subprocess(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Ran:
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    completed = subprocess.run(
        [sys.executable, "-m", "partreg", *args], capture_output=True, text=True, cwd=cwd, env=environment, check=False
    )
    return Ran(completed.returncode, completed.stdout, completed.stderr)
