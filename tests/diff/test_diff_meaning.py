"""`partreg diff` tells what a change means: status words, lists by meaning, the policy, dates, Git edge cases."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from partreg import api
from partreg.diff.changes import Change
from partreg.errors import PartregError
from partreg.output.changes import as_markdown
from partreg.render.markdown import escape_outside_code
from tests.support.cli import run_subprocess
from tests.support.diffing import TODAY, build_register, changes, edit
from tests.support.git import commit_all, git, make_repo
from tests.support.registers import RegisterDir

SAFER = "Safer Streets Board"
PLAN = "actions/safer-streets.yaml"
ACTION_1 = """  - id: "1"
    action: Agree a code of conduct
    owner: Head of Legal
    target: 2030-12-31
"""


def _action_1_status(repo: RegisterDir, status: str) -> None:
    """Set action safer-streets#1 (planned at v2023) to `status`, and commit."""
    text = (repo.root / "register" / PLAN).read_text(encoding="utf-8")
    block = text[text.index('  - id: "1"') : text.index('  - id: "2"')]
    written = ACTION_1 + (f"    status: {status}\n" if status != "planned" else "")
    written += "    completed: 2024-01-10\n" if status == "complete" else ""
    (repo.root / "register" / PLAN).write_text(text.replace(block, written), encoding="utf-8")
    commit_all(repo.root, f"Action 1 {status}")


def _action_texts(repo: RegisterDir, old: str = "HEAD~1") -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in changes(repo, old, "HEAD") if c.subject == "safer-streets#1"]


# --- 1. every status change of an action, in committee words ----------------------------------------


@pytest.mark.parametrize(
    ("steps", "told"),
    [
        (["in-progress"], ("action-started", "started (now in progress)")),
        (["complete", "cancelled"], ("action-cancelled", "cancelled (was complete)")),
        (["complete", "planned"], ("action-reopened", "reopened (was complete, now planned)")),
        (["cancelled", "in-progress"], ("action-reopened", "reopened (was cancelled, now in-progress)")),
        (["in-progress", "planned"], ("action-status-changed", "status in-progress → planned")),
        (["complete"], ("action-completed", "completed on 2024-01-10")),
    ],
)
def test_every_status_change_of_an_action_is_told(repo: RegisterDir, steps: list[str], told: tuple[str, str]) -> None:
    for status in steps:
        _action_1_status(repo, status)
    kind, words = told
    assert _action_texts(repo) == [(kind, f"{SAFER}: action safer-streets#1 {words}")]


def test_a_reopened_action_removes_its_completion_date_without_another_change(repo: RegisterDir) -> None:
    _action_1_status(repo, "complete")
    _action_1_status(repo, "planned")
    [change] = [c for c in changes(repo, "HEAD~1", "HEAD") if c.subject == "safer-streets#1"]
    assert (change.field, change.old, change.new) == ("status", "complete", "planned")


# --- 4. lists compared by meaning, records in lists by their natural key ----------------------------

LISTS = """\
partners: [Police, Fire Service, NHS]
tags: [safety, crime]
priorities: [Safer streets, Thriving town]
representatives:
  - {name: Cllr Ann Lee, role: member}
  - {name: J Officer, role: officer, position: Head of Community Safety}
"""

ASSESSMENT_LISTS = """\
performance:
  rating: green
  kpis:
    - {name: Crime, target: 100, actual: 90, higher_is_better: no}
    - {name: Response time, target: 10, actual: 8}
achievements: [New CCTV, Street wardens]
"""


def _lists(repo: RegisterDir) -> None:
    edit(repo, "partnerships/safer-streets.yaml", "lead_officer: A Smith\n", "lead_officer: A Smith\n" + LISTS)
    edit(repo, "assessments/2023/safer-streets.yaml", "performance:\n  rating: green\n", ASSESSMENT_LISTS)
    commit_all(repo.root, "Lists")


def _reordered(text: str) -> str:
    swaps = [
        ("[Police, Fire Service, NHS]", "[NHS, Police, Fire Service]"),
        ("[safety, crime]", "[crime, safety]"),
        ("[Safer streets, Thriving town]", "[Thriving town, Safer streets]"),
        ("[New CCTV, Street wardens]", "[Street wardens, New CCTV]"),
    ]
    for old, new in swaps:
        text = text.replace(old, new)
    lines = text.splitlines(keepends=True)
    for first in ("  - {name: Cllr Ann Lee", "    - {name: Crime"):
        index = next((i for i, line in enumerate(lines) if line.startswith(first)), None)
        if index is not None:
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
    return "".join(lines)


