import pytest
from tests.conftest import PASSWORD
from tests.dashboards.conftest import province_data, kinds  # noqa
pytestmark = [pytest.mark.e2e]

def test_shots(page, log_in, people, units, province_data, browser, live_server):
    ctx = browser.new_context(base_url=live_server.url, viewport={"width": 1300, "height": 900})
    p2 = ctx.new_page()
    p2.goto("/accounts/login/"); p2.get_by_label("Tên đăng nhập").fill("tinh.thu"); p2.get_by_label("Mật khẩu").fill(PASSWORD); p2.get_by_role("button", name="Đăng nhập").click(); p2.wait_for_load_state()
    p2.goto("/dashboards/units/90/?year=2024"); p2.wait_for_timeout(800)
    p2.screenshot(path="/tmp/dash/unit_desktop.png", full_page=True)
    p2.get_by_role("tab", name="Ngày hội").click(); p2.wait_for_timeout(300)
    p2.screenshot(path="/tmp/dash/unit_desktop_fest.png", full_page=False)
    p2.goto("/dashboards/wards/90001/?year=2024"); p2.wait_for_timeout(800)
    p2.screenshot(path="/tmp/dash/ward_desktop.png", full_page=True)
    ctx.close()
