"""What a lint rule is: a stable code, a severity, its own documentation, and a check.

A rule's docstring is its documentation: the first line is the summary `partreg rules`
lists, the rest is what `partreg rules --explain CODE` prints.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from partreg.compute.ratings import Rating, governance, performance
from partreg.load.document import Document, PathItem
from partreg.model.assessment import Assessment
from partreg.model.register import Register
from partreg.problems import Severity


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check yields: where (a document and a key path) and what is wrong."""

    doc: Document
    path: tuple[PathItem, ...]
    message: str
    hint: str = ""
    at_key: bool = False


@dataclass
class Context:
    """What every check sees: the register, and the day it is checked on (overdue, ages)."""

    register: Register
    today: date
    _ratings: dict[int, tuple[Rating, Rating]] = field(default_factory=dict, repr=False)

    def ratings(self, assessment: Assessment) -> tuple[Rating, Rating]:
        """Governance and performance of an assessment, computed once for all the rules that ask."""
        key = id(assessment)
        if key not in self._ratings:
            partnership = self.register.partnership(assessment.partnership)
            policy = self.register.policy
            self._ratings[key] = (governance(assessment, partnership, policy), performance(assessment, policy))
        return self._ratings[key]


Check = Callable[[Context], Iterator[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    doc: str
    check: Check | None = None  # None: the loader or the schema reports it while reading

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0]


def rule(code: str, name: str, severity: Severity) -> Callable[[Check], Rule]:
    """Make a check function into a Rule, its docstring into the rule's documentation."""

    def make(check: Check) -> Rule:
        return Rule(code, name, severity, inspect.cleandoc(check.__doc__ or name), check)

    return make


def reported_while_reading(code: str, name: str, severity: Severity, doc: str) -> Rule:
    return Rule(code, name, severity, inspect.cleandoc(doc))
