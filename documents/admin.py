from django.contrib import admin

from documents.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("title", "fmt", "status", "owner", "unit", "attempts", "created_at")
    list_filter = ("status", "fmt", "kind")
    search_fields = ("title", "owner__username")
    raw_id_fields = ("owner", "unit")
    readonly_fields = ("started_at", "finished_at", "created_at")
