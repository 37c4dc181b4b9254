"""Login, logout, passwords, the home page per role, and the language switch."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_login_lands_a_ward_official_on_their_ward(client, people, units):
    response = client.post(
        reverse("login"), {"username": "canbo.an", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("wards:unit", args=[units["ward"].code])
    assert "Phường An" in response.content.decode()


def test_a_district_officer_lands_on_their_wards(client, people, units):
    client.force_login(people["district"])
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("wards:unit", args=["90-G1"])
    assert {w.name for w in response.context["table"].page} == {"An", "Bình"}


def test_a_user_without_membership_is_told_so(client, people):
    client.force_login(people["nobody"])
    response = client.get(reverse("home"))
    assert response.status_code == 403
    assert "chưa được phân quyền" in response.content.decode()


def test_wrong_password_shows_a_vietnamese_error(client, people):
    response = client.post(reverse("login"), {"username": "canbo.an", "password": "sai"})
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()  # Django's own Vietnamese


def test_repeated_failures_are_rate_limited_even_with_the_right_password(client, people, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "canbo.an", "password": "sai"})
    response = client.post(reverse("login"), {"username": "canbo.an", "password": PASSWORD})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_limit_is_per_user_and_address_and_clears_on_success(client, people, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        client.post(reverse("login"), {"username": "canbo.an", "password": "sai"})
    ok = client.post(reverse("login"), {"username": "canbo.an", "password": PASSWORD})
    assert ok.status_code == 302
    client.logout()
    bad = client.post(reverse("login"), {"username": "canbo.an", "password": "sai"})
    assert bad.status_code == 200  # the user's counter was reset by the success


def test_the_admin_login_is_limited_too(client, people, settings):
    people["admin"].is_staff = True
    people["admin"].save()
    url = reverse("admin:login")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        assert client.post(url, {"username": "quantri.thu", "password": "sai"}).status_code == 200
    response = client.post(url, {"username": "quantri.thu", "password": PASSWORD})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_at_the_admin_lock_the_app_login_and_the_other_way(client, people, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(reverse("admin:login"), {"username": "canbo.an", "password": "sai"})
    response = client.post(reverse("login"), {"username": "canbo.an", "password": PASSWORD})
    assert response.status_code == 429


@pytest.mark.parametrize("look_alike", ["\uff43anbo.an", "CANBO.AN", " canbo.an"])
def test_a_look_alike_of_a_locked_name_is_locked_too(client, people, settings, look_alike):
    """Django logs ``ｃanbo.an`` (fullwidth c) in as canbo.an: the lock follows the same name,
    from any address."""
    for n in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(
            reverse("login"), {"username": "canbo.an", "password": "sai"}, REMOTE_ADDR=f"10.0.0.{n}"
        )
    response = client.post(
        reverse("login"), {"username": look_alike, "password": PASSWORD}, REMOTE_ADDR="10.0.1.1"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_look_alikes_add_up_to_one_lock(client, people, settings):
    names = ["\uff43anbo.an", "CANBO.AN", "Canbo.An", "canbo.\uff41n", "canbo.an"]
    for n, name in enumerate(names[: settings.LOGIN_FAILURE_LIMIT]):
        client.post(
            reverse("login"), {"username": name, "password": "sai"}, REMOTE_ADDR=f"10.0.0.{n}"
        )
    response = client.post(
        reverse("login"), {"username": "canbo.an", "password": PASSWORD}, REMOTE_ADDR="10.0.1.1"
    )
    assert response.status_code == 429


def test_the_lockout_lasts_what_the_setting_says(client, people, settings, tmp_path):
    """Fifteen minutes by default, on the file cache of a machine without Redis (its ``incr``
    once reset the timeout to five). Redis keeps its own clock: tests/config/test_ratelimit.py."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    start = datetime(2026, 8, 19, 1, 0, tzinfo=UTC)
    right = {"username": "canbo.an", "password": PASSWORD}
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(settings.LOGIN_FAILURE_LIMIT):
            client.post(reverse("login"), {"username": "canbo.an", "password": "sai"})
        clock.move_to(start + timedelta(seconds=settings.LOGIN_FAILURE_WINDOW - 5))
        assert client.post(reverse("login"), right).status_code == 429
        clock.move_to(start + timedelta(seconds=settings.LOGIN_FAILURE_WINDOW + 1))
        assert client.post(reverse("login"), right).status_code == 302


def test_login_works_while_redis_is_down(client, people, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    wrong = client.post(reverse("login"), {"username": "canbo.an", "password": "sai"})
    assert wrong.status_code == 200
    right = client.post(reverse("login"), {"username": "canbo.an", "password": PASSWORD})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(people["ward_official"].pk)


def test_logout_needs_post_and_ends_the_session(client, people):
    client.force_login(people["ward_official"])
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_change(client, people):
    client.force_login(people["ward_official"])
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Ngày-hội-2026!",
            "new_password2": "Ngày-hội-2026!",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert client.login(username="canbo.an", password="Ngày-hội-2026!")


def test_password_reset_sends_a_link_that_works(client, people):
    people["ward_official"].email = "canbo.an@example.vn"
    people["ward_official"].save()
    client.post(reverse("password_reset"), {"email": "canbo.an@example.vn"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line).strip()
    path = link[link.index("/accounts/") :]
    form_page = client.get(path, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "Mới-2026-an-toàn", "new_password2": "Mới-2026-an-toàn"}
    )
    assert done.status_code == 302
    assert client.login(username="canbo.an", password="Mới-2026-an-toàn")


def test_password_reset_is_limited_per_address(client, people, settings):
    people["ward_official"].email = "canbo.an@example.vn"
    people["ward_official"].save()
    url = reverse("password_reset")
    for n in range(settings.PASSWORD_RESET_LIMIT):
        assert (
            client.post(
                url, {"email": "canbo.an@example.vn"}, REMOTE_ADDR=f"10.0.0.{n}"
            ).status_code
            == 302
        )
    refused = client.post(url, {"email": "CANBO.AN@example.vn"}, REMOTE_ADDR="10.0.1.1")
    assert refused.status_code == 429
    assert "quá nhiều yêu cầu đặt lại mật khẩu" in refused.content.decode()
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT


def test_password_reset_is_limited_per_client_address(client, people, settings):
    url = reverse("password_reset")
    for n in range(settings.PASSWORD_RESET_LIMIT):
        client.post(url, {"email": f"nguoi{n}@example.vn"})
    assert client.post(url, {"email": "khac@example.vn"}).status_code == 429


def test_the_ui_is_vietnamese_by_default_and_english_on_request(client, people):
    client.force_login(people["ward_official"])
    unit_url = reverse("wards:unit", args=["90001"])
    assert "Khu dân cư" in client.get(unit_url).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": unit_url})
    assert "Residential areas" in client.get(unit_url).content.decode()


def test_an_english_browser_still_gets_vietnamese_until_the_user_switches(client, people):
    client.force_login(people["ward_official"])
    unit_url = reverse("wards:unit", args=["90001"])
    page = client.get(unit_url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Khu dân cư" in page
