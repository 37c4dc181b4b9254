import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("festival")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="config.ping")
def ping(payload: str = "pong") -> dict:
    """A round trip a deployment can check: the worker answers with its own pid."""
    return {"payload": payload, "pid": os.getpid()}
