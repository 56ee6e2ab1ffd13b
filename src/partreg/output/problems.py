"""Problem formatters, a closed set chosen by name: standard, parsable, github, json."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import groupby

from rich.console import Console
from rich.text import Text

from partreg.check.run import CheckResult
from partreg.output.console import printable
from partreg.output.words import plural
from partreg.problems import Problem, Severity

FORMATS = ("standard", "parsable", "github", "json")
LineOf = Callable[[str, int], str]


def summary_line(result: CheckResult) -> str:
    return f"{plural(result.errors, 'error')}, {plural(result.warnings, 'warning')} in {plural(result.files, 'file')}"


def parsable(result: CheckResult) -> str:
    return "".join(parsable_line(p) + "\n" for p in result.problems)


def parsable_line(p: Problem, *, position: bool = True) -> str:
    """`path:line:col: CODE severity message (hint)`, on one line whatever the message holds; without
    `position` for a path that already names the place (an import's cell, `register.xlsx:Sheet1!D14`)."""
    where = f"{p.path}:{p.line}:{p.col}" if position else p.path
    return printable(f"{where}: {p.code} {p.severity.value} {p.message}{f' ({p.hint})' if p.hint else ''}")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(result: CheckResult) -> str:
    """GitHub Actions workflow commands, which become annotations on the pull request's lines."""
    lines = []
    for p in result.problems:
        level = "error" if p.severity is Severity.ERROR else "warning"
        detail = printable(f"{p.message} ({p.hint})" if p.hint else p.message)
        lines.append(
            f"::{level} file={_escape_property(p.path)},line={p.line},col={p.col},title={p.code}::"
            f"{_escape_data(f'{p.code} {detail}')}\n"
        )
    return "".join(lines)


def problem_record(p: Problem) -> dict[str, str | int]:
    """A problem as JSON: the shape `validate --format json` documents."""
    return {
        "path": p.path,
        "line": p.line,
        "col": p.col,
        "code": p.code,
        "severity": p.severity.value,
        "message": p.message,
        "hint": p.hint,
    }


def as_json(result: CheckResult) -> str:
    document = {
        "problems": [problem_record(p) for p in result.problems],
        "summary": {"files": result.files, "errors": result.errors, "warnings": result.warnings},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def print_standard(result: CheckResult, console: Console, line_of: LineOf) -> None:
    """Grouped by file, each problem with its source line and a caret under the column."""
    for path, problems in groupby(result.problems, key=lambda p: p.path):
        console.print(Text(printable(path), style="bold underline"))
        for problem in problems:
            _print_problem(problem, console, line_of)
        console.print()
    style = "bold red" if result.errors else "bold yellow" if result.warnings else "bold green"
    verdict = "✗" if result.errors else "✓"
    console.print(Text(f"{verdict} {summary_line(result)}", style=style))


def _print_problem(problem: Problem, console: Console, line_of: LineOf) -> None:
    is_error = problem.severity is Severity.ERROR
    head = Text(f"  {problem.line}:{problem.col}  ")
    head.append(problem.severity.value, style="red" if is_error else "yellow")
    head.append(f"  {problem.code}  ", style="bold")
    head.append(printable(problem.message))
    console.print(head)
    source = line_of(problem.path, problem.line)
    if source.strip():
        shown = printable(source[:200])
        console.print(Text(f"      {shown}", style="dim"))
        console.print(Text(" " * (5 + min(problem.col, len(shown) + 1)) + "^", style="red" if is_error else "yellow"))
    if problem.hint:
        console.print(Text(f"      hint: {printable(problem.hint)}", style="cyan"))
