"""Vietnamese numerals: digit forms, number words, multipliers (extractors.numbers)."""

from __future__ import annotations

import pytest

from extractors.numbers import make_reader, parse_digits


@pytest.fixture(scope="module")
def reader():
    return make_reader()


def values(reader, text):
    return [(n.value, text[n.start:n.end]) for n in reader.find(text)]


@pytest.mark.parametrize("text, value", [
    ("7", 7.0),
    ("1.250", 1250.0),           # dot groups thousands
    ("81.500", 81500.0),
    ("1.046.500", 1046500.0),
    ("6,5", 6.5),                 # comma is the decimal mark
    ("1.250,5", 1250.5),
    ("0,75", 0.75),
    ("5,04", 5.04),               # a weight of goods: decimal comma
    ("1.200", 1200.0),            # a volume of goods: thousands dot
    ("1,250,000", 1250000.0),     # English-style groups, several of them
    ("6.5", 6.5),                 # a dot not followed by three digits is a decimal point
])
def test_numbers_parse_digits(text, value):
    assert parse_digits(text) == value


@pytest.mark.parametrize("text", ["1.2.3", "12,", "abc", ""])
def test_numbers_parse_digits_rejects_non_numbers(text):
    assert parse_digits(text) is None


@pytest.mark.parametrize("text, value, span", [
    ("phạt 8,5 triệu đồng", 8_500_000.0, "8,5 triệu"),
    ("thu lợi 2 tỷ 300 triệu đồng", 2_300_000_000.0, "2 tỷ 300 triệu"),
    ("thiệt hại 1 triệu 500 nghìn đồng", 1_500_000.0, "1 triệu 500 nghìn"),
    ("thu giữ 12 nghìn viên", 12_000.0, "12 nghìn"),
    ("vốn 3 tỉ đồng", 3_000_000_000.0, "3 tỉ"),
    ("gần 2 ngàn người", 2_000.0, "2 ngàn"),
    ("56 nghìn tỷ đồng", 56_000_000_000_000.0, "56 nghìn tỷ"),
])
def test_numbers_multipliers(reader, text, value, span):
    [(got, written)] = values(reader, text)
    assert (got, written) == (value, span)


@pytest.mark.parametrize("text, value", [
    ("bắt hai đối tượng", 2.0),
    ("mười lăm người", 15.0),
    ("mười một xã", 11.0),
    ("hai mươi người", 20.0),
    ("hai mươi mốt hộ", 21.0),
    ("ba mươi tư tổ", 34.0),
    ("bốn mươi lăm phút", 45.0),
    ("ba trăm linh năm hộ", 305.0),
    ("hai nghìn năm trăm người", 2500.0),
    ("hai triệu ba trăm nghìn đồng", 2_300_000.0),
])
def test_numbers_words(reader, text, value):
    found = reader.find(text)
    assert [n.value for n in found] == [value]
    assert found[0].words


def test_numbers_word_then_noun_is_not_one_number(reader):
    # "hai năm" is two years, not 2 and 5 read as one number; "mười năm" is ten years
    assert values(reader, "hai năm qua")[0] == (2.0, "hai")
    assert values(reader, "mười năm qua")[0] == (10.0, "mười")


def test_numbers_word_after_digits_is_not_a_number(reader):
    # "20 năm": "năm" is the year noun, not the number five
    assert values(reader, "qua gần 20 năm tổ chức") == [(20.0, "20")]


@pytest.mark.parametrize("text, value", [
    ("hàng trăm người dân", 100.0),
    ("hàng chục vụ", 10.0),
    ("hàng nghìn lượt người", 1000.0),
    ("hàng chục nghìn công nhân", 10_000.0),
    ("hàng tỷ đồng", 1_000_000_000.0),
])
def test_numbers_hedged_round_amounts_are_approximate(reader, text, value):
    [n] = reader.find(text)
    assert (n.value, n.approximate) == (value, True)


def test_numbers_hang_loat_is_not_a_number(reader):
    assert reader.find("hàng loạt vụ việc") == []


def test_numbers_inner_words_do_not_start_a_number(reader):
    # "tư" (four) only after "mươi"; alone it is "tư pháp", "tư nhân"
    assert reader.find("cải cách tư pháp") == []


def test_numbers_offsets_point_into_the_text(reader):
    text = "Có 81.500 người và hai đối tượng."
    found = reader.find(text)
    assert [text[n.start:n.end] for n in found] == ["81.500", "hai"]
    assert found[0].digits == "81.500" and not found[0].words


def test_numbers_search_window(reader):
    text = "12 mô hình; 35 điểm"
    assert [n.value for n in reader.find(text, 11)] == [35.0]


def test_numbers_read_only_at_digits_and_number_words(reader):
    # a numeral's own words are not read again ("2 tỷ 300 triệu" is one number, "trăm" no second one);
    # a number word right after digits is their noun ("15 năm"), letters glued to digits are no number word
    text = "Thu 2 tỷ 300 triệu đồng, phạt 15 năm tù, ĐT742 và hai nghìn năm trăm người; hàng loạt vụ."
    assert values(reader, text) == [(2300000000.0, "2 tỷ 300 triệu"), (15.0, "15"), (742.0, "742"),
                                    (2500.0, "hai nghìn năm trăm")]


def test_numbers_none_in_a_stretch_without_digits_or_number_words(reader):
    assert reader.find("Công an xã tuyên truyền pháp luật cho người dân.") == []


@pytest.mark.parametrize("text, expected", [
    ("HAI đối tượng", [(2.0, "HAI")]),                      # number words in any case
    ("thai phụ và khai báo", []),                           # "hai" inside a word is none
    ("5 tỷ đồng và 300 triệu", [(5e9, "5 tỷ"), (3e8, "300 triệu")]),  # a word between: two numerals
    ("15 con năm 2024", [(15.0, "15"), (5.0, "năm"), (2024.0, "2024")]),  # "năm" not right after digits
    ("ĐT742 dài 2km", [(742.0, "742"), (2.0, "2")]),
])
def test_numbers_tokens_between_numerals_separate_them(reader, text, expected):
    assert values(reader, text) == expected


@pytest.mark.parametrize("text, start, expected", [
    ("Một trăm, MỘT, mỘt người", 0, [(100.0, "Một trăm"), (1.0, "MỘT"), (1.0, "mỘt")]),  # any case, read lower-cased
    ("thai phụ HAI người", 2, [(2.0, "HAI")]),            # from inside "thai": "i phụ" holds no "hai"
    ("5hai", 1, [(2.0, "hai")]),                          # digits before a number word do not glue to it
    ("ahai", 1, []),                                      # a letter before the window's start still does
    ("İ hai người", 0, [(2.0, "hai")]),                   # lower-casing changes the length: read as written
])
def test_numbers_read_case_insensitively_from_the_window(reader, text, start, expected):
    assert [(n.value, text[n.start:n.end]) for n in reader.find(text, start)] == expected
