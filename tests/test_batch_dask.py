"""The Dask engine on a two-worker LocalCluster gives the rows of the single-process run."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.batch.ingest import ingest
from pipeline.readers import read_inputs
from tests.test_batch_support import assert_same_tables, engine_inputs


@pytest.mark.slow
def test_dask_engine_gives_identical_rows(tmp_path, pinned_version):
    from pipeline.batch.engine_dask import DaskEngine

    inputs, bad = engine_inputs(tmp_path)
    local = ingest([*bad, *read_inputs([inputs])], tmp_path / "local", batch_size=5)
    with DaskEngine(workers=2, chunk_size=2) as engine:
        assert len(engine.client.scheduler_info()["workers"]) == 2
        remote = ingest([*bad, *read_inputs([inputs])], tmp_path / "dask", batch_size=5, engine=engine)
        again = ingest(read_inputs([inputs]), tmp_path / "dask", batch_size=5, engine=engine)
    assert (remote.new, remote.batches, len(remote.skipped)) == (local.new, local.batches, 1) == (12, 3, 1)
    assert remote.rows == local.rows
    assert (again.new, again.unchanged) == (0, 12)
    assert_same_tables(tmp_path / "dask", tmp_path / "local")
    runs = pd.read_parquet(tmp_path / "dask" / "runs")
    assert set(runs["engine"]) == {"dask"}
