import re

import pytest

from awards.catalogue import seed_catalogue
from awards.models import Certificate
from tests.conftest import PASSWORD, make_user
from wards.models import Role

pytestmark = pytest.mark.e2e

FORM = "Giấy khen của Chủ tịch Ủy ban nhân dân phường, xã"


def _add_nominee(page, name, *, collective=False, birth_year="1970"):
    page.goto("/awards/nominees/")
    page.get_by_role("link", name="Thêm đối tượng").click()
    page.get_by_label("Cá nhân / tập thể").select_option(
        label="Tập thể" if collective else "Cá nhân"
    )
    page.get_by_label("Họ và tên / tên tập thể").fill(name)
    if not collective:
        page.get_by_label("Năm sinh").fill(birth_year)
        page.get_by_label("Chức vụ").fill("Tổ viên tổ tuần tra")
    page.get_by_role("button", name="Lưu và lập đề nghị").click()
    page.get_by_label("Hình thức khen thưởng").select_option(label=FORM)
    page.get_by_label("Thành tích").fill("Tích cực tham gia phong trào toàn dân bảo vệ ANTQ")
    page.get_by_role("button", name="Lưu đề nghị").click()
    page.get_by_role("button", name="Gửi lên cấp xét duyệt").click()
    assert page.get_by_text("Đã gửi đề nghị lên cấp xét duyệt").is_visible()


def _switch_user(page, log_in, username):
    page.context.clear_cookies()
    log_in(username, PASSWORD)


def test_from_nomination_to_a_verified_certificate(page, log_in, people, units):
    seed_catalogue()  # an earlier test may have flushed the migration's rows
    make_user("chutich.an", Role.STAFF, units["ward"])

    # A ward official nominates two people and a collective.
    log_in("canbo.an", PASSWORD)
    _add_nominee(page, "Nguyễn Văn Hải")
    _add_nominee(page, "Lê Thị Mai", birth_year="1985")
    _add_nominee(page, "Tổ tự quản khu phố 3", collective=True)

    # The ward's leadership approves them and issues the decision.
    _switch_user(page, log_in, "chutich.an")
    page.goto("/awards/approvals/")
    for name in ["Nguyễn Văn Hải", "Lê Thị Mai", "Tổ tự quản khu phố 3"]:
        page.get_by_role("button", name=f"Duyệt {name}").click()
        assert page.get_by_text("Đã duyệt đề nghị").is_visible()
    page.goto("/awards/decisions/")
    page.get_by_role("link", name="Lập quyết định").click()
    page.get_by_label("Hình thức khen thưởng").select_option(label=FORM)
    page.locator("#id_number").fill("125")
    page.get_by_label("Ký hiệu").fill("QĐ-UBND")
    page.get_by_label("Ngày ký").fill("2025-08-12")
    page.get_by_label("Cơ quan ban hành").fill("Ủy ban nhân dân phường An")
    page.get_by_label("Chức vụ người ký").fill("CHỦ TỊCH")
    page.locator("#id_signer_name").fill("Trần Văn Bình")
    page.get_by_role("button", name="Lưu quyết định").click()
    for checkbox in page.get_by_role("checkbox").all():
        checkbox.check()
    page.get_by_role("button", name="Lưu danh sách").click()
    assert page.get_by_test_id("total").inner_text() == "2.808.000 đ"
    page.get_by_role("button", name="Ban hành quyết định").click()
    assert page.get_by_text("3 giấy chứng nhận đã được cấp số hiệu").is_visible()

    # The QR's address verifies, without logging in.
    page.context.clear_cookies()
    certificate = Certificate.objects.get(nomination__nominee__name="Lê Thị Mai")
    page.goto(re.sub(r"^https?://[^/]+", "", certificate.qr_url))
    assert page.get_by_text("Khen thưởng hợp lệ").is_visible()
    assert page.get_by_test_id("recipient").inner_text() == "Lê Thị Mai"
