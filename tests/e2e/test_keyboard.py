"""A ward official nominates a person with the keyboard alone (Tab, Enter, arrows, typing), from
logging in to the saved nomination, and at every stop the focused element is on screen with a
focus ring of at least 3:1 against what surrounds it (WCAG 2.2 AA 2.4.7, 1.4.11)."""

import pytest

from awards.catalogue import seed_catalogue
from awards.models import Nomination, Nominee
from tests.conftest import PASSWORD
from tests.contrast import contrast
from tests.register import make_scheme, seed_kinds
from wards.models import SchemeKind

pytestmark = [pytest.mark.e2e]

FORM = "Giấy khen của Chủ tịch Ủy ban nhân dân phường, xã"

# What the focused element looks like, and the colour just outside its ring: the element under
# that point (the ring is drawn outside the element, so that is what it must stand out from).
FOCUS_STATE = """() => {
  const active = document.activeElement;
  if (!active || active === document.body) return null;
  // A searchable select's ring is drawn round its whole box, not the text field inside it.
  const el = active.closest(".ts-control") || active;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const ring = parseFloat(style.outlineWidth) || 0;
  const gap = parseFloat(style.outlineOffset) || 0;
  const x = Math.max(0, rect.left - gap - ring - 1), y = rect.top + rect.height / 2;
  let behind = document.elementsFromPoint(x, y).find(node => !el.contains(node));
  let background = "rgb(255, 255, 255)";
  for (let node = behind; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && !colour.endsWith(", 0)") && colour !== "transparent") {
      background = colour; break;
    }
  }
  return {
    tag: active.tagName,
    name: (active.innerText || active.getAttribute("aria-label") || active.name || "").trim(),
    role: active.getAttribute("role"), id: active.id,
    onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
      && rect.top < innerHeight && rect.left < innerWidth && el.checkVisibility(),
    outline: style.outlineStyle, ring: ring, colour: style.outlineColor, background: background,
  };
}"""


def _hex(rgb: str) -> str:
    values = rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")
    return "#" + "".join(f"{round(float(v)):02x}" for v in values[:3])


def _focused(page) -> dict:
    state = page.evaluate(FOCUS_STATE)
    assert state, "nothing has focus"
    where = f"{state['tag']} {state['name']!r} on {page.url}"
    assert state["onScreen"], f"{where} is not on screen"
    assert state["outline"] != "none", f"{where} has no focus ring"
    assert state["ring"] >= 2, f"{where}: a {state['ring']}px ring"
    ratio = contrast(_hex(state["colour"]), _hex(state["background"]))
    assert ratio >= 3, f"{where}: ring {state['colour']} on {state['background']}, {ratio:.2f}:1"
    return state


def _press(page, key: str) -> dict:
    page.keyboard.press(key)
    return _focused(page)


