"""The fonts documents are printed with, and which characters they can show.

Typst silently draws an empty box (.notdef) for a character no font has, so the renderer
checks the data against the fonts' character maps first and fails with the offending
character instead. The cmap reader covers the two subtables every modern TrueType font
has (format 4 for the BMP, format 12 for everything); no font library is needed.
"""

import struct
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from documents.registry import RenderError


def font_dir() -> Path:
    return Path(settings.DOCUMENTS_FONT_DIR)


def font_files() -> list[Path]:
    """The configured font files; RenderError naming the first one that is missing."""
    paths = [font_dir() / name for name in settings.DOCUMENTS_FONT_FILES]
    for path in paths:
        if not path.is_file():
            raise RenderError(
                _(
                    "Thiếu phông chữ %(font)s (cần có trong %(folder)s). Báo quản trị viên "
                    "cài lại phông chữ rồi tạo lại văn bản."
                )
                % {"font": path.name, "folder": path.parent}
            )
    return paths


def _table(data: bytes, tag: bytes) -> bytes:
    (num_tables,) = struct.unpack_from(">H", data, 4)
    for index in range(num_tables):
        record = 12 + 16 * index
        if data[record : record + 4] == tag:
            offset, length = struct.unpack_from(">II", data, record + 8)
            return data[offset : offset + length]
    raise ValueError(f"font has no {tag.decode()} table")


def _format12(cmap: bytes, offset: int) -> set[int]:
    (groups,) = struct.unpack_from(">I", cmap, offset + 12)
    covered: set[int] = set()
    for index in range(groups):
        start, end, glyph = struct.unpack_from(">III", cmap, offset + 16 + 12 * index)
        covered.update(c for c in range(start, end + 1) if glyph + c - start)
    return covered


def _format4(cmap: bytes, offset: int) -> set[int]:
    (seg_x2,) = struct.unpack_from(">H", cmap, offset + 6)
    segments = seg_x2 // 2
    ends_at = offset + 14
    starts_at = ends_at + seg_x2 + 2
    deltas_at = starts_at + seg_x2
    ranges_at = deltas_at + seg_x2
    covered: set[int] = set()
    for seg in range(segments):
        end, start, delta, range_offset = (
            struct.unpack_from(">H", cmap, table + 2 * seg)[0]
            for table in (ends_at, starts_at, deltas_at, ranges_at)
        )
        for char in range(start, end + 1):
            if char == 0xFFFF:
                continue
            if range_offset == 0:
                glyph = (char + delta) & 0xFFFF
            else:
                address = ranges_at + 2 * seg + range_offset + 2 * (char - start)
                (glyph,) = struct.unpack_from(">H", cmap, address)
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                covered.add(char)
    return covered


@lru_cache(maxsize=16)
def covered_chars(path: Path) -> frozenset[int]:
    """Code points the font at ``path`` maps to a real glyph."""
    data = path.read_bytes()
    cmap = _table(data, b"cmap")
    (count,) = struct.unpack_from(">H", cmap, 2)
    subtables = {}
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * index)
        (fmt,) = struct.unpack_from(">H", cmap, offset)
        subtables[(platform, encoding, fmt)] = offset
    for (platform, encoding, fmt), offset in sorted(subtables.items(), key=lambda i: -i[0][2]):
        if fmt == 12 and (platform, encoding) in {(3, 10), (0, 4), (0, 6)}:
            return frozenset(_format12(cmap, offset))
        if fmt == 4 and (platform, encoding) in {(3, 1), (0, 3), (0, 1), (0, 0)}:
            return frozenset(_format4(cmap, offset))
    raise ValueError(f"{path.name} has no Unicode cmap")


@lru_cache(maxsize=4)
def _printable(paths: tuple[Path, ...]) -> frozenset[int]:
    # A character must be in every style: the template decides where bold or italic goes.
    sets = [covered_chars(path) for path in paths]
    return frozenset.intersection(*sets)


def _strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from _strings(item)


def check_printable(data) -> None:
    """RenderError naming the first character in ``data``'s strings the fonts cannot show."""
    printable = _printable(tuple(font_files()))
    for text in _strings(data):
        for char in set(text):
            if ord(char) in printable or char in "\n\t\r":
                continue
            raise RenderError(
                _(
                    "Không in được ký tự “%(char)s” (U+%(code)04X) trong “%(text)s”: phông chữ "
                    "văn bản không có ký tự này. Sửa lại dữ liệu rồi tạo lại văn bản."
                )
                % {"char": char, "code": ord(char), "text": text[:80]}
            )


@lru_cache(maxsize=4)
def _metrics(path: Path):
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    return font["head"].unitsPerEm, font.getBestCmap(), font["hmtx"].metrics


def text_width_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """How wide ``text`` sets in the document font at ``size_pt`` (without kerning): Word
    files size what they draw around a line (the rule under the motto) from this."""
    path = font_files()[1 if bold else 0]
    units, cmap, advances = _metrics(path)
    width = sum(advances[cmap[ord(char)]][0] for char in text if ord(char) in cmap)
    return width / units * size_pt * 25.4 / 72
