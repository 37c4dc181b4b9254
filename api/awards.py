"""The commendation resources: award forms, nominees, nominations (create, submit, read the
status), decisions and certificates (read), and the public verification look-up.

Writes go through the pages' own forms (awards.forms, by ``api.base.FormSerializer``) and
services (awards.services): nothing is checked here, so a nomination the page refuses is
refused with the same Vietnamese message on the same field.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from api.base import (
    ChoiceFilter,
    ErrorSerializer,
    Filter,
    FormSerializer,
    ModifiedSinceFilter,
    ScopedPermission,
    ScopedReadOnlyViewSet,
    ScopedUnitField,
    ScopedViewSet,
    UnitFilter,
    YearFilter,
    idempotent,
)
from awards import services
from awards.forms import NominationForm, NomineeForm
from awards.models import (
    AwardForm,
    Certificate,
    Decision,
    DecisionStatus,
    IssuingLevel,
    Nomination,
    Nominee,
    RecipientKind,
    Status,
)
from config.ratelimit import client_ip, verify_limit
from wards.models import Level
from wards.scoping import Perm, get_for_user, scoped


class ChangedSinceFilter(ModifiedSinceFilter):
    """``?modified_since=`` for a model without history rows: its own ``updated_at``."""

    def apply(self, queryset, value):
        return queryset.filter(updated_at__gte=value)


# --------------------------------------------------------------------------- award forms


class AwardFormSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwardForm
        fields = [
            "code",
            "name",
            "title",
            "authority",
            "level",
            "for_individuals",
            "for_collectives",
            "once_per_person",
            "rank",
            "coefficient_individual",
            "coefficient_collective",
            "is_active",
        ]


class AwardFormViewSet(viewsets.ReadOnlyModelViewSet):
    """The forms of commendation: a national catalogue, the same for every unit (so not
    narrowed by scope); it still needs a token. ``code`` names a form everywhere else."""

    queryset = AwardForm.objects.all()
    serializer_class = AwardFormSerializer
    permission_classes = [ScopedPermission]
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    filters = {"kind": ChoiceFilter("level", IssuingLevel, "Cấp khen.")}


# --------------------------------------------------------------------------- nominees


class AwardCodesField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=AwardForm.objects.all(), **kwargs)


class NomineeSerializer(FormSerializer):
    """A person or collective; ``prior_awards`` are the codes of once-only forms they held
    before the app (the commemorative medal)."""

    form_class = NomineeForm
    ward = ScopedUnitField(level=Level.WARD)
    area = serializers.IntegerField(source="area_id", allow_null=True, required=False, min_value=1)
    prior_awards = AwardCodesField(many=True, required=False)

    class Meta:
        model = Nominee
        fields = [
            "id",
            "ward",
            "kind",
            "name",
            "gender",
            "birth_year",
            "position",
            "organisation",
            "area",
            "exemplar",
            "prior_awards",
            "created_at",
        ]
        read_only_fields = ["exemplar", "created_at"]

    def form_data(self, attrs) -> dict:
        data = super().form_data(attrs)
        if "prior_awards" in attrs:
            data["prior_awards"] = [form.pk for form in attrs["prior_awards"]]
        return data


class NomineeViewSet(ScopedViewSet):
    """People and collectives a ward may propose, created with the page's rules."""

    queryset = Nominee.objects.select_related("ward").prefetch_related("prior_awards")
    serializer_class = NomineeSerializer
    write_perm = Perm.NOMINATE
    http_method_names = ["get", "post", "head", "options"]
    filters = {
        "unit": UnitFilter("ward"),
        "kind": ChoiceFilter("kind", RecipientKind, "Cá nhân hay tập thể."),
        "modified_since": ModifiedSinceFilter(),
    }


# --------------------------------------------------------------------------- nominations


class ScopedNomineeField(serializers.PrimaryKeyRelatedField):
    """A nominee by id, among those in the caller's scope: another ward's reads as unknown."""

    default_error_messages = {
        "does_not_exist": gettext_lazy(
            "Không có đối tượng khen thưởng số {pk_value} trong phạm vi của bạn."
        ),
    }

    def get_queryset(self):
        return scoped(self.context["request"].user, Nominee.objects.select_related("ward"))


