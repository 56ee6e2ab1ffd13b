"""The canonical text of a register file, for `partreg fmt`: FORMAT.md key order, one style.

Why ruamel.yaml here, and only here: the loader (load/yaml_reader.py, PyYAML over libyaml)
builds plain data and drops comments, and officers write their sources and reasons in
comments. Rewriting a file must keep them, so this module uses ruamel.yaml's round-trip
mode, which keeps comments, quoting and block scalars. Nothing else in partreg imports
ruamel (a test holds that), and ruamel only sees text that the hardened loader has already
accepted: tags, bombs, duplicate keys and the rest never reach it.

What is canonical:

- keys in FORMAT.md order, record by record (partnership, assessment, action plan and
  action, policy, and the mappings inside them); unknown keys and `custom:` follow the known
  ones in the order they were written. List items, principle ids and whatever is under
  `custom:` keep their order;
- 2-space indentation, block style (list items one a line under their key, `  - item`;
  only an empty `[]` or `{}` stays inline), no trailing spaces outside block scalars (in a
  `|` or `>` scalar they are part of the value), LF line endings, no byte order mark, and
  one newline at the end;
- the comment lines above a key move with the key, indented like it (above a list item,
  like its dash); those above a file's first key are its header and stay at the top; an
  end-of-line comment stays on its line, two spaces after the value;
- no value is retyped: every scalar keeps its text and quoting (`yes`, `0123`, `1.10`, `~`),
  block scalars keep their lines. A plain or quoted scalar written over several lines is
  joined onto one (YAML folds those lines into one value anyway).

A mapping reused with a YAML alias keeps its written order, and the comments inside it stay
there. Every result is checked: it must read back, through the loader, to the very same
keys and values, or `NotFormattable` is raised instead and the file is left alone.
"""

from __future__ import annotations

import functools
import io
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from partreg.load.document import PosDict, PosList
from partreg.load.layout import Kind
from partreg.load.yaml_reader import read_document
from partreg.model.assessment import Assessment
from partreg.model.partnership import Partnership
from partreg.model.plan import ActionPlan
from partreg.model.policy import Policy

INDENT = 2
FREE_KEY = "custom"  # council data: never validated (FORMAT.md), never reordered
_MODELS: dict[Kind, type[BaseModel]] = {
    Kind.PARTNERSHIP: Partnership,
    Kind.ASSESSMENT: Assessment,
    Kind.PLAN: ActionPlan,
    Kind.POLICY: Policy,
}
_HINT = "format this file by hand"
_TRAILING_BLANKS = re.compile(r"[ \t]+$", re.MULTILINE)
_UNICODE_LINE_BREAK = re.compile("[\x85\u2028\u2029]")
_TAB_BEFORE_COMMENT = re.compile(r"(?<=\S)[ \t]*\t[ \t]*#")


class NotFormattable(ValueError):
    """The text has no canonical form that says the same thing; the file is left alone."""

    def __init__(self, line: int, col: int, message: str, hint: str = _HINT) -> None:
        super().__init__(message)
        self.line, self.col, self.message, self.hint = line, col, message, hint


@dataclass(frozen=True, slots=True)
class Shape:
    """How to order a node: a record's known keys, or the shape of each item of a list or map."""

    keys: tuple[str, ...] = ()
    fields: Mapping[str, Shape] = field(default_factory=dict)
    each: Shape | None = None


FREE = Shape()


def shape_of(kind: Kind | None) -> Shape:
    """The key order of a file of this kind; a file outside the layout keeps its order."""
    return FREE if kind is None else _record_shape(_MODELS[kind])


@functools.cache
def _record_shape(model: type[BaseModel]) -> Shape:
    # The models declare their fields in FORMAT.md order (the tests compare them with its
    # tables). One exception: `custom` is declared on the Document base class, so pydantic lists
    # it first; FORMAT.md lists it last, and FORMAT.md wins: it goes after the known keys.
    fields = {
        info.alias or name: _annotation_shape(info.annotation)
        for name, info in model.model_fields.items()
        if name != FREE_KEY
    }
    return Shape(tuple(fields), fields)


