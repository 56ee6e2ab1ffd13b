"""Property tests for the value parsers: round trips, and "only ever a plain rejection"."""

from __future__ import annotations

import typing
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from partreg.model import values
from partreg.model.partnership import RiskScore, Status
from partreg.model.values import (
    DATE_HINT,
    parse_bool,
    parse_date,
    parse_integer,
    parse_money,
    parse_non_negative,
    parse_number,
    parse_target,
)

Parser = Callable[[object], object]

PROPERTY = settings(max_examples=200, deadline=None)
BOOLEAN_WORDS = ("yes", "no", "true", "false", "y", "n")


def parser_of(annotated: object) -> Parser:
    for meta in typing.get_args(annotated)[1:]:
        if isinstance(meta, BeforeValidator):
            return typing.cast(Parser, meta.func)
    raise AssertionError(f"{annotated!r} has no BeforeValidator")


PARSERS: dict[str, Parser] = {
    "date": parse_date,
    "target": parse_target,
    "bool": parse_bool,
    "integer": parse_integer,
    "number": parse_number,
    "non_negative": parse_non_negative,
    "money": parse_money,
    "risk_score": parser_of(RiskScore),
    "status": parser_of(Status),
    "rag": parser_of(values.Rag),
    "level": parser_of(values.Level),
    "slug": parser_of(values.Slug),
    "action_id": parser_of(values.ActionId),
    "text": parser_of(values.Text),
}

# What the YAML reader can hand a parser: text, None, or lists and mappings of those.
yaml_values: st.SearchStrategy[object] = st.recursive(
    st.none() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)

money_amounts = st.decimals(min_value=0, max_value=Decimal("1e12"), places=2, allow_nan=False, allow_infinity=False)


def case_variants(word: str) -> st.SearchStrategy[str]:
    letters = [st.sampled_from((c.lower(), c.upper())) for c in word]
    return st.tuples(*letters).map("".join)


# --- money ----------------------------------------------------------------------------


@PROPERTY
@given(amount=money_amounts)
def test_money_round_trips_with_pound_sign_and_commas(amount: Decimal) -> None:
    assert parse_money(f"£{amount:,.2f}") == amount


@PROPERTY
@given(amount=money_amounts)
def test_money_round_trips_as_plain_digits(amount: Decimal) -> None:
    assert parse_money(f"{amount:.2f}") == amount
    assert parse_money(f"{amount:,}") == amount


@PROPERTY
@given(
    amount=st.decimals(
        max_value=Decimal("-0.01"), min_value=Decimal("-1e12"), places=2, allow_nan=False, allow_infinity=False
    )
)
def test_money_never_accepts_a_negative(amount: Decimal) -> None:
    for text in (f"{amount}", f"£{amount:,.2f}", f"-£{-amount:,.2f}"):
        with pytest.raises(PydanticCustomError):
            parse_money(text)


# --- dates ----------------------------------------------------------------------------


@PROPERTY
@given(day=st.dates())
def test_any_iso_date_parses_back_to_itself(day: date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_target(day.isoformat()) == day


@PROPERTY
@given(day=st.dates(min_value=date(1000, 1, 1)))
def test_a_day_month_year_date_is_refused_with_its_iso_form(day: date) -> None:
    with pytest.raises(PydanticCustomError) as caught:
        parse_date(f"{day.day}/{day.month}/{day.year}")
    assert f"did you mean {day.isoformat()}?" in caught.value.message()
    assert (caught.value.context or {}).get("hint") == DATE_HINT


# --- booleans -------------------------------------------------------------------------


@PROPERTY
@given(word=st.sampled_from(BOOLEAN_WORDS).flatmap(case_variants), pad=st.sampled_from(("", " ", "  ")))
def test_any_case_of_a_boolean_word_parses(word: str, pad: str) -> None:
    assert parse_bool(pad + word + pad) is (word.lower() in {"yes", "true", "y"})


@PROPERTY
@given(text=st.text().filter(lambda s: s.strip().lower() not in BOOLEAN_WORDS))
def test_any_other_text_is_not_a_boolean(text: str) -> None:
    with pytest.raises(PydanticCustomError) as caught:
        parse_bool(text)
    assert caught.value.type == "bool"


# --- every parser: a plain rejection or a value, never a crash ------------------------


def assert_plain_rejections(value: object) -> None:
    """Every parser either returns or raises PydanticCustomError with a message and a hint."""
    for name, parse in PARSERS.items():
        try:
            parse(value)
        except PydanticCustomError as exc:
            assert exc.message(), name
            assert (exc.context or {}).get("hint"), name


# Arbitrary text, and text made of the characters that numbers, dates and money are made of.
near_values = st.text() | st.text(alphabet="0123456789-/.,£+ eEyYnN", max_size=14)


@PROPERTY
@given(text=near_values)
def test_every_parser_only_ever_rejects_text_plainly(text: str) -> None:
    assert_plain_rejections(text)


@PROPERTY
@given(value=yaml_values)
def test_every_parser_only_ever_rejects_yaml_shapes_plainly(value: object) -> None:
    assert_plain_rejections(value)
