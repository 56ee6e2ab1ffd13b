"""Steps every reading command shares: load with progress, and say when files were skipped."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from partreg.cli.options import choose

if TYPE_CHECKING:
    from partreg.model.register import Register

DATA_FORMATS = ("standard", "json", "csv")


def load(root: Path | None, revision: str | None = None) -> Register:
    """The register (at `revision`, when given), with progress on a terminal and a note on errors."""
    from partreg import api
    from partreg.output import progress
    from partreg.problems import Severity

    with progress.counting("Reading register files") as tick:
        register = api.load_register(root, revision=revision, on_file=tick)
    unreadable = {p.path for p in register.problems if p.severity is Severity.ERROR}
    if unreadable:
        sys.stderr.write(
            f"partreg: note: {len(unreadable)} file(s) have errors and are left out; run `partreg validate`\n"
        )
    return register


def data_format(value: str) -> str:
    return choose(value, DATA_FORMATS, "--format")


def write(text: str) -> None:
    sys.stdout.write(text)
