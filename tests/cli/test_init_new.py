"""`partreg init`, `partreg new`, `partreg schema` and the completion of partnership ids, end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import jsonschema
import pytest
import typer
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from typer._completion_classes import BashComplete
from typer.testing import CliRunner

from partreg.cli import new as new_module
from partreg.cli.completion import partnership_ids
from partreg.cli.init import init
from partreg.cli.new import new_app
from partreg.cli.schema import schema
from partreg.load.yaml_reader import read_document
from partreg.model.assessment import Assessment
from partreg.model.json_schema import schema_for
from partreg.model.partnership import Partnership
from partreg.model.plan import ActionPlan
from partreg.model.policy import Policy, Principle
from partreg.render.skeletons import assessment_skeleton
from partreg.render.yaml_text import plain_or_quoted, quote
from tests.support.cli import Ran, invoke
from tests.support.registers import RegisterDir

TODAY = "2024-06-01"
REPO = Path(__file__).resolve().parents[2]


def make_app() -> typer.Typer:
    """The commands under test, registered as the lead registers them in cli/app.py."""
    app = typer.Typer()

    @app.callback()
    def main(ctx: typer.Context) -> None:
        ctx.obj = {"debug": False}

    app.command("init")(init)
    app.add_typer(new_app, name="new")
    app.command("schema")(schema)

    @app.command("show")
    def show(
        partnership_id: Annotated[str, typer.Argument(autocompletion=partnership_ids)],
        root: Annotated[Path | None, typer.Option("--root")] = None,
    ) -> None:
        """A stand-in for `partreg show`, wired for completion as the lead wires the real one."""

    return app


def run(*args: str, stdin: str | None = None) -> Ran:
    result = CliRunner().invoke(make_app(), list(args), input=stdin, env={"NO_COLOR": "1", "COLUMNS": "200"})
    return Ran(result.exit_code, result.stdout, result.stderr)


def validate(root: Path) -> Ran:
    return invoke("validate", "--root", str(root), "--today", TODAY)


@pytest.fixture
def started(tmp_path: Path) -> Path:
    root = tmp_path / "council"
    ran = run("init", str(root), "--no-git", "--today", TODAY)
    assert ran.exit_code == 0, ran.stderr
    return root


# --- init -------------------------------------------------------------------------------


def test_init_then_new_of_each_kind_then_validate_is_clean(started: Path) -> None:
    root = ["--root", str(started)]
    commands = [
        ["partnership", "--id", "healthy-towns", "--name", "Healthy Towns: Partnership Board"],
        ["partnership", "--id", "no", "--name", "No", "--lead-officer", "Yes"],
        ["assessment", "--partnership", "healthy-towns", "--year", "2024"],
        ["plan", "--partnership", "healthy-towns", "--action", "Agree terms of reference", "--owner", "A Smith"],
        ["plan", "--id", "council-wide", "--action", "Review every board", "--owner", "B", "--target", "ongoing"],
    ]
    extra = [
        ["--lead-officer", "A Smith", "--not-statutory", "--significant"],
        ["--statutory", "--not-significant"],
        [],
        ["--target", "2024-12-31", "--action-id", "a"],
        [],
    ]
    for command, more in zip(commands, extra, strict=True):
        ran = run("new", *command, *more, *root)
        assert ran.exit_code == 0, (command, ran.stderr)
        assert ran.stdout.startswith("created register/")
    ran = validate(started)
    assert ran.exit_code == 0, ran.stdout
    assert "0 errors, 0 warnings in 9 files" in ran.stdout


def test_every_file_init_new_and_import_write_is_already_formatted(started: Path, tmp_path: Path) -> None:
    root = ["--root", str(started)]
    for command in (
        ["partnership", "--id", "no", "--name", "No: #1", "--lead-officer", "Yes", "--statutory", "--significant"],
        ["assessment", "--partnership", "no", "--year", "2024"],
        ["plan", "--partnership", "no", "--action", "Agree terms", "--owner", "A Smith", "--target", "ongoing"],
    ):
        assert run("new", *command, *root).exit_code == 0
    sheet = tmp_path / "register.csv"
    sheet.write_text(
        "Name,Lead officer,Statutory,Significant,Partners,custom.cost_centre,custom.size,Financial contribution\n"
        'Rural Board,A Smith,yes,no,"Police; Fire",0123,12,"£8,000.50"\n',
        encoding="utf-8",
    )
    assert invoke("import", str(sheet), *root).exit_code == 0
    update = tmp_path / "update.csv"
    update.write_text("Id,Officer hours per month,Partners,custom.note\nno,12,Police,x\n", encoding="utf-8")
    updated = invoke("import", str(update), "--update", *root)
    assert updated.exit_code == 0, updated.stdout

    ran = invoke("fmt", "--check", *root)

    assert (ran.exit_code, ran.stdout) == (0, "")


def test_init_writes_a_documented_register(started: Path) -> None:
    files = sorted(p.relative_to(started).as_posix() for p in started.rglob("*") if p.is_file())
    assert files == [
        ".pre-commit-config.yaml",
        "README.md",
        "register/actions/safer-streets.yaml",
        "register/assessments/2024/safer-streets.yaml",
        "register/partnerships/safer-streets.yaml",
        "register/policy.yaml",
        "schemas/assessment.schema.json",
        "schemas/partnership.schema.json",
        "schemas/plan.schema.json",
        "schemas/policy.schema.json",
    ]
    assert not (started / ".git").exists()
    ran = validate(started)
    assert ran.exit_code == 0
    assert "0 errors, 0 warnings in 4 files" in ran.stdout


def test_the_policy_shows_every_default_with_a_comment(started: Path) -> None:
    text = (started / "register/policy.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text) == Policy().model_dump(mode="json", exclude={"custom"})
    for line in text.splitlines():
        value = line.partition(":")[2]
        if value.strip() and not line.lstrip().startswith(("#", "-", "title:", "council:")):
            assert "#" in value, f"no comment on: {line}"


def test_the_examples_are_commented_and_point_at_their_schema(started: Path) -> None:
    for path, kind in [
        ("register/policy.yaml", "policy"),
        ("register/partnerships/safer-streets.yaml", "partnership"),
        ("register/assessments/2024/safer-streets.yaml", "assessment"),
        ("register/actions/safer-streets.yaml", "plan"),
    ]:
        text = (started / path).read_text(encoding="utf-8")
        first = text.splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        schema_file = (started / path).parent / first.split("=", 1)[1]
        assert schema_file.resolve() == (started / f"schemas/{kind}.schema.json").resolve()
        assert text.count("#") > 5
        on_disk = json.loads(schema_file.read_text(encoding="utf-8"))
        assert on_disk == json.loads(json.dumps(schema_for(kind)))
        jsonschema.Draft7Validator(on_disk).validate(yaml.safe_load(text))


def test_the_pre_commit_config_uses_partregs_hook(started: Path) -> None:
    config = yaml.safe_load((started / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    for key in ("id", "name", "entry", "files", "pass_filenames", "require_serial"):
        assert hook[key] == published[key], key


def test_init_runs_git_init(tmp_path: Path) -> None:
    ran = run("init", str(tmp_path / "council"), "--today", TODAY)
    assert ran.exit_code == 0, ran.stderr
    assert (tmp_path / "council" / ".git").is_dir()
    assert "git init" in ran.stdout


def test_init_in_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ran = run("init", "--no-git", "--today", TODAY)
    assert ran.exit_code == 0
    assert (tmp_path / "register" / "policy.yaml").is_file()
    assert "cd " not in ran.stdout


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    ran = run("init", str(tmp_path), "--no-git")
    assert ran.exit_code == 2
    assert "is not empty" in ran.stderr
    assert "--force" in ran.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_init_with_force_never_overwrites_and_lists_what_it_skipped(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("our own readme\n", encoding="utf-8")
    (tmp_path / "register").mkdir()
    (tmp_path / "register" / "policy.yaml").write_text("council: Harborough District Council\n", encoding="utf-8")
    ran = run("init", str(tmp_path), "--no-git", "--force", "--today", TODAY)
    assert ran.exit_code == 0, ran.stderr
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "our own readme\n"
    assert (tmp_path / "register/policy.yaml").read_text(encoding="utf-8") == "council: Harborough District Council\n"
    skipped = ran.stdout.split("Skipped", 1)[1]
    assert "README.md" in skipped
    assert "register/policy.yaml" in skipped
    assert (tmp_path / "register/partnerships/safer-streets.yaml").is_file()
    again = run("init", str(tmp_path), "--no-git", "--force", "--today", TODAY)
    assert again.exit_code == 0
    assert "(no new files)" in again.stdout


def test_init_does_not_follow_a_symbolic_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = tmp_path / "council"
    root.mkdir()
    (root / "register").symlink_to(elsewhere, target_is_directory=True)
    ran = run("init", str(root), "--no-git", "--force", "--today", TODAY)
    assert ran.exit_code == 0
    assert list(elsewhere.iterdir()) == []
    assert "register is a symbolic link" in ran.stdout


def test_init_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    ran = run("init", str(tmp_path / "file"), "--no-git")
    assert ran.exit_code == 2
    assert "not a folder" in ran.stderr


# --- new --------------------------------------------------------------------------------


def test_a_new_file_names_every_field_of_its_kind(started: Path) -> None:
    root = ["--root", str(started)]
    run("new", "partnership", "--id", "x", "--name", "X", "--lead-officer", "L", "--statutory", "--significant", *root)
    run("new", "assessment", "--partnership", "x", "--year", "2025", *root)
    run("new", "plan", "--id", "x", "--action", "A", "--owner", "O", "--target", "2025-01-31", *root)
    files: list[tuple[str, type[BaseModel]]] = [
        ("register/partnerships/x.yaml", Partnership),
        ("register/assessments/2025/x.yaml", Assessment),
        ("register/actions/x.yaml", ActionPlan),
    ]
    for path, model in files:
        text = (started / path).read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../../")
        keys = {line.split(":", 1)[0] for line in text.splitlines() if line and not line.startswith((" ", "#"))}
        assert keys == set(model.model_fields), path
        assert uncommented_fields(text) == [], path


def uncommented_fields(text: str) -> list[str]:
    """Lines that hold a field but no note: every field but those that only hold other fields has one."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    indents = [len(line) - len(line.lstrip(" -")) for line in lines]
    return [
        line
        for index, line in enumerate(lines)
        if "#" not in line and (index + 1 == len(lines) or indents[index + 1] <= indents[index])
    ]


