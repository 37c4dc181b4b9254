import os
import threading

from celery import Celery, bootsteps
from django.conf import settings

from config.health import record_heartbeat

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("festival")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="config.ping")
def ping(payload: str = "pong") -> dict:
    """A round trip a deployment can check: the worker answers with its own pid."""
    return {"payload": payload, "pid": os.getpid()}


class Heartbeat(bootsteps.StartStopStep):
    """Every worker records that it is alive, for /healthz/ (config.health). A thread of the
    worker's main process, not a beat task: it beats while every pool process is busy and
    needs no beat running, and it stops when the worker does."""

    requires = {"celery.worker.components:Pool"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.stopping = threading.Event()

    def start(self, worker):
        thread = threading.Thread(
            target=self.beat, args=(worker.hostname,), name="health-heartbeat", daemon=True
        )
        thread.start()

    def stop(self, worker):
        self.stopping.set()

    def beat(self, hostname: str) -> None:
        while True:
            try:
                record_heartbeat(hostname)
            except Exception:  # the next beat tries again; /healthz/ sees the gap
                app.log.get_default_logger().exception("Worker heartbeat not recorded")
            if self.stopping.wait(settings.WORKER_HEARTBEAT_SECONDS):
                return


app.steps["worker"].add(Heartbeat)
