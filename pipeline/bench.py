"""`make bench`: throughput figures, printed (never asserted by tests).

  extract     articles/s of the whole extraction (segmentation, every component,
              table rows, Parquet write) over the bundled and evaluation articles;
  tokenize    articles/s of underthesea's word_tokenize alone on the same sentences:
              the floor any such pipeline pays;
  ratio       extract time / tokenize time, one process (goal: at most 1.5);
  crawl       pages/s of a crawl of the local test site with politeness off;
  then the datasets (bench_datasets) and `vnie extract` on every core and its memory (bench_scale).
The 50,000-article archive on Dask is its own command: `python -m pipeline.bench_archive --articles 50000`.
"""

from __future__ import annotations

import dataclasses
import statistics
import tempfile
import time
from pathlib import Path

from underthesea import sent_tokenize, word_tokenize

from pipeline.article import Article
from pipeline.readers import read_inputs
from pipeline.run import Report, extract_articles, shared_nlp
from pipeline.storage import write_tables

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 5  # each figure is the median of this many passes


def _articles() -> list[Article]:
    inputs = [p for p in (ROOT / "corpus", ROOT / "tests" / "gold_extra") if p.exists()]
    return [a for a in read_inputs(inputs) if isinstance(a, Article)]


def _sentences(articles: list[Article]) -> list[str]:
    return [s for a in articles for line in a.text.split("\n") if line.strip() for s in sent_tokenize(line)]


def _time(fn) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    articles = _articles()
    sentences = _sentences(articles)
    shared_nlp(False)
    word_tokenize("khởi động")  # load models before timing

    def extract_pass(ner: bool = False):
        # A fresh source per pass so no article is skipped as already seen.
        batch = [dataclasses.replace(a, source=f"{a.source}#{time.perf_counter_ns()}") for a in articles]
        tables = extract_articles(batch, Report(), ner=ner)
        with tempfile.TemporaryDirectory() as out:
            write_tables(Path(out), tables)

    def tokenize_pass():
        for s in sentences:
            word_tokenize(s)

    t_extract, t_tok = _time(extract_pass), _time(tokenize_pass)
    n = len(articles)
    print(f"articles: {n} ({sum(len(a.text) for a in articles):,} chars, {len(sentences)} sentences)")
    print(f"extract   {n / t_extract:8.1f} articles/s  ({t_extract * 1000:.0f} ms per pass)")
    print(f"tokenize  {n / t_tok:8.1f} articles/s  ({t_tok * 1000:.0f} ms per pass, word_tokenize alone)")
    print(f"ratio     {t_extract / t_tok:8.2f}  (extract / tokenize on one worker; goal <= 1.5)")
    shared_nlp(True)
    t_ner = _time(lambda: extract_pass(ner=True))
    print(f"with NER  {n / t_ner:8.1f} articles/s  ({t_ner * 1000:.0f} ms per pass; {t_ner / t_extract:.2f} x extract, "
          f"{t_ner / t_tok:.2f} x tokenize; the optional vnie_ner component)")
    from pipeline.bench_datasets import main as bench_datasets
    from pipeline.bench_scale import main as bench_scale

    bench_datasets()
    bench_scale()   # every core and memory of `vnie extract`
    try:
        from pipeline.bench_crawl import bench_crawl
    except ImportError:
        print("crawl     (not available)")
    else:
        figures = bench_crawl()
        print("crawl     " + ", ".join(f"{k}: {v:.1f}" if isinstance(v, float) else f"{k}: {v}"
                                       for k, v in figures.items()))


if __name__ == "__main__":
    main()
