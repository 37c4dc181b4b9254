"""Certificates straight to PDF: boxes of text and a QR code placed in millimetres.

Why not Typst, which prints every other document: a certificate is a handful of single
lines at fixed positions, and a ceremony batch can hold thousands. Typst lays each page out
as a paragraph flow and keeps its layout cache for the whole document: measured on one core,
about 1,500 certificates/s and 650–900 MB for 10,000. Placing glyphs ourselves (pretix's "PDF
layout as data", which it draws with reportlab) needs only the fonts' advance widths, and runs
several times faster in a few megabytes.

The fonts are the pipeline's (settings.DOCUMENTS_FONT_DIR), embedded whole as TrueType
(CIDFontType2, Identity-H) with a ToUnicode map, so the text can be searched and read back.
There is no kerning or shaping: Vietnamese in NFC is precomposed, one glyph per character.
"""

import struct
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings

MM = 72 / 25.4  # points per millimetre

STYLES = {
    (False, False): "LiberationSerif-Regular.ttf",
    (True, False): "LiberationSerif-Bold.ttf",
    (False, True): "LiberationSerif-Italic.ttf",
    (True, True): "LiberationSerif-BoldItalic.ttf",
}


# --------------------------------------------------------------------------- fonts


def _tables(data: bytes) -> dict[bytes, bytes]:
    (count,) = struct.unpack_from(">H", data, 4)
    tables = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
        tables[tag] = data[offset : offset + length]
    return tables


