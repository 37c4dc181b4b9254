"""axe-core over the main pages of every demo role, at a desktop and a phone width: no serious or
critical violation anywhere, no empty table header and no duplicate or unnamed landmark. The demo
ward (phường Cửa Ông, its 2026 festival, decision 125/QĐ-UBND) gives every page real rows, so
tables, badges and buttons are all on show.

axe-core is vendored under tests/e2e/vendor (static/vendor/README.md says which version); only
this test serves it."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from awards.models import Ceremony, Decision, Nomination, Nominee
from documents.services import request_document
from festival.models import Festival
from tests.register import DEMO_PASSWORD, load_demo_data
from wards.models import Activity, AdministrativeUnit, Scheme

pytestmark = [pytest.mark.e2e]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WIDTHS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
WARD = "06781"  # Cửa Ông
PROVINCE = "22"  # Quảng Ninh
BLOCKING = {"serious", "critical"}
# Rated minor and moderate by axe, but faults the issue named: checked on every page too.
NAMED_RULES = ("empty-table-header", "landmark-")
ROLES = (
    "canbo.cuaong",
    "btc.cuaong",
    "lanhdao.cuaong",
    "cum.campha",
    "tinh.quangninh",
    "quantri.quangninh",
)


@pytest.fixture
def demo(transactional_db):
    load_demo_data()


def _pages(username: str) -> list[str]:
    """The pages each role opens in a day's work, listed by hand so a new page is a choice."""
    ward = AdministrativeUnit.objects.get(code=WARD)
    grouping = ward.parent
    festival = Festival.objects.get(ward=ward, year=2026)
    scheme = Scheme.objects.filter(area__ward=ward).first()
    activity = Activity.objects.filter(ward=ward).first()
    nominee = Nominee.objects.filter(ward=ward).first()
    nomination = Nomination.objects.filter(nominee__ward=ward).first()
    decision = Decision.objects.get(unit=ward, number=125)
    ceremony = Ceremony.objects.get(festival=festival)
    # Each page once, by the role that works on it most; the home page (a unit page of the
    # person's own level) by everyone.
    pages = {
        "canbo.cuaong": [
            reverse("wards:scheme_list"),
            reverse("wards:scheme", args=[scheme.pk]),
            reverse("wards:scheme_edit", args=[scheme.pk]),
            reverse("wards:scheme_members", args=[scheme.pk]),
            reverse("wards:scheme_map"),
            reverse("wards:activity_list", args=[WARD]),
            reverse("wards:activity_create", args=[WARD]),
            reverse("wards:activity_edit", args=[activity.pk]),
            reverse("wards:exemplar_list", args=[WARD]),
            reverse("wards:exemplar_create", args=[WARD]),
            reverse("wards:import", args=[WARD, "activity"]),
            reverse("awards:index"),
            reverse("awards:nominees"),
            reverse("awards:nominee_edit", args=[nominee.pk]),
            reverse("awards:nomination_create", args=[WARD]),
            reverse("awards:nomination", args=[nomination.pk]),
            reverse("password_change"),
        ],
        "btc.cuaong": [
            reverse("festival:list"),
            reverse("festival:calendar"),
            reverse("festival:detail", args=[festival.pk]),
            reverse("festival:edit", args=[festival.pk]),
            reverse("festival:results", args=[festival.pk]),
            reverse("festival:pledge", args=[festival.pk]),
            reverse("festival:photos", args=[festival.pk]),
            reverse("festival:row_create", args=[festival.pk, "programme"]),
            reverse("awards:ceremonies"),
            reverse("awards:ceremony", args=[ceremony.festival_id]),
            reverse("awards:printers"),
            reverse("awards:printer_create"),
            reverse("documents:list"),
            reverse("documents:job", args=[_printed_job(festival)]),
        ],
        "lanhdao.cuaong": [
            reverse("awards:catalogue"),
            reverse("awards:approvals"),
            reverse("awards:decisions"),
            reverse("awards:decision_create"),
            reverse("awards:decision", args=[decision.pk]),
            reverse("wards:signer_list", args=[WARD]),
            reverse("wards:signer_create", args=[WARD]),
            reverse("dashboards:ward", args=[WARD]),
        ],
        "cum.campha": [reverse("dashboards:unit", args=[grouping.code])],
        "tinh.quangninh": [reverse("dashboards:unit", args=[PROVINCE])],
        "quantri.quangninh": [
            reverse("wards:grouping_edit", args=[grouping.code]),
            reverse("wards:area_create", args=[WARD]),
            reverse("wards:unit_settings", args=[WARD]),
            reverse("wards:unit_settings", args=[PROVINCE]),
            reverse("wards:scheme_kind_list", args=[PROVINCE]),
            reverse("wards:scheme_kind_create", args=[PROVINCE]),
            reverse("api_tokens", args=[PROVINCE]),
        ],
    }
    return [reverse("home"), *pages[username]]


def _printed_job(festival) -> int:
    user = get_user_model().objects.get(username="btc.cuaong")
    return request_document(user, "festival.programme", festival, "pdf").pk


def _public_pages() -> list[str]:
    code = Decision.objects.get(unit__code=WARD, number=125).certificates.first().code
    return [
        reverse("login"),
        reverse("password_reset"),
        reverse("awards:verify", args=[code]),
        reverse("awards:verify", args=["KHONG-CO"]),
    ]


def _axe(page, url: str) -> list[str]:
    page.goto(url)
    # The CSP refuses inline script, which add_script_tag(content=…) would be; evaluate() runs
    # the source through the DevTools protocol, outside the page's policy, so the page under
    # test keeps the exact policy it ships with.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    result = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " targets: v.nodes.map(n => n.target.join(' '))})))"
    )
    return [
        f"{url}: {v['id']} ({v['impact']}) {v['help']} at {', '.join(v['targets'][:5])}"
        + (f" and {len(v['targets']) - 5} more" if len(v["targets"]) > 5 else "")
        for v in result
        if v["impact"] in BLOCKING or v["id"].startswith(NAMED_RULES)
    ]


def _crawl(browser, live_server, username: str | None, urls: list[str]) -> list[str]:
    """One context per person, both widths in it: a login serves both."""
    found = []
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    if username:
        page.goto(reverse("login"))
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state()
    for name, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        for url in urls:
            found += [f"[{username or 'anonymous'} {name}] {line}" for line in _axe(page, url)]
    context.close()
    return found


def test_no_serious_or_critical_violation_on_any_roles_pages(browser, live_server, demo):
    found = _crawl(browser, live_server, None, _public_pages())
    for username in ROLES:
        found += _crawl(browser, live_server, username, _pages(username))
    assert not found, f"{len(found)} axe violations:\n" + "\n".join(found)
