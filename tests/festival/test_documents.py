"""The festival's printables, rendered for real and read back."""

import datetime
import io

import docx
import pypdf
import pytest
from django.http import Http404
from django.urls import reverse

from documents.models import Job, JobStatus
from documents.services import request_document
from festival.models import Festival, Guest, PledgeSignatory, SideEvent
from festival.services import create_festival


@pytest.fixture
def planned(festival):
    Festival.objects.filter(pk=festival.pk).update(
        organising_committee="Nguyễn Văn Hải, Trưởng Công an phường",
        attendance=1200,
        results_summary="Ngày hội diễn ra trang trọng, an toàn, tiết kiệm.",
    )
    for name, rank, title in [
        ("Nguyễn Quang Hiếu", 2, "Bí thư Quận ủy"),
        ("Đinh Tiến Dũng", 1, "Bí thư Thành ủy"),
        ("Vũ Chiến Thắng", 2, "Thứ trưởng Bộ Nội vụ"),
    ]:
        Guest.objects.create(festival=festival, name=name, protocol_rank=rank, title=title)
    for kind, name, person in [
        ("residential_area", "Khu phố Đông", "Trần Văn Bảy"),
        ("organisation", "Hội Phụ nữ phường", "Lê Thị Thủy"),
    ]:
        PledgeSignatory.objects.create(
            festival=festival,
            kind=kind,
            name=name,
            representative=person,
            representative_title="Trưởng ban",
        )
    SideEvent.objects.create(
        festival=festival,
        kind="health_check",
        title="Khám bệnh, cấp thuốc miễn phí",
        people_examined=250,
        medicine_given=180,
    )
    SideEvent.objects.create(
        festival=festival,
        kind="gifts",
        title="Tặng quà hộ nghèo",
        gift_recipients="poor_households",
        gifts_count=50,
        gifts_value=25_000_000,
    )
    festival.refresh_from_db()
    return festival


def _pdf_text(job) -> str:
    assert job.status == JobStatus.DONE, job.error
    reader = pypdf.PdfReader(io.BytesIO(job.file.read()))
    # Line breaks fall where the layout puts them: compare with spaces.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _docx_text(job) -> str:
    assert job.status == JobStatus.DONE, job.error
    document = docx.Document(io.BytesIO(job.file.read()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_programme_script_reads_back(people, planned):
    job = request_document(people["organiser"], "festival.programme", planned, "pdf")
    text = _pdf_text(job)
    assert "KỊCH BẢN CHƯƠNG TRÌNH" in text
    assert f"Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm {planned.year}" in text
    assert "I. PHẦN LỄ" in text
    assert "II. PHẦN HỘI" in text
    assert "07:30 Chào cờ" in text
    assert "Ký kết giao ước thi đua thực hiện phong trào" in text
    assert "Nguyễn Văn Hải, Trưởng Công an phường" in text
    assert job.filename == f"Kịch bản chương trình - An {planned.year}.pdf"


def test_the_introduction_list_is_in_protocol_order(people, planned):
    text = _pdf_text(request_document(people["organiser"], "festival.guests", planned, "pdf"))
    assert "Trân trọng giới thiệu:" in text
    first = text.index("Đồng chí Đinh Tiến Dũng, Bí thư Thành ủy;")
    # Same rank: by given name, Hiếu before Thắng.
    second = text.index("Đồng chí Nguyễn Quang Hiếu, Bí thư Quận ủy;")
    third = text.index("Đồng chí Vũ Chiến Thắng, Thứ trưởng Bộ Nội vụ.")
    assert first < second < third


def test_the_pledge_has_a_signature_block_per_signatory(people, planned):
    text = _pdf_text(request_document(people["organiser"], "festival.pledge", planned, "pdf"))
    assert "GIAO ƯỚC THI ĐUA" in text
    assert "Tích cực tuyên truyền, vận động" in text
    assert "ĐẠI DIỆN HỘI PHỤ NỮ PHƯỜNG" in text
    assert "ĐẠI DIỆN KHU PHỐ ĐÔNG" in text
    assert text.count("(Ký, ghi rõ họ tên)") == 2
    # Organisations sign before residential areas.
    assert text.index("Lê Thị Thủy") < text.index("Trần Văn Bảy")


def test_the_results_summary_adds_up(people, planned):
    text = _pdf_text(request_document(people["ward_official"], "festival.results", planned, "pdf"))
    assert "BÁO CÁO KẾT QUẢ TỔ CHỨC NGÀY HỘI" in text
    assert "UBND PHƯỜNG AN" in text
    assert "Số người tham dự 1.200" in text
    assert "Số người được khám bệnh 250" in text
    assert "Tổng trị giá quà 25.000.000 đồng" in text
    assert "Ngày hội diễn ra trang trọng, an toàn, tiết kiệm." in text


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("festival.programme", "Phát biểu khai mạc Ngày hội"),
        ("festival.guests", "Đinh Tiến Dũng"),
        ("festival.pledge", "ĐẠI DIỆN HỘI PHỤ NỮ PHƯỜNG"),
        ("festival.results", "Số người được cấp thuốc: 180"),
    ],
)
def test_each_printable_is_also_a_word_file(people, planned, kind, expected):
    job = request_document(people["organiser"], kind, planned, "docx")
    text = _docx_text(job)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert expected in text
    assert job.filename.endswith(".docx")


def test_printing_is_scoped(people, planned):
    with pytest.raises(Http404):
        request_document(people["outsider"], "festival.programme", planned, "pdf")
    with pytest.raises(Http404):
        request_document(people["nobody"], "festival.programme", planned, "pdf")
    district = request_document(people["district"], "festival.results", planned, "pdf")
    assert district.status == JobStatus.DONE


def test_the_hub_print_button_starts_the_job(login, people, planned):
    client = login(people["organiser"])
    page = client.get(reverse("festival:detail", args=[planned.pk])).content.decode()
    assert 'value="festival.programme"' in page
    response = client.post(
        reverse("documents:generate"),
        {"kind": "festival.programme", "fmt": "pdf", "object": planned.pk},
    )
    job = Job.objects.get()
    assert response["Location"] == reverse("documents:job", args=[job.pk])
    assert "Chào cờ" in _pdf_text(job)


def test_an_empty_festival_still_prints(people, units):
    bare = create_festival(
        units["commune"],
        None,
        date=datetime.date(2026, 8, 19),
        start_time=datetime.time(19, 0),
        venue="Sân văn hoá xã",
    )
    for kind in ("festival.guests", "festival.pledge", "festival.results"):
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in _pdf_text(
            request_document(people["province"], kind, bare, "pdf")
        )
