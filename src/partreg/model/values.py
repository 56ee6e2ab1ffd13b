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

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ACTION_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
_SLUG = re.compile(SLUG_PATTERN)
_ACTION_ID = re.compile(ACTION_ID_PATTERN)
# ASCII digits only: `\d` would accept Arabic-Indic and other scripts' digits.
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_UK_DATE = re.compile(r"([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})")
_INTEGER = re.compile(r"[+-]?[0-9]{1,15}")
_NUMBER = re.compile(r"[+-]?([0-9]{1,15}(\.[0-9]{0,15})?|\.[0-9]{1,15})")
_MONEY = re.compile(r"£?\s*([0-9]{1,3}(,[0-9]{3}){1,4}|[0-9]{1,15})(\.[0-9]{1,2})?")
_TRUE = frozenset({"true", "yes", "y"})
_FALSE = frozenset({"false", "no", "n"})

DATE_HINT = "dates are written YYYY-MM-DD, e.g. 2023-12-31"
RagValue = Literal["green", "amber", "red"]
LevelValue = Literal["high", "medium", "low"]


def _fail(kind: str, message: str, hint: str) -> PydanticCustomError:
    # User text in a template would be read as `{placeholders}`, so the message travels in the
    # context, substituted last (pydantic fills the template one context key at a time, in order).
    return PydanticCustomError(kind, "{message}", {"hint": hint, "message": message})


def _clip(text: str) -> str:
    """User text quoted in a message, kept to one readable line."""
    return text if len(text) <= 60 else f"{text[:57]}..."


def _text_of(value: object, kind: str, example: str) -> str:
    if isinstance(value, str):
        return value.strip()
    found = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else "nothing"
    raise _fail(kind, f"expected {kind}, found {found}", f"write a single value, e.g. {example}")


def parse_date(value: object) -> date:
    if isinstance(value, date):
        return value
    text = _text_of(value, "a date", "2023-12-31")
    if iso := _ISO_DATE.fullmatch(text):
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            raise _fail("date", f"`{_clip(text)}` is not a real date", DATE_HINT) from None
    message = f"`{_clip(text)}` is not a YYYY-MM-DD date"
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
    text = _text_of(value, "yes or no", "`yes`")
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise _fail("bool", f"`{_clip(text)}` is not yes or no", "write yes or no; y/n and true/false also work")


def parse_integer(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = _text_of(value, "a whole number", "`3`")
    if _INTEGER.fullmatch(text):
        return int(text)
    raise _fail("integer", f"`{_clip(text)}` is not a whole number", "write up to 15 digits, e.g. 2023")


def integer_between(low: int, high: int) -> BeforeValidator:
    def parse(value: object) -> int:
        number = parse_integer(value)
        if low <= number <= high:
            return number
        raise _fail("range", f"`{number}` is outside {low} to {high}", f"write a whole number from {low} to {high}")

    return BeforeValidator(parse)


def parse_number(value: object) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = _text_of(value, "a number", "`12.5`")
    if _NUMBER.fullmatch(text):
        return float(text)
    raise _fail(
        "number", f"`{_clip(text)}` is not a number", "write the number alone, e.g. 12.5; put any unit in `unit`"
    )


def parse_non_negative(value: object) -> float:
    number = parse_number(value)
    if number < 0:
        raise _fail("number", f"`{value}` is negative", "write zero or more")
    return number


def parse_money(value: object) -> Decimal:
    """Pounds: `8000`, `£8,000` and `£8,000.00` are all 8000; pence allowed; never negative."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return Decimal(str(value))
    text = _text_of(value, "an amount of money", "`£8,000`")
    if not _MONEY.fullmatch(text):
        hint = "write pounds as 8000, £8,000 or £8,000.50; amounts cannot be negative"
        raise _fail("money", f"`{_clip(text)}` is not an amount in pounds", hint)
    try:
        return Decimal(text.lstrip("£").strip().replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimal digits
        raise _fail("money", f"`{_clip(text)}` is not an amount in pounds", "write pounds as 8000 or £8,000") from None


def choice(words: Any, kind: str) -> BeforeValidator:
    """A case-insensitive closed set of words, such as a status; `words` is a Literal type."""
    options: tuple[str, ...] = typing.get_args(words)

    def parse(value: object) -> str:
        text = _text_of(value, kind, f"`{options[0]}`")
        if text.lower() in options:
            return text.lower()
        raise _fail("choice", f"`{_clip(text)}` is not {kind}", f"write one of: {', '.join(options)}")

    return BeforeValidator(parse)


def _pattern(pattern: re.Pattern[str], kind: str, hint: str) -> BeforeValidator:
    def parse(value: object) -> str:
        text = _text_of(value, kind, "`my-partnership`")
        if pattern.fullmatch(text):
            return text
        raise _fail("pattern", f"`{_clip(text)}` is not {kind}", hint)

    return BeforeValidator(parse)


def _plain_text(value: object) -> str:
    text = _text_of(value, "text", '"Safer Streets Board"')
    if not text:
        raise _fail("text", "expected text, found an empty value", 'write the text, e.g. "Safer Streets Board"')
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
