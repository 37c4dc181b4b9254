"""Who may do what through the API: every endpoint × every kind of caller, one table.

Each row of ``MATRIX`` is (caller, method, endpoint, expected status):

- caller: a key of the ``tokens`` fixture (tests/api/conftest.py): ``ward_ro``/``ward_rw``
  (the ward An's read-only and read-write tokens), ``province_ro``/``province_rw`` (its
  province's), ``sibling_rw`` (the sibling ward Bình's), ``far_rw`` (another province's),
  ``expired``, ``revoked``; or ``anonymous`` (no token);
- endpoint: a key of ``ENDPOINTS``, a function of the ``register`` fixture's rows giving the
  URL (and, for writes, the body);
- expected: the status code; for a list, ``200`` may be written ``(200, n)``: n rows seen.

**To add a resource** (issue 16's awards, festival, dashboards, print jobs): add its
endpoints to ``ENDPOINTS`` (a list URL, an object URL of a row in the ward An and one of a row
in the other province's ward Xa, and write bodies) and its rows to ``MATRIX`` with
``rows_for(...)``; rows of your own fixture go in ``register`` or a fixture the test takes.
"""

import pytest

# endpoint name → (method, url(rows), body(rows) or None)
ENDPOINTS = {}


def endpoint(name, method, url, body=None):
    ENDPOINTS[name] = (method, url, body)


for resource, key in [
    ("areas", "area"),
    ("schemes", "scheme"),
    ("activity", "activity"),
    ("exemplars", "exemplar"),
]:
    endpoint(f"{resource}:list", "get", lambda r, res=resource: f"/api/v1/{res}/")
    endpoint(
        f"{resource}:own", "get", lambda r, res=resource, k=key: f"/api/v1/{res}/{r['ward'][k].pk}/"
    )
    endpoint(
        f"{resource}:far",
        "get",
        lambda r, res=resource, k=key: f"/api/v1/{res}/{r['far_ward'][k].pk}/",
    )
    endpoint(
        f"{resource}:patch-own",
        "patch",
        lambda r, res=resource, k=key: f"/api/v1/{res}/{r['ward'][k].pk}/",
        lambda r: {},
    )
    endpoint(
        f"{resource}:patch-far",
        "patch",
        lambda r, res=resource, k=key: f"/api/v1/{res}/{r['far_ward'][k].pk}/",
        lambda r: {},
    )
    endpoint(
        f"{resource}:delete-far",
        "delete",
        lambda r, res=resource, k=key: f"/api/v1/{res}/{r['far_ward'][k].pk}/",
    )

endpoint("units:list", "get", lambda r: "/api/v1/units/")
endpoint("units:own", "get", lambda r: "/api/v1/units/90001/")
endpoint("units:far", "get", lambda r: "/api/v1/units/91001/")
endpoint("scheme-kinds:list", "get", lambda r: "/api/v1/scheme-kinds/")
endpoint(
    "schemes:create-own",
    "post",
    lambda r: "/api/v1/schemes/",
    lambda r: {"ward": "90001", "kind": "hom-thu", "name": "Hòm thư", "mailbox_location": "Chợ"},
)
endpoint(
    "schemes:create-far",
    "post",
    lambda r: "/api/v1/schemes/",
    lambda r: {"ward": "91001", "kind": "hom-thu", "name": "Hòm thư", "mailbox_location": "Chợ"},
)

CALLERS = ["ward_ro", "ward_rw", "province_ro", "province_rw", "sibling_rw", "far_rw"]
BAD_CALLERS = {"anonymous": 401, "expired": 401, "revoked": 401}


def rows_for(name, **expected):
    """Matrix rows of one endpoint: ``expected`` by caller; the callers left out of a read
    are refused as the defaults say (no token, expired, revoked: 401)."""
    rows = [(caller, name, status) for caller, status in expected.items()]
    rows += [(caller, name, status) for caller, status in BAD_CALLERS.items()]
    return rows


# A ward's row seen by: its ward (both tokens), its province (both), a sibling ward and
# another province (404: it does not exist for them).
OWN_READ = {
    "ward_ro": 200,
    "ward_rw": 200,
    "province_ro": 200,
    "province_rw": 200,
    "sibling_rw": 404,
    "far_rw": 404,
}
# The other province's row: only its own province sees it.
FAR_READ = {c: 404 for c in CALLERS} | {"far_rw": 200}
OWN_WRITE = OWN_READ | {"ward_ro": 403, "province_ro": 403}
FAR_WRITE = {c: 404 for c in CALLERS} | {"far_rw": 200, "ward_ro": 403, "province_ro": 403}
FAR_DELETE = FAR_WRITE | {"far_rw": 409}  # its scheme still has activity
# Lists: rows seen (each list has one row in An and one in Xa).
LIST = {
    "ward_ro": (200, 1),
    "ward_rw": (200, 1),
    "province_ro": (200, 1),
    "province_rw": (200, 1),
    "sibling_rw": (200, 0),
    "far_rw": (200, 1),
}

MATRIX = []
for resource in ("areas", "schemes", "activity", "exemplars"):
    MATRIX += rows_for(f"{resource}:list", **LIST)
    MATRIX += rows_for(f"{resource}:own", **OWN_READ)
    MATRIX += rows_for(f"{resource}:far", **FAR_READ)
    MATRIX += rows_for(f"{resource}:patch-own", **OWN_WRITE)
    MATRIX += rows_for(f"{resource}:patch-far", **FAR_WRITE)
MATRIX += rows_for("areas:delete-far", **FAR_WRITE | {"far_rw": 409})  # its scheme uses it
MATRIX += rows_for("schemes:delete-far", **FAR_DELETE)
MATRIX += rows_for("activity:delete-far", **FAR_WRITE | {"far_rw": 204})
MATRIX += rows_for("exemplars:delete-far", **FAR_WRITE | {"far_rw": 204})
MATRIX += rows_for(
    "units:list",
    ward_ro=(200, 1),
    ward_rw=(200, 1),
    province_ro=(200, 5),
    province_rw=(200, 5),
    sibling_rw=(200, 1),
    far_rw=(200, 2),
)
MATRIX += rows_for("units:own", **OWN_READ)
MATRIX += rows_for("units:far", **FAR_READ)
MATRIX += rows_for("scheme-kinds:list", **{c: 200 for c in CALLERS})
MATRIX += rows_for(
    "schemes:create-own",
    **OWN_WRITE | {"ward_rw": 201, "province_rw": 201, "sibling_rw": 400, "far_rw": 400},
)
MATRIX += rows_for(
    "schemes:create-far",
    **{c: 400 for c in CALLERS} | {"far_rw": 201, "ward_ro": 403, "province_ro": 403},
)


def assert_row(api, tokens, endpoint, rows, caller, expected) -> None:
    """One row of a matrix: ``endpoint`` (method, URL of the rows, body of the rows or None)
    called by ``caller`` answers ``expected`` (a status, or (200, rows seen) for a list)."""
    method, url, body = endpoint
    client = api(None if caller == "anonymous" else tokens[caller])
    args = (body(rows),) if body else ()
    response = getattr(client, method)(url(rows), *args)
    status, count = expected if isinstance(expected, tuple) else (expected, None)
    assert response.status_code == status, response.content
    if status >= 400:
        assert response.json()["detail"]  # a message, in Vietnamese
    if count is not None:
        assert response.json()["count"] == count


@pytest.mark.parametrize(("caller", "name", "expected"), MATRIX)
def test_scope_matrix(tokens, register, api, caller, name, expected):
    assert_row(api, tokens, ENDPOINTS[name], register, caller, expected)
