import random
import unicodedata
from collections import namedtuple
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils.datastructures import MultiValueDict

from documents.vietnamese import (
    amount_in_words,
    collation_key,
    fold,
    format_amount,
    format_date,
    format_number,
    nfc,
    nfc_data,
    number_in_words,
    parse_decimal,
    parse_whole_number,
    person_name_key,
    place_date,
    short_date,
    sort_people,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def shuffled(items: list[str], seed: int = 0) -> list[str]:
    copy = list(items)
    random.Random(seed).shuffle(copy)
    return copy


# --------------------------------------------------------------------------- nfc


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Tổ hòa giải", "Tổ hòa giải"),
        (nfd("Tổ hòa giải"), "Tổ hòa giải"),
        (nfd("Nguyễn Thị Ánh"), "Nguyễn Thị Ánh"),
        ("  Lê   Văn\tAn \n", "Lê Văn An"),
        ("a\u00a0\u00a0b", "a b"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_nfc_normalises_and_collapses_whitespace(value, expected):
    result = nfc(value)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize("value", [None, 5, Decimal("1.5"), date(2023, 8, 9), b"abc"])
def test_nfc_passes_non_strings_through(value):
    assert nfc(value) is value


def test_nfc_data_normalises_nested_values():
    Row = namedtuple("Row", "name ward")
    data = {
        "ho_ten": nfd(" Nguyễn  Văn Ánh "),
        "so_luong": 3,
        "ghi_chu": None,
        "thanh_vien": [nfd("Lê Thị Hồng"), {"vai_tro": nfd("Tổ trưởng")}],
        "cap": (nfd("Điện Ngọc"), 1),
        "row": Row(nfd("Hòa"), nfd("Điện Bàn")),
    }
    assert nfc_data(data) == {
        "ho_ten": "Nguyễn Văn Ánh",
        "so_luong": 3,
        "ghi_chu": None,
        "thanh_vien": ["Lê Thị Hồng", {"vai_tro": "Tổ trưởng"}],
        "cap": ("Điện Ngọc", 1),
        "row": Row("Hòa", "Điện Bàn"),
    }
    assert isinstance(nfc_data(data)["row"], Row)


def test_nfc_data_keeps_every_value_of_a_multi_value_dict():
    data = MultiValueDict({"ten": [nfd("Hòa "), nfd("Đông")], "so": ["1"]})
    result = nfc_data(data)
    assert isinstance(result, MultiValueDict)
    assert result.getlist("ten") == ["Hòa", "Đông"]
    assert result.getlist("so") == ["1"]
    assert data.getlist("ten") == [nfd("Hòa "), nfd("Đông")]


def test_nfc_data_does_not_mutate_input():
    data = {"a": [nfd("Hòa")]}
    nfc_data(data)
    assert data == {"a": [nfd("Hòa")]}


@pytest.mark.parametrize("value", [None, 7, "Hòa"])
def test_nfc_data_scalars(value):
    assert nfc_data(value) == value


# --------------------------------------------------------------------------- fold


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Tổ Hòa Giải", "to hoa giai"),
        (nfd("Tổ Hòa Giải"), "to hoa giai"),
        ("ĐẶNG VĂN ĐÔNG", "dang van dong"),
        ("đường", "duong"),
        ("Nguyễn  Thị\tỨng", "nguyen thi ung"),
        ("ÐỖ", "do"),  # legacy-font eth instead of Đ
        ("to hoa giai", "to hoa giai"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(value, expected):
    assert fold(value) == expected


def test_fold_makes_search_accent_insensitive():
    haystack = ["Tổ hòa giải số 3", "Tổ dân phố Hòa Bình", "Hội phụ nữ"]
    needle = fold("to hoa giai")
    assert [item for item in haystack if needle in fold(item)] == ["Tổ hòa giải số 3"]


# --------------------------------------------------------------------------- collation


def vi_sorted(items: list[str]) -> list[str]:
    return sorted(items, key=collation_key)


def test_alphabet_order_of_single_letters():
    alphabet = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")
    assert vi_sorted(shuffled(alphabet)) == alphabet


def test_foreign_letters_sort_in_latin_positions():
    letters = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
    assert vi_sorted(shuffled(letters, seed=3)) == letters


def test_tone_order_follows_cldr_vi():
    # unmarked < huyền < hỏi < ngã < sắc < nặng
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert vi_sorted(shuffled(tones)) == tones


def test_letters_outrank_tones():
    # ă, â are letters: a with any tone sorts before ă without one.
    expected = ["a", "á", "ạ", "ă", "ằ", "ặ", "â", "ầ", "ậ"]
    assert vi_sorted(shuffled(expected)) == expected


def test_tone_only_breaks_ties():
    # The second letter decides before the tone of the first one is looked at.
    assert vi_sorted(["ác", "ab"]) == ["ab", "ác"]
    assert vi_sorted(["anh", "ánh", "an"]) == ["an", "anh", "ánh"]


def test_d_stroke_after_all_d_words_and_before_e():
    words = ["Đá", "Dzung", "Dư", "Eo", "Da", "Đ", "Dỹ", "Đoàn", "Ê", "dz", "Ăn", "Cù"]
    assert vi_sorted(words) == [
        "Ăn",
        "Cù",
        "Da",
        "Dư",
        "Dỹ",
        "dz",
        "Dzung",
        "Đ",
        "Đá",
        "Đoàn",
        "Eo",
        "Ê",
    ]


def test_o_circumflex_horn_order():
    assert vi_sorted(["Ơn", "On", "Ôn", "Oz", "ơ", "ô", "o", "Ờ", "ộ"]) == [
        "o",
        "On",
        "Oz",
        "ô",
        "ộ",
        "Ôn",
        "ơ",
        "Ờ",
        "Ơn",
    ]


def test_u_horn_after_u():
    assert vi_sorted(["ưa", "uy", "Ư", "Út", "v"]) == ["Út", "uy", "Ư", "ưa", "v"]


def test_nfd_input_sorts_identically():
    words = ["Đặng", "Dũng", "Ánh", "Anh", "Ân", "Ước", "Uyên", "Ơn", "Ổn", "Hòa", "Hoà"]
    nfc_order = vi_sorted(words)
    nfd_order = vi_sorted([nfd(word) for word in words])
    assert [unicodedata.normalize("NFC", word) for word in nfd_order] == nfc_order
    for word in words:
        assert collation_key(nfd(word)) == collation_key(word)


def test_case_is_tertiary():
    assert vi_sorted(["b", "A", "a", "B"]) == ["a", "A", "b", "B"]
    # Case never overrides letters or tones.
    assert vi_sorted(["Ba", "az"]) == ["az", "Ba"]
    assert vi_sorted(["Anh", "ánh"]) == ["Anh", "ánh"]
    assert vi_sorted(["ÁNH", "anh"]) == ["anh", "ÁNH"]
    assert vi_sorted(["ĐÔNG", "dung"]) == ["dung", "ĐÔNG"]


def test_case_does_not_change_primary_order():
    words = ["Bảo", "ân", "ANH", "chiến", "Đông", "dũng", "ư", "ÚT", "yến"]
    lower = vi_sorted([word.lower() for word in words])
    upper = vi_sorted([word.upper() for word in words])
    assert [word.lower() for word in vi_sorted(words)] == lower
    assert [word.lower() for word in upper] == lower


def test_prefix_sorts_first_and_spaces_before_letters():
    assert vi_sorted(["Hòa Bình", "Hòa", "Hòai", "Hoa"]) == ["Hoa", "Hòa", "Hòa Bình", "Hòai"]


def test_digits_before_letters_and_none_is_empty():
    assert vi_sorted(["a", "2", "1"]) == ["1", "2", "a"]
    assert collation_key(None) == collation_key("")
    assert collation_key("  Hòa  ") == collation_key("Hòa")


def test_foreign_accents_sort_after_base_letter():
    assert vi_sorted(["uz", "ü", "u", "ú"]) == ["u", "ú", "ü", "uz"]


# --------------------------------------------------------------------------- person names

PEOPLE = [
    "Lê Thị Anh",
    "Phạm Thị Ân",
    "Nguyễn Văn Ánh",
    "Trần Đức Bảo",
    "Đỗ Văn Chiến",
    "Nguyễn Văn Chiến",
    "Vũ Thị Ánh",
    "Đặng Văn Đông",
    "Dương Văn Dũng",
    "Hoàng Thị Ư",
    "Lý Văn Út",
    "Bùi Thị Yến",
]

PEOPLE_SORTED = [
    "Lê Thị Anh",
    "Nguyễn Văn Ánh",
    "Vũ Thị Ánh",
    "Phạm Thị Ân",
    "Trần Đức Bảo",
    "Đỗ Văn Chiến",
    "Nguyễn Văn Chiến",
    "Dương Văn Dũng",
    "Đặng Văn Đông",
    "Lý Văn Út",
    "Hoàng Thị Ư",
    "Bùi Thị Yến",
]


@pytest.mark.parametrize("seed", range(5))
def test_sort_people_tricky_list(seed):
    assert sort_people(shuffled(PEOPLE, seed)) == PEOPLE_SORTED


def test_sort_people_nfd_input():
    result = sort_people([nfd(name) for name in reversed(PEOPLE)])
    assert [unicodedata.normalize("NFC", name) for name in result] == PEOPLE_SORTED


def test_sort_people_with_key():
    rows = [{"ho_ten": name, "stt": i} for i, name in enumerate(PEOPLE)]
    result = sort_people(rows, key=lambda row: row["ho_ten"])
    assert [row["ho_ten"] for row in result] == PEOPLE_SORTED


def test_sort_people_accepts_iterables():
    assert sort_people(iter(["Trần Văn B", "Lê Văn A"])) == ["Lê Văn A", "Trần Văn B"]


def test_given_name_groups_before_family_name():
    # A different tone is a different given name: every "Anh" precedes every "Ánh".
    assert sort_people(["Nguyễn Văn Ánh", "Vũ Thị Anh"]) == ["Vũ Thị Anh", "Nguyễn Văn Ánh"]


def test_family_then_middle_names_in_order():
    names = ["Trần Văn An", "Lê Văn An", "Lê Thị An", "Lê An", "An"]
    assert sort_people(names) == ["An", "Lê An", "Lê Thị An", "Lê Văn An", "Trần Văn An"]


def test_person_name_key_case_is_last_resort():
    assert person_name_key("lê văn an") < person_name_key("Lê Văn An")
    # Case in the given name does not outrank the family name.
    assert sort_people(["Vũ Thị anh", "Lê Thị ANH"]) == ["Lê Thị ANH", "Vũ Thị anh"]


def test_person_name_key_ignores_extra_whitespace_and_none():
    assert person_name_key("  Lê   Văn  An ") == person_name_key("Lê Văn An")
    assert person_name_key(None) == person_name_key("")
    assert sort_people(["Lê An", ""]) == ["", "Lê An"]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2023, 8, 9), "ngày 09 tháng 8 năm 2023"),
        (date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
        (date(2024, 2, 28), "ngày 28 tháng 02 năm 2024"),
        (date(2024, 3, 1), "ngày 01 tháng 3 năm 2024"),
        (date(2023, 10, 10), "ngày 10 tháng 10 năm 2023"),
        (date(2023, 12, 31), "ngày 31 tháng 12 năm 2023"),
        (datetime(2023, 8, 12, 15, 30), "ngày 12 tháng 8 năm 2023"),
        (None, ""),
    ],
)
def test_format_date(value, expected):
    assert format_date(value) == expected


