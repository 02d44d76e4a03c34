"""The Dask engine on a two-worker LocalCluster gives the rows of the single-process run."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.article import InputError
from pipeline.batch.datasets import TABLES
from pipeline.batch.ingest import ingest
from pipeline.batch.version import pipeline_version
from pipeline.readers import read_inputs
from tests.test_batch_support import ARTICLES, comparable, variant, write_articles


@pytest.fixture()
def pinned_version(monkeypatch):
    """Driver and workers agree on the version even if a file changes while the test runs."""
    monkeypatch.setenv("VNIE_PIPELINE_VERSION", "dask-test")
    pipeline_version.cache_clear()
    yield
    monkeypatch.delenv("VNIE_PIPELINE_VERSION")
    pipeline_version.cache_clear()


@pytest.mark.slow
def test_dask_engine_gives_identical_rows(tmp_path, pinned_version):
    from pipeline.batch.engine_dask import DaskEngine

    articles = {**ARTICLES, **{f"b-{name}": variant(text, n) for n, (name, text) in enumerate(ARTICLES.items())}}
    inputs = write_articles(tmp_path / "in", articles)
    bad = [InputError("feed.jsonl", "line is not JSON", line=2)]
    local = ingest([*bad, *read_inputs([inputs])], tmp_path / "local", batch_size=5)
    with DaskEngine(workers=2, chunk_size=2) as engine:
        assert len(engine.client.scheduler_info()["workers"]) == 2
        remote = ingest([*bad, *read_inputs([inputs])], tmp_path / "dask", batch_size=5, engine=engine)
        again = ingest(read_inputs([inputs]), tmp_path / "dask", batch_size=5, engine=engine)
    assert (remote.new, remote.batches, len(remote.skipped)) == (local.new, local.batches, 1) == (12, 3, 1)
    assert remote.rows == local.rows
    assert (again.new, again.unchanged) == (0, 12)
    for name in TABLES:
        pd.testing.assert_frame_equal(comparable(tmp_path / "dask", name), comparable(tmp_path / "local", name),
                                      check_dtype=False, obj=name)
    runs = pd.read_parquet(tmp_path / "dask" / "runs")
    assert set(runs["engine"]) == {"dask"}
