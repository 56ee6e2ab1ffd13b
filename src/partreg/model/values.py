"""Parsers for the register's value types (FORMAT.md, "How values are read").

Every scalar arrives as text. Each parser accepts exactly the forms FORMAT.md allows and
otherwise raises `PydanticCustomError` with a plain message and a `hint` that says what
to write instead, so the user never sees pydantic's own wording.
"""

from __future__ import annotations

import contextlib
import re
import typing
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from partreg.load.document import shown

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ACTION_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
_SLUG = re.compile(SLUG_PATTERN)
_ACTION_ID = re.compile(ACTION_ID_PATTERN)
# ASCII digits only: `\d` would accept Arabic-Indic and other scripts' digits.
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_UK_DATE = re.compile(r"([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})")
# Numbers are kept exactly only up to 15 significant digits (a float's precision).
MAX_DIGITS = 15
_UP_TO_MAX = f"[0-9]{{1,{MAX_DIGITS}}}"
_THOUSANDS_GROUPS = (MAX_DIGITS - 3) // 3  # after the first one to three digits, never over MAX_DIGITS
_INTEGER = re.compile(f"[+-]?{_UP_TO_MAX}")
_NUMBER = re.compile(rf"[+-]?({_UP_TO_MAX}(\.[0-9]{{0,{MAX_DIGITS}}})?|\.{_UP_TO_MAX})")
_MONEY = re.compile(rf"£?\s*([0-9]{{1,3}}(,[0-9]{{3}}){{1,{_THOUSANDS_GROUPS}}}|{_UP_TO_MAX})(\.[0-9]{{1,2}})?")
_DIGITS = re.compile(r"[+-]?[0-9]+(\.[0-9]*)?|[+-]?\.[0-9]+")
# C0 controls but tab and line breaks, DEL, and C1 controls: YAML lets them in through
# double-quoted escapes (`"\a"`), and they break Word documents and terminals. A regex
# character class's inside, for every pattern that refuses them (model/json_schema.py too).
CONTROL_CHARACTER_CLASS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{CONTROL_CHARACTER_CLASS}]")
CONTROL_CHARACTER = "control_character"
_TRUE = frozenset({"true", "yes", "y"})
_FALSE = frozenset({"false", "no", "n"})

DATE_HINT = "dates are written YYYY-MM-DD, e.g. 2023-12-31"
RagValue = Literal["green", "amber", "red"]
LevelValue = Literal["high", "medium", "low"]


def _fail(kind: str, message: str, hint: str) -> PydanticCustomError:
    # User text in a template would be read as `{placeholders}`, so the message travels in the
    # context, substituted last (pydantic fills the template one context key at a time, in order).
    return PydanticCustomError(kind, "{message}", {"hint": hint, "message": message})


def _text_of(value: object, error_type: str, kind: str, example: str) -> str:
    """The text of a single non-empty value, or an error that says what was found instead."""
    if isinstance(value, str):
        if text := value.strip():
            return text
        raise _fail(error_type, f"expected {kind}, found an empty value", f"write {kind}, e.g. {example}")
    found = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else "nothing"
    raise _fail(error_type, f"expected {kind}, found {found}", f"write a single value, e.g. {example}")


def _not_a(text: str, kind: str) -> str:
    """Why `text` is not a number of some kind: its length, when it is one but too long to keep exactly."""
    number = text.lstrip("£").strip().replace(",", "")
    if _DIGITS.fullmatch(number):
        digits = sum(char.isdigit() for char in number)
        if digits > MAX_DIGITS:
            return f"`{shown(text)}` has {digits} digits, more than the {MAX_DIGITS} allowed"
    return f"`{shown(text)}` is not {kind}"


def parse_date(value: object) -> date:
    if isinstance(value, date):
        return value
    text = _text_of(value, "date", "a date", "2023-12-31")
    if iso := _ISO_DATE.fullmatch(text):
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            raise _fail("date", f"`{shown(text)}` is not a real date", DATE_HINT) from None
    message = f"`{shown(text)}` is not a YYYY-MM-DD date"
    if uk := _UK_DATE.fullmatch(text):
        with contextlib.suppress(ValueError):  # 31/02/2023 has no ISO form to suggest
            message += f" (did you mean {date(int(uk[3]), int(uk[2]), int(uk[1])).isoformat()}?)"
    raise _fail("date", message, DATE_HINT)


def parse_target(value: object) -> date | Literal["ongoing"]:
    if isinstance(value, str) and value.strip().lower() == "ongoing":
        return "ongoing"
    try:
        return parse_date(value)
    except PydanticCustomError as exc:
        hint = "write a date YYYY-MM-DD, e.g. 2023-12-31, or `ongoing`"
        raise _fail("target", str(exc), hint) from None


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = _text_of(value, "bool", "yes or no", "`yes`")
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise _fail("bool", f"`{shown(text)}` is not yes or no", "write yes or no; y/n and true/false also work")


