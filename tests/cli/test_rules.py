from __future__ import annotations

import json

from partreg.check.rules import ALL_RULES
from tests.support.cli import invoke


def test_rules_lists_every_code_with_its_summary() -> None:
    ran = invoke("rules")
    assert ran.exit_code == 0
    for rule in ALL_RULES:
        assert f"{rule.code}  {rule.severity.value:<7}  {rule.name:<32} {rule.summary}" in ran.stdout


def test_explain_prints_the_rules_own_text() -> None:
    ran = invoke("rules", "--explain", "s003")
    assert ran.exit_code == 0
    assert ran.stdout.startswith("S003 unknown-key (error)\n\nA key is not part of the format")
    assert "lead_oficer" in ran.stdout


def test_explain_unknown_code_exits_2() -> None:
    ran = invoke("rules", "--explain", "Z999")
    assert ran.exit_code == 2
    assert "no rule `Z999`" in ran.stderr


def test_rules_json() -> None:
    listed = json.loads(invoke("rules", "--format", "json").stdout)["rules"]
    assert [r["code"] for r in listed] == [rule.code for rule in ALL_RULES]