def _follow(page, key: str = "Enter") -> None:
    """A key that opens another page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def _tab_to(page, name: str, limit: int = 40) -> dict:
    for _ in range(limit):
        state = _press(page, "Tab")
        if state["name"].startswith(name):
            return state
    raise AssertionError(f"{name!r} not reached in {limit} Tab presses on {page.url}")


def _arrow_to(page, label: str, limit: int = 80) -> None:
    """A closed <select> steps through its options with the arrow keys."""
    for _ in range(limit):
        _press(page, "ArrowDown")
        if page.evaluate("document.activeElement.selectedOptions[0].label") == label:
            return
    raise AssertionError(f"option {label!r} not reached")


def test_a_nomination_by_keyboard_with_a_visible_focus_at_every_step(
    browser, live_server, people, units
):
    seed_catalogue()  # an earlier test may have flushed the migration's rows
    Nominee.objects.create(
        ward=units["ward"], name="Nguyễn Văn Hải", birth_year=1970, position="Tổ viên tổ tuần tra"
    )
    # Reduced motion: Bootstrap otherwise scrolls a newly focused field into view smoothly, and
    # the check would catch it on its way.
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        viewport={"width": 1366, "height": 768},
        reduced_motion="reduce",
    )
    page = context.new_page()
    page.set_default_timeout(15_000)

    # The login form starts in its first field.
    page.goto("/accounts/login/")
    assert _focused(page)["id"] == "id_username"
    page.keyboard.type("canbo.an")
    _press(page, "Tab")
    page.keyboard.type(PASSWORD)
    _follow(page)
    page.wait_for_url(f"{live_server.url}/units/90001/")

    # Home: the first stop is the skip link; the navbar follows.
    assert _press(page, "Tab")["name"] == "Bỏ qua, đến nội dung chính"
    _tab_to(page, "Khen thưởng")
    _follow(page)
    page.wait_for_url("**/awards/")
    # The skip link passes the navbar: the next stop after it is in the content.
    assert _press(page, "Tab")["name"] == "Bỏ qua, đến nội dung chính"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The content opens with the breadcrumb trail, then the page's own actions.
    assert _press(page, "Tab")["name"] == "Trang chủ"
    _tab_to(page, "Lập đề nghị")
    _follow(page)
    page.wait_for_url("**/nominations/new/")

    # The form starts in its first field; saving it empty puts the reader on a summary of
    # what to correct, whose links lead to the fields.
    assert _focused(page)["id"] == "id_nominee-ts-control"
    _tab_to(page, "Lưu đề nghị")
    _follow(page)
    summary = _focused(page)
    assert summary["role"] == "alert"
    assert summary["name"].startswith("Chưa lưu được. Hãy sửa các mục sau:")
    assert _press(page, "Tab")["name"].startswith("Đối tượng")
    assert _press(page, "Enter")["id"] == "id_nominee-ts-control"

    # The nominee picker is searchable: type, then Enter takes the first match.
    page.keyboard.type("nguyen van hai")
    page.locator(".ts-dropdown .option.active", has_text="Nguyễn Văn Hải").wait_for()
    _press(page, "Enter")
    _press(page, "Tab")
    _arrow_to(page, FORM)
    assert _press(page, "Tab")["id"] == "id_year"  # filled in
    assert _press(page, "Tab")["id"] == "id_proposing_unit"  # filled in
    assert _press(page, "Tab")["id"] == "id_achievements"
    page.keyboard.type("Tích cực tham gia phong trào toàn dân bảo vệ ANTQ")
    _tab_to(page, "Lưu đề nghị")
    _follow(page)
    page.wait_for_url("**/awards/nominations/*/")

    nomination = Nomination.objects.get()
    assert (nomination.nominee.name, nomination.form.name) == ("Nguyễn Văn Hải", FORM)
    assert _press(page, "Tab")["name"] == "Bỏ qua, đến nội dung chính"
    context.close()


def test_a_table_wider_than_a_phone_scrolls_by_keyboard(page, log_in, people, units):
    seed_kinds()  # a live-server test flushes the rows the migrations seeded
    kind = SchemeKind.objects.get(code="camera")
    make_scheme(units["ward"], kind, "Camera an ninh khu phố Ánh Dương")
    page.set_viewport_size({"width": 320, "height": 640})  # the width WCAG's reflow asks for
    log_in("canbo.an", PASSWORD)
    page.goto("/schemes/")
    wrapper = page.locator(".table-responsive")
    assert wrapper.get_attribute("role") == "region"
    assert wrapper.get_attribute("tabindex") == "0"
    assert wrapper.get_attribute("aria-label") == "Danh sách mô hình tự quản"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('table-responsive')"):
            break
    _focused(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.table-responsive').scrollLeft > 0")

    # Where the table fits, the wrapper is no stop of its own.
    page.set_viewport_size({"width": 1366, "height": 768})
    page.wait_for_function(
        "() => !document.querySelector('.table-responsive').hasAttribute('tabindex')"
    )
    assert wrapper.get_attribute("role") is None
