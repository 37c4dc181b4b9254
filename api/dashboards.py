"""Dashboard figures: one line per ward under a unit for a year, each figure beside the same
period of the year before ("cùng kỳ"). They are the dashboard's own figures
(dashboards.services.unit_dashboard, read from the running totals and the cache), so a page
of 20 wards and a page of 150 cost the same queries."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from api.base import ErrorSerializer
from awards.models import AwardForm
from dashboards.figures import FESTIVAL_RESULTS
from dashboards.services import FIRST_YEAR, parse_year, unit_dashboard
from wards.models import AdministrativeUnit, SchemeKind
from wards.scoping import get_for_user, home_unit


class PairSerializer(serializers.Serializer):
    now = serializers.IntegerField(help_text="Kỳ này")
    before = serializers.IntegerField(help_text="Cùng kỳ năm trước")


def _pairs(**kwargs):
    return serializers.DictField(child=PairSerializer(), **kwargs)


class FestivalFiguresSerializer(serializers.Serializer):
    date = serializers.DateField()
    status = serializers.CharField()
    venue = serializers.CharField()
    attendance = serializers.IntegerField(allow_null=True)
    is_pilot = serializers.BooleanField()
    results = serializers.DictField(child=serializers.IntegerField())


class WardFiguresSerializer(serializers.Serializer):
    ward = serializers.CharField(source="code")
    name = serializers.CharField()
    group = serializers.CharField()
    year = serializers.IntegerField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    schemes = PairSerializer(source="schemes_total")
    new_schemes = PairSerializer()
    schemes_by_kind = _pairs(help_text="Theo mã loại mô hình")
    activity = PairSerializer(source="activity_total")
    activity_by_type = _pairs()
    exemplars = _pairs(help_text="individual / collective")
    nominated = _pairs(help_text="Theo mã hình thức khen thưởng")
    awarded = _pairs(help_text="Theo mã hình thức khen thưởng")
    festivals_held = PairSerializer()
    attendance = PairSerializer()
    festival_results = _pairs(help_text=", ".join(FESTIVAL_RESULTS))
    festival = FestivalFiguresSerializer(allow_null=True)


def _as_dict(mapping: dict, names: dict) -> dict:
    return {names.get(key, str(key)): pair for key, pair in mapping.items()}


def ward_lines(dashboard, kind_codes: dict, form_codes: dict) -> list[dict]:
    """The dashboard's rows as the API shows them: columns by code, not by id."""
    period = dashboard.period
    lines = []
    for row in dashboard.rows:
        lines.append(
            {
                "code": row.code,
                "name": row.name,
                "group": row.group,
                "year": period.year,
                "period_start": period.start,
                "period_end": period.end,
                "schemes_total": row.schemes_total,
                "new_schemes": row.new_schemes,
                "schemes_by_kind": _as_dict(row.schemes, kind_codes),
                "activity_total": row.activity_total,
                "activity_by_type": row.activity,
                "exemplars": row.exemplars,
                "nominated": _as_dict(row.nominated, form_codes),
                "awarded": _as_dict(row.awarded, form_codes),
                "festivals_held": row.festivals_held,
                "attendance": row.attendance,
                "festival_results": row.festival_results,
                "festival": row.festival,
            }
        )
    return lines


class FiguresViewSet(viewsets.GenericViewSet):
    """The yearly figures of every ward under a unit (the caller's own unit unless ``unit``
    names one in its scope), a page of wards at a time, in Vietnamese name order."""

    serializer_class = WardFiguresSerializer
    filter_backends = []  # ``unit`` and ``year`` are read below: they choose, not filter

    @extend_schema(
        parameters=[
            OpenApiParameter("unit", OpenApiTypes.STR, description="Mã đơn vị"),
            OpenApiParameter("year", OpenApiTypes.INT, description="Năm (mặc định: năm nay)"),
        ],
        responses={200: WardFiguresSerializer(many=True), 400: ErrorSerializer},
    )
    def list(self, request):
        unit = self._unit(request)
        year = self._year(request)
        dashboard = unit_dashboard(request.user, unit, year)
        # 2 queries more: the codes of the scheme kinds and the award forms (small tables).
        kind_codes = dict(SchemeKind.objects.values_list("pk", "code"))
        form_codes = dict(AwardForm.objects.values_list("pk", "code"))
        lines = ward_lines(dashboard, kind_codes, form_codes)
        page = self.paginate_queryset(lines)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _unit(self, request) -> AdministrativeUnit:
        code = request.query_params.get("unit") or getattr(home_unit(request.user), "code", "")
        return get_for_user(request.user, AdministrativeUnit.objects.all(), code=code)

    def _year(self, request) -> int:
        asked = request.query_params.get("year", "")
        if not asked:
            return timezone.localdate().year
        year = parse_year(asked)
        if year is None:
            raise ValidationError(
                {
                    "year": [
                        _("Năm phải từ %(first)d đến %(last)d.")
                        % {"first": FIRST_YEAR, "last": timezone.localdate().year}
                    ]
                }
            )
        return year
