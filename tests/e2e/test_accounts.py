"""A province administrator brings a new ward in without the Django admin: its accounts from an
Excel sheet (the template downloaded from the app), the initial passwords seen and printable, the
ward's settings (address, default proposing unit), then the ward's official logs in the first
time, must choose a password, and enters a scheme. No page on the way shows English."""

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from accounts.services import create_account
from tests.conftest import PASSWORD, make_unit, make_user
from tests.e2e.downloads import download
from tests.e2e.english import assert_vietnamese
from tests.register import seed_kinds
from wards.models import AdministrativeUnit, Level, Membership, Role, Scheme

pytestmark = pytest.mark.e2e


def test_a_province_administrator_brings_a_new_ward_in(page, log_in, people, units):
    seed_kinds()
    make_unit("90004", "Định Công", Level.WARD, units["province"], "phường")

    log_in("quantri.thu", PASSWORD)
    assert_vietnamese(page)
    page.goto("/users/")
    assert_vietnamese(page)
    page.get_by_role("link", name="Tạo từ Excel").click()
    assert_vietnamese(page)

    # The template from the app, filled in as an official would in Excel.
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp mẫu").click()
    with open(download.value.path(), "rb") as template:
        workbook = openpyxl.load_workbook(io.BytesIO(template.read()))
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    for values in [
        {
            "Họ và tên": "Nguyễn Thị Lan",
            "Tên đăng nhập": "canbo.dinhcong",
            "Đơn vị": "Phường Định Công",
            "Vai trò": "Cán bộ phường, xã",
            "Chức vụ": "Cán bộ Văn phòng",
        },
        {
            "Họ và tên": "Trần Văn Đức",
            "Tên đăng nhập": "congan.dinhcong",
            "Đơn vị": "Phường Định Công",
            "Vai trò": "Công an phường, xã",
            "Chức vụ": "Trưởng Công an phường",
        },
        {
            "Họ và tên": "Lê Quang Minh",
            "Tên đăng nhập": "lanhdao.dinhcong",
            "Đơn vị": "90004",
            "Vai trò": "Lãnh đạo phường, xã (Chủ tịch, Phó Chủ tịch)",
            "Chức vụ": "Chủ tịch UBND phường",
        },
    ]:
        sheet.append([values.get(header) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(
        {
            "name": "tai-khoan.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": buffer.getvalue(),
        }
    )
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    assert "3 dòng sẵn sàng nhập" in page.get_by_test_id("import-preview").inner_text()
    assert_vietnamese(page)
    assert not Membership.objects.filter(unit__code="90004").exists()
    page.get_by_role("button", name="Xác nhận tạo các tài khoản").click()

    # The initial passwords, on screen and ready to print.
    assert page.get_by_text("Đã tạo 3 tài khoản.").is_visible()
    assert_vietnamese(page)
    row = page.get_by_test_id("password-table").locator("tr", has_text="canbo.dinhcong")
    initial = row.get_by_test_id("initial-password").inner_text().strip()
    official = Membership.objects.get(user__username="canbo.dinhcong")
    assert (official.unit.code, official.role) == ("90004", Role.WARD_OFFICIAL)
    assert initial == official.initial_password
    page.get_by_role("button", name="In danh sách mật khẩu").click()
    page.wait_for_load_state()
    assert_vietnamese(page)

    # The new ward's settings, from its unit page: what its papers and forms will carry.
    page.goto("/units/90004/")
    page.get_by_test_id("unit-settings").click()
    page.wait_for_load_state()
    assert_vietnamese(page)
    page.get_by_label("Địa chỉ trụ sở").fill("Số 8 phố Định Công")
    page.get_by_label("Đơn vị đề nghị khen thưởng mặc định").fill("Công an phường Định Công")
    page.get_by_role("button", name="Lưu cài đặt").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đã lưu cài đặt của Phường Định Công.").is_visible()
    assert_vietnamese(page)
    ward = AdministrativeUnit.objects.get(code="90004")
    assert ward.address == "Số 8 phố Định Công"

    # The new official's first login: sent to choose a password before anything else.
    page.context.clear_cookies()
    log_in("canbo.dinhcong", initial)
    assert page.get_by_test_id("first-login").is_visible()
    assert_vietnamese(page)
    page.goto("/schemes/")
    assert page.get_by_test_id("first-login").is_visible()
    page.get_by_label("Mật khẩu cũ").fill(initial)
    page.locator("#id_new_password1").fill("Định-Công-2026!")
    page.get_by_label("Xác nhận mật khẩu mới").fill("Định-Công-2026!")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Đã đổi mật khẩu.").is_visible()
    assert_vietnamese(page)

    # Then the register: a scheme of the new ward.
    page.get_by_role("link", name="Về trang chính").click()
    assert page.get_by_role("heading", name="Phường Định Công").first.is_visible()
    assert_vietnamese(page)
    page.get_by_role("link", name="Danh sách").first.click()
    page.get_by_role("link", name="Thêm mô hình").click()
    assert_vietnamese(page)
    page.get_by_role("link", name="Tổ tự quản ANTT").click()
    page.get_by_label("Tên mô hình").fill("Tổ tự quản khu 1")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_role("heading", name="Tổ tự quản khu 1").is_visible()
    assert_vietnamese(page)
    scheme = Scheme.objects.get(name="Tổ tự quản khu 1")
    assert scheme.ward.code == "90004"
    official.refresh_from_db()
    assert not official.must_change_password
    assert official.initial_password == ""


@pytest.mark.worker
def test_the_users_list_sorts_and_is_exported_by_the_worker(
    page, log_in, people, units, celery_worker
):
    superuser = get_user_model().objects.create_superuser("root", password=PASSWORD)
    made = [
        create_account(
            superuser,
            username=f"canbo.{n:02}",
            full_name=f"Đỗ Văn {n:02}",
            unit=units["commune"],
            role=Role.WARD_OFFICIAL,
        )
        for n in range(22)
    ]
    make_user("canbo.xa", Role.WARD_OFFICIAL, units["far_ward"])  # another province
    log_in("quantri.thu", PASSWORD)
    page.goto("/users/?role=ward_official")
    page.get_by_role("link", name="Tên đăng nhập").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Tên đăng nhập").click()  # again: the other way
    page.wait_for_load_state()
    table = page.get_by_test_id("account-table")
    expect(table.locator("th[aria-sort=descending]")).to_have_text("Tên đăng nhập")
    expect(table.locator("tbody tr").first).to_contain_text("canbo.binh")
    expect(page.get_by_test_id("page-summary")).to_have_text("Trang 1 / 2 — 1–20 / 24")
    assert_vietnamese(page)
    page.get_by_role("button", name="Xuất Excel").click()
    file = download(page)
    assert file.suggested_filename == "Tài khoản người dùng.xlsx"
    rows = list(
        openpyxl.load_workbook(io.BytesIO(file.path().read_bytes())).active.iter_rows(
            values_only=True
        )
    )
    headers = ("Họ và tên", "Tên đăng nhập", "Chức vụ", "Đơn vị", "Vai trò", "Trạng thái")
    body = rows[rows.index(headers) + 1 :]
    usernames = ["canbo.binh", "canbo.an", *(f"canbo.{n:02}" for n in range(21, -1, -1))]
    assert [row[1] for row in body] == usernames
    cells = {str(cell) for row in rows for cell in row}
    assert "canbo.xa" not in cells
    assert not {membership.initial_password for membership in made} & cells
