"""Run the rules over a register: selection by code prefix, positions, order."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from partreg.check.rule import Context
from partreg.check.rules import ALL_RULES, BY_CODE
from partreg.errors import PartregError
from partreg.model.register import Register
from partreg.problems import Problem, Severity

_CODE_PREFIX = re.compile(r"[A-Z][0-9]{0,3}")


@dataclass(frozen=True, slots=True)
class Selection:
    """Which codes to report: `select` and `ignore` hold code prefixes, as in flake8."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def wants(self, code: str) -> bool:
        chosen = not self.select or code.startswith(self.select)
        return chosen and not code.startswith(self.ignore) if self.ignore else chosen


def parse_codes(text: str | None, option: str, known: Iterable[str] = BY_CODE) -> tuple[str, ...]:
    """`Y,S001` -> ("Y", "S001"). A malformed code cannot run, nor can one that starts no `known` code:
    it would silently select or ignore nothing."""
    if not text:
        return ()
    codes = tuple(part.strip().upper() for part in text.split(",") if part.strip())
    for code in codes:
        if not _CODE_PREFIX.fullmatch(code):
            raise PartregError(
                f"{option}: `{code}` is not a rule code or prefix",
                "write a family letter and up to three digits, e.g. S or S001; see `partreg rules`",
            )
    for code in codes:
        if not any(rule_code.startswith(code) for rule_code in known):
            raise PartregError(f"{option}: no rule code starts with `{code}`", "run `partreg rules` to list the codes")
    return codes


@dataclass(frozen=True, slots=True)
class CheckResult:
    problems: list[Problem]
    files: int

    @property
    def errors(self) -> int:
        return sum(1 for problem in self.problems if problem.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def check_register(register: Register, selection: Selection, today: date) -> CheckResult:
    problems = [problem for problem in register.problems if selection.wants(problem.code)]
    context = Context(register, today)
    for rule in ALL_RULES:
        if rule.check is None or not selection.wants(rule.code):
            continue
        for finding in rule.check(context):
            line, col = finding.doc.position(finding.path, key=finding.at_key)
            problems.append(
                Problem(finding.doc.path, line, col, rule.code, rule.severity, finding.message, finding.hint)
            )
    problems.sort(key=lambda problem: problem.sort_key)
    return CheckResult(problems, register.files)
