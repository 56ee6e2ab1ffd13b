"""`partreg log ID`: one partnership's history across real commits by different authors."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from partreg.diff.history import HistoryEntry, partnership_history
from partreg.errors import PartregError
from tests.support.cli import invoke
from tests.support.git import commit_all, make_repo
from tests.support.registers import PARTNERSHIP, RegisterDir

TVCA = "tees-valley-combined-authority"
TODAY = date(2024, 1, 31)

ASSESSMENT = """\
partnership: tees-valley-combined-authority
year: 2023
governance:
  rating: {rating}
{reason}performance:
  rating: green
{issue}"""

PLAN = """\
id: tees-valley-combined-authority
partnership: tees-valley-combined-authority
actions:
  - id: "1"
    action: Agree a code of conduct
    owner: Director of Legal and Governance Services
    target: 2030-12-31
{status}"""

AUDIT_PLAN = """\
id: tvca-audit
partnership: tees-valley-combined-authority
title: Internal audit follow-up
actions:
  - id: a
    action: Write a risk register
    owner: Head of Audit
    target: 2030-06-30
"""

OTHER_PLAN = """\
id: community-safety
partnership: safer-streets
actions:
  - id: a
    action: Publish the board's minutes
    owner: Head of Community Safety
    target: 2030-06-30
