"""The action-plan progress update (Derby shape), on a Derby-like scenario and on the bundled register."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from partreg import api
from partreg.render.kinds import actions
from partreg.render.provenance import Provenance
from partreg.render.report import ReportOptions, render_report
from partreg.render.view import ReportRequest, View
from tests.support.golden import assert_golden
from tests.support.registers import RegisterDir

REPO = Path(__file__).resolve().parents[2]
DERBY = REPO / "tests" / "fixtures" / "registers" / "actions"
DERBY_TODAY = date(2012, 6, 30)  # "Update – June 2012"
DERBY_PREVIOUS = date(2011, 12, 1)  # "Position as reported to Audit and Accounts committee on 1/12/11"
BUNDLED_TODAY = date(2024, 1, 31)
BUNDLED_PREVIOUS = date(2023, 12, 14)  # the Middlesbrough Audit Committee


def request_for(year: int, today: date, previous: date | None) -> ReportRequest:
    return ReportRequest(year, today, Provenance("register-repo", None, today), previous)


def derby_request(previous: date | None = DERBY_PREVIOUS) -> ReportRequest:
    return request_for(2012, DERBY_TODAY, previous)


def make(root: Path, request: ReportRequest, output_format: str, templates: Path | None = None) -> bytes:
    register = api.load_register(root)
    return render_report(register, request, ReportOptions("actions", output_format, templates))


def derby_view(previous: date | None = DERBY_PREVIOUS) -> View:
    return actions.build(api.load_register(DERBY), derby_request(previous))


def by_ref(view: View) -> dict[str, dict[str, Any]]:
    return {a["full_id"]: a for g in view["groups"] for a in g["actions"]}


# Golden files ------------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_derby_scenario_golden(request: pytest.FixtureRequest, output_format: str) -> None:
    text = make(DERBY, derby_request(), output_format).decode("utf-8")
    assert_golden(request, f"actions-2012.{output_format}", text)


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_derby_scenario_without_previous_golden(request: pytest.FixtureRequest, output_format: str) -> None:
    text = make(DERBY, derby_request(None), output_format).decode("utf-8")
    assert_golden(request, f"actions-2012-no-previous.{output_format}", text)


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_bundled_register_golden(request: pytest.FixtureRequest, output_format: str) -> None:
    text = make(REPO, request_for(2023, BUNDLED_TODAY, BUNDLED_PREVIOUS), output_format).decode("utf-8")
    assert_golden(request, f"actions-2023.{output_format}", text)


# Word --------------------------------------------------------------------------------------

POSITION = "Position as reported to committee on 1 December 2011"
UPDATE = "Update – 30 June 2012"
HEADER = ["Ref", "Further actions agreed", "Owner", "Target", POSITION, UPDATE, "Status"]
KIRSTY = "Kirsty Everson, Head of Integrated Commissioning"
SALLY = "Sally Curtis, Director of Older Adults and Enablement"
HEATHER = "Heather Greenan, Head of Performance and Improvement"


def cells(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_derby_docx_tables_cell_by_cell() -> None:
    document = Document(io.BytesIO(make(DERBY, derby_request(), "docx")))
    assert document.core_properties.title == "Partnership action plan – progress update"
    styles = [p.style.name if p.style else "" for p in document.paragraphs]
    assert styles[0] == "Title"
    assert (
        document.paragraphs[1].text == "Derby City Council; data as at 30 June 2012; previous committee 1 December 2011"
    )
    paragraphs = zip(document.paragraphs, styles, strict=True)
    headings = [(style, p.text) for p, style in paragraphs if style.startswith("Heading")]
    assert headings == [
        ("Heading 1", "Summary"),
        ("Heading 1", "Action plan by partnership"),
        ("Heading 2", "Learning Disability Partnership Board"),
        ("Heading 2", "Derby Adult Safeguarding Board"),
        ("Heading 2", "Marketing Derby"),
        ("Heading 2", "Partnership Toolkit roll-out"),
    ]
    texts = [p.text for p in document.paragraphs]
    assert "Priority level: High (likelihood 4 × impact 5 = 20)" in texts
    assert "Priority level: Medium (declared; likelihood 2 × impact 3 = 6 gives low)" in texts
    assert "Priority level: Not assessed" in texts
    assert "Accountability: Strategic Director Cath Roff (accountable director); Brian Frisby (lead officer)" in texts
    summary, ldpb, safeguarding, marketing, toolkit = document.tables
    assert cells(summary) == [
        ["Partnership", "Priority level", "Actions", "Complete", "Cancelled", "Overdue", "Due soon"],
        ["Learning Disability Partnership Board", "High", "2", "1", "1", "0", "0"],
        ["Derby Adult Safeguarding Board", "Medium", "2", "0", "0", "1", "1"],
        ["Marketing Derby", "Medium", "1", "0", "0", "0", "0"],
        ["Partnership Toolkit roll-out", "Not assessed", "2", "0", "0", "0", "0"],
        ["All actions", "", "7", "1", "1", "1", "1"],
    ]
    assert cells(ldpb) == [
        HEADER,
        [
            "a",
            "Review terms of reference of group to determine status and role of partnership.",
            KIRSTY,
            "2012-03-30",
            "2011-11-15: The terms of this group are being reviewed by the Head of Integrated Commissioning as "
            "part of the Commissioning Restructure Transition Plan.",
            "2012-06-15: Terms of reference have been reviewed. Partnership is not a decision making body – it "
            "is a stakeholder reference group.",
            "Complete (2012-03-28)",
        ],
        [
            "b",
            "Apply Partnership Toolkit business case and partnership agreement where relevant.",
            KIRSTY,
            "2012-03-30",
            "No update reported.",
            "2012-06-15: Not a decision making body. Agreed to remove from high-risk partnership register.",
            "Cancelled",
        ],
    ]
    assert cells(safeguarding) == [
        HEADER,
        [
            "f",
            "Update terms of reference for group to ensure all relevant aspects of template partnership "
            "agreement are covered.",
            SALLY,
            "2012-06-29",
            "2011-11-20: Lead officer has submitted Terms of Reference; accountability, equalities and risk "
            "management were not adequately addressed.",
            "2012-06-20: Roles and responsibilities approved by Cabinet 13 June. Review of ToR on track for end "
            "of June.",
            "Overdue: In progress",
        ],
        [
            "g",
            "Update equality and risk assessments as part of annual planning process.",
            SALLY,
            "2012-07-20",
            "New action, agreed since the previous committee.",
            "2012-06-20: On track.",
            "Due soon: In progress",
        ],
    ]
    assert cells(marketing)[1][4:] == [
        "2011-11-30: Service Level Agreement in place; equalities, risk management and continuity plans could "
        "be strengthened.",
        "No update since the previous committee.",
        "Planned",
    ]
    assert cells(toolkit) == [
        HEADER,
        [
            "k",
            "Publish the toolkit on the *intranet* | staff pages <b>and</b> brief lead officers.",
            HEATHER,
            "2012-12-31",
            "No update reported.",
            "No update reported.",
            "Planned",
        ],
        [
            "m",
            "Report progress on high and medium risk partnerships to Audit and Accounts Committee.",
            HEATHER,
            "Ongoing",
            "No update reported.",
            "2012-06-25: Updated action plan presented to the Committee.",
            "In progress",
        ],
    ]
    for table in document.tables:
        assert "w:tblHeader" in table.rows[0]._tr.xml
    assert len(document.inline_shapes) == 0
    provenance = "Built by partreg from the register in register-repo (not under Git version control); data as of"
    assert document.paragraphs[-1].text == f"{provenance} 2012-06-30."


def test_docx_without_previous_leaves_the_position_column_out() -> None:
    document = Document(io.BytesIO(make(DERBY, derby_request(None), "docx")))
    subtitle = "Derby City Council; data as at 30 June 2012"
    assert document.paragraphs[1].text == subtitle
    for table in document.tables[1:]:
        assert cells(table)[0] == ["Ref", "Further actions agreed", "Owner", "Target", UPDATE, "Status"]
    # With no previous committee, every update up to today is news.
    assert cells(document.tables[3])[1][4].startswith("2011-11-30: Service Level Agreement")


def test_bundled_register_docx() -> None:
    request = request_for(2023, BUNDLED_TODAY, BUNDLED_PREVIOUS)
    document = Document(io.BytesIO(make(REPO, request, "docx")))
    summary = cells(document.tables[0])
    assert summary[-1] == ["All actions", "", "4", "1", "0", "2", "0"]
    assert [cells(t)[1][3] for t in document.tables[1:]] == ["Ongoing", "2023-12-14", "2023-12-31", "2023-12-31"]
    assert [cells(t)[1][6] for t in document.tables[1:]] == [
        "In progress",
        "Complete (2023-12-14)",
        "Overdue: Planned",
        "Overdue: In progress",
    ]


# The view model ----------------------------------------------------------------------------


def test_groups_ordered_by_risk_level_then_name() -> None:
    view = derby_view()
    assert [(g["name"], g["risk"]["label"]) for g in view["groups"]] == [
        ("Learning Disability Partnership Board", "High"),
        ("Derby Adult Safeguarding Board", "Medium"),
        ("Marketing Derby", "Medium"),
        ("Partnership Toolkit roll-out", "Not assessed"),
    ]
    toolkit = view["groups"][-1]
    assert toolkit["council_wide"] is True
    assert toolkit["partnership"] is None
    assert toolkit["accountability"]["text"] == ""
    assert view["groups"][2]["risk"] == {
        "level": "medium",
        "label": "Medium",
        "score": 6,
        "basis": "declared; likelihood 2 × impact 3 = 6 gives low",
    }


def test_summary_counts() -> None:
    view = derby_view()
    assert view["summary"] == {
        "actions": 7,
        "complete": 1,
        "cancelled": 1,
        "overdue": 1,
        "due_soon": 1,
        "open": 5,
        "groups": 4,
    }
    assert view["groups"][1]["counts"] == {
        "actions": 2,
        "complete": 0,
        "cancelled": 0,
        "overdue": 1,
        "due_soon": 1,
        "open": 2,
    }


def test_previous_position_and_update_now() -> None:
    actions_by_ref = by_ref(derby_view())
    a = actions_by_ref["learning-disability-partnership-board#a"]
    assert a["previous"] == {
        "date": "2011-11-15",
        "text": "The terms of this group are being reviewed by the Head of Integrated Commissioning as part of "
        "the Commissioning Restructure Transition Plan.",
    }
    assert a["current"]["date"] == "2012-06-15"
    assert a["current"]["new"] is True
    marketing = actions_by_ref["marketing-derby#l"]
    assert marketing["previous"] is not None
    assert marketing["previous"]["date"] == "2011-11-30"
    assert marketing["current"]["date"] == "2011-11-30"
    assert marketing["current"]["new"] is False
    new_action = actions_by_ref["derby-adult-safeguarding-board#g"]
    assert new_action["previous"] is None
    assert new_action["raised_since_previous"] is True


def test_update_after_today_is_not_shown() -> None:
    m = by_ref(derby_view())["partnership-toolkit#m"]
    assert m["current"] == {
        "date": "2012-06-25",
        "text": "Updated action plan presented to the Committee.",
        "new": True,
    }
    assert "after the data date" not in make(DERBY, derby_request(), "md").decode("utf-8")


def test_overdue_and_due_soon_are_said_in_words() -> None:
    actions_by_ref = by_ref(derby_view())
    f = actions_by_ref["derby-adult-safeguarding-board#f"]
    assert (f["overdue"], f["due_soon"], f["state"]) == (True, False, "Overdue: In progress")
    g = actions_by_ref["derby-adult-safeguarding-board#g"]
    assert (g["overdue"], g["due_soon"], g["state"]) == (False, True, "Due soon: In progress")
    md = make(DERBY, derby_request(), "md").decode("utf-8")
    assert "**Overdue: In progress**" in md
    html = make(DERBY, derby_request(), "html").decode("utf-8")
    assert '<td class="overdue">Overdue: In progress</td>' in html


def test_without_a_previous_date_the_paper_has_no_position_column_and_no_command_line_hint() -> None:
    view = derby_view(None)
    assert view["previous"] is None
    assert all(a["previous"] is None for g in view["groups"] for a in g["actions"])
    for output_format in ("md", "html"):
        text = make(DERBY, derby_request(None), output_format).decode("utf-8")
        assert "Position as reported" not in text
        assert "--previous" not in text  # the command says that on stderr, not in the committee's paper


def test_register_text_is_escaped() -> None:
    md = make(DERBY, derby_request(), "md").decode("utf-8")
    assert r"Publish the toolkit on the \*intranet\* \| staff pages \<b\>and\</b\> brief lead officers." in md
    html = make(DERBY, derby_request(), "html").decode("utf-8")
    assert "&lt;b&gt;and&lt;/b&gt;" in html
    assert "<b>and</b>" not in html


PLAN_ONE = """\
id: {id}
partnership: {partnership}
actions:
  - id: "1"
    action: Action {id}
    owner: Someone
    target: 2030-12-31
