"""Steps every reading command shares: load with progress, and say when files were skipped."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from partreg.cli.options import choose

if TYPE_CHECKING:
    from partreg.model.register import Register

DATA_FORMATS = ("standard", "json", "csv")


def load(root: Path | None, revision: str | None = None, *, allow_errors: bool = False) -> "Register":
    """The register (at `revision`, when given), with progress on a terminal.

    A file that cannot be read stops the command (its output would quietly leave the record
    out), unless `allow_errors`: then a note says how many files were left out.
    """
    from partreg import api
    from partreg.output import progress

    with progress.counting("Reading register files") as tick:
        register = api.load_register(root, revision=revision, on_file=tick)
    return complete(register, allow_errors=allow_errors)


def complete(register: "Register", *, allow_errors: bool = False) -> "Register":
    """`register`, when every file of it could be read; see `load`."""
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


def register_path(root: Path, file: Path) -> str | None:
    """`file` (relative to the current folder, or absolute) as a root-relative path with `/`,
    or None when it is outside the root."""
    import os

    # The folder is resolved (the root is), the file itself is not: a symlink must stay one, to be reported.
    absolute = Path(os.path.normpath(file.absolute()))
    try:
        return (absolute.parent.resolve() / absolute.name).relative_to(root).as_posix()
    except ValueError:
        return None


def is_register_file(path: str) -> bool:
    """A YAML file under register/ that a full run would read (hidden folders are skipped)."""
    from partreg.load.layout import REGISTER_DIR, is_yaml

    parts = path.split("/")
    hidden = any(part.startswith(".") for part in parts[1:-1])
    return len(parts) >= 2 and parts[0] == REGISTER_DIR and is_yaml(parts[-1]) and not hidden