def test_new_assessment_lists_the_registers_own_principles(started: Path) -> None:
    (started / "register/policy.yaml").unlink()
    (started / "register/policy.yaml").write_text(
        "principles:\n  - id: P1\n    title: Openness\n  - id: P2\n    title: Value\n", encoding="utf-8"
    )
    (started / "register/assessments/2024/safer-streets.yaml").unlink()
    ran = run("new", "assessment", "--partnership", "safer-streets", "--year", "2025", "--root", str(started))
    assert ran.exit_code == 0, ran.stderr
    data = yaml.safe_load((started / "register/assessments/2025/safer-streets.yaml").read_text(encoding="utf-8"))
    assert list(data["principles"]) == ["P1", "P2"]
    assert validate(started).exit_code == 0


def test_new_refuses_to_overwrite(started: Path) -> None:
    path = started / "register/partnerships/safer-streets.yaml"
    before = path.read_text(encoding="utf-8")
    ran = run(
        "new", "partnership", "--id", "safer-streets", "--name", "X", "--lead-officer", "L",
        "--statutory", "--significant", "--root", str(started),
    )  # fmt: skip
    assert ran.exit_code == 2
    assert "register/partnerships/safer-streets.yaml already exists" in ran.stderr
    assert path.read_text(encoding="utf-8") == before


