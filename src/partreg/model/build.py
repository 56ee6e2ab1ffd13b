"""Positioned documents -> typed records. The only place pydantic's ValidationError is seen.

Each pydantic error is turned into a Problem at the YAML position of the offending key
or value, in plain words, with a hint that says what to write instead.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from partreg.load.document import Document, PathItem, PosDict, shown
from partreg.model.base import FREE_KEY
from partreg.model.values import CONTROL_CHARACTER
from partreg.problems import Problem, error

RecordT = TypeVar("RecordT", bound=BaseModel)

_SHAPES = {
    "model_type": ("a mapping", "write the keys indented below it, one `key: value` per line"),
    "model_attributes_type": ("a mapping", "write the keys indented below it, one `key: value` per line"),
    "dict_type": ("a mapping", "write `key: value` lines indented below it"),
    "list_type": ("a list", "write one `- item` per line, indented below it"),
}


def build_record(doc: Document, model: type[RecordT]) -> tuple[RecordT | None, list[Problem]]:
    record: RecordT | None = None
    try:
        record, problems = model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False)
        problems = [_translate(doc, model, err) for err in errors]
    if doc.has_empty_values:
        problems += _unknown_empty_keys(doc, model, doc.data, ())
    return (record if not problems else None), problems


def _unknown_empty_keys(doc: Document, model: type[BaseModel], node: Any, loc: tuple[PathItem, ...]) -> list[Problem]:
    """Keys written with no value never reach pydantic, so unknown ones are found here."""
    found: list[Problem] = []
    if isinstance(node, PosDict):
        allowed = allowed_keys(model, loc)
        for key in node.marks:
            if key not in node and allowed and key not in allowed:
                line, col = doc.position((*loc, key), key=True)
                found.append(
                    error(doc.path, line, col, "S003", _unknown_key(key), _unknown_key_hint(model, (*loc, key)))
                )
            elif key in node and key != FREE_KEY:
                found += _unknown_empty_keys(doc, model, node[key], (*loc, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _unknown_empty_keys(doc, model, item, (*loc, index))
    return found


def dotted(loc: tuple[PathItem, ...]) -> str:
    """A field's path as messages show it: `representatives.1.name`, list positions counted from 1."""
    return ".".join(str(item + 1) if isinstance(item, int) else shown(item) for item in loc)


def _unknown_key(key: PathItem) -> str:
    return f"unknown key `{shown(str(key))}`"


def _translate(doc: Document, model: type[BaseModel], err: ErrorDetails) -> Problem:
    loc: tuple[PathItem, ...] = tuple(err["loc"])
    name = dotted(loc)
    kind = err["type"]
    if kind == "extra_forbidden":
        line, col = doc.position(loc, key=True)
        return error(doc.path, line, col, "S003", _unknown_key(loc[-1]), _unknown_key_hint(model, loc))
    if kind == "missing":
        line, col = doc.position(loc, key=True)
        if _written_empty(doc, loc):
            return error(doc.path, line, col, "S002", f"`{name}` is empty", f"give `{loc[-1]}` a value")
        return error(doc.path, line, col, "S002", f"`{name}` is required", _missing_key_hint(doc, model, loc))
    line, col = doc.position(loc)
    if kind in _SHAPES:
        expected, hint = _SHAPES[kind]
        return error(doc.path, line, col, "S001", f"`{name}` must be {expected}", hint)
    context: dict[str, Any] = dict(err.get("ctx") or {})
    code = "S004" if kind == CONTROL_CHARACTER else "S001"
    return error(doc.path, line, col, code, f"`{name}`: {err['msg']}", str(context.get("hint", "")))


def _parent_of(doc: Document, loc: tuple[PathItem, ...]) -> Any:
    """The mapping or list that holds `loc`, or None when the path was not written."""
    parent: Any = doc.data
    for item in loc[:-1]:
        try:
            parent = parent[item]
        except (KeyError, IndexError, TypeError):
            return None
    return parent


def _written_empty(doc: Document, loc: tuple[PathItem, ...]) -> bool:
    """The key was written with no value (`name:`), which FORMAT.md reads as not given."""
    parent = _parent_of(doc, loc)
    return isinstance(parent, PosDict) and loc[-1] in parent.marks


def _missing_key_hint(doc: Document, model: type[BaseModel], loc: tuple[PathItem, ...]) -> str:
    """Point at a misspelt key in the same mapping, if one looks like the missing field."""
    parent = _parent_of(doc, loc)
    if isinstance(parent, PosDict):
        allowed = allowed_keys(model, loc[:-1])
        written = [key for key in parent.marks if key not in allowed]
        close = difflib.get_close_matches(str(loc[-1]), written, n=1, cutoff=0.7)
        if close:
            return f"`{shown(close[0])}` on line {parent.marks[close[0]][0]} looks like a misspelling of `{loc[-1]}`"
    return f"add `{loc[-1]}:` with a value"


def _unknown_key_hint(model: type[BaseModel], loc: tuple[PathItem, ...]) -> str:
    allowed = sorted(allowed_keys(model, loc[:-1]))
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.7)
    if close:
        return f"did you mean `{close[0]}`?"
    custom = f"; put council data under `{FREE_KEY}:`" if FREE_KEY in allowed else ""
    return f"allowed keys here: {', '.join(key for key in allowed if key != 'custom')}{custom}"


def allowed_keys(model: type[BaseModel], loc: tuple[PathItem, ...]) -> set[str]:
    """The field names of the model found by following `loc` down from `model`."""
    current: Any = model
    for item in loc:
        current = _step(current, item)
        if current is None:
            return set()
    models = [candidate for candidate in unwrap(current) if is_model(candidate)]
    return set(models[0].model_fields) if models else set()


def _step(annotation: Any, item: PathItem) -> Any:
    for candidate in unwrap(annotation):
        if is_model(candidate) and isinstance(item, str) and item in candidate.model_fields:
            return candidate.model_fields[item].annotation
        origin = typing.get_origin(candidate)
        args = typing.get_args(candidate)
        if origin is list and isinstance(item, int):
            return args[0]
        if origin is dict and isinstance(item, str):
            return args[1]
    return None


def unwrap(annotation: Any) -> list[Any]:
    """The types inside `Annotated[...]` and unions, flattened."""
    if typing.get_origin(annotation) is typing.Annotated:
        return unwrap(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [inner for arg in typing.get_args(annotation) for inner in unwrap(arg)]
    return [annotation]


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
