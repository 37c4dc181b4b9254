"""Dashboard figures through the API: the same figures as the dashboard page, one line per
ward, and a province's 150 wards walked page by page at a bounded cost."""

# Today is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from awards.catalogue import seed_catalogue
from dashboards.services import unit_dashboard
from tests.api.conftest import ApiClient, make_token
from tests.conftest import make_user
from tests.register import make_activity, make_scheme, seed_kinds
from wards.models import Activity, AdministrativeUnit, Role, Scheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def synthetic_province(db):
    """The benchmarks' synthetic province (manage.py build_synthetic_province): 150 wards in
    groupings of ten, with fewer rows than the benchmark's."""
    seed_kinds()
    seed_catalogue()
    call_command(
        "build_synthetic_province",
        code="97",
        wards=150,
        areas_per_ward=2,
        schemes=1_500,
        activities=6_000,
        exemplars=300,
        nominations=600,
        stdout=io.StringIO(),
    )
    return AdministrativeUnit.objects.get(code="97")


def _walk(client, size, year):
    """Every page of the province's figures; the lines and the queries each page cost."""
    lines, costs = [], []
    url = f"/api/v1/figures/?unit=97&year={year}&page_size={size}"
    while url:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, response.content
        page = response.json()
        assert page["count"] == 150
        lines += page["results"]
        costs.append(len(captured))
        url = page["next"]
    return lines, costs


def test_a_province_token_walks_its_150_wards_at_a_bounded_cost(synthetic_province):
    creator = make_user("tinh.97", Role.ADMIN, synthetic_province)
    _token, secret = make_token(synthetic_province, creator)
    client = ApiClient(secret)
    year = timezone.localdate().year
    client.get("/api/v1/figures/?unit=97&page_size=1")  # the token's first use is recorded

    cache.clear()
    small, small_costs = _walk(client, 25, year)
    cache.clear()
    large, large_costs = _walk(client, 75, year)

    assert len(small_costs) == 6
    assert len(large_costs) == 2
    # A page costs the same queries whatever its size: the first (counting the wards) and
    # each next one (from the dashboard's cache), the same at 25 and 75 wards a page.
    assert small_costs[0] == large_costs[0]
    assert set(small_costs[1:]) == {large_costs[1]}
    assert max(small_costs) <= 13
    assert small == large
    codes = [line["ward"] for line in small]
    wards = AdministrativeUnit.objects.under(synthetic_province).wards()
    assert sorted(codes) == sorted(wards.values_list("code", flat=True))
    # The activity of the year, added up over the walk, is what the rows hold.
    recorded = Activity.objects.filter(ward__in=wards, date__year=year).aggregate(n=Sum("count"))
    assert sum(line["activity"]["now"] for line in small) == recorded["n"]


def test_the_figures_are_the_dashboards(tokens, units, people):
    kinds = seed_kinds()
    scheme = make_scheme(units["ward"], kinds["to-tuan-tra"], "Tổ tuần tra khu 1")
    make_scheme(units["sibling"], kinds["camera"], "Camera khu 2")
    today = timezone.localdate()
    make_activity(units["ward"], scheme, date=today.replace(day=1), count=7)
    year = today.year
    response = ApiClient(tokens["province_ro"]).get(f"/api/v1/figures/?year={year}")
    assert response.status_code == 200
    lines = {line["ward"]: line for line in response.json()["results"]}
    assert set(lines) == {"90001", "90002", "90003"}
    dashboard = unit_dashboard(people["province"], units["province"], year)
    for row in dashboard.rows:
        assert lines[row.code]["schemes"]["now"] == row.schemes_total.now
        assert lines[row.code]["activity"]["now"] == row.activity_total.now
    an = lines["90001"]
    assert an["name"] == "An"
    assert an["group"] == "Cụm Một"
    # Undated schemes count in both years, as on the dashboard.
    assert an["schemes_by_kind"] == {"to-tuan-tra": {"now": 1, "before": 1}}
    assert an["activity"] == {"now": 7, "before": 0}
    assert an["activity_by_type"] == {"tip_off": {"now": 7, "before": 0}}
    assert lines["90002"]["schemes_by_kind"] == {"camera": {"now": 1, "before": 1}}
    assert Scheme.objects.count() == 2


def test_a_ward_token_sees_its_own_line_only(tokens, units):
    client = ApiClient(tokens["ward_ro"])
    own = client.get("/api/v1/figures/")
    assert own.status_code == 200
    assert [line["ward"] for line in own.json()["results"]] == ["90001"]
    assert client.get("/api/v1/figures/?unit=90002").status_code == 404
    assert client.get("/api/v1/figures/?unit=90").status_code == 404
    assert ApiClient(tokens["province_ro"]).get("/api/v1/figures/?unit=91").status_code == 404


def test_a_year_the_dashboard_cannot_show_is_refused(tokens):
    client = ApiClient(tokens["province_ro"])
    later = timezone.localdate().year + 1
    for year in ("1999", str(later), "hai-nghìn"):
        response = client.get(f"/api/v1/figures/?year={year}")
        assert response.status_code == 400
        assert "Năm phải từ 2005 đến" in response.json()["errors"]["year"][0]


def test_anonymous_callers_get_no_figures(units):
    response = ApiClient().get("/api/v1/figures/")
    assert response.status_code == 401


def test_the_refusal_is_in_english_when_asked(tokens):
    client = ApiClient(tokens["province_ro"])
    client.cookies["django_language"] = "en"
    response = client.get("/api/v1/figures/?year=1999")
    assert response.status_code == 400
    last = timezone.localdate().year
    assert response.json()["errors"]["year"] == [f"The year must be from 2005 to {last}."]
