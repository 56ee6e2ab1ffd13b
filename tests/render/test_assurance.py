"""The Middlesbrough assurance report from the bundled register, in all three formats."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from partreg import api
from partreg.render.provenance import Provenance
from partreg.render.report import ReportOptions, render_report
from partreg.render.view import ReportRequest
from tests.support.golden import assert_golden

REPO = Path(__file__).resolve().parents[2]
PAPER_DAY = date(2023, 12, 14)  # the Audit Committee meeting


def make(output_format: str) -> bytes:
    register = api.load_register(REPO)
    request = ReportRequest(2023, PAPER_DAY, Provenance("register-repo", None, PAPER_DAY))
    return render_report(register, request, ReportOptions("assurance", output_format))


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_assurance_golden(request: pytest.FixtureRequest, output_format: str) -> None:
    assert_golden(request, f"assurance-2023.{output_format}", make(output_format).decode("utf-8"))


def test_assurance_docx_tables_cell_by_cell() -> None:
    document = Document(io.BytesIO(make("docx")))
    assert document.core_properties.title == "Partnership Governance – annual assurance report 2023"
    styles = [p.style.name if p.style else "" for p in document.paragraphs]
    assert styles[0] == "Title"
    headings = [p.text for p, style in zip(document.paragraphs, styles, strict=True) if style == "Heading 1"]
    assert headings == [
        "Purpose",
        "Governance principles",
        "Summary",
        "2023 Partnership Governance Register",
        "Partnerships rated amber or red",
        "Improvement plan",
    ]
    summary, ratings, register_table, plan = document.tables
    assert [[c.text for c in row.cells] for row in summary.rows] == [
        ["", "Yes", "No"],
        ["Statutory", "8", "5"],
        ["Significant", "12", "1"],
    ]
    assert [[c.text for c in row.cells] for row in ratings.rows][1:] == [
        ["Governance", "12", "1", "0", "0"],
        ["Performance", "11", "2", "0", "0"],
    ]
    rows = [[c.text for c in row.cells] for row in register_table.rows]
    assert rows[0] == [
        "Partnership",
        "Statutory",
        "Significant",
        "Governance",
        "Performance",
        "Direction (governance / performance)",
    ]
    assert len(rows) == 14
    assert ["North East Migration Partnership", "No", "Yes", "▲ Amber", "● Green", "+ New / + New"] in rows
    assert [
        "Childrens Services Executive Improvement Board",
        "No",
        "Yes",
        "● Green",
        "▲ Amber*",
        "+ New / + New",
    ] in rows
    widths = [column.width or 0 for column in register_table.columns]
    assert widths[0] == max(widths)  # the partnership's name gets the room
    assert widths[1] >= 1094  # but "Statutory" stays whole: the bold word at 10 pt and the cell margins, in twips
    header_xml = register_table.rows[0]._tr.xml
    assert "w:tblHeader" in header_xml
    amber_cell = next(r for r in register_table.rows if r.cells[0].text == "North East Migration Partnership").cells[3]
    assert 'w:fill="FFE082"' in amber_cell._tc.xml
    plan_rows = [[c.text for c in row.cells] for row in plan.rows]
    assert plan_rows[0] == ["Partnership", "Issue", "Planned action", "Target date", "LMT lead", "Status"]
    assert [row[3] for row in plan_rows[1:]] == ["Ongoing", "2023-12-14", "2023-12-31", "2023-12-31"]
    assert len(document.inline_shapes) == 2


def test_assurance_carries_the_papers_amber_texts() -> None:
    text = make("md").decode("utf-8")
    assert "The partnership has had some capacity issues during 2022/23" in text
    assert "KPIs to measure impact have started to be developed" in text
    assert "| Statutory | 8 | 5 |" in text


def test_same_input_gives_identical_bytes() -> None:
    for output_format in ("md", "html", "docx"):
        assert make(output_format) == make(output_format)
