"""vnie_spans: the body's words and every gazetteer phrase on them, once per Doc."""

from __future__ import annotations

import pytest
from spacy import displacy

from extractors.span_layer import CLAUSE_END, DASHES, Gazetteer, pattern_words, shared_gazetteer
from pipeline.article import Article
from pipeline.document import DEFAULT_COMPONENTS, build_nlp, process

TEXT = "Đại tá Trần Văn Bình, Phó Giám đốc Công an tỉnh Thanh Hoá, dự lễ. Ủy ban nhân dân xã tặng hoa."


@pytest.fixture(scope="module")
def spans_nlp():
    return build_nlp(["vnie_spans"])


@pytest.fixture(scope="module")
def doc(spans_nlp):
    return process(spans_nlp, Article(source="t.txt", text=TEXT))


def test_span_layer_words_follow_the_word_rule(doc):
    words = doc._.words
    assert words is doc._.vnie_spans.words
    assert [w.text for w in words] == [
        "Đại", "tá", "Trần", "Văn", "Bình", ",", "Phó", "Giám", "đốc", "Công", "an", "tỉnh", "Thanh", "Hoá", ",",
        "dự", "lễ", ".", "Ủy", "ban", "nhân", "dân", "xã", "tặng", "hoa", "."]
    assert all(TEXT[w.start:w.end] == w.text for w in words)
    assert [(w.low, w.shape, w.tok_start) for w in words[:3]] == [
        ("đại", "cap", True), ("tá", "low", False), ("trần", "cap", True)]
    assert words[13].low == "hóa"  # old tone placement folded
    assert [(w.shape, w.tok_start) for w in words[17:20]] == [("punct", True), ("cap", True), ("low", True)]


def test_span_layer_pieces_and_sentence_ranges(doc):
    layer = doc._.vnie_spans
    assert layer.pieces == [(0, 0, 18), (1, 18, 26)]
    assert layer.sentence_range(0) == (0, 18)
    assert layer.sentence_range(1) == (18, 26)
    assert layer.sentence_range(7) == (0, 0)  # no such sentence
    assert layer.word_at(8) == 2 and layer.word_at(6) is None  # "Trần"; the space after "tá"


def test_span_layer_every_match_at_a_word(doc):
    layer = doc._.vnie_spans
    got = [(m.length, m.kind, m.source, m.id, TEXT[m.start_char:m.end_char]) for m in layer.matches_at(12)]
    assert got == [
        (2, "PROVINCE", "admin_units_provinces.jsonl", "Thanh Hóa", "Thanh Hoá"),
        (2, "DISTRICT", "admin_units_districts.jsonl", "thanhhoa", "Thanh Hoá"),
        (2, "WARD", "admin_units_wards.jsonl", "thanhhoa", "Thanh Hoá"),
        (1, "WARD", "admin_units_wards.jsonl", "thanh", "Thanh"),
        (1, "NAME_WORD", "place_prefixes.jsonl", "person", "Thanh")]  # a word of a person's name, for the places
    assert [(m.length, m.kind, m.id) for m in layer.matches_at(0)] == [(2, "RANK", "Đại tá")]
    assert [m.entry["id"] for m in layer.matches_at(7)] == ["Giám đốc"]
    assert layer.matches_at(16) == []  # "lễ": in no file
    assert layer.matches_at(len(layer.words)) == [] and layer.matches_at(-1) == []  # no such word


def test_span_layer_longest_match_with_limit(doc):
    layer = doc._.vnie_spans
    org = layer.longest(18, ["ORG"])
    assert (org.length, org.id, TEXT[org.start_char:org.end_char]) == (4, "Ủy ban nhân dân", "Ủy ban nhân dân")
    shorter = layer.longest(18, ["ORG"], limit=21)
    assert (shorter.length, shorter.id, shorter.end_char) == (2, "Ủy ban", 72)
    assert layer.longest(18, ["ORG"], limit=19) is None
    assert layer.longest(0, ["TITLE"]) is None
    assert layer.longest(9, ["ORG", "TITLE"]).id == "Công an"


