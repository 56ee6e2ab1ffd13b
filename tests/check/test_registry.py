"""Every rule code is well-formed, documented, emitted somewhere and tested."""

from __future__ import annotations

import re
from pathlib import Path

from partreg.check.rules import ALL_RULES, BY_CODE, FAMILIES

SRC = Path(__file__).resolve().parents[2] / "src" / "partreg"
TESTS = Path(__file__).resolve().parents[1]
CODE = re.compile(r'"([A-Z]\d{3})"')


def test_codes_are_unique_family_letter_and_three_digits() -> None:
    codes = [rule.code for rule in ALL_RULES]
    assert len(codes) == len(set(codes))
    for letter, (_, rules) in FAMILIES.items():
        for rule in rules:
            assert re.fullmatch(rf"{letter}\d{{3}}", rule.code), rule.code


def test_every_rule_has_a_summary_and_explanation() -> None:
    for rule in ALL_RULES:
        assert rule.summary.endswith("."), rule.code
        assert len(rule.doc.splitlines()) >= 1


def _codes_emitted_outside_check() -> set[str]:
    # Parts relative to the package: the clone's own folder may be named "check".
    return {
        code
        for path in SRC.rglob("*.py")
        if "check" not in path.relative_to(SRC).parts
        for code in CODE.findall(path.read_text())
    }


def test_every_code_the_loader_and_schema_emit_is_registered() -> None:
    emitted = _codes_emitted_outside_check()
    assert emitted, "the scan found no codes"
    assert emitted <= set(BY_CODE), emitted - set(BY_CODE)


def test_every_rule_reported_while_reading_is_emitted() -> None:
    emitted = _codes_emitted_outside_check()
    for rule in ALL_RULES:
        if rule.check is None:
            assert rule.code in emitted, f"{rule.code} is documented but nothing reports it"


def test_every_rule_has_a_test() -> None:
    test_text = "\n".join(path.read_text() for path in TESTS.rglob("test_*.py") if path.name != "test_registry.py")
    test_text += "\n".join(path.name for path in TESTS.rglob("*") if path.is_file())
    untested = [rule.code for rule in ALL_RULES if rule.code not in test_text]
    assert untested == []