@pytest.mark.parametrize(
    ("place", "value", "expected"),
    [
        ("Điện Ngọc", date(2023, 8, 12), "Điện Ngọc, ngày 12 tháng 8 năm 2023"),
        (nfd(" Điện  Ngọc "), date(2024, 1, 2), "Điện Ngọc, ngày 02 tháng 01 năm 2024"),
        ("Điện Ngọc", None, "Điện Ngọc, ngày ... tháng ... năm ..."),
    ],
)
def test_place_date(place, value, expected):
    assert place_date(place, value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2023, 8, 12), "12/08/2023"),
        (date(2024, 1, 5), "05/01/2024"),
        (date(2023, 12, 31), "31/12/2023"),
        (date(999, 1, 1), "01/01/0999"),
        (None, ""),
    ],
)
def test_short_date(value, expected):
    assert short_date(value) == expected


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, "1.000"),
        (2340000, "2.340.000"),
        (-1234567, "-1.234.567"),
        (Decimal("1234.5"), "1.234,5"),
        (Decimal("1234.50"), "1.234,5"),
        (Decimal("2340000.00"), "2.340.000"),
        (Decimal("-1234.56"), "-1.234,56"),
        (Decimal("-0.5"), "-0,5"),
        (Decimal("-0"), "0"),
        (Decimal("0.000001"), "0,000001"),
        (Decimal("1E+6"), "1.000.000"),
        (2.5, "2,5"),
        (1000000.0, "1.000.000"),
        (None, ""),
    ],
)
def test_format_number(value, expected):
    assert format_number(value) == expected


