"""The scope matrix (tests/api/test_scope_matrix.py) for the festival, award, dashboard and
print-job resources: every endpoint × every kind of caller, with rows in the ward An and in
another province's ward Xa."""

import datetime

import pytest
from django.core.cache import cache

from awards import services
from awards.catalogue import seed_catalogue
from awards.models import AwardForm, Decision, Nomination, Nominee, Status
from documents.models import Job, JobStatus
from festival.services import create_festival
from tests.api.test_scope_matrix import (
    BAD_CALLERS,
    CALLERS,
    FAR_READ,
    OWN_READ,
    assert_row,
    rows_for,
)
from tests.conftest import make_user
from wards.models import Role, Signer


def _ward_rows(ward, leader, owner, form):
    festival = create_festival(
        ward,
        owner,
        date=datetime.date(2026, 8, 19),
        start_time=datetime.time(7, 30),
        venue="Nhà văn hóa",
    )
    nominee = Nominee.objects.create(ward=ward, name="Nguyễn Văn Hải", birth_year=1970)
    spare = Nominee.objects.create(ward=ward, name="Lê Thị Lan", birth_year=1980)
    draft = Nomination.objects.create(
        nominee=nominee, form=form, year=2026, achievements="Xuất sắc", proposing_unit="UBND"
    )
    approved = Nomination.objects.create(
        nominee=nominee,
        form=form,
        year=2025,
        achievements="Xuất sắc",
        proposing_unit="UBND",
        status=Status.APPROVED,
    )
    signer = Signer.objects.create(unit=ward, name="Trần Văn Bình", title="Chủ tịch")
    decision = Decision.objects.create(
        unit=ward,
        form=form,
        number=125,
        symbol="QĐ-UBND",
        date=datetime.date(2025, 8, 12),
        authority=ward.committee_name,
        place=ward.name,
        signer=signer,
    )
    services.set_nominations(decision, [approved])
    decision = services.issue(leader, decision)
    job = Job.objects.create(
        kind="wards.profile",
        fmt="pdf",
        object_id=str(ward.pk),
        title="Hồ sơ",
        owner=owner,
        unit=ward,
        status=JobStatus.QUEUED,
    )
    return {
        "festival": festival,
        "nominee": nominee,
        "spare": spare,
        "nomination": draft,
        "decision": decision,
        "certificate": decision.certificates.get(),
        "job": job,
    }


@pytest.fixture(autouse=True)
def _fresh_limits():
    """The verification look-up counts per address, the same for every test: another test's
    look-ups must not refuse these."""
    cache.clear()


@pytest.fixture
def rows(units, db):
    seed_catalogue()
    form = AwardForm.objects.get(code="GKUBP")
    found = {}
    for key in ("ward", "far_ward"):
        ward = units[key]
        leader = make_user(f"lanhdao.{ward.code}", Role.STAFF, ward)
        owner = make_user(f"canbo.{ward.code}", Role.WARD_OFFICIAL, ward)
        found[key] = _ward_rows(ward, leader, owner, form)
    return found


ENDPOINTS = {}
NOMINATIONS = "/api/v1/nominations/"
VERIFY = "/api/v1/verify/"


def endpoint(name, method, url, body=None):
    ENDPOINTS[name] = (method, url, body)


for resource, key in [
    ("festivals", "festival"),
    ("nominees", "nominee"),
    ("nominations", "nomination"),
    ("decisions", "decision"),
    ("certificates", "certificate"),
]:
    endpoint(f"{resource}:list", "get", lambda r, res=resource: f"/api/v1/{res}/")
    for side in ("ward", "far_ward"):
        endpoint(
            f"{resource}:{side}",
            "get",
            lambda r, res=resource, k=key, s=side: f"/api/v1/{res}/{r[s][k].pk}/",
        )


def _nomination(side):
    return lambda r: {
        "nominee": r[side]["spare"].pk,
        "form": "GKUBP",
        "year": 2026,
        "achievements": "Có thành tích xuất sắc",
        "proposing_unit": "Công an phường",
    }


def _nominee(code):
    return lambda r: {"ward": code, "kind": "collective", "name": "Tổ tự quản khu 3"}


def _print(code):
    return lambda r: {"kind": "wards.profile", "format": "pdf", "object": code}


for side, code in (("ward", "90001"), ("far_ward", "91001")):
    endpoint(
        f"nominations:create-{side}", "post", lambda r: "/api/v1/nominations/", _nomination(side)
    )
    endpoint(f"nominees:create-{side}", "post", lambda r: "/api/v1/nominees/", _nominee(code))
    endpoint(
        f"nominations:submit-{side}",
        "post",
        lambda r, s=side: f"/api/v1/nominations/{r[s]['nomination'].pk}/submit/",
        lambda r: {},
    )
    endpoint(
        f"verify:{side}", "get", lambda r, s=side: f"/api/v1/verify/{r[s]['certificate'].code}/"
    )
    endpoint(f"print-jobs:{side}", "get", lambda r, s=side: f"/api/v1/print-jobs/{r[s]['job'].pk}/")
    endpoint(f"print-jobs:create-{side}", "post", lambda r: "/api/v1/print-jobs/", _print(code))
    endpoint(f"figures:{side}", "get", lambda r, c=code: f"/api/v1/figures/?unit={c}")
