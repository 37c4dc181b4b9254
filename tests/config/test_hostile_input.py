"""Input the probe found answered with a server error: NUL bytes (PostgreSQL refuses them in
any text), numbers that overflow, a festival at the calendar's very end. Each gets a 400, a
404 or a form error, never a 500, and nothing is saved.

The NUL cases matter on PostgreSQL: run them there too with
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/sec_x pytest --create-db tests/config/``."""

import datetime

import pytest
from django.urls import reverse

from festival.models import Festival, ProgrammeItem
from festival.services import add_default_programme
from tests.register import make_areas, seed_kinds
from wards.models import ResidentialArea, Scheme

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/awards/nominees/", {"q": "An\x00"}),
        ("/schemes/", {"q": "\x00"}),
        ("/schemes/", {"ward": "90001\x00"}),
        ("/schemes/map/", {"ward": "\x00"}),
        ("/units/90001/", {"q": "\x00"}),
        ("/units/90001/", {"q\x00": "An"}),
    ],
)
def test_a_nul_byte_in_the_query_string_is_a_400(client, people, path, query):
    client.force_login(people["province"])
    assert client.get(path).status_code == 200  # the page itself works
    response = client.get(path, query)
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_a_nul_byte_in_the_path_is_a_400(client, people):
    client.force_login(people["province"])
    assert client.get("/units/90001%00/").status_code == 400


def test_a_nul_byte_in_a_form_is_refused_and_saves_nothing(client, people, units):
    client.force_login(people["ward_official"])
    url = reverse("wards:area_create", args=["90001"])
    urlencoded = client.post(
        url, "kind=khu_pho&name=Khu%00+1", content_type="application/x-www-form-urlencoded"
    )
    assert urlencoded.status_code == 400
    # A multipart form (it may carry files, which hold NUL bytes) is left to the form fields.
    multipart = client.post(url, {"kind": "khu_pho", "name": "Khu\x00 1"})
    assert multipart.status_code == 200
    assert multipart.context["form"].errors["name"]
    assert not ResidentialArea.objects.exists()


@pytest.mark.parametrize("year", ["0", HUGE, "²⁰²⁵", "-1"])
def test_a_year_no_calendar_holds_is_ignored_on_lists(client, people, year):
    client.force_login(people["ward_official"])
    for path in ("/units/90001/activity/", "/units/90001/", "/awards/"):
        assert client.get(path, {"year": year}).status_code == 200, path


@pytest.mark.parametrize(
    "query", [{"year": "0"}, {"year": HUGE}, {"year": "2026", "month": HUGE}, {"month": "0"}]
)
def test_a_calendar_month_that_does_not_exist_is_not_found(client, people, query):
    client.force_login(people["ward_official"])
    assert client.get(reverse("festival:calendar"), query).status_code == 404


@pytest.mark.parametrize("value", ["inf", "-Infinity", "nan", "1e999999"])
def test_a_coordinate_that_is_not_a_number_is_a_form_error(client, people, units, value):
    client.force_login(people["ward_official"])
    kinds = seed_kinds()
    make_areas(units["ward"])
    camera = kinds["camera"].pk
    url = reverse("wards:scheme_create", args=["90001"])
    data = {
        "kind": camera,
        "name": "Camera chợ",
        "status": "active",
        "camera_count": "4",
        "cameras_connected": "2",
        "latitude": value,
        "longitude": "105.8542",
    }
    response = client.post(f"{url}?kind={camera}", data)
    assert response.status_code == 200
    assert response.context["form"].errors["latitude"]
    assert not Scheme.objects.exists()


def test_a_festival_late_on_the_last_day_of_the_calendar_gets_its_programme(units, people):
    festival = Festival.objects.create(
        ward=units["ward"],
        created_by=people["ward_official"],
        date=datetime.date(9999, 12, 31),
        start_time=datetime.time(23, 30),
        venue="Nhà văn hoá",
    )
    add_default_programme(festival)
    times = list(
        ProgrammeItem.objects.filter(festival=festival, part="ceremony")
        .order_by("position")
        .values_list("start_time", flat=True)
    )
    assert times[0] == datetime.time(23, 30)
    assert times[-1] < datetime.time(23, 30)  # past midnight, as before


def test_creating_that_festival_through_the_form_does_not_fail(client, people):
    client.force_login(people["ward_official"])
    response = client.post(
        reverse("festival:create"),
        {"date": "9999-12-31", "start_time": "23:30", "venue": "Nhà văn hoá phường"},
    )
    assert response.status_code == 302
    assert Festival.objects.get().programme.exists()
