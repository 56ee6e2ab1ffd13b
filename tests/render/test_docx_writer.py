"""The Word writer on its own: references made in Word, UK defaults, column widths and control characters.

Each test reopens the real .docx bytes with python-docx or zipfile.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, Twips
from lxml import etree

from partreg.errors import PartregError
from partreg.render import charts
from partreg.render.docx_writer import RagCell, WordDocument
from tests.support.cli import invoke
from tests.support.registers import RegisterDir

DAY = date(2023, 12, 14)
# Styles partreg uses that a reference saved by Word often lacks: Word writes only the styles in use.
PARTREG_STYLES = ("Title", "Subtitle", "heading 1", "heading 2", "heading 3", "List Bullet", "caption", "Table Grid")
# Arial's widths (as Liberation Sans, its metric twin), at the tables' 10 pt, in twips, plus Word's cell
# margins of 108 each side.
DATE_IN_A_CELL = 1125 * 10 // 11 + 216
STATUTORY_BOLD_IN_A_CELL = 966 * 10 // 11 + 216
A4_TEXT_WIDTH = 11906 - 2 * 1440
A4_LANDSCAPE_TEXT_WIDTH = 16838 - 2 * 1440


def _bytes(document: DocxDocument) -> bytes:
    raw = io.BytesIO()
    document.save(raw)
    return raw.getvalue()


def _without_styles(*names: str) -> DocxDocument:
    """python-docx's template less the named styles, as a reference saved by Word lacks them."""
    document = Document()
    styles = document.styles.element
    for style in list(styles.iterchildren(qn("w:style"))):
        if style.find(qn("w:name")).get(qn("w:val")) in names:
            styles.remove(style)
    return document


def _every_block(doc: WordDocument) -> None:
    doc.title("Annual assurance report", "Audit Committee")
    doc.heading("Summary", 1)
    doc.heading("Partnerships", 2)
    doc.heading("Safer Streets Board", 3)
    doc.paragraphs("One paragraph.\n\nAnother.")
    doc.bullets(["first", "second"])
    doc.table(["Partnership", "Governance"], [["Safer Streets Board", RagCell("▲ Amber", "FFC000")]])
    counts = {"green": 1, "amber": 2, "red": 0, "unrated": 0}
    doc.chart(charts.rag_chart({"governance": counts, "performance": counts}))
    doc.provenance("Built by partreg")
    doc.set_properties("Annual assurance report", "the Council, 2023", DAY)


def _reopen(doc: WordDocument) -> DocxDocument:
    return Document(io.BytesIO(doc.to_bytes()))


def _every_block_in(reference: bytes | None) -> DocxDocument:
    doc = WordDocument(reference)
    _every_block(doc)
    return _reopen(doc)


def _style_names(document: DocxDocument) -> list[str]:
    return [style.name for style in document.styles]


def _parts(data: bytes) -> dict[str, bytes]:
    package = zipfile.ZipFile(io.BytesIO(data))
    return {name: package.read(name) for name in package.namelist()}


def _twips(document: DocxDocument, table: int = 0) -> list[int]:
    return [column.width.twips for column in document.tables[table].columns if column.width is not None]


# 1. A council's reference .docx without the styles partreg uses


def test_a_reference_without_partregs_styles_gets_them_from_python_docx() -> None:
    reference = _without_styles(*PARTREG_STYLES)
    reference.styles["Normal"].font.name = "Verdana"
    document = _every_block_in(_bytes(reference))
    styles = {paragraph.text: paragraph.style.name for paragraph in document.paragraphs if paragraph.style}
    assert styles["Annual assurance report"] == "Title"
    assert styles["Audit Committee"] == "Subtitle"
    assert (styles["Summary"], styles["Partnerships"], styles["Safer Streets Board"]) == (
        "Heading 1",
        "Heading 2",
        "Heading 3",
    )
    assert [name for text, name in styles.items() if text.startswith("Ratings: ")] == ["Caption"]
    # List Bullet's bullets are a numbering definition the reference does not have: a bullet character instead.
    assert styles["• first"] == "Normal"
    assert document.tables[0].style is not None and document.tables[0].style.name == "Table Grid"
    names = _style_names(document)
    for name in ("Title", "Title Char", "Subtitle", "Heading 1", "Heading 3", "Caption", "Table Grid"):
        assert names.count(name) == 1, name
    assert "List Bullet" not in names
    assert document.styles["Normal"].font.name == "Verdana"  # the council's own styles are kept


