"""The ward profile: what the register adds up to, in a constant number of queries."""

import json
from datetime import date

from django.utils import timezone

from tests.register import make_activity, make_scheme
from wards.models import Scheme, SchemeStatus
from wards.services import register_sections, ward_profile


# Today is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.
def build_register(units, kinds, areas):
    """Cửa Ông in miniature: three self-management groups, two mediation groups, a camera
    scheme for the whole ward, a dissolved group and a suspended one."""
    ward = units["ward"]
    for n in (1, 2, 3):
        make_scheme(ward, kinds["to-tu-quan"], f"Tổ tự quản {n}", area=areas["Khu 1"])
    make_scheme(
        ward, kinds["to-hoa-giai"], "Tổ hòa giải khu 1", area=areas["Khu 1"], member_count=5
    )
    make_scheme(
        ward, kinds["to-hoa-giai"], "Tổ hòa giải khu 2", area=areas["Khu 2"], member_count=7
    )
    make_scheme(ward, kinds["camera"], "Camera phường", camera_count=40, cameras_connected=25)
    make_scheme(
        ward,
        kinds["to-tu-quan"],
        "Tổ cũ",
        area=areas["Khu 2"],
        status=SchemeStatus.DISSOLVED,
        established_on=date(2020, 1, 1),
        status_changed_on=date(2024, 6, 1),
    )
    make_scheme(
        ward,
        kinds["to-tu-quan"],
        "Tổ nghỉ",
        area=areas["Khu 3"],
        status=SchemeStatus.SUSPENDED,
        status_changed_on=date(2025, 3, 1),
    )
    # Another ward's schemes never count.
    make_scheme(units["sibling"], kinds["to-tu-quan"], "Tổ của phường Bình")


def test_counts_by_kind_with_their_sums(units, kinds, areas):
    build_register(units, kinds, areas)
    profile = ward_profile(units["ward"])
    rows = {row.code: row for row in profile.by_kind}
    assert rows["to-tu-quan"].total == 4  # three active and one suspended; not the dissolved
    assert (rows["to-tu-quan"].active, rows["to-tu-quan"].suspended) == (3, 1)
    assert rows["to-hoa-giai"].total == 2
    assert rows["to-hoa-giai"].sums == {"member_count": 12}
    assert rows["camera"].sums == {"camera_count": 40, "cameras_connected": 25}
    assert profile.schemes_total == 7
    assert profile.summary == ("Phường An: 4 tổ tự quản ANTT, 2 tổ hòa giải, 1 camera an ninh")


def test_counts_by_residential_area(units, kinds, areas):
    build_register(units, kinds, areas)
    by_area = {row.name: row for row in ward_profile(units["ward"]).by_area}
    assert by_area["Khu 1"].total == 4
    assert by_area["Khu 1"].breakdown == "3 tổ tự quản ANTT, 1 tổ hòa giải"
    assert by_area["Khu 2"].total == 1  # the dissolved group is gone
    assert by_area["Khu 3"].breakdown == "1 tổ tự quản ANTT"
    assert by_area[""].breakdown == "1 camera an ninh"  # schemes of the whole ward


def test_a_year_counts_schemes_as_they_stood_and_that_years_activity(units, kinds, areas):
    build_register(units, kinds, areas)
    ward = units["ward"]
    Scheme.objects.filter(name="Tổ tự quản 3").update(established_on=date(2025, 2, 1))
    make_activity(ward, date=date(2024, 3, 1), type="tip_off", count=3)
    make_activity(ward, date=date(2025, 3, 1), type="tip_off", count=4)
    make_activity(ward, date=date(2025, 4, 1), type="mediation", count=2)

    in_2023 = {row.code: row.total for row in ward_profile(ward, 2023).by_kind}
    # The group dissolved in 2024 still stood at the end of 2023; the one of 2025 did not.
    assert in_2023["to-tu-quan"] == 4
    in_2024 = ward_profile(ward, 2024)
    assert {row.code: row.total for row in in_2024.by_kind}["to-tu-quan"] == 3
    totals = {row.type: (row.entries, row.total) for row in in_2024.activity}
    assert totals["tip_off"] == (1, 3)
    assert totals["mediation"] == (0, 0)
    all_time = {row.type: row.total for row in ward_profile(ward).activity}
    assert all_time["tip_off"] == 7


def test_the_profile_takes_four_queries_whatever_the_size(
    units, kinds, areas, django_assert_num_queries
):
    build_register(units, kinds, areas)
    for n in range(30):
        make_scheme(
            units["ward"], kinds["to-lien-gia-pccc"], f"Tổ liên gia {n}", area=areas["Khu 3"]
        )
        make_activity(units["ward"], type="patrol", count=n + 1)
    # 1 counts per kind, 2 counts per area and kind, 3 the ward's areas, 4 activity per type
    with django_assert_num_queries(4):
        profile = ward_profile(units["ward"])
    assert {row.code: row.sums for row in profile.by_kind}["to-lien-gia-pccc"] == {
        "households": 300,
        "extinguishers": 300,
    }


def test_the_profile_is_plain_data_for_documents(units, kinds, areas):
    build_register(units, kinds, areas)
    data = ward_profile(units["ward"], 2025).as_data()
    assert data["summary"].startswith("Phường An: 4 tổ tự quản ANTT")
    assert data["by_kind"][0]["counted_as"] == "tổ tự quản ANTT"
    assert data["year"] == 2025
    assert json.loads(json.dumps(data))["schemes_total"] == 7


def test_the_printed_profile_tables_have_no_empty_column(
    units, kinds, areas, django_assert_num_queries
):
    build_register(units, kinds, areas)
    make_activity(units["ward"], date=timezone.localdate(), type="tip_off", count=4)
    with django_assert_num_queries(4):  # one ward_profile for the three tables
        sections = register_sections(units["ward"])
    # By kind: STT, kind, schemes, paused, figures; by area and by activity type, four.
    assert [len(section["columns"]) for section in sections] == [5, 4, 4]
    assert all(
        len(row) == len(section["columns"]) for section in sections for row in section["rows"]
    )
    kinds_table, areas_table, activity_table = sections
    assert kinds_table["rows"][0][1:4] == ["Tổ tự quản ANTT", 4, 1]
    assert kinds_table["totals"][2] == 7
    assert [row for row in kinds_table["rows"] if row[1] == "Camera an ninh"][0][4] == (
        "40 camera, 25 kết nối Công an"
    )
    assert areas_table["rows"][0][1:3] == ["Khu 1", 4]
    assert activity_table["rows"][0][1:4] == ["Tin báo, tố giác chuyển Công an", 1, 4]
    json.dumps(sections)  # plain data: no lazy text
