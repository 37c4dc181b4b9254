"""The app's own error pages, with DEBUG off (as the test settings have it): Vietnamese (English
when chosen), the site's layout, and a way back home."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


def assert_page(response, status, *texts):
    page = response.content.decode()
    assert response.status_code == status
    assert 'class="navbar navbar-expand-lg app-navbar' in page  # the site's layout
    assert 'href="/static/css/app.css"' in page or "/static/css/app." in page
    assert 'href="/"' in page
    for text in texts:
        assert text in page
    return page


def test_debug_is_off_in_the_tests():
    assert not settings.DEBUG


def test_a_page_that_does_not_exist(client, people):
    client.force_login(people["ward_official"])
    page = assert_page(
        client.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang", "Về trang chính"
    )
    assert "canbo.an" in page or "Nguyễn Văn Hải" in page  # the user's menu is still there


def test_a_page_the_user_may_not_use(client, people):
    client.force_login(people["nobody"])
    assert_page(client.get("/festivals/new/"), 403, "Không có quyền truy cập", "Về trang chính")


def test_a_bad_request(client, people):
    client.force_login(people["ward_official"])
    assert_page(client.get("/schemes/", {"q": "\x00"}), 400, "Yêu cầu không hợp lệ")


def test_a_form_refused_by_csrf(people):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "canbo.an", "password": "x"})
    assert_page(response, 403, "Biểu mẫu đã hết hạn", "tải lại trang")


@pytest.mark.urls("tests.config.error_urls")
def test_a_server_error_needs_no_database(django_assert_num_queries):
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get("/broken/")
    assert_page(response, 500, "Máy chủ gặp lỗi", "Về trang chính")


def test_in_english_when_chosen(client, people):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(people["ward_official"])
    assert_page(client.get("/khong-co-trang-nay/"), 404, "Page not found", "Back to the home page")
