"""Celery tasks of the document pipeline. They take ids, never model instances."""

import logging

import typst
from celery import shared_task
from django.conf import settings
from django.db import OperationalError
from django.utils.translation import gettext as _

from documents import services
from documents.models import Job
from documents.registry import RenderError

logger = logging.getLogger(__name__)


# The job row holds the outcome: no result is stored, and sending needs no result backend.
@shared_task(bind=True, name="documents.render_job", acks_late=True, ignore_result=True)
def render_job(self, job_id: int) -> str:
    """Render one job. Expected errors fail it with the reason; a passing database error is
    retried with backoff until the job has run DOCUMENTS_MAX_ATTEMPTS times."""
    try:
        if not services.claim(job_id):
            return "skipped"
        if self.request.is_eager:  # in-process: no worker of its own to die
            services.run_job(job_id)
        else:
            with services.heartbeat(job_id):
                services.run_job(job_id)
    except RenderError as exc:
        services.fail(job_id, str(exc))
        return "failed"
    except typst.TypstError as exc:
        services.fail(job_id, _("Mẫu văn bản có lỗi: %(message)s") % {"message": exc.message})
        return "failed"
    except (OperationalError, services.Transient) as exc:
        return _retry_or_fail(self, job_id, exc)
    except Exception:
        logger.exception("document job %s failed", job_id)
        services.fail(
            job_id,
            _(
                "Lỗi không mong đợi khi tạo văn bản; lỗi đã được ghi lại cho quản trị viên. "
                "Hãy thử tạo lại sau ít phút."
            ),
        )
        return "failed"
    return "done"


def _retry_or_fail(task, job_id: int, exc: Exception) -> str:
    attempts = Job.objects.filter(pk=job_id).values_list("attempts", flat=True).first() or 0
    if attempts >= settings.DOCUMENTS_MAX_ATTEMPTS:
        services.fail(
            job_id,
            _(
                "Không tạo được văn bản sau %(count)d lần thử vì cơ sở dữ liệu tạm thời không "
                "trả lời (%(reason)s). Hãy tạo lại sau ít phút; nếu vẫn lỗi, báo quản trị viên."
            )
            % {"count": attempts, "reason": str(exc)[:200]},
        )
        return "failed"
    services.release(job_id)
    # A new message rather than task.retry(): the attempts are counted on the job row (a
    # re-queue by the beat counts too), and eager runs in tests retry the same way.
    task.apply_async((job_id,), countdown=2**attempts)
    return "retrying"


@shared_task(name="documents.cleanup_expired")
def cleanup_expired() -> int:
    return services.cleanup_expired()


@shared_task(name="documents.requeue_stale")
def requeue_stale() -> list[int]:
    return services.requeue_stale()