def test_new_names_every_missing_flag_when_it_cannot_ask(started: Path) -> None:
    ran = run("new", "partnership", "--id", "x", "--root", str(started))
    assert ran.exit_code == 2
    assert "missing --name, --lead-officer, --statutory or --not-statutory, --significant or --not-significant" in (
        ran.stderr
    )
    assert not (started / "register/partnerships/x.yaml").exists()
    plan = run("new", "plan", "--root", str(started))
    assert "missing --id, --action, --owner, --target" in plan.stderr


def test_new_asks_for_what_is_missing_on_a_terminal(started: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(new_module, "_interactive", lambda: True)
    ran = run("new", "partnership", "--root", str(started), stdin="youth-board\nYouth Board\nC Green\ny\nn\n")
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    data = yaml.safe_load((started / "register/partnerships/youth-board.yaml").read_text(encoding="utf-8"))
    assert data["name"] == "Youth Board"
    assert data["statutory"] is True
    assert data["significant"] is False
    year = run("new", "assessment", "--partnership", "youth-board", "--root", str(started), stdin="2024\n")
    assert year.exit_code == 0
    assert (started / "register/assessments/2024/youth-board.yaml").is_file()


def test_new_asks_again_for_a_bad_id_and_keeps_every_other_answer(
    started: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_module, "_interactive", lambda: True)
    answers = "Bad Id\nyouth-board\nYouth Board\nC Green\ny\nn\n"
    ran = run("new", "partnership", "--root", str(started), stdin=answers)
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    assert "`Bad Id` is not an id: write lower-case letters, digits and single hyphens" in ran.stdout
    assert ran.stdout.count("Partnership id") == 2  # asked again, at once
    data = yaml.safe_load((started / "register/partnerships/youth-board.yaml").read_text(encoding="utf-8"))
    assert (data["name"], data["lead_officer"], data["statutory"]) == ("Youth Board", "C Green", True)
    unknown = run("new", "assessment", "--year", "2024", "--root", str(started), stdin="youth\nyouth-board\n")
    assert unknown.exit_code == 0, unknown.stdout + unknown.stderr
    assert "no partnership `youth` in the register" in unknown.stdout
    assert "did you mean `youth-board`?" in unknown.stdout
    assert (started / "register/assessments/2024/youth-board.yaml").is_file()


@pytest.mark.parametrize("answer", ["Bad Id", "safer_streets", "-x", "x--y", ""])
def test_an_id_answer_that_is_not_a_slug_is_refused_as_it_is_typed(answer: str) -> None:
    with pytest.raises(typer.BadParameter, match="is not an id"):
        new_module.id_answer(answer)
    assert new_module.id_answer(" safer-streets ") == "safer-streets"


def test_new_refuses_a_value_the_register_would_not_accept(started: Path) -> None:
    ran = run(
        "new", "plan", "--id", "p", "--action", "A", "--owner", "O", "--target", "31/12/2024", "--root", str(started)
    )
    assert ran.exit_code == 2
    assert "--target:" in ran.stderr
    assert "did you mean 2024-12-31?" in ran.stderr
    bad_id = run(
        "new", "partnership", "--id", "Safer_Streets", "--name", "N", "--lead-officer", "L",
        "--statutory", "--significant", "--root", str(started),
    )  # fmt: skip
    assert bad_id.exit_code == 2
    assert "--id:" in bad_id.stderr
    assert "is not a slug" in bad_id.stderr
    assert not list((started / "register/actions").glob("p.*"))


def test_new_needs_an_existing_partnership(started: Path) -> None:
    ran = run("new", "assessment", "--partnership", "safer-street", "--year", "2024", "--root", str(started))
    assert ran.exit_code == 2
    assert "no partnership `safer-street`" in ran.stderr
    assert "did you mean `safer-streets`?" in ran.stderr


def test_new_outside_a_register_says_how_to_start_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ran = run("new", "assessment", "--partnership", "x", "--year", "2024")
    assert ran.exit_code == 2
    assert "no register/ folder" in ran.stderr


def test_new_quotes_what_yaml_would_misread(reg: RegisterDir) -> None:
    ran = run(
        "new", "partnership", "--id", "2024", "--name", "null", "--lead-officer", "A: B # C\nD",
        "--statutory", "--significant", "--root", str(reg.root),
    )  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    data = yaml.safe_load((reg.root / "register/partnerships/2024.yaml").read_text(encoding="utf-8"))
    assert data["id"] == "2024"
    assert data["name"] == "null"
    assert data["lead_officer"] == "A: B # C\nD"
    assert validate(reg.root).exit_code == 0
    assert (reg.root / "schemas/partnership.schema.json").is_file()


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_a_value_is_written_so_that_every_yaml_reader_reads_it_back(text: str) -> None:
    written = f"name: {plain_or_quoted(text)}\n"
    doc, problems = read_document("register/partnerships/x.yaml", written.encode("utf-8"))
    assert problems == []
    assert doc is not None
    assert doc.data.get("name") == text
    assert yaml.safe_load(written)["name"] == text


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_text_is_written_plain_or_as_the_import_writer_quotes_it(text: str) -> None:
    # One YAML writer: `new` and `init` write what is not plain exactly as `import` does.
    assert plain_or_quoted(text) in (text, quote(text))


def test_a_principle_title_is_one_comment_line_in_a_new_assessment() -> None:
    principle = Principle(id="p1", title="Terms of\nreference\u2028agreed")
    text = assessment_skeleton("x", 2024, [principle]).text
    assert "  p1:  # Terms of reference agreed\n" in text


# --- schema -----------------------------------------------------------------------------


def test_schema_prints_one_kind(tmp_path: Path) -> None:
    ran = run("schema", "--kind", "plan")
    assert ran.exit_code == 0
    assert json.loads(ran.stdout) == json.loads(json.dumps(schema_for("plan")))


def test_schema_writes_every_kind_and_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "out"
    ran = run("schema", "--output", str(out))
    assert ran.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "assessment.schema.json",
        "partnership.schema.json",
        "plan.schema.json",
        "policy.schema.json",
    ]
    again = run("schema", "--output", str(out), "--kind", "policy")
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    assert run("schema", "--output", str(out), "--kind", "policy", "--force").exit_code == 0


