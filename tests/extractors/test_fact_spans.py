"""vnie_fact_spans: the extractors' facts as labelled spans (doc.spans["facts"], doc.ents), shown by displacy."""

from __future__ import annotations

import spacy

from pipeline.document import DEFAULT_COMPONENTS, FACT_SPANS, build_nlp

TEXT = ("Sáng 14/6, tại xã Quế Lộc, tỉnh Quảng Nam, Đại tá Nguyễn Văn Hùng, Giám đốc Công an tỉnh Quảng Nam "
        "dự lễ ra quân và trao 25 giấy khen cho các tập thể.")


def facts(doc):
    return [(s.label_, s.text) for s in doc.spans["facts"]]


def test_fact_spans_label_every_fact_of_a_sentence(doc_of):
    doc = doc_of(TEXT, "2025-06-20")
    assert facts(doc) == [
        ("DATE", "14/6"), ("LOC", "xã Quế Lộc"), ("LOC", "tỉnh Quảng Nam"), ("RANK", "Đại tá"),
        ("PER", "Nguyễn Văn Hùng"), ("TITLE", "Giám đốc Công an tỉnh Quảng Nam"), ("ORG", "Công an tỉnh Quảng Nam"),
        ("LOC", "tỉnh Quảng Nam"), ("EVENT", "lễ ra quân"), ("COUNT", "25 giấy khen")]
    assert [(s._.norm, s._.method) for s in doc.spans["facts"]] == [
        ("2025-06-14", "rule"), ("Đà Nẵng", "gazetteer"), ("Đà Nẵng", "gazetteer"), ("Đại tá", "gazetteer"),
        ("Nguyễn Văn Hùng", "rule"), ("Giám đốc Công an tỉnh Quảng Nam", "rule"), ("Công an tỉnh Quảng Nam", "rule"),
        ("Đà Nẵng", "gazetteer"), ("other", "gazetteer"), ("awards", "rule")]


def test_fact_spans_ents_are_the_longest_non_overlapping(doc_of):
    doc = doc_of(TEXT, "2025-06-20")
    assert [(e.label_, e.text) for e in doc.ents] == [
        ("DATE", "14/6"), ("LOC", "xã Quế Lộc"), ("LOC", "tỉnh Quảng Nam"), ("RANK", "Đại tá"),
        ("PER", "Nguyễn Văn Hùng"), ("TITLE", "Giám đốc Công an tỉnh Quảng Nam"), ("EVENT", "lễ ra quân"),
        ("COUNT", "25 giấy khen")]  # the ORG and LOC inside the title are in doc.spans only


def test_fact_spans_keep_exact_offsets_inside_a_token(doc_of):
    """underthesea makes "3-5" one token: the first day of the range covers it, its offsets stay "3"."""
    text = "Ngày 3-5/6/2025 tại TP.Huế diễn ra hội nghị."
    doc = doc_of(text, "2025-06-20")
    dates = [(s.text, s._.offsets, text[slice(*s._.offsets)], s._.norm) for s in doc.spans["facts"] if s.label_ == "DATE"]
    assert dates == [("3-5", (5, 6), "3", "2025-06-03"), ("3-5/6/2025", (7, 15), "5/6/2025", "2025-06-05")]
    assert [(e.label_, e.text) for e in doc.ents] == [("DATE", "3-5/6/2025"), ("LOC", "TP.Huế"), ("EVENT", "hội nghị")]


def test_fact_spans_none_in_a_text_without_facts(doc_of):
    doc = doc_of("Trời hôm nay rất đẹp.")
    assert list(doc.spans["facts"]) == [] and doc.ents == ()


def test_fact_spans_displacy_renders_both_styles(doc_of):
    doc = doc_of(TEXT, "2025-06-20")
    spans = spacy.displacy.render(doc, style="span", options={"spans_key": "facts"}, jupyter=False)
    ents = spacy.displacy.render(doc, style="ent", jupyter=False)
    for label in ("DATE", "LOC", "RANK", "PER", "TITLE", "ORG", "EVENT", "COUNT"):
        assert label in spans
    assert "ORG" not in ents and "TITLE" in ents and "Nguyễn Văn Hùng" in ents and "25 giấy khen" in ents


def test_fact_spans_come_last_only_in_a_full_pipeline():
    assert build_nlp().pipe_names[-1] == FACT_SPANS
    assert build_nlp(DEFAULT_COMPONENTS + ("vnie_ner",)).pipe_names[-1] == FACT_SPANS
    assert FACT_SPANS not in build_nlp(["vnie_dates"]).pipe_names  # a partial pipeline lacks what it reads


def test_fact_spans_two_facts_in_one_token_keep_their_own_rows(doc_of):
    """"43/45" is one token: the solved cases and the total cover the same tokens, each keeps its offsets."""
    text = "Năm 2024, Công an huyện đã điều tra làm rõ 43/45 vụ án hình sự, đạt tỷ lệ 95,5%."
    doc = doc_of(text, "2025-01-10")
    counts = [(s.text, text[slice(*s._.offsets)], s._.norm) for s in doc.spans["facts"] if s.label_ == "COUNT"]
    assert counts == [("43/45 vụ án hình sự", "43/45 vụ án hình sự", "cases"),
                      ("43/45 vụ án hình sự", "45 vụ án hình sự", "cases")]
    assert [(e.label_, e.text, e._.offsets, e._.norm) for e in doc.ents] == [
        ("DATE", "2024", (4, 8), "2024"), ("COUNT", "43/45 vụ án hình sự", (43, 62), "cases")]


def test_fact_spans_extensions_are_none_on_other_spans(doc_of):
    doc = doc_of(TEXT, "2025-06-20")
    other = doc[0:2]
    assert (other._.norm, other._.method, other._.offsets) == (None, None, None)
    assert len(doc._.facts) == len(doc.spans["facts"]) == 10
