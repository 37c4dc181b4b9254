"""The dashboard pages: figures, drill-down, the year filter, scoping and the query budget."""

from datetime import date

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_unit, make_user
from tests.register import make_activity, make_areas, make_scheme
from wards.models import AdministrativeUnit, Exemplar, Level, Role, Signer


# Today is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.
def unit_url(code, year=None):
    url = reverse("dashboards:unit", args=[code])
    return f"{url}?year={year}" if year else url


def ward_url(code, year=None):
    url = reverse("dashboards:ward", args=[code])
    return f"{url}?year={year}" if year else url


def test_a_district_officer_sees_the_wards_of_the_grouping(login, people, province_data):
    response = login(people["district"]).get(unit_url("90-G1", 2024))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bảng theo dõi — Cụm Một" in html
    assert "Số liệu năm 2024; số trong ngoặc là cùng kỳ (năm 2023)." in html
    # Drill-down to each ward's dashboard, for the same year.
    assert f'href="{ward_url("90001", 2024)}">An</a>' in html
    assert f'href="{ward_url("90002", 2024)}">Bình</a>' in html
    assert ">Cam</a>" not in html  # under the province, not the grouping
    # An: 4 schemes (4 last year), 9 activity results (6).
    overview = response.context["tables"][0]
    an = next(pairs for row, pairs in overview.lines if row.name == "An")
    assert [(pair.now, pair.before) for pair in an] == [(4, 4), (1, 1), (9, 6), (2, 1), (1, 1)]
    assert '4 <small class="prev">(4)</small>' in html
    assert "Chưa có số liệu" not in html


def test_the_province_dashboard_shows_the_grouping_of_each_ward(login, people, province_data):
    response = login(people["province"]).get(unit_url("90", 2024))
    html = response.content.decode()
    assert response.context["show_group"] is True
    assert '<td class="small">Cụm Một</td>' in html
    totals = response.context["tables"][0].totals
    assert [(pair.now, pair.before) for pair in totals] == [
        (5, 4),
        (2, 1),
        (17, 6),
        (2, 1),
        (1, 1),
    ]
    # The tabs, the charts' data and the map's markers are on the page.
    # One table at a time; the others a link away, for the same year.
    assert 'data-testid="table-overview"' in html
    assert 'data-testid="table-kinds"' not in html
    for key, title in [("kinds", "Mô hình theo loại"), ("festival", "Ngày hội")]:
        assert f'href="?year=2024&amp;tab={key}#tables">{title}</a>' in html
    assert 'id="dashboard-charts"' in html
    assert 'id="scheme-markers"' in html
    charts = response.context["charts"]
    assert charts["now"] == "Năm 2024"
    assert charts["before"] == "Cùng kỳ 2023"
    assert charts["kinds"]["labels"] == ["Tổ tự quản ANTT", "Tổ hòa giải", "Camera an ninh"]
    assert charts["kinds"]["now"] == [2, 1, 2]


def test_the_chart_months_are_named_in_the_page_language(login, people, province_data):
    client = login(people["province"])
    months = client.get(unit_url("90", 2024)).context["charts"]["months"]["labels"]
    assert months[:2] == ["Tháng 1", "Tháng 2"]
    assert len(months) == 12
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    months = client.get(unit_url("90", 2024)).context["charts"]["months"]["labels"]
    assert months[:3] == ["Jan", "Feb", "Mar"]
    assert months[-1] == "Dec"


def test_each_table_is_a_link_away(login, people, province_data):
    client = login(people["province"])
    html = client.get(unit_url("90", 2024) + "&tab=festival").content.decode()
    assert 'data-testid="table-festival"' in html
    assert '<td class="small text-nowrap">15/08/2024 — Đã báo cáo kết quả</td>' in html
    assert 'data-testid="table-overview"' not in html
    html = client.get(unit_url("90", 2024) + "&tab=awarded").content.decode()
    assert ">Giấy khen của Chủ tịch Ủy ban nhân dân phường, xã</a></th>" in html
    # An unknown table: the overview.
    html = client.get(unit_url("90", 2024) + "&tab=<script>").content.decode()
    assert 'data-testid="table-overview"' in html


