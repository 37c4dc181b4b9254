"""Vietnamese text helpers: normalisation, search folding, collation, dates, numbers.

Standard library only, so forms, Excel imports and document renderers can all use it.

Collation follows CLDR's ``vi`` tailoring: ă, â, đ, ê, ô, ơ, ư are letters of their own
(primary level), the five tone marks only break ties (secondary level, in the order
unmarked < huyền < hỏi < ngã < sắc < nặng), and case comes last (lowercase first).

Reading numbers in words (the administrative/accounting convention):

* Digits are read in groups of three: nghìn, triệu, tỷ; above tỷ the reading recurses
  ("một nghìn tỷ", "một triệu tỷ").
* An all-zero group is skipped ("một tỷ", "ba triệu năm trăm nghìn").
* A group that follows a non-zero higher part is read in full, so a zero hundreds digit
  is "không trăm" ("một nghìn không trăm mười").
* A zero tens digit before a non-zero unit is "linh" ("một trăm linh năm").
* Tens: 10 is "mười", 20+ is "<digit> mươi".
* Units: 1 is "mốt" after "mươi"; 4 is "tư" after "mươi"; 5 is "lăm" after "mười" or
  "mươi"; otherwise the plain digit word ("mười một", "mười bốn", "linh năm").
"""

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, TypeVar

__all__ = [
    "DateTextError",
    "amount_in_words",
    "collation_key",
    "fold",
    "format_amount",
    "format_date",
    "format_number",
    "nfc",
    "nfc_data",
    "nfc_text",
    "parse_date",
    "parse_decimal",
    "parse_whole_number",
    "natural_key",
    "sort_text",
    "number_in_words",
    "person_name_key",
    "person_sort_text",
    "place_date",
    "short_date",
    "sort_people",
]

T = TypeVar("T")

# --------------------------------------------------------------------------- normalisation

# Text converted from legacy TCVN3/VNI fonts often has the look-alike Icelandic eth (Ð, ð)
# where đ was meant; search and sorting treat them as đ.
_D_TO_ASCII = str.maketrans("đĐðÐ", "dDdD")
_ETH_TO_D = str.maketrans("ðÐ", "đĐ")


def nfc_text(value: T) -> T:
    """NFC-normalise a string, keeping its whitespace (a text box's line breaks); other values
    pass through."""
    if not isinstance(value, str):
        return value
    return unicodedata.normalize("NFC", value)  # type: ignore[return-value]


def nfc(value: T) -> T:
    """NFC-normalise a string and collapse its whitespace; other values pass through."""
    if not isinstance(value, str):
        return value
    return " ".join(nfc_text(value).split())  # type: ignore[return-value]


def nfc_data(obj: T, normalise: Callable[[str], str] = nfc) -> T:
    """Apply :func:`nfc` (or ``normalise``, e.g. :func:`nfc_text` to keep line breaks) to every
    str inside nested dicts, lists, tuples and QueryDicts."""
    if isinstance(obj, str):
        return normalise(obj)  # type: ignore[return-value]
    if hasattr(obj, "lists") and hasattr(obj, "setlist"):
        # Django's QueryDict/MultiValueDict: items() would keep only the last value per key.
        copy = obj.copy()
        for key, values in obj.lists():
            copy.setlist(key, [nfc_data(val, normalise) for val in values])
        return copy  # type: ignore[no-any-return]
    if isinstance(obj, dict):
        # Keys are field names / JSON keys chosen by code, so only values are touched.
        return {key: nfc_data(val, normalise) for key, val in obj.items()}  # type: ignore[return-value]
    if isinstance(obj, list):
        return [nfc_data(item, normalise) for item in obj]  # type: ignore[return-value]
    if isinstance(obj, tuple):
        items = [nfc_data(item, normalise) for item in obj]
        # Named tuples take positional args, plain tuples take one iterable.
        if hasattr(obj, "_fields"):
            return type(obj)(*items)  # type: ignore[return-value]
        return type(obj)(items)  # type: ignore[return-value]
    return obj


