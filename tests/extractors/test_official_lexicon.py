"""The officials' lexicon: tables that are views over the span layer's gazetteer."""

from __future__ import annotations

import pytest

import extractors.span_layer as span_layer
from extractors.official_lexicon import Abbreviations, Lexicon, Sources, Table
from extractors.span_layer import Gazetteer, pattern_words

FILES = {
    "r.jsonl": ({"label": "RANK", "pattern": "Đại tá", "id": "Đại tá"},
                {"label": "RANK", "pattern": "đại tá", "id": "second"},
                {"label": "SERVICE", "pattern": "QNCN", "id": "quân nhân chuyên nghiệp"}),
    "t.jsonl": ({"label": "TITLE", "pattern": "Giám đốc", "id": "Giám đốc"},
                {"label": "TITLE_PREFIX", "pattern": "Phó", "id": "Phó"},
                {"label": "OTHER", "pattern": "Chủ tịch", "id": "Chủ tịch"}),
    "o.jsonl": ({"label": "ORG", "pattern": "Công an", "id": "Công an"},
                {"label": "PLACE_PREFIX", "pattern": "tỉnh", "id": "province"}),
    "a.jsonl": ({"label": "ORG", "pattern": "UBND", "id": "Ủy ban nhân dân"},
                {"label": "ORG", "pattern": "TP", "id": "thành phố"},
                {"label": "ORG", "pattern": "TP.", "id": "thành phố"}),
    "h.jsonl": ({"label": "HONORIFIC", "pattern": "ông", "id": "ông"},),
    "s.jsonl": ({"label": "VERB", "pattern": "khởi tố", "id": "khởi tố"},
                {"label": "NOT_OFFICIAL", "pattern": "khởi tố", "id": "khởi tố"},
                {"label": "NOT_OFFICIAL", "pattern": "bị can", "id": "bị can"},
                {"label": "COPULA", "pattern": "giữ chức", "id": "giữ chức"},
                {"label": "SURNAME", "pattern": "Hứa", "id": "Hứa"},
                {"label": "VERB", "pattern": "hứa", "id": "hứa"}),
    "l.jsonl": ({"label": "LINK", "pattern": "có", "id": "có", "role": ["introducer"]},
                {"label": "LINK", "pattern": "uỷ", "id": "uỷ", "role": ["committee"]},
                {"label": "LINK", "pattern": "và", "id": "và", "role": ["introducer", "body join"]}),
    "p.jsonl": ({"label": "PROVINCE", "pattern": "Thanh Hóa", "id": "Thanh Hóa"},),
    "d.jsonl": ({"label": "DISTRICT", "pattern": "Thanh Hoá", "id": "thanhhoa"},
                {"label": "DISTRICT", "pattern": "Gò Vấp", "id": "govap"}),
    "w.jsonl": ({"label": "WARD", "pattern": "1", "id": "1"},
                {"label": "WARD", "pattern": "Bến Thành", "id": "benthanh"}),
}
SOURCES = Sources(ranks="r.jsonl", titles="t.jsonl", organisations="o.jsonl", abbreviations="a.jsonl",
                  honorifics="h.jsonl", stopwords="s.jsonl", links="l.jsonl", provinces="p.jsonl",
                  districts="d.jsonl", wards="w.jsonl")


@pytest.fixture()
def gaz(monkeypatch):
    monkeypatch.setattr(span_layer, "read_gazetteer", lambda name: FILES[name])
    return Gazetteer(list(FILES))


@pytest.fixture()
def lex(gaz):
    return Lexicon.build(gaz, SOURCES)


def value(lex: Lexicon, table, text: str):
    """What ``table`` answers for the whole phrase ``text`` (None if it is not in the table)."""
    words = pattern_words(text)
    hit = table.of_words(lex.gaz, words)
    return hit[1] if hit is not None and hit[0] == len(words) else None


def test_official_lexicon_first_entry_of_a_phrase_wins(lex):
    assert value(lex, lex.ranks, "ĐẠI TÁ") == "Đại tá"  # "đại tá" (id "second") came later
    assert value(lex, lex.services, "QNCN") == "quân nhân chuyên nghiệp"
    assert value(lex, lex.ranks, "QNCN") is None
    assert value(lex, lex.stops, "khởi tố") == "VERB"  # listed as a verb before as a cue
    assert value(lex, lex.not_official, "khởi tố") == "NOT_OFFICIAL"


def test_official_lexicon_cues_and_copulas_end_positions(lex):
    assert value(lex, lex.stops, "bị can") == "CUE"
    assert value(lex, lex.stops, "giữ chức") == "COPULA"
    assert value(lex, lex.copulas, "giữ chức") == "COPULA"
    assert value(lex, lex.copulas, "bị can") is None
    assert value(lex, lex.surnames, "Hứa") == "SURNAME" and value(lex, lex.stops, "hứa") == "VERB"


def test_official_lexicon_labels_choose_the_table(lex):
    assert value(lex, lex.titles, "Giám đốc")["id"] == "Giám đốc"
    assert value(lex, lex.title_prefixes, "Phó")["id"] == "Phó"
    assert value(lex, lex.titles, "Chủ tịch") is None  # a label the officials do not read
    assert value(lex, lex.orgs, "Công an")["id"] == "Công an"
    assert value(lex, lex.place_prefixes, "tỉnh")["id"] == "province"
    assert value(lex, lex.orgs, "tỉnh") is None
    assert value(lex, lex.honorifics, "Ông") == "ông"


