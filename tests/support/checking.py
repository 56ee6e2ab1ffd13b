"""Run the real checks over a register on disk."""

from __future__ import annotations

from partreg import api
from partreg.problems import Problem
from tests.support.registers import RegisterDir


def problems(reg: RegisterDir) -> list[Problem]:
    return api.validate(api.load_register(reg.root)).problems


def found(reg: RegisterDir, code: str) -> list[tuple[str, int, int]]:
    """(path, line, col) of each problem with this code."""
    return [(p.path, p.line, p.col) for p in problems(reg) if p.code == code]
