"""Word building blocks over python-docx: real headings, real tables with header rows, RAG cells
that say the word and are shaded, charts as images with alt text, and fixed timestamps.

The report kinds lay their documents out with these blocks; a council's reference .docx
supplies the styles.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from lxml import etree

from partreg.render import charts
from partreg.render.words import RAG_SHADES

# Every part of the package gets this time, so the same data gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class RagCell:
    label: str  # the shape and the word: "▲ Amber"
    shade: str  # hex fill


Cell = str | int | float | RagCell | None


class WordDocument:
    def __init__(self, reference: Path | bytes | None = None) -> None:
        if isinstance(reference, bytes):
            self.document = Document(io.BytesIO(reference))
        else:
            self.document = Document(str(reference)) if reference is not None else Document()
        if reference is not None:
            self._clear_body()
        self._provenance = ""
        self._style_names = {style.name for style in self.document.styles}

    def _clear_body(self) -> None:
        body = self.document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)

    def _style(self, wanted: str) -> str | None:
        return wanted if wanted in self._style_names else None

    def title(self, text: str, subtitle: str = "") -> None:
        self.document.add_heading(text, 0)
        if subtitle:
            self.document.add_paragraph(subtitle, style=self._style("Subtitle"))

    def heading(self, text: str, level: int) -> None:
        self.document.add_heading(text, level)

    def paragraphs(self, text: str) -> None:
        """Text with blank lines between paragraphs."""
        for block in (part.strip() for part in text.split("\n\n")):
            if block:
                self.document.add_paragraph(" ".join(block.split()))

    def bullets(self, items: Iterable[str]) -> None:
        style = self._style("List Bullet")
        for item in items:
            self.document.add_paragraph(item if style else f"• {item}", style=style)

    def rag(self, cell: dict[str, Any]) -> RagCell:
        marker = "*" if cell.get("differs") else ""
        return RagCell(f"{cell['label']}{marker}", RAG_SHADES[cell["value"]])

    def table(self, header: list[str], rows: list[list[Cell]]) -> None:
        table = self.document.add_table(rows=1, cols=len(header))
        if self._style("Table Grid"):
            table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        header_row = table.rows[0]
        _mark_header(header_row)
        widths = _column_widths(header, rows)
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
        self.document.add_picture(io.BytesIO(charts.png(chart)), width=Inches(5.8))
        inline = self.document.inline_shapes[-1]._inline
        inline.docPr.set("descr", f"{chart.title}. {chart.description}")
        inline.docPr.set("title", chart.title)
        caption = self.document.add_paragraph(f"{chart.title}: {chart.description}.", style=self._style("Caption"))
        caption.runs[0].font.size = Pt(9)

    def provenance(self, text: str) -> None:
        """What the report was built from; written last, after any appendix."""
        self._provenance = text.replace("`", "")

    def set_properties(self, title: str, subject: str, data_date: date) -> None:
        properties = self.document.core_properties
        moment = datetime.combine(data_date, time(), tzinfo=UTC)
        properties.title = title
        properties.subject = subject
        properties.author = "partreg"
        properties.last_modified_by = "partreg"
        properties.created = moment
        properties.modified = moment
        properties.last_printed = moment
        properties.revision = 1

    def to_bytes(self) -> bytes:
        if self._provenance:
            run = self.document.add_paragraph().add_run(self._provenance)
            run.italic = True
            run.font.size = Pt(8)
        raw = io.BytesIO()
        self.document.save(raw)
        return _fixed_times(raw.getvalue())


# The text width of a portrait A4 page with Word's default margins.
_TEXT_WIDTH = Inches(6.3)


def _column_widths(header: list[str], rows: list[list[Cell]]) -> list[int]:
    """Widths in proportion to each column's longest text, within bounds, so a partnership's
    name is not squeezed into as narrow a column as Yes/No, nor a rating broken mid-word."""

    def longest(index: int) -> int:
        # A heading wraps between words, so only its longest word must fit.
        texts = [*header[index].split(), *(_cell_text(row[index]) for row in rows)]
        return max(len(text) for text in texts)

    weights = [min(max(longest(index), 8), 40) for index in range(len(header))]
    return [int(_TEXT_WIDTH * weight / sum(weights)) for weight in weights]


def _cell_text(value: Cell) -> str:
    if isinstance(value, RagCell):
        return value.label
    return "" if value is None else str(value)


def _mark_header(row: Any) -> None:
    """A real header row: Word repeats it on each page and screen readers announce it."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _append_row(table: Any, values: list[Cell]) -> None:
    """Body rows are built as plain WordprocessingML: python-docx's add_row is quadratic in rows."""
    row = etree.SubElement(table, _TR)
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


_TR, _TC, _TC_PR, _SHD, _P, _R, _T = (qn(f"w:{tag}") for tag in ("tr", "tc", "tcPr", "shd", "p", "r", "t"))
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
