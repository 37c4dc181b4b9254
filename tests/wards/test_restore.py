"""Restoring deleted rows from the unit's page of recent deletes (wards.restore): every kind
of row comes back as it was, under its old id, with the restore in its history; what cannot
come back says why; another ward's deletes do not exist, readers cannot restore."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import Nominee, RecipientKind
from festival.models import (
    Guest,
    PledgeSignatory,
    ProgrammeItem,
    SideEvent,
    SideEventKind,
    SignatoryKind,
    Status,
)
from festival.services import create_festival
from tests.register import make_activity, make_scheme
from wards.models import Activity, Exemplar, ResidentialArea, Scheme

# Today is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.

CONFIRMED = {"confirmed": "yes"}
DELETED = reverse("wards:deleted", args=["90001"])


@pytest.fixture
def official(client, people):
    client.force_login(people["ward_official"])
    return client


@pytest.fixture
def festival(units, people):
    return create_festival(
        units["ward"],
        people["ward_official"],
        date=timezone.localdate() + datetime.timedelta(days=30),
        start_time=datetime.time(7, 30),
        venue="Nhà văn hóa",
    )


def _restore_url(row_or_record, model):
    record = model.history.filter(id=row_or_record.pk, history_type="-").latest("history_date")
    return reverse("wards:restore", args=["90001", model._meta.label_lower, record.history_id])


def _delete_and_restore(client, url, row, fields):
    model = type(row)
    before = {name: getattr(row, name) for name in fields}
    response = client.post(url, CONFIRMED)
    assert response.status_code == 302
    assert not model.objects.filter(pk=row.pk).exists()
    page = client.get(DELETED).content.decode()
    assert str(row) in page
    assert "Nguyễn Văn Hải" in page  # who deleted it
    response = client.post(_restore_url(row, model), follow=True)
    assert "Đã khôi phục" in response.content.decode()
    restored = model.objects.get(pk=row.pk)  # the same id
    assert {name: getattr(restored, name) for name in fields} == before
    deleted = restored.history.filter(history_type="-").latest("history_date")
    back = restored.history.filter(history_date__gt=deleted.history_date).earliest("history_date")
    assert (back.history_type, back.history_change_reason) == ("+", "Khôi phục")
    assert back.history_user.username == "canbo.an"
    # Restored once: it leaves the page of deletes.
    assert str(row) not in client.get(DELETED).content.decode()
    return restored


def test_a_scheme_comes_back(official, units, kinds, areas):
    scheme = make_scheme(
        units["ward"], kinds["to-tu-quan"], "Tổ tự quản 7", area=areas["Khu 1"], leader_name="Lê An"
    )
    restored = _delete_and_restore(
        official,
        reverse("wards:scheme_delete", args=[scheme.pk]),
        scheme,
        ["name", "kind_id", "area_id", "leader_name", "ward_id"],
    )
    # Its derived columns are rebuilt: the list finds it by name.
    assert restored.sort_name
    assert Scheme.objects.search("tu quan 7").get() == restored


def test_an_activity_comes_back(official, units, kinds):
    scheme = make_scheme(units["ward"], kinds["to-tu-quan"], "Tổ 1")
    activity = make_activity(units["ward"], scheme, date=datetime.date(2025, 5, 30), count=4)
    _delete_and_restore(
        official,
        reverse("wards:activity_delete", args=[activity.pk]),
        activity,
        ["date", "count", "type", "scheme_id"],
    )


def test_a_residential_area_comes_back(official, areas):
    area = areas["Khu 3"]
    _delete_and_restore(
        official, reverse("wards:area_delete", args=[area.pk]), area, ["name", "kind", "ward_id"]
    )


def test_an_exemplary_person_comes_back_with_their_schemes(official, units, kinds):
    patrol = make_scheme(units["ward"], kinds["to-tu-quan"], "Tổ tuần tra 1")
    mediation = make_scheme(units["ward"], kinds["to-tu-quan"], "Tổ hòa giải 1")
    exemplar = Exemplar.objects.create(ward=units["ward"], name="Nguyễn Thị Hoa", year=2025)
    exemplar.schemes.set([patrol, mediation])
    official.post(reverse("wards:scheme_delete", args=[mediation.pk]), CONFIRMED)
    restored = _delete_and_restore(
        official,
        reverse("wards:exemplar_delete", args=[exemplar.pk]),
        exemplar,
        ["name", "year"],
    )
    # The scheme deleted meanwhile is left out.
    assert list(restored.schemes.all()) == [patrol]


def test_festival_items_come_back(official, festival, people):
    item = festival.programme.first()
    _delete_and_restore(
        official,
        reverse("festival:row_delete", args=["programme", item.pk]),
        item,
        ["title", "part", "position", "start_time"],
    )
    guest = Guest.objects.create(festival=festival, name="Trần Văn Khách", title="Bí thư")
    _delete_and_restore(
        official,
        reverse("festival:row_delete", args=["guests", guest.pk]),
        guest,
        ["name", "title"],
    )
    event = SideEvent.objects.create(
        festival=festival, kind=SideEventKind.choices[0][0], title="Khám bệnh miễn phí"
    )
    _delete_and_restore(
        official,
        reverse("festival:row_delete", args=["side-events", event.pk]),
        event,
        ["title", "kind"],
    )
    signatory = PledgeSignatory.objects.create(
        festival=festival,
        kind=SignatoryKind.choices[0][0],
        name="Hội Phụ nữ phường",
        representative="Lê Thị Lan",
        representative_title="Chủ tịch",
    )
    _delete_and_restore(
        official,
        reverse("festival:row_delete", args=["signatories", signatory.pk]),
        signatory,
        ["name", "representative"],
    )


def test_a_deleted_nominee_comes_back(official, units):
    nominee = Nominee.objects.create(
        ward=units["ward"], kind=RecipientKind.INDIVIDUAL, name="Phạm Văn Đề", birth_year=1970
    )
    pk = nominee.pk
    nominee.delete()  # there is no delete button for nominees; the admin can
    nominee.pk = pk
    official.post(_restore_url(nominee, Nominee))
    assert Nominee.objects.get(pk=pk).name == "Phạm Văn Đề"


def test_deletes_are_listed_newest_first(official, units, areas, clock):
    for name in ("Khu 1", "Khu 2"):
        official.post(reverse("wards:area_delete", args=[areas[name].pk]), CONFIRMED)
        clock.shift(datetime.timedelta(minutes=5))
    table = official.get(DELETED).content.decode().split('data-testid="deleted"')[1]
    assert table.index("Khu 2") < table.index("Khu 1")


def test_a_name_taken_since_is_refused(official, units, areas):
    area = areas["Khu 1"]
    official.post(reverse("wards:area_delete", args=[area.pk]), CONFIRMED)
    ResidentialArea.objects.create(ward=units["ward"], kind=area.kind, name="Khu 1")
    response = official.post(_restore_url(area, ResidentialArea), follow=True)
    page = response.content.decode()
    assert "Không khôi phục được" in page
    assert ResidentialArea.objects.filter(name="Khu 1").count() == 1


def test_a_row_whose_parent_is_gone_is_refused(official, units, kinds):
    scheme = make_scheme(units["ward"], kinds["to-tu-quan"], "Tổ 1")
    activity = make_activity(units["ward"], scheme)
    official.post(reverse("wards:activity_delete", args=[activity.pk]), CONFIRMED)
    official.post(reverse("wards:scheme_delete", args=[scheme.pk]), CONFIRMED)
    response = official.post(_restore_url(activity, Activity), follow=True)
    assert "Không khôi phục được: mô hình của mục này cũng đã bị xóa." in (
        response.content.decode()
    )
    assert not Activity.objects.exists()
    # Restoring the scheme first lets the activity come back too.
    official.post(_restore_url(scheme, Scheme))
    official.post(_restore_url(activity, Activity))
    assert Activity.objects.get().scheme_id == scheme.pk


def test_an_item_of_a_reported_festival_is_refused(official, festival):
    item = festival.programme.first()
    official.post(reverse("festival:row_delete", args=["programme", item.pk]), CONFIRMED)
    type(festival).objects.filter(pk=festival.pk).update(status=Status.REPORTED)
    response = official.post(_restore_url(item, ProgrammeItem), follow=True)
    assert "Ngày hội đã báo cáo nên không sửa được" in response.content.decode()
    assert not ProgrammeItem.objects.filter(pk=item.pk).exists()


def test_a_delete_older_than_30_days_is_gone_from_the_page_and_refused(
    official, people, units, areas, clock
):
    area = areas["Khu 2"]
    official.post(reverse("wards:area_delete", args=[area.pk]), CONFIRMED)
    clock.shift(datetime.timedelta(days=29))
    official.force_login(people["ward_official"])  # the session has expired meanwhile
    assert "Khu 2" in official.get(DELETED).content.decode()
    clock.shift(datetime.timedelta(days=1, minutes=1))
    assert "Khu 2" not in official.get(DELETED).content.decode()
    response = official.post(_restore_url(area, ResidentialArea), follow=True)
    assert "đã xóa quá 30 ngày nên không khôi phục được" in response.content.decode()
    assert not ResidentialArea.objects.filter(pk=area.pk).exists()


@pytest.fixture
def deleted_area(official, areas):
    """Khu 1, deleted by the ward official; the address that restores it."""
    area = areas["Khu 1"]
    official.post(reverse("wards:area_delete", args=[area.pk]), CONFIRMED)
    return area, _restore_url(area, ResidentialArea)


def test_another_ward_s_deletes_do_not_exist(client, people, deleted_area):
    area, url = deleted_area
    client.force_login(people["outsider"])  # the official of Phường Bình
    assert client.get(DELETED).status_code == 404
    assert client.post(url).status_code == 404
    # Their own ward's page does not list it either, nor restores it by its id.
    own = reverse("wards:deleted", args=["90002"])
    assert "Khu 1" not in client.get(own).content.decode()
    record_id = url.rstrip("/").split("/")[-2]
    other = reverse("wards:restore", args=["90002", "wards.residentialarea", record_id])
    assert client.post(other).status_code == 404
    assert not ResidentialArea.objects.filter(pk=area.pk).exists()


def test_readers_see_deletes_but_cannot_restore(client, people, deleted_area):
    area, url = deleted_area
    client.force_login(people["district"])
    page = client.get(DELETED).content.decode()
    assert "Khu 1" in page
    assert url not in page
    assert client.post(url).status_code == 403
    assert not ResidentialArea.objects.filter(pk=area.pk).exists()
