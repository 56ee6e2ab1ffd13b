"""The hardened YAML reader: the only module that imports `yaml`.

libyaml's C parser composes the node tree; we never let PyYAML construct Python
objects. Every implicit tag resolves to one marker, so any explicit tag (`!!python/...`,
`!foo`) is visible and refused, and every scalar reaches the schema as text.

Limits are checked before libyaml could be hurt by them: the nesting depth is bounded
from the text first (libyaml's composer recurses in C and crashes near 25,000 levels),
and only a file whose bound exceeds the cap is walked event by event, stopping at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml import _yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from partreg.load.document import Document, PosDict, PosList
from partreg.problems import Problem, error

_IMPLICIT = "?"
_EMPTY_HINT = "write one mapping, e.g. `id: my-partnership`, or delete the file"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# YAML 1.1 line breaks that `re.MULTILINE` does not know (CR alone, NEL, LS, PS).
_OTHER_LINE_BREAKS = ("\r", "\x85", "\u2028", "\u2029")
_OTHER_LINE_BREAKS_PATTERN = re.compile("\r\n?|[\x85\u2028\u2029]")
_LEADING_TAB = re.compile(r"^[ ]*\t[ \t]*(?=[^\s#])", re.MULTILINE)
# A line's first content column after indentation and block indicators (`- `, `? `, `: `).
_BLOCK_COLUMN = re.compile(r"^[ ]*(?:(?:---|[-?:])[ ]+)*", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps on one file, each reported as an error at the position where it is reached."""

    max_bytes: int = 5_000_000
    max_depth: int = 64
    max_nodes: int = 100_000
    max_aliases: int = 100
    max_scalar_chars: int = 100_000


DEFAULT_LIMITS = Limits()


