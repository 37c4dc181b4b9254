"""The list pages' table (wards/tables.py): sorting by a column from a whitelist, page
numbers, a per-page choice, and links that keep the page's filters."""

import re
from html import unescape

import pytest
from django.test import RequestFactory
from django.urls import reverse

from documents.vietnamese import natural_key
from tests.register import make_scheme
from wards.models import AdministrativeUnit
from wards.tables import Column, Table


@pytest.fixture
def official(client, people):
    client.force_login(people["ward_official"])
    return client


@pytest.fixture
def many(units, kinds, areas):
    """45 schemes in Phường An: 40 patrol groups numbered 01-40 and 5 mediation groups."""
    for n in range(1, 41):
        make_scheme(units["ward"], kinds["to-tu-quan"], f"Tổ tự quản {n:02d}", area=areas["Khu 1"])
    for n in range(1, 6):
        make_scheme(units["ward"], kinds["to-hoa-giai"], f"Tổ hòa giải {n}", area=areas["Khu 2"])


def names(response) -> list[str]:
    return [scheme.name for scheme in response.context["page"].object_list]


def links(response, pattern: str) -> list[str]:
    return [unescape(href) for href in re.findall(pattern, response.content.decode())]


def test_a_column_heading_sorts_the_list_and_again_reverses_it(official, many):
    url = reverse("wards:scheme_list")
    by_name = official.get(url, {"sort": "name"})
    assert names(by_name)[:3] == ["Tổ hòa giải 1", "Tổ hòa giải 2", "Tổ hòa giải 3"]
    page = by_name.content.decode()
    assert re.search(r'<th scope="col" aria-sort="ascending"[^>]*data-column="name"', page)
    # The sorted column's link reverses it; the others sort ascending by themselves.
    assert (
        "?sort=-name"
        in links(by_name, r'data-column="name"><a class="sort-link" href="([^"]+)"')[0]
    )
    reversed_ = official.get(url, {"sort": "-name"})
    assert names(reversed_)[:2] == ["Tổ tự quản 40", "Tổ tự quản 39"]
    assert 'aria-sort="descending"' in reversed_.content.decode()
    assert names(official.get(url, {"sort": "-kind"}))[0].startswith("Tổ hòa giải")


@pytest.mark.parametrize("sort", ["password", "-id; DROP TABLE", "ward__name", "--name", ""])
def test_an_unknown_sort_falls_back_to_the_default_order(official, many, sort):
    url = reverse("wards:scheme_list")
    response = official.get(url, {"sort": sort})
    assert response.status_code == 200
    assert names(response) == names(official.get(url))
    assert names(response)[0] == "Tổ tự quản 01"  # the kind's position, then the name


def test_page_numbers_first_last_and_the_summary(official, units, kinds):
    for n in range(1, 231):
        make_scheme(units["ward"], kinds["to-tu-quan"], f"Tổ {n:03d}")
    url = reverse("wards:scheme_list")
    response = official.get(url, {"per_page": 50, "page": 3, "sort": "name"})
    assert names(response)[0] == "Tổ 101"
    page = response.content.decode()
    assert "Trang 3 / 5 — 101–150 / 230" in page
    numbers = re.findall(
        r'class="page-link" href="[^"]*"(?: aria-current="page")? aria-label="Trang (\d+)"', page
    )
    assert numbers == ["1", "2", "3", "4", "5"]
    assert re.search(r'aria-current="page" aria-label="Trang 3">3<', page)
    far = official.get(url, {"page": 7, "sort": "name"}).content.decode()  # 20 a page: 12 pages
    shown = re.findall(r'aria-label="Trang (\d+)"', far)
    assert shown == ["1", "5", "6", "7", "8", "9", "12"]
    assert far.count(">…<") == 2
    assert 'aria-label="Trang đầu"' in far
    assert 'aria-label="Trang cuối"' in far


def test_per_page_choices_and_a_refused_size(official, many):
    url = reverse("wards:scheme_list")
    assert len(names(official.get(url))) == 20
    assert len(names(official.get(url, {"per_page": 50}))) == 45
    assert len(names(official.get(url, {"per_page": 100000}))) == 20  # not a choice
    assert len(names(official.get(url, {"per_page": "abc"}))) == 20


def test_every_link_keeps_the_filters_and_the_search(official, many):
    url = reverse("wards:scheme_list")
    response = official.get(
        url, {"q": "to tu quan", "kind": "to-tu-quan", "sort": "-name", "page": 2}
    )
    assert names(response)[0] == "Tổ tự quản 20"
    hrefs = links(response, r'href="(\?[^"]+)"')
    assert hrefs
    for href in hrefs:
        assert "q=to+tu+quan" in href, href
        assert "kind=to-tu-quan" in href, href
    per_page = [h for h in hrefs if "per_page=50" in h]
    assert per_page
    assert "page=" not in per_page[0].replace("per_page", "")
    numbered = [h for h in hrefs if re.search(r"(?<!per_)page=1(&|$)", h)]
    assert numbered
    assert all("sort=-name" in h for h in numbered)


def test_a_python_list_sorts_by_key_functions_and_numbers_as_numbers(rf: RequestFactory):
    rows = ["Khu 10", "Khu 2", "Ấp Đông", "Khu 1"]
    columns = [Column("name", "Tên", natural_key)]
    table = Table(rf.get("/", {"sort": "-name"}), rows, columns, default_sort="name", label="x")
    assert list(table.page.object_list) == ["Khu 10", "Khu 2", "Khu 1", "Ấp Đông"]
    assert table.headers[0].aria_sort == "descending"


def test_sorting_a_queryset_orders_ties_by_primary_key(rf: RequestFactory, units):
    queryset = AdministrativeUnit.objects.filter(level="ward")
    columns = [Column("level", "Cấp", ("level",)), Column("note", "Ghi chú")]
    table = Table(rf.get("/", {"sort": "note"}), queryset, columns, default_sort="level", label="x")
    assert [u.pk for u in table.page.object_list] == sorted(u.pk for u in queryset)
    assert table.headers[1].url == ""  # not sortable: no link
