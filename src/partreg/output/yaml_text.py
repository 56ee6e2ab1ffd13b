"""YAML text for the records partreg writes itself (`partreg import`), in FORMAT.md's field order.

Only `load/yaml_reader.py` may touch the YAML library, and these records are plain (mappings,
lists, text, numbers, dates, yes/no), so they are written here by hand. Every string is
double-quoted and escaped, so no value from a spreadsheet can become YAML markup (a `#`, a `: `,
an `&anchor`, a `!tag` or a line break); the other scalars are written in forms the reader and
the schema read back exactly: `yes`/`no`, `2023-12-31`, `8000.50`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Keys that YAML 1.1 tools other than partreg's reader would take for booleans or null.
_SPECIAL_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})
_SIMPLE_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
# Characters written as an escape: controls (C0, DEL, C1 incl. NEL), line/paragraph separators,
# the BOM, non-characters, and lone surrogates (which cannot be UTF-8 at all).
_ESCAPED = re.compile(
    "[\\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)  # fmt: skip
_UNSAFE_COMMENT = re.compile(r"[^\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]")


def record_yaml(record: BaseModel, comment: str = "", kept: list[str] | None = None) -> str:
    """The fields that were given (not defaults), in the model's order, under a `# comment` line.

    `kept` are comment lines read from the file being replaced, written first as they were.
    """
    data = record.model_dump(exclude_unset=True, exclude_none=True)
    lines = [line for line in kept or [] if line.startswith("#") and not _UNSAFE_COMMENT.search(line)]
    lines += [f"# {_UNSAFE_COMMENT.sub('?', comment)}"] if comment else []
    return "\n".join([*lines, *_mapping(data, 0)]) + "\n"


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
    return text if _PLAIN_KEY.fullmatch(text) and text.lower() not in _SPECIAL_WORDS else quote(text)


def scalar(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
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


def _mapping(data: Mapping[Any, Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in data.items():
        head = f"{pad}{_key(key)}:"
        if isinstance(value, Mapping) and value:
            lines += [head, *_mapping(value, indent + 2)]
        elif isinstance(value, list) and value:
            lines += [head, *_sequence(value, indent + 2)]
        else:
            lines.append(f"{head} {_collection_or_scalar(value)}")
    return lines


def _sequence(items: list[Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        if isinstance(item, Mapping) and item:
            inner = _mapping(item, indent + 2)
        elif isinstance(item, list) and item:
            inner = _sequence(item, indent + 2)
        else:
            lines.append(f"{pad}- {_collection_or_scalar(item)}")
            continue
        lines += [f"{pad}- {inner[0].lstrip()}", *inner[1:]]
    return lines


def _collection_or_scalar(value: object) -> str:
    if isinstance(value, Mapping):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return scalar(value)