"""


def test_two_plans_for_one_partnership_share_a_group_with_full_refs(reg: RegisterDir) -> None:
    reg.partnership("safer-streets")
    reg.partnership("alpha", name="Alpha Board")
    reg.plan("safer-streets-a", text=PLAN_ONE.format(id="safer-streets-a", partnership="safer-streets"))
    reg.plan("safer-streets-b", text=PLAN_ONE.format(id="safer-streets-b", partnership="safer-streets"))
    reg.plan("alpha", text=PLAN_ONE.format(id="alpha", partnership="alpha"))
    reg.write(
        "actions/council-wide.yaml", "id: council-wide\nactions:\n  - {id: x, action: Do, owner: Me, target: ongoing}\n"
    )
    view = actions.build(api.load_register(reg.root), request_for(2023, date(2023, 12, 1), None))
    assert [(g["name"], g["plans"]) for g in view["groups"]] == [
        ("Alpha Board", ["alpha"]),
        ("council-wide", ["council-wide"]),  # no title: named after the plan id; all not assessed, so by name
        ("Safer Streets Board", ["safer-streets-a", "safer-streets-b"]),
    ]
    assert [a["ref"] for a in view["groups"][0]["actions"]] == ["1"]
    assert [a["ref"] for a in view["groups"][2]["actions"]] == ["safer-streets-a#1", "safer-streets-b#1"]
    assert view["groups"][2]["accountability"]["text"] == "A Smith (lead officer)"


def test_empty_register_says_there_are_no_actions(reg: RegisterDir) -> None:
    reg.partnership()
    md = make(reg.root, request_for(2023, date(2023, 12, 1), None), "md").decode("utf-8")
    assert "There are no actions in the register." in md
    document = Document(io.BytesIO(make(reg.root, request_for(2023, date(2023, 12, 1), None), "docx")))
    assert "There are no actions in the register." in [p.text for p in document.paragraphs]


def test_council_can_override_the_texts(tmp_path: Path) -> None:
    builtin = (REPO / "templates" / "actions.texts.j2").read_text(encoding="utf-8")
    own = builtin.replace("{% block closing %}{% endblock %}", "{% block closing %}Signed: {{ council }}{% endblock %}")
    assert own != builtin
    (tmp_path / "actions.texts.j2").write_text(own, encoding="utf-8")
    for output_format in ("md", "html"):
        assert "Signed: Derby City Council" in make(DERBY, derby_request(), output_format, tmp_path).decode("utf-8")
    document = Document(io.BytesIO(make(DERBY, derby_request(), "docx", tmp_path)))
    assert "Signed: Derby City Council" in [p.text for p in document.paragraphs]


def test_same_input_gives_identical_bytes() -> None:
    for output_format in ("md", "html", "docx"):
        assert make(DERBY, derby_request(), output_format) == make(DERBY, derby_request(), output_format)
