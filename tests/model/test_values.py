"""The value parsers, form by form (FORMAT.md, "How values are read").

Every scalar reaches a parser as text. Each accepted form is listed with the value it
means; each rejected form with the words the user is shown, where the words matter.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from partreg.model import values
from partreg.model.values import (
    CONTROL_CHARACTER,
    CONTROL_CHARACTER_CLASS,
    DATE_HINT,
    MAX_DIGITS,
    Text,
    choice,
    integer_between,
    number_between,
    parse_bool,
    parse_date,
    parse_integer,
    parse_money,
    parse_non_negative,
    parse_number,
    parse_target,
)

Parser = Callable[[object], object]


def parser_of(annotated: object) -> Parser:
    """The BeforeValidator function behind one of the Annotated value types."""
    for meta in typing.get_args(annotated)[1:]:
        if isinstance(meta, BeforeValidator):
            return typing.cast(Parser, meta.func)
    raise AssertionError(f"{annotated!r} has no BeforeValidator")


def validator_func(validator: BeforeValidator | AfterValidator) -> Parser:
    return typing.cast(Parser, validator.func)


def rejection(parser: Parser, value: object) -> PydanticCustomError:
    with pytest.raises(PydanticCustomError) as caught:
        parser(value)
    return caught.value


def hint_of(exc: PydanticCustomError) -> str:
    context = exc.context or {}
    hint = context.get("hint")
    assert isinstance(hint, str)
    return hint


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-12-31", date(2023, 12, 31)),
        ("2024-02-29", date(2024, 2, 29)),
        ("0001-01-01", date(1, 1, 1)),
        ("9999-12-31", date(9999, 12, 31)),
        ("  2023-04-01  ", date(2023, 4, 1)),
    ],
)
def test_date_accepts_iso(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_date_passes_a_date_through() -> None:
    assert parse_date(date(2023, 1, 2)) == date(2023, 1, 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/12/2023", "`31/12/2023` is not a YYYY-MM-DD date (did you mean 2023-12-31?)"),
        ("31.12.2023", "`31.12.2023` is not a YYYY-MM-DD date (did you mean 2023-12-31?)"),
        ("1/2/2012", "`1/2/2012` is not a YYYY-MM-DD date (did you mean 2012-02-01?)"),
        # a month of 31 cannot be turned round into a date: no suggestion
        ("12/31/2023", "`12/31/2023` is not a YYYY-MM-DD date"),
        ("December 2023", "`December 2023` is not a YYYY-MM-DD date"),
        ("2023-02-30", "`2023-02-30` is not a real date"),
        ("2023-13-01", "`2023-13-01` is not a real date"),
        ("2023-00-10", "`2023-00-10` is not a real date"),
        ("2023-2-3", "`2023-2-3` is not a YYYY-MM-DD date"),
        ("20231231", "`20231231` is not a YYYY-MM-DD date"),
        ("2023-12-31T10:00", "`2023-12-31T10:00` is not a YYYY-MM-DD date"),
        ("2023", "`2023` is not a YYYY-MM-DD date"),
    ],
)
def test_date_rejects_other_forms(text: str, message: str) -> None:
    exc = rejection(parse_date, text)
    assert exc.type == "date"
    assert exc.message() == message
    assert hint_of(exc) == DATE_HINT


def test_date_hint_shows_the_iso_form() -> None:
    exc = rejection(parse_date, "31/12/2023")
    assert "dates are written YYYY-MM-DD, e.g. 2023-12-31" in hint_of(exc)
    assert "2023-12-31" in exc.message()


@pytest.mark.parametrize(
    ("value", "found"),
    [(["2023-12-31"], "a list"), ({"on": "2023-12-31"}, "a mapping"), (None, "nothing")],
)
def test_date_rejects_a_shape(value: object, found: str) -> None:
    exc = rejection(parse_date, value)
    assert exc.message() == f"expected a date, found {found}"
    assert hint_of(exc) == "write a single value, e.g. 2023-12-31"


# --- action targets --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ongoing", "ongoing"),
        ("Ongoing", "ongoing"),
        (" ONGOING ", "ongoing"),
        ("2023-12-31", date(2023, 12, 31)),
    ],
)
def test_target_accepts_a_date_or_ongoing(text: str, expected: object) -> None:
    assert parse_target(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/12/2023", "`31/12/2023` is not a YYYY-MM-DD date (did you mean 2023-12-31?)"),
        ("soon", "`soon` is not a YYYY-MM-DD date"),
        ("on-going", "`on-going` is not a YYYY-MM-DD date"),
        ("2023-02-30", "`2023-02-30` is not a real date"),
    ],
)
def test_target_rejects_other_forms(text: str, message: str) -> None:
    exc = rejection(parse_target, text)
    assert exc.type == "target"
    assert exc.message() == message
    assert hint_of(exc) == "write a date YYYY-MM-DD, e.g. 2023-12-31, or `ongoing`"


# --- booleans -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("yes", True),
        ("Yes", True),
        ("YES", True),
        ("y", True),
        ("Y", True),
        ("  yes ", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
        ("no", False),
        ("No", False),
        ("NO", False),
        ("n", False),
        ("N", False),
    ],
)
def test_bool_accepts_yes_no_forms(text: str, expected: bool) -> None:
    assert parse_bool(text) is expected


@pytest.mark.parametrize("value", [True, False])
def test_bool_passes_a_bool_through(value: bool) -> None:
    assert parse_bool(value) is value


@pytest.mark.parametrize("text", ["on", "off", "On", "OFF", "1", "0", "t", "f", "yess", "nope", "ja", "-"])
def test_bool_rejects_other_words(text: str) -> None:
    exc = rejection(parse_bool, text)
    assert exc.type == "bool"
    assert hint_of(exc) == "write yes or no; y/n and true/false also work"


@pytest.mark.parametrize("text", ["on", "1", "maybe"])
def test_bool_message_names_the_word(text: str) -> None:
    assert rejection(parse_bool, text).message() == f"`{text}` is not yes or no"


def test_bool_rejects_a_list() -> None:
    exc = rejection(parse_bool, ["yes"])
    assert exc.message() == "expected yes or no, found a list"


# --- whole numbers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2023", 2023), ("0", 0), ("007", 7), ("-3", -3), ("+3", 3), (" 12 ", 12)],
)
def test_integer_accepts_digits(text: str, expected: int) -> None:
    assert parse_integer(text) == expected


@pytest.mark.parametrize("text", ["twenty", "3.5", "1e3", "1,000", "1_000", "2023/24", "12 months"])
def test_integer_rejects_other_forms(text: str) -> None:
    exc = rejection(parse_integer, text)
    assert exc.message() == f"`{text}` is not a whole number"
    assert hint_of(exc) == "write up to 15 digits, e.g. 2023"


def test_integer_with_very_many_digits_is_a_plain_rejection() -> None:
    rejection(parse_integer, "1" * 5000)


@pytest.mark.parametrize(("text", "expected"), [("1", 1), ("3", 3), ("5", 5), ("+5", 5)])
def test_integer_between_accepts_the_range(text: str, expected: int) -> None:
    assert validator_func(integer_between(1, 5))(text) == expected


@pytest.mark.parametrize("text", ["0", "6", "-1", "100"])
def test_integer_between_rejects_outside(text: str) -> None:
    exc = rejection(validator_func(integer_between(1, 5)), text)
    assert exc.type == "range"
    assert exc.message() == f"`{int(text)}` is outside 1 to 5"
    assert hint_of(exc) == "write a whole number from 1 to 5"


def test_integer_between_rejects_text_as_not_a_number() -> None:
    exc = rejection(validator_func(integer_between(1, 5)), "high")
    assert exc.message() == "`high` is not a whole number"


@pytest.mark.parametrize("number", [0, 0.5, 1])
def test_number_between_keeps_a_number_in_the_range(number: float) -> None:
    assert validator_func(number_between(0, 1, "a share"))(number) == number


@pytest.mark.parametrize(("number", "shown"), [(1.5, "1.5"), (-0.25, "-0.25"), (367, "367")])
def test_number_between_rejects_outside_in_the_words_of_integer_between(number: float, shown: str) -> None:
    exc = rejection(validator_func(number_between(0, 1, "a share")), number)
    assert exc.type == "range"
    assert exc.message() == f"`{shown}` is outside 0 to 1"
    assert hint_of(exc) == "write a share from 0 to 1"


@pytest.mark.parametrize(
    ("parser", "longest", "written"),
    [
        (parse_integer, "9" * MAX_DIGITS, int("9" * MAX_DIGITS)),
        (parse_number, "9" * MAX_DIGITS + "." + "9" * MAX_DIGITS, float("9" * MAX_DIGITS + "." + "9" * MAX_DIGITS)),
        (parse_money, "£999" + ",999" * ((MAX_DIGITS - 3) // 3), Decimal("9" * MAX_DIGITS)),
        (parse_money, "9" * MAX_DIGITS, Decimal("9" * MAX_DIGITS)),
    ],
)
def test_the_digit_limit_is_max_digits_in_every_number_parser(parser: Parser, longest: str, written: object) -> None:
    """The patterns and the messages name one limit: MAX_DIGITS digits are kept, one more is refused."""
    assert parser(longest) == written
    exc = rejection(parser, "1" + longest.lstrip("£"))
    assert f"more than the {MAX_DIGITS} allowed" in exc.message()


# --- numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12.5", 12.5), ("0", 0.0), (".5", 0.5), ("5.", 5.0), ("-2", -2.0), ("+2", 2.0), (" 90 ", 90.0)],
)
def test_number_accepts_decimals(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["90%", "1e3", "1,000", "abc", "nan", "inf", "-", ".", "12 hours"])
def test_number_rejects_other_forms(text: str) -> None:
    exc = rejection(parse_number, text)
    assert exc.message() == f"`{text}` is not a number"
    assert "put any unit in `unit`" in hint_of(exc)


def test_number_too_large_for_a_float_is_rejected() -> None:
    rejection(parse_number, "9" * 400)


@pytest.mark.parametrize(("text", "expected"), [("0", 0.0), ("3.5", 3.5), ("120", 120.0)])
def test_non_negative_accepts_zero_or_more(text: str, expected: float) -> None:
    assert parse_non_negative(text) == expected


def test_non_negative_rejects_a_negative() -> None:
    exc = rejection(parse_non_negative, "-3")
    assert exc.message() == "`-3` is negative"
    assert hint_of(exc) == "write zero or more"


# --- money ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8000", Decimal("8000")),
        ("£8,000", Decimal("8000")),
        ("£8,000.00", Decimal("8000")),
        ("8000.50", Decimal("8000.50")),
        ("8,000", Decimal("8000")),
        ("£8000", Decimal("8000")),
        ("£0", Decimal("0")),
        ("0.5", Decimal("0.5")),
        ("£1,234,567.89", Decimal("1234567.89")),
        (" £8,000 ", Decimal("8000")),
    ],
)
def test_money_accepts_pounds(text: str, expected: Decimal) -> None:
    parsed = parse_money(text)
    assert isinstance(parsed, Decimal)
    assert parsed == expected


@pytest.mark.parametrize(
    "text",
    [
        "-5",
        "£-5",
        "-£5",
        "5 pounds",
        "£8,00",
        "8,0000",
        "1,00,000",
        "8000.505",
        "£8,000.",
        "$8000",
        "8 000",
        "£",
        "8k",
    ],
)
def test_money_rejects_other_forms(text: str) -> None:
    exc = rejection(parse_money, text)
    assert exc.type == "money"
    assert exc.message() == f"`{text.strip()}` is not an amount in pounds"
    assert "amounts cannot be negative" in hint_of(exc)


def test_money_rejects_a_mapping() -> None:
    exc = rejection(parse_money, {"amount": "8000"})
    assert exc.message() == "expected an amount of money, found a mapping"


@pytest.mark.parametrize(
    "parser_and_text",
    [(parse_money, "١٢٣"), (parse_integer, "٢٠٢٣"), (parse_date, "٢٠٢٣-١٢-٣١"), (parse_number, "١٢")],
)
def test_non_ascii_digits_are_rejected(parser_and_text: tuple[Parser, str]) -> None:
    parser, text = parser_and_text
    rejection(parser, text)


# --- closed sets of words (choice) -----------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [("Green", "green"), ("AMBER", "amber"), (" red ", "red")])
def test_rag_is_case_insensitive(text: str, expected: str) -> None:
    assert parser_of(values.Rag)(text) == expected


@pytest.mark.parametrize("text", ["purple", "g", "amber-red"])
def test_rag_rejects_other_words(text: str) -> None:
    exc = rejection(parser_of(values.Rag), text)
    assert exc.type == "choice"
    assert exc.message() == f"`{text}` is not a RAG rating"
    assert hint_of(exc) == "write one of: green, amber, red"


@pytest.mark.parametrize(("text", "expected"), [("High", "high"), ("medium", "medium"), ("LOW", "low")])
def test_level_is_case_insensitive(text: str, expected: str) -> None:
    assert parser_of(values.Level)(text) == expected


def test_level_rejects_other_words() -> None:
    exc = rejection(parser_of(values.Level), "extreme")
    assert exc.message() == "`extreme` is not a level"
    assert hint_of(exc) == "write one of: high, medium, low"


def test_choice_lists_its_options_in_order() -> None:
    parse = validator_func(choice(typing.Literal["planned", "in-progress"], "an action status"))
    assert parse("In-Progress") == "in-progress"
    exc = rejection(parse, "done")
    assert exc.message() == "`done` is not an action status"
    assert hint_of(exc) == "write one of: planned, in-progress"


def test_choice_rejects_a_list_with_an_example() -> None:
    exc = rejection(parser_of(values.Rag), ["green"])
    assert exc.message() == "expected a RAG rating, found a list"
    assert hint_of(exc) == "write a single value, e.g. `green`"


# --- slugs, action ids and text -------------------------------------------------------


@pytest.mark.parametrize("text", ["safer-streets-board", "a", "a1", "2023-plan", "tees-valley-ca"])
def test_slug_accepts(text: str) -> None:
    assert parser_of(values.Slug)(text) == text


@pytest.mark.parametrize("text", ["Safer", "a--b", "-a", "a-", "a_b", "a b", "café", "a.b"])
def test_slug_rejects(text: str) -> None:
    exc = rejection(parser_of(values.Slug), text)
    assert exc.type == "pattern"
    assert exc.message() == f"`{text}` is not a slug"
    assert hint_of(exc) == "use lower-case letters, digits and single hyphens, e.g. safer-streets-board"


@pytest.mark.parametrize("text", ["a", "A1", "1.2", "a_b-c", "M.3"])
def test_action_id_accepts(text: str) -> None:
    assert parser_of(values.ActionId)(text) == text


@pytest.mark.parametrize("text", ["-a", ".a", "a b", "#1"])
def test_action_id_rejects(text: str) -> None:
    exc = rejection(parser_of(values.ActionId), text)
    assert exc.message() == f"`{text}` is not an action id"


@pytest.mark.parametrize(("text", "expected"), [("No", "No"), ("  Safer Streets  ", "Safer Streets"), ("0123", "0123")])
def test_text_keeps_the_words(text: str, expected: str) -> None:
    assert parser_of(values.Text)(text) == expected


@pytest.mark.parametrize("text", ["", "   "])
def test_text_rejects_empty(text: str) -> None:
    exc = rejection(parser_of(values.Text), text)
    assert exc.message() == "expected text, found an empty value"


def test_message_quotes_the_users_text_verbatim() -> None:
    exc = rejection(parse_date, "{hint}")
    assert exc.message() == "`{hint}` is not a YYYY-MM-DD date"


# --- empty values, long numbers, control characters and user text in messages ---------------


@pytest.mark.parametrize(
    ("parser", "error_type", "message", "hint"),
    [
        (parse_date, "date", "expected a date, found an empty value", "write a date, e.g. 2023-12-31"),
        (parse_bool, "bool", "expected yes or no, found an empty value", "write yes or no, e.g. `yes`"),
        (parse_integer, "integer", "expected a whole number, found an empty value", "e.g. `3`"),
        (parse_number, "number", "expected a number, found an empty value", "e.g. `12.5`"),
        (parse_money, "money", "expected an amount of money, found an empty value", "e.g. `£8,000`"),
        (parser_of(values.Rag), "choice", "expected a RAG rating, found an empty value", "e.g. `green`"),
        (parser_of(values.Slug), "pattern", "expected a slug, found an empty value", "write a slug, e.g."),
        (parser_of(values.ActionId), "pattern", "expected an action id, found an empty value", "e.g."),
        (parser_of(values.Text), "text", "expected text, found an empty value", "write text, e.g."),
    ],
    ids=["date", "bool", "integer", "number", "money", "rag", "slug", "action-id", "text"],
)
@pytest.mark.parametrize("text", ["", "   "], ids=["empty", "spaces"])
def test_an_empty_value_is_called_empty(parser: Parser, error_type: str, message: str, hint: str, text: str) -> None:
    exc = rejection(parser, text)
    assert (exc.type, exc.message()) == (error_type, message)
    assert hint in hint_of(exc)
    assert "``" not in exc.message()


@pytest.mark.parametrize(
    ("parser", "text", "message"),
    [
        (parse_integer, "9" * 24, f"`{'9' * 24}` has 24 digits, more than the 15 allowed"),
        (parse_integer, "-" + "1" * 16, f"`-{'1' * 16}` has 16 digits, more than the 15 allowed"),
        (parse_number, "1" * 16 + ".5", f"`{'1' * 16}.5` has 17 digits, more than the 15 allowed"),
        (parse_money, "£" + "1" * 20, f"`£{'1' * 20}` has 20 digits, more than the 15 allowed"),
    ],
    ids=["integer", "negative-integer", "number", "money"],
)
def test_a_number_with_too_many_digits_says_it_is_too_long(parser: Parser, text: str, message: str) -> None:
    assert rejection(parser, text).message() == message


@pytest.mark.parametrize(
    ("parser", "text", "shown"),
    [
        (parse_bool, "x\nregister/fake.yaml:1:1: Z999 err", "`x\\nregister/fake.yaml:1:1: Z999 err`"),
        (parse_date, "\x1b]0;PWNED\x07\x1b[2J", "`\\x1b]0;PWNED\\x07\\x1b[2J`"),
        (parser_of(values.Slug), "a\u202eb", "`a\\u202eb`"),
        (parse_integer, "x" * 100, f"`{'x' * 60}…`"),
        (parse_non_negative, "-1\n", "`-1`"),
    ],
    ids=["line-break", "terminal-escape", "bidi-override", "long", "negative"],
)
def test_messages_show_user_text_escaped_and_cut(parser: Parser, text: str, shown: str) -> None:
    message = rejection(parser, text).message()
    assert shown in message
    assert message.isprintable()


@pytest.mark.parametrize(
    ("text", "code_point"),
    [
        ("Bell\a Board", "U+0007"),
        ("VT\v Board", "U+000B"),
        ("\x7f", "U+007F"),
        ("a\x85b", "U+0085"),
        ("\x1b[2J", "U+001B"),
    ],
    ids=["bell", "vertical-tab", "delete", "c1-next-line", "escape"],
)
def test_text_with_a_control_character_is_refused(text: str, code_point: str) -> None:
    exc = rejection(parser_of(values.Text), text)
    assert exc.type == values.CONTROL_CHARACTER
    assert exc.message() == f"contains the control character {code_point}"
    assert hint_of(exc) == "delete it"


@pytest.mark.parametrize("text", ["Tab\there", "two\nlines", "crlf\r\nline", "Café – “CA” 😀", "non\xa0breaking"])
def test_text_keeps_tabs_line_breaks_and_printable_characters(text: str) -> None:
    assert parser_of(values.Text)(text) == text.strip()


def test_text_refuses_exactly_the_control_character_class() -> None:
    """One definition of the control characters (model/json_schema.py builds its text pattern from it too)."""
    parse = parser_of(Text)
    control = re.compile(f"[{CONTROL_CHARACTER_CLASS}]")
    for code in range(0x100):
        char = chr(code)
        if control.fullmatch(char):
            assert rejection(parse, f"a{char}b").type == CONTROL_CHARACTER, hex(code)
        else:
            assert parse(f"a{char}b") == f"a{char}b", hex(code)
    assert not any(control.fullmatch(char) for char in "\t\n\r ")  # tab and line breaks are text
