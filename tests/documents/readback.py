"""Fidelity checks for the festival, ward and dashboard papers, on top of tests/fidelity.py
(which reads a PDF or Word file back): the header block, the signature block, whole pages,
and workbooks that sum and print."""

import io
import unicodedata

import pdfplumber
from docx.oxml.ns import qn

from tests.fidelity import MM, ReadPdf, assert_sound_pdf, docx_text, read_pdf

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def fit_to_sign(content: bytes, *, landscape: bool = False) -> ReadPdf:
    """The PDF read back, after the checks every page must pass: A4 in its orientation, NFC,
    subset fonts, no line over another, nothing outside the margins, no blank page."""
    pdf = read_pdf(content)
    assert_sound_pdf(pdf)
    size = (297, 210) if landscape else (210, 297)
    for width, height in zip(pdf.widths, pdf.heights, strict=True):
        assert (round(width / MM), round(height / MM)) == size
    for page in range(1, len(pdf.widths) + 1):
        # A page number alone is a blank page.
        assert any(not line.text.isdigit() for line in pdf.on_page(page)), f"page {page} blank"
    assert not text_across_rules(content), text_across_rules(content)[:5]
    return pdf


def text_across_rules(content: bytes) -> list[str]:
    """Characters a table's vertical rule runs through: a cell's text too wide for it."""
    crossed = []
    with pdfplumber.open(io.BytesIO(content)) as document:
        for number, page in enumerate(document.pages, start=1):
            rules = [edge for edge in page.edges if edge["orientation"] == "v"]
            for char in page.chars:
                for rule in rules:
                    x = rule["x0"]
                    across = char["x0"] < x - 0.3 and char["x1"] > x + 0.3
                    level = char["top"] < rule["bottom"] and char["bottom"] > rule["top"]
                    if across and level:
                        crossed.append(f"p.{number} {char['text']!r} at x={x:.0f}")
    return crossed


def assert_national_header(pdf: ReadPdf, *, issuer: list[str], number, place_date: str):
    """The Decree 30 header on the first page: the issuing body's lines in bold, one under the
    other, a rule under them; the Quốc hiệu and Tiêu ngữ each on one line, the motto's rule
    as long as the motto; "Số: …" when due (``number`` None: no number); place and date."""
    found = [pdf.line(text, page=1) for text in issuer]
    assert [line.top for line in found] == sorted(line.top for line in found)
    assert all(line.bold for line in found), [line.text for line in found]
    assert pdf.rule_under(found[-1]) is not None
    pdf.line(NATIONAL_NAME, page=1)
    motto = pdf.line(MOTTO, page=1)
    rule = pdf.rule_under(motto)
    assert abs((rule.x1 - rule.x0) - (motto.x1 - motto.x0)) < 1
    if number is None:
        assert not any(line.text.startswith("Số:") for line in pdf.on_page(1))
    else:
        pdf.line(f"Số: {number}", page=1)
    assert pdf.line(place_date, page=1).italic


def assert_signature(pdf: ReadPdf, *, lines: list[str], name: str, recipients=None) -> None:
    """The signature block on the last page: the capacity and title lines in order, room for
    the seal and signature (20 mm at least), the signer's name; "Nơi nhận:" with its lines
    on the left when ``recipients`` are given."""
    last = len(pdf.widths)
    found = [pdf.line(text, page=last) for text in lines]
    assert [line.top for line in found] == sorted(line.top for line in found)
    signer = pdf.line(name, page=last)
    assert (signer.top - found[-1].bottom) / MM >= 20
    assert signer.bold
    if recipients is not None:
        label = pdf.line("Nơi nhận:", page=last)
        assert label.x1 < found[0].x0
        for text in recipients:
            assert pdf.line(f"- {text}", page=last).top > label.top


def assert_no_lone_table_header(pdf: ReadPdf) -> None:
    """Every table header ("STT …") has at least two numbered rows under it on its page."""
    for header in [line for line in pdf.lines if line.text.startswith("STT")]:
        rows = [
            line
            for line in pdf.on_page(header.page)
            if line.top > header.bottom and line.text[:1].isdigit()
        ]
        assert len(rows) >= 2, f"{header.text!r} alone on page {header.page}"


# --------------------------------------------------------------------------- Word


def assert_word_fit_to_sign(document, *, landscape: bool = False) -> None:
    """Decree 30 page and margins in either orientation; NFC text."""
    for section in document.sections:
        size = (round(section.page_width.mm), round(section.page_height.mm))
        assert size == ((297, 210) if landscape else (210, 297))
        assert 20 <= round(section.top_margin.mm) <= 25
        assert 20 <= round(section.bottom_margin.mm) <= 25
        assert 30 <= round(section.left_margin.mm) <= 35
        assert 15 <= round(section.right_margin.mm) <= 20
    assert unicodedata.is_normalized("NFC", docx_text(document))


def table_widths(table) -> tuple[list[float], list[list[float]]]:
    """A table's declared grid and each row's cell widths, in mm."""
    grid = [int(col.get(qn("w:w"))) / 56.692 for col in table._tbl.tblGrid.gridCol_lst]
    cells = [[cell.width.mm for cell in row.cells] for row in table.rows]
    return grid, cells


def assert_word_signature(document, *, lines: list[str], name: str, recipients=None) -> None:
    """The signature table at the end: its grid and cells agree; "Nơi nhận:" and its lines
    on the left, the capacity lines, empty room for the seal, the name on the right."""
    table = document.tables[-1]
    grid, cells = table_widths(table)
    assert all(abs(a - b) < 0.2 for row in cells for a, b in zip(row, grid, strict=True))
    left, right = (cell.paragraphs for cell in table.rows[0].cells)
    texts = [paragraph.text for paragraph in right]
    assert texts[: len(lines)] == lines
    assert texts[-1] == name
    assert not "".join(texts[len(lines) : -1]).strip()
    if recipients is not None:
        assert [paragraph.text for paragraph in left] == [
            "Nơi nhận:",
            *(f"- {text}" for text in recipients),
        ]


# --------------------------------------------------------------------------- Excel


def assert_sheet_printable(sheet, *, header_row: int, landscape: bool = False) -> None:
    """A4 in the given orientation, fitted to one page wide, the header row frozen on screen
    and repeated on every printed page."""
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.page_setup.orientation == ("landscape" if landscape else "portrait")
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert sheet.print_title_rows == f"${header_row}:${header_row}"
