from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents import fields as vn
from documents.storage import get_private_storage


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không tạo được")


def job_file_path(job: "Job", filename: str) -> str:
    # One folder per job and a fixed name, so running a job again overwrites its own file.
    return f"jobs/{job.pk}/{filename}"


class JobQuerySet(models.QuerySet):
    def pending(self) -> "JobQuerySet":
        return self.filter(status__in=(JobStatus.QUEUED, JobStatus.RUNNING))


class Job(models.Model):
    """One request for a document: who asked, for what, and where the result is.

    The row is the contract between the web and the worker: the web creates it queued,
    the worker claims it (running), reports progress on it and finishes it (done or failed);
    the browser polls it.
    """

    scope_lookup = "unit"

    kind = vn.CharField(_("loại văn bản"), max_length=100)
    fmt = vn.CharField(_("định dạng"), max_length=10)
    object_id = vn.CharField(_("mã đối tượng"), max_length=64)
    params = vn.JSONField(_("tham số"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    title = vn.CharField(_("tên văn bản"), max_length=255)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.CASCADE,
        related_name="document_jobs",
    )
    unit = models.ForeignKey(
        settings.DOCUMENTS_UNIT_MODEL,
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="document_jobs",
    )
    status = vn.CharField(
        _("trạng thái"),
        max_length=10,
        choices=JobStatus.choices,
        default=JobStatus.QUEUED,
        db_index=True,
    )
    progress_done = vn.PositiveIntegerField(_("đã xong"), default=0)
    progress_total = vn.PositiveIntegerField(_("tổng số"), default=0)
    attempts = vn.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    error = vn.TextField(_("lý do lỗi"), blank=True)
    file = models.FileField(
        _("tệp"), upload_to=job_file_path, storage=get_private_storage, blank=True, max_length=255
    )
    filename = vn.CharField(_("tên tệp"), max_length=255, blank=True)
    mimetype = vn.CharField(max_length=100, blank=True)
    size = vn.PositiveBigIntegerField(_("dung lượng"), default=0)
    created_at = models.DateTimeField(_("lúc yêu cầu"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("lúc bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)
    # The job's last sign of life: sent to the broker, claimed, or (every
    # DOCUMENTS_HEARTBEAT_SECONDS) still being rendered. A job whose heartbeat stops is sent
    # again by requeue_stale.
    heartbeat_at = models.DateTimeField(_("lần cuối còn chạy"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True, db_index=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản in")
        verbose_name_plural = _("văn bản in")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.fmt.upper()})"

    @property
    def is_pending(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def is_downloadable(self) -> bool:
        return self.status == JobStatus.DONE and bool(self.file)

    @property
    def is_expired(self) -> bool:
        return self.status == JobStatus.DONE and not self.file

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)
