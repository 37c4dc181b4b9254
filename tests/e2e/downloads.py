"""The file of a document job, as the user gets it: the job page's “Tải về” link."""


def download(page):
    """Wait for the worker to finish the job shown on the page, then download its file."""
    link = page.get_by_role("link", name="Tải về")
    link.wait_for(timeout=60_000)
    with page.expect_download() as info:
        link.click()
    return info.value
