"""The life of a job: requested by a user, run by a worker, expired by the beat."""

import logging
import re
import threading
import unicodedata
from contextlib import contextmanager
from datetime import timedelta
from importlib import import_module
from types import ModuleType

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import OperationalError, connections, transaction
from django.db.models import F, Q
from django.http import FileResponse, Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as KombuOperationalError

from documents import renderers
from documents.models import Job, JobStatus
from documents.registry import DocumentKind, RenderError, RenderRequest, all_kinds, get_kind

logger = logging.getLogger(__name__)


def scoping() -> ModuleType:
    """The module that scopes rows to users (settings.DOCUMENTS_SCOPING): ``scoped``,
    ``get_for_user``, ``unit_of``, ``has_perm``."""
    return import_module(settings.DOCUMENTS_SCOPING)


# --------------------------------------------------------------------------- requesting


def form_data(kind: DocumentKind, form) -> dict:
    """The submitted values of ``form``'s fields, JSON-able, to be cleaned again by the worker."""
    data = {}
    for name, bound in form.fields.items():
        key = form.add_prefix(name)
        if hasattr(form.data, "getlist") and getattr(bound.widget, "allow_multiple_selected", 0):
            data[key] = form.data.getlist(key)
        elif key in form.data:
            data[key] = form.data[key]
    return data


def request_document(user, kind_identifier: str, obj, fmt: str = "pdf", params=None) -> Job:
    """Create a queued job for ``obj`` and send it to a worker when the transaction commits.

    Raises LookupError for an unknown kind, ValueError for a format the kind does not render
    or an object of the wrong model, Http404/PermissionDenied (from the scoping module) when
    the user may not print this object, ValidationError when the parameters are invalid, and
    PrintingUnavailable when no worker can be reached (then no job is left behind).
    """
    kind = get_kind(kind_identifier)
    if fmt not in kind.formats:
        raise ValueError(f"{kind.identifier} does not render {fmt!r}")
    if obj._meta.label_lower != kind.model.lower():
        raise ValueError(f"{kind.identifier} prints {kind.model}, not {obj._meta.label}")
    scope = scoping()
    obj = scope.get_for_user(
        user, kind.model_class._default_manager.all(), kind.permission, pk=obj.pk
    )
    params = dict(params or {})
    form = kind.build_form(params, obj)
    if form is not None and not form.is_valid():
        raise ValidationError(form.errors.as_text())
    job = Job.objects.create(
        kind=kind.identifier,
        fmt=fmt,
        object_id=str(obj.pk),
        params=params,
        title=_("%(kind)s — %(object)s") % {"kind": kind.verbose_name, "object": obj},
        owner=user,
        unit=scope.unit_of(obj),
    )
    enqueue(job)
    if current_app.conf.task_always_eager:
        job.refresh_from_db()
    return job


