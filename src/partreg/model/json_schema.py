"""JSON Schema for each kind of register file, generated from the pydantic models.

Editors (VS Code with the YAML extension, through the `yaml-language-server` modeline that
`partreg init` and `partreg new` write) use it to complete and check a file as it is typed.
`schema_for(kind)` walks the model's fields; each value parser in `model/values.py` becomes a
schema that accepts the same spellings the parser does (FORMAT.md, "How values are read"):

- yes/no fields: a boolean, or the text true/false/yes/no/y/n in any case;
- dates: `YYYY-MM-DD` text of a real calendar day (the pattern knows month lengths and leap years);
- money: a non-negative number, or text such as `8000`, `£8,000` or `£8,000.50`;
- words such as RAG ratings and statuses: any case, by pattern; slugs and action ids by pattern;
- an empty value (`null`, `~`, nothing) wherever a field is optional, since it means "not given";
- no unknown keys (`additionalProperties: false`), except under `custom:`, which is free.

Where the schema and `partreg validate` differ, and why:

- partreg reads every value as the text written in the file; a schema sees what the editor's
  YAML parser made of it. When the parser turns text into a number or a boolean its spelling is
  lost, so the schema accepts the number or boolean if any spelling of it could be valid: it never
  flags a value that `validate` accepts, and `validate` remains the judge of the rest. So the schema
  accepts, and `validate` refuses: `30.0`, `1e3` or `0x1E` where a whole number is expected (JSON
  Schema counts 30.0 as an integer: `risk.likelihood: 2.0` and `year: 2023.0` pass); a number
  written with an exponent where one without is valid (money `1e3`, which a YAML 1.2 parser makes
  1000.0, the same number as `1000.0`, which `validate` accepts); money with more than two decimal
  places written as a number (`8000.505`: `multipleOf: 0.01` is no help, as binary fractions make
  it refuse good amounts such as 0.07); `on`/`off` for yes/no under a YAML 1.1 parser; `True` as a
  slug or action id. No JSON Schema keyword can tell these from the valid spellings once a parser
  has made numbers of them. `.nan` is refused (see `_NOT_NAN`), and `.inf` by the bounds.
- A value that is not a JSON type at all (a date or time that PyYAML makes from `2023-12-31`) is
  accepted wherever a date or text is expected; such values never come from an editor.
- Padding inside quotes (`" 2023-12-31 "`) is allowed, as `validate` strips it. Patterns use `\\s`
  for that padding: in Python, as in `validate`, it is every Unicode space; in JavaScript
  (editors) it leaves out the separators U+001C to U+001F.
- Cross-field and cross-file rules (a file's name equals its id, an `issue` for an amber rating,
  references between files, threshold order) are rule checks, not types, and are not in the schema.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, BeforeValidator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined, to_jsonable_python

from partreg.model import values
from partreg.model.assessment import Assessment
from partreg.model.base import FREE_KEY
from partreg.model.partnership import Partnership
from partreg.model.plan import ActionPlan
from partreg.model.policy import Policy

Schema = dict[str, Any]

DIALECT = "http://json-schema.org/draft-07/schema#"  # the draft editors' YAML support knows best
KINDS: tuple[str, ...] = ("partnership", "assessment", "plan", "policy")
_MODELS: dict[str, type[BaseModel]] = {
    "partnership": Partnership,
    "assessment": Assessment,
    "plan": ActionPlan,
    "policy": Policy,
}
_TITLES = {
    "partnership": "A partnership register entry: register/partnerships/<id>.yaml",
    "assessment": "An annual self-assessment: register/assessments/<year>/<id>.yaml",
    "plan": "An action plan: register/actions/<plan-id>.yaml",
    "policy": "The council's policy: register/policy.yaml",
}

# Patterns are written for both Python's `re` and JavaScript: no `\d`, no inline flags.
_MONTH_DAY = (
    "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
# 29 February: years divisible by 4, except centuries not divisible by 400. Year 0000 does not exist.
_LEAP_DAY = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29"
DATE_PATTERN = f"(?:(?!0000)[0-9]{{4}}-{_MONTH_DAY}|{_LEAP_DAY})"
# The parsers read at most MAX_DIGITS digits before the point, and as many after it.
_MOST = f"{{1,{values.MAX_DIGITS}}}"
_UNSIGNED = rf"(?:[0-9]{_MOST}(?:\.[0-9]{{0,{values.MAX_DIGITS}}})?|\.[0-9]{_MOST})"
NUMBER_PATTERN = f"[+-]?{_UNSIGNED}"
# Minus zero is not below zero, so `validate` takes `-0` and `-0.0` as well.
NON_NEGATIVE_PATTERN = rf"(?:\+?{_UNSIGNED}|-(?:0{_MOST}(?:\.0{{0,{values.MAX_DIGITS}}})?|\.0{_MOST}))"
INTEGER_PATTERN = f"[+-]?[0-9]{_MOST}"
_THOUSANDS = f"{{1,{(values.MAX_DIGITS - 3) // 3}}}"  # groups after the first one to three digits, as values.py
MONEY_PATTERN = rf"£?\s*(?:[0-9]{{1,3}}(?:,[0-9]{{3}}){_THOUSANDS}|[0-9]{_MOST})(?:\.[0-9]{{1,2}})?"
_LARGEST = 10**values.MAX_DIGITS
# The spellings a YAML parser may have turned into a boolean or a number before the schema sees it.
_BOOLEAN_SPELLINGS = ("true", "True", "TRUE", "false", "False", "FALSE", "yes", "no", "on", "off", "y", "n")
# str.lower() maps one non-ASCII letter onto an ASCII one: the Kelvin sign K (U+212A) onto `k`.
_OTHER_CASES = {"k": "\u212a"}
_REGEX_SPECIALS = set("\\^$.|?*+()[]{}/")


def schema_for(kind: str) -> Schema:
    """The JSON Schema (draft-07) of one kind of register file: partnership, assessment, plan or policy."""
    if kind not in _MODELS:
        raise ValueError(f"no schema for `{kind}`; the kinds are {', '.join(KINDS)}")
    return {"$schema": DIALECT, "title": _TITLES[kind], **model_schema(_MODELS[kind])}


def model_schema(model: type[BaseModel]) -> Schema:
    """An object with the model's fields; a field that may be left out may also be written empty."""
    properties: Schema = {}
    # `custom:` is last, as FORMAT.md lists it: editors offer the keys in this order.
    fields = sorted(model.model_fields.items(), key=lambda item: item[0] == FREE_KEY)
    for name, field in fields:
        schema = value_schema(_annotation_of(field)) if name != FREE_KEY else {"type": "object"}
        if not field.is_required():
            schema = _or_null(schema)
            default = field.get_default(call_default_factory=True)
            if default is not None and default is not PydanticUndefined:
                schema["default"] = to_jsonable_python(default)
        properties[name] = schema
    required = [name for name, field in model.model_fields.items() if field.is_required()]
    return {
        "type": "object",
        "properties": properties,
        **({"required": required} if required else {}),
        "additionalProperties": False,
    }


