"""Every delete asks first and says whether it can be undone; a delete posted without the
confirmation deletes nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from festival.models import Guest
from festival.services import create_festival
from tests.register import make_activity, make_scheme
from wards.models import Activity, Exemplar, ResidentialArea, Scheme

# Today is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.

RESTORABLE = "Có thể khôi phục trong 30 ngày, ở trang “Đã xóa gần đây” của phường, xã."


@pytest.fixture
def rows(units, people, kinds, areas):
    ward = units["ward"]
    scheme = make_scheme(ward, kinds["to-tu-quan"], "Tổ tự quản 1")
    festival = create_festival(
        ward,
        people["ward_official"],
        date=timezone.localdate() + datetime.timedelta(days=30),
        start_time=datetime.time(7, 30),
        venue="Nhà văn hóa",
    )
    return {
        "area": areas["Khu 3"],
        "scheme": scheme,
        "activity": make_activity(ward),
        "exemplar": Exemplar.objects.create(ward=ward, name="Nguyễn Thị Hoa"),
        "guest": Guest.objects.create(festival=festival, name="Trần Văn Khách"),
    }


def _pages(rows):
    """(page with the delete button, delete address, the row) for each kind of row."""
    area, scheme, activity = rows["area"], rows["scheme"], rows["activity"]
    exemplar, guest = rows["exemplar"], rows["guest"]
    return [
        (reverse("wards:area_edit", args=[area.pk]), "wards:area_delete", area),
        (reverse("wards:scheme", args=[scheme.pk]), "wards:scheme_delete", scheme),
        (reverse("wards:activity_edit", args=[activity.pk]), "wards:activity_delete", activity),
        (reverse("wards:exemplar_edit", args=[exemplar.pk]), "wards:exemplar_delete", exemplar),
        (reverse("festival:row_edit", args=["guests", guest.pk]), "festival:row_delete", guest),
    ]


def _delete_url(name, row):
    if name == "festival:row_delete":
        return reverse(name, args=["guests", row.pk])
    return reverse(name, args=[row.pk])


def test_every_delete_says_it_can_be_restored(client, people, rows):
    client.force_login(people["ward_official"])
    for page_url, name, row in _pages(rows):
        page = client.get(page_url).content.decode()
        form = page.split(f'action="{_delete_url(name, row)}"')[1].split("</form>")[0]
        assert RESTORABLE in form, page_url
        assert "data-confirm-fallback" in form


def test_a_delete_without_the_confirmation_deletes_nothing(client, people, rows):
    client.force_login(people["ward_official"])
    for _page, name, row in _pages(rows):
        response = client.post(_delete_url(name, row))
        assert response.status_code == 200
        assert RESTORABLE in response.content.decode()
        assert type(row).objects.filter(pk=row.pk).exists()
    counts = [
        model.objects.count() for model in (ResidentialArea, Scheme, Activity, Exemplar, Guest)
    ]
    assert counts == [3, 1, 1, 1, 1]
