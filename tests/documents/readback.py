"""Reading produced documents back, and the checks every printed paper must pass.

A paper is judged from the file alone: its text with positions and fonts (pdfplumber, pypdf),
its Word XML (python-docx), its workbook (openpyxl); never from the data given to a renderer.
"""

import io
import unicodedata
from dataclasses import dataclass

import docx
import pdfplumber
import pypdf
from docx.oxml.ns import qn

PT_PER_MM = 72 / 25.4
# Decree 30 margins (mm): what no text may cross. The page number sits in the top margin.
MARGINS = {"top": 20, "bottom": 20, "left": 30, "right": 15}
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass
class Line:
    """A printed line: its text and box in points from the page's top-left corner."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    size: float
    fonts: frozenset[str]


def _segment(chars: list[dict], number: int) -> Line:
    text = ""
    for previous, char in zip([None, *chars], chars, strict=False):
        gap = char["x0"] - previous["x1"] if previous else 0
        if previous and gap > 0.1 * char["size"] and not text.endswith(" "):
            text += " "
        text += char["text"]
    return Line(
        text=text.strip(),
        x0=chars[0]["x0"],
        x1=chars[-1]["x1"],
        top=min(c["top"] for c in chars),
        bottom=max(c["bottom"] for c in chars),
        page=number,
        size=max(c["size"] for c in chars),
        fonts=frozenset(c["fontname"].split("+")[-1] for c in chars),
    )


def _lines_of(page, number: int) -> list[Line]:
    """Characters on one baseline, split where a gap wider than 2.5 em separates two columns
    (the authority beside the Quốc hiệu, the recipients beside the signature)."""
    rows: list[list[dict]] = []
    for char in sorted(page.chars, key=lambda c: (-c["matrix"][5], c["x0"])):
        if rows and abs(rows[-1][0]["matrix"][5] - char["matrix"][5]) < 1:
            rows[-1].append(char)
        else:
            rows.append([char])
    found = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        start = 0
        for index in range(1, len(row) + 1):
            if (
                index == len(row)
                or row[index]["x0"] - row[index - 1]["x1"] > 2.5 * row[index]["size"]
            ):
                segment = [c for c in row[start:index] if c["text"].strip() or c is not row[start]]
                if any(c["text"].strip() for c in segment):
                    found.append(_segment(segment, number))
                start = index
    return found


def pdf_lines(content: bytes) -> list[list[Line]]:
    """Each page's lines, top to bottom."""
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return [_lines_of(page, number) for number, page in enumerate(pdf.pages)]


def pdf_text(content: bytes) -> str:
    """All text, with single spaces (line breaks fall where the layout puts them)."""
    return " ".join(line.text for page in pdf_lines(content) for line in page)


def find_line(pages: list[list[Line]], text: str) -> Line:
    """The first line reading exactly ``text`` (AssertionError listing the lines otherwise)."""
    for page in pages:
        for line in page:
            if line.text.strip() == text:
                return line
    shown = "\n".join(line.text for page in pages for line in page)
    raise AssertionError(f"no line {text!r} in:\n{shown}")


def _ink_boxes(pdf) -> list[list[tuple]]:
    """Per page, each word's box, vertically from cap height to just below the baseline:
    the ink, not the font's line box (which overlaps the next line's by design)."""
    pages = []
    for page in pdf.pages:
        boxes = []
        for word in page.extract_words(extra_attrs=["size"], keep_blank_chars=False):
            baseline = word["bottom"] - 0.216 * word["size"]
            boxes.append(
                (word["x0"], word["x1"], baseline - 0.66 * word["size"], baseline, word["text"])
            )
        pages.append(boxes)
    return pages


