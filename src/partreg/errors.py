"""Failures that stop a command from running at all (exit status 2)."""

from __future__ import annotations


class PartregError(Exception):
    """A command could not run: no register found, a bad option value, a bad revision.

    The message is written for the user; `hint` says what to do instead.
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
