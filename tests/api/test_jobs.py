"""Print jobs through the API: requested through the document pipeline, run by a real worker,
polled and downloaded; refused with reasons when they cannot be."""

# Today is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.

import io
import time

import openpyxl
import pytest
from django.core.cache import cache
from django.utils import timezone

from documents.models import Job
from tests.api.conftest import ApiClient
from wards.models import Signer


@pytest.fixture
def signer(units):
    return Signer.objects.create(unit=units["province"], name="Phạm Văn Tỉnh", title="Chủ tịch")


def _summary(year=None, **extra):
    return {
        "kind": "dashboards.unit_summary",
        "format": "xlsx",
        "object": "90",
        "params": {"year": year or timezone.localdate().year},
        **extra,
    }


def _poll(client, job_id, timeout=90):
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/v1/print-jobs/{job_id}/").json()
        seen.append(job["status"])
        if job["status"] not in ("queued", "running"):
            return job, seen
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} still {job['status']} after {timeout} s")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_province_prints_its_wards_summary_through_a_worker(celery_worker, tokens, signer):
    cache.clear()  # an earlier test's print requests, by a user of the same id, do not count
    client = ApiClient(tokens["province_rw"])
    asked = client.post("/api/v1/print-jobs/", _summary())
    assert asked.status_code == 202, asked.content
    assert asked.json()["status"] == "queued"
    assert asked.json()["download_url"] is None

    job, seen = _poll(client, asked.json()["id"])
    assert job["status"] == "done", job["error"]
    assert job["percent"] == 100
    assert job["filename"].endswith(".xlsx")
    download = client.get(job["download_url"])
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert len(content) == job["size"]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    texts = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value}
    assert {"An", "Bình", "Cam"} <= texts

    # The job is the province's: a ward below it does not see it.
    ward = ApiClient(tokens["ward_rw"])
    assert ward.get(f"/api/v1/print-jobs/{job['id']}/").status_code == 404
    assert ward.get(f"/api/v1/print-jobs/{job['id']}/download/").status_code == 404
    assert [j["id"] for j in client.get("/api/v1/print-jobs/").json()["results"]] == [job["id"]]


@pytest.mark.django_db
def test_a_job_that_cannot_be_asked_for_says_why(tokens, signer, units):
    client = ApiClient(tokens["province_rw"])

    unknown = client.post("/api/v1/print-jobs/", _summary(kind="khong.co"))
    assert unknown.status_code == 400
    assert unknown.json()["errors"]["kind"] == ["Không có loại văn bản này."]

    wrong_format = client.post("/api/v1/print-jobs/", _summary(format="odt"))
    assert wrong_format.status_code == 400
    assert "xlsx" in wrong_format.json()["errors"]["format"][0]

    later = timezone.localdate().year + 1
    future = client.post("/api/v1/print-jobs/", _summary(year=later))
    assert future.status_code == 400
    assert future.json()["errors"]["params"]["year"] == [f"Chưa đến năm {later}."]

    far = client.post("/api/v1/print-jobs/", _summary(object="91"))
    assert far.status_code == 404
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_a_read_only_token_does_not_print(tokens, signer):
    client = ApiClient(tokens["province_ro"])
    assert client.post("/api/v1/print-jobs/", _summary()).status_code == 403
    assert client.get("/api/v1/print-jobs/kinds/").json() == []
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_the_kinds_a_token_may_print(tokens):
    kinds = ApiClient(tokens["ward_rw"]).get("/api/v1/print-jobs/kinds/").json()
    summary = next(kind for kind in kinds if kind["kind"] == "dashboards.unit_summary")
    assert summary["formats"] == ["xlsx", "pdf", "docx"]
    assert summary["model"] == "wards.AdministrativeUnit"
    assert "year" in summary["params"]


@pytest.mark.django_db
def test_too_many_print_requests_wait(tokens, signer, settings):
    settings.DOCUMENTS_REQUEST_LIMIT = 2
    cache.clear()
    client = ApiClient(tokens["province_rw"])
    assert client.post("/api/v1/print-jobs/", _summary()).status_code == 202
    assert client.post("/api/v1/print-jobs/", _summary()).status_code == 202
    refused = client.post("/api/v1/print-jobs/", _summary())
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert Job.objects.count() == 2
