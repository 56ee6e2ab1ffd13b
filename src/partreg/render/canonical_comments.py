"""Key order and comment placement inside ruamel.yaml's round-trip tree, for `partreg fmt`
(render/canonical.py says what is canonical and checks the result)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from partreg.render.canonical_shape import FREE, INDENT, Shape
from partreg.render.yaml_text import plain_or_quoted

# How ruamel keeps comments in round-trip mode: each entry of a collection has four slots in
# `ca.items[key]`. Slot 1 holds the lines above a key; slot 2 (a mapping) or 0 (a list) the
# token after the entry's value: its end-of-line comment, then the whole lines below it. That
# token sits on the entry's deepest last value, so the lines above a key are stored inside the
# entry before it. A nested collection keeps copies of its key's slots in `ca.comment` (0: the
# key line's comment, 1: the lines above its first entry); they are kept in step here.
Lines = list[str]  # whole-line comments ("  # ...") and blank lines (""), as written
_NO_COMMENTS = (None, None, None, None)


class Plain(str):
    """A value written without quotes as it is: a yes/no, number or date in its canonical spelling.
    Other text is written plain only where every YAML reader reads it as that text, else quoted."""

    __slots__ = ()


Changes = Mapping[str, Any]  # new values by key, nested like the file (see `arrange`)
_NO_CHANGES: Changes = MappingProxyType({})


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

    def mapping(
        self,
        node: CommentedMap,
        shape: Shape,
        column: int,
        after: int,
        head: _Slot | None,
        changes: Changes = _NO_CHANGES,
    ) -> Lines:
        """Arrange a mapping, making `changes` to it; when it is a list item, return the lines above its first key."""
        keys, above = list(node), self._head_lines(node, head)
        lines: dict[Any, Lines] = {}
        for key in keys:
            lines[key] = above + _take(node.ca.items.get(key), 1)
            above = self._take_below(node, key)
        above += _take_end(node)
        # Every comment is in `lines` now, away from the values: a value can be replaced, and a key
        # added, without taking the comments of its neighbours along.
        for key in _edit(node, changes):
            lines.setdefault(key, [])
        keys = list(node)
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
            inner = changes.get(key)
            following = column if position < len(keys) - 1 else after
            self._value(node, key, child, column + INDENT, following, inner if isinstance(inner, Mapping) else {})
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

    def _value(
        self,
        node: CommentedMap | CommentedSeq,
        key: Any,
        shape: Shape,
        column: int,
        after: int,
        changes: Changes = _NO_CHANGES,
    ) -> Lines:
        value = node[key]
        if not self._is_block(value):
            tail = self._tail(node, key)
            tail.put(*tail.split(), _lines_column(after))
            return []
        head = _Slot(node, key) if isinstance(node, CommentedMap) else None
        if isinstance(value, CommentedMap):
            return self.mapping(value, shape, column, after, head, changes)
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


def _edit(node: CommentedMap, changes: Changes) -> list[Any]:
    """Write each changed value into `node` (a mapping changed in part is edited when it is arranged);
    the keys written. An existing key keeps its place and its end-of-line comment."""
    written = []
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(node.get(key), CommentedMap) and len(node[key]) > 0:
            continue
        node[key] = _new_node(value)
        written.append(key)
    return written


def _new_node(value: Any) -> Any:
    if isinstance(value, Mapping):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _new_node(item)
        return mapping
    if isinstance(value, list):
        return CommentedSeq(_new_node(item) for item in value)
    if isinstance(value, Plain) or plain_or_quoted(value) == value:
        return str(value)
    return DoubleQuotedScalarString(value)


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


def arrange(data: CommentedMap, shape: Shape, changes: Changes = _NO_CHANGES) -> None:
    """Order `data`'s keys as `shape` says, in place, each comment moving to its canonical place.

    `changes` are new values by key, nested like the file: a mapping changes only the keys it
    names; any other value (a list, text, a `Plain` value) replaces the one written.
    """
    # The header: the lines above the first key (and a comment after an inline top-level `}`).
    header = _without_blank_ends(_take(data.ca.comment, 0) + _take(data.ca.comment, 1), leading=True)
    if header:
        data.ca.comment[1] = _tokens(header, 0)
    _Arranger(data).mapping(data, shape, 0, 0, None, changes)
