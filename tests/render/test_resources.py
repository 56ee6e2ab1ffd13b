"""The resources report in the shape of the Harborough paper (004_...), in all three formats.

The scenario register (tests/fixtures/registers/resources/) holds the five LLEP rows of the
paper's §4.1 table exactly, plus Welland and untagged partnerships (test data). The LLEP table
must total 104 officer hours and £538,000, as the paper's does.
"""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from partreg import api
from partreg.render.kinds import resources
from partreg.render.provenance import Provenance
from partreg.render.report import ReportOptions, render_report
from partreg.render.view import ReportRequest, View
from tests.support.golden import assert_golden
from tests.support.registers import RegisterDir

REPO = Path(__file__).resolve().parents[2]
HARBOROUGH = REPO / "tests" / "fixtures" / "registers" / "resources"
PAPER_DAY = date(2014, 1, 16)  # the Scrutiny Panel meeting
MIDDLESBROUGH_DAY = date(2023, 12, 14)
HOURS = "Officer hours per month (including preparation, meeting time & follow up)"
HOURS_ESTIMATED = "Officer hours per month* (including preparation, meeting time & follow up)"
LLEP_ROWS = [
    ["Better Business Partnership (Planning Partnership & Regulatory Services Partnership)", "4", "£0"],
    ["Broadband Leicestershire Programme Board", "40", "£530,000"],
    ["Housing Planning & Infrastructure Group", "20", "£0"],
    ["Leicester & Leicestershire Economic Partnership Board", "0", "£8,000"],
    ["LLEP Private Sector Growth Group", "40", "£0"],
]


def _request(year: int, day: date) -> ReportRequest:
    return ReportRequest(year, day, Provenance("register-repo", None, day))


def make(output_format: str, root: Path = HARBOROUGH, year: int = 2014, day: date = PAPER_DAY) -> bytes:
    register = api.load_register(root)
    return render_report(register, _request(year, day), ReportOptions("resources", output_format))


def view_of(root: Path = HARBOROUGH, year: int = 2014, day: date = PAPER_DAY) -> View:
    return resources.build(api.load_register(root), _request(year, day))


def style_name(paragraph: Any) -> str:
    return str(paragraph.style.name) if paragraph.style is not None else ""


