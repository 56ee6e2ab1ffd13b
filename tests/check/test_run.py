"""Selecting rules by code: `--select` and `--ignore` take codes or prefixes, as in flake8."""

from __future__ import annotations

import pytest

from partreg.check.run import Selection, parse_codes
from partreg.errors import PartregError


def test_codes_are_split_trimmed_and_upper_cased() -> None:
    assert parse_codes(" s, r001 ,,L", "--select") == ("S", "R001", "L")
    assert parse_codes(None, "--select") == parse_codes("", "--select") == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("S1234", "--ignore: `S1234` is not a rule code or prefix"),
        ("1", "--ignore: `1` is not a rule code or prefix"),
        ("Q", "--ignore: no rule code starts with `Q`"),
        ("S999", "--ignore: no rule code starts with `S999`"),
    ],
)
def test_a_code_that_is_malformed_or_matches_no_rule_cannot_run(text: str, message: str) -> None:
    """Either would silently select or ignore nothing."""
    with pytest.raises(PartregError) as raised:
        parse_codes(text, "--ignore")
    assert str(raised.value) == message


def test_codes_are_judged_against_the_known_codes_given() -> None:
    assert parse_codes("X1", "--select", known=["X100"]) == ("X1",)
    with pytest.raises(PartregError, match="no rule code starts with `S`"):
        parse_codes("S", "--select", known=["X100"])


def test_a_selection_takes_prefixes_and_ignore_wins() -> None:
    selection = Selection(select=("S", "R001"), ignore=("S002",))
    assert [selection.wants(code) for code in ("S001", "S002", "R001", "R002")] == [True, False, True, False]