def assert_fit_to_sign(content: bytes, *, landscape: bool = False) -> None:
    """What every PDF paper must be: NFC text, embedded subset fonts, no two words printed
    over each other, nothing outside the margins, no blank page."""
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            width_mm, height_mm = page.width / PT_PER_MM, page.height / PT_PER_MM
            assert (round(width_mm), round(height_mm)) == ((297, 210) if landscape else (210, 297))
            text = page.extract_text()
            assert unicodedata.normalize("NFC", text) == text, f"page {number} is not NFC"
            body = [c for c in page.chars if c["top"] > MARGINS["top"] * PT_PER_MM]
            assert body, f"page {number} is blank"
            for char in page.chars:
                if not char["text"].strip():
                    continue
                where = f"{char['text']!r} on page {number}"
                assert char["x0"] >= MARGINS["left"] * PT_PER_MM - 0.5, f"{where} left of margin"
                assert char["x1"] <= page.width - MARGINS["right"] * PT_PER_MM + 0.5, (
                    f"{where} right of margin"
                )
                assert char["bottom"] <= page.height - MARGINS["bottom"] * PT_PER_MM + 0.5, (
                    f"{where} below margin"
                )
                assert char["top"] >= 8 * PT_PER_MM, f"{where} above the page number's place"
        for number, boxes in enumerate(_ink_boxes(pdf), start=1):
            boxes.sort(key=lambda box: box[2])
            for index, (x0, x1, _top, bottom, word) in enumerate(boxes):
                for other in boxes[index + 1 :]:
                    if other[2] >= bottom - 0.5:
                        break
                    overlap = min(x1, other[1]) - max(x0, other[0])
                    assert overlap <= 0.5, f"{word!r} and {other[4]!r} overprint on page {number}"
    reader = pypdf.PdfReader(io.BytesIO(content))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"])
            assert "+" in name, f"{name} is not a subset"
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, f"{name} not embedded"


def assert_national_header(pages, *, issuer: list[str], number: str | None, place_date: str):
    """The Decree 30 header on the first page: the issuing body's lines (upper case), the
    Quốc hiệu and the Tiêu ngữ each on one line, "Số: …" when due, the place and date."""
    first = pages[:1]
    tops = [find_line(first, line).top for line in issuer]
    assert tops == sorted(tops)
    national = find_line(first, NATIONAL_NAME) if _has(first, NATIONAL_NAME) else None
    motto = find_line(first, MOTTO) if _has(first, MOTTO) else None
    if national is None or motto is None:
        # Left and right columns share baselines: the extractor joins them into one line.
        joined = [line.text for line in first[0]]
        assert any(NATIONAL_NAME in text for text in joined), joined
        assert any(MOTTO in text for text in joined), joined
    text = " ".join(line.text for line in first[0])
    if number is not None:
        assert f"Số: {number}" in text
    else:
        assert "Số:" not in text
    assert place_date in text


def _has(pages, text: str) -> bool:
    return any(line.text.strip() == text for page in pages for line in page)


def assert_signature(pages, *, lines: list[str], name: str) -> None:
    """The signature block on the last page: the capacity and title lines in order, room for
    the signature and seal (at least 20 mm), then the signer's name."""
    last = [pages[-1]]
    found = [_line_ending(last, text) for text in lines]
    tops = [line.top for line in found]
    assert tops == sorted(tops), [line.text for line in found]
    signer = _line_ending(last, name)
    assert (signer.top - found[-1].bottom) / PT_PER_MM >= 20
    assert signer.top > found[-1].top


def _line_ending(pages, text: str) -> Line:
    """A line that is ``text`` or ends with it (the signature column shares its baseline
    with the recipients' column on its left)."""
    for page in pages:
        for line in page:
            if line.text.strip() == text or line.text.strip().endswith(f" {text}"):
                return line
    shown = "\n".join(line.text for page in pages for line in page)
    raise AssertionError(f"no line ending {text!r} in:\n{shown}")


# --------------------------------------------------------------------------- Word


def word(content: bytes):
    return docx.Document(io.BytesIO(content))


def word_text(document) -> str:
    """Paragraphs, then every table cell's paragraphs, one per line."""
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)


def assert_word_fit_to_sign(document, *, landscape: bool = False) -> None:
    """Decree 30 page and margins; every table's grid, cells and width agree; NFC text."""
    for section in document.sections:
        size = (round(section.page_width.mm), round(section.page_height.mm))
        assert size == ((297, 210) if landscape else (210, 297))
        assert 20 <= round(section.top_margin.mm) <= 25
        assert 20 <= round(section.bottom_margin.mm) <= 25
        assert 30 <= round(section.left_margin.mm) <= 35
        assert 15 <= round(section.right_margin.mm) <= 20
    text = word_text(document)
    assert unicodedata.normalize("NFC", text) == text


def header_table_widths(document) -> tuple[list[float], list[float]]:
    """The header table's declared grid and its first row's cell widths, in mm."""
    table = document.tables[0]
    grid = [int(col.get(qn("w:w"))) / 56.7 for col in table._tbl.tblGrid.gridCol_lst]
    cells = [cell.width.mm for cell in table.rows[0].cells]
    return grid, cells


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
