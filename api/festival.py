"""Festivals, read with their programme, guests (in protocol order), the pledge's signatories
and the side events with their results. Numbers are integers; money (``gifts_value``) is in
đồng."""

from django.db.models import Prefetch
from rest_framework import serializers

from api.awards import ChangedSinceFilter
from api.base import ChoiceFilter, ScopedReadOnlyViewSet, UnitFilter, YearFilter
from festival.models import Festival, Guest, PledgeSignatory, ProgrammeItem, SideEvent, Status


class ProgrammeItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeItem
        fields = ["part", "position", "start_time", "title", "kind", "responsible"]


class GuestSerializer(serializers.ModelSerializer):
    class Meta:
        model = Guest
        fields = ["salutation", "rank", "name", "title", "organisation", "protocol_rank"]


class PledgeSignatorySerializer(serializers.ModelSerializer):
    class Meta:
        model = PledgeSignatory
        fields = ["kind", "name", "residential_area", "representative", "representative_title"]


class SideEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = SideEvent
        fields = [
            "kind",
            "title",
            "location",
            "responsible",
            "participants",
            "people_examined",
            "medicine_given",
            "gift_recipients",
            "gifts_count",
            "gifts_value",
            "id_cards",
            "electronic_ids",
            "residence_registrations",
            "teams",
            "note",
        ]


class FestivalSerializer(serializers.ModelSerializer):
    ward = serializers.CharField(source="ward.code", read_only=True)
    programme = ProgrammeItemSerializer(many=True, read_only=True)
    guests = GuestSerializer(many=True, read_only=True)
    pledge_signatories = PledgeSignatorySerializer(many=True, read_only=True)
    side_events = SideEventSerializer(many=True, read_only=True)

    class Meta:
        model = Festival
        fields = [
            "id",
            "ward",
            "year",
            "date",
            "start_time",
            "venue",
            "theme",
            "status",
            "is_pilot",
            "attendance",
            "results_summary",
            "programme",
            "guests",
            "pledge_signatories",
            "side_events",
            "updated_at",
        ]


class FestivalViewSet(ScopedReadOnlyViewSet):
    """The festivals of the wards in scope, one a ward and year."""

    # Five queries a page, whatever its size: the festivals, then each kind of child.
    queryset = Festival.objects.select_related("ward").prefetch_related(
        Prefetch("programme", ProgrammeItem.objects.order_by("part", "position", "pk")),
        Prefetch("guests", Guest.objects.order_by("protocol_rank", "pk")),
        "pledge_signatories",
        "side_events",
    )
    serializer_class = FestivalSerializer
    filters = {
        "unit": UnitFilter("ward"),
        "year": YearFilter("year"),
        "status": ChoiceFilter("status", Status, "Trạng thái ngày hội."),
        "modified_since": ChangedSinceFilter(),
    }