def fold(value: str | None) -> str:
    """Accent- and case-insensitive search key: "Tổ Hòa Giải" -> "to hoa giai"."""
    if value is None:
        return ""
    # đ has no decomposition (it is a distinct letter), so it must be mapped by hand.
    text = nfc(str(value)).translate(_D_TO_ASCII)
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)
    )
    return stripped.casefold()


# --------------------------------------------------------------------------- collation

# f, j, w, z are not Vietnamese letters but appear in foreign words and names.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}

# CLDR vi: &̀<<̉<<̃<<́<<̣ (0 is the unmarked tone).
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_FOREIGN_MARK = len(_TONE_RANK) + 1

# Primary weight bands: punctuation and spaces < digits < letters < other scripts,
# as in the CLDR root order that vi inherits.
_DIGIT_BAND = 0x110000
_LETTER_BAND = _DIGIT_BAND + 10
_OTHER_BAND = _LETTER_BAND + len(_ALPHABET)

CollationKey = tuple[tuple[int, ...], tuple[tuple[int, ...], ...], tuple[int, ...]]


def _clusters(text: str) -> list[str]:
    """Split into base characters with their trailing combining marks."""
    clusters: list[str] = []
    for ch in text:
        if clusters and unicodedata.combining(ch):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


# Names are made of few distinct letters and words: caching them makes sorting a 5,000-name
# commendation list several times faster.
@lru_cache(maxsize=4096)
def _cluster_weights(cluster: str) -> tuple[int, tuple[int, ...], int]:
    lower = cluster.lower()
    case = 0 if lower == cluster else 1
    decomposed = unicodedata.normalize("NFD", lower)
    base, marks = decomposed[0], decomposed[1:]

    tone = 0
    other_marks = []
    for mark in marks:
        if tone == 0 and mark in _TONE_RANK:
            tone = _TONE_RANK[mark]
        else:
            other_marks.append(mark)

    # Re-composing without the tone turns e.g. "ấ" back into the letter "â".
    letter = unicodedata.normalize("NFC", base + "".join(other_marks))
    if letter in _LETTER_RANK:
        return _LETTER_BAND + _LETTER_RANK[letter], (tone,), case

    # Foreign accents (ü, ç, ...) are secondary differences after the five tones, as in CLDR.
    secondary = (_FOREIGN_MARK, *map(ord, other_marks), tone) if other_marks else (tone,)
    if base in _LETTER_RANK:
        return _LETTER_BAND + _LETTER_RANK[base], secondary, case
    if base.isdigit():
        return _DIGIT_BAND + unicodedata.digit(base, 0), secondary, case
    if base.isalpha():
        return _OTHER_BAND + ord(base), secondary, case
    return ord(base), secondary, case


_NUMBER_RUN = re.compile(r"\d+")


def collation_key(text: str | None) -> CollationKey:
    """Sort key in Vietnamese alphabetical order (CLDR vi), for ``sorted(key=...)``."""
    primary: list[int] = []
    secondary: list[tuple[int, ...]] = []
    tertiary: list[int] = []
    for cluster in _clusters(nfc(text or "").translate(_ETH_TO_D)):
        p, s, t = _cluster_weights(cluster)
        primary.append(p)
        secondary.append(s)
        tertiary.append(t)
    return tuple(primary), tuple(secondary), tuple(tertiary)


def natural_key(text: str | None) -> CollationKey:
    """Vietnamese order with numbers compared as numbers: "Khu 2" before "Khu 10"."""
    return collation_key(_NUMBER_RUN.sub(lambda m: m.group().zfill(12), text or ""))


def _ascii_key(primary: tuple[int, ...], secondary: tuple[tuple[int, ...], ...]) -> str:
    letters = "".join(f"{weight:06x}" for weight in primary)
    tones = "".join(f"{marks[-1]:02x}" for marks in secondary)
    # "000000" is below every weight, so a name sorts before the longer names it begins.
    return f"{letters}000000{tones}"


def sort_text(text: str | None) -> str:
    """An ASCII string that sorts like :func:`natural_key` (letters, then tones) under any
    database collation, for an indexed column a database can ORDER BY and paginate."""
    primary, secondary, _tertiary = natural_key(text)
    return _ascii_key(primary, secondary)


