"""Reading printed certificates back: text lines with their positions, and the QR code's
modules from the PDF's image mask."""

import pdfplumber


def text_lines(page) -> dict[str, dict]:
    """Text lines on a pdfplumber page, by their text: baseline and horizontal extent (pt)."""
    lines: dict[float, list] = {}
    for char in page.chars:
        lines.setdefault(round(char["matrix"][5], 1), []).append(char)
    found = {}
    for baseline, chars in lines.items():
        chars.sort(key=lambda c: c["x0"])
        text = "".join(c["text"] for c in chars)
        found[text] = {"baseline": baseline, "x0": chars[0]["x0"], "x1": chars[-1]["x1"]}
    return found


def qr_modules(source, page_index: int = 0) -> str:
    """The QR code printed on a page, as rows of "0"/"1" (dark), read from its image mask."""
    with pdfplumber.open(source) as pdf:
        (image,) = pdf.pages[page_index].images
        size = image["srcsize"][0]
        data = image["stream"].get_data()
    row_bytes = (size + 7) // 8
    return "\n".join(
        "".join(f"{byte:08b}" for byte in data[row * row_bytes : (row + 1) * row_bytes])[:size]
        for row in range(size)
    )


def overprints(page) -> list[tuple[str, str]]:
    """Pairs of text lines on a pdfplumber page whose glyph boxes (ascender to descender)
    overlap: one printed over the other."""
    lines = page.extract_text_lines(return_chars=True)
    boxes = [
        (
            line["text"],
            min(c["x0"] for c in line["chars"]),
            min(c["top"] for c in line["chars"]),
            max(c["x1"] for c in line["chars"]),
            max(c["bottom"] for c in line["chars"]),
        )
        for line in lines
    ]
    return [
        (a[0], b[0])
        for index, a in enumerate(boxes)
        for b in boxes[index + 1 :]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] - 0.01 and b[2] < a[4] - 0.01
    ]
