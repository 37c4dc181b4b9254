"""A district officer, on a phone, opens the grouping's dashboard for 2024, exports it to Excel,
drills into a ward and prints that ward's movement report in Word, then downloads both."""

import io
import re

import docx
import openpyxl
import pytest

from tests.conftest import PASSWORD

# The hand-made province of the dashboards' unit tests (festival, awards and register rows).
from tests.dashboards.conftest import kinds, province_data  # noqa: F401
from tests.e2e.downloads import download

pytestmark = [pytest.mark.e2e, pytest.mark.worker]


@pytest.mark.usefixtures("province_data")
def test_a_district_officer_follows_the_wards_and_prints_their_reports(
    page, log_in, people, celery_worker
):
    log_in("cum.mot", PASSWORD)
    page.get_by_role("button", name="Mở menu").click()
    page.locator("#mainnav").get_by_role("link", name="Bảng theo dõi").click()
    assert page.get_by_role("heading", name="Bảng theo dõi — Cụm Một").is_visible()

    page.get_by_label("Năm").select_option("2024")
    page.get_by_role("button", name="Xem").click()
    assert page.get_by_test_id("period").inner_text().startswith("Số liệu năm 2024")
    overview = page.get_by_test_id("table-overview")
    assert overview.get_by_role("row", name=re.compile("^An ")).inner_text().split() == [
        "An", "4", "(4)", "1", "(1)", "9", "(6)", "2", "(1)", "1", "(1)",
    ]  # fmt: skip
    page.get_by_role("link", name="Ngày hội", exact=True).click()
    festival = page.get_by_test_id("table-festival")
    an = festival.get_by_role("row", name=re.compile("^An "))
    assert "15/08/2024 — Đã báo cáo kết quả" in an.inner_text()

    # The whole grouping to Excel, for 2024.
    page.get_by_role("button", name="Xuất Excel").click()
    # openpyxl goes by the file's extension, which Playwright's temporary file lacks.
    workbook = openpyxl.load_workbook(io.BytesIO(download(page).path().read_bytes()))
    rows = list(workbook["Tổng quan"].iter_rows(values_only=True))
    assert (1, "An", None, 4, 4, 1, 1, 9, 6, 2, 1, 1, 1) in rows
    page.go_back()
    page.go_back()

    # Down to the ward: its residential areas and its festival.
    page.get_by_role("link", name="An", exact=True).click()
    assert page.get_by_role("heading", name="Bảng theo dõi — Phường An").is_visible()
    assert (
        page.get_by_test_id("festival").get_by_text("15/08/2024 — Đã báo cáo kết quả").is_visible()
    )
    areas = page.get_by_test_id("table-overview")
    khu_1 = areas.get_by_role("row", name=re.compile("^Khu 1 "))
    assert khu_1.inner_text().split()[:3] == ["Khu", "1", "2"]

    # The ward's movement report in Word, with the numbers filled in.
    page.get_by_role("button", name="Báo cáo kết quả phong trào (Word)").click()
    report = download(page)
    assert report.suggested_filename == (
        "Báo cáo kết quả phong trào toàn dân bảo vệ ANTQ năm 2024 — Phường An.docx"
    )
    document = docx.Document(report.path())
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "toàn phường có 4 mô hình tự quản về ANTT (cùng kỳ năm 2023: 4; bằng cùng kỳ)" in text
    assert "500 người tham dự (cùng kỳ năm 2023: 400; tăng 100)" in text
