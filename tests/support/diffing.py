"""The register `partreg diff` tests compare: three partnerships, two 2023 assessments and a plan,
committed and tagged `v2023` in a real Git repository, and helpers to edit and compare it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from partreg.diff.changes import Change
from partreg.diff.revisions import diff_revisions
from tests.support.git import commit_all, git, make_repo
from tests.support.registers import RegisterDir

# The helper commits everything on 2024-01-15 (tests/support/git.py), so that is when v2023 was current.
TODAY = date(2024, 2, 1)

SAFER_STREETS = """\
id: safer-streets
name: Safer Streets Board
statutory: yes
significant: yes
lead_officer: A Smith
resources:
  officer_hours_per_month: 10
  financial_contribution: "£8,000"
"""

TEES_VALLEY = """\
id: tees-valley
name: Tees Valley Combined Authority
statutory: yes
significant: yes
lead_officer: B Jones
"""

HERITAGE_FORUM = """\
id: heritage-forum
name: Heritage Forum
statutory: no
significant: no
lead_officer: C Brown
"""

SAFER_2023 = """\
partnership: safer-streets
year: 2023
assessed_on: 2023-11-30
principles:
  A: {rating: green}
  B: {rating: green}
governance:
  rating: green
performance:
  rating: green
"""

TEES_2023 = """\
partnership: tees-valley
year: 2023
assessed_on: 2023-11-30
governance:
  rating: green
performance:
  rating: green
"""

# Action 3 was already overdue when v2023 was tagged, so A004 and A005 hold on both sides of every diff.
PLAN = """\
id: safer-streets
partnership: safer-streets
title: Safer Streets improvement plan
actions:
  - id: "1"
    action: Agree a code of conduct
    owner: Head of Legal
    target: 2030-12-31
  - id: "2"
    action: Review the terms of reference
    owner: Head of Policy
    target: 2024-03-31
    status: in-progress
    updates:
      - {date: 2023-12-01, text: Draft circulated}
  - id: "3"
    action: Publish the risk register
    owner: Head of Risk
    target: 2023-12-31
    status: in-progress
"""


def build_register(root: Path) -> RegisterDir:
    """Three partnerships, two 2023 assessments and one action plan, committed and tagged `v2023`."""
    reg = RegisterDir(root)
    make_repo(root)
    reg.partnership("safer-streets", SAFER_STREETS)
    reg.partnership("tees-valley", TEES_VALLEY)
    reg.partnership("heritage-forum", HERITAGE_FORUM)
    reg.assessment("safer-streets", 2023, SAFER_2023)
    reg.assessment("tees-valley", 2023, TEES_2023)
    reg.plan("safer-streets", PLAN)
    commit_all(root, "Register for 2023")
    git(root, "tag", "v2023")
    return reg


def edit(reg: RegisterDir, relative: str, old: str, new: str) -> None:
    """Replace `old` (which must be there, once) with `new` in register/<relative>."""
    path = reg.root / "register" / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {relative} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def short(reg: RegisterDir, revision: str) -> str:
    return git(reg.root, "rev-parse", "--short", revision)


def changes(reg: RegisterDir, old: str | None = None, new: str | None = None, today: date = TODAY) -> list[Change]:
    return diff_revisions(reg.root, old, new, today=today).sorted()