def _cmap(table: bytes) -> dict[int, int]:
    """Character → glyph id, from the format 12 or format 4 Unicode subtable."""
    (count,) = struct.unpack_from(">H", table, 2)
    subtables = {}
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * index)
        (fmt,) = struct.unpack_from(">H", table, offset)
        subtables[(platform, encoding, fmt)] = offset
    mapping: dict[int, int] = {}
    for (platform, encoding, fmt), offset in sorted(subtables.items(), key=lambda i: -i[0][2]):
        if fmt == 12 and (platform, encoding) in {(3, 10), (0, 4), (0, 6)}:
            (groups,) = struct.unpack_from(">I", table, offset + 12)
            for index in range(groups):
                start, end, glyph = struct.unpack_from(">III", table, offset + 16 + 12 * index)
                for char in range(start, end + 1):
                    mapping[char] = glyph + char - start
            return mapping
        if fmt == 4 and (platform, encoding) in {(3, 1), (0, 3), (0, 1), (0, 0)}:
            (seg_x2,) = struct.unpack_from(">H", table, offset + 6)
            ends = offset + 14
            starts = ends + seg_x2 + 2
            deltas = starts + seg_x2
            ranges = deltas + seg_x2
            for seg in range(seg_x2 // 2):
                end, start, delta, range_offset = (
                    struct.unpack_from(">H", table, base + 2 * seg)[0]
                    for base in (ends, starts, deltas, ranges)
                )
                for char in range(start, min(end, 0xFFFE) + 1):
                    if range_offset == 0:
                        glyph = (char + delta) & 0xFFFF
                    else:
                        address = ranges + 2 * seg + range_offset + 2 * (char - start)
                        (glyph,) = struct.unpack_from(">H", table, address)
                        glyph = (glyph + delta) & 0xFFFF if glyph else 0
                    if glyph:
                        mapping[char] = glyph
            return mapping
    raise ValueError("font has no Unicode cmap")


def _postscript_name(table: bytes) -> str:
    _fmt, count, strings = struct.unpack_from(">HHH", table, 0)
    for index in range(count):
        platform, _enc, _lang, name_id, length, offset = struct.unpack_from(
            ">HHHHHH", table, 6 + 12 * index
        )
        if name_id == 6:
            raw = table[strings + offset : strings + offset + length]
            return raw.decode("utf-16-be") if platform in (0, 3) else raw.decode("latin-1")
    return "Font"


class TrueTypeFont:
    """What placing text needs from a TrueType file: glyph ids, advances and metrics."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data = path.read_bytes()
        tables = _tables(self.data)
        head, hhea, hmtx = tables[b"head"], tables[b"hhea"], tables[b"hmtx"]
        self.units = struct.unpack_from(">H", head, 18)[0]
        self.bbox = struct.unpack_from(">hhhh", head, 36)
        self.ascent, self.descent = struct.unpack_from(">hh", hhea, 4)
        (metrics,) = struct.unpack_from(">H", hhea, 34)
        advances = [struct.unpack_from(">H", hmtx, 4 * i)[0] for i in range(metrics)]
        self.advances = advances
        self.glyphs = _cmap(tables[b"cmap"])
        os2 = tables.get(b"OS/2", b"")
        self.cap_height = (
            struct.unpack_from(">h", os2, 88)[0] if len(os2) >= 90 else self.ascent * 7 // 10
        )
        self.italic_angle = struct.unpack_from(">i", tables[b"post"], 4)[0] / 65536
        self.name = _postscript_name(tables[b"name"])
        self.hex = _GlyphTable(self, 0)  # char → glyph id as 4 hex digits
        self.advance = _GlyphTable(self, 1)  # char → advance in font units

    def lookup(self, char: str) -> tuple[str, int]:
        gid = self.glyphs.get(ord(char), 0)
        return f"{gid:04X}", self.advances[min(gid, len(self.advances) - 1)]

    def width(self, text: str, size: float) -> float:
        return sum(map(self.advance.__getitem__, text)) * size / self.units


class _GlyphTable(dict):
    """A per-character cache filled on first use, read with map() at C speed."""

    def __init__(self, font: TrueTypeFont, index: int) -> None:
        super().__init__()
        self.font, self.index = font, index

    def __missing__(self, char: str):
        value = self[char] = self.font.lookup(char)[self.index]
        return value


@lru_cache(maxsize=8)
def load_font(path: Path) -> TrueTypeFont:
    return TrueTypeFont(path)


@lru_cache(maxsize=8)
def _compressed(path: Path) -> bytes:
    return zlib.compress(load_font(path).data, 6)


def font_for(bold: bool, italic: bool) -> TrueTypeFont:
    return _font_in(str(settings.DOCUMENTS_FONT_DIR), bool(bold), bool(italic))


@lru_cache(maxsize=16)
def _font_in(folder: str, bold: bool, italic: bool) -> TrueTypeFont:
    return load_font(Path(folder) / STYLES[(bold, italic)])


# --------------------------------------------------------------------------- pages


def wrap(font: TrueTypeFont, text: str, size: float, width: float) -> list[str]:
    """Greedy line breaking at spaces; a word longer than the line stays whole."""
    if "\n" not in text and font.width(text, size) <= width:
        return [text]
    space = font.width(" ", size)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for word in paragraph.split(" "):
            word_width = font.width(word, size)
            if line and used + space + word_width > width:
                lines.append(line)
                line, used = word, word_width
            elif line:
                line, used = f"{line} {word}", used + space + word_width
            else:
                line, used = word, word_width
        lines.append(line)
    return lines


@dataclass
class Page:
    """One sheet being drawn: sizes in mm from the top-left corner, as layouts say."""

    width: float
    height: float
    fonts: "FontSet"
    ops: list[str] = field(default_factory=list)

    def text(self, value: str, **style) -> None:
        """Lines of ``value`` in a box whose top edge (the font's ascender line) is at
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
    remembering the drawing of a repeated line (the authority, the signer, the date repeat
    on every certificate of a decision)."""

    def __init__(self) -> None:
        self.keys: dict[Path, str] = {}
        self.used: dict[Path, set[str]] = {}
        self._drawn: dict[tuple, str] = {}

    def use(self, font: TrueTypeFont) -> str:
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
        align: str = "left",
        bold: bool = False,
        italic: bool = False,
        color: tuple[float, float, float] | None = None,
        leading: float = 1.25,
    ) -> str:
        memo = (value, page_height, x, y, width, size, align, bold, italic, color, leading)
        drawn = self._drawn.get(memo)
        if drawn is not None:
            return drawn
        font = font_for(bold, italic)
        key = self.use(font)
        self.used[font.path].update(value)
        top = (page_height - y) * MM - font.ascent * size / font.units
        box_x, box_width = x * MM, width * MM
        ops = ["{:.3f} {:.3f} {:.3f} rg".format(*color)] if color is not None else []
        for index, line in enumerate(wrap(font, value, size, box_width)):
            line_width = font.width(line, size)
            if align == "center":
                left = box_x + (box_width - line_width) / 2
            elif align == "right":
                left = box_x + box_width - line_width
            else:
                left = box_x
            glyphs = "".join(map(font.hex.__getitem__, line))
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

    def _stream(self, number: int, data: bytes, extra: str = "") -> None:
        # Level 1: pages are small and many; 6 would cost a third of the time for 10 % less.
        packed = zlib.compress(data, 1)
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
        glyphs = {font.hex[char]: char for char in sorted(chars)}
        scale = 1000 / font.units
        file_id, descriptor, cid, unicode_map, type0 = (self._reserve() for _ in range(5))
        self._write(
            file_id,
            b"<< /Length %d /Filter /FlateDecode /Length1 %d >>\nstream\n"
            % (len(_compressed(path)), len(font.data))
            + _compressed(path)
            + b"\nendstream",
        )
        flags = 2 | 32 | (64 if font.italic_angle else 0)
        bbox = " ".join(str(round(v * scale)) for v in font.bbox)
        self._write(
            descriptor,
            (
                f"<< /Type /FontDescriptor /FontName /{font.name} /Flags {flags} "
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
                f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{font.name} "
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                f"/FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity /W [{widths}] >>"
            ).encode(),
        )
        self._stream(unicode_map, _to_unicode(ordered, glyphs).encode())
        self._write(
            type0,
            (
                f"<< /Type /Font /Subtype /Type0 /BaseFont /{font.name} /Encoding /Identity-H "
                f"/DescendantFonts [{cid} 0 R] /ToUnicode {unicode_map} 0 R >>"
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


# --------------------------------------------------------------------------- certificates

RED = (0.702, 0.071, 0.106)


def _frame(page: Page, title: str) -> None:
    """The full design on a blank sheet: a double red frame, the national motto, the title."""
    width, height = page.width, page.height
    page.rect(7, 7, width - 14, height - 14, stroke=2.2, color=RED)
    page.rect(10, 10, width - 20, height - 20, stroke=0.6, color=RED)
    centred = {"x": 0, "width": width, "align": "center"}
    page.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", y=17, size=13, bold=True, **centred)
    page.text("Độc lập - Tự do - Hạnh phúc", y=23, size=14, bold=True, **centred)
    page.text(title, y=56, size=38, bold=True, color=RED, **centred)
    page.text("Tặng", y=74, size=14, italic=True, **centred)


def certificates_pdf(sheet: dict, progress=None) -> bytes:
    """One page per certificate of ``sheet`` (see awards.printing.certificate_sheet)."""
    writer = PdfWriter()
    total = len(sheet["certificates"])
    for done, certificate in enumerate(sheet["certificates"], start=1):
        layout = sheet["layouts"][certificate["layout"]]
        page = writer.new_page(layout["width"], layout["height"])
        if sheet["design"]:
            _frame(page, certificate["title"])
        for box in layout["fields"]:
            value = certificate[box["field"]]
            if box["field"] == "qr":
                page.qr(value, x=box["x"], y=box["y"], size=box["size"])
            else:
                page.text(
                    value,
                    x=box["x"],
                    y=box["y"],
                    width=box["width"],
                    size=box["size"],
                    align=box.get("align", "left"),
                    bold=box.get("bold", False),
                    italic=box.get("italic", False),
                )
        writer.add_page(page)
        if progress is not None and done % 500 == 0:
            progress(done, total)
    return writer.finish()
