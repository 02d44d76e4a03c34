"""ingest(): new/updated/unchanged articles, upsert by article_id, identical reruns, the runs table."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.article import Article, InputError
from pipeline.batch.datasets import TABLES
from pipeline.batch.ingest import content_hash, ingest
from pipeline.batch.reprocess import reprocess, stored_articles
from pipeline.batch.runs import read_runs
from pipeline.batch.version import pipeline_version
from pipeline.readers import read_inputs
from pipeline.run import Report, extract_articles
from tests.test_batch_support import ARTICLES, all_tables, files_of, write_articles


@pytest.fixture()
def inputs(tmp_path):
    return write_articles(tmp_path / "in")


def test_ingest_counts_new_then_unchanged(inputs, tmp_path):
    out = tmp_path / "out"
    first = ingest(read_inputs([inputs]), out, source_name="test", batch_size=2)
    assert (first.new, first.updated, first.unchanged, first.skipped) == (6, 0, 0, [])
    assert first.batches == 3
    second = ingest(read_inputs([inputs]), out, source_name="test", batch_size=2)
    assert (second.new, second.updated, second.unchanged, second.batches) == (0, 0, 6, 0)
    assert "0 new, 0 updated, 6 unchanged articles; 0 inputs skipped" in second.summary()


def test_ingest_rerun_leaves_identical_files(inputs, tmp_path):
    out = tmp_path / "out"
    ingest(read_inputs([inputs]), out, batch_size=4)
    before = files_of(out)
    ingest(read_inputs([inputs]), out, batch_size=4)
    assert files_of(out) == before


def test_ingest_rows_equal_a_plain_extraction(inputs, tmp_path):
    out = tmp_path / "out"
    ingest(read_inputs([inputs]), out, batch_size=2)
    plain = extract_articles(read_inputs([inputs]), Report())
    got = all_tables(out)
    for name in TABLES:
        assert len(got[name]) == len(plain[name]), name
    assert sorted(got["articles"]["article_id"]) == sorted(r["article_id"] for r in plain["articles"])
    assert sorted(got["persons"]["person_id"]) == sorted(r["person_id"] for r in plain["persons"])


def test_ingest_changed_text_replaces_rows_in_every_table(inputs, tmp_path):
    out = tmp_path / "out"
    url = "https://example.vn/bai-1.html"
    old = Article(source=url, url=url, published="2024-03-15", title="Hội nghị",
                  text="Sáng 15/3, Đại tá Phan Đức Thịnh chủ trì hội nghị với 200 đại biểu.")
    ingest([old], out)
    new = Article(source=url, url=url, published="2024-05-02", title="Hội nghị",
                  text="Chiều 2/5, Thượng tá Hồ Văn Lợi chủ trì hội nghị với 80 đại biểu.")
    report = ingest([new], out)
    assert (report.new, report.updated) == (0, 1)
    arts = pd.read_parquet(out / "articles")
    assert list(arts["text"]) == [new.text]
    assert list(arts["month"].astype(str)) == ["2024-05"]   # moved partition, no copy left behind
    for name in ("mentions", "counts", "dates", "officials"):
        df = pd.read_parquet(out / name)
        assert set(df["article_id"]) <= {new.article_id}
        assert not df["evidence"].str.contains("Phan Đức Thịnh").any(), name
    assert "Phan Đức Thịnh" not in " ".join(pd.read_parquet(out / "persons")["name"])


def test_ingest_new_pipeline_version_updates(inputs, tmp_path, monkeypatch):
    out = tmp_path / "out"
    ingest(read_inputs([inputs]), out)
    monkeypatch.setenv("VNIE_PIPELINE_VERSION", "9.9.9+test")
    pipeline_version.cache_clear()
    try:
        report = ingest(read_inputs([inputs]), out)
    finally:
        monkeypatch.delenv("VNIE_PIPELINE_VERSION")
        pipeline_version.cache_clear()
    assert (report.new, report.updated, report.unchanged) == (0, 6, 0)
    assert set(pd.read_parquet(out / "officials")["pipeline_version"]) <= {"9.9.9+test"}
    assert set(pd.read_parquet(out / "articles")["pipeline_version"]) == {"9.9.9+test"}


def test_ingest_skips_bad_inputs_and_duplicates_with_causes(inputs, tmp_path):
    out = tmp_path / "out"
    seen = []
    items = [InputError("broken.jsonl", "line is not JSON", line=3),
             *read_inputs([inputs]), *read_inputs([inputs / "ngay-hoi.txt"])]
    report = ingest(items, out, on_skip=seen.append)
    assert (report.new, report.duplicates, report.inputs_seen) == (6, 1, 8)
    assert [e.cause for e in report.skipped] == ["line is not JSON"] == [e.cause for e in seen]
    run = read_runs(out).iloc[-1]
    assert run["status"] == "partial" and run["errors_count"] == 1
    assert list(run["errors"]) == [{"source": "broken.jsonl:3", "cause": "line is not JSON"}]


def test_ingest_max_articles_stops_and_next_run_continues(inputs, tmp_path):
    out = tmp_path / "out"
    assert ingest(read_inputs([inputs]), out, max_articles=4).new == 4
    rest = ingest(read_inputs([inputs]), out)
    assert (rest.new, rest.unchanged) == (2, 4)


def test_ingest_records_runs(inputs, tmp_path):
    out = tmp_path / "out"
    ingest(read_inputs([inputs]), out, source_name="nightly", kind="run", inputs=[str(inputs)])
    ingest(read_inputs([inputs]), out, kind="run", inputs=[str(inputs)])
    runs = pd.read_parquet(out / "runs")
    assert len(runs) == 2
    first, second = read_runs(out).to_dict("records")
    assert (first["status"], first["articles_new"], first["inputs_seen"]) == ("ok", 6, 6)
    assert (second["articles_new"], second["articles_unchanged"]) == (0, 6)
    assert first["rows_articles"] == 6 and second["rows_articles"] == 0
    assert first["ended_at"] >= first["started_at"] and first["pipeline_version"] == pipeline_version()
    assert list(first["inputs"]) == [str(inputs)]


def test_ingest_run_records_have_the_runs_schema(inputs, tmp_path):
    """Written with arro3 (no pyarrow): read back by pyarrow, the schema is RUNS_SCHEMA, metadata and
    the non-null run_id included, and the values are the row's."""
    from datetime import datetime, timezone

    import pyarrow.parquet as pq

    from pipeline.batch.runs import RUNS_SCHEMA, run_table, write_run

    started = datetime(2026, 12, 6, 1, 2, 3, 456789, tzinfo=timezone.utc)
    row = {"run_id": "r1", "kind": "run", "status": "partial", "started_at": started, "ended_at": None,
           "inputs": ["a/", "Hòa Bình.txt"], "articles_new": 3, "rows_stories": 2,
           "errors": [{"source": "x.txt:4", "cause": "không phải UTF-8"}], "pid": 7}
    path = tmp_path / "runs" / "run-r1.parquet"
    write_run(row, path)
    table = pq.read_table(path)
    assert table.schema.equals(RUNS_SCHEMA, check_metadata=True)
    assert not table.schema.field("run_id").nullable
    assert table.schema.metadata[b"vnie.table"] == b"runs"
    got = table.to_pylist()[0]
    assert got["started_at"] == started and got["ended_at"] is None
    assert (got["inputs"], got["articles_new"], got["rows_stories"], got["pid"]) == (["a/", "Hòa Bình.txt"], 3, 2, 7)
    assert got["errors"] == [{"source": "x.txt:4", "cause": "không phải UTF-8"}]
    assert got["message"] is None and got["rows_articles"] is None
    assert sorted(p.name for p in path.parent.iterdir()) == ["run-r1.parquet"]   # no temporary file left
    with pytest.raises(ValueError, match="not columns of the runs table: colour"):
        run_table({"run_id": "r2", "colour": "blue"})


