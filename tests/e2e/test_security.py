"""Names are text in the browser, and the Content-Security-Policy holds on every page that runs
script: the map, the dashboards' charts, the scheme form, htmx polling, the festival pages."""

import datetime

import pytest

from documents.models import Job, JobStatus
from festival.services import create_festival
from tests.conftest import PASSWORD
from tests.register import make_scheme, seed_kinds
from wards.models import Scheme

pytestmark = pytest.mark.e2e

HOSTILE = '"><img src=x onerror=alert(1)>'

# Every violation the page reports, from before its first script runs.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile);
});
"""


@pytest.fixture
def watched(page):
    """The page, with every dialog and every CSP complaint recorded."""
    page.dialogs, page.refused = [], []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "console",
        lambda message: (
            page.refused.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.add_init_script(LISTEN)
    return page


def violations(page) -> list[str]:
    return page.refused + page.evaluate("window.__violations")


@pytest.fixture
def hostile_scheme(units):
    kinds = seed_kinds()
    return make_scheme(
        units["ward"], kinds["camera"], HOSTILE, latitude="21.028500", longitude="105.854200"
    )


def test_a_hostile_scheme_name_is_plain_text_on_the_map_and_the_dashboard(
    watched, log_in, people, hostile_scheme
):
    page = watched
    log_in("tinh.thu", PASSWORD)  # province staff, who would have run the official's script
    for address in ("/schemes/map/?ward=90001", "/dashboards/wards/90001/"):
        page.goto(address)
        marker = page.locator(".scheme-marker-icon")
        marker.hover()
        tooltip = page.locator(".leaflet-tooltip")
        assert tooltip.inner_text() == HOSTILE
        assert tooltip.locator("img").count() == 0
        marker.click()
        popup = page.locator(".leaflet-popup")
        assert popup.get_by_role("link", name=HOSTILE).is_visible()
        assert popup.locator("img").count() == 0
    assert page.dialogs == []
    assert violations(page) == []


def test_no_page_with_script_breaks_the_content_security_policy(
    watched, log_in, people, units, hostile_scheme
):
    page = watched
    festival = create_festival(
        units["ward"],
        people["ward_official"],
        date=datetime.date(2026, 8, 15),
        start_time=datetime.time(7, 30),
        venue="Nhà văn hóa khu phố 3",
    )
    job = Job.objects.create(
        kind="wards.profile",
        fmt="pdf",
        object_id=str(units["ward"].pk),
        title="Hồ sơ phường An",
        owner=people["ward_official"],
        unit=units["ward"],
        status=JobStatus.RUNNING,
        progress_done=1,
        progress_total=4,
    )
    log_in("canbo.an", PASSWORD)
    response = page.goto("/units/90001/")
    policy = set(response.headers["content-security-policy"].split("; "))
    assert {"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"} <= policy
    assert "geolocation=(self)" in response.headers["permissions-policy"]

    pages = [
        "/schemes/map/?ward=90001",
        "/dashboards/wards/90001/",
        f"/schemes/{hostile_scheme.pk}/edit/",
        f"/festivals/{festival.pk}/",
        f"/festivals/{festival.pk}/photos/",
        "/festivals/calendar/?year=2026&month=8",
        "/units/90001/activity/",
        "/documents/",  # the job table polls through htmx while a job runs
    ]
    for address in pages:
        page.goto(address)
        page.wait_for_load_state("networkidle")
    # The dashboards' charts were drawn by the vendored Chart.js.
    page.goto("/dashboards/wards/90001/")
    assert page.locator("canvas[data-chart]").first.evaluate(
        "c => Boolean(window.Chart.getChart(c))"
    )

    # The scheme form switches kind through htmx and still runs its own script.
    page.goto(f"/schemes/{hostile_scheme.pk}/edit/")
    page.get_by_label("Loại mô hình").select_option(label="Tổ tuần tra nhân dân")
    page.get_by_label("Số thành viên").wait_for()

    # The print job page polls through htmx (saying which state it shows, so a change is
    # announced once); its progress bar is sized by the stylesheet.
    with page.expect_request(f"**/documents/{job.pk}/status/?shown=*"):
        page.goto(f"/documents/{job.pk}/")
    # htmx swaps the whole block every second: read the bar in the page that shows it, not a
    # node the last swap just took out (a detached bar measures 0 / 0).
    ratio = page.wait_for_function(
        """() => {
            const bar = document.querySelector("#job-status .progress-bar");
            const track = bar && bar.isConnected && bar.parentNode;
            return track && track.offsetWidth > 0 && bar.offsetWidth / track.offsetWidth;
        }"""
    ).json_value()
    assert ratio == pytest.approx(0.25)

    # A delete button asks first, in the page's own dialog (no inline onsubmit, no browser
    # confirm); Escape keeps the scheme.
    page.goto(f"/schemes/{hostile_scheme.pk}/")
    page.get_by_role("button", name="Xóa mô hình").click()
    dialog = page.get_by_role("dialog")
    assert "Có thể khôi phục trong 30 ngày" in dialog.inner_text()
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.dialogs == []
    assert Scheme.objects.filter(pk=hostile_scheme.pk).exists()

    # The grouping's dashboard (a marker per ward, charts), as the district officer.
    page.context.clear_cookies()
    log_in("cum.mot", PASSWORD)
    page.goto("/dashboards/units/90-G1/")
    page.wait_for_load_state("networkidle")
    assert page.locator("canvas[data-chart]").first.evaluate(
        "c => Boolean(window.Chart.getChart(c))"
    )

    assert violations(page) == []
