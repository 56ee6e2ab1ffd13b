"""`partreg log ID` across renames, merges and action changes, on real Git repositories."""

from __future__ import annotations

from datetime import date

import pytest

from partreg.diff.history import partnership_history
from partreg.errors import PartregError
from tests.support.cli import invoke
from tests.support.git import commit_all, git, make_repo
from tests.support.registers import PARTNERSHIP, RegisterDir

TODAY = date(2024, 1, 31)
# Not significant, so no assessment is due and no finding comes with the changes.
MINOR = PARTNERSHIP.replace("significant: yes", "significant: no")
OLD, NEW = "tees-valley-combined-authority", "tvca"
NAME = "Tees Valley Combined Authority"
PLAN = """\
id: {id}
partnership: {partnership}
actions:
  - id: "1"
    action: Agree a code of conduct
    owner: Head of Legal
    target: 2030-12-31
    status: {status}
"""


def _renamed(reg: RegisterDir) -> RegisterDir:
    """TVCA added, its lead officer changed, then its id changed from the long one to `tvca`."""
    make_repo(reg.root)
    reg.partnership(OLD, text=MINOR.format(id=OLD, name=NAME))
    commit_all(reg.root, "Add TVCA", author="Alice Clerk", when="2023-01-10")
    reg.partnership(OLD, text=MINOR.format(id=OLD, name=NAME).replace("A Smith", "B Jones"))
    commit_all(reg.root, "New lead officer", author="Bob Officer", when="2023-02-01")
    (reg.root / f"register/partnerships/{OLD}.yaml").unlink()
    reg.partnership(NEW, text=MINOR.format(id=NEW, name=NAME).replace("A Smith", "B Jones"))
    commit_all(reg.root, "Shorter id for TVCA", author="Carol Clerk", when="2023-03-01")
    return reg


def _told(reg: RegisterDir, partnership_id: str, field: str | None = None) -> list[tuple[str, list[str]]]:
    entries = partnership_history(reg.root, partnership_id, field, today=TODAY)
    return [(entry.commit.author, [change.text for change in entry.changes]) for entry in entries]


def test_the_new_id_goes_on_into_the_old_ids_history(reg: RegisterDir) -> None:
    assert _told(_renamed(reg), NEW) == [
        ("Carol Clerk", [f"{NAME}: id {OLD} → {NEW}"]),
        ("Bob Officer", [f"{NAME}: lead_officer A Smith → B Jones"]),
        ("Alice Clerk", [f"{NAME} added to the register"]),
    ]


def test_the_old_id_names_the_new_one_rather_than_removed(reg: RegisterDir) -> None:
    told = _told(_renamed(reg), OLD)
    assert told[0] == ("Carol Clerk", [f"{NAME}: id {OLD} → {NEW}"])
    assert not any("removed" in text for _, texts in told for text in texts)


def test_a_merge_commit_does_not_repeat_the_branch(reg: RegisterDir) -> None:
    make_repo(reg.root)
    reg.partnership(NEW, text=MINOR.format(id=NEW, name=NAME))
    commit_all(reg.root, "Add TVCA", author="Alice Clerk", when="2023-01-10")
    git(reg.root, "checkout", "-q", "-b", "feature")
    reg.partnership(NEW, text=MINOR.format(id=NEW, name=NAME).replace("A Smith", "B Jones"))
    commit_all(reg.root, "New lead officer", author="Bob Officer", when="2023-02-01")
    git(reg.root, "checkout", "-q", "main")
    # Main moves on in a file that could be TVCA's (any plan can name it), so the merge differs from both parents.
    reg.plan("other", PLAN.format(id="other", partnership="other", status="planned"))
    commit_all(reg.root, "Another plan", author="Alice Clerk", when="2023-02-02")
    git(reg.root, "merge", "-q", "--no-ff", "-m", "Merge feature", "feature")
    assert len(git(reg.root, "rev-parse", "HEAD^@").split()) == 2
    assert [author for author, _ in _told(reg, NEW)] == ["Bob Officer", "Alice Clerk"]


def test_field_actions_keeps_action_changes(reg: RegisterDir) -> None:
    make_repo(reg.root)
    reg.partnership(NEW, text=MINOR.format(id=NEW, name=NAME))
    reg.plan("tvca-audit", PLAN.format(id="tvca-audit", partnership=NEW, status="planned"))
    commit_all(reg.root, "Add TVCA", author="Alice Clerk", when="2023-01-10")
    reg.plan("tvca-audit", PLAN.format(id="tvca-audit", partnership=NEW, status="cancelled"))
    reg.partnership(NEW, text=MINOR.format(id=NEW, name=NAME).replace("A Smith", "B Jones"))
    commit_all(reg.root, "Audit action dropped; new lead officer", author="Bob Officer", when="2023-02-01")
    assert _told(reg, NEW, "actions") == [
        ("Bob Officer", [f"{NAME}: action tvca-audit#1 cancelled (was planned)"]),
        ("Alice Clerk", [f"{NAME}: action tvca-audit#1 added: Agree a code of conduct (target 2030-12-31)"]),
    ]


@pytest.mark.parametrize(("field", "suggestion"), [("goverance", "governance"), ("actoins", "actions")])
def test_a_field_that_is_no_field_cannot_run(reg: RegisterDir, field: str, suggestion: str) -> None:
    _renamed(reg)
    with pytest.raises(PartregError, match=f"`{field}` is not a field"):
        partnership_history(reg.root, NEW, field, today=TODAY)
    ran = invoke("log", NEW, "--root", str(reg.root), "--field", field)
    assert ran.exit_code == 2
    assert ran.stderr.splitlines() == [
        f"partreg: error: --field: `{field}` is not a field of the register",
        f"  hint: did you mean `{suggestion}`?",
    ]


@pytest.mark.parametrize("field", ["resources.financial_contribution", "performance.kpis", "principles.A", "status"])
def test_nested_fields_are_fields(reg: RegisterDir, field: str) -> None:
    assert partnership_history(_renamed(reg).root, NEW, field, today=TODAY) == []


def test_mentions_in_markdown_notify_nobody(reg: RegisterDir) -> None:
    make_repo(reg.root)
    reg.partnership(NEW, text=MINOR.format(id=NEW, name="Board @council-team"))
    commit_all(reg.root, "Add it for @someone", author="Alice Clerk", when="2023-01-10")
    ran = invoke("log", NEW, "--root", str(reg.root), "--format", "md")
    assert ran.exit_code == 0, ran.stderr
    assert "@council-team" not in ran.stdout and "@someone" not in ran.stdout
    assert "@\u200bcouncil-team" in ran.stdout and "@\u200bsomeone" in ran.stdout


def test_with_no_commits_log_says_so(reg: RegisterDir) -> None:
    make_repo(reg.valid().root)
    with pytest.raises(PartregError, match=r"^the repository has no commits yet$"):
        partnership_history(reg.root, "safer-streets", today=TODAY)
