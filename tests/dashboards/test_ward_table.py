"""The unit dashboard's ward table: a search without accents, sorting by any column and "only
wards with data", all in the query string (bookmarkable) and within the page's query budget."""

from datetime import date

import pytest

from tests.conftest import make_unit, make_user
from tests.dashboards.test_views import build_province, unit_url
from tests.register import make_activity
from wards.models import AdministrativeUnit, Level, Role


@pytest.fixture
def province(db, client):
    """Phường 0-11, each with 2 activity results in 2024, and three wards with nothing."""
    province = build_province("96", 12)
    grouping = AdministrativeUnit.objects.get(code="96-G1")
    for code, name in [("96901", "Điện Ngọc"), ("96902", "Hòa Quý"), ("96903", "Đông Hà")]:
        make_unit(code, name, Level.WARD, grouping, "phường")
    # Phường 3 did the most this year.
    make_activity(
        AdministrativeUnit.objects.get(code="96003"), None, date=date(2024, 5, 1), count=9
    )
    client.force_login(make_user("tinh.96", Role.STAFF, province))
    return province


def names(response) -> list[str]:
    return [row.name for row, _cells in response.context["rows"].page.object_list]


def test_the_search_ignores_accents_and_case(client, province):
    assert names(client.get(unit_url("96", 2024) + "&q=dien+ngoc")) == ["Điện Ngọc"]
    assert names(client.get(unit_url("96", 2024) + "&q=HOA")) == ["Hòa Quý"]
    assert names(client.get(unit_url("96", 2024) + "&q=Đông")) == ["Đông Hà"]
    response = client.get(unit_url("96", 2024) + "&q=zzz")
    assert names(response) == []
    assert "Không có dòng nào phù hợp." in response.content.decode()


def test_only_wards_with_data(client, province):
    everyone = names(client.get(unit_url("96", 2024)))
    assert len(everyone) == 15
    with_data = names(client.get(unit_url("96", 2024) + "&data=1"))
    assert len(with_data) == 12
    assert not {"Điện Ngọc", "Hòa Quý", "Đông Hà"} & set(with_data)
    page = client.get(unit_url("96", 2024) + "&data=1&q=phuong+1").content.decode()
    assert 'name="data" value="1" checked' in page


def test_every_column_sorts_and_the_links_keep_the_search(client, province):
    by_name = names(client.get(unit_url("96", 2024)))
    # Vietnamese order: "Đ" after "D", "Phường 2" before "Phường 10".
    assert by_name[:3] == ["Điện Ngọc", "Đông Hà", "Hòa Quý"]
    assert by_name.index("Phường 2") < by_name.index("Phường 10")
    # Overview: c2 is "Kết quả hoạt động"; most first.
    response = client.get(unit_url("96", 2024) + "&sort=-c2&data=1")
    assert names(response)[0] == "Phường 3"
    page = response.content.decode()
    assert 'aria-sort="descending"' in page
    assert "?year=2024&amp;data=1&amp;sort=c2" in page  # the heading reverses, keeps the filter
    for key in ["name", "group", "c0", "c1", "c2", "c3", "c4"]:
        assert client.get(unit_url("96", 2024) + f"&sort={key}").status_code == 200
    on_a_tab = client.get(unit_url("96", 2024) + "&tab=festival&sort=-c0&q=phuong")
    assert on_a_tab.status_code == 200
    assert len(names(on_a_tab)) == 12
    assert client.get(unit_url("96", 2024) + "&sort=c99").status_code == 200  # falls back


def test_searching_sorting_and_filtering_cost_no_query(client, province, django_assert_num_queries):
    client.get(unit_url("96", 2024))  # fills the figures' cache
    with django_assert_num_queries(9):
        client.get(unit_url("96", 2024))
    with django_assert_num_queries(9):
        client.get(unit_url("96", 2024) + "&q=phuong&data=1&sort=-c2&per_page=50&page=1")
