"""The event word regexes are composed from ``event_words.jsonl``: a word added to a role is matched."""

from __future__ import annotations

import re
from pathlib import Path

from extractors import event_words
from extractors.event_words import EventWords, alternation, not_after, roles_of
from gazetteer import read_gazetteer


def test_event_words_alternation_is_an_escaped_trie_longest_first():
    assert alternation(["vụ", "vụ việc", "a.b"]) == r"(?:a\.b|vụ(?:\ việc)?)"
    assert re.match(alternation(["vụ", "vụ việc"]), "vụ việc").group() == "vụ việc"  # the longer word first
    assert re.match(alternation(["vụ", "vụ việc"]) + r"(?!\w)", "vụ viện").group() == "vụ"
    assert re.match(alternation(["a.b"]), "axb") is None  # escaped
    assert re.fullmatch(alternation([]), "") is None  # no words: never matches


def test_event_words_first_letter_takes_a_capital_only_there():
    rx = re.compile(alternation(["từ đầu năm"], first_letter=True))
    assert rx.fullmatch("Từ đầu năm") and rx.fullmatch("từ đầu năm")
    assert rx.fullmatch("TỪ ĐẦU NĂM") is None and rx.fullmatch("Từ Đầu năm") is None


def test_event_words_not_after_refuses_the_word_before():
    rx = re.compile(not_after(["Ban"]) + "chỉ đạo")
    assert rx.search("Ban chỉ đạo") is None and rx.search("đã chỉ đạo")


def test_event_words_roles_are_a_string_or_a_list():
    assert roles_of({"role": "raid"}) == ("raid",)
    assert roles_of({"role": ["acting_unit", "receiving_unit"]}) == ("acting_unit", "receiving_unit")
    assert roles_of({}) == ()


def test_event_words_every_role_of_the_file_is_read():
    entries = read_gazetteer("event_words.jsonl")
    used = {r for e in entries for r in roles_of(e)}
    source = Path(event_words.__file__).read_text(encoding="utf-8")
    assert sorted(r for r in used if f'"{r}"' not in source) == []  # no role the code does not read


def test_event_words_a_word_added_to_a_role_is_matched():
    entries = read_gazetteer("event_words.jsonl")
    words = EventWords.from_entries(entries)
    assert words.raid.search("Tổ công tác vây ráp ổ nhóm") is None
    more = EventWords.from_entries(entries + ({"label": "WORD", "pattern": "vây ráp", "id": "vây ráp", "role": "raid"},))
    assert more.raid.search("Tổ công tác vây ráp ổ nhóm").group() == "vây ráp"


def test_event_words_relative_days_and_yesterday():
    words = EventWords.from_entries(read_gazetteer("event_words.jsonl"))
    m = words.relative_day.search("Chiều qua, Công an huyện")
    assert m.group(1) == "qua" and "qua" in words.yesterday and "nay" not in words.yesterday
    assert words.relative_day.search("Tháng qua, Công an huyện") is None  # a month is no part of a day
