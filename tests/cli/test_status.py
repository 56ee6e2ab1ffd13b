"""`partreg status` on the bundled Middlesbrough register reproduces the paper's table (§10)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import invoke, run_subprocess
from tests.support.git import commit_all, make_repo
from tests.support.registers import RegisterDir

REPO = Path(__file__).resolve().parents[2]

# Middlesbrough, Audit Committee 14 Dec 2023, §10: Statutory, Significant, Governance, Performance.
PAPER_TABLE = {
    "tees-valley-combined-authority": (True, True, "green", "green"),
    "river-tees-port-health-authority": (True, True, "green", "green"),
    "south-tees-health-and-wellbeing-board": (True, True, "green", "green"),
    "north-east-migration-partnership": (False, True, "amber", "green"),
    "middlesbrough-community-safety-partnership": (True, True, "green", "green"),
    "middlesbrough-childrens-trust": (False, True, "green", "amber"),
    "childrens-services-executive-improvement-board": (False, True, "green", "amber"),
    "south-tees-safeguarding-childrens-partnership": (True, True, "green", "green"),
    "teeswide-safeguarding-adults-board": (True, True, "green", "green"),
    "middlesbrough-environment-city-trust": (False, False, "green", "green"),
    "north-east-procurement-organisation": (False, True, "green", "green"),
    "cleveland-local-resilience-forum": (True, True, "green", "green"),
    "youth-offending-executive-management-board": (True, True, "green", "green"),
}


def _status_json(*args: str) -> dict[str, Any]:
    ran = invoke("status", "--root", str(REPO), "--format", "json", *args)
    assert ran.exit_code == 0, ran.stderr
    document: dict[str, Any] = json.loads(ran.stdout)
    return document


def test_status_reproduces_the_papers_table_and_counts() -> None:
    document = _status_json("--year", "2023")
    assert document["year"] == 2023
    rows = {p["id"]: p for p in document["partnerships"]}
    assert {pid: (r["statutory"], r["significant"], r["governance"]["effective"], r["performance"]["effective"])
            for pid, r in rows.items()} == PAPER_TABLE  # fmt: skip
    assert document["summary"] == {
        "count": 13,
        "statutory": {"yes": 8, "no": 5},
        "significant": {"yes": 12, "no": 1},
        "governance": {"green": 12, "amber": 1, "red": 0, "unrated": 0},
        "performance": {"green": 11, "amber": 2, "red": 0, "unrated": 0},
    }


def test_status_shows_where_declared_differs_from_computed_and_why() -> None:
    rows = {p["id"]: p for p in _status_json()["partnerships"]}
    board = rows["childrens-services-executive-improvement-board"]["performance"]
    assert (board["declared"], board["computed"], board["effective"]) == ("amber", "green", "amber")
    assert board["reason"].startswith("amber as declared (KPIs are on target, but the board was assessed as amber")
    assert board["reason"].endswith("; computed green: 1 of 1 KPIs on target (100%)")
    hwb = rows["south-tees-health-and-wellbeing-board"]["performance"]
    assert hwb == {
        "effective": "green",
        "computed": "amber",
        "declared": "green",
        "reason": "green as declared (no reason given); computed amber: no KPIs in place",
    }
    tvca = rows["tees-valley-combined-authority"]
    assert tvca["risk"] == {"score": None, "level": None}
    assert tvca["direction"] == {"governance": "new", "performance": "new"}


def test_status_table_says_rag_in_words_and_symbols_without_colour() -> None:
    ran = invoke("status", "--root", str(REPO), "--today", "2023-12-14")
    lines = ran.stdout.splitlines()
    row = next(line for line in lines if "North East Migration Partnership" in line)
    assert "▲ Amber" in row
    assert "● Green" in row
    assert "+ new / + new" in row
    assert "13 partnerships: statutory 8 yes, 5 no; significant 12 yes, 1 no" in lines
    assert "Governance: Green 12, Amber 1, Red 0, Unrated 0" in lines
    assert "Performance: Green 11, Amber 2, Red 0, Unrated 0" in lines
    assert "* declared rating differs from the computed one:" in lines
    assert lines[-1] == "Middlesbrough Council, register year 2023, as of 2023-12-14"
    assert "\x1b[" not in ran.stdout


def test_status_csv_has_a_row_per_partnership() -> None:
    ran = invoke("status", "--root", str(REPO), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(ran.stdout)))
    assert len(rows) == 13
    migration = next(r for r in rows if r["id"] == "north-east-migration-partnership")
    # yes/no in lower case, as the register, `export` and the other CSVs write it
    assert (migration["statutory"], migration["governance"], migration["performance"]) == ("no", "amber", "green")
    assert migration["significant"] == "yes"


def test_direction_of_travel_against_the_previous_year(reg: RegisterDir) -> None:
    reg.partnership()
    reg.assessment(year=2022, text="partnership: safer-streets\nyear: 2022\ngovernance: {rating: amber}\nissue: x\n"
                   "performance: {rating: green}\n")  # fmt: skip
    reg.assessment(year=2023, text="partnership: safer-streets\nyear: 2023\ngovernance: {rating: green}\n"
                   "performance: {rating: red}\nissue: y\n")  # fmt: skip
    ran = invoke("status", "--root", str(reg.root), "--format", "json")
    row = json.loads(ran.stdout)["partnerships"][0]
    assert row["direction"] == {"governance": "improved", "performance": "worse"}


def test_unassessed_partnership_is_listed_as_unrated(reg: RegisterDir) -> None:
    reg.valid()
    reg.partnership("newcomer", name="Newcomer Board")
    rows = json.loads(invoke("status", "--root", str(reg.root), "-f", "json").stdout)["partnerships"]
    newcomer = next(r for r in rows if r["id"] == "newcomer")
    assert newcomer["governance"] == {
        "effective": None,
        "computed": None,
        "declared": None,
        "reason": "unrated: no assessment for the year",
    }
    assert newcomer["direction"] == {"governance": "unrated", "performance": "unrated"}


def test_status_without_assessments_or_with_bad_options_exits_2(reg: RegisterDir) -> None:
    reg.partnership()
    ran = run_subprocess("status", "--root", str(reg.root))
    assert ran.exit_code == 2
    assert ran.stderr.startswith("partreg: error: the register has no assessments")
    assert run_subprocess("status", "--root", str(reg.root), "--today", "31/12/2023").exit_code == 2
    assert run_subprocess("status", "--root", str(reg.root), "--format", "xml").exit_code == 2


@pytest.mark.parametrize(
    "command",
    [
        ("status", "--year", "2023"),
        ("list",),
        ("actions",),
        ("report", "--year", "2023", "--format", "md"),
        ("export", "--format", "json"),
    ],
)
def test_a_file_that_cannot_be_read_stops_every_table_and_report(
    reg: RegisterDir, command: tuple[str, ...], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A schema error must not quietly drop a partnership from the committee's table."""
    reg.valid()
    reg.partnership("broken", text="id: broken\nname: Broken Board\nstatutory: maybe\n")
    cwd = tmp_path_factory.mktemp("cwd")
    ran = run_subprocess(*command, "--root", str(reg.root), cwd=cwd)
    assert ran.exit_code == 1
    assert ran.stdout == ""
    assert "register/partnerships/broken.yaml:3:12: S001 error" in ran.stderr
    assert "partreg: error: 1 register file(s) have errors and cannot be read" in ran.stderr
    assert list(cwd.iterdir()) == []  # no report written


