"""The public library surface: everything the CLI does, callable from a notebook.

>>> from partreg import api
>>> register = api.load_register("path/to/council-register")
>>> result = api.validate(register)
>>> result.errors, result.warnings
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from partreg.check.run import CheckResult, Selection, check_register
from partreg.load.layout import find_root
from partreg.load.worktree import WorkTree
from partreg.load.yaml_reader import DEFAULT_LIMITS, Limits
from partreg.model.register import Register, build_register

__all__ = ["CheckResult", "Limits", "Register", "Selection", "load_register", "validate"]


def load_register(
    root: str | Path | None = None, *, limits: Limits = DEFAULT_LIMITS, on_file: Callable[[], None] | None = None
) -> Register:
    """Read and type every file of the register whose root is `root` (or found from the cwd)."""
    found = find_root(explicit=Path(root)) if root is not None else find_root()
    return build_register(found, WorkTree(found, limits.max_bytes).files(), limits, on_file)


def validate(register: Register, selection: Selection | None = None) -> CheckResult:
    """Every problem in the register, sorted by path, line and column."""
    return check_register(register, selection or Selection())
