"""The shared Doc: underthesea words laid onto the exact article text."""

from __future__ import annotations

import pytest

from pipeline.article import Article
from pipeline.document import UndertheseaTokenizer, make_doc, process
from pipeline.segmentation import (_align, _fill_gaps, _paragraphs, _rejoin, _segmented, sent_tokenize, word_tokenize,
                                   words_and_spaces)
from pipeline.readers import read_inputs
import random
import re
import unicodedata

from pipeline.textnorm import _TONED_AEY, _TONED_AEY_MARKED, _TONES, fold_tones, key
from tests.conftest import CORPUS


def test_document_keeps_the_corpus_text_exactly(nlp):
    for article in read_inputs([CORPUS]):
        doc = nlp.make_doc(article.text)
        assert doc.text == article.text
        assert all(article.text[t.idx:t.idx + len(t.text)] == t.text for t in doc)


def test_document_keeps_multi_syllable_words_and_odd_spacing(nlp):
    text = "Đại tá Nguyễn  Văn Hòa, Giám đốc Công an tỉnh.\n\nÔng dự hội nghị ngày 8/12/2025 lúc 13:37."
    doc = nlp.make_doc(text)
    assert doc.text == text
    words = [t.text for t in doc if not t.is_space]
    assert "Đại tá" in words and "Giám đốc" in words and "8/12/2025" in words
    assert [s.text.strip() for s in doc.sents] == [
        "Đại tá Nguyễn  Văn Hòa, Giám đốc Công an tỉnh.",
        "Ông dự hội nghị ngày 8/12/2025 lúc 13:37."]


def test_document_sentences_never_cross_paragraphs(nlp):
    doc = nlp.make_doc("Tiêu đề không có dấu chấm\nCâu thứ hai của đoạn sau.")
    assert len(list(doc.sents)) == 2


def test_document_body_end_defaults_to_captions_start(nlp):
    art = Article(source="x.html", text="Thân bài.\n\nChú thích ảnh.", captions_start=11, reader="html")
    doc = make_doc(nlp, art)
    assert (doc._.body_end, doc._.captions_start) == (11, 11)


@pytest.mark.parametrize("old, new", [("hoà", "hòa"), ("Thanh Hoá", "Thanh Hóa"), ("thuỷ", "thủy"),
                                      ("Uỷ ban", "Ủy ban"), ("khoẻ", "khỏe")])
def test_textnorm_folds_old_tone_placement_same_length(old, new):
    assert fold_tones(old) == new and len(fold_tones(old)) == len(old)
    assert key(old) == key(new)


@pytest.mark.parametrize("word", ["hoàn", "quý", "Quỳnh", "thuyền"])
def test_textnorm_leaves_other_syllables(word):
    assert fold_tones(word) == word


def test_tokenizer_is_a_plain_callable():
    from spacy.vocab import Vocab

    doc = UndertheseaTokenizer(Vocab())("Thượng tá Lò Văn Páo dự lễ.")
    assert doc.text == "Thượng tá Lò Văn Páo dự lễ."


def test_document_mends_false_sentence_breaks_after_initials(nlp):
    doc = nlp.make_doc("Anh N.V.T. (SN 1990) bị bắt. Công an H. Quế Phong đã khởi tố vụ án.")
    assert [s.text.strip() for s in doc.sents] == ["Anh N.V.T. (SN 1990) bị bắt.",
                                                   "Công an H. Quế Phong đã khởi tố vụ án."]


def test_document_keeps_abbreviated_unit_words_in_their_sentence(nlp):
    doc = nlp.make_doc("Bí thư Thị ủy TX. Hương Thủy Nguyễn Văn An phát biểu. Hội nghị bế mạc.")
    assert [s.text.strip() for s in doc.sents] == ["Bí thư Thị ủy TX. Hương Thủy Nguyễn Văn An phát biểu.",
                                                   "Hội nghị bế mạc."]


def test_document_joins_hard_wrapped_lines(nlp):
    text = "Ngày 12/8/2023, nhân kỷ\nniệm 18 năm Ngày hội, xã Tân Lập\ntổ chức Ngày hội.\nTiêu đề phụ\nCâu sau."
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert [s.text.strip() for s in doc.sents] == [
        "Ngày 12/8/2023, nhân kỷ\nniệm 18 năm Ngày hội, xã Tân Lập\ntổ chức Ngày hội.", "Tiêu đề phụ", "Câu sau."]