class PrintingUnavailable(Exception):
    """The broker cannot be reached: the job was not created."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Hiện không in được: máy xử lý văn bản không liên lạc được. "
                "Yêu cầu chưa được ghi nhận; hãy thử lại sau ít phút hoặc báo quản trị viên."
            )
        )


def enqueue(job: Job) -> None:
    """Send ``job`` to a worker once the transaction that created it commits; if the broker
    cannot take it, the job is deleted again and PrintingUnavailable raised, so no job waits
    for a message that was never sent."""
    from documents.tasks import render_job

    if current_app.conf.task_always_eager:
        # In-process execution shares this connection and transaction: waiting for a commit
        # (which a test's transaction never makes) would leave the job queued for ever.
        render_job.delay(job.pk)
        return

    def send_or_withdraw() -> None:
        if not send(job.pk):
            Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).delete()
            raise PrintingUnavailable

    transaction.on_commit(send_or_withdraw)


def send(job_id: int) -> bool:
    """Hand the job to the broker; False (logged) when the broker cannot be reached. No retries:
    a user may be waiting, and the beat sends again what stays queued."""
    from documents.tasks import render_job

    try:
        render_job.apply_async((job_id,), retry=False)
    except (KombuOperationalError, OSError):
        logger.exception("Broker unreachable: job %s not sent", job_id)
        return False
    return True


def visible_jobs(user):
    """The jobs ``user`` may open: their own, and their colleagues' of a kind their role may
    print, within their scope (a job of a unit they left is gone). Colleagues see each
    other's printouts; nobody sees another unit's."""
    scope = scoping()
    kinds = [kind.identifier for kind in all_kinds() if scope.has_perm(user, kind.permission)]
    return scope.scoped(user, Job.objects.filter(Q(owner=user) | Q(kind__in=kinds)))


def file_response(job: Job) -> FileResponse:
    """The job's file, downloaded under its Vietnamese name; 404 until the job is done and
    after its file expired."""
    if not job.is_downloadable:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=True, filename=job.filename, content_type=job.mimetype
    )


# --------------------------------------------------------------------------- running


class Transient(Exception):
    """The job met a passing failure (database unreachable) and should be tried again."""


def claim(job_id: int) -> bool:
    """Take a queued job for this worker; False when another worker has it or it is finished
    (so a message delivered twice renders once)."""
    return (
        Job.objects.filter(id=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING,
            started_at=timezone.now(),
            heartbeat_at=timezone.now(),
            finished_at=None,
            attempts=F("attempts") + 1,
            progress_done=0,
            error="",
        )
        == 1
    )


class _Progress:
    """Writes progress to the job row every 2 % or 0.5 s and at the end, whatever the
    caller's rate."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.last = (-1, 0, timezone.now())

    def __call__(self, done: int, total: int) -> None:
        now = timezone.now()
        last_done, last_total, last_at = self.last
        small_step = done - last_done < max(1, total // 50)
        recent = now - last_at < timedelta(seconds=0.5)
        if total == last_total and done < total and small_step and recent:
            return
        Job.objects.filter(id=self.job_id).update(
            progress_done=min(done, total), progress_total=total
        )
        self.last = (done, total, now)


def build_request(job: Job) -> RenderRequest:
    kind = get_kind(job.kind)
    try:
        obj = kind.model_class._default_manager.get(pk=job.object_id)
    except kind.model_class.DoesNotExist:
        raise RenderError(
            _("Không còn %(model)s này (đã bị xóa?). Không tạo được văn bản.")
            % {"model": kind.model_class._meta.verbose_name}
        ) from None
    params = job.params
    form = kind.build_form(job.params, obj)
    if form is not None:
        if not form.is_valid():
            raise RenderError(
                _("Tham số không còn hợp lệ: %(errors)s") % {"errors": form.errors.as_text()}
            )
        params = form.cleaned_data
    return RenderRequest(
        kind=kind,
        obj=obj,
        fmt=job.fmt,
        params=params,
        user=job.owner,
        created=job.created_at,
        on_progress=_Progress(job.pk),
    )


def run_job(job_id: int) -> None:
    """Render a claimed job and store its file; RenderError and Transient propagate."""
    job = Job.objects.select_related("owner").get(pk=job_id)
    try:
        kind = get_kind(job.kind)
    except LookupError:
        raise RenderError(_("Loại văn bản này không còn được hỗ trợ.")) from None
    request = build_request(job)
    # Documents are printed in Vietnamese, whatever the language of the page that asked.
    with translation.override(settings.LANGUAGE_CODE), renderers.document_timestamp(job.created_at):
        try:
            rendered = kind.render(request)
        except OperationalError as exc:
            raise Transient(str(exc)) from exc
    if not isinstance(rendered.content, bytes) or not rendered.content:
        raise RenderError(_("Văn bản tạo ra bị rỗng. Báo quản trị viên."))
    if job.file:
        job.file.delete(save=False)
    job.file.save(storage_name(rendered.filename), ContentFile(rendered.content), save=False)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        file=job.file.name,
        filename=rendered.filename,
        mimetype=rendered.mimetype,
        size=len(rendered.content),
        progress_done=F("progress_total"),
        finished_at=timezone.now(),
        expires_at=timezone.now() + timedelta(hours=settings.DOCUMENTS_FILE_TTL_HOURS),
        error="",
    )


