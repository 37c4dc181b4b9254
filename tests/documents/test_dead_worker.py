"""A worker killed while it renders: the job's heartbeat stops, the beat's next round after
DOCUMENTS_STALE_SECONDS queues it again, and another worker finishes it."""

import os
import signal
import time
from datetime import timedelta

import pytest

from config.celery_app import app
from documents.models import Job, JobStatus
from documents.services import requeue_stale
from tests.workers import test_database_url as database_url
from tests.workers import worker_process


def wait_until(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.1)
    raise AssertionError(what)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_died_is_picked_up_within_two_minutes(people, units, settings):
    job = Job.objects.create(
        kind="tests.slow",
        fmt="pdf",
        object_id=str(units["ward"].pk),
        params={"seconds": 60},
        title="Chậm",
        owner=people["ward_official"],
        unit=units["ward"],
    )
    env = {"DATABASE_URL": database_url(), "DOCUMENTS_HEARTBEAT_SECONDS": "1"}
    with worker_process(env, ready_app=app, app="tests.slow_worker") as worker:
        app.send_task("documents.render_job", args=[job.pk])
        wait_until(
            lambda: Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).exists(),
            60,
            "the worker never claimed the job",
        )
        first = Job.objects.get(pk=job.pk).heartbeat_at
        wait_until(lambda: Job.objects.get(pk=job.pk).heartbeat_at > first, 10, "no heartbeat")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
    died = Job.objects.get(pk=job.pk)
    assert died.status == JobStatus.RUNNING

    # Still within DOCUMENTS_STALE_SECONDS of its last beat: a live worker may be slow.
    silent = timedelta(seconds=settings.DOCUMENTS_STALE_SECONDS)
    assert requeue_stale(died.heartbeat_at + silent - timedelta(seconds=1)) == []
    # The beat runs every minute: at most a minute after the job falls silent, it is sent again.
    every = settings.CELERY_BEAT_SCHEDULE["documents-requeue-stale"]["schedule"]
    assert settings.DOCUMENTS_STALE_SECONDS + every <= 120
    Job.objects.filter(pk=job.pk).update(params={"seconds": 0})
    with worker_process(env, ready_app=app, app="tests.slow_worker"):
        assert requeue_stale(died.heartbeat_at + silent + timedelta(seconds=1)) == [job.pk]
        done = wait_until(
            lambda: Job.objects.filter(pk=job.pk, status=JobStatus.DONE).first(),
            60,
            "the job was not finished by the second worker",
        )
    assert done.attempts == 2
    assert done.file.read() == b"%PDF-1.7 slow"
