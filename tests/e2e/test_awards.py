import re

import pypdf
import pytest
from playwright.sync_api import expect

from awards.catalogue import seed_catalogue
from awards.models import Certificate, Decision
from awards.services import qr_matrix
from tests.awards.readback import qr_modules
from tests.conftest import PASSWORD, make_user
from wards.models import Role, Signer

pytestmark = [pytest.mark.e2e, pytest.mark.worker]

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
    expect(page.get_by_text("Đã gửi đề nghị lên cấp xét duyệt")).to_be_visible()


def _switch_user(page, log_in, username):
    page.context.clear_cookies()
    log_in(username, PASSWORD)


def _print(page, button, *, confirm=False):
    """Start a print job from the current page and download the file the worker makes."""
    page.get_by_role("button", name=button).click()
    if confirm:
        page.get_by_role("button", name="Tạo văn bản").click()
    link = page.get_by_role("link", name="Tải về")
    link.wait_for(timeout=60_000)
    with page.expect_download() as info:
        link.click()
    return pypdf.PdfReader(info.value.path())


def test_from_nomination_to_a_verified_certificate(page, log_in, people, units, celery_worker):
    seed_catalogue()  # an earlier test may have flushed the migration's rows
    make_user("chutich.an", Role.WARD_LEADER, units["ward"])
    Signer.objects.create(unit=units["ward"], name="Trần Văn Bình", title="Chủ tịch")

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
        expect(page.get_by_text("Đã duyệt đề nghị")).to_be_visible()
    page.goto("/awards/decisions/")
    page.get_by_role("link", name="Lập quyết định").click()
    page.get_by_label("Hình thức khen thưởng").select_option(label=FORM)
    page.locator("#id_number").fill("125")
    page.get_by_label("Ký hiệu").fill("QĐ-UBND")
    page.get_by_label("Ngày ký").fill("2025-08-12")
    page.get_by_label("Cơ quan ban hành").fill("Ủy ban nhân dân phường An")
    page.get_by_label("Người ký").select_option(label="Trần Văn Bình — Chủ tịch")
    page.get_by_role("button", name="Lưu quyết định").click()
    for checkbox in page.get_by_role("checkbox").all():
        checkbox.check()
    page.get_by_role("button", name="Lưu danh sách").click()
    assert page.get_by_test_id("total").inner_text() == "2.808.000\u00a0đ"
    # Issuing locks the decision: the dialog says so first; going back leaves it a draft.
    issue = page.get_by_role("button", name="Ban hành quyết định")
    issue.click()
    dialog = page.get_by_role("dialog")
    assert dialog.get_by_text(
        "Ban hành sẽ khóa quyết định: không sửa được nữa; số hiệu và mã xác minh được cấp cho "
        "3 giấy chứng nhận khen thưởng."
    ).is_visible()
    dialog.get_by_role("button", name="Quay lại").click()
    assert not dialog.is_visible()
    assert issue.evaluate("b => document.activeElement === b")
    draft = Decision.objects.get(number=125)
    assert not draft.is_issued
    assert not Certificate.objects.exists()
    issue.click()
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    draft.refresh_from_db()
    assert not draft.is_issued
    issue.click()
    dialog.get_by_role("button", name="Ban hành quyết định").click()
    # The confirmation posts the form: wait for the next page, is_visible() would not.
    expect(page.get_by_text("3 giấy chứng nhận đã được cấp số hiệu")).to_be_visible()
    draft.refresh_from_db()
    assert draft.is_issued

    decision_page = page.url

    # The organiser prints the list and the certificates.
    _switch_user(page, log_in, "btc.an")
    page.goto(decision_page)
    # The decision itself, signed by the ward's chairman picked on the print page.
    decision = _print(page, "In quyết định", confirm=True)
    text = decision.pages[0].extract_text()
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN" in text
    assert "Trần Văn Bình" in text
    page.goto(decision_page)
    listing = _print(page, "In danh sách khen thưởng", confirm=True)
    # Collectives first, then people by given name: Hải before Mai.
    text = listing.pages[0].extract_text()
    assert (
        text.index("Tổ tự quản khu phố 3") < text.index("Nguyễn Văn Hải") < text.index("Lê Thị Mai")
    )
    assert "Hai triệu tám trăm linh tám nghìn đồng" in text
    page.goto(decision_page)
    certificates = _print(page, "In giấy khen, bằng khen", confirm=True)
    assert len(certificates.pages) == 3
    assert "Lê Thị Mai" in certificates.pages[2].extract_text()

    # The QR printed on Lê Thị Mai's certificate encodes its verification address, and that
    # address verifies without logging in.
    certificate = Certificate.objects.get(nomination__nominee__name="Lê Thị Mai")
    assert qr_modules(certificates.stream, page_index=2) == qr_matrix(certificate.qr_url)
    page.context.clear_cookies()
    page.goto(re.sub(r"^https?://[^/]+", "", certificate.qr_url))
    expect(page.get_by_text("Khen thưởng hợp lệ")).to_be_visible()
    assert page.get_by_test_id("recipient").inner_text() == "Lê Thị Mai"
