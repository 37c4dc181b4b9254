"""In a real browser: dates typed and read day first, and a deleted scheme brought back from
the ward's page of recent deletes after the delete was confirmed in the page's dialog."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.register import make_scheme, seed_kinds
from wards.models import Activity, Scheme

# Today is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.

pytestmark = pytest.mark.e2e


def test_an_activity_date_is_typed_and_shown_day_first(page, log_in, people, units):
    log_in("canbo.an", PASSWORD)
    page.goto("/units/90001/activity/new/")
    date_box = page.locator("#id_date")
    # A plain text box (Chromium's date box would show mm/dd/yyyy), dated today in Vietnam.
    assert date_box.get_attribute("type") == "text"
    assert date_box.get_attribute("placeholder") == "dd/mm/yyyy"
    assert date_box.input_value() == timezone.localdate().strftime("%d/%m/%Y")

    # An impossible day is refused with a message that says why, and nothing is saved.
    date_box.fill("31/02/2026")
    page.get_by_label("Loại hoạt động").select_option(label="Ca tuần tra")
    page.get_by_label("Số lượng").fill("2")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Không có ngày 31/02/2026 trên lịch.").is_visible()
    assert not Activity.objects.exists()

    page.locator("#id_date").fill("30/05/2025")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/units/90001/activity/**")
    activity = Activity.objects.get()
    assert activity.date.isoformat() == "2025-05-30"
    row = page.get_by_role("row").filter(has_text="Ca tuần tra")
    assert "30/05/2025" in row.inner_text()

    # Reopened, the form shows the same day first date, not 05/30/2025.
    page.goto(f"/activity/{activity.pk}/edit/")
    assert page.locator("#id_date").input_value() == "30/05/2025"


def test_a_deleted_scheme_is_restored(page, log_in, people, units):
    kinds = seed_kinds()
    scheme = make_scheme(units["ward"], kinds["to-tu-quan"], "Tổ tự quản khu 5")
    log_in("canbo.an", PASSWORD)
    page.goto(f"/schemes/{scheme.pk}/")

    # The delete asks in the page's dialog, which says the scheme can be restored.
    page.get_by_role("button", name="Xóa mô hình").click()
    dialog = page.get_by_role("dialog")
    assert "Có thể khôi phục trong 30 ngày" in dialog.inner_text()
    # Without JavaScript this box asks instead; with it, it is hidden.
    assert not page.get_by_label("Tôi hiểu", exact=False).is_visible()
    dialog.get_by_role("button", name="Xóa").click()
    # Waits for the page after the form's post (read at once, it raced the post under load).
    expect(page.get_by_text("Đã xóa mô hình “Tổ tự quản khu 5”.")).to_be_visible()
    assert not Scheme.objects.exists()

    page.goto("/units/90001/")
    page.get_by_role("link", name="Đã xóa gần đây").click()
    row = page.get_by_role("row").filter(has_text="Tổ tự quản khu 5")
    assert "Nguyễn Văn Hải" in row.inner_text()
    row.get_by_role("button", name="Khôi phục").click()
    assert page.get_by_text("Đã khôi phục mô hình tự quản “Tổ tự quản khu 5”.").is_visible()

    page.goto("/schemes/?ward=90001")
    assert page.get_by_role("link", name="Tổ tự quản khu 5").is_visible()
    assert Scheme.objects.get().pk == scheme.pk