class _LoadFailure(Exception):
    def __init__(self, line: int, col: int, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.col, self.code, self.message, self.hint = line, col, code, message, hint

    @classmethod
    def at(cls, node: Node, code: str, message: str, hint: str) -> _LoadFailure:
        """A failure at a node's start (libyaml marks are 0-based)."""
        return cls(node.start_mark.line + 1, node.start_mark.column + 1, code, message, hint)


class _Composer(_yaml.CParser):
    """libyaml's parser and composer, with tag resolution reduced to one marker."""

    def resolve(self, *_: object) -> str:
        return _IMPLICIT

    def descend_resolver(self, *_: object) -> None:
        return None

    def ascend_resolver(self, *_: object) -> None:
        return None


def read_document(path: str, raw: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[Document | None, list[Problem]]:
    """Parse one file's bytes into a positioned document, or say why not."""
    try:
        text = _decode(raw, limits)
        root = _compose(raw, text, limits)
        walker = _Walker(limits, text)
        data = walker.top(root)
    except _LoadFailure as failure:
        return None, [error(path, failure.line, failure.col, failure.code, failure.message, failure.hint)]
    return Document(path, text, data, walker.has_empty_values), []


def _decode(raw: bytes, limits: Limits) -> str:
    if len(raw) > limits.max_bytes:
        raise _LoadFailure(
            1,
            1,
            "Y004",
            f"file is over the {limits.max_bytes:,}-byte limit",
            "split the file, or move large text out of the register",
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _LoadFailure(1, 1, "Y002", "the file is UTF-16, not UTF-8", "save the file as UTF-8")
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


def _compose(raw: bytes, text: str, limits: Limits) -> Node:
    if _depth_bound(text) > limits.max_depth:
        _check_depth_by_events(raw, limits)
    composer = _Composer(raw.removeprefix(b"\xef\xbb\xbf"))
    try:
        root = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_failure(exc, text, limits) from None
    except yaml.reader.ReaderError as exc:
        # libyaml read bytes (BOM removed), so the position is a byte offset into them.
        line, col = _line_col(raw.removeprefix(b"\xef\xbb\xbf"), exc.position)
        raise _LoadFailure(
            line, col, "Y001", f"character U+{exc.character:04X} is not allowed in YAML", "remove the control character"
        ) from None
    finally:
        composer.dispose()
    if root is None:
        raise _LoadFailure(
            1,
            1,
            "Y011",
            "empty file: it holds only comments",
            _EMPTY_HINT,
        )
    return root


def _depth_bound(text: str) -> int:
    """An upper bound on nesting depth, cheap enough to run on every file.

    A flow collection opens with `[` or `{`; a block collection must start one column
    further right than its parent every two levels (an indentless sequence shares its
    mapping's column), so block depth is at most twice the furthest content column.
    """
    flow = text.count("[") + text.count("{")
    if any(brk in text for brk in _OTHER_LINE_BREAKS):
        text = _OTHER_LINE_BREAKS_PATTERN.sub("\n", text)
    column = max((len(m) for m in _BLOCK_COLUMN.findall(text)), default=0)
    return flow + 2 * (column + 1)


def _check_depth_by_events(raw: bytes, limits: Limits, *, prefix: bool = False) -> None:
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    parser = _Composer(raw)
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limits.max_depth:
                    raise _depth_failure(event.start_mark, limits)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.StreamEndEvent):
                return
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        if mark is not None and "nesting depth" in str(exc.problem) and not prefix:
            # libyaml's own limit (1,000 flow levels) fired while reading ahead, before any event
            # reached our cap. The text before that point holds the place where the cap is crossed.
            _check_depth_by_events(raw[: mark.index], limits, prefix=True)
            raise _depth_failure(mark, limits) from None
    except yaml.YAMLError:
        pass  # the composer reports these at their position
    finally:
        parser.dispose()


def _depth_failure(mark: Any, limits: Limits) -> _LoadFailure:
    return _depth_failure_at(mark.line + 1, mark.column + 1, limits)


def _depth_failure_at(line: int, col: int, limits: Limits) -> _LoadFailure:
    return _LoadFailure(
        line,
        col,
        "Y005",
        f"nesting is deeper than {limits.max_depth} levels",
        "flatten the structure; register files need only a few levels",
    )


def _syntax_failure(exc: yaml.MarkedYAMLError, text: str, limits: Limits) -> _LoadFailure:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    if "nesting depth" in problem and mark is not None:
        return _depth_failure(mark, limits)
    if exc.context == "expected a single document in the stream":
        return _LoadFailure(
            line,
            col,
            "Y010",
            "more than one YAML document in the file",
            "keep one document per file: remove the `---` separator",
        )
    source_line = text.splitlines()[line - 1] if line <= len(text.splitlines()) else ""
    if "\t" in source_line[: max(col, 1)] and not source_line[: col - 1].strip(" \t"):
        return _LoadFailure(line, col, "Y014", "tab used for indentation", "indent with spaces, not tabs")
    context = f" {exc.context}" if exc.context else ""
    return _LoadFailure(
        line,
        col,
        "Y001",
        f"YAML syntax: {problem}{context}",
        "check the indentation and quoting on this line and the one before",
    )


class _Walker:
    """Turns the composed node tree into PosDict/PosList/str, enforcing the caps."""

    def __init__(self, limits: Limits, text: str) -> None:
        self.limits = limits
        self.text = text
        self.nodes = 0
        self.aliases = 0
        self.seen: set[int] = set()
        self.has_leading_tab = _LEADING_TAB.search(text) is not None
        self.has_empty_values = False
        self.multiline_scalars: list[tuple[int, int]] = []

    def top(self, root: Node) -> PosDict:
        if not isinstance(root, MappingNode) or root.tag != _IMPLICIT:
            if root.tag != _IMPLICIT:
                raise self._tag_failure(root)
            if isinstance(root, ScalarNode) and not root.style and root.value in _NULLS:
                raise _LoadFailure(1, 1, "Y011", "empty document", _EMPTY_HINT)
            kind = "a list" if isinstance(root, SequenceNode) else "a single value"
            raise _LoadFailure.at(
                root,
                "Y012",
                f"the file holds {kind}, not a mapping",
                "write `key: value` lines at the top level, e.g. `id: my-partnership`",
            )
        data = self.mapping(root, 1)
        if self.has_leading_tab:
            self._check_leading_tabs()
        return data

    def value(self, node: Node, depth: int) -> object:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise _LoadFailure.at(
                node,
                "Y006",
                f"more than {self.limits.max_nodes:,} values in one file",
                "split the file; a register file holds one record",
            )
        if node.tag != _IMPLICIT:
            raise self._tag_failure(node)
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if depth >= self.limits.max_depth:  # this collection would be level depth + 1
            raise _depth_failure(node.start_mark, self.limits)
        if id(node) in self.seen:
            self.aliases += 1
            if self.aliases > self.limits.max_aliases:
                raise _LoadFailure.at(
                    node,
                    "Y007",
                    f"more than {self.limits.max_aliases} aliases in one file",
                    "write the values out instead of repeating `*alias`",
                )
        else:
            self.seen.add(id(node))
        if isinstance(node, MappingNode):
            return self.mapping(node, depth + 1)
        assert isinstance(node, SequenceNode)
        return self.sequence(node, depth + 1)

    def scalar(self, node: ScalarNode) -> str | None:
        value: str = node.value
        if len(value) > self.limits.max_scalar_chars:
            raise self._length_failure(node)
        if not node.style and value in _NULLS:
            return None
        if self.has_leading_tab and node.end_mark.line > node.start_mark.line:
            self.multiline_scalars.append((node.start_mark.line, node.end_mark.line))
        return value

    def mapping(self, node: MappingNode, depth: int) -> PosDict:
        start = node.start_mark
        result = PosDict((start.line + 1, start.column + 1))
        marks = result.marks
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _IMPLICIT:
                if key_node.tag != _IMPLICIT:
                    raise self._tag_failure(key_node)
                raise _LoadFailure.at(
                    key_node,
                    "Y016",
                    "a key must be plain text",
                    "write the key as a single word, e.g. `name:`",
                )
            key = key_node.value
            if len(key) > self.limits.max_scalar_chars:
                raise self._length_failure(key_node)
            if key == "<<" and not key_node.style:
                raise _LoadFailure.at(
                    key_node,
                    "Y016",
                    "merge keys (`<<`) are not supported",
                    "write the keys out in full",
                )
            if key in marks:
                first = marks[key]
                raise _LoadFailure.at(
                    key_node,
                    "Y013",
                    f"duplicate key `{key}` (first at line {first[0]})",
                    "remove one of them: YAML keeps only the last, silently",
                )
            km, vm = key_node.start_mark, value_node.start_mark
            marks[key] = (km.line + 1, km.column + 1, vm.line + 1, vm.column + 1)
            value = self.value(value_node, depth)
            if value is not None:
                result[key] = value
            else:
                self.has_empty_values = True
        self.nodes += len(node.value)
        return result

    def sequence(self, node: SequenceNode, depth: int) -> PosList:
        start = node.start_mark
        result = PosList((start.line + 1, start.column + 1))
        for item in node.value:
            im = item.start_mark
            result.marks.append((im.line + 1, im.column + 1))
            result.append(self.value(item, depth))
        return result

    def _length_failure(self, node: ScalarNode) -> _LoadFailure:
        cap = self.limits.max_scalar_chars
        return _LoadFailure.at(
            node,
            "Y008",
            f"text is {len(node.value):,} characters, over the {cap:,} limit",
            "shorten the text, or link to a document instead",
        )

    def _tag_failure(self, node: Node) -> _LoadFailure:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        return _LoadFailure.at(
            node,
            "Y009",
            f"YAML tags are not allowed (found `{tag}`)",
            "remove the tag; the schema decides each value's type",
        )

    def _check_leading_tabs(self) -> None:
        """A tab that indents a line is an error; one inside a multi-line value is content.

        One pass over both, in line order: a line is inside a value when the furthest end of
        the values that start above it reaches it.
        """
        values = sorted(self.multiline_scalars)
        next_value, covered_to, line, counted_to = 0, -1, 0, 0
        for match in _LEADING_TAB.finditer(self.text):
            line += self.text.count("\n", counted_to, match.start())
            counted_to = match.start()
            while next_value < len(values) and values[next_value][0] < line:
                covered_to = max(covered_to, values[next_value][1])
                next_value += 1
            if line > covered_to:
                col = self.text.index("\t", match.start()) - match.start() + 1
                raise _LoadFailure(line + 1, col, "Y014", "tab used for indentation", "indent with spaces, not tabs")