def test_the_ward_dashboard_has_the_residential_areas(login, people, province_data):
    response = login(people["district"]).get(ward_url("90001", 2024))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bảng theo dõi — Phường An" in html
    for name in ("Khu 1", "Khu 2", "Khu 3", "Chung của phường, xã"):
        assert f"<td>{name}</td>" in html
    # Breadcrumbs lead back to the grouping's dashboard; the ward page is one click away.
    assert f'href="{unit_url("90-G1", 2024)}">Cụm Một</a>' in html
    assert f'href="{reverse("wards:unit", args=["90001"])}"' in html


def test_a_year_without_data_shows_zeros_and_says_so(login, people, units):
    html = login(people["district"]).get(unit_url("90-G1", 2019)).content.decode()
    assert "Chưa có số liệu năm 2019." in html
    assert '0 <small class="prev">(0)</small>' in html


def test_a_year_that_cannot_be_shown_falls_back_to_this_year(login, people, units):
    this_year = timezone.localdate().year
    response = login(people["district"]).get(unit_url("90-G1", "abc"))
    assert response.status_code == 200
    assert response.context["dashboard"].period.year == this_year
    assert f"Năm “abc” không xem được; đang hiện năm {this_year}." in response.content.decode()
    response = login(people["district"]).get(unit_url("90-G1", this_year + 1))
    assert response.context["dashboard"].period.year == this_year


def test_the_year_filter_lists_the_years_and_keeps_the_chosen_one(login, people, units):
    html = login(people["district"]).get(unit_url("90-G1", 2021)).content.decode()
    assert '<option value="2021" selected>2021</option>' in html
    assert '<option value="2005">2005</option>' in html


@pytest.mark.parametrize(
    ("person", "url", "status"),
    [
        ("ward_official", unit_url("90-G1"), 404),  # a unit above the ward
        ("ward_official", unit_url("90"), 404),
        ("ward_official", ward_url("90001"), 200),  # the official's own ward
        ("ward_official", ward_url("90002"), 404),  # a sibling ward
        ("district", unit_url("90-G1"), 200),
        ("district", unit_url("90"), 404),  # the province above the grouping
        ("district", ward_url("90003"), 404),  # a ward of the province outside the grouping
        ("district", unit_url("91"), 404),
        ("province", unit_url("90"), 200),
        ("province", ward_url("90003"), 200),
        ("province", unit_url("91"), 404),
        ("province", unit_url("90001"), 404),  # a ward on the unit address
        ("province", ward_url("90-G1"), 404),  # a unit on the ward address
        ("nobody", unit_url("90"), 404),
    ],
)
def test_scoping(login, people, person, url, status):
    assert login(people[person]).get(url).status_code == status


