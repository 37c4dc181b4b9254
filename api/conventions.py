"""The conventions every list and write of the API follows, as DRF's default classes (see
``REST_FRAMEWORK`` in the settings and ``api/base.py``): who may write, pages, and the declared
filters. Kept apart from ``api.base`` because DRF imports these while it defines its views."""

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, pagination, parsers
from rest_framework.filters import BaseFilterBackend
from rest_framework.permissions import SAFE_METHODS, BasePermission

from api.models import ApiToken
from wards.models import AdministrativeUnit
from wards.params import FIRST_YEAR, LAST_YEAR
from wards.scoping import scoped

# --------------------------------------------------------------------------- access


class ScopedPermission(BasePermission):
    """Signed in or a token; writes need a read-write token (or a signed-in user) and the
    viewset's ``write_perm`` on the object's unit (checked by the viewset, where the unit is
    known)."""

    def has_permission(self, request, view) -> bool:
        if not request.user.is_authenticated:
            return False
        if request.method in SAFE_METHODS:
            return True
        if isinstance(request.auth, ApiToken) and not request.auth.can_write:
            raise exceptions.PermissionDenied(_("Mã truy cập này chỉ được đọc, không được ghi."))
        return True


# --------------------------------------------------------------------------- pagination


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    invalid_page_message = gettext_lazy("Không có trang này.")

    def get_page_number(self, request, paginator):
        number = request.query_params.get(self.page_query_param) or 1
        if number != "last" and not str(number).isdigit():
            raise exceptions.NotFound(_("Số trang phải là số nguyên dương."))
        return number

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise exceptions.ValidationError(
                {"page_size": [_("Số dòng mỗi trang từ 1 đến %(max)s.") % {"max": 500}]}
            )
        return int(raw)


# --------------------------------------------------------------------------- filters


class Filter:
    """One query parameter of a list: ``parse`` the text (raise ``ValueError`` with a
    Vietnamese message), ``apply`` the value to the queryset."""

    schema_type = "string"
    description = ""

    def __init__(self, lookup: str, description: str = "") -> None:
        self.lookup = lookup
        self.description = description or self.description

    def parse(self, text: str, request):
        return text

    def apply(self, queryset, value):
        return queryset.filter(**{self.lookup: value})


class UnitFilter(Filter):
    """``?unit=<code>``: rows of that unit and every unit under it; ``lookup`` is the path to
    the row's unit ("ward", "unit", "" for units themselves). The unit must be in the
    caller's scope (outside it reads the same as a code that does not exist)."""

    description = "Mã đơn vị: dữ liệu của đơn vị này và mọi đơn vị trực thuộc."

    def parse(self, text, request):
        unit = scoped(request.user, AdministrativeUnit.objects.filter(code=text)).first()
        if unit is None:
            raise ValueError(
                _("Không có đơn vị mã “%(code)s” trong phạm vi của bạn.") % {"code": text}
            )
        return unit

    def apply(self, queryset, value):
        field = f"{self.lookup}__path__startswith" if self.lookup else "path__startswith"
        return queryset.filter(**{field: value.path})


class YearFilter(Filter):
    schema_type = "integer"
    description = "Năm, ví dụ 2026."

    def parse(self, text, request):
        if not (text.isascii() and text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR):
            raise ValueError(_("Năm phải là số có bốn chữ số, ví dụ 2026."))
        return int(text)


class ChoiceFilter(Filter):
    def __init__(self, lookup: str, choices, description: str = "") -> None:
        super().__init__(lookup, description)
        self.choices = choices

    def parse(self, text, request):
        if text not in self.choices.values:
            raise ValueError(
                _("Giá trị “%(value)s” không hợp lệ; dùng một trong: %(choices)s.")
                % {"value": text, "choices": ", ".join(self.choices.values)}
            )
        return text


class ModifiedSinceFilter(Filter):
    """``?modified_since=<ISO 8601>``: rows created or changed since then (from the model's
    history rows, which every write of the register leaves)."""

    description = (
        "Chỉ các dòng tạo hoặc sửa từ thời điểm này (ISO 8601, ví dụ 2026-08-01T00:00:00+07:00)."
    )

    def __init__(self, description: str = "") -> None:
        super().__init__("", description)

    def parse(self, text, request):
        try:
            moment = parse_datetime(text)
        except ValueError:
            moment = None
        if moment is None:
            raise ValueError(_("Thời điểm phải theo ISO 8601, ví dụ 2026-08-01T00:00:00+07:00."))
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment

    def apply(self, queryset, value):
        history = queryset.model.history.model.objects.filter(history_date__gte=value)
        return queryset.filter(pk__in=history.values("id"))


class DeclaredFilters(BaseFilterBackend):
    """Applies the viewset's ``filters`` and documents them as query parameters."""

    def filter_queryset(self, request, queryset, view):
        errors = {}
        for name, flt in getattr(view, "filters", {}).items():
            text = request.query_params.get(name, "").strip()
            if not text:
                continue
            try:
                queryset = flt.apply(queryset, flt.parse(text, request))
            except ValueError as error:
                errors[name] = [str(error)]
        if errors:
            raise exceptions.ValidationError(errors)
        return queryset

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": flt.description,
                "schema": {"type": flt.schema_type}
                | ({"format": "date-time"} if isinstance(flt, ModifiedSinceFilter) else {}),
            }
            for name, flt in getattr(view, "filters", {}).items()
        ]


# --------------------------------------------------------------------------- input


class JSONParser(parsers.JSONParser):
    """JSON whose every string the database can store: a NUL character (PostgreSQL refuses it
    in text) or a lone surrogate (no UTF-8 for it) is a 400 here, not a server error on save.
    The pages have the same rule (config.security.HostileInputMiddleware)."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        _check_strings(data)
        return data


def _check_strings(value) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key)
            _check_strings(item)
    elif isinstance(value, list):
        for item in value:
            _check_strings(item)
    elif isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise exceptions.ParseError(
                _("Nội dung gửi lên có ký tự không hợp lệ (UTF-16 lẻ cặp).")
            ) from None
        if "\x00" in value:
            raise exceptions.ParseError(_("Nội dung gửi lên có ký tự NUL."))
