import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


def test_a_ward_official_logs_in_and_lands_on_their_ward(page, log_in, people, units):
    log_in("canbo.an", PASSWORD)
    assert page.url.endswith("/units/90001/")
    assert page.get_by_role("heading", name="Phường An").is_visible()
    # Only their part of the country: a sibling ward is not there.
    page.goto("/units/90002/")
    assert "Phường Bình" not in page.content()


def test_a_wrong_password_is_refused_in_vietnamese(page, log_in, people):
    log_in("canbo.an", "sai-mat-khau")
    assert "/accounts/login/" in page.url
    assert page.get_by_text("mật khẩu chính xác").is_visible()


def test_the_phone_menu_opens_and_switches_to_english(page, log_in, people, units):
    log_in("canbo.an", PASSWORD)
    page.get_by_role("button", name="Mở menu").click()
    page.get_by_role("button", name="EN", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Residential areas").is_visible()
