"""Events' cue words are phrases of the span layer (issue 10).

``event_cues.jsonl`` is read by ``vnie_spans``; its matches show in ``doc.spans["CUE"]`` (label CUE, id the cue's
role) next to the words that make a person a suspect (label NOT_OFFICIAL), and ``Cues`` (events, their dates,
triggers and places) asks the layer for the cues of a role in a range of words instead of a regex of its own.
"""

from __future__ import annotations

import re

import pytest

import extractors.event_cues as event_cues
from extractors.event_cues import ACTION, ACTOR, ANNIVERSARY, MISHAP, OFFENCE, STORY, SUSPECT, UNIT, Cue, Cues
from extractors.span_layer import DEFAULT_FILES, DEFAULT_GROUPS, SpanLayer, text_layer
from pipeline.article import Article
from pipeline.document import process

STORY_SIDE = "Trước đó, ngày 3/3, Công an huyện đã bắt giữ đối tượng tàng trữ ma túy."
FOUND = "Sáng 5/3, tổ công tác phát hiện 1 xe tải chở hàng lậu tại xã Tiền Phong."
MAIN = "Ngày 10/3, Công an huyện tổ chức hội nghị tổng kết. "
SIDE = "ngày 3/3, Công an huyện đã điều 30 chiến sĩ giúp dân gia cố đê."


@pytest.fixture(scope="module")
def cues(nlp) -> Cues:
    return nlp.get_pipe("vnie_events").rules.cues


def _group(doc) -> list[tuple[str, str, str, int, int]]:
    """(phrase, label, id, start, end) of the CUE group, offsets those of the phrase itself."""
    out = []
    for s in doc.spans["CUE"]:
        m = s._.vnie_match
        out.append((doc.text[m.start_char:m.end_char], s.label_, s.id_, m.start_char, m.end_char))
    return out


def _texts(doc, found: list[Cue]) -> list[tuple[str, str]]:
    return [(doc.text[c.start:c.end], c.role) for c in found]


def test_span_layer_reads_the_cue_file():
    assert "event_cues.jsonl" in DEFAULT_FILES
    assert (DEFAULT_GROUPS["CUE"], DEFAULT_GROUPS["NOT_OFFICIAL"]) == ("CUE", "CUE")


def test_span_layer_cue_group_shows_roles_and_suspect_words(doc_of):
    doc = doc_of(STORY_SIDE)
    assert _group(doc) == [
        ("Trước đó", "CUE", "story", 0, 8), ("Công an", "CUE", "actor", 20, 27),
        ("bắt giữ", "NOT_OFFICIAL", "bắt giữ", 37, 44),  # a person's cue (officials), in the same group
        ("đối tượng", "NOT_OFFICIAL", "đối tượng", 45, 54), ("đối tượng", "CUE", "suspect", 45, 54),
        ("tàng trữ", "CUE", "offence", 55, 63), ("ma túy", "CUE", "offence", 64, 70)]


def test_span_layer_cue_group_shows_every_phrase_the_cues_take_the_longest(doc_of, cues):
    doc = doc_of("Ông A được trao Kỷ niệm chương. Lễ kỷ niệm 30 năm ngày truyền thống.")
    assert _group(doc) == [
        ("trao", "CUE", "action", 11, 15), ("Kỷ niệm chương", "CUE", "medal", 16, 30),
        ("Kỷ niệm", "CUE", "anniversary", 16, 23), ("kỷ niệm", "CUE", "anniversary", 35, 42),
        ("ngày truyền thống", "CUE", "anniversary", 50, 67)]
    layer = doc._.vnie_spans
    # the medal shadows the anniversary cue inside it, whatever role is asked for
    assert cues.find(layer, 0, len(doc.text), ANNIVERSARY) == [
        Cue(9, 2, 35, 42, ANNIVERSARY), Cue(13, 3, 50, 67, ANNIVERSARY)]
    assert _texts(doc, cues.find(layer, 0, len(doc.text), "medal")) == [("Kỷ niệm chương", "medal")]


def test_cues_in_words_by_word_range(doc_of, cues):
    doc = doc_of(STORY_SIDE)
    layer = doc._.vnie_spans
    assert [w.text for w in layer.words[6:14]] == ["Công", "an", "huyện", "đã", "bắt", "giữ", "đối", "tượng"]
    assert cues.in_words(layer, 0, len(layer.words), OFFENCE) == [Cue(14, 2, 55, 63, OFFENCE),
                                                                    Cue(16, 2, 64, 70, OFFENCE)]
    assert cues.in_words(layer, 6, 14, ACTOR) == [Cue(6, 2, 20, 27, ACTOR)]
    assert cues.in_words(layer, 7, 14, ACTOR) == []  # "an" alone is no cue
    assert cues.in_words(layer, 0, 13, SUSPECT) == []  # "đối tượng" goes on past the range
    assert cues.in_words(layer, 0, 14, SUSPECT) == [Cue(12, 2, 45, 54, SUSPECT)]