def person_sort_text(full_name: str | None) -> str:
    """An ASCII string that sorts like :func:`person_name_key` (given name, then family and
    middle names) under any database collation: the web lists' column for the printed order."""
    words = nfc(full_name or "").split(" ")
    # A word's key has a fixed length once its letters are known, so the keys concatenate
    # without a separator and a shorter name still sorts first.
    return "".join(_ascii_key(*_word_key(word)) for word in [words[-1], *words[:-1]])


@lru_cache(maxsize=65536)
def _word_key(word: str) -> tuple[tuple[int, ...], tuple[tuple[int, ...], ...]]:
    primary, secondary, _ = collation_key(word)
    return primary, secondary


def person_name_key(full_name: str | None) -> tuple[Any, ...]:
    """Sort key for a full name: given name (last word) first, then family and middle names.

    Tones count within each word, so every "Anh" sorts before every "Ánh" whatever the
    family name; case only breaks ties at the end.
    """
    words = nfc(full_name or "").split(" ")
    given, others = words[-1], words[:-1]
    return (
        _word_key(given),
        tuple(_word_key(word) for word in others),
        collation_key(full_name),
    )


def sort_people(items: Iterable[T], key: Callable[[T], str | None] | None = None) -> list[T]:
    """Return items sorted by the full name that ``key`` extracts (default: the item)."""
    if key is None:
        return sorted(items, key=person_name_key)  # type: ignore[arg-type]
    get_name = key
    return sorted(items, key=lambda item: person_name_key(get_name(item)))


# --------------------------------------------------------------------------- dates


def format_date(d: date | None) -> str:
    """Format as "ngày 09 tháng 8 năm 2023"; empty string for None."""
    if d is None:
        return ""
    # Decree 30/2020/NĐ-CP: pad days < 10 and months 1-2 so no digit can be added later.
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def place_date(place: str, d: date | None) -> str:
    """Format as "Điện Ngọc, ngày 12 tháng 8 năm 2023"; blanks for a hand-written date if None."""
    when = format_date(d) if d is not None else "ngày ... tháng ... năm ..."
    return f"{nfc(place)}, {when}"


def short_date(d: date | None) -> str:
    """Format as "12/08/2023"; empty string for None."""
    if d is None:
        return ""
    # strftime's %Y is not zero-padded for years < 1000 on every platform.
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