endpoint("award-forms:list", "get", lambda r: "/api/v1/award-forms/")
endpoint("figures:list", "get", lambda r: "/api/v1/figures/")
endpoint("print-jobs:list", "get", lambda r: "/api/v1/print-jobs/")
endpoint(
    "nominations:delete-ward",
    "delete",
    lambda r: f"/api/v1/nominations/{r['ward']['nomination'].pk}/",
)

LIST = {
    "ward_ro": (200, 1),
    "ward_rw": (200, 1),
    "province_ro": (200, 1),
    "province_rw": (200, 1),
    "sibling_rw": (200, 0),
    "far_rw": (200, 1),
}
# A write in the ward An: its ward and province with a read-write token; read-only tokens are
# refused before anything is looked up (403); a sibling ward and another province do not see
# the row (the nominee, in a body: 400; an object in the URL: 404).
READ_ONLY_REFUSED = {"ward_ro": 403, "province_ro": 403}
OWN_CREATE = READ_ONLY_REFUSED | {"ward_rw": 201, "province_rw": 201}
OWN_CREATE |= {"sibling_rw": 400, "far_rw": 400}
FAR_CREATE = {c: 400 for c in CALLERS} | READ_ONLY_REFUSED | {"far_rw": 201}
OWN_ACT = READ_ONLY_REFUSED | {"ward_rw": 200, "province_rw": 200, "sibling_rw": 404}
OWN_ACT |= {"far_rw": 404}
FAR_ACT = {c: 404 for c in CALLERS} | READ_ONLY_REFUSED | {"far_rw": 200}

MATRIX = []
for resource in ("festivals", "nominees", "nominations", "decisions", "certificates"):
    # Each ward has two nominees (one nominated, one spare for the create rows) and two
    # nominations (a draft, and the approved one in the decision).
    twice = resource in ("nominees", "nominations")
    seen = {c: (200, n * 2) for c, (_s, n) in LIST.items()} if twice else LIST
    MATRIX += rows_for(f"{resource}:list", **seen)
    MATRIX += rows_for(f"{resource}:ward", **OWN_READ)
    MATRIX += rows_for(f"{resource}:far_ward", **FAR_READ)
MATRIX += rows_for("nominations:create-ward", **OWN_CREATE)
MATRIX += rows_for("nominations:create-far_ward", **FAR_CREATE)
MATRIX += rows_for("nominees:create-ward", **OWN_CREATE)
MATRIX += rows_for("nominees:create-far_ward", **FAR_CREATE)
MATRIX += rows_for("nominations:submit-ward", **OWN_ACT)
MATRIX += rows_for("nominations:submit-far_ward", **FAR_ACT)
MATRIX += rows_for("nominations:delete-ward", **{c: 405 for c in CALLERS} | READ_ONLY_REFUSED)
MATRIX += rows_for("award-forms:list", **{c: 200 for c in CALLERS})
# The verification look-up is public: every caller, a bad token included, reads it.
MATRIX += [(c, f"verify:{s}", 200) for c in [*CALLERS, *BAD_CALLERS] for s in ("ward", "far_ward")]
MATRIX += rows_for(
    "figures:list",
    ward_ro=(200, 1),
    ward_rw=(200, 1),
    province_ro=(200, 3),
    province_rw=(200, 3),
    sibling_rw=(200, 1),
    far_rw=(200, 1),
)
MATRIX += rows_for("figures:ward", **OWN_READ)
MATRIX += rows_for("figures:far_ward", **FAR_READ)
# Jobs: a read-only token may print nothing, so it sees no job of its colleagues.
JOBS_SEEN = {"ward_rw": 200, "province_rw": 200, "ward_ro": 404, "province_ro": 404}
MATRIX += rows_for("print-jobs:ward", **JOBS_SEEN | {"sibling_rw": 404, "far_rw": 404})
MATRIX += rows_for("print-jobs:far_ward", **{c: 404 for c in CALLERS} | {"far_rw": 200})
MATRIX += rows_for(
    "print-jobs:list",
    ward_ro=(200, 0),
    ward_rw=(200, 1),
    province_ro=(200, 0),
    province_rw=(200, 1),
    sibling_rw=(200, 0),
    far_rw=(200, 1),
)
MATRIX += rows_for(
    "print-jobs:create-ward",
    **READ_ONLY_REFUSED | {"ward_rw": 202, "province_rw": 202, "sibling_rw": 404, "far_rw": 404},
)
MATRIX += rows_for(
    "print-jobs:create-far_ward", **{c: 404 for c in CALLERS} | READ_ONLY_REFUSED | {"far_rw": 202}
)


@pytest.mark.parametrize(("caller", "name", "expected"), MATRIX)
def test_scope_matrix(tokens, rows, api, caller, name, expected):
    assert_row(api, tokens, ENDPOINTS[name], rows, caller, expected)
