"""Run the real checks over a register on disk."""

from __future__ import annotations

from datetime import date

from partreg import api
from partreg.problems import Problem
from tests.support.registers import RegisterDir

# Checks that depend on the day (overdue actions, stale assessments) are judged on this one.
TODAY = date(2024, 6, 1)


def problems(reg: RegisterDir, today: date = TODAY) -> list[Problem]:
    return api.validate(api.load_register(reg.root), today=today).problems


def found(reg: RegisterDir, code: str) -> list[tuple[str, int, int]]:
    """(path, line, col) of each problem with this code."""
    return [(p.path, p.line, p.col) for p in problems(reg) if p.code == code]
