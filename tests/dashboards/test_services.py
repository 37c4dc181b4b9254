"""Dashboard figures against the hand-counted province of conftest.py."""

from datetime import date

import pytest

from dashboards.figures import FESTIVAL_RESULTS
from dashboards.services import (
    Pair,
    figure_tables,
    parse_year,
    period_for,
    unit_dashboard,
    ward_dashboard,
)
from tests.register import make_activity, make_scheme


def figures(row):
    return {
        "schemes": (row.schemes_total.now, row.schemes_total.before),
        "new": (row.new_schemes.now, row.new_schemes.before),
        "activity": (row.activity_total.now, row.activity_total.before),
        "exemplars": (row.exemplars_total.now, row.exemplars_total.before),
    }


def test_the_province_has_a_row_per_ward_with_hand_counted_figures(people, units, province_data):
    dashboard = unit_dashboard(people["province"], units["province"], 2024)
    rows = {row.name: row for row in dashboard.rows}
    assert list(rows) == ["An", "Bình", "Cam"]  # the other province's ward is not there
    assert figures(rows["An"]) == {
        "schemes": (4, 4),
        "new": (1, 1),
        "activity": (9, 6),
        "exemplars": (2, 1),
    }
    assert figures(rows["Bình"]) == {
        "schemes": (1, 0),
        "new": (1, 0),
        "activity": (7, 0),
        "exemplars": (0, 0),
    }
    assert figures(rows["Cam"]) == {
        "schemes": (0, 0),
        "new": (0, 0),
        "activity": (1, 0),
        "exemplars": (0, 0),
    }
    assert figures(dashboard.totals) == {
        "schemes": (5, 4),
        "new": (2, 1),
        "activity": (17, 6),
        "exemplars": (2, 1),
    }
    assert rows["An"].group == "Cụm Một"
    assert rows["Cam"].group == ""
    assert rows["An"].code == "90001"


def test_schemes_by_kind_count_those_existing_at_each_year_end(people, units, province_data):
    dashboard = unit_dashboard(people["province"], units["province"], 2024)
    assert [kind.name for kind in dashboard.kinds] == [
        "Tổ tự quản ANTT",
        "Tổ hòa giải",
        "Camera an ninh",
    ]
    an = dashboard.rows[0]
    # The second team was set up in 2024; a mediation group was dissolved in June 2024.
    assert an.by_kind == [Pair(2, 1), Pair(1, 2), Pair(1, 1)]
    assert an.new_by_kind == [Pair(1, 0), Pair(0, 0), Pair(0, 1)]
    assert dashboard.totals.by_kind == [Pair(2, 1), Pair(1, 2), Pair(2, 1)]


def test_activity_by_type_and_by_month(people, units, province_data):
    dashboard = unit_dashboard(people["province"], units["province"], 2024)
    by_type = dict(zip([v for v, _label in dashboard.types], dashboard.totals.by_type, strict=True))
    assert by_type["tip_off"] == Pair(5, 1)
    assert by_type["mediation"] == Pair(4, 0)
    assert by_type["patrol"] == Pair(0, 5)  # the 2022 patrols count in neither year
    assert by_type["propaganda"] == Pair(7, 0)
    assert by_type["other"] == Pair(1, 0)
    assert [pair.now for pair in dashboard.months] == [0, 3, 0, 1, 4, 0, 0, 2, 7, 0, 0, 0]
    assert [pair.before for pair in dashboard.months] == [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5]


def test_a_grouping_counts_only_its_wards(people, units, province_data):
    dashboard = unit_dashboard(people["district"], units["grouping"], 2024)
    assert [row.name for row in dashboard.rows] == ["An", "Bình"]
    assert figures(dashboard.totals)["activity"] == (16, 6)
    assert all(row.group == "" for row in dashboard.rows)


def test_the_map_has_a_marker_per_ward_at_the_centre_of_its_schemes(
    people, units, province_data, kinds
):
    make_scheme(
        units["ward"],
        kinds["camera"],
        "Camera chợ",
        established_on=date(2024, 1, 1),
        latitude="21.100000",
        longitude="105.900000",
    )
    dashboard = unit_dashboard(people["province"], units["province"], 2024)
    markers = {marker["name"]: marker for marker in dashboard.markers}
    assert set(markers) == {"An", "Bình"}  # Cam has no located scheme
    assert markers["An"]["lat"] == pytest.approx(21.05)
    assert markers["An"]["lng"] == pytest.approx(105.85)
    assert markers["An"]["url"] == "/dashboards/wards/90001/"
    assert markers["An"]["detail"].startswith("5 mô hình")
    # One style for every ward's marker, explained by the legend.
    assert {marker["kind"] for marker in dashboard.markers} == {"ward"}
    assert list(dashboard.map_kinds) == ["ward"]


