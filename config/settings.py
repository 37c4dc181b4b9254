"""One settings module, read from the environment.

Every value a deployment may change comes from an environment variable (or, for secrets,
from a file named by ``NAME_FILE``). A malformed value stops start-up with a message naming
the variable. Without ``DATABASE_URL`` and ``REDIS_URL`` the app runs on an SQLite file and an
embedded Celery broker in ``var/``, so a fresh machine needs no servers.
"""

import logging
from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.envtools import (
    env_bool,
    env_database,
    env_email,
    env_int,
    env_list,
    env_path,
    env_secret,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = env_path("VAR_DIR", BASE_DIR / "var", BASE_DIR)

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: set SECRET_KEY (or SECRET_KEY_FILE) to a long random string."
        )
    SECRET_KEY = "dev-only-secret-key-not-for-production-3f9c1a7e5b2d4c6e8a0b1d3f5a7c9e1b"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The address printed in certificates' QR codes: a wrong default would be printed on paper that
# outlives the deployment, so only development gets one.
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")
if not SITE_URL:
    raise ImproperlyConfigured(
        "SITE_URL is not set: set SITE_URL to the address users reach the app at "
        "(https://ngayhoi.example.gov.vn); certificates' QR codes point there."
    )

INSTALLED_APPS = [
    "config.admin_site.SuperuserAdminConfig",  # django.contrib.admin, superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "documents",
    "wards",
    "accounts",
    "festival",
    "awards",
    "dashboards",
    "backups",
    "api",
]

MIDDLEWARE = [
    # First, so every line logged while a request is served carries its id.
    "config.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.ForcePasswordChangeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wards.context_processors.membership",
                "config.version.version",
            ],
        },
    },
]

# Database: DATABASE_URL, or an SQLite file in var/.
DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker write the same file: WAL lets readers go on while one writes,
    # and IMMEDIATE transactions wait for the lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so a worker process started by a test sees the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_url("REDIS_URL", "")

