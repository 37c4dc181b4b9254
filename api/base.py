"""What every API resource is built from. A resource is a serializer and a viewset:

    class SchemeViewSet(ScopedViewSet):
        queryset = Scheme.objects.select_related("ward", "kind")   # never scoped by hand
        serializer_class = SchemeSerializer                         # a FormSerializer
        write_perm = Perm.EDIT_REGISTER                             # wards.scoping.Perm
        filters = {"unit": UnitFilter("ward"), "year": YearFilter("established_on__year"), ...}

and a line in ``api/urls.py`` (``router.register("schemes", SchemeViewSet)``). It then has:

- **scope**: ``get_queryset`` and ``get_object`` go through ``wards.scoping`` (``scoped`` and
  ``get_for_user``): another unit's object is a 404, a change without ``write_perm`` a 403, a
  read-only token writing a 403 (``ScopedPermission``);
- **pagination**: ``?page=`` and ``?page_size=`` (at most 500), answered with ``count``,
  ``next``, ``previous``, ``results``;
- **filters**: the ``filters`` dict, each a :class:`Filter` that parses its query parameter
  (a bad value is a 400 with a Vietnamese message) and is listed in the OpenAPI schema;
- **conditional GET**: ``Last-Modified`` from the model's history rows (``simple_history``,
  deletes included) and ``If-Modified-Since`` → 304, for models that keep a history;
- **idempotent writes**: ``X-Idempotency-Key`` (:func:`idempotent`);
- **the app's own rules**: a :class:`FormSerializer` validates writes with the page's form,
  so NFC, every check and every message are the ones the pages have;
- **errors** as JSON ``{"detail": "<Vietnamese>", "errors": {field: [messages]}}``
  (:func:`exception_handler`).
"""

import datetime
import functools
import hashlib

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.forms.models import model_to_dict
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.permissions import SAFE_METHODS
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from api.authentication import caller_id
from api.conventions import (  # noqa: F401  (re-exported: a resource imports all from here)
    ChoiceFilter,
    DeclaredFilters,
    Filter,
    ModifiedSinceFilter,
    PageNumberPagination,
    ScopedPermission,
    UnitFilter,
    YearFilter,
)
from api.models import IDEMPOTENCY_TTL, IdempotencyState, IdempotentRequest
from wards.models import AdministrativeUnit
from wards.scoping import get_for_user, has_perm, scoped

# --------------------------------------------------------------------------- errors


def _default_messages() -> dict[type, str]:
    # Looked up per call: gettext follows the request's language.
    return {
        exceptions.NotAuthenticated: _(
            "Cần đăng nhập hoặc gửi mã truy cập (Authorization: Token <mã>)."
        ),
        exceptions.AuthenticationFailed: _("Mã truy cập không hợp lệ."),
        exceptions.PermissionDenied: _("Bạn không có quyền thực hiện thao tác này."),
        exceptions.NotFound: _("Không tìm thấy (hoặc không thuộc phạm vi của bạn)."),
        exceptions.ParseError: _("Nội dung gửi lên không đọc được: hãy gửi JSON hợp lệ."),
        exceptions.UnsupportedMediaType: _("Kiểu nội dung không được hỗ trợ: hãy gửi JSON."),
        exceptions.NotAcceptable: _("Không trả lời được theo định dạng yêu cầu (Accept)."),
    }


def error_list(detail) -> dict[str, list]:
    """DRF's or a form's errors as ``{field: [messages]}``; errors of no field under
    ``non_field_errors``."""
    if isinstance(detail, dict):
        return {
            ("non_field_errors" if key == "__all__" else key): (
                error_list(value) if isinstance(value, dict) else [str(v) for v in value]
            )
            for key, value in detail.items()
        }
    return {"non_field_errors": [str(v) for v in detail]}


def form_error_messages(form) -> dict[str, list[str]]:
    """A Django form's errors by field, as plain messages."""
    return {
        name: [e["message"] for e in errors] for name, errors in form.errors.get_json_data().items()
    }


def exception_handler(exc, context):
    """Every error as ``{"detail": …}`` in Vietnamese (English when asked), with ``errors``
    by field for invalid input. Django's own 404/403/ValidationError and a delete that other
    rows still need (``ProtectedError``, 409) are answered the same way."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(serializers.as_serializer_error(exc))
    elif isinstance(exc, models.ProtectedError):
        exc = Conflict(
            _("Không xóa được: còn %(count)s mục khác đang dùng đến (ví dụ “%(example)s”).")
            % {"count": len(exc.protected_objects), "example": next(iter(exc.protected_objects))}
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {
            "detail": _("Dữ liệu gửi lên không hợp lệ."),
            "errors": error_list(exc.detail),
        }
        return response
    detail = exc.detail
    if isinstance(exc, exceptions.Throttled):
        detail = _("Quá nhiều yêu cầu: hãy thử lại sau %(seconds)s giây.") % {
            "seconds": response.get("Retry-After", "?")
        }
    elif isinstance(exc, exceptions.MethodNotAllowed):
        detail = _("Phương thức %(method)s không dùng được ở địa chỉ này.") % {
            "method": context["request"].method
        }
    elif isinstance(exc, exceptions.UnsupportedMediaType) or str(detail) == str(exc.default_detail):
        detail = _default_messages().get(type(exc), detail)
    response.data = {"detail": str(detail)}
    return response


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer (documented in the schema for each operation)."""

    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


