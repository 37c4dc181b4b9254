"""SENTRY_DSN: an error in a view reaches Sentry with the app's version as the release and the
environment's name, and without personal data. The "Sentry" is a small HTTP server in this test
that keeps what it is sent; the app runs in a fresh process (sentry-sdk is set up once per
process, at settings time) with the real sentry-sdk sending over a real connection."""

import gzip
import json
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from config.version import VERSION
from tests import workers

PROBE = """
import threading, urllib.error, urllib.request
from wsgiref.simple_server import WSGIRequestHandler, make_server
import django
django.setup()
from django.conf import settings
settings.ROOT_URLCONF = "tests.config.error_urls"
import sentry_sdk
from config.wsgi import application

class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass

server = make_server("127.0.0.1", 0, application, handler_class=Quiet)
threading.Thread(target=server.handle_request, daemon=True).start()
request = urllib.request.Request(
    f"http://127.0.0.1:{server.server_port}/broken/?ho_ten=Nguyen+Van+A",
    headers={"Cookie": "sessionid=bi-mat", "Host": "localhost"},
)
try:
    urllib.request.urlopen(request, timeout=30)
except urllib.error.HTTPError as answer:
    print(answer.code)
sentry_sdk.flush(timeout=10)
"""


class Recorder(BaseHTTPRequestHandler):
    received: list[tuple[str, bytes]] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        self.received.append((self.path, body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_server():
    Recorder.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def events(received) -> list[dict]:
    """The error events among the envelopes: a header line, then item header and payload."""
    found = []
    for _path, body in received:
        lines = body.split(b"\n")
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                found.append(json.loads(payload))
    return found


@pytest.mark.django_db(transaction=True)
def test_an_error_in_a_view_reaches_sentry_with_the_release(sentry_server):
    port = sentry_server.server_address[1]
    env = {
        "SENTRY_DSN": f"http://abc123@127.0.0.1:{port}/42",
        "SENTRY_ENVIRONMENT": "thu-nghiem",
        "DATABASE_URL": workers.test_database_url(),
    }
    result = workers.run_python(PROBE, env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["500"]

    assert {path for path, _body in Recorder.received} == {"/api/42/envelope/"}
    [event] = [e for e in events(Recorder.received) if e.get("exception")]
    assert event["release"] == VERSION
    assert event["environment"] == "thu-nghiem"
    error = event["exception"]["values"][-1]
    assert error["type"] == "DatabaseError"
    assert error["value"] == "the database is down"
    assert event["request"]["url"] == "http://localhost/broken/"
    assert event["request"]["method"] == "GET"
    # No personal data: no cookie, no client address, no name from the query string, and no
    # local variables (the request's repr among them carries the query).
    sent = json.dumps(event)
    assert "bi-mat" not in sent
    assert "Nguyen" not in sent
    assert "127.0.0.1" not in sent.replace(f"127.0.0.1:{port}", "")
    assert all("vars" not in frame for frame in error["stacktrace"]["frames"])


def test_sentry_dsn_without_sentry_sdk_stops_start_up_with_the_fix():
    # An import of sentry_sdk fails, as on a machine where it is not installed.
    code = "import sys; sys.modules['sentry_sdk'] = None; import django; django.setup()"
    result = workers.run_python(code, {"SENTRY_DSN": "http://abc123@127.0.0.1:9/42"})
    assert result.returncode != 0
    assert "SENTRY_DSN is set but sentry-sdk is not installed" in result.stderr
