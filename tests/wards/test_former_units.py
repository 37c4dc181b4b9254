"""The former units (before 1 July 2025), from the Government's conversion table kept in
wards/data: found by their old names in unit searches and pickers, and turned into groupings of
the former districts on request (issue 14)."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import make_user
from wards.forms import SchemeFilterForm
from wards.models import AdministrativeUnit, FormerUnit, Level, Role

pytestmark = pytest.mark.django_db

DIEN_BAN_DONG = "20579"


@pytest.fixture
def da_nang(db):
    call_command("load_units", "--province", "48", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return AdministrativeUnit.objects.get(code="48")


@pytest.fixture
def da_nang_admin(da_nang):
    return make_user("quantri.danang", Role.ADMIN, da_nang)


def test_the_load_brings_the_former_units_of_each_ward(da_nang):
    ward = AdministrativeUnit.objects.get(code=DIEN_BAN_DONG)
    dien_ngoc = ward.former_units.get(name="Phường Điện Ngọc")
    assert (dien_ngoc.code, dien_ngoc.district, dien_ngoc.province) == (
        "20563",
        "Thị xã Điện Bàn",
        "Tỉnh Quảng Nam",
    )
    assert dien_ngoc.whole
    assert ward.former_names.startswith("phường Điện Ngọc, phường Điện Nam Bắc, ")
    assert ward.full_official_name == "Phường Điện Bàn Đông, thành phố Đà Nẵng"
    assert ward.former_summary.startswith("(gồm phường Điện Ngọc, phường Điện Nam Bắc, ")
    assert ward.former_summary.endswith(" cũ)")


def test_loading_again_changes_nothing(da_nang):
    before = FormerUnit.objects.count()
    assert before > 200  # Đà Nẵng took in the former Quảng Nam
    call_command("load_units", "--province", "48", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert FormerUnit.objects.count() == before


@pytest.mark.parametrize("query", ["Điện Ngọc", "dien ngoc", "ĐIỆN NGỌC"])
def test_searching_the_old_name_finds_the_new_ward(client, da_nang, da_nang_admin, query):
    client.force_login(da_nang_admin)
    page = client.get(reverse("wards:unit", args=["48"]), {"q": query}).content.decode()
    assert f'href="{reverse("wards:unit", args=[DIEN_BAN_DONG])}"' in page
    assert "Phường Điện Bàn Đông, thành phố Đà Nẵng (gồm phường Điện Ngọc, " in page
    # Only the ward that took it in, not the rest of the city.
    assert page.count('data-testid="former-names"') == 1


def test_a_unit_picker_offers_the_old_names(da_nang, da_nang_admin):
    form = SchemeFilterForm(wards=AdministrativeUnit.objects.wards().filter(parent=da_nang))
    labels = dict((str(value), label) for value, label in form.fields["ward"].choices)
    assert labels[DIEN_BAN_DONG].startswith("Điện Bàn Đông (gồm phường Điện Ngọc, ")
    assert labels[DIEN_BAN_DONG].endswith(" cũ)")
    assert "data-searchable" in str(form["ward"])


def test_groupings_are_made_from_the_former_districts_on_request(client, da_nang, da_nang_admin):
    client.force_login(da_nang_admin)
    assert not AdministrativeUnit.objects.filter(level=Level.DISTRICT).exists()
    response = client.post(reverse("wards:former_groupings", args=["48"]))
    assert response.status_code == 302
    dien_ban = AdministrativeUnit.objects.get(
        level=Level.DISTRICT, name="Thị xã Điện Bàn cũ (tỉnh Quảng Nam)"
    )
    assert AdministrativeUnit.objects.get(code=DIEN_BAN_DONG).parent == dien_ban
    hai_chau = AdministrativeUnit.objects.get(level=Level.DISTRICT, name="Quận Hải Châu cũ")
    assert hai_chau.children.filter(name="Hải Châu").exists()
    # Again: the same groupings, nothing doubled.
    count = AdministrativeUnit.objects.filter(level=Level.DISTRICT).count()
    client.post(reverse("wards:former_groupings", args=["48"]))
    assert AdministrativeUnit.objects.filter(level=Level.DISTRICT).count() == count


def test_making_groupings_is_refused_to_staff_and_outsiders(client, da_nang, units, people):
    client.force_login(make_user("tinh.danang", Role.STAFF, da_nang))
    assert client.post(reverse("wards:former_groupings", args=["48"])).status_code == 403
    client.force_login(people["admin"])  # the administrator of another province
    assert client.post(reverse("wards:former_groupings", args=["48"])).status_code == 404
    assert not AdministrativeUnit.objects.filter(level=Level.DISTRICT, parent=da_nang).exists()


def test_the_dashboard_search_finds_a_ward_by_its_old_name(client, da_nang, da_nang_admin):
    client.force_login(da_nang_admin)
    page = client.get(reverse("dashboards:unit", args=["48"]), {"q": "dien ngoc"})
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("dashboards:ward", args=[DIEN_BAN_DONG]) in html
    assert reverse("dashboards:ward", args=["20242"]) not in html  # Hải Châu


def test_the_account_pickers_offer_the_old_names(client, da_nang, da_nang_admin):
    client.force_login(da_nang_admin)
    label = "Phường Điện Bàn Đông (gồm phường Điện Ngọc, "
    for url in (reverse("accounts:create"), reverse("accounts:list")):
        html = client.get(url).content.decode()
        option = re.search(rf'<option value="[^"]*">({re.escape(label)}[^<]*)</option>', html)
        assert option, url
        assert option.group(1).endswith(" cũ)")
        assert 'data-searchable=""' in html[: option.start()].rsplit("<select", 1)[1]
    ward = AdministrativeUnit.objects.get(code=DIEN_BAN_DONG)
    make_user("canbo.dienbandong", Role.WARD_OFFICIAL, ward)
    make_user("canbo.haichau", Role.WARD_OFFICIAL, AdministrativeUnit.objects.get(code="20242"))
    found = client.get(reverse("accounts:list"), {"unit": DIEN_BAN_DONG})
    assert [m.user.username for m in found.context["page"]] == ["canbo.dienbandong"]
