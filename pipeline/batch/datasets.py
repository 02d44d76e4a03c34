"""Partitioned Parquet datasets that change only by atomic snapshot swaps, upserted by ``article_id``.

Layout of an output folder::

    outputs/officials -> .vnie/tables/officials/v00000042     (a symlink: the current snapshot)
    outputs/.vnie/tables/officials/v00000042/_vnie.json       (table, schema_version, generation)
    outputs/.vnie/tables/officials/v00000042/month=2025-07/part-00000042-0.parquet

``pandas.read_parquet("outputs/officials")``, DuckDB
(``read_parquet('outputs/officials/**/*.parquet', hive_partitioning=true)``) and
Spark read the folder as one hive-partitioned dataset. Every table but
``persons`` and ``stories`` (kept by ``pipeline/linking``, one file each) is
partitioned by the article's publication month (``month=YYYY-MM``,
``YYYY-00`` when only the year is known, ``unknown`` when no date is), so all rows
of one article sit in one fragment of one month folder of each table. A commit
first links the batch against the stored rows (``pipeline/linking/dataset.py``):
stored articles whose person or story ids change are re-emitted in the same batch.

A batch is committed in two phases. (1) New snapshot folders are staged: files of
untouched months are hard links to the current ones, fragments that held replaced
articles are rewritten without them, new rows go to a new fragment. Files are never
changed in place. (2) A journal naming the staged snapshots is written atomically,
then each table's symlink is replaced by an atomic rename, ``articles`` last, then
the journal is removed. A crash before the journal leaves every table as it was; a
crash after it leaves each table either before or after the batch, and the next
run (or ``Store.prepare``) finishes the swaps. Readers always see whole snapshots.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from pipeline.batch.lock import meta_dir
from pipeline.linking.dataset import linked_table, record_stats, relink
from pipeline.schemas import SCHEMA_VERSION, SCHEMAS
from pipeline.storage import write_atomic

log = logging.getLogger(__name__)

PARTITION = "month"
ARTICLE_TABLES = ("articles", "officials", "mentions", "events", "counts", "dates")
TABLES = ARTICLE_TABLES + ("persons", "stories")
LINKED_TABLES = {"persons": "person_id", "stories": "story_id"}  # kept by pipeline/linking, not partitioned
# ``articles`` goes last: an article whose ``articles`` row is committed has its rows in every table.
COMMIT_ORDER = ("officials", "mentions", "events", "counts", "dates", "persons", "stories", "articles")
MANIFEST = "_vnie.json"          # leading underscore: pyarrow, DuckDB globs on *.parquet and Spark skip it
JOURNAL = "journal.json"
LAYOUT_VERSION = 1
SMALL_FRAGMENT_ROWS = 100_000    # fragments below this many rows are merged once there are too many
MAX_SMALL_FRAGMENTS = 8          # per month folder: bounds the file count of nightly appends
SNAPSHOT_GRACE_SECONDS = 300     # older snapshots stay this long for readers that resolved a link before a swap
UNKNOWN_MONTH = "unknown"
# Fault injection for the crash tests only: a pause between two swaps widens the window a SIGKILL must hit.
SWAP_PAUSE = float(os.environ.get("VNIE_TEST_SWAP_PAUSE", "0") or 0)

EXTRA_FIELDS = [
    pa.field("pipeline_version", pa.string()),            # the vnie version and code digest that made the row
    pa.field("processed_at", pa.timestamp("us", tz="UTC")),  # when the batch that wrote the row ran
]


class DatasetError(RuntimeError):
    """An output folder vnie cannot safely write to; the message says how to fix it."""

    exit_code = 2


class DatasetVersionError(DatasetError):
    """A dataset written with another schema version."""


class DatasetNewerError(DatasetVersionError):
    """A dataset written by a newer vnie: never downgraded, not even by ``vnie reprocess``."""


def dataset_schema(name: str) -> pa.Schema:
    """The Arrow schema of a dataset table: the table's schema plus the batch columns.

    name (str): a table of ``pipeline.schemas.SCHEMAS``.
    RETURNS (pa.Schema): with ``pipeline_version``, ``processed_at`` (and, for
        ``articles``, ``content_hash``) appended and ``vnie.schema_version`` metadata.
    """
    extra = list(EXTRA_FIELDS)
    if name == "articles":
        extra.insert(0, pa.field("content_hash", pa.string()))  # decides "unchanged" on the next run
    return pa.schema(list(SCHEMAS[name]) + extra, metadata={
        b"vnie.schema_version": str(SCHEMA_VERSION).encode(), b"vnie.table": name.encode()})


def month_of(published: str | None) -> str:
    """The partition of an article: ``YYYY-MM``, ``YYYY-00`` (year only) or ``unknown``.

    published (str | None): the article's ISO publication string at its precision.
    RETURNS (str): never all digits, so readers always infer a string partition.
    """
    if published and len(published) >= 7 and published[:4].isdigit() and published[5:7].isdigit():
        return published[:7]
    if published and len(published) >= 4 and published[:4].isdigit():
        return f"{published[:4]}-00"
    return UNKNOWN_MONTH


@dataclass(frozen=True)
class Stored:
    """What the store knows of an article already in it."""

    content_hash: str | None
    pipeline_version: str | None
    month: str
    processed_at: datetime | None = None


@dataclass
class Change:
    """One batch to commit: new rows per article table, and articles whose stored rows go.

    rows (dict): table name to rows (dicts of the table's columns); every article
        in ``rows["articles"]`` replaces whatever the store held for it.
    replaced (dict): article_id to the month its stored rows are in.
    """

    rows: dict[str, list[dict]]
    replaced: dict[str, str] = field(default_factory=dict)


class Store:
    """The datasets under one output folder. Use under ``run_lock``; call ``prepare()`` first.

    out_dir (Path): the output folder.
    """

    def __init__(self, out_dir: Path):
        self.root = Path(out_dir)
        self.meta = meta_dir(self.root)
        self.tables_dir = self.meta / "tables"
        self.generation = 0
        self.rebuild = False   # tables of an older schema: the next commit starts every table afresh
        self.redo_months: set[str] = set()   # months whose damaged fragments were moved aside: re-extract them
        self.linked_all = False               # persons or stories were damaged: the next commit relinks them all

    # -- paths and snapshots --------------------------------------------------

    def link(self, name: str) -> Path:
        return self.root / name

    def current(self, name: str) -> Path | None:
        """The snapshot folder the table's link points to, or None when the table is absent."""
        link = self.link(name)
        if link.is_symlink():
            target = link.resolve()
            if not (target / MANIFEST).exists() and not any(target.rglob("*.parquet")):
                return None  # emptied by hand (e.g. ``rm -rf outputs/*/``): start the table afresh
            return target
        if link.exists():
            raise DatasetError(
                f"{link} is a plain folder, not a dataset kept by `vnie run`; move it away "
                f"or choose another --out (vnie keeps each table as a link to a snapshot in {self.tables_dir})")
        return None

    def manifest(self, name: str) -> dict | None:
        snap = self.current(name)
        if snap is None:
            return None
        try:
            return json.loads((snap / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DatasetError(f"{self.link(name)} has no readable {MANIFEST} ({exc}); "
                               "it was not written by `vnie run`") from None

    # -- opening --------------------------------------------------------------

    def prepare(self, *, allow_old_schema: bool = False) -> None:
        """Finish an interrupted commit, drop leftovers, and check every table's schema version.

        allow_old_schema (bool): do not raise on an older schema (``vnie reprocess`` rebuilds it).
        RETURNS: None. Raises ``DatasetVersionError`` for a dataset of another schema version.
        """
        self.check_not_newer()  # before anything is touched
        self.tables_dir.mkdir(parents=True, exist_ok=True)
        self._move_legacy_files()
        self.recover()
        self.check_fragments()
        if self.current("articles") is None and any(self.current(t) is not None for t in TABLES[1:]):
            # Rows without their articles cannot be upserted (the articles table is the index): start afresh.
            log.warning("%s has tables but no articles table: they are rebuilt from this run's articles", self.root)
            self.rebuild = True
        self.generation = self._max_generation()
        self.collect_garbage()
        try:
            self.check_schema()
        except DatasetVersionError:
            if not allow_old_schema:
                raise
            self.rebuild = True

    def check_fragments(self) -> None:
        """Look at every file of every table's current snapshot; deal with what is not a sound fragment.

        A stray file (not Parquet, not ours) is moved aside to ``.vnie/quarantine/``: it holds no rows.
        A damaged fragment of a table rebuilt from the stored articles (officials, mentions, events,
        counts, dates, persons) is moved aside too, and its month is re-extracted by the next commit.
        A damaged ``articles`` fragment cannot be rebuilt: ``DatasetError`` naming it, nothing moved.
        Every move is logged with both paths.
        """
        damaged: list[tuple[str, Path, Path, str]] = []
        for name in TABLES:
            snap = self.current(name)
            if snap is None:
                continue
            for path in sorted(snap.rglob("*")):
                if path.is_dir() or path.name == MANIFEST:
                    continue
                problem = _fragment_problem(path, name)
                if problem:
                    damaged.append((name, snap, path, problem))
        for name, snap, path, problem in damaged:
            if name == "articles" and _is_fragment(path):
                raise DatasetError(
                    f"{self.link(name) / path.relative_to(snap)} is damaged ({problem}); the stored articles "
                    f"cannot be rebuilt without it, so nothing was changed. Restore the file from a backup, "
                    f"or move {self.root} aside and run again to start afresh.")
        for name, snap, path, problem in damaged:
            rel = path.relative_to(snap)
            aside = self.meta / "quarantine" / name / snap.name / rel
            aside.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, aside)
            shown = self.link(name) / rel
            if not _is_fragment(path):
                log.warning("moved the stray file %s (%s) to %s", shown, problem, aside)
                continue
            log.warning("moved the damaged fragment %s (%s) to %s; its rows are rebuilt from the stored articles",
                        shown, problem, aside)
            if name in LINKED_TABLES:
                self.linked_all = True
            else:
                part = rel.parts[0] if len(rel.parts) > 1 else ""
                self.redo_months.add(part.split("=", 1)[1] if part.startswith(f"{PARTITION}=") else UNKNOWN_MONTH)

    def check_not_newer(self) -> None:
        """Raise ``DatasetNewerError`` if any table was written with a newer schema than this vnie's."""
        for name in TABLES:
            found = self.schema_version(name)
            if found is not None and found > SCHEMA_VERSION:
                raise DatasetNewerError(
                    f"{self.link(name)} was written with schema version {found}, newer than this vnie's "
                    f"version {SCHEMA_VERSION}: nothing was changed. Use the vnie that wrote it (or a newer "
                    f"one) on {self.root}, or choose another --out; `vnie reprocess` never downgrades.")

    def check_schema(self) -> None:
        self.check_not_newer()
        for name in TABLES:
            found = self.schema_version(name)
            if found is not None and found != SCHEMA_VERSION:
                raise DatasetVersionError(
                    f"{self.link(name)} was written with schema version {found}; this vnie "
                    f"writes version {SCHEMA_VERSION}. Rebuild every table from the stored articles "
                    f"with `vnie reprocess --out {self.root}` (no network needed), or use another --out.")

    def schema_version(self, name: str) -> int | None:
        man = self.manifest(name)
        return None if man is None else int(man.get("schema_version", 0))

    def recover(self) -> bool:
        """Finish the swaps of a journal left by a killed commit; True if there was one."""
        journal = self.meta / JOURNAL
        if not journal.exists():
            return False
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))
        except ValueError:
            journal.unlink()  # written atomically, so unreadable means not ours: nothing was swapped
            return False
        log.warning("finishing the commit of generation %s interrupted by a crash", plan.get("generation"))
        for name in COMMIT_ORDER:
            if name in plan["tables"]:
                self._swap(name, self.tables_dir / name / plan["tables"][name])
        _fsync_dir(self.root)
        journal.unlink()
        return True

    def collect_garbage(self) -> None:
        """Remove snapshots other than the current, the one before it and those made in the last
        SNAPSHOT_GRACE_SECONDS (all kept for readers mid-read)."""
        now = time.time()
        for name in TABLES:
            folder = self.tables_dir / name
            if not folder.is_dir():
                continue
            cur = self.current(name) if self.link(name).is_symlink() else None
            versions = sorted(p for p in folder.iterdir() if p.is_dir() and p.name.startswith("v"))
            keep = set()
            if cur is not None:
                keep.add(cur.name)
                older = [v.name for v in versions if v.name < cur.name]
                if older:
                    keep.add(older[-1])
            for v in versions:
                if v.name not in keep and (cur is None or now - v.stat().st_mtime >= SNAPSHOT_GRACE_SECONDS):
                    shutil.rmtree(v, ignore_errors=True)
        for stray in self.meta.glob(".link-*"):
            stray.unlink(missing_ok=True)

    def _max_generation(self) -> int:
        gens = [int(v.name[1:]) for v in self.tables_dir.glob("*/v*") if v.name[1:].isdigit()]
        return max(gens, default=0)

    def _move_legacy_files(self) -> None:
        for name in TABLES:
            legacy = self.root / f"{name}.parquet"
            if legacy.is_file():
                aside = self.meta / "replaced" / legacy.name
                aside.parent.mkdir(parents=True, exist_ok=True)
                os.replace(legacy, aside)
                log.warning("moved %s (written by `vnie extract`) to %s: this folder now holds datasets",
                            legacy, aside)

    # -- reading --------------------------------------------------------------

    def read(self, name: str, columns: list[str] | None = None, filter=None) -> pa.Table:
        """The current snapshot of a table (with its ``month`` column), or an empty table."""
        return read_snapshot(self.current(name), name, columns, filter)

    def index(self) -> dict[str, Stored]:
        """Every stored article: its content hash, pipeline version and month."""
        if self.rebuild:
            return {}  # an older schema's rows are all to be replaced
        cols = ["article_id", "content_hash", "pipeline_version", "published", "processed_at"]
        table = self.read("articles", cols)
        return {aid: Stored(h, v, month_of(pub), at)
                for aid, h, v, pub, at in zip(*(table[c].to_pylist() for c in cols))}

    @staticmethod
    def index_of(article_rows: list[dict]) -> dict[str, Stored]:
        """The index entries of freshly committed ``articles`` rows."""
        return {r["article_id"]: Stored(r.get("content_hash"), r.get("pipeline_version"), month_of(r.get("published")),
                                        r.get("processed_at"))
                for r in article_rows}

    # -- writing --------------------------------------------------------------

    def commit(self, change: Change, *, pipeline_version: str, processed_at: datetime) -> dict[str, int]:
        """Apply one batch to every table atomically (see the module docstring).

        change (Change): the batch's rows and the articles they replace.
        pipeline_version (str): stamped on the recomputed ``persons`` rows.
        processed_at (datetime): likewise.
        RETURNS (dict): rows written per table.
        """
        change, linked, link_stats = relink(self, change, ARTICLE_TABLES)  # ids across articles (pipeline/linking)
        self.generation += 1
        gen = self.generation
        name_of = f"v{gen:08d}"
        staged: dict[str, Path] = {}
        written: dict[str, int] = {}
        fresh = self.rebuild
        removed = {} if fresh else _by_month(change.replaced)
        for name in ARTICLE_TABLES:
            rows = change.rows.get(name, [])
            cur = None if fresh else self.current(name)
            if not rows and not removed and cur is not None:
                continue
            added = _group_rows(name, rows, change.rows["articles"])
            snap = self.tables_dir / name / name_of
            self._stage_partitioned(name, cur, snap, added, removed, gen)
            staged[name] = snap
            written[name] = len(rows)
        touched = fresh or self.linked_all or change.replaced or change.rows.get("officials") or change.rows.get("events")
        for name in LINKED_TABLES:
            if not touched and self.current(name) is not None:
                continue  # no person or event came or went: persons and stories are as they were
            self._new_snapshot(name, self.tables_dir / name / name_of, gen)
            table = linked_table(linked[name], dataset_schema(name), LINKED_TABLES[name],
                                 {"pipeline_version": pipeline_version, "processed_at": processed_at})
            _write_fragment(table, self.tables_dir / name / name_of / f"part-{gen:08d}-0.parquet")
            staged[name], written[name] = self.tables_dir / name / name_of, len(linked[name][1])
        if not staged:
            return written
        for snap in staged.values():
            _fsync_tree(snap)
        journal = {"generation": gen, "tables": {n: p.name for n, p in staged.items()},
                   "written_at": datetime.now(timezone.utc).isoformat()}
        _write_text_atomic(self.meta / JOURNAL, json.dumps(journal))
        for name in COMMIT_ORDER:
            if name in staged:
                self._swap(name, staged[name])
                if SWAP_PAUSE:
                    time.sleep(SWAP_PAUSE)
        _fsync_dir(self.root)
        (self.meta / JOURNAL).unlink()
        record_stats(self.meta, gen, link_stats)
        self.rebuild = False
        self.linked_all = False
        self.redo_months = set()
        self.collect_garbage()
        return written

    def _swap(self, name: str, snapshot: Path) -> None:
        tmp = self.meta / f".link-{name}"
        tmp.unlink(missing_ok=True)
        os.symlink(os.path.relpath(snapshot, self.root), tmp)
        os.replace(tmp, self.link(name))  # rename(2): readers see the old link or the new one

    def _new_snapshot(self, name: str, snap: Path, gen: int) -> None:
        if snap.exists():
            shutil.rmtree(snap)  # a leftover of a commit killed before its journal
        snap.mkdir(parents=True)
        _write_text_atomic(snap / MANIFEST, json.dumps({
            "table": name, "schema_version": SCHEMA_VERSION, "layout": LAYOUT_VERSION,
            "partitioning": [] if name in LINKED_TABLES else [PARTITION], "generation": gen,
            "committed_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}, indent=1))

    def _stage_partitioned(self, name: str, cur: Path | None, snap: Path, added: dict[str, pa.Table],
                           removed: dict[str, set[str]], gen: int) -> list[pa.Table]:
        """Build ``snap`` from ``cur``: replaced articles' rows out, ``added`` in; the removed rows."""
        self._new_snapshot(name, snap, gen)
        schema = dataset_schema(name)
        touched = set(added) | set(removed)
        gone: list[pa.Table] = []
        if cur is not None:
            for part in sorted(cur.iterdir()):
                if part.is_dir() and part.name.startswith(f"{PARTITION}=") and part.name.split("=", 1)[1] not in touched:
                    _link_tree(part, snap / part.name)
        counter = iter(range(1_000_000))
        for month in sorted(touched):
            src = cur / f"{PARTITION}={month}" if cur is not None else None
            dst = snap / f"{PARTITION}={month}"
            dst.mkdir()
            fragments: list[tuple[Path, int]] = []
            ids = pa.array(sorted(removed.get(month, ())), pa.string())
            for frag in sorted(src.glob("*.parquet")) if src is not None and src.is_dir() else ():
                pf = pq.ParquetFile(frag)
                n = pf.metadata.num_rows
                if n and len(ids):
                    mask = pc.is_in(pf.read(columns=["article_id"])["article_id"], value_set=ids)
                    if pc.any(mask).as_py():
                        table = pf.read()
                        gone.append(table.filter(mask))
                        kept = table.filter(pc.invert(mask))
                        if kept.num_rows:
                            fragments.append(_write_fragment(kept, dst / f"part-{gen:08d}-{next(counter)}.parquet"))
                        continue
                if n:
                    _link(frag, dst / frag.name)
                    fragments.append((dst / frag.name, n))
            if month in added:
                fragments.append(_write_fragment(added[month].cast(schema),
                                                 dst / f"part-{gen:08d}-{next(counter)}.parquet"))
            small = [f for f in fragments if f[1] < SMALL_FRAGMENT_ROWS]
            if len(small) > MAX_SMALL_FRAGMENTS:
                merged = _sorted_by_article(pa.concat_tables([pq.ParquetFile(p).read() for p, _ in small]))
                _write_fragment(merged.cast(schema), dst / f"part-{gen:08d}-{next(counter)}.parquet")
                for p, _ in small:
                    p.unlink()
            if not any(dst.iterdir()):
                dst.rmdir()
        if not any(p.is_dir() for p in snap.iterdir()):
            # An empty table still needs one file, so readers get its columns.
            (snap / f"{PARTITION}={UNKNOWN_MONTH}").mkdir()
            _write_fragment(schema.empty_table(), snap / f"{PARTITION}={UNKNOWN_MONTH}" / f"part-{gen:08d}-0.parquet")
        return gone


_FRAGMENT_NAME = re.compile(r"part-\d{8}-\d+\.parquet")   # what _write_fragment names its files


def _is_fragment(path: Path) -> bool:
    """Named like a fragment vnie writes (else it is a stray file someone put there)."""
    return _FRAGMENT_NAME.fullmatch(path.name) is not None


def _fragment_problem(path: Path, name: str) -> str | None:
    """Why a file in a table snapshot is not a sound fragment of ``name``, or None."""
    if path.suffix != ".parquet":
        return "not a Parquet file"
    if not _FRAGMENT_NAME.fullmatch(path.name):
        return "not a fragment written by vnie"
    try:
        schema = pq.read_schema(path)
    except Exception as exc:  # noqa: BLE001 - any unreadable footer is damage
        return f"unreadable: {type(exc).__name__}: {exc}"[:300]
    key = LINKED_TABLES.get(name, "article_id")
    if key not in schema.names:
        return f"no {key} column: not a fragment of {name}"
    return None


def read_snapshot(snap: Path | None, name: str, columns: list[str] | None = None, filter=None) -> pa.Table:
    """A table from one snapshot folder (hive ``month`` partitions), or an empty table of its schema."""
    schema = dataset_schema(name)
    if name not in LINKED_TABLES:
        schema = schema.append(pa.field(PARTITION, pa.string()))
    if snap is None:
        table = schema.empty_table()
        return table.select(columns) if columns else table
    dataset = ds.dataset(snap, format="parquet", schema=schema,
                         partitioning=None if name in LINKED_TABLES else ds.partitioning(
                             pa.schema([pa.field(PARTITION, pa.string())]), flavor="hive"))
    return dataset.to_table(columns=columns, filter=filter)


def _group_rows(name: str, rows: list[dict], articles: list[dict]) -> dict[str, pa.Table]:
    """Rows of one table split by their article's month, each part sorted by article_id."""
    month = {a["article_id"]: month_of(a.get("published")) for a in articles}
    parts: dict[str, list[dict]] = {}
    for row in rows:
        parts.setdefault(month[row["article_id"]], []).append(row)
    schema = dataset_schema(name)
    return {m: _sorted_by_article(pa.Table.from_pylist(r, schema=schema)) for m, r in parts.items()}


def _by_month(replaced: dict[str, str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for aid, month in replaced.items():
        out.setdefault(month, set()).add(aid)
    return out


def _sorted_by_article(table: pa.Table) -> pa.Table:
    """Rows ordered by article_id, each article's rows in their original order."""
    if table.num_rows < 2:
        return table
    order = pa.array(range(table.num_rows), pa.int64())
    keyed = table.append_column("__row", order)
    idx = pc.sort_indices(keyed, [("article_id", "ascending"), ("__row", "ascending")])
    return table.take(idx)


def _write_fragment(table: pa.Table, path: Path) -> tuple[Path, int]:
    write_atomic(table, path)
    os.chmod(path, 0o666 & ~_umask())  # mkstemp makes 0600; datasets are for readers too
    return path, table.num_rows


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _link(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:  # a filesystem without hard links: copy (slower, same result)
        shutil.copy2(src, dst)


def _link_tree(src: Path, dst: Path) -> None:
    dst.mkdir()
    for f in sorted(src.iterdir()):
        if f.is_file() and f.suffix == ".parquet":
            _link(f, dst / f.name)


def _write_text_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _fsync_dir(path: Path) -> None:
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


def _fsync_tree(path: Path) -> None:
    """Make a staged snapshot's folders durable (files were fsynced when written)."""
    for folder in [path, *(p for p in path.iterdir() if p.is_dir())]:
        _fsync_dir(folder)
