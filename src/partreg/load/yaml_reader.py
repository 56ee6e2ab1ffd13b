"""The hardened YAML reader: the only module that imports `yaml`.

libyaml's C parser turns the bytes into events, and the reader builds positioned data from
them itself: PyYAML never composes nodes or constructs Python objects. So every cap is
checked as each event arrives, before anything larger is built: nesting depth, the number
of values, and aliases with everything they repeat. Any explicit tag (`!!python/...`,
`!foo`, a bare `!`) is visible and refused, and every scalar reaches the schema as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml import _yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

from partreg.load.document import Document, PosDict, Position, PosList, shown
from partreg.problems import Problem, error

_EMPTY_HINT = "write one mapping, e.g. `id: my-partnership`, or delete the file"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Line breaks libyaml knows besides LF: CR alone, CRLF, NEL, LS and PS.
_LINE_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")
_LEADING_TAB = re.compile(r"^[ ]*\t[ \t]*(?=[^\s#])", re.MULTILINE)
_GENERIC_HINT = "check the indentation and quoting on this line and the one before"


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps on one file, each reported as an error at the position where it is reached."""

    max_bytes: int = 5_000_000
    max_depth: int = 64
    max_nodes: int = 100_000
    max_aliases: int = 100
    max_scalar_chars: int = 100_000
    # Text that aliases repeat, counted every time it is repeated.
    max_alias_chars: int = 1_000_000


DEFAULT_LIMITS = Limits()


