"""Lint findings introduced or fixed between two registers.

A finding is matched by its file, its rule code and what it is about, never by its line (lines
move) nor by the dates and counts in its message: an action that is still overdue after being
re-targeted, or a partnership whose latest assessment is still too old, is neither fixed nor new.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from partreg.check.run import Selection, check_register
from partreg.diff.changes import Change
from partreg.diff.sides import Sides, broken_placements
from partreg.problems import Problem

# What varies in a finding's message while the finding stays the same one: its dates, and numbers
# outside `code spans` (an id in a code span, `plan#2`, is what the finding is about, so it stays).
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


@dataclass(frozen=True, slots=True)
class _Finding:
    key: tuple[str, str, str]  # (file, rule code, what it is about)
    said: str  # the message, with a renamed partnership's ids as on the new side
    problem: Problem


def finding_changes(sides: Sides) -> Iterator[Change]:
    """Findings introduced or fixed. Both sides are judged on the new side's day, so a finding is
    introduced or fixed by the change, not by time. A renamed partnership's findings are matched
    under its new id. The findings of a file that cannot be read on the new side are not fixed:
    they are only out of sight, and the file's own problem is told instead."""
    checked_before = check_register(sides.old, Selection(), sides.today).problems
    checked_after = check_register(sides.new, Selection(), sides.today).problems
    before = [_finding(p, sides.new_path(p.path), sides.new_words(p.message)) for p in checked_before]
    after = [_finding(p, p.path, p.message) for p in checked_after]
    for p in _unmatched(after, before):
        text = f"{p.path}:{p.line}:{p.col}: {p.code} {p.severity.value} {p.message}"
        yield Change("finding-introduced", p.path, p.path, text, p.code, None, p.message)
    unread = {placed.path for placed in broken_placements(sides.new)}
    for p in _unmatched(before, after):
        if sides.new_path(p.path) not in unread:
            yield Change("finding-fixed", p.path, p.path, f"{p.path}: {p.code} fixed: {p.message}", p.code, p.message)


def _finding(problem: Problem, path: str, said: str) -> _Finding:
    parts = _DATE.sub("<date>", said).split("`")
    about = "`".join(_NUMBER.sub("<n>", part) if index % 2 == 0 else part for index, part in enumerate(parts))
    return _Finding((path, problem.code, about), said, problem)


def _unmatched(side: list[_Finding], other: list[_Finding]) -> list[Problem]:
    """The problems of `side` with no counterpart in `other`. Findings with one key are paired off,
    those with the very same message first, so that of two alike the one that went is told."""
    left = Counter(finding.key for finding in other)
    exact = {(finding.key, finding.said) for finding in other}
    unmatched = []
    for finding in sorted(side, key=lambda f: ((f.key, f.said) not in exact, f.key, f.said, f.problem.line)):
        if left[finding.key]:
            left[finding.key] -= 1
        else:
            unmatched.append(finding.problem)
    return sorted(unmatched, key=lambda p: (p.path, p.code, p.message))