"""


def _assessment(rating: str, reason: str | None = None, issue: str | None = None) -> str:
    return ASSESSMENT.format(
        rating=rating,
        reason=f"  reason: {reason}\n" if reason else "",
        issue=f"issue: {issue}\n" if issue else "",
    )


@pytest.fixture
def history_repo(reg: RegisterDir) -> RegisterDir:
    """Six commits: TVCA added, rated amber, another partnership edited, an action completed,
    TVCA dissolved, and a differently named TVCA plan added."""
    make_repo(reg.root)
    reg.partnership(TVCA, name="Tees Valley Combined Authority (TVCA)")
    reg.write(f"assessments/2023/{TVCA}.yaml", _assessment("green"))
    reg.write(f"actions/{TVCA}.yaml", PLAN.format(status=""))
    reg.partnership("safer-streets")
    commit_all(reg.root, "Add the 2023 register", author="Alice Clerk", when="2023-01-10")

    reason = "Internal audit found no risk register"
    issue = "No risk register in place"
    reg.write(f"assessments/2023/{TVCA}.yaml", _assessment("amber", reason=reason, issue=issue))
    commit_all(reg.root, "Lower TVCA governance after the audit", author="Bob Auditor", when="2023-03-01")

    reg.partnership("safer-streets", text=PARTNERSHIP.format(id="safer-streets", name="Safer Streets").replace(
        "A Smith", "B Jones"))  # fmt: skip
    reg.write("actions/community-safety.yaml", OTHER_PLAN)
    commit_all(reg.root, "New lead officer for Safer Streets", author="Carol Officer", when="2023-04-01")

    reg.write(f"actions/{TVCA}.yaml", PLAN.format(status="    status: complete\n    completed: 2023-05-01\n"))
    commit_all(reg.root, "TVCA code of conduct agreed", author="Carol Officer", when="2023-05-02")

    text = PARTNERSHIP.format(id=TVCA, name="Tees Valley Combined Authority (TVCA)") + "status: dissolved\n"
    reg.partnership(TVCA, text=text)
    commit_all(reg.root, "[bold]TVCA[/bold] wound up", author="Dan Director", when="2023-06-01")

    reg.write("actions/tvca-audit.yaml", AUDIT_PLAN)
    commit_all(reg.root, "Audit follow-up plan for TVCA", author="Eve Auditor", when="2023-07-01")
    return reg


def _history(reg: RegisterDir, field: str | None = None) -> list[HistoryEntry]:
    return partnership_history(reg.root, TVCA, field, today=TODAY)


def test_history_is_newest_first_with_who_and_why(history_repo: RegisterDir) -> None:
    entries = _history(history_repo)
    rows = [(e.commit.author, e.commit.date[:10], e.commit.subject) for e in entries]
    assert rows == [
        ("Eve Auditor", "2023-07-01", "Audit follow-up plan for TVCA"),
        ("Dan Director", "2023-06-01", "[bold]TVCA[/bold] wound up"),
        ("Carol Officer", "2023-05-02", "TVCA code of conduct agreed"),
        ("Bob Auditor", "2023-03-01", "Lower TVCA governance after the audit"),
        ("Alice Clerk", "2023-01-10", "Add the 2023 register"),
    ]
    # The commit that touched only Safer Streets is not in TVCA's history, nor are its changes.
    assert all(
        "safer-streets" not in c.subject and "community-safety" not in c.subject for e in entries for c in e.changes
    )


def test_a_rating_change_is_told_with_its_reason(history_repo: RegisterDir) -> None:
    audit = next(e for e in _history(history_repo) if e.commit.author == "Bob Auditor")
    rating = next(c for c in audit.changes if c.kind == "rating-changed")
    assert (rating.subject, rating.field, rating.old, rating.new) == (f"2023/{TVCA}", "governance", "green", "amber")
    assert "(reason: amber as declared (Internal audit found no risk register)" in rating.text
    # The declared reason is told in the rating change, not again as a field change.
    assert {c.field for c in audit.changes if c.kind == "field-changed"} == {"issue"}


def test_status_change_action_completion_and_root_commit(history_repo: RegisterDir) -> None:
    entries = {e.commit.author: e for e in _history(history_repo)}
    dissolved = entries["Dan Director"].changes
    assert [(c.kind, c.subject, c.old, c.new) for c in dissolved] == [
        ("partnership-dissolved", TVCA, "active", "dissolved")
    ]
    completed = [c for c in entries["Carol Officer"].changes if c.kind == "action-completed"]
    assert [(c.subject, c.old, c.new) for c in completed] == [(f"{TVCA}#1", "planned", "complete")]
    # The first commit is compared with an empty register: everything is added.
    added = {c.kind for c in entries["Alice Clerk"].changes}
    assert {"partnership-added", "assessment-added", "action-added"} <= added
    assert all(c.subject != "safer-streets" for c in entries["Alice Clerk"].changes)
    # A plan with another name is the partnership's when it names the partnership.
    assert [c.subject for c in entries["Eve Auditor"].changes if c.kind == "action-added"] == ["tvca-audit#a"]


def test_field_governance_keeps_only_governance_changes(history_repo: RegisterDir) -> None:
    entries = _history(history_repo, field="governance")
    # The assessment Alice added set the first governance rating: for an audit, that is a rating change too.
    assert [(e.commit.author, [(c.kind, c.field) for c in e.changes]) for e in entries] == [
        ("Bob Auditor", [("rating-changed", "governance")]),
        ("Alice Clerk", [("assessment-added", None)]),
    ]
    added = entries[1].changes[0]
    assert added.text == (
        "Tees Valley Combined Authority (TVCA): 2023 assessment added: governance green, performance green"
    )
    assert added.new == {"governance": "green", "performance": "green"}


def test_field_performance_keeps_the_ratings_a_new_assessment_sets(history_repo: RegisterDir) -> None:
    entries = _history(history_repo, field="performance")
    assert [(e.commit.author, [c.kind for c in e.changes]) for e in entries] == [("Alice Clerk", ["assessment-added"])]
    # An area's own fields are not set by the assessment as a whole: only the ratings it sets are.
    assert _history(history_repo, field="governance.reason") == []


def test_rating_changes_name_their_assessment_year(history_repo: RegisterDir) -> None:
    reg = history_repo
    reg.write(f"assessments/2024/{TVCA}.yaml", _assessment("amber", issue="Minutes late").replace("2023", "2024"))
    commit_all(reg.root, "TVCA 2024 assessment", author="Fay Lead", when="2023-08-01")
    reg.write(f"assessments/2024/{TVCA}.yaml", _assessment("green").replace("2023", "2024"))
    commit_all(reg.root, "TVCA 2024 governance green", author="Gil Audit", when="2023-09-01")
    told = [(e.commit.author, [c.text for c in e.changes]) for e in _history(reg, field="governance")]
    name = "Tees Valley Combined Authority (TVCA)"
    # Read top to bottom, two years' ratings are never one rating flipping back.
    assert [(author, texts[0].split(" (reason")[0]) for author, texts in told] == [
        ("Gil Audit", f"{name} (2024): governance amber → green"),
        ("Fay Lead", f"{name}: 2024 assessment added: governance amber, performance green"),
        ("Bob Auditor", f"{name} (2023): governance green → amber"),
        ("Alice Clerk", f"{name}: 2023 assessment added: governance green, performance green"),
    ]


def test_field_status_keeps_status_changes(history_repo: RegisterDir) -> None:
    entries = _history(history_repo, field="status")
    assert [(e.commit.author, [c.kind for c in e.changes]) for e in entries] == [
        ("Dan Director", ["partnership-dissolved"]),
        ("Carol Officer", ["action-completed"]),
    ]


def test_json_shape(history_repo: RegisterDir) -> None:
    ran = invoke("log", TVCA, "--root", str(history_repo.root), "--field", "governance", "--format", "json")
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    document: dict[str, Any] = json.loads(ran.stdout)
    assert document["partnership"] == TVCA
    assert document["version"] == 1
    entry, first_rated = document["entries"]
    assert [c["kind"] for c in first_rated["changes"]] == ["assessment-added"]
    assert set(entry) == {"commit", "short", "date", "author", "subject", "changes"}
    assert (entry["author"], entry["subject"]) == ("Bob Auditor", "Lower TVCA governance after the audit")
    assert entry["date"].startswith("2023-03-01")
    assert len(entry["commit"]) == 40
    first = entry["changes"][0]
    assert set(first) == {"kind", "subject", "name", "field", "old", "new", "text"}  # as diff's
    assert (first["kind"], first["field"], first["old"], first["new"]) == (
        "rating-changed",
        "governance",
        "green",
        "amber",
    )


def test_standard_and_markdown_show_git_text_as_text(history_repo: RegisterDir) -> None:
    root = str(history_repo.root)
    ran = invoke("log", TVCA, "--root", root, "--field", "status", "--today", "2024-01-31")
    assert ran.exit_code == 0, ran.stderr
    assert "[bold]TVCA[/bold] wound up" in ran.stdout  # not read as markup
    assert "Dan Director" in ran.stdout
    assert "status active → dissolved" in ran.stdout
    ran = invoke("log", TVCA, "--root", root, "--format", "md", "--field", "status")
    assert ran.exit_code == 0, ran.stderr
    assert "\\[bold\\]TVCA\\[/bold\\] wound up" in ran.stdout
    assert "· Dan Director" in ran.stdout


def test_unknown_partnership_cannot_run_and_suggests_an_id(history_repo: RegisterDir) -> None:
    ran = invoke("log", "tees-valey-combined-authority", "--root", str(history_repo.root))
    assert ran.exit_code == 2
    assert "no commit touches a partnership `tees-valey-combined-authority`" in ran.stderr
    assert f"did you mean `{TVCA}`?" in ran.stderr
    # A pathspec pattern is an id like any other, never a glob over the register.
    with pytest.raises(PartregError):
        partnership_history(history_repo.root, "*", today=TODAY)


def test_a_field_with_no_changes_is_an_empty_history_not_an_error(history_repo: RegisterDir) -> None:
    assert _history(history_repo, field="purpose") == []
    ran = invoke("log", TVCA, "--root", str(history_repo.root), "--field", "purpose")
    assert ran.exit_code == 0
    assert "No changes to tees-valley-combined-authority (field purpose)" in ran.stdout


def test_outside_a_git_repository_cannot_run(reg: RegisterDir) -> None:
    reg.valid()
    ran = invoke("log", "safer-streets", "--root", str(reg.root))
    assert ran.exit_code == 2
    assert "is not in a Git repository" in ran.stderr


def test_bad_format_cannot_run(history_repo: RegisterDir) -> None:
    ran = invoke("log", TVCA, "--root", str(history_repo.root), "--format", "csv")
    assert ran.exit_code == 2
    assert "--format" in ran.stderr
