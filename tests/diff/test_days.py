"""The day each side of `partreg diff` is judged on: two commits on their own dates, the work tree
and its HEAD on one day, and a committee paper's appendix on the old paper's date."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from partreg import api
from tests.support.cli import invoke
from tests.support.diffing import PLAN, edit
from tests.support.git import commit_all
from tests.support.registers import RegisterDir

PLAN_FILE = "actions/safer-streets.yaml"
# Action safer-streets#2 (target 2024-03-31) is not overdue when v2023 is tagged (2024-01-15), but is by then.
AFTER_ITS_TARGET = "2024-06-01"


def _kinds(repo: RegisterDir, *args: str) -> list[str]:
    ran = invoke("diff", "--root", str(repo.root), "--format", "json", *args)
    assert ran.exit_code == 0, ran.stderr
    document: dict[str, Any] = json.loads(ran.stdout)
    return [change["kind"] for change in document["changes"]]


def test_two_commits_without_today_are_judged_on_their_commit_dates(repo: RegisterDir) -> None:
    edit(repo, PLAN_FILE, "owner: Head of Legal", "owner: Monitoring Officer")
    commit_all(repo.root, "New owner for action 1", when="2024-02-01")
    # On the real date (years later) action 2 would be newly overdue; on HEAD's date, 2024-02-01, it is not.
    assert _kinds(repo, "v2023", "HEAD") == ["field-changed"]
    assert _kinds(repo, "v2023..HEAD") == ["field-changed"]
    # --today still decides the new side's day when given.
    assert _kinds(repo, "v2023", "HEAD", "--today", AFTER_ITS_TARGET) == ["field-changed", "action-newly-overdue"]


def test_a_formatting_only_change_to_the_work_tree_changes_nothing(repo: RegisterDir) -> None:
    # The same plan, written otherwise: a comment, other quoting, flow style for the update.
    written = PLAN.replace('id: "2"', "id: '2'").replace("title:", "# Reviewed in January.\ntitle:")
    (repo.root / "register" / PLAN_FILE).write_text(written, encoding="utf-8")
    assert _kinds(repo, "--today", AFTER_ITS_TARGET) == []
    assert _kinds(repo) == []  # on the real date, too: time moved both sides alike
    ran = invoke("diff", "--root", str(repo.root), "--today", AFTER_ITS_TARGET)
    assert ran.stdout.splitlines()[0].endswith("→ work tree: No changes to the register.")


def test_a_real_change_to_the_work_tree_is_told_as_on_one_day(repo: RegisterDir) -> None:
    edit(repo, PLAN_FILE, "target: 2024-03-31", "target: 2024-04-30")
    # Overdue on both sides on that day: re-targeted, not newly overdue.
    assert _kinds(repo, "--today", AFTER_ITS_TARGET) == ["action-retargeted"]
    # Moved to a date still to come on that day, the action is no longer overdue: its finding is fixed.
    edit(repo, PLAN_FILE, "target: 2024-04-30", "target: 2024-12-31")
    assert _kinds(repo, "--today", AFTER_ITS_TARGET) == ["action-retargeted", "finding-fixed", "finding-fixed"]


def test_a_report_appendix_tells_what_became_overdue_since_the_last_paper(repo: RegisterDir) -> None:
    edit(repo, PLAN_FILE, "owner: Head of Legal", "owner: Monitoring Officer")
    register = api.load_register(repo.root)  # the work tree
    paper = api.report(register, output_format="md", since="v2023", today=date.fromisoformat(AFTER_ITS_TARGET))
    # The old paper's side is judged on its own date (2024-01-15), when action 2 was not yet overdue.
    assert "action safer-streets#2 is now overdue" in paper.decode("utf-8")