def test_show_still_shows_other_partnerships_and_notes_the_unreadable_file(reg: RegisterDir) -> None:
    reg.valid()
    reg.partnership("broken", text="id: broken\n")
    ran = run_subprocess("show", "safer-streets", "--root", str(reg.root), "--format", "json")
    assert ran.exit_code == 0
    assert ran.stderr == "partreg: note: 1 file(s) have errors and are left out; run `partreg validate`\n"


@pytest.mark.parametrize("value", ["31/12/2023", "20231231", "2023-W52-7", "2023-12-32", "2023-1-31"])
def test_today_is_written_yyyy_mm_dd_only(reg: RegisterDir, value: str) -> None:
    reg.valid()
    ran = run_subprocess("status", "--root", str(reg.root), "--today", value)
    assert ran.exit_code == 2
    assert (
        ran.stderr
        == f"partreg: error: --today: `{value}` is not a date\n  hint: write --today YYYY-MM-DD, e.g. 2023-12-14\n"
    )


def test_status_as_of_a_revision_names_its_commit(reg: RegisterDir) -> None:
    reg.valid()
    make_repo(reg.root)
    commit = commit_all(reg.root, "Register for 2023")
    root = str(reg.root)
    ran = invoke("status", "--root", root, "--as-of", "HEAD", "--today", "2024-01-31")
    assert ran.exit_code == 0, ran.stderr
    assert ran.stdout.startswith(f"Partnership register 2023 at Git commit {commit}\n")
    assert f"the Council, register year 2023, from Git commit {commit}, as of 2024-01-31" in ran.stdout
    as_of = json.loads(invoke("status", "--root", root, "--as-of", "HEAD", "--format", "json").stdout)
    assert (as_of["year"], as_of["revision"]) == (2023, commit)
    work_tree = json.loads(invoke("status", "--root", root, "--format", "json").stdout)
    assert "revision" not in work_tree  # the shape exactly when read from the work tree
    assert "Git commit" not in invoke("status", "--root", root).stdout


def test_the_register_read_at_a_revision_carries_its_short_commit(reg: RegisterDir) -> None:
    from partreg import api

    reg.valid()
    make_repo(reg.root)
    commit = commit_all(reg.root, "Register for 2023")
    at_head = api.load_register(reg.root, revision="HEAD")
    assert at_head.revision_label == commit
    assert at_head.revision is not None and at_head.revision.startswith(commit)
    assert api.load_register(reg.root).revision_label is None


@pytest.mark.parametrize("output_format", ["standard", "json", "csv"])
def test_status_for_a_year_nobody_was_assessed_in_exits_2(reg: RegisterDir, output_format: str) -> None:
    """Every row would be unrated: the year is a mistake, as for `report --year`."""
    reg.valid()
    ran = invoke("status", "--root", str(reg.root), "--year", "1999", "--format", output_format)
    assert ran.exit_code == 2
    assert ran.stdout == ""
    assert ran.stderr == (
        "partreg: error: no partnership has an assessment for 1999\n"
        "  hint: the register has assessments for 2023; give --year 2023\n"
    )
