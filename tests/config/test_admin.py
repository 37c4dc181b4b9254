"""The Django admin: for superusers only, and in Vietnamese throughout (issue 14: its pages showed
"Password-based authentication / Enabled / Disabled", "Please correct the error below.",
"Toggle theme"; Django's own Vietnamese catalogue lacks them, locale/vi adds them)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import make_user
from wards.models import Role

pytestmark = pytest.mark.django_db

# English a Vietnamese admin page must not show (visible text, titles and labels).
ENGLISH = [
    "Password-based authentication",
    "Enabled",
    "Disabled",
    "Please correct the error",
    "Toggle theme",
    "Skip to main content",
    "Toggle navigation",
    "Start typing to filter",
    "Filter navigation items",
    "Set password",
    "Reset password",
    "Raw passwords are not stored",
    "Enter a valid username",
    "After you’ve created a user",
    "Breadcrumbs",
    "Sidebar",
    "Forgotten your login credentials",
    "Log in",
    "Log out",
    "Save and",
    "Username",
    "Password",
]


def visible_text(html: str) -> str:
    """Text, titles, labels and placeholders a person reads; not scripts, styles or names."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    attributes = " ".join(re.findall(r'(?:title|aria-label|placeholder|value)="([^"]*)"', html))
    return re.sub(r"<[^>]+>", " ", html) + " " + attributes


def assert_vietnamese(response):
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    found = [phrase for phrase in ENGLISH if phrase in text]
    assert not found, found


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("sieu.quantri", password="x-Mat-khau-9")


def test_the_admin_login_page_is_vietnamese(client):
    assert_vietnamese(client.get(reverse("admin:login")))


def test_user_pages_are_vietnamese(client, superuser, people):
    client.force_login(superuser)
    user = people["ward_official"]
    assert_vietnamese(client.get(reverse("admin:index")))
    assert_vietnamese(client.get(reverse("admin:auth_user_changelist")))
    assert_vietnamese(client.get(reverse("admin:auth_user_change", args=[user.pk])))
    assert_vietnamese(client.get(reverse("admin:auth_user_add")))
    assert_vietnamese(client.get(reverse("admin:auth_user_password_change", args=[user.pk])))
    # A form with an error, as after a wrong entry.
    refused = client.post(
        reverse("admin:auth_user_add"),
        {"username": "tên có dấu cách", "usable_password": "true", "password1": "a"},
    )
    assert_vietnamese(refused)
    assert "Vui lòng sửa các lỗi dưới đây." in refused.content.decode()


def test_the_app_models_add_forms_are_vietnamese(client, superuser, units):
    client.force_login(superuser)
    for name in (
        "wards_administrativeunit",
        "wards_signer",
        "wards_schemekind",
        "wards_membership",
        "wards_formerunit",
        "awards_awardform",
    ):
        if name != "wards_formerunit":  # loaded, never added by hand
            assert_vietnamese(client.get(reverse(f"admin:{name}_add")))
        assert_vietnamese(client.get(reverse(f"admin:{name}_changelist")))


@pytest.mark.parametrize("role", [None, Role.ADMIN])
def test_a_staff_user_who_is_not_a_superuser_is_refused(client, units, role):
    user = make_user("nhanvien", role, units["province"] if role else None, is_staff=True)
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 302


def test_the_province_administrator_has_no_admin_link_but_the_apps_pages(client, people, units):
    client.force_login(people["admin"])
    html = client.get(reverse("wards:unit", args=["90"])).content.decode()
    assert reverse("admin:index") not in html
    assert reverse("wards:unit_settings", args=["90"]) in html
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_superuser_reaches_the_admin_from_the_menu(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:index")).status_code == 200
    assert reverse("admin:index") in client.get(reverse("home")).content.decode()
