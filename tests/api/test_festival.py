"""Festivals read through the API with their programme, guests in protocol order, pledge
signatories and side-event results."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from festival.models import Guest, SideEvent, SideEventKind
from festival.services import create_festival
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


def _festival(ward, user, day):
    return create_festival(
        ward,
        user,
        date=day,
        start_time=datetime.time(7, 30),
        venue=f"Nhà văn hóa {ward.name}",
        theme="Toàn dân chung tay bảo vệ an ninh Tổ quốc",
    )


@pytest.fixture
def festival(units, people):
    festival = _festival(units["ward"], people["ward_official"], datetime.date(2026, 8, 19))
    Guest.objects.create(festival=festival, name="Trần Văn Ba", protocol_rank=5)
    Guest.objects.create(
        festival=festival, rank="Đại tá", name="Lê Văn Một", title="Giám đốc", protocol_rank=1
    )
    SideEvent.objects.create(
        festival=festival,
        kind=SideEventKind.GIFTS,
        title="Tặng quà hộ nghèo",
        gifts_count=40,
        gifts_value=20_000_000,
    )
    return festival


def test_a_festival_comes_with_its_programme_guests_and_results(tokens, festival):
    response = ApiClient(tokens["ward_ro"]).get(f"/api/v1/festivals/{festival.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["ward"] == "90001"
    assert body["date"] == "2026-08-19"
    assert body["start_time"] == "07:30:00"
    assert [guest["name"] for guest in body["guests"]] == ["Lê Văn Một", "Trần Văn Ba"]
    assert body["guests"][0]["rank"] == "Đại tá"
    # The default programme the page creates, ceremony first.
    assert body["programme"]
    assert body["programme"][0]["part"] == "ceremony"
    gifts = body["side_events"][0]
    assert (gifts["kind"], gifts["gifts_count"], gifts["gifts_value"]) == ("gifts", 40, 20_000_000)


def test_festivals_are_scoped_and_filtered(tokens, festival, units, people):
    far = _festival(units["far_ward"], people["admin"], datetime.date(2025, 8, 19))
    ward = ApiClient(tokens["ward_ro"])
    assert [f["id"] for f in ward.get("/api/v1/festivals/").json()["results"]] == [festival.pk]
    assert ward.get(f"/api/v1/festivals/{far.pk}/").status_code == 404
    province = ApiClient(tokens["province_ro"])
    assert province.get("/api/v1/festivals/?year=2025").json()["count"] == 0
    assert province.get("/api/v1/festivals/?year=2026&status=planned").json()["count"] == 1
    assert province.get("/api/v1/festivals/?unit=91").status_code == 400
    # Festivals are read only.
    assert ApiClient(tokens["ward_rw"]).post("/api/v1/festivals/", {}).status_code == 405


def test_a_page_of_festivals_costs_the_same_queries_whatever_its_size(tokens, units, people):
    for ward in (units["ward"], units["sibling"], units["commune"]):
        festival = _festival(ward, people["admin"], datetime.date(2026, 8, 19))
        Guest.objects.create(festival=festival, name="Trần Văn Ba")
    client = ApiClient(tokens["province_ro"])
    client.get("/api/v1/festivals/")  # the token's first use of the minute records it

    def queries(size):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/api/v1/festivals/?page_size={size}")
        assert response.status_code == 200
        assert len(response.json()["results"]) == size
        return len(captured)

    assert queries(1) == queries(3)
