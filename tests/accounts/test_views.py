"""Accounts in the app: list, search, create, edit, reset, lock, history; never more than
one's own scope and role, form tampering included."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import PASSWORD, make_user
from wards.models import Membership, Role

User = get_user_model()


def new_account(client, **fields):
    data = {
        "full_name": "Trần Thị Mai",
        "username": "canbo.mai",
        "unit": "",
        "role": Role.WARD_OFFICIAL,
        "position": "Cán bộ Văn phòng",
        "email": "mai@example.com",
        "phone": "0912345678",
        **fields,
    }
    return client.post(reverse("accounts:create"), data)


def test_the_list_shows_only_the_administrators_units(admin_client, people, units):
    make_user("canbo.xa", Role.WARD_OFFICIAL, units["far_ward"])
    page = admin_client.get(reverse("accounts:list"))
    names = {m.user.username for m in page.context["page"]}
    assert "canbo.an" in names
    assert "canbo.binh" in names
    assert "tinh.thu" in names
    assert "canbo.xa" not in names  # another province


def test_search_ignores_accents_and_case(admin_client, people):
    page = admin_client.get(reverse("accounts:list"), {"q": "NGUYEN van hai"})
    assert [m.user.username for m in page.context["page"]] == ["canbo.an"]


def test_filters_by_unit_role_and_state(admin_client, people, units):
    people["outsider"].is_active = False
    people["outsider"].save()
    by_unit = admin_client.get(reverse("accounts:list"), {"unit": "90001"})
    assert {m.user.username for m in by_unit.context["page"]} == {"canbo.an", "btc.an"}
    by_role = admin_client.get(reverse("accounts:list"), {"role": Role.ORGANISER})
    assert [m.user.username for m in by_role.context["page"]] == ["btc.an"]
    locked = admin_client.get(reverse("accounts:list"), {"active": "0"})
    assert [m.user.username for m in locked.context["page"]] == ["canbo.binh"]
    assert "Đã khóa" in locked.content.decode()


def test_the_list_pages_and_sorts_like_every_other_list(admin_client, units):
    for n in range(30):
        make_user(f"canbo.{n:02}", Role.WARD_OFFICIAL, units["commune"])
    first = admin_client.get(reverse("accounts:list"), {"unit": "90003", "sort": "-username"})
    assert [m.user.username for m in first.context["page"]][:2] == ["canbo.29", "canbo.28"]
    assert len(first.context["page"].object_list) == 20
    html = first.content.decode()
    assert 'data-testid="pager"' in html
    assert 'aria-sort="descending" data-column="username"' in html
    # The next page keeps the filter and the order.
    assert 'href="?unit=90003&amp;sort=-username&amp;page=2"' in html
    second = admin_client.get(
        reverse("accounts:list"), {"unit": "90003", "sort": "-username", "page": 2}
    )
    assert [m.user.username for m in second.context["page"]] == [
        f"canbo.{n:02}" for n in range(9, -1, -1)
    ]


@pytest.mark.parametrize("who", ["ward_official", "organiser", "district", "province"])
def test_non_administrators_get_403(client, people, who):
    client.force_login(people[who])
    assert client.get(reverse("accounts:list")).status_code == 403
    assert client.get(reverse("accounts:create")).status_code == 403
    member = Membership.objects.get(user=people["organiser"])
    assert client.get(reverse("accounts:detail", args=[member.pk])).status_code in (403, 404)


def test_an_administrator_creates_an_account_with_an_initial_password(admin_client, units):
    response = new_account(admin_client, unit=units["ward"].pk)
    membership = Membership.objects.get(user__username="canbo.mai")
    assert response.status_code == 302
    assert membership.user.last_name == "Trần Thị"
    assert membership.user.first_name == "Mai"
    assert membership.unit == units["ward"]
    assert membership.role == Role.WARD_OFFICIAL
    assert membership.phone == "0912345678"
    assert membership.position == "Cán bộ Văn phòng"
    assert membership.must_change_password
    assert membership.user.check_password(membership.initial_password)
    page = admin_client.get(response.url).content.decode()
    assert membership.initial_password in page  # said once, in the message
    assert "Tạo tài khoản" in page  # the history


def test_the_form_refuses_in_vietnamese_and_saves_nothing(admin_client, people, units):
    response = new_account(admin_client, unit=units["ward"].pk, username="CANBO.AN", email="x")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tên đăng nhập “CANBO.AN” đã có người dùng." in html
    assert "E-mail không hợp lệ, ví dụ mai@example.com." in html
    assert User.objects.count() == len(people)


def test_a_ward_role_is_refused_at_a_province(admin_client, units):
    response = new_account(admin_client, unit=units["province"].pk, role=Role.WARD_POLICE)
    expected = "Vai trò “Công an phường, xã” không dùng cho cấp tỉnh, thành phố."
    assert expected in response.content.decode()
    assert not User.objects.filter(username="canbo.mai").exists()


def test_tampering_with_a_unit_outside_the_scope_is_refused(client, ward_admin, units):
    client.force_login(ward_admin)
    form = client.get(reverse("accounts:create")).context["form"]
    assert set(form.fields["unit"].queryset) == {units["ward"]}
    response = new_account(client, unit=units["sibling"].pk)
    assert response.status_code == 200
    assert "Đơn vị này nằm ngoài phạm vi quản lý của bạn." in response.content.decode()
    assert not User.objects.filter(username="canbo.mai").exists()


def test_tampering_with_a_role_above_ones_own_is_refused(client, units):
    # A leader who could manage accounts still may not hand out a role with more rights.
    leader = make_user("chutich.an", Role.WARD_LEADER, units["ward"])
    from accounts.forms import AccountForm

    form = AccountForm(
        {"full_name": "A B", "username": "a.b", "unit": units["ward"].pk, "role": Role.ADMIN},
        actor=leader,
    )
    assert not form.is_valid()
    assert form.errors["role"] == ["Bạn không được cấp vai trò này."]
    assert Role.ADMIN not in dict(form.fields["role"].choices)


def test_tampering_with_an_unknown_role_value_is_refused(admin_client, units):
    response = new_account(admin_client, unit=units["ward"].pk, role="superuser")
    assert "Bạn không được cấp vai trò này." in response.content.decode()
    assert not User.objects.filter(username="canbo.mai").exists()


def test_an_account_outside_the_scope_is_404(client, ward_admin, people, units):
    client.force_login(ward_admin)
    sibling = Membership.objects.get(user=people["outsider"])
    for name in ("accounts:detail", "accounts:edit"):
        assert client.get(reverse(name, args=[sibling.pk])).status_code == 404
    for name in ("accounts:reset_password", "accounts:set_active", "accounts:invite"):
        assert client.post(reverse(name, args=[sibling.pk]), {"active": "0"}).status_code == 404
    people["outsider"].refresh_from_db()
    assert people["outsider"].is_active
    assert people["outsider"].check_password(PASSWORD)


def test_the_province_administrator_is_out_of_a_ward_administrators_reach(
    client, ward_admin, people
):
    client.force_login(ward_admin)
    province_admin = Membership.objects.get(user=people["admin"])
    assert client.get(reverse("accounts:detail", args=[province_admin.pk])).status_code == 404


def test_editing_changes_role_unit_and_is_in_the_history(admin_client, people, units):
    member = Membership.objects.get(user=people["organiser"])
    response = admin_client.post(
        reverse("accounts:edit", args=[member.pk]),
        {
            "full_name": "Lê Văn Tám",
            "unit": units["sibling"].pk,
            "role": Role.WARD_POLICE,
            "position": "Phó Trưởng Công an",
            "email": "tam@example.com",
            "phone": "",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.unit, member.role) == (units["sibling"], Role.WARD_POLICE)
    assert member.user.last_name == "Lê Văn"
    assert member.user.first_name == "Tám"
    html = admin_client.get(response.url).content.decode()
    assert "Sửa tài khoản" in html
    assert "Ban tổ chức → Công an phường, xã" in html
    assert "Phường An → Phường Bình" in html or "An → Bình" in html


def test_edit_tampering_with_a_unit_outside_the_scope(client, ward_admin, people, units):
    client.force_login(ward_admin)
    member = Membership.objects.get(user=people["organiser"])
    response = client.post(
        reverse("accounts:edit", args=[member.pk]),
        {"full_name": "X Y", "unit": units["far_ward"].pk, "role": Role.ORGANISER},
    )
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.unit == units["ward"]


def test_reset_password_hands_out_a_new_initial_password(admin_client, people):
    member = Membership.objects.get(user=people["ward_official"])
    response = admin_client.post(reverse("accounts:reset_password", args=[member.pk]), follow=True)
    member.refresh_from_db()
    assert member.must_change_password
    assert member.user.check_password(member.initial_password)
    assert not member.user.check_password(PASSWORD)
    html = response.content.decode()
    assert member.initial_password in html
    assert "Đặt lại mật khẩu" in html


def test_lock_and_unlock_are_in_the_history_and_a_locked_user_cannot_log_in(
    admin_client, client, people
):
    member = Membership.objects.get(user=people["ward_official"])
    page = admin_client.post(
        reverse("accounts:set_active", args=[member.pk]), {"active": "0"}, follow=True
    )
    assert "Khóa tài khoản" in page.content.decode()
    people["ward_official"].refresh_from_db()
    assert not people["ward_official"].is_active
    assert not client.login(username="canbo.an", password=PASSWORD)
    page = admin_client.post(
        reverse("accounts:set_active", args=[member.pk]), {"active": "1"}, follow=True
    )
    assert "Mở khóa tài khoản" in page.content.decode()
    assert client.login(username="canbo.an", password=PASSWORD)


def test_an_administrator_cannot_lock_themselves_or_change_their_own_role(
    admin_client, people, units
):
    own = Membership.objects.get(user=people["admin"])
    admin_client.post(reverse("accounts:set_active", args=[own.pk]), {"active": "0"})
    people["admin"].refresh_from_db()
    assert people["admin"].is_active
    response = admin_client.post(
        reverse("accounts:edit", args=[own.pk]),
        {"full_name": "Quản Trị", "unit": units["ward"].pk, "role": Role.VIEWER},
    )
    assert "Bạn không tự đổi vai trò, đơn vị của mình được." in response.content.decode()
    own.refresh_from_db()
    assert own.role == Role.ADMIN


def test_the_list_takes_a_fixed_number_of_queries(admin_client, units, django_assert_num_queries):
    for n in range(30):
        make_user(f"canbo.{n:02}", Role.WARD_OFFICIAL, units["commune"])
    # 1 session, 2 user, 3 membership (scope, first-login check and the menu's role), 4 the
    # unit in the filter, 5 count for the pager, 6 the page's accounts with user and unit,
    # 7 the units for the filter's choices
    with django_assert_num_queries(7):
        response = admin_client.get(reverse("accounts:list"), {"unit": "90003", "q": "canbo"})
    assert len(response.context["page"].object_list) == 20


def test_the_passwords_page_shows_only_the_administrators_units(client, ward_admin, units):
    from accounts.services import create_account

    superuser = User.objects.create_superuser("root", password=PASSWORD)
    own = create_account(
        superuser, username="an.moi", full_name="A Mới", unit=units["ward"], role=Role.VIEWER
    )
    other = create_account(
        superuser, username="binh.moi", full_name="B Mới", unit=units["sibling"], role=Role.VIEWER
    )
    client.force_login(ward_admin)
    html = client.get(reverse("accounts:passwords")).content.decode()
    assert own.initial_password in html
    assert other.initial_password not in html
    client.force_login(superuser)  # the whole country, no unit of their own
    html = client.get(reverse("accounts:passwords")).content.decode()
    assert own.initial_password in html
    assert other.initial_password in html
    assert client.get(reverse("accounts:list")).status_code == 200
