"""Every core and flat memory: `vnie extract`, `run`, `reprocess` and `crawl` in a pool of workers give the
tables of one process; `vnie extract` streams rows to parts and a killed extract keeps the tables of before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from pipeline import storage
from pipeline.batch import engine_pool
from pipeline.cli import cli
from pipeline.run import run_extract
from pipeline.schemas import SCHEMAS
from tests.test_batch_support import assert_same_tables, engine_inputs

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold_dec"          # 25 annotated articles


def _tables(out: Path) -> dict:
    return {name: pq.read_table(out / f"{name}.parquet") for name in SCHEMAS}


def _assert_identical(out: Path, reference: Path) -> None:
    got, want = _tables(out), _tables(reference)
    for name in SCHEMAS:
        assert got[name].schema.metadata == want[name].schema.metadata, name
        assert got[name].equals(want[name]), name     # same rows, same order, same types


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    """The tables of the annotated set G' (gold_dec) from one process, all rows in memory (as before)."""
    out = tmp_path_factory.mktemp("one-process")
    report = run_extract([GOLD], out)
    assert report.processed == 25
    return out


def _spy_pool(monkeypatch) -> list[int]:
    """Chunk sizes submitted to worker processes."""
    submitted: list[int] = []
    real = engine_pool.ArticlePool.submit

    def submit(self, chunk):
        submitted.append(len(chunk))
        return real(self, chunk)

    monkeypatch.setattr(engine_pool.ArticlePool, "submit", submit)
    return submitted


def _spy_parts(monkeypatch) -> list[int]:
    """Articles per part file written by the streaming writer."""
    parts: list[int] = []
    real = storage.StreamedTables._flush

    def flush(self):
        if self.buffer:
            parts.append(len(self.buffer))
        return real(self)

    monkeypatch.setattr(storage.StreamedTables, "_flush", flush)
    return parts


@pytest.mark.slow
def test_extract_in_a_pool_streaming_parts_gives_the_tables_of_one_process(tmp_path, reference, monkeypatch):
    monkeypatch.setenv("VNIE_POOL_MIN_ARTICLES", "10")       # the 25 articles are below the real threshold
    monkeypatch.setattr(storage, "PART_ARTICLES", 4)
    submitted, parts = _spy_pool(monkeypatch), _spy_parts(monkeypatch)
    report = run_extract([GOLD], tmp_path, workers=2, keep_rows=False)
    assert (report.processed, report.skipped) == (25, [])
    assert sum(submitted) == 25 and max(submitted) == engine_pool.CHUNK_ARTICLES   # all went to the workers
    assert parts == [8, 8, 8, 1]            # rows went to disk in parts (a part holds whole chunks)
    assert report.tables == {}                                                     # and were not kept
    assert report.rows == {name: t.num_rows for name, t in _tables(reference).items()}
    _assert_identical(tmp_path, reference)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.parquet" for n in SCHEMAS)  # parts removed


@pytest.mark.slow
def test_extract_command_with_workers_gives_the_tables_of_workers_1(tmp_path, monkeypatch):
    monkeypatch.setenv("VNIE_POOL_MIN_ARTICLES", "5")
    submitted = _spy_pool(monkeypatch)
    one = CliRunner().invoke(cli, ["extract", str(GOLD), "--out", str(tmp_path / "one"), "--workers", "1"])
    assert one.exit_code == 0, one.output
    assert submitted == []                                    # --workers 1: this process only
    many = CliRunner().invoke(cli, ["extract", str(GOLD), "--out", str(tmp_path / "many"), "--workers", "2"])
    assert many.exit_code == 0, many.output
    assert sum(submitted) == 25
    assert one.output == many.output == "25 articles processed, 0 inputs skipped; 78 officials, 46 events, 198 counts, 84 dates\n"
    _assert_identical(tmp_path / "many", tmp_path / "one")


def test_few_articles_run_in_this_process_whatever_the_workers(tmp_path, monkeypatch):
    def refuse(self, chunk):
        raise AssertionError("a pool was started for 3 articles")

    monkeypatch.delenv("VNIE_POOL_MIN_ARTICLES", raising=False)
    monkeypatch.setattr(engine_pool.ArticlePool, "submit", refuse)
    report = run_extract([ROOT / "corpus"], tmp_path, workers=8, keep_rows=False)
    assert report.processed == 3 and engine_pool.pool_min_articles() == engine_pool.POOL_MIN_ARTICLES == 50


def test_pool_threshold_and_default_workers(monkeypatch):
    monkeypatch.setenv("VNIE_POOL_MIN_ARTICLES", "7")
    assert engine_pool.pool_min_articles() == 7
    monkeypatch.setenv("VNIE_POOL_MIN_ARTICLES", "0")
    assert engine_pool.pool_min_articles() == 1
    assert engine_pool.default_workers() == len(os.sched_getaffinity(0))
    assert engine_pool.PoolEngine(None).workers == engine_pool.default_workers()
    assert engine_pool.PoolEngine(1)._pool is None                       # --workers 1 never makes a pool
    assert [len(c) for c in engine_pool.chunks_of(range(19), 8)] == [8, 8, 3]


def test_default_workers_is_every_core_for_run(tmp_path):
    from pipeline.batch.config import load_run_config
    from pipeline.commands.batch import _engine

    config = load_run_config(overrides={"out": tmp_path})
    assert (config.engine, config.workers) == ("local", 0)
    engine = _engine(config)
    assert (engine.name, engine.workers) == ("local", engine_pool.default_workers())
    one = _engine(load_run_config(overrides={"out": tmp_path, "workers": 1}))
    assert one.workers == 1 and one._pool is None