class DateTextError(ValueError):
    """Why a typed date was refused: ``reason`` is "format" (not day/month/year), "month"
    (no such month) or "day" (no such day in that month); ``parts`` are the numbers read."""

    def __init__(self, reason: str, parts: tuple[int, int, int] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.parts = parts


# Day first, as Vietnamese papers write it, with "/", "-" or "." between; ISO (year first) for
# files and the API. A two-digit year is refused rather than guessed at.
_DMY = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(text: str) -> date:
    """Read "30/05/2025", "3/5/2025", "30-05-2025", "30.05.2025" or "2025-05-30"."""
    text = text.strip()
    if match := _DMY.fullmatch(text):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    elif match := _ISO.fullmatch(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        raise DateTextError("format")
    if year < 1:
        raise DateTextError("format")
    if not 1 <= month <= 12:
        raise DateTextError("month", (day, month, year))
    try:
        return date(year, month, day)
    except ValueError:
        raise DateTextError("day", (day, month, year)) from None


# --------------------------------------------------------------------------- numbers


def format_number(n: int | Decimal | float | None) -> str:
    """Format as "2.340.000", "1.234,5" or "-1.000"; empty string for None."""
    if n is None:
        return ""
    if isinstance(n, bool) or not isinstance(n, int | Decimal | float):
        raise TypeError(f"format_number expects int, Decimal or float, got {type(n).__name__}")
    if isinstance(n, float):
        # repr gives the shortest exact text, avoiding binary noise like 0.1000000000000000055.
        n = Decimal(repr(n))
    if isinstance(n, Decimal):
        if not n.is_finite():
            raise ValueError(f"cannot format non-finite number {n}")
        # Integral Decimals (e.g. 2340000.00 from a DecimalField) print without decimals.
        n = int(n) if n == n.to_integral_value() else n.normalize()
    if isinstance(n, int):
        return f"{n:,}".replace(",", ".")

    sign = "-" if n < 0 else ""
    # "f" avoids exponent notation such as 1E-6 after normalize().
    whole, _, fraction = format(abs(n), "f").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}"


# Vietnamese groups thousands with dots ("15.000.000"); spaces (also the no-break kinds a
# spreadsheet copies) are accepted too. A comma is the decimal mark, so "15,000" is not a
# grouped number: it is refused rather than guessed at.
_GROUPED = re.compile(r"-?[0-9]{1,3}(?:[. \u00a0\u202f][0-9]{3})+")
_DECIMAL = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")


def parse_whole_number(text: str) -> int:
    """Read "15.000.000", "15 000 000" or "15000000" as 15000000.

    Raises ValueError for anything else, "15,5", "1.5", "15.00" or "15.000,5" among them: a
    separator that does not group three digits may be a decimal mark, and a value is never
    rescaled by guessing."""
    text = text.strip()
    if re.fullmatch(r"-?[0-9]+", text) or _GROUPED.fullmatch(text):
        return int(re.sub(r"[. \u00a0\u202f]", "", text))
    raise ValueError(f"not a whole number as Vietnamese write it: {text!r}")


def parse_decimal(text: str) -> Decimal:
    """Read a genuine decimal such as an offset in mm: "1,5" or "1.5" (one mark, comma or
    dot, no grouping). Raises ValueError for anything else ("1.000,5", "1,5,0")."""
    text = text.strip()
    if not _DECIMAL.fullmatch(text):
        raise ValueError(f"not a decimal number: {text!r}")
    return Decimal(text.replace(",", "."))


def format_amount(n: int | Decimal | float | None) -> str:
    """Format as "2.340.000 đ"; empty string for None. A no-break space joins the number and
    "đ", so a narrow column never wraps the unit away from its amount."""
    if n is None:
        return ""
    return f"{format_number(n)}\u00a0đ"


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 10**9


def _as_whole_number(n: object) -> int:
    if isinstance(n, bool) or not isinstance(n, int | Decimal | float):
        raise ValueError(f"expected a non-negative whole number, got {n!r}")
    if isinstance(n, Decimal | float):
        if not Decimal(n).is_finite() or n != int(n):
            raise ValueError(f"expected a whole number, got {n!r}")
        n = int(n)
    if n < 0:
        raise ValueError(f"expected a non-negative number, got {n!r}")
    return n


def _read_group(group: int, full: bool) -> list[str]:
    """Words for 0-999; ``full`` when a non-zero higher group precedes it."""
    hundreds, tens, units = group // 100, group // 10 % 10, group % 10
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 4 and tens >= 2:
            words.append("tư")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(_DIGITS[units])
    return words


def _read_below_billion(n: int, full: bool) -> list[str]:
    words: list[str] = []
    for scale, name in ((10**6, "triệu"), (10**3, "nghìn"), (1, "")):
        group = n // scale % 1000
        if group == 0:
            continue
        words += _read_group(group, full)
        if name:
            words.append(name)
        full = True
    return words


def _read(n: int) -> list[str]:
    if n < _BILLION:
        return _read_below_billion(n, full=False)
    high, low = divmod(n, _BILLION)
    return [*_read(high), "tỷ", *_read_below_billion(low, full=True)]


def number_in_words(n: int | Decimal | float) -> str:
    """Lower-case Vietnamese reading of a whole number: 21 -> "hai mươi mốt"."""
    value = _as_whole_number(n)
    if value == 0:
        return _DIGITS[0]
    return " ".join(_read(value))


def amount_in_words(n: int | Decimal | float) -> str:
    """Amount in words for documents: 105 -> "Một trăm linh năm đồng"."""
    words = number_in_words(n)
    return f"{words[0].upper()}{words[1:]} đồng"