def test_cues_find_by_characters_takes_whole_words_inside(doc_of, cues):
    doc = doc_of(FOUND)
    layer = doc._.vnie_spans
    start = doc.text.index("hàng lậu")
    assert _texts(doc, cues.find(layer, 32, len(doc.text), OFFENCE)) == [("chở", OFFENCE), ("hàng lậu", OFFENCE)]
    assert _texts(doc, cues.find(layer, 32, start + 8, OFFENCE)) == [("chở", OFFENCE), ("hàng lậu", OFFENCE)]
    assert _texts(doc, cues.find(layer, 32, start + 7, OFFENCE)) == [("chở", OFFENCE)]  # "lậ|u": cut inside
    assert _texts(doc, cues.find(layer, 32, start + 4, OFFENCE)) == [("chở", OFFENCE)]  # "hàng" without "lậu"
    assert _texts(doc, cues.find(layer, start + 1, len(doc.text), OFFENCE)) == []  # "àng lậu": starts inside
    assert cues.find(layer, 0, len(doc.text), MISHAP) == [] and cues.find(layer, 0, 9, ACTOR) == []


@pytest.mark.parametrize("written", ["ma túy", "ma tuý", "MA TUÝ", "Ma Túy"])
def test_cues_tone_placement_and_case_are_one_cue(doc_of, cues, written):
    doc = doc_of(f"Công an xã bắt đối tượng tàng trữ {written} trái phép.")
    found = cues.find(doc._.vnie_spans, 0, len(doc.text), OFFENCE)
    assert _texts(doc, found) == [("tàng trữ", OFFENCE), (written, OFFENCE), ("trái phép", OFFENCE)]


@pytest.mark.parametrize("written", ["Ủy ban", "Uỷ ban", "UỶ BAN", "ủy ban"])
def test_span_layer_cue_group_tone_variants(doc_of, written):
    doc = doc_of(f"{written} xã tặng quà.")
    assert [(p, label, cue_id) for p, label, cue_id, _, _ in _group(doc)] == [
        (written, "CUE", "actor"), ("tặng", "CUE", "action")]


@pytest.mark.parametrize("opening", ["Sau đó", "sau đó", "SAU ĐÓ", "“Sau đó", "– Sau đó", "- sau đó", "• Sau đó"])
def test_cues_story_opens_a_sentence_in_any_case_after_marks(doc_of, cues, opening):
    doc = doc_of(f"{opening}, lực lượng chức năng tuần tra trên địa bàn.")
    layer, text = doc._.vnie_spans, doc.text
    cue = cues.opening(layer, 0, len(text))
    assert (text[cue.start:cue.end], cue.role) == (opening.lstrip("“–-• "), STORY)
    assert cues.opens(layer, 0, len(text), STORY) and not cues.opens(layer, 0, len(text), ACTOR)


@pytest.mark.parametrize("text, role", [
    ("Ngày 3/3, sau đó lực lượng chức năng tuần tra.", None),  # a story cue, not at the opening
    ("Công an huyện tuần tra trên địa bàn.", ACTOR),  # an opening cue of another role
    ("1. Sau đó, Công an huyện tuần tra.", None),  # a number is no mark before the cue
    ("Hôm nay, Công an huyện tuần tra.", None),
])
def test_cues_opening_negative(doc_of, cues, text, role):
    layer = doc_of(text)._.vnie_spans
    cue = cues.opening(layer, 0, len(text))
    assert (cue.role if cue else None) == role
    assert not cues.opens(layer, 0, len(text), STORY)


def test_cues_opening_needs_the_whole_cue_before_the_end(doc_of, cues):
    text = "Trong chuyến công tác, đoàn đã thăm hỏi."
    layer = doc_of(text)._.vnie_spans
    assert cues.opening(layer, 0, len(text)) == Cue(0, 4, 0, 21, STORY)
    assert cues.opening(layer, 0, 16) is None  # "Trong chuyến công" only: "Trong chuyến công tác" is cut
    assert cues.opening(layer, 0, 15) is None


@pytest.mark.parametrize("opener", ["Trước đó, ", "TRƯỚC ĐÓ, ", "– Trước đó, ", "Cũng trong dịp này, "])
def test_event_dates_a_story_cue_before_a_dated_action(doc_of, opener):
    doc = doc_of(MAIN + opener + SIDE, published="2025-03-10")
    assert [(e.event_type, e.trigger, str(e.event_date)) for e in doc._.events] == [
        ("conference", "hội nghị tổng kết", "2025-03-10"), ("other", None, "2025-03-03")]


