"""The printed reports: the ward's movement report (Word, PDF) and the unit's summary (Excel,
PDF, Word), read back and checked against the hand-counted province."""

import datetime
import io

import docx
import openpyxl
import pypdf
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from documents.models import Job, JobStatus
from documents.services import request_document
from tests.conftest import make_unit
from tests.documents import readback
from wards.models import Level, Signer


def generate(client, kind, obj, fmt, year=2024, confirm=True):
    data = {"kind": kind, "fmt": fmt, "object": obj.pk, "year": year}
    if confirm:
        data["confirm"] = "1"
    return client.post(reverse("documents:generate"), data)


def print_report(client, kind, obj, fmt, year=2024) -> Job:
    response = generate(client, kind, obj, fmt, year)
    assert response.status_code == 302
    job = Job.objects.latest("pk")
    assert response["Location"] == reverse("documents:job", args=[job.pk])
    assert job.status == JobStatus.DONE, job.error
    return job


def pdf_text(job) -> str:
    reader = pypdf.PdfReader(io.BytesIO(job.file.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def word(job) -> docx.document.Document:
    return docx.Document(io.BytesIO(job.file.read()))


def table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_ward_report_in_word_has_the_numbers_filled_in(login, people, units, province_data):
    job = print_report(
        login(people["ward_official"]), "dashboards.ward_report", units["ward"], "docx"
    )
    assert job.filename == (
        "Báo cáo kết quả phong trào toàn dân bảo vệ ANTQ năm 2024 — Phường An.docx"
    )
    document = word(job)
    readback.assert_word_fit_to_sign(document)
    header = table_rows(document.tables[0])
    assert header[0][0].splitlines() == ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN"]
    assert header[0][1].splitlines() == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert header[1][0] == "Số: ......./BC-UBND"
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "BÁO CÁO\nKết quả phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2024" in text
    assert (
        "Đến ngày 31/12/2024, toàn phường có 4 mô hình tự quản về ANTT (cùng kỳ năm 2023: 4; "
        "bằng cùng kỳ), trong đó 1 mô hình thành lập mới trong năm (cùng kỳ năm 2023: 1; "
        "bằng cùng kỳ). Gồm: 2 tổ tự quản ANTT, 1 tổ hòa giải, 1 camera an ninh."
    ) in text
    assert "đạt 9 kết quả hoạt động (cùng kỳ năm 2023: 6; tăng 3)" in text
    assert "có 2 điển hình tiên tiến được ghi nhận, gồm 2 cá nhân và 0 tập thể" in text
    assert "Phường An có 3 khu dân cư." in text
    # The narrative is left to the ward, marked in grey italics.
    placeholders = [p for p in document.paragraphs if p.text.startswith("[Phường, xã viết")]
    assert len(placeholders) == 6
    assert all(run.italic for paragraph in placeholders for run in paragraph.runs)

    kinds, areas, activity, festival, awards, comparison = (
        table_rows(t) for t in document.tables[1:7]
    )
    assert kinds[0] == [
        "STT",
        "Loại mô hình",
        "Năm 2024",
        "Cùng kỳ 2023",
        "Tăng, giảm",
        "Mới trong năm",
    ]
    assert kinds[1:] == [
        ["1", "Tổ tự quản ANTT", "2", "1", "+1", "1"],
        ["2", "Tổ hòa giải", "1", "2", "-1", "0"],
        ["3", "Camera an ninh", "1", "1", "0", "0"],
        ["", "Cộng", "4", "4", "0", "1"],
    ]
    assert areas[1] == ["1", "Khu 1", "2", "2", "0", "3", "6", "1", "1"]
    assert areas[-1] == ["", "Cộng", "4", "4", "1", "9", "6", "2", "1"]
    assert activity[1] == ["1", "Tin báo, tố giác chuyển Công an", "5", "1", "+4"]
    assert activity[-1] == ["", "Cộng", "9", "6", "+3"]
    assert (
        "Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024 được tổ chức ngày 15/08/2024 tại "
        "Nhà văn hoá An; 500 người tham dự (cùng kỳ năm 2023: 400; tăng 100)."
    ) in text
    assert festival[1:] == [
        ["1", "Người tham dự", "500", "400", "+100"],
        ["2", "Người được khám bệnh", "120", "0", "+120"],
        ["3", "Suất quà", "30", "0", "+30"],
        ["4", "Căn cước cấp", "0", "50", "-50"],
        ["5", "Định danh điện tử", "0", "40", "-40"],
    ]
    assert "có 2 lượt đề nghị khen thưởng (cùng kỳ năm 2023: 1; tăng 1), 1 lượt" in text
    assert awards[1:] == [
        ["1", "Giấy khen của Giám đốc Công an tỉnh Thử", "0", "0", "1", "-1"],
        ["2", "Giấy khen của Chủ tịch Ủy ban nhân dân phường An", "2", "1", "0", "+1"],
        ["", "Cộng", "2", "1", "1", "0"],
    ]
    assert comparison[1:] == [
        ["1", "Mô hình tự quản về ANTT", "4", "4", "0"],
        ["2", "Mô hình thành lập mới", "1", "1", "0"],
        ["3", "Kết quả hoạt động (tổng số)", "9", "6", "+3"],
        ["4", "Điển hình tiên tiến được ghi nhận", "2", "1", "+1"],
        ["5", "Người tham dự Ngày hội", "500", "400", "+100"],
        ["6", "Lượt đề nghị khen thưởng", "2", "1", "+1"],
        ["7", "Lượt được khen thưởng", "1", "1", "0"],
    ]
    readback.assert_word_signature(
        document,
        lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        name="Trần Văn Bình",
        recipients=[
            "Ủy ban nhân dân tỉnh Thử (để báo cáo);",
            "Công an tỉnh Thử;",
            "Lưu: VT.",
        ],
    )


def test_the_ward_report_as_pdf_carries_the_same_numbers(login, people, units, province_data):
    job = print_report(login(people["district"]), "dashboards.ward_report", units["ward"], "pdf")
    assert job.filename.endswith("năm 2024 — Phường An.pdf")
    text = pdf_text(job)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BÁO CÁO" in text
    assert "Tổ tự quản ANTT 2 1 +1 1" in text
    assert "Tổ hòa giải 1 2 -1 0" in text
    assert "Cộng 4 4 0 1" in text
    assert "Khu 1 2 2 0 3 6 1 1" in text
    assert "Người tham dự 500 400 +100" in text
    assert "Người được khám bệnh 120 0 +120" in text
    assert "Tin báo, tố giác chuyển Công an 5 1 +4" in text
    assert "Cộng 9 6 +3" in text
    assert "Điển hình tiên tiến được ghi nhận 2 1 +1" in text
    assert "[Phường, xã viết: ưu điểm; hạn chế, nguyên nhân; bài học kinh nghiệm.]" in text
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025" in text


def test_a_years_report_uses_that_year(login, people, units, province_data):
    job = print_report(
        login(people["ward_official"]), "dashboards.ward_report", units["ward"], "pdf", 2023
    )
    text = pdf_text(job)
    assert "năm 2023" in job.filename
    assert "Kết quả phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2023" in text
    assert "Camera an ninh 1 0 +1 1" in text  # set up in June 2023


def test_the_unit_summary_workbook_has_numbers_as_numbers(login, people, units, province_data):
    job = print_report(
        login(people["province"]), "dashboards.unit_summary", units["province"], "xlsx"
    )
    assert job.filename == (
        "Báo cáo tổng hợp phong trào toàn dân bảo vệ ANTQ năm 2024 — Tỉnh Thử.xlsx"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(job.file.read()))
    assert workbook.sheetnames == [
        "Tổng quan",
        "Mô hình theo loại",
        "Hoạt động",
        "Ngày hội",
        "Đề nghị khen thưởng",
        "Được khen thưởng",
    ]
    rows = list(workbook["Tổng quan"].iter_rows(values_only=True))
    header = rows.index(
        (
            "STT",
            "Phường, xã",
            "Cụm",
            "Mô hình tự quản 2024",
            "Mô hình tự quản 2023",
            "Mới thành lập 2024",
            "Mới thành lập 2023",
            "Kết quả hoạt động 2024",
            "Kết quả hoạt động 2023",
            "Điển hình 2024",
            "Điển hình 2023",
            "Được khen thưởng 2024",
            "Được khen thưởng 2023",
        )
    )
    assert rows[header + 1] == (1, "An", "Cụm Một", 4, 4, 1, 1, 9, 6, 2, 1, 1, 1)
    assert rows[header + 2] == (2, "Bình", "Cụm Một", 1, 0, 1, 0, 7, 0, 0, 0, 0, 0)
    assert rows[header + 3] == (3, "Cam", None, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0)
    # Totals are sums Excel recomputes over the three wards' rows; they add up to the figures.
    first, last = header + 2, header + 4
    assert rows[header + 4] == (
        None,
        "Cộng",
        None,
        *(f"=SUM({c}{first}:{c}{last})" for c in "DEFGHIJKLM"),
    )
    sums = [sum(row[column] for row in rows[header + 1 : header + 4]) for column in range(3, 13)]
    assert sums == [5, 4, 2, 1, 17, 6, 2, 1, 1, 1]
    overview = workbook["Tổng quan"]
    assert overview[f"D{first}"].number_format == "#,##0"
    assert overview[f"A{first}"].number_format == "0"
    for sheet in workbook.worksheets:
        readback.assert_sheet_printable(sheet, header_row=header + 1, landscape=True)
    festival = list(workbook["Ngày hội"].iter_rows(values_only=True))
    assert festival[3] == (
        "STT",
        "Phường, xã",
        "Cụm",
        "Ngày hội 2024",
        "Ngày hội 2023",
        "Người tham dự 2024",
        "Người tham dự 2023",
        "Người được khám bệnh 2024",
        "Người được khám bệnh 2023",
        "Suất quà 2024",
        "Suất quà 2023",
        "Căn cước cấp 2024",
        "Căn cước cấp 2023",
        "Định danh điện tử 2024",
        "Định danh điện tử 2023",
    )
    assert festival[4][:9] == (
        1,
        "An",
        "Cụm Một",
        "15/08/2024 — Đã báo cáo kết quả",
        "18/08/2023 — Đã tổ chức",
        500,
        400,
        120,
        0,
    )
    awarded = list(workbook["Được khen thưởng"].iter_rows(values_only=True))
    assert awarded[-1] == (None, "Cộng", None, *(f"=SUM({c}5:{c}7)" for c in "DEFG"))
    assert [sum(row[c] for row in awarded[4:7]) for c in range(3, 7)] == [0, 1, 1, 0]
    kinds = list(workbook["Mô hình theo loại"].iter_rows(values_only=True))
    assert kinds[3][7:9] == ("Camera an ninh 2024", "Camera an ninh 2023")
    assert [sum(row[c] for row in kinds[4:7]) for c in range(3, 9)] == [2, 1, 1, 2, 2, 1]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_unit_summary_lists_every_ward(login, people, units, province_data, fmt):
    job = print_report(login(people["district"]), "dashboards.unit_summary", units["grouping"], fmt)
    if fmt == "pdf":
        text = pdf_text(job)
    else:
        document = word(job)
        text = "\n".join(
            [p.text for p in document.paragraphs]
            + [" ".join(cell.text for cell in row.cells) for t in document.tables for row in t.rows]
        )
    assert "Cụm Một có 2 phường, xã." in text
    assert "1 An 4 4 1 9 6 2 1 15/08/2024" in text
    assert "2 Bình 1 0 1 7 0 0 0 dự kiến 20/08/2024" in text
    assert "Cộng 5 4 2 16 6 2 1 1 đã tổ chức" in text
    assert "Năm 2024 có 1/2 phường, xã đã tổ chức Ngày hội" in text
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân phường, xã 3 1 0 +1" in " ".join(text.split())
    assert "Camera an ninh 2 1 +1 1" in text


def test_exports_of_a_unit_outside_ones_scope_are_404(login, people, units):
    assert (
        generate(
            login(people["district"]), "dashboards.unit_summary", units["province"], "xlsx"
        ).status_code
        == 404
    )
    assert (
        generate(
            login(people["ward_official"]), "dashboards.unit_summary", units["grouping"], "xlsx"
        ).status_code
        == 404
    )
    assert (
        generate(
            login(people["outsider"]), "dashboards.ward_report", units["ward"], "docx"
        ).status_code
        == 404
    )
    assert not Job.objects.exists()
    with pytest.raises(Http404):
        request_document(
            people["district"],
            "dashboards.unit_summary",
            units["far_ward"].parent,
            "xlsx",
            {"year": 2024},
        )


def test_each_report_prints_for_its_level_and_a_past_year_only(people, units):
    with pytest.raises(ValidationError, match="chỉ in cho một phường, xã"):
        request_document(
            people["province"], "dashboards.ward_report", units["grouping"], "pdf", {"year": 2024}
        )
    with pytest.raises(ValidationError, match="tỉnh hoặc cụm"):
        request_document(
            people["province"], "dashboards.unit_summary", units["ward"], "xlsx", {"year": 2024}
        )
    with pytest.raises(ValidationError, match="Chưa đến năm"):
        request_document(
            people["province"],
            "dashboards.unit_summary",
            units["province"],
            "xlsx",
            {"year": timezone.localdate().year + 1},
        )
    with pytest.raises(ValidationError):
        request_document(
            people["province"], "dashboards.unit_summary", units["province"], "xlsx", {"year": 2004}
        )
    assert not Job.objects.exists()


def test_without_a_year_the_generate_page_asks_for_it(login, people, units):
    response = generate(
        login(people["district"]),
        "dashboards.unit_summary",
        units["grouping"],
        "xlsx",
        confirm=False,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Năm" in html
    assert f'value="{timezone.localdate().year}"' in html
    assert not Job.objects.exists()


# --------------------------------------------------------------------------- fit to sign


def _job_bytes(client, kind, obj, fmt, year) -> bytes:
    return print_report(client, kind, obj, fmt, year).file.read()


@time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_the_ward_report_pdf_is_fit_to_sign(login, people, units, province_data):
    client = login(people["ward_official"])
    pdf = readback.fit_to_sign(
        _job_bytes(client, "dashboards.ward_report", units["ward"], "pdf", 2026)
    )
    readback.assert_national_header(
        pdf,
        issuer=["ỦY BAN NHÂN DÂN", "PHƯỜNG AN"],
        number="......./BC-UBND",
        place_date="An, ngày 02 tháng 12 năm 2026",
    )
    readback.assert_signature(
        pdf,
        lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        name="Trần Văn Bình",
        recipients=[
            "Ủy ban nhân dân tỉnh Thử (để báo cáo);",
            "Công an tỉnh Thử;",
            "Lưu: VT.",
        ],
    )
    # Part of a year reads "Từ … đến …", never "Trong từ …".
    assert "Trong từ" not in pdf.flat
    assert "Từ 01/01/2026 đến 02/12/2026, các mô hình và quần chúng nhân dân đạt" in pdf.flat
    readback.assert_no_lone_table_header(pdf)


@time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_the_unit_summary_is_signed_for_the_province(login, people, units, province_data):
    signer = Signer.objects.get(unit=units["province"])
    Signer.objects.filter(pk=signer.pk).update(name="Lê Văn Tỉnh")
    client = login(people["province"])
    content = _job_bytes(client, "dashboards.unit_summary", units["grouping"], "pdf", 2024)
    pdf = readback.fit_to_sign(content, landscape=True)
    readback.assert_national_header(
        pdf,
        issuer=["ỦY BAN NHÂN DÂN", "TỈNH THỬ"],
        number="......./BC-UBND",
        place_date="Tỉnh Thử, ngày 02 tháng 12 năm 2026",
    )
    readback.assert_signature(
        pdf, lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name="Lê Văn Tỉnh", recipients=["Lưu: VT."]
    )
    assert "NGƯỜI TỔNG HỢP" not in pdf.flat
    document = word(print_report(client, "dashboards.unit_summary", units["grouping"], "docx"))
    readback.assert_word_fit_to_sign(document, landscape=True)
    readback.assert_word_signature(
        document,
        lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        name="Lê Văn Tỉnh",
        recipients=["Lưu: VT."],
    )


@time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_a_long_summary_has_no_blank_page_and_no_lone_header(login, people, units, province_data):
    """Sixty wards: the per-ward table runs over pages, its header repeated, no page empty."""
    for number in range(60):
        make_unit(f"95{number:03d}", f"Phường Số {number}", Level.WARD, units["grouping"], "phường")
    client = login(people["province"])
    content = _job_bytes(client, "dashboards.unit_summary", units["province"], "pdf", 2024)
    pdf = readback.fit_to_sign(content, landscape=True)
    assert len(pdf.widths) >= 3
    readback.assert_no_lone_table_header(pdf)
