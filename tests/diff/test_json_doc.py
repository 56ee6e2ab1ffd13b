"""docs/diff-json.md documents exactly the keys `partreg diff` and `partreg log` write: its key tables
and its examples are read here and compared with the real JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from partreg.diff.changes import KINDS, Change, ChangeSet
from partreg.diff.history import HistoryEntry
from partreg.load.git import Commit
from partreg.output import changes, history

DOC = Path(__file__).resolve().parents[2] / "docs" / "diff-json.md"
CHANGE = Change("rating-changed", "2023/tvca", "TVCA", "TVCA (2023): governance green → amber", "governance", "a", "b")


def _section(heading: str) -> str:
    """The text under a heading, up to the next heading of the same or a higher level."""
    text = DOC.read_text(encoding="utf-8")
    level = heading.split(" ", maxsplit=1)[0]
    start = text.index(f"\n{heading}\n") + len(heading) + 2
    following = re.search(rf"\n#{{1,{len(level)}}} ", text[start:])
    return text[start : start + following.start()] if following else text[start:]


def _table_keys(section: str) -> set[str]:
    """The keys a `| key | meaning |` table names: every `code` in its rows' first cells."""
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {key for row in rows for key in re.findall(r"`([^`]+)`", row.split("|")[1])}


def _example(section: str) -> dict[str, Any]:
    example: dict[str, Any] = json.loads(section.split("```json\n", 1)[1].split("```", 1)[0])
    return example


def test_the_diff_document_keys_are_documented() -> None:
    written = json.loads(changes.as_json(ChangeSet("abc1234", "work tree", [CHANGE])))
    section = _section("## `partreg diff --format json`")
    documented = _table_keys(section.split("\n### ", 1)[0])
    assert documented == set(written)
    assert set(_example(section)) == set(written)


def test_a_changes_keys_are_documented() -> None:
    written = changes.change_json(CHANGE)
    assert _table_keys(_section("### A change")) == set(written)
    [example] = _example(_section("## `partreg diff --format json`"))["changes"]
    assert set(example) == set(written)


def test_the_log_example_has_the_keys_log_writes() -> None:
    commit = Commit("0" * 40, "0000000", "Bob Auditor", "2023-03-01T10:00:00+00:00", "Lower TVCA governance")
    written = json.loads(history.as_json("tvca", [HistoryEntry(commit, [CHANGE])], "governance"))
    example = _example(_section("## `partreg log ID --format json`"))
    assert set(example) == set(written)
    assert set(example["entries"][0]) == set(written["entries"][0])
    assert set(example["entries"][0]["changes"][0]) == set(changes.change_json(CHANGE))


def test_every_kind_is_documented_in_order() -> None:
    rows = [line for line in _section("### Kinds, in the order they are listed").splitlines() if line.startswith("| `")]
    assert [re.findall(r"`([^`]+)`", row.split("|")[1])[0] for row in rows] == list(KINDS)
