"""The canonical text of a register file, for `partreg fmt`: FORMAT.md key order, one style.

Why ruamel.yaml here, and only here: the loader (load/yaml_reader.py, PyYAML over libyaml)
builds plain data and drops comments, and officers write their sources and reasons in
comments. Rewriting a file must keep them, so this module uses ruamel.yaml's round-trip
mode, which keeps comments, quoting and block scalars. Nothing but this module and
canonical_comments.py imports ruamel (a test holds that), and ruamel only sees text that the hardened loader has already
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

import io
import re
from collections.abc import Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from partreg.load.document import PosDict, PosList
from partreg.load.layout import Kind
from partreg.load.yaml_reader import read_document
from partreg.render.canonical_comments import Changes, Plain, arrange
from partreg.render.canonical_shape import INDENT, shape_of

__all__ = ["NotFormattable", "Plain", "canonical_text", "edited_text"]

_HINT = "format this file by hand"
_TRAILING_BLANKS = re.compile(r"[ \t]+$", re.MULTILINE)
_UNICODE_LINE_BREAK = re.compile("[\x85\u2028\u2029]")
_TAB_BEFORE_COMMENT = re.compile(r"(?<=\S)[ \t]*\t[ \t]*#")


class NotFormattable(ValueError):
    """The text has no canonical form that says the same thing; the file is left alone."""

    def __init__(self, line: int, col: int, message: str, hint: str = _HINT) -> None:
        super().__init__(message)
        self.line, self.col, self.message, self.hint = line, col, message, hint


def canonical_text(text: str, kind: Kind | None) -> str:
    """`text`, one register file of this kind, in canonical key order and style.

    Raises `NotFormattable` when the loader refuses the text (which then never reaches
    ruamel), when ruamel cannot read it, or when the result would not read back the same.
    """
    return edited_text(text, kind, {})


def edited_text(text: str, kind: Kind | None, changes: Changes) -> str:
    """`text` in canonical form with `changes` made to it (`partreg import --update`): each changed
    value is replaced where it is written, each new key goes in its canonical place, and every
    comment, and the quoting of every other value, is kept. See `arrange` for `changes`.

    Raises `NotFormattable` as `canonical_text` does, and when the result would not read back
    as the file's values with exactly those changes.
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
    dumped = _rewritten(text, kind, changes)
    expected = _changed(_content(original.data), changes)
    # No trailing spaces (ruamel writes `- ` for an empty item) and one newline at the end, unless
    # the spaces or blank lines belong to a block scalar: the read-back check below tells.
    stripped = "\n".join(line.rstrip() for line in dumped.split("\n"))
    for result in (stripped.rstrip("\n") + "\n", dumped.rstrip("\n") + "\n", dumped):
        formatted, _ = read_document("canonical", result.encode("utf-8"))
        if formatted is not None and _content(formatted.data) == expected:
            return result
    raise NotFormattable(1, 1, "formatting this file would change a value", f"{_HINT}, and please report it")


def _changed(content: Any, changes: Changes) -> Any:
    """What the file should read as once `changes` are made (as `arrange` makes them)."""
    result = dict(content) if isinstance(content, dict) else {}
    for key, value in changes.items():
        edited_in_place = isinstance(value, Mapping) and isinstance(result.get(key), dict)
        result[key] = _changed(result[key], value) if edited_in_place else _as_text(value)
    return result


def _as_text(value: Any) -> Any:
    """A new value as the loader reads it back: text, lists and mappings of text."""
    if isinstance(value, Mapping):
        return {key: _as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_text(item) for item in value]
    return str(value)


def _rewritten(text: str, kind: Kind | None, changes: Changes) -> str:
    yaml = _round_trip()
    try:
        data = _load(yaml, _lf(text))
        if not isinstance(data, CommentedMap):
            raise NotFormattable(1, 1, "the formatter reads this file differently from partreg")
        arrange(data, shape_of(kind), changes)
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
