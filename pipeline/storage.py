"""Parquet tables: typed by ``schemas.SCHEMAS``, written atomically, read back either shape."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schemas import SCHEMA_VERSION, SCHEMAS


def to_arrow(name: str, rows: list[dict]) -> pa.Table:
    """The rows as a table of the named schema (an empty table when there are none)."""
    schema = SCHEMAS[name].with_metadata({b"vnie.schema_version": str(SCHEMA_VERSION).encode()})
    return pa.Table.from_pylist(rows, schema=schema)


def write_atomic(table: pa.Table, path: Path) -> None:
    """Write ``table`` to ``path`` through a temporary file renamed into place.

    A crash at any moment leaves either the old file or the new one, never half of one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; tables are for every reader
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


_UMASK = _umask()


def write_tables(out_dir: Path, tables: dict[str, list[dict]]) -> dict[str, int]:
    """Write every table of the contract as ``out_dir/<name>.parquet``; rows written per table."""
    counts = {}
    for name in SCHEMAS:
        table = to_arrow(name, tables.get(name, []))
        write_atomic(table, Path(out_dir) / f"{name}.parquet")
        counts[name] = table.num_rows
    return counts


def read_table(out_dir: Path, name: str):
    """A table (pandas DataFrame) from ``out_dir/<name>.parquet`` or the dataset folder ``out_dir/<name>/``;
    when both are there (an ``extract`` into a ``run`` folder), the newer one."""
    import pandas as pd   # here only: a batch run that writes nothing never imports pandas

    out_dir = Path(out_dir)
    found = [c for c in (out_dir / f"{name}.parquet", out_dir / name) if c.exists()]
    if not found:
        return SCHEMAS[name].empty_table().to_pandas()
    return pd.read_parquet(max(found, key=lambda c: c.stat().st_mtime))
