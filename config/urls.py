from django.contrib import admin
from django.urls import include, path

from wards.views import LoginView, healthz, home

urlpatterns = [
    path("", home, name="home"),
    path("healthz/", healthz, name="healthz"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("wards.urls")),
    path("", include("documents.urls")),
    path("", include("festival.urls")),
    path("", include("awards.urls")),
    path("", include("dashboards.urls")),
]

# Nothing serves MEDIA_ROOT: festival photos go out through festival:photo, which checks the
# user's scope.

admin.site.site_header = "Ngày hội toàn dân bảo vệ an ninh Tổ quốc"
