from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.static import serve

from wards.views import LoginView, healthz, home, limit_login, limit_password_reset, livez

urlpatterns = [
    path("", home, name="home"),
    path("healthz/", healthz, name="healthz"),
    path("livez/", livez, name="livez"),
    path("accounts/login/", limit_login(LoginView.as_view()), name="login"),
    path(
        "accounts/password_reset/",
        limit_password_reset(auth_views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Ahead of admin.site.urls: the admin's own login has no limit of its own.
    path("admin/login/", limit_login(admin.site.login)),
    path("admin/", admin.site.urls),
    path("", include("wards.urls")),
    path("", include("documents.urls")),
    path("", include("festival.urls")),
    path("", include("awards.urls")),
    path("", include("dashboards.urls")),
]

# Uploaded media are served by the app itself only in development; in production the
# reverse proxy serves MEDIA_ROOT (see docker-compose.yml).
if settings.DEBUG:
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.lstrip('/')}<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

admin.site.site_header = "Ngày hội toàn dân bảo vệ an ninh Tổ quốc"
