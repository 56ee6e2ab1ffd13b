"""The only place partreg writes a user's file: atomically, and never over one without --force."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from partreg.errors import PartregError


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write to a temp file beside `path`, then move it into place in one step.

    Without `force` the final step is a hard link, which fails if `path` exists, so a file that
    appears meanwhile is not overwritten either.
    """
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise PartregError(
            f"no folder {folder} to write {path.name} in", "create the folder, or choose another --output"
        )
    if path.exists() and not force:
        raise PartregError(f"{path} already exists", "give --force to replace it, or choose another --output")
    descriptor, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(0o644)
        if force:
            temp.replace(path)
        else:
            try:
                path.hardlink_to(temp)
            except FileExistsError:
                raise PartregError(f"{path} already exists", "give --force to replace it") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
