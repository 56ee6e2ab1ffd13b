"""`partreg diff` on the command line: the three formats, revisions, and clean failures (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support.cli import Ran, invoke, run_subprocess
from tests.support.diffing import edit, short
from tests.support.git import commit_all, git
from tests.support.registers import RegisterDir

DAY = "2024-02-01"
CHANGE_KEYS = {"kind", "subject", "name", "field", "old", "new", "text"}


def diff(reg: RegisterDir, *args: str) -> Ran:
    return invoke("diff", "--root", str(reg.root), "--today", DAY, *args)


def diff_json(reg: RegisterDir, *args: str) -> dict[str, Any]:
    ran = diff(reg, *args, "--format", "json")
    assert ran.exit_code == 0, ran.stderr
    document: dict[str, Any] = json.loads(ran.stdout)
    return document


def change_the_register(reg: RegisterDir) -> None:
    """A new lead officer and contribution, and governance declared amber with its reason."""
    edit(reg, "partnerships/safer-streets.yaml", "lead_officer: A Smith", "lead_officer: D Green")
    edit(reg, "partnerships/safer-streets.yaml", '"£8,000"', '"£9,000"')
    edit(
        reg,
        "assessments/2023/safer-streets.yaml",
        "governance:\n  rating: green\n",
        "governance:\n  rating: amber\n  reason: the chair resigned mid-year\nissue: The board has no chair.\n",
    )


RATING_TEXT = (
    "Safer Streets Board (2023): governance green → amber (reason: amber as declared (the chair resigned mid-year); "
    "computed green: all 2 principles rated green)"
)


def test_no_changes_in_each_format(repo: RegisterDir) -> None:
    head = short(repo, "HEAD")
    standard = diff(repo)
    assert (standard.exit_code, standard.stdout, standard.stderr) == (
        0,
        f"{head} → work tree: No changes to the register.\n",
        "",
    )
    md = diff(repo, "--format", "md")
    assert md.stdout == f"**Register changes ({head} → work tree):** No changes to the register.\n"
    assert diff_json(repo) == {
        "version": 1,
        "old": head,
        "new": "work tree",
        "summary": "No changes to the register.",
        "counts": {},
        "changes": [],
    }


def test_standard_format_groups_changes_under_headings_in_reading_order(repo: RegisterDir) -> None:
    change_the_register(repo)
    ran = diff(repo)
    assert ran.exit_code == 0, ran.stderr
    assert ran.stdout.splitlines() == [
        f"{short(repo, 'HEAD')} → work tree: 1 rating changed, 3 fields changed.",
        "",
        "Ratings changed",
        f"  {RATING_TEXT}",
        "",
        "Fields changed",
        "  Safer Streets Board (2023): issue (none) → The board has no chair.",
        "  Safer Streets Board: lead_officer A Smith → D Green",
        "  Safer Streets Board: resources.financial_contribution 8000 → 9000",
    ]


def test_md_format_starts_with_the_summary_line_for_a_pull_request(repo: RegisterDir) -> None:
    change_the_register(repo)
    ran = diff(repo, "--format", "md")
    assert ran.exit_code == 0, ran.stderr
    assert ran.stdout == (
        f"**Register changes ({short(repo, 'HEAD')} → work tree):** 1 rating changed, 3 fields changed.\n"
        "\n"
        "### Ratings changed\n"
        "\n"
        f"- {RATING_TEXT}\n"
        "\n"
        "### Fields changed\n"
        "\n"
        "- Safer Streets Board (2023): issue (none) → The board has no chair.\n"
        "- Safer Streets Board: lead\\_officer A Smith → D Green\n"
        "- Safer Streets Board: resources.financial\\_contribution 8000 → 9000\n"
    )


def test_md_format_escapes_markup_in_register_text(repo: RegisterDir) -> None:
    edit(repo, "partnerships/safer-streets.yaml", "lead_officer: A Smith", "lead_officer: <b>*Bold*</b>")
    lines = diff(repo, "-f", "md").stdout.splitlines()
    assert lines[-1] == "- Safer Streets Board: lead\\_officer A Smith → \\<b\\>\\*Bold\\*\\</b\\>"


def test_md_format_escapes_links_and_table_bars_in_register_text(repo: RegisterDir) -> None:
    edit(repo, "partnerships/safer-streets.yaml", "lead_officer: A Smith", 'lead_officer: "[Chair] | Vice_chair \\\\"')
    lines = diff(repo, "-f", "md").stdout.splitlines()
    assert lines[-1] == "- Safer Streets Board: lead\\_officer A Smith → \\[Chair\\] \\| Vice\\_chair \\\\"


def test_md_format_leaves_code_spans_in_finding_messages_readable(repo: RegisterDir) -> None:
    """Markdown shows a backslash inside a code span literally, so the span is left as it is."""
    edit(repo, "partnerships/heritage-forum.yaml", "lead_officer: C Brown", "lead_officer: C Brown\nreview_dat: x")
    finding = next(line for line in diff(repo, "-f", "md").stdout.splitlines() if "S003" in line)
    assert finding == "- register/partnerships/heritage-forum.yaml:6:1: S003 error unknown key `review_dat`"


def test_json_format_has_every_key_and_the_values_as_they_mean(repo: RegisterDir) -> None:
    change_the_register(repo)
    commit_all(repo.root, "Changes for 2024")
    document = diff_json(repo, "v2023", "HEAD")
    assert list(document) == ["version", "old", "new", "summary", "counts", "changes"]
    assert document["version"] == 1
    assert (document["old"], document["new"]) == (short(repo, "v2023"), short(repo, "HEAD"))
    assert document["summary"] == "1 rating changed, 3 fields changed."
    assert document["counts"] == {"rating-changed": 1, "field-changed": 3}
    for change in document["changes"]:
        assert set(change) == CHANGE_KEYS
    assert document["changes"] == [
        {"kind": "rating-changed", "subject": "2023/safer-streets", "name": "Safer Streets Board",
         "field": "governance", "old": "green", "new": "amber", "text": RATING_TEXT},
        {"kind": "field-changed", "subject": "2023/safer-streets", "name": "Safer Streets Board (2023)",
         "field": "issue", "old": None, "new": "The board has no chair.",
         "text": "Safer Streets Board (2023): issue (none) → The board has no chair."},
        {"kind": "field-changed", "subject": "safer-streets", "name": "Safer Streets Board",
         "field": "lead_officer", "old": "A Smith", "new": "D Green",
         "text": "Safer Streets Board: lead_officer A Smith → D Green"},
        # Money is given as the number it means, not as pydantic's JSON dump of a Decimal (a string).
        {"kind": "field-changed", "subject": "safer-streets", "name": "Safer Streets Board",
         "field": "resources.financial_contribution", "old": 8000, "new": 9000,
         "text": "Safer Streets Board: resources.financial_contribution 8000 → 9000"},
    ]  # fmt: skip


def test_json_carries_an_update_as_a_mapping_and_dates_as_text(repo: RegisterDir) -> None:
    edit(repo, "actions/safer-streets.yaml", "target: 2030-12-31", "target: 2031-03-31")
    edit(
        repo,
        "actions/safer-streets.yaml",
        "      - {date: 2023-12-01, text: Draft circulated}\n",
        "      - {date: 2023-12-01, text: Draft circulated}\n      - {date: 2024-01-25, text: Consultation opened}\n",
    )
    changes = diff_json(repo)["changes"]
    assert [(c["kind"], c["subject"], c["field"], c["old"], c["new"]) for c in changes] == [
        ("action-retargeted", "safer-streets#1", "target", "2030-12-31", "2031-03-31"),
        ("update-added", "safer-streets#2", "updates", None, {"date": "2024-01-25", "text": "Consultation opened"}),
    ]


def test_a_dot_dot_b_and_a_b_give_the_same_output(repo: RegisterDir) -> None:
    change_the_register(repo)
    commit_all(repo.root, "Changes for 2024")
    for output_format in ("standard", "md", "json"):
        two = diff(repo, "v2023", "HEAD", "--format", output_format)
        dotted = diff(repo, "v2023..HEAD", "--format", output_format)
        assert two.exit_code == dotted.exit_code == 0
        assert two.stdout == dotted.stdout
        assert "1 rating changed, 3 fields changed." in two.stdout


def test_today_decides_what_is_newly_overdue(repo: RegisterDir) -> None:
    edit(repo, "actions/safer-streets.yaml", "owner: Head of Legal", "owner: Monitoring Officer")
    commit_all(repo.root, "New owner")
    before = invoke("diff", "v2023", "HEAD", "--root", str(repo.root), "--today", "2024-02-01", "-f", "json")
    after = invoke("diff", "v2023", "HEAD", "--root", str(repo.root), "--today", "2024-06-01", "-f", "json")
    assert json.loads(before.stdout)["counts"] == {"field-changed": 1}
    document = json.loads(after.stdout)
    assert document["counts"] == {"field-changed": 1, "action-newly-overdue": 1}
    overdue = next(c for c in document["changes"] if c["kind"] == "action-newly-overdue")
    assert overdue["subject"] == "safer-streets#2"
    assert overdue["text"] == "Safer Streets Board: action safer-streets#2 is now overdue (target 2024-03-31)"


def test_a_reverted_change_is_no_change(repo: RegisterDir) -> None:
    change_the_register(repo)
    commit_all(repo.root, "Changes for 2024")
    git(repo.root, "revert", "--no-edit", "HEAD")
    assert diff_json(repo, "v2023", "HEAD")["summary"] == "No changes to the register."


def test_an_unknown_revision_exits_2_with_one_error_line(repo: RegisterDir) -> None:
    for args in (("nope",), ("nope..HEAD",), ("v2023", "nope")):
        ran = diff(repo, *args)
        assert ran.exit_code == 2
        assert ran.stdout == ""
        lines = ran.stderr.splitlines()
        assert lines[0] == "partreg: error: unknown revision `nope`"
        # Then only the hint: no traceback.
        assert lines[1:] == ["  hint: give a commit, branch or tag, e.g. HEAD~1 or v2023"]
        assert "Traceback" not in ran.stderr


def test_outside_a_git_repository_exits_2(reg: RegisterDir) -> None:
    reg.valid()
    ran = invoke("diff", "--root", str(reg.root))
    assert ran.exit_code == 2
    assert ran.stderr.splitlines()[0] == f"partreg: error: {reg.root.resolve()} is not in a Git repository"
    assert "Traceback" not in ran.stderr


def test_without_a_register_exits_2(tmp_path: Path) -> None:
    ran = invoke("diff", "--root", str(tmp_path))
    assert ran.exit_code == 2
    assert ran.stderr.startswith(f"partreg: error: no register/ folder in {tmp_path}")


def test_bad_options_exit_2(repo: RegisterDir) -> None:
    bad_format = diff(repo, "--format", "html")
    assert bad_format.exit_code == 2
    assert bad_format.stderr.splitlines()[0] == "partreg: error: --format: `html` is not one of standard, md, json"
    bad_day = invoke("diff", "--root", str(repo.root), "--today", "1/6/2024")
    assert bad_day.exit_code == 2
    assert bad_day.stderr.splitlines()[0] == "partreg: error: --today: `1/6/2024` is not a date"


def test_as_a_subprocess_from_inside_the_register_the_root_is_found(repo: RegisterDir) -> None:
    edit(repo, "partnerships/safer-streets.yaml", "lead_officer: A Smith", "lead_officer: D Green")
    ran = run_subprocess("diff", "v2023", "--format", "md", "--today", DAY, cwd=repo.root / "register" / "actions")
    assert ran.exit_code == 0, ran.stderr
    assert ran.stdout.splitlines()[0] == (
        f"**Register changes ({short(repo, 'v2023')} → work tree):** 1 field changed."
    )
    bad = run_subprocess("diff", "nope", cwd=repo.root)
    assert bad.exit_code == 2
    assert bad.stderr.splitlines()[0] == "partreg: error: unknown revision `nope`"
    assert "Traceback" not in bad.stderr
