"""Pages read on a phone (390×844, the suite's default page) and the navbar at both widths."""

from datetime import date

import pytest

from awards.catalogue import seed_catalogue
from awards.models import AwardForm, Decision, Nomination, Nominee, RecipientKind, Status
from awards.services import issue
from tests.conftest import PASSWORD, make_user
from wards.models import ResidentialArea, Role, Signer

pytestmark = pytest.mark.e2e

LONG_GROUPING = "Cụm phường Trung tâm thành phố Cẩm Phả và các xã, phường lân cận phía Đông"


def _overflows(page, selector) -> list[str]:
    """The texts of the elements matching ``selector`` whose content is cut or spills over."""
    return page.eval_on_selector_all(
        selector,
        "els => els.filter(e => e.scrollWidth > e.clientWidth).map(e => e.textContent)",
    )


def _page_scrolls_sideways(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def _issued_decision(units, people) -> Decision:
    seed_catalogue()
    form = AwardForm.objects.get(code="GKUBP")
    signer = Signer.objects.create(unit=units["ward"], name="Trần Văn Bình", title="Chủ tịch")
    decision = Decision.objects.create(
        unit=units["ward"],
        form=form,
        number=125,
        symbol="QĐ-UBND",
        date=date(2025, 8, 12),
        authority="Ủy ban nhân dân phường An",
        place="An",
        signer=signer,
    )
    for name, kind in [
        ("Nguyễn Văn Hải", RecipientKind.INDIVIDUAL),
        ("Tổ tự quản khu phố 3", RecipientKind.COLLECTIVE),
    ]:
        nominee = Nominee.objects.create(
            ward=units["ward"],
            kind=kind,
            name=name,
            birth_year=1970 if kind == RecipientKind.INDIVIDUAL else None,
            position="Tổ trưởng tổ tuần tra nhân dân" if kind == RecipientKind.INDIVIDUAL else "",
            organisation="Khu phố 3, phường An",
        )
        Nomination.objects.create(
            nominee=nominee,
            form=form,
            year=2025,
            achievements="Có thành tích xuất sắc trong phong trào toàn dân bảo vệ ANTQ",
            proposing_unit="UBND phường An",
            status=Status.APPROVED,
            decision=decision,
        )
    leader = make_user("chutich.an", Role.WARD_LEADER, units["ward"])
    return issue(leader, decision)


def test_the_decision_page_on_a_phone_shows_every_serial_whole(page, log_in, units, people):
    decision = _issued_decision(units, people)
    serials = sorted(decision.certificates.values_list("serial", flat=True))
    log_in("canbo.an", PASSWORD)
    page.goto(f"/awards/decisions/{decision.pk}/")

    cells = page.get_by_test_id("serial")
    assert sorted(cells.all_inner_texts()) == serials
    for cell in cells.all():
        assert cell.is_visible()
    assert _overflows(page, "[data-testid=serial]") == []
    assert not _page_scrolls_sideways(page)
    # Each row is a card whose cells are labelled, not six columns of one word per line.
    name = page.get_by_role("cell", name="Nguyễn Văn Hải")
    assert name.evaluate("td => getComputedStyle(td, '::before').content") == '"Họ tên / tập thể"'
    assert name.bounding_box()["height"] < 40
    # An amount never breaks away from its "đ".
    assert page.get_by_test_id("total").inner_text() == "2.106.000\u00a0đ"


@pytest.mark.parametrize("width", [390, 1366])
def test_a_long_unit_name_keeps_the_navbar_on_one_line(page, log_in, units, people, width):
    units["grouping"].name = LONG_GROUPING
    units["grouping"].save()
    page.set_viewport_size({"width": width, "height": 844})
    log_in("cum.mot", PASSWORD)
    page.goto("/")
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
    link = page.get_by_test_id("nav-unit")
    link.wait_for()
    assert link.get_attribute("title") == LONG_GROUPING
    line = link.evaluate("a => parseFloat(getComputedStyle(a).lineHeight)")
    text_height = link.evaluate("a => a.getClientRects()[0].height")
    assert text_height < 2 * line + 16  # one line (plus the link's padding)
    if width > 992:
        brand = page.locator(".navbar-brand").bounding_box()
        navbar = page.locator(".app-navbar").bounding_box()
        assert navbar["height"] < brand["height"] + 40
    assert not _page_scrolls_sideways(page)


def test_the_ward_home_on_a_phone_opens_on_the_register_without_empty_columns(
    page, log_in, units, people
):
    for number in range(1, 13):
        ResidentialArea.objects.create(ward=units["ward"], kind="khu_pho", name=f"Khu phố {number}")
    log_in("canbo.an", PASSWORD)
    page.goto(f"/units/{units['ward'].code}/")

    register = page.locator("#register").bounding_box()
    areas = page.locator("#areas").bounding_box()
    assert register["y"] < areas["y"]
    headers = page.locator("#areas th").all_inner_texts()
    assert "Số hộ" not in headers
    assert "Nhân khẩu" not in headers
    # Twelve areas in a compact list, not a screen-and-a-half of empty table rows.
    assert areas["height"] < 844
    assert not _page_scrolls_sideways(page)


def test_the_birth_year_is_marked_required_only_for_an_individual(page, log_in, units, people):
    log_in("canbo.an", PASSWORD)
    page.goto(f"/awards/units/{units['ward'].code}/nominees/new/")
    label = page.locator("label[for=id_birth_year]")
    page.get_by_label("Cá nhân / tập thể").select_option(label="Cá nhân")
    assert label.inner_text().endswith("*")
    assert page.locator("#id_birth_year").get_attribute("aria-required") == "true"
    page.get_by_label("Cá nhân / tập thể").select_option(label="Tập thể")
    assert not label.inner_text().endswith("*")
    assert page.locator("#id_birth_year").get_attribute("aria-required") == "false"


def test_no_page_asks_for_a_missing_icon(page, log_in, units, people):
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    log_in("canbo.an", PASSWORD)
    page.goto("/")
    page.wait_for_load_state("networkidle")
    icon = page.evaluate("fetch('/favicon.ico').then(r => r.status)")
    assert icon == 200
    assert missing == []


def test_the_catalogue_reads_on_a_phone_with_its_whole_formula(page, log_in, units, people):
    seed_catalogue()
    log_in("canbo.an", PASSWORD)
    page.goto("/awards/forms/")
    formula = page.get_by_test_id("reward-collective").first
    assert " × 2.340.000\u00a0đ = " in formula.inner_text()
    assert formula.is_visible()
    assert not _page_scrolls_sideways(page)
