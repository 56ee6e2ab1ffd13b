"""The public library surface: everything the CLI does, callable from a notebook.

>>> from partreg import api
>>> register = api.load_register("path/to/council-register")
>>> result = api.validate(register)
>>> result.errors, result.warnings
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from partreg.check.run import CheckResult, Selection, check_register
from partreg.compute.actions import ActionFact
from partreg.compute.listing import action_facts
from partreg.compute.status import PartnershipStatus, latest_year
from partreg.compute.status import statuses as _statuses
from partreg.errors import PartregError
from partreg.load.layout import find_root
from partreg.load.worktree import WorkTree
from partreg.load.yaml_reader import DEFAULT_LIMITS, Limits
from partreg.model.register import Register, build_register

__all__ = [
    "ActionFact",
    "CheckResult",
    "Limits",
    "PartnershipStatus",
    "Register",
    "Selection",
    "actions",
    "load_register",
    "report_year",
    "statuses",
    "validate",
]


def load_register(
    root: str | Path | None = None, *, limits: Limits = DEFAULT_LIMITS, on_file: Callable[[], None] | None = None
) -> Register:
    """Read and type every file of the register whose root is `root` (or found from the cwd)."""
    found = find_root(explicit=Path(root)) if root is not None else find_root()
    return build_register(found, WorkTree(found, limits.max_bytes).files(), limits, on_file)


def validate(register: Register, selection: Selection | None = None, today: date | None = None) -> CheckResult:
    """Every problem in the register on `today` (default: the real date), sorted by position."""
    return check_register(register, selection or Selection(), today or date.today())


def report_year(register: Register, year: int | None = None) -> int:
    """`year`, or the latest year with an assessment."""
    chosen = year if year is not None else latest_year(register)
    if chosen is None:
        raise PartregError("the register has no assessments, so there is no year to show", "give a year, e.g. 2023")
    return chosen


def statuses(register: Register, year: int | None = None) -> list[PartnershipStatus]:
    """Every partnership for a register year (default: the latest assessed), as the committee sees it."""
    return _statuses(register, report_year(register, year))


def actions(register: Register, today: date | None = None) -> list[ActionFact]:
    """Every action with whether it is overdue or due soon on `today` (default: the real date)."""
    return action_facts(register, today or date.today())
