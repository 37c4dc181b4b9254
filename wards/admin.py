from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wards.models import (
    Activity,
    AdministrativeUnit,
    Exemplar,
    FormerUnit,
    Membership,
    ResidentialArea,
    Scheme,
    SchemeKind,
    SchemeMember,
    Signer,
)


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "parent", "is_national"]
    list_filter = ["level", "is_national"]
    search_fields = ["name", "code", "former_names"]
    raw_id_fields = ["parent"]
    readonly_fields = ["path"]


@admin.register(Signer)
class SignerAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "unit", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "unit__name"]
    raw_id_fields = ["unit"]


@admin.register(ResidentialArea)
class ResidentialAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ward"]
    list_filter = ["kind"]
    search_fields = ["name", "ward__name"]
    raw_id_fields = ["ward"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "position"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name"]
    raw_id_fields = ["user", "unit"]


@admin.register(SchemeKind)
class SchemeKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "province", "profile", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["profile", "is_active", ("province", admin.EmptyFieldListFilter)]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}
    raw_id_fields = ["province"]


@admin.register(FormerUnit)
class FormerUnitAdmin(admin.ModelAdmin):
    """Loaded by ``load_units`` from the conversion table: read here, never typed."""

    list_display = ["name", "district", "province", "unit", "whole"]
    search_fields = ["name", "district", "unit__name"]
    list_select_related = ["unit"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class SchemeMemberInline(admin.TabularInline):
    model = SchemeMember
    extra = 0


@admin.register(Scheme)
class SchemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "ward", "area", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "search_text", "ward__name"]
    raw_id_fields = ["ward", "area"]
    inlines = [SchemeMemberInline]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["date", "type", "count", "scheme", "ward"]
    list_filter = ["type"]
    date_hierarchy = "date"
    search_fields = ["note", "scheme__name", "ward__name"]
    raw_id_fields = ["ward", "scheme"]


@admin.register(Exemplar)
class ExemplarAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ward", "year"]
    list_filter = ["kind"]
    search_fields = ["name", "ward__name"]
    raw_id_fields = ["ward", "area", "schemes"]
