"""The one finding type every stage reports: a problem at a position in a file."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding at `path:line:col`; `path` is relative to the register root, with `/`."""

    path: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str
    hint: str = ""

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.code, self.message)


def error(path: str, line: int, col: int, code: str, message: str, hint: str = "") -> Problem:
    return Problem(path, line, col, code, Severity.ERROR, message, hint)


def warning(path: str, line: int, col: int, code: str, message: str, hint: str = "") -> Problem:
    return Problem(path, line, col, code, Severity.WARNING, message, hint)
