"""The life of a job, run eagerly in-process: request, render, retry, fail, expire, re-queue."""

import time
from datetime import timedelta
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from documents import renderers
from documents.models import Job, JobStatus
from documents.registry import ParamsForm, Rendered, RenderError
from documents.services import (
    cleanup_expired,
    heartbeat,
    request_document,
    requeue_stale,
    storage_name,
)
from tests.documents.conftest import Flaky


# Now is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.
def test_a_job_belongs_to_the_unit_of_the_object_and_ends_done(people, units, areas):
    job = request_document(people["ward_official"], "wards.profile", units["ward"], "pdf")
    assert job.unit == units["ward"]
    assert job.owner == people["ward_official"]
    assert job.status == JobStatus.DONE
    assert job.attempts == 1
    assert job.filename == "Hồ sơ Phường An.pdf"
    assert job.file.name == f"jobs/{job.pk}/ho-so-phuong-an.pdf"
    assert job.file.read().startswith(b"%PDF")
    assert job.size == job.file.size
    assert job.expires_at > timezone.now() + timedelta(days=6)
    assert job.started_at <= job.finished_at


def test_another_units_object_is_not_found(people, units):
    with pytest.raises(Http404):
        request_document(people["outsider"], "wards.profile", units["ward"], "pdf")
    assert not Job.objects.exists()


def test_a_district_officer_prints_for_a_ward_below(people, units, areas):
    job = request_document(people["district"], "wards.profile", units["ward"], "xlsx")
    assert job.status == JobStatus.DONE
    assert job.unit == units["ward"]


def test_a_role_without_the_kinds_permission_is_refused(people, units, kind):
    kind("t.approval", lambda request: None, permission="approve")
    with pytest.raises(PermissionDenied):
        request_document(people["ward_official"], "t.approval", units["ward"], "pdf")


def test_unknown_kind_format_or_model_is_refused(people, units, areas):
    user = people["ward_official"]
    with pytest.raises(LookupError):
        request_document(user, "wards.nothing", units["ward"], "pdf")
    with pytest.raises(ValueError, match="docx"):
        request_document(user, "wards.profile", units["ward"], "docx")
    with pytest.raises(ValueError, match="ResidentialArea"):
        request_document(user, "wards.profile", areas[0], "pdf")


class CopiesForm(ParamsForm):
    copies = forms.IntegerField(label="Số bản", min_value=1, max_value=5)
    note = forms.CharField(label="Ghi chú", required=False)

    def clean_note(self):
        # The object being printed is at hand for checks that need it.
        return f"{self.cleaned_data['note']} — {self.obj.name}"


def _echo_params(request):
    text = f"{request.params['copies']} bản; {request.params['note']}"
    return Rendered("tham-so.pdf", renderers.typst_pdf("plain.typ", {"text": text}))


def test_parameters_are_validated_then_cleaned_again_by_the_worker(people, units, kind, typ_dir):
    import io

    import pypdf

    kind("t.params", _echo_params, params_form=CopiesForm)
    user = people["ward_official"]
    with pytest.raises(ValidationError):
        request_document(user, "t.params", units["ward"], "pdf", {"copies": "9"})

    # Decomposed input (as some keyboards send) is stored and printed composed.
    job = request_document(
        user, "t.params", units["ward"], "pdf", {"copies": "2", "note": "Khe\u0301n"}
    )
    assert job.status == JobStatus.DONE, job.error
    text = pypdf.PdfReader(io.BytesIO(job.file.read())).pages[0].extract_text()
    assert "2 bản; Khén — An" in text


@pytest.mark.parametrize(("failures", "status"), [(2, JobStatus.DONE), (10, JobStatus.FAILED)])
def test_a_transient_database_error_is_retried_up_to_three_times(
    people, units, kind, typ_dir, failures, status
):
    flaky = Flaky(failures)
    kind("t.flaky", flaky)
    job = request_document(people["ward_official"], "t.flaky", units["ward"], "pdf")
    assert job.status == status
    assert job.attempts == 3
    assert flaky.calls == 3
    if status == JobStatus.FAILED:
        # It stays failed, says why, and leaves no file.
        assert "sau 3 lần thử" in job.error
        assert "Connection refused" in job.error
        assert not job.file


def test_a_render_error_fails_at_once_with_its_message(people, units, kind):
    def refuse(request):
        raise RenderError("Chưa có quyết định khen thưởng nào để in.")

    kind("t.refuse", refuse)
    job = request_document(people["ward_official"], "t.refuse", units["ward"], "pdf")
    assert job.status == JobStatus.FAILED
    assert job.attempts == 1
    assert job.error == "Chưa có quyết định khen thưởng nào để in."


def test_an_unexpected_error_fails_with_a_plain_message(people, units, kind):
    def crash(request):
        return {}["missing"]

    kind("t.crash", crash)
    job = request_document(people["ward_official"], "t.crash", units["ward"], "pdf")
    assert job.status == JobStatus.FAILED
    assert "Lỗi không mong đợi" in job.error
    assert "KeyError" not in job.error


def test_progress_is_recorded_on_the_job(people, units, kind, typ_dir):
    seen = []

    def counted(request):
        for done in range(1, 201):
            request.progress(done, 200)
            seen.append(Job.objects.values_list("progress_done", "progress_total").get())
        return Rendered("dem.pdf", renderers.typst_pdf("plain.typ", {"text": "200"}))

    kind("t.count", counted)
    job = request_document(people["ward_official"], "t.count", units["ward"], "pdf")
    assert (job.progress_done, job.progress_total, job.percent) == (200, 200, 100)
    # Written in steps, not on every item.
    assert 3 < len(set(seen)) < 200
    assert seen[-1] == (200, 200)


