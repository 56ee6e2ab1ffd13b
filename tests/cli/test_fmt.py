"""`partreg fmt`: rewrites register files in canonical order and style; `--check` only lists them."""

from __future__ import annotations

import os
import re
import shutil
import stat
import textwrap
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from partreg.cli.fmt import fmt
from partreg.errors import PartregError
from partreg.output.files import write_atomic
from tests.support.cli import Ran
from tests.support.registers import RegisterDir

REPO = Path(__file__).resolve().parents[2]
HOSTILE = REPO / "tests" / "fixtures" / "hostile"

SHUFFLED = """\
    # Source: the committee paper, para 10
    significant: yes
    # the Council's lead
    lead_officer: A Smith  # para 11
    statutory: no
    name: Safer Streets Board
    id: safer-streets
    """
CANONICAL = """\
    # Source: the committee paper, para 10
    id: safer-streets
    name: Safer Streets Board
    statutory: no
    significant: yes
    # the Council's lead
    lead_officer: A Smith  # para 11
    """


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Keeps `fmt` a sub-command, as in partreg's own app."""

    app.command("fmt")(fmt)
    return app


def run_fmt(*args: str) -> Ran:
    result = CliRunner().invoke(_app(), ["fmt", *args], env={"NO_COLOR": "1", "COLUMNS": "200"})
    return Ran(result.exit_code, result.stdout, result.stderr)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A copy of the bundled register: the original is never touched."""
    shutil.copytree(REPO / "register", tmp_path / "register")
    return tmp_path


def test_check_on_the_bundled_register_passes_and_writes_nothing(bundled: Path) -> None:
    before = _snapshot(bundled)
    ran = run_fmt("--check", "--root", str(bundled))
    assert (ran.exit_code, ran.stdout, ran.stderr) == (0, "", "")
    assert _snapshot(bundled) == before


def test_check_lists_a_shuffled_file_exits_1_and_writes_nothing(reg: RegisterDir) -> None:
    reg.valid()
    reg.partnership("safer-streets", text=SHUFFLED)
    before = _snapshot(reg.root)
    ran = run_fmt("--check", "--root", str(reg.root))
    assert (ran.exit_code, ran.stdout) == (1, "register/partnerships/safer-streets.yaml\n")
    assert "1 file(s) would be rewritten; run `partreg fmt`" in ran.stderr
    assert _snapshot(reg.root) == before


def test_fmt_rewrites_in_order_keeping_comments_and_is_idempotent(reg: RegisterDir) -> None:
    reg.valid()
    path = reg.partnership("safer-streets", text=SHUFFLED)
    ran = run_fmt("--root", str(reg.root))
    assert (ran.exit_code, ran.stdout) == (0, "register/partnerships/safer-streets.yaml\n")
    assert path.read_text(encoding="utf-8") == textwrap.dedent(CANONICAL)
    after = _snapshot(reg.root)
    again = run_fmt("--root", str(reg.root))
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")
    assert _snapshot(reg.root) == after
    assert run_fmt("--check", "--root", str(reg.root)).exit_code == 0


def test_fmt_is_idempotent_on_a_shuffled_bundled_register(bundled: Path) -> None:
    canonical = _snapshot(bundled)
    shuffled = 0
    for path in (bundled / "register").rglob("*.yaml"):
        header, *keys = path.read_text(encoding="utf-8").splitlines(keepends=True)
        if header.startswith("#") and all(re.fullmatch(r"[a-z_]+: \S.*\n", line) for line in keys):
            path.write_text(header + "".join(reversed(keys)), encoding="utf-8")  # a flat file: keys reversed
            shuffled += 1
    assert shuffled > 5
    ran = run_fmt("--check", "--root", str(bundled))
    assert (ran.exit_code, len(ran.stdout.splitlines())) == (1, shuffled)
    assert run_fmt("--root", str(bundled)).exit_code == 0
    assert _snapshot(bundled) == canonical
    assert run_fmt("--root", str(bundled)).stdout == ""


def test_crlf_a_bom_and_trailing_spaces_are_rewritten(reg: RegisterDir) -> None:
    path = reg.write_bytes("partnerships/tvca.yaml", b"\xef\xbb\xbfid: tvca   \r\nname: TVCA\r\n\r\n")
    assert run_fmt("--root", str(reg.root)).exit_code == 0
    assert path.read_bytes() == b"id: tvca\nname: TVCA\n"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Y009-python-object-new.yaml", "Y009"),
        ("Y007-billion-laughs.yaml", "Y007"),
        ("Y013-duplicate-key.yaml", "Y013"),
    ],
)
def test_a_file_the_loader_refuses_is_reported_and_left_alone(reg: RegisterDir, name: str, code: str) -> None:
    hostile = reg.write_bytes("partnerships/hostile.yaml", (HOSTILE / name).read_bytes())
    shuffled = reg.partnership("safer-streets", text=SHUFFLED)
    before = hostile.read_bytes()
    ran = run_fmt("--root", str(reg.root))
    assert ran.exit_code == 1
    assert hostile.read_bytes() == before
    assert ran.stdout == "register/partnerships/safer-streets.yaml\n"  # the other files are still formatted
    assert shuffled.read_text(encoding="utf-8") == textwrap.dedent(CANONICAL)
    first = ran.stderr.splitlines()[0]
    assert first.startswith("register/partnerships/hostile.yaml:") and f" {code} " in first
    assert "(hint: " in first
    assert "1 file(s) left as they are" in ran.stderr


def test_check_also_fails_on_a_refused_file(reg: RegisterDir) -> None:
    reg.write_bytes("partnerships/hostile.yaml", (HOSTILE / "Y009-python-name.yaml").read_bytes())
    ran = run_fmt("--check", "--root", str(reg.root))
    assert (ran.exit_code, ran.stdout) == (1, "")
    assert "Y009" in ran.stderr


def test_a_file_the_formatter_cannot_read_is_reported_with_its_position(reg: RegisterDir) -> None:
    path = reg.partnership("tab", text="name:\tN\nid: tab\n")
    ran = run_fmt("--root", str(reg.root))
    assert ran.exit_code == 1
    assert ran.stderr.startswith("register/partnerships/tab.yaml:1:6 the formatter cannot read this file")
    assert path.read_text(encoding="utf-8") == "name:\tN\nid: tab\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_is_reported_not_followed(reg: RegisterDir, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("name: N\nid: x\n", encoding="utf-8")
    (reg.root / "register" / "partnerships").mkdir(parents=True)
    (reg.root / "register" / "partnerships" / "x.yaml").symlink_to(outside)
    ran = run_fmt("--root", str(reg.root))
    assert ran.exit_code == 1
    assert "Y015" in ran.stderr
    assert outside.read_text(encoding="utf-8") == "name: N\nid: x\n"


def test_files_formats_only_those_and_ignores_files_outside_the_register(
    reg: RegisterDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = reg.partnership("safer-streets", text=SHUFFLED)
    other = reg.partnership("other", text="name: Other\nid: other\n")
    (reg.root / "notes.yaml").write_text("b: 1\na: 2\n", encoding="utf-8")
    (reg.root / "README.md").write_text("# Our register\n", encoding="utf-8")
    monkeypatch.chdir(reg.root)
    ran = run_fmt("register/partnerships/safer-streets.yaml", "notes.yaml", "README.md")
    assert (ran.exit_code, ran.stdout) == (0, "register/partnerships/safer-streets.yaml\n")
    assert chosen.read_text(encoding="utf-8") == textwrap.dedent(CANONICAL)
    assert other.read_text(encoding="utf-8") == "name: Other\nid: other\n"
    assert (reg.root / "notes.yaml").read_text(encoding="utf-8") == "b: 1\na: 2\n"


def test_a_missing_file_or_a_folder_cannot_run(reg: RegisterDir, monkeypatch: pytest.MonkeyPatch) -> None:
    reg.valid()
    monkeypatch.chdir(reg.root)
    missing = run_fmt("register/partnerships/nope.yaml")
    assert missing.exit_code == 2
    assert "no file register/partnerships/nope.yaml" in missing.stderr
    assert run_fmt("register").exit_code == 2


def test_no_register_cannot_run(tmp_path: Path) -> None:
    ran = run_fmt("--root", str(tmp_path))
    assert ran.exit_code == 2
    assert "no register/ folder" in ran.stderr


def test_the_rewrite_is_atomic_and_leaves_no_temporary_file(reg: RegisterDir) -> None:
    path = reg.partnership("safer-streets", text=SHUFFLED)
    inode = path.stat().st_ino
    assert run_fmt("--root", str(reg.root)).exit_code == 0
    assert path.stat().st_ino != inode  # a new file moved into place, not the old one written over
    assert sorted(p.name for p in path.parent.iterdir()) == ["safer-streets.yaml"]


def test_the_help_has_an_example() -> None:
    ran = run_fmt("--help")
    assert ran.exit_code == 0
    assert "Example: partreg fmt --check" in ran.stdout


@pytest.mark.parametrize("mode", [0o600, 0o664, 0o640])
def test_a_rewritten_file_keeps_its_mode(reg: RegisterDir, mode: int) -> None:
    path = reg.partnership("safer-streets", SHUFFLED)
    path.chmod(mode)
    assert run_fmt("--root", str(reg.root)).exit_code == 0
    assert path.read_text() == textwrap.dedent(CANONICAL)
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_a_new_file_is_written_readable_by_all(tmp_path: Path) -> None:
    write_atomic(tmp_path / "new.csv", b"x")
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644


def test_writing_to_a_folder_is_a_plain_error(tmp_path: Path) -> None:
    (tmp_path / "report.docx").mkdir()
    with pytest.raises(PartregError) as raised:
        write_atomic(tmp_path / "report.docx", b"x", force=True)
    assert raised.value.message == f"{tmp_path / 'report.docx'} is a folder; give a file name"


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs a Linux sysfs, where nobody may create files")
def test_a_folder_nobody_may_write_in_is_a_plain_error() -> None:
    with pytest.raises(PartregError) as raised:
        write_atomic(Path("/sys/report.docx"), b"x")
    assert raised.value.message == "cannot write /sys/report.docx: permission denied"
    assert "permissions" in raised.value.hint


def test_a_file_name_too_long_for_the_disk_is_a_plain_error(tmp_path: Path) -> None:
    path = tmp_path / ("x" * 300)
    with pytest.raises(PartregError) as raised:
        write_atomic(path, b"x")
    assert (raised.value.message, raised.value.hint) == (
        f"cannot write {path}: the file name is too long",
        "check the path and the folder's permissions",
    )