# --------------------------------------------------------------------------- idempotency

IDEMPOTENCY_HEADER = "X-Idempotency-Key"


def _fingerprint(request) -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(request.body)
    return digest.hexdigest()


def _claim(request, key: str) -> IdempotentRequest | HttpResponse:
    """Our claim on ``key`` (committed at once, so a concurrent retry sees it), or the answer
    for a key already used: the stored response, 409 while the first is still running, 400
    for another request under the same key."""
    caller, fingerprint, now = caller_id(request), _fingerprint(request), timezone.now()
    for _attempt in range(2):
        try:
            with transaction.atomic():
                return IdempotentRequest.objects.create(
                    caller=caller,
                    key=key,
                    fingerprint=fingerprint,
                    state=IdempotencyState.RUNNING,
                    created_at=now,
                )
        except IntegrityError:
            found = IdempotentRequest.objects.filter(caller=caller, key=key).first()
        if found is None or found.created_at < now - IDEMPOTENCY_TTL:
            IdempotentRequest.objects.filter(
                caller=caller, key=key, created_at__lt=now - IDEMPOTENCY_TTL
            ).delete()
            continue
        if found.fingerprint != fingerprint:
            raise exceptions.ValidationError(
                {
                    "non_field_errors": [
                        _("Khóa %(header)s này đã dùng cho một yêu cầu khác.")
                        % {"header": IDEMPOTENCY_HEADER}
                    ]
                }
            )
        if found.state == IdempotencyState.RUNNING:
            raise Conflict(
                _("Yêu cầu với khóa %(header)s này đang được xử lý; hãy thử lại sau.")
                % {"header": IDEMPOTENCY_HEADER}
            )
        replay = HttpResponse(
            bytes(found.response_body or b""),
            status=found.status_code,
            content_type=found.content_type or "application/json",
        )
        replay["Idempotent-Replayed"] = "true"
        return replay
    raise Conflict(
        _("Yêu cầu với khóa %(header)s này đang được xử lý; hãy thử lại sau.")
        % {"header": IDEMPOTENCY_HEADER}
    )


def idempotent(action):
    """A write action that honours ``X-Idempotency-Key``: the first request with a key runs
    and its answer is kept 24 hours; the same key with the same request gets that answer again
    (``Idempotent-Replayed: true``) without running; while the first still runs, 409. A
    request refused before it changed anything (an error) frees its key for a corrected retry."""

    @functools.wraps(action)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
        if not key:
            return action(self, request, *args, **kwargs)
        if len(key) > 200:
            raise exceptions.ValidationError(
                {
                    "non_field_errors": [
                        _("Khóa %(header)s dài quá 200 ký tự.") % {"header": IDEMPOTENCY_HEADER}
                    ]
                }
            )
        claim = _claim(request, key)
        if isinstance(claim, HttpResponse):
            return claim
        try:
            response = action(self, request, *args, **kwargs)
        except BaseException:
            claim.delete()
            raise
        claim.state = IdempotencyState.DONE
        claim.status_code = response.status_code
        claim.content_type = "application/json"
        claim.response_body = (
            JSONRenderer().render(response.data) if response.data is not None else b""
        )
        claim.save()
        return response

    return wrapper


# --------------------------------------------------------------------------- last modified


def _history_model(model):
    manager = getattr(model, "history", None)
    return manager.model if manager is not None else None


class ConditionalMixin:
    """``Last-Modified`` on lists and objects of a model that keeps history rows, and 304 when
    the client's ``If-Modified-Since`` is not older. A list's date is that of the newest
    change anywhere in the caller's scope (deletes included): never later than the truth, so
    a 304 never hides a change."""

    def _last_modified(self, pk=None) -> datetime.datetime | None:
        model = self.get_queryset().model
        history = _history_model(model)
        if history is None:
            return None
        rows = scoped(self.request.user, history.objects.all(), model=model)
        if pk is not None:
            rows = rows.filter(id=pk)
        return rows.aggregate(last=Max("history_date"))["last"]

    def _conditional(self, request, last_modified, respond):
        if last_modified is None:
            return respond()
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        seconds = int(last_modified.timestamp())
        if since is not None and seconds <= since:
            response = Response(status=status.HTTP_304_NOT_MODIFIED)
        else:
            response = respond()
        response["Last-Modified"] = http_date(seconds)
        return response

    def list(self, request, *args, **kwargs):
        respond = functools.partial(super().list, request, *args, **kwargs)
        return self._conditional(request, self._last_modified(), respond)

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()  # 404 before any date is told
        respond = functools.partial(super().retrieve, request, *args, **kwargs)
        return self._conditional(request, self._last_modified(obj.pk), respond)


