"""YAML text -> read_document -> build_record: each schema error, in plain words, at its position.

Positions are 1-based (line, col): of the offending value, or of the key for an unknown
key, a key written empty, or (for a missing key) of the mapping it is missing from.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from textwrap import dedent
from typing import TypeVar

import pytest
from pydantic import BaseModel

from partreg.load.yaml_reader import read_document
from partreg.model.assessment import Assessment
from partreg.model.base import Document as RecordDocument
from partreg.model.build import build_record
from partreg.model.partnership import Partnership
from partreg.model.plan import ActionPlan
from partreg.model.policy import Policy
from partreg.problems import Problem, Severity

ModelT = TypeVar("ModelT", bound=BaseModel)

PATH = "register/partnerships/x.yaml"

# The five required partnership fields, on lines 1-5; tests add their lines from line 6.
BASE = """\
id: x
name: X
statutory: no
significant: yes
lead_officer: Jo
"""


def build(text: str, model: type[ModelT]) -> tuple[ModelT | None, list[Problem]]:
    doc, problems = read_document(PATH, dedent(text).encode("utf-8"))
    assert problems == [], problems
    assert doc is not None
    return build_record(doc, model)


def parse(text: str, model: type[ModelT]) -> ModelT:
    record, problems = build(text, model)
    assert problems == [], show(problems)
    assert record is not None
    return record


def problems_of(text: str, model: type[BaseModel]) -> list[Problem]:
    record, problems = build(text, model)
    assert record is None
    assert problems, "expected at least one problem"
    for problem in problems:
        assert problem.path == PATH
        assert problem.severity is Severity.ERROR
    return problems


def show(problems: list[Problem]) -> str:
    return "\n".join(f"{p.code} {p.line}:{p.col} {p.message} | {p.hint}" for p in problems)


def expect(problems: list[Problem], code: str, at: tuple[int, int], message: str, hint: str = "") -> Problem:
    """Exactly one problem with this code, position and message; its hint contains `hint`."""
    here = [p for p in problems if p.code == code and (p.line, p.col) == at and message in p.message]
    assert len(here) == 1, f"want one {code} at {at} saying {message!r}, got:\n{show(problems)}"
    assert hint in here[0].hint, show(problems)
    return here[0]


def only(problems: list[Problem], code: str, at: tuple[int, int], message: str, hint: str = "") -> Problem:
    assert len(problems) == 1, show(problems)
    return expect(problems, code, at, message, hint)


# --- required fields ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "text", "required"),
    [
        (Partnership, "purpose: p\n", ["id", "name", "statutory", "significant", "lead_officer"]),
        (Assessment, "period: 2022/23\n", ["partnership", "year"]),
        (ActionPlan, "title: t\n", ["id", "actions"]),
    ],
)
def test_missing_top_level_fields_are_reported_at_the_top(
    model: type[BaseModel], text: str, required: list[str]
) -> None:
    problems = problems_of(text, model)
    assert len(problems) == len(required), show(problems)
    for name in required:
        expect(problems, "S002", (1, 1), f"`{name}` is required", f"add `{name}:` with a value")


@pytest.mark.parametrize("missing", ["id", "name", "statutory", "significant", "lead_officer"])
def test_each_missing_partnership_field_alone(missing: str) -> None:
    text = "".join(line + "\n" for line in BASE.splitlines() if not line.startswith(missing + ":"))
    only(problems_of(text, Partnership), "S002", (1, 1), f"`{missing}` is required")


@pytest.mark.parametrize("missing", ["id", "action", "owner", "target"])
def test_missing_action_field_is_reported_at_the_action(missing: str) -> None:
    fields = {"id": "a", "action": "Agree terms", "owner": "Jo", "target": "2024-03-31"}
    lines = [f"{key}: {value}" for key, value in fields.items() if key != missing]
    text = "id: plan\nactions:\n  - " + "\n    ".join(lines) + "\n"
    only(problems_of(text, ActionPlan), "S002", (3, 5), f"`actions.1.{missing}` is required", f"add `{missing}:`")


def test_missing_fields_of_several_actions_each_at_their_item() -> None:
    text = """\
        id: plan
        actions:
          - id: a
          - action: x
            status: done
        """
    problems = problems_of(text, ActionPlan)
    assert len(problems) == 7, show(problems)
    for name in ("action", "owner", "target"):
        expect(problems, "S002", (3, 5), f"`actions.1.{name}` is required")
    for name in ("id", "owner", "target"):
        expect(problems, "S002", (4, 5), f"`actions.2.{name}` is required")
    expect(problems, "S001", (5, 13), "`done` is not an action status", "write one of: planned, in-progress")


@pytest.mark.parametrize(
    ("model", "text", "at", "message"),
    [
        (Partnership, BASE + "representatives:\n  - role: officer\n", (7, 5), "`representatives.1.name` is required"),
        (Partnership, BASE + "representatives:\n  - name: A\n", (7, 5), "`representatives.1.role` is required"),
        (
            Assessment,
            "partnership: x\nyear: 2023\nperformance:\n  kpis:\n    - target: 90\n",
            (5, 7),
            "`performance.kpis.1.name` is required",
        ),
        (
            Assessment,
            "partnership: x\nyear: 2023\nperformance:\n  kpis:\n    - name: Visits\n",
            (5, 7),
            "`performance.kpis.1.target` is required",
        ),
        (
            ActionPlan,
            "id: p\nactions:\n  - id: a\n    action: b\n    owner: c\n    target: ongoing\n"
            "    updates:\n      - text: Started\n",
            (8, 9),
            "`actions.1.updates.1.date` is required",
        ),
        (Policy, "principles:\n  - id: A\n", (2, 5), "`principles.1.title` is required"),
    ],
)
def test_missing_nested_field_is_reported_at_its_item(
    model: type[BaseModel], text: str, at: tuple[int, int], message: str
) -> None:
    only(problems_of(text, model), "S002", at, message)


@pytest.mark.parametrize("empty", ["", " ~", " null", " Null", " NULL"])
def test_required_key_written_empty_is_reported_at_the_key(empty: str) -> None:
    text = BASE.replace("name: X", "name:" + empty)
    only(problems_of(text, Partnership), "S002", (2, 1), "`name` is empty", "give `name` a value")


def test_required_nested_key_written_empty_is_reported_at_the_key() -> None:
    text = BASE + "representatives:\n  - name:\n    role: member\n"
    only(problems_of(text, Partnership), "S002", (7, 5), "`representatives.1.name` is empty")


def test_required_list_written_empty_is_empty() -> None:
    only(problems_of("id: p\nactions:\n", ActionPlan), "S002", (2, 1), "`actions` is empty")


def test_quoted_empty_text_is_not_text() -> None:
    text = BASE.replace("name: X", "name: ''")
    only(problems_of(text, Partnership), "S001", (2, 7), "expected text, found an empty value")


# --- unknown keys ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "text", "at", "key", "suggestion"),
    [
        (Partnership, BASE + "lead_oficer: Jo\n", (6, 1), "lead_oficer", "lead_officer"),
        (Partnership, BASE + "resources:\n  officer_hours: 3\n", (7, 3), "officer_hours", "officer_hours_per_month"),
        (Partnership, BASE + "documents:\n  busines_case:\n    held: yes\n", (7, 3), "busines_case", "business_case"),
        (
            Partnership,
            BASE + "representatives:\n  - name: A\n    role: officer\n    positon: Chair\n",
            (9, 5),
            "positon",
            "position",
        ),
        (Partnership, BASE + "risk:\n  likelyhood: 3\n", (7, 3), "likelyhood", "likelihood"),
        (Partnership, BASE + "statutory_bases: Act\n", (6, 1), "statutory_bases", "statutory_basis"),
        (Assessment, "partnership: x\nyear: 2023\nprinciples:\n  A:\n    ratin: Green\n", (5, 5), "ratin", "rating"),
        (Assessment, "partnership: x\nyear: 2023\nperfomance:\n  rating: red\n", (3, 1), "perfomance", "performance"),
        (
            ActionPlan,
            "id: p\nactions:\n  - id: a\n    action: b\n    ownr: c\n    owner: c\n    target: ongoing\n",
            (5, 5),
            "ownr",
            "owner",
        ),
        (Policy, "rag:\n  performance:\n    green: 0.9\n", (3, 5), "green", "green_at"),
    ],
)
def test_unknown_key_suggests_the_close_one(
    model: type[BaseModel], text: str, at: tuple[int, int], key: str, suggestion: str
) -> None:
    only(problems_of(text, model), "S003", at, f"unknown key `{key}`", f"did you mean `{suggestion}`?")


def test_unknown_key_with_nothing_close_lists_the_allowed_keys() -> None:
    problem = only(problems_of(BASE + "zzzqqq: 1\n", Partnership), "S003", (6, 1), "unknown key `zzzqqq`")
    assert problem.hint.startswith("allowed keys here: accountable_director, documents, ")
    assert "lead_officer" in problem.hint
    assert "put council data under `custom:`" in problem.hint


def test_nested_unknown_key_lists_that_mappings_keys() -> None:
    problem = only(problems_of(BASE + "resources:\n  zzz: 1\n", Partnership), "S003", (7, 3), "unknown key `zzz`")
    assert problem.hint == "allowed keys here: estimate, financial_contribution, officer_hours_per_month"


def test_unknown_key_with_a_mapping_value_is_reported_at_the_key() -> None:
    text = BASE + "lead_oficer:\n  name: Jo\n"
    only(problems_of(text, Partnership), "S003", (6, 1), "unknown key `lead_oficer`", "did you mean `lead_officer`?")


@pytest.mark.parametrize("empty", ["", " ~"])
def test_unknown_key_written_empty_is_still_unknown(empty: str) -> None:
    text = BASE + "lead_oficer:" + empty + "\n"
    only(problems_of(text, Partnership), "S003", (6, 1), "unknown key `lead_oficer`", "did you mean `lead_officer`?")


@pytest.mark.parametrize("model", [Partnership, Assessment, ActionPlan, Policy])
def test_custom_takes_anything(model: type[RecordDocument]) -> None:
    head = {
        Partnership: BASE,
        Assessment: "partnership: x\nyear: 2023\n",
        ActionPlan: "id: p\nactions: []\n",
        Policy: "",
    }[model]
    text = head + dedent(
        """\
        custom:
          code: 0123
          lead_oficer: Jo
          nested:
            deeper:
              - a
              - {b: [1, 2]}
          list: [x, y]
          nothing:
        """
    )
    record = parse(text, model)
    assert record.custom == {
        "code": "0123",
        "lead_oficer": "Jo",
        "nested": {"deeper": ["a", {"b": ["1", "2"]}]},
        "list": ["x", "y"],
    }


def test_custom_on_an_action_takes_anything() -> None:
    text = "id: p\nactions:\n  - id: a\n    action: b\n    owner: c\n    target: ongoing\n    custom:\n      x: [1]\n"
    plan = parse(text, ActionPlan)
    assert plan.actions[0].custom == {"x": ["1"]}


# --- wrong shapes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "text", "at", "message"),
    [
        (Partnership, BASE + "resources:\n  - 1\n", (7, 3), "`resources` must be a mapping"),
        (Partnership, BASE + "risk: high\n", (6, 7), "`risk` must be a mapping"),
        (
            Partnership,
            BASE + "documents:\n  business_case: yes\n",
            (7, 18),
            "`documents.business_case` must be a mapping",
        ),
        (Partnership, BASE + "representatives:\n  - Jo Bloggs\n", (7, 5), "`representatives.1` must be a mapping"),
        (Partnership, BASE + "custom: text\n", (6, 9), "`custom` must be a mapping"),
        (Assessment, "partnership: x\nyear: 2023\nprinciples: [a]\n", (3, 13), "`principles` must be a mapping"),
        (Policy, "rag: strict\n", (1, 6), "`rag` must be a mapping"),
    ],
)
def test_text_or_list_where_a_mapping_is_expected(
    model: type[BaseModel], text: str, at: tuple[int, int], message: str
) -> None:
    problem = only(problems_of(text, model), "S001", at, message)
    assert "indented below it" in problem.hint


@pytest.mark.parametrize(
    ("model", "text", "at", "message"),
    [
        (Partnership, BASE + "partners: Council\n", (6, 11), "`partners` must be a list"),
        (Partnership, BASE + "tags: governance\n", (6, 7), "`tags` must be a list"),
        (Partnership, BASE + "representatives:\n  name: Jo\n", (7, 3), "`representatives` must be a list"),
        (ActionPlan, "id: p\nactions: nope\n", (2, 10), "`actions` must be a list"),
        (
            Assessment,
            "partnership: x\nyear: 2023\nperformance:\n  kpis: none recorded\n",
            (4, 9),
            "`performance.kpis` must be a list",
        ),
        (
            Policy,
            "minimum_standard:\n  other: terms_of_reference\n",
            (2, 10),
            "`minimum_standard.other` must be a list",
        ),
    ],
)
def test_text_or_mapping_where_a_list_is_expected(
    model: type[BaseModel], text: str, at: tuple[int, int], message: str
) -> None:
    only(problems_of(text, model), "S001", at, message, "write one `- item` per line")


@pytest.mark.parametrize(
    ("text", "at", "message", "hint"),
    [
        (BASE.replace("name: X", "name:\n  first: X"), (3, 3), "`name`: expected text, found a mapping", "e.g."),
        (BASE + "start_date: [2023-01-01]\n", (6, 13), "`start_date`: expected a date, found a list", "2023-12-31"),
        (
            BASE.replace("statutory: no", "statutory: [no]"),
            (3, 12),
            "`statutory`: expected yes or no, found a list",
            "",
        ),
    ],
)
def test_mapping_or_list_where_a_single_value_is_expected(
    text: str, at: tuple[int, int], message: str, hint: str
) -> None:
    only(problems_of(text, Partnership), "S001", at, message, hint)


# --- bad values -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "text", "at", "message", "hint"),
    [
        (
            Partnership,
            BASE + "status: Gone\n",
            (6, 9),
            "`status`: `Gone` is not a status",
            "write one of: active, proposed, under-review, dissolved, withdrawn",
        ),
        (
            Partnership,
            BASE + "representatives:\n  - name: A\n    role: boss\n",
            (8, 11),
            "`representatives.1.role`: `boss` is not a role",
            "write one of: officer, member",
        ),
        (
            Partnership,
            BASE + "recommendation:\n  action: grow\n",
            (7, 11),
            "`recommendation.action`: `grow` is not a recommendation",
            "write one of: increase, maintain, review, reduce, withdraw",
        ),
        (
            Partnership,
            BASE + "risk:\n  level: extreme\n",
            (7, 10),
            "`risk.level`: `extreme` is not a level",
            "write one of: high, medium, low",
        ),
        (Partnership, BASE + "value: huge\n", (6, 8), "`value`: `huge` is not a level", "high, medium, low"),
        (
            ActionPlan,
            "id: p\nactions:\n  - id: a\n    action: b\n    owner: c\n    target: ongoing\n    status: done\n",
            (7, 13),
            "`actions.1.status`: `done` is not an action status",
            "write one of: planned, in-progress, complete, cancelled",
        ),
        (
            Assessment,
            "partnership: x\nyear: 2023\ngovernance:\n  rating: Purple\n",
            (4, 11),
            "`governance.rating`: `Purple` is not a RAG rating",
            "write one of: green, amber, red",
        ),
        (
            Assessment,
            "partnership: x\nyear: 2023\nvalue_for_money:\n  rating: good\n",
            (4, 11),
            "`value_for_money.rating`: `good` is not a level",
            "high, medium, low",
        ),
        (
            Policy,
            "minimum_standard:\n  significant: [business_case, bogus]\n",
            (2, 32),
            "`minimum_standard.significant.2`: `bogus` is not a minimum-standard document",
            "business_case, partnership_agreement, terms_of_reference",
        ),
        (
            Policy,
            "rag:\n  performance:\n    no_kpis: grey\n",
            (3, 14),
            "`rag.performance.no_kpis`: `grey` is not a RAG rating",
            "green, amber, red",
        ),
    ],
)
def test_a_word_outside_its_set_lists_the_allowed_words(
    model: type[BaseModel], text: str, at: tuple[int, int], message: str, hint: str
) -> None:
    only(problems_of(text, model), "S001", at, message, hint)


@pytest.mark.parametrize(("score", "col"), [("0", 15), ("6", 15), ("-1", 15)])
def test_risk_likelihood_outside_one_to_five(score: str, col: int) -> None:
    text = BASE + f"risk:\n  likelihood: {score}\n"
    only(
        problems_of(text, Partnership),
        "S001",
        (7, col),
        f"`risk.likelihood`: `{score}` is outside 1 to 5",
        "write a whole number from 1 to 5",
    )


def test_risk_impact_outside_one_to_five_and_not_whole() -> None:
    problems = problems_of(BASE + "risk:\n  likelihood: 2.5\n  impact: 6\n", Partnership)
    assert len(problems) == 2, show(problems)
    expect(problems, "S001", (7, 15), "`risk.likelihood`: `2.5` is not a whole number")
    expect(problems, "S001", (8, 11), "`risk.impact`: `6` is outside 1 to 5")


def test_year_in_words() -> None:
    text = "partnership: x\nyear: twenty\n"
    only(problems_of(text, Assessment), "S001", (2, 7), "`year`: `twenty` is not a whole number", "e.g. 2023")


def test_kpi_target_with_a_percent_sign() -> None:
    text = "partnership: x\nyear: 2023\nperformance:\n  kpis:\n    - name: Visits\n      target: 90%\n"
    only(
        problems_of(text, Assessment),
        "S001",
        (6, 15),
        "`performance.kpis.1.target`: `90%` is not a number",
        "put any unit in `unit`",
    )


def test_documents_held_maybe() -> None:
    text = BASE + "documents:\n  business_case:\n    held: maybe\n"
    only(
        problems_of(text, Partnership),
        "S001",
        (8, 11),
        "`documents.business_case.held`: `maybe` is not yes or no",
        "write yes or no; y/n and true/false also work",
    )


@pytest.mark.parametrize("word", ["on", "off", "1", "0", "maybe"])
def test_statutory_is_only_yes_or_no(word: str) -> None:
    text = BASE.replace("statutory: no", f"statutory: {word}")
    only(problems_of(text, Partnership), "S001", (3, 12), f"`statutory`: `{word}` is not yes or no")


def test_tags_with_a_non_slug() -> None:
    problem = only(problems_of(BASE + "tags: [ok, Not_Slug]\n", Partnership), "S001", (6, 12), "`tags.2`")
    assert "`Not_Slug` is not a slug" in problem.message
    assert "lower-case letters, digits and single hyphens" in problem.hint


def test_id_that_is_not_a_slug() -> None:
    text = BASE.replace("id: x", "id: Safer Streets")
    only(problems_of(text, Partnership), "S001", (1, 5), "`id`: `Safer Streets` is not a slug")


@pytest.mark.parametrize(
    ("line", "at", "message", "hint"),
    [
        (
            "start_date: 31/12/2023",
            (6, 13),
            "`start_date`: `31/12/2023` is not a YYYY-MM-DD date (did you mean 2023-12-31?)",
            "dates are written YYYY-MM-DD, e.g. 2023-12-31",
        ),
        (
            "end_date: December 2023",
            (6, 11),
            "`end_date`: `December 2023` is not a YYYY-MM-DD date",
            "dates are written YYYY-MM-DD",
        ),
        ("review_date: 2023-02-30", (6, 14), "`review_date`: `2023-02-30` is not a real date", "YYYY-MM-DD"),
        (
            "documents:\n  risk_register:\n    date: 1/12/2011",
            (8, 11),
            "`documents.risk_register.date`: `1/12/2011` is not a YYYY-MM-DD date (did you mean 2011-12-01?)",
            "YYYY-MM-DD",
        ),
    ],
)
def test_dates_written_another_way(line: str, at: tuple[int, int], message: str, hint: str) -> None:
    only(problems_of(BASE + line + "\n", Partnership), "S001", at, message, hint)


def test_action_target_written_another_way() -> None:
    text = "id: p\nactions:\n  - id: a\n    action: b\n    owner: c\n    target: 31/12/2023\n"
    only(
        problems_of(text, ActionPlan),
        "S001",
        (6, 13),
        "`actions.1.target`: `31/12/2023` is not a YYYY-MM-DD date (did you mean 2023-12-31?)",
        "or `ongoing`",
    )


@pytest.mark.parametrize(
    ("line", "col", "message"),
    [
        ("financial_contribution: -5", 27, "`resources.financial_contribution`: `-5` is not an amount in pounds"),
        ('financial_contribution: "£-5"', 27, "`resources.financial_contribution`: `£-5` is not an amount in pounds"),
        ("financial_contribution: 5 pounds", 27, "`5 pounds` is not an amount in pounds"),
        ('financial_contribution: "£8,00"', 27, "`£8,00` is not an amount in pounds"),
        ("officer_hours_per_month: -3", 28, "`resources.officer_hours_per_month`: `-3` is negative"),
        ("officer_hours_per_month: lots", 28, "`lots` is not a number"),
        ("estimate: on", 13, "`resources.estimate`: `on` is not yes or no"),
    ],
)
def test_bad_resources(line: str, col: int, message: str) -> None:
    only(problems_of(BASE + "resources:\n  " + line + "\n", Partnership), "S001", (7, col), message)


def test_every_problem_in_a_file_is_reported() -> None:
    text = """\
        id: Bad Id
        name: X
        statutory: 1
        significant: on
        lead_officer: Jo
        status: gone
        lead_oficer: Jo
        """
    problems = problems_of(text, Partnership)
    assert len(problems) == 5, show(problems)
    expect(problems, "S001", (1, 5), "`id`")
    expect(problems, "S001", (3, 12), "`statutory`")
    expect(problems, "S001", (4, 14), "`significant`")
    expect(problems, "S001", (6, 9), "`status`")
    expect(problems, "S003", (7, 1), "`lead_oficer`")


# --- values keep the schema's type (no Norway problem) ---------------------------------


def test_the_norway_cases() -> None:
    text = """\
        id: x
        name: No
        statutory: no
        significant: Y
        lead_officer: Yes
        purpose: on
        documents:
          business_case:
            reference: 1.10
        custom:
          code: 0123
          flag: no
        """
    partnership = parse(text, Partnership)
    assert partnership.name == "No"
    assert partnership.statutory is False
    assert partnership.significant is True
    assert partnership.lead_officer == "Yes"
    assert partnership.purpose == "on"
    assert partnership.documents is not None
    assert partnership.documents.business_case is not None
    assert partnership.documents.business_case.reference == "1.10"
    assert partnership.custom == {"code": "0123", "flag": "no"}


def test_an_empty_kpi_list_is_not_the_same_as_no_kpis() -> None:
    head = "partnership: x\nyear: 2023\nperformance:\n"
    listed = parse(head + "  kpis: []\n", Assessment)
    assert listed.performance is not None
    assert listed.performance.kpis == []
    unrecorded = parse(head + "  kpis:\n", Assessment)
    assert unrecorded.performance is not None
    assert unrecorded.performance.kpis is None
    absent = parse(head + "  rating: green\n", Assessment)
    assert absent.performance is not None
    assert absent.performance.kpis is None


def test_an_empty_representatives_list_means_not_represented() -> None:
    assert parse(BASE + "representatives: []\n", Partnership).representatives == []
    assert parse(BASE + "representatives:\n", Partnership).representatives is None


@pytest.mark.parametrize(
    ("written", "expected"),
    [("8000", "8000"), ('"£8,000"', "8000"), ('"£8,000.00"', "8000"), ("8000.50", "8000.50"), ("'8,000'", "8000")],
)
def test_money_as_written(written: str, expected: str) -> None:
    partnership = parse(BASE + f"resources:\n  financial_contribution: {written}\n", Partnership)
    assert partnership.resources is not None
    assert partnership.resources.financial_contribution == Decimal(expected)


def test_defaults_of_a_minimal_partnership() -> None:
    partnership = parse(BASE, Partnership)
    assert partnership.status == "active"
    assert partnership.custom is None
    assert partnership.documents is None


def test_a_minimal_action_defaults_to_planned() -> None:
    plan = parse("id: p\nactions:\n  - id: a\n    action: b\n    owner: c\n    target: Ongoing\n", ActionPlan)
    (action,) = plan.actions
    assert action.status == "planned"
    assert action.target == "ongoing"
    assert action.target_date is None


# --- policy defaults ------------------------------------------------------------------


def check_default_policy(policy: Policy) -> None:
    assert policy.council == "the Council"
    assert [p.id for p in policy.principles] == ["A", "B", "C", "D", "E", "F", "G"]
    assert all(p.title for p in policy.principles)
    assert policy.minimum_standard.significant == [
        "business_case",
        "partnership_agreement",
        "terms_of_reference",
        "risk_register",
        "performance_framework",
        "exit_strategy",
    ]
    assert policy.minimum_standard.other == ["terms_of_reference"]
    assert policy.rag.performance.green_at == 0.8
    assert policy.rag.performance.amber_at == 0.5
    assert policy.rag.performance.no_kpis == "amber"
    assert policy.rag.actions.due_soon_days == 30
    assert policy.risk.high_at == 15
    assert policy.risk.medium_at == 8
    assert policy.review.max_age_months == 12


def test_policy_defaults() -> None:
    check_default_policy(Policy())


def test_policy_file_with_only_comments_in_its_mappings_takes_defaults() -> None:
    check_default_policy(parse("rag:\nrisk:\nreview:\n", Policy))


def test_policy_settings_override_only_what_is_given() -> None:
    text = """\
        council: Middlesbrough Council
        rag:
          performance:
            green_at: 0.9
            no_kpis: Red
        risk:
          high_at: 20
        minimum_standard:
          other: []
        """
    policy = parse(text, Policy)
    assert policy.council == "Middlesbrough Council"
    assert policy.rag.performance.green_at == 0.9
    assert policy.rag.performance.amber_at == 0.5
    assert policy.rag.performance.no_kpis == "red"
    assert policy.rag.actions.due_soon_days == 30
    assert policy.risk.high_at == 20
    assert policy.risk.medium_at == 8
    assert policy.minimum_standard.other == []
    assert len(policy.minimum_standard.significant) == 6


# --- every field of every kind, valid -------------------------------------------------

FULL_PARTNERSHIP = """\
id: tees-valley-combined-authority
name: "Tees Valley Combined Authority (TVCA)"
status: Under-Review
purpose: Economic growth across the Tees Valley
form: company limited by guarantee
statutory: Y
statutory_basis: Cities and Local Government Devolution Act 2016
significant: yes
partners:
  - Darlington Borough Council
  - Hartlepool Borough Council
