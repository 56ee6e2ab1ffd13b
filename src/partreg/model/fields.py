"""Record fields as flat, dotted column names (`resources.financial_contribution`), for the
spreadsheet import and export: how each model field is laid out in cells, and which field a
dotted name names.
"""

from __future__ import annotations

import functools
import json
import re
import typing
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from partreg.model.build import is_model, unwrap
from partreg.model.partnership import Partnership

EMPTY_LIST = "[]"
_POSITION = re.compile(r"[1-9][0-9]{0,3}")


def list_cell(items: list[str]) -> str:
    """A list of text as one cell, as `list_items` reads it back exactly.

    `a; b`; or one item a line when an item holds `;` (a lone item then ends with a line break);
    or, when neither reads back the same (an item with a line break, spaces at its ends, or none
    at all, or a cell that reads as a JSON list), the JSON list `["a", "b"]`.
    """
    if not items:
        return EMPTY_LIST
    if any(";" in item for item in items):
        text = "\n".join(items) + ("\n" if len(items) == 1 else "")
    else:
        text = "; ".join(items)
    if list_items(text) == items:
        return text
    return json.dumps(items, ensure_ascii=False)


def list_items(text: str) -> list[str]:
    """The items of a list-of-text cell: a JSON list of text, else one a line, else split at `;`."""
    written = _json_list(text)
    if written is not None:
        return written
    parts = text.split("\n") if "\n" in text else text.split(";")
    return [part.strip() for part in parts if part.strip()]


def _json_list(text: str) -> list[str] | None:
    stripped = text.strip()
    if not (stripped.startswith("[") and stripped.endswith("]")):
        return None
    try:
        found = json.loads(stripped)
    except ValueError:
        return None
    return found if isinstance(found, list) and all(isinstance(item, str) for item in found) else None


class Shape(StrEnum):
    VALUE = "value"
    TEXT_LIST = "text list"  # one cell: `a; b` or one item per line
    MODEL = "model"
    MODEL_LIST = "model list"  # columns `representatives.1.name`, `representatives.2.name`...
    MODEL_DICT = "model dict"  # columns `principles.A.rating`...
    FREE = "free"  # `custom:`, never validated


def shape_of(annotation: Any) -> tuple[Shape, type[BaseModel] | None]:
    """How a field's type is laid out in flat columns."""
    for candidate in unwrap(annotation):
        if is_model(candidate):
            return Shape.MODEL, candidate
        origin, args = typing.get_origin(candidate), typing.get_args(candidate)
        if origin in (list, dict):
            inner = next((c for c in unwrap(args[-1]) if is_model(c)), None)
            if origin is list:
                return (Shape.MODEL_LIST, inner) if inner else (Shape.TEXT_LIST, None)
            return (Shape.MODEL_DICT, inner) if inner else (Shape.FREE, None)
    return Shape.VALUE, None


@functools.cache
def fields_of(model: type[BaseModel]) -> dict[str, tuple[Shape, type[BaseModel] | None]]:
    """Each field's layout, in the model's order (cached: export and import ask for every cell)."""
    return {name: shape_of(info.annotation) for name, info in model.model_fields.items()}


@dataclass(frozen=True, slots=True)
class FieldPath:
    """A dotted field name a column can hold; `list_levels` are the parts that are 1-based list positions."""

    parts: tuple[str, ...]
    leaf: Shape
    list_levels: frozenset[int] = frozenset()
    required: bool = False  # the model needs it, so an empty cell is reported as empty

    @property
    def name(self) -> str:
        return ".".join(self.parts)


def resolve(dotted: str, model: type[BaseModel] = Partnership) -> FieldPath | None:
    """The field a dotted name gives, or None; a list of records may be named alone, for `[]`."""
    parts = tuple(dotted.split("."))
    lists: set[int] = set()
    current, depth = model, 0
    while depth < len(parts) and parts[depth] in current.model_fields:
        shape, inner = fields_of(current)[parts[depth]]
        rest = len(parts) - depth - 1
        if shape is Shape.FREE:
            lists.update(i for i in range(depth + 1, len(parts)) if _POSITION.fullmatch(parts[i]))
            ok = rest > 0 and all(parts[depth + 1 :])
            return FieldPath(parts, Shape.VALUE, frozenset(lists)) if ok else None
        if rest == 0:
            required = current.model_fields[parts[depth]].is_required()
            ok = shape in (Shape.VALUE, Shape.TEXT_LIST, Shape.MODEL_LIST)
            return FieldPath(parts, shape, frozenset(lists), required) if ok else None
        if shape in (Shape.MODEL_LIST, Shape.MODEL_DICT) and inner is not None and rest >= 2:
            if shape is Shape.MODEL_LIST and not _POSITION.fullmatch(parts[depth + 1]):
                return None
            lists.update({depth + 1} if shape is Shape.MODEL_LIST else set())
            current, depth = inner, depth + 2
        elif shape is Shape.MODEL and inner is not None:
            current, depth = inner, depth + 1
        else:
            return None
    return None


def field_paths(model: type[BaseModel] = Partnership, prefix: str = "") -> list[str]:
    """Every dotted field name, lists shown by their first position (for "did you mean")."""
    names: list[str] = []
    for name, (shape, inner) in fields_of(model).items():
        if inner is not None and shape is not Shape.MODEL_DICT:
            names += field_paths(inner, f"{prefix}{name}.{'1.' if shape is Shape.MODEL_LIST else ''}")
        else:
            names.append(f"{prefix}{name}" + (".<name>" if shape is Shape.FREE else ""))
    return names
