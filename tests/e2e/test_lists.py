"""Lists in a real browser: the scheme list sorted by a click on a column heading, paged by a
page number and by the per-page choice; the activity form's scheme picker searched by typing
without accents."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.register import make_scheme, seed_kinds
from wards.models import Scheme

pytestmark = pytest.mark.e2e


def first_names(page, count=3) -> list[str]:
    return [
        page.locator("[data-testid=scheme-table] tbody tr td:first-child a").nth(n).inner_text()
        for n in range(count)
    ]


def test_sorting_page_numbers_and_per_page_on_the_scheme_list(page, log_in, people, units):
    kinds = seed_kinds()
    for n in range(1, 41):
        make_scheme(units["ward"], kinds["to-tu-quan"], f"Tổ tự quản {n:02d}")
    for n in range(1, 6):
        make_scheme(units["ward"], kinds["to-hoa-giai"], f"Tổ hòa giải {n}")
    log_in("canbo.an", PASSWORD)
    page.goto("/schemes/")
    assert first_names(page) == ["Tổ tự quản 01", "Tổ tự quản 02", "Tổ tự quản 03"]
    heading = page.locator("th[data-column=name]")
    assert heading.get_attribute("aria-sort") is None

    heading.get_by_role("link", name="Tên mô hình").click()
    page.wait_for_url(re.compile(r"sort=name"))
    assert first_names(page) == ["Tổ hòa giải 1", "Tổ hòa giải 2", "Tổ hòa giải 3"]
    assert page.locator("th[data-column=name]").get_attribute("aria-sort") == "ascending"

    page.locator("th[data-column=name]").get_by_role("link").click()
    page.wait_for_url(re.compile(r"sort=-name"))
    assert first_names(page) == ["Tổ tự quản 40", "Tổ tự quản 39", "Tổ tự quản 38"]
    assert page.locator("th[data-column=name]").get_attribute("aria-sort") == "descending"

    page.get_by_role("navigation", name="Phân trang").get_by_role("link", name="Trang 2").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert first_names(page, 1) == ["Tổ tự quản 20"]  # still sorted, 20 a page
    assert page.get_by_test_id("page-summary").inner_text() == "Trang 2 / 3 — 21–40 / 45"
    assert "sort=-name" in page.url

    page.get_by_role("navigation", name="Số dòng mỗi trang").get_by_role("link", name="50").click()
    page.wait_for_url(re.compile(r"per_page=50"))
    assert page.locator("[data-testid=scheme-table] tbody tr").count() == 45
    assert page.get_by_test_id("page-summary").inner_text() == "Trang 1 / 1 — 1–45 / 45"
    assert first_names(page, 1) == ["Tổ tự quản 40"]


def picker_options(page, count: int) -> list[str]:
    """The options shown once the typed text has narrowed them to ``count``."""
    options = page.locator(".ts-dropdown .option")
    expect(options).to_have_count(count)
    return options.all_inner_texts()


def test_the_scheme_picker_finds_a_scheme_typed_without_accents(page, log_in, people, units):
    kinds = seed_kinds()
    for n in range(1, 141):
        make_scheme(units["ward"], kinds["to-tu-quan"], f"Tổ tự quản khu {n}")
    for name in ["Camera chợ Điện Ngọc", "Camera cầu Điện Ngọc", "Camera trường học"]:
        make_scheme(units["ward"], kinds["camera"], name)
    for name in ["Tổ hòa giải Điện Ngọc", "Tổ hòa giải Đông Hà"]:
        make_scheme(units["ward"], kinds["to-hoa-giai"], name)
    log_in("canbo.an", PASSWORD)
    page.goto("/units/90001/activity/new/")

    search = page.get_by_role("combobox", name="Mô hình")  # the select's label names it
    control = page.locator(".ts-control")
    control.click()
    page.keyboard.type("dien ngoc")
    options = picker_options(page, 3)
    assert sorted(options) == sorted(
        ["Camera chợ Điện Ngọc", "Camera cầu Điện Ngọc", "Tổ hòa giải Điện Ngọc"]
    ), options

    search.press("Control+A")
    page.keyboard.type("camera")
    assert len(picker_options(page, 3)) == 3
    page.locator(".ts-dropdown .option", has_text="Camera cầu Điện Ngọc").click()
    chosen = Scheme.objects.get(name="Camera cầu Điện Ngọc")
    # What the form posts is the select underneath.
    assert page.locator("select[name=scheme]").input_value() == str(chosen.pk)
    assert "Camera cầu Điện Ngọc" in control.inner_text()

    # Focused again from the keyboard (the picker keeps its input off-screen once chosen).
    search.focus()
    page.keyboard.type("khong co dau")
    expect(page.locator(".ts-dropdown .no-results")).to_have_text("Không tìm thấy")


def test_without_javascript_the_picker_is_the_plain_select(browser, live_server, client, people):
    seed_kinds()
    client.force_login(people["ward_official"])
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.goto("/units/90001/activity/new/")
    picker = page.locator("select[name=scheme]")
    assert picker.is_visible()
    assert picker.get_attribute("data-searchable") == ""
    assert page.locator(".ts-control").count() == 0
    context.close()
