"""The unit settings page: the names a unit prints under, its address, its default proposing
unit, with its signers and residential areas beside them; printed documents and forms take
them instead of values typed again (issue 14)."""

import io

import pypdf
import pytest
from django.urls import reverse

from awards.catalogue import seed_catalogue
from awards.models import AwardForm
from documents.models import Job, JobStatus
from tests.conftest import make_user
from wards.models import AdministrativeUnit, Level, ResidentialArea, Role, Signer

SETTINGS = {
    "full_name": "Phường An Hải, tỉnh Thử",
    "issuing_body": "Ủy ban nhân dân phường An Hải",
    "place_name": "An Hải",
    "address": "Số 1 đường Trần Phú",
    "proposing_unit": "Công an phường An Hải",
}


def settings_url(unit) -> str:
    return reverse("wards:unit_settings", args=[unit.code])


@pytest.fixture
def forms(db):
    seed_catalogue()
    return {form.code: form for form in AwardForm.objects.all()}


@pytest.fixture
def ward_admin(units):
    return make_user("quantri.an", Role.ADMIN, units["ward"])


# --------------------------------------------------------------------------- the level word


@pytest.mark.parametrize(
    ("name", "division_type", "expected"),
    [
        ("Định Công", "phường", "phường Định Công"),
        ("Định Công", "Phường", "phường Định Công"),
        # Free text in the old admin: the whole type was lower-cased, proper noun and all.
        ("Định Công", "Phường Định Công", "phường Định Công"),
        ("Phường Định Công", "phường", "phường Định Công"),
        ("Phường Định Công", "", "phường Định Công"),
        ("Điện Bàn Đông", "phường", "phường Điện Bàn Đông"),
        ("Ea Kly", "Xã Ea Kly", "xã Ea Kly"),
        ("Vân Đồn", "đặc khu", "đặc khu Vân Đồn"),
        ("Phường 1", "phường", "phường 1"),
        ("Hà Nội", "thành phố trung ương", "thành phố Hà Nội"),
        ("Thành phố Hồ Chí Minh", "Thành phố trung ương", "thành phố Hồ Chí Minh"),
        ("Quảng Ninh", "Tỉnh", "tỉnh Quảng Ninh"),
    ],
)
def test_only_the_level_word_is_lower_cased(name, division_type, expected):
    unit = AdministrativeUnit(name=name, division_type=division_type, level=Level.WARD)
    assert unit.official_name == expected
    assert unit.default_proposing_unit == f"UBND {expected}"
    assert unit.committee_name == f"Ủy ban nhân dân {expected}"


def test_a_new_nomination_offers_dinh_cong_with_its_capitals(client, units, forms):
    ward = AdministrativeUnit.objects.create(
        code="90009",
        name="Định Công",
        level=Level.WARD,
        parent=units["province"],
        division_type="Phường Định Công",
    )
    client.force_login(make_user("canbo.dinhcong", Role.WARD_OFFICIAL, ward))
    page = client.get(reverse("awards:nomination_create", args=[ward.code])).content.decode()
    assert 'value="UBND phường Định Công"' in page


# --------------------------------------------------------------------------- the page


def test_a_ward_administrator_saves_the_settings(client, units, ward_admin):
    client.force_login(ward_admin)
    page = client.get(settings_url(units["ward"]))
    assert page.status_code == 200
    html = page.content.decode()
    # What an empty box prints is shown in it.
    assert 'placeholder="Ủy ban nhân dân phường An"' in html
    assert 'placeholder="UBND phường An"' in html
    response = client.post(settings_url(units["ward"]), SETTINGS)
    assert response.status_code == 302
    ward = AdministrativeUnit.objects.get(pk=units["ward"].pk)
    assert ward.committee_name == "Ủy ban nhân dân phường An Hải"
    assert ward.place == "An Hải"
    assert ward.full_official_name == "Phường An Hải, tỉnh Thử"
    assert ward.address == "Số 1 đường Trần Phú"
    assert ward.default_proposing_unit == "Công an phường An Hải"


def test_the_page_shows_signers_areas_and_former_units(client, units, ward_admin):
    Signer.objects.create(unit=units["ward"], name="Lê Văn Tám", title="Chủ tịch")
    ResidentialArea.objects.create(
        ward=units["ward"], kind="khu_pho", name="Khu 3", households=1200, population=4500
    )
    units["ward"].former_units.create(
        code="20563", name="Phường Điện Ngọc", district="Thị xã Điện Bàn", province="Tỉnh Quảng Nam"
    )
    client.force_login(ward_admin)
    html = client.get(settings_url(units["ward"])).content.decode()
    assert "Lê Văn Tám" in html
    assert reverse("wards:signer_create", args=["90001"]) in html
    assert "Khu 3" in html
    assert "1.200" in html
    assert "4.500" in html
    assert "Phường Điện Ngọc — Thị xã Điện Bàn, Tỉnh Quảng Nam" in html


