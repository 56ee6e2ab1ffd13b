from __future__ import annotations

from tests.support.checking import found
from tests.support.registers import RegisterDir

PLAN = """\
id: safer-streets
partnership: safer-streets
actions:
  - id: a
    action: Review the terms of reference
    owner: Head of Governance
{fields}
"""


def _plan(reg: RegisterDir, fields: str) -> None:
    reg.valid()
    reg.plan(text=PLAN.format(fields=fields))


def test_a001_duplicate_action_id(reg: RegisterDir) -> None:
    _plan(reg, "    target: 2030-01-01\n  - id: a\n    action: Again\n    owner: X\n    target: ongoing")
    assert found(reg, "A001") == [("register/actions/safer-streets.yaml", 8, 9)]


def test_a001_quiet_for_distinct_ids(reg: RegisterDir) -> None:
    _plan(reg, "    target: 2030-01-01\n  - id: b\n    action: Again\n    owner: X\n    target: ongoing")
    assert found(reg, "A001") == []


def test_a002_complete_needs_completed_date(reg: RegisterDir) -> None:
    _plan(reg, "    target: 2023-01-01\n    status: complete")
    assert found(reg, "A002") == [("register/actions/safer-streets.yaml", 8, 13)]


def test_a002_quiet_with_completed_date(reg: RegisterDir) -> None:
    _plan(reg, "    target: 2023-01-01\n    status: Complete\n    completed: 2023-01-02")
    assert found(reg, "A002") == []


def test_a003_target_before_start(reg: RegisterDir) -> None:
    # Milton Keynes 2009: tasks that finish before they start.
    _plan(reg, "    start: 2009-06-01\n    target: 2009-05-01")
    assert found(reg, "A003") == [("register/actions/safer-streets.yaml", 8, 13)]


def test_a003_completed_before_raised(reg: RegisterDir) -> None:
    _plan(reg, "    raised: 2023-06-01\n    target: 2023-07-01\n    status: complete\n    completed: 2023-05-01")
    assert found(reg, "A003") == [("register/actions/safer-streets.yaml", 10, 16)]


def test_a003_quiet_when_dates_in_order_or_ongoing(reg: RegisterDir) -> None:
    _plan(reg, "    raised: 2023-01-01\n    start: 2023-02-01\n    target: ongoing")
    assert found(reg, "A003") == []


def test_a004_overdue_action(reg: RegisterDir) -> None:
    _plan(reg, "    target: 2024-05-31\n    status: in-progress")
    assert found(reg, "A004") == [("register/actions/safer-streets.yaml", 7, 13)]


def test_a004_quiet_when_due_today_complete_cancelled_or_ongoing(reg: RegisterDir) -> None:
    _plan(
        reg,
        "    target: 2024-06-01\n"
        "  - {id: b, action: B, owner: X, target: 2020-01-01, status: complete, completed: 2020-01-01}\n"
        "  - {id: c, action: C, owner: X, target: 2020-01-01, status: cancelled}\n"
        "  - {id: d, action: D, owner: X, target: ongoing}",
    )
    assert found(reg, "A004") == []


def test_a005_overdue_without_update_since_target(reg: RegisterDir) -> None:
    _plan(reg, "    target: 2024-03-31\n    updates:\n      - {date: 2024-03-01, text: Drafted}")
    assert found(reg, "A005") == [("register/actions/safer-streets.yaml", 7, 13)]


def test_a005_quiet_with_update_on_or_after_target(reg: RegisterDir) -> None:
    _plan(reg, "    target: 2024-03-31\n    updates:\n      - {date: 2024-03-31, text: Delayed to July}")
    assert found(reg, "A005") == []
    assert found(reg, "A004") == [("register/actions/safer-streets.yaml", 7, 13)]
