"""What every page shares for keyboard and screen-reader users: a skip link first, one banner,
one main, one contentinfo, navigation landmarks with distinct names, no empty table header."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

FOCUSABLE = {"a", "button", "input", "select", "textarea"}


class Outline(HTMLParser):
    """The body's landmarks (with their depth) and its focusable elements in document order."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.in_template = 0
        self.landmarks: list[tuple[str, int, dict]] = []
        self.focusable: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self.in_template += 1
        if self.in_template:
            return
        if tag in {"header", "main", "footer", "nav", "aside"}:
            self.landmarks.append((tag, self.depth, attrs))
        if tag in FOCUSABLE and attrs.get("type") != "hidden":
            self.focusable.append((tag, attrs))
        if tag not in {"meta", "link", "input", "br", "img", "hr"}:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1
        elif not self.in_template and tag not in {"meta", "link", "input", "br", "img", "hr"}:
            self.depth -= 1


def _outline(html: str) -> Outline:
    outline = Outline()
    outline.feed(html[html.index("<body") :])
    return outline


@pytest.fixture(params=["anonymous", "ward_official"])
def page(request, client, login, people):
    if request.param == "anonymous":
        return client.get(reverse("login")).content.decode()
    client = login(people["ward_official"])
    return client.get(reverse("wards:activity_list", args=["90001"])).content.decode()


def test_the_skip_link_comes_first_and_leads_to_main(page):
    outline = _outline(page)
    tag, attrs = outline.focusable[0]
    assert (tag, attrs.get("href")) == ("a", "#main")
    assert "Bỏ qua, đến nội dung chính</a>" in page
    assert '<main id="main" tabindex="-1"' in page


def test_one_banner_one_main_one_contentinfo_and_named_navigation(page):
    landmarks = _outline(page).landmarks
    top = [tag for tag, depth, _ in landmarks if depth == 1]
    assert top == ["header", "main", "footer"]
    assert [tag for tag, _, _ in landmarks].count("main") == 1
    names = [attrs.get("aria-label") for tag, _, attrs in landmarks if tag == "nav"]
    assert names
    assert all(names), names
    assert len(names) == len(set(names)), names


def test_no_template_has_an_empty_table_header():
    """A column of buttons still has a header a screen reader can say ("Thao tác", hidden)."""
    empty = re.compile(r"<th\b[^>]*>\s*</th>")
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{html[: match.start()].count(chr(10)) + 1}"
        for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html")
        for html in [path.read_text()]
        for match in empty.finditer(html)
    ]
    assert not found, found
