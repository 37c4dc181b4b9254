"""The fast PDF writer: text boxes, rectangles and QR codes placed in millimetres.

Why not Typst, which prints every other document: a certificate is a handful of short texts
at fixed positions, and a ceremony batch can hold thousands. Typst lays each page out as a
paragraph flow and keeps its layout cache for the whole document: measured on one core,
about 1,500 certificates/s and 650–900 MB for 10,000. Placing glyphs ourselves (pretix's "PDF
layout as data", which it draws with reportlab) needs only the fonts' advance widths, and runs
several times faster in a few megabytes.

The fonts are the pipeline's (documents.fonts), embedded as subsets (CIDFontType2,
Identity-H) with a ToUnicode map, so the text can be searched and read back. There is no
kerning or shaping: Vietnamese in NFC is precomposed, one glyph per character, so every text
is normalised to NFC before it is measured. A character the fonts lack is refused by name,
never drawn as an empty box.

A text box has a width, a start size, a minimum size and a maximum number of lines: the text
is shrunk (fewest lines first, then the largest size) until it fits, and a text that does not
fit at the minimum size in the maximum number of lines raises :class:`TextOverflow`. So a
layout whose boxes leave room for their maximum never prints one text over another.
"""

import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from documents.fonts import Font, font_for, load_font, subset_font, unprintable
from documents.registry import RenderError

MM = 72 / 25.4  # points per millimetre
STEP = 0.5  # points between the sizes tried when shrinking a text


class TextOverflow(RenderError):
    """A text too long for its box even at the box's minimum size and maximum lines."""

    def __init__(self, text: str, width: float, max_lines: int, min_size: float) -> None:
        self.text = text
        super().__init__(
            _(
                "“%(text)s” không vừa ô in rộng %(width)g mm: cỡ chữ nhỏ nhất %(size)g vẫn "
                "cần hơn %(lines)d dòng."
            )
            % {"text": text[:80], "width": round(width, 1), "size": min_size, "lines": max_lines}
        )


def pdf_name(name: str) -> str:
    """``name`` as a PDF name token: bytes outside the regular printable set, and the PDF
    delimiters, written as #xx (PDF 32000-1, 7.3.5)."""
    return "/" + "".join(
        chr(byte) if 0x21 <= byte <= 0x7E and chr(byte) not in "()<>[]{}/%#" else f"#{byte:02X}"
        for byte in name.encode()
    )


# --------------------------------------------------------------------------- fitting text


def _sizes(size: float, min_size: float) -> list[float]:
    steps = int((size - min_size) / STEP + 1e-9)
    sizes = [size - STEP * step for step in range(steps + 1)]
    if sizes[-1] > min_size:
        sizes.append(min_size)
    return sizes


def _break(paragraphs, space: int, limit: float) -> list[str] | None:
    """Greedy line breaking at spaces, widths in font units; None when a word alone is wider
    than the line."""
    lines = []
    for words in paragraphs:
        line: list[str] = []
        used = 0
        for word, width in words:
            if width > limit:
                return None
            if line and used + space + width > limit:
                lines.append(" ".join(line))
                line, used = [word], width
            elif line:
                line.append(word)
                used += space + width
            else:
                line, used = [word], width
        lines.append(" ".join(line))
    return lines


def fit(
    font: Font, text: str, width: float, size: float, min_size: float, max_lines: int
) -> tuple[float, list[str]] | None:
    """The size and lines of ``text`` in a box ``width`` points wide: the fewest lines, then
    the largest size from ``size`` down to ``min_size``; None when nothing fits. KeyError for
    a character the font lacks."""
    advance = font.advance
    if "\n" not in text and sum(map(advance.__getitem__, text)) * size <= width * font.units:
        return size, [text]
    paragraphs = [
        [(word, sum(map(advance.__getitem__, word))) for word in paragraph.split()]
        for paragraph in text.split("\n")
    ]
    space = advance[" "]
    sizes = _sizes(size, min_size)
    tried: list[list[str] | None] = []
    for count in range(1, max_lines + 1):
        for index, candidate in enumerate(sizes):
            if index == len(tried):
                tried.append(_break(paragraphs, space, width * font.units / candidate))
            lines = tried[index]
            if lines is not None and len(lines) <= count:
                return candidate, lines
    return None


# --------------------------------------------------------------------------- pages