def test_document_align_stays_within_its_stretch():
    """Pieces are matched on the article text itself, between cursor and stop: never past the sentence."""
    text = "Ông A.  Bà B đến."
    assert _align(["Ông", "A", "."], text, 0, 6) == [(0, 3), (4, 5), (5, 6)]
    assert _align(["Bà", "B"], text, 6, 12) == [(8, 10), (11, 12)]
    assert _align(["đến"], text, 6, 12) == []  # the word is there, but after the stop
    assert _align(["Bà  B"], text, 6) == [(8, 12)]  # a piece whose spacing differs from the text


def test_document_fill_gaps_covers_every_non_space_character():
    text = "ab \u00a0cd\tef  gh"
    assert _fill_gaps([(0, 2), (11, 13)], text, 0, len(text)) == [(0, 2), (4, 6), (7, 9), (11, 13)]
    assert _fill_gaps([], "  x ", 0, 4) == [(2, 3)]
    assert _fill_gaps([(0, 1), (2, 3)], "a b", 0, 3) == [(0, 1), (2, 3)]  # single spaces: nothing added


def test_document_words_and_spaces_keep_odd_gaps_as_tokens():
    text = "a b  c\nd"
    assert words_and_spaces([(0, 1), (2, 3), (5, 6), (7, 8)], text) == (
        ["a", "b", " ", "c", "\n", "d"], [True, True, False, False, False, False], [0, 2, 4, 5, 6, 7])


def _slow_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """underthesea's words as strings, laid back on the text (the path ``_segmented`` stands in for)."""
    return _align(word_tokenize(text[start:end], use_token_normalize=False), text, start, end)


@pytest.mark.parametrize("text", [
    "Đại tá Nguyễn  Văn Hòa, Giám đốc Công an tỉnh.",
    "Ông dự hội nghị ngày 8/12/2025 lúc 13:37 tại TP.HCM (SN 1990).",
    "Liên hệ abc@cand.com.vn hoặc https://cand.com.vn/tin-tuc, ĐT 0912.345.678!",
    "Thu giữ 1.200 kg/ngày\u00a0và 5kg ma túy - “hàng đá” ...",
    "Anh H’Linh  (K'Nơ)\tđến   xã Ea H'Leo.",
])
def test_document_segmented_gives_the_aligned_words(nlp, text):
    """The tokens' own offsets give exactly the words word_tokenize + _align give."""
    found = _segmented(text, 0, len(text))
    assert found is not None
    assert found == _slow_words(text, 0, len(text))


def test_document_segmented_words_within_the_article_offsets(nlp):
    text = "Mở đầu. Đại tá Nguyễn Văn Hòa dự họp."
    found = _segmented(text, 8, len(text))
    assert [text[a:b] for a, b in found] == ["Đại tá", "Nguyễn Văn Hòa", "dự", "họp", "."]


def test_document_segmented_leaves_text_underthesea_normalises_to_the_slow_path(nlp):
    decomposed = "Ho\u0300a Bi\u0300nh đến."  # NFD: underthesea reads it recomposed
    assert _segmented(decomposed, 0, len(decomposed)) is None
    doc = nlp.make_doc(decomposed)
    assert doc.text == decomposed
    assert "".join(t.text_with_ws for t in doc) == decomposed


def test_document_segmented_matches_the_slow_path_on_every_annotated_sentence(nlp):
    sentences = fast = 0
    for article in read_inputs([CORPUS, CORPUS.parent / "tests" / "gold_extra"]):
        text = article.text
        for p0, p1 in _paragraphs(text):
            para = text[p0:p1]
            for s0, s1 in _align(_rejoin(sent_tokenize(para)), para, 0):
                found = _segmented(text, p0 + s0, p0 + s1)
                sentences += 1
                if found is not None:
                    fast += 1
                    assert found == _slow_words(text, p0 + s0, p0 + s1), text[p0 + s0:p0 + s1]
    assert sentences > 300 and fast == sentences