@pytest.mark.parametrize("value", ["1000", True, [1]])
def test_format_number_rejects_non_numbers(value):
    with pytest.raises(TypeError):
        format_number(value)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), float("inf")])
def test_format_number_rejects_non_finite(value):
    with pytest.raises(ValueError, match="non-finite"):
        format_number(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2340000, "2.340.000\u00a0đ"),
        (0, "0\u00a0đ"),
        (Decimal("1500.5"), "1.500,5\u00a0đ"),
        (None, ""),
    ],
)
def test_format_amount(value, expected):
    assert format_amount(value) == expected


# --------------------------------------------------------------------------- numbers in words


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "Không đồng"),
        (1, "Một đồng"),
        (4, "Bốn đồng"),
        (5, "Năm đồng"),
        (10, "Mười đồng"),
        (11, "Mười một đồng"),
        (14, "Mười bốn đồng"),
        (15, "Mười lăm đồng"),
        (20, "Hai mươi đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi tư đồng"),
        (25, "Hai mươi lăm đồng"),
        (31, "Ba mươi mốt đồng"),
        (44, "Bốn mươi tư đồng"),
        (55, "Năm mươi lăm đồng"),
        (99, "Chín mươi chín đồng"),
        (100, "Một trăm đồng"),
        (101, "Một trăm linh một đồng"),
        (104, "Một trăm linh bốn đồng"),
        (105, "Một trăm linh năm đồng"),
        (110, "Một trăm mười đồng"),
        (115, "Một trăm mười lăm đồng"),
        (121, "Một trăm hai mươi mốt đồng"),
        (999, "Chín trăm chín mươi chín đồng"),
        (1000, "Một nghìn đồng"),
        (1001, "Một nghìn không trăm linh một đồng"),
        (1010, "Một nghìn không trăm mười đồng"),
        (1015, "Một nghìn không trăm mười lăm đồng"),
        (1100, "Một nghìn một trăm đồng"),
        (15000, "Mười lăm nghìn đồng"),
        (21000, "Hai mươi mốt nghìn đồng"),
        (100000, "Một trăm nghìn đồng"),
        (105000, "Một trăm linh năm nghìn đồng"),
        (1000005, "Một triệu không trăm linh năm đồng"),
        (1005000, "Một triệu không trăm linh năm nghìn đồng"),
        (2340000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
        (3500000, "Ba triệu năm trăm nghìn đồng"),
        (1000000000, "Một tỷ đồng"),
        (1000050000, "Một tỷ không trăm năm mươi nghìn đồng"),
        (
            1234567891,
            "Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn"
            " tám trăm chín mươi mốt đồng",
        ),
        (10**12, "Một nghìn tỷ đồng"),
        (10**12 + 5, "Một nghìn tỷ không trăm linh năm đồng"),
        (1005 * 10**9, "Một nghìn không trăm linh năm tỷ đồng"),
        (
            999_999_999_999_999,
            "Chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ"
            " chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn"
            " chín trăm chín mươi chín đồng",
        ),
        (10**15, "Một triệu tỷ đồng"),
    ],
)
def test_amount_in_words(value, expected):
    assert amount_in_words(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "không"),
        (21, "hai mươi mốt"),
        (1000005, "một triệu không trăm linh năm"),
        (Decimal("2340000.00"), "hai triệu ba trăm bốn mươi nghìn"),
        (Decimal("1E+3"), "một nghìn"),
        (15.0, "mười lăm"),
    ],
)
def test_number_in_words(value, expected):
    assert number_in_words(value) == expected


