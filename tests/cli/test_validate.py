from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.checking import TODAY as TODAY_DATE
from tests.support.cli import invoke, run_subprocess
from tests.support.registers import RegisterDir

REPO = Path(__file__).resolve().parents[2]
TODAY = TODAY_DATE.isoformat()


def _broken(reg: RegisterDir) -> RegisterDir:
    reg.valid()
    reg.partnership("bad", text="id: bad\nname: Bad\nstatutory: maybe\nsignificant: yes\nlead_oficer: X\n")
    reg.write("notes.yaml", "a: 1\n")
    return reg


def test_bundled_register_is_valid_in_process_and_as_subprocess() -> None:
    assert invoke("validate", "--today", TODAY, "--root", str(REPO)).exit_code == 0
    ran = run_subprocess("validate", cwd=REPO / "register" / "partnerships")
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    assert "0 errors" in ran.stdout


def test_standard_format_groups_by_file_with_caret_and_hint(reg: RegisterDir) -> None:
    ran = invoke("validate", "--today", TODAY, "--root", str(_broken(reg).root))
    assert ran.exit_code == 1
    lines = ran.stdout.splitlines()
    assert "register/partnerships/bad.yaml" in lines
    at = lines.index("  3:12  error  S001  `statutory`: `maybe` is not yes or no")
    assert lines[at + 1] == "      statutory: maybe"
    assert lines[at + 2] == " " * 17 + "^"
    assert lines[at + 3] == "      hint: write yes or no; y/n and true/false also work"
    assert "did you mean `lead_officer`?" in ran.stdout
    assert lines[-1] == "✗ 3 errors, 1 warning in 5 files"
    assert "\x1b[" not in ran.stdout


def test_parsable_format(reg: RegisterDir) -> None:
    ran = invoke("validate", "--today", TODAY, "--root", str(_broken(reg).root), "--format", "parsable")
    assert ran.stdout.splitlines() == [
        "register/notes.yaml:1:1: L003 warning this file is outside the register layout and is not read "
        "(move it to partnerships/, assessments/<year>/ or actions/, or rename it away from .yaml)",
        "register/partnerships/bad.yaml:1:1: S002 error `lead_officer` is required "
        "(`lead_oficer` on line 5 looks like a misspelling of `lead_officer`)",
        "register/partnerships/bad.yaml:3:12: S001 error `statutory`: `maybe` is not yes or no "
        "(write yes or no; y/n and true/false also work)",
        "register/partnerships/bad.yaml:5:1: S003 error unknown key `lead_oficer` (did you mean `lead_officer`?)",
    ]


def test_github_format_annotations(reg: RegisterDir) -> None:
    ran = invoke("validate", "--today", TODAY, "--root", str(_broken(reg).root), "--format", "github")
    lines = ran.stdout.splitlines()
    assert lines[0].startswith("::warning file=register/notes.yaml,line=1,col=1,title=L003::L003 ")
    assert lines[3] == (
        "::error file=register/partnerships/bad.yaml,line=5,col=1,title=S003::"
        "S003 unknown key `lead_oficer` (did you mean `lead_officer`?)"
    )


def test_json_format_shape(reg: RegisterDir) -> None:
    ran = invoke("validate", "--today", TODAY, "--root", str(_broken(reg).root), "--format", "json")
    document = json.loads(ran.stdout)
    assert document["summary"] == {"files": 5, "errors": 3, "warnings": 1}
    assert document["problems"][1] == {
        "path": "register/partnerships/bad.yaml",
        "line": 1,
        "col": 1,
        "code": "S002",
        "severity": "error",
        "message": "`lead_officer` is required",
        "hint": "`lead_oficer` on line 5 looks like a misspelling of `lead_officer`",
    }


def _codes(root: Path, *args: str) -> list[str]:
    ran = invoke("validate", "--today", TODAY, "--root", str(root), "-f", "json", *args)
    return [problem["code"] for problem in json.loads(ran.stdout)["problems"]]