def test_span_layer_matches_stop_at_the_piece_end(spans_nlp):
    text = "Đoàn công tác làm việc với Ban. Giám đốc Sở dự."
    layer = process(spans_nlp, Article(source="t.txt", text=text))._.vnie_spans
    k = layer.lows.index("ban")
    assert layer.words[k + 1].text == "."
    assert [(m.length, m.kind) for m in layer.matches_at(k)] == [(1, "LINK"), (1, "ORG")]
    for _, lo, hi in layer.pieces:  # no match runs into the next piece
        assert all(i + n <= hi for i in range(lo, hi) for n, _ in layer.hits[i])
        walked = [layer.gazetteer.walk(layer.lows, i, hi) for i in range(lo, hi)]
        assert layer.hits[lo:hi] == walked


def test_span_layer_glued_sentences_are_one_piece(spans_nlp):
    """A sentence cut after "TX." is read with the next one (as the officials reader always did);
    its words and matches go on across the cut, and each sentence keeps its own word range."""
    text = "Ông Hùng là Bí thư Thị ủy TX.\nHương Thủy. Ông dự lễ."  # a line break after "TX."
    doc = process(spans_nlp, Article(source="t.txt", text=text))
    layer = doc._.vnie_spans
    assert [s.text.strip() for s in doc.sents] == ["Ông Hùng là Bí thư Thị ủy TX.", "Hương Thủy.", "Ông dự lễ."]
    assert layer.pieces == [(0, 0, 11), (2, 11, 15)]
    assert [w.text for w in layer.words[7:11]] == ["TX.", "Hương", "Thủy", "."]
    assert layer.sentence_range(0) == (0, 8) and layer.sentence_range(1) == (8, 11)
    assert layer.piece_end(8) == 11 and layer.piece_end(11) == 15


@pytest.mark.parametrize("variant", ["Ủy ban nhân dân xã", "Uỷ ban nhân dân xã", "UỶ BAN NHÂN DÂN xã"])
def test_span_layer_tone_placement_and_case_are_one_key(spans_nlp, variant):
    layer = process(spans_nlp, Article(source="t.txt", text=f"{variant} tặng hoa."))._.vnie_spans
    m = layer.longest(0, ["ORG"])
    assert (m.length, m.id, m.entry["pattern"]) == (4, "Ủy ban nhân dân", "Ủy ban nhân dân")


def test_span_layer_span_groups_for_display(doc):
    assert set(doc.spans) == {"RANK", "TITLE", "ORG", "HONORIFIC", "PLACE", "CUE", "TRIGGER"}
    assert [(s.text, s.label_, s.id_) for s in doc.spans["RANK"]] == [("Đại tá", "RANK", "Đại tá")]
    assert [(s.text, s.label_, s.id_) for s in doc.spans["PLACE"]] == [
        ("tỉnh", "PREFIX", "tỉnh"), ("Thanh Hoá", "PROVINCE", "Thanh Hóa"), ("Thanh Hoá", "DISTRICT", "thanhhoa"),
        ("xã", "PREFIX", "xã")]
    orgs = [(s.text, s.id_, s._.vnie_match.start_char, s._.vnie_match.end_char) for s in doc.spans["ORG"]]
    assert orgs == [("Công an", "Công an", 35, 42), ("Ủy ban nhân dân", "Ủy ban nhân dân", 66, 81),
                    ("Ủy ban nhân dân", "Ủy ban", 66, 72),  # "Ủy ban" ends inside the token "ban nhân dân"
                    ("ban nhân dân", "Ban", 69, 72)]
    assert doc.spans["ORG"][2]._.vnie_match.entry["pattern"] == "Ủy ban"
    for group in doc.spans.values():  # each span covers the tokens its phrase overlaps
        for span in group:
            m = span._.vnie_match
            assert span == doc.char_span(m.start_char, m.end_char, label=span.label_, alignment_mode="expand",
                                         span_id=span.id_)
    # the cue group: events' cue words (label CUE, id their role); none here makes a person a suspect (NOT_OFFICIAL)
    assert [(s.text, s.label_, s.id_, s._.vnie_match.start_char) for s in doc.spans["CUE"]] == [
        ("Công an", "CUE", "actor", 35), ("Ủy ban nhân dân", "CUE", "actor", 66), ("tặng", "CUE", "action", 85)]
    assert list(doc.spans["HONORIFIC"]) == [] and list(doc.spans["TRIGGER"]) == []
    html = displacy.render(doc, style="span", options={"spans_key": "RANK"})
    assert "Đại tá" in html and "RANK" in html


