from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import invoke
from tests.support.registers import RegisterDir

REPO = Path(__file__).resolve().parents[2]

HARBOROUGH_STYLE = """\
id: {id}
name: {name}
statutory: {statutory}
significant: {significant}
lead_officer: {lead}
risk: {{likelihood: {likelihood}, impact: 4}}
value: high
resources:
  officer_hours_per_month: {hours}
  financial_contribution: "{money}"
recommendation:
  action: maintain
  rationale: Core to economic growth
tags: [llep]
"""


def _harborough(reg: RegisterDir) -> RegisterDir:
    rows = [
        ("llep-board", "LLEP Board", "no", "yes", "Chief Executive", 4, 8, "£12,000"),
        ("llep-skills", "=HYPERLINK('http://x')", "no", "no", "Head of Economy", 1, 96, "£526,000"),
        ("safer-streets", "Safer Streets", "yes", "yes", "Head of Community Safety", 2, "2.5", "8000.50"),
    ]
    for pid, name, statutory, significant, lead, likelihood, hours, money in rows:
        text = HARBOROUGH_STYLE.format(
            id=pid, name=f'"{name}"', statutory=statutory, significant=significant, lead=lead,
            likelihood=likelihood, hours=hours, money=money,
        )  # fmt: skip
        if pid == "safer-streets":
            text = text.replace("tags: [llep]", "tags: [community]")
        reg.partnership(pid, text=text)
    return reg


def _json(*args: str) -> dict[str, Any]:
    ran = invoke(*args, "--format", "json")
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    document: dict[str, Any] = json.loads(ran.stdout)
    return document


def test_list_shape_and_totals_like_the_llep_table(reg: RegisterDir) -> None:
    root = str(_harborough(reg).root)
    document = _json("list", "--root", root, "--tag", "llep")
    assert document["totals"] == {"count": 2, "officer_hours_per_month": 104.0, "financial_contribution": 538000}
    first = document["partnerships"][0]
    assert first == {
        "id": "llep-skills",
        "name": "=HYPERLINK('http://x')",
        "status": "active",
        "statutory": False,
        "significant": False,
        "lead_officer": "Head of Economy",
        "risk_level": "low",
        "value": "high",
        "officer_hours_per_month": 96.0,
        "financial_contribution": 526000,
        "recommendation": "maintain",
        "tags": ["llep"],
    }


def test_list_filters(reg: RegisterDir) -> None:
    root = str(_harborough(reg).root)

    def ids(*args: str) -> list[str]:
        return [p["id"] for p in _json("list", "--root", root, *args)["partnerships"]]

    assert ids() == ["llep-skills", "llep-board", "safer-streets"]
    assert ids("--significant") == ["llep-board", "safer-streets"]
    assert ids("--not-significant") == ["llep-skills"]
    assert ids("--statutory") == ["safer-streets"]
    assert ids("--risk", "HIGH") == ["llep-board"]
    assert ids("--risk", "medium", "--significant") == ["safer-streets"]
    assert ids("--status", "dissolved") == []
    assert _json("list", "--root", root, "--tag", "community")["totals"]["financial_contribution"] == 8000.5


def test_list_rag_filter_reads_effective_ratings(reg: RegisterDir) -> None:
    reg.valid()
    reg.partnership("other", name="Other")
    reg.assessment("other", text="partnership: other\nyear: 2023\nperformance: {rating: amber}\nissue: x\n")
    assert [p["id"] for p in _json("list", "--root", str(reg.root), "--rag", "amber")["partnerships"]] == ["other"]


def test_list_csv_neutralises_formulas(reg: RegisterDir) -> None:
    ran = invoke("list", "--root", str(_harborough(reg).root), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(ran.stdout)))
    assert rows[0]["name"] == "'=HYPERLINK('http://x')"
    assert rows[0]["tags"] == "llep"


def test_list_bad_filter_exits_2(reg: RegisterDir) -> None:
    ran = invoke("list", "--root", str(reg.valid().root), "--rag", "purple")
    assert ran.exit_code == 2
    assert "--rag: `purple` is not one of green, amber, red" in ran.stderr


def test_actions_on_the_bundled_register_the_day_after_the_targets() -> None:
    document = _json("actions", "--root", str(REPO), "--today", "2024-01-01")
    assert document["summary"] == {"count": 4, "overdue": 2, "due_soon": 0, "complete": 1}
    overdue = _json("actions", "--root", str(REPO), "--today", "2024-01-01", "--overdue")["actions"]
    assert [(a["plan"], a["id"], a["target"], a["overdue"]) for a in overdue] == [
        ("north-east-migration-partnership", "1", "2023-12-31", True),
        ("south-tees-health-and-wellbeing-board", "1", "2023-12-31", True),
    ]