def test_the_ward_dashboard_has_a_row_per_residential_area(people, units, province_data):
    dashboard = ward_dashboard(people["ward_official"], units["ward"], 2024)
    rows = {row.name: row for row in dashboard.rows}
    assert list(rows) == ["Khu 1", "Khu 2", "Khu 3", "Chung của phường, xã"]
    assert figures(rows["Khu 1"]) == {
        "schemes": (2, 2),
        "new": (0, 1),
        "activity": (3, 6),
        "exemplars": (1, 0),
    }
    assert figures(rows["Khu 2"])["schemes"] == (1, 0)
    assert figures(rows["Khu 3"])["schemes"] == (0, 1)
    # Ward-wide: the undated mediation group, activity without a scheme or with it, an exemplar.
    assert figures(rows["Chung của phường, xã"]) == {
        "schemes": (1, 1),
        "new": (0, 0),
        "activity": (6, 0),
        "exemplars": (1, 1),
    }
    assert figures(dashboard.totals) == {
        "schemes": (4, 4),
        "new": (1, 1),
        "activity": (9, 6),
        "exemplars": (2, 1),
    }
    assert [marker["name"] for marker in dashboard.markers] == ["Camera ngã ba"]


def test_the_current_year_compares_with_the_same_days_last_year(people, units, kinds):
    ward = units["ward"]
    today = date(2025, 3, 15)
    make_activity(ward, date=date(2025, 3, 10), count=4)
    make_activity(ward, date=date(2024, 3, 15), count=2)  # same period: counted
    make_activity(ward, date=date(2024, 3, 16), count=50)  # later last year: not counted
    make_scheme(ward, kinds["camera"], "Camera 2025", established_on=date(2025, 2, 1))
    make_scheme(ward, kinds["camera"], "Camera cuối 2024", established_on=date(2024, 12, 1))

    dashboard = ward_dashboard(people["ward_official"], ward, 2025, today=today)
    assert dashboard.period.label == "từ 01/01/2025 đến 15/03/2025"
    assert dashboard.previous.label == "từ 01/01/2024 đến 15/03/2024"
    assert dashboard.totals.activity_total == Pair(4, 2)
    # On 15 March 2024 neither camera existed yet.
    assert dashboard.totals.schemes_total == Pair(2, 0)
    assert dashboard.totals.new_schemes == Pair(1, 0)
    # The chart shows last year whole and this year up to March.
    assert [pair.now for pair in dashboard.months][:4] == [0, 0, 4, None]
    assert dashboard.months[11].before == 0
    assert dashboard.months[2].before == 52


def test_the_same_period_of_a_leap_day_is_28_february():
    period = period_for(2024, today=date(2024, 2, 29))
    assert period.previous.end == date(2023, 2, 28)
    assert period_for(2023, today=date(2024, 2, 29)).is_full_year


def test_a_year_without_data_is_all_zeros(people, units):
    dashboard = unit_dashboard(people["province"], units["province"], 2019)
    assert not dashboard.has_data
    assert [row.name for row in dashboard.rows] == ["An", "Bình", "Cam"]
    assert figures(dashboard.totals) == dict.fromkeys(
        ["schemes", "new", "activity", "exemplars"], (0, 0)
    )
    assert dashboard.kinds == []
    assert [pair.now for pair in dashboard.months] == [0] * 12


@pytest.mark.parametrize(
    ("value", "year"),
    [
        ("2024", 2024),
        ("2005", 2005),
        (" 2020 ", 2020),
        ("2004", None),
        ("2099", None),
        ("abc", None),
        ("", None),
        (None, None),
        ("-2020", None),
    ],
)
def test_only_years_from_2005_to_this_year_are_shown(value, year):
    assert parse_year(value, today=date(2025, 6, 1)) == year


