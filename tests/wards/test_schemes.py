"""Schemes as the model keeps them: per-kind fields, validation, search, seeded kinds."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.register import make_areas, make_scheme, seed_kinds
from wards.models import Scheme, SchemeKind, SchemeStatus


# Today is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.
def errors_of(scheme: Scheme) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        scheme.full_clean()
    return caught.value.message_dict


@pytest.mark.parametrize(
    ("code", "missing"),
    [
        ("camera", "camera_count"),
        ("camera", "cameras_connected"),
        ("to-lien-gia-pccc", "households"),
        ("to-lien-gia-pccc", "extinguishers"),
        ("diem-chua-chay", "equipment"),
        ("to-tuan-tra", "member_count"),
        ("to-hoa-giai", "member_count"),
        ("hom-thu", "mailbox_location"),
    ],
)
def test_each_kind_requires_its_own_fields(units, kinds, code, missing):
    scheme = Scheme(ward=units["ward"], kind=kinds[code], name="Mô hình thử")
    errors = errors_of(scheme)
    assert missing in errors
    assert f"Loại “{kinds[code].name}” cần nhập" in errors[missing][0]


def test_a_generic_kind_needs_no_extra_field(units, kinds):
    scheme = Scheme(ward=units["ward"], kind=kinds["to-tu-quan"], name="Tổ tự quản số 1")
    scheme.full_clean()


def test_a_patrol_schedule_is_optional(units, kinds):
    scheme = Scheme(ward=units["ward"], kind=kinds["to-tuan-tra"], name="Tổ 1", member_count=8)
    scheme.full_clean()


def test_more_cameras_connected_than_installed_is_refused(units, kinds):
    scheme = Scheme(
        ward=units["ward"],
        kind=kinds["camera"],
        name="Camera khu 1",
        camera_count=3,
        cameras_connected=5,
    )
    assert "cameras_connected" in errors_of(scheme)


def test_fields_of_another_kind_are_emptied_so_sums_stay_true(units, kinds):
    scheme = Scheme(
        ward=units["ward"],
        kind=kinds["to-tu-quan"],
        name="Tổ 1",
        camera_count=9,
        households=30,
        equipment="Vòi",
    )
    scheme.full_clean()
    assert (scheme.camera_count, scheme.households, scheme.equipment) == (None, None, "")


def test_negative_counts_are_refused(units, kinds):
    scheme = Scheme(
        ward=units["ward"],
        kind=kinds["to-lien-gia-pccc"],
        name="Tổ 1",
        households=-3,
        extinguishers=2,
    )
    assert "households" in errors_of(scheme)


@pytest.mark.parametrize(
    ("lat", "lng", "field"),
    [
        (Decimal("21.02"), None, "longitude"),
        (None, Decimal("105.8"), "latitude"),
        (Decimal("95"), Decimal("105.8"), "latitude"),
        (Decimal("21.02"), Decimal("-190"), "longitude"),
    ],
)
def test_a_location_needs_both_coordinates_in_range(units, kinds, lat, lng, field):
    scheme = Scheme(
        ward=units["ward"], kind=kinds["to-tu-quan"], name="Tổ 1", latitude=lat, longitude=lng
    )
    assert field in errors_of(scheme)


def test_a_suspended_or_dissolved_scheme_needs_its_date(units, kinds):
    scheme = Scheme(
        ward=units["ward"], kind=kinds["to-tu-quan"], name="Tổ 1", status=SchemeStatus.DISSOLVED
    )
    assert "status_changed_on" in errors_of(scheme)
    scheme.established_on = date(2024, 5, 1)
    scheme.status_changed_on = date(2024, 4, 1)
    assert "không thể trước ngày thành lập" in errors_of(scheme)["status_changed_on"][0]


def test_an_active_scheme_keeps_no_status_date(units, kinds):
    scheme = Scheme(
        ward=units["ward"],
        kind=kinds["to-tu-quan"],
        name="Tổ 1",
        status_changed_on=date(2024, 1, 1),
    )
    scheme.full_clean()
    assert scheme.status_changed_on is None


def test_future_dates_are_refused(units, kinds):
    scheme = Scheme(
        ward=units["ward"],
        kind=kinds["to-tu-quan"],
        name="Tổ 1",
        established_on=timezone.localdate() + timedelta(days=2),
    )
    assert "established_on" in errors_of(scheme)


def test_an_area_of_another_ward_is_refused(units, kinds):
    other = make_areas(units["sibling"], ["Khu Bình"])["Khu Bình"]
    scheme = Scheme(ward=units["ward"], kind=kinds["to-tu-quan"], name="Tổ 1", area=other)
    assert "area" in errors_of(scheme)


def test_two_schemes_of_one_kind_cannot_share_a_name_in_a_ward(units, kinds):
    make_scheme(units["ward"], kinds["to-tu-quan"], "Tổ 1")
    assert "__all__" in errors_of(Scheme(ward=units["ward"], kind=kinds["to-tu-quan"], name="Tổ 1"))
    # Another kind, or another ward, may use the name.
    make_scheme(units["ward"], kinds["to-hoa-giai"], "Tổ 1")
    make_scheme(units["sibling"], kinds["to-tu-quan"], "Tổ 1")


@pytest.mark.parametrize("query", ["to hoa giai", "TỔ HÒA GIẢI", "hoa giai khu 2", "Tổ Hoà Giải"])
def test_search_ignores_accents_and_case(units, kinds, query):
    areas = make_areas(units["ward"])
    wanted = make_scheme(units["ward"], kinds["to-hoa-giai"], "Tổ số 4", area=areas["Khu 2"])
    make_scheme(units["ward"], kinds["to-tu-quan"], "Tổ số 5", area=areas["Khu 1"])
    assert list(Scheme.objects.search(query)) == [wanted]


def test_renaming_an_area_or_a_kind_keeps_search_true(units, kinds):
    area = make_areas(units["ward"], ["Khu Cũ"])["Khu Cũ"]
    scheme = make_scheme(units["ward"], kinds["to-tu-quan"], "Tổ 1", area=area)
    area.name = "Khu Đồi Thông"
    area.save()
    kind = kinds["to-tu-quan"]
    kind.name = "Tổ nhân dân tự quản"
    kind.save()
    assert list(Scheme.objects.search("doi thong")) == [scheme]
    assert list(Scheme.objects.search("nhan dan tu quan")) == [scheme]


def test_seeding_the_kinds_again_keeps_an_administrators_changes(db):
    kinds = seed_kinds()
    assert {"camera", "to-lien-gia-pccc", "hom-thu", "to-bao-ve-antt", "khac"} <= set(kinds)
    assert kinds["to-hoa-giai"].profile == "mediation"
    kinds["camera"].name = "Camera giám sát an ninh"
    kinds["camera"].save()
    count = SchemeKind.objects.count()
    seed_kinds()
    assert SchemeKind.objects.count() == count
    assert SchemeKind.objects.get(code="camera").name == "Camera giám sát an ninh"
