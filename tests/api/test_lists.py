"""Lists of the API: pages (count, next, previous, results), the declared filters, the schema
that documents them, and a number of queries that does not grow with the page.

# Today is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.
"""

import datetime

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from drf_spectacular.validation import validate_schema

from tests.register import make_activity, make_scheme
from wards.models import SchemeStatus


@pytest.fixture
def many_schemes(register, units):
    kinds = register["kinds"]
    for n in range(12):
        for ward in (units["ward"], units["commune"]):
            make_scheme(ward, kinds["hom-thu"], f"Hòm thư {n}")
    return register


def test_pages_carry_count_next_previous_results(tokens, many_schemes, api):
    client = api(tokens["province_ro"])
    first = client.get("/api/v1/schemes/?page_size=10").json()
    assert first["count"] == 25  # 24 mailboxes and the ward's patrol team
    assert first["previous"] is None
    assert len(first["results"]) == 10
    third = client.get(first["next"].replace("http://testserver", "")).json()
    third = client.get(third["next"].replace("http://testserver", "")).json()
    assert len(third["results"]) == 5
    assert third["next"] is None
    assert "page=2" in third["previous"]


def test_bad_page_and_page_size_are_vietnamese_errors(tokens, register, api):
    client = api(tokens["ward_ro"])
    past_the_end = client.get("/api/v1/schemes/?page=9")
    assert past_the_end.status_code == 404
    assert past_the_end.json()["detail"] == "Không có trang này."
    too_big = client.get("/api/v1/schemes/?page_size=501")
    assert too_big.status_code == 400
    assert too_big.json()["errors"]["page_size"] == ["Số dòng mỗi trang từ 1 đến 500."]


def test_filters_by_unit_kind_status_year(tokens, many_schemes, api, units):
    client = api(tokens["province_ro"])

    def names(query):
        answer = client.get(f"/api/v1/schemes/?page_size=100&{query}")
        assert answer.status_code == 200, answer.content
        return {row["name"] for row in answer.json()["results"]}

    assert len(names("unit=90003")) == 12  # Xã Cam's mailboxes only
    assert len(names("unit=90-G1")) == 13  # the grouping: An's 12 and its patrol team
    assert names("kind=to-tuan-tra") == {"Tổ tuần tra 90001"}
    scheme = many_schemes["ward"]["scheme"]
    scheme.status, scheme.status_changed_on = SchemeStatus.DISSOLVED, datetime.date(2025, 3, 1)
    scheme.save()
    assert names("status=dissolved") == {"Tổ tuần tra 90001"}
    # Dissolved in 2025: it still existed at the end of 2024, no longer in 2025.
    assert "Tổ tuần tra 90001" in names("year=2024")
    assert "Tổ tuần tra 90001" not in names("year=2025")
    refused = client.get("/api/v1/schemes/?status=gone&kind=&unit=91001")
    assert refused.status_code == 400
    assert set(refused.json()["errors"]) == {"status", "unit"}


def test_modified_since_returns_only_rows_changed_since(tokens, register, api, units, clock):
    client = api(tokens["ward_rw"])
    clock.shift(3600)
    since = timezone.localtime().isoformat()
    clock.shift(60)
    make_activity(units["ward"], date=timezone.localdate(), count=3)
    rows = client.get("/api/v1/activity/", {"modified_since": since}).json()["results"]
    assert [row["count"] for row in rows] == [3]
    every = client.get("/api/v1/activity/").json()["count"]
    assert every == 2
    bad = client.get("/api/v1/activity/?modified_since=hôm-qua")
    assert bad.json()["errors"]["modified_since"][0].startswith("Thời điểm phải theo ISO 8601")


@pytest.mark.parametrize("size", [10, 50])
def test_queries_per_page_do_not_grow_with_the_page(tokens, many_schemes, api, size):
    client = api(tokens["province_ro"])
    client.get("/api/v1/exemplars/")  # last_used_at written once a minute: not counted below
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(f"/api/v1/schemes/?page_size={size}")
    assert answer.status_code == 200
    # The token, Last-Modified (newest history row), the count and the page.
    assert len(queries) == 4, [q["sql"] for q in queries]
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/api/v1/exemplars/?page_size={size}")
    # The same, and the schemes each exemplary person took part in (one prefetch).
    assert len(queries) == 5, [q["sql"] for q in queries]


def test_schema_is_valid_openapi_in_yaml_and_json(client):
    as_yaml = yaml.safe_load(client.get("/api/v1/schema/").content)
    as_json = client.get("/api/v1/schema/?format=json").json()
    assert as_yaml == as_json
    validate_schema(as_json)
    assert as_json["openapi"].startswith("3.")
    parameters = {p["name"] for p in as_json["paths"]["/api/v1/schemes/"]["get"]["parameters"]}
    assert {"unit", "year", "kind", "status", "modified_since", "page", "page_size"} <= parameters
    post = as_json["paths"]["/api/v1/schemes/"]["post"]
    assert "X-Idempotency-Key" in {p["name"] for p in post["parameters"]}
    assert {"400", "401", "403", "409", "429"} <= set(post["responses"])


def test_scheme_kinds_are_the_national_list_and_the_tokens_own_provinces(tokens, units, api):
    """A province's own kind of scheme is seen under that province only, as the scheme form
    offers it; another province's token does not learn it exists."""
    from wards.models import SchemeKind

    SchemeKind.objects.create(
        code="t90-ben-do", name="Tổ tự quản bến đò", province=units["province"], position=50
    )
    SchemeKind.objects.create(code="quoc-gia", name="Mô hình toàn quốc", position=1)

    def names(secret):
        return {row["name"] for row in api(secret).get("/api/v1/scheme-kinds/").json()["results"]}

    assert names(tokens["ward_ro"]) >= {"Tổ tự quản bến đò", "Mô hình toàn quốc"}
    assert "Mô hình toàn quốc" in names(tokens["far_rw"])
    assert "Tổ tự quản bến đò" not in names(tokens["far_rw"])
