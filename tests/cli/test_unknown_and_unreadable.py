"""A name the register does not have, or a file it cannot read, is said plainly: never an empty table."""

from __future__ import annotations

from tests.support.cli import run_subprocess
from tests.support.registers import RegisterDir


def test_actions_for_a_plan_the_register_does_not_have_exits_2(reg: RegisterDir) -> None:
    reg.valid()
    ran = run_subprocess("actions", "--root", str(reg.root), "--plan", "safer-street")
    assert ran.exit_code == 2
    assert (
        ran.stderr
        == "partreg: error: no action plan `safer-street` in the register\n  hint: did you mean `safer-streets`?\n"
    )


def test_show_a_partnership_whose_file_cannot_be_read_lists_its_errors(reg: RegisterDir) -> None:
    reg.valid()
    reg.partnership(
        text="id: safer-streets\nname: Safer Streets Board\nstatutory: maybe\nsignificant: yes\nlead_officer: A\n"
    )
    ran = run_subprocess("show", "safer-streets", "--root", str(reg.root))
    assert ran.exit_code == 1
    assert "\nregister/partnerships/safer-streets.yaml:3:12: S001 error" in ran.stderr
    assert "no partnership" not in ran.stderr


def test_show_refuses_when_the_partnerships_assessment_cannot_be_read(reg: RegisterDir) -> None:
    reg.valid()
    reg.partnership("other", name="Other Board")
    reg.assessment(text="partnership: safer-streets\nyear: [\n")
    ran = run_subprocess("show", "safer-streets", "--root", str(reg.root))
    assert ran.exit_code == 1
    assert "register/assessments/2023/safer-streets.yaml:" in ran.stderr
    assert "files of `safer-streets` have errors, so its record would be shown wrong" in ran.stderr
    assert run_subprocess("show", "other", "--root", str(reg.root)).exit_code == 0  # other records still show
