"""Kinds of scheme kept in the app by the province's administrator (issue 14: they were edited
in the Django admin, which no unit's user reaches): the province's own kinds beside the national
catalogue, seen by its wards only, retired rather than deleted."""

import pytest
from django.urls import reverse

from tests.conftest import make_user
from wards.models import Role, Scheme, SchemeKind, SchemeProfile

NEW = {
    "name": "Tổ tự quản bến đò",
    "profile": SchemeProfile.PATROL,
    "description": "",
    "position": "50",
    "is_active": "on",
}


def list_url(code="90") -> str:
    return reverse("wards:scheme_kind_list", args=[code])


def create_url(code="90") -> str:
    return reverse("wards:scheme_kind_create", args=[code])


@pytest.fixture
def ferry(units, kinds):
    return SchemeKind.objects.create(
        code="t90-1", name="Tổ tự quản bến đò", province=units["province"], position=50
    )


def test_the_province_administrator_adds_a_kind_its_wards_then_choose(client, people, kinds):
    client.force_login(people["admin"])
    page = client.get(list_url()).content.decode()
    assert "Tổ liên gia an toàn PCCC" in page  # the national catalogue, read only
    response = client.post(create_url(), NEW)
    assert response.status_code == 302
    kind = SchemeKind.objects.get(name="Tổ tự quản bến đò")
    assert kind.province.code == "90"
    assert kind.fields == ("member_count", "schedule")
    client.force_login(people["ward_official"])
    pick = client.get(reverse("wards:scheme_create", args=["90001"])).content.decode()
    assert "Tổ tự quản bến đò" in pick
    form = client.get(reverse("wards:scheme_create", args=["90001"]), {"kind": kind.pk})
    assert 'name="member_count"' in form.content.decode()


def test_another_provinces_kind_is_neither_offered_nor_accepted(client, units, ferry):
    official = make_user("canbo.xa", Role.WARD_OFFICIAL, units["far_ward"])
    client.force_login(official)
    url = reverse("wards:scheme_create", args=["91001"])
    assert "Tổ tự quản bến đò" not in client.get(url).content.decode()
    # Form tampering: the other province's kind posted by its id.
    data = {"kind": ferry.pk, "name": "Bến đò", "status": "active", "member_count": "5"}
    response = client.post(f"{url}?kind={ferry.pk}", data)
    assert response.status_code == 200
    assert not Scheme.objects.filter(name="Bến đò").exists()


def test_a_kind_is_edited_and_retired(client, people, ferry):
    client.force_login(people["admin"])
    url = reverse("wards:scheme_kind_edit", args=[ferry.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {**NEW, "name": "Tổ tự quản bến sông", "is_active": ""})
    assert response.status_code == 302
    ferry.refresh_from_db()
    assert (ferry.name, ferry.is_active) == ("Tổ tự quản bến sông", False)
    assert "Ngừng dùng" in client.get(list_url()).content.decode()
    client.force_login(people["ward_official"])
    pick = client.get(reverse("wards:scheme_create", args=["90001"])).content.decode()
    assert "Tổ tự quản bến sông" not in pick


def test_a_name_taken_is_refused_in_vietnamese_and_nothing_saved(client, people, kinds):
    client.force_login(people["admin"])
    before = SchemeKind.objects.count()
    response = client.post(create_url(), {**NEW, "name": "tổ liên gia an toàn pccc"})
    assert response.status_code == 200
    assert "Đã có loại mô hình “Tổ liên gia an toàn PCCC”" in response.content.decode()
    assert SchemeKind.objects.count() == before


@pytest.mark.parametrize("who", ["province"])
def test_province_staff_read_the_list_but_may_not_change_it(client, people, ferry, who):
    client.force_login(people[who])
    page = client.get(list_url())
    assert page.status_code == 200
    assert reverse("wards:scheme_kind_edit", args=[ferry.pk]) not in page.content.decode()
    assert client.post(create_url(), NEW | {"name": "Khác"}).status_code == 403
    edit = reverse("wards:scheme_kind_edit", args=[ferry.pk])
    assert client.post(edit, NEW | {"name": "Đổi"}).status_code == 403
    ferry.refresh_from_db()
    assert ferry.name == "Tổ tự quản bến đò"


def test_outside_the_province_it_is_404(client, units, people, ferry, kinds):
    other_admin = make_user("quantri.khac", Role.ADMIN, units["other_province"])
    client.force_login(other_admin)
    assert client.get(list_url()).status_code == 404
    assert client.post(create_url(), NEW).status_code == 404
    edit = reverse("wards:scheme_kind_edit", args=[ferry.pk])
    assert client.post(edit, NEW | {"name": "Đổi"}).status_code == 404
    # A ward's own people do not see the province's list (it is above them).
    client.force_login(people["ward_official"])
    assert client.get(list_url()).status_code == 404
    # The national catalogue is the superusers'.
    client.force_login(people["admin"])
    national = reverse("wards:scheme_kind_edit", args=[kinds["camera"].pk])
    assert client.post(national, NEW | {"name": "Đổi"}).status_code == 404
