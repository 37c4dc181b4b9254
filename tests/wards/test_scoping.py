"""The scoping matrix: every role × own unit / below / sibling / parent × read and write.

Outside one's scope a unit does not exist (404); inside it, a role that may only read gets 403.
"""

import pytest
from django.urls import reverse

from wards.models import AdministrativeUnit, ResidentialArea

OWN, BELOW, SIBLING, PARENT = "own", "below", "sibling", "parent"

# role: {relation: unit key in the `units` fixture}
RELATIONS = {
    "ward_official": {OWN: "ward", SIBLING: "sibling", PARENT: "grouping"},
    "organiser": {OWN: "ward", SIBLING: "sibling", PARENT: "grouping"},
    "district": {OWN: "grouping", BELOW: "ward", SIBLING: "commune", PARENT: "province"},
    "province": {OWN: "province", BELOW: "ward", SIBLING: "far_ward", PARENT: "other_province"},
    "admin": {OWN: "province", BELOW: "ward", SIBLING: "far_ward", PARENT: "other_province"},
    "nobody": {OWN: "ward"},
}

# (role, relation): (read status, write status); a write that succeeds redirects (302).
EXPECTED = {
    ("ward_official", OWN): (200, 302),
    ("ward_official", SIBLING): (404, 404),
    ("ward_official", PARENT): (404, 404),
    ("organiser", OWN): (200, 403),
    ("organiser", SIBLING): (404, 404),
    ("organiser", PARENT): (404, 404),
    ("district", OWN): (200, 403),
    ("district", BELOW): (200, 403),
    ("district", SIBLING): (404, 404),
    ("district", PARENT): (404, 404),
    ("province", OWN): (200, 403),
    ("province", BELOW): (200, 403),
    ("province", SIBLING): (404, 404),
    ("province", PARENT): (404, 404),
    ("admin", OWN): (200, 302),
    ("admin", BELOW): (200, 302),
    ("admin", SIBLING): (404, 404),
    ("admin", PARENT): (404, 404),
    ("nobody", OWN): (404, 404),
}


def write_request(unit: AdministrativeUnit, units) -> tuple[str, dict]:
    """The write a user would make at this kind of unit, with valid data."""
    if unit.level == "ward":
        return (
            reverse("wards:area_create", args=[unit.code]),
            {"kind": "khu_pho", "name": "Khu Mới", "households": "120"},
        )
    if unit.level == "district":
        return (
            reverse("wards:grouping_edit", args=[unit.code]),
            {"name": unit.name, "wards": [units["ward"].pk]},
        )
    return (reverse("wards:grouping_create", args=[unit.code]), {"name": "Cụm Hai"})


@pytest.mark.parametrize(("role", "relation"), list(EXPECTED))
def test_scoping_matrix(client, people, units, role, relation):
    unit = units[RELATIONS[role][relation]]
    read_status, write_status = EXPECTED[(role, relation)]
    client.force_login(people[role])
    units_before = AdministrativeUnit.objects.count()
    areas_before = ResidentialArea.objects.count()

    assert client.get(reverse("wards:unit", args=[unit.code])).status_code == read_status

    url, data = write_request(unit, units)
    assert client.get(url).status_code == (200 if write_status == 302 else write_status)
    assert client.post(url, data).status_code == write_status
    changed = (AdministrativeUnit.objects.count(), ResidentialArea.objects.count()) != (
        units_before,
        areas_before,
    )
    if write_status != 302:
        assert not changed, "a refused write must leave nothing behind"
    elif unit.level != "district":
        assert changed


def test_anonymous_users_are_sent_to_login(client, units):
    response = client.get(reverse("wards:unit", args=[units["ward"].code]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_another_wards_area_by_url_is_404(client, people, units):
    area = ResidentialArea.objects.create(ward=units["sibling"], kind="thon", name="Thôn 1")
    client.force_login(people["ward_official"])
    assert client.get(reverse("wards:area_edit", args=[area.pk])).status_code == 404
    assert client.post(reverse("wards:area_delete", args=[area.pk])).status_code == 404
    assert ResidentialArea.objects.filter(pk=area.pk).exists()


@pytest.mark.parametrize(
    ("role", "sees", "hidden"),
    [
        ("district", {"An", "Bình"}, {"Cam", "Xa"}),
        ("province", {"An", "Bình", "Cam"}, {"Xa"}),
    ],
)
def test_unit_page_lists_only_wards_in_scope(client, people, units, role, sees, hidden):
    client.force_login(people[role])
    unit = people[role].membership.unit
    names = {
        w.name for w in client.get(reverse("wards:unit", args=[unit.code])).context["table"].page
    }
    assert sees <= names
    assert not (hidden & names)