def test_the_pages_require_a_login(client, units):
    response = client.get(unit_url("90"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("person", "target"),
    [
        ("district", unit_url("90-G1")),
        ("province", unit_url("90")),
        ("ward_official", ward_url("90001")),
        ("nobody", reverse("home")),
    ],
)
def test_the_index_opens_the_users_own_dashboard(login, people, person, target):
    response = login(people[person]).get(reverse("dashboards:index"))
    assert response.status_code == 302
    assert response["Location"] == target


def test_the_nav_entry_is_for_units_above_the_ward(login, people, units):
    icon = '<i class="bi bi-bar-chart-line" aria-hidden="true"></i>'
    entry = f'href="{unit_url("90-G1")}">{icon} Bảng theo dõi'
    html = login(people["district"]).get(reverse("wards:unit", args=["90-G1"])).content.decode()
    assert entry in html
    html = (
        login(people["ward_official"]).get(reverse("wards:unit", args=["90001"])).content.decode()
    )
    assert f"{icon} Bảng theo dõi</a></li>" not in html
    # The ward page links to its own dashboard.
    assert f'href="{ward_url("90001")}"' in html


def test_print_buttons_carry_the_year(login, people, units):
    html = login(people["district"]).get(unit_url("90-G1", 2023)).content.decode()
    for fmt in ("xlsx", "pdf", "docx"):
        assert f'data-kind="dashboards.unit_summary" data-fmt="{fmt}"' in html
    assert '<input type="hidden" name="year" value="2023">' in html
    html = login(people["ward_official"]).get(ward_url("90001", 2023)).content.decode()
    for fmt in ("docx", "pdf"):
        assert f'data-kind="dashboards.ward_report" data-fmt="{fmt}"' in html


def build_province(code: str, wards: int, groupings: int = 1):
    """A province of ``wards`` wards in ``groupings`` groupings ({code}-G1 ...), each ward
    with areas, schemes of two kinds, activity of two years and exemplars."""
    from tests.register import seed_kinds

    kinds = seed_kinds()
    province = make_unit(code, f"Tỉnh {code}", Level.PROVINCE, division_type="tỉnh")
    groups = [
        make_unit(f"{code}-G{n}", f"Cụm {n}", Level.DISTRICT, province, "cụm")
        for n in range(1, groupings + 1)
    ]
    for number in range(wards):
        grouping = groups[number * groupings // wards]
        ward = make_unit(f"{code}{number:03d}", f"Phường {number}", Level.WARD, grouping, "phường")
        area = make_areas(ward, [f"Khu {number}"])[f"Khu {number}"]
        team = make_scheme(
            ward, kinds["to-tu-quan"], "Tổ", area=area, latitude="21.0", longitude="105.0"
        )
        make_scheme(ward, kinds["camera"], "Camera", established_on=date(2024, 2, 1))
        make_activity(ward, team, date=date(2024, 3, 1), count=2)
        make_activity(ward, None, date=date(2023, 3, 1), type="patrol")
        Exemplar.objects.create(ward=ward, name="Người tốt", year=2024, area=area)
    return province


@pytest.mark.parametrize(("code", "wards"), [("95", 3), ("96", 12)])
def test_the_unit_dashboard_takes_the_same_queries_whatever_the_number_of_wards(
    db, client, django_assert_num_queries, code, wards
):
    province = build_province(code, wards)
    client.force_login(make_user(f"tinh.{code}", Role.STAFF, province))
    # 1 session, 2 user, 3 membership (scope), 4 the unit, 5 the wards, 6 the wards' change
    # tokens, 7 schemes by ward and kind, 8 activity by ward and type (monthly totals and
    # the month begun), 9 activity by month, 10 nominations and awards by ward and form,
    # 11 the scheme kinds and award forms, 12 exemplars by ward and kind, 13 festivals.
    with django_assert_num_queries(13):
        response = client.get(unit_url(code, 2024))
    assert len(response.context["dashboard"].rows) == wards
    assert response.context["dashboard"].totals.activity_total.now == 2 * wards
    # Until a row of a ward changes, 7 to 10 come from the cache, for every unit above it.
    with django_assert_num_queries(9):
        response = client.get(unit_url(code, 2024))
    assert response.context["dashboard"].totals.activity_total.now == 2 * wards
    with django_assert_num_queries(9):
        response = client.get(unit_url(f"{code}-G1", 2024))
    assert response.context["dashboard"].totals.activity_total.now == 2 * wards
    # The current year (a period ending today, against the same day last year) costs the same.
    with django_assert_num_queries(13):
        client.get(unit_url(code, timezone.localdate().year))


def test_a_change_in_one_ward_recounts_its_chunk_alone(db, client, django_assert_num_queries):
    province = build_province("94", 12, groupings=3)  # four wards in each grouping
    client.force_login(make_user("tinh.94", Role.STAFF, province))
    for code in ("94", "94-G2"):
        client.get(unit_url(code, 2024))
    wards = list(AdministrativeUnit.objects.filter(level=Level.WARD, path__startswith="94/"))
    wards.sort(key=lambda ward: ward.pk)
    ward = wards[-1]  # in 94-G3, and in the province's second chunk (wards 11 and 12)
    make_activity(ward, date=date(2024, 6, 1), count=100)
    with django_assert_num_queries(9):  # cached: nothing changed under 94-G2
        client.get(unit_url("94-G2", 2024))
    with CaptureQueriesContext(connection) as counted:
        whole = client.get(unit_url("94", 2024)).context["dashboard"]
    assert len(counted.captured_queries) == 13
    # The changed ward's chunk is counted again; the other ten wards come from the cache.
    chunk = ", ".join(str(other.pk) for other in wards[10:])
    recounts = [
        query["sql"] for query in counted.captured_queries if "activitymonth" in query["sql"]
    ]
    assert recounts
    assert all(f" IN ({chunk})" in sql for sql in recounts)
    assert whole.totals.activity_total.now == 2 * 12 + 100
    changed = next(row for row in whole.rows if row.key == ward.pk)
    assert changed.activity_total.now == 2 + 100
    assert all(row.activity_total.now == 2 for row in whole.rows if row.key != ward.pk)
    with django_assert_num_queries(9):
        assert client.get(unit_url("94", 2024)).context["dashboard"].totals == whole.totals


def test_a_change_to_the_register_shows_at_once(login, people, units, province_data):
    client = login(people["province"])
    assert client.get(unit_url("90", 2024)).context["dashboard"].totals.activity_total.now == 17
    activity = make_activity(units["commune"], date=date(2024, 6, 1), count=10)
    assert client.get(unit_url("90", 2024)).context["dashboard"].totals.activity_total.now == 27
    activity.delete()
    assert client.get(unit_url("90", 2024)).context["dashboard"].totals.activity_total.now == 17


def test_nominations_and_an_issued_decision_show_at_once(login, people, units, province_data):
    """Through the awards workflow (its guarded updates send no model signal): submitted,
    approved, then issued."""
    from awards import services as awards
    from awards.models import AwardForm, Decision, Nomination, Nominee

    client = login(people["province"])

    def totals():
        dashboard = client.get(unit_url("90", 2024)).context["dashboard"]
        return dashboard.totals.nominated_total.now, dashboard.totals.awarded_total.now

    assert totals() == (3, 1)
    form = AwardForm.objects.get(code="GKUBP")
    nomination = Nomination.objects.create(
        nominee=Nominee.objects.create(ward=units["sibling"], name="Đỗ Thị Hoa"),
        form=form,
        year=2024,
        achievements="Tích cực",
        proposing_unit="UBND phường Bình",
    )
    assert totals() == (3, 1)  # a draft is not sent yet
    awards.submit(people["outsider"], nomination)
    assert totals() == (4, 1)
    chairman = make_user("chutich.binh", Role.WARD_LEADER, units["sibling"])
    awards.approve(chairman, nomination)
    decision = Decision.objects.create(
        unit=units["sibling"],
        form=form,
        number=7,
        symbol="QĐ-UBND",
        date=date(2024, 8, 20),
        authority="Ủy ban nhân dân phường Bình",
        place="Bình",
        signer=Signer.objects.create(unit=units["sibling"], name="Lê Văn Bình", title="Chủ tịch"),
    )
    awards.set_nominations(decision, [nomination])
    assert totals() == (4, 1)  # in a decision not yet issued
    awards.issue(chairman, decision)
    assert totals() == (4, 2)


def test_the_ward_dashboard_query_budget(login, people, province_data, django_assert_num_queries):
    client = login(people["province"])
    # 1 session, 2 user, 3 membership, 4 the ward with its grouping and province (for the
    # breadcrumbs), 5 its areas, 6 its change token, 7 schemes by area and kind, 8 activity
    # by area and type, 9 activity by day, 10 nominations and awards, 11 the kinds and forms,
    # 12 exemplars, 13 its festivals, 14 located schemes for the map.
    with django_assert_num_queries(14):
        client.get(ward_url("90001", 2024))
    with django_assert_num_queries(10):
        client.get(ward_url("90001", 2024))


def test_a_superuser_sees_every_unit(client, units, province_data):
    admin = make_user("sieu.quantri", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(unit_url("90", 2024)).status_code == 200
    assert client.get(unit_url("91", 2024)).status_code == 200
    response = client.get(ward_url("90001", 2024))
    assert [label for label, _url in response.context["crumbs"][1:]] == ["Tỉnh Thử", "Cụm Một"]
    assert client.get(reverse("dashboards:index"))["Location"] == reverse("home")


def test_a_ward_without_a_token_is_counted_on_every_view_until_the_recount(
    db, client, django_assert_num_queries
):
    from dashboards.models import WardStamp
    from dashboards.summaries import rebuild

    province = build_province("93", 3)
    client.force_login(make_user("tinh.93", Role.STAFF, province))
    ward = AdministrativeUnit.objects.filter(parent__parent=province).first()
    WardStamp.objects.filter(ward=ward).delete()  # as if created in bulk, without the signals
    client.get(unit_url("93", 2024))
    with django_assert_num_queries(13):  # its chunk is never taken from the cache
        response = client.get(unit_url("93", 2024))
    assert response.context["dashboard"].totals.activity_total.now == 2 * 3
    assert rebuild() == {"schemes": 0, "activity": 0, "nominations": 0}
    assert WardStamp.objects.filter(ward=ward).exists()
    client.get(unit_url("93", 2024))
    with django_assert_num_queries(9):
        response = client.get(unit_url("93", 2024))
    assert response.context["dashboard"].totals.activity_total.now == 2 * 3