@dataclass
class Page:
    """One sheet being drawn: sizes in mm from the top-left corner, as layouts say."""

    width: float
    height: float
    fonts: "FontSet"
    ops: list[str] = field(default_factory=list)

    def text(self, value: str, **style) -> None:
        """``value`` fitted into a box whose top edge (the font's ascender line) is at
        ``style["y"]``; see :meth:`FontSet.text_ops` for the style keys."""
        if value:
            self.ops.append(self.fonts.text_ops(value, self.height, **style))

    def rect(
        self, x: float, y: float, width: float, height: float, *, stroke: float, color
    ) -> None:
        red, green, blue = color
        bottom = (self.height - y - height) * MM
        self.ops.append(
            f"{red:.3f} {green:.3f} {blue:.3f} RG {stroke:.2f} w "
            f"{x * MM:.2f} {bottom:.2f} {width * MM:.2f} {height * MM:.2f} re S 0 G"
        )

    def qr(self, matrix: str, *, x: float, y: float, size: float) -> None:
        """A QR code from its rows of "0"/"1" (dark), ``size`` mm wide, top-left at (x, y):
        a one-bit image mask, so every module is a crisp pixel of the fill colour."""
        rows = matrix.split("\n")
        count = len(rows)
        row_bytes = (count + 7) // 8
        pad = row_bytes * 8 - count
        bits = b"".join((int(row, 2) << pad).to_bytes(row_bytes, "big") for row in rows)
        bottom = (self.height - y - size) * MM
        side = size * MM
        self.ops.append(
            f"q {side:.2f} 0 0 {side:.2f} {x * MM:.2f} {bottom:.2f} cm "
            f"BI /IM true /W {count} /H {count} /BPC 1 /D [1 0] /F /AHx ID {bits.hex()}> EI Q"
        )


class FontSet:
    """The fonts a document uses and the characters it needs from each; it also draws text,
    remembering the drawing of a repeated text (the authority, the signer, the date repeat
    on every certificate of a decision)."""

    def __init__(self) -> None:
        self.keys: dict[Path, str] = {}
        self.used: dict[Path, set[str]] = {}
        self._drawn: dict[tuple, str] = {}

    def use(self, font: Font) -> str:
        key = self.keys.get(font.path)
        if key is None:
            key = self.keys[font.path] = f"F{len(self.keys) + 1}"
            self.used[font.path] = set()
        return key

    def text_ops(
        self,
        value: str,
        page_height: float,
        *,
        x: float,
        y: float,
        width: float,
        size: float,
        min_size: float | None = None,
        max_lines: int = 1,
        align: str = "left",
        bold: bool = False,
        italic: bool = False,
        color: tuple[float, float, float] | None = None,
        leading: float = 1.25,
    ) -> str:
        memo = (value, page_height, x, y, width, size, min_size, max_lines, align, bold, italic)
        memo += (color, leading)
        drawn = self._drawn.get(memo)
        if drawn is not None:
            return drawn
        # The last line of defence: a decomposed tone mark would be drawn beside its letter.
        # Not vietnamese.nfc, which also collapses the line breaks a text may carry.
        value = unicodedata.normalize("NFC", value)
        font = font_for(bold, italic)
        box_x, box_width = x * MM, width * MM
        minimum = size if min_size is None else min_size
        try:
            fitted = fit(font, value, box_width, size, minimum, max_lines)
            if fitted is None:
                raise TextOverflow(value, width, max_lines, minimum)
            size, lines = fitted
            glyph_lines = ["".join(map(font.hex.__getitem__, line)) for line in lines]
        except KeyError as exc:
            raise unprintable(exc.args[0], value) from None
        key = self.use(font)
        self.used[font.path].update(value)
        top = (page_height - y) * MM - font.ascent * size / font.units
        ops = ["{:.3f} {:.3f} {:.3f} rg".format(*color)] if color is not None else []
        for index, (line, glyphs) in enumerate(zip(lines, glyph_lines, strict=True)):
            line_width = font.width(line, size)
            if align == "center":
                left = box_x + (box_width - line_width) / 2
            elif align == "right":
                left = box_x + box_width - line_width
            else:
                left = box_x
            baseline = top - index * size * leading
            ops.append(f"BT /{key} {size:g} Tf {left:.2f} {baseline:.2f} Td <{glyphs}> Tj ET")
        if color is not None:
            ops.append("0 g")
        drawn = "\n".join(ops)
        if len(self._drawn) < 10_000:
            self._drawn[memo] = drawn
        return drawn


# --------------------------------------------------------------------------- file


