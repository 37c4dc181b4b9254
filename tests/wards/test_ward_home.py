"""The ward official's home (the ward page), the scheme pages' coordinates, and the empty
states that offer the action filling them."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from tests.register import make_scheme
from wards.models import ResidentialArea
from wards.templatetags.wards_tags import coordinates

WARD = reverse("wards:unit", args=["90001"])


def test_the_register_comes_before_the_areas_and_empty_columns_are_left_out(
    client, people, units, kinds
):
    for number in range(1, 13):
        ResidentialArea.objects.create(ward=units["ward"], kind="khu_pho", name=f"Khu {number}")
    client.force_login(people["ward_official"])
    page = client.get(WARD).content.decode()
    assert page.index('id="register"') < page.index('id="areas"')
    assert "Số hộ" not in page
    assert "Nhân khẩu" not in page

    ResidentialArea.objects.filter(name="Khu 3").update(households=120)
    page = client.get(WARD).content.decode()
    assert "Số hộ" in page  # a column with one figure in it is kept
    assert "Nhân khẩu" not in page


def _empty_state(page: str) -> str:
    start = page.index('data-testid="empty-state"')
    return page[start : page.index("</div>", start)]


def test_an_empty_register_offers_what_fills_it_to_whoever_may(client, people, units, kinds):
    client.force_login(people["ward_official"])
    page = client.get(WARD).content.decode()
    assert page.count('data-testid="empty-state"') == 2  # no schemes, no areas
    assert "Chưa có mô hình nào trong sổ." in page
    assert f'href="{reverse("wards:scheme_create", args=["90001"])}"' in page
    assert f'href="{reverse("wards:area_create", args=["90001"])}"' in page
    # One "add" button for an empty list, not one in its header as well.
    assert page.count("Thêm mô hình</a>") == 1
    assert page.count("Thêm khu dân cư</a>") == 1

    client.force_login(people["district"])  # reads the ward, may not write in it
    page = client.get(WARD).content.decode()
    assert "Chưa có mô hình nào trong sổ." in page
    assert "Thêm mô hình" not in _empty_state(page)
    assert reverse("wards:scheme_create", args=["90001"]) not in page


@pytest.mark.parametrize(
    ("place", "shown"),
    [
        ((Decimal("21.025000"), Decimal("107.351000")), "21,025000° B; 107,351000° Đ"),
        ((Decimal("-33.868800"), Decimal("-70.650000")), "33,868800° N; 70,650000° T"),
        ((None, Decimal("107.351000")), ""),
    ],
)
def test_coordinates_say_which_number_is_which(place, shown):
    class Place:
        latitude, longitude = place

    assert coordinates(Place()) == shown


def test_the_scheme_page_and_the_map_list_write_coordinates_unambiguously(
    client, people, units, kinds
):
    scheme = make_scheme(
        units["ward"], kinds["camera"], "Camera chợ", latitude="21.025", longitude="107.351"
    )
    client.force_login(people["ward_official"])
    for url in (reverse("wards:scheme", args=[scheme.pk]), reverse("wards:scheme_map")):
        page = client.get(url).content.decode()
        assert "21,025000° B; 107,351000° Đ" in page
        assert "21,025000, 107,351000" not in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("wards:scheme", args=[scheme.pk])).content.decode()
    assert "21.025000° N; 107.351000° E" in page
