"""The article's record the event rules read (``event_context``), and its captions (``event_captions``)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from extractors.event_captions import capitals_tail
from extractors.event_context import article_context, line_start, sentence_at
from extractors.event_sentences import with_tallies

TEXT = ("Sáng 12/9/2024, UBND phường Tiền Phong (tỉnh Thái Bình) tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc.\n\n"
        "Lãnh đạo phường trao quà cho các hộ nghèo. Ảnh: Văn Hải\n\n"
        "Từ đầu năm, Công an phường đã khởi tố 9 vụ, 9 bị can, 11 đối tượng.")


@pytest.fixture(scope="module")
def ctx(doc_of, nlp):
    return with_tallies(article_context(doc_of(TEXT, "2024-09-13"), nlp.get_pipe("vnie_events").rules))


def test_event_context_is_a_frozen_record(ctx):
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.text = ""


def test_event_context_flags_captions_news_and_tallies(ctx):
    # both sentences of the credited line are the caption; the tally is the last sentence
    assert [ctx.sent_text[i].strip() for i in sorted(ctx.captions)] == [
        "Lãnh đạo phường trao quà cho các hộ nghèo.", "Ảnh: Văn Hải"]
    assert (ctx.body, ctx.ranked, sorted(ctx.tallies)) == ([0, 1, 2, 3], [0, 3], [3])


def test_event_context_days_places_and_publication(ctx):
    assert [d.value for d in ctx.dates[0]] == ["2024-09-12"]
    assert ctx.published == date(2024, 9, 13) and ctx.published_raw == "2024-09-13"
    assert ctx.main_province == "Hưng Yên"


def test_event_context_sentence_at_and_line_start(ctx):
    second = ctx.sents[1]
    assert sentence_at(ctx, second.start_char) == 1 and sentence_at(ctx, second.start_char - 1) == 0
    assert sentence_at(ctx, -5) == 0
    assert line_start(ctx, 2) == TEXT.index("Ảnh: Văn Hải") - len("Lãnh đạo phường trao quà cho các hộ nghèo. ")


def test_event_captions_capitals_tail():
    line = "Tang vật bị thu giữ tại hiện trường THANH HÀ"
    assert capitals_tail(line, 0, len(line)) == line.index("THANH")
    assert capitals_tail("Công an tỉnh Nghệ An", 0, 20) is None  # one word in capitals is no credit
