"""The exported JSON Schema accepts what `partreg validate` accepts for types, and no other text.

Values are compared in two ways: as text (quoted in the file, so every YAML reader hands over the
same string), against the value parsers themselves; and as the typed values a YAML reader makes
of unquoted values, against what the schema's module docstring promises.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import typing
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, BeforeValidator
from pydantic_core import PydanticCustomError

from partreg import api
from partreg.load.layout import place
from partreg.model import json_schema, values
from partreg.model.assessment import Assessment
from partreg.model.json_schema import KINDS, model_schema, schema_for, value_schema
from partreg.model.partnership import Partnership, RiskScore, Status
from partreg.model.plan import ActionPlan
from partreg.model.policy import Policy
from tests.support.registers import RegisterDir

BUNDLED = Path(__file__).resolve().parents[2] / "register"
PROPERTY = settings(max_examples=300, deadline=None)

TYPES: dict[str, Any] = {
    "date": values.IsoDate,
    "target": values.Target,
    "bool": values.YesNo,
    "integer": values.Integer,
    "number": values.Number,
    "non_negative": values.NonNegative,
    "money": values.Money,
    "text": values.Text,
    "rag": values.Rag,
    "level": values.Level,
    "slug": values.Slug,
    "action_id": values.ActionId,
    "risk_score": RiskScore,
    "status": Status,
}


def _year_type() -> Any:
    field = Assessment.model_fields["year"]
    return typing.Annotated[(field.annotation, *field.metadata)]


TYPES["year"] = _year_type()


def parser_of(annotated: Any) -> Callable[[object], object]:
    for meta in typing.get_args(annotated)[1:]:
        if isinstance(meta, BeforeValidator):
            return typing.cast(Callable[[object], object], meta.func)
    raise AssertionError(f"{annotated!r} has no BeforeValidator")


def parser_accepts(name: str, text: str) -> bool:
    try:
        parser_of(TYPES[name])(text)
    except PydanticCustomError:
        return False
    return True


def schema_accepts(schema: dict[str, Any], value: object) -> bool:
    return jsonschema.Draft7Validator(schema).is_valid(value)


SCHEMAS = {name: value_schema(annotated) for name, annotated in TYPES.items()}


# --- the bundled register --------------------------------------------------------------


def bundled_files() -> list[Path]:
    return sorted(path for path in BUNDLED.rglob("*") if path.suffix in (".yaml", ".yml"))


@pytest.mark.parametrize("path", bundled_files(), ids=lambda path: path.relative_to(BUNDLED).as_posix())
def test_every_bundled_file_is_valid_against_its_exported_schema(path: Path, tmp_path: Path) -> None:
    kind = place(f"register/{path.relative_to(BUNDLED).as_posix()}").kind
    assert kind is not None
    exported = tmp_path / f"{kind}.schema.json"
    exported.write_text(json.dumps(schema_for(kind.value)), encoding="utf-8")
    # YAML 1.1 as PyYAML reads it: `yes` is True and dates are date objects; the schema takes both.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(json.loads(exported.read_text(encoding="utf-8")))
    assert [error.message for error in validator.iter_errors(data)] == []


def test_the_bundled_register_covers_every_kind() -> None:
    kinds = {place(f"register/{path.relative_to(BUNDLED).as_posix()}").kind for path in bundled_files()}
    assert {kind.value for kind in kinds if kind} == set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_each_schema_is_a_valid_draft_7_schema(kind: str) -> None:
    jsonschema.Draft7Validator.check_schema(schema_for(kind))


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="partnership, assessment, plan, policy"):
        schema_for("partnerships")


# --- the same files, judged by validate and by the schema -------------------------------

INVALID = [
    ("partnerships/safer-streets.yaml", "partnership", "statutory: maybe"),
    ("partnerships/safer-streets.yaml", "partnership", "review_date: 31/12/2025"),
    ("partnerships/safer-streets.yaml", "partnership", "review_date: '2023-02-29'"),
    ("partnerships/safer-streets.yaml", "partnership", "lead_oficer: B Jones"),
    ("partnerships/safer-streets.yaml", "partnership", "resources:\n  financial_contribution: -5"),
    ("partnerships/safer-streets.yaml", "partnership", 'resources:\n  financial_contribution: "£8,00"'),
    ("partnerships/safer-streets.yaml", "partnership", "risk:\n  likelihood: 6"),
    ("partnerships/safer-streets.yaml", "partnership", "tags: [Not A Slug]"),
    ("partnerships/safer-streets.yaml", "partnership", "partners: Police"),
    ("partnerships/safer-streets.yaml", "partnership", "representatives:\n  - name: A\n    role: chair"),
    ("partnerships/safer-streets.yaml", "partnership", "value: [high]"),
    ("assessments/2023/safer-streets.yaml", "assessment", "period: ''"),
    ("assessments/2023/safer-streets.yaml", "assessment", "governance:\n  rating: purple"),
    ("assessments/2023/safer-streets.yaml", "assessment", "performance:\n  kpis:\n    - name: X\n      target: ten"),
    ("actions/safer-streets.yaml", "plan", "title:\n  nested: mapping"),
]
BASE = {
    "partnership": "id: safer-streets\nname: Safer Streets\nstatutory: yes\nsignificant: no\nlead_officer: A Smith\n",
    "assessment": "partnership: safer-streets\nyear: 2023\n",
    "plan": "id: safer-streets\nactions:\n  - id: '1'\n    action: Act\n    owner: A Smith\n    target: ongoing\n",
}


@pytest.mark.parametrize(("path", "kind", "extra"), INVALID, ids=[row[2].split("\n")[-1] for row in INVALID])
def test_invalid_files_are_refused_by_validate_and_by_the_schema(
    reg: RegisterDir, path: str, kind: str, extra: str
) -> None:
    reg.partnership()
    replaced = extra.split(":", 1)[0]
    text = "".join(line for line in BASE[kind].splitlines(True) if not line.startswith(f"{replaced}:")) + extra + "\n"
    reg.write(path, text)
    problems = api.validate(api.load_register(reg.root), today=date(2024, 6, 1)).problems
    assert any(p.code.startswith("S") and p.path == f"register/{path}" for p in problems)
    assert not schema_accepts(schema_for(kind), yaml.safe_load(text))


def test_required_fields_must_be_present_and_not_empty() -> None:
    schema = schema_for("partnership")
    good = yaml.safe_load(BASE["partnership"])
    assert schema_accepts(schema, good)
    assert not schema_accepts(schema, {**good, "lead_officer": None})
    assert not schema_accepts(schema, {key: value for key, value in good.items() if key != "name"})
    assert schema_accepts(schema, {**good, "purpose": None, "resources": None, "custom": {"any": [1, {"x": 2}]}})


@pytest.mark.parametrize("model", [Partnership, Assessment, ActionPlan, Policy])
def test_every_field_of_every_model_is_in_the_schema(model: type[BaseModel]) -> None:
    def fields(schema: dict[str, Any], found: type[BaseModel]) -> None:
        assert list(schema["properties"]) == sorted(found.model_fields, key=lambda name: name == "custom")
        assert schema["additionalProperties"] is False

    fields(model_schema(model), model)


def test_policy_defaults_are_the_models_defaults() -> None:
    properties = schema_for("policy")["properties"]
    defaults = Policy().model_dump(mode="json")
    for name in ("council", "principles", "minimum_standard", "rag", "risk", "review"):
        assert properties[name]["default"] == defaults[name]


# --- text: the parsers are the reference ----------------------------------------------

EDGE_TEXTS = [
    "",
    " ",
    "yes",
    "YES",
    "Yes ",
    " n",
    "N",
    "true",
    "False",
    "on",
    "off",
    "maybe",
    "0",
    "1",
    "-1",
    "+5",
    "05",
    "1.5",
    ".5",
    "5.",
    "-0",
    "-0.0",
    "-.0",
    "1e3",
    "0x1F",
    "8000",
    "8,000",
    "£8,000",
    "£ 8,000.50",
    "£8,000.555",
    "8,00",
    "1,000,000",
    "£-5",
    "-£5",
    "2023-12-31",
    " 2023-12-31 ",
    "2024-02-29",
    "2023-02-29",
    "1900-02-29",
    "2000-02-29",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "2023-13-01",
    "2023-04-31",
    "2023-1-1",
    "31/12/2023",
    "ongoing",
    "ONGOING",
    "Ongoing ",
    "green",
    "GREEN",
    "Amber",
    "rEd",
    "purple",
    "high",
    "Low",
    "medium",
    "active",
    "Under-Review",
    "under review",
    "safer-streets",
    "Safer-Streets",
    "safer--streets",
    "-safer",
    "a",
    "1.10",
    "a.b_c-d",
    "_a",
    "1900",
    "2999",
    "3000",
    "1899",
    "+02023",
    "0002023",
    "0000000000000002023",
    "123456789012345",
    "1234567896012345",
    "\u212aelvin",
    "ris\u212a",
    "low\n",
    "\tgreen",
    "\u2028",
    "\x1c",
    "x\x1f",
]


@pytest.mark.parametrize("name", list(TYPES))
def test_edge_texts_are_judged_alike(name: str) -> None:
    wrong = [text for text in EDGE_TEXTS if parser_accepts(name, text) != schema_accepts(SCHEMAS[name], text)]
    assert wrong == []


def test_text_refuses_the_control_characters_validate_refuses() -> None:
    """Both are built from the one class in model/values.py."""
    control = re.compile(f"[{values.CONTROL_CHARACTER_CLASS}]")
    refused = [code for code in range(0x100) if not schema_accepts(SCHEMAS["text"], f"a{chr(code)}b")]
    assert refused == [code for code in range(0x100) if control.fullmatch(chr(code))]
    assert refused == [code for code in range(0x100) if not parser_accepts("text", f"a{chr(code)}b")]


NEAR = st.text(alphabet="0123456789-/.,£+ eEyYnNtrufalsoigmbdRG\u212a\t", max_size=16)


@PROPERTY
@given(text=NEAR | st.text(max_size=12))
def test_any_text_is_judged_alike_by_parser_and_schema(text: str) -> None:
    for name, schema in SCHEMAS.items():
        assert parser_accepts(name, text) == schema_accepts(schema, text), (name, text)


@PROPERTY
@given(day=st.dates())
def test_every_real_date_is_accepted(day: date) -> None:
    assert schema_accepts(SCHEMAS["date"], day.isoformat())
    assert schema_accepts(SCHEMAS["target"], day.isoformat())


@PROPERTY
@given(text=st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True))
def test_date_shaped_text_is_accepted_only_when_the_day_exists(text: str) -> None:
    assert parser_accepts("date", text) == schema_accepts(SCHEMAS["date"], text)


@PROPERTY
@given(number=st.integers(min_value=0, max_value=3500), zeros=st.integers(0, 3), plus=st.booleans())
def test_integer_ranges_match_the_parser(number: int, zeros: int, plus: bool) -> None:
    text = ("+" if plus else "") + "0" * zeros + str(number)
    for name in ("year", "risk_score", "integer"):
        assert parser_accepts(name, text) == schema_accepts(SCHEMAS[name], text), (name, text)


# --- typed values a YAML reader makes ----------------------------------------------------

TYPED: list[tuple[str, object, bool]] = [
    ("bool", True, True),
    ("bool", 1, False),
    ("date", date(2023, 12, 31), True),
    ("date", datetime(2023, 12, 31, 10, 0), True),  # documented: not a JSON type, so not judged
    ("date", 20231231, False),
    ("target", date(2023, 12, 31), True),
    ("text", 123, True),
    ("text", False, True),
    ("text", date(2023, 1, 1), True),
    ("text", None, False),
    ("text", [], False),
    ("money", 8000, True),
    ("money", 8000.5, True),
    ("money", -1, False),
    ("number", -12.5, True),
    ("number", 10**16, False),
    ("non_negative", 0, True),
    ("non_negative", -0.5, False),
    ("integer", 3, True),
    ("integer", 3.5, False),
    ("year", 2023, True),
    ("year", 1800, False),
    ("risk_score", 6, False),
    ("slug", 2023, True),  # `id: 2023` is the text "2023" to partreg, a slug
    ("slug", -1, False),
    ("slug", 1.5, False),
    ("slug", True, True),  # `true` is a slug
    ("action_id", 1.1, True),  # `id: 1.10` stays "1.10"
    ("action_id", -1, False),
    ("rag", True, False),
    ("rag", 1, False),
    ("status", None, False),
    # `.nan` and `.inf`, as a YAML parser reads them: `validate` refuses the text wherever a number goes.
    ("money", float("nan"), False),
    ("money", float("inf"), False),
    ("number", float("nan"), False),
    ("number", float("-inf"), False),
    ("non_negative", float("nan"), False),
    ("integer", float("nan"), False),
    ("year", float("nan"), False),
    ("risk_score", float("nan"), False),
    ("action_id", float("nan"), False),
    ("slug", float("nan"), False),
]


@pytest.mark.parametrize(("name", "value", "accepted"), TYPED, ids=[f"{n}-{v!r}" for n, v, _ in TYPED])
def test_typed_values(name: str, value: object, accepted: bool) -> None:
    assert schema_accepts(SCHEMAS[name], value) is accepted


# What no JSON Schema can tell apart once a YAML parser has made a number of the text (json_schema.py's
# docstring): each number below is also the reading of a spelling that `validate` accepts.
INDISTINGUISHABLE: list[tuple[str, object, str, str]] = [
    ("risk_score", 2.0, "2.0", "2"),  # JSON Schema's integer is a value: 2.0 is 2
    ("year", 2023.0, "2023.0", "2023"),
    ("money", 1000.0, "1e3", "1000.0"),  # YAML 1.2 reads `1e3` as 1000.0
    ("money", 8000.505, "8000.505", "8000.50"),  # no reliable multipleOf for pence in binary floats
]


@pytest.mark.parametrize(("name", "value", "refused", "accepted"), INDISTINGUISHABLE)
def test_a_number_the_schema_cannot_tell_from_a_valid_spelling_is_documented(
    name: str, value: object, refused: str, accepted: str
) -> None:
    assert not parser_accepts(name, refused)
    assert parser_accepts(name, accepted)
    assert schema_accepts(SCHEMAS[name], value)  # validate remains the judge of these
    assert refused in json_schema.__doc__ if json_schema.__doc__ else False


def test_an_optional_field_may_be_written_empty_but_a_list_item_may_not() -> None:
    schema = schema_for("partnership")
    base = yaml.safe_load(BASE["partnership"])
    assert schema_accepts(schema, {**base, "review_date": None, "partners": None})
    assert not schema_accepts(schema, {**base, "partners": ["Police", None]})
    assessment = schema_for("assessment")
    assert schema_accepts(assessment, {"partnership": "x", "year": 2023, "principles": {"A": None}})


# --- the patterns work in editors too ----------------------------------------------------


def all_patterns(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [pattern for value in node.values() for pattern in all_patterns(value)]
    if isinstance(node, list):
        return [pattern for item in node for pattern in all_patterns(item)]
    return []


PATTERNS = sorted({pattern for kind in KINDS for pattern in all_patterns(schema_for(kind))})
JS_SAMPLES = [t for t in EDGE_TEXTS if "\x1c" not in t and "\x1f" not in t]  # JavaScript's \s leaves those out


def test_patterns_use_only_syntax_javascript_shares() -> None:
    for pattern in PATTERNS:
        for python_only in (r"\d", r"\A", r"\Z", "(?P", "(?i", "(?<"):
            assert python_only not in pattern, pattern


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_patterns_judge_alike_in_javascript() -> None:
    script = (
        "const [patterns, samples] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(patterns.map(p => samples.map(s => new RegExp(p, 'u').test(s)))));"
    )
    ran = subprocess.run(
        ["node", "-e", script], input=json.dumps([PATTERNS, JS_SAMPLES]), capture_output=True, text=True, check=True
    )
    in_javascript = json.loads(ran.stdout)
    import re

    in_python = [[re.search(pattern, sample) is not None for sample in JS_SAMPLES] for pattern in PATTERNS]
    assert in_javascript == in_python
