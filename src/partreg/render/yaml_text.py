"""YAML text for the values partreg writes itself: the one scalar writer behind `partreg new`,
`partreg init`, `partreg import` and the values `import --update` writes into a file.

Only `load/yaml_reader.py` may touch the YAML library, and these values are plain (mappings,
lists, text, numbers, dates, yes/no), so they are written here by hand. `record_yaml` (import)
double-quotes and escapes every string, so no value from a spreadsheet can become YAML markup (a
`#`, a `: `, an `&anchor`, a `!tag` or a line break); `plain_or_quoted` (the files people edit)
leaves text a human would write unquoted. The other scalars are written in forms the reader and
the schema read back exactly: `yes`/`no`, `2023-12-31`, `8000.50`. Under `custom:` a decimal
number is written as a number (`1`, not `"1"`), as other YAML tools then read it as one too.
`record_yaml` is already in `partreg fmt`'s canonical form (a test holds that).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from partreg.load.spreadsheet import yes_or_no
from partreg.model.base import FREE_KEY
from partreg.render.canonical_shape import known_fields

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Plain (unquoted) text a human would write: no YAML indicator can start it or hide inside it.
_PLAIN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9 .,'()&/%£-]*")
# Words YAML 1.1 tools other than partreg's reader take for booleans or null: always quoted.
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})
_SIMPLE_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
# Characters written as an escape: controls (C0, DEL, C1 incl. NEL), line/paragraph separators,
# the BOM, non-characters, and lone surrogates (which cannot be UTF-8 at all).
_ESCAPED = re.compile(
    "[\\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)  # fmt: skip
_UNSAFE_COMMENT = re.compile(r"[^\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]")
# A decimal number as YAML 1.1 and 1.2 both read it: no leading zero (`0123` is octal to some), no exponent.
_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?")


def record_yaml(record: BaseModel, comment: str = "") -> str:
    """The fields that were given (not defaults), in canonical order (`partreg fmt`'s), under a `# comment` line."""
    data = record.model_dump(exclude_unset=True, exclude_none=True)
    ordered = {key: data[key] for key in (*known_fields(type(record)), FREE_KEY) if key in data}
    lines = [comment_line(comment)] if comment else []
    return "\n".join([*lines, *_mapping(ordered, 0)]) + "\n"


def comment_line(comment: str) -> str:
    """`# comment` on one line: runs of white space (line breaks too) are one space, and any other
    character that could end the line or hide in it is replaced."""
    return f"# {_UNSAFE_COMMENT.sub('?', ' '.join(comment.split()))}"


def is_plain_number(text: str) -> bool:
    """Text under `custom:` written as a number reads as that number in every YAML tool; partreg
    reads it as text either way, so a number keeps its type from spreadsheet to file."""
    return _PLAIN_NUMBER.fullmatch(text) is not None


def plain_or_quoted(text: str) -> str:
    """`text` as a YAML value every YAML reader takes as that exact text: unquoted when it is
    plain words a person would write (`Safer Streets Board`), else double-quoted."""
    if _PLAIN_TEXT.fullmatch(text) and text == text.rstrip() and text.lower() not in _YAML_WORDS:
        return text
    return quote(text)


def quote(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `text`."""
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[char]
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "\\uFFFD"  # a lone surrogate has no UTF-8 form; write the replacement character
    return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}"


def _key(key: object) -> str:
    text = str(key)
    return text if _PLAIN_KEY.fullmatch(text) and text.lower() not in _YAML_WORDS else quote(text)


def scalar(value: object, *, free: bool = False) -> str:
    """`value` as a YAML scalar; `free` for values under `custom:` (see `is_plain_number`)."""
    if free and isinstance(value, str) and is_plain_number(value):
        return value
    if isinstance(value, bool):
        return yes_or_no(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(Decimal(repr(value)))
    if isinstance(value, Decimal):
        return number_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return quote(str(value))


def number_text(value: Decimal) -> str:
    """`8000` for 8000.0, `8000.50` as written, never an exponent (the schema reads digits only)."""
    if value == value.to_integral_value():
        return f"{value.to_integral_value():f}"
    return f"{value:f}"


def _mapping(data: Mapping[Any, Any], indent: int, *, free: bool = False) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in data.items():
        head = f"{pad}{_key(key)}:"
        inner_free = free or (indent == 0 and key == FREE_KEY)
        if isinstance(value, Mapping) and value:
            lines += [head, *_mapping(value, indent + 2, free=inner_free)]
        elif isinstance(value, list) and value:
            lines += [head, *_sequence(value, indent + 2, free=inner_free)]
        else:
            lines.append(f"{head} {_collection_or_scalar(value, free=inner_free)}")
    return lines


def _sequence(items: list[Any], indent: int, *, free: bool) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        if isinstance(item, Mapping) and item:
            inner = _mapping(item, indent + 2, free=free)
        elif isinstance(item, list) and item:
            inner = _sequence(item, indent + 2, free=free)
        else:
            lines.append(f"{pad}- {_collection_or_scalar(item, free=free)}")
            continue
        lines += [f"{pad}- {inner[0].lstrip()}", *inner[1:]]
    return lines


def _collection_or_scalar(value: object, *, free: bool) -> str:
    if isinstance(value, Mapping):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return scalar(value, free=free)