def test_span_layer_reads_only_the_body(spans_nlp):
    text = "Thượng tá Lê Văn Nam dự lễ.\nBài, ảnh: Thượng tá Phạm Văn Tư"
    nlp_doc = spans_nlp.make_doc(text)
    nlp_doc._.body_end = text.index("Bài")
    for _, pipe in spans_nlp.pipeline:
        nlp_doc = pipe(nlp_doc)
    layer = nlp_doc._.vnie_spans
    assert layer.words[-1].text == "."
    assert [s.text for s in nlp_doc.spans["RANK"]] == ["Thượng tá"]


def test_span_layer_files_are_config(spans_nlp):
    """Counts' files join the same trie by config; their labels are matches like any other."""
    gaz = Gazetteer(["ranks.jsonl", "count_nouns.jsonl"])
    assert gaz.files == ("ranks.jsonl", "count_nouns.jsonl")
    lows = pattern_words("Đại tá cùng 20 cán bộ, chiến sĩ")
    found = {(lows[i], n, gaz.entries[gaz.entries_of[pid][0]][1]["label"])
             for i in range(len(lows)) for n, pid in gaz.walk(lows, i, len(lows))}
    assert ("đại", 2, "RANK") in found
    assert any(label == "COUNT_NOUN" and word == "cán" for word, _, label in found)
    with pytest.raises(FileNotFoundError):
        Gazetteer(["no_such_file.jsonl"])


def test_span_layer_gazetteer_is_shared_and_read_once():
    assert shared_gazetteer() is shared_gazetteer()
    assert DASHES == {"-", "–", "—"} and "." in CLAUSE_END


def test_span_layer_runs_right_after_furniture_and_analyzes_clean():
    nlp = build_nlp()
    names = nlp.pipe_names
    assert names[:3] == ["vnie_document", "vnie_furniture", "vnie_spans"]
    assert DEFAULT_COMPONENTS.index("vnie_spans") == 1
    assert build_nlp(["vnie_places", "vnie_officials"]).pipe_names[:2] == ["vnie_document", "vnie_spans"]
    assert nlp.analyze_pipes(pretty=False)["problems"] == {name: [] for name in names}
    assert nlp.get_pipe_meta("vnie_spans").assigns == ["doc._.words", "doc._.vnie_spans", "doc.spans"]


def test_span_layer_more_files_by_config_leave_the_officials_alone():
    """Counts' files added to the layer's config: their phrases become matches too, and the officials
    (views over the same trie) read exactly what they read before."""
    from extractors.span_layer import DEFAULT_FILES

    nlp = build_nlp(["vnie_spans"])
    nlp.replace_pipe("vnie_spans", "vnie_spans", config={"files": [*DEFAULT_FILES, "count_nouns.jsonl"]})
    nlp.add_pipe("vnie_places")
    nlp.add_pipe("vnie_officials")
    text = "Đại tá Trần Văn Bình, Phó Giám đốc Công an tỉnh, trao quà cho 20 cán bộ, chiến sĩ."
    doc = process(nlp, Article(source="t.txt", text=text))
    layer = doc._.vnie_spans
    assert "count_nouns.jsonl" in layer.gazetteer.files
    k = layer.lows.index("cán")
    assert any(m.kind == "COUNT_NOUN" for m in layer.matches_at(k))
    [official] = doc._.officials
    assert (official.name, official.rank) == ("Trần Văn Bình", "Đại tá")
    assert official.titles == ("Phó Giám đốc Công an tỉnh",)


