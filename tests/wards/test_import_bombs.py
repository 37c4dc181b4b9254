"""Hostile workbooks are refused before openpyxl parses them: zip bombs (a member that unpacks
to far more than the upload) and dimension bombs (a sheet declaring millions of cells).

The files are built here with zipfile, small on disk. Each test uploads one through the import
page and asserts the refusal only the pre-parse check gives, nothing saved, no file kept."""

import io
import re
import zipfile

import pytest
from django.urls import reverse

from tests.register import sheet
from wards.imports import SchemeImport
from wards.models import Scheme

UPLOAD = reverse("wards:import", args=["90001", "schemes"])
MB = 1024 * 1024
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.REGISTER_IMPORT_DIR = tmp_path / "imports"
    return settings.REGISTER_IMPORT_DIR


@pytest.fixture
def official(client, people, kinds, areas):
    client.force_login(people["ward_official"])
    return client


@pytest.fixture
def template_sheet(units, people, kinds, areas):
    """The scheme template's header row alone, as a real .xlsx."""
    importer = SchemeImport(units["ward"], people["ward_official"])
    return zipfile.ZipFile(sheet([column.header for column in importer.columns], []))


def rebuild(source: zipfile.ZipFile, replace=None, pad=None) -> io.BytesIO:
    """`source` again, members replaced ({name: bytes}) and `pad` = (name, closing tag, size):
    that member streamed with `size` bytes of spaces before its closing tag, which deflate
    about a thousand times."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for member in source.infolist():
            data = (replace or {}).get(member.filename, source.read(member))
            if pad and member.filename == pad[0]:
                name, closing, size = pad
                head, tail = data.rsplit(closing, 1)
                with archive.open(name, "w", force_zip64=True) as stream:
                    stream.write(head)
                    for _ in range(size // MB):
                        stream.write(b" " * MB)
                    stream.write(closing + tail)
            else:
                archive.writestr(member.filename, data)
    out.seek(0)
    out.name = "so-mo-hinh.xlsx"
    return out


def with_shared_strings(source: zipfile.ZipFile) -> zipfile.ZipFile:
    """`source` with a shared strings table, as Excel saves (openpyxl writes inline strings)."""
    rels = source.read("xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.openxmlformats'
        b'.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    types = source.read("[Content_Types].xml").replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats'
        b'-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    out = rebuild(
        source, replace={"xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types}
    )
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(
            STRINGS,
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
            'uniqueCount="1"><si><t>Tổ tuần tra</t></si></sst>',
        )
    out.seek(0)
    return zipfile.ZipFile(out)


def with_dimension(source: zipfile.ZipFile, ref: str, rows: str = "") -> io.BytesIO:
    """The sheet declaring `ref` as its dimension, with `rows` added after the header."""
    xml = source.read(SHEET).decode()
    xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>', xml)
    xml = xml.replace("</sheetData>", rows + "</sheetData>")
    return rebuild(source, replace={SHEET: xml.encode()})


def assert_refused(response, import_dir, text):
    page = response.content.decode()
    assert response.status_code == 200
    assert text in page, re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", page[page.find("<main") :]))
    assert "chưa nhập gì" in page
    assert not Scheme.objects.exists()
    assert not import_dir.exists() or list(import_dir.iterdir()) == []


def test_a_shared_strings_bomb_is_refused_by_its_unpacked_size(
    official, template_sheet, import_dir
):
    bomb = rebuild(with_shared_strings(template_sheet), pad=(STRINGS, b"</sst>", 60 * MB))
    assert len(bomb.getvalue()) < 200 * 1024  # a small upload
    response = official.post(UPLOAD, {"file": bomb})
    assert_refused(response, import_dir, "Tệp Excel giải nén ra quá lớn (60 MB, tối đa 50 MB)")


def test_a_member_compressed_a_thousand_times_is_refused_below_the_size_limit(
    official, template_sheet, import_dir
):
    bomb = rebuild(with_shared_strings(template_sheet), pad=(STRINGS, b"</sst>", 8 * MB))
    response = official.post(UPLOAD, {"file": bomb})
    assert_refused(response, import_dir, "Tệp Excel giải nén ra quá lớn (8 MB, tối đa 50 MB)")


def test_a_sheet_declaring_every_cell_of_excel_is_refused(official, template_sheet, import_dir):
    bomb = with_dimension(template_sheet, "A1:XFD1048576")
    response = official.post(UPLOAD, {"file": bomb})
    assert_refused(response, import_dir, "Trang tính có 16.384 cột, quá nhiều so với mẫu")


def test_rows_beyond_the_limit_are_refused_whatever_the_sheet_declares(
    official, template_sheet, import_dir, settings
):
    settings.REGISTER_IMPORT_MAX_ROWS = 10
    rows = "".join(f'<row r="{n}"/>' for n in range(2, 30))
    bomb = with_dimension(template_sheet, "A1:B1", rows)  # a dimension that lies
    response = official.post(UPLOAD, {"file": bomb})
    assert_refused(response, import_dir, "Tệp có hơn 10 dòng")


def test_a_sheet_declaring_too_many_columns_is_refused(official, template_sheet, import_dir):
    # Without the check openpyxl would pad each of these rows to 16,384 cells.
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>' for n in range(2, 5)
    )
    bomb = with_dimension(template_sheet, "A1:XFD4", rows)
    response = official.post(UPLOAD, {"file": bomb})
    assert_refused(response, import_dir, "Trang tính có 16.384 cột, quá nhiều so với mẫu")


def test_the_blank_rows_above_a_far_row_count_towards_the_limit(
    official, template_sheet, import_dir, settings
):
    settings.REGISTER_IMPORT_MAX_ROWS = 10
    xml = template_sheet.read(SHEET).decode()
    xml = re.sub(r'<dimension ref="[^"]*"/>', "", xml)
    xml = xml.replace("</sheetData>", '<row r="5000"/></sheetData>')
    bomb = rebuild(template_sheet, replace={SHEET: xml.encode()})
    response = official.post(UPLOAD, {"file": bomb})
    assert_refused(response, import_dir, "Tệp có hơn 10 dòng")


def test_more_distinct_texts_than_a_template_holds_are_refused(
    official, template_sheet, import_dir, settings
):
    # openpyxl reads each shared string as it opens the file, slowly: millions of tiny ones
    # in a file under every size limit took minutes.
    settings.REGISTER_IMPORT_MAX_ROWS = 10
    strings = "".join(f"<si><t>{n}</t></si>" for n in range(251)).encode()
    bomb = rebuild(with_shared_strings(template_sheet), pad=(STRINGS, b"</sst>", 0))
    source = zipfile.ZipFile(bomb)
    xml = source.read(STRINGS).replace(b"</sst>", strings + b"</sst>")
    response = official.post(UPLOAD, {"file": rebuild(source, replace={STRINGS: xml})})
    assert_refused(response, import_dir, "Tệp có hơn 250 ô dữ liệu")


def test_more_cells_than_a_template_holds_are_refused(
    official, template_sheet, import_dir, settings
):
    settings.REGISTER_IMPORT_MAX_ROWS = 10
    rows = "".join(
        f'<row r="{n}">' + "<c><v>1</v></c>" * 60 + "</row>" for n in range(2, 7)
    )  # 300 cells in 5 rows
    bomb = with_dimension(template_sheet, "A1:BH6", rows)
    response = official.post(UPLOAD, {"file": bomb})
    assert_refused(response, import_dir, "Tệp có hơn 250 ô dữ liệu")
