"""Bulk work in Chromium: every approved nomination of a filter into a decision, two
nominations returned with one reason, three photos uploaded at once with their progress."""

import datetime
import io
import time

import openpyxl
import pytest
from PIL import Image
from playwright.sync_api import expect

from awards.catalogue import seed_catalogue
from awards.models import AwardForm, Decision, Nomination, Nominee, Status
from festival.models import Photo
from festival.services import create_festival
from tests.conftest import PASSWORD, make_user
from tests.e2e.downloads import download
from wards.models import Role, Signer

pytestmark = pytest.mark.e2e


def _nominations(units, names, status):
    form = AwardForm.objects.get(code="GKUBP")
    return [
        Nomination.objects.create(
            nominee=Nominee.objects.create(ward=units["ward"], name=name, birth_year=1970),
            form=form,
            year=2025,
            achievements="Có thành tích xuất sắc trong phong trào",
            proposing_unit="UBND phường An",
            status=status,
        )
        for name in names
    ]


@pytest.fixture
def leader(units, people):
    seed_catalogue()  # an earlier test may have flushed the migration's rows
    return make_user("chutich.an", Role.STAFF, units["ward"])


def test_every_approved_nomination_of_a_filter_goes_into_the_decision(page, log_in, units, leader):
    wanted = _nominations(units, [f"Phạm Văn {i:02d}" for i in range(23)], Status.APPROVED)
    _nominations(units, ["Đỗ Thị Ngoài"], Status.APPROVED)
    signer = Signer.objects.create(unit=units["ward"], name="Trần Văn Bình", title="Chủ tịch")
    decision = Decision.objects.create(
        unit=units["ward"],
        form=AwardForm.objects.get(code="GKUBP"),
        number=125,
        symbol="QĐ-UBND",
        date=datetime.date(2025, 8, 12),
        authority="Ủy ban nhân dân phường An",
        place="An",
        signer=signer,
    )
    log_in("chutich.an", PASSWORD)
    page.goto(f"/awards/decisions/{decision.pk}/")
    page.get_by_label("Tìm đề nghị theo tên").fill("Phạm")
    page.get_by_label("Tìm đề nghị theo tên").press("Enter")
    rows = page.get_by_test_id("candidates").locator("[data-bulk-row]")
    expect(rows).to_have_count(20)  # one page of the 23
    # "All shown" ticks the page's rows; "all 23" takes the other page too.
    page.get_by_label("Chọn tất cả (20 dòng trên trang này)").check()
    for index in range(20):
        expect(rows.nth(index)).to_be_checked()
    page.get_by_label("Chọn tất cả 23 theo bộ lọc").check()
    page.get_by_role("button", name="Lưu danh sách").click()
    expect(page.get_by_text("Đã lưu danh sách khen thưởng của quyết định.")).to_be_visible()
    expect(page.get_by_test_id("decision-rows").locator("tbody tr")).to_have_count(23)
    assert set(decision.nominations.values_list("pk", flat=True)) == {n.pk for n in wanted}


def test_two_nominations_are_returned_with_one_reason(page, log_in, units, leader):
    first, second, third = _nominations(
        units, ["Bà Một Trả", "Bà Hai Trả", "Bà Ba Giữ"], Status.SUBMITTED
    )
    log_in("chutich.an", PASSWORD)
    page.goto("/awards/approvals/")
    page.get_by_label("Chọn Bà Một Trả").check()
    page.get_by_label("Chọn Bà Hai Trả").check()
    page.get_by_role("button", name="Trả lại các đề nghị đã chọn").click()
    expect(page.get_by_text("Cần ghi lý do trả lại để phường, xã bổ sung.")).to_be_visible()
    page.get_by_label("Chọn Bà Một Trả").check()
    page.get_by_label("Chọn Bà Hai Trả").check()
    page.get_by_label("Lý do (bắt buộc khi trả lại)").fill("Thiếu xác nhận của khu phố")
    page.get_by_role("button", name="Trả lại các đề nghị đã chọn").click()
    expect(page.get_by_text("Đã trả lại 2 đề nghị.")).to_be_visible()
    expect(page.get_by_label("Chọn Bà Ba Giữ")).to_be_visible()
    for nomination, status in (
        (first, Status.RETURNED),
        (second, Status.RETURNED),
        (third, Status.SUBMITTED),
    ):
        nomination.refresh_from_db()
        assert nomination.status == status
    first.refresh_from_db()
    assert first.reason == "Thiếu xác nhận của khu phố"


def _jpeg(colour) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def test_three_photos_are_uploaded_at_once_with_their_progress(
    page, log_in, units, people, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    festival = create_festival(
        units["ward"],
        people["ward_official"],
        date=datetime.date(2026, 8, 19),
        start_time=datetime.time(7, 30),
        venue="Nhà văn hóa khu phố 3",
    )
    log_in("btc.an", PASSWORD)
    page.goto(f"/festivals/{festival.pk}/photos/")
    files = [
        {"name": f"anh-{n}.jpg", "mimeType": "image/jpeg", "buffer": _jpeg(colour)}
        for n, colour in enumerate(["red", "green", "blue"], start=1)
    ]
    page.locator("input[type=file]").set_input_files(files)

    def slow_post(route):
        # A slow field connection: each file's answer comes after a pause, so the list of
        # files is seen filling in, one at a time.
        if route.request.method == "POST":
            time.sleep(0.5)
        route.continue_()

    page.route(f"**/festivals/{festival.pk}/photos/", slow_post)
    page.get_by_role("button", name="Tải ảnh lên").click()
    items = page.locator("[data-upload-progress] li")
    expect(page.locator("[data-upload-progress] progress")).to_have_count(3)
    expect(items.nth(0)).to_contain_text("anh-1.jpg")
    expect(items.nth(0).locator("[data-upload-status]")).to_have_text("Xong")
    expect(items.nth(2)).to_contain_text("anh-3.jpg")
    # Once every file is in, the page reloads with the three photos in the gallery.
    expect(page.get_by_test_id("gallery").locator("img")).to_have_count(3)
    assert Photo.objects.filter(festival=festival).count() == 3


@pytest.mark.worker
def test_the_filtered_nominations_list_is_exported_by_the_worker(
    page, log_in, units, people, leader, celery_worker
):
    _nominations(units, [f"Vũ Thị {i:02d}" for i in range(22)], Status.SUBMITTED)
    _nominations(units, ["Hà Văn Nháp"], Status.DRAFT)
    form = AwardForm.objects.get(code="GKUBP")
    Nomination.objects.create(
        nominee=Nominee.objects.create(ward=units["sibling"], name="Ông Xa Lạ", birth_year=1960),
        form=form,
        year=2025,
        achievements="Có thành tích",
        proposing_unit="UBND phường Bình",
        status=Status.SUBMITTED,
    )
    log_in("canbo.an", PASSWORD)
    page.goto("/awards/?status=submitted&sort=nominee")
    page.get_by_role("button", name="Xuất Excel").click()
    file = download(page)
    assert file.suggested_filename == "Đề nghị khen thưởng.xlsx"
    rows = list(
        openpyxl.load_workbook(io.BytesIO(file.path().read_bytes())).active.iter_rows(
            values_only=True
        )
    )
    headers = ("Đối tượng", "Hình thức", "Năm", "Phường, xã", "Trạng thái")
    body = rows[rows.index(headers) + 1 :]
    assert [row[0] for row in body] == [f"Vũ Thị {i:02d}" for i in range(22)]
    assert {row[4] for row in body} == {"Đã gửi, chờ xét"}