class _LoadFailure(Exception):
    def __init__(self, line: int, col: int, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.col, self.code, self.message, self.hint = line, col, code, message, hint

    @classmethod
    def at(cls, event: Event, code: str, message: str, hint: str) -> _LoadFailure:
        """A failure where an event starts (libyaml marks are 0-based)."""
        line, col = _position(event)
        return cls(line, col, code, message, hint)


def _position(event: Event) -> Position:
    mark: Any = event.start_mark  # libyaml marks every event
    return mark.line + 1, mark.column + 1


def read_document(path: str, raw: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[Document | None, list[Problem]]:
    """Parse one file's bytes into a positioned document, or say why not."""
    try:
        text = _decode(raw, limits)
        builder = _Builder(limits)
        data = _build(builder, raw.removeprefix(b"\xef\xbb\xbf"), text)
    except _LoadFailure as failure:
        return None, [error(path, failure.line, failure.col, failure.code, failure.message, failure.hint)]
    return Document(path, text, data, builder.has_empty_values), []


# --- bytes to text -----------------------------------------------------------------------


def _decode(raw: bytes, limits: Limits) -> str:
    if len(raw) > limits.max_bytes:
        raise _LoadFailure(
            1,
            1,
            "Y004",
            f"file is over the {limits.max_bytes:,}-byte limit",
            "split the file, or move large text out of the register",
        )
    for boms, encoding in ((_UTF32_BOMS, "UTF-32"), (_UTF16_BOMS, "UTF-16")):
        if raw.startswith(boms):
            raise _LoadFailure(1, 1, "Y002", f"the file is {encoding}, not UTF-8", "save the file as UTF-8")
    if b"\x00" in raw:
        line, col = _line_col(raw, raw.index(b"\x00"))
        raise _LoadFailure(
            line,
            col,
            "Y003",
            "binary file: it contains a NUL byte",
            "register files are UTF-8 text; remove the file or save it as text",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        raise _LoadFailure(
            line, col, "Y002", f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded", "save the file as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise _LoadFailure(1, 1, "Y011", "empty file", _EMPTY_HINT)
    return text


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, col


# --- events to data ----------------------------------------------------------------------


def _build(builder: _Builder, raw: bytes, text: str) -> PosDict:
    """The builder's document, with libyaml's errors turned into problems at their position."""
    try:
        data = builder.document(raw)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        if mark is not None and "nesting depth" in str(exc.problem):
            raise _depth_failure_in(raw, mark, builder.limits) from None
        raise _syntax_failure(exc, text) from None
    except yaml.reader.ReaderError as exc:
        # libyaml read bytes (BOM removed), so the position is a byte offset into them.
        line, col = _line_col(raw, exc.position)
        raise _LoadFailure(
            line, col, "Y001", f"character U+{exc.character:04X} is not allowed in YAML", "remove the control character"
        ) from None
    if _LEADING_TAB.search(text) is not None:
        _check_leading_tabs(text, builder.multiline_scalars)
    return data


def _depth_failure_in(raw: bytes, mark: Any, limits: Limits) -> _LoadFailure:
    """libyaml's own limit (1,000 flow levels) fired while reading ahead, before any event reached
    our cap. The text before that point holds the place where the cap is crossed."""
    try:
        _Builder(limits).document(raw[: mark.index])
    except _LoadFailure as failure:
        return failure
    except yaml.YAMLError:
        pass  # the cut text ends mid-document: only a cap reached before the cut counts
    return _depth_failure_at(mark.line + 1, mark.column + 1, limits)


@dataclass(frozen=True, slots=True)
class _Anchor:
    """An anchored value and what repeating it through an alias adds to the counts."""

    value: object
    key: str | None  # the scalar's text, for an alias used as a key; None for a collection
    nodes: int
    aliases: int
    chars: int
    height: int  # the levels of nesting it adds


class _Builder:
    """Turns libyaml's events into PosDict/PosList/str, enforcing each cap as events arrive."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.events: Any = None
        self.nodes = 0  # values read, with everything aliases repeat
        self.aliases = 0  # aliases, with those inside what aliases repeat
        self.chars = 0  # scalar characters, with those aliases repeat
        self.alias_chars = 0  # scalar characters that aliases repeat
        self.deepest = 0
        self.anchors: dict[str, _Anchor] = {}
        self.open_anchors: set[str] = set()  # on collections still being read
        self.has_empty_values = False
        self.multiline_scalars: list[tuple[int, int]] = []

    def document(self, raw: bytes) -> PosDict:
        self.events = _yaml.CParser(raw)
        try:
            self.next()  # StreamStartEvent
            start = self.next()
            if isinstance(start, StreamEndEvent):
                raise _LoadFailure(1, 1, "Y011", "empty file: it holds only comments", _EMPTY_HINT)
            data = self.top(self.next())
            self.next()  # DocumentEndEvent
            after = self.next()
            if isinstance(after, DocumentStartEvent):
                raise _LoadFailure.at(
                    after,
                    "Y010",
                    "more than one YAML document in the file",
                    "keep one document per file: remove the `---` separator",
                )
            return data
        finally:
            self.events.dispose()

    def next(self) -> Any:
        return self.events.get_event()

    def top(self, event: Event) -> PosDict:
        if isinstance(event, AliasEvent):
            self.alias(event, 0)  # always undefined: nothing comes before the top value
        self.count_node(event)
        if isinstance(event, MappingStartEvent) and event.tag is None:
            return self.mapping(event, 1)
        if getattr(event, "tag", None) is not None:
            raise _tag_failure(event)
        if isinstance(event, ScalarEvent) and not event.style and event.value in _NULLS:
            raise _LoadFailure(1, 1, "Y011", "empty document", _EMPTY_HINT)
        kind = "a list" if isinstance(event, CollectionStartEvent) else "a single value"
        raise _LoadFailure.at(
            event,
            "Y012",
            f"the file holds {kind}, not a mapping",
            "write `key: value` lines at the top level, e.g. `id: my-partnership`",
        )

    # `level` is the nesting level of the collection that holds the value (the top mapping is 1).
    def value(self, event: Event, level: int) -> object:
        if isinstance(event, AliasEvent):
            return _placed_at(self.alias(event, level).value, _position(event))
        self.count_node(event)
        if event.tag is not None:  # type: ignore[attr-defined]
            raise _tag_failure(event)
        anchor: str | None = event.anchor  # type: ignore[attr-defined]
        if anchor is None:
            return self.scalar(event) if isinstance(event, ScalarEvent) else self.collection(event, level)
        return self.anchored(event, anchor, level).value

    def anchored(self, event: Event, name: str, level: int) -> _Anchor:
        """Read a value that carries `&name`, noting what an alias to it will repeat."""
        if name in self.anchors or name in self.open_anchors:
            raise _LoadFailure.at(
                event, "Y001", f"the anchor `&{shown(name)}` is defined twice", "give each anchor its own name"
            )
        nodes, aliases, chars, deepest = self.nodes - 1, self.aliases, self.chars, self.deepest
        self.deepest = level
        if isinstance(event, ScalarEvent):
            value: object = self.scalar(event)
        else:
            self.open_anchors.add(name)
            value = self.collection(event, level)
            self.open_anchors.discard(name)
        key = event.value if isinstance(event, ScalarEvent) else None
        height = self.deepest - level
        self.deepest = max(self.deepest, deepest)
        anchor = _Anchor(value, key, self.nodes - nodes, self.aliases - aliases, self.chars - chars, height)
        self.anchors[name] = anchor
        return anchor

    def alias(self, event: AliasEvent, level: int) -> _Anchor:
        """The anchored value an alias repeats, with all it repeats counted against the caps."""
        name = str(event.anchor)
        if name in self.open_anchors:
            raise _LoadFailure.at(
                event,
                "Y005",
                f"`*{shown(name)}` refers to the value it is inside, so it never ends",
                f"remove `*{shown(name)}`, or point it at a value outside this one",
            )
        anchor = self.anchors.get(name)
        if anchor is None:
            raise _LoadFailure.at(
                event,
                "Y001",
                f"`*{shown(name)}` refers to no anchor: there is no `&{shown(name)}` above it",
                f"write the value out, or mark the value to repeat with `&{shown(name)}`",
            )
        limits = self.limits
        self.aliases += 1 + anchor.aliases
        if self.aliases > limits.max_aliases:
            raise _alias_failure(event, f"more than {limits.max_aliases} aliases in one file")
        self.alias_chars += anchor.chars
        if self.alias_chars > limits.max_alias_chars:
            raise _alias_failure(event, f"aliases repeat more than {limits.max_alias_chars:,} characters of text")
        self.nodes += anchor.nodes
        self.check_nodes(event)
        self.chars += anchor.chars
        if level + anchor.height > limits.max_depth:
            raise _depth_failure(event, limits)
        self.deepest = max(self.deepest, level + anchor.height)
        return anchor

    def count_node(self, event: Event) -> None:
        self.nodes += 1
        self.check_nodes(event)

    def check_nodes(self, event: Event) -> None:
        if self.nodes > self.limits.max_nodes:
            raise _LoadFailure.at(
                event,
                "Y006",
                f"more than {self.limits.max_nodes:,} values in one file",
                "split the file; a register file holds one record",
            )

    def scalar(self, event: ScalarEvent) -> str | None:
        value: str = event.value
        if len(value) > self.limits.max_scalar_chars:
            raise _length_failure(event, self.limits)
        self.chars += len(value)
        start: Any = event.start_mark
        end: Any = event.end_mark
        if end.line > start.line:
            self.multiline_scalars.append((start.line, end.line))
        if not event.style and value in _NULLS:
            return None
        return value

    def collection(self, event: Event, level: int) -> PosDict | PosList:
        if level >= self.limits.max_depth:  # this collection would be level + 1
            raise _depth_failure(event, self.limits)
        self.deepest = max(self.deepest, level + 1)
        if isinstance(event, MappingStartEvent):
            return self.mapping(event, level + 1)
        return self.sequence(event, level + 1)

    def mapping(self, start: MappingStartEvent, level: int) -> PosDict:
        result = PosDict(_position(start))
        marks = result.marks
        while not isinstance(event := self.next(), MappingEndEvent):
            key_line, key_col = _position(event)
            key = self.key(event)
            if key in marks:
                raise _LoadFailure.at(
                    event,
                    "Y013",
                    f"duplicate key `{shown(key)}` (first at line {marks[key][0]})",
                    "remove one of them: YAML keeps only the last, silently",
                )
            value_event = self.next()
            value_line, value_col = _position(value_event)
            marks[key] = (key_line, key_col, value_line, value_col)
            value = self.value(value_event, level)
            if value is not None:
                result[key] = value
            else:
                self.has_empty_values = True
        return result

    def key(self, event: Event) -> str:
        if isinstance(event, AliasEvent):
            key = self.alias(event, 0).key
        elif isinstance(event, ScalarEvent) and event.tag is None:
            self.count_node(event)
            key = event.value if event.anchor is None else self.anchored(event, event.anchor, 0).key
        elif getattr(event, "tag", None) is not None:
            raise _tag_failure(event)
        else:
            key = None
        if key is None:
            raise _LoadFailure.at(
                event, "Y016", "a key must be plain text", "write the key as a single word, e.g. `name:`"
            )
        if len(key) > self.limits.max_scalar_chars:
            raise _length_failure(event, self.limits)
        if key == "<<" and isinstance(event, ScalarEvent) and not event.style:
            raise _LoadFailure.at(event, "Y016", "merge keys (`<<`) are not supported", "write the keys out in full")
        return key

    def sequence(self, start: Event, level: int) -> PosList:
        result = PosList(_position(start))
        while not isinstance(event := self.next(), SequenceEndEvent):
            result.marks.append(_position(event))
            result.append(self.value(event, level))
        return result


def _placed_at(value: object, position: Position) -> object:
    """A copy of an aliased value with every position at the alias, where problems in it are reported."""
    if isinstance(value, PosDict):
        mapping = PosDict(position)
        mapping.marks = dict.fromkeys(value.marks, (*position, *position))
        for key, item in value.items():
            mapping[key] = _placed_at(item, position)
        return mapping
    if isinstance(value, PosList):
        sequence = PosList(position)
        sequence.marks = [position] * len(value)
        sequence.extend(_placed_at(item, position) for item in value)
        return sequence
    return value


def _alias_failure(event: Event, message: str) -> _LoadFailure:
    return _LoadFailure.at(event, "Y007", message, "write the values out instead of repeating `*alias`")


def _depth_failure(event: Event, limits: Limits) -> _LoadFailure:
    return _depth_failure_at(*_position(event), limits)


def _depth_failure_at(line: int, col: int, limits: Limits) -> _LoadFailure:
    return _LoadFailure(
        line,
        col,
        "Y005",
        f"nesting is deeper than {limits.max_depth} levels",
        "flatten the structure; register files need only a few levels",
    )


def _length_failure(event: Event, limits: Limits) -> _LoadFailure:
    length = len(event.value)  # type: ignore[attr-defined]
    return _LoadFailure.at(
        event,
        "Y008",
        f"text is {length:,} characters, over the {limits.max_scalar_chars:,} limit",
        "shorten the text, or link to a document instead",
    )


def _tag_failure(event: Event) -> _LoadFailure:
    tag = event.tag.replace("tag:yaml.org,2002:", "!!")  # type: ignore[attr-defined]
    return _LoadFailure.at(
        event,
        "Y009",
        f"YAML tags are not allowed (found `{shown(tag)}`)",
        "remove the tag; the schema decides each value's type",
    )


def _check_leading_tabs(text: str, multiline_scalars: list[tuple[int, int]]) -> None:
    """A tab that indents a line is an error; one inside a multi-line value is content.

    One pass over both, in line order: a line is inside a value when the furthest end of
    the values that start above it reaches it.
    """
    values = sorted(multiline_scalars)
    next_value, covered_to, line, counted_to = 0, -1, 0, 0
    for match in _LEADING_TAB.finditer(text):
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        while next_value < len(values) and values[next_value][0] < line:
            covered_to = max(covered_to, values[next_value][1])
            next_value += 1
        if line > covered_to:
            col = text.index("\t", match.start()) - match.start() + 1
            raise _LoadFailure(line + 1, col, "Y014", "tab used for indentation", "indent with spaces, not tabs")


# --- syntax errors -----------------------------------------------------------------------


def _syntax_failure(exc: yaml.MarkedYAMLError, text: str) -> _LoadFailure:
    lines = _LINE_BREAKS.sub("\n", text).split("\n")
    line, col = _syntax_position(exc, lines)
    source_line = lines[line - 1]
    if "\t" in source_line[: max(col, 1)] and not source_line[: col - 1].strip(" \t"):
        return _LoadFailure(line, col, "Y014", "tab used for indentation", "indent with spaces, not tabs")
    explained = _explain(exc, source_line, col)
    if explained is not None:
        message, hint, col = explained
        return _LoadFailure(line, col, "Y001", message, hint)
    problem = exc.problem or "invalid YAML"
    context = f" {exc.context}" if exc.context else ""
    return _LoadFailure(line, col, "Y001", f"YAML syntax: {problem}{context}", _GENERIC_HINT)


# libyaml contexts whose mark is where the faulty construct opened: a quote or bracket never
# closed, or a key never followed by `:`. The problem mark is only where libyaml gave up.
_AT_CONTEXT = (
    "while scanning a quoted scalar",
    "while parsing a flow sequence",
    "while parsing a flow mapping",
    "while scanning a simple key",
)


def _syntax_position(exc: yaml.MarkedYAMLError, lines: list[str]) -> Position:
    """Where to report: where the faulty construct opened when libyaml knows, always inside the file."""
    written = len(lines) - 1 if len(lines) > 1 and lines[-1] == "" else len(lines)
    problem, context = exc.problem_mark, exc.context_mark
    at_context = context is not None and (exc.context in _AT_CONTEXT or problem is None or problem.line >= written)
    mark = context if at_context else problem
    if mark is None:
        return 1, 1
    if mark.line >= written:  # libyaml gave up at the end of the stream: point at the end of the last line
        return written, len(lines[written - 1]) + 1
    return mark.line + 1, min(mark.column + 1, len(lines[mark.line]) + 1)


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


def _explain(exc: yaml.MarkedYAMLError, source_line: str, col: int) -> tuple[str, str, int] | None:
    """Plain words, a concrete fix and the column to point at, for the mistakes people make most."""
    problem, context = exc.problem or "", exc.context or ""
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
