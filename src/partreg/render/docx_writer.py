"""Word building blocks over python-docx: real headings, real tables with header rows, RAG cells
that say the word and are shaded, charts as images with alt text, and fixed timestamps.

The report kinds lay their documents out with these blocks; a council's reference .docx
supplies the styles and the page. Without one the page is A4 and the language British English.
"""

from __future__ import annotations

import copy
import functools
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor, Twips
from docx.styles.style import BaseStyle, CharacterStyle
from docx.styles.styles import Styles
from docx.text.paragraph import Paragraph
from lxml import etree

from partreg.errors import PartregError
from partreg.render import charts
from partreg.render.words import RAG_SHADES

# Every part of the package gets this time, so the same data gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# How a reference given as bytes is named in messages: bytes come from templates/ at a Git revision.
_REFERENCE_IN_TEMPLATES = "templates/reference.docx"


@dataclass(frozen=True, slots=True)
class RagCell:
    label: str  # the shape and the word: "▲ Amber"
    shade: str  # hex fill


Cell = str | int | float | RagCell | None


class WordDocument:
    def __init__(self, reference: Path | bytes | None = None, *, reference_name: str = "") -> None:
        """`reference_name` names the reference in messages; by default its path, or templates/reference.docx."""
        if reference is None:
            self.document = Document()
            _uk_defaults(self.document)
        else:
            name = reference_name or (_REFERENCE_IN_TEMPLATES if isinstance(reference, bytes) else str(reference))
            self.document = _open_reference(reference, name)
            self._clear_body()
        _drop_stale_parts(self.document)
        self._provenance = ""
        self._styles: dict[tuple[str, WD_STYLE_TYPE], BaseStyle | None] = {}
        self._text_width = _text_width(self.document)
        self._font_size = _table_font_size(self.document)

    def _clear_body(self) -> None:
        body = self.document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)

    def _style(self, wanted: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> BaseStyle | None:
        """The document's style named `wanted`, or None to format by hand. A reference .docx made in Word
        holds only the styles its author used, so a missing one is copied from python-docx's template."""
        key = (wanted, kind)
        if key not in self._styles:
            styles = self.document.styles
            found = _named(styles, wanted)
            if found is None and wanted.lower() not in _NOT_COPIED:
                source = _named(_template_styles(), wanted)
                if source is not None:
                    _adopt(source.element, styles.element, _template_styles().element)
                    found = _named(styles, wanted)
            # A style of another kind under the same name cannot be applied; copying ours would duplicate the name.
            self._styles[key] = found if found is not None and found.type == kind else None
        return self._styles[key]

    def _paragraph(self, text: str, style_name: str) -> Paragraph:
        """A paragraph in the named style, or in Normal if the document has no such paragraph style."""
        paragraph = self.document.add_paragraph(text)
        style = self._style(style_name)
        if style is not None:
            # By id: python-docx's own lookup reads every style in the document for each paragraph.
            paragraph._p.style = style.style_id
        return paragraph

    def title(self, text: str, subtitle: str = "") -> None:
        self.heading(text, 0)
        if subtitle:
            self._paragraph(_xml_text(subtitle), "Subtitle")

    def heading(self, text: str, level: int) -> None:
        """Level 0 is the title."""
        if not 0 <= level <= 9:
            raise ValueError(f"a heading level is 0 to 9, not {level}")
        style_name = "Title" if level == 0 else f"Heading {level}"
        paragraph = self._paragraph(_xml_text(text), style_name)
        if self._style(style_name) is None:
            for run in paragraph.runs:  # no usable heading style: at least make it stand out
                run.bold = True

    def paragraphs(self, text: str, *, keep_with_next: bool = False) -> None:
        """Text with blank lines between paragraphs; `keep_with_next` for a lead-in to what follows
        (a table's priority line, say), so a page never ends with it."""
        for block in (part.strip() for part in _xml_text(text).split("\n\n")):
            if block:
                paragraph = self.document.add_paragraph(" ".join(block.split()))
                paragraph.paragraph_format.keep_with_next = keep_with_next or None

    def bullets(self, items: Iterable[str]) -> None:
        bulleted = self._style("List Bullet") is not None
        for item in map(_xml_text, items):
            self._paragraph(item if bulleted else f"• {item}", "List Bullet")

    def rag(self, cell: dict[str, Any]) -> RagCell:
        marker = "*" if cell.get("differs") else ""
        return RagCell(f"{cell['label']}{marker}", RAG_SHADES[cell["value"]])

    def table(self, header: list[str], rows: list[list[Cell]]) -> None:
        """A table with a repeating header row; one too wide for the page's words to fit whole goes on
        landscape pages of its own (as councils print a wide register), then the page turns back."""
        header = [_xml_text(text) for text in header]
        crowded = sum(_minimum_widths(header, rows, self._font_size)) * _ESTIMATE_SLACK > self._text_width
        heading = self._last_heading()
        if crowded and _turn_landscape(self.document):
            if heading is not None:  # the table's heading turns the page with it
                body = self.document.element.body
                body.insert(len(body) - 1, heading)  # before the body's own section properties, last
            self._text_width = _text_width(self.document)
            self._table(header, rows)
            _turn_landscape(self.document, back=True)
            self._text_width = _text_width(self.document)
            return
        self._table(header, rows)

    def _last_heading(self) -> Any | None:
        """The body's last paragraph when it is a heading (the one a table follows), else None."""
        last = self.document.element.body[-2] if len(self.document.element.body) > 1 else None
        style = last.find(f"{_P_PR}/{_P_STYLE}") if last is not None and last.tag == _P else None
        return last if style is not None and str(style.get(_VAL)).lower().startswith("heading") else None

    def _table(self, header: list[str], rows: list[list[Cell]]) -> None:
        table = self.document.add_table(rows=1, cols=len(header))
        grid = self._style("Table Grid", WD_STYLE_TYPE.TABLE)
        if grid is not None:
            table._tbl.tblStyle_val = grid.style_id
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        header_row = table.rows[0]
        _mark_header(header_row)
        widths = [Twips(width) for width in _column_widths(header, rows, self._text_width, self._font_size)]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for cell, text, width in zip(header_row.cells, header, widths, strict=True):
            cell.width = width
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
        for values in rows:
            _append_row(table._tbl, values)
        self.document.add_paragraph()

    def chart(self, chart: charts.Chart) -> None:
        title, description = _xml_text(chart.title), _xml_text(chart.description)
        self.document.add_picture(io.BytesIO(charts.png(chart)), width=Inches(5.8))
        self.document.paragraphs[-1].paragraph_format.keep_with_next = True  # the caption stays with its chart
        inline = self.document.inline_shapes[-1]._inline
        inline.docPr.set("descr", f"{title}. {description}")
        inline.docPr.set("title", title)
        caption = self._paragraph(f"{title}: {description}.", "Caption")
        caption.runs[0].font.size = Pt(9)

    def provenance(self, text: str) -> None:
        """What the report was built from; written last, after any appendix."""
        self._provenance = _xml_text(text.replace("`", ""))

    def set_properties(self, title: str, subject: str, data_date: date) -> None:
        properties = self.document.core_properties
        moment = datetime.combine(data_date, time(), tzinfo=UTC)
        # Word keeps at most 255 characters in a property.
        properties.title = _xml_text(title)[:255]
        properties.subject = _xml_text(subject)[:255]
        properties.author = "partreg"
        properties.last_modified_by = "partreg"
        properties.comments = ""  # python-docx's template says "generated by python-docx"
        properties.created = moment
        properties.modified = moment
        properties.revision = 1
        # Nobody has printed this document; a reference .docx may carry the date its template was printed.
        element = properties._element
        for printed in element.findall(qn("cp:lastPrinted")):
            element.remove(printed)

    def to_bytes(self) -> bytes:
        if self._provenance:
            run = self.document.add_paragraph().add_run(self._provenance)
            run.italic = True
            run.font.size = Pt(8)
        raw = io.BytesIO()
        self.document.save(raw)
        return _fixed_times(raw.getvalue())


# What python-docx raises for bytes that are not a .docx: not a zip, a zip without the parts a Word
# document has (KeyError), another Office file (ValueError), or parts that are not XML.
_NOT_DOCX = (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError, etree.LxmlError)


def _open_reference(reference: Path | bytes, name: str) -> DocxDocument:
    try:
        # Read as bytes: python-docx calls a path to anything but a zip "package not found".
        data = reference if isinstance(reference, bytes) else reference.read_bytes()
    except OSError as exc:
        raise PartregError(f"cannot read the reference document {name}: {exc}", "check the file can be read") from exc
    try:
        return Document(io.BytesIO(data))
    except _NOT_DOCX as exc:
        reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        raise PartregError(
            f"the reference document {name} is not a Word .docx file: {reason}",
            "open it in Word and save it as a Word Document (.docx), or leave the reference document out",
        ) from exc


# A4 portrait with Word's UK default margins (2.54 cm; header and footer 1.25 cm), in twentieths of a point.
_A4_WIDTH, _A4_HEIGHT = 11906, 16838
_MARGIN, _HEADER_FOOTER = 1440, 708
_A4_TEXT_WIDTH = _A4_WIDTH - 2 * _MARGIN
_FONT, _TABLE_FONT_SIZE = "Arial", 10
_LIGHT_BLUE_STYLES = ("Subtitle", "Heading 2", "Heading 3", "Heading 4", "Caption")
_DARK_BLUE = RGBColor(0x1F, 0x38, 0x64)  # 11.8:1 on white


def _uk_defaults(document: DocxDocument) -> None:
    """python-docx's template is American (US Letter, en-US); a council paper is A4 in British English.
    Only without a reference .docx: a council's reference keeps its own page and language."""
    for section in document.sections:
        section.page_width, section.page_height = Twips(_A4_WIDTH), Twips(_A4_HEIGHT)
        section.top_margin = section.bottom_margin = Twips(_MARGIN)
        section.left_margin = section.right_margin = Twips(_MARGIN)
        section.header_distance = section.footer_distance = Twips(_HEADER_FOOTER)
        section.gutter = Twips(0)
    for language in document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang"):
        language.set(qn("w:val"), "en-GB")
    # Arial: the plain sans-serif most councils' accessibility guidance asks for, whose widths the
    # column estimate uses (Word's default Calibri, or a stand-in font elsewhere, would not match).
    for fonts in document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts"):
        for attribute in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.attrib.pop(qn(f"w:{attribute}Theme"), None)
            fonts.set(qn(f"w:{attribute}"), _FONT)
    grid = _named(document.styles, "Table Grid")
    if isinstance(grid, CharacterStyle):
        grid.font.size = Pt(_TABLE_FONT_SIZE)  # a register table has six columns: a point less gives names room
    # The template's light blue (#4F81BD) is 4.0:1 on white, under the 4.5:1 WCAG AA asks of text.
    for name in _LIGHT_BLUE_STYLES:
        style = _named(document.styles, name)
        if isinstance(style, CharacterStyle):
            style.font.color.rgb = _DARK_BLUE
    _page_numbers(document)


def _page_numbers(document: DocxDocument) -> None:
    """ "Page N of M" in the footer, centred: committee members refer to pages in the meeting."""
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _field(paragraph: Paragraph, instruction: str) -> None:
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"  # shown until the field is updated
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _turn_landscape(document: DocxDocument, *, back: bool = False) -> bool:
    """Start a new section turned to landscape (or, `back`, to portrait again); False when the page
    already has that orientation, and nothing is added."""
    current = document.sections[-1]
    wanted = WD_ORIENT.PORTRAIT if back else WD_ORIENT.LANDSCAPE
    if current.orientation == wanted or current.page_width is None or current.page_height is None:
        return False
    width, height = current.page_width, current.page_height
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = wanted
    section.page_width, section.page_height = height, width
    return True


def _drop_stale_parts(document: DocxDocument) -> None:
    """Parts that describe some other document: python-docx's template (or a reference .docx) carries
    a preview picture of itself, Word 2010's copy of the styles (still American English, and read
    instead of the styles partreg sets by Word 2010), and the word counts and application name of the
    document it was made from. A part nothing relates to is not saved."""
    for relationships, stale in (
        (document.part.package.rels, (RELATIONSHIP_TYPE.THUMBNAIL, RELATIONSHIP_TYPE.EXTENDED_PROPERTIES)),
        (document.part.rels, (_STYLES_WITH_EFFECTS,)),
    ):
        for key in [key for key, rel in relationships.items() if rel.reltype in stale]:
            del relationships[key]


_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _text_width(document: DocxDocument) -> int:
    """The width between the margins of the last section, where tables go, in twips."""
    section = document.sections[-1]
    lengths = (section.page_width, section.left_margin, section.right_margin)
    if any(length is None for length in lengths):
        return _A4_TEXT_WIDTH  # Word's own defaults for a page without a size or margins
    page, left, right = (int(length.twips) for length in lengths if length is not None)
    gutter = section.gutter.twips if section.gutter is not None else 0
    # However odd the reference's margins, a table gets at least half an A4 page's text width.
    return max(page - left - right - int(gutter), _A4_TEXT_WIDTH // 2)


def _table_font_size(document: DocxDocument) -> float:
    """The size in points of text in table cells: the Table Grid style's, else the Normal style's, else
    the document default, else 11."""
    for name in ("Table Grid", "Normal"):
        style = _named(document.styles, name)
        if isinstance(style, CharacterStyle) and style.font.size is not None:  # paragraph and table styles too
            return float(style.font.size.pt)
    for half_points in document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val"):
        if str(half_points).isdigit():
            return int(half_points) / 2
    return 11.0


# Styles not copied from python-docx's template: List Bullet draws its bullets from a numbering
# definition, whose number would name another list, or none, in the reference's numbering part.
_NOT_COPIED = {"list bullet"}


def _named(styles: Iterable[BaseStyle], name: str) -> BaseStyle | None:
    """Word names built-in styles in lower case ("heading 1"), LibreOffice capitalised; both mean one style."""
    wanted = name.lower()
    return next((style for style in styles if (style.name or "").lower() == wanted), None)


@functools.cache
def _template_styles() -> Styles:
    """python-docx's template styles, to copy from; read once, never changed."""
    styles: Styles = Document().styles
    return styles


def _adopt(source: etree._Element, target: etree._Element, template: etree._Element) -> str:
    """Copy the style element `source` from the `template` styles element into the `target` one, with
    the styles it is based on, followed by or linked to that `target` lacks; return its id in `target`."""
    existing = _style_element(target, name=_style_name(source))
    if existing is not None:
        return str(existing.get(_STYLE_ID))
    adopted = copy.deepcopy(source)
    adopted.attrib.pop(qn("w:default"), "")  # the reference keeps its own default styles
    adopted.set(_STYLE_ID, _free_style_id(target, str(source.get(_STYLE_ID))))
    target.append(adopted)  # before following its links, which may lead back to it (Title <-> Title Char)
    for link in [child for child in adopted if child.tag in _STYLE_LINKS]:
        linked = _style_element(template, style_id=link.get(_VAL, ""))
        if linked is None:
            adopted.remove(link)
        else:
            link.set(_VAL, _adopt(linked, target, template))
    return str(adopted.get(_STYLE_ID))


def _style_element(styles: etree._Element, *, name: str = "", style_id: str = "") -> etree._Element | None:
    """The `w:style` in `styles` with this name (any case) or id."""
    for style in styles.iterchildren(qn("w:style")):
        if (name and _style_name(style) == name) or (style_id and style.get(_STYLE_ID) == style_id):
            return style
    return None


def _style_name(style: etree._Element) -> str:
    element = style.find(qn("w:name"))
    return (element.get(_VAL) or "").lower() if element is not None else ""


def _free_style_id(styles: etree._Element, wanted: str) -> str:
    """`wanted`, or `wanted` numbered if the reference uses that id for a style of another name."""
    taken = {style.get(_STYLE_ID) for style in styles.iterchildren(qn("w:style"))}
    return next(candidate for number in range(len(taken) + 2) if (candidate := f"{wanted}{number or ''}") not in taken)


_STYLE_ID = qn("w:styleId")
_STYLE_LINKS = {qn("w:basedOn"), qn("w:next"), qn("w:link")}


def _column_widths(header: list[str], rows: list[list[Cell]], text_width: int, font_size: float) -> list[int]:
    """Widths in twips, in proportion to each column's longest text, so a partnership's name is not
    squeezed into as narrow a column as Yes/No. Each column is at least as wide as its longest word
    (a date is one word), so none breaks mid-word; what narrow columns gain comes from the widest."""

    def typical(index: int) -> int:
        # The length most of the column's cells stay within (its upper quartile), so one long cell does
        # not widen a column, and a column of paragraphs (an issue, a planned action) gets the room.
        # A heading wraps between words, so only its longest word counts.
        lengths = sorted(len(_cell_text(row[index])) for row in rows) or [0]
        return max([lengths[len(lengths) * 3 // 4], *(len(word) for word in header[index].split())])

    columns = range(len(header))
    minimums = _minimum_widths(header, rows, font_size)
    if sum(minimums) <= text_width:
        weights = [min(max(typical(index), 8), 120) for index in columns]
        proportional = [text_width * weight // sum(weights) for weight in weights]
        return _capped(proportional, minimums, text_width)
    if sum(minimums) * _ESTIMATE_SLACK <= text_width:
        # Word widths are estimated a little wide, so every word should still fit when all give a little.
        return [text_width * minimum // sum(minimums) for minimum in minimums]
    # Too many columns for every word to fit whole: the longest words break, dates and short words do not.
    return _capped(minimums, [0] * len(minimums), text_width)


def _minimum_widths(header: list[str], rows: list[list[Cell]], font_size: float) -> list[int]:
    """Each column's longest unbreakable word (bold in the header) plus the cell margins, in twips."""

    def least(index: int) -> int:
        words = [(word, True) for word in _unbreakable(header[index])]
        # A rating's shape and word ("▲ Amber*") are read as one: its column fits them on one line.
        words += [
            (word, False)
            for row in rows
            for word in (
                [_cell_text(row[index])] if isinstance(row[index], RagCell) else _unbreakable(_cell_text(row[index]))
            )
        ]
        return max((_word_width(word, bold, font_size) for word, bold in words), default=0) + _CELL_MARGINS

    return [least(index) for index in range(len(header))]


def _capped(widths: list[int], minimums: list[int], total: int) -> list[int]:
    """`widths` raised to `minimums`, with the widest cut down to one level, the highest at which all fit in
    `total`; the columns below that level keep their widths."""

    def at(level: int) -> list[int]:
        return [max(minimum, min(width, level)) for width, minimum in zip(widths, minimums, strict=True)]

    low, high = 0, total
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if sum(at(middle)) <= total else (low, middle - 1)
    return at(low)


# Word's default cell margins, 0.19 cm each side, in twips.
_CELL_MARGINS = 2 * 108
# Word and LibreOffice may break a line after a slash, or a hyphen between letters ("Director of
# X/Head of Y", "Stockton-on-Tees"); a date's hyphens are not counted, so its column fits it whole.
_BREAK_AFTER = re.compile(r"(?<=/)(?=[^\s/])|(?<=[^\W\d]-)(?=[^\W\d])")
# How much wider than Arial _word_width makes common words, a little more or less.
_ESTIMATE_SLACK = 0.95
# Rough advance widths, in ems, of Arial, the usual council font; Calibri, Word's default, is narrower.
_NARROW, _WIDE = set("fijlrtI!'()*,-./:;[]|"), set("mwMW@%")


def _unbreakable(text: str) -> list[str]:
    """The pieces of `text` a line cannot break inside."""
    return [piece for word in text.split() for piece in _BREAK_AFTER.split(word)]


def _word_width(word: str, bold: bool, font_size: float) -> int:
    """How wide `word` is set in the body font, in twips, erring wide."""
    ems = sum(0.34 if char in _NARROW else 0.85 if char in _WIDE else 0.72 if char.isupper() else 0.56 for char in word)
    return round(ems * (1.1 if bold else 1.0) * font_size * 20)


def _cell_text(value: Cell) -> str:
    if isinstance(value, RagCell):
        return _xml_text(value.label)
    return "" if value is None else _xml_text(str(value))


# XML 1.0 allows tab, line feed, carriage return and these ranges; lxml refuses anything else.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    """`text` without the characters a Word document cannot hold: control characters that space
    words (vertical tab, form feed) become a space, the others (a bell, a lone surrogate) go."""
    return _NOT_XML.sub(lambda match: " " if match.group().isspace() else "", text)


def _mark_header(row: Any) -> None:
    """A real header row: Word repeats it on each page and screen readers announce it."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _append_row(table: Any, values: list[Cell]) -> None:
    """Body rows are built as plain WordprocessingML: python-docx's add_row is quadratic in rows."""
    row = etree.SubElement(table, _TR)
    # A row is not split across pages: half a partnership's row on each page reads as two rows.
    etree.SubElement(etree.SubElement(row, _TR_PR), _CANT_SPLIT)
    for value in values:
        cell = etree.SubElement(row, _TC)
        if isinstance(value, RagCell):
            properties = etree.SubElement(cell, _TC_PR)
            etree.SubElement(properties, _SHD, {_VAL: "clear", _COLOR: "auto", _FILL: value.shade})
        text = _cell_text(value)
        run = etree.SubElement(etree.SubElement(cell, _P), _R)
        run_text = etree.SubElement(run, _T)
        run_text.text = text
        if text != text.strip():
            run_text.set(_XML_SPACE, "preserve")


_TR, _TR_PR, _CANT_SPLIT = qn("w:tr"), qn("w:trPr"), qn("w:cantSplit")
_TC, _TC_PR, _SHD, _P, _R, _T = (qn(f"w:{tag}") for tag in ("tc", "tcPr", "shd", "p", "r", "t"))
_P_PR, _P_STYLE = qn("w:pPr"), qn("w:pStyle")
_VAL, _COLOR, _FILL = (qn(f"w:{name}") for name in ("val", "color", "fill"))
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _fixed_times(package: bytes) -> bytes:
    """Rewrite the .docx zip with one fixed timestamp, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(package))
    target_bytes = io.BytesIO()
    with zipfile.ZipFile(target_bytes, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return target_bytes.getvalue()