def test_reordering_lists_is_no_change(repo: RegisterDir) -> None:
    _lists(repo)
    for relative in ("partnerships/safer-streets.yaml", "assessments/2023/safer-streets.yaml"):
        path = repo.root / "register" / relative
        path.write_text(_reordered(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert git(repo.root, "status", "--porcelain") != ""
    assert changes(repo) == []


def test_a_kpi_is_matched_by_name_and_its_field_told(repo: RegisterDir) -> None:
    _lists(repo)
    edit(repo, "assessments/2023/safer-streets.yaml", "target: 100, actual: 90", "target: 100, actual: 120")
    [change] = [c for c in changes(repo) if c.kind == "field-changed"]
    assert change == Change(
        "field-changed", "2023/safer-streets", f"{SAFER} (2023)",
        f"{SAFER} (2023): KPI Crime: actual 90 → 120", "performance.kpis[Crime].actual", 90, 120,
    )  # fmt: skip


def test_representatives_and_text_lists_tell_items_added_removed_and_changed(repo: RegisterDir) -> None:
    _lists(repo)
    edit(
        repo,
        "partnerships/safer-streets.yaml",
        "{name: Cllr Ann Lee, role: member}",
        "{name: Cllr Ann Lee, role: officer}",
    )
    edit(repo, "partnerships/safer-streets.yaml", "[Police, Fire Service, NHS]", "[Police, Probation, NHS]")
    texts = [(c.field, c.text) for c in changes(repo)]
    assert texts == [
        ("partners", f"{SAFER}: partners added Probation; removed Fire Service"),
        ("representatives[Cllr Ann Lee].role", f"{SAFER}: representative Cllr Ann Lee: role member → officer"),
    ]


def test_booleans_read_yes_and_no_and_nothing_is_a_python_repr(repo: RegisterDir) -> None:
    _lists(repo)
    edit(
        repo,
        "partnerships/safer-streets.yaml",
        "lead_officer: A Smith\n",
        "lead_officer: A Smith\ndocuments:\n  business_case: {held: no}\n",
    )
    edit(repo, "assessments/2023/safer-streets.yaml", "    - {name: Response time, target: 10, actual: 8}\n", "")
    texts = [c.text for c in changes(repo) if c.kind == "field-changed"]
    assert f"{SAFER}: documents.business_case.held (none) → no" in texts
    assert f"{SAFER} (2023): KPI Response time removed" in texts
    assert not any(mark in text for text in texts for mark in ("{", "'", "True", "False"))


# --- 6. a file that cannot be read is not added or removed ------------------------------------------


def test_a_partnership_with_a_yaml_syntax_error_is_not_removed_nor_added_when_fixed(repo: RegisterDir) -> None:
    path = repo.root / "register/partnerships/safer-streets.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good + "  bad: : :\n", encoding="utf-8")
    assert [c.kind for c in changes(repo)] == ["finding-introduced"]
    commit_all(repo.root, "Broken")
    path.write_text(good, encoding="utf-8")
    assert [c.kind for c in changes(repo)] == ["finding-fixed"]


def test_an_assessment_and_a_plan_that_cannot_be_read_remove_nothing(repo: RegisterDir) -> None:
    for relative in ("assessments/2023/safer-streets.yaml", PLAN):
        path = repo.root / "register" / relative
        path.write_text(path.read_text(encoding="utf-8") + "  bad: : :\n", encoding="utf-8")
    # Only the Y001s: the unread plan's overdue warnings are out of sight, not fixed.
    assert {c.kind for c in changes(repo)} == {"finding-introduced"}


# --- 7. the Markdown comment stays one bullet per change, and mentions nobody ----------------------


def test_multi_line_text_and_mentions_stay_inert_in_markdown(repo: RegisterDir) -> None:
    purpose = "purpose: |\n  Line one\n\n  # Injected heading\n  - fake bullet\n  cc @council-team\n"
    edit(repo, "partnerships/safer-streets.yaml", "lead_officer: A Smith\n", "lead_officer: A Smith\n" + purpose)
    text = as_markdown(api.diff(repo.root, today=TODAY))
    lines = text.splitlines()
    assert [line for line in lines if line.startswith("#")] == ["### Fields changed"]
    assert [line for line in lines if line.startswith("- ")] == [
        f"- {SAFER}: purpose (none) → Line one # Injected heading - fake bullet cc @\u200bcouncil-team"
    ]
    assert "@council-team" not in text


def test_a_mention_in_a_code_span_is_left_as_written() -> None:
    # GitHub never links a mention inside a code span, and a zero-width space there would show.
    assert escape_outside_code("`a@b` cc @team *x*", mentions=False) == "`a@b` cc @\u200bteam \\*x\\*"


# --- 8. policy settings are changes of their own ----------------------------------------------------


def test_policy_settings_are_told_old_to_new(repo: RegisterDir) -> None:
    repo.write("policy.yaml", "council: Middlesbrough Council\n")
    commit_all(repo.root, "Name the council")
    repo.write("policy.yaml", "council: Middlesbrough Borough Council\nrisk:\n  high_at: 16\n")
    result = api.diff(repo.root, today=TODAY)
    assert [(c.kind, c.subject, c.field, c.old, c.new, c.text) for c in result.sorted()] == [
        ("policy-changed", "policy", "council", "Middlesbrough Council", "Middlesbrough Borough Council",
         "Policy: council Middlesbrough Council → Middlesbrough Borough Council"),
        ("policy-changed", "policy", "risk.high_at", 15, 16, "Policy: risk.high_at 15 → 16"),
    ]  # fmt: skip
    assert result.summary == "2 policy settings changed."


def test_principles_are_matched_by_id(repo: RegisterDir) -> None:
    repo.write("policy.yaml", "principles:\n  - {id: A, title: Integrity}\n  - {id: B, title: Openness}\n")
    commit_all(repo.root, "Two principles")
    repo.write("policy.yaml", "principles:\n  - {id: B, title: Openness}\n  - {id: A, title: Integrity and ethics}\n")
    assert [c.text for c in changes(repo) if c.kind == "policy-changed"] == [
        "Policy: principle A: title Integrity → Integrity and ethics"
    ]


# --- 5. two commits are judged on their own dates, not on the real date -----------------------------


def test_two_commits_are_judged_on_the_new_commits_date(repo: RegisterDir) -> None:
    # Action 2's target (2024-03-31) moves to 2024-06-30 in a commit of 2024-02-01: not overdue then.
    edit(repo, PLAN, "target: 2024-03-31", "target: 2024-06-30")
    commit_all(repo.root, "Move action 2 out", when="2024-02-01")
    git(repo.root, "tag", "v2024-02")
    result = api.diff(repo.root, "v2023", "v2024-02")  # no `today`: the real date is years later
    assert [c.kind for c in result.sorted()] == ["action-retargeted"]
    assert result == api.diff(repo.root, "v2023", "v2024-02", today=date(2024, 2, 1))
    # --today still decides when given.
    assert "action-newly-overdue" in {c.kind for c in changes(repo, "v2023", "v2024-02", today=date(2024, 7, 1))}


# --- 10. the work tree need not have a register/ folder to read revisions ---------------------------


def test_revisions_are_read_when_the_work_tree_has_no_register_folder(repo: RegisterDir) -> None:
    edit(repo, "partnerships/heritage-forum.yaml", "lead_officer: C Brown", "lead_officer: D Green")
    commit_all(repo.root, "New officer")
    shutil.rmtree(repo.root / "register")
    ran = run_subprocess("diff", "v2023", "HEAD", "--today", "2024-02-01", "--format", "json", cwd=repo.root)
    assert ran.exit_code == 0, ran.stderr
    assert [c["kind"] for c in json.loads(ran.stdout)["changes"]] == ["field-changed"]
    ran = run_subprocess("diff", "--today", "2024-02-01", "--format", "json", cwd=repo.root)
    assert ran.exit_code == 0, ran.stderr
    assert json.loads(ran.stdout)["counts"]["partnership-removed"] == 3
    ran = run_subprocess("status", "--as-of", "v2023", "--format", "json", cwd=repo.root)
    assert ran.exit_code == 0, ran.stderr


def test_the_register_is_found_in_a_subfolder_at_the_revision(tmp_path: Path) -> None:
    top = tmp_path / "repo"
    build_register(top / "councils" / "ours")
    shutil.rmtree(top / "councils" / "ours" / "register")
    ran = run_subprocess("diff", "HEAD", "--today", "2024-02-01", "--format", "json", cwd=top / "councils" / "ours")
    assert ran.exit_code == 0, ran.stderr
    assert json.loads(ran.stdout)["counts"]["partnership-removed"] == 3


# --- 14. no commits: one message everywhere --------------------------------------------------------


def test_with_no_commits_diff_says_so(tmp_path: Path) -> None:
    reg = RegisterDir(tmp_path).valid()
    make_repo(reg.root)
    with pytest.raises(PartregError, match=r"^the repository has no commits yet$"):
        api.diff(reg.root)
    ran = run_subprocess("diff", cwd=reg.root)
    assert ran.exit_code == 2
    assert ran.stderr.splitlines()[0] == "partreg: error: the repository has no commits yet"


def test_a_report_appendix_since_a_tag_judges_the_revision_on_its_date(repo: RegisterDir) -> None:
    edit(repo, PLAN, "target: 2024-03-31", "target: 2024-06-30")
    commit_all(repo.root, "Move action 2 out", when="2024-02-01")
    git(repo.root, "tag", "v2024-02")
    register = api.load_register(repo.root, revision="v2024-02")
    text = api.report(register, output_format="md", since="v2023").decode("utf-8")
    assert "re-targeted" in text
    assert "newly overdue" not in text.lower()
