from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.views import PasswordChangeView
from api import pages as api_pages
from config.health import healthz, livez
from wards.views import LoginView, favicon, home, limit_login, limit_password_reset

urlpatterns = [
    path("", home, name="home"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz/", healthz, name="healthz"),
    path("livez/", livez, name="livez"),
    path("accounts/login/", limit_login(LoginView.as_view()), name="login"),
    path(
        "accounts/password_reset/",
        limit_password_reset(auth_views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    # Ahead of Django's own: choosing a password forgets the initial one (accounts.services).
    path("accounts/password_change/", PasswordChangeView.as_view(), name="password_change"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Ahead of admin.site.urls: the admin's own login has no limit of its own.
    path("admin/login/", limit_login(admin.site.login)),
    path("admin/", admin.site.urls),
    path("", include("wards.urls")),
    path("", include("accounts.urls")),
    path("", include("documents.urls")),
    path("", include("festival.urls")),
    path("", include("awards.urls")),
    path("", include("dashboards.urls")),
    path("api/", include("api.urls")),
    path("units/<str:code>/api-tokens/", api_pages.token_list, name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", api_pages.token_revoke, name="api_token_revoke"),
]

# Nothing serves MEDIA_ROOT: festival photos go out through festival:photo, which checks the
# user's scope.

# The API's errors are JSON even when Django answers before any view (api/errors.py).
handler400 = "api.errors.bad_request"
handler404 = "api.errors.page_not_found"
handler500 = "api.errors.server_error"
