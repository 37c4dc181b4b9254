"""The Django admin, for superusers only.

Everything a unit's people do (units, settings, signers, scheme kinds, accounts) has a page in the
app, scoped to their unit; the admin sees the whole country and checks no scope, so a staff flag
alone must not open it (README, "What is done where").
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class SuperuserAdminSite(admin.AdminSite):
    site_header = "Ngày hội toàn dân bảo vệ an ninh Tổ quốc"

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser


class SuperuserAdminConfig(AdminConfig):
    default_site = "config.admin_site.SuperuserAdminSite"
