"""The palette in static/css/app.css passes WCAG 2.2 AA: 4.5:1 for every text colour on each
background it is drawn on, 3:1 for the focus rings (1.4.3, 1.4.11). The pairs are the ones the
templates use; a new colour needs its row here."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.contrast import contrast

CSS = Path(settings.BASE_DIR) / "static" / "css" / "app.css"

TEXT = [
    ("--app-on-brand", "--app-brand"),  # navbar links and brand
    ("--app-on-brand", "--app-brand-dark"),
    ("--app-on-brand", "--app-navy"),  # footer, skip link
    ("--app-text", "--app-page"),
    ("--app-text", "--app-page-grey"),  # text-bg-light badges
    ("--app-text", "--app-warning"),  # btn-warning, text-bg-warning
    *[
        (colour, background)
        for colour in (
            "--app-muted",
            "--app-primary",
            "--app-secondary",
            "--app-success",
            "--app-danger",
            "--app-warning-text",
            "--app-info-text",
        )
        for background in ("--app-page", "--app-page-light", "--app-page-grey")
    ],
    *[
        ("--app-page", filled)  # white on filled buttons and badges, and their hover
        for filled in (
            "--app-primary",
            "--app-primary-dark",
            "--app-secondary",
            "--app-secondary-dark",
            "--app-success",
            "--app-success-dark",
            "--app-danger",
            "--app-danger-dark",
            "--app-warning-text",
            "--app-info-text",
        )
    ],
]
# The ring is drawn 2px outside the element, so both its sides touch the background it sits on.
FOCUS = [
    ("--app-focus", "--app-page"),
    ("--app-focus", "--app-page-light"),
    ("--app-focus", "--app-page-grey"),
    ("--app-focus-on-dark", "--app-brand"),
    ("--app-focus-on-dark", "--app-navy"),
]


def _palette() -> dict[str, str]:
    root = re.search(r":root\s*\{(.*?)\n\}", CSS.read_text(), re.S).group(1)
    return dict(re.findall(r"(--app-[\w-]+):\s*(#[0-9a-fA-F]{3,6})\b", root))


def test_contrast_formula_matches_wcag_examples():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#777", "#fff") == pytest.approx(4.48, abs=0.01)
    # The navbar the issue measured: 55% white over the brand red blends to #cb9898.
    assert contrast("#cb9898", "#8b1a1a") == pytest.approx(3.75, abs=0.01)


@pytest.mark.parametrize(("colour", "background"), TEXT)
def test_text_colours_reach_4_5_to_1(colour, background):
    palette = _palette()
    ratio = contrast(palette[colour], palette[background])
    assert ratio >= 4.5, f"{colour} on {background}: {ratio:.2f}:1"


@pytest.mark.parametrize(("ring", "background"), FOCUS)
def test_focus_rings_reach_3_to_1(ring, background):
    palette = _palette()
    ratio = contrast(palette[ring], palette[background])
    assert ratio >= 3, f"{ring} on {background}: {ratio:.2f}:1"


def test_bootstrap_and_the_navbar_use_the_palette():
    """Bootstrap's own dark-navbar rule outranks a plain class; the app's rule names the same
    attribute so the palette's link colour is the one drawn."""
    css = CSS.read_text()
    navbar = re.search(r"\.app-navbar\[data-bs-theme=dark\]\s*\{(.*?)\}", css, re.S).group(1)
    assert "--bs-navbar-color: var(--app-on-brand)" in navbar
    root = re.search(r":root\s*\{(.*?)\n\}", css, re.S).group(1)
    for name in ("primary", "secondary", "success", "danger"):
        assert f"--bs-{name}: var(--app-{name})" in root
    assert "--bs-secondary-color: var(--app-muted)" in root