def _annotation_shape(annotation: Any) -> Shape:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _annotation_shape(args[0])
    if origin in (typing.Union, types.UnionType):
        shapes = [_annotation_shape(arg) for arg in args if arg is not type(None)]
        return next((shape for shape in shapes if shape != FREE), FREE)
    if origin in (list, dict):
        item = _annotation_shape(args[-1])  # list[X], or dict[str, X] (principle ids: free keys)
        return FREE if item == FREE else Shape(each=item)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _record_shape(annotation)
    return FREE


def canonical_text(text: str, kind: Kind | None) -> str:
    """`text`, one register file of this kind, in canonical key order and style.

    Raises `NotFormattable` when the loader refuses the text (which then never reaches
    ruamel), when ruamel cannot read it, or when the result would not read back the same.
    """
    original, problems = read_document("canonical", text.encode("utf-8"))
    if original is None:
        first = problems[0]
        raise NotFormattable(first.line, first.col, f"{first.code} {first.message}", first.hint)
    if separator := _UNICODE_LINE_BREAK.search(text):
        # YAML 1.1 (the loader's) reads these as line breaks and YAML 1.2 (ruamel's) as text.
        line = text.count("\n", 0, separator.start()) + 1
        col = separator.start() - text.rfind("\n", 0, separator.start())
        code = f"U+{ord(separator.group()):04X}"
        raise NotFormattable(line, col, f"a {code} line separator", "replace it with an ordinary line break")
    dumped = _rewritten(text, kind)
    # No trailing spaces (ruamel writes `- ` for an empty item) and one newline at the end, unless
    # the spaces or blank lines belong to a block scalar: the read-back check below tells.
    stripped = "\n".join(line.rstrip() for line in dumped.split("\n"))
    for result in (stripped.rstrip("\n") + "\n", dumped.rstrip("\n") + "\n", dumped):
        formatted, _ = read_document("canonical", result.encode("utf-8"))
        if formatted is not None and _content(formatted.data) == _content(original.data):
            return result
    raise NotFormattable(1, 1, "formatting this file would change a value", f"{_HINT}, and please report it")


def _rewritten(text: str, kind: Kind | None) -> str:
    yaml = _round_trip()
    try:
        data = _load(yaml, _lf(text))
        if not isinstance(data, CommentedMap):
            raise NotFormattable(1, 1, "the formatter reads this file differently from partreg")
        # The header: the lines above the first key (and a comment after an inline top-level `}`).
        header = _without_blank_ends(_take(data.ca.comment, 0) + _take(data.ca.comment, 1), leading=True)
        if header:
            data.ca.comment[1] = _tokens(header, 0)
        _Arranger(data).mapping(data, shape_of(kind), 0, 0, None)
        stream = io.StringIO()
        yaml.dump(data, stream)
    except YAMLError as exc:  # YAML that the loader reads and ruamel does not, e.g. a tab after `key:`
        mark = exc.problem_mark if isinstance(exc, MarkedYAMLError) else None
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = str(getattr(exc, "problem", exc))
        hint = "replace the tab with spaces" if "'\\t'" in problem else _HINT
        raise NotFormattable(line, col, f"the formatter cannot read this file: {problem}", hint) from None
    return stream.getvalue()


def _content(node: Any) -> Any:
    """Keys (empty ones too) and values, without order or positions: what formatting must keep."""
    if isinstance(node, PosDict):
        return {key: _content(node.get(key)) for key in node.marks}
    if isinstance(node, PosList):
        return [_content(item) for item in node]
    return node


