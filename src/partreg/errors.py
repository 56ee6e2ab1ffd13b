"""Failures that stop a command: it could not run (exit status 2), or the register has errors (1)."""

from __future__ import annotations

from partreg.problems import Problem


class PartregError(Exception):
    """A command could not run: no register found, a bad option value, a bad revision.

    The message is written for the user; `hint` says what to do instead.
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class RegisterErrors(Exception):
    """The register has errors that would make the command's output wrong: files that cannot be read
    (a table would quietly leave their records out), or, for a committee paper, any error. The
    command stops and lists the errors instead."""

    def __init__(self, problems: list[Problem], consequence: str = "") -> None:
        super().__init__(f"{len(problems)} error(s) in the register")
        self.problems = problems
        files = len({problem.path for problem in problems})
        self.message = consequence or (
            f"{files} register file(s) have errors and cannot be read, so the output would leave their records out"
        )
