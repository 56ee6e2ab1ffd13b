"""The only place partreg writes a user's file: atomically, and never over one without --force."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from partreg.errors import PartregError

_NEW_FILE_MODE = 0o644  # what a new file gets; a replaced file keeps its own mode
_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.ENAMETOOLONG: "the file name is too long",
}
_HINTS = {
    errno.EACCES: "check the permissions of the file and its folder, or write somewhere else",
    errno.EPERM: "check the permissions of the file and its folder, or write somewhere else",
    errno.EROFS: "write to a folder on a writable disk",
    errno.ENOSPC: "free some disk space and run the command again",
    errno.EDQUOT: "free some disk space and run the command again",
}


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write to a temp file beside `path`, then move it into place in one step.

    Without `force` the final step is a hard link, which fails if `path` exists, so a file that
    appears meanwhile is not overwritten either. A file that is replaced keeps its mode (a 0600
    file stays private). A file system error is a `PartregError` naming the file, not a traceback.
    """
    folder = path.parent if str(path.parent) else Path()
    if path.is_dir():
        raise PartregError(f"{path} is a folder; give a file name", f"for example {path / 'out'}")
    if not folder.is_dir():
        raise PartregError(
            f"no folder {folder} to write {path.name} in", "create the folder, or choose another --output"
        )
    if path.exists() and not force:
        raise PartregError(f"{path} already exists", "give --force to replace it, or choose another --output")
    try:
        _write_and_move(path, folder, data, force=force)
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def _write_and_move(path: Path, folder: Path, data: bytes, *, force: bool) -> None:
    mode = _kept_mode(path)
    descriptor, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(mode)
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


def _kept_mode(path: Path) -> int:
    """The permission bits of the file being replaced, or those of a new file."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return _NEW_FILE_MODE


def _cannot_write(path: Path, exc: OSError) -> PartregError:
    reason = _REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    if exc.errno == errno.EISDIR:
        return PartregError(f"{path} is a folder; give a file name", f"for example {path / 'out'}")
    hint = _HINTS.get(exc.errno or 0, "check the path and the folder's permissions")
    return PartregError(f"cannot write {path}: {reason}", hint)