def test_ingest_failed_run_is_recorded_and_keeps_committed_batches(inputs, tmp_path):
    out = tmp_path / "out"

    def items():
        yield from read_inputs([inputs / "hoi-nghi.txt", inputs / "bat-giu.txt"])
        raise OSError("network went away")

    with pytest.raises(OSError):
        ingest(items(), out, batch_size=1)
    run = read_runs(out).iloc[-1]
    assert run["status"] == "failed" and "network went away" in run["message"]
    assert len(pd.read_parquet(out / "articles")) == 2


def test_ingest_tables_load_in_one_line_with_pandas_and_duckdb(inputs, tmp_path):
    out = tmp_path / "out"
    ingest(read_inputs([inputs]), out)
    n = len(pd.read_parquet(out / "mentions"))
    assert n > 0
    got = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/mentions/month=*/*.parquet', hive_partitioning=true)")
    assert got.fetchall()[0][0] == n
    months = duckdb.sql(f"SELECT DISTINCT month FROM '{out}/articles/month=*/*.parquet' ORDER BY 1").fetchall()
    assert [m for (m,) in months] == ["2023-11", "2024-03", "2024-04", "unknown"]


def test_reprocess_reextracts_stored_articles_without_inputs(inputs, tmp_path):
    out = tmp_path / "out"
    ingest(read_inputs([inputs]), out)
    before = all_tables(out)
    for f in inputs.iterdir():
        f.unlink()  # no input files, no network: the stored text is enough
    report = reprocess(out)
    assert (report.new, report.updated, report.unchanged) == (0, 6, 0)
    after = all_tables(out)
    for name in TABLES:
        pd.testing.assert_frame_equal(after[name], before[name], check_dtype=False)


