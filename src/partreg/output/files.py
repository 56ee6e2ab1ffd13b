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
_PERMISSIONS = ("permission denied", "check the permissions of the file and its folder, or write somewhere else")
_DISK_FULL_HINT = "free some disk space and run the command again"
# What an error number means to the user, and what to do about it.
_REASONS_AND_HINTS = {
    errno.EACCES: _PERMISSIONS,
    errno.EPERM: _PERMISSIONS,
    errno.EROFS: ("the file system is read-only", "write to a folder on a writable disk"),
    errno.ENOSPC: ("the disk is full", _DISK_FULL_HINT),
    errno.EDQUOT: ("the disk quota is used up", _DISK_FULL_HINT),
    errno.ENAMETOOLONG: ("the file name is too long", "check the path and the folder's permissions"),
}


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write to a temp file beside `path`, then move it into place in one step.

    Without `force` the final step is a hard link, which fails if `path` exists, so a file that
    appears meanwhile is not overwritten either. A file that is replaced keeps its mode (a 0600
    file stays private). A file system error is a `PartregError` naming the file, not a traceback.
    """
    folder = path.parent if str(path.parent) else Path()
    try:
        # Inside the `try`: even asking whether the path exists can fail (a name too long for the disk).
        _check_target(path, folder, force=force)
        _write_and_move(path, folder, data, force=force)
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def _check_target(path: Path, folder: Path, *, force: bool) -> None:
    if path.is_dir():
        raise _is_a_folder(path)
    if not folder.is_dir():
        raise PartregError(
            f"no folder {folder} to write {path.name} in", "create the folder, or choose another --output"
        )
    if path.exists() and not force:
        raise PartregError(f"{path} already exists", "give --force to replace it, or choose another --output")


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


def _is_a_folder(path: Path) -> PartregError:
    return PartregError(f"{path} is a folder; give a file name", f"for example {path / 'out'}")


def _cannot_write(path: Path, exc: OSError) -> PartregError:
    if exc.errno == errno.EISDIR:
        return _is_a_folder(path)
    fallback = (exc.strerror or type(exc).__name__, "check the path and the folder's permissions")
    reason, hint = _REASONS_AND_HINTS.get(exc.errno or 0, fallback)
    return PartregError(f"cannot write {path}: {reason}", hint)
