"""The register's resources as JSON: units and scheme kinds (read), residential areas,
schemes, activity and exemplary people (read and write through the pages' forms)."""

from rest_framework import serializers

from api.base import FormSerializer, ScopedUnitField
from wards.forms import ActivityForm, ExemplarForm, ResidentialAreaForm, SchemeForm
from wards.models import (
    Activity,
    AdministrativeUnit,
    Exemplar,
    Level,
    ResidentialArea,
    Scheme,
    SchemeKind,
)


class UnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = AdministrativeUnit
        fields = ["code", "name", "division_type", "level", "parent", "path", "is_national"]


class SchemeKindSerializer(serializers.ModelSerializer):
    # "fields" is a serializer's own attribute: the kind's fields go out as "kind_fields".
    kind_fields = serializers.ListField(
        child=serializers.CharField(), source="fields", read_only=True
    )
    required_fields = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = SchemeKind
        fields = ["id", "code", "name", "profile", "description", "position", "is_active"]
        fields += ["kind_fields", "required_fields"]


class WardRowSerializer(FormSerializer):
    """A row of one ward's register: ``ward`` is its code, given on create only."""

    ward = ScopedUnitField(level=Level.WARD)

    def get_fields(self):
        fields = super().get_fields()
        if isinstance(self.instance, self.Meta.model):
            fields["ward"].read_only = True
        return fields


def row_id_field(**kwargs) -> serializers.IntegerField:
    """A related row of the same ward by its id. The form checks it belongs to the ward, so an
    id of another ward's row reads as one that does not exist."""
    return serializers.IntegerField(allow_null=True, required=False, min_value=1, **kwargs)


class ResidentialAreaSerializer(WardRowSerializer):
    form_class = ResidentialAreaForm

    class Meta:
        model = ResidentialArea
        fields = ["id", "ward", *ResidentialAreaForm.Meta.fields]


class SchemeSerializer(WardRowSerializer):
    form_class = SchemeForm
    kind = serializers.SlugRelatedField(slug_field="code", queryset=SchemeKind.objects.all())
    area = row_id_field(source="area_id")

    class Meta:
        model = Scheme
        fields = ["id", "ward", *SchemeForm.Meta.fields, "created_at", "updated_at"]

    def form_kwargs(self, unit, attrs) -> dict:
        kind = attrs.get("kind") or (self.instance.kind if self.instance else None)
        return {"ward": unit, "kind": kind}


class ActivitySerializer(WardRowSerializer):
    form_class = ActivityForm
    scheme = row_id_field(source="scheme_id")

    class Meta:
        model = Activity
        fields = ["id", "ward", *ActivityForm.Meta.fields, "created_at"]


class SchemeIdsField(serializers.ListField):
    child = serializers.IntegerField(min_value=1)

    def to_representation(self, data):
        return [scheme.pk for scheme in data.all()]


class ExemplarSerializer(WardRowSerializer):
    form_class = ExemplarForm
    area = row_id_field(source="area_id")
    schemes = SchemeIdsField(required=False)

    class Meta:
        model = Exemplar
        fields = ["id", "ward", *ExemplarForm.Meta.fields]
