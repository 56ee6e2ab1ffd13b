"""Every problem format keeps one problem on one line, and no text from the register can drive the terminal."""

from __future__ import annotations

import io

from rich.console import Console

from partreg.check.run import CheckResult
from partreg.output.problems import github, parsable, print_standard
from partreg.problems import error

FORGED = "x\nregister/fake.yaml:1:1: Z999 error forged"
ESCAPES = "\x1b]0;PWNED\x07\x1b[2J"
RESULT = CheckResult(
    [error("register/partnerships/a.yaml", 3, 12, "S001", f"`{FORGED}` is not yes or no", f"hint {ESCAPES}")], 1
)


def test_parsable_keeps_a_problem_on_one_line_whatever_its_message_holds() -> None:
    lines = parsable(RESULT).splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("register/partnerships/a.yaml:3:12: S001 error `x register/fake.yaml:1:1: Z999")
    assert "\x1b" not in lines[0]


def test_github_annotations_hold_no_terminal_escapes() -> None:
    text = github(RESULT)
    assert text.count("\n") == 1
    assert "\x1b" not in text
    assert "\x07" not in text


def test_standard_output_holds_no_terminal_escapes() -> None:
    stream = io.StringIO()
    print_standard(RESULT, Console(file=stream, no_color=True, width=200), _no_source)
    assert "\x1b" not in stream.getvalue()
    assert "Z999 error forged" in stream.getvalue().splitlines()[1]  # still on the problem's own line


def _no_source(path: str, line: int) -> str:
    return ""
