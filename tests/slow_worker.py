"""The project's Celery app with one more document kind, which takes the seconds its job asks
for: a worker started with ``-A tests.slow_worker`` can be killed while it renders."""

import time

import django

django.setup()

from config.celery_app import app  # noqa: E402 - after setup; `celery -A` looks for `app`
from documents.registry import DocumentKind, Rendered, register  # noqa: E402

__all__ = ["app"]


def render_slowly(request):
    deadline = time.monotonic() + float(request.params.get("seconds", 0))
    while time.monotonic() < deadline:
        time.sleep(0.1)
    return Rendered("chậm.pdf", b"%PDF-1.7 slow")


register(
    DocumentKind(
        identifier="tests.slow",
        verbose_name="Chậm",
        formats=("pdf",),
        model="wards.AdministrativeUnit",
        render=render_slowly,
    )
)
