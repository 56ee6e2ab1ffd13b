"""`partreg import` and `partreg export`: Harborough-style spreadsheets in, the register out, and back."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from partreg import api
from partreg.cli.export import export
from partreg.cli.import_ import import_
from partreg.errors import PartregError
from partreg.load.layout import Kind
from partreg.load.spreadsheet import Limits, quote_prefixed, read_sheet, without_quote_prefix
from partreg.load.yaml_reader import read_document
from partreg.model.fields import list_cell, list_items
from partreg.model.partnership import Partnership
from partreg.render.canonical import canonical_text
from partreg.render.skeletons import partnership_skeleton
from partreg.render.yaml_text import quote
from tests.support.cli import Ran
from tests.support.registers import RegisterDir

REPO = Path(__file__).resolve().parents[2]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

app = typer.Typer()


def active(book: Workbook) -> Worksheet:
    """The workbook's active sheet, typed: openpyxl's stubs allow a chart sheet or none."""
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    return sheet


@app.callback()
def _partreg() -> None:
    """The two commands under test, registered as app.py registers them."""


app.command("import")(import_)
app.command("export")(export)


def invoke(*args: str) -> Ran:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "200"})
    return Ran(result.exit_code, result.stdout, result.stderr)


def workbook(path: Path, rows: list[list[Any]], title: str = "Register") -> Path:
    book = Workbook()
    sheet = active(book)
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def loaded(root: Path) -> dict[str, dict[str, Any]]:
    register = api.load_register(root)
    assert [p for p in register.problems if p.severity == "error"] == []
    return {entry.record.id: entry.record.model_dump() for entry in register.partnerships}


def empty_register(tmp_path: Path, name: str = "empty") -> Path:
    return RegisterDir(tmp_path / name).root


HARBOROUGH_HEADER = [
    "Partnership", "Lead Officer", "Officer Hours per month* (including preparation, meeting time & follow up)",
    "Financial Contribution", "Statutory (Y/N)", "Significant (Y/N)", "Risk", "Value", "Recommendation",
]  # fmt: skip

# Harborough, Scrutiny Panel Jan 2014, §4.1: the LLEP table, with the register's other columns.
HARBOROUGH_ROWS: list[list[Any]] = [
    ["Harborough District Council: Partnership Register 2014"],
    [],
    HARBOROUGH_HEADER,
    ["Leicester & Leicestershire Economic Partnership Board", "Chief Executive", 0, "£8,000", "N", "Y", "High",
     "High", "Increase"],
    ["LLEP Private Sector Growth Group", "Business Manager", 40, 0, "N", "Y", "Medium", "High", "Increase"],
    [],
    ["Broadband Leicestershire Programme", "Chief Executive", 40, 530000, "n", "y", "High", "High", "Maintain"],
    ["Welland Market Towns Group", "Head of Regeneration", 4, None, "No", "No", "Low", "Low", "Withdraw"],
    ["TOTAL", None, 84, "£538,000"],
]  # fmt: skip


def expected(pid: str, name: str, lead: str, hours: float, money: str | None, **rest: Any) -> dict[str, Any]:
    resources: dict[str, Any] = {"officer_hours_per_month": hours}
    if money is not None:
        resources["financial_contribution"] = money
    data = {"id": pid, "name": name, "lead_officer": lead, "resources": resources, **rest}
    return Partnership.model_validate(data).model_dump()


def test_a_harborough_style_workbook_imports_to_the_expected_files(tmp_path: Path) -> None:
    source = workbook(tmp_path / "harborough.xlsx", HARBOROUGH_ROWS)
    root = empty_register(tmp_path)

    ran = invoke("import", str(source), "--root", str(root))

    assert ran.exit_code == 0, ran.stdout + ran.stderr
    assert "4 rows: 4 new" in ran.stdout
    assert "1 skipped (total rows, notes, or nothing to import)" in ran.stdout
    high, medium, low = ({"level": level} for level in ("high", "medium", "low"))
    assert loaded(root) == {
        "leicester-and-leicestershire-economic-partnership-board": expected(
            "leicester-and-leicestershire-economic-partnership-board",
            "Leicester & Leicestershire Economic Partnership Board", "Chief Executive", 0, "8000",
            statutory=False, significant=True, risk=high, value="high", recommendation={"action": "increase"},
        ),
        "llep-private-sector-growth-group": expected(
            "llep-private-sector-growth-group", "LLEP Private Sector Growth Group", "Business Manager", 40, "0",
            statutory=False, significant=True, risk=medium, value="high", recommendation={"action": "increase"},
        ),
        "broadband-leicestershire-programme": expected(
            "broadband-leicestershire-programme", "Broadband Leicestershire Programme", "Chief Executive", 40,
            "530000", statutory=False, significant=True, risk=high, value="high",
            recommendation={"action": "maintain"},
        ),
        "welland-market-towns-group": expected(
            "welland-market-towns-group", "Welland Market Towns Group", "Head of Regeneration", 4, None,
            statutory=False, significant=False, risk=low, value="low", recommendation={"action": "withdraw"},
        ),
    }  # fmt: skip
    llep = (root / "register/partnerships/leicester-and-leicestershire-economic-partnership-board.yaml").read_text()
    assert llep.startswith("# Imported by partreg from harborough.xlsx, sheet Register, row 4\n")
    assert 'name: "Leicester & Leicestershire Economic Partnership Board"\n' in llep
    assert "  financial_contribution: 8000\n" in llep


def test_bad_cells_are_reported_at_their_cells_and_nothing_is_written(tmp_path: Path) -> None:
    source = workbook(
        tmp_path / "register.xlsx",
        [
            ["Partnership", "Lead Officer", "Statutory (Y/N)", "Significant", "Financial contribution", "Review date"],
            ["Safer Streets Board", "A Smith", "Y", "Y", "£8,000", datetime(2025, 3, 31)],
            ["Rural Partnership", "B Jones", "maybe", "N", "about £5k", "31/12/2023"],
            ["Environment Board", None, "N", "N", 0, None],
        ],
        title="Sheet1",
    )
    root = empty_register(tmp_path)

    ran = invoke("import", str(source), "--root", str(root))

    assert ran.exit_code == 1
    assert ran.stdout.splitlines()[:4] == [
        "register.xlsx:Sheet1!C3: S001 error `statutory`: `maybe` is not yes or no "
        "(write yes or no; y/n and true/false also work)",
        "register.xlsx:Sheet1!E3: S001 error `resources.financial_contribution`: `about £5k` is not an amount in "
        "pounds (write pounds as 8000, £8,000 or £8,000.50; amounts cannot be negative)",
        "register.xlsx:Sheet1!F3: S001 error `review_date`: `31/12/2023` is not a YYYY-MM-DD date "
        "(did you mean 2023-12-31?) (dates are written YYYY-MM-DD, e.g. 2023-12-31)",
        "register.xlsx:Sheet1!B4: S002 error `lead_officer` is empty (give `lead_officer` a value)",
    ]
    assert "nothing written" in ran.stdout
    assert not (root / "register/partnerships").exists()

    partial = invoke("import", str(source), "--root", str(root), "--partial")

    assert partial.exit_code == 1
    assert "wrote register/partnerships/safer-streets-board.yaml (row 2)" in partial.stdout
    assert set(loaded(root)) == {"safer-streets-board"}
    assert loaded(root)["safer-streets-board"]["review_date"] == date(2025, 3, 31)


def test_json_output_gives_each_problems_cell(tmp_path: Path) -> None:
    source = workbook(tmp_path / "r.xlsx", [["Name", "Lead officer", "Statutory", "Significant"], ["X", "A", "?", "y"]])
    ran = invoke("import", str(source), "--root", str(empty_register(tmp_path)), "--format", "json")
    document = json.loads(ran.stdout)
    assert [(p["path"], p["line"], p["col"], p["code"]) for p in document["problems"]] == [
        ("r.xlsx:Register!C2", 2, 3, "S001")
    ]
    assert document["summary"]["written"] is False


def test_headers_that_are_not_fields_are_errors_until_mapped(tmp_path: Path) -> None:
    rows = [
        ["Partnership name", "Council lead", "Statutory", "Significant", "Notes", "Internal ref", "Lead Oficer"],
        ["Safer Streets Board", "A Smith", "yes", "no", "Meets quarterly", "HDC-7", ""],
    ]
    source = workbook(tmp_path / "register.xlsx", rows)
    root = empty_register(tmp_path)

    ran = invoke("import", str(source), "--root", str(root))

    assert ran.exit_code == 1
    lines = ran.stdout.splitlines()
    assert lines[0].startswith("register.xlsx:Register!A1: S002 error no column for `lead_officer`")
    assert lines[1].startswith("register.xlsx:Register!B1: S003 error column `Council lead` is not a partnership field")
    assert "register.xlsx:Register!G1: S003 error column `Lead Oficer` is not a partnership field (did you mean " \
           "`lead_officer`?" in ran.stdout  # fmt: skip

    mapping = tmp_path / "columns.yaml"
    mapping.write_text('"Council lead": lead_officer\nNotes: custom.notes\n"Internal ref": ~\n"Lead Oficer": ignore\n')
    mapped = invoke("import", str(source), "--root", str(root), "--map", str(mapping))

    assert mapped.exit_code == 0, mapped.stdout
    record = loaded(root)["safer-streets-board"]
    assert (record["lead_officer"], record["custom"]) == ("A Smith", {"notes": "Meets quarterly"})


def test_a_mapping_to_a_field_that_does_not_exist_cannot_run(tmp_path: Path) -> None:
    source = workbook(tmp_path / "r.xlsx", [["Name", "Lead"], ["X", "A"]])
    mapping = tmp_path / "columns.yaml"
    mapping.write_text("Lead: lead_oficer\n")
    ran = invoke("import", str(source), "--root", str(empty_register(tmp_path)), "--map", str(mapping))
    assert ran.exit_code == 2
    assert "columns.yaml:1:7: `Lead` maps to `lead_oficer`, which is not a partnership field" in ran.stderr
    assert "did you mean `lead_officer`?" in ran.stderr


def test_an_existing_record_is_never_replaced_and_update_shows_each_change(tmp_path: Path) -> None:
    reg = RegisterDir(tmp_path / "reg")
    path = reg.write(
        "partnerships/safer-streets.yaml",
        "# kept by hand\nid: safer-streets\nname: Safer Streets Board\nstatutory: yes\nsignificant: yes\n"
        "lead_officer: A Smith\nresources:\n  estimate: yes\n",
    )
    before = path.read_text()
    rows = [
        ["Id", "Name", "Lead officer", "Statutory", "Significant", "Financial contribution"],
        ["safer-streets", "Safer Streets Board", "B Jones", "Y", "Y", "£1,500"],
    ]
    source = workbook(tmp_path / "register.xlsx", rows)

    refused = invoke("import", str(source), "--root", str(reg.root))

    assert refused.exit_code == 1
    assert refused.stdout.startswith(
        "register.xlsx:Register!A2: R004 error `safer-streets` is already in the register "
        "(register/partnerships/safer-streets.yaml) (give --update to merge the row into it)\n"
    )
    assert path.read_text() == before

    dry = invoke("import", str(source), "--root", str(reg.root), "--update", "--dry-run")
    assert dry.exit_code == 0
    assert "would update register/partnerships/safer-streets.yaml (row 2)" in dry.stdout
    assert path.read_text() == before

    updated = invoke("import", str(source), "--root", str(reg.root), "--update")

    assert updated.exit_code == 0, updated.stdout
    assert updated.stdout.splitlines()[:3] == [
        "updated register/partnerships/safer-streets.yaml (row 2)",
        "    lead_officer: A Smith → B Jones",
        "    resources.financial_contribution: (none) → 1500",
    ]
    note = "# Imported by partreg from register.xlsx, sheet Register, row 2\n"
    assert path.read_text().startswith(f"# kept by hand\n{note}")
    record = loaded(reg.root)["safer-streets"]
    assert record["lead_officer"] == "B Jones"
    assert record["resources"] == {"officer_hours_per_month": None, "financial_contribution": Decimal(1500),
                                   "estimate": True}  # fmt: skip

    again = invoke("import", str(source), "--root", str(reg.root), "--update")
    assert again.exit_code == 0
    assert "1 row: 0 new, 0 updated, 1 unchanged" in again.stdout


def test_update_fills_a_record_from_a_sheet_of_only_some_columns(tmp_path: Path) -> None:
    reg = RegisterDir(tmp_path / "reg")
    reg.partnership("safer-streets")
    source = tmp_path / "hours.csv"
    source.write_text("Id,Officer hours per month\nsafer-streets,12\n", encoding="utf-8")
    ran = invoke("import", str(source), "--root", str(reg.root), "--update")
    assert ran.exit_code == 0, ran.stdout
    assert loaded(reg.root)["safer-streets"]["resources"]["officer_hours_per_month"] == 12


def test_rows_that_give_one_id_twice_are_both_refused_after_the_first(tmp_path: Path) -> None:
    rows = [["Name", "Lead officer", "Statutory", "Significant"], ["Safer Streets", "A", "y", "y"],
            ["Safer streets!", "B", "y", "y"]]  # fmt: skip
    ran = invoke("import", str(workbook(tmp_path / "r.xlsx", rows)), "--root", str(empty_register(tmp_path)))
    assert ran.exit_code == 1
    assert ran.stdout.startswith("r.xlsx:Register!A3: R004 error id `safer-streets` is also row 2's")


def test_a_name_that_gives_no_id_and_a_list_of_records_in_one_cell_are_reported(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["Name", "Lead officer", "Statutory", "Significant", "Representatives"],
            ["???", "A", "y", "y", None], ["Safer Streets", "A", "y", "y", "Cllr Smith (member)"]]  # fmt: skip
    ran = invoke("import", str(workbook(tmp_path / "r.xlsx", rows)), "--root", str(empty_register(tmp_path)))
    assert ran.exit_code == 1
    assert ran.stdout.splitlines()[:2] == [
        "r.xlsx:Register!A2: S001 error no id can be made from this name "
        "(add an Id column with a slug such as `safer-streets-board`)",
        "r.xlsx:Register!E3: S001 error `representatives` cannot be written in one cell "
        "(use columns `representatives.1.<field>`, `representatives.2.<field>`..., or `[]`)",
    ]


def test_dry_run_writes_nothing_and_shows_the_files(tmp_path: Path) -> None:
    source = workbook(tmp_path / "harborough.xlsx", HARBOROUGH_ROWS)
    root = empty_register(tmp_path)
    ran = invoke("import", str(source), "--root", str(root), "--dry-run")
    assert ran.exit_code == 0
    assert "would write register/partnerships/llep-private-sector-growth-group.yaml (row 5)" in ran.stdout
    assert '    name: "LLEP Private Sector Growth Group"' in ran.stdout
    assert ran.stdout.rstrip().splitlines()[-1].startswith("dry run, nothing written.")
    assert not (root / "register/partnerships").exists()


def test_a_chosen_sheet_and_csv_files_import_alike(tmp_path: Path) -> None:
    book = Workbook()
    active(book).title = "Cover"
    active(book).append(["Partnership register", "see next sheet"])
    book.create_sheet("Partnerships 2014").append(["Name", "Lead officer", "Statutory", "Significant", "Partners"])
    book["Partnerships 2014"].append(["Safer Streets", "A Smith", "no", "yes", "Police; Fire Service"])
    book.save(tmp_path / "book.xlsx")
    (tmp_path / "book.csv").write_bytes(
        "\ufeffName,Lead officer,Statutory,Significant,Partners\nSafer Streets,A Smith,no,yes,Police; Fire Service\n"
        .encode()
    )  # fmt: skip

    wrong = invoke("import", str(tmp_path / "book.xlsx"), "--root", str(empty_register(tmp_path, "x")))
    assert wrong.exit_code == 1
    assert "book.xlsx:Cover!A1: S002 error no column for `statutory`" in wrong.stdout
    missing = invoke("import", str(tmp_path / "book.xlsx"), "--sheet", "Nope", "--root", str(tmp_path / "x"))
    assert missing.exit_code == 2
    assert 'its sheets are "Cover", "Partnerships 2014"' in missing.stderr

    from_xlsx, from_csv = empty_register(tmp_path, "a"), empty_register(tmp_path, "b")
    chosen = invoke("import", str(tmp_path / "book.xlsx"), "--sheet", "Partnerships 2014", "--root", str(from_xlsx))
    assert chosen.exit_code == 0
    assert invoke("import", str(tmp_path / "book.csv"), "--root", str(from_csv)).exit_code == 0
    assert loaded(from_xlsx) == loaded(from_csv)
    assert loaded(from_csv)["safer-streets"]["partners"] == ["Police", "Fire Service"]


def test_a_cell_reference_quotes_a_sheet_name_with_spaces(tmp_path: Path) -> None:
    rows = [["Name", "Lead officer", "Statutory", "Significant"], ["X", "A", "no", "?"]]
    source = workbook(tmp_path / "r.xlsx", rows, title="Register 2014")
    ran = invoke("import", str(source), "--root", str(empty_register(tmp_path)))
    assert ran.stdout.startswith("r.xlsx:'Register 2014'!D2: S001 error")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"Name,Lead\n", "notes.txt is not a spreadsheet partreg can read"),
        ("old.xls", b"\xd0\xcf\x11\xe0rest", "old.xls is not a spreadsheet partreg can read"),
        ("fake.xlsx", b"Name,Lead officer\n", "fake.xlsx is not an Excel workbook"),
        ("locked.xlsx", b"\xd0\xcf\x11\xe0rest", "locked.xlsx is password-protected or an old-format (.xls) workbook"),
        ("broken.xlsx", b"PK\x03\x04broken", "broken.xlsx is not an Excel workbook"),
        ("binary.csv", b"PK\x03\x04\x00\x00", "binary.csv is not a CSV text file"),
        ("latin.csv", b"Name\nCaf\xe9\n", "latin.csv line 2: not UTF-8 text"),
    ],
)
def test_files_that_are_not_spreadsheets_cannot_run(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(data)
    ran = invoke("import", str(tmp_path / name), "--root", str(empty_register(tmp_path)))
    assert ran.exit_code == 2
    assert ran.stderr.startswith(f"partreg: error: {message}")


def test_a_spreadsheet_over_the_size_caps_is_refused(tmp_path: Path) -> None:
    source = workbook(tmp_path / "big.xlsx", [["Name", "Lead officer"], *[[f"P{i}", "A"] for i in range(50)]])
    with pytest.raises(PartregError, match="over the 1,000-byte limit"):
        read_sheet(source, limits=Limits(max_bytes=1000))
    with pytest.raises(PartregError, match="unpacks to"):
        read_sheet(source, limits=Limits(max_unpacked_bytes=1000))
    with pytest.raises(PartregError, match="more than 10 rows"):
        read_sheet(source, limits=Limits(max_rows=10))


def test_a_workbook_that_claims_a_million_rows_is_read_by_its_rows(tmp_path: Path) -> None:
    source = workbook(tmp_path / "r.xlsx", [["Name", "Lead officer"], ["X", "A"]])
    book = load_workbook(source)
    active(book)["XFD1048576"] = None  # only the declared dimension grows
    book.save(source)
    assert [row.number for row in read_sheet(source).rows] == [1, 2]


# --- export ---------------------------------------------------------------------------------------


def test_export_to_xlsx_and_csv_then_import_gives_the_bundled_register_back(tmp_path: Path) -> None:
    original = loaded(REPO)
    assert len(original) == 13
    for kind in ("xlsx", "csv"):
        output = tmp_path / f"register.{kind}"
        ran = invoke("export", "--root", str(REPO), "--kind", "partnerships", "--format", kind, "--output", str(output))
        assert ran.exit_code == 0, ran.stderr
        assert ran.stderr == f"wrote {output} (13 partnerships)\n"
        root = empty_register(tmp_path, kind)
        imported = invoke("import", str(output), "--root", str(root))
        assert imported.exit_code == 0, imported.stdout
        assert loaded(root) == original
        again = invoke("import", str(output), "--root", str(root))
        assert "13 rows: 0 new, 0 updated, 13 unchanged" in again.stdout


def test_export_then_import_round_trips_every_field(tmp_path: Path) -> None:
    generated = tmp_path / "generated"
    subprocess.run(
        [sys.executable, str(REPO / "bench/generate.py"), str(generated), "--partnerships", "40"],
        check=True,
        capture_output=True,
    )
    reg = RegisterDir(generated)
    reg.write(
        "partnerships/odd-values.yaml",
        """\
        id: odd-values
        name: "Board; with \\"quotes\\", a # and: colons"
        statutory: no
        significant: no
        lead_officer: "-A Smith"
        partners: ["Police; Crime Commissioner"]
        priorities: []
        representatives: []
        resources:
          financial_contribution: "£1,234.50"
          officer_hours_per_month: 7.25
        custom:
          cost_centre: "0123"
          contacts: [one, two]
          nested: {deep: "#N/A"}
        """,
    )
    original = loaded(generated)
    for kind in ("xlsx", "csv"):
        output = tmp_path / f"register.{kind}"
        assert invoke("export", "--root", str(generated), "--format", kind, "--output", str(output)).exit_code == 0
        root = empty_register(tmp_path, kind)
        imported = invoke("import", str(output), "--root", str(root))
        assert imported.exit_code == 0, imported.stdout
        assert loaded(root) == original


def test_the_xlsx_has_a_bold_frozen_header_sized_columns_and_real_dates(tmp_path: Path) -> None:
    reg = RegisterDir(tmp_path / "reg")
    reg.partnership(
        "safer-streets",
        "id: safer-streets\nname: Safer Streets Board\nstatutory: yes\nsignificant: no\nlead_officer: A Smith\n"
        "review_date: 2025-03-31\nresources:\n  financial_contribution: 8000\n",
    )
    output = tmp_path / "out.xlsx"
    assert invoke("export", "--root", str(reg.root), "--format", "xlsx", "--output", str(output)).exit_code == 0
    sheet = active(load_workbook(output))
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["id", "name", "status"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == len("Safer Streets Board") + 2
    review = sheet.cell(2, header.index("review_date") + 1)
    assert isinstance(review, Cell)
    assert (review.is_date, review.value, review.number_format) == (True, datetime(2025, 3, 31), "yyyy-mm-dd")
    money = sheet.cell(2, header.index("resources.financial_contribution") + 1)
    assert (money.value, money.data_type) == (8000, "n")


def test_exported_cells_cannot_run_as_formulas(tmp_path: Path) -> None:
    reg = RegisterDir(tmp_path / "reg")
    reg.partnership(
        "hyperlink",
        """\
        id: hyperlink
        name: '=HYPERLINK("http://x","y")'
        statutory: no
        significant: no
        lead_officer: "@SUM(A1:A9)"
        purpose: "-2+3"
        form: "\\tcmd"
        statutory_basis: "\\r=1+1"
        partners: ["+cmd|' /C calc'!A0", Police]
        custom:
          tag: "+1-2"
          code: "#N/A"
        """,
    )
    xlsx, comma = tmp_path / "out.xlsx", tmp_path / "out.csv"
    assert invoke("export", "--root", str(reg.root), "--format", "xlsx", "--output", str(xlsx)).exit_code == 0
    assert invoke("export", "--root", str(reg.root), "--format", "csv", "--output", str(comma)).exit_code == 0

    cells = [cell for row in active(load_workbook(xlsx)).iter_rows() for cell in row if cell.value is not None]
    assert [cell.coordinate for cell in cells if cell.data_type != "s" and isinstance(cell.value, str)] == []
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert '\'=HYPERLINK("http://x","y")' in texts
    assert "'+cmd|' /C calc'!A0; Police" in texts
    assert [text for text in texts if text.startswith(FORMULA_STARTS)] == []
    values = [value for row in csv.reader(io.StringIO(comma.read_text(), newline="")) for value in row]
    assert '\'=HYPERLINK("http://x","y")' in values
    assert [value for value in values if value.startswith(FORMULA_STARTS)] == []

    for source in (xlsx, comma):
        root = empty_register(tmp_path, source.suffix[1:])
        assert invoke("import", str(source), "--root", str(root)).exit_code == 0
        assert loaded(root) == loaded(reg.root)


def test_export_assessments_of_a_year_and_actions_as_json_and_csv() -> None:
    assessments = invoke("export", "--root", str(REPO), "--kind", "assessments", "--year", "2023", "--format", "json")
    assert assessments.exit_code == 0, assessments.stderr
    records = json.loads(assessments.stdout)
    assert len(records) == 13
    hwb = next(r for r in records if r["partnership"] == "south-tees-health-and-wellbeing-board")
    assert (hwb["year"], hwb["performance.kpis"], hwb["performance.rating"]) == (2023, [], "green")
    none = invoke("export", "--root", str(REPO), "--kind", "assessments", "--year", "1999", "--format", "json")
    assert json.loads(none.stdout) == []

    actions = invoke("export", "--root", str(REPO), "--kind", "actions", "--format", "csv")
    assert actions.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(actions.stdout)))
    assert list(rows[0])[:4] == ["plan.id", "plan.partnership", "plan.title", "id"]
    assert {row["plan.id"] for row in rows} >= {"north-east-migration-partnership"}
    assert all(row["owner"] and row["target"] for row in rows)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "xlsx"), "--format xlsx needs --output"),
        (("--format", "csv", "--year", "2023"), "--year applies only to --kind assessments"),
        (("--format", "pdf"), "--format: `pdf` is not one of csv, xlsx, json"),
        (("--format", "csv", "--kind", "plans"), "--kind: `plans` is not one of partnerships, assessments, actions"),
    ],
)
def test_export_options_that_cannot_run(args: tuple[str, ...], message: str) -> None:
    ran = invoke("export", "--root", str(REPO), *args)
    assert ran.exit_code == 2
    assert ran.stderr.startswith(f"partreg: error: {message}")


def test_export_never_replaces_a_file_without_force(tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    output.write_text("keep")
    ran = invoke("export", "--root", str(REPO), "--format", "csv", "--output", str(output))
    assert ran.exit_code == 2
    assert output.read_text() == "keep"
    assert invoke("export", "--root", str(REPO), "--format", "csv", "--output", str(output), "--force").exit_code == 0
    assert output.read_text().startswith("id,name,status,")


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"])))
def test_every_text_written_by_import_reads_back_as_itself(text: str) -> None:
    doc, problems = read_document("p.yaml", f"name: {quote(text)}\n".encode())
    assert problems == []
    assert doc is not None
    assert doc.data["name"] == text


# --- update edits the file in place -----------------------------------------------------------

COMMENTED = """\
# Source: Middlesbrough Council, Audit Committee 14 Dec 2023, §§10-11
id: north-east-migration-partnership
name: "North East Migration Partnership"
status: "active"
statutory: no
significant: yes
lead_officer: Not named in the source paper  # para 11
# para 11, "LMT lead" column
accountable_director: Director of Environment and Communities
documents:
  # para 11, planned action (target 31/12/2023)
  code_of_conduct:
    held: no
