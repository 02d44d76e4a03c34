"""The optional statistical NER component (underthesea's CRF tagger on the Doc's words)."""

from __future__ import annotations

import os

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.article import Article
from pipeline.cli import cli
from pipeline.document import build_nlp, process
from pipeline.run import ner_environment, shared_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(["vnie_furniture", "vnie_ner"])


def _entities(nlp, text):
    doc = process(nlp, Article(source="t.txt", text=text))
    return doc, [(e.label, e.text, e.start, e.end) for e in doc._.ner]


def test_ner_people_and_places_with_exact_offsets(nlp):
    text = "Bà Lê Thị Hoa sinh sống tại Hà Nội và làm việc cho Tập đoàn Điện lực Việt Nam."
    doc, found = _entities(nlp, text)
    assert found == [("PER", "Lê Thị Hoa", 3, 13), ("LOC", "Hà Nội", 28, 34), ("LOC", "Việt Nam", 69, 77)]
    assert all(text[s:e] == t for _, t, s, e in found)
    assert [(s.label_, s.start_char, s.end_char) for s in doc.spans["ner"]] == [(lb, s, e) for lb, _, s, e in found]


def test_ner_spans_are_whole_tokens_of_the_doc(nlp):
    """The tagger runs on the Doc's own words: "Lê Thị Hoa" is one underthesea word, one token."""
    doc, _ = _entities(nlp, "Bà Lê Thị Hoa sinh sống tại Hà Nội và làm việc cho Tập đoàn Điện lực Việt Nam.")
    person = doc.spans["ner"][0]
    assert [t.text for t in person] == ["Lê Thị Hoa"]


def test_ner_organisation_and_the_taggers_own_mistake(nlp):
    """A newspaper name is an ORG; the CRF also calls "phóng viên Báo" a place, one reason it is off by default."""
    _, found = _entities(nlp, "Đại úy Phạm Minh Tuấn nói với phóng viên Báo Tuổi Trẻ rằng vụ việc xảy ra ở Đà Nẵng.")
    assert found == [("PER", "Phạm Minh Tuấn", 7, 21), ("LOC", "phóng viên Báo", 30, 44),
                     ("ORG", "Tuổi Trẻ", 45, 53), ("LOC", "Đà Nẵng", 76, 83)]


def test_ner_reads_only_the_body(nlp):
    text = ("Bà Lê Thị Hoa sinh sống tại Hà Nội.\n"
            "© Bản quyền thuộc về Báo Nhân Dân, Nguyễn Văn Minh chịu trách nhiệm.")
    _, found = _entities(nlp, text)
    assert found == [("PER", "Lê Thị Hoa", 3, 13), ("LOC", "Hà Nội", 28, 34)]


def test_ner_sentence_without_names_gives_nothing(nlp):
    _, found = _entities(nlp, "Trời mưa to suốt đêm qua nên nhiều tuyến đường bị ngập sâu.")
    assert found == []


def test_ner_is_off_by_default():
    assert "vnie_ner" not in build_nlp().pipe_names
    assert "vnie_ner" not in shared_nlp(False).pipe_names
    assert "vnie_ner" in shared_nlp(True).pipe_names


def test_ner_environment_sets_and_restores_the_switch(monkeypatch):
    monkeypatch.delenv("VNIE_NER", raising=False)
    with ner_environment(True):
        assert os.environ["VNIE_NER"] == "1"
    assert "VNIE_NER" not in os.environ
    with ner_environment(None):
        assert "VNIE_NER" not in os.environ


def test_ner_extract_flag_adds_ner_mentions_only(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Bà Lê Thị Hoa sinh sống tại Hà Nội và làm việc cho Tập đoàn Điện lực Việt Nam.\n",
                   encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(cli, ["extract", str(src), "--out", str(tmp_path / "plain")])
    tagged = runner.invoke(cli, ["extract", str(src), "--out", str(tmp_path / "ner"), "--ner"])
    assert plain.exit_code == 0 and tagged.exit_code == 0, (plain.output, tagged.output)
    before = pd.read_parquet(tmp_path / "plain" / "mentions.parquet")
    after = pd.read_parquet(tmp_path / "ner" / "mentions.parquet")
    assert "ner" not in set(before["method"])
    ner_rows = after[after["method"] == "ner"]
    # "Hà Nội" is a place the rules found too: the same label and span is one row, the gazetteer's
    assert list(zip(ner_rows["label"], ner_rows["text"], ner_rows["start"], ner_rows["end"])) == [
        ("PER", "Lê Thị Hoa", 3, 13), ("LOC", "Việt Nam", 69, 77)]
    assert list(after[after["text"] == "Hà Nội"]["method"]) == ["gazetteer"]
    rest = after[after["method"] != "ner"].reset_index(drop=True)
    pd.testing.assert_frame_equal(rest, before)
    for table in ("officials", "events", "counts", "dates"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "ner" / f"{table}.parquet"),
                                      pd.read_parquet(tmp_path / "plain" / f"{table}.parquet"))


def test_ner_run_flag_reaches_the_batch_extraction(tmp_path, monkeypatch):
    monkeypatch.delenv("VNIE_NER", raising=False)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Bà Lê Thị Hoa sinh sống tại Hà Nội và làm việc cho Tập đoàn Điện lực Việt Nam.\n",
                               encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(src), "--out", str(tmp_path / "out"), "--ner"])
    assert result.exit_code == 0, result.output
    mentions = pd.read_parquet(tmp_path / "out" / "mentions")
    assert sorted(mentions[mentions["method"] == "ner"]["text"]) == ["Lê Thị Hoa", "Việt Nam"]
    assert "VNIE_NER" not in os.environ


def test_ner_tags_are_underthesea_own_chain_on_the_same_words():
    """The shortcuts (no chunker, features once per sentence) give exactly underthesea's tags."""
    from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    from extractors.ner import NerTagger

    tagger = NerTagger()
    for words in (["Bà", "Lê Thị Hoa", "sinh sống", "tại", "Hà Nội", "."],
                  ["Đại úy", "Phạm Minh Tuấn", "nói", "với", "phóng viên", "Báo", "Tuổi Trẻ", "rằng", "vụ việc",
                   "xảy", "ra", "ở", "Đà Nẵng", "."],
                  ["Trời", "mưa", "."], ["Huế"]):
        chain = CRFNERPredictor.Instance().predict(
            CRFChunkingPredictor.Instance().predict(CRFPOSTagPredictor.Instance().predict(words)))
        assert tagger.tags(words) == [tag for *_, tag in chain], words


def test_ner_a_failing_sentence_loses_only_its_own_entities(nlp, monkeypatch):
    tagger = nlp.get_pipe("vnie_ner")
    real = tagger.tags

    def flaky(words):
        if "Hà Nội" in words:
            raise ValueError("broken model")
        return real(words)

    monkeypatch.setattr(tagger, "tags", flaky)
    text = "Bà Lê Thị Hoa sinh sống tại Hà Nội.\nÔng Nguyễn Văn Nam cho biết sẽ về quê."
    _, found = _entities(nlp, text)
    assert found == [("PER", "Nguyễn Văn Nam", 40, 54)]
