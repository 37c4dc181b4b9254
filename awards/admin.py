from django.contrib import admin

from awards.models import (
    AwardForm,
    BaseSalary,
    CertificateLayout,
    Decision,
    Nomination,
    Nominee,
    PrinterProfile,
)


class CertificateLayoutInline(admin.StackedInline):
    model = CertificateLayout
    extra = 0


@admin.register(AwardForm)
class AwardFormAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "level",
        "authority",
        "rank",
        "coefficient_individual",
        "coefficient_collective",
        "is_active",
    ]
    list_editable = ["rank", "coefficient_individual", "coefficient_collective", "is_active"]
    inlines = [CertificateLayoutInline]


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "amount", "legal_basis"]


@admin.register(Nominee)
class NomineeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "birth_year", "ward"]
    list_filter = ["kind"]
    search_fields = ["name"]
    raw_id_fields = ["ward", "area"]


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["nominee", "form", "year", "status", "decision"]
    list_filter = ["status", "form", "year"]
    raw_id_fields = ["nominee", "decision"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "date", "form", "unit", "status"]
    list_filter = ["status", "form"]
    raw_id_fields = ["unit", "signer"]


@admin.register(PrinterProfile)
class PrinterProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "offset_x", "offset_y"]
    raw_id_fields = ["unit"]
