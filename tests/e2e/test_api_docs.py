"""The API's docs page (Swagger UI) in a real browser: drawn from the vendored files, under the
site's Content-Security-Policy, with no complaint."""

import pytest

from tests.e2e.test_security import LISTEN

pytestmark = pytest.mark.e2e


def test_api_docs_page_lists_the_resources_without_csp_violations(page, live_server):
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script(LISTEN)
    page.goto("/api/v1/docs/")
    page.get_by_text("/api/v1/schemes/", exact=True).first.wait_for()
    assert page.get_by_text("/api/v1/units/{code}/", exact=True).first.is_visible()
    assert refused + page.evaluate("window.__violations") == []
    # Nothing from the internet: every file the page loads is the site's own.
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requests)