def value_schema(annotation: Any) -> Schema:
    """The schema of a value of this type as written in a file, with no empty value allowed."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        parsers = [meta.func for meta in args[1:] if isinstance(meta, BeforeValidator)]
        return _scalar_schema(parsers[0]) if parsers else value_schema(args[0])
    if origin in (typing.Union, types.UnionType):
        choices = [value_schema(arg) for arg in args if arg is not type(None)]
        return choices[0] if len(choices) == 1 else {"anyOf": choices}
    if origin is list:
        return {"type": "array", "items": value_schema(args[0])}
    if origin is dict:
        if args[1] is Any:
            return {"type": "object"}
        # An entry written empty is dropped when the file is read, like any empty value.
        return {"type": "object", "additionalProperties": _or_null(value_schema(args[1]))}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_schema(annotation)
    raise TypeError(f"no JSON Schema for {annotation!r}: give its value parser a schema in json_schema.py")


def _annotation_of(field: FieldInfo) -> Any:
    """pydantic keeps a field's own `Annotated` metadata apart from its type; put them back together."""
    if not field.metadata:
        return field.annotation
    return typing.Annotated[(field.annotation, *field.metadata)]


def _or_null(schema: Schema) -> Schema:
    widened = dict(schema)
    if "type" in widened:
        kinds = widened["type"] if isinstance(widened["type"], list) else [widened["type"]]
        widened["type"] = [*kinds, "null"]
    elif "not" in widened:
        widened["not"] = {"type": [kind for kind in widened["not"]["type"] if kind != "null"]}
    else:
        widened = {"anyOf": [schema, {"type": "null"}]}
    return widened


