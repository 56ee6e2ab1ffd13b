"""Register text is inert in every Markdown output: reports, the PR comment and `partreg log`."""

from __future__ import annotations

import pytest

from partreg.render.markdown import escape, escape_outside_code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Safer Streets", "Safer Streets"),
        ("*bold* _it_ [link](x) <script>", r"\*bold\* \_it\_ \[link\](x) \<script\>"),
        ("a | b", r"a \| b"),
        ("two\nlines\twith  gaps", "two lines with gaps"),
        ("escape \x1b[31m red", r"escape ?\[31m red"),
        (2023, "2023"),
    ],
)
def test_escape_leaves_no_markup_and_one_line(text: object, expected: str) -> None:
    assert escape(text) == expected


def test_code_spans_are_kept_and_the_rest_escaped() -> None:
    assert escape_outside_code("`status` planned → *complete*") == r"`status` planned → \*complete\*"


def test_an_unpaired_backtick_is_escaped_like_any_other_character() -> None:
    assert escape_outside_code("it's ` odd *") == r"it's \` odd \*"
