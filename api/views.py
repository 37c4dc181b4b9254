"""The API's resources (``/api/v1/``). Each is a viewset over ``api.base``; see there for what
every resource does (scope, pagination, filters, conditional GET, idempotent writes)."""

from rest_framework import viewsets

from api.base import (
    ChoiceFilter,
    Filter,
    ModifiedSinceFilter,
    ScopedPermission,
    ScopedReadOnlyViewSet,
    ScopedViewSet,
    UnitFilter,
    YearFilter,
)
from api.serializers import (
    ActivitySerializer,
    ExemplarSerializer,
    ResidentialAreaSerializer,
    SchemeKindSerializer,
    SchemeSerializer,
    UnitSerializer,
)
from wards.models import (
    Activity,
    ActivityType,
    AdministrativeUnit,
    Exemplar,
    ExemplarKind,
    Level,
    ResidentialArea,
    Scheme,
    SchemeKind,
    SchemeStatus,
)
from wards.scoping import Perm, user_scope


class UnitViewSet(ScopedReadOnlyViewSet):
    """The administrative units in the caller's scope: their unit and every unit under it, each
    with its parent's code (the tree) and its path of codes from the province down."""

    queryset = AdministrativeUnit.objects.select_related("parent")
    serializer_class = UnitSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    filters = {"unit": UnitFilter(""), "kind": ChoiceFilter("level", Level, "Cấp đơn vị.")}


class SchemeKindViewSet(viewsets.ReadOnlyModelViewSet):
    """Kinds of scheme: the national list and the token's province's own kinds, the ones its
    wards may choose (``SchemeKind.objects.available_to``, as the scheme form offers them)."""

    queryset = SchemeKind.objects.all()
    serializer_class = SchemeKindSerializer
    permission_classes = [ScopedPermission]

    def get_queryset(self):
        unit = user_scope(self.request.user).unit
        kinds = SchemeKind.objects.all()
        return kinds if unit is None else kinds.available_to(unit)


class ResidentialAreaViewSet(ScopedViewSet):
    queryset = ResidentialArea.objects.select_related("ward")
    serializer_class = ResidentialAreaSerializer
    write_perm = Perm.EDIT_REGISTER
    filters = {"unit": UnitFilter("ward"), "modified_since": ModifiedSinceFilter()}


class ExistingInYear(YearFilter):
    description = "Các mô hình đang có vào cuối năm này (đã thành lập, chưa giải thể)."

    def apply(self, queryset, value):
        return queryset.existing_in(value)


class SchemeViewSet(ScopedViewSet):
    queryset = Scheme.objects.select_related("ward", "kind")
    serializer_class = SchemeSerializer
    write_perm = Perm.EDIT_SCHEMES
    filters = {
        "unit": UnitFilter("ward"),
        "year": ExistingInYear(""),
        "kind": Filter("kind__code", "Mã loại mô hình (xem /api/v1/scheme-kinds/)."),
        "status": ChoiceFilter("status", SchemeStatus, "Trạng thái."),
        "modified_since": ModifiedSinceFilter(),
    }


class ActivityViewSet(ScopedViewSet):
    queryset = Activity.objects.select_related("ward")
    serializer_class = ActivitySerializer
    write_perm = Perm.EDIT_REGISTER
    filters = {
        "unit": UnitFilter("ward"),
        "year": YearFilter("date__year"),
        "kind": ChoiceFilter("type", ActivityType, "Loại hoạt động."),
        "modified_since": ModifiedSinceFilter(),
    }


class ExemplarViewSet(ScopedViewSet):
    queryset = Exemplar.objects.select_related("ward").prefetch_related("schemes")
    serializer_class = ExemplarSerializer
    write_perm = Perm.EDIT_REGISTER
    filters = {
        "unit": UnitFilter("ward"),
        "year": YearFilter("year"),
        "kind": ChoiceFilter("kind", ExemplarKind, "Cá nhân hay tập thể."),
        "modified_since": ModifiedSinceFilter(),
    }
