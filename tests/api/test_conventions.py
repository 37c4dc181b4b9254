"""The conventions every resource shares (api/base.py): idempotent writes, conditional GET,
the per-token rate limit, Vietnamese errors.

# Today is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.
"""

import threading
from email.utils import format_datetime

import pytest
from django.db import connection
from django.utils import timezone

from api import base
from wards.models import Scheme

NEW_MAILBOX = {"ward": "90001", "kind": "hom-thu", "name": "Hòm thư chợ", "mailbox_location": "Chợ"}


def test_same_idempotency_key_twice_creates_one_scheme(tokens, register, api):
    client = api(tokens["ward_rw"])
    first = client.post("/api/v1/schemes/", NEW_MAILBOX, HTTP_X_IDEMPOTENCY_KEY="k-1")
    again = client.post("/api/v1/schemes/", NEW_MAILBOX, HTTP_X_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Scheme.objects.filter(name="Hòm thư chợ").count() == 1


def test_same_key_with_another_body_is_refused(tokens, register, api):
    client = api(tokens["ward_rw"])
    client.post("/api/v1/schemes/", NEW_MAILBOX, HTTP_X_IDEMPOTENCY_KEY="k-2")
    other = client.post(
        "/api/v1/schemes/", NEW_MAILBOX | {"name": "Hòm thư khác"}, HTTP_X_IDEMPOTENCY_KEY="k-2"
    )
    assert other.status_code == 400
    assert "đã dùng cho một yêu cầu khác" in other.json()["errors"]["non_field_errors"][0]
    assert not Scheme.objects.filter(name="Hòm thư khác").exists()


def test_refused_write_frees_its_key_for_the_corrected_retry(tokens, register, api):
    client = api(tokens["ward_rw"])
    bad = client.post(
        "/api/v1/schemes/", NEW_MAILBOX | {"mailbox_location": ""}, HTTP_X_IDEMPOTENCY_KEY="k-3"
    )
    assert bad.status_code == 400
    assert "nơi đặt hòm thư" in bad.json()["errors"]["mailbox_location"][0]
    fixed = client.post("/api/v1/schemes/", NEW_MAILBOX, HTTP_X_IDEMPOTENCY_KEY="k-3")
    assert fixed.status_code == 201


@pytest.mark.django_db(transaction=True)
def test_concurrent_retry_while_the_first_runs_is_409(tokens, register, api, monkeypatch):
    started, release = threading.Event(), threading.Event()
    create = base.ScopedViewSet.perform_create

    def slow_create(self, serializer):
        started.set()
        release.wait(10)  # the first request holds here, its key claimed
        create(self, serializer)

    monkeypatch.setattr(base.ScopedViewSet, "perform_create", slow_create)
    answers = {}

    def first():
        answers["first"] = api(tokens["ward_rw"]).post(
            "/api/v1/schemes/", NEW_MAILBOX, HTTP_X_IDEMPOTENCY_KEY="k-4"
        )
        connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert started.wait(10)
    retry = api(tokens["ward_rw"]).post(
        "/api/v1/schemes/", NEW_MAILBOX, HTTP_X_IDEMPOTENCY_KEY="k-4"
    )
    release.set()
    thread.join(10)
    assert retry.status_code == 409
    assert "đang được xử lý" in retry.json()["detail"]
    assert answers["first"].status_code == 201
    assert Scheme.objects.filter(name="Hòm thư chợ").count() == 1


def test_if_modified_since_answers_304_until_a_row_changes(tokens, register, api, clock):
    client = api(tokens["ward_ro"])
    first = client.get("/api/v1/schemes/")
    stamp = first["Last-Modified"]
    assert client.get("/api/v1/schemes/", HTTP_IF_MODIFIED_SINCE=stamp).status_code == 304
    scheme = register["ward"]["scheme"]
    detail = client.get(f"/api/v1/schemes/{scheme.pk}/", HTTP_IF_MODIFIED_SINCE=stamp)
    assert detail.status_code == 304
    clock.shift(5)
    api(tokens["ward_rw"]).patch(f"/api/v1/schemes/{scheme.pk}/", {"name": "Tổ tuần tra mới"})
    changed = client.get("/api/v1/schemes/", HTTP_IF_MODIFIED_SINCE=stamp)
    assert changed.status_code == 200
    assert changed.json()["results"][0]["name"] == "Tổ tuần tra mới"
    assert changed["Last-Modified"] == format_datetime(timezone.now(), usegmt=True)[:-4] + " GMT"


def test_a_deleted_row_is_a_change_of_the_list(tokens, register, api, clock):
    client = api(tokens["ward_rw"])
    stamp = client.get("/api/v1/exemplars/")["Last-Modified"]
    clock.shift(5)
    client.delete(f"/api/v1/exemplars/{register['ward']['exemplar'].pk}/")
    after = client.get("/api/v1/exemplars/", HTTP_IF_MODIFIED_SINCE=stamp)
    assert after.status_code == 200
    assert after.json()["count"] == 0


def test_rate_limit_answers_429_with_retry_after(tokens, register, api, settings, clock):
    settings.API_RATE_LIMIT, settings.API_RATE_WINDOW = 3, 60
    client = api(tokens["ward_ro"])
    assert [client.get("/api/v1/units/").status_code for _ in range(3)] == [200] * 3
    refused = client.get("/api/v1/units/")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"  # the whole window, just locked
    clock.shift(20)
    later = client.get("/api/v1/units/")
    assert later.status_code == 429
    assert later["Retry-After"] == "40"  # what is left of it, 20 s on
    assert "thử lại sau" in refused.json()["detail"]
    # Per token: another token of the same ward still gets in.
    assert api(tokens["ward_rw"]).get("/api/v1/units/").status_code == 200


def test_bearer_header_works_and_a_bad_token_is_refused(tokens, register, api):
    from django.test import Client

    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {tokens['ward_ro']}")
    assert bearer.get("/api/v1/units/").status_code == 200
    wrong = Client(HTTP_AUTHORIZATION="Token nh_khong-phai-ma-that")
    answer = wrong.get("/api/v1/units/")
    assert answer.status_code == 401
    assert answer.json()["detail"] == "Mã truy cập không hợp lệ."
    assert api(tokens["expired"]).get("/api/v1/units/").json()["detail"] == (
        "Mã truy cập đã hết hạn."
    )


def test_text_is_stored_nfc_and_dates_read_iso(tokens, register, api):
    decomposed = "Ho\u0300m thu\u031b ve\u0302\u0300 ho\u0301a"  # NFD
    answer = api(tokens["ward_rw"]).post(
        "/api/v1/schemes/", NEW_MAILBOX | {"name": decomposed, "established_on": "30/05/2025"}
    )
    assert answer.status_code == 400
    assert "established_on" in answer.json()["errors"]
    answer = api(tokens["ward_rw"]).post(
        "/api/v1/schemes/", NEW_MAILBOX | {"name": decomposed, "established_on": "2025-05-30"}
    )
    assert answer.status_code == 201
    assert answer.json()["name"] == "Hòm thư về hóa"
    assert answer.json()["established_on"] == "2025-05-30"


def test_nul_or_lone_surrogate_in_json_is_a_400_and_nothing_saved(tokens, register, api):
    client, before = api(tokens["ward_rw"]), Scheme.objects.count()
    for bad in ("Hòm\x00thư", "Hòm \udb84 thư"):
        answer = client.post("/api/v1/schemes/", NEW_MAILBOX | {"kind": bad, "name": bad})
        assert answer.status_code == 400
        assert answer.json()["detail"].startswith("Nội dung gửi lên có ký tự")
    assert Scheme.objects.count() == before
