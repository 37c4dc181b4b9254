"""The festival's printables, rendered for real and read back."""

import datetime
import io

import docx
import pypdf
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from documents.models import Job, JobStatus
from documents.services import request_document
from festival.models import Festival, Guest, PledgeSignatory, SideEvent
from festival.services import create_festival
from tests import fidelity
from tests.documents import readback
from wards.models import Signer


@pytest.fixture
def planned(festival, units):
    Signer.objects.create(unit=units["ward"], name="Trần Văn Bình", title="Chủ tịch")
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
    assert "BÁO CÁO Kết quả tổ chức Ngày hội" in text
    assert "ỦY BAN NHÂN DÂN PHƯỜNG AN" in text
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
    button = {"kind": "festival.programme", "fmt": "pdf", "object": planned.pk}
    # The button first asks which date to print, the festival's day unless one is picked.
    asked = client.post(reverse("documents:generate"), button).content.decode()
    assert "Ngày ghi trên văn bản" in asked
    assert "Để trống: ngày diễn ra Ngày hội." in asked
    response = client.post(reverse("documents:generate"), {**button, "confirm": "1"})
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
    Signer.objects.create(unit=units["commune"], name="Đào Văn Sơn", title="Chủ tịch")
    for kind in ("festival.guests", "festival.pledge", "festival.results"):
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in _pdf_text(
            request_document(people["province"], kind, bare, "pdf")
        )


# --------------------------------------------------------------------------- fit to sign