KILLER = """
import os, signal, sys
from pathlib import Path
from pipeline import storage
from pipeline.run import run_extract

storage.PART_ARTICLES = 3
from pipeline.batch import engine_pool
engine_pool.LOCAL_PART_ARTICLES = 3
real = storage.StreamedTables._flush
def flush(self):
    real(self)
    if len(self.parts) == 3:               # three parts on disk: killed, as by the OOM killer
        os.kill(os.getpid(), signal.SIGKILL)
storage.StreamedTables._flush = flush
run_extract([Path(sys.argv[1])], Path(sys.argv[2]), workers=1, keep_rows=False)
"""


@pytest.mark.slow
def test_killed_extract_keeps_the_tables_of_before_and_the_next_one_cleans_up(tmp_path, reference):
    out = tmp_path / "out"
    first = run_extract([ROOT / "corpus"], out)               # the tables a killed run must not damage
    assert first.processed == 3
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed = subprocess.run([sys.executable, "-c", KILLER, str(GOLD), str(out)], env=env, capture_output=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
    leftovers = [p for p in out.iterdir() if p.name.startswith(storage.PARTS_PREFIX)]
    assert len(leftovers) == 1 and len(list(leftovers[0].iterdir())) == 3     # what was kept: the parts
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before   # tables untouched
    again = run_extract([GOLD], out, keep_rows=False)
    assert again.processed == 25
    _assert_identical(out, reference)
    assert not any(p.name.startswith(storage.PARTS_PREFIX) for p in out.iterdir())


def test_failed_extract_removes_its_parts_and_keeps_the_tables(tmp_path, monkeypatch):
    first = run_extract([ROOT / "corpus"], tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    monkeypatch.setattr(storage, "PART_ARTICLES", 1)

    def broken(self, name, index, order, linked_rows):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.StreamedTables, "_assemble", broken)
    with pytest.raises(OSError):
        run_extract([ROOT / "corpus"], tmp_path, keep_rows=False)
    assert first.processed == 3
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.slow
def test_run_and_reprocess_commands_with_workers_give_the_tables_of_workers_1(tmp_path, pinned_version, monkeypatch):
    monkeypatch.setenv("VNIE_POOL_MIN_ARTICLES", "1")
    inputs, _ = engine_inputs(tmp_path)
    submitted = _spy_pool(monkeypatch)
    for workers in ("1", "2"):
        result = CliRunner().invoke(cli, ["run", str(inputs), "--out", str(tmp_path / workers), "--workers", workers,
                                          "--batch-size", "5"])
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("12 new, 0 updated, 0 unchanged articles")
    assert sum(submitted) == 12                                  # --workers 2 only
    assert_same_tables(tmp_path / "2", tmp_path / "1")
    for workers in ("1", "2"):
        result = CliRunner().invoke(cli, ["reprocess", "--out", str(tmp_path / workers), "--workers", workers])
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("0 new, 12 updated")
    assert sum(submitted) == 24
    assert_same_tables(tmp_path / "2", tmp_path / "1")


@pytest.mark.slow
def test_crawl_command_with_workers_gives_the_tables_of_workers_1(tmp_path, pinned_version, monkeypatch):
    from pipeline.crawl.localsite import LocalSite

    monkeypatch.setenv("VNIE_POOL_MIN_ARTICLES", "1")
    submitted = _spy_pool(monkeypatch)
    config = tmp_path / "crawl.toml"
    config.write_text("[crawl]\nread_timeout = 1.0\nconnect_timeout = 1.0\nretries = 2\nbackoff_seconds = 0.01\n"
                      "backoff_max = 0.02\n", encoding="utf-8")
    with LocalSite(ROOT / "tests" / "resources" / "site") as site:
        for workers in ("1", "2"):
            result = CliRunner().invoke(cli, ["crawl", site.url("/"), "--out", str(tmp_path / workers), "--allow-host",
                                              "127.0.0.1", "--delay", "0", "--config", str(config),
                                              "--workers", workers])
            assert result.exit_code == 0, result.output
            assert "8 new, 0 updated, 0 unchanged articles" in result.output
    assert sum(submitted) == 8                                   # --workers 2 only
    assert_same_tables(tmp_path / "2", tmp_path / "1")


@pytest.mark.slow
def test_killed_run_takes_its_workers_with_it_and_the_next_run_completes(tmp_path):
    import psutil

    from tests.test_batch_support import ARTICLES, variant, write_articles

    texts = list(ARTICLES.values())
    inputs = write_articles(tmp_path / "in", {f"a{i}.txt": variant(texts[i % len(texts)], i) for i in range(40)})
    out = tmp_path / "out"
    env = {**os.environ, "VNIE_POOL_MIN_ARTICLES": "1", "VNIE_PIPELINE_VERSION": "kill-test", "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-c", "from pipeline.cli import cli; cli()", "run", str(inputs), "--out", str(out),
            "--workers", "2", "--batch-size", "8", "--stderr-level", "INFO"]
    proc = subprocess.Popen(args, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    for line in proc.stderr:                                   # the first batch is committed: kill mid-run
        if "committed batch 1:" in line:
            break
    workers = psutil.Process(proc.pid).children(recursive=True)
    assert len(workers) == 2                                   # the pool is running
    proc.kill()
    proc.wait()
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert alive == []                                         # no orphan keeps the run lock
    again = subprocess.run(args[:-2], env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    new, updated, unchanged = (int(w) for w in again.stdout.replace(",", "").split()[0:6:2])
    assert new + unchanged == 40 and unchanged >= 8 and updated == 0