class _TextResolver(VersionedResolver):
    """Every scalar is text, as in the loader, so `yes` and `0123` are never retyped.

    Dumping asks the same question, so any text written plain may stay plain; quoted text
    keeps its quotes (`preserve_quotes`).
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:  # noqa: ARG002 - the same for every value
        if kind is SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG if kind is MappingNode else self.DEFAULT_SCALAR_TAG


def _round_trip() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Resolver = _TextResolver
    yaml.preserve_quotes = True
    yaml.indent(mapping=INDENT, sequence=2 * INDENT, offset=INDENT)
    yaml.width = 1_000_000  # never re-wrap a line: the author chose where lines break
    return yaml


def _load(yaml: YAML, text: str) -> Any:
    """The round-trip tree. ruamel refuses a tab after a value, which libyaml reads as a space;
    so it is tried again without tabs at line ends and before comments (the final check
    refuses the result, should a tab have been part of a value)."""
    try:
        return yaml.load(text)
    except MarkedYAMLError:
        spaced = _TRAILING_BLANKS.sub("", _TAB_BEFORE_COMMENT.sub("  #", text))
        if spaced == text:
            raise
    return yaml.load(spaced)


def _lf(text: str) -> str:
    """LF line endings; YAML reads any line break inside a value as LF, so no value changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# How ruamel keeps comments in round-trip mode: each entry of a collection has four slots in
# `ca.items[key]`. Slot 1 holds the lines above a key; slot 2 (a mapping) or 0 (a list) the
# token after the entry's value: its end-of-line comment, then the whole lines below it. That
# token sits on the entry's deepest last value, so the lines above a key are stored inside the
# entry before it. A nested collection keeps copies of its key's slots in `ca.comment` (0: the
# key line's comment, 1: the lines above its first entry); they are kept in step here.
Lines = list[str]  # whole-line comments ("  # ...") and blank lines (""), as written
_NO_COMMENTS = (None, None, None, None)


@dataclass(slots=True)
class _Slot:
    """The comment token after an entry's line: an end-of-line comment, then lines below."""

    container: CommentedMap | CommentedSeq
    key: Any
    after_block: bool = False  # a block scalar ends its own line: every line is below it

    @property
    def index(self) -> int:
        return 2 if isinstance(self.container, CommentedMap) else 0

    def split(self) -> tuple[str | None, Lines]:
        token = self.container.ca.items.get(self.key, _NO_COMMENTS)[self.index]
        if token is None:
            return None, []
        end_of_line, below = None, _as_written(token)
        if not self.after_block:
            end_of_line, _, below = below.partition("\n")
        return end_of_line or None, _split_lines(below)

    def take(self) -> Lines:
        """The lines below; only the end-of-line comment stays."""
        end_of_line, below = self.split()
        self.put(end_of_line, [], 0)
        return below

    def put(self, end_of_line: str | None, below: Lines, column: int | None) -> None:
        """Write the token back, each line below at `column` (None: as written)."""
        if self.after_block and column is None:
            column = 0  # a line indented as deep as a block scalar's text would become part of it
        token = None
        if end_of_line or below:
            # One space here, and the emitter puts one before it: two spaces after the value.
            text = "" if self.after_block else f" {end_of_line.strip()}\n" if end_of_line else "\n"
            text += "".join(f"{_indented(line, column)}\n" for line in below)
            token = CommentToken(text, CommentMark(0))
        entry = self.container.ca.items.get(self.key)
        if entry is None and token is not None:
            entry = self.container.ca.items[self.key] = list(_NO_COMMENTS)
        if entry is not None:
            entry[self.index] = token
            own = getattr(self.container[self.key], "ca", None)
            if own is not None and own.comment:
                own.comment[0] = token