# --------------------------------------------------------------------------- viewsets


class ScopedReadOnlyViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """List and read, inside the caller's scope. Set ``queryset`` (unscoped: scoping is done
    here), ``serializer_class`` and ``filters``."""

    filters: dict[str, Filter] = {}
    write_perm: str | None = None

    def get_queryset(self):
        return scoped(self.request.user, super().get_queryset())

    def get_object(self):
        perm = None if self.request.method in SAFE_METHODS else self.write_perm
        obj = get_for_user(
            self.request.user,
            super().get_queryset(),
            perm,
            **{self.lookup_field: self.kwargs[self.lookup_field]},
        )
        self.check_object_permissions(self.request, obj)
        return obj


class ScopedViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    ScopedReadOnlyViewSet,
):
    """Read and write. Writes need ``write_perm`` (``wards.scoping.Perm``) on the row's unit;
    the serializer is a :class:`FormSerializer`, whose ``target_unit`` says where a new row
    goes."""

    def perform_create(self, serializer):
        unit = serializer.target_unit()
        if not has_perm(self.request.user, self.write_perm, unit):
            raise exceptions.PermissionDenied()
        serializer.save()

    @idempotent
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @idempotent
    def update(self, request, *args, **kwargs):
        return super().update(request, *args, **kwargs)

    @idempotent
    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        with transaction.atomic():
            instance.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


# --------------------------------------------------------------------------- serializers


class FormSerializer(serializers.ModelSerializer):
    """Reads a row out as the model's fields; takes a write in through the app's own form.

    DRF's fields check the types (ISO 8601 dates, integers, codes of related rows), then the
    page's ``form_class`` judges the values exactly as the page does (NFC, required fields,
    uniqueness, the model's ``clean``) and saves. No rule is written here twice.

    Set ``form_class`` and ``unit_field`` (the field naming the row's unit by code, writable on
    create only); ``form_kwargs`` passes what the form's constructor needs.
    """

    form_class = None
    unit_field = "ward"

    def target_unit(self):
        if self.instance is not None:
            return getattr(self.instance, self.unit_field)
        return self.validated_data[self.unit_field]

    def form_kwargs(self, unit, attrs) -> dict:
        return {self.unit_field: unit}

    def form_data(self, attrs) -> dict:
        """The row's current values (or defaults), overlaid with those sent, as sent (the form
        parses them as the page does), and related rows DRF looked up by code as their keys."""
        fields = list(self.form_class.base_fields)
        # A new row starts from the model's defaults, as the page's blank form does.
        current = self.instance if self.instance is not None else self.Meta.model()
        data = {}
        for name, value in model_to_dict(current, fields=fields).items():
            data[name] = [v.pk for v in value] if isinstance(value, list) else value
        for name in fields:
            if name in self.initial_data:
                data[name] = self.initial_data[name]
            if isinstance(attrs.get(name), models.Model):
                data[name] = attrs[name].pk
        return data

    def validate(self, attrs):
        unit = self.target_unit() if self.instance is not None else attrs.get(self.unit_field)
        form = self.form_class(
            data=self.form_data(attrs), instance=self.instance, **self.form_kwargs(unit, attrs)
        )
        if not form.is_valid():
            raise exceptions.ValidationError(error_list(form_error_messages(form)))
        self.form = form
        return attrs

    def create(self, validated_data):
        return self.form.save()

    def update(self, instance, validated_data):
        return self.form.save()


class ScopedUnitField(serializers.SlugRelatedField):
    """A unit named by its code, among those of ``level`` in the caller's scope: another unit's
    code reads as one that does not exist."""

    default_error_messages = {
        "does_not_exist": gettext_lazy("Không có đơn vị mã “{value}” trong phạm vi của bạn."),
        "invalid": gettext_lazy("Mã đơn vị không hợp lệ."),
    }

    def __init__(self, level: str | None = None, **kwargs) -> None:
        self.level = level
        kwargs.setdefault("slug_field", "code")
        kwargs.setdefault("queryset", AdministrativeUnit.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        units = AdministrativeUnit.objects.all()
        if self.level:
            units = units.filter(level=self.level)
        return scoped(self.context["request"].user, units)
