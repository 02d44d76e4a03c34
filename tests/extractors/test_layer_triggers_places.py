"""Event triggers and places' prefixes and names are phrases of the span layer (issue 10).

``event_triggers.jsonl`` and ``place_prefixes.jsonl`` are read by ``vnie_spans`` with the admin-unit files; the
triggers show in ``doc.spans["TRIGGER"]``, the prefixes and unit names in ``doc.spans["PLACE"]``, and
``vnie_events`` and ``vnie_places`` read the layer's matches instead of regexes of their own.
"""

from __future__ import annotations

import re

import pytest

from extractors.event_triggers import Triggers
from extractors.places import PlaceFinder
from extractors.span_layer import DEFAULT_FILES, DEFAULT_GROUPS, SpanLayer, label_view, text_layer, view_matches
from gazetteer import read_gazetteer
from pipeline.article import Article
from pipeline.document import build_nlp, process

ARREST = "Sáng 5/3, Công an huyện Mê Linh bắt quả tang 2 đối tượng đang vận chuyển ma túy tại xã Tiền Phong."
CAMPAIGN = "Ngày 20/4, Công an tỉnh Thanh Hoá tổ chức lễ ra quân cao điểm tấn công trấn áp tội phạm."


def _group(doc, key):
    """(text, label, id, kind, role, start, end) of a span group, offsets those of the phrase itself."""
    out = []
    for s in doc.spans[key]:
        m = s._.vnie_match
        out.append((doc.text[m.start_char:m.end_char], s.label_, s.id_, m.entry.get("kind"), m.entry.get("role"),
                    m.start_char, m.end_char))
    return out


def test_span_layer_reads_the_trigger_and_prefix_files():
    assert {"event_triggers.jsonl", "place_prefixes.jsonl", "admin_units_wards.jsonl"} <= set(DEFAULT_FILES)
    assert (DEFAULT_GROUPS["EVENT"], DEFAULT_GROUPS["PREFIX"], DEFAULT_GROUPS["PROVINCE"]) == ("TRIGGER", "PLACE", "PLACE")


def test_span_layer_trigger_group_on_an_arrest(doc_of):
    doc = doc_of(ARREST)
    assert _group(doc, "TRIGGER") == [
        ("bắt quả tang", "EVENT", "crime", "act", None, 32, 44),
        ("bắt", "EVENT", "crime", "act", None, 32, 35)]  # every trigger phrase; the events take the longest
    assert [(e.event_type, e.trigger) for e in doc._.events] == [("crime", "bắt quả tang")]


def test_span_layer_trigger_group_carries_the_role(doc_of):
    doc = doc_of(CAMPAIGN)
    assert _group(doc, "TRIGGER") == [
        ("lễ ra quân", "EVENT", "other", "head", "campaign", 42, 52),
        ("ra quân", "EVENT", "other", "act", "campaign", 45, 52)]
    assert [(e.event_type, e.trigger) for e in doc._.events] == [("other", "lễ ra quân")]


def test_span_layer_place_group_shows_prefixes_and_unit_names(doc_of):
    doc = doc_of(ARREST)
    assert _group(doc, "PLACE") == [
        ("huyện", "PREFIX", "huyện", None, None, 18, 23),
        ("Mê Linh", "DISTRICT", "melinh", None, None, 24, 31),
        ("xã", "PREFIX", "xã", None, None, 84, 86)]  # wards are matches, not shown (many are common words)
    layer = doc._.vnie_spans
    k = layer.lows.index("tiền")
    assert [(m.kind, m.id) for m in layer.matches_at(k) if m.kind == "WARD"][0] == ("WARD", "tienphong")
    assert [(p.text, p.level, p.province, p.ward) for p in doc._.places] == [
        ("huyện Mê Linh", "district", "Hà Nội", None), ("xã Tiền Phong", "ward", "Hà Nội", "Tiền Phong")]


@pytest.mark.parametrize("written", ["Thanh Hoá", "Thanh Hóa"])
def test_span_layer_old_and_new_tone_placement_are_one_place(doc_of, written):
    doc = doc_of(CAMPAIGN.replace("Thanh Hoá", written))
    assert _group(doc, "PLACE") == [
        ("tỉnh", "PREFIX", "tỉnh", None, None, 19, 23),
        (written, "PROVINCE", "Thanh Hóa", None, None, 24, 33),
        (written, "DISTRICT", "thanhhoa", None, None, 24, 33)]
    assert [(p.text, p.province) for p in doc._.places] == [(f"tỉnh {written}", "Thanh Hóa")]


@pytest.mark.parametrize("written", ["toạ đàm", "tọa đàm", "Toạ đàm"])
def test_span_layer_old_and_new_tone_placement_are_one_trigger(doc_of, written):
    text = f"Sáng 9/10, UBND tỉnh tổ chức {written} về an ninh trật tự."
    doc = doc_of(text)
    assert _group(doc, "TRIGGER") == [(written, "EVENT", "conference", "head", None, 29, 36)]
    assert [(e.event_type, e.trigger) for e in doc._.events] == [("conference", "tọa đàm")]


