"""Bar charts where a reader would rather look than read: inline SVG for HTML, PNG for Word.

Both are drawn here from one small chart model, with no plotting stack: the SVG is written
as text, the PNG with Pillow. Bars carry their word and count as text, and the RAG shape is
drawn beside each, so no chart relies on colour alone.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from partreg.render.words import RAG_COLOURS

DIRECTION_COLOURS = {"improved": "#2e7d32", "unchanged": "#607d8b", "worse": "#c62828", "new": "#1565c0"}


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    colour: str
    shape: str  # circle, triangle, square, ring, or none


@dataclass(frozen=True, slots=True)
class Group:
    title: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    groups: tuple[Group, ...]

    @property
    def description(self) -> str:
        """Every value in words: the text alternative to the picture."""
        return "; ".join(
            f"{group.title}: " + ", ".join(f"{bar.label.lower()} {bar.value}" for bar in group.bars)
            for group in self.groups
        )

    def as_view(self) -> dict[str, object]:
        """Plain data for templates: title, description, and each group's bars with label and value."""
        groups = [
            {"title": g.title, "bars": [{"label": b.label, "value": b.value} for b in g.bars]} for g in self.groups
        ]
        return {"title": self.title, "description": self.description, "groups": groups}

    @property
    def largest(self) -> int:
        return max((bar.value for group in self.groups for bar in group.bars), default=0) or 1


RAG_SHAPES = {"green": "circle", "amber": "triangle", "red": "square", None: "ring"}


def rag_chart(counts: dict[str, dict[str, int]]) -> Chart:
    """`counts` is {"governance": {"green": n, ...}, "performance": {...}}."""
    groups = []
    for area in ("governance", "performance"):
        bars = tuple(
            Bar(word.capitalize(), counts[area][word], RAG_COLOURS[key], RAG_SHAPES[key])
            for word, key in (("green", "green"), ("amber", "amber"), ("red", "red"), ("unrated", None))
        )
        groups.append(Group(area.capitalize(), bars))
    return Chart("Ratings", tuple(groups))


def direction_chart(counts: dict[str, dict[str, int]]) -> Chart:
    groups = []
    for area in ("governance", "performance"):
        bars = tuple(
            Bar(word.capitalize(), counts[area].get(word, 0), DIRECTION_COLOURS[word], "none")
            for word in ("improved", "unchanged", "worse", "new")
        )
        groups.append(Group(area.capitalize(), bars))
    return Chart("Direction of travel against the previous year", tuple(groups))


# Layout, in pixels, shared by both renderers.
WIDTH, LABEL_WIDTH, ROW, GROUP_GAP, BAR_HEIGHT, TOP = 560, 150, 26, 14, 18, 34


def _rows(chart: Chart) -> list[tuple[int, Group | Bar]]:
    """(y, item) for every group title and bar, top to bottom."""
    y = TOP
    placed: list[tuple[int, Group | Bar]] = []
    for group in chart.groups:
        placed.append((y, group))
        y += ROW
        for bar in group.bars:
            placed.append((y, bar))
            y += ROW
        y += GROUP_GAP
    return placed


def _height(chart: Chart) -> int:
    return TOP + sum(ROW * (1 + len(g.bars)) + GROUP_GAP for g in chart.groups)


def _bar_length(bar: Bar, chart: Chart) -> int:
    return round((WIDTH - LABEL_WIDTH - 60) * bar.value / chart.largest)


def svg(chart: Chart, chart_id: str) -> str:
    """An accessible inline SVG: role=img, a title and a description of every value."""
    height = _height(chart)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(chart.title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(chart.description)}</desc>',
        f'<text x="0" y="18" font-weight="bold" font-size="15">{escape(chart.title)}</text>',
    ]
    for y, item in _rows(chart):
        if isinstance(item, Group):
            parts.append(f'<text x="0" y="{y + 14}" font-weight="bold">{escape(item.title)}</text>')
            continue
        parts.append(_svg_shape(item, 12, y + 9))
        parts.append(f'<text x="26" y="{y + 14}">{escape(item.label)}</text>')
        length = _bar_length(item, chart)
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" fill="{item.colour}"/>')
        parts.append(f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 14}">{item.value}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _svg_shape(bar: Bar, cx: int, cy: int) -> str:
    colour = bar.colour
    if bar.shape == "circle":
        return f'<circle cx="{cx}" cy="{cy}" r="6" fill="{colour}"/>'
    if bar.shape == "triangle":
        return f'<polygon points="{cx},{cy - 7} {cx + 7},{cy + 6} {cx - 7},{cy + 6}" fill="{colour}"/>'
    if bar.shape == "square":
        return f'<rect x="{cx - 6}" y="{cy - 6}" width="12" height="12" fill="{colour}"/>'
    if bar.shape == "ring":
        return f'<circle cx="{cx}" cy="{cy}" r="5" fill="none" stroke="{colour}" stroke-width="2"/>'
    return ""


def png(chart: Chart) -> bytes:
    """The same chart as a PNG for Word (python-docx cannot embed SVG)."""
    from PIL import Image, ImageDraw, ImageFont

    scale = 2  # drawn at twice the size, so it stays sharp when printed
    image = Image.new("RGB", (WIDTH * scale, _height(chart) * scale), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=13 * scale)
    bold = ImageFont.load_default(size=15 * scale)
    draw.text((0, 4 * scale), chart.title, fill="black", font=bold)
    for y, item in _rows(chart):
        top = y * scale
        if isinstance(item, Group):
            draw.text((0, top + 2 * scale), item.title, fill="black", font=bold)
            continue
        _png_shape(draw, item, 12 * scale, top + 9 * scale, scale)
        draw.text((26 * scale, top + 2 * scale), item.label, fill="black", font=font)
        length = _bar_length(item, chart) * scale
        if length:
            draw.rectangle(
                (LABEL_WIDTH * scale, top, LABEL_WIDTH * scale + length, top + BAR_HEIGHT * scale), fill=item.colour
            )
        draw.text((LABEL_WIDTH * scale + length + 6 * scale, top + 2 * scale), str(item.value), fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _png_shape(draw: object, bar: Bar, cx: int, cy: int, scale: int) -> None:
    from PIL import ImageDraw

    assert isinstance(draw, ImageDraw.ImageDraw)
    r = 6 * scale
    if bar.shape == "circle":
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=bar.colour)
    elif bar.shape == "triangle":
        draw.polygon([(cx, cy - r), (cx + r, cy + r), (cx - r, cy + r)], fill=bar.colour)
    elif bar.shape == "square":
        draw.rectangle((cx - r, cy - r, cx + r, cy + r), fill=bar.colour)
    elif bar.shape == "ring":
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=bar.colour, width=2 * scale)
