"""API tokens and the writes remembered by their idempotency key.

A token belongs to a unit and acts with that unit's scope (``wards.scoping``), read-only or
read-write. Its secret is shown once, when it is created; only its SHA-256 is stored (the
secret is 40 random characters, so a slow password hash would add nothing but time to every
request).
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents import fields as vn
from wards.models import AdministrativeUnit

SECRET_PREFIX = "nh_"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self) -> "ApiTokenQuerySet":
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    scope_lookup = "unit"

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="api_tokens",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.PROTECT,
        related_name="api_tokens",
    )
    name = vn.CharField(
        _("tên"),
        max_length=120,
        help_text=_("Hệ thống nào dùng mã này, ví dụ: Phần mềm thi đua tỉnh."),
    )
    can_write = models.BooleanField(_("được ghi"), default=False)
    expires_at = models.DateTimeField(_("hết hạn"), null=True, blank=True)
    # The first characters of the secret, shown in the list so a token can be recognised.
    prefix = models.CharField(max_length=12, editable=False)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("ngày thu hồi"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("lần dùng cuối"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def issue_secret(self) -> str:
        """A new secret for this token (before it is saved): returned once, stored hashed."""
        secret = SECRET_PREFIX + secrets.token_urlsafe(30)
        self.prefix = secret[: len(SECRET_PREFIX) + 6]
        self.secret_hash = hash_secret(secret)
        return secret

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired


class IdempotencyState(models.TextChoices):
    RUNNING = "running", _("đang xử lý")
    DONE = "done", _("đã xong")


IDEMPOTENCY_TTL = datetime.timedelta(hours=24)


class IdempotentRequest(models.Model):
    """A write sent with ``X-Idempotency-Key``: claimed before it runs, then its response is
    kept for 24 hours, so a client's retry gets the same answer instead of a second row."""

    # The caller: "token:<id>" or "user:<id>" (a key is only unique for the one who sent it).
    caller = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    # Method, path and a hash of the body: the same key with another request is refused.
    fingerprint = models.CharField(max_length=64)
    state = models.CharField(max_length=10, choices=IdempotencyState.choices)
    status_code = models.PositiveSmallIntegerField(null=True)
    response_body = models.BinaryField(null=True)
    content_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["caller", "key"], name="unique_idempotency_key")
        ]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"{self.caller} {self.key}"