lead_officer: Head of Strategy
accountable_director: Director of Regeneration
representatives:
  - name: Cllr A Smith
    role: Member
    position: Board member
  - name: B Jones
    role: officer
priorities: [A successful place, A healthy place]
start_date: 2016-04-01
end_date: 2030-03-31
review_date: 2024-12-31
resources:
  officer_hours_per_month: 12.5
  financial_contribution: "£8,000"
  estimate: yes
risk:
  likelihood: 3
  impact: 4
  level: Medium
value: high
recommendation:
  action: maintain
  rationale: Core to the council's growth plans
documents:
  business_case: {held: yes, date: 2016-01-15, reference: BC/2016/1}
  partnership_agreement: {held: yes}
  terms_of_reference: {held: yes, date: 2023-06-01}
  risk_register: {held: no}
  performance_framework: {held: yes}
  exit_strategy: {held: n}
  data_sharing_agreement: {held: yes}
  equality_impact_assessment: {held: no}
  financial_protocol: {held: yes}
  code_of_conduct: {held: yes, reference: "1.10"}
tags: [economy, combined-authority]
custom:
  companies_house: "09669063"
"""


def test_a_partnership_with_every_field() -> None:
    p = parse(FULL_PARTNERSHIP, Partnership)
    assert p.id == "tees-valley-combined-authority"
    assert p.name == "Tees Valley Combined Authority (TVCA)"
    assert p.status == "under-review"
    assert p.form == "company limited by guarantee"
    assert p.statutory is True
    assert p.statutory_basis == "Cities and Local Government Devolution Act 2016"
    assert p.significant is True
    assert p.partners == ["Darlington Borough Council", "Hartlepool Borough Council"]
    assert p.lead_officer == "Head of Strategy"
    assert p.accountable_director == "Director of Regeneration"
    assert p.representatives is not None
    assert [(r.name, r.role, r.position) for r in p.representatives] == [
        ("Cllr A Smith", "member", "Board member"),
        ("B Jones", "officer", None),
    ]
    assert p.priorities == ["A successful place", "A healthy place"]
    assert (p.start_date, p.end_date, p.review_date) == (date(2016, 4, 1), date(2030, 3, 31), date(2024, 12, 31))
    assert p.resources is not None
    assert p.resources.officer_hours_per_month == 12.5
    assert p.resources.financial_contribution == Decimal("8000")
    assert isinstance(p.resources.financial_contribution, Decimal)
    assert p.resources.estimate is True
    assert p.risk is not None
    assert (p.risk.likelihood, p.risk.impact, p.risk.level, p.risk.score) == (3, 4, "medium", 12)
    assert p.value == "high"
    assert p.recommendation is not None
    assert p.recommendation.action == "maintain"
    assert p.recommendation.rationale == "Core to the council's growth plans"
    assert p.documents is not None
    held = {kind: getattr(p.documents, kind).held for kind in type(p.documents).model_fields}
    assert held == {
        "business_case": True,
        "partnership_agreement": True,
        "terms_of_reference": True,
        "risk_register": False,
        "performance_framework": True,
        "exit_strategy": False,
        "data_sharing_agreement": True,
        "equality_impact_assessment": False,
        "financial_protocol": True,
        "code_of_conduct": True,
    }
    business_case = p.documents.recorded("business_case")
    assert business_case is not None
    assert (business_case.date, business_case.reference) == (date(2016, 1, 15), "BC/2016/1")
    code_of_conduct = p.documents.recorded("code_of_conduct")
    assert code_of_conduct is not None
    assert code_of_conduct.reference == "1.10"
    assert p.tags == ["economy", "combined-authority"]
    assert p.custom == {"companies_house": "09669063"}


def test_an_assessment_with_every_field() -> None:
    text = """\
        partnership: tees-valley-combined-authority
        year: 2023
        period: 2022/23
        assessed_on: 2023-11-01
        assessed_by: Head of Strategy
        principles:
          A: {rating: Green, evidence: Code of conduct adopted}
          B: {rating: amber}
        governance:
          rating: amber
          reason: Risk register not held
        performance:
          kpis:
            - name: Jobs created
              target: 500
              actual: 420
              unit: jobs
            - name: Complaints
              target: 10
              actual: 3
              higher_is_better: no
          rating: Amber
          reason: Behind on jobs
        issue: Risk register to be agreed
        achievements: [Opened the new campus]
        value_for_money:
          rating: medium
          finding: Contribution in line with peers
        custom:
          committee: Audit
        """
    a = parse(text, Assessment)
    assert (a.partnership, a.year, a.period) == ("tees-valley-combined-authority", 2023, "2022/23")
    assert a.assessed_on == date(2023, 11, 1)
    assert a.assessed_by == "Head of Strategy"
    assert a.principles is not None
    assert a.principles["A"].rating == "green"
    assert a.principles["A"].evidence == "Code of conduct adopted"
    assert a.principles["B"].evidence is None
    assert a.governance is not None
    assert (a.governance.rating, a.governance.reason) == ("amber", "Risk register not held")
    assert a.performance is not None
    assert a.performance.kpis is not None
    jobs, complaints = a.performance.kpis
    assert (jobs.target, jobs.actual, jobs.unit, jobs.higher_is_better) == (500.0, 420.0, "jobs", True)
    assert complaints.higher_is_better is False
    assert a.performance.rating == "amber"
    assert a.issue == "Risk register to be agreed"
    assert a.achievements == ["Opened the new campus"]
    assert a.value_for_money is not None
    assert a.value_for_money.rating == "medium"
    assert a.custom == {"committee": "Audit"}


def test_an_action_plan_with_every_field() -> None:
    text = """\
        id: tvca-plan
        partnership: tees-valley-combined-authority
        title: Governance improvements
        actions:
          - id: M.1
            issue: No risk register
            action: Agree a risk register
            owner: Head of Strategy
            raised: 2023-12-14
            start: 2024-01-01
            target: 2024-03-31
            status: Complete
            completed: 2024-03-01
            updates:
              - date: 2024-01-15
                text: Draft circulated
              - date: 2024-03-01
                text: Agreed by the board
          - id: b
            action: Keep under review
            owner: Director of Regeneration
            target: ongoing
            status: in-progress
        custom:
          source: Audit Committee 14 Dec 2023
        """
    plan = parse(text, ActionPlan)
    assert (plan.id, plan.partnership, plan.title) == (
        "tvca-plan",
        "tees-valley-combined-authority",
        "Governance improvements",
    )
    first, second = plan.actions
    assert first.id == "M.1"
    assert first.issue == "No risk register"
    assert (first.raised, first.start, first.target) == (date(2023, 12, 14), date(2024, 1, 1), date(2024, 3, 31))
    assert first.target_date == date(2024, 3, 31)
    assert (first.status, first.completed) == ("complete", date(2024, 3, 1))
    assert first.updates is not None
    assert [(u.date, u.text) for u in first.updates] == [
        (date(2024, 1, 15), "Draft circulated"),
        (date(2024, 3, 1), "Agreed by the board"),
    ]
    assert (second.target, second.status) == ("ongoing", "in-progress")
    assert plan.custom == {"source": "Audit Committee 14 Dec 2023"}


# --- more positions -------------------------------------------------------------------


def test_missing_key_after_leading_comments_points_at_the_mapping() -> None:
    text = "# Source: Audit Committee 14 Dec 2023\n\n" + BASE.replace("id: x\n", "")
    only(problems_of(text, Partnership), "S002", (3, 1), "`id` is required")


def test_unknown_key_in_a_flow_mapping() -> None:
    text = "{id: x, name: X, statutory: no, significant: yes, lead_officer: Jo, lead_oficer: y}\n"
    only(problems_of(text, Partnership), "S003", (1, 69), "unknown key `lead_oficer`", "did you mean `lead_officer`?")


@pytest.mark.parametrize(
    ("model", "text", "at", "message", "hint"),
    [
        (Assessment, "partnership: x\nyear: 2023.5\n", (2, 7), "`year`: `2023.5` is not a whole number", "digits"),
        (
            Assessment,
            "partnership: x\nyear: 2023\nprinciples:\n  A: green\n",
            (4, 6),
            "`principles.A` must be a mapping",
            "indented below it",
        ),
        (Assessment, "partnership: X\nyear: 2023\n", (1, 14), "`partnership`: `X` is not a slug", "lower-case"),
        (
            Policy,
            "rag:\n  actions:\n    due_soon_days: soon\n",
            (3, 20),
            "`rag.actions.due_soon_days`: `soon` is not a whole number",
            "digits",
        ),
        (
            Policy,
            "rag:\n  performance:\n    green_at: -1\n",
            (3, 15),
            "`rag.performance.green_at`: `-1` is negative",
            "",
        ),
        (Policy, "principles:\n  - id: A\n    title:\n", (3, 5), "`principles.1.title` is empty", "give `title`"),
        (
            ActionPlan,
            "id: p\nactions:\n  - id: -a\n    action: b\n    owner: c\n    target: ongoing\n",
            (3, 9),
            "`actions.1.id`: `-a` is not an action id",
            "start with a letter or digit",
        ),
    ],
)
def test_more_bad_values(model: type[BaseModel], text: str, at: tuple[int, int], message: str, hint: str) -> None:
    problems = problems_of(text, model)
    code = "S002" if "is empty" in message else "S001"
    only(problems, code, at, message, hint)


# --- user text in messages, control characters, aliases ---------------------------------------


@pytest.mark.parametrize(
    ("line", "at", "message"),
    [
        ('statutory: "x\\nregister/fake.yaml:1:1: Z999 err"', (3, 12), "`x\\nregister/fake.yaml:1:1: Z999 err`"),
        ('statutory: "\\e]0;PWNED\\a\\e[2J"', (3, 12), "`\\x1b]0;PWNED\\x07\\x1b[2J` is not yes or no"),
        ('"\\e[31mkey": 1', (6, 1), "unknown key `\\x1b[31mkey`"),
        ('"\\e[31mkey":', (6, 1), "unknown key `\\x1b[31mkey`"),
        ('documents:\n  "\\u202ecase":\n    held: yes', (7, 3), "unknown key `\\u202ecase`"),
    ],
    ids=["line-break-in-value", "terminal-escape-in-value", "escape-in-key", "escape-in-empty-key", "bidi-in-key"],
)
def test_user_text_in_messages_is_escaped(line: str, at: tuple[int, int], message: str) -> None:
    text = BASE.replace("statutory: no\n", "") if line.startswith("statutory") else BASE
    text = text.replace("name: X\n", f"name: X\n{line}\n") if line.startswith("statutory") else text + line + "\n"
    problem = expect(problems_of(text, Partnership), "S003" if "unknown" in message else "S001", at, message)
    assert problem.message.isprintable()
    assert problem.hint.isprintable()


def test_a_misspelt_key_quoted_in_a_hint_is_escaped() -> None:
    text = BASE.replace("lead_officer: Jo", '"lead_oficer\\e": Jo')
    problem = expect(problems_of(text, Partnership), "S002", (1, 1), "`lead_officer` is required")
    assert problem.hint == "`lead_oficer\\x1b` on line 5 looks like a misspelling of `lead_officer`"


def test_a_long_value_is_cut_in_the_message() -> None:
    problem = only(
        problems_of(BASE.replace("statutory: no", "statutory: " + "n" * 200), Partnership), "S001", (3, 12), ""
    )
    assert f"`{'n' * 60}…` is not yes or no" in problem.message


def test_a_whole_number_with_too_many_digits_says_so() -> None:
    text = BASE + "risk:\n  likelihood: 99999999999999999999999\n"
    only(problems_of(text, Partnership), "S001", (7, 15), "has 23 digits, more than the 15 allowed", "15 digits")


@pytest.mark.parametrize(
    ("line", "at", "message"),
    [
        ('name: "Bell\\a and VT\\v Board"', (2, 7), "`name`: contains the control character U+0007"),
        ('name: "Safer\\x7fStreets"', (2, 7), "`name`: contains the control character U+007F"),
        ('name: "Safer\\x9bStreets"', (2, 7), "`name`: contains the control character U+009B"),
        ('name: X\npartners: [ok, "b\\x0cc"]', (3, 16), "`partners.2`: contains the control character U+000C"),
    ],
    ids=["bell", "delete", "c1", "in-a-list"],
)
def test_s004_a_control_character_in_text(line: str, at: tuple[int, int], message: str) -> None:
    text = BASE.replace("name: X", line)
    only(problems_of(text, Partnership), "S004", at, message, "delete it")


@pytest.mark.parametrize(
    "line",
    ['name: "Tab\\there"', 'name: "two\\nlines"', "name: Café – “CA”", 'name: X\ncustom:\n  raw: "bell\\a"'],
    ids=["tab", "line-break", "unicode", "custom-is-not-checked"],
)
def test_s004_quiet_for_tabs_line_breaks_and_printable_text(line: str) -> None:
    parse(BASE.replace("name: X", line), Partnership)


def test_a_problem_in_an_aliased_value_is_reported_at_the_alias() -> None:
    text = BASE.replace("statutory: no", "statutory: &s no") + "review_date: *s\n"
    only(problems_of(text, Partnership), "S001", (6, 14), "`review_date`: `no` is not a YYYY-MM-DD date")
