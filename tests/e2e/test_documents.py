import pypdf
import pytest

from tests.conftest import PASSWORD
from wards.models import AreaKind, ResidentialArea

pytestmark = [pytest.mark.e2e, pytest.mark.worker]


def test_a_ward_official_prints_the_ward_profile_and_downloads_it(
    page, log_in, people, units, celery_worker
):
    ResidentialArea.objects.create(
        ward=units["ward"], kind=AreaKind.THON, name="Thôn Đông", households=120, population=450
    )
    log_in("canbo.an", PASSWORD)
    page.get_by_role("button", name="In hồ sơ phường (PDF)").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Hồ sơ phường, xã — An").is_visible()

    # The worker finishes the job; htmx polling swaps in the download button.
    download_link = page.get_by_role("link", name="Tải về")
    download_link.wait_for(timeout=60_000)
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename == "Hồ sơ Phường An.pdf"
    text = pypdf.PdfReader(download.path()).pages[0].extract_text()
    assert "Thôn Đông" in text

    page.get_by_role("button", name="Mở menu").click()
    page.locator("#mainnav").get_by_role("link", name="Văn bản in").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Hồ sơ phường, xã — An").is_visible()

    # A colleague of the ward finds it under the whole unit's tab and downloads it too.
    page.context.clear_cookies()
    log_in("btc.an", PASSWORD)
    page.goto("/documents/")
    page.get_by_role("link", name="Cả đơn vị").click()
    page.wait_for_load_state()
    item = page.locator("[data-job]").filter(has_text="Hồ sơ phường, xã — An")
    assert "Nguyễn Văn Hải" in item.inner_text()
    with page.expect_download() as info:
        item.get_by_role("link", name="Tải về").click()
    assert info.value.suggested_filename == "Hồ sơ Phường An.pdf"
