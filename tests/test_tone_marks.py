"""One tone-mark style in everything the app says: the one of official documents and of the
legal names in the seeded reports ("hòa", "Ủy", "xóa", "hủy", "khỏe"), never the older
"hoà", "Uỷ", "xoá", "huỷ", "khoẻ" beside it. Tests are left out: they type what users may."""

import re
import subprocess
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A syllable ending in "oa", "oe" or "uy" with the mark on its first vowel ("qu" aside:
# "quý" is right in both styles).
OLD_STYLE = re.compile(r"\b(?:\w*?[^\Wq])?(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])\b")
SOURCES = ("*.py", "*.html", "*.po", "*.js", "*.txt")


def old_style_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).lower()
    return [m.group() for m in OLD_STYLE.finditer(text) if not m.group().startswith("qu")]


def test_the_pattern_tells_the_two_styles_apart():
    assert old_style_words("Xoá, huỷ, HOÀ, khoẻ, Thuỷ") == ["xoá", "huỷ", "hoà", "khoẻ", "thuỷ"]
    assert old_style_words("Xóa, hủy, HÒA, khỏe, Thủy, quý, quỹ, hoàn, toán, Uyên") == []


def test_no_source_uses_the_older_style():
    listed = subprocess.run(
        ["git", "ls-files", *SOURCES], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    found = []
    for name in listed:
        if name.startswith(("tests/", "static/vendor/")):
            continue
        for number, line in enumerate((ROOT / name).read_text("utf-8").splitlines(), 1):
            found += [f"{name}:{number}: {word}" for word in old_style_words(line)]
    assert found == []
