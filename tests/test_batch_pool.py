"""The pool engine (``--engine pool --workers N``) gives the tables of the one-process run."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.batch.ingest import ingest
from pipeline.readers import read_inputs
from tests.test_batch_support import ARTICLES, assert_same_tables, engine_inputs, write_articles


@pytest.mark.slow
def test_pool_engine_gives_identical_tables(tmp_path, pinned_version, monkeypatch):
    from pipeline.batch.engine_pool import PoolEngine

    monkeypatch.setenv("VNIE_POOL_MIN_ARTICLES", "1")   # the 12 test articles are below the real threshold
    inputs, bad = engine_inputs(tmp_path)
    local = ingest([*bad, *read_inputs([inputs])], tmp_path / "local", batch_size=5)
    with PoolEngine(workers=2) as engine:
        pooled = ingest([*bad, *read_inputs([inputs])], tmp_path / "pool", batch_size=5, engine=engine)
        assert engine.started
    assert (pooled.new, pooled.batches, len(pooled.skipped)) == (local.new, local.batches, 1) == (12, 3, 1)
    assert pooled.rows == local.rows
    assert_same_tables(tmp_path / "pool", tmp_path / "local")
    with PoolEngine(workers=2) as engine:   # nothing new: no worker is started
        again = ingest(read_inputs([inputs]), tmp_path / "pool", batch_size=5, engine=engine)
        assert not engine.started
    assert (again.new, again.unchanged) == (0, 12)
    assert set(pd.read_parquet(tmp_path / "pool" / "runs")["engine"]) == {"pool"}


@pytest.mark.slow
def test_pool_engine_from_the_command_line(tmp_path, pinned_version, monkeypatch):
    from click.testing import CliRunner

    from pipeline.cli import cli

    inputs = write_articles(tmp_path / "in", {"hoi-nghi.txt": ARTICLES["hoi-nghi.txt"]})
    result = CliRunner().invoke(cli, ["run", str(inputs), "--out", str(tmp_path / "out"), "--engine", "pool",
                                      "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 new, 0 updated, 0 unchanged articles")
    assert list(pd.read_parquet(tmp_path / "out" / "runs")["engine"]) == ["pool"]
