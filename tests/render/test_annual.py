"""The Cherwell-style annual partnerships report: a Cherwell-like fixture register and the bundled one."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from partreg import api
from partreg.render.kinds import annual
from partreg.render.provenance import Provenance
from partreg.render.report import ReportOptions, render_report
from partreg.render.view import ReportRequest
from tests.support.golden import assert_golden
from tests.support.registers import RegisterDir

REPO = Path(__file__).resolve().parents[2]
CHERWELL = REPO / "tests" / "fixtures" / "registers" / "annual"
CHERWELL_DAY = date(2009, 3, 16)  # the Executive meeting of the seed paper
MIDDLESBROUGH_DAY = date(2023, 12, 14)


def request_for(year: int, day: date) -> ReportRequest:
    return ReportRequest(year, day, Provenance("register-repo", None, day))


def make(root: Path, year: int, day: date, output_format: str) -> bytes:
    return render_report(api.load_register(root), request_for(year, day), ReportOptions("annual", output_format))


def cherwell(output_format: str) -> bytes:
    return make(CHERWELL, 2009, CHERWELL_DAY, output_format)


def cherwell_view() -> dict[str, Any]:
    return annual.build(api.load_register(CHERWELL), request_for(2009, CHERWELL_DAY))


def by_name(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in view["partnerships"]}


def style(paragraph: Any) -> str:
    return str(paragraph.style.name) if paragraph.style is not None else ""


def cells(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_annual_golden_cherwell(request: pytest.FixtureRequest, output_format: str) -> None:
    assert_golden(request, f"annual-2009.{output_format}", cherwell(output_format).decode("utf-8"))


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_annual_golden_bundled_register(request: pytest.FixtureRequest, output_format: str) -> None:
    text = make(REPO, 2023, MIDDLESBROUGH_DAY, output_format).decode("utf-8")
    assert_golden(request, f"annual-2023.{output_format}", text)


def test_only_significant_partnerships_are_reported() -> None:
    view = cherwell_view()
    assert [p["name"] for p in view["partnerships"]] == [
        "Cherwell Community Planning Partnership",
        "Cherwell Homelessness Strategy Partnership",
        "Oxfordshire Economic Partnership",
        "Oxfordshire Waste Partnership",
    ]
    text = cherwell("md").decode("utf-8") + cherwell("html").decode("utf-8")
    assert "Banbury" not in text  # not significant, though rated high for value for money
    assert "Cherwell Local Strategic Partnership" not in text  # dissolved, no 2009 assessment
    assert "quarterly performance report" not in text  # a council-wide plan belongs to no partnership


def test_summary_counts_value_for_money_and_names_the_high_performers() -> None:
    summary = cherwell_view()["summary"]
    assert summary["count"] == 4
    assert summary["assessed"] == 4
    assert summary["governance"] == {"green": 2, "amber": 2, "red": 0, "unrated": 0}
    assert summary["performance"] == {"green": 3, "amber": 0, "red": 0, "unrated": 1}
    assert summary["value_for_money"] == {"high": 2, "medium": 1, "low": 0, "not_assessed": 1}
    assert summary["high_performers"] == ["Cherwell Homelessness Strategy Partnership", "Oxfordshire Waste Partnership"]
    assert (
        summary["high_performers_text"]
        == "Cherwell Homelessness Strategy Partnership and Oxfordshire Waste Partnership"
    )
    text = cherwell("md").decode("utf-8")
    assert (
        "Identified as high performers on value for money: Cherwell Homelessness Strategy Partnership and "
        "Oxfordshire Waste Partnership." in text
    )


def test_each_partnership_carries_achievements_ratings_directions_and_value_for_money() -> None:
    rows = by_name(cherwell_view())
    waste = rows["Oxfordshire Waste Partnership"]
    assert waste["purpose"].startswith("Reduce the waste")
    assert waste["achievements"] == ["Adopted revised Terms of Reference", "Jointly recorded the partnership's risks"]
    assert waste["governance"]["value"] == "green"
    assert waste["direction"]["governance"]["value"] == "improved"
    assert waste["direction"]["performance"]["value"] == "improved"
    assert waste["value_for_money"] == {
        "rating": "high",
        "word": "High",
        "finding": "Member and officer time is well matched by savings from joint waste contracts.",
    }
    planning = rows["Cherwell Community Planning Partnership"]
    assert planning["governance"]["value"] == "amber"
    assert planning["direction"]["governance"]["label"] == "↓ Worse"
    assert planning["direction"]["performance"]["value"] == "unchanged"
    assert planning["issue"] == "Objectives are not yet outcome focused."
    # Nothing was computed to compare with, so the officer's reason is quoted in the rating's own reason.
    assert planning["reasons_given"] == []
    assert planning["governance"]["reason"].startswith(
        "amber as declared (The Annual Audit Letter 2007/08 asked for a sharper focus on outcomes)"
    )
    assert planning["value_for_money"]["word"] == "Medium"
    homelessness = rows["Cherwell Homelessness Strategy Partnership"]
    assert homelessness["performance"]["reason"] == "green: 2 of 2 KPIs on target (100%)"
    economic = rows["Oxfordshire Economic Partnership"]
    assert economic["achievements"] == []
    assert economic["value_for_money"] == {"rating": None, "word": "Not assessed", "finding": ""}
    assert economic["governance"]["reason"] == "amber: principle B rated amber"
    assert economic["direction"]["governance"]["value"] == "new"


def test_key_activities_are_the_open_actions_soonest_first() -> None:
    rows = by_name(cherwell_view())
    waste = rows["Oxfordshire Waste Partnership"]["activities"]
    # complete (2) and cancelled (3) are left out; the earlier target comes first
    assert [(a["id"], a["target"], a["owner"], a["status"]) for a in waste] == [
        ("4", "2009-06-30", "Chief Executive", "Planned"),
        ("1", "2009-09-30", "Head of Environmental Services", "In progress"),
    ]
    homelessness = rows["Cherwell Homelessness Strategy Partnership"]["activities"]
    assert [a["target"] for a in homelessness] == ["2009-10-31", "Ongoing"]
    economic = rows["Oxfordshire Economic Partnership"]["activities"]
    assert [(a["action"], a["overdue"]) for a in economic] == [("Set outcome focused objectives", True)]
    assert rows["Cherwell Community Planning Partnership"]["activities"] == []


def test_register_text_is_escaped_in_markdown_and_html() -> None:
    markdown = cherwell("md").decode("utf-8")
    assert "Issue: Stakeholder engagement \\<needs\\> \\*work\\* \\| across the county." in markdown
    html = cherwell("html").decode("utf-8")
    assert "Stakeholder engagement &lt;needs&gt; *work* | across the county." in html
    assert "<needs>" not in html


def test_annual_docx_tables_cell_by_cell() -> None:
    document = Document(io.BytesIO(cherwell("docx")))
    assert document.core_properties.title == "Working in partnership – annual report 2009"
    assert style(document.paragraphs[0]) == "Title"
    headings = [p.text for p in document.paragraphs if style(p) == "Heading 1"]
    assert headings == [
        "Purpose of report",
        "Summary",
        "Significant partnerships in 2009",
        "Achievements and key activities of each significant partnership",
    ]
    partnerships = [p.text for p in document.paragraphs if style(p) == "Heading 2"]
    assert partnerships == [
        "Cherwell Community Planning Partnership",
        "Cherwell Homelessness Strategy Partnership",
        "Oxfordshire Economic Partnership",
        "Oxfordshire Waste Partnership",
    ]
    tables = document.tables
    # summary: ratings, value for money, overview; then per partnership ratings (+ activities where open)
    assert len(tables) == 3 + 4 + 3
    ratings, vfm, overview = tables[:3]
    assert cells(ratings) == [
        ["Rating", "Green", "Amber", "Red", "Unrated"],
        ["Governance", "2", "2", "0", "0"],
        ["Performance", "3", "0", "0", "1"],
    ]
    assert cells(vfm) == [
        ["Value for money", "High", "Medium", "Low", "Not assessed"],
        ["Significant partnerships", "2", "1", "0", "1"],
    ]
    assert cells(overview) == [
        ["Partnership", "Governance", "Performance", "Value for money"],
        ["Cherwell Community Planning Partnership", "▲ Amber", "● Green", "Medium"],
        ["Cherwell Homelessness Strategy Partnership", "● Green", "● Green", "High"],
        ["Oxfordshire Economic Partnership", "▲ Amber", "○ Unrated", "Not assessed"],
        ["Oxfordshire Waste Partnership", "● Green", "● Green", "High"],
    ]
    assert "w:tblHeader" in overview.rows[0]._tr.xml
    assert 'w:fill="FFE082"' in overview.rows[1].cells[1]._tc.xml
    planning_ratings, homelessness_ratings, homelessness_activities = tables[3:6]
    assert cells(planning_ratings) == [
        ["Area", "Rating", "Against last year", "Reason"],
        [
            "Governance",
            "▲ Amber",
            "↓ Worse",
            "amber as declared (The Annual Audit Letter 2007/08 asked for a sharper focus on outcomes); "
            "not computed: no principle ratings recorded",
        ],
        ["Performance", "● Green", "→ Unchanged", "green as declared; not computed: no KPIs recorded"],
    ]
    assert cells(homelessness_ratings)[2] == [
        "Performance",
        "● Green",
        "→ Unchanged",
        "green: 2 of 2 KPIs on target (100%)",
    ]
    assert cells(homelessness_activities) == [
        ["Key activity", "Target date", "Owner", "Status"],
        ["Agree data sharing with Registered Social Landlords", "2009-10-31", "Head of Housing Services", "Planned"],
        ["Keep the homelessness prevention fund under review", "Ongoing", "Head of Housing Services", "In progress"],
    ]
    economic_activities = tables[7]
    assert cells(economic_activities)[1] == [
        "Set outcome focused objectives",
        "2009-01-31",
        "Head of Economic Development",
        "Overdue: Planned",
    ]
    waste_ratings, waste_activities = tables[8:10]
    assert [row[2] for row in cells(waste_ratings)[1:]] == ["↑ Improved", "↑ Improved"]
    assert [row[0] for row in cells(waste_activities)[1:]] == [
        "Agree the countywide waste strategy targets",
        "Let the joint food waste collection contract",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Finding: Prevention work avoids the cost of temporary accommodation." in text
    assert "Reason given for the governance rating" not in text
    assert "Issue: Objectives are not yet outcome focused." in text
    assert "Adopted revised Terms of Reference" in text
    assert "Identified as high performers on value for money:" in text
    assert len(document.inline_shapes) == 1
    assert document.paragraphs[-1].text.startswith("Built by partreg from the register in register-repo")


def test_bundled_register_says_not_recorded_gracefully() -> None:
    view = annual.build(api.load_register(REPO), request_for(2023, MIDDLESBROUGH_DAY))
    summary = view["summary"]
    assert summary["count"] == 12  # 13 partnerships, one not significant
    assert summary["value_for_money"] == {"high": 0, "medium": 0, "low": 0, "not_assessed": 12}
    assert summary["high_performers"] == []
    text = make(REPO, 2023, MIDDLESBROUGH_DAY, "md").decode("utf-8")
    assert "Value for money was not assessed for any significant partnership in 2023." in text
    assert "Not assessed." in text
    document = Document(io.BytesIO(make(REPO, 2023, MIDDLESBROUGH_DAY, "docx")))
    assert cells(document.tables[1])[1] == ["Significant partnerships", "0", "0", "0", "12"]


def test_unassessed_significant_partnership_is_shown_as_not_assessed(reg: RegisterDir) -> None:
    reg.partnership("safer-streets", name="Safer Streets Board")
    reg.partnership(
        "new-board",
        text=(
            "id: new-board\nname: New Board\nstatus: proposed\nstatutory: no\nsignificant: yes\nlead_officer: A Smith\n"
        ),
    )
    view = annual.build(api.load_register(reg.root), request_for(2023, date(2023, 6, 1)))
    assert [p["name"] for p in view["partnerships"]] == ["Safer Streets Board"]  # proposed and unassessed: left out
    row = view["partnerships"][0]
    assert row["assessed"] is False
    assert row["governance"]["value"] is None
    assert row["activities"] == []
    assert view["summary"]["value_for_money"]["not_assessed"] == 1
    options = ReportOptions("annual", "md")
    text = render_report(api.load_register(reg.root), request_for(2023, date(2023, 6, 1)), options).decode("utf-8")
    assert "No assessment was recorded for 2023." in text
    assert "This report covers 1 significant partnership, 0 of them assessed for 2023." in text


def test_texts_can_be_overridden_by_the_council(reg: RegisterDir) -> None:
    reg.valid()
    templates = reg.root / "templates"
    templates.mkdir()
    source = (REPO / "templates" / "annual.texts.j2").read_text(encoding="utf-8")
    templates.joinpath("annual.texts.j2").write_text(
        source.replace(
            "{% block closing %}{% endblock %}", "{% block closing %}Report of the Chief Executive.{% endblock %}"
        ),
        encoding="utf-8",
    )
    register = api.load_register(reg.root)
    request = request_for(2023, date(2023, 6, 1))
    for output_format in ("md", "html"):
        assert (
            "Report of the Chief Executive."
            in render_report(register, request, ReportOptions("annual", output_format)).decode()
        )
    document = Document(io.BytesIO(render_report(register, request, ReportOptions("annual", "docx"))))
    assert "Report of the Chief Executive." in [p.text for p in document.paragraphs]


def test_same_input_gives_identical_bytes() -> None:
    for output_format in ("md", "html", "docx"):
        assert cherwell(output_format) == cherwell(output_format)
