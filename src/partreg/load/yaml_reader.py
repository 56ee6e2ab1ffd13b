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
from partreg.load.yaml_syntax import LibyamlError, explain_syntax_error
from partreg.problems import Problem, error

_EMPTY_HINT = "write one mapping, e.g. `id: my-partnership`, or delete the file"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_LEADING_TAB = re.compile(r"^[ ]*\t[ \t]*(?=[^\s#])", re.MULTILINE)


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


def _syntax_failure(exc: yaml.MarkedYAMLError, text: str) -> _LoadFailure:
    """libyaml's complaint in plain words (load/yaml_syntax.py), handed over as plain values."""
    problem, context = exc.problem_mark, exc.context_mark
    complaint = LibyamlError(
        exc.problem,
        exc.context,
        None if problem is None else (problem.line, problem.column),
        None if context is None else (context.line, context.column),
    )
    explained = explain_syntax_error(complaint, text)
    return _LoadFailure(explained.line, explained.col, explained.code, explained.message, explained.hint)


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
