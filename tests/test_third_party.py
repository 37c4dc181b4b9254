"""Licences: the project's own (GPL-3.0-or-later, the full text in LICENSE), and THIRD_PARTY.md
listing every vendored asset, every font file and font the printed papers use, and every
package pyproject.toml names, so nothing is added without its licence being looked at."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THIRD_PARTY = (ROOT / "THIRD_PARTY.md").read_text()
FONT_SUFFIXES = {".ttf", ".otf", ".woff", ".woff2"}
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def section(title: str) -> str:
    return THIRD_PARTY.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_project_is_gpl_3_or_later_with_the_full_text():
    assert PYPROJECT["license"] == "GPL-3.0-or-later"
    text = (ROOT / "LICENSE").read_text()
    assert text.split()[:7] == ["GNU", "GENERAL", "PUBLIC", "LICENSE", "Version", "3,", "29"]
    assert "END OF TERMS AND CONDITIONS" in text
    assert "How to Apply These Terms to Your New Programs" in text


def test_every_vendored_folder_is_listed_with_its_licence_beside_it():
    listed = section("Vendored front-end assets (`static/vendor/`)")
    for folder in sorted(p for p in (ROOT / "static" / "vendor").iterdir() if p.is_dir()):
        assert f"`static/vendor/{folder.name}/`" in listed, f"{folder.name} not in THIRD_PARTY.md"
        assert (folder / "LICENSE").is_file(), f"no LICENSE beside static/vendor/{folder.name}"
        assert f"`static/vendor/{folder.name}/LICENSE`" in listed


def test_every_font_file_is_listed_with_a_licence_text_that_exists():
    listed = section("Fonts")
    fonts = [p for p in (ROOT / "static").rglob("*") if p.suffix.lower() in FONT_SUFFIXES]
    assert len(fonts) >= 6
    for font in fonts:
        path = font.relative_to(ROOT).as_posix()
        row = next((line for line in listed.splitlines() if f"| `{path}` |" in line), None)
        assert row, f"{path} not in THIRD_PARTY.md"
        licence_file = re.findall(r"`([^`]+)`", row.rsplit("|", 2)[1])[0]
        assert (ROOT / licence_file).is_file(), f"{licence_file} (for {path}) does not exist"


def test_every_font_the_printed_papers_name_is_listed():
    templates = (ROOT / "templates" / "documents").rglob("*.typ")
    pattern = re.compile(r'\bfont\s*[:=]\s*"([^"]+)"')
    named = {family for t in templates for family in pattern.findall(t.read_text())}
    assert named == {"Liberation Serif"}
    for family in named:
        assert f"| {family} |" in section("Fonts")


def test_the_fonts_licence_is_the_whole_sil_ofl():
    text = (ROOT / "static" / "fonts" / "LICENSE").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007" in text
    headings = ["PREAMBLE", "DEFINITIONS", "PERMISSION & CONDITIONS", "TERMINATION", "DISCLAIMER"]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    for clause in range(1, 6):
        assert f"\n{clause}) " in text
    assert "Copyright (c) 2012 Red Hat, Inc. with Reserved Font Name Liberation." in text


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_package_pyproject_names_is_reviewed():
    rows = [line.split(" | ") for line in section("Python packages").splitlines() if "|" in line]
    reviewed = {canonical(row[0].lstrip("| ")) for row in rows if "(direct)" in row[2:3][0]}
    requirements = [*PYPROJECT["dependencies"]]
    for extra in PYPROJECT["optional-dependencies"].values():
        requirements += extra
    names = {canonical(re.match(r"[A-Za-z0-9._-]+", r).group()) for r in requirements}
    missing = names - reviewed - {PYPROJECT["name"]}
    assert not missing, f"not reviewed in THIRD_PARTY.md: {sorted(missing)}"
