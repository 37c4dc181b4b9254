"""Jobs through a real worker process on the suite's broker, as in production."""

import io
import time

import pypdf
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from config.celery_app import app
from documents.models import Job, JobStatus
from documents.services import request_document
from tests.conftest import make_unit, make_user
from wards.models import AreaKind, Level, ResidentialArea, Role


# Now is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.
def wait_for(job_id: int, timeout: float = 60) -> tuple[Job, set[str]]:
    """Poll the row like the browser does; returns the finished job and the statuses seen."""
    seen = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = Job.objects.get(pk=job_id)
        seen.add(job.status)
        if not job.is_pending:
            return job, seen
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} still {job.status} after {timeout} s")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_job_is_queued_run_and_finished_by_a_worker(celery_worker, client):
    province = make_unit("90", "Thử", Level.PROVINCE, division_type="tỉnh")
    ward = make_unit("90001", "An", Level.WARD, province, "phường")
    user = make_user("canbo.an", Role.WARD_OFFICIAL, ward)
    ResidentialArea.objects.create(
        ward=ward, kind=AreaKind.THON, name="Thôn Đông", households=120, population=450
    )
    client.force_login(user)

    response = client.post(
        reverse("documents:generate"), {"kind": "wards.profile", "fmt": "pdf", "object": ward.pk}
    )
    job_id = Job.objects.get().pk
    assert response["Location"] == reverse("documents:job", args=[job_id])
    job, seen = wait_for(job_id)

    assert job.status == JobStatus.DONE, job.error
    assert seen - {JobStatus.QUEUED, JobStatus.RUNNING} == {JobStatus.DONE}
    assert job.attempts == 1
    assert (job.progress_done, job.progress_total) == (1, 1)
    text = pypdf.PdfReader(io.BytesIO(job.file.read())).pages[0].extract_text()
    assert "ỦY BAN NHÂN DÂN\nPHƯỜNG AN" in text
    assert "Thôn Đông" in text
    download = client.get(reverse("documents:download", args=[job_id]))
    assert b"".join(download.streaming_content) == job.file.open("rb").read()

    # Data the fonts cannot print fails the job with the reason, in the worker too.
    ResidentialArea.objects.create(ward=ward, kind=AreaKind.THON, name="Thôn 汉")
    client.post(
        reverse("documents:generate"), {"kind": "wards.profile", "fmt": "pdf", "object": ward.pk}
    )
    failed, _ = wait_for(Job.objects.latest("pk").pk)
    assert failed.status == JobStatus.FAILED
    assert "“汉” (U+6C49)" in failed.error
    assert not failed.file


def test_the_beat_cleans_up_hourly_and_requeues_stale_jobs(people, units):
    entries = settings.CELERY_BEAT_SCHEDULE.values()
    schedule = {entry["task"]: entry["schedule"] for entry in entries}
    assert schedule["documents.cleanup_expired"] == 3600
    # A dead worker's job is silent for DOCUMENTS_STALE_SECONDS, then found by the next round.
    assert schedule["documents.requeue_stale"] + settings.DOCUMENTS_STALE_SECONDS <= 120
    job = request_document(people["ward_official"], "wards.profile", units["ward"], "pdf")
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now())
    assert app.tasks["documents.cleanup_expired"].delay().get() == 1
    assert app.tasks["documents.requeue_stale"].delay().get() == []
