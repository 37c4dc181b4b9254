"""Errors sent to Sentry (or a server speaking its protocol, such as GlitchTip) when SENTRY_DSN is
set: unhandled exceptions of views and Celery tasks, and records logged at ERROR. sentry-sdk is
an optional dependency (`pip install 'ward-festival[sentry]'`, in the image already)."""

from django.core.exceptions import ImproperlyConfigured

from config.version import VERSION


def init_sentry(dsn: str, environment: str) -> None:
    try:
        import sentry_sdk
        from sentry_sdk.integrations.celery import CeleryIntegration
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: "
            "pip install 'ward-festival[sentry]', or unset SENTRY_DSN."
        ) from None
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        environment=environment,
        release=VERSION,
        # Registers hold citizens' names and addresses: no request bodies, cookies, users,
        # client addresses, query strings or local variables leave the server.
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        before_send=_without_query_string,
    )


def _without_query_string(event, hint):
    # Searches put names in the query string (?q=Nguyễn...).
    event.get("request", {}).pop("query_string", None)
    return event
