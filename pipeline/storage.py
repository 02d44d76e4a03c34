"""Parquet tables: typed by ``schemas.SCHEMAS``, written atomically, read back either shape."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from pipeline.schema_names import TABLES

# pyarrow (with numpy) and the schemas are imported by the functions that write or read a table: the run
# record of a `vnie run` with nothing new is written with ``replace_atomic`` and arro3, without them.


def to_arrow(name: str, rows: list[dict]):
    """The rows as a table of the named schema (an empty table when there are none)."""
    import pyarrow as pa

    from pipeline.schemas import SCHEMA_VERSION, SCHEMAS

    schema = SCHEMAS[name].with_metadata({b"vnie.schema_version": str(SCHEMA_VERSION).encode()})
    return pa.Table.from_pylist(rows, schema=schema)


def write_atomic(table, path: Path) -> None:
    """Write ``table`` (pyarrow) to ``path`` through a temporary file renamed into place.

    A crash at any moment leaves either the old file or the new one, never half of one.
    """
    import pyarrow.parquet as pq

    with _atomic_path(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")



def fsync_dir(path: Path) -> None:
    """Make a folder's entries (a rename into it) durable; nothing where folders cannot be opened."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

def replace_atomic(path: Path, write) -> None:
    """``write(tmp)`` writes a temporary file next to ``path``, then renamed over it (fsynced, readable
    by all): a crash at any moment leaves the old file or the new one, never half of one."""
    with _atomic_path(Path(path)) as tmp:
        write(tmp)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


_UMASK = _umask()


def write_tables(out_dir: Path, tables: dict[str, list[dict]]) -> dict[str, int]:
    """Write every table of the contract as ``out_dir/<name>.parquet``; rows written per table."""
    counts = {}
    for name in TABLES:
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
        from pipeline.schemas import SCHEMAS

        return SCHEMAS[name].empty_table().to_pandas()
    return pd.read_parquet(max(found, key=lambda c: c.stat().st_mtime))


# --- `vnie extract` on any number of articles: rows streamed to parts, tables assembled at the end ---

PART_ARTICLES = 200          # articles whose rows are held before they go to a part file on disk
PARTS_PREFIX = ".vnie-parts-"
_LINK_DROP = ("text", "evidence")   # columns linking never reads: not kept in memory for it
_LINKED_COLUMNS = {"officials": ("person_id",), "events": ("participants", "story_id")}
_WRITE_ROWS = 16_384         # rows per write to a final table (one row group each)
_PART_TABLES = tuple(t for t in TABLES if t not in ("persons", "stories"))   # the rest is made by linking


