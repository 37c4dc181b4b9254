"""Fixtures of the API's tests: tokens of each kind on the suite's small country
(tests/conftest.py), a JSON client that sends one, and the register's rows in two wards.

# Today is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.
"""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from api.models import ApiToken
from tests.register import make_activity, make_areas, make_scheme, seed_kinds
from wards.models import Exemplar


def make_token(unit, creator, *, can_write=False, expires_at=None, revoked=False):
    """A token and its secret, as the token page creates them."""
    token = ApiToken(
        unit=unit,
        created_by=creator,
        name=f"Hệ thống {unit.code}",
        can_write=can_write,
        expires_at=expires_at,
        revoked_at=timezone.now() if revoked else None,
    )
    secret = token.issue_secret()
    token.save()
    return token, secret


class ApiClient(Client):
    """Django's test client speaking JSON, with ``Authorization: Token <secret>`` when given."""

    def __init__(self, secret: str | None = None, **defaults) -> None:
        if secret:
            defaults["HTTP_AUTHORIZATION"] = f"Token {secret}"
        super().__init__(**defaults)

    def post(self, path, data=None, content_type="application/json", **extra):
        return super().post(path, data, content_type, **extra)

    def put(self, path, data=None, content_type="application/json", **extra):
        return super().put(path, data, content_type, **extra)

    def patch(self, path, data=None, content_type="application/json", **extra):
        return super().patch(path, data, content_type, **extra)


@pytest.fixture
def tokens(units, people):
    """Secrets of each kind of token: the ward's (read-only, read-write), the province's,
    a sibling ward's, another province's, an expired and a revoked one."""
    admin = people["admin"]
    past = timezone.now() - datetime.timedelta(days=1)
    return {
        "ward_ro": make_token(units["ward"], admin)[1],
        "ward_rw": make_token(units["ward"], admin, can_write=True)[1],
        "province_ro": make_token(units["province"], admin)[1],
        "province_rw": make_token(units["province"], admin, can_write=True)[1],
        "sibling_rw": make_token(units["sibling"], admin, can_write=True)[1],
        "far_rw": make_token(units["other_province"], admin, can_write=True)[1],
        "expired": make_token(units["ward"], admin, can_write=True, expires_at=past)[1],
        "revoked": make_token(units["ward"], admin, can_write=True, revoked=True)[1],
    }


@pytest.fixture
def api():
    """``api(secret)``: a client sending that token (None: anonymous)."""
    return ApiClient


@pytest.fixture
def register(units):
    """One row of each register resource in the ward (An), and a scheme in another province's
    ward (Xa): what a matrix row reads, changes and deletes."""
    kinds = seed_kinds()
    rows = {}
    for key in ("ward", "far_ward"):
        ward = units[key]
        area = make_areas(ward, names=(f"Khu {ward.code}",))[f"Khu {ward.code}"]
        scheme = make_scheme(ward, kinds["to-tuan-tra"], f"Tổ tuần tra {ward.code}", area=area)
        activity = make_activity(ward, scheme)
        exemplar = Exemplar.objects.create(ward=ward, name="Nguyễn Văn Ba", year=2026)
        rows[key] = {"area": area, "scheme": scheme, "activity": activity, "exemplar": exemplar}
    rows["kinds"] = kinds
    return rows
