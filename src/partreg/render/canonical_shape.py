"""The canonical key order of each kind of register file, from the models' field order."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from partreg.load.layout import Kind
from partreg.model import fields
from partreg.model.assessment import Assessment
from partreg.model.base import FREE_KEY
from partreg.model.partnership import Partnership
from partreg.model.plan import ActionPlan
from partreg.model.policy import Policy

INDENT = 2
_MODELS: dict[Kind, type[BaseModel]] = {
    Kind.PARTNERSHIP: Partnership,
    Kind.ASSESSMENT: Assessment,
    Kind.PLAN: ActionPlan,
    Kind.POLICY: Policy,
}


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


def known_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """A record's known keys in FORMAT.md order. The models declare their fields in that order (the
    tests compare them with its tables), with one exception: `custom` is declared on the Document
    base class, so pydantic lists it first; FORMAT.md lists it last, after the known keys (with
    any unknown ones), and FORMAT.md wins. So it is left out here, for the caller to put last."""
    return tuple(info.alias or name for name, info in model.model_fields.items() if name != FREE_KEY)


@functools.cache
def _record_shape(model: type[BaseModel]) -> Shape:
    annotations = {info.alias or name: info.annotation for name, info in model.model_fields.items()}
    fields = {key: _annotation_shape(annotations[key]) for key in known_fields(model)}
    return Shape(tuple(fields), fields)


def _annotation_shape(annotation: Any) -> Shape:
    layout, record = fields.shape_of(annotation)
    if record is None:
        return FREE  # a value, a list of values, or free keys (`custom:`)
    # A list of records, or records under free keys (principle ids): each item in record order.
    return _record_shape(record) if layout is fields.Shape.MODEL else Shape(each=_record_shape(record))