def test_bad_input_is_refused_with_a_message_and_nothing_saved(client, units, ward_admin):
    client.force_login(ward_admin)
    response = client.post(settings_url(units["ward"]), {**SETTINGS, "issuing_body": "UBND"})
    assert response.status_code == 200
    assert "Ghi tên cơ quan đầy đủ, ví dụ “Ủy ban nhân dân phường An”" in response.content.decode()
    ward = AdministrativeUnit.objects.get(pk=units["ward"].pk)
    assert (ward.issuing_body, ward.place_name, ward.address) == ("", "", "")


def test_the_province_administrator_may_set_a_wards_settings(login, people, units):
    response = login(people["admin"]).post(settings_url(units["ward"]), SETTINGS)
    assert response.status_code == 302
    assert AdministrativeUnit.objects.get(pk=units["ward"].pk).place_name == "An Hải"


@pytest.mark.parametrize("who", ["ward_official", "organiser", "district", "province"])
def test_roles_that_may_not_change_settings_get_403(login, people, units, who):
    client = login(people[who])
    assert client.get(settings_url(units["ward"])).status_code == 403
    assert client.post(settings_url(units["ward"]), SETTINGS).status_code == 403
    assert AdministrativeUnit.objects.get(pk=units["ward"].pk).place_name == ""


def test_another_wards_or_provinces_unit_is_404(client, units, ward_admin, people):
    client.force_login(ward_admin)
    assert client.get(settings_url(units["sibling"])).status_code == 404
    assert client.post(settings_url(units["far_ward"]), SETTINGS).status_code == 404
    # Nor may a ward's administrator change the province above it.
    assert client.get(settings_url(units["province"])).status_code == 404
    assert AdministrativeUnit.objects.get(pk=units["sibling"].pk).place_name == ""


def test_the_nav_links_the_page_for_an_administrator_only(client, units, ward_admin, people):
    client.force_login(ward_admin)
    assert (
        'data-testid="nav-unit-settings"'
        in client.get(reverse("home"), follow=True).content.decode()
    )
    client.force_login(people["ward_official"])
    assert (
        'data-testid="nav-unit-settings"'
        not in client.get(reverse("home"), follow=True).content.decode()
    )


# --------------------------------------------------------------------------- what uses them


def test_a_new_nomination_offers_the_settings_proposing_unit(client, units, ward_admin, forms):
    client.force_login(ward_admin)
    client.post(settings_url(units["ward"]), SETTINGS)
    page = client.get(reverse("awards:nomination_create", args=["90001"])).content.decode()
    assert 'value="Công an phường An Hải"' in page


def test_a_new_decision_is_headed_with_the_settings(units, forms):
    from awards.services import decision_defaults

    ward = units["ward"]
    for name, value in SETTINGS.items():
        setattr(ward, name, value)
    ward.save()
    defaults = decision_defaults(ward, forms["GKUBP"], 2025)
    assert defaults["authority"] == "Ủy ban nhân dân phường An Hải"
    assert defaults["place"] == "An Hải"


def test_the_printed_report_carries_the_settings_names_and_signer(client, units, ward_admin):
    """Through the document pipeline, read back from the PDF."""
    client.force_login(ward_admin)
    client.post(settings_url(units["ward"]), SETTINGS)
    Signer.objects.create(unit=units["ward"], name="Lê Văn Tám", title="Chủ tịch", rank=1)
    response = client.post(
        reverse("documents:generate"),
        {
            "kind": "dashboards.ward_report",
            "fmt": "pdf",
            "object": units["ward"].pk,
            "year": 2025,
            "confirm": "1",
        },
    )
    assert response.status_code == 302
    job = Job.objects.latest("pk")
    assert job.status == JobStatus.DONE, job.error
    text = pypdf.PdfReader(io.BytesIO(job.file.read())).pages[0].extract_text()
    assert "ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI" in text
    assert "An Hải, ngày" in text
    assert "PHƯỜNG AN\n" not in text
    job.file.seek(0)
    reader = pypdf.PdfReader(io.BytesIO(job.file.read()))
    everything = "\n".join(page.extract_text() for page in reader.pages)
    assert "Lê Văn Tám" in everything