PRINTED_ON = datetime.datetime(2026, 7, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def day(units, people):
    """Phường An's festival of 19 August 2026, in the ward's own cultural house."""
    festival = create_festival(
        units["ward"],
        people["ward_official"],
        date=datetime.date(2026, 8, 19),
        start_time=datetime.time(7, 30),
        venue="Nhà văn hóa phường An",
    )
    Festival.objects.filter(pk=festival.pk).update(
        attendance=1200, results_summary="Ngày hội diễn ra trang trọng, an toàn, tiết kiệm."
    )
    for rank, (salutation, grade, name, title, organisation) in enumerate(
        [
            ("comrade", "Trung tướng", "Nguyễn Hải Trung", "Thứ trưởng Bộ Công an", "Bộ Công an"),
            ("comrade", "", "Vũ Chiến Thắng", "Thứ trưởng Bộ Nội vụ", "Bộ Nội vụ"),
            ("ms", "", "Lê Thị Hoa", "Chủ tịch", "Hội Liên hiệp Phụ nữ tỉnh"),
        ],
        start=1,
    ):
        Guest.objects.create(
            festival=festival,
            salutation=salutation,
            rank=grade,
            name=name,
            title=title,
            organisation=organisation,
            protocol_rank=rank,
        )
    PledgeSignatory.objects.create(
        festival=festival,
        kind="organisation",
        name="Hội Phụ nữ phường",
        representative="Lê Thị Thủy",
        representative_title="Chủ tịch Hội",
    )
    festival.refresh_from_db()
    return festival


@pytest.fixture
def chairman(units):
    return Signer.objects.create(unit=units["ward"], name="Trần Văn Bình", title="Chủ tịch")


def _print(user, kind, festival, fmt, params=None) -> bytes:
    with time_machine.travel(PRINTED_ON, tick=False):
        job = request_document(user, kind, festival, fmt, params)
    assert job.status == JobStatus.DONE, job.error
    return job.file.read()


DAY_PAPERS = ["festival.programme", "festival.guests", "festival.pledge"]


@pytest.mark.parametrize("kind", DAY_PAPERS)
def test_the_papers_of_the_day_are_dated_the_festival_day(people, day, kind):
    pdf = readback.fit_to_sign(_print(people["organiser"], kind, day, "pdf"))
    readback.assert_national_header(
        pdf,
        issuer=["BAN TỔ CHỨC NGÀY HỘI"],
        number=None,
        place_date="An, ngày 19 tháng 8 năm 2026",
    )
    # The superior body in full above the organising committee, never "UBND PHƯỜNG AN".
    superior = [pdf.line(text, page=1) for text in ("ỦY BAN NHÂN DÂN", "PHƯỜNG AN")]
    assert not any(line.bold for line in superior)
    header = [line.text for line in pdf.on_page(1) if line.top <= superior[1].bottom]
    assert not any("UBND" in text for text in header)
    picked = _print(people["organiser"], kind, day, "pdf", {"date": "2026-08-15"})
    readback.fit_to_sign(picked).line("An, ngày 15 tháng 8 năm 2026", page=1)


@pytest.mark.parametrize("kind", DAY_PAPERS)
def test_the_papers_of_the_day_in_word(people, day, kind):
    document = fidelity.read_docx(_print(people["organiser"], kind, day, "docx"))
    readback.assert_word_fit_to_sign(document)
    lines = fidelity.docx_text(document).splitlines()
    for line in [
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG AN",
        "BAN TỔ CHỨC NGÀY HỘI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "An, ngày 19 tháng 8 năm 2026",
    ]:
        assert line in lines


def test_guests_are_introduced_with_their_rank_and_position_once(people, day):
    pdf = readback.fit_to_sign(_print(people["organiser"], "festival.guests", day, "pdf"))
    assert "Đồng chí Trung tướng Nguyễn Hải Trung, Thứ trưởng Bộ Công an;" in pdf.flat
    assert "Đồng chí Vũ Chiến Thắng, Thứ trưởng Bộ Nội vụ;" in pdf.flat
    assert "Bà Lê Thị Hoa, Chủ tịch, Hội Liên hiệp Phụ nữ tỉnh." in pdf.flat
    assert "Bộ Nội vụ, Bộ Nội vụ" not in pdf.flat
    text = fidelity.docx_text(
        fidelity.read_docx(_print(people["organiser"], "festival.guests", day, "docx"))
    )
    assert "Đồng chí Trung tướng Nguyễn Hải Trung, Thứ trưởng Bộ Công an;" in text


def test_the_pledge_names_the_ward_once(people, day):
    pdf = readback.fit_to_sign(_print(people["organiser"], "festival.pledge", day, "pdf"))
    assert "tại Nhà văn hóa phường An, nhân dịp Ngày hội" in pdf.flat
    assert "Phường An" not in pdf.flat.replace("ỦY BAN NHÂN DÂN PHƯỜNG AN", "")
    Festival.objects.filter(pk=day.pk).update(venue="Sân khu phố 3")
    day.refresh_from_db()
    pdf = readback.fit_to_sign(_print(people["organiser"], "festival.pledge", day, "pdf"))
    assert "tại Sân khu phố 3, phường An, nhân dịp Ngày hội" in pdf.flat


def test_the_results_report_is_fit_to_sign(people, day, chairman):
    pdf = readback.fit_to_sign(_print(people["ward_official"], "festival.results", day, "pdf"))
    readback.assert_national_header(
        pdf,
        issuer=["ỦY BAN NHÂN DÂN", "PHƯỜNG AN"],
        number="......./BC-UBND",
        place_date="An, ngày 01 tháng 7 năm 2026",
    )
    assert "BÁO CÁO" in pdf.text
    assert "Kết quả tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2026" in pdf.flat
    assert "Trạng thái" not in pdf.flat
    assert "Số người tham dự 1.200" in pdf.flat
    recipients = ["Ủy ban nhân dân tỉnh Thử (để báo cáo);", "Công an tỉnh Thử;"]
    readback.assert_signature(
        pdf,
        lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        name="Trần Văn Bình",
        recipients=[*recipients, "Lưu: VT."],
    )
    document = fidelity.read_docx(_print(people["ward_official"], "festival.results", day, "docx"))
    readback.assert_word_fit_to_sign(document)
    text = fidelity.docx_text(document)
    assert "Số: ......./BC-UBND" in text
    assert "Trạng thái" not in text
    readback.assert_word_signature(
        document,
        lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        name="Trần Văn Bình",
        recipients=[*recipients, "Lưu: VT."],
    )


def test_the_results_report_needs_a_signer(people, day):
    with pytest.raises(ValidationError, match="chưa có người ký"):
        request_document(people["ward_official"], "festival.results", day, "pdf")
