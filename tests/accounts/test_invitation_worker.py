"""The invitation e-mail goes out through a real Celery worker, not in the web request."""

import email
import re
import time

import pytest
from django.urls import reverse

from config.celery_app import app as celery_app
from tests import workers
from wards.models import Membership


@pytest.mark.worker
def test_a_worker_sends_the_invitation(client, transactional_db, people, tmp_path):
    admin = people["admin"]
    member = Membership.objects.get(user=people["organiser"])
    people["organiser"].email = "btc@example.com"
    people["organiser"].save()
    outbox = tmp_path / "mail"
    # Four slashes: django-environ reads "filemail:///tmp/…" as the relative path "tmp/…".
    env = {"DATABASE_URL": workers.test_database_url(), "EMAIL_URL": f"filemail:///{outbox}"}
    with workers.worker_process(env, ready_app=celery_app):
        client.force_login(admin)
        response = client.post(reverse("accounts:invite", args=[member.pk]))
        assert response.status_code == 302
        deadline = time.monotonic() + 30
        while not (outbox.exists() and any(outbox.iterdir())) and time.monotonic() < deadline:
            time.sleep(0.2)
    files = list(outbox.iterdir())
    assert len(files) == 1, "the worker sent no e-mail"
    raw = files[0].read_bytes().split(b"\n-------", 1)[0]  # the backend's separator line
    message = email.message_from_bytes(raw)
    assert message["To"] == "btc@example.com"
    body = message.get_payload(decode=True).decode()
    assert "Bạn được cấp tài khoản" in body
    assert re.search(r"/invitation/[^/\s]+/[^/\s]+/", body)
