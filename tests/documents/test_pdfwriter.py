"""The fast PDF writer (documents.pdfwriter), its files opened and read back with pypdf and
pdfplumber: text, positions, sizes, embedded fonts."""

import io
import shutil
import unicodedata

import pdfplumber
import pypdf
import pytest
from fontTools.ttLib import TTFont

from documents.pdfwriter import MM, PdfWriter, TextOverflow
from documents.registry import RenderError

NAME = "Công Tằng Tôn Nữ Nguyễn Huỳnh Thị Ngọc Phương Thảo Nguyên"


def _pdf(*texts, **style) -> bytes:
    """An A4 page with each text in a box of ``style``, 40 mm below the previous one."""
    writer = PdfWriter()
    page = writer.new_page(210, 297)
    style = {"x": 20, "width": 170, "size": 14, **style}
    for index, text in enumerate(texts):
        page.text(text, y=20 + 40 * index, **style)
    writer.add_page(page)
    return writer.finish()


def _lines(content: bytes) -> list[dict]:
    """Text lines of the first page: text, font size and extent, top to bottom."""
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        words = pdf.pages[0].extract_text_lines(return_chars=True)
    return [
        {
            "text": line["text"],
            "sizes": {round(char["size"], 2) for char in line["chars"]},
            "x0": line["x0"],
            "x1": line["x1"],
        }
        for line in words
    ]


def _font_files(content: bytes) -> list[tuple[str, int]]:
    """(BaseFont, length of the embedded font program) of every font of the first page."""
    found = []
    for font in pypdf.PdfReader(io.BytesIO(content)).pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        found.append(
            (str(font["/BaseFont"]), len(descriptor["/FontFile2"].get_object().get_data()))
        )
    return found


def test_fonts_are_embedded_as_subsets_and_the_text_reads_back():
    content = _pdf(NAME, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
    text = pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert NAME in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    ((name, size),) = _font_files(content)
    # A subset is tagged "ABCDEF+" and holds the drawn glyphs only: the whole Liberation
    # Serif Bold is 370 KB.
    assert name[7:] == "+LiberationSerif-Bold"
    assert size < 40_000
    assert len(content) < 30_000


def test_a_character_the_fonts_lack_is_refused_by_name():
    with pytest.raises(RenderError) as refused:
        _pdf("Tổ dân phố ☃ số 3")
    assert "☃" in str(refused.value)
    assert "U+2603" in str(refused.value)


def test_decomposed_text_is_drawn_composed():
    decomposed = unicodedata.normalize("NFD", NAME)
    assert decomposed != NAME
    content = _pdf(decomposed)
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        chars = [char["text"] for char in pdf.pages[0].chars]
    # One glyph per letter with its marks: no mark drawn beside its letter.
    assert "".join(chars) == NAME
    assert not any(unicodedata.combining(char) for char in chars)


def test_a_font_name_with_pdf_delimiters_is_escaped(tmp_path, settings):
    for name in settings.DOCUMENTS_FONT_FILES:
        shutil.copy(settings.DOCUMENTS_FONT_DIR / name, tmp_path / name)
    regular = tmp_path / settings.DOCUMENTS_FONT_FILES[0]
    font = TTFont(regular)
    for record in font["name"].names:
        if record.nameID == 6:
            record.string = "Liberation Serif (Test)/#1"
    font.save(regular)
    settings.DOCUMENTS_FONT_DIR = tmp_path
    content = _pdf("Tổ hòa giải")
    ((name, _size),) = _font_files(content)
    assert name[7:] == "+Liberation Serif (Test)/#1"
    assert "Tổ hòa giải" in pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text()


def test_a_long_text_shrinks_to_one_line_then_wraps_within_its_box():
    short = "Ông Lê Văn An"
    content = _pdf(short, NAME, f"{NAME} và {NAME}", width=150, size=20, min_size=14, max_lines=2)
    lines = _lines(content)
    assert [line["text"] for line in lines[:2]] == [short, NAME]
    assert lines[0]["sizes"] == {20}
    # Shrunk to one line rather than wrapped: smaller than 20, not below 14.
    (shrunk,) = lines[1]["sizes"]
    assert 14 <= shrunk < 20
    # Too long for one line even at 14: two lines, at the largest size that fits.
    assert len(lines) == 4
    assert f"{lines[2]['text']} {lines[3]['text']}" == f"{NAME} và {NAME}"
    assert min(line["x0"] for line in lines) >= 20 * MM - 0.5
    assert max(line["x1"] for line in lines) <= 170 * MM + 0.5


def test_a_text_that_fits_nowhere_is_refused():
    with pytest.raises(TextOverflow) as refused:
        _pdf(" ".join([NAME] * 4), width=150, size=20, min_size=14, max_lines=2)
    assert "150 mm" in str(refused.value)
    assert "14" in str(refused.value)
