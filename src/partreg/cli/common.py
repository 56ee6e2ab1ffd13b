"""Steps every reading command shares: load with progress, and say when files were skipped."""

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from partreg.cli.options import choose

if TYPE_CHECKING:
    from partreg.model.register import Register

DATA_FORMATS = ("standard", "json", "csv")


def load(
    root: Path | None,
    revision: str | None = None,
    *,
    allow_errors: bool = False,
    only: Iterable[str] | None = None,
) -> "Register":
    """The register (at `revision`, when given; only the folders `only`, when given), with progress
    on a terminal.

    A file that cannot be read stops the command (its output would quietly leave the record
    out), unless `allow_errors`: then a note says how many files were left out.
    """
    from partreg import api
    from partreg.output import progress

    with progress.counting("Reading register files") as tick:
        register = api.load_register(root, revision=revision, on_file=tick, only=only)
    return require_readable(register, allow_errors=allow_errors)


def require_readable(register: "Register", *, allow_errors: bool = False) -> "Register":
    """`register`, when every file of it could be read (else RegisterErrors); see `load`."""
    from partreg.errors import RegisterErrors
    from partreg.problems import Severity

    errors = [p for p in register.problems if p.severity is Severity.ERROR]
    if errors and not allow_errors:
        raise RegisterErrors(errors)
    if errors:
        files = len({p.path for p in errors})
        sys.stderr.write(f"partreg: note: {files} file(s) have errors and are left out; run `partreg validate`\n")
    return register


def data_format(value: str) -> str:
    return choose(value, DATA_FORMATS, "--format")


def write(text: str) -> None:
    sys.stdout.write(text)