# --- one schema per value parser -------------------------------------------------------


def _scalar_schema(parse: Callable[..., Any]) -> Schema:
    fixed = _FIXED.get(parse)
    if fixed is not None:
        return fixed()
    found = _closure(parse)
    if parse.__qualname__ == "integer_between.<locals>.parse":
        return _integer_range(found["low"], found["high"])
    if parse.__qualname__ == "choice.<locals>.parse":
        return _words(found["options"], found["kind"])
    if parse.__qualname__ == "_pattern.<locals>.parse":
        pattern: re.Pattern[str] = found["pattern"]
        return _text_pattern(pattern.pattern.removeprefix("^").removesuffix("$"), found["kind"])
    raise TypeError(f"no JSON Schema for the value parser {parse.__qualname__}: add one in json_schema.py")


def _closure(function: Callable[..., Any]) -> dict[str, Any]:
    """The values a parser made by a factory (`choice(...)`) was made with, by name."""
    cells = function.__closure__ or ()
    return dict(zip(function.__code__.co_freevars, (cell.cell_contents for cell in cells), strict=True))


def _padded(pattern: str) -> str:
    """Quoted text may carry spaces around the value; the parsers strip them."""
    return rf"^\s*(?:{pattern})\s*$"


def _date() -> Schema:
    # No `type`: a YAML 1.1 reader (PyYAML) hands over a date object, which is no JSON type at all.
    return {
        "description": "a date, YYYY-MM-DD",
        "not": {"type": ["number", "boolean", "array", "object", "null"]},
        "pattern": _padded(DATE_PATTERN),
    }


def _target() -> Schema:
    schema = _date()
    schema["description"] = "a date, YYYY-MM-DD, or `ongoing`"
    schema["pattern"] = _padded(f"{DATE_PATTERN}|{_any_case('ongoing')}")
    return schema


def _yes_no() -> Schema:
    words = "|".join(_any_case(word) for word in ("true", "false", "yes", "no", "y", "n"))
    return {
        "description": "yes or no (y/n and true/false also work)",
        "type": ["boolean", "string"],
        "pattern": _padded(words),
    }


def _integer() -> Schema:
    return {
        "description": "a whole number",
        "type": ["integer", "string"],
        "minimum": -(_LARGEST - 1),
        "maximum": _LARGEST - 1,
        "pattern": _padded(INTEGER_PATTERN),
    }


# `.nan` (NaN) passes every bound, since it compares false with everything; `validate` refuses it.
# No number is at once at least 10^15 and at most -10^15, so only NaN matches this, and `not` refuses it.
_NOT_NAN: Schema = {"not": {"type": "number", "minimum": _LARGEST, "maximum": -_LARGEST}}


def _number() -> Schema:
    return {
        "description": "a number",
        "type": ["number", "string"],
        "exclusiveMinimum": -_LARGEST,
        "exclusiveMaximum": _LARGEST,
        "pattern": _padded(NUMBER_PATTERN),
        **_NOT_NAN,
    }


def _non_negative() -> Schema:
    return {
        **_number(),
        "description": "a number, zero or more",
        "minimum": 0,
        "pattern": _padded(NON_NEGATIVE_PATTERN),
    }


def _money() -> Schema:
    return {
        "description": "pounds: 8000, £8,000 or £8,000.50; never negative",
        "type": ["number", "string"],
        "minimum": 0,
        "exclusiveMaximum": _LARGEST,
        "pattern": _padded(MONEY_PATTERN),
        **_NOT_NAN,
    }


