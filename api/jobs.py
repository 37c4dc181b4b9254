"""Print jobs: request a document through the document pipeline (documents.services, the
same worker and files as the pages), poll its status, download the file once done.

    POST /api/v1/print-jobs/  {"kind": "dashboards.unit_summary", "format": "xlsx",
                               "object": "97", "params": {"year": 2025}}
    GET  /api/v1/print-jobs/<id>/           status, percent, error, download address
    GET  /api/v1/print-jobs/<id>/download/  the file
    GET  /api/v1/print-jobs/kinds/          what can be printed, from what, in which formats
"""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, Throttled, ValidationError
from rest_framework.response import Response

from api.base import (
    ChoiceFilter,
    ErrorSerializer,
    Filter,
    ScopedReadOnlyViewSet,
    form_error_messages,
    idempotent,
)
from config.ratelimit import print_limit
from documents import services
from documents.models import Job, JobStatus
from documents.registry import all_kinds, get_kind
from wards.models import AdministrativeUnit
from wards.scoping import get_for_user, has_perm


class JobSerializer(serializers.ModelSerializer):
    format = serializers.CharField(source="fmt", read_only=True)
    unit = serializers.CharField(source="unit.code", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    percent = serializers.IntegerField(read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "format",
            "object_id",
            "params",
            "title",
            "unit",
            "status",
            "status_label",
            "percent",
            "error",
            "filename",
            "size",
            "created_at",
            "finished_at",
            "expires_at",
            "download_url",
        ]

    def get_download_url(self, job) -> str | None:
        if not job.is_downloadable:
            return None
        url = reverse("api:print-job-download", args=[job.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class JobRequestSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="Ví dụ: dashboards.unit_summary, awards.decision_list")
    format = serializers.CharField(help_text="pdf, xlsx hoặc docx, tùy loại văn bản")
    object = serializers.CharField(help_text="Mã số của đối tượng in (mã đơn vị với đơn vị)")
    params = serializers.DictField(required=False, help_text="Tham số của loại văn bản")


class KindSerializer(serializers.Serializer):
    kind = serializers.CharField()
    name = serializers.CharField()
    formats = serializers.ListField(child=serializers.CharField())
    model = serializers.CharField()
    params = serializers.ListField(child=serializers.CharField())


class PrintingUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE


class JobViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """The caller's print jobs and their colleagues' of a kind they may print (as the jobs
    page lists them)."""

    queryset = Job.objects.none()  # the model, for the schema: get_queryset gives the rows
    serializer_class = JobSerializer
    filters = {
        "status": ChoiceFilter("status", JobStatus, "Trạng thái."),
        "kind": Filter("kind", "Loại văn bản (xem /api/v1/print-jobs/kinds/)."),
    }

    def get_queryset(self):
        # Scoped by documents.services.visible_jobs, as on the jobs page.
        return services.visible_jobs(self.request.user).select_related("unit")

    def get_object(self):
        obj = get_for_user(self.request.user, self.get_queryset(), pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, obj)
        return obj

    @extend_schema(
        request=JobRequestSerializer,
        responses={202: JobSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    @idempotent
    def create(self, request, *args, **kwargs):
        asked = JobRequestSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        data = asked.validated_data
        try:
            kind = get_kind(data["kind"])
        except LookupError:
            raise ValidationError({"kind": [_("Không có loại văn bản này.")]}) from None
        if data["format"] not in kind.formats:
            formats = ", ".join(kind.formats)
            raise ValidationError(
                {"format": [_("Loại văn bản này in được: %(formats)s.") % {"formats": formats}]}
            )
        obj = get_for_user(
            request.user,
            kind.model_class._default_manager.all(),
            kind.permission,
            **_object_lookup(kind.model_class, data["object"]),
        )
        params = {key: _as_text(value) for key, value in (data.get("params") or {}).items()}
        form = kind.build_form(params, obj)
        if form is not None and not form.is_valid():
            raise ValidationError({"params": form_error_messages(form)})
        ident = f"user:{request.user.pk}"
        if print_limit.locked(ident):
            raise Throttled(wait=max(print_limit.retry_after(ident), 1))
        print_limit.hit(ident)
        try:
            job = services.request_document(
                request.user, kind.identifier, obj, data["format"], params
            )
        except services.PrintingUnavailable as error:
            raise PrintingUnavailable(str(error)) from None
        job = Job.objects.select_related("unit").get(pk=job.pk)
        return Response(self.get_serializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The finished file (404 until the job is done, and after the file expired)."""
        return services.file_response(self.get_object())

    @extend_schema(responses=KindSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def kinds(self, request):
        """The kinds of document the caller may print."""
        kinds = [
            {
                "kind": kind.identifier,
                "name": str(kind.verbose_name),
                "formats": list(kind.formats),
                "model": kind.model,
                "params": list(kind.params_form.base_fields) if kind.params_form else [],
            }
            for kind in all_kinds()
            if has_perm(request.user, kind.permission)
        ]
        return Response(KindSerializer(kinds, many=True).data)


def _object_lookup(model, value: str) -> dict:
    """A unit is named by its code, as everywhere in the API; other objects by their id."""
    if model is AdministrativeUnit:
        return {"code": value}
    if not value.isdigit():
        raise Http404
    return {"pk": int(value)}


def _as_text(value):
    """A parameter as the page's form posts it."""
    if isinstance(value, list):
        return [str(item) for item in value]
    return "" if value is None else str(value)