def test_a_reference_keeps_its_own_styles_and_ids_are_not_reused() -> None:
    reference = _without_styles("Title")
    # A council style whose id python-docx's Title would take, and LibreOffice's capitalised heading name.
    council = reference.styles.add_style("Council Title", WD_STYLE_TYPE.PARAGRAPH)
    council.style_id = "Title"
    reference.styles["Heading 1"].element.find(qn("w:name")).set(qn("w:val"), "Heading 1")
    reference.styles.element.get_by_id("Heading1").find(qn("w:rPr")).append(etree.Element(qn("w:caps")))
    document = _every_block_in(_bytes(reference))
    title, heading = document.paragraphs[0], document.paragraphs[2]
    assert title.style is not None and title.style.name == "Title"
    assert title.style.style_id != "Title"
    assert document.styles.element.get_by_id("Title").name_val == "Council Title"
    assert heading.style is not None and heading.style.style_id == "Heading1"  # the council's own heading
    assert heading.style.font.all_caps
    assert [style.style_id for style in document.styles].count("Heading1") == 1


def test_a_reference_style_of_another_kind_falls_back_to_bold() -> None:
    reference = _without_styles("Title", "Title Char")
    reference.styles.add_style("Title", WD_STYLE_TYPE.CHARACTER)
    document = _every_block_in(_bytes(reference))
    title = document.paragraphs[0]
    assert title.text == "Annual assurance report"
    assert title.style is not None and title.style.name == "Normal"
    assert all(run.bold for run in title.runs)


def _reference_register(reg: RegisterDir, reference: bytes) -> None:
    reg.partnership()
    reg.assessment()
    (reg.root / "templates").mkdir()
    (reg.root / "templates" / "reference.docx").write_bytes(reference)


def test_report_with_a_reference_made_without_partregs_styles(reg: RegisterDir) -> None:
    _reference_register(reg, _bytes(_without_styles(*PARTREG_STYLES)))
    out = reg.root / "out.docx"
    ran = invoke("report", "--root", str(reg.root), "--today", "2024-01-31", "-o", str(out))
    assert ran.exit_code == 0, ran.stderr
    headings = [p.style.name for p in Document(str(out)).paragraphs if p.style and p.style.name.startswith("Head")]
    assert "Heading 1" in headings


def _zip(files: dict[str, bytes]) -> bytes:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as package:
        for name, data in files.items():
            package.writestr(name, data)
    return raw.getvalue()