def test_schema_writes_beside_the_register_by_default(reg: RegisterDir) -> None:
    ran = run("schema", "--root", str(reg.root))
    assert ran.exit_code == 0, ran.stderr
    assert (reg.root / "schemas/partnership.schema.json").is_file()


def test_schema_refuses_an_unknown_kind() -> None:
    ran = run("schema", "--kind", "partnerships")
    assert ran.exit_code == 2
    assert "--kind" in ran.stderr


# --- completion -------------------------------------------------------------------------


def complete(args: list[str], incomplete: str) -> list[str]:
    command: Any = typer.main.get_command(make_app())
    completer = BashComplete(command, {}, "partreg", "_PARTREG_COMPLETE")
    return [item.value for item in completer.get_completions(args, incomplete)]


def test_completion_lists_partnership_ids_from_file_names(reg: RegisterDir, monkeypatch: pytest.MonkeyPatch) -> None:
    reg.partnership("safer-streets")
    reg.partnership("south-tees")
    reg.write("partnerships/tees-valley.yml", "not: [even valid YAML")
    reg.write("partnerships/notes.txt", "x")
    monkeypatch.chdir(reg.root / "register")
    assert complete(["show"], "") == ["safer-streets", "south-tees", "tees-valley"]
    assert complete(["show"], "s") == ["safer-streets", "south-tees"]
    assert complete(["show"], "x") == []


def test_completion_uses_root_given_before(
    reg: RegisterDir, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    reg.partnership("safer-streets")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    assert complete(["show"], "") == []
    assert complete(["show", "--root", str(reg.root)], "sa") == ["safer-streets"]


def test_completion_of_the_partnership_option_of_new(reg: RegisterDir, monkeypatch: pytest.MonkeyPatch) -> None:
    reg.partnership("safer-streets")
    monkeypatch.chdir(reg.root)
    assert complete(["new", "assessment", "--partnership"], "") == ["safer-streets"]
