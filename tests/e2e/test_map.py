"""The scheme map: one marker style per kind with a legend, Vietnamese controls, and with no tile
server (the suite's setting, as on most ward intranets) a grid under the markers."""

import pytest

from tests.conftest import PASSWORD
from tests.register import make_scheme, seed_kinds

pytestmark = pytest.mark.e2e


@pytest.fixture
def located(units):
    kinds = seed_kinds()
    ward = units["ward"]
    return [
        make_scheme(ward, kinds["camera"], "Camera chợ An", latitude="21.025", longitude="107.351"),
        make_scheme(
            ward, kinds["camera"], "Camera trường học", latitude="21.027", longitude="107.355"
        ),
        make_scheme(
            ward,
            kinds["to-lien-gia-pccc"],
            "Tổ liên gia khu 3",
            latitude="21.021",
            longitude="107.349",
        ),
    ]


def _marker_styles(page) -> dict[str, set[tuple[str, str]]]:
    """kind code -> the (background colour, icon class) of its markers on the map."""
    styles = page.eval_on_selector_all(
        ".scheme-marker-icon .scheme-marker",
        """els => els.map(e => [e.dataset.kind, getComputedStyle(e).backgroundColor,
                               e.querySelector('i').className])""",
    )
    found: dict[str, set[tuple[str, str]]] = {}
    for kind, colour, icon in styles:
        found.setdefault(kind, set()).add((colour, icon))
    return found


@pytest.mark.parametrize("address", ["/schemes/map/?ward=90001", "/dashboards/wards/90001/"])
def test_each_kind_has_its_marker_and_a_line_in_the_legend(
    page, log_in, people, located, settings, address
):
    settings.MAP_TILE_URL = ""
    log_in("canbo.an", PASSWORD)
    page.goto(address)
    page.locator(".scheme-marker-icon").first.wait_for()

    assert page.locator(".scheme-marker-icon").count() == 3
    styles = _marker_styles(page)
    assert set(styles) == {"camera", "to-lien-gia-pccc"}
    assert all(len(looks) == 1 for looks in styles.values())  # one style per kind
    assert styles["camera"] != styles["to-lien-gia-pccc"]

    legend = page.get_by_test_id("map-legend")
    assert legend.locator("li").all_inner_texts() == [
        "Camera an ninh",
        "Tổ liên gia an toàn PCCC",
    ]
    # The legend's badges look like the markers they explain.
    legend_colours = legend.locator(".scheme-marker").evaluate_all(
        "els => els.map(e => [e.dataset.kind, getComputedStyle(e).backgroundColor])"
    )
    for kind, colour in legend_colours:
        assert {look[0] for look in styles[kind]} == {colour}

    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Phóng to"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "Thu nhỏ"
    prefix = page.locator(".leaflet-control-attribution a").first
    assert prefix.get_attribute("title") == "Thư viện bản đồ Leaflet"


def test_without_a_tile_server_the_markers_sit_on_a_grid(page, log_in, people, located, settings):
    settings.MAP_TILE_URL = ""
    log_in("canbo.an", PASSWORD)
    page.goto("/schemes/map/?ward=90001")
    page.locator(".scheme-marker-icon").first.wait_for()
    the_map = page.locator("#scheme-map")

    assert page.locator(".leaflet-tile").count() == 0
    # Lines of latitude and longitude, labelled the Vietnamese way, under every marker.
    assert int(the_map.get_attribute("data-grid-lines")) >= 4
    assert page.locator("#scheme-map svg path").count() >= 4
    labels = page.locator(".graticule-label").all_inner_texts()
    assert any(label.endswith("° B") for label in labels)
    assert any(label.endswith("° Đ") for label in labels)
    assert any("," in label for label in labels)  # the decimal comma
    # Not Leaflet's grey box (#ddd).
    background = the_map.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background != "rgb(221, 221, 221)"
    box = the_map.bounding_box()
    for marker in page.locator(".scheme-marker-icon").all():
        spot = marker.bounding_box()
        assert box["x"] <= spot["x"] <= box["x"] + box["width"]
        assert box["y"] <= spot["y"] <= box["y"] + box["height"]
    # A marker names its scheme as text and opens it.
    page.get_by_title("Tổ liên gia khu 3").click()
    assert page.locator(".leaflet-popup").get_by_role("link", name="Tổ liên gia khu 3").is_visible()
