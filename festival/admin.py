from django.contrib import admin

from festival.models import Festival, Guest, Photo, PledgeSignatory, ProgrammeItem, SideEvent


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0


class GuestInline(admin.TabularInline):
    model = Guest
    extra = 0


class PledgeSignatoryInline(admin.TabularInline):
    model = PledgeSignatory
    extra = 0
    raw_id_fields = ["residential_area"]


class SideEventInline(admin.StackedInline):
    model = SideEvent
    extra = 0


@admin.register(Festival)
class FestivalAdmin(admin.ModelAdmin):
    list_display = ["ward", "year", "date", "status", "is_pilot"]
    list_filter = ["status", "is_pilot", "year"]
    search_fields = ["ward__name", "venue"]
    raw_id_fields = ["ward"]
    inlines = [ProgrammeItemInline, GuestInline, PledgeSignatoryInline, SideEventInline]


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["festival", "caption", "uploaded_at"]
    raw_id_fields = ["festival", "uploaded_by"]