class StreamedTables:
    """The tables of ``vnie extract`` with memory flat in the number of articles.

    Each article's rows (before linking) are added as they are extracted; every PART_ARTICLES
    articles they go to a part file per table under ``OUT/.vnie-parts-<pid>/``, ordered by article
    id. Only the columns linking reads are kept in memory (not the text nor the evidence). At
    ``finish`` the articles are linked (person and story ids, ``persons``, ``stories``) and each
    table is assembled from the parts in article-id order, with the linked ids, into a temporary
    file renamed over ``OUT/<table>.parquet``: the tables are exactly those of the all-in-memory
    path (``write_tables``), which an input of at most PART_ARTICLES articles still takes.

    A run killed before ``finish`` leaves the tables that were there before, untouched, and its
    parts folder, which the next ``vnie extract`` into OUT removes (its process is gone).
    link (Callable): ``pipeline.linking.link_tables``.
    """

    def __init__(self, out_dir: Path, link, part_articles: int | None = None):
        self.out_dir = Path(out_dir)
        self.link = link
        self.part_articles = max(1, part_articles or PART_ARTICLES)
        self.buffer: dict[str, dict[str, list[dict]]] = {}
        self.for_linking: dict[str, dict[str, list[dict]]] = {}
        self.where: dict[str, tuple[int, tuple[int, ...]]] = {}   # article id -> (part, rows per table)
        self.parts: list[Path] = []
        self.parts_dir: Path | None = None
        _remove_stale_parts(self.out_dir)

    def __len__(self) -> int:
        return len(self.for_linking)

    def add(self, per_article: dict[str, dict[str, list[dict]]]) -> None:
        """Rows of some articles, ``{article_id: {table: rows}}``; an article already added is ignored."""
        for aid, tables in per_article.items():
            if aid in self.for_linking:
                continue
            self.buffer[aid] = tables
            self.for_linking[aid] = {t: [{k: v for k, v in r.items() if k not in _LINK_DROP} for r in tables.get(t, ())]
                                     for t in ("articles", "officials", "events", "counts")}
            self.where[aid] = (len(self.parts), tuple(len(tables.get(t, ())) for t in _PART_TABLES))
        if len(self.buffer) >= self.part_articles:
            self._flush()

    def _flush(self) -> None:
        from pipeline.run import merge_rows

        if not self.buffer:
            return
        if self.parts_dir is None:
            self.parts_dir = self.out_dir / f"{PARTS_PREFIX}{os.getpid()}"
            shutil.rmtree(self.parts_dir, ignore_errors=True)
            self.parts_dir.mkdir(parents=True)
        part = self.parts_dir / f"part-{len(self.parts):05d}"
        part.mkdir()
        import pyarrow.parquet as pq

        merged = merge_rows(self.buffer)
        for name in _PART_TABLES:
            rows = merged.get(name, [])
            pq.write_table(to_arrow(name, rows), part / f"{name}.parquet", compression="lz4", row_group_size=2048)
        self.parts.append(part)
        self.buffer = {}

    def finish(self) -> dict[str, int]:
        """Link, write every table as ``OUT/<table>.parquet`` and remove the parts; rows per table."""
        from pipeline.run import merge_rows

        if not self.parts:   # everything still in memory: the tables as write_tables writes them
            return write_tables(self.out_dir, self.link(merge_rows(self.buffer)))
        self._flush()
        linked = self.link(merge_rows(self.for_linking))
        self.for_linking = {}
        order = sorted(self.where)
        counts = {}
        try:
            for i, name in enumerate(_PART_TABLES):
                counts[name] = self._assemble(name, i, order, linked.get(name, []))
            for name in TABLES:
                if name not in _PART_TABLES:
                    table = to_arrow(name, linked.get(name, []))
                    write_atomic(table, self.out_dir / f"{name}.parquet")
                    counts[name] = table.num_rows
        finally:
            shutil.rmtree(self.parts_dir, ignore_errors=True)
        return {name: counts[name] for name in TABLES}

    def discard(self) -> None:
        """Remove the parts written so far (a failed run); the tables are left as they were."""
        if self.parts_dir is not None:
            shutil.rmtree(self.parts_dir, ignore_errors=True)

    def _assemble(self, name: str, index: int, order: list[str], linked_rows: list[dict]) -> int:
        """``OUT/<name>.parquet`` from the parts, in article-id order, with the linked columns."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = to_arrow(name, []).schema
        cursors = [_Cursor(part / f"{name}.parquet") for part in self.parts]
        replace = [(schema.get_field_index(c), c) for c in _LINKED_COLUMNS.get(name, ())]
        written = 0

        def runs():  # (part, rows) of consecutive articles of one part, in article-id order
            part, n = None, 0
            for aid in order:
                where, sizes = self.where[aid]
                if not sizes[index]:
                    continue
                if where != part and n:
                    yield part, n
                    n = 0
                part, n = where, n + sizes[index]
            if n:
                yield part, n

        with _atomic_path(self.out_dir / f"{name}.parquet") as tmp, \
                pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            batches, held = [], 0

            def write() -> None:
                nonlocal written, batches, held
                table = pa.Table.from_batches(batches).cast(schema) if batches else schema.empty_table()
                for i, column in replace:
                    values = [r[column] for r in linked_rows[written:written + table.num_rows]]
                    table = table.set_column(i, schema.field(i), pa.array(values, schema.field(i).type))
                writer.write_table(table)
                written += table.num_rows
                batches, held = [], 0

            for part, n in runs():
                for batch in cursors[part].take(n):
                    batches.append(batch)
                    held += batch.num_rows
                if held >= _WRITE_ROWS:
                    write()
            if batches or not written:
                write()
        return written


class _Cursor:
    """Rows of a part file taken in order, a row group at a time."""

    def __init__(self, path: Path):
        import pyarrow.parquet as pq

        self.batches = pq.ParquetFile(path).iter_batches(batch_size=2048)
        self.batch = None   # pa.RecordBatch
        self.pos = 0

    def take(self, n: int) -> list:
        out = []
        while n > 0:
            if self.batch is None or self.pos >= self.batch.num_rows:
                self.batch, self.pos = next(self.batches), 0
                continue
            k = min(n, self.batch.num_rows - self.pos)
            out.append(self.batch.slice(self.pos, k))
            self.pos += k
            n -= k
        return out


@contextmanager
def _atomic_path(path: Path):
    """A temporary path next to ``path``, renamed over it (fsynced, readable by all) when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale_parts(out_dir: Path) -> None:
    """Parts folders left in ``out_dir`` by an extract that was killed (its process is gone)."""
    if not out_dir.is_dir():
        return
    for folder in out_dir.glob(f"{PARTS_PREFIX}*"):
        try:
            pid = int(folder.name[len(PARTS_PREFIX):])
            os.kill(pid, 0)
        except ValueError:
            continue
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except PermissionError:   # another user's live process
            continue