@pytest.mark.parametrize("value", [-1, Decimal("-5"), -0.5])
def test_in_words_rejects_negative(value):
    with pytest.raises(ValueError, match="non-negative|whole"):
        amount_in_words(value)
    with pytest.raises(ValueError, match="non-negative|whole"):
        number_in_words(value)


def test_in_words_negative_message():
    with pytest.raises(ValueError, match="expected a non-negative number, got -1"):
        number_in_words(-1)


@pytest.mark.parametrize(
    "value", [1.5, Decimal("10.5"), Decimal("NaN"), float("inf"), "100", None, True]
)
def test_in_words_rejects_non_integers(value):
    with pytest.raises(ValueError, match="whole number"):
        amount_in_words(value)


def test_natural_key_orders_numbered_names_as_people_count():
    from documents.vietnamese import natural_key

    names = ["Khu 10", "Khu 2", "Tổ dân phố 1", "Khu 1", "Ấp 3", "Đội 2"]
    assert sorted(names, key=natural_key) == [
        "Ấp 3",
        "Đội 2",
        "Khu 1",
        "Khu 2",
        "Khu 10",
        "Tổ dân phố 1",
    ]


def test_sort_text_sorts_like_natural_key_as_plain_strings():
    from documents.vietnamese import natural_key, sort_text

    names = ["Tổ 10", "Tổ 2", "Tổ", "Đội 1", "Dân 3", "Ánh", "Anh", "Ân", "anh", "Ư", "U"]
    assert sorted(names, key=sort_text) == sorted(names, key=lambda n: natural_key(n)[:2])
    assert all(sort_text(n).isascii() for n in names)


