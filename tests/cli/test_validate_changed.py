"""`partreg validate FILES...` (the pre-commit hook) and `--changed-since REV`, on real Git repos."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.support.cli import Ran, invoke, run_subprocess
from tests.support.git import commit_all, git, make_repo
from tests.support.registers import RegisterDir

TODAY = "2024-06-01"
BROKEN = "id: bad\nname: Bad\nstatutory: maybe\nsignificant: yes\nlead_officer: X\n"
COUNCIL_PLAN = """\
id: council-plan
partnership: safer-streets
actions:
  - id: "1"
    action: Publish the register
    owner: Head of Governance
    target: 2030-12-31
"""


def _json(*args: str) -> tuple[int, dict[str, object], list[tuple[str, str]]]:
    """Exit code, the JSON document, and (path, code) of each problem."""
    ran = invoke("validate", "--today", TODAY, "--format", "json", *args)
    document = json.loads(ran.stdout)
    found = [(problem["path"], problem["code"]) for problem in document["problems"]]
    return ran.exit_code, document, found


def _register(reg: RegisterDir) -> RegisterDir:
    """Two partnerships, one of them broken; an assessment and two plans for the valid one."""
    reg.valid()
    reg.plan("council-plan", text=COUNCIL_PLAN)
    reg.partnership("bad", text=BROKEN)
    return reg


def _repo(reg: RegisterDir) -> RegisterDir:
    make_repo(reg.root)
    commit_all(reg.root, "The register")
    return reg


def _one_error_line(ran: Ran, start: str) -> None:
    assert ran.exit_code == 2, ran.stdout + ran.stderr
    assert ran.stdout == ""
    assert "Traceback" not in ran.stderr
    errors = [line for line in ran.stderr.splitlines() if line.startswith("partreg: error:")]
    assert len(errors) == 1, ran.stderr
    assert errors[0].startswith(start), ran.stderr


def test_the_whole_register_is_checked_without_files(reg: RegisterDir) -> None:
    code, _, found = _json("--root", str(_register(reg).root))
    assert code == 1
    assert {path for path, _ in found} == {"register/partnerships/bad.yaml"}


def test_files_limit_findings_and_resolve_partnerships_not_passed(reg: RegisterDir) -> None:
    _register(reg)
    plan = reg.root / "register/actions/council-plan.yaml"
    code, document, found = _json("--root", str(reg.root), str(plan))
    # The plan names safer-streets, whose file was not passed (nor shares the plan's stem): no R002.
    assert (code, found) == (0, [])
    assert document["summary"] == {"files": 1, "errors": 0, "warnings": 0}

    bad = reg.root / "register/partnerships/bad.yaml"
    code, document, found = _json("--root", str(reg.root), str(plan), str(bad))
    assert code == 1
    assert {path for path, _ in found} == {"register/partnerships/bad.yaml"}
    assert ("register/partnerships/bad.yaml", "S001") in found
    assert document["summary"] == {"files": 2, "errors": 1, "warnings": 0}


def test_an_assessment_passed_alone_finds_its_partnership(reg: RegisterDir) -> None:
    _register(reg)
    assessment = reg.root / "register/assessments/2023/safer-streets.yaml"
    assert _json("--root", str(reg.root), str(assessment))[0::2] == (0, [])

    orphan = reg.assessment("nobody")
    code, _, found = _json("--root", str(reg.root), str(orphan))
    assert (code, found) == (1, [("register/assessments/2023/nobody.yaml", "R001")])


def test_a_broken_file_not_passed_is_not_reported(reg: RegisterDir) -> None:
    _register(reg)
    partnership = reg.root / "register/partnerships/safer-streets.yaml"
    code, _, found = _json("--root", str(reg.root), str(partnership))
    assert (code, found) == (0, [])


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("register/partnerships/nope.yaml", "register/partnerships/nope.yaml: no such file"),
        ("register/partnerships", "register/partnerships: is a folder"),
        ("README.md", "README.md: not a register file"),
        ("register/partnerships/notes.txt", "register/partnerships/notes.txt: not a register file"),
        ("/etc/passwd", "/etc/passwd: not a register file"),
        ("../elsewhere.yaml", "../elsewhere.yaml: not a register file"),
    ],
)
def test_a_path_that_is_not_a_register_file_cannot_run(reg: RegisterDir, given: str, message: str) -> None:
    """A mistyped path in a CI step or hook must not pass as a file with no problems."""
    _register(reg)
    (reg.root / "README.md").write_text("# Register\n", encoding="utf-8")
    (reg.root.parent / "elsewhere.yaml").write_text("id: x\n", encoding="utf-8")
    reg.write("partnerships/notes.txt", "not yaml\n")
    ran = run_subprocess("validate", "--today", TODAY, given, cwd=reg.root)
    _one_error_line(ran, f"partreg: error: {message}")


def test_files_relative_to_the_current_folder_as_pre_commit_passes_them(reg: RegisterDir) -> None:
    _register(reg)
    ran = run_subprocess(
        "validate",
        "--today",
        TODAY,
        "--format",
        "parsable",
        "register/partnerships/bad.yaml",
        "register/assessments/2023/safer-streets.yaml",
        cwd=reg.root,
    )
    assert ran.exit_code == 1, ran.stderr
    assert ran.stdout.splitlines() == [
        "register/partnerships/bad.yaml:3:12: S001 error `statutory`: `maybe` is not yes or no "
        "(write yes or no; y/n and true/false also work)"
    ]
    ran = run_subprocess("validate", "--today", TODAY, "partnerships/safer-streets.yaml", cwd=reg.root / "register")
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    # The partnership's assessment and plan (same stem) are checked with it.
    assert ran.stdout.splitlines()[-1] == "✓ 0 errors, 0 warnings in 3 files"


def test_changed_since_head_reports_only_the_edited_file(reg: RegisterDir) -> None:
    _repo(_register(reg))
    reg.partnership(text="id: safer-streets\nname: Safer Streets Board\nstatutory: yes\nsignificant: yes\n")
    code, document, found = _json("--root", str(reg.root), "--changed-since", "HEAD")
    assert code == 1
    assert found == [("register/partnerships/safer-streets.yaml", "S002")]
    # Its assessment and plan (same stem) are checked with it, and have no problem.
    assert document["summary"] == {"files": 3, "errors": 1, "warnings": 0}


def test_changed_since_a_clean_head_checks_nothing(reg: RegisterDir) -> None:
    _repo(_register(reg))
    ran = invoke("validate", "--today", TODAY, "--root", str(reg.root), "--changed-since", "HEAD")
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    assert ran.stdout.splitlines()[-1] == "✓ 0 errors, 0 warnings in 0 files"


def test_changed_since_includes_untracked_files(reg: RegisterDir) -> None:
    _repo(_register(reg))
    reg.write("partnerships/new-board.yaml", "id: new-board\nname: New Board\nstatutory: yes\n")
    reg.assessment("new-board")
    code, _, found = _json("--root", str(reg.root), "--changed-since", "HEAD")
    assert code == 1
    # The new assessment's partnership is new too, and read with it: no R001.
    assert found == [("register/partnerships/new-board.yaml", "S002"), ("register/partnerships/new-board.yaml", "S002")]


def test_changed_since_an_older_commit_and_a_deleted_file(reg: RegisterDir) -> None:
    _repo(reg.valid())
    reg.partnership("bad", text=BROKEN)
    commit_all(reg.root, "A broken partnership")
    (reg.root / "register/actions/safer-streets.yaml").unlink()
    code, document, found = _json("--root", str(reg.root), "--changed-since", "HEAD~1")
    assert code == 1
    assert {path for path, _ in found} == {"register/partnerships/bad.yaml"}
    # The deleted plan's partnership and assessment (same stem) are checked too.
    assert document["summary"] == {"files": 3, "errors": 1, "warnings": 0}


def test_a_bad_revision_is_one_error_line_and_exit_2(reg: RegisterDir) -> None:
    _repo(_register(reg))
    ran = run_subprocess("validate", "--changed-since", "no-such-branch", cwd=reg.root)
    _one_error_line(ran, "partreg: error: unknown revision `no-such-branch`")


def test_outside_git_exit_2(reg: RegisterDir) -> None:
    _register(reg)
    ran = run_subprocess("validate", "--changed-since", "HEAD", cwd=reg.root)
    _one_error_line(ran, "partreg: error: ")
    assert "not in a Git repository" in ran.stderr


@pytest.mark.parametrize("runner", ["invoke", "subprocess"])
def test_files_and_changed_since_together_exit_2(reg: RegisterDir, runner: str) -> None:
    _repo(_register(reg))
    args = ("validate", "--changed-since", "HEAD", "register/partnerships/bad.yaml")
    ran = invoke(*args) if runner == "invoke" else run_subprocess(*args, cwd=reg.root)
    _one_error_line(ran, "partreg: error: give FILES or --changed-since, not both")


def test_standard_output_shows_the_source_line_of_a_passed_file(reg: RegisterDir) -> None:
    _register(reg)
    bad = reg.root / "register/partnerships/bad.yaml"
    ran = invoke("validate", "--today", TODAY, "--root", str(reg.root), str(bad))
    assert ran.exit_code == 1
    lines = ran.stdout.splitlines()
    assert lines[0] == "register/partnerships/bad.yaml"
    assert "      statutory: maybe" in lines
    assert lines[-1] == "✗ 1 error, 0 warnings in 1 file"


# --- a partial run reports what a full run reports for the changed files and what names them --------


def _full_and_partial(reg: RegisterDir, *partial: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    full = _json("--root", str(reg.root))
    some = _json("--root", str(reg.root), *partial)
    assert full[0] == some[0] == 1, (full, some)
    return full[2], some[2]


def test_changed_since_catches_an_assessment_left_by_a_deleted_partnership(reg: RegisterDir) -> None:
    _repo(reg.valid())
    (reg.root / "register/partnerships/safer-streets.yaml").unlink()
    full, partial = _full_and_partial(reg, "--changed-since", "HEAD")
    assert partial == full
    assert ("register/assessments/2023/safer-streets.yaml", "R001") in partial


def test_changed_since_catches_a_renamed_partnership(reg: RegisterDir) -> None:
    _repo(reg.valid())
    (reg.root / "register/partnerships/safer-streets.yaml").unlink()
    reg.partnership("safer-streets-board", name="Safer Streets Board")
    full, partial = _full_and_partial(reg, "--changed-since", "HEAD")
    assert partial == full
    assert ("register/assessments/2023/safer-streets.yaml", "R001") in partial


def test_files_as_pre_commit_passes_them_catch_a_staged_rename(reg: RegisterDir) -> None:
    """pre-commit passes the new file only; the deleted one is found from Git."""
    _repo(reg.valid())
    git(reg.root, "mv", "register/partnerships/safer-streets.yaml", "register/partnerships/safer-streets-board.yaml")
    renamed = reg.root / "register/partnerships/safer-streets-board.yaml"
    renamed.write_text(renamed.read_text(encoding="utf-8").replace("id: safer-streets", "id: safer-streets-board"))
    full, partial = _full_and_partial(reg, str(renamed))
    assert partial == full
    assert ("register/assessments/2023/safer-streets.yaml", "R001") in partial


@pytest.mark.parametrize("how", ["changed-since", "files"])
def test_a_renamed_principle_is_caught_in_the_assessments_that_rate_it(reg: RegisterDir, how: str) -> None:
    reg.valid()
    reg.assessment(text="partnership: safer-streets\nyear: 2023\nprinciples:\n  A: {rating: green}\n")
    _repo(reg)
    policy = reg.write("policy.yaml", "principles:\n  - {id: AA, title: Integrity}\n")
    args = ("--changed-since", "HEAD") if how == "changed-since" else (str(policy),)
    full, partial = _full_and_partial(reg, *args)
    assert partial == full
    assert ("register/assessments/2023/safer-streets.yaml", "R003") in partial


def test_with_no_commits_changed_since_says_so(reg: RegisterDir) -> None:
    make_repo(_register(reg).root)
    ran = run_subprocess("validate", "--changed-since", "HEAD", cwd=reg.root)
    _one_error_line(ran, "partreg: error: the repository has no commits yet")


# --- the same check from the library, as a notebook or another hook calls it ------------------------


def test_validate_paths_checks_files_as_the_command_does(reg: RegisterDir) -> None:
    from partreg import api

    _register(reg)
    bad, plan = reg.root / "register/partnerships/bad.yaml", reg.root / "register/actions/council-plan.yaml"
    register, result = api.validate_paths(reg.root, [plan, str(bad)], today=date(2024, 6, 1))
    assert {(p.path, p.code) for p in result.problems} == {("register/partnerships/bad.yaml", "S001")}
    assert (result.errors, result.files) == (1, 2)
    assert register.partnership("safer-streets") is not None  # the plan's partnership, read as a neighbour
    _, selected = api.validate_paths(reg.root, [bad], selection=api.Selection(ignore=("S",)))
    assert selected.problems == []


def test_validate_paths_since_a_revision(reg: RegisterDir) -> None:
    from partreg import api

    _repo(_register(reg))
    reg.partnership(text="id: safer-streets\nname: Safer Streets Board\nstatutory: yes\nsignificant: yes\n")
    _, result = api.validate_paths(str(reg.root), changed_since="HEAD", today=date(2024, 6, 1))
    assert [(p.path, p.code) for p in result.problems] == [("register/partnerships/safer-streets.yaml", "S002")]
    assert result.files == 3


@pytest.mark.parametrize(
    ("files", "changed_since", "message"),
    [
        (["register/partnerships/bad.yaml"], "HEAD", "give FILES or --changed-since, not both"),
        (None, None, "give FILES or --changed-since"),
        (["README.md"], None, "README.md: not a register file"),
    ],
)
def test_validate_paths_that_cannot_run(
    reg: RegisterDir, monkeypatch: pytest.MonkeyPatch, files: list[str] | None, changed_since: str | None, message: str
) -> None:
    from partreg import api
    from partreg.errors import PartregError

    _repo(_register(reg))
    (reg.root / "README.md").write_text("# Register\n", encoding="utf-8")
    monkeypatch.chdir(reg.root)
    with pytest.raises(PartregError) as raised:
        api.validate_paths(files=files, changed_since=changed_since)
    assert str(raised.value) == message
