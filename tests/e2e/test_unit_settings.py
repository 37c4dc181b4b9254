"""A ward's administrator fills in the unit settings in a real browser, then prints the ward's
report: its header carries the names and the signer just entered (read back from the PDF), and
every page on the way is in Vietnamese (issue 14)."""

import pypdf
import pytest

from tests.conftest import PASSWORD, make_user
from tests.e2e.english import assert_vietnamese
from wards.models import AdministrativeUnit, Role

pytestmark = [pytest.mark.e2e, pytest.mark.worker]


def test_a_ward_administrator_sets_the_names_and_prints_under_them(
    page, log_in, units, celery_worker
):
    make_user("quantri.an", Role.ADMIN, units["ward"])
    log_in("quantri.an", PASSWORD)
    assert_vietnamese(page)

    page.get_by_test_id("unit-settings").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Cài đặt đơn vị — Phường An").is_visible()
    assert_vietnamese(page)
    page.get_by_label("Tên đầy đủ chính thức").fill("Phường An Hải, tỉnh Thử")
    page.get_by_label("Tên cơ quan in trên văn bản").fill("Ủy ban nhân dân phường An Hải")
    page.get_by_label("Địa danh ghi ngày tháng").fill("An Hải")
    page.get_by_label("Địa chỉ trụ sở").fill("Số 1 đường Trần Phú")
    page.get_by_label("Đơn vị đề nghị khen thưởng mặc định").fill("Công an phường An Hải")
    page.get_by_role("button", name="Lưu cài đặt").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đã lưu cài đặt của Phường An.").is_visible()
    assert_vietnamese(page)
    ward = AdministrativeUnit.objects.get(pk=units["ward"].pk)
    assert ward.committee_name == "Ủy ban nhân dân phường An Hải"

    page.locator("#signers").get_by_role("link", name="Thêm người ký").click()
    page.wait_for_load_state()
    assert_vietnamese(page)
    page.get_by_label("Họ và tên").fill("Lê Văn Tám")
    page.locator("#id_title").fill("Chủ tịch")  # not "Chức vụ người đứng đầu"
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đã lưu người ký “Lê Văn Tám”.").is_visible()
    assert_vietnamese(page)

    page.goto(f"/units/{ward.code}/")
    page.get_by_role("link", name="Bảng theo dõi").first.click()
    page.wait_for_load_state()
    assert_vietnamese(page)
    page.get_by_role("button", name="Báo cáo kết quả phong trào (PDF)").click()
    page.wait_for_load_state()
    download_link = page.get_by_role("link", name="Tải về")
    download_link.wait_for(timeout=60_000)
    assert_vietnamese(page)
    with page.expect_download() as info:
        download_link.click()
    reader = pypdf.PdfReader(info.value.path())
    first = reader.pages[0].extract_text()
    assert "ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI" in first
    assert "An Hải, ngày" in first
    assert "PHƯỜNG AN\n" not in first
    everything = "\n".join(p.extract_text() for p in reader.pages)
    assert "CHỦ TỊCH" in everything
    assert "Lê Văn Tám" in everything
