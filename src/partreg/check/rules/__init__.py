"""The registry of every rule, family by family. Codes are stable and never reused."""

from __future__ import annotations

from partreg.check.rule import Rule
from partreg.check.rules import actions, layout, loading, policy, ratings, references, review, schema

FAMILIES = {
    "Y": ("YAML and loading", loading.RULES),
    "S": ("schema", schema.RULES),
    "L": ("layout", layout.RULES),
    "R": ("references", references.RULES),
    "A": ("actions", actions.RULES),
    "P": ("policy", policy.RULES),
    "G": ("ratings", ratings.RULES),
    "V": ("review", review.RULES),
}

ALL_RULES: tuple[Rule, ...] = tuple(rule for _, rules in FAMILIES.values() for rule in rules)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in ALL_RULES}
