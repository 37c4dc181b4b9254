"""The fonts documents are printed with: which characters they can show, their metrics for
placing text, and subsets of them for embedding.

Typst silently draws an empty box (.notdef) for a character no font has, so the renderer
checks the data against the fonts' character maps first and fails with the offending
character instead. The fast PDF writer (documents.pdfwriter) places glyphs itself from the
same :class:`Font`, and embeds only the glyphs a document uses. fontTools reads and subsets
the files: one parser for both.
"""

import hashlib
import io
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from fontTools import subset
from fontTools.ttLib import TTFont

from documents.registry import RenderError

# DOCUMENTS_FONT_FILES in this order: regular, bold, italic, bold italic.
_STYLE_INDEX = {(False, False): 0, (True, False): 1, (False, True): 2, (True, True): 3}


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


class Font:
    """What placing text needs from a TrueType file: metrics, and per character its glyph id
    (as the four hex digits of an Identity-H string) and its advance in font units. Both maps
    are plain dicts, read with map() at C speed; a character the font lacks is not in them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        font = TTFont(path, lazy=True)
        head, hhea = font["head"], font["hhea"]
        self.units = head.unitsPerEm
        self.bbox = (head.xMin, head.yMin, head.xMax, head.yMax)
        self.ascent, self.descent = hhea.ascent, hhea.descent
        self.cap_height = getattr(font["OS/2"], "sCapHeight", 0) or self.ascent * 7 // 10
        self.italic_angle = float(font["post"].italicAngle)
        self.name = font["name"].getDebugName(6) or path.stem
        ids = font.getReverseGlyphMap()
        metrics = font["hmtx"].metrics
        self.hex: dict[str, str] = {}
        self.advance: dict[str, int] = {}
        for code, glyph in font.getBestCmap().items():
            gid = ids[glyph]
            if gid:
                self.hex[chr(code)] = f"{gid:04X}"
                self.advance[chr(code)] = metrics[glyph][0]
        self.covered = frozenset(map(ord, self.hex))

    def width(self, text: str, size: float) -> float:
        """Width of ``text`` in points at ``size``; KeyError for a character the font lacks."""
        return sum(map(self.advance.__getitem__, text)) * size / self.units


@lru_cache(maxsize=16)
def load_font(path: Path) -> Font:
    return Font(path)


def font_for(bold: bool, italic: bool) -> Font:
    """The configured font of a style (DOCUMENTS_FONT_FILES: regular, bold, italic, both)."""
    name = settings.DOCUMENTS_FONT_FILES[_STYLE_INDEX[(bool(bold), bool(italic))]]
    return _font_in(str(settings.DOCUMENTS_FONT_DIR), name)


@lru_cache(maxsize=16)
def _font_in(folder: str, name: str) -> Font:
    # Keyed by strings: building and hashing a Path for every text drawn cost a fifth of a
    # certificate batch's time.
    return load_font(Path(folder) / name)


@lru_cache(maxsize=32)
def subset_font(path: Path, chars: frozenset[str]) -> tuple[str, bytes]:
    """The glyphs of ``chars`` from the font at ``path``, as a TrueType file for embedding,
    and its PDF name (a tag derived from the characters, "ABCDEF+Name").

    Glyph ids are kept (unused ones left empty), so pages drawn before the document's
    characters are all known stay valid with an identity CID-to-glyph map. No hinting and no
    layout tables: placed text needs only outlines and advances. The timestamp is not
    touched, so the same characters give the same bytes."""
    options = subset.Options()
    options.retain_gids = True
    options.hinting = False
    options.layout_features = []
    options.glyph_names = False
    options.name_IDs = [1, 2, 6]
    options.notdef_outline = True
    options.drop_tables += ["DSIG", "gasp", "hdmx", "VDMX", "FFTM"]
    font = TTFont(path, recalcTimestamp=False)
    # Deleted unread: the subsetter would parse them first (half its time) only to drop them.
    for tag in ("GSUB", "GPOS", "GDEF", "kern"):
        if tag in font:
            del font[tag]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(map(ord, chars)))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    digest = hashlib.sha256("".join(sorted(chars)).encode()).digest()
    tag = "".join(chr(65 + byte % 26) for byte in digest[:6])
    return f"{tag}+{load_font(path).name}", out.getvalue()


def covered_chars(path: Path) -> frozenset[int]:
    """Code points the font at ``path`` maps to a real glyph."""
    return load_font(path).covered


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


def unprintable(char: str, text: str) -> RenderError:
    """The error for a character of ``text`` that the fonts cannot show."""
    return RenderError(
        _(
            "Không in được ký tự “%(char)s” (U+%(code)04X) trong “%(text)s”: phông chữ "
            "văn bản không có ký tự này. Sửa lại dữ liệu rồi tạo lại văn bản."
        )
        % {"char": char, "code": ord(char), "text": text[:80]}
    )


def check_printable(data) -> None:
    """RenderError naming the first character in ``data``'s strings the fonts cannot show."""
    printable = _printable(tuple(font_files()))
    for text in _strings(data):
        for char in set(text):
            if ord(char) in printable or char in "\n\t\r":
                continue
            raise unprintable(char, text)


def text_width_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """How wide ``text`` sets in the document font at ``size_pt`` (without kerning): Word
    files size what they draw around a line (the rule under the motto) from this."""
    font = font_for(bold, False)
    return font.width("".join(c for c in text if c in font.advance), size_pt) * 25.4 / 72