def test_span_layer_words_repeated_keep_their_own_offsets_and_keys():
    """Words found as strings: a word written again (or inside a longer one) gets its own offsets; a
    word's key and shape, remembered per spelling, are those of its folded form ("Hoà" is "hòa")."""
    from extractors.span_layer import sentence_words
    from pipeline.textnorm import fold_tones

    text = "Hoà hòa HOÀ  Hoà, 5 55 5kg 5.  ki-ốt Hoà."
    words = sentence_words(text, fold_tones(text), 10, {10, 14})
    assert [(w.text, w.low, w.start, w.end, w.shape) for w in words] == [
        ("Hoà", "hòa", 10, 13, "cap"), ("hòa", "hòa", 14, 17, "low"), ("HOÀ", "hòa", 18, 21, "abbr"),
        ("Hoà", "hòa", 23, 26, "cap"), (",", ",", 26, 27, "punct"), ("5", "5", 28, 29, "num"),
        ("55", "55", 30, 32, "num"), ("5kg", "5kg", 33, 36, "num"), ("5", "5", 37, 38, "num"),
        (".", ".", 38, 39, "punct"), ("ki", "ki", 41, 43, "low"), ("-", "-", 43, 44, "punct"),
        ("ốt", "ốt", 44, 46, "low"), ("Hoà", "hòa", 47, 50, "cap"), (".", ".", 50, 51, "punct")]
    assert [w.tok_start for w in words][:3] == [True, True, False]


def test_span_layer_word_keys_do_not_depend_on_what_was_read_before():
    """A word's key is remembered by its folded spelling: a piece cut from a longer word ("Hoà" of
    "Hoàng", not folded in place) read first does not change the key of the word "Hoà" folded later."""
    from extractors.span_layer import read_count_pieces, sentence_words

    assert read_count_pieces("Hoàng", 0, 3) == [("hòa", 0, 3, -1)]  # the cut piece, folded on its own
    assert [(w.text, w.low, w.shape) for w in sentence_words("Hoà", "Hòa", 0, set())] == [("Hoà", "hòa", "cap")]
    assert [(w.text, w.low) for w in sentence_words("Hoàng", "Hoàng", 0, set())] == [("Hoàng", "hoàng")]


def test_count_pieces_of_the_shared_words():
    """Counts' pieces, derived from the shared words: a word's letters and digits split at its inner marks,
    "%", "‰", "," and "/" pieces of their own, words cut at a single hyphen glued back, letters the layer
    cut from the digits after them ("H'Linh5": "H'Linh" then "5") glued back, other marks dropped."""
    from extractors.span_layer import read_count_pieces, sentence_words

    text = "H'Linh5 a_b x--y TP.Vinh Q.1 3‰ 45% ki-ốt- -ốt 1.200,5 Hoà-bình"
    assert [w.text for w in sentence_words(text, text, 0, set())][:2] == ["H'Linh", "5"]
    pieces = read_count_pieces(text, 0, len(text))
    assert [p[0] for p in pieces] == ["h", "linh5", "a", "b", "x", "y", "tp", "vinh", "q", "1", "3", "‰", "45",
                                      "%", "ki-ốt", "ốt", "1", "200", ",", "5", "hòa-bình"]
    assert [text[a:b] for _, a, b, _ in pieces][14:] == ["ki-ốt", "ốt", "1", "200", ",", "5", "Hoà-bình"]
    assert all(index == -1 for *_, index in pieces)  # read on their own: no layer word to point to
