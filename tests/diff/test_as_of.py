"""Reports and status as of a revision are exactly what a checkout of that revision gives."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.support.cli import invoke, run_subprocess
from tests.support.git import commit_all, git, make_repo
from tests.support.registers import RegisterDir

TODAY = "2024-06-01"


def _repo(tmp_path: Path) -> RegisterDir:
    reg = RegisterDir(tmp_path / "council" / "register-repo")
    reg.valid()
    (reg.root / "templates").mkdir()
    (reg.root / "templates" / "assurance.texts.j2").write_text(
        (Path(__file__).resolve().parents[2] / "templates" / "assurance.texts.j2")
        .read_text(encoding="utf-8")
        .replace("Partnership Governance – annual assurance report {{ year }}", "Safer council report {{ year }}"),
        encoding="utf-8",
    )
    make_repo(reg.root)
    commit_all(reg.root, "Register for the 2023 paper")
    git(reg.root, "tag", "v2023")
    reg.assessment(
        text="partnership: safer-streets\nyear: 2023\n"
        "governance:\n  rating: amber\n  reason: Board lapsed\nissue: Quorum\n"
    )
    (reg.root / "templates" / "assurance.texts.j2").unlink()
    commit_all(reg.root, "Governance amber after the spring review")
    return reg


def _report(root: Path, output_format: str, *extra: str) -> bytes:
    target = root.parent / f"out-{output_format}"
    ran = invoke(
        "report", "--root", str(root), "-f", output_format, "-o", str(target), "--force", "--today", TODAY, *extra
    )
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    data = target.read_bytes()
    target.unlink()
    return data


@pytest.mark.parametrize("output_format", ["md", "html", "docx"])
def test_report_as_of_equals_a_checkout_of_that_revision(tmp_path: Path, output_format: str) -> None:
    reg = _repo(tmp_path)
    as_of = _report(reg.root, output_format, "--as-of", "v2023")
    checkout = tmp_path / "elsewhere" / "another-name"  # provenance names the folder within the repository
    git(reg.root, "worktree", "add", "-q", str(checkout), "v2023")
    there = _report(checkout, output_format)
    if output_format == "docx":
        assert zipfile.ZipFile(io.BytesIO(as_of)).read("word/document.xml") == zipfile.ZipFile(io.BytesIO(there)).read(
            "word/document.xml"
        )
    assert as_of == there
    if output_format == "md":
        text = as_of.decode("utf-8")
        assert text.startswith("# Safer council report 2023\n")  # the template as it was at the tag
        assert "from the register at the top of its Git repository, commit " in text
        assert "with uncommitted changes" not in text


def test_status_as_of_a_tag(tmp_path: Path) -> None:
    reg = _repo(tmp_path)
    then = invoke("status", "--root", str(reg.root), "--as-of", "v2023", "-f", "json")
    now = invoke("status", "--root", str(reg.root), "-f", "json")
    assert '"effective": "green"' in then.stdout.split('"performance"')[0]
    assert '"effective": "amber"' in now.stdout.split('"performance"')[0]


def test_since_adds_the_changes_appendix(tmp_path: Path) -> None:
    reg = _repo(tmp_path)
    text = _report(reg.root, "md", "--since", "v2023").decode("utf-8")
    assert "## Changes since the last report (" in text
    assert "Safer Streets Board (2023): governance green → amber (reason: amber as declared (Board lapsed)" in text


def test_since_a_revision_after_the_one_reported_on_exits_2(tmp_path: Path) -> None:
    reg = _repo(tmp_path)
    ran = run_subprocess(
        "report", "--root", str(reg.root), "-f", "md", "-o", "-", "--as-of", "v2023", "--since", "HEAD"
    )
    assert ran.exit_code == 2
    assert ran.stderr.startswith("partreg: error: --since HEAD is not an earlier revision of ")


def test_bad_as_of_revision_exits_2(tmp_path: Path) -> None:
    reg = _repo(tmp_path)
    ran = run_subprocess("status", "--root", str(reg.root), "--as-of", "no-such-tag")
    assert ran.exit_code == 2
    assert ran.stderr.splitlines()[0] == "partreg: error: unknown revision `no-such-tag`"


def test_register_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    top = tmp_path / "monorepo"
    reg = RegisterDir(top / "council")
    reg.valid()
    make_repo(top)
    commit_all(top, "Register")
    reg.partnership(
        text="id: safer-streets\nname: Safer Streets Board\nstatutory: yes\nsignificant: yes\nlead_officer: B Jones\n"
    )
    ran = invoke("diff", "--root", str(reg.root), "--format", "json", "--today", TODAY)
    assert '"text": "Safer Streets Board: lead_officer A Smith \u2192 B Jones"' in ran.stdout
    as_of = invoke("status", "--root", str(reg.root), "--as-of", "HEAD", "-f", "json")
    assert as_of.exit_code == 0, as_of.stderr
    assert '"count": 1' in as_of.stdout
