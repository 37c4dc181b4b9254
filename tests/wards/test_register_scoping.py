"""Scoping of the register: another ward's schemes, activity and people do not exist for a
ward official (404); colleagues who may only read get 403 on every change."""

import pytest
from django.urls import reverse

from tests.register import make_activity, make_scheme, sheet
from wards.models import Activity, Exemplar, Scheme

# role: (read, write) on ward An's register
EXPECTED = {
    "ward_official": (200, "ok"),
    "outsider": (404, 404),  # the official of Phường Bình
    "organiser": (200, 403),
    "district": (200, 403),
    "province": (200, 403),
    "admin": (200, "ok"),
    "nobody": (404, 404),
}


@pytest.fixture
def register(units, kinds):
    ward = units["ward"]
    scheme = make_scheme(ward, kinds["to-tu-quan"], "Tổ tự quản 1")
    activity = make_activity(ward, scheme)
    exemplar = Exemplar.objects.create(ward=ward, name="Nguyễn Thị Hoa")
    return {"scheme": scheme, "activity": activity, "exemplar": exemplar}


def read_urls(register):
    scheme = register["scheme"]
    return [
        reverse("wards:scheme", args=[scheme.pk]),
        reverse("wards:activity_list", args=["90001"]),
        reverse("wards:exemplar_list", args=["90001"]),
    ]


def write_urls(register):
    scheme, activity, exemplar = register["scheme"], register["activity"], register["exemplar"]
    return [
        reverse("wards:scheme_edit", args=[scheme.pk]),
        reverse("wards:scheme_members", args=[scheme.pk]),
        reverse("wards:scheme_create", args=["90001"]) + "?kind=" + str(scheme.kind_id),
        reverse("wards:activity_create", args=["90001"]),
        reverse("wards:activity_edit", args=[activity.pk]),
        reverse("wards:exemplar_create", args=["90001"]),
        reverse("wards:exemplar_edit", args=[exemplar.pk]),
        reverse("wards:import", args=["90001", "schemes"]),
        reverse("wards:import_template", args=["90001", "activity"]),
    ]


@pytest.mark.parametrize("role", list(EXPECTED))
def test_reading_the_register(client, people, register, role):
    client.force_login(people[role])
    for url in read_urls(register):
        assert client.get(url).status_code == EXPECTED[role][0], url


@pytest.mark.parametrize("role", list(EXPECTED))
def test_changing_the_register(client, people, register, kinds, role):
    client.force_login(people[role])
    expected = EXPECTED[role][1]
    for url in write_urls(register):
        status = client.get(url).status_code
        assert status == (200 if expected == "ok" else expected), url
    if expected == "ok":
        return
    scheme = register["scheme"]
    posts = [
        (
            reverse("wards:scheme_edit", args=[scheme.pk]),
            {"kind": scheme.kind_id, "name": "Đổi tên", "status": "active"},
        ),
        (reverse("wards:scheme_delete", args=[scheme.pk]), {}),
        (
            reverse("wards:activity_delete", args=[register["activity"].pk]),
            {},
        ),
        (
            reverse("wards:activity_create", args=["90001"]),
            {"date": "2025-01-02", "type": "patrol", "count": "1"},
        ),
        (
            reverse("wards:import", args=["90001", "activity"]),
            {"file": sheet(["Ngày"], [["01/01/2025"]])},
        ),
        (reverse("wards:import_confirm", args=["90001", "activity"]), {"token": "x" * 43}),
        (reverse("wards:exemplar_delete", args=[register["exemplar"].pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == expected, url
    assert Scheme.objects.get().name == "Tổ tự quản 1"
    assert Activity.objects.count() == 1
    assert Exemplar.objects.count() == 1


def test_an_outsider_does_not_see_the_schemes_in_lists_or_on_the_map(client, people, register):
    make_scheme(
        register["scheme"].ward,
        register["scheme"].kind,
        "Có vị trí",
        latitude="21",
        longitude="105",
    )
    client.force_login(people["outsider"])
    assert client.get(reverse("wards:scheme_list")).context["page"].paginator.count == 0
    assert (
        client.get(reverse("wards:scheme_list"), {"ward": "90001"}).context["page"].paginator.count
        == 0
    )
    assert client.get(reverse("wards:scheme_map")).context["markers"] == []


def test_a_scheme_of_another_ward_cannot_be_picked_for_an_activity(client, people, units, kinds):
    theirs = make_scheme(units["sibling"], kinds["to-tu-quan"], "Tổ của Bình")
    client.force_login(people["ward_official"])
    url = reverse("wards:activity_create", args=["90001"])
    assert client.get(url, {"scheme": theirs.pk}).status_code == 404
    response = client.post(
        url, {"scheme": theirs.pk, "date": "2025-01-02", "type": "patrol", "count": "1"}
    )
    assert response.status_code == 200  # refused by the form: not a choice
    assert not Activity.objects.exists()