def cells(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


# --- golden files -------------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_harborough_golden(request: pytest.FixtureRequest, output_format: str) -> None:
    assert_golden(request, f"resources-harborough-2014.{output_format}", make(output_format).decode("utf-8"))


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_bundled_register_golden(request: pytest.FixtureRequest, output_format: str) -> None:
    text = make(output_format, REPO, 2023, MIDDLESBROUGH_DAY).decode("utf-8")
    assert_golden(request, f"resources-2023.{output_format}", text)


# --- the LLEP table, as the paper prints it -----------------------------------------------------


def test_llep_table_in_markdown_totals_104_hours_and_538000() -> None:
    text = make("md").decode("utf-8")
    table = text.split("### Partnerships tagged llep\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert table == [
        "| Partnership | Officer hours per month\\* (including preparation, meeting time & follow up) "
        "| Financial contribution |",
        "|---|---:|---:|",
        *(f"| {name} | {hours} | {money} |" for name, hours, money in LLEP_ROWS),
        "| TOTAL | 104 | £538,000 |",
    ]
    after = text.split("| TOTAL | 104 | £538,000 |\n\n", 1)[1]
    assert after.startswith("\\*Rough estimate\n")


def test_llep_table_in_html_totals_104_hours_and_538000() -> None:
    html = make("html").decode("utf-8")
    table = html.split("<caption>Partnerships tagged llep</caption>", 1)[1].split("</table>", 1)[0]
    assert (
        '<th scope="col" class="number">Officer hours per month* (including preparation, meeting time &amp; '
        "follow up)</th>"
    ) in table
    assert (
        '<tr><th scope="row">Broadband Leicestershire Programme Board</th>'
        '<td class="number">40</td><td class="number">£530,000</td></tr>'
    ) in table
    assert (
        '<tfoot>\n<tr class="total"><th scope="row">TOTAL</th>'
        '<td class="number">104</td><td class="number">£538,000</td></tr>\n</tfoot>'
    ) in table
    assert (
        html.split("<caption>Partnerships tagged llep</caption>", 1)[1]
        .split("</table>\n", 1)[1]
        .startswith('<p class="footnote">*Rough estimate</p>')
    )
    assert "Welland Partnership Board" not in html  # withdrawn


def test_docx_tables_cell_by_cell() -> None:
    document = Document(io.BytesIO(make("docx")))
    assert document.core_properties.title == "Partnership register and resources 2014"
    assert style_name(document.paragraphs[0]) == "Title"
    headings = [(style_name(p), p.text) for p in document.paragraphs if style_name(p).startswith("Heading")]
    assert headings == [
        ("Heading 1", "Purpose"),
        ("Heading 1", "Partnership Register"),
        ("Heading 1", "Resources by tag"),
        ("Heading 2", "Partnerships tagged llep"),
        ("Heading 2", "Partnerships tagged welland"),
        ("Heading 2", "Partnerships with no tag"),
        ("Heading 2", "Overall total"),
        ("Heading 1", "Summary of key recommendations"),
        ("Heading 2", "Recommendations to increase current resource input into partnerships"),
        ("Heading 2", "Recommendations to maintain current resource input into partnerships"),
        ("Heading 2", "Key recommendations to review current resource input into partnerships"),
        ("Heading 2", "Recommendations to withdraw from partnerships"),
    ]
    register_table, llep, welland, untagged, overall = document.tables
    for table in document.tables:
        assert "w:tblHeader" in table.rows[0]._tr.xml

    assert cells(register_table) == [
        ["Partnership", "Representation", HOURS, "Financial contribution", "Risk", "Value", "Recommendation"],
        [
            "Better Business Partnership (Planning Partnership & Regulatory Services Partnership)",
            "Test Officer B, Regulatory Services Manager (officer)",
            "4*", "£0*", "Low", "Medium", "Maintain",
        ],
        [
            "Broadband Leicestershire Programme Board",
            "Test Officer C, Director of Resources (officer); Cllr Test Member D, Portfolio Holder (member)",
            "40*", "£530,000*", "High", "High", "Maintain",
        ],
        [
            "Housing Planning & Infrastructure Group", "Test Officer E (officer)",
            "20*", "£0*", "Not assessed", "Medium", "Not recorded",
        ],
        [
            "Leicester & Leicestershire Economic Partnership Board", "Not represented",
            "0*", "£8,000*", "High", "High", "Increase",
        ],
        [
            "Leicestershire Rural Partnership", "Not represented",
            "Not recorded", "Not recorded", "Not assessed", "Medium", "Increase",
        ],
        [
            "LLEP Private Sector Growth Group", "Test Officer A, Business Manager (officer)",
            "40*", "£0*", "Medium", "High", "Increase",
        ],
        ["Stepping Stones Partnership", "Not recorded", "Not recorded", "£4,000", "Medium", "Not recorded", "Review"],
        [
            "Welland Audit Partnership", "Test Officer G, Head of Finance (officer)",
            "3", "£12,000.50", "Low", "High", "Maintain",
        ],
        [
            "Welland Market Towns Group", "Test Officer F, Regeneration Officer (officer)",
            "2.5*", "£1,500*", "Low", "Low", "Withdraw",
        ],
    ]  # fmt: skip
    assert cells(llep) == [
        ["Partnership", HOURS_ESTIMATED, "Financial contribution"],
        *LLEP_ROWS,
        ["TOTAL", "104", "£538,000"],
    ]
    assert cells(welland) == [
        ["Partnership", HOURS, "Financial contribution"],
        ["Welland Audit Partnership", "3", "£12,000.50"],
        ["Welland Market Towns Group", "2.5*", "£1,500*"],
        ["TOTAL", "5.5*", "£13,500.50*"],
    ]
    assert cells(untagged) == [
        ["Partnership", HOURS, "Financial contribution"],
        ["Leicestershire Rural Partnership", "Not recorded", "Not recorded"],
        ["Stepping Stones Partnership", "Not recorded", "£4,000"],
        ["TOTAL", "Not recorded", "£4,000 (1 not recorded)"],  # none recorded is not 0 hours
    ]
    assert cells(overall) == [
        ["Tag", "Partnerships", HOURS, "Financial contribution"],
        ["llep", "5", "104*", "£538,000*"],
        ["welland", "2", "5.5*", "£13,500.50*"],
        ["No tag", "2", "Not recorded", "£4,000 (1 not recorded)"],
        ["TOTAL", "9", "109.5* (2 not recorded)", "£555,500.50* (1 not recorded)"],
    ]
    texts = [p.text for p in document.paragraphs]
    assert texts.count("*Rough estimate") == 4  # register, llep, welland and overall; not the untagged table
    withdraw = texts.index("Recommendations to withdraw from partnerships")
    assert texts[withdraw + 1] == (
        "Welland Market Towns Group: Assessed as low value; withdraw formally from the Welland Market Towns Group."
    )
    assert "Broadband Leicestershire Programme Board: No rationale recorded." in texts
    assert "Welland Partnership Board" not in "\n".join(texts)


def test_bundled_register_docx_says_nothing_is_recorded_without_tables() -> None:
    document = Document(io.BytesIO(make("docx", REPO, 2023, MIDDLESBROUGH_DAY)))
    assert document.tables == []
    texts = [p.text for p in document.paragraphs]
    assert "It covers the 13 partnerships on the register that are not dissolved or withdrawn." in texts
    assert (
        "No officer hours or financial contributions are recorded for any of these partnerships, "
        "so there are no resource totals to show."
    ) in texts
    assert "Tees Valley Combined Authority (TVCA)" in texts
    assert "TOTAL" not in texts
    assert not any("Rough estimate" in text for text in texts)


# --- the view model -----------------------------------------------------------------------------


def test_view_llep_group_totals_and_the_header_mark() -> None:
    view = view_of()
    assert [g["tag"] for g in view["tags"]] == ["llep", "welland"]
    llep = view["tags"][0]
    assert llep["total"] == {
        "count": 5,
        "hours": "104",
        "hours_value": 104.0,
        "money": "£538,000",
        "money_value": 538000,
    }
    assert (llep["mark"], llep["footnote"]) == ("*", True)  # every figure estimated: the header says so
    assert [p["hours"] for p in llep["partnerships"]] == ["4", "40", "20", "0", "40"]
    welland = view["tags"][1]
    assert (welland["mark"], welland["footnote"]) == ("", True)  # mixed: each estimated figure is marked
    assert welland["total"]["money"] == "£13,500.50*"
    assert view["untagged"]["footnote"] is False
    assert view["overall"]["money_value"] == 555500.5
    assert view["charts"] == {}


def test_view_leaves_out_dissolved_and_withdrawn() -> None:
    view = view_of()
    assert (view["count"], view["left_out"]) == (9, 1)
    assert "welland-partnership-board" not in [p["id"] for p in view["partnerships"]]
    assert view["tags"][1]["total"]["count"] == 2


def test_view_representation_empty_absent_and_named() -> None:
    rows = {p["id"]: p["representation"] for p in view_of()["partnerships"]}
    assert rows["leicester-and-leicestershire-economic-partnership-board"] == {
        "text": "Not represented",
        "represented": False,
        "people": [],
    }
    assert rows["stepping-stones-partnership"] == {"text": "Not recorded", "represented": None, "people": []}
    assert rows["broadband-leicestershire-programme-board"]["people"] == [
        {"name": "Test Officer C", "role": "officer", "position": "Director of Resources"},
        {"name": "Cllr Test Member D", "role": "member", "position": "Portfolio Holder"},
    ]


def test_view_recommendations_in_harborough_order() -> None:
    sections = view_of()["recommendations"]
    assert [(s["action"], [p["id"] for p in s["partnerships"]]) for s in sections] == [
        (
            "increase",
            [
                "leicester-and-leicestershire-economic-partnership-board",
                "leicestershire-rural-partnership",
                "llep-private-sector-growth-group",
            ],
        ),
        (
            "maintain",
            ["better-business-partnership", "broadband-leicestershire-programme-board", "welland-audit-partnership"],
        ),
        ("review", ["stepping-stones-partnership"]),
        ("withdraw", ["welland-market-towns-group"]),
    ]  # no `reduce` section: nothing is recommended for reduction


def test_view_is_plain_data() -> None:
    def check(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                check(item)
        elif isinstance(value, list):
            for item in value:
                check(item)
        else:
            assert value is None or isinstance(value, str | int | float | bool), repr(value)

    view = view_of()
    check({key: value for key, value in view.items() if key != "charts"})


def _partnership(reg: RegisterDir, pid: str, extra: str) -> None:
    reg.partnership(
        pid, text=f"id: {pid}\nname: {pid.title()}\nstatutory: no\nsignificant: no\nlead_officer: X\n{extra}"
    )


def test_partnership_with_two_tags_counted_once_overall(reg: RegisterDir) -> None:
    _partnership(
        reg, "shared", "tags: [beta, alpha]\nresources: {officer_hours_per_month: 10, financial_contribution: 100}"
    )
    _partnership(reg, "only-alpha", "tags: [alpha]\nresources: {officer_hours_per_month: 1, financial_contribution: 1}")
    view = view_of(reg.root, 2023, MIDDLESBROUGH_DAY)
    assert [(g["tag"], g["total"]["hours"], g["total"]["money"]) for g in view["tags"]] == [
        ("alpha", "11", "£101"),
        ("beta", "10", "£100"),
    ]
    assert (view["overall"]["count"], view["overall"]["hours"], view["overall"]["money"]) == (2, "11", "£101")
    assert view["untagged"] is None
    assert view["footnote"] is False
    text = make("md", reg.root, 2023, MIDDLESBROUGH_DAY).decode("utf-8")
    assert "Rough estimate" not in text
    assert "| TOTAL | 2 | 11 | £101 |" in text
    assert "### Partnerships with no tag" not in text


def test_register_hostile_text_is_escaped(reg: RegisterDir) -> None:
    _partnership(
        reg,
        "odd",
        "representatives:\n  - {name: '<b>Cllr</b> | x', role: member}\n"
        "recommendation: {action: reduce, rationale: '*bold* <script>'}\nresources: {financial_contribution: 5}",
    )
    markdown = make("md", reg.root, 2023, MIDDLESBROUGH_DAY).decode("utf-8")
    assert "\\<b\\>Cllr\\</b\\> \\| x (member)" in markdown
    assert "\\*bold\\* \\<script\\>" in markdown
    assert "### Recommendations to reduce resource input into partnerships" in markdown
    html = make("html", reg.root, 2023, MIDDLESBROUGH_DAY).decode("utf-8")
    assert "&lt;b&gt;Cllr&lt;/b&gt; | x (member)" in html
    assert "<script>" not in html


def test_council_can_override_the_texts(tmp_path: Path) -> None:
    root = tmp_path / "council"
    shutil.copytree(HARBOROUGH, root)
    (root / "templates").mkdir()
    (root / "templates" / "resources.texts.j2").write_text(
        (REPO / "templates" / "resources.texts.j2")
        .read_text(encoding="utf-8")
        .replace("Partnerships tagged {tag}", "Partnerships in the {tag} family"),
        encoding="utf-8",
    )
    text = make("md", root).decode("utf-8")
    assert "### Partnerships in the llep family" in text
    document = Document(io.BytesIO(make("docx", root)))
    assert "Partnerships in the welland family" in [p.text for p in document.paragraphs]


def test_same_input_gives_identical_bytes() -> None:
    for output_format in ("md", "html", "docx"):
        assert make(output_format) == make(output_format)
