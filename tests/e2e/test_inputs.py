"""What is typed is what is kept and printed. An official types a gift's worth the Vietnamese
way, 15.000.000, on a phone: the page and the printed results report both read 15.000.000; a
count typed "15,5" is refused. An organiser adds a fifth clause to the pledge the box opened
with, and the printed pledge has all five."""

import datetime
import re

import pdfplumber
import pytest

from festival.models import SideEvent, SideEventKind
from festival.services import create_festival
from tests.conftest import PASSWORD
from wards.models import Signer

pytestmark = pytest.mark.e2e


@pytest.fixture
def festival(units, people):
    return create_festival(
        units["ward"],
        people["ward_official"],
        date=datetime.date(2026, 8, 19),
        start_time=datetime.time(7, 30),
        venue="Nhà văn hoá khu phố 3",
    )


@pytest.fixture
def chairman(units):
    """Who signs the results report."""
    return Signer.objects.create(unit=units["ward"], name="Trần Văn Bình", title="Chủ tịch")


@pytest.fixture
def gifts(festival, chairman):
    return SideEvent.objects.create(
        festival=festival,
        kind=SideEventKind.GIFTS,
        title="Tặng quà hộ nghèo",
        gift_recipients="poor_households",
    )


def _box(page, label: str):
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def _print(page, festival, button: str) -> str:
    """Press a print button on the festival's page and read the downloaded PDF's text."""
    page.goto(f"/festivals/{festival.pk}/")
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    # The print options (the date, who signs) come first.
    page.get_by_role("button", name="Tạo văn bản").click()
    page.wait_for_load_state()
    download_link = page.get_by_role("link", name="Tải về")
    download_link.wait_for(timeout=60_000)
    with page.expect_download() as info:
        download_link.click()
    with pdfplumber.open(info.value.path()) as pdf:
        return "\n".join(p.extract_text() for p in pdf.pages)


def test_a_gift_worth_15_000_000_is_kept_shown_and_printed_as_typed(page, log_in, gifts):
    log_in("canbo.an", PASSWORD)
    page.goto(f"/festivals/side-events/{gifts.pk}/results/")
    money = _box(page, "Tổng trị giá quà (đồng)")
    count = _box(page, "Số suất quà")
    assert money.get_attribute("type") == "text"
    assert money.get_attribute("inputmode") == "numeric"

    # A count that might hide a decimal mark is refused, with the box as it was typed.
    count.press_sequentially("15,5")
    money.press_sequentially("15.000.000")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    assert page.get_by_text("Hãy nhập số nguyên, ví dụ 15.000.000").is_visible()
    assert _box(page, "Số suất quà").input_value() == "15,5"
    gifts.refresh_from_db()
    assert gifts.gifts_count is None

    # Digits typed without grouping are grouped when the box is left.
    count = _box(page, "Số suất quà")
    count.fill("")
    count.press_sequentially("1200")
    count.press("Tab")
    assert count.input_value() == "1.200"
    money = _box(page, "Tổng trị giá quà (đồng)")
    money.fill("")
    money.press_sequentially("15.000.000")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    gifts.refresh_from_db()
    assert (gifts.gifts_count, gifts.gifts_value) == (1200, 15_000_000)
    assert page.locator("#results").get_by_text("15.000.000").first.is_visible()

    page.goto(f"/festivals/side-events/{gifts.pk}/results/")
    assert _box(page, "Tổng trị giá quà (đồng)").input_value() == "15.000.000"

    # The festival's results report, printed from its page, reads the same.
    text = _print(page, gifts.festival, "Báo cáo kết quả Ngày hội (PDF)")
    assert "Tổng trị giá quà 15.000.000 đồng" in text  # the totals table
    assert "Số suất quà: 1.200; Tổng trị giá quà: 15.000.000" in text  # the event's row


def test_a_clause_added_to_the_pledge_prints_after_the_four_the_box_opened_with(
    page, log_in, festival
):
    log_in("btc.an", PASSWORD)
    page.goto(f"/festivals/{festival.pk}/pledge/")
    box = page.get_by_label("Nội dung giao ước")
    opened = box.input_value()
    assert [line[:3] for line in opened.splitlines()] == ["1. ", "2. ", "3. ", "4. "]
    box.press("Control+End")
    box.press("Enter")
    box.press_sequentially("5. Xây dựng khu dân cư an toàn về an ninh, trật tự.")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    assert page.get_by_text("5. Xây dựng khu dân cư an toàn về an ninh, trật tự.").is_visible()

    printed = " ".join(_print(page, festival, "Giao ước thi đua (PDF)").split())
    clauses = [*opened.splitlines(), "5. Xây dựng khu dân cư an toàn về an ninh, trật tự."]
    positions = [printed.find(clause[:40]) for clause in clauses]
    assert -1 not in positions, printed
    assert positions == sorted(positions)
