"""The datasets read in one line each: pandas, deltalake, polars and DuckDB (no extension download)."""

from __future__ import annotations

import duckdb
import pandas as pd
import polars as pl
import pytest
from click.testing import CliRunner
from deltalake import DeltaTable

from pipeline.batch.datasets import LINKED_TABLES, TABLES
from pipeline.batch.ingest import ingest
from pipeline.cli import cli
from pipeline.readers import read_inputs
from tests.test_batch_support import ARTICLES, write_articles


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    root = tmp_path_factory.mktemp("readers")
    ingest(read_inputs([write_articles(root / "in")]), root / "out", batch_size=2)
    return root / "out"


def _glob(p) -> str:
    return f"{p}/*.parquet" if p.name in LINKED_TABLES else f"{p}/month=*/*.parquet"


@pytest.mark.parametrize("name", TABLES)
def test_readers_agree_on_every_table(out, name):
    p = out / name
    key = LINKED_TABLES.get(name, "article_id")
    by_pandas = pd.read_parquet(p)
    by_delta = DeltaTable(str(p)).to_pandas()
    by_polars = pl.read_delta(str(p))
    by_scan = pl.scan_parquet(_glob(p), hive_partitioning=True).collect()
    by_duckdb = duckdb.sql(f"SELECT * FROM read_parquet('{_glob(p)}', hive_partitioning=true)").df()
    want = sorted(by_pandas[key])
    assert len(want) > 0
    for got in (by_delta[key], by_polars[key], by_scan[key], by_duckdb[key]):
        assert sorted(got) == want
    if name not in LINKED_TABLES:
        months = sorted(set(by_pandas["month"].astype(str)))
        assert sorted(set(by_polars["month"])) == months == sorted(set(by_duckdb["month"]))


def test_readers_see_the_articles_and_their_months(out):
    arts = pd.read_parquet(out / "articles")
    assert len(arts) == len(ARTICLES) == 6
    assert sorted(set(arts["month"].astype(str))) == ["2023-11", "2024-03", "2024-04", "unknown"]
    months = duckdb.sql(f"SELECT DISTINCT month FROM read_parquet('{out}/articles/month=*/*.parquet', "
                        "hive_partitioning=true) ORDER BY 1").fetchall()
    assert [m for (m,) in months] == ["2023-11", "2024-03", "2024-04", "unknown"]


def test_readers_time_travel_with_keep_versions_from_the_command_line(tmp_path):
    inputs = write_articles(tmp_path / "in")
    out = tmp_path / "out"
    first = CliRunner().invoke(cli, ["run", str(inputs / "hoi-nghi.txt"), "--out", str(out),
                                     "--set", "run.keep_versions=5"])
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(cli, ["run", str(inputs), "--out", str(out), "--set", "run.keep_versions=5"])
    assert second.exit_code == 0, second.output
    dt = DeltaTable(str(out / "articles"))
    assert len(dt.to_pandas()) == 6
    assert len(DeltaTable(str(out / "articles"), version=0).to_pandas()) == 1   # the first run's table
    # a plain Parquet reader of the folder would now also see older versions' files: Delta readers only
    assert len(pl.read_delta(str(out / "articles"), version=0)) == 1


def test_readers_status_shows_each_commits_run(out):
    result = CliRunner().invoke(cli, ["status", "--out", str(out)])
    assert result.exit_code == 0, result.output
    runs = pd.read_parquet(out / "runs")
    [run_id] = list(runs["run_id"])
    history = [line for line in result.stdout.splitlines() if line.startswith("  articles v")]
    assert history and all(f"by run {run_id} (pipeline " in line for line in history)
    assert any(": WRITE by run" in line for line in history)