def test_actions_filters_and_latest_update(reg: RegisterDir) -> None:
    reg.valid()
    reg.plan(
        "council-wide",
        text="id: council-wide\nactions:\n"
        "  - {id: a, action: A, owner: Head of Governance, target: 2024-06-20}\n"
        "  - id: b\n    action: B\n    owner: Director of Law\n    target: 2024-05-01\n"
        "    updates:\n      - {date: 2024-04-01, text: Started}\n      - {date: 2024-05-02, text: Slipped}\n",
    )
    root = str(reg.root)
    rows = _json("actions", "--root", root, "--today", "2024-06-01", "--plan", "council-wide")["actions"]
    assert rows[1] == {
        "plan": "council-wide",
        "id": "b",
        "partnership": None,
        "owner": "Director of Law",
        "target": "2024-05-01",
        "status": "planned",
        "overdue": True,
        "due_soon": False,
        "latest_update": {"date": "2024-05-02", "text": "Slipped"},
    }
    due = _json("actions", "--root", root, "--today", "2024-06-01", "--due-soon")["actions"]
    assert [a["id"] for a in due] == ["a"]
    either = _json("actions", "--root", root, "--today", "2024-06-01", "--due-soon", "--overdue")["actions"]
    assert [a["id"] for a in either] == ["a", "b"]
    assert [a["id"] for a in _json("actions", "--root", root, "--owner", "law")["actions"]] == ["b"]


def test_show_one_partnership_with_assessments_actions_and_problems() -> None:
    document = _json("show", "north-east-migration-partnership", "--root", str(REPO), "--today", "2024-06-01")
    assert document["partnership"]["name"] == "North East Migration Partnership"
    assert document["partnership"]["documents"] == {"code_of_conduct": {"held": False}}
    assert document["review"] == {
        "latest_assessment_year": 2023,
        "assessed": "2023-12-31",
        "age_months": 5,
        "assessed_after_data_date": False,
        "assessment_overdue": False,
        "review_date_passed": False,
    }
    [assessment] = document["assessments"]
    assert assessment["year"] == 2023
    assert assessment["governance"]["effective"] == "amber"
    assert assessment["issue"].startswith("The partnership has had some capacity issues")
    assert [a["target"] for a in document["actions"]] == ["2023-12-31"]
    assert [p["code"] for p in document["problems"]] == ["A004", "A005"]


def test_show_standard_and_unknown_id() -> None:
    ran = invoke("show", "childrens-services-executive-improvement-board", "--root", str(REPO), "--today", "2024-01-01")
    assert ran.exit_code == 0
    assert "▲ Amber*" in ran.stdout
    assert "computed green: 1 of 1 KPIs on target (100%)" in ran.stdout
    missing = invoke("show", "tvca", "--root", str(REPO))
    assert missing.exit_code == 2
    assert "did you mean `tees-valley-combined-authority`?" in missing.stderr


def test_money_is_a_number_of_pounds_in_show_as_in_list(reg: RegisterDir) -> None:
    root = str(_harborough(reg).root)
    shown = _json("show", "safer-streets", "--root", root)["partnership"]["resources"]
    listed = _json("list", "--root", root, "--tag", "community")["partnerships"][0]
    assert shown == {"officer_hours_per_month": 2.5, "financial_contribution": 8000.5}
    assert listed["financial_contribution"] == shown["financial_contribution"]
    whole = _json("show", "llep-board", "--root", root)["partnership"]["resources"]["financial_contribution"]
    assert whole == 12000


def test_show_an_assessment_dated_after_the_data_date_has_no_negative_age() -> None:
    args = ("show", "north-east-migration-partnership", "--root", str(REPO), "--today", "2023-06-01")
    review = _json(*args)["review"]
    assert (review["assessed"], review["age_months"], review["assessed_after_data_date"]) == ("2023-12-31", None, True)
    ran = invoke(*args)
    assert "Latest assessment:      2023, dated 2023-12-31 (after the data date)\n" in ran.stdout
    assert "months ago" not in ran.stdout


def test_show_standard_says_the_review_lines_without_an_assessment(reg: RegisterDir) -> None:
    text = "id: x\nname: X Board\nstatutory: no\nsignificant: yes\nlead_officer: Jo\nreview_date: 2024-01-01\n"
    reg.partnership("x", text=text)
    args = ("show", "x", "--root", str(reg.root), "--today", "2024-03-01")
    review = _json(*args)["review"]
    assert (review["review_date_passed"], review["assessment_overdue"]) == (True, True)
    ran = invoke(*args)
    assert "Latest assessment:      none; a new assessment is due\n" in ran.stdout
    assert "Review:                 the review date has passed\n" in ran.stdout