def test_reprocess_outdated_only_skips_current_rows(inputs, tmp_path):
    out = tmp_path / "out"
    ingest(read_inputs([inputs]), out)
    assert reprocess(out, outdated_only=True).unchanged == 6


def test_stored_articles_rebuild_the_same_articles(inputs, tmp_path):
    out = tmp_path / "out"
    originals = {a.article_id: a for a in read_inputs([inputs])}
    ingest(originals.values(), out)
    rebuilt = {a.article_id: a for a in stored_articles(out / "articles")}
    assert set(rebuilt) == set(originals)
    for aid, article in originals.items():
        assert content_hash(rebuilt[aid]) == content_hash(article)


_MODELS = ("spacy", "thinc", "underthesea")
# Imported only for what needs them (issue 12): HTML inputs (the reader, the site parsers, BeautifulSoup,
# lxml, trafilatura), bytes that are not UTF-8 (the charset detector), crawling (httpx, tenacity),
# a progress bar on a terminal (rich) and review pages (jinja2).
_LAZY = ("pipeline.readers.html", "pipeline.readers.jsonl", "pipeline.sites", "bs4", "soupsieve", "lxml",
         "trafilatura", "htmldate", "charset_normalizer", "httpx", "tenacity", "rich", "jinja2")


def _loaded(inputs, out, modules=_MODELS) -> str:
    import subprocess
    import sys

    script = (f"import atexit, sys; atexit.register(lambda: print('loaded:', sorted(m for m in {modules!r} "
              "if m in sys.modules), file=sys.stderr)); from pipeline.cli import cli; cli()")
    done = subprocess.run([sys.executable, "-c", script, "run", str(inputs), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stderr.strip().splitlines()[-1]


# pyarrow imports numpy with it (most of what a run with nothing new cost): the run record is written with
# arro3, the index read by deltalake's query engine, the schemas' names and version come from schema_names.
_HEAVY = ("import atexit, sys; atexit.register(lambda: print('loaded:', sorted(m for m in ('pandas', "
          "'pyarrow', 'numpy', 'pipeline.schemas', 'pipeline.run', "
          "'pyarrow.dataset', 'pyarrow.compute', 'pipeline.linking.persons', 'filelock') if m in sys.modules), "
          "file=sys.stderr)); from pipeline.cli import cli; cli()")


def test_ingest_nothing_to_do_never_imports_pandas_or_arrow_datasets(tmp_path):
    import subprocess
    import sys

    inputs = write_articles(tmp_path / "in", {"hoi-nghi.txt": ARTICLES["hoi-nghi.txt"]})
    out = tmp_path / "out"
    args = [sys.executable, "-c", _HEAVY, "run", str(inputs), "--out", str(out)]
    first = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr[-2000:]
    assert first.stderr.strip().splitlines()[-1] != "loaded: []"       # a commit needs them
    again = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr[-2000:]
    assert again.stderr.strip().splitlines()[-1] == "loaded: []"        # nothing new: none of them


def test_ingest_nothing_to_do_loads_only_the_articles_table(tmp_path, monkeypatch):
    """The other tables' schema versions and files come from .vnie/tables.json while their logs are unchanged."""
    import deltalake

    inputs = write_articles(tmp_path / "in", {"hoi-nghi.txt": ARTICLES["hoi-nghi.txt"]})
    out = tmp_path / "out"
    loaded = []
    real = deltalake.DeltaTable

    class Counted(real):
        def __init__(self, uri, *args, **kwargs):
            loaded.append(Path(uri).name)
            super().__init__(uri, *args, **kwargs)

    monkeypatch.setattr(deltalake, "DeltaTable", Counted)
    ingest(read_inputs([inputs]), out)
    assert set(loaded) == set(TABLES)                # a commit loads them all (and notes what it saw)
    loaded.clear()
    report = ingest(read_inputs([inputs]), out)
    assert (report.new, report.unchanged) == (0, 1)
    assert loaded == ["articles"]                    # nothing new: the index's table only
    loaded.clear()
    more = write_articles(tmp_path / "in2")
    report = ingest(read_inputs([more]), out)   # new articles (and the one of before, from another file)
    assert (report.new, report.updated) == (5, 1) and set(loaded) == set(TABLES)
    loaded.clear()
    report = ingest(read_inputs([more]), out)
    assert (report.new, report.updated, report.unchanged) == (0, 0, 6) and loaded == ["articles"]


def test_ingest_nothing_to_do_never_loads_spacy_underthesea_or_the_html_reader(tmp_path):
    inputs = write_articles(tmp_path / "in", {"hoi-nghi.txt": ARTICLES["hoi-nghi.txt"]})
    out = tmp_path / "out"
    assert _loaded(inputs, out) == "loaded: ['spacy', 'thinc', 'underthesea']"   # a new article: models load
    assert _loaded(inputs, out, _MODELS + _LAZY) == "loaded: []"                  # nothing new: none of them


def _many(folder, n: int):
    """``n`` distinct articles: the test articles and variants of them (each with a sentence of its own)."""
    from tests.test_batch_support import variant

    texts = {}
    names = sorted(ARTICLES)
    for i in range(n):
        name = names[i % len(names)]
        texts[f"{i:02d}-{name}"] = ARTICLES[name] if i < len(names) else variant(ARTICLES[name], i)
    return write_articles(folder, texts)


def test_tables_identical_whatever_the_batch(tmp_path):
    from tests.test_batch_support import comparable

    inputs = _many(tmp_path / "in", 15)
    runs = {"b1": dict(batch_size=1), "b7": dict(batch_size=7), "b100": dict(batch_size=100),
            "tiny-budget": dict(batch_size=100, batch_seconds=1e-9), "large-budget": dict(batch_size=4, batch_seconds=1e6)}
    batches = {}
    for name, options in runs.items():
        batches[name] = ingest(read_inputs([inputs]), tmp_path / name, **options).batches
    assert batches == {"b1": 15, "b7": 3, "b100": 1, "tiny-budget": 15, "large-budget": 4}
    for table in TABLES:
        if table == "runs":
            continue
        first = comparable(tmp_path / "b1", table)
        assert len(first) > 0, table
        for name in runs:
            pd.testing.assert_frame_equal(comparable(tmp_path / name, table), first, obj=f"{table} of {name}")


def test_ingest_time_budget_commits_each_article_when_tiny_and_each_batch_when_large(inputs, tmp_path):
    tiny = ingest(read_inputs([inputs]), tmp_path / "tiny", batch_size=100, batch_seconds=1e-9)
    assert (tiny.new, tiny.batches) == (6, 6)
    large = ingest(read_inputs([inputs]), tmp_path / "large", batch_size=4, batch_seconds=1e6)
    assert (large.new, large.batches) == (6, 2)
    none = ingest(read_inputs([inputs]), tmp_path / "none", batch_size=4, batch_seconds=0)
    assert (none.new, none.batches) == (6, 2)


class _Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_pacer_without_a_time_budget_hands_out_whole_batches():
    from pipeline.batch.ingest import Pacer

    clock = _Clock()
    pacer = Pacer(50, 0, clock=clock)
    assert pacer.piece() == 50
    pacer.handed(50)
    clock.now += 10_000
    pacer.got(50, since=100.0)
    assert pacer.piece() == 50 and pacer.due()
    pacer.committed()
    pacer.handed(20)
    pacer.got(20, since=clock.now)
    assert not pacer.due()                  # 20 of 50 articles, however long it took


def test_pacer_sizes_pieces_from_the_rate_to_end_near_the_budget():
    from pipeline.batch.ingest import Pacer

    clock = _Clock()
    pacer = Pacer(100, 10.0, clock=clock)
    assert pacer.piece() == 1               # no rate yet: one article
    pacer.handed(1)
    clock.now += 0.5                        # half a second an article
    pacer.got(1, since=100.0)
    assert not pacer.due()
    assert pacer.piece() == 19              # 9.5 s left at 0.5 s an article
    pacer.handed(19)
    clock.now += 9.5
    pacer.got(19, since=100.5)
    assert pacer.due()                      # 10 s: committed with 20 of 100 articles
    pacer.committed()
    assert pacer.piece() == 20              # a whole budget at 0.5 s an article
    pacer.handed(20)
    assert pacer.piece() == 1               # the 20 in flight fill the budget
    clock.now += 2.0
    pacer.got(20, since=clock.now - 2.0)    # faster now: 40 articles in 12 s this run
    assert not pacer.due()
    assert pacer.piece() == 26              # 8 s left at 0.3 s an article


def test_pacer_never_plans_more_than_the_batch_and_fast_articles_fill_it():
    from pipeline.batch.ingest import Pacer

    clock = _Clock()
    pacer = Pacer(10, 60.0, clock=clock)
    pacer.handed(pacer.piece())
    clock.now += 0.001
    pacer.got(1, since=100.0)
    assert pacer.piece() == 9               # the rate allows 59,999 more, the batch 9
    pacer.handed(9)
    pacer.got(9, since=clock.now)
    assert pacer.due()                      # 10 articles in a millisecond: the article bound comes first


def test_ingest_commit_never_holds_more_than_the_batch_whatever_pieces_the_engine_returns(inputs, tmp_path):
    from pipeline.batch.ingest import extract_batch
    from tests.test_batch_support import comparable

    class ThreeAtATime:       # an engine that extracts ahead, in pieces of its own size
        name = "local"

        def map_batches(self, batches):
            articles = [a for batch in batches for a in batch]
            for i in range(0, len(articles), 3):
                yield (articles[i:i + 3], *extract_batch(articles[i:i + 3]))

    out = tmp_path / "out"
    report = ingest(read_inputs([inputs]), out, batch_size=4, batch_seconds=0, engine=ThreeAtATime())
    assert (report.new, report.batches) == (6, 2)      # 3 + 3, never 6 in one commit of at most 4
    plain = ingest(read_inputs([inputs]), tmp_path / "plain", batch_size=4, batch_seconds=0)
    assert (plain.new, plain.batches) == (6, 2)        # 4 + 2
    for table in TABLES:
        if table != "runs":
            pd.testing.assert_frame_equal(comparable(out, table), comparable(tmp_path / "plain", table), obj=table)


def test_ingest_only_open_runs_are_read_when_a_run_starts(tmp_path, monkeypatch):
    """A run reads the records of the runs that started and did not end (their markers), not every
    record: what a run costs does not grow with the runs recorded. A folder without markers yet (a vnie
    before them) has all its records read once."""
    import pyarrow.parquet as pq

    from pipeline.batch import runs

    out = tmp_path / "out"
    read = []
    real = runs._status
    monkeypatch.setattr(runs, "_status", lambda path: read.append(path.name) or real(path))

    def record(status: str | None) -> runs.RunRecord:
        rec = runs.RunRecord(out, kind="run", inputs=["x"], engine="local", pipeline_version="t")
        rec.start()
        if status is not None:
            rec.finish(status=status, inputs_seen=0, new=0, updated=0, unchanged=0, duplicates=0, rows={},
                       errors=[])
        return rec

    first = record("ok")
    assert read == []                                      # a new folder: nothing to read
    for _ in range(3):
        record("ok")
    assert read == [] and list((out / ".vnie" / runs.OPEN_RUNS).iterdir()) == []
    killed = record(None)                                  # killed: its marker stays
    assert [p.name for p in (out / ".vnie" / runs.OPEN_RUNS).iterdir()] == [killed.path.name]
    last = record("ok")
    assert read == [killed.path.name]                      # only the open one was read ...
    status = {p.name: pq.read_table(p)["status"][0].as_py() for p in (out / "runs").iterdir()}
    assert status[killed.path.name] == "interrupted"       # ... and marked
    assert status[first.path.name] == status[last.path.name] == "ok"
    assert list((out / ".vnie" / runs.OPEN_RUNS).iterdir()) == []
    # a folder of a vnie before the markers: its killed run is found by reading every record once
    import shutil

    shutil.rmtree(out / ".vnie" / runs.OPEN_RUNS)
    legacy = record(None)
    (out / ".vnie" / runs.OPEN_RUNS / legacy.path.name).unlink()
    shutil.rmtree(out / ".vnie" / runs.OPEN_RUNS)
    read.clear()
    record("ok")
    assert sorted(read) == sorted(status) + [legacy.path.name]
    assert pq.read_table(legacy.path)["status"][0].as_py() == "interrupted"
    read.clear()
    record("ok")
    assert read == []