def test_select_and_ignore_match_prefixes(reg: RegisterDir) -> None:
    root = _broken(reg).root
    assert _codes(root, "--select", "S") == ["S002", "S001", "S003"]
    assert _codes(root, "--select", "s001,L") == ["L003", "S001"]
    assert _codes(root, "--ignore", "S") == ["L003"]
    assert _codes(root, "--select", "S", "--ignore", "S00") == []


def test_warnings_alone_exit_0_unless_strict(reg: RegisterDir) -> None:
    reg.valid()
    reg.write("notes.yaml", "a: 1\n")
    assert invoke("validate", "--today", TODAY, "--root", str(reg.root)).exit_code == 0
    assert invoke("validate", "--today", TODAY, "--root", str(reg.root), "--strict").exit_code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "xml"), "--format: `xml` is not one of standard, parsable, github, json"),
        (("--select", "S1,BAD"), "--select: `BAD` is not a rule code or prefix"),
        (("--ignore", "12"), "--ignore: `12` is not a rule code or prefix"),
        # A well-formed prefix that matches no rule would silently turn every check off (or none).
        (("--select", "Z"), "--select: no rule code starts with `Z`"),
        (("--select", "S,S9"), "--select: no rule code starts with `S9`"),
        (("--ignore", "Z1"), "--ignore: no rule code starts with `Z1`"),
    ],
)
def test_bad_option_values_exit_2_with_one_line(reg: RegisterDir, args: tuple[str, ...], message: str) -> None:
    ran = run_subprocess("validate", "--today", TODAY, "--root", str(reg.valid().root), *args)
    assert ran.exit_code == 2
    assert ran.stderr.splitlines()[0] == f"partreg: error: {message}"
    if "no rule code" in message:
        assert ran.stderr.splitlines()[1] == "  hint: run `partreg rules` to list the codes"
    assert "Traceback" not in ran.stderr


def test_no_register_exits_2(tmp_path: Path) -> None:
    ran = run_subprocess("validate", cwd=tmp_path)
    assert ran.exit_code == 2
    assert ran.stderr.startswith("partreg: error: no register/ folder in ")
    assert "Traceback" not in ran.stderr
    ran = run_subprocess("validate", "--root", str(tmp_path / "nowhere"))
    assert ran.exit_code == 2
    assert "Traceback" not in ran.stderr


def test_unknown_option_exits_2() -> None:
    assert run_subprocess("validate", "--no-such-option").exit_code == 2


def test_hostile_corpus_gives_positioned_errors_exit_1_never_a_traceback(reg: RegisterDir) -> None:
    hostile = REPO / "tests" / "fixtures" / "hostile"
    for path in sorted(hostile.glob("Y*.yaml")):
        reg.write_bytes(f"partnerships/{path.stem.lower()}.yaml", path.read_bytes())
    ran = run_subprocess("validate", "--today", TODAY, "--root", str(reg.root), "--format", "parsable")
    assert ran.exit_code == 1
    assert ran.stderr == ""
    reported = {line.split(":", 1)[0] for line in ran.stdout.splitlines()}
    assert len(reported) == len(list(hostile.glob("Y*.yaml")))


def test_validate_writes_nothing(reg: RegisterDir) -> None:
    _broken(reg)
    before = sorted(p.relative_to(reg.root) for p in reg.root.rglob("*"))
    invoke("validate", "--today", TODAY, "--root", str(reg.root))
    assert sorted(p.relative_to(reg.root) for p in reg.root.rglob("*")) == before


def test_every_command_has_help_with_an_example() -> None:
    from typing import Any

    import typer

    from partreg.cli.app import app

    group: Any = typer.main.get_command(app)
    assert len(group.commands) >= 6
    for command in group.commands:
        ran = invoke(command, "--help")
        assert ran.exit_code == 0
        assert "Example: partreg " + command in " ".join(ran.stdout.split()), command


def test_internal_error_is_one_line_pointing_to_debug(reg: RegisterDir, monkeypatch: pytest.MonkeyPatch) -> None:
    from partreg import api

    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "load_register", explode)
    ran = invoke("validate", "--today", TODAY, "--root", str(reg.valid().root))
    assert ran.exit_code == 2
    assert ran.stderr.strip() == (
        "partreg: internal error: RuntimeError: boom "
        "(this is a bug in partreg; run again with --debug for the traceback)"
    )
