"""An organiser plans the festival on a phone and prints the programme; a district officer
finds it on the calendar."""

import datetime
import re

import pypdf
import pytest

from festival.models import Festival
from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


def _open_menu_item(page, name: str) -> None:
    page.get_by_role("button", name="Mở menu").click()
    page.get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state()


def _field(page, label: str):
    """A form field by its whole label; required fields' labels end with an asterisk."""
    return page.get_by_label(re.compile(rf"^\s*{label}\s*\*?\s*$"))


def _add_row(page, button: str, fields: dict[str, str], selects: dict[str, str] | None = None):
    page.get_by_role("link", name=button).click()
    for label, value in fields.items():
        _field(page, label).fill(value)
    for label, value in (selects or {}).items():
        _field(page, label).select_option(label=value)
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()


def test_an_organiser_plans_the_festival_and_the_district_finds_it(page, log_in, people, units):
    day = datetime.date(2026, 12, 10)  # after the suite's pinned clock (tests/conftest.py)

    log_in("btc.an", PASSWORD)
    _open_menu_item(page, "Ngày hội")
    page.get_by_role("link", name="Tạo ngày hội").click()
    _field(page, "Ngày tổ chức").fill(day.isoformat())
    _field(page, "Giờ bắt đầu").fill("07:30")
    _field(page, "Địa điểm").fill("Nhà văn hoá khu phố 3")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    assert page.get_by_text("với chương trình mẫu").is_visible()
    assert page.get_by_role("heading", name=f"Ngày hội toàn dân bảo vệ ANTQ năm {day.year}")
    assert page.get_by_text("Ký kết giao ước thi đua thực hiện phong trào").is_visible()

    _add_row(
        page,
        "Thêm đại biểu",
        {"Họ và tên": "Nguyễn Quang Hiếu", "Chức vụ": "Bí thư", "Thứ tự lễ tân": "2"},
    )
    _add_row(
        page,
        "Thêm đại biểu",
        {"Họ và tên": "Đinh Tiến Dũng", "Chức vụ": "Bí thư Thành ủy", "Thứ tự lễ tân": "1"},
    )
    guests = page.get_by_test_id("guest-list").locator("li")
    assert guests.nth(0).inner_text().startswith("Đồng chí Đinh Tiến Dũng")
    assert guests.nth(1).inner_text().startswith("Đồng chí Nguyễn Quang Hiếu")

    _add_row(
        page,
        "Thêm bên ký",
        {
            "Tên cơ quan, tổ chức": "Hội Phụ nữ phường",
            "Người đại diện": "Lê Thị Thủy",
            "Chức vụ người đại diện": "Chủ tịch Hội",
        },
        {"Loại": "Tổ chức, đoàn thể"},
    )
    _add_row(
        page,
        "Thêm bên ký",
        {
            "Tên cơ quan, tổ chức": "Công ty TNHH Hải Long",
            "Người đại diện": "Phan Quang Huy",
            "Chức vụ người đại diện": "Giám đốc",
        },
        {"Loại": "Doanh nghiệp"},
    )
    signatories = page.get_by_test_id("signatories")
    assert signatories.get_by_text("Hội Phụ nữ phường").is_visible()
    assert signatories.get_by_text("Công ty TNHH Hải Long").is_visible()

    festival = Festival.objects.get()
    assert festival.guests.count() == 2
    assert festival.pledge_signatories.count() == 2

    # Print the programme script and read the downloaded PDF.
    page.get_by_role("button", name="Kịch bản chương trình (PDF)").click()
    page.wait_for_load_state()
    # Dated the festival's day unless another date is picked.
    page.get_by_role("button", name="Tạo văn bản").click()
    page.wait_for_load_state()
    download_link = page.get_by_role("link", name="Tải về")
    download_link.wait_for(timeout=60_000)
    with page.expect_download() as info:
        download_link.click()
    assert info.value.suggested_filename == f"Kịch bản chương trình - An {day.year}.pdf"
    text = pypdf.PdfReader(info.value.path()).pages[0].extract_text()
    assert "KỊCH BẢN CHƯƠNG TRÌNH" in text
    assert "Chào cờ" in text

    # A district officer finds it on the calendar of its month.
    page.context.clear_cookies()
    log_in("cum.mot", PASSWORD)
    _open_menu_item(page, "Ngày hội")
    page.get_by_role("link", name="Lịch").click()
    page.get_by_label("Tháng").fill(str(day.month))
    page.get_by_label("Năm").fill(str(day.year))
    page.get_by_role("button", name="Xem").click()
    page.wait_for_load_state()
    page.get_by_test_id("calendar-list").get_by_role("link", name="Phường An").click()
    page.wait_for_load_state()
    assert page.get_by_text("Nhà văn hoá khu phố 3").is_visible()
    # They read it but do not edit it.
    assert page.get_by_role("link", name="Thêm đại biểu").count() == 0
