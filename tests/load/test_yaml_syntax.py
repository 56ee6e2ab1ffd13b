"""libyaml's syntax errors in plain words (load/yaml_syntax.py), from plain values: no `yaml` here.

The reader hands over libyaml's problem and context text and their 0-based marks; the positions
reported are 1-based and always inside the file. tests/load/test_yaml_reader.py checks the same
explanations end to end, from real libyaml errors.
"""

from __future__ import annotations

from partreg.load.yaml_syntax import LibyamlError, SyntaxProblem, explain_syntax_error

UNCLOSED_QUOTE = LibyamlError("found unexpected end of stream", "while scanning a quoted scalar", (2, 0), (1, 6))


def test_a_colon_inside_a_value_is_shown_quoted() -> None:
    error = LibyamlError("mapping values are not allowed in this context", None, (1, 11), None)
    assert explain_syntax_error(error, "id: x\nname: Safer: Streets\n") == SyntaxProblem(
        2, 12, "Y001", "a `: ` inside a value", 'put the value in quotes, e.g. name: "Safer: Streets"'
    )


def test_an_unclosed_quote_is_reported_where_it_opened() -> None:
    explained = explain_syntax_error(UNCLOSED_QUOTE, 'id: x\nname: "Safer\n')
    assert explained == SyntaxProblem(
        2, 7, "Y001", 'the quote `"` opened here is never closed', 'end the text with `"`'
    )


def test_any_line_break_libyaml_knows_counts_a_line() -> None:
    for newline in ("\r\n", "\r", "\x85", "\u2028"):
        explained = explain_syntax_error(UNCLOSED_QUOTE, f'id: x{newline}name: "Safer{newline}')
        assert (explained.line, explained.col) == (2, 7), repr(newline)


def test_a_tab_before_the_mark_is_indentation() -> None:
    error = LibyamlError(
        "found character that cannot start any token", "while scanning for the next token", (1, 0), None
    )
    explained = explain_syntax_error(error, "id: x\n\tname: y\n")
    assert (explained.line, explained.col, explained.code) == (2, 1, "Y014")
    assert explained.message == "tab used for indentation"


def test_a_mistake_with_no_plain_words_keeps_libyamls_and_a_general_hint() -> None:
    error = LibyamlError("found something odd", "while reading", (0, 3), None)
    explained = explain_syntax_error(error, "id: x\n")
    assert explained == SyntaxProblem(
        1,
        4,
        "Y001",
        "YAML syntax: found something odd while reading",
        "check the indentation and quoting on this line and the one before",
    )


def test_no_marks_point_at_the_start_and_a_mark_past_the_end_at_the_last_line() -> None:
    assert (explain_syntax_error(LibyamlError(None, None, None, None), "id: x\n").line) == 1
    past_end = explain_syntax_error(LibyamlError("found something odd", None, (5, 0), None), "id: x\nname: y\n")
    assert (past_end.line, past_end.col) == (2, 8)
