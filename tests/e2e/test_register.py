"""A ward official keeps the register on a phone: two schemes, the profile, the map, and an
activity sheet imported after fixing the row the app pointed at."""

import pytest

from tests.conftest import PASSWORD
from tests.register import make_areas, seed_kinds, sheet
from wards.models import Activity, Scheme

pytestmark = pytest.mark.e2e

ACTIVITY_HEADERS = ["Ngày", "Loại hoạt động", "Số lượng", "Loại mô hình", "Tên mô hình", "Ghi chú"]


def xlsx_upload(rows) -> dict:
    return {
        "name": "hoat-dong.xlsx",
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "buffer": sheet(ACTIVITY_HEADERS, rows).getvalue(),
    }


def test_an_official_builds_the_register_and_imports_activity(page, log_in, people, units):
    seed_kinds()
    make_areas(units["ward"])
    log_in("canbo.an", PASSWORD)

    # A fire-safety group, chosen from the list of kinds.
    page.get_by_role("link", name="Thêm mô hình").click()
    page.get_by_role("link", name="Tổ liên gia an toàn PCCC").click()
    page.get_by_label("Tên mô hình").fill("Tổ liên gia khu 1")
    page.get_by_label("Khu dân cư").select_option(label="Khu 1")
    page.get_by_label("Số hộ tham gia").fill("10")
    page.get_by_label("Số bình chữa cháy").fill("12")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_role("heading", name="Tổ liên gia khu 1").is_visible()
    assert page.get_by_text("Đã lưu mô hình “Tổ liên gia khu 1”.").is_visible()

    # A camera scheme: started as another kind, switched in place (htmx) to cameras.
    page.goto("/units/90001/")
    page.get_by_role("link", name="Thêm mô hình").click()
    page.get_by_role("link", name="Tổ tự quản ANTT").click()
    assert page.get_by_label("Số camera").count() == 0
    page.get_by_label("Tên mô hình").fill("Camera chợ Cửa Ông")
    page.get_by_label("Loại mô hình").select_option(label="Camera an ninh")
    page.get_by_label("Số camera kết nối Công an").fill("5")  # waits for the swap
    assert page.get_by_label("Tên mô hình").input_value() == "Camera chợ Cửa Ông"
    page.get_by_label("Số camera", exact=False).first.fill("8")
    page.get_by_label("Vĩ độ").fill("21,0285")
    page.get_by_label("Kinh độ").fill("105,8542")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_role("heading", name="Camera chợ Cửa Ông").is_visible()
    camera = Scheme.objects.get(name="Camera chợ Cửa Ông")
    assert (camera.camera_count, camera.cameras_connected) == (8, 5)

    # Both are on the ward profile.
    page.goto("/units/90001/")
    summary = page.get_by_test_id("profile-summary").inner_text()
    assert "1 tổ liên gia an toàn PCCC" in summary
    assert "1 camera an ninh" in summary

    # The map shows the one with a location, with no tile server configured.
    page.get_by_role("link", name="Bản đồ").first.click()
    page.wait_for_selector(".scheme-marker-icon")
    assert page.locator(".scheme-marker-icon").count() == 1
    assert page.get_by_test_id("located-count").inner_text() == "1 mô hình có vị trí"
    page.locator(".scheme-marker-icon").click()
    assert (
        page.locator(".leaflet-popup").get_by_role("link", name="Camera chợ Cửa Ông").is_visible()
    )

    # An activity sheet with one bad row: the error names the row and the column.
    page.goto("/units/90001/")
    page.get_by_role("link", name="Hoạt động").click()
    page.get_by_role("link", name="Nhập từ Excel").click()
    good = ["02/05/2025", "Buổi thực tập PCCC", 1, None, "Tổ liên gia khu 1", None]
    bad = ["03/05/2025", "Tin báo, tố giác chuyển Công an", -3, None, None, None]
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(xlsx_upload([good, bad]))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    errors = page.get_by_test_id("import-errors")
    assert "Tệp có 1 lỗi, chưa nhập gì vào sổ." in errors.inner_text()
    error_row = errors.locator("tbody tr")
    assert [cell.strip() for cell in error_row.locator("td").all_inner_texts()] == [
        "3",
        "Số lượng",
        "Phải từ 1 trở lên.",
    ]
    assert not Activity.objects.exists()

    # Fixed, it is previewed, then confirmed.
    bad[2] = 3
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(xlsx_upload([good, bad]))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    assert "2 dòng sẵn sàng nhập" in page.get_by_test_id("import-preview").inner_text()
    page.get_by_role("button", name="Xác nhận nhập vào sổ").click()
    assert page.get_by_text("Đã nhập 2 hoạt động vào sổ của Phường An.").is_visible()
    assert Activity.objects.count() == 2

    page.goto("/units/90001/?year=2025")
    totals = page.get_by_test_id("activity-totals").inner_text()
    assert "Tin báo, tố giác chuyển Công an\t1\t3" in totals
