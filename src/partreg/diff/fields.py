"""Field-by-field changes of one record, told as what the values mean, not how they are written.

Lists are compared by what their order means. In `UNORDERED` lists the order carries no meaning
(FORMAT.md lists partners, tags, priorities and achievements as plain sets of text): only items
added or removed are changes. `KEYED` lists hold records with a natural key (a KPI's or a
representative's name, a principle's id): they are matched by it, and a change is told per item
and per field (`KPI Crime: actual 10 → 12`). Other lists are compared in order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from partreg.diff.changes import Change
from partreg.model.values import plain_number

UNORDERED = frozenset(
    {"partners", "tags", "priorities", "achievements", "minimum_standard.significant", "minimum_standard.other"}
)
# Dotted field -> (the key each item is matched by, what the committee calls one item).
KEYED: dict[str, tuple[str, str]] = {
    "representatives": ("name", "representative"),
    "performance.kpis": ("name", "KPI"),
    "principles": ("id", "principle"),
}


def flatten(record: BaseModel, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """`{"resources.financial_contribution": 8000, ...}`: every value written, by dotted field name."""
    flat: dict[str, Any] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else key, inner)
        else:
            flat[prefix] = plain(value)

    walk("", {k: v for k, v in record.model_dump(exclude_none=True).items() if k not in skip})
    return flat


def plain(value: Any) -> Any:
    """Values compared as what they mean: `£8,000` and `8000.00` are both 8000 (FORMAT.md)."""
    if isinstance(value, Decimal | float):
        return plain_number(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, BaseModel):
        return {key: plain(inner) for key, inner in value.model_dump(exclude_none=True).items()}
    if isinstance(value, dict):
        return {key: plain(inner) for key, inner in value.items()}
    return value


def as_words(value: Any) -> str:
    """A value as a reader writes it: yes/no, `a, b`, `name: X; role: member`; never Python's repr."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(as_words(item) for item in value) if value else "(empty)"
    if isinstance(value, dict):
        return ", ".join(f"{key}: {as_words(inner)}" for key, inner in value.items()) or "(empty)"
    return str(value)


def same_body(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Two flattened records mean the same: equal, but for the order of lists whose order means nothing."""
    if before.keys() != after.keys():
        return False
    return all(_comparable(key, before[key]) == _comparable(key, after[key]) for key in before)


def _comparable(key: str, value: Any) -> Any:
    if key in UNORDERED and isinstance(value, list):
        return Counter(as_words(item) for item in value)
    if key in KEYED and isinstance(value, list):
        return _by_key(value, KEYED[key][0])
    return value


def _by_key(items: list[Any], key: str) -> dict[str, Any]:
    """Items by their natural key; a repeated or missing key is told apart by its occurrence (`Crime (2)`)."""
    keyed: dict[str, Any] = {}
    for index, item in enumerate(items, start=1):
        name = str(item.get(key)) if isinstance(item, dict) and item.get(key) is not None else f"item {index}"
        label, seen = name, 1
        while label in keyed:
            seen += 1
            label = f"{name} ({seen})"
        keyed[label] = item
    return keyed


def field_changes(
    subject: str,
    name: str,
    old: BaseModel,
    new: BaseModel,
    skip: tuple[str, ...] = (),
    kind: str = "field-changed",
) -> Iterator[Change]:
    """Every field whose meaning changed from `old` to `new`, one change per value."""
    before, after = flatten(old, skip), flatten(new, skip)
    for key in sorted(before.keys() | after.keys()):
        was, now = before.get(key), after.get(key)
        if _comparable(key, was) == _comparable(key, now):
            continue
        if key in UNORDERED and isinstance(was, list) and isinstance(now, list):
            yield _set_change(kind, subject, name, key, was, now)
        elif key in KEYED and isinstance(was, list) and isinstance(now, list):
            yield from _keyed_changes(kind, subject, name, key, was, now)
        else:
            yield Change(kind, subject, name, f"{name}: {key} {as_words(was)} → {as_words(now)}", key, was, now)


def _set_change(kind: str, subject: str, name: str, key: str, was: list[Any], now: list[Any]) -> Change:
    added = [item for item in now if item not in was]
    removed = [item for item in was if item not in now]
    parts = [f"added {as_words(added)}"] if added else []
    parts += [f"removed {as_words(removed)}"] if removed else []
    return Change(kind, subject, name, f"{name}: {key} {'; '.join(parts)}", key, was, now)


def _keyed_changes(kind: str, subject: str, name: str, key: str, was: list[Any], now: list[Any]) -> Iterator[Change]:
    match_key, item_word = KEYED[key]
    before, after = _by_key(was, match_key), _by_key(now, match_key)
    for label in [*before, *(label for label in after if label not in before)]:
        old_item, new_item = before.get(label), after.get(label)
        field = f"{key}[{label}]"
        if old_item is None:
            yield Change(
                kind, subject, name, f"{name}: {item_word} {label} added ({as_words(new_item)})", field, None, new_item
            )
        elif new_item is None:
            yield Change(kind, subject, name, f"{name}: {item_word} {label} removed", field, old_item, None)
        elif old_item != new_item:
            yield from _item_changes(kind, subject, name, f"{name}: {item_word} {label}", field, old_item, new_item)


def _item_changes(kind: str, subject: str, name: str, said: str, field: str, was: Any, now: Any) -> Iterator[Change]:
    """One change per field of a matched item (`KPI Crime: actual 10 → 12`); `said` names the item."""
    if not (isinstance(was, dict) and isinstance(now, dict)):
        yield Change(kind, subject, name, f"{said}: {as_words(was)} → {as_words(now)}", field, was, now)
        return
    for inner in [*was, *(key for key in now if key not in was)]:
        old_value, new_value = was.get(inner), now.get(inner)
        if old_value != new_value:
            text = f"{said}: {inner} {as_words(old_value)} → {as_words(new_value)}"
            yield Change(kind, subject, name, text, f"{field}.{inner}", old_value, new_value)
