"""The page where a unit's administrator creates, lists and revokes API tokens.

# Today is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.
"""

import datetime
import re

from django.utils import timezone

from api.models import ApiToken, hash_secret
from tests.api.conftest import ApiClient, make_token
from tests.conftest import make_user
from wards.models import Role


def test_admin_creates_a_token_shown_once_and_stored_hashed(login, people, units):
    client = login(people["admin"])
    expires = (timezone.localdate() + datetime.timedelta(days=30)).strftime("%d/%m/%Y")
    page = client.post(
        "/units/90/api-tokens/",
        {"name": "Phần mềm thi đua tỉnh", "can_write": "1", "expires_on": expires},
    )
    assert page.status_code == 200
    secret = re.search(r"<code[^>]*>(nh_[^<]+)</code>", page.content.decode()).group(1)
    token = ApiToken.objects.get()
    assert (token.unit, token.can_write, token.created_by) == (
        units["province"],
        True,
        people["admin"],
    )
    assert token.secret_hash == hash_secret(secret)
    # The secret works, with the province's scope, and is never shown again.
    assert ApiClient(secret).get("/api/v1/units/").json()["count"] == 5
    again = client.get("/units/90/api-tokens/").content.decode()
    assert secret not in again
    assert token.prefix in again
    assert "Phần mềm thi đua tỉnh" in again


def test_list_shows_last_use_and_revoke_stops_the_token(login, people, units):
    token, secret = make_token(units["ward"], people["admin"])
    ApiClient(secret).get("/api/v1/units/")
    client = login(people["admin"])
    listed = client.get("/units/90001/api-tokens/").content.decode()
    assert timezone.localtime().strftime("%d/%m/%Y %H:%M") in listed
    assert client.post(f"/api-tokens/{token.pk}/revoke/").status_code == 302
    refused = ApiClient(secret).get("/api/v1/units/")
    assert refused.status_code == 401
    assert refused.json()["detail"] == "Mã truy cập đã bị thu hồi."
    assert "Đã thu hồi" in client.get("/units/90001/api-tokens/").content.decode()


def test_expiry_in_the_past_is_refused_and_nothing_saved(login, people):
    client = login(people["admin"])
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    page = client.post(
        "/units/90/api-tokens/", {"name": "Cũ", "can_write": "0", "expires_on": yesterday}
    )
    assert "Ngày hết hạn không thể ở quá khứ." in page.content.decode()
    assert not ApiToken.objects.exists()


def test_token_expires_after_its_last_day(login, people, units, clock):
    client = login(people["admin"])
    today = timezone.localdate()
    client.post(
        "/units/90001/api-tokens/",
        {"name": "Hôm nay", "can_write": "0", "expires_on": today.strftime("%d/%m/%Y")},
    )
    token = ApiToken.objects.get()
    assert timezone.localtime(token.expires_at).date() == today + datetime.timedelta(days=1)
    assert token.is_usable
    clock.move_to(token.expires_at + datetime.timedelta(seconds=1))
    assert not ApiToken.objects.get().is_usable


def test_only_administrators_manage_tokens(login, people, units):
    token, _ = make_token(units["ward"], people["admin"])
    for name in ("ward_official", "province", "district"):
        client = login(people[name])
        assert client.get("/units/90001/api-tokens/").status_code == 403
        assert client.post(f"/api-tokens/{token.pk}/revoke/").status_code == 403
    # Another province's administrator: the unit and the token do not exist for them.
    outsider = login(make_user("quantri.khac", Role.ADMIN, units["other_province"]))
    assert outsider.get("/units/90001/api-tokens/").status_code == 404
    assert outsider.post(f"/api-tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_unit_page_links_to_tokens_for_administrators_only(login, people, units):
    assert "/units/90/api-tokens/" in login(people["admin"]).get("/units/90/").content.decode()
    official = login(people["ward_official"]).get("/units/90001/").content.decode()
    assert "api-tokens" not in official