class _Arranger:
    """Puts record keys in order and each comment in its canonical place, top down.

    Top down, because the lines above a key are stored deep inside the entry before it: the
    collection that owns the key takes them before anything inside is reordered. A
    collection's entries start at `column`; whatever follows its last entry, at `after`.
    """

    def __init__(self, data: CommentedMap) -> None:
        self.shared, flow = _shared_and_flow(data)
        if data.fa.flow_style():
            data.fa.set_block_style()
        for container, key in flow:
            value = container[key]
            if id(value) not in self.shared and value.fa.flow_style():
                below = _Slot(container, key).take()  # below the inline list: below its last item
                value.fa.set_block_style()
                tail = self._tail(container, key)
                tail.put(tail.split()[0], below, 0)

    def mapping(self, node: CommentedMap, shape: Shape, column: int, after: int, head: _Slot | None) -> Lines:
        """Arrange a mapping; when it is a list item, return the lines above its first key."""
        keys, above = list(node), self._head_lines(node, head)
        lines: dict[Any, Lines] = {}
        for key in keys:
            lines[key] = above + _take(node.ca.items.get(key), 1)
            above = self._take_below(node, key)
        above += _take_end(node)
        if shape.keys:
            rank = {name: index for index, name in enumerate(shape.keys)}
            known = sorted((key for key in keys if key in rank), key=rank.__getitem__)
            for key in known + [key for key in keys if key not in rank]:
                node.move_to_end(key)
            keys = list(node)
        first: Lines = []
        if head is None and column and keys:  # a list item: the lines go above its dash
            first, lines[keys[0]] = lines[keys[0]], []
        elif column == 0 and keys and not (node.ca.comment and node.ca.comment[1]):
            lines[keys[0]] = _without_blank_ends(lines[keys[0]], leading=True)  # no blank lines on top
        for key in keys:
            if lines[key]:
                node.ca.items.setdefault(key, list(_NO_COMMENTS))[1] = _tokens(lines[key], column)
        self._close(node, above, column, after)
        for position, key in enumerate(keys):
            child = shape.fields.get(key, FREE) if shape.keys else shape.each or FREE
            self._value(node, key, child, column + INDENT, column if position < len(keys) - 1 else after)
        return first

    def sequence(self, node: CommentedSeq, shape: Shape, column: int, after: int, head: _Slot | None) -> None:
        above = [self._head_lines(node, head)] + [self._take_below(node, index) for index in range(len(node))]
        closing = above.pop() + _take_end(node)
        for index in range(len(node)):
            above[index] += _take(node.ca.items.get(index), 1)  # where ruamel puts them after an inline `]`
        for index in range(len(node)):
            following = column if index < len(node) - 1 else after
            above[index] += self._value(node, index, shape, column + INDENT, following)
        if above[0]:
            _set_first_lines(node, head, _tokens(above[0], column))
        for index in range(1, len(node)):
            tail = self._tail(node, index - 1)
            tail.put(tail.split()[0], above[index], column)
        self._close(node, closing, column, after)

    def _value(self, node: CommentedMap | CommentedSeq, key: Any, shape: Shape, column: int, after: int) -> Lines:
        value = node[key]
        if not self._is_block(value):
            tail = self._tail(node, key)
            tail.put(*tail.split(), _lines_column(after))
            return []
        head = _Slot(node, key) if isinstance(node, CommentedMap) else None
        if isinstance(value, CommentedMap):
            return self.mapping(value, shape, column, after, head)
        self.sequence(value, shape.each or FREE, column, after, head)
        return []

    def _head_lines(self, node: CommentedMap | CommentedSeq, head: _Slot | None) -> Lines:
        """The lines between a key and its collection's first entry (a file's header stays put)."""
        if head is None:
            return []
        own, copy = _take(node.ca.comment, 1), _take(head.container.ca.items.get(head.key), 3)
        return head.take() + (own or copy)

    def _close(self, node: CommentedMap | CommentedSeq, lines: Lines, column: int, after: int) -> None:
        """The lines after a collection's last entry stay last."""
        if column == 0:
            lines = _without_blank_ends(lines)
        if lines:
            tail = self._tail(node, next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1)
            tail.put(tail.split()[0], lines, _lines_column(after))

    def _is_block(self, value: Any) -> bool:
        return (
            isinstance(value, CommentedMap | CommentedSeq)
            and len(value) > 0
            and not value.fa.flow_style()
            and id(value) not in self.shared
        )

    def _take_below(self, container: CommentedMap | CommentedSeq, key: Any) -> Lines:
        """The lines below an entry, taken from its tail and from where ruamel keeps those after
        a collection that ends with an inline one (`ca.end`, inner collection first)."""
        value = container[key]
        if not self._is_block(value):
            return self._tail(container, key).take() + _take_end(value)
        last = next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1
        return self._take_below(value, last) + _take_end(value)

    def _tail(self, container: CommentedMap | CommentedSeq, key: Any) -> _Slot:
        """The comment below an entry: after the deepest last value in it."""
        value = container[key]
        if self._is_block(value):
            return self._tail(value, next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1)
        return _Slot(container, key, isinstance(value, LiteralScalarString | FoldedScalarString))


