"""Segmenting ahead: words segmented in another process give the same Doc and the same rows."""

from __future__ import annotations

import dataclasses
import pickle
import time

import pytest

from pipeline.article import Article
from pipeline.batch.engine_pool import extract_chunk
from pipeline.batch.segment_ahead import AHEAD_ARTICLES, SegmentAhead
from pipeline.document import make_doc
from pipeline.readers import read_inputs
from pipeline.segmentation import segment
from tests.conftest import CORPUS, ROOT

SETS = [CORPUS, *(ROOT / "tests" / name for name in ("gold_extra", "gold_g", "gold_h", "gold_i"))]


def _articles() -> list[Article]:
    return [a for a in read_inputs(SETS) if isinstance(a, Article)]


def _wait_for(ahead: SegmentAhead, n: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while ahead.finished < n:
        assert time.monotonic() < deadline, f"only {ahead.finished} of {n} segmented in {seconds} s"
        time.sleep(0.05)


def test_segment_ahead_rows_equal_segmenting_in_the_worker(nlp):
    """Every annotated article: the rows from a segmentation made elsewhere (pickled, as it travels)
    are the rows of the worker segmenting the text itself."""
    articles = _articles()
    assert len(articles) > 60
    segmented = {a.article_id: pickle.loads(pickle.dumps(segment(a.text))) for a in articles}
    own, _, errors = extract_chunk(articles)
    ahead, _, errors_ahead = extract_chunk(articles, segmented)
    assert errors == errors_ahead == []
    assert list(ahead) == list(own)
    assert ahead == own


def test_segment_ahead_doc_is_the_tokenizers_doc(nlp):
    article = Article(source="t", text="Ngày 3/9, Đại tá Lò Văn Páo dự lễ.\nCông an xã thu giữ 2 xe máy.")
    doc = make_doc(nlp, article, segment(article.text))
    plain = make_doc(nlp, article)
    assert [(t.text, t.idx, t.is_sent_start) for t in doc] == [(t.text, t.idx, t.is_sent_start) for t in plain]
    assert [t.text for t in doc] == ["Ngày", "3/9", ",", "Đại tá", "Lò Văn Páo", "dự", "lễ", ".", "\n", "Công an",
                                     "xã", "thu giữ", "2", "xe máy", "."]


def test_segment_ahead_a_segmentation_of_another_text_is_not_used(nlp):
    """A segmentation laid on a text it was not made from would shift every word: the text is segmented again."""
    article = Article(source="t", text="Thượng tá Lò Văn Páo dự lễ.")
    other = segment("Thượng tá Lò Văn Pao dự lễ.")   # same length, another text
    assert other.length == len(article.text) and not other.fits(article.text)
    doc = make_doc(nlp, article, other)
    assert [t.text for t in doc] == [t.text for t in make_doc(nlp, article)]
    with pytest.raises(ValueError, match="another text"):
        nlp.tokenizer.from_segmentation(article.text, other)


def test_segment_ahead_process_segments_the_articles_until_collected():
    articles = _articles()[:6]
    articles[0] = dataclasses.replace(articles[0], url="https://example.invalid/bai-1")
    twice = [*articles, Article(source="again", text="Một văn bản khác.", url=articles[0].url)]
    assert twice[-1].article_id == articles[0].article_id   # the same id again: the first is the one extracted
    ahead = SegmentAhead(twice, processes=2)
    _wait_for(ahead, len(articles))
    done = ahead.collect()
    assert set(done) == {a.article_id for a in articles}
    for a in articles:
        assert done[a.article_id] == segment(a.text)
    assert ahead.collect() == {}


def test_segment_ahead_stops_when_asked_and_returns_what_it_finished():
    articles = _articles()
    ahead = SegmentAhead(articles, processes=1)
    _wait_for(ahead, 1)
    done = ahead.collect()
    assert 1 <= len(done) <= min(len(articles), AHEAD_ARTICLES)
    by_id = {a.article_id: a for a in articles}
    assert all(seg == segment(by_id[aid].text) for aid, seg in done.items())


def test_segment_ahead_a_killed_process_gives_nothing_and_the_run_goes_on():
    import os
    import signal

    ahead = SegmentAhead(_articles()[:3], processes=1)
    proc, _ = ahead._procs[0]
    os.kill(proc.pid, signal.SIGKILL)
    proc.join()
    assert ahead.collect() == {}


def test_segment_ahead_nothing_to_do_forks_nothing():
    ahead = SegmentAhead([], processes=1)
    assert ahead._procs == [] and ahead.finished == 0 and ahead.collect() == {}
    assert SegmentAhead(_articles()[:2], processes=0).collect() == {}


@pytest.mark.slow
def test_segment_ahead_a_killed_driver_takes_the_segmenting_process_with_it(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    import psutil

    from tests.test_batch_support import ARTICLES, variant, write_articles

    texts = list(ARTICLES.values())
    inputs = write_articles(tmp_path / "in", {f"a{i}.txt": variant(texts[i % len(texts)], i) for i in range(12)})
    env = {**os.environ, "VNIE_POOL_MIN_ARTICLES": "1", "PYTHONPATH": str(ROOT), "VNIE_CACHE_DIR": str(tmp_path / "c")}
    args = [sys.executable, "-c", "from pipeline.cli import cli; cli()", "run", str(inputs), "--out",
            str(tmp_path / "out"), "--workers", "2", "--batch-seconds", "0", "--stderr-level", "INFO"]
    proc = subprocess.Popen(args, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    for line in proc.stderr:            # the driver is loading the pipeline (a cold cache: seconds)
        if "segmenting up to 12 articles ahead in 1 processes" in line:
            break
    ahead = psutil.Process(proc.pid).children(recursive=True)
    assert len(ahead) == 1
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    gone, alive = psutil.wait_procs(ahead, timeout=10)
    assert alive == []
