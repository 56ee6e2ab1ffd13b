"""Problems introduced or fixed: a problem still there is neither, whatever dates its message now
holds, and a problem in a file that can no longer be read is not fixed."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from partreg.diff.changes import Change
from tests.support.cli import invoke
from tests.support.diffing import SAFER_2023, changes, edit
from tests.support.git import commit_all
from tests.support.registers import RegisterDir

PLAN_FILE = "actions/safer-streets.yaml"
# By then the 2023 assessments (2023-11-30) are more than 12 months old: V002 for both significant partnerships.
STALE = date(2025, 6, 1)


def _findings(told: list[Change]) -> list[tuple[str, str, str]]:
    return [(c.kind, c.subject, c.field or "") for c in told if c.kind.startswith("finding-")]


def test_an_action_still_overdue_after_re_targeting_is_neither_fixed_nor_new(repo: RegisterDir) -> None:
    # Action 3 was due 2023-12-31; moved to 2024-01-31 it is still overdue on 1 February (A004 and A005).
    edit(repo, PLAN_FILE, "target: 2023-12-31", "target: 2024-01-31")
    commit_all(repo.root, "Action 3 re-targeted", when="2024-02-01")
    told = changes(repo, "v2023", "HEAD")
    assert [c.kind for c in told] == ["action-retargeted"]


def test_an_assessment_still_too_old_is_neither_fixed_nor_new(repo: RegisterDir) -> None:
    # A 2024 assessment dated 2024-01-20 is itself more than 12 months old by mid-2025: V002 stays.
    repo.assessment("safer-streets", 2024, SAFER_2023.replace("2023", "2024").replace("2024-11-30", "2024-01-20"))
    assert _findings(changes(repo, today=STALE)) == []


def test_one_of_two_alike_findings_fixed_is_told_for_its_own_action(repo: RegisterDir) -> None:
    # On STALE actions 2 and 3 are both overdue; completing action 3 fixes its findings only.
    done = "target: 2023-12-31\n    status: complete\n    completed: 2024-02-10"
    edit(repo, PLAN_FILE, "target: 2023-12-31\n    status: in-progress", done)
    told = changes(repo, today=STALE)
    fixed = [c.text for c in told if c.kind == "finding-fixed"]
    assert fixed == [
        "register/actions/safer-streets.yaml: A004 fixed: action `safer-streets#3` was due on 2023-12-31 "
        "and is in-progress",
        "register/actions/safer-streets.yaml: A005 fixed: action `safer-streets#3` is overdue with no updates",
    ]
    assert "finding-introduced" not in {c.kind for c in told}


def test_a_file_that_can_no_longer_be_read_fixes_nothing(repo: RegisterDir) -> None:
    edit(repo, "partnerships/safer-streets.yaml", "statutory: yes", "statutory: maybe")
    ran = invoke("diff", "--root", str(repo.root), "--today", STALE.isoformat(), "--format", "json")
    assert ran.exit_code == 0, ran.stderr
    document: dict[str, Any] = json.loads(ran.stdout)
    # Its V002 is only out of sight: the file's own problem is told, and nothing is fixed.
    assert document["counts"] == {"finding-introduced": 1}
    [introduced] = document["changes"]
    assert (introduced["subject"], introduced["new"]) == (
        "register/partnerships/safer-streets.yaml",
        "`statutory`: `maybe` is not yes or no",
    )