def _shared_and_flow(data: CommentedMap) -> tuple[set[int], list[tuple[Any, Any]]]:
    """The collections reused by an alias, and the entries holding a non-empty inline collection."""
    seen: set[int] = set()
    shared: set[int] = set()
    flow: list[tuple[Any, Any]] = []
    stack: list[Any] = [data]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            shared.add(id(node))
            continue
        seen.add(id(node))
        for key in list(node) if isinstance(node, CommentedMap) else range(len(node)):
            value = node[key]
            if isinstance(value, CommentedMap | CommentedSeq):
                stack.append(value)
                if value.fa.flow_style() and len(value) > 0:
                    flow.append((node, key))
    return shared, flow


def _set_first_lines(node: CommentedSeq, head: _Slot | None, tokens: list[CommentToken]) -> None:
    """The lines above a list's first item, in the list and in its key's slot 3."""
    if node.ca.comment:
        node.ca.comment[1] = tokens
    else:
        node.ca.comment = [None, tokens]
    if head is not None:
        head.container.ca.items.setdefault(head.key, list(_NO_COMMENTS))[3] = tokens


def _lines_column(after: int) -> int | None:
    """Where the lines below a collection's last entry go: at what follows it.

    Nothing follows at column 0 but a top-level key, and the file takes the lines above its
    keys first, so lines still found there end the file. They keep their indentation: nothing
    says what they belong to.
    """
    return after or None


def _take_end(node: Any) -> Lines:
    end = getattr(getattr(node, "ca", None), "end", None)
    if not end:
        return []
    lines = _take([end], 0)
    node.ca.end = []
    return lines


def _as_written(token: CommentToken) -> str:
    """A token's text with its first line's indentation, which ruamel keeps apart, in its mark."""
    if token.value.startswith("\n"):
        return token.value
    return " " * token.start_mark.column + token.value


def _split_lines(text: str) -> Lines:
    return [line.rstrip() for line in text.split("\n")[:-1]]


def _indented(line: str, column: int | None) -> str:
    return line if column is None or not line else f"{' ' * column}{line.strip()}"


def _take(holder: list[Any] | None, index: int) -> Lines:
    """The comment lines in one slot (a token or a list of them), which is emptied."""
    if not holder or len(holder) <= index or not holder[index]:
        return []
    tokens, holder[index] = holder[index], None
    if isinstance(tokens, CommentToken):
        tokens = [tokens]
    return _split_lines("".join(_as_written(token) for token in tokens if token is not None))


def _without_blank_ends(lines: Lines, *, leading: bool = False) -> Lines:
    """Without the blank lines at the end of the file (or, for a header, at its start)."""
    blank = [not line for line in lines]
    if leading:
        return lines[blank.index(False) :] if False in blank else []
    return lines[: len(lines) - blank[::-1].index(False)] if False in blank else []


def _tokens(lines: Lines, column: int) -> list[CommentToken]:
    return [CommentToken(f"{line.strip()}\n", CommentMark(column if line else 0)) for line in lines]
