"""A partnership whose id changes takes its assessments, plans and problems with it: `diff` and `log`
tell one rename, not records added and removed."""

from __future__ import annotations

from partreg.diff.history import partnership_history
from tests.support.diffing import TODAY, changes
from tests.support.git import commit_all, git
from tests.support.registers import RegisterDir

OLD, NEW = "safer-streets", "safer-streets-board"
SAFER = "Safer Streets Board"
# A plan with a name of its own, naming the partnership inside.
AUDIT_PLAN = f"""\
id: audit-follow-up
partnership: {OLD}
actions:
  - id: a
    action: Write a risk register
    owner: Head of Audit
    target: 2030-06-30
"""


def _rename(repo: RegisterDir) -> None:
    """Give the partnership a second plan; then, in one commit, move every file of the partnership to the
    new id and write the new id inside each."""
    repo.write("actions/audit-follow-up.yaml", AUDIT_PLAN)
    commit_all(repo.root, "Audit follow-up for Safer Streets")
    for old_path, new_path in (
        (f"partnerships/{OLD}.yaml", f"partnerships/{NEW}.yaml"),
        (f"assessments/2023/{OLD}.yaml", f"assessments/2023/{NEW}.yaml"),
        (f"actions/{OLD}.yaml", f"actions/{NEW}.yaml"),
    ):
        git(repo.root, "mv", f"register/{old_path}", f"register/{new_path}")
        path = repo.root / "register" / new_path
        text = path.read_text(encoding="utf-8")
        text = text.replace(f"id: {OLD}\n", f"id: {NEW}\n").replace(f"partnership: {OLD}\n", f"partnership: {NEW}\n")
        path.write_text(text, encoding="utf-8")
    repo.write("actions/audit-follow-up.yaml", AUDIT_PLAN.replace(f"partnership: {OLD}", f"partnership: {NEW}"))
    commit_all(repo.root, "Safer Streets gets its full name as its id", when="2024-01-20")


def test_a_rename_moves_the_assessments_plans_and_problems(repo: RegisterDir) -> None:
    _rename(repo)
    # Action 3 is overdue on both sides (A004, A005 on the plan's file, under the old or the new id): no finding.
    assert [(c.kind, c.text) for c in changes(repo, "HEAD~1", "HEAD")] == [
        ("partnership-renamed", f"{SAFER}: id {OLD} → {NEW}"),
    ]


def test_the_log_of_the_rename_commit_tells_only_the_rename(repo: RegisterDir) -> None:
    _rename(repo)
    entries = partnership_history(repo.root, NEW, today=TODAY)
    assert [change.text for change in entries[0].changes] == [f"{SAFER}: id {OLD} → {NEW}"]
    # Before it, the history goes on under the old id: there the records were added.
    assert [entry.commit.subject for entry in entries[1:]] == ["Audit follow-up for Safer Streets", "Register for 2023"]
    assert {change.kind for change in entries[2].changes} >= {"assessment-added", "action-added"}
