"""The check that a page is in Vietnamese: words Django, a library or our own English catalogue
would show if a page fell back to English (issue 14: "Password-based authentication",
"Enabled", "Toggle theme" were seen)."""

import re

ENGLISH = re.compile(
    r"\b(Save|Cancel|Settings|Search|Password|Username|Log ?in|Log ?out|Download|Print|Submit|"
    r"Enabled|Disabled|Toggle|Signer|Name|Address|Unit|Report|Delete|Edit|Add|Home|required)\b"
)


def assert_vietnamese(page) -> None:
    text = page.locator("body").inner_text()
    found = ENGLISH.findall(text)
    assert not found, (page.url, found)