@pytest.mark.parametrize("title, types", [
    ("Toạ đàm về an ninh trật tự", [("conference", "head")]),
    ("Bắt 3 đối tượng trộm cắp", [("crime", "act")]),
    ("Bắt đầu mùa du lịch", []),  # "bắt" needs a number after it
])
def test_span_layer_title_is_read_with_the_layer_words(doc_of, title, types):
    gaz = doc_of("Ông A dự lễ.")._.vnie_spans.gazetteer
    finder = build_nlp().get_pipe("vnie_events")
    assert finder.triggers.title_types(title, gaz) == types


def test_span_layer_places_read_an_en_dash_as_the_gazetteer_hyphen(doc_of):
    for dash in ("-", "–"):
        doc = doc_of(f"Người dân Bà Rịa {dash} Vũng Tàu đón Tết.")
        assert [(p.text, p.level, p.province) for p in doc._.places] == [
            (f"Bà Rịa {dash} Vũng Tàu", "province", "Hồ Chí Minh")]
    assert doc_of("Người dân bà rịa - vũng tàu đón Tết.")._.places == []  # a bare name only as written


def test_span_layer_places_address_words_are_layer_phrases(doc_of):
    doc = doc_of("Đối tượng Lê Văn B (HKTT: phường Hoà Bình, tỉnh Hoà Bình) bị bắt.")
    assert [(p.text, p.province, p.residence) for p in doc._.places] == [
        ("phường Hoà Bình", "Phú Thọ", True), ("tỉnh Hoà Bình", "Phú Thọ", True)]
    doc = doc_of("Công an phường Hoà Bình, tỉnh Hoà Bình bắt 2 đối tượng.")
    assert [(p.text, p.residence) for p in doc._.places] == [("phường Hoà Bình", False), ("tỉnh Hoà Bình", False)]


def test_span_layer_places_prefix_glued_to_its_name_and_common_nouns(doc_of):
    doc = doc_of("Chương trình an sinh xã hội ở TP.Vinh.")
    assert [(p.text, p.prefix, p.province) for p in doc._.places] == [("TP.Vinh", "TP.", "Nghệ An")]
    # "xã hội" names no unit; the span is widened to the underthesea token, the match keeps the phrase
    assert [(s.text, g[0], g[1]) for s, g in zip(doc.spans["PLACE"], _group(doc, "PLACE"))] == [
        ("xã hội", "xã", "PREFIX"), ("TP.Vinh.", "TP.", "PREFIX"), ("TP.Vinh.", "Vinh", "DISTRICT")]


def _regexes(obj) -> list[re.Pattern]:
    return [v for v in vars(obj).values() if isinstance(v, re.Pattern)]


def test_span_layer_no_phrase_alternation_left_in_triggers_or_places(nlp):
    triggers = nlp.get_pipe("vnie_events").triggers
    places = nlp.get_pipe("vnie_places")
    assert isinstance(triggers, Triggers) and isinstance(places, PlaceFinder)
    assert _regexes(triggers) == [] and _regexes(places) == []
    assert not hasattr(triggers, "trigger_re")
    assert not any(hasattr(places, name) for name in ("prefix_re", "bare_re", "residence_re", "levels"))


def test_span_layer_events_and_places_read_only_the_layer(nlp):
    """The same Doc with its layer emptied: the raw text still holds the trigger and the places, but
    with no words on the layer nothing is found; the layer restored, everything is back."""
    doc = process(nlp, Article(source="t.txt", text=ARREST))
    layer = doc._.vnie_spans
    events, places = nlp.get_pipe("vnie_events"), nlp.get_pipe("vnie_places")
    doc._.vnie_spans = SpanLayer(layer.gazetteer, [], [], layer.sentences)
    assert places(doc)._.places == [] and events(doc)._.events == []
    doc._.vnie_spans = layer
    assert [p.text for p in places(doc)._.places] == ["huyện Mê Linh", "xã Tiền Phong"]
    assert [e.trigger for e in events(doc)._.events] == ["bắt quả tang"]


def test_span_layer_a_trigger_outside_the_layer_is_an_error(doc_of):
    gaz = doc_of("Ông A dự lễ.")._.vnie_spans.gazetteer
    odd = {"label": "EVENT", "pattern": "lễ hội hoa đăng", "id": "festival", "kind": "head"}
    with pytest.raises(ValueError, match="not in the layer's gazetteer"):
        label_view(gaz, ("EVENT",), [odd])
    view = label_view(gaz, ("EVENT",), read_gazetteer("event_triggers.jsonl"))
    title = text_layer(gaz, "Khai mạc Ngày hội văn hóa, bắt 3 đối tượng")
    found = [(title.words[k].text, n, e["id"]) for k, n, e in view_matches(title, view, 0, len(title.words))]
    assert found == [("Ngày", 2, "festival"), ("bắt", 1, "crime")]