def parse_integer(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = _text_of(value, "integer", "a whole number", "`3`")
    if _INTEGER.fullmatch(text):
        return int(text)
    raise _fail("integer", _not_a(text, "a whole number"), f"write up to {MAX_DIGITS} digits, e.g. 2023")


def integer_between(low: int, high: int) -> BeforeValidator:
    def parse(value: object) -> int:
        number = parse_integer(value)
        if low <= number <= high:
            return number
        raise _fail("range", f"`{number}` is outside {low} to {high}", f"write a whole number from {low} to {high}")

    return BeforeValidator(parse)


def number_between(low: float, high: float, kind: str) -> AfterValidator:
    """A range for a number already parsed (by `NonNegative` or `Integer`, say), as `kind` in the hint."""

    def check(number: float) -> float:
        if low <= number <= high:
            return number
        raise _fail("range", f"`{number}` is outside {low} to {high}", f"write {kind} from {low} to {high}")

    return AfterValidator(check)


def parse_number(value: object) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = _text_of(value, "number", "a number", "`12.5`")
    if _NUMBER.fullmatch(text):
        return float(text)
    raise _fail("number", _not_a(text, "a number"), "write the number alone, e.g. 12.5; put any unit in `unit`")


def parse_non_negative(value: object) -> float:
    number = parse_number(value)
    if number < 0:
        raise _fail("number", f"`{shown(str(value).strip())}` is negative", "write zero or more")
    return number


def parse_money(value: object) -> Decimal:
    """Pounds: `8000`, `£8,000` and `£8,000.00` are all 8000; pence allowed; never negative."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return Decimal(str(value))
    text = _text_of(value, "money", "an amount of money", "`£8,000`")
    if not _MONEY.fullmatch(text):
        hint = "write pounds as 8000, £8,000 or £8,000.50; amounts cannot be negative"
        raise _fail("money", _not_a(text, "an amount in pounds"), hint)
    try:
        return Decimal(text.lstrip("£").strip().replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimal digits
        raise _fail("money", f"`{shown(text)}` is not an amount in pounds", "write pounds as 8000 or £8,000") from None


def choice(words: Any, kind: str) -> BeforeValidator:
    """A case-insensitive closed set of words, such as a status; `words` is a Literal type."""
    options: tuple[str, ...] = typing.get_args(words)

    def parse(value: object) -> str:
        text = _text_of(value, "choice", kind, f"`{options[0]}`")
        if text.lower() in options:
            return text.lower()
        raise _fail("choice", f"`{shown(text)}` is not {kind}", f"write one of: {', '.join(options)}")

    return BeforeValidator(parse)


def _pattern(pattern: re.Pattern[str], kind: str, hint: str) -> BeforeValidator:
    def parse(value: object) -> str:
        text = _text_of(value, "pattern", kind, "`my-partnership`")
        if pattern.fullmatch(text):
            return text
        raise _fail("pattern", f"`{shown(text)}` is not {kind}", hint)

    return BeforeValidator(parse)


def _plain_text(value: object) -> str:
    text = _text_of(value, "text", "text", '"Safer Streets Board"')
    if control := _CONTROL.search(text):
        raise PydanticCustomError(
            CONTROL_CHARACTER,
            "{message}",
            {"message": f"contains the control character U+{ord(control[0]):04X}", "hint": "delete it"},
        )
    return text


IsoDate = Annotated[date, BeforeValidator(parse_date)]
Target = Annotated[date | Literal["ongoing"], BeforeValidator(parse_target)]
YesNo = Annotated[bool, BeforeValidator(parse_bool)]
Integer = Annotated[int, BeforeValidator(parse_integer)]
Number = Annotated[float, BeforeValidator(parse_number)]
NonNegative = Annotated[float, BeforeValidator(parse_non_negative)]
Money = Annotated[Decimal, BeforeValidator(parse_money)]
Text = Annotated[str, BeforeValidator(_plain_text)]
Rag = Annotated[RagValue, choice(RagValue, "a RAG rating")]
Level = Annotated[LevelValue, choice(LevelValue, "a level")]
Slug = Annotated[
    str,
    _pattern(_SLUG, "a slug", "use lower-case letters, digits and single hyphens, e.g. safer-streets-board"),
]
ActionId = Annotated[
    str,
    _pattern(_ACTION_ID, "an action id", "start with a letter or digit; then letters, digits, `.`, `_` or `-`"),
]


def plain_number(value: Decimal | float | None) -> int | float | None:
    """A number as the JSON or cell value it means: a whole number as an integer (`8000`, `40`, not
    `8000.00` or `40.0`), else a float (pence and part hours kept); None, not recorded, stays None."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return int(value) if value.is_integer() else value
