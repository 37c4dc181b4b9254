"""The headers every page carries; that no page breaks the policy is tests/e2e/test_security.py."""

import pytest

from config.security import tile_image_source

pytestmark = pytest.mark.django_db


def test_every_page_carries_the_policies(client, people):
    client.force_login(people["ward_official"])
    for address in ("/accounts/login/", "/units/90001/", "/khong-co/"):
        response = client.get(address)
        policy = set(response["Content-Security-Policy"].split("; "))
        assert {
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        } <= policy, address
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=(self)" in response["Permissions-Policy"]


@pytest.mark.parametrize(
    ("tile_url", "source"),
    [
        ("", []),
        ("https://tiles.example.vn/{z}/{x}/{y}.png", ["https://tiles.example.vn"]),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", ["https://*.tile.example.org"]),
        ("http://10.0.0.5:8080/tiles/{z}/{x}/{y}.png", ["http://10.0.0.5:8080"]),
    ],
)
def test_map_tiles_are_the_only_images_from_elsewhere(tile_url, source):
    assert tile_image_source(tile_url) == source
