"""The app has one version, pyproject.toml's: every page's footer shows it (so does /healthz/,
tests/config/test_health.py), and the changelog follows Keep a Changelog."""

import re
import tomllib

import pytest

from config.version import PYPROJECT, VERSION

ROOT = PYPROJECT.parent


def test_the_version_is_pyprojects():
    assert tomllib.loads(PYPROJECT.read_text())["project"]["version"] == VERSION
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION)


@pytest.mark.django_db
def test_every_page_shows_the_version_in_its_footer(client, people):
    footer = f'<span class="app-version">Phiên bản {VERSION}</span>'
    assert footer in client.get("/accounts/login/").content.decode()
    client.force_login(people["ward_official"])
    assert footer in client.get("/", follow=True).content.decode()


def test_the_changelog_has_an_unreleased_section_and_dated_versions():
    changelog = (ROOT / "CHANGELOG.md").read_text()
    headings = re.findall(r"^## (.+)$", changelog, flags=re.MULTILINE)
    assert headings[0] == "[Unreleased]"
    for heading in headings[1:]:
        assert re.fullmatch(r"\[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}", heading), heading
    assert "[0.1.0] - 2026-12-01" in headings
    # A released version is never newer than the one the app says it is.
    released = [tuple(map(int, h[1:].split("]")[0].split("."))) for h in headings[1:]]
    assert max(released) <= tuple(map(int, VERSION.split(".")))