def _fold_every_text(text: str) -> str:
    """fold_tones as written before its shortcut: every text decomposed, searched and recomposed."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text))
    moved = re.sub(r"(?i)(?<!q)([ou])([aey])([" + _TONES + r"])(?![^\W\d_])",
                   lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    out = unicodedata.normalize("NFC", moved)
    return out if len(out) == len(unicodedata.normalize("NFC", text)) else unicodedata.normalize("NFC", text)


def test_textnorm_toned_aey_lists_every_character_decomposing_to_a_toned_a_e_y():
    found = {n: "" for n in (2, 3)}
    letter = re.compile(r"[^\W\d_]")
    for ch in map(chr, range(0x110000)):
        d = unicodedata.normalize("NFD", ch)
        if len(d) > 1 and d[0] in "aeyAEY" and d[1] in _TONES:
            found[min(len(d), 3)] += ch
        # the shortcut's look-ahead reads the NFC text: a letter there is a letter after decomposing
        assert not letter.match(ch) or letter.match(d[0]), hex(ord(ch))
    assert (found[2], found[3]) == (_TONED_AEY, _TONED_AEY_MARKED)


@pytest.mark.parametrize("text,folded", [
    ("Hoà Bình, thuỷ lợi", "Hòa Bình, thủy lợi"),  # moved
    ("Ho\u0300a Bi\u0300nh", "Hòa Bình"),            # decomposed input: NFC, then moved
    ("quý, tuấn, Hòa", "quý, tuấn, Hòa"),             # nothing to move: the NFC text itself
    ("thuận", "thụân"),                               # as before the shortcut (a/ậ: dot below first)
    ("hoạt động, quá", "hoạt động, quá"),             # a letter after the tone: nothing moved
    ("Thanh Hoá.", "Thanh Hóa."),
])
def test_textnorm_fold_tones_shortcut_keeps_the_folding(text, folded):
    assert fold_tones(text) == folded == _fold_every_text(text)


def test_textnorm_fold_tones_equals_the_full_folding_on_random_syllables():
    rng = random.Random(12)
    alphabet = list("oOuUqQaAeEyYâươêhn ,.1_") + list(_TONED_AEY + _TONED_AEY_MARKED) + list(_TONES) + ["\u0302", "\u031b", "ò", "ụ"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6)))
        assert fold_tones(text) == _fold_every_text(text), ascii(text)


def test_textnorm_fold_tones_equals_the_full_folding_on_the_corpus():
    for article in read_inputs([CORPUS]):
        for line in article.text.split("\n"):
            assert fold_tones(line) == _fold_every_text(line)


DISPLAY_TEXT = ("Ngày 20/6, Đại tá Nguyễn Văn Hùng, Giám đốc Công an tỉnh Nghệ An, trao 25 giấy khen cho "
                "các tập thể có thành tích bắt giữ 3 đối tượng tại xã Hưng Đông.")


def test_document_process_for_tables_draws_nothing_and_finds_the_same(nlp):
    from pipeline.tables import article_rows

    article = Article(source="t.txt", text=DISPLAY_TEXT, published="2025-06-20")
    shown, rows_only = process(nlp, article), process(nlp, article, display=False)
    assert sorted(shown.spans) == ["COUNT", "CUE", "HONORIFIC", "ORG", "PLACE", "RANK", "TITLE", "TRIGGER", "facts"]
    assert [s.text for s in shown.spans["RANK"]] == ["Đại tá"] and len(shown.ents) > 0
    assert list(rows_only.spans) == [] and rows_only.ents == () and rows_only._.facts is None
    assert article_rows(article, rows_only) == article_rows(article, shown)
    for name in ("officials", "places", "events", "counts", "dates", "count_mentions", "date_mentions"):
        assert getattr(rows_only._, name) == getattr(shown._, name), name


def test_document_process_displays_by_default_for_displacy(nlp):
    from spacy import displacy

    doc = process(nlp, Article(source="t.txt", text=DISPLAY_TEXT, published="2025-06-20"))
    html = displacy.render(doc, style="span", options={"spans_key": "RANK"}, jupyter=False)
    assert "Đại tá" in html and "RANK" in html
    assert [(s.text, s.label_) for s in doc.spans["COUNT"]] == [("25 giấy khen", "awards"), ("3 đối tượng", "people")]
    assert nlp(DISPLAY_TEXT).spans["RANK"][0].text == "Đại tá"  # nlp(text) draws them too


def test_document_extraction_runs_process_for_tables_only(monkeypatch):
    import pipeline.document as document
    from pipeline.run import Report, extract_articles

    seen = []
    real = document.process
    monkeypatch.setattr(document, "process", lambda nlp, a, display=True, segmentation=None:
                        seen.append(display) or real(nlp, a, display, segmentation))
    rows = extract_articles([Article(source="t.txt", text=DISPLAY_TEXT, published="2025-06-20")], Report())
    assert seen == [False] and len(rows["officials"]) == 1