def test_official_lexicon_places_provinces_and_wards(lex):
    assert value(lex, lex.places, "Thanh Hoá") == "province"  # the province first, then the district
    assert value(lex, lex.places, "Gò Vấp") == "district"
    assert value(lex, lex.provinces, "Thanh Hóa") == "province"
    assert value(lex, lex.provinces, "Gò Vấp") is None
    assert value(lex, lex.wards, "Bến Thành") == "ward"
    assert value(lex, lex.wards, "1") is None  # a ward named by a number is no ward name in a title
    assert bool(lex.wards) and not bool(Table())


def test_official_lexicon_link_words_by_role(lex):
    assert lex.link_words("introducer") == {"có", "và"}
    assert lex.link_words("body join") == {"và"}
    assert lex.link_words("committee") == {"ủy"}  # folded like every word the reader sees
    assert lex.link_words("no such role") == frozenset()


def test_official_lexicon_tables_answer_on_the_layer_hits(lex, gaz):
    lows = pattern_words("Phó Giám đốc Công an tỉnh Thanh Hoá")
    hits = [gaz.walk(lows, i, len(lows)) for i in range(len(lows))]
    assert lex.titles.at(hits, 1, len(lows))[0] == 2
    assert lex.titles.at(hits, 1, 2) is None  # limit: only "Giám"
    assert lex.places.at(hits, 6, len(lows)) == (2, "province")
    assert lex.provinces.exact(hits, 6, 2) and not lex.provinces.exact(hits, 6, 1)
    masks = lex.masks(hits)  # which tables have a phrase at each word
    assert masks[0] == lex.title_prefixes.bit and masks[1] == lex.titles.bit and masks[2] == 0
    assert masks[5] == lex.place_prefixes.bit and masks[6] == lex.places.bit | lex.provinces.bit


def test_official_lexicon_needs_the_layer_to_read_its_files(monkeypatch):
    monkeypatch.setattr(span_layer, "read_gazetteer", lambda name: FILES[name])
    with pytest.raises(ValueError, match="does not read"):
        Lexicon.build(Gazetteer(["r.jsonl", "t.jsonl"]), SOURCES)


def test_official_lexicon_abbreviations_written_out():
    abbr = Abbreviations.build(FILES["a.jsonl"])
    assert abbr.expand("UBND TP.Vinh") == "Ủy ban nhân dân thành phố Vinh"
    assert abbr.expand("UBND TP Vinh") == "Ủy ban nhân dân thành phố Vinh"
    assert abbr.expand("TPHCM") == "TPHCM"  # not inside a longer word
    assert Abbreviations().expand("UBND") == "UBND"


def test_official_lexicon_no_word_lists_left_in_the_officials_code():
    """Words are data: no literal list of three or more Vietnamese words in the officials' modules
    or the span layer (they are in gazetteer/*.jsonl)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "extractors"
    paths = sorted(root.glob("official*.py")) + [root / "span_layer.py"]
    assert len(paths) == 6
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
                words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                         and any(c.isalpha() for c in e.value)]
                vietnamese = any(ord(c) > 127 for w in words for c in w)
                assert not (len(words) >= 3 and vietnamese), f"{path.name}:{node.lineno}: {words}"


def test_official_lexicon_ready_at_load_before_any_doc():
    """The officials' tables are built when the component is created, on the running layer's gazetteer:
    the first article pays nothing extra and no Doc changes the component."""
    import spacy

    from pipeline.document import build_nlp

    nlp = build_nlp(["vnie_places", "vnie_officials"])
    officials, layer = nlp.get_pipe("vnie_officials"), nlp.get_pipe("vnie_spans")
    lex = officials.lex
    assert isinstance(lex, Lexicon) and lex.gaz is layer.gazetteer
    assert lex.ranks.of_words(lex.gaz, pattern_words("Đại tá")) == (2, "Đại tá")
    assert len(lex.mask_of) == len(layer.gazetteer.phrases)
    # a layer of other files: its gazetteer, not the default one
    own = spacy.blank("xx")
    own.add_pipe("vnie_spans", config={"files": [*span_layer.DEFAULT_FILES, "number_words.jsonl"]})
    own_officials = own.add_pipe("vnie_officials")
    assert own_officials.lex.gaz is own.get_pipe("vnie_spans").gazetteer
    assert own_officials.lex.gaz is not span_layer.shared_gazetteer()
    # no layer in the pipeline: the layer's default files
    assert spacy.blank("xx").add_pipe("vnie_officials").lex.gaz is span_layer.shared_gazetteer()


def test_officials_refuse_a_layer_they_were_not_built_on(caplog):
    """A Doc whose span layer holds another gazetteer (the layer replaced after the officials were
    added) loses its officials with an error in the log, never silently reads other tables."""
    from extractors.officials import OfficialFinder
    from pipeline.article import Article
    from pipeline.document import build_nlp, process

    nlp = build_nlp(["vnie_places", "vnie_officials"])
    text = "Đại tá Trần Văn Bình, Giám đốc Công an tỉnh, dự hội nghị."
    doc = process(nlp, Article(source="t.txt", text=text))
    assert [o.name for o in doc._.officials] == ["Trần Văn Bình"]
    stale = OfficialFinder(gazetteer=Gazetteer(["ranks.jsonl", "titles.jsonl", "organisations.jsonl",
                                                "abbreviations.jsonl", "honorifics.jsonl",
                                                "person_stopwords.jsonl", "official_links.jsonl"]))
    assert stale(doc)._.officials == []
    assert "not the one vnie_officials was built on" in caplog.text
