"""Residential areas and groupings, entered in the app."""

import unicodedata

import pytest
from django.urls import reverse

from wards.models import AdministrativeUnit, ResidentialArea


def test_area_names_are_stored_in_nfc(client, people, units):
    client.force_login(people["ward_official"])
    decomposed = unicodedata.normalize("NFD", "Tổ dân phố Hòa Bình")
    response = client.post(
        reverse("wards:area_create", args=["90001"]), {"kind": "to_dan_pho", "name": decomposed}
    )
    assert response.status_code == 302
    area = ResidentialArea.objects.get(ward=units["ward"])
    assert area.name == unicodedata.normalize("NFC", "Tổ dân phố Hòa Bình")


def test_a_duplicate_area_name_is_refused_in_vietnamese(client, people, units):
    ResidentialArea.objects.create(ward=units["ward"], kind="khu_pho", name="Khu 1")
    client.force_login(people["ward_official"])
    response = client.post(
        reverse("wards:area_create", args=["90001"]), {"kind": "khu_pho", "name": "khu 1"}
    )
    assert response.status_code == 200
    assert "đã có khu dân cư tên" in response.content.decode()
    assert ResidentialArea.objects.filter(ward=units["ward"]).count() == 1


def test_negative_households_are_refused(client, people, units):
    client.force_login(people["ward_official"])
    response = client.post(
        reverse("wards:area_create", args=["90001"]),
        {"kind": "khu_pho", "name": "Khu 2", "households": "-5"},
    )
    assert response.status_code == 200
    assert not ResidentialArea.objects.exists()


def test_an_admin_groups_wards_and_the_tree_follows(client, people, units):
    client.force_login(people["admin"])
    response = client.post(
        reverse("wards:grouping_create", args=["90"]),
        {"name": "Cụm Hai", "wards": [units["commune"].pk]},
    )
    assert response.status_code == 302
    grouping = AdministrativeUnit.objects.get(name="Cụm Hai")
    units["commune"].refresh_from_db()
    assert units["commune"].parent == grouping
    assert units["commune"].path == f"90/{grouping.code}/90003/"

    # Taking a ward out puts it back directly under the province.
    client.post(reverse("wards:grouping_edit", args=[grouping.code]), {"name": "Cụm Hai"})
    units["commune"].refresh_from_db()
    assert units["commune"].parent == units["province"]
    assert units["commune"].path == "90/90003/"


def test_a_district_officer_sees_a_ward_moved_into_their_grouping(client, people, units):
    client.force_login(people["district"])
    assert client.get(reverse("wards:unit", args=["90003"])).status_code == 404
    units["commune"].parent = units["grouping"]
    units["commune"].save()
    assert client.get(reverse("wards:unit", args=["90003"])).status_code == 200


@pytest.mark.parametrize("query", ["binh", "Bình", "BINH"])
def test_ward_search_ignores_accents(client, people, units, query):
    client.force_login(people["province"])
    page = client.get(reverse("wards:unit", args=["90"]), {"q": query})
    assert [w.name for w in page.context["table"].page] == ["Bình"]


def test_lists_follow_the_vietnamese_alphabet_and_numbers(client, people, units):
    for name in ["Khu 10", "Khu 2", "Ấp Đông", "Khu 1"]:
        ResidentialArea.objects.create(ward=units["ward"], kind="khu_pho", name=name)
    for code, name in [("90004", "Đông Hà"), ("90005", "Hà An"), ("90006", "Hoà Bình")]:
        AdministrativeUnit.objects.create(
            code=code, name=name, level="ward", parent=units["province"]
        )
    client.force_login(people["province"])
    wards = client.get(reverse("wards:unit", args=["90"])).context["table"].page
    assert [w.name for w in wards] == ["An", "Bình", "Cam", "Đông Hà", "Hà An", "Hoà Bình"]
    client.force_login(people["ward_official"])
    areas = client.get(reverse("wards:unit", args=["90001"])).context["areas"].page
    assert [a.name for a in areas] == ["Ấp Đông", "Khu 1", "Khu 2", "Khu 10"]


def test_the_menu_shows_the_name_family_first(client, people, units):
    client.force_login(people["ward_official"])
    assert "Nguyễn Văn Hải" in client.get(reverse("wards:unit", args=["90001"])).content.decode()
