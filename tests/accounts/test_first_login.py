"""An initial password must be changed at first login; an invitation link sets it once."""

# Today is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, make_user
from wards.models import Membership, Role


def test_a_user_with_an_initial_password_is_sent_to_change_it(admin_client, units):
    client = Client()
    admin_client.post(
        reverse("accounts:create"),
        {
            "full_name": "Đỗ Văn Hùng",
            "username": "hung",
            "unit": units["ward"].pk,
            "role": "viewer",
        },
    )
    member = Membership.objects.get(user__username="hung")
    initial = member.initial_password
    assert (
        client.post(reverse("login"), {"username": "hung", "password": initial}).status_code == 302
    )
    for url in (reverse("home"), reverse("wards:scheme_list"), reverse("accounts:roles")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("password_change") + "?first=1"
    page = client.get(reverse("password_change") + "?first=1").content.decode()
    assert "Bạn đang dùng mật khẩu ban đầu" in page
    changed = client.post(
        reverse("password_change"),
        {
            "old_password": initial,
            "new_password1": "Mới-2026-ngày-hội",
            "new_password2": "Mới-2026-ngày-hội",
        },
    )
    assert changed.status_code == 302
    member.refresh_from_db()
    assert not member.must_change_password
    assert member.initial_password == ""  # no longer printable
    assert client.get(reverse("home")).status_code == 302
    assert client.get(reverse("home")).url == reverse("wards:unit", args=["90001"])


def test_an_invitation_link_sets_the_password_once(
    admin_client, people, django_capture_on_commit_callbacks
):
    client = Client()
    member = Membership.objects.get(user=people["organiser"])
    people["organiser"].email = "btc@example.com"
    people["organiser"].save()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("accounts:invite", args=[member.pk]), follow=True)
    assert "Đã gửi thư mời đặt mật khẩu tới btc@example.com." in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["btc@example.com"]
    assert "btc.an" in message.body
    assert "Ban tổ chức" in message.body
    link = re.search(r"https?://\S+", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    people["organiser"].refresh_from_db()
    assert not people["organiser"].check_password(PASSWORD)  # the old one stopped working
    form = client.get("/" + path, follow=True)
    assert "Đặt mật khẩu cho tài khoản" in form.content.decode()
    new = {"new_password1": "Ngày-hội-2026!", "new_password2": "Ngày-hội-2026!"}
    done = client.post(form.redirect_chain[-1][0], new)
    assert done.status_code == 302
    assert client.login(username="btc.an", password="Ngày-hội-2026!")
    client.logout()
    again = client.get("/" + path, follow=True)
    assert "không hợp lệ hoặc đã được dùng" in again.content.decode()
    assert (
        "Gửi thư mời đặt mật khẩu"
        in admin_client.get(reverse("accounts:detail", args=[member.pk])).content.decode()
    )


def test_an_invitation_link_expires(
    admin_client, people, clock, settings, django_capture_on_commit_callbacks
):
    client = Client()
    member = Membership.objects.get(user=people["organiser"])
    people["organiser"].email = "btc@example.com"
    people["organiser"].save()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("accounts:invite", args=[member.pk]))
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    clock.shift(settings.PASSWORD_RESET_TIMEOUT + 60)
    page = client.get(path, follow=True)
    assert "không hợp lệ hoặc đã được dùng" in page.content.decode()


def test_an_account_without_email_cannot_be_invited(admin_client, people):
    member = Membership.objects.get(user=people["organiser"])
    page = admin_client.post(reverse("accounts:invite", args=[member.pk]), follow=True)
    assert "Tài khoản chưa có e-mail" in page.content.decode()
    assert not mail.outbox


def test_a_user_without_the_flag_is_not_stopped(client, units):
    make_user("xem.an", Role.VIEWER, units["ward"])
    client.login(username="xem.an", password=PASSWORD)
    assert client.get(reverse("accounts:roles")).status_code == 200