class PdfWriter:
    """A PDF built object by object into memory; pages are added as they are drawn, so only
    their compressed content is kept."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"]
        self.size = len(self.chunks[0])
        self.offsets: dict[int, int] = {}
        self.next_id = 4  # 1 catalog, 2 pages, 3 resources
        self.page_ids: list[int] = []
        self.fonts = FontSet()

    def _reserve(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def _write(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.size
        chunk = b"%d 0 obj\n" % number + body + b"\nendobj\n"
        self.chunks.append(chunk)
        self.size += len(chunk)

    def _stream(self, number: int, data: bytes, extra: str = "", level: int = 1) -> None:
        # Level 1 for pages: they are small and many; 6 would cost a third of the time for
        # 10 % less.
        packed = zlib.compress(data, level)
        head = f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode()
        self._write(number, head + packed + b"\nendstream")

    def new_page(self, width: float, height: float) -> Page:
        return Page(width=width, height=height, fonts=self.fonts)

    def add_page(self, page: Page) -> None:
        content, number = self._reserve(), self._reserve()
        self._stream(content, "\n".join(page.ops).encode("latin-1"))
        self._write(
            number,
            (
                f"<< /Type /Page /Parent 2 0 R /Resources 3 0 R /MediaBox [0 0 "
                f"{page.width * MM:.2f} {page.height * MM:.2f}] /Contents {content} 0 R >>"
            ).encode(),
        )
        self.page_ids.append(number)

    def _font(self, path: Path, chars: set[str]) -> int:
        font = load_font(path)
        drawn = sorted(char for char in chars if char in font.hex)
        name, program = subset_font(path, frozenset(drawn))
        glyphs = {font.hex[char]: char for char in drawn}
        scale = 1000 / font.units
        file_id, descriptor, cid, unicode_map, type0 = (self._reserve() for _ in range(5))
        self._stream(file_id, program, f"/Length1 {len(program)} ", level=6)
        flags = 2 | 32 | (64 if font.italic_angle else 0)
        bbox = " ".join(str(round(v * scale)) for v in font.bbox)
        self._write(
            descriptor,
            (
                f"<< /Type /FontDescriptor /FontName {pdf_name(name)} /Flags {flags} "
                f"/FontBBox [{bbox}] /ItalicAngle {font.italic_angle:g} "
                f"/Ascent {round(font.ascent * scale)} /Descent {round(font.descent * scale)} "
                f"/CapHeight {round(font.cap_height * scale)} /StemV 80 "
                f"/FontFile2 {file_id} 0 R >>"
            ).encode(),
        )
        ordered = sorted(glyphs, key=lambda gid: int(gid, 16))
        widths = " ".join(
            f"{int(gid, 16)} [{round(font.advance[glyphs[gid]] * scale)}]" for gid in ordered
        )
        self._write(
            cid,
            (
                f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont {pdf_name(name)} "
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                f"/FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity /W [{widths}] >>"
            ).encode(),
        )
        self._stream(unicode_map, _to_unicode(ordered, glyphs).encode())
        self._write(
            type0,
            (
                f"<< /Type /Font /Subtype /Type0 /BaseFont {pdf_name(name)} "
                f"/Encoding /Identity-H /DescendantFonts [{cid} 0 R] "
                f"/ToUnicode {unicode_map} 0 R >>"
            ).encode(),
        )
        return type0

    def finish(self) -> bytes:
        fonts = " ".join(
            f"/{self.fonts.keys[path]} {self._font(path, chars)} 0 R"
            for path, chars in self.fonts.used.items()
        )
        self._write(3, f"<< /Font << {fonts} >> >>".encode())
        kids = " ".join(f"{number} 0 R" for number in self.page_ids)
        self._write(2, f"<< /Type /Pages /Count {len(self.page_ids)} /Kids [{kids}] >>".encode())
        self._write(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        xref = self.size
        lines = [f"xref\n0 {self.next_id}\n0000000000 65535 f \n"]
        lines += [f"{self.offsets[n]:010d} 00000 n \n" for n in range(1, self.next_id)]
        lines.append(f"trailer\n<< /Size {self.next_id} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n")
        self.chunks.append("".join(lines).encode())
        return b"".join(self.chunks)


def _to_unicode(ordered: list[str], glyphs: dict[str, str]) -> str:
    entries = []
    for start in range(0, len(ordered), 100):  # at most 100 entries per bfchar block
        block = ordered[start : start + 100]
        pairs = "\n".join(
            f"<{gid}> <{''.join(f'{u:04X}' for u in _utf16(glyphs[gid]))}>" for gid in block
        )
        entries.append(f"{len(block)} beginbfchar\n{pairs}\nendbfchar")
    body = "\n".join(entries)
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{body}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )


def _utf16(char: str) -> list[int]:
    encoded = char.encode("utf-16-be")
    return [int.from_bytes(encoded[i : i + 2], "big") for i in range(0, len(encoded), 2)]
