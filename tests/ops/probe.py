"""Run inside a scratch site (tests/ops/sites.py), on the test's clock:
``python -m tests.ops.probe manage ARGS`` is ``manage.py ARGS``; the other commands print one
line of JSON for the test to read.

- ``populate``: the demo data, a festival photo (media) and a printed certificate (private).
- ``counts``: the rows in every table.
- ``verify``: every certificate's public verification page, and a ward's register page.
- ``insert``: a new scheme, to see the ids go on after the loaded rows.
- ``load-frozen DUMP``: migrate to exactly the dump's migrations and insert its rows
  (tests/ops/frozen.py).
"""

import io
import json
import os
import sys
from datetime import datetime

import time_machine

if start := os.environ.get("TEST_CLOCK_START"):
    time_machine.travel(datetime.fromisoformat(start), tick=True).start()

import django  # noqa: E402  (after the clock is set)


def populate() -> dict:
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from PIL import Image

    from awards.models import Certificate
    from config.celery_app import app as celery_app
    from documents.services import request_document
    from festival.models import Festival
    from festival.photos import clean_image, save_photo

    for command in ("load_demo", "load_festival_demo", "load_awards_demo"):
        call_command(command, stdout=io.StringIO())
    users = get_user_model().objects
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(picture, "JPEG")
    photo = save_photo(
        Festival.objects.get(ward__code="06781", year=2026),
        clean_image(SimpleUploadedFile("khai-mac.jpg", picture.getvalue(), "image/jpeg")),
        "Lễ khai mạc",
        users.get(username="btc.cuaong"),
    )
    # Printed in-process: the scratch site has no worker.
    celery_app.conf.task_always_eager = True
    certificate = Certificate.objects.filter(decision__unit__code="06781").first()
    job = request_document(users.get(username="lanhdao.cuaong"), "awards.certificate", certificate)
    return {"photo": photo.image.name, "document": job.file.name, "status": job.status}


def counts() -> dict:
    from django.db import connection

    result = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            result[table] = cursor.fetchone()[0]
    return result


def verify() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils.html import escape

    from awards.models import Certificate
    from wards.models import Scheme

    setup_test_environment()
    client = Client()
    certificates = {}
    for certificate in Certificate.objects.select_related("nomination__nominee"):
        page = client.get(f"/verify/{certificate.code}/")
        certificates[certificate.code] = {
            "status": page.status_code,
            "names_nominee": escape(certificate.nomination.nominee.name) in page.text,
        }
    client.force_login(get_user_model().objects.get(username="canbo.cuaong"))
    register = client.get("/schemes/")
    first = Scheme.objects.filter(ward__code="06781").order_by("kind__position", "sort_name")
    names = list(first.values_list("name", flat=True)[:5])
    return {
        "certificates": certificates,
        "register": {
            "status": register.status_code,
            "schemes": Scheme.objects.filter(ward__code="06781").count(),
            "listed": [name for name in names if escape(name) in register.text],
            "expected": names,
        },
    }


def insert() -> dict:
    """A new scheme and its history row: their ids come after the loaded ones."""
    from wards.models import Scheme

    scheme = Scheme.objects.filter(ward__code="06781").order_by("pk").first()
    scheme.pk, scheme._state.adding = None, True
    scheme.name = "Mô hình thêm sau khi nâng cấp"
    scheme.save()
    return {"scheme": scheme.pk, "history": scheme.history.get().pk}


def main() -> None:
    what, args = sys.argv[1], sys.argv[2:]
    if what == "manage":
        from django.core.management import execute_from_command_line

        execute_from_command_line(["manage.py", *args])
        return
    django.setup()
    if what == "load-frozen":
        from tests.ops.frozen import load

        result = load(args[0])
    else:
        commands = {"populate": populate, "counts": counts, "verify": verify, "insert": insert}
        result = commands[what]()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
