"""The ``runs`` table: one Parquet file per run under ``OUT/runs/``, written at start and at end.

A run record is written and read with arro3 (``arro3-io``: Arrow and Parquet in Rust, no numpy), not
pyarrow: a `vnie run` that finds nothing new never imports pyarrow and numpy (with them, most of its cost).
``RUNS_SCHEMA`` is the same schema as a pyarrow schema, for readers (made when first asked for).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import socket
from collections.abc import Iterable
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from pipeline.article import InputError
from pipeline.batch.lock import meta_dir
from pipeline.schema_names import SCHEMA_VERSION, TABLES
from pipeline.storage import fsync_dir, replace_atomic

log = logging.getLogger(__name__)

RUNS_DIR = "runs"
OPEN_RUNS = "open-runs"  # .vnie/open-runs/<record name>: a run started and not yet ended (see mark_interrupted)
MAX_ERRORS_KEPT = 1000   # per run; the count column keeps the true number
COMPRESSION = "zstd(1)"  # zstd at pyarrow's default level


@lru_cache(maxsize=1)
def runs_schema():
    """The schema of a run record, as an arro3 schema (``pa.schema(runs_schema())`` gives pyarrow's)."""
    from arro3.core import DataType as T
    from arro3.core import Field as F
    from arro3.core import Schema

    error = T.struct([F("source", T.string()), F("cause", T.string())])
    return Schema([
        F("run_id", T.string(), nullable=False),
        F("kind", T.string()),              # run, crawl, reprocess, ingest (library call)
        F("status", T.string()),            # running, ok, partial, failed, interrupted
        F("started_at", T.timestamp("us", tz="UTC")),
        F("ended_at", T.timestamp("us", tz="UTC")),
        F("pipeline_version", T.string()),
        F("schema_version", T.int32()),
        F("engine", T.string()),            # local or dask
        F("inputs", T.list(F("item", T.string()))),  # what was asked: paths, source names, URLs
        F("inputs_seen", T.int64()),        # articles and bad inputs met
        F("articles_new", T.int64()),
        F("articles_updated", T.int64()),
        F("articles_unchanged", T.int64()),
        F("articles_duplicate", T.int64()), # the same article_id again within the run
        F("errors_count", T.int64()),
        *[F(f"rows_{t}", T.int64()) for t in TABLES],
        F("errors", T.list(F("item", error))),   # source and cause of each skipped input (first 1000)
        F("message", T.string()),           # why a failed run stopped
        F("host", T.string()),
        F("pid", T.int64()),
    ], metadata={"vnie.schema_version": str(SCHEMA_VERSION), "vnie.table": "runs"})


def __getattr__(name: str):
    if name == "RUNS_SCHEMA":   # pyarrow's schema of a run record, for readers (imports pyarrow)
        import pyarrow as pa

        return pa.schema(runs_schema())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
        self.marker = meta_dir(out_dir) / OPEN_RUNS / self.path.name
        self.row = {
            "run_id": self.run_id, "kind": kind, "status": "running", "started_at": self.started_at,
            "ended_at": None, "pipeline_version": pipeline_version, "schema_version": SCHEMA_VERSION,
            "engine": engine, "inputs": [str(i) for i in inputs], "inputs_seen": 0, "articles_new": 0,
            "articles_updated": 0, "articles_unchanged": 0, "articles_duplicate": 0, "errors_count": 0,
            **{f"rows_{t}": 0 for t in TABLES}, "errors": [], "message": None,
            "host": socket.gethostname(), "pid": os.getpid(),
        }

    def start(self) -> None:
        mark_interrupted(self.path.parent, self.marker.parent)
        self.marker.parent.mkdir(parents=True, exist_ok=True)
        self.marker.touch()            # before the record: a run killed at any point leaves its marker
        fsync_dir(self.marker.parent)
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
        self.marker.unlink(missing_ok=True)   # ended: the next run need not look at this record

    def _write(self) -> None:
        write_run(self.row, self.path)
        os.chmod(self.path, 0o644)


def run_table(row: dict):
    """One run's row as an (arro3) table of ``runs_schema()``, parsed from a JSON line by Arrow's reader."""
    import io

    from arro3.io import read_json

    schema = runs_schema()
    unknown = set(row) - set(schema.names)
    if unknown:
        raise ValueError(f"not columns of the runs table: {', '.join(sorted(unknown))}")
    line = json.dumps({k: v.isoformat() if isinstance(v, datetime) else v for k, v in row.items()})
    return read_json(io.BytesIO(line.encode("utf-8")), schema).read_all()


def write_run(row: dict, path: Path) -> None:
    """One run's record written atomically to ``path`` (zstd Parquet, as pyarrow wrote them before)."""
    from arro3.io import write_parquet

    table = run_table(row)
    replace_atomic(path, lambda tmp: write_parquet(table, tmp, compression=COMPRESSION))


def _status(path: Path) -> str | None:
    """The ``status`` of the run record at ``path`` (read by arro3: a record is a few kilobytes)."""
    from arro3.io import read_parquet

    table = read_parquet(path).read_all()
    column = table["status"].to_pylist()
    return column[0] if column else None


def mark_interrupted(runs_dir: Path, open_runs: Path | None = None) -> None:
    """Rewrite rows still ``running`` as ``interrupted``: call only while holding the run lock.

    open_runs (Path | None): the folder of markers of runs started and not ended (``RunRecord``): only
        their records are read, so the cost does not grow with the number of runs recorded. Without it,
        or when it does not exist yet (a folder of a vnie before the markers), every record is read.
    """
    if open_runs is not None and open_runs.is_dir():
        for marker in sorted(open_runs.iterdir()):
            path = runs_dir / marker.name
            if path.is_file():
                _mark_if_running(path)
            marker.unlink(missing_ok=True)
        return
    if runs_dir.is_dir():
        for path in sorted(runs_dir.glob("run-*.parquet")):
            _mark_if_running(path)
    if open_runs is not None:
        open_runs.mkdir(parents=True, exist_ok=True)   # from now on the markers tell which runs are open


def _mark_if_running(path: Path) -> None:
    """Rewrite the record at ``path`` as ``interrupted`` if it is still ``running``."""
    try:
        status = _status(path)
    except Exception:  # noqa: BLE001 - a foreign or broken file is left alone, not fatal
        log.warning("cannot read run record %s", path)
        return
    if status == "running":
        import pyarrow.parquet as pq   # a run that was killed: rare, pyarrow reads its whole row

        row = pq.ParquetFile(path).read().to_pylist()[0]
        row["status"] = "interrupted"
        row["message"] = ("the run stopped before it ended (killed or crashed); its committed batches "
                          "are kept and a later run redoes the rest")
        write_run(row, path)


def read_runs(out_dir: Path):
    """Every run recorded under ``out_dir``, oldest first, as a pandas DataFrame (an empty frame when none)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    RUNS_SCHEMA = pa.schema(runs_schema())   # noqa: N806
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