@pytest.mark.parametrize("opener", ["Cũng vậy, ", "Sau cùng, ", ""])
def test_event_dates_no_story_cue_no_opening_word_no_dated_action(doc_of, opener):
    side = opener + SIDE if opener else "Ông Nguyễn Văn A " + SIDE  # no unit acts
    doc = doc_of(MAIN + side[0].upper() + side[1:], published="2025-03-10")
    assert [(e.event_type, str(e.event_date)) for e in doc._.events] == [("conference", "2025-03-10")]


@pytest.mark.parametrize("title, types", [
    ("Phát hiện xe tải chở hàng lậu", [("crime", "act")]),  # an offence cue on the title's own layer
    ("Phát hiện xe tải chở ma tuý", [("crime", "act")]),
    ("Phát hiện xe tải của gia đình", []),  # no offence named: not an arrest
])
def test_cues_read_on_the_title_layer(doc_of, nlp, title, types):
    gaz = doc_of("Ông A dự lễ.")._.vnie_spans.gazetteer
    assert nlp.get_pipe("vnie_events").triggers.title_types(title, gaz) == types


def test_cues_a_unit_cue_ends_before_a_ward_name(doc_of, cues):
    doc = doc_of("Đồn Biên phòng Tam Chung phối hợp tuần tra.")
    layer = doc._.vnie_spans
    assert _texts(doc, cues.find(layer, 0, 14, UNIT)) == [("Đồn Biên phòng", UNIT)]
    assert cues.find(layer, 0, 14, ACTOR) == []  # "Biên phòng" (actor) is inside the longer unit cue


def _regexes(obj) -> list[re.Pattern]:
    return [v for v in vars(obj).values() if isinstance(v, re.Pattern)]


def test_event_cues_hold_no_phrase_alternation(cues):
    assert isinstance(cues, Cues) and _regexes(cues) == []
    assert not any(hasattr(cues, name) for name in ("cue_re", "roles"))
    assert _regexes(event_cues) == []  # the module keeps no regex of its own either


def test_event_cues_read_only_the_layer(nlp, cues):
    """The same Doc with the cue phrases taken off its layer: the text still names the offence, but neither
    ``Cues`` nor the events (``phát hiện`` needs an offence after it) find it; the layer restored, both do."""
    doc = process(nlp, Article(source="t.txt", text=FOUND, published="2025-03-10"))
    layer, events = doc._.vnie_spans, nlp.get_pipe("vnie_events")
    cue_view, _ = cues.view(layer.gazetteer)
    trigger_view, _ = events.triggers.view(layer.gazetteer)
    cue_only = set(cue_view) - set(trigger_view)
    bare = SpanLayer(layer.gazetteer, layer.words, layer.pieces, layer.sentences)
    bare.hits = [tuple(h for h in found if h[1] not in cue_only) for found in layer.hits]
    doc._.vnie_spans = bare
    assert cues.find(bare, 0, len(doc.text), OFFENCE) == [] and events(doc)._.events == []
    doc._.vnie_spans = layer
    assert _texts(doc, cues.find(layer, 0, len(doc.text), OFFENCE)) == [("chở", OFFENCE), ("hàng lậu", OFFENCE)]
    assert [(e.event_type, e.trigger) for e in events(doc)._.events] == [("crime", "phát hiện")]


def test_cues_outside_the_layer_are_an_error(doc_of):
    layer = doc_of("Ông A dự lễ.")._.vnie_spans
    odd = Cues(({"label": "CUE", "pattern": "chuyến bay đêm", "id": STORY},))
    with pytest.raises(ValueError, match="not in the layer's gazetteer"):
        odd.find(layer, 0, 12, STORY)
    assert Cues(()).find(layer, 0, 12, STORY) == [] and not Cues(()).opens(layer, 0, 12, STORY)


def test_cues_title_layer_offsets_are_the_title_s(cues, doc_of):
    gaz = doc_of("Ông A dự lễ.")._.vnie_spans.gazetteer
    title = "Bắt 2 đối tượng vận chuyển ma tuý"
    layer = text_layer(gaz, title)
    assert [(title[c.start:c.end], c.first) for c in cues.find(layer, 0, len(title), OFFENCE)] == [
        ("vận chuyển", 4), ("ma tuý", 6)]
    assert [title[c.start:c.end] for c in cues.find(layer, 0, len(title), SUSPECT)] == ["đối tượng"]
    assert cues.find(layer, 0, len(title), ACTION) == []
