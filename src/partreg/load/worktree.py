"""The work tree as a register source: the files under `<root>/register/` on disk.

Symlinks are reported and never followed, so a register cannot make partreg read
outside its root; only regular files are opened.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from partreg.load.layout import REGISTER_DIR, is_yaml
from partreg.problems import Problem, error

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str  # relative to the root, with `/`
    raw: bytes


class WorkTree:
    """Reads a register from the file system."""

    revision: str | None = None

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root
        self.max_bytes = max_bytes

    def files(self, only: set[str] | None = None) -> Iterator[SourceFile | Problem]:
        """Every register file, or just the paths in `only` (register-relative to the root)."""
        if (self.root / REGISTER_DIR).is_symlink():
            yield _link_problem(REGISTER_DIR)
            return
        if only is None:
            yield from self._walk(self.root / REGISTER_DIR, REGISTER_DIR)
            return
        reported: set[str] = set()
        for path in sorted(only):
            link = self._first_link(path)
            if link is not None:
                if link not in reported:
                    reported.add(link)
                    yield _link_problem(link)
            elif (self.root / path).is_file():
                yield self._read(self.root / path, path)

    def paths(self) -> list[str]:
        """Every YAML file under register/ (names only, nothing read); none when register/ is a link."""
        found: list[str] = []
        if (self.root / REGISTER_DIR).is_symlink():
            return found
        for folder, dirs, names in os.walk(self.root / REGISTER_DIR):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            relative = Path(folder).relative_to(self.root).as_posix()
            found += [f"{relative}/{name}" for name in names if is_yaml(name)]
        return sorted(found)

    def _first_link(self, path: str) -> str | None:
        """The first folder or file on `path` that is a symbolic link, as a root-relative path."""
        parts = path.split("/")
        for end in range(1, len(parts) + 1):
            partial = "/".join(parts[:end])
            if (self.root / partial).is_symlink():
                return partial
        return None

    def _walk(self, folder: Path, relative: str) -> Iterator[SourceFile | Problem]:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as exc:
            yield error(relative, 1, 1, "Y017", f"cannot read the folder: {exc.strerror}", "check its permissions")
            return
        for entry in entries:
            path = f"{relative}/{entry.name}"
            if entry.is_symlink():
                if entry.is_dir() or is_yaml(entry.name):
                    yield _link_problem(path)
            elif entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith("."):
                    yield from self._walk(Path(entry.path), path)
            elif is_yaml(entry.name):
                if entry.is_file(follow_symlinks=False):
                    yield self._read(Path(entry.path), path)
                else:
                    yield error(path, 1, 1, "Y017", "not a regular file", "register files must be ordinary text files")

    def _read(self, full: Path, path: str) -> SourceFile | Problem:
        try:
            # O_NONBLOCK: should the file be swapped for a FIFO after the scan, opening must not hang.
            descriptor = os.open(full, os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK)
        except OSError as exc:
            return error(path, 1, 1, "Y017", f"cannot read the file: {exc.strerror}", "check its permissions")
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return error(path, 1, 1, "Y017", "not a regular file", "register files must be ordinary text files")
            # One byte over the cap is enough for the reader to report the size.
            return SourceFile(path, handle.read(self.max_bytes + 1))


def _link_problem(path: str) -> Problem:
    return error(
        path,
        1,
        1,
        "Y015",
        "symbolic link: partreg does not follow links",
        "replace the link with the file or folder itself",
    )