def test_officer_hours_total_is_the_exact_sum_of_what_was_written(reg: RegisterDir) -> None:
    for pid, hours, significant in (("a", "0.1", "no"), ("b", "0.2", "no"), ("c", "1.05", "yes")):
        reg.partnership(pid, text=f"id: {pid}\nname: {pid}\nstatutory: no\nsignificant: {significant}\n"
                        f"lead_officer: Jo\nresources:\n  officer_hours_per_month: {hours}\n")  # fmt: skip
    root = str(reg.root)
    ran = invoke("list", "--root", root, "--not-significant", "--format", "json")
    assert '"officer_hours_per_month": 0.3,' in ran.stdout  # not 0.30000000000000004
    assert _json("list", "--root", root)["totals"]["officer_hours_per_month"] == 1.35
    assert _json("list", "--root", root, "--tag", "none")["totals"]["officer_hours_per_month"] == 0


def test_booleans_are_yes_or_no_in_every_csv(reg: RegisterDir) -> None:
    root = str(_harborough(reg).root)
    reg.plan(partnership="safer-streets")
    listed = list(csv.DictReader(io.StringIO(invoke("list", "--root", root, "--format", "csv").stdout)))
    assert [(r["statutory"], r["significant"]) for r in listed] == [("no", "no"), ("no", "yes"), ("yes", "yes")]
    ran = invoke("actions", "--root", root, "--format", "csv", "--today", "2031-01-01")
    [action] = list(csv.DictReader(io.StringIO(ran.stdout)))
    assert (action["overdue"], action["due_soon"]) == ("yes", "no")


@pytest.mark.parametrize(("option", "value"), [("--status", "Active"), ("--status", "ACTIVE"), ("--rag", "Green"),
                                               ("--risk", "High")])  # fmt: skip
def test_list_filters_read_enumerated_values_in_any_case(reg: RegisterDir, option: str, value: str) -> None:
    root = str(_harborough(reg).root)
    lower = _json("list", "--root", root, option, value.lower())["partnerships"]
    assert _json("list", "--root", root, option, value)["partnerships"] == lower


def test_a_csv_cell_is_yes_or_no_for_a_boolean_whoever_writes_it() -> None:
    from partreg.output.csv_safe import to_csv

    assert to_csv(["a", "b", "c"], [[True, False, "=1"]]) == "a,b,c\nyes,no,'=1\n"


def test_actions_csv_carries_the_action_and_its_issue_and_json_keeps_its_shape(reg: RegisterDir) -> None:
    reg.valid()
    reg.plan(text="id: safer-streets\npartnership: safer-streets\nactions:\n  - id: 1\n    issue: No data sharing\n"
             "    action: Renew the agreement\n    owner: A Smith\n    target: 2030-01-01\n")  # fmt: skip
    root = str(reg.root)
    [listed] = _json("actions", "--root", root, "--today", "2024-01-01")["actions"]
    assert set(listed) == {
        "plan",
        "id",
        "partnership",
        "owner",
        "target",
        "status",
        "overdue",
        "due_soon",
        "latest_update",
    }
    ran = invoke("actions", "--root", root, "--format", "csv", "--today", "2024-01-01")
    [row] = list(csv.DictReader(io.StringIO(ran.stdout)))
    assert (row["issue"], row["action"]) == ("No data sharing", "Renew the agreement")
    assert list(row)[:5] == ["plan", "id", "partnership", "issue", "action"]


def test_list_writes_a_whole_number_of_hours_as_a_whole_number(reg: RegisterDir) -> None:
    root = str(_harborough(reg).root)
    document = _json("list", "--root", root, "--tag", "llep")
    assert sorted(p["officer_hours_per_month"] for p in document["partnerships"]) == [8, 96]
    assert document["totals"]["officer_hours_per_month"] == 104
    ran = invoke("list", "--root", root, "--tag", "llep", "--format", "json")
    assert '"officer_hours_per_month": 104,' in ran.stdout and '"officer_hours_per_month": 8,' in ran.stdout
    listed = list(csv.DictReader(io.StringIO(invoke("list", "--root", root, "--format", "csv").stdout)))
    assert sorted(r["officer_hours_per_month"] for r in listed) == ["2.5", "8", "96"]


def test_a_total_of_figures_nobody_recorded_is_not_recorded_rather_than_zero(reg: RegisterDir) -> None:
    reg.partnership()  # no resources at all
    table = invoke("list", "--root", str(reg.root))
    assert "Not recorded" in table.stdout
