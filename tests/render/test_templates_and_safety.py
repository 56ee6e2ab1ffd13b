"""Council templates, the sandbox, markup injection, provenance, and how reports are written."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from docx import Document

from tests.support.cli import invoke, run_subprocess
from tests.support.git import commit_all, make_repo
from tests.support.registers import RegisterDir

SCRIPT = "<script>alert('x')</script>"


def _register(reg: RegisterDir, name: str = "Safer Streets Board") -> RegisterDir:
    reg.partnership(name=f'"{name}"')
    reg.assessment(
        text='partnership: safer-streets\nyear: 2023\ngovernance: {rating: amber}\nissue: "' + SCRIPT + '"\n'
    )
    return reg


def _report(reg: RegisterDir, output_format: str, *extra: str) -> bytes:
    target = reg.root / f"out.{output_format}"
    ran = invoke(
        "report",
        "--root",
        str(reg.root),
        "--today",
        "2024-01-31",
        "-f",
        output_format,
        "-o",
        str(target),
        "--force",
        *extra,
    )
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    return target.read_bytes()


def test_script_in_a_name_is_text_in_every_format(reg: RegisterDir) -> None:
    _register(reg, SCRIPT)
    html = _report(reg, "html").decode()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    markdown = _report(reg, "md").decode()
    assert "<script>" not in markdown
    assert "\\<script\\>alert('x')\\</script\\>" in markdown
    document = Document(io.BytesIO(_report(reg, "docx")))
    assert SCRIPT in [row.cells[0].text for row in document.tables[2].rows]


def test_council_template_overrides_by_name(reg: RegisterDir) -> None:
    _register(reg)
    (reg.root / "templates").mkdir()
    (reg.root / "templates" / "assurance.texts.j2").write_text(
        (Path(__file__).resolve().parents[2] / "templates" / "assurance.texts.j2")
        .read_text()
        .replace("Partnership Governance – annual assurance report {{ year }}", "Harborough partnerships {{ year }}"),
        encoding="utf-8",
    )
    assert _report(reg, "md").decode().startswith("# Harborough partnerships 2023\n")
    document = Document(io.BytesIO(_report(reg, "docx")))
    assert document.paragraphs[0].text == "Harborough partnerships 2023"
    assert document.core_properties.title == "Harborough partnerships 2023"


def test_templates_option_comes_first(reg: RegisterDir, tmp_path: Path) -> None:
    _register(reg)
    chosen = tmp_path / "mine"
    chosen.mkdir()
    (chosen / "assurance.md.j2").write_text("Only {{ council }} {{ year }}\n", encoding="utf-8")
    assert _report(reg, "md", "--templates", str(chosen)) == b"Only the Council 2023\n"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ ''.__class__.__mro__ }}", "access to attribute '__class__' of 'str' object is unsafe"),
        ("{{ council.__class__.__subclasses__() }}", "is unsafe"),
        ("{{ texts.title.format.__globals__ }}", "is unsafe"),
        ("line one\n{{ no_such_field }}\n", "'no_such_field' is undefined"),
        ("{% for x in %}", "Expected an expression"),
        ("one\ntwo\n{{ 1/0 }}\n", ":3: template error: ZeroDivisionError: division by zero"),
        ("{{ summary.count + 'a' }}", "template error: TypeError: unsupported operand"),
        ("{{ range(10**9)|list }}", "template error: OverflowError: Range too big"),
    ],
)
def test_template_errors_and_the_sandbox(reg: RegisterDir, tmp_path: Path, template: str, message: str) -> None:
    _register(reg)
    chosen = tmp_path / "bad"
    chosen.mkdir()
    (chosen / "assurance.md.j2").write_text(template, encoding="utf-8")
    ran = run_subprocess(
        "report", "--root", str(reg.root), "-f", "md", "--templates", str(chosen), "-o", str(tmp_path / "x.md")
    )
    assert ran.exit_code == 2
    first = ran.stderr.splitlines()[0]
    assert first.startswith(f"partreg: error: {chosen / 'assurance.md.j2'}:")
    assert message in first
    assert "Traceback" not in ran.stderr
    assert not (tmp_path / "x.md").exists()


def test_a_texts_override_may_hold_only_the_blocks_it_changes(reg: RegisterDir, tmp_path: Path) -> None:
    _register(reg)
    chosen = tmp_path / "texts"
    chosen.mkdir()
    (chosen / "assurance.texts.j2").write_text("{% block title %}Our own title {{ year }}{% endblock %}\n")
    for output_format in ("md", "html", "docx"):
        ran = run_subprocess(
            "report", "--root", str(reg.root), "--templates", str(chosen), "-o", str(tmp_path / f"r.{output_format}")
        )
        assert ran.exit_code == 0, ran.stderr
    text = _report(reg, "md", "--templates", str(chosen)).decode()
    assert text.startswith("# Our own title 2023\n")
    assert "## Purpose" in text  # the built-in wording for every block not overridden


def test_a_texts_block_the_report_does_not_use_is_an_error(reg: RegisterDir, tmp_path: Path) -> None:
    _register(reg)
    chosen = tmp_path / "texts"
    chosen.mkdir()
    (chosen / "assurance.texts.j2").write_text("{% block tittle %}Typo{% endblock %}\n")
    ran = run_subprocess("report", "--root", str(reg.root), "-f", "md", "--templates", str(chosen), "-o", "-")
    assert ran.exit_code == 2
    assert ran.stderr.startswith(
        "partreg: error: assurance.texts.j2: no text block named `tittle`\n  hint: the blocks are: title, "
    )


def test_an_error_in_a_texts_block_names_its_own_line(reg: RegisterDir, tmp_path: Path) -> None:
    _register(reg)
    chosen = tmp_path / "texts"
    chosen.mkdir()
    (chosen / "assurance.texts.j2").write_text("{% block title %}\nline two\n{{ bogus }}\n{% endblock %}\n")
    ran = run_subprocess("report", "--root", str(reg.root), "-f", "md", "--templates", str(chosen), "-o", "-")
    assert ran.exit_code == 2
    assert ran.stderr.startswith(
        f"partreg: error: {chosen / 'assurance.texts.j2'}:3: template error: 'bogus' is undefined"
    )


def test_a_templates_folder_that_does_not_exist_cannot_run(reg: RegisterDir, tmp_path: Path) -> None:
    _register(reg)
    ran = run_subprocess("report", "--root", str(reg.root), "-f", "md", "--templates", str(tmp_path / "nope"))
    assert ran.exit_code == 2
    assert "Traceback" not in ran.stderr


def test_default_name_no_overwrite_and_force(reg: RegisterDir, tmp_path: Path) -> None:
    _register(reg)
    here = tmp_path / "papers"
    here.mkdir()
    ran = run_subprocess("report", "--root", str(reg.root), "-f", "md", cwd=here)
    assert ran.exit_code == 0, ran.stderr
    assert ran.stderr.strip() == "wrote assurance-2023.md"
    (here / "assurance-2023.md").write_text("the officer's edits", encoding="utf-8")
    again = run_subprocess("report", "--root", str(reg.root), "-f", "md", cwd=here)
    assert again.exit_code == 2
    assert "assurance-2023.md already exists" in again.stderr
    assert (here / "assurance-2023.md").read_text(encoding="utf-8") == "the officer's edits"
    forced = run_subprocess("report", "--root", str(reg.root), "-f", "md", "--force", cwd=here)
    assert forced.exit_code == 0
    assert (here / "assurance-2023.md").read_text(encoding="utf-8").startswith("# Partnership Governance")
    assert sorted(path.name for path in here.iterdir()) == ["assurance-2023.md"]


def test_provenance_names_the_commit_and_uncommitted_changes(reg: RegisterDir) -> None:
    _register(reg)
    make_repo(reg.root)
    commit = commit_all(reg.root, "Register for 2023")
    out = reg.root.parent / "out.md"

    def provenance() -> str:
        ran = invoke("report", "--root", str(reg.root), "-f", "md", "-o", str(out), "--force", "--today", "2024-01-31")
        assert ran.exit_code == 0, ran.stderr
        return out.read_text(encoding="utf-8").splitlines()[-1]

    assert provenance() == (
        f"_Built by partreg from the register at the top of its Git repository, commit {commit}; "
        "data as of 2024-01-31._"
    )
    reg.partnership("another", name="Another Board")
    assert f", commit {commit} with uncommitted changes;" in provenance()


def test_two_clones_of_one_commit_make_the_same_bytes(reg: RegisterDir, tmp_path: Path) -> None:
    _register(reg)
    make_repo(reg.root)
    commit_all(reg.root, "Register for 2023")
    papers = []
    for folder in ("clone-a", "another_clone"):
        clone = tmp_path / folder
        subprocess.run(["git", "clone", "-q", str(reg.root), str(clone)], check=True)
        ran = run_subprocess("report", "--root", str(clone), "-f", "md", "-o", "-", "--today", "2024-01-31")
        assert ran.exit_code == 0, ran.stderr
        papers.append(ran.stdout)
    assert papers[0] == papers[1]


def test_bad_kind_format_or_reference_exit_2(reg: RegisterDir, tmp_path: Path) -> None:
    _register(reg)
    root = str(reg.root)
    assert "--kind: `minutes` is not one of" in invoke("report", "--root", root, "--kind", "minutes").stderr
    assert "--format: `pdf` is not one of" in invoke("report", "--root", root, "-f", "pdf").stderr
    ran = invoke(
        "report", "--root", root, "--reference-docx", str(tmp_path / "none.docx"), "-o", str(tmp_path / "r.docx")
    )
    assert ran.exit_code == 2
    assert "no reference document at" in ran.stderr


def test_reference_docx_supplies_the_styles(reg: RegisterDir, tmp_path: Path) -> None:
    _register(reg)
    reference = Document()
    reference.styles["Normal"].font.name = "Verdana"
    reference.add_paragraph("this body text is dropped")
    reference.save(str(reg.root / "templates-ref.docx"))
    (reg.root / "templates").mkdir()
    (reg.root / "templates-ref.docx").rename(reg.root / "templates" / "reference.docx")
    document = Document(io.BytesIO(_report(reg, "docx")))
    assert document.styles["Normal"].font.name == "Verdana"
    assert "this body text is dropped" not in [p.text for p in document.paragraphs]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-f", "md", "-o", "paper.html"), "--format md does not match the output file paper.html"),
        (("--previous", "2023-01-01"), "--previous is only for --kind actions"),
        (("--kind", "actions", "--previous", "2024-02-01"), "--previous 2024-02-01 is after the data date 2024-01-31"),
        (("--kind", "actions", "--previous", "31/01/2024"), "--previous: `31/01/2024` is not a date"),
        (("--year", "1999"), "no partnership has an assessment for 1999"),
    ],
)
def test_report_options_that_cannot_make_a_sound_paper_exit_2(
    reg: RegisterDir, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    _register(reg)
    ran = run_subprocess("report", "--root", str(reg.root), "--today", "2024-01-31", *args, cwd=reg.root)
    assert ran.exit_code == 2
    assert ran.stderr.startswith(f"partreg: error: {message}\n")
    assert [path.name for path in reg.root.iterdir()] == ["register"]


def test_the_format_follows_the_output_name_and_dash_is_standard_output(reg: RegisterDir, tmp_path: Path) -> None:
    _register(reg)
    assert run_subprocess("report", "--root", str(reg.root), "-o", str(tmp_path / "paper.html")).exit_code == 0
    assert (tmp_path / "paper.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    ran = run_subprocess("report", "--root", str(reg.root), "-f", "md", "-o", "-", cwd=tmp_path)
    assert ran.stdout.startswith("# Partnership Governance")
    assert not (tmp_path / "-").exists()


def test_the_purpose_says_how_many_partnerships_were_assessed(reg: RegisterDir) -> None:
    _register(reg)
    reg.partnership("unassessed", name="Unassessed Board")
    text = _report(reg, "md").decode()
    assert (
        "self-assessment for 1 of the 2 partnerships on the register for 2023; the others are shown as unrated" in text
    )


def test_no_paper_is_made_from_a_register_with_errors(reg: RegisterDir, tmp_path: Path) -> None:
    reg.partnership()
    reg.assessment(text="partnership: safer-streets\nyear: 2023\ngovernance: {rating: red}\n")  # red, no issue
    ran = run_subprocess("report", "--root", str(reg.root), "-o", str(tmp_path / "paper.md"))
    assert ran.exit_code == 1
    assert "register/assessments/2023/safer-streets.yaml:" in ran.stderr and " G002 error " in ran.stderr
    assert "partreg: error: the register has 1 error(s) in 1 file(s); no paper is made from it\n" in ran.stderr
    assert not (tmp_path / "paper.md").exists()


def test_an_output_name_that_names_no_format_exits_2(reg: RegisterDir, tmp_path: Path) -> None:
    _register(reg)
    ran = run_subprocess("report", "--root", str(reg.root), "-o", str(tmp_path / "paper.txt"))
    assert ran.exit_code == 2
    assert ran.stderr.startswith(
        f"partreg: error: cannot tell the report format from the output name {tmp_path / 'paper.txt'}"
    )
    assert not (tmp_path / "paper.txt").exists()
