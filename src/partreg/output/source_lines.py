"""The text of a register line, for showing under a problem."""

from __future__ import annotations

from partreg.load.yaml_reader import DEFAULT_LIMITS
from partreg.model.register import Register


class SourceLines:
    """Lines of loaded documents, or of the file on disk when it could not be loaded."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self.texts: dict[str, list[str]] = {}
        self.docs = {doc.path: doc for doc in register.documents()}

    def __call__(self, path: str, line: int) -> str:
        if path not in self.texts:
            self.texts[path] = self._read(path).splitlines()
        lines = self.texts[path]
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def _read(self, path: str) -> str:
        if path in self.docs:
            return self.docs[path].text
        full = self.register.root / path
        if full.is_symlink() or not full.is_file():
            return ""
        with full.open("rb") as handle:
            raw: bytes = handle.read(DEFAULT_LIMITS.max_bytes)
        return raw.decode("utf-8", errors="replace")
