"""The README's library example runs as written, on the bundled register."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_readme_opens_with_the_two_setup_commands() -> None:
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    commands = [line.split("#")[0].strip() for line in lines[3:5]]
    assert commands == ["make demo", "make test"]


def test_readme_library_example_runs() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## As a library") :]
    example = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert example is not None
    ran = subprocess.run(
        [sys.executable, "-c", example.group(1)], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    assert len(lines) == 14
    assert lines[-1].startswith("0 errors,")
    assert any(line.startswith("North East Migration Partnership amber green") for line in lines)