def test_running_a_job_again_writes_the_same_bytes(people, units, areas):
    from documents.tasks import render_job

    for fmt in ("pdf", "xlsx"):
        job = request_document(people["ward_official"], "wards.profile", units["ward"], fmt)
        first = job.file.read()
        Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
        render_job.delay(job.pk)
        job.refresh_from_db()
        assert job.status == JobStatus.DONE
        assert job.attempts == 2
        assert job.file.name == f"jobs/{job.pk}/ho-so-phuong-an.{fmt}"
        assert job.file.read() == first


def test_a_message_delivered_twice_renders_once(people, units, areas):
    from documents.tasks import render_job

    job = request_document(people["ward_official"], "wards.profile", units["ward"], "pdf")
    assert render_job.delay(job.pk).get() == "skipped"
    job.refresh_from_db()
    assert job.attempts == 1


def test_expired_files_are_deleted_and_the_row_kept(people, units, areas):
    job = request_document(people["ward_official"], "wards.profile", units["ward"], "pdf")
    fresh = request_document(people["ward_official"], "wards.profile", units["ward"], "xlsx")
    path = job.file.path
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    assert cleanup_expired() == 1
    job.refresh_from_db()
    fresh.refresh_from_db()
    assert job.is_expired
    assert not job.is_downloadable
    assert not job.file
    assert not Path(path).exists()
    assert fresh.is_downloadable


def test_a_job_whose_heartbeat_stopped_is_queued_again(people, units, areas):
    job = request_document(people["ward_official"], "wards.profile", units["ward"], "pdf")
    now = timezone.now()
    silent = now - timedelta(seconds=61)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, heartbeat_at=silent)
    # Started long ago, but alive: a long rendering is left alone.
    recent = request_document(people["ward_official"], "wards.profile", units["ward"], "xlsx")
    Job.objects.filter(pk=recent.pk).update(
        status=JobStatus.RUNNING,
        started_at=now - timedelta(hours=1),
        heartbeat_at=now - timedelta(seconds=30),
    )

    assert requeue_stale(now) == [job.pk]
    job.refresh_from_db()
    recent.refresh_from_db()
    # Eagerly run again at once; the one still beating is left alone.
    assert job.status == JobStatus.DONE
    assert job.attempts == 2
    assert recent.status == JobStatus.RUNNING


def test_a_queued_job_whose_message_was_lost_is_sent_again(people, units, areas):
    job = request_document(people["ward_official"], "wards.profile", units["ward"], "pdf")
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.QUEUED, attempts=0, heartbeat_at=now - timedelta(minutes=6)
    )
    waiting = request_document(people["ward_official"], "wards.profile", units["ward"], "xlsx")
    Job.objects.filter(pk=waiting.pk).update(
        status=JobStatus.QUEUED, attempts=0, heartbeat_at=now - timedelta(minutes=1)
    )

    assert requeue_stale(now) == [job.pk]
    job.refresh_from_db()
    waiting.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 1)
    assert waiting.status == JobStatus.QUEUED


def test_a_job_that_died_on_its_last_attempt_fails(people, units, areas):
    job = request_document(people["ward_official"], "wards.profile", units["ward"], "pdf")
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=3, heartbeat_at=timezone.now() - timedelta(minutes=2)
    )
    assert requeue_stale() == []
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "dừng giữa chừng 3 lần" in job.error


@pytest.mark.parametrize(
    ("filename", "stored"),
    [
        ("Hồ sơ Phường An.pdf", "ho-so-phuong-an.pdf"),
        ("Danh sách khen thưởng Đợt 2/2025.XLSX", "danh-sach-khen-thuong-dot-2-2025.xlsx"),
        ("快.docx", "van-ban.docx"),
    ],
)
def test_files_are_stored_under_ascii_names(filename, stored):
    assert storage_name(filename) == stored


def test_documents_print_in_vietnamese_whatever_the_language_of_the_page(people, units, kind):
    from django.utils.translation import gettext, override

    kind("t.words", lambda request: Rendered("loi.pdf", gettext("Giao ước thi đua").encode()))
    with override("en"):
        assert gettext("Giao ước thi đua") == "Emulation pledge"  # the page's language
        job = request_document(people["ward_official"], "t.words", units["ward"], "pdf")
    job.refresh_from_db()
    with job.file.open("rb") as handle:
        assert handle.read().decode() == "Giao ước thi đua"


@pytest.mark.django_db(transaction=True)
def test_a_running_job_beats_until_it_ends(people, units, settings):
    """The heartbeat thread writes through its own connection, as in a worker: committed rows."""
    settings.DOCUMENTS_HEARTBEAT_SECONDS = 0.2
    job = request_document(people["ward_official"], "wards.profile", units["ward"], "pdf")
    long_ago = timezone.now() - timedelta(minutes=10)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, heartbeat_at=long_ago)
    with heartbeat(job.pk):
        time.sleep(1)
        beating = Job.objects.get(pk=job.pk).heartbeat_at
    assert beating > long_ago + timedelta(minutes=9)
    time.sleep(0.5)
    assert Job.objects.get(pk=job.pk).heartbeat_at == beating  # stopped with the block
    assert requeue_stale(beating + timedelta(seconds=59)) == []
