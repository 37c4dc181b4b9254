"""Reading a produced document back from its file, for the fidelity tests of every document
kind: text lines with their positions and fonts, the checks Nghị định 30 asks of any page
(inside the margins, no line over another, NFC, embedded subset fonts), and the same for Word.

    pdf = read_pdf(job_bytes)
    assert_sound_pdf(pdf)
    line = pdf.line("Số: 125/QĐ-UBND")
"""

import io
import re
import unicodedata
from dataclasses import dataclass

import pdfplumber
from docx import Document
from pypdf import PdfReader

MM = 72 / 25.4
# Nghị định 30/2020/NĐ-CP margins for A4 portrait (documents.renderers and header.typ).
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
# Column gutters and the header's two blocks leave more than this between two runs of text
# on one baseline; words leave less.
_GAP = 14
_TOLERANCE = 0.5
# Liberation Serif's capitals stand 0.655 em above the baseline; Typst sets a page's first
# line with its capitals' top on the margin.
CAP_HEIGHT = 0.655


@dataclass
class Line:
    """A run of text on one baseline of one page, with its box in points from the top left."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline_from_top: float
    fonts: frozenset[str]
    size: float

    @property
    def bold(self) -> bool:
        return all("Bold" in font for font in self.fonts)

    @property
    def italic(self) -> bool:
        return all("Italic" in font for font in self.fonts)

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Rule:
    """A drawn horizontal line (the rule under an authority, a motto, a title)."""

    page: int
    x0: float
    x1: float
    top: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class ReadPdf:
    content: bytes
    lines: list[Line]
    rules: list[Rule]
    widths: list[float]
    heights: list[float]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def line(self, text: str, page: int | None = None) -> Line:
        """The one line that is ``text``, or else the one that starts with it."""
        candidates = [line for line in self.lines if page is None or line.page == page]
        found = [line for line in candidates if line.text == text] or [
            line for line in candidates if line.text.startswith(text)
        ]
        assert len(found) == 1, f"{text!r}: {[line.text for line in found]}"
        return found[0]

    def rule_under(self, line: Line, within: float = 10) -> Rule | None:
        """The rule drawn under ``line`` (no more than ``within`` pt below it), if any."""
        for rule in self.rules:
            below = rule.top - line.bottom
            across = rule.x0 < line.x1 and rule.x1 > line.x0
            if rule.page == line.page and -2 < below <= within and across:
                return rule
        return None

    @property
    def flat(self) -> str:
        """The text as one line, wrapped lines joined by spaces: for whole sentences."""
        return " ".join(self.text.split())

    def on_page(self, page: int) -> list[Line]:
        return [line for line in self.lines if line.page == page]


def _runs(page_number: int, page_height: float, chars: list[dict]) -> list[Line]:
    rows: dict[float, list[dict]] = {}
    for char in chars:
        rows.setdefault(round(char["matrix"][5], 1), []).append(char)
    runs = []
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        current = [row[0]]
        for char in row[1:]:
            if char["x0"] - current[-1]["x1"] > _GAP:
                runs.append(current)
                current = []
            current.append(char)
        runs.append(current)
    lines = []
    for run in runs:
        # Typst draws no space glyphs: a gap wider than a tenth of the size is a space.
        text = run[0]["text"]
        for before, char in zip(run, run[1:], strict=False):
            gap = char["x0"] - before["x1"]
            text += (" " if gap > 0.1 * char["size"] else "") + char["text"]
        text = text.strip()
        if not text:
            continue
        lines.append(
            Line(
                page=page_number,
                text=text,
                x0=min(c["x0"] for c in run),
                x1=max(c["x1"] for c in run),
                top=min(c["top"] for c in run),
                bottom=max(c["bottom"] for c in run),
                baseline_from_top=page_height - run[0]["matrix"][5],
                fonts=frozenset(c["fontname"].split("+", 1)[-1] for c in run),
                size=round(max(c["size"] for c in run), 1),
            )
        )
    return sorted(lines, key=lambda line: (line.page, line.top, line.x0))


def read_pdf(content: bytes) -> ReadPdf:
    lines, rules, widths, heights = [], [], [], []
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            widths.append(float(page.width))
            heights.append(float(page.height))
            # Space glyphs carry no ink (Typst draws none): the gaps between letters decide.
            chars = [c for c in page.chars if c["text"].strip()]
            lines += _runs(number, float(page.height), chars)
            rules += [
                Rule(number, float(edge["x0"]), float(edge["x1"]), float(edge["top"]))
                for edge in page.lines
                if abs(edge["top"] - edge["bottom"]) < 1 and edge["x1"] - edge["x0"] > 10
            ]
    return ReadPdf(content, lines, rules, widths, heights)


def overlapping(lines: list[Line]) -> list[tuple[str, str]]:
    """Pairs of lines whose boxes cross (more than half a point both ways)."""
    pairs = []
    for index, first in enumerate(lines):
        for second in lines[index + 1 :]:
            if first.page != second.page:
                continue
            across = min(first.x1, second.x1) - max(first.x0, second.x0)
            down = min(first.bottom, second.bottom) - max(first.top, second.top)
            if across > _TOLERANCE and down > _TOLERANCE:
                pairs.append((first.text, second.text))
    return pairs


def outside_margins(pdf: ReadPdf) -> list[str]:
    """Lines outside the Decree 30 margins; a page number in the top margin is where the
    decree puts it."""
    wrong = []
    for line in pdf.lines:
        width, height = pdf.widths[line.page - 1], pdf.heights[line.page - 1]
        left, right = MARGINS_MM["left"] * MM, width - MARGINS_MM["right"] * MM
        top, bottom = MARGINS_MM["top"] * MM, height - MARGINS_MM["bottom"] * MM
        sideways = line.x0 < left - _TOLERANCE or line.x1 > right + _TOLERANCE
        page_number = line.text.isdigit() and line.bottom <= top
        # The margin meets the top of the capitals; the marks above them (Ủ, Ộ) and the
        # font's ascent rise a little higher, as in any typeset page.
        cap_top = line.baseline_from_top - CAP_HEIGHT * line.size
        upright = (cap_top < top - _TOLERANCE and not page_number) or line.bottom > bottom
        if sideways or upright:
            wrong.append(
                f"p.{line.page} {line.text!r} ({line.x0:.0f}–{line.x1:.0f}, {line.top:.0f})"
            )
    return wrong


def unsubset_fonts(content: bytes) -> list[str]:
    """Fonts that are not embedded, or embedded whole (no ABCDEF+ subset tag)."""
    wrong = []
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = described["/FontDescriptor"].get_object()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            if not embedded or not re.match(r"^/[A-Z]{6}\+", str(font["/BaseFont"])):
                wrong.append(str(font["/BaseFont"]))
    return wrong


def assert_sound_pdf(pdf: ReadPdf) -> None:
    """What Nghị định 30 and a reader ask of any page."""
    assert unicodedata.is_normalized("NFC", pdf.text)
    fonts, crossed, outside = (
        unsubset_fonts(pdf.content),
        overlapping(pdf.lines),
        outside_margins(pdf),
    )
    assert not fonts, f"fonts not embedded as subsets: {fonts}"
    assert not crossed, f"lines over one another: {crossed}"
    assert not outside, f"outside the margins: {outside}"


# --------------------------------------------------------------------------- Word


def read_docx(content: bytes):
    return Document(io.BytesIO(content))


def docx_text(document) -> str:
    """Every paragraph of the body and of its tables (nested too), in order."""
    parts = [paragraph.text for paragraph in document.paragraphs]

    def cells(table):
        for row in table.rows:
            for cell in row.cells:
                parts.extend(paragraph.text for paragraph in cell.paragraphs)
                for inner in cell.tables:
                    cells(inner)

    for table in document.tables:
        cells(table)
    return "\n".join(parts)


def assert_decree_30_sections(document) -> None:
    for section in document.sections:
        assert round(section.left_margin.mm) == MARGINS_MM["left"]
        assert round(section.right_margin.mm) == MARGINS_MM["right"]
        assert round(section.top_margin.mm) == MARGINS_MM["top"]
        assert round(section.bottom_margin.mm) == MARGINS_MM["bottom"]