class NominationSerializer(FormSerializer):
    """A nomination and where it stands: ``status`` (draft, submitted, approved, returned,
    rejected), the ``reason`` given when returned or rejected, the decision it is in and,
    once that is issued, the certificate's serial."""

    form_class = NominationForm
    unit_field = "nominee"
    nominee = ScopedNomineeField()
    ward = serializers.CharField(source="nominee.ward.code", read_only=True)
    form = serializers.SlugRelatedField(
        slug_field="code", queryset=AwardForm.objects.filter(is_active=True)
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    certificate = serializers.SerializerMethodField()

    class Meta:
        model = Nomination
        fields = [
            "id",
            "nominee",
            "ward",
            "form",
            "year",
            "achievements",
            "proposing_unit",
            "status",
            "status_label",
            "reason",
            "decision",
            "certificate",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "reason", "decision", "created_at", "updated_at"]
        validators = []  # the page's form checks one nomination per nominee, form and year

    def get_certificate(self, nomination) -> str | None:
        certificate = getattr(nomination, "certificate", None)
        return certificate.serial if certificate is not None else None

    def target_unit(self):
        return self.validated_data["nominee"].ward

    def form_kwargs(self, unit, attrs) -> dict:
        return {"ward": attrs["nominee"].ward}

    def create(self, validated_data):
        self.form.instance.created_by = self.context["request"].user
        return self.form.save()


class NominationViewSet(ScopedViewSet):
    """Proposals for commendation: created and submitted as on the pages, read with their
    status."""

    queryset = Nomination.objects.select_related("nominee__ward", "form", "certificate")
    serializer_class = NominationSerializer
    write_perm = Perm.NOMINATE
    http_method_names = ["get", "post", "head", "options"]
    filters = {
        "unit": UnitFilter("nominee__ward"),
        "year": YearFilter("year"),
        "kind": Filter("form__code", "Mã hình thức khen thưởng (xem /api/v1/award-forms/)."),
        "status": ChoiceFilter("status", Status, "Trạng thái đề nghị."),
        "modified_since": ChangedSinceFilter(),
    }

    @extend_schema(request=None, responses={200: NominationSerializer, 400: ErrorSerializer})
    @action(detail=True, methods=["post"])
    @idempotent
    def submit(self, request, pk=None):
        """Send a draft (or returned) nomination up to the level that acts on it."""
        nomination = get_for_user(request.user, self.queryset, Perm.NOMINATE, pk=pk)
        try:
            services.submit(request.user, nomination)
        except DjangoValidationError as error:
            raise exceptions.ValidationError({"non_field_errors": error.messages}) from None
        return Response(self.get_serializer(self.queryset.get(pk=nomination.pk)).data)


# --------------------------------------------------------------------------- decisions


class DecisionSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code", read_only=True)
    form = serializers.CharField(source="form.code", read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "unit",
            "form",
            "number",
            "symbol",
            "reference",
            "date",
            "authority",
            "place",
            "status",
            "issued_at",
        ]


class DecisionViewSet(ScopedReadOnlyViewSet):
    """Award decisions of the units in scope. Read only: issuing stays a confirmed act on
    the decision's page."""

    queryset = Decision.objects.select_related("unit", "form")
    serializer_class = DecisionSerializer
    filters = {
        "unit": UnitFilter("unit"),
        "year": YearFilter("date__year"),
        "kind": Filter("form__code", "Mã hình thức khen thưởng."),
        "status": ChoiceFilter("status", DecisionStatus, "Dự thảo hay đã ban hành."),
    }


class CertificateSerializer(serializers.ModelSerializer):
    form = serializers.CharField(source="form.code", read_only=True)
    name = serializers.CharField(source="nomination.nominee.name", read_only=True)
    ward = serializers.CharField(source="nomination.nominee.ward.code", read_only=True)
    verify_url = serializers.CharField(source="qr_url", read_only=True)

    class Meta:
        model = Certificate
        fields = [
            "id",
            "serial",
            "nomination",
            "decision",
            "form",
            "year",
            "number",
            "name",
            "ward",
            "reward",
            "code",
            "verify_url",
        ]


class CertificateViewSet(ScopedReadOnlyViewSet):
    """Certificates of issued decisions; ``reward`` in đồng, ``code`` the verification code
    printed as the QR code."""

    queryset = Certificate.objects.select_related("form", "nomination__nominee__ward")
    serializer_class = CertificateSerializer
    filters = {
        "unit": UnitFilter("nomination__nominee__ward"),
        "year": YearFilter("year"),
        "kind": Filter("form__code", "Mã hình thức khen thưởng."),
        "decision": Filter("decision_id", "Số hiệu (id) của quyết định."),
    }


# --------------------------------------------------------------------------- verification


class VerificationSerializer(serializers.Serializer):
    serial = serializers.CharField()
    form = serializers.CharField()
    name = serializers.CharField()
    decision = serializers.CharField()
    date = serializers.DateField()
    authority = serializers.CharField()


class VerificationViewSet(viewsets.ViewSet):
    """Public, like the verify page (no token): what a certificate's QR code says, nothing
    more. An address that tries many codes is slowed down (429 with ``Retry-After``)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    @extend_schema(
        responses={200: VerificationSerializer, 404: ErrorSerializer, 429: ErrorSerializer}
    )
    def retrieve(self, request, code=None):
        ident = f"ip:{client_ip(request)}"
        if verify_limit.locked(ident):
            raise exceptions.Throttled(wait=max(verify_limit.retry_after(ident), 1))
        verify_limit.hit(ident)
        certificate = get_object_or_404(
            Certificate.objects.select_related("form", "decision", "nomination__nominee"),
            code=code,
        )
        decision = certificate.decision
        return Response(
            VerificationSerializer(
                {
                    "serial": certificate.serial,
                    "form": certificate.form.name,
                    "name": certificate.nomination.nominee.name,
                    "decision": decision.reference,
                    "date": decision.date,
                    "authority": decision.authority,
                }
            ).data
        )
