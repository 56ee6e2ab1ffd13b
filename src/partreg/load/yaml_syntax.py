"""libyaml's syntax errors in plain words: where the mistake is, what it is, and what to write instead.

It works on plain values (libyaml's problem and context text, and their 0-based marks), so the
reader (load/yaml_reader.py) stays the only module that imports `yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from partreg.load.document import Position, shown

# Line breaks libyaml knows besides LF: CR alone, CRLF, NEL, LS and PS.
_LINE_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")
_GENERIC_HINT = "check the indentation and quoting on this line and the one before"

Mark = tuple[int, int]  # libyaml's 0-based line and column


@dataclass(frozen=True, slots=True)
class LibyamlError:
    """What libyaml said about a syntax error."""

    problem: str | None  # e.g. "mapping values are not allowed in this context"
    context: str | None  # e.g. "while scanning a quoted scalar"
    problem_mark: Mark | None  # where libyaml gave up
    context_mark: Mark | None  # where the construct it was reading opened


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """A syntax error as partreg reports it (1-based position)."""

    line: int
    col: int
    code: str
    message: str
    hint: str


def explain_syntax_error(error: LibyamlError, text: str) -> SyntaxProblem:
    """The position, code, plain message and fix for libyaml's `error` in the file's `text`."""
    lines = _LINE_BREAKS.sub("\n", text).split("\n")
    line, col = _syntax_position(error, lines)
    source_line = lines[line - 1]
    if "\t" in source_line[: max(col, 1)] and not source_line[: col - 1].strip(" \t"):
        return SyntaxProblem(line, col, "Y014", "tab used for indentation", "indent with spaces, not tabs")
    explained = _explain(error, source_line, col)
    if explained is not None:
        message, hint, col = explained
        return SyntaxProblem(line, col, "Y001", message, hint)
    problem = error.problem or "invalid YAML"
    context = f" {error.context}" if error.context else ""
    return SyntaxProblem(line, col, "Y001", f"YAML syntax: {problem}{context}", _GENERIC_HINT)


# libyaml contexts whose mark is where the faulty construct opened: a quote or bracket never
# closed, or a key never followed by `:`. The problem mark is only where libyaml gave up.
_AT_CONTEXT = (
    "while scanning a quoted scalar",
    "while parsing a flow sequence",
    "while parsing a flow mapping",
    "while scanning a simple key",
)


def _syntax_position(error: LibyamlError, lines: list[str]) -> Position:
    """Where to report: where the faulty construct opened when libyaml knows, always inside the file."""
    written = len(lines) - 1 if len(lines) > 1 and lines[-1] == "" else len(lines)
    problem, context = error.problem_mark, error.context_mark
    at_context = context is not None and (error.context in _AT_CONTEXT or problem is None or problem[0] >= written)
    mark = context if at_context else problem
    if mark is None:
        return 1, 1
    line, column = mark
    if line >= written:  # libyaml gave up at the end of the stream: point at the end of the last line
        return written, len(lines[written - 1]) + 1
    return line + 1, min(column + 1, len(lines[line]) + 1)


# Mistakes whose plain words do not depend on the line: libyaml's problem -> (message, hint).
_PLAIN_WORDS = {
    "found unknown escape character": (
        "unknown `\\` escape in double quotes",
        "write `\\\\` for a backslash, or put the text in single quotes",
    ),
    "block sequence entries are not allowed in this context": (
        "a list cannot start on the same line as its key",
        "put each `- item` on its own line, indented",
    ),
    "did not find expected '-' indicator": (
        "this line is not part of the list above it",
        "start each list item with `- `, or line the key up with the keys above the list",
    ),
}
_KEY_AND_VALUE = re.compile(r"^(\s*(?:-\s+)*)([^\s:#][^:]*?):\s+(\S.*?)\s*$")
_KEY_GLUED_TO_VALUE = re.compile(r"^(\s*[^\s:#][^:]*):(\S.*)$")


def _explain(error: LibyamlError, source_line: str, col: int) -> tuple[str, str, int] | None:
    """Plain words, a concrete fix and the column to point at, for the mistakes people make most."""
    problem, context = error.problem or "", error.context or ""
    if problem in _PLAIN_WORDS:
        return (*_PLAIN_WORDS[problem], col)
    if problem == "mapping values are not allowed in this context":
        return _colon_inside(source_line, col)
    if problem == "found character that cannot start any token" and col <= len(source_line):
        return _cannot_start(source_line, col)
    if context == "while scanning a simple key":
        return (*_key_without_colon(source_line), col)
    if context == "while scanning a quoted scalar" and problem == "found unexpected end of stream":
        quote = source_line[col - 1] if col <= len(source_line) else '"'
        return f"the quote `{quote}` opened here is never closed", f"end the text with `{quote}`", col
    if context in ("while parsing a flow sequence", "while parsing a flow mapping"):
        return (*_unclosed("[" if "sequence" in context else "{"), col)
    if context == "while parsing a block mapping" and problem == "did not find expected key":
        return (*_not_a_key(source_line, col), col)
    return None


def _colon_inside(source_line: str, col: int) -> tuple[str, str, int]:
    key_and_value = _KEY_AND_VALUE.match(source_line)
    if key_and_value is not None and col > key_and_value.start(3):
        return "a `: ` inside a value", f"put the value in quotes, e.g. {_quoted_example(key_and_value)}", col
    return (
        "this line is indented more than the keys above it",
        "line the key up with the keys above it, or quote the text if it continues the value above",
        _content_col(source_line),
    )


def _cannot_start(source_line: str, col: int) -> tuple[str, str, int]:
    char = source_line[col - 1]
    quoted = "`` ` ``" if char == "`" else f"`{shown(char)}`"
    key_and_value = _KEY_AND_VALUE.match(source_line)
    example = f", e.g. {_quoted_example(key_and_value)}" if key_and_value is not None else ""
    return f"a value cannot start with {quoted}", f"put the value in quotes{example}", col


def _key_without_colon(source_line: str) -> tuple[str, str]:
    glued = _KEY_GLUED_TO_VALUE.match(source_line)
    if glued is not None:
        return "a key must be followed by `: ` (a colon and a space)", f"write `{shown(glued[1])}: {shown(glued[2])}`"
    return "this line is not a `key: value` line", "write `key: value`, or indent the line to continue the value above"


def _unclosed(opening: str) -> tuple[str, str]:
    closing = "]" if opening == "[" else "}"
    return (
        f"the `{opening}` opened here is not closed with `{closing}`",
        f"end it with `{closing}` and separate items with `, `; text that starts with `{opening}` must be quoted",
    )


def _not_a_key(source_line: str, col: int) -> tuple[str, str]:
    if col > _content_col(source_line):
        return (
            "unexpected text after the end of a value",
            'put the whole value in double quotes, e.g. `name: "it\'s done"`',
        )
    return (
        "this line is not lined up with the keys above it",
        "indent each key of a mapping by the same number of spaces",
    )


def _content_col(source_line: str) -> int:
    return len(source_line) - len(source_line.lstrip()) + 1


def _quoted_example(key_and_value: re.Match[str]) -> str:
    """The line itself with its value in double quotes: what the user should write."""
    value = key_and_value[3].replace("\\", "\\\\").replace('"', '\\"')
    return shown(f'{key_and_value[2]}: "{value}"')