def test_the_festival_of_each_ward_with_last_years(people, units, province_data):
    dashboard = unit_dashboard(people["province"], units["province"], 2024)
    an, binh, cam = dashboard.rows
    assert an.festival.summary == "15/08/2024 — Đã báo cáo kết quả"
    assert an.festival_before.summary == "18/08/2023 — Đã tổ chức"
    assert binh.festival.summary == "20/08/2024 — Đang chuẩn bị"
    assert binh.festival_before is None
    assert cam.festival is None
    totals = dashboard.totals
    assert totals.festivals_held == Pair(1, 1)  # Bình's is still being planned
    assert totals.attendance == Pair(500, 400)
    assert totals.festival_results_list == [Pair(120, 0), Pair(30, 0), Pair(0, 50), Pair(0, 40)]


def test_the_festival_totals_agree_with_the_festival_app(people, units, province_data):
    from festival.models import Festival
    from festival.services import festival_totals

    dashboard = unit_dashboard(people["province"], units["province"], 2024)
    theirs = festival_totals(Festival.objects.filter(ward__path__startswith="90/", year=2024))
    results = dict(zip(FESTIVAL_RESULTS, dashboard.totals.festival_results_list, strict=True))
    assert theirs.attendance == dashboard.totals.attendance.now
    assert theirs.held == dashboard.totals.festivals_held.now
    for name, pair in results.items():
        assert getattr(theirs, name) == pair.now


def test_nominations_and_awards_by_form(people, units, province_data):
    dashboard = unit_dashboard(people["province"], units["province"], 2024)
    # Only forms nominated this year or last (the draft Bằng khen does not count), by rank.
    assert [form.name for form in dashboard.forms] == [
        "Giấy khen của Giám đốc Công an tỉnh",
        "Giấy khen của Chủ tịch Ủy ban nhân dân phường, xã",
    ]
    an, binh, _cam = dashboard.rows
    assert an.nominated_by_form == [Pair(0, 1), Pair(2, 0)]
    assert an.awarded_by_form == [Pair(0, 1), Pair(1, 0)]
    assert binh.nominated_by_form == [Pair(0, 0), Pair(1, 0)]  # rejected, but nominated
    assert binh.awarded_by_form == [Pair(0, 0), Pair(0, 0)]
    assert dashboard.totals.nominated_total == Pair(3, 1)
    assert dashboard.totals.awarded_total == Pair(1, 1)


def test_the_ward_dashboard_has_its_festival_and_awards_by_area(people, units, province_data):
    dashboard = ward_dashboard(people["ward_official"], units["ward"], 2024)
    assert dashboard.festival.venue == "Nhà văn hoá An"
    assert dashboard.festival.results["people_examined"] == 120
    assert dashboard.festival_before.summary == "18/08/2023 — Đã tổ chức"
    assert dashboard.totals.attendance == Pair(500, 400)
    rows = {row.name: row for row in dashboard.rows}
    assert rows["Khu 1"].awarded_total == Pair(1, 1)  # Nguyễn Văn Hùng lives in Khu 1
    assert rows["Chung của phường, xã"].nominated_total == Pair(1, 0)
    assert dashboard.totals.nominated_total == Pair(2, 1)


def test_the_tables_of_a_unit_and_of_a_ward(people, units, province_data):
    dashboard = unit_dashboard(people["province"], units["province"], 2024)
    tables = figure_tables(dashboard)
    assert [table.title for table in tables] == [
        "Tổng quan",
        "Mô hình theo loại",
        "Hoạt động",
        "Ngày hội",
        "Đề nghị khen thưởng",
        "Được khen thưởng",
    ]
    overview, kinds, activity, festival, nominated, awarded = tables
    assert overview.labels == [
        "Mô hình tự quản",
        "Mới thành lập",
        "Kết quả hoạt động",
        "Điển hình",
        "Được khen thưởng",
    ]
    assert overview.totals == [Pair(5, 4), Pair(2, 1), Pair(17, 6), Pair(2, 1), Pair(1, 1)]
    assert [row.name for row, _cells in kinds.lines] == ["An", "Bình", "Cam"]
    assert len(activity.labels) == 7
    an_cells = festival.lines[0][1]
    assert an_cells[:3] == [
        "15/08/2024 — Đã báo cáo kết quả",
        "18/08/2023 — Đã tổ chức",
        Pair(500, 400),
    ]
    assert festival.totals[:2] == ["1 đã tổ chức", "1 đã tổ chức"]
    assert nominated.totals == [Pair(0, 1), Pair(3, 0)]
    assert awarded.totals == [Pair(0, 1), Pair(1, 0)]
    # A ward's festival is its own, not its areas': no festival table on its dashboard.
    ward = ward_dashboard(people["ward_official"], units["ward"], 2024)
    assert "festival" not in [table.key for table in figure_tables(ward)]