def storage_name(filename: str) -> str:
    """An ASCII file name for the disk; the user still downloads the Vietnamese name."""
    ascii_name = (
        unicodedata.normalize("NFKD", filename.replace("đ", "d").replace("Đ", "D"))
        .encode("ascii", "ignore")
        .decode()
    )
    stem, dot, extension = ascii_name.rpartition(".")
    stem = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower()[:80] or "van-ban"
    return f"{stem}{dot}{extension.lower()}" if dot else stem


def fail(job_id: int, message: str) -> None:
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.FAILED, error=message, finished_at=timezone.now()
    )


def release(job_id: int) -> None:
    """Put a running job back in the queue for a retry."""
    Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
        status=JobStatus.QUEUED, heartbeat_at=timezone.now()
    )


@contextmanager
def heartbeat(job_id: int):
    """While the block runs, a thread marks the job alive every DOCUMENTS_HEARTBEAT_SECONDS:
    a long rendering reports no progress for minutes, yet its worker is alive."""
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(settings.DOCUMENTS_HEARTBEAT_SECONDS):
                Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
        except OperationalError:
            logger.exception("Heartbeat of job %s stopped", job_id)
        finally:
            connections.close_all()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def regenerate(user, job: Job) -> Job:
    """A fresh job with the same kind, object, format and parameters."""
    kind = get_kind(job.kind)
    obj = kind.model_class._default_manager.get(pk=job.object_id)
    return request_document(user, job.kind, obj, job.fmt, job.params)


# --------------------------------------------------------------------------- upkeep


def cleanup_expired(now=None) -> int:
    """Delete the files of expired jobs; the rows stay so users see what expired."""
    now = now or timezone.now()
    count = 0
    for job in Job.objects.filter(expires_at__lte=now).exclude(file=""):
        job.file.delete(save=False)
        Job.objects.filter(pk=job.pk).update(file="", size=0)
        count += 1
    return count


def requeue_stale(now=None) -> list[int]:
    """Send again the jobs whose heartbeat stopped: running ones whose worker died (queued
    again, or failed after the last attempt), and queued ones whose message was lost."""
    now = now or timezone.now()
    dead = now - timedelta(seconds=settings.DOCUMENTS_STALE_SECONDS)
    lost = now - timedelta(seconds=settings.DOCUMENTS_RESEND_QUEUED_SECONDS)
    requeued = []
    for job_id, status, attempts in Job.objects.filter(
        Q(status=JobStatus.RUNNING, heartbeat_at__lt=dead)
        | Q(status=JobStatus.QUEUED, heartbeat_at__lt=lost)
    ).values_list("id", "status", "attempts"):
        if status == JobStatus.RUNNING and attempts >= settings.DOCUMENTS_MAX_ATTEMPTS:
            Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
                status=JobStatus.FAILED,
                finished_at=now,
                error=_(
                    "Máy xử lý đã dừng giữa chừng %(count)d lần khi tạo văn bản này. "
                    "Hãy thử lại sau hoặc báo quản trị viên."
                )
                % {"count": attempts},
            )
            continue
        cutoff = dead if status == JobStatus.RUNNING else lost
        # Only if nobody touched the job since it was read: a worker may have just claimed it.
        if (
            Job.objects.filter(pk=job_id, status=status, heartbeat_at__lt=cutoff).update(
                status=JobStatus.QUEUED, heartbeat_at=now
            )
            == 1
        ):
            requeued.append(job_id)
            send(job_id)  # if the broker is down, the job stays queued for the next round
    return requeued