def _without_document_xml() -> bytes:
    return _zip({name: data for name, data in _parts(_bytes(Document())).items() if name != "word/document.xml"})


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"These are the council's styles.\n", "File is not a zip file"),
        (_zip({"styles.txt": b"Heading 1: Arial"}), "no item named '[Content_Types].xml'"),
        (_without_document_xml(), "no item named 'word/document.xml'"),
    ],
)
def test_a_reference_that_is_not_a_docx_is_a_usage_error(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "council.docx"
    path.write_bytes(content)
    with pytest.raises(PartregError) as raised:
        WordDocument(path)
    assert raised.value.message.startswith(f"the reference document {path} is not a Word .docx file: ")
    assert reason in raised.value.message
    assert raised.value.hint
    with pytest.raises(PartregError, match=r"^the reference document templates/reference\.docx is not a Word"):
        WordDocument(content)


def test_report_with_a_text_file_as_reference_exits_2(reg: RegisterDir, tmp_path: Path) -> None:
    reg.partnership()
    reg.assessment()
    notes = tmp_path / "styles.txt"
    notes.write_text("Use Arial 12.\n", encoding="utf-8")
    ran = invoke("report", "--root", str(reg.root), "--reference-docx", str(notes), "-o", str(tmp_path / "r.docx"))
    assert ran.exit_code == 2
    assert f"partreg: error: the reference document {notes} is not a Word .docx file: " in ran.stderr
    assert "internal error" not in ran.stderr
    assert not (tmp_path / "r.docx").exists()


# 2. UK defaults, properties and the package


def test_without_a_reference_the_page_is_a4_and_the_language_british() -> None:
    document = _every_block_in(None)
    for section in document.sections:
        assert (section.page_width, section.page_height) == (Twips(11906), Twips(16838))
        assert section.orientation == WD_ORIENT.PORTRAIT
        margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        assert margins == (Twips(1440),) * 4
    languages = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    assert languages == ["en-GB"]


def test_a_reference_keeps_its_own_page_and_language() -> None:
    reference = Document()
    section = reference.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Twips(16838), Twips(11906)
    section.left_margin = section.right_margin = Inches(0.5)
    document = _every_block_in(_bytes(reference))
    kept = document.sections[0]
    assert (kept.page_width, kept.page_height, kept.left_margin) == (Twips(16838), Twips(11906), Inches(0.5))
    assert document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val") == ["en-US"]
    # The tables use the landscape page's width.
    assert sum(_twips(document)) > A4_TEXT_WIDTH


def test_properties_say_nothing_of_python_docx_and_nothing_was_printed() -> None:
    reference = Document()
    reference.core_properties.last_printed = datetime(2019, 5, 1)
    reference.core_properties.comments = "Council template v3"
    for doc in (WordDocument(), WordDocument(_bytes(reference))):
        _every_block(doc)
        data = doc.to_bytes()
        core = _parts(data)["docProps/core.xml"]
        assert b"python-docx" not in core
        assert b"lastPrinted" not in core
        properties = Document(io.BytesIO(data)).core_properties
        assert (properties.comments, properties.last_printed) == ("", None)
        assert (properties.title, properties.author) == ("Annual assurance report", "partreg")
        assert properties.created is not None and properties.modified is not None
        assert properties.created.date() == properties.modified.date() == DAY


def test_no_parts_that_describe_the_template() -> None:
    """No thumbnail of a blank page, no American Word 2010 styles, no template's word counts."""
    doc = WordDocument()
    _every_block(doc)
    parts = _parts(doc.to_bytes())
    assert not {"docProps/thumbnail.jpeg", "word/stylesWithEffects.xml", "docProps/app.xml"} & set(parts)
    assert b"thumbnail" not in parts["_rels/.rels"]
    assert b"jpeg" not in parts["[Content_Types].xml"]
    assert Document(io.BytesIO(doc.to_bytes())).core_properties.title == "Annual assurance report"


def test_the_same_input_gives_the_same_bytes() -> None:
    def build(reference: bytes | None) -> bytes:
        doc = WordDocument(reference)
        _every_block(doc)
        return doc.to_bytes()

    assert build(None) == build(None)
    reference = _bytes(_without_styles(*PARTREG_STYLES))
    first, second = build(reference), build(reference)
    assert _parts(first)["word/document.xml"] == _parts(second)["word/document.xml"]
    assert first == second


# 3. Column widths


def test_narrow_columns_fit_a_date_and_a_whole_header_word() -> None:
    doc = WordDocument()
    name = "Childrens Services Executive Improvement Board, with a long name that needs the room"
    doc.table(
        ["Partnership", "Statutory", "Issue", "Target date", "Status"],
        [[name, "No", "KPIs are in place and performance is at 90% which is the target. " * 3, "2023-12-14", "Open"]],
    )
    widths = _twips(_reopen(doc))
    assert widths[3] >= DATE_IN_A_CELL
    assert widths[1] >= STATUTORY_BOLD_IN_A_CELL
    assert sum(widths) <= A4_TEXT_WIDTH
    assert max(widths) in (widths[0], widths[2])  # the long texts keep the most room


def test_with_too_many_long_words_the_longest_break_not_the_dates() -> None:
    doc = WordDocument()
    words = ["Neighbourhoods", "Safeguarding", "Improvements", "Partnerships/Head", "Environmental"]
    doc.table(["Ref", *words, "Target", *words], [["1", *words, "2023-12-14", *words]])
    reopened = _reopen(doc)
    widths = _twips(reopened)
    assert reopened.sections[-2].orientation == WD_ORIENT.LANDSCAPE  # even turned, too wide for every word
    assert sum(widths) <= A4_LANDSCAPE_TEXT_WIDTH
    assert widths[6] >= DATE_IN_A_CELL * 0.95  # all give a little when the estimate is within its slack
    assert widths[0] < widths[6]  # "Ref" and "1" need little
    assert len(set(widths[1:6])) == 1  # the long words share what is left


def test_widths_stay_in_proportion_when_no_column_is_too_narrow() -> None:
    doc = WordDocument()
    doc.table(["Name", "Notes"], [["a" * 20, "b" * 40]])
    name, notes = _twips(_reopen(doc))
    assert abs(notes - 2 * name) <= 2
    assert name + notes <= A4_TEXT_WIDTH


def test_too_many_columns_still_fit_the_page() -> None:
    doc = WordDocument()
    header = [f"Performance{index}" for index in range(9)]
    doc.table(header, [["2023-12-14"] * 9])
    reopened = _reopen(doc)
    widths = _twips(reopened)
    assert sum(widths) <= A4_LANDSCAPE_TEXT_WIDTH
    assert len(set(widths)) == 1


def test_a_table_too_wide_for_a_portrait_page_turns_landscape_with_its_heading() -> None:
    doc = WordDocument()
    doc.heading("Partnership Register", 1)
    header = [f"Performance{index}" for index in range(9)]
    doc.table(header, [["2023-12-14"] * 9])
    doc.paragraphs("After the table.")
    reopened = _reopen(doc)
    orientations = [section.orientation for section in reopened.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    body = reopened.element.body
    heading = next(p for p in reopened.paragraphs if p.text == "Partnership Register")._p
    table = reopened.tables[0]._tbl
    assert body.index(heading) == body.index(table) - 1  # the heading turned the page with its table


def test_widths_use_a_reference_pages_text_width() -> None:
    reference = Document()
    reference.sections[0].left_margin = reference.sections[0].right_margin = Inches(2)
    doc = WordDocument(_bytes(reference))
    doc.table(["Name", "Notes"], [["aaaa " * 8, "bbbb " * 8]])
    text_width = 12240 - 2 * Inches(2).twips  # python-docx's template is US Letter, 8.5 inches wide
    assert text_width - 2 <= sum(_twips(_reopen(doc))) <= text_width


# 4. Characters XML cannot hold


# A partnership's name with a bell, a vertical tab (Word's own line break, pasted), a NUL and a lone surrogate.
# The register refuses control characters (S004); the writer must hold whatever text reaches it all the same.
CONTROL = "Safer\x07 Streets\x0b Board\x00\ud800"


def test_control_characters_are_left_out_or_spaced() -> None:
    doc = WordDocument()
    doc.title(CONTROL, CONTROL)
    doc.heading(CONTROL, 2)
    doc.paragraphs(CONTROL)
    doc.bullets([CONTROL])
    doc.table([CONTROL, "Rating"], [[CONTROL, RagCell(CONTROL, "FFC000")]])
    bar = charts.Bar("Green", 1, "#00703C", "circle")
    doc.chart(charts.Chart(CONTROL, (charts.Group(CONTROL, (bar,)),)))
    doc.provenance(CONTROL)
    doc.set_properties(CONTROL, CONTROL, DAY)
    data = doc.to_bytes()
    for name, part in _parts(data).items():
        if name.endswith(".xml"):
            etree.fromstring(part)  # well-formed XML 1.0
    document = Document(io.BytesIO(data))
    cleaned = "Safer Streets  Board"
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[:3] == [cleaned, cleaned, cleaned]
    assert "Safer Streets Board" in texts  # paragraphs() joins words with one space
    assert [p.text for p in document.paragraphs if p.style is not None and p.style.name == "List Bullet"] == [cleaned]
    assert texts[-1] == cleaned
    assert [cell.text for cell in document.tables[0].rows[1].cells] == [cleaned, cleaned]
    assert document.tables[0].rows[0].cells[0].text == cleaned
    assert document.core_properties.title == document.core_properties.subject == cleaned
    assert document.inline_shapes[0]._inline.docPr.get("title") == cleaned


def test_without_a_reference_text_is_arial_tables_10_pt_and_rows_never_split() -> None:
    doc = WordDocument()
    doc.table(["Partnership", "Target date"], [["Tees Valley Combined Authority", "2023-12-14"]])
    reopened = _reopen(doc)
    fonts = reopened.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts")[0]
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Arial"
    assert reopened.styles["Table Grid"].font.size == Pt(10)
    body_row = reopened.tables[0].rows[1]._tr
    assert body_row.xpath("w:trPr/w:cantSplit")
