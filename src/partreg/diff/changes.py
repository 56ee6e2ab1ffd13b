"""What changed between two registers, as values a reviewer or a committee can read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# Each kind of change, in the order a reviewer reads them, with how the summary counts it.
PHRASES: dict[str, tuple[str, str]] = {
    "policy-changed": ("policy setting changed", "policy settings changed"),
    "partnership-added": ("partnership added", "partnerships added"),
    "partnership-removed": ("partnership removed", "partnerships removed"),
    "partnership-renamed": ("partnership renamed", "partnerships renamed"),
    "partnership-dissolved": ("partnership dissolved or left", "partnerships dissolved or left"),
    "rating-changed": ("rating changed", "ratings changed"),
    "assessment-added": ("new assessment", "new assessments"),
    "assessment-removed": ("assessment removed", "assessments removed"),
    "field-changed": ("field changed", "fields changed"),
    "action-added": ("action added", "actions added"),
    "action-removed": ("action removed", "actions removed"),
    "action-completed": ("action completed", "actions completed"),
    "action-cancelled": ("action cancelled", "actions cancelled"),
    "action-reopened": ("action reopened", "actions reopened"),
    "action-started": ("action started", "actions started"),
    "action-status-changed": ("action status changed", "action statuses changed"),
    "action-retargeted": ("action re-targeted", "actions re-targeted"),
    "action-newly-overdue": ("action newly overdue", "actions newly overdue"),
    "update-added": ("new update", "new updates"),
    "finding-introduced": ("new problem", "new problems"),
    "finding-fixed": ("problem fixed", "problems fixed"),
}
KINDS = tuple(PHRASES)


@dataclass(frozen=True, slots=True)
class Change:
    """One change. `subject` is the natural id: `<partnership>`, `<year>/<partnership>`, `<plan>#<action>`,
    or `policy`. docs/diff-json.md describes every field."""

    kind: str
    subject: str
    name: str  # what the committee calls it, e.g. the partnership's name
    text: str  # the change in committee language
    field: str | None = None
    old: Any = None
    new: Any = None

    @property
    def sort_key(self) -> tuple[int, str, str]:
        return (KINDS.index(self.kind), self.subject, self.field or "")


@dataclass
class ChangeSet:
    old: str  # what was compared: a short commit, or "work tree"
    new: str
    changes: list[Change] = field(default_factory=list)

    def sorted(self) -> list[Change]:
        return sorted(self.changes, key=lambda change: change.sort_key)

    def counts(self) -> dict[str, int]:
        counted = Counter(change.kind for change in self.changes)
        return {kind: counted[kind] for kind in KINDS if counted[kind]}

    @property
    def summary(self) -> str:
        """One line first, for a pull-request comment: `2 ratings changed, 1 action completed`."""
        if not self.changes:
            return "No changes to the register."
        parts = [f"{count} {PHRASES[kind][count != 1]}" for kind, count in self.counts().items()]
        return ", ".join(parts) + "."
