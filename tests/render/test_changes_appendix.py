"""The `--since` appendix speaks to the committee: no lint findings, no code spans."""

from __future__ import annotations

from partreg.diff.changes import Change, ChangeSet
from partreg.render.report import changes_view


def test_the_appendix_leaves_out_lint_findings_and_backticks() -> None:
    changes = ChangeSet(
        "v2023",
        "abc1234",
        [
            Change("rating-changed", "tvca", "TVCA", "TVCA (2024): governance green → amber (reason: `board` lapsed)"),
            Change("finding-introduced", "tvca", "TVCA", "register/assessments/2024/tvca.yaml:4:11: G002 error …"),
        ],
    )
    view = changes_view(changes)
    assert view["groups"] == [
        {"heading": "Ratings changed", "items": ["TVCA (2024): governance green → amber (reason: board lapsed)"]}
    ]
    assert "problem" not in view["summary"]