custom:
  cost_centre: '0123'
# end of the entry
"""


def test_update_edits_only_the_changed_fields_and_keeps_every_comment(tmp_path: Path) -> None:
    reg = RegisterDir(tmp_path / "reg")
    path = reg.partnership("north-east-migration-partnership", COMMENTED)
    source = tmp_path / "u.csv"
    source.write_text(
        "Id,Lead Officer,Officer hours per month,Partners,custom.size\n"
        'north-east-migration-partnership,New Person,12,"Police; Home Office",250\n',
        encoding="utf-8",
    )

    ran = invoke("import", str(source), "--root", str(reg.root), "--update")

    assert ran.exit_code == 0, ran.stdout
    assert path.read_text(encoding="utf-8") == (
        "# Source: Middlesbrough Council, Audit Committee 14 Dec 2023, §§10-11\n"
        "# Imported by partreg from u.csv, sheet u, row 2\n"
        "id: north-east-migration-partnership\n"
        'name: "North East Migration Partnership"\n'
        'status: "active"\n'
        "statutory: no\n"
        "significant: yes\n"
        "partners:\n"
        "  - Police\n"
        "  - Home Office\n"
        "lead_officer: New Person  # para 11\n"
        '# para 11, "LMT lead" column\n'
        "accountable_director: Director of Environment and Communities\n"
        "resources:\n"
        "  officer_hours_per_month: 12\n"
        "documents:\n"
        "  # para 11, planned action (target 31/12/2023)\n"
        "  code_of_conduct:\n"
        "    held: no\n"
        "custom:\n"
        "  cost_centre: '0123'\n"
        "  size: 250\n"
        "# end of the entry\n"
    )
    assert canonical_text(path.read_text(encoding="utf-8"), Kind.PARTNERSHIP) == path.read_text(encoding="utf-8")
    again = invoke("import", str(source), "--root", str(reg.root), "--update")
    assert "1 row: 0 new, 0 updated, 1 unchanged" in again.stdout


def test_update_fills_in_a_new_partnership_file_keeping_its_field_notes(tmp_path: Path) -> None:
    reg = RegisterDir(tmp_path / "reg")
    skeleton = partnership_skeleton("safer-streets", "Safer Streets", "A Smith", statutory=True, significant=False)
    path = reg.partnership("safer-streets", skeleton.text)
    source = workbook(tmp_path / "r.xlsx", [["Id", "Financial contribution", "Name"], ["safer-streets", 8000.5, "Yes"]])

    ran = invoke("import", str(source), "--root", str(reg.root), "--update")

    assert ran.exit_code == 0, ran.stdout
    text = path.read_text(encoding="utf-8")
    assert '  financial_contribution: 8000.5  # pounds a year: 8000, or "£8,000"\n' in text
    assert 'name: "Yes"  # as the council\'s papers name it\n' in text  # quoted: `Yes` is a boolean to some
    assert text.count("#") == skeleton.text.count("#") + 1  # every comment, and the import's note
    assert loaded(reg.root)["safer-streets"]["resources"]["financial_contribution"] == Decimal("8000.5")


# --- formulas, other kinds, the --map file ----------------------------------------------------


def test_a_formula_with_no_saved_value_is_reported_at_its_cell(tmp_path: Path) -> None:
    # openpyxl writes formulas without their results, as a script or a web app would.
    rows: list[list[Any]] = [
        ["Id", "Partnership", "Lead Officer", "Statutory", "Significant", "Officer hours", "Contribution", "Notes"],
        ["a", "Formula Board", "A", "Y", "N", "=1+2", "=SUM(1,2)", "=NOW()"],
        ["b", '=HYPERLINK("http://x","click")', "B", "Y", "N", 4, 100, None],
    ]
    source = workbook(tmp_path / "r.xlsx", rows)
    mapping = tmp_path / "columns.yaml"
    mapping.write_text("Notes: ~\n", encoding="utf-8")

    ran = invoke("import", str(source), "--root", str(empty_register(tmp_path)), "--map", str(mapping))

    assert ran.exit_code == 1
    hint = "(open the file in Excel and save it, or type the value)"
    assert ran.stdout.splitlines()[:3] == [
        f"r.xlsx:Register!F2: S001 error `=1+2` is a formula with no saved value {hint}",
        f"r.xlsx:Register!G2: S001 error `=SUM(1,2)` is a formula with no saved value {hint}",
        f'r.xlsx:Register!B3: S001 error `=HYPERLINK("http://x","click")` is a formula with no saved value {hint}',
    ]
    assert "is empty" not in ran.stdout  # the formula is the problem, not an empty name
    assert "0 new, 0 updated, 0 unchanged, 2 with errors" in ran.stdout


@pytest.mark.parametrize(("kind", "named"), [("assessments", "`partnership` and `year`"), ("actions", "`plan.id`")])
def test_an_export_of_assessments_or_actions_is_refused_naming_what_it_holds(
    tmp_path: Path, kind: str, named: str
) -> None:
    output = tmp_path / f"{kind}.csv"
    assert invoke("export", "--root", str(REPO), "--kind", kind, "--format", "csv", "-o", str(output)).exit_code == 0
    ran = invoke("import", str(output), "--root", str(empty_register(tmp_path)))
    assert ran.exit_code == 2
    assert ran.stderr.startswith(f"partreg: error: {kind}.csv holds ")
    assert named in ran.stderr
    assert "partreg import reads partnerships only" in ran.stderr


def test_a_map_entry_for_a_header_the_sheet_does_not_have_is_an_error(tmp_path: Path) -> None:
    source = workbook(tmp_path / "r.xlsx", [["Name", "Officer", "Statutory", "Significant"], ["X", "A", "y", "n"]])
    mapping = tmp_path / "columns.yaml"
    mapping.write_text('Officer: lead_officer\n"Lead Oficer": ~\n', encoding="utf-8")
    ran = invoke("import", str(source), "--root", str(empty_register(tmp_path)), "--map", str(mapping))
    assert ran.exit_code == 1
    assert ran.stdout.startswith(
        "columns.yaml:2:1: S003 error `Lead Oficer` is not a header in r.xlsx, sheet Register (row 1) "
        "(check its spelling against row 1, or remove it from columns.yaml)\n"
    )


# --- export then import gives back exactly what was written ----------------------------------

TRICKY_TEXTS = ["'=x", "''=x", "=x", "'abc", "'", "-5", "'-5", "+44 1234", "@home", "[draft] plan"]


def test_export_then_import_keeps_quotes_line_breaks_and_custom_numbers(tmp_path: Path) -> None:
    reg = RegisterDir(tmp_path / "reg")
    for number, text in enumerate(TRICKY_TEXTS):
        reg.partnership(
            f"p{number}",
            f"id: p{number}\nname: {quote(text)}\npurpose: {quote(text)}\nstatutory: no\nsignificant: no\n"
            f'lead_officer: A\npartners: [{quote(text)}, "x\\ny"]\npriorities: ["[]", " padded", "a; b"]\n'
            f"tags: [one]\ncustom:\n  nested:\n    deep: 1\n  money: 2.50\n  code: '0123'\n",
        )
    original = loaded(reg.root)
    for kind in ("xlsx", "csv"):
        output = tmp_path / f"register.{kind}"
        assert invoke("export", "--root", str(reg.root), "--format", kind, "--output", str(output)).exit_code == 0
        root = empty_register(tmp_path, kind)
        imported = invoke("import", str(output), "--root", str(root))
        assert imported.exit_code == 0, imported.stdout
        assert loaded(root) == original
        text = (root / "register/partnerships/p0.yaml").read_text(encoding="utf-8")
        assert 'custom:\n  nested:\n    deep: 1\n  money: 2.50\n  code: "0123"\n' in text


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]))))
def test_every_list_of_text_reads_back_from_its_cell(items: list[str]) -> None:
    assert list_items(list_cell(items)) == items


@given(st.text(alphabet="'=+-@\t\rab ", max_size=8))
def test_the_formula_prefix_is_taken_off_exactly(text: str) -> None:
    assert without_quote_prefix(quote_prefixed(text)) == text
    assert not quote_prefixed(text).startswith(FORMULA_STARTS)


# --- round 2: footnotes, identical rows, the existing file, reproducible exports --------------


def test_a_note_under_the_table_is_skipped_as_the_total_row_is(tmp_path: Path) -> None:
    # Harborough's register ends with the footnote its hours column points to.
    rows = [*HARBOROUGH_ROWS, [], ["*Rough estimate"], ["Note: figures for 2013/14"]]
    ran = invoke("import", str(workbook(tmp_path / "h.xlsx", rows)), "--root", str(empty_register(tmp_path)))
    assert ran.exit_code == 0, ran.stdout
    assert "4 rows: 4 new, 0 updated, 0 unchanged, 0 with errors; 3 skipped" in ran.stdout


def test_a_note_like_row_with_data_below_it_is_still_read_as_a_partnership(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        HARBOROUGH_HEADER,
        ["*Starred Board"],
        ["Welland Market Towns Group", "A", 4, None, "No", "No"],
    ]
    ran = invoke("import", str(workbook(tmp_path / "h.xlsx", rows)), "--root", str(empty_register(tmp_path)))
    assert ran.exit_code == 1
    assert "h.xlsx:Register!B2: S002 error" in ran.stdout


def test_a_row_identical_to_its_record_is_unchanged_with_or_without_update(tmp_path: Path) -> None:
    # A file as `partreg new` writes it: every field present, most of them empty.
    reg = RegisterDir(tmp_path / "reg")
    skeleton = partnership_skeleton("safer-streets", "Safer Streets", "A Smith", statutory=True, significant=False)
    reg.partnership("safer-streets", skeleton.text)
    exported = tmp_path / "register.xlsx"
    assert invoke("export", "--root", str(reg.root), "--format", "xlsx", "-o", str(exported)).exit_code == 0

    for update in ([], ["--update"]):
        ran = invoke("import", str(exported), "--root", str(reg.root), "--dry-run", *update)
        assert ran.exit_code == 0, ran.stdout
        assert "1 row: 0 new, 0 updated, 1 unchanged, 0 with errors" in ran.stdout

    header = ["Id", "Name", "Lead officer", "Statutory", "Significant"]
    changed = workbook(tmp_path / "changed.xlsx", [header, ["safer-streets", "Safer Streets", "B", "y", "n"]])
    refused = invoke("import", str(changed), "--root", str(reg.root))
    assert refused.exit_code == 1
    assert "R004 error `safer-streets` is already in the register" in refused.stdout
    assert "(give --update to merge the row into it)" in refused.stdout


def test_an_existing_record_that_is_a_symbolic_link_is_not_read(tmp_path: Path) -> None:
    reg = RegisterDir(tmp_path / "reg")
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: safer-streets\nname: S\nstatutory: yes\nsignificant: no\nlead_officer: A\n")
    (reg.root / "register/partnerships").mkdir()
    (reg.root / "register/partnerships/safer-streets.yaml").symlink_to(outside)
    rows = [["Id", "Name", "Lead officer", "Statutory", "Significant"], ["safer-streets", "S", "B", "yes", "no"]]

    for update in ([], ["--update"]):
        ran = invoke("import", str(workbook(tmp_path / "r.xlsx", rows)), "--root", str(reg.root), *update)
        assert ran.exit_code == 1, ran.stdout + ran.stderr
        assert ran.stdout.startswith(
            "r.xlsx:Register!A2: R004 error cannot tell whether `safer-streets` is already in the register: "
            "register/partnerships/safer-streets.yaml: symbolic link: partreg does not follow links "
            "(replace the link with the file or folder itself)\n"
        )
    assert outside.read_text().startswith("id: safer-streets\nname: S\n")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_an_existing_record_that_cannot_be_read_refuses_its_row(tmp_path: Path) -> None:
    reg = RegisterDir(tmp_path / "reg")
    path = reg.partnership("safer-streets")
    path.chmod(0)
    rows = [["Id", "Name", "Lead officer", "Statutory", "Significant"], ["safer-streets", "S", "B", "yes", "no"]]
    try:
        ran = invoke("import", str(workbook(tmp_path / "r.xlsx", rows)), "--root", str(reg.root))
    finally:
        path.chmod(0o644)
    assert ran.exit_code == 1, ran.stderr
    assert "cannot read the file: Permission denied (check its permissions)" in ran.stdout


def test_map_file_problems_come_before_the_sheets_whatever_their_lines(tmp_path: Path) -> None:
    rows = [["Name", "Officer", "Statutory", "Significant"], ["X", "A", "maybe", "n"]]
    mapping = tmp_path / "columns.yaml"
    mapping.write_text('\n\n\nOfficer: lead_officer\n"Lead Oficer": ~\n', encoding="utf-8")
    ran = invoke("import", str(workbook(tmp_path / "r.xlsx", rows)), "--root", str(empty_register(tmp_path)),
                 "--map", str(mapping))  # fmt: skip
    assert ran.exit_code == 1
    assert [line.split(": ")[0] for line in ran.stdout.splitlines()[:2]] == ["columns.yaml:5:1", "r.xlsx:Register!C2"]


def test_an_xlsx_export_is_the_same_bytes_every_time(tmp_path: Path) -> None:
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    for output in (first, second):
        assert invoke("export", "--root", str(REPO), "--format", "xlsx", "-o", str(output)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    # Nothing in it is the time of the export: not the workbook's properties, not the zip entries' dates.
    properties = load_workbook(first).properties
    assert (properties.created, properties.modified) == (datetime(1980, 1, 1), datetime(1980, 1, 1))
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
