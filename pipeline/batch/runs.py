"""The ``runs`` table: one Parquet file per run under ``OUT/runs/``, written at start and at end."""

from __future__ import annotations

import json
import logging
import os
import secrets
import socket
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.article import InputError
from pipeline.batch.datasets import TABLES
from pipeline.schemas import SCHEMA_VERSION
from pipeline.storage import write_atomic

log = logging.getLogger(__name__)

RUNS_DIR = "runs"
MAX_ERRORS_KEPT = 1000   # per run; the count column keeps the true number

ERROR = pa.struct([pa.field("source", pa.string()), pa.field("cause", pa.string())])
RUNS_SCHEMA = pa.schema([
    pa.field("run_id", pa.string(), nullable=False),
    pa.field("kind", pa.string()),              # run, crawl, reprocess, ingest (library call)
    pa.field("status", pa.string()),            # running, ok, partial, failed, interrupted
    pa.field("started_at", pa.timestamp("us", tz="UTC")),
    pa.field("ended_at", pa.timestamp("us", tz="UTC")),
    pa.field("pipeline_version", pa.string()),
    pa.field("schema_version", pa.int32()),
    pa.field("engine", pa.string()),            # local or dask
    pa.field("inputs", pa.list_(pa.string())),  # what was asked: paths, source names, URLs
    pa.field("inputs_seen", pa.int64()),        # articles and bad inputs met
    pa.field("articles_new", pa.int64()),
    pa.field("articles_updated", pa.int64()),
    pa.field("articles_unchanged", pa.int64()),
    pa.field("articles_duplicate", pa.int64()), # the same article_id again within the run
    pa.field("errors_count", pa.int64()),
    *[pa.field(f"rows_{t}", pa.int64()) for t in TABLES],
    pa.field("errors", pa.list_(ERROR)),        # source and cause of each skipped input (first 1000)
    pa.field("message", pa.string()),           # why a failed run stopped
    pa.field("host", pa.string()),
    pa.field("pid", pa.int64()),
], metadata={b"vnie.schema_version": str(SCHEMA_VERSION).encode(), b"vnie.table": b"runs"})


def new_run_id(now: datetime) -> str:
    """Sortable and unique: UTC start time (ms) plus a random suffix, e.g. ``20250726T013700.042Z-3f2a``."""
    return f"{now.strftime('%Y%m%dT%H%M%S')}.{now.microsecond // 1000:03d}Z-{secrets.token_hex(2)}"


class RunRecord:
    """The row of one run, rewritten atomically when the run starts and when it ends.

    out_dir (Path): the output folder.
    kind (str): run, crawl, reprocess or ingest.
    inputs (Iterable[str]): what the run was asked to read.
    engine (str): local or dask.
    pipeline_version (str): the version stamped on the rows.
    """

    def __init__(self, out_dir: Path, *, kind: str, inputs: Iterable[str], engine: str, pipeline_version: str):
        self.started_at = datetime.now(timezone.utc)
        self.run_id = new_run_id(self.started_at)
        self.path = Path(out_dir) / RUNS_DIR / f"run-{self.run_id}.parquet"
        self.row = {
            "run_id": self.run_id, "kind": kind, "status": "running", "started_at": self.started_at,
            "ended_at": None, "pipeline_version": pipeline_version, "schema_version": SCHEMA_VERSION,
            "engine": engine, "inputs": [str(i) for i in inputs], "inputs_seen": 0, "articles_new": 0,
            "articles_updated": 0, "articles_unchanged": 0, "articles_duplicate": 0, "errors_count": 0,
            **{f"rows_{t}": 0 for t in TABLES}, "errors": [], "message": None,
            "host": socket.gethostname(), "pid": os.getpid(),
        }

    def start(self) -> None:
        mark_interrupted(self.path.parent)
        self._write()

    def finish(self, *, status: str, inputs_seen: int, new: int, updated: int, unchanged: int,
               duplicates: int, rows: dict[str, int], errors: list[InputError], message: str | None = None) -> None:
        self.row.update({
            "status": status, "ended_at": datetime.now(timezone.utc), "inputs_seen": inputs_seen,
            "articles_new": new, "articles_updated": updated, "articles_unchanged": unchanged,
            "articles_duplicate": duplicates, "errors_count": len(errors),
            **{f"rows_{t}": int(rows.get(t, 0)) for t in TABLES},
            "errors": [{"source": e.source if e.line is None else f"{e.source}:{e.line}", "cause": e.cause}
                       for e in errors[:MAX_ERRORS_KEPT]],
            "message": message,
        })
        self._write()

    def _write(self) -> None:
        write_atomic(run_table(self.row), self.path)
        os.chmod(self.path, 0o644)


def run_table(row: dict) -> pa.Table:
    """One run's row as a table of ``RUNS_SCHEMA``, parsed from a JSON line by Arrow's own reader:
    pyarrow turns Python objects into arrays only after importing pandas (a quarter of a second,
    most of what a run with nothing new would cost), and a JSON line never goes through that path."""
    import io

    import pyarrow.json as pj

    line = json.dumps({k: v.isoformat() if isinstance(v, datetime) else v for k, v in row.items()})
    table = pj.read_json(io.BytesIO(line.encode("utf-8")), parse_options=pj.ParseOptions(
        explicit_schema=RUNS_SCHEMA, unexpected_field_behavior="error"))
    return pa.Table.from_arrays(table.columns, schema=RUNS_SCHEMA)   # run_id not null (a cast imports compute)


def mark_interrupted(runs_dir: Path) -> None:
    """Rewrite rows still ``running`` as ``interrupted``: call only while holding the run lock."""
    if not runs_dir.is_dir():
        return
    for path in sorted(runs_dir.glob("run-*.parquet")):
        try:
            status = pq.ParquetFile(path).read(columns=["status"])["status"]   # one column: runs add up
        except Exception:  # noqa: BLE001 - a foreign or broken file is left alone, not fatal
            log.warning("cannot read run record %s", path)
            continue
        if len(status) and status[0].as_py() == "running":
            row = pq.ParquetFile(path).read().to_pylist()[0]
            row["status"] = "interrupted"
            row["message"] = ("the run stopped before it ended (killed or crashed); its committed batches "
                              "are kept and a later run redoes the rest")
            write_atomic(run_table(row), path)


def read_runs(out_dir: Path):
    """Every run recorded under ``out_dir``, oldest first, as a pandas DataFrame (an empty frame when none)."""
    folder = Path(out_dir) / RUNS_DIR
    files = sorted(folder.glob("run-*.parquet")) if folder.is_dir() else []
    if not files:
        return RUNS_SCHEMA.empty_table().to_pandas()
    tables = []
    for path in files:
        try:
            table = pq.read_table(path)
            for f in RUNS_SCHEMA:  # a record written before a table was added has no rows_<table> column
                if f.name not in table.column_names:
                    table = table.append_column(f, pa.nulls(table.num_rows, f.type))
            tables.append(table.select(RUNS_SCHEMA.names).cast(RUNS_SCHEMA))
        except Exception:  # noqa: BLE001
            log.warning("cannot read run record %s", path)
    table = pa.concat_tables(tables) if tables else RUNS_SCHEMA.empty_table()
    return table.to_pandas().sort_values("started_at", kind="stable").reset_index(drop=True)