def _text() -> Schema:
    # Any single value is text to partreg (`name: No` is "No"), but not a blank one, and no control
    # character once the spaces around it are stripped (the parser strips them first).
    control = values.CONTROL_CHARACTER_CLASS  # the ones `validate` refuses in text
    visible = rf"[^{control}\s]"
    return {
        "description": "text",
        "not": {"type": ["array", "object", "null"]},
        "pattern": rf"^\s*{visible}(?:[^{control}]*{visible})?\s*$",
    }


_FIXED: dict[Callable[..., Any], Callable[[], Schema]] = {
    values.parse_date: _date,
    values.parse_target: _target,
    values.parse_bool: _yes_no,
    values.parse_integer: _integer,
    values.parse_number: _number,
    values.parse_non_negative: _non_negative,
    values.parse_money: _money,
    typing.get_args(values.Text)[1].func: _text,
}


def _integer_range(low: int, high: int) -> Schema:
    if low < 1 or high >= _LARGEST:
        raise ValueError(f"the range {low} to {high} needs its own pattern in json_schema.py")
    # At most MAX_DIGITS digits, any number of leading zeros, an optional plus sign: as `parse_integer` reads it.
    digits = rf"\+?(?=[0-9]{_MOST}\s*$)0*{_range_pattern(low, high)}"
    return {
        "description": f"a whole number from {low} to {high}",
        "type": ["integer", "string"],
        "minimum": low,
        "maximum": high,
        "pattern": _padded(digits),
    }


def _range_pattern(low: int, high: int) -> str:
    """A pattern for the decimal numbers from `low` to `high` (both positive), with no leading zeros."""
    parts = []
    for length in range(len(str(low)), len(str(high)) + 1):
        start = max(low, 10 ** (length - 1))
        end = min(high, 10**length - 1)
        parts.append(_same_length(str(start), str(end)))
    return f"(?:{'|'.join(parts)})"


def _same_length(low: str, high: str) -> str:
    """A pattern for the numbers from `low` to `high`, written with the same number of digits."""
    if not low:
        return ""
    if low == "0" * len(low) and high == "9" * len(high):
        return f"[0-9]{{{len(low)}}}"
    if low[0] == high[0]:
        return low[0] + _same_length(low[1:], high[1:])
    rest = len(low) - 1
    parts = [low[0] + _same_length(low[1:], "9" * rest)]
    if int(high[0]) - int(low[0]) > 1:
        parts.append(f"[{int(low[0]) + 1}-{int(high[0]) - 1}]" + (f"[0-9]{{{rest}}}" if rest else ""))
    parts.append(high[0] + _same_length("0" * rest, high[1:]))
    return f"(?:{'|'.join(parts)})"


def _any_case(word: str) -> str:
    """`word` in any case, as `str.lower()` sees it; JavaScript patterns have no case-blind flag."""
    letters = []
    for char in word:
        variants = sorted({char, char.upper(), _OTHER_CASES.get(char, char)})
        variants = [variant for variant in variants if variant.lower() == char]
        letters.append(f"[{''.join(variants)}]" if len(variants) > 1 else _literal(char))
    return "".join(letters)


def _literal(char: str) -> str:
    return f"\\{char}" if char in _REGEX_SPECIALS else char


def _words(options: tuple[str, ...], kind: str) -> Schema:
    pattern = "|".join(_any_case(option) for option in options)
    return {**_text_pattern(pattern, kind), "examples": list(options)}


def _text_pattern(pattern: str, kind: str) -> Schema:
    """Text matching `pattern`, or a number or boolean whose spelling could match it."""
    compiled = re.compile(pattern)
    kinds = ["string"]
    if any(compiled.fullmatch(spelling) for spelling in _BOOLEAN_SPELLINGS):
        kinds.append("boolean")
    schema: Schema = {}
    if compiled.fullmatch("1.5"):
        kinds.append("number")
        schema |= _NOT_NAN
    elif compiled.fullmatch("7"):
        kinds.append("integer")
    schema |= {"description": kind, "type": kinds, "pattern": _padded(pattern)}
    if len(kinds) > 1 and not compiled.fullmatch("-1"):
        schema["minimum"] = 0
    return schema