# --------------------------------------------------------------------------- reading numbers


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("15.000.000", 15_000_000),
        ("15 000 000", 15_000_000),
        ("15\u00a0000\u00a0000", 15_000_000),  # the no-break space a spreadsheet copies
        ("15000000", 15_000_000),
        (" 250 ", 250),
        ("1.000", 1000),
        ("0", 0),
        ("-1.000", -1000),
    ],
)
def test_parse_whole_number_reads_vietnamese_grouping(text, number):
    assert parse_whole_number(text) == number


@pytest.mark.parametrize(
    "text", ["15,5", "15.000,5", "1.5", "15.00", "15,000", "1.0000", "15..000", ".500", "", "1e6"]
)
def test_parse_whole_number_refuses_anything_ambiguous(text):
    with pytest.raises(ValueError, match="not a whole number"):
        parse_whole_number(text)


@pytest.mark.parametrize(("text", "number"), [("2,5", "2.5"), ("2.5", "2.5"), ("-3", "-3")])
def test_parse_decimal_takes_one_mark_comma_or_dot(text, number):
    assert parse_decimal(text) == Decimal(number)


@pytest.mark.parametrize("text", ["1.000,5", "1,000.5", "2,5,1", "", "NaN", "inf", "2,"])
def test_parse_decimal_refuses_grouping_and_the_rest(text):
    with pytest.raises(ValueError, match="not a decimal"):
        parse_decimal(text)