if REDIS_URL:
    CACHES = {
        "default": {
            # Misses and dropped writes while Redis is down, not 500s (config/cache.py); a
            # second at most to find out.
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "festival",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Failed logins allowed per username and per address before a pause.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW = env_int("LOGIN_FAILURE_WINDOW", 15 * 60)
# Password reset e-mails per address and per client address in the window.
PASSWORD_RESET_LIMIT = env_int("PASSWORD_RESET_LIMIT", 3)
PASSWORD_RESET_WINDOW = env_int("PASSWORD_RESET_WINDOW", 60 * 60)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
# Dates day first (30/05/2025) in both languages.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env_path("MEDIA_ROOT", VAR_DIR / "media", BASE_DIR)
# Generated documents carry names and decisions: kept out of MEDIA_ROOT (which the proxy serves
# to anyone) and handed out only by a view that checks the user's scope.
PRIVATE_MEDIA_ROOT = env_path("PRIVATE_MEDIA_ROOT", VAR_DIR / "private", BASE_DIR)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# backups: where `manage.py backup` writes its archives when not told (compose mounts a volume).
BACKUP_DIR = env_path("BACKUP_DIR", VAR_DIR / "backups", BASE_DIR)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

vars().update(env_email("EMAIL_URL", "consolemail://"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ngayhoi@localhost")

# Celery: Redis when REDIS_URL is set, otherwise kombu's filesystem transport, which needs no
# server. The filesystem broker loses a task whose worker dies mid-run; the documents job table
# re-queues such jobs.
CELERY_EMBEDDED_DIR = env_path("CELERY_EMBEDDED_DIR", VAR_DIR / "celery", BASE_DIR)
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    # Sending fails within seconds when Redis is down (kombu otherwise retries for a while):
    # a print request then says so at once; the worker's own reconnecting is not affected.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": 3600,
        "max_retries": 0,
        "socket_connect_timeout": 2,
    }
    CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_EMBEDDED_DIR / "queue"),
        "data_folder_out": str(CELERY_EMBEDDED_DIR / "queue"),
        "processed_folder": str(CELERY_EMBEDDED_DIR / "processed"),
        # kombu's default is "control" in the working directory: the repository, shared by
        # every run and test started there.
        "control_folder": str(CELERY_EMBEDDED_DIR / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{CELERY_EMBEDDED_DIR / 'results'}"
    # Neither kombu's filesystem transport nor Celery's file backend creates its folders.
    for _folder in ("queue", "processed", "control", "results"):
        (CELERY_EMBEDDED_DIR / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BEAT_SCHEDULE: dict = {}
# Beside the other runtime files: not the directory beat was started from.
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# Security: secure by default, relaxed only by DEBUG or by explicit variables (a ward intranet
# without TLS sets SECURE_SSL_REDIRECT=false and the cookie flags accordingly).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind a reverse proxy the client's address is the last X-Forwarded-For entry it added.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^livez/$"]  # the container healthcheck speaks plain HTTP
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Upload limits for forms (files have their own limits where they are accepted).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")
# Celery's worker replaces the root logger's handlers with its own text format unless told not
# to: with JSON logs the worker writes through the handler below, like the web.
CELERY_WORKER_HIJACK_ROOT_LOGGER = LOG_FORMAT != "json"
if LOG_FORMAT == "json":
    # Python's warnings (a deprecation, a missing folder) would be bare text lines in between.
    logging.captureWarnings(True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # The PDF writer's font subsetting narrates every table it prunes at INFO.
        "fontTools": {"level": "WARNING"},
    },
}

# Health (/healthz/, config/health.py): each worker records a heartbeat this often; none newer
# than HEALTH_WORKER_MAX_AGE seconds means no worker takes jobs. Below HEALTH_MIN_FREE_MB free
# in the media or documents folder, uploads and printing are about to fail.
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 30)
HEALTH_WORKER_MAX_AGE = env_int("HEALTH_WORKER_MAX_AGE", 120)
HEALTH_MIN_FREE_MB = env_int("HEALTH_MIN_FREE_MB", 500)

# Errors to Sentry when SENTRY_DSN is set (config/sentry.py), tagged with this environment's
# name and the app's version as the release.
SENTRY_DSN = env_secret("SENTRY_DSN")
if SENTRY_DSN:
    from config.sentry import init_sentry

    init_sentry(SENTRY_DSN, env_str("SENTRY_ENVIRONMENT", "production"))

# documents: the document pipeline (jobs, renderers, downloads).
# The unit a job belongs to, and the module that scopes rows to a user (documents imports no
# domain app: like AUTH_USER_MODEL, these name them).
DOCUMENTS_UNIT_MODEL = "wards.AdministrativeUnit"
DOCUMENTS_SCOPING = "wards.scoping"
# Typst sees only these fonts: the same PDF on every machine.
DOCUMENTS_FONT_DIR = BASE_DIR / "static" / "fonts"
DOCUMENTS_FONT_FILES = [
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
]
DOCUMENTS_TEMPLATE_DIR = BASE_DIR / "templates" / "documents"
DOCUMENTS_FILE_TTL_HOURS = env_int("DOCUMENTS_FILE_TTL_HOURS", 7 * 24)
# A running job marks itself alive this often; one silent for DOCUMENTS_STALE_SECONDS has lost
# its worker and is queued again (the beat looks every minute: picked up within two). A queued
# job not taken for DOCUMENTS_RESEND_QUEUED_SECONDS is sent again (its message may be lost).
DOCUMENTS_HEARTBEAT_SECONDS = env_int("DOCUMENTS_HEARTBEAT_SECONDS", 15)
DOCUMENTS_STALE_SECONDS = env_int("DOCUMENTS_STALE_SECONDS", 60)
DOCUMENTS_RESEND_QUEUED_SECONDS = env_int("DOCUMENTS_RESEND_QUEUED_SECONDS", 300)
DOCUMENTS_MAX_ATTEMPTS = 3
# Print requests per user in the window (seconds): each one occupies a worker.
DOCUMENTS_REQUEST_LIMIT = env_int("DOCUMENTS_REQUEST_LIMIT", 30)
DOCUMENTS_REQUEST_WINDOW = env_int("DOCUMENTS_REQUEST_WINDOW", 60)
# Typst keeps the layouts of its last compilations in memory (about 650 MB after ten
# 1,000-row lists, then flat): a worker child above this many KiB is replaced after its task.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 1_000_000)
CELERY_BEAT_SCHEDULE.update(
    {
        "documents-cleanup-expired": {"task": "documents.cleanup_expired", "schedule": 3600},
        "documents-requeue-stale": {"task": "documents.requeue_stale", "schedule": 60},
    }
)

# wards: the register of schemes. MAP_TILE_URL is a Leaflet tile template such as
# "https://tiles.example.vn/{z}/{x}/{y}.png"; empty (the default, for intranets without a tile
# server) draws the markers on a blank map.
MAP_TILE_URL = env_str("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "")
REGISTER_IMPORT_MAX_BYTES = env_int("REGISTER_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
REGISTER_IMPORT_MAX_ROWS = env_int("REGISTER_IMPORT_MAX_ROWS", 20_000)
# Uploaded sheets wait here between the preview and the confirmation (names are unguessable).
REGISTER_IMPORT_DIR = PRIVATE_MEDIA_ROOT / "imports"

# festival: photo uploads (checked and re-encoded in festival/photos.py).
FESTIVAL_PHOTO_MAX_BYTES = env_int("FESTIVAL_PHOTO_MAX_BYTES", 20 * 1024 * 1024)
FESTIVAL_PHOTO_MAX_PIXELS = env_int("FESTIVAL_PHOTO_MAX_PIXELS", 40_000_000)
# awards: commendations, decisions, certificates.
# Cash rewards are rounded half up to a multiple of this many đồng (coefficient × base salary,
# Nghị định 152/2025/NĐ-CP); 1 keeps the exact amount. Default: the nearest 1,000 đ.
AWARDS_REWARD_ROUNDING = env_int("AWARDS_REWARD_ROUNDING", 1000)
if AWARDS_REWARD_ROUNDING < 1:
    raise ImproperlyConfigured("AWARDS_REWARD_ROUNDING must be at least 1 (đồng).")
# Verification page: lookups allowed per client address in the window (seconds).
AWARDS_VERIFY_LIMIT = env_int("AWARDS_VERIFY_LIMIT", 30)
AWARDS_VERIFY_WINDOW = env_int("AWARDS_VERIFY_WINDOW", 60)
# dashboards: the wards' running totals of activity and nominations follow every change;
# each night they are recounted from the rows, and any difference found is logged. A
# dashboard's grouped figures are cached until a row under its unit changes (and at most
# this long).
DASHBOARDS_CACHE_SECONDS = env_int("DASHBOARDS_CACHE_SECONDS", 24 * 3600)
CELERY_BEAT_SCHEDULE["dashboards-rebuild-summaries"] = {
    "task": "dashboards.rebuild_summaries",
    "schedule": crontab(hour=2, minute=30),
}

# api: the REST API for district and province systems (issue 16, api/base.py).
# Calls per token (or signed-in user) in the window (seconds), then 429 with Retry-After.
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 600)
API_RATE_WINDOW = env_int("API_RATE_WINDOW", 60)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.conventions.ScopedPermission"],
    "DEFAULT_THROTTLE_CLASSES": ["api.authentication.TokenRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "api.conventions.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": ["api.conventions.DeclaredFilters"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.conventions.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.base.exception_handler",
    "COERCE_DECIMAL_TO_STRING": False,
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ngày hội toàn dân bảo vệ an ninh Tổ quốc — API",
    "DESCRIPTION": (
        "Dữ liệu của các phường, xã cho hệ thống của tỉnh: gửi mã truy cập trong tiêu đề "
        "`Authorization: Token <mã>`. Mọi danh sách phân trang (count, next, previous, results)."
    ),
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {"RecipientKindEnum": "awards.models.RecipientKind"},
}
CELERY_BEAT_SCHEDULE["api-purge-idempotency"] = {
    "task": "api.purge_idempotency",
    "schedule": 3600,
}

# --- Security headers, error pages and hostile input (issue 13). Kept in one block at the end.
# An uploaded workbook may unpack to at most this much, and no large member of it may be
# compressed more than this many times (real sheets: 5 to 20; zip bombs: a thousand).
REGISTER_IMPORT_MAX_UNPACKED_BYTES = env_int("REGISTER_IMPORT_MAX_UNPACKED_BYTES", 50 * 1024 * 1024)
REGISTER_IMPORT_MAX_RATIO = env_int("REGISTER_IMPORT_MAX_RATIO", 100)

from config.security import tile_image_source  # noqa: E402  (beside the setting using it)

# Content-Security-Policy (django-csp): every script and style is a vendored file of ours, so
# no inline script, no eval, no style attributes; page data travels in json_script elements.
# Map tiles are the only images from elsewhere.
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:", *tile_image_source(MAP_TILE_URL)],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
    }
}
# Only the scheme form's "use my location" button asks for a device feature.
PERMISSIONS_POLICY = (
    "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), display-capture=()"
)
# Before any view reads the request; after the session and locale, for the error page.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "config.security.HostileInputMiddleware",
)
MIDDLEWARE += ["csp.middleware.CSPMiddleware", "config.security.PermissionsPolicyMiddleware"]
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"
