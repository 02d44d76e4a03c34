"""Datasets on Delta Lake (delta-rs): one Delta table per table, upserted by ``article_id``.

Layout of an output folder::

    outputs/officials/_delta_log/00000000000000000042.json      (the table's transaction log)
    outputs/officials/month=2025-07/part-00000-<uuid>-c000.snappy.parquet

Every table but ``persons`` and ``stories`` (kept by ``pipeline/linking``,
unpartitioned) is partitioned by the article's publication month (``month=YYYY-MM``,
``YYYY-00`` when only the year is known, ``unknown`` when no date is), so all rows of
one article sit in one month folder of each table. A commit first links the batch
against the stored rows (``pipeline/linking/dataset.py``): stored articles whose
person or story ids change are re-emitted in the same batch (their officials and events rows).

One batch is one Delta commit per table: an overwrite with the predicate
``month IN (...) AND article_id IN (...)`` deletes the stored rows of the batch's
articles and adds the new ones in one transaction (readers of the Delta log see the
table before or after, never between). Several tables are made atomic together by a
run-level journal: before the first table commits, ``.vnie/journal.json`` records the
version of every table; ``articles`` commits last, then the journal goes. A crash
leaves the journal, and the next run (``Store.prepare``) restores every table to its
recorded version, so the datasets are before the batch (whose articles are then
simply extracted again). The run id and pipeline version are each commit's metadata.

At the end of a run every table is compacted (``optimize``) and vacuumed: by default
only the current version's files stay, so plain Parquet readers
(``pd.read_parquet("outputs/officials")``, DuckDB ``read_parquet`` globs) read exactly
the current table between runs (a glob of data files names the partitions, ``month=*/*.parquet``:
``_delta_log`` holds the run's checkpoint); ``[run] keep_versions = N`` keeps the last N versions
for time travel (then read with a Delta reader: ``deltalake.DeltaTable(p).to_pandas()``).
"""

from __future__ import annotations

import hashlib
import json
import logging
from bisect import bisect_left
import os
import re
import shutil
import time
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import unquote

from pipeline.batch.layout import PARTITION, UNKNOWN_MONTH, dataset_schema, month_of  # noqa: F401
from pipeline.batch.lock import meta_dir
from pipeline.schema_names import SCHEMA_VERSION
from pipeline.schema_names import TABLES as SCHEMA_TABLES
from pipeline.storage import fsync_dir

# pyarrow (with numpy), pyarrow.dataset and pyarrow.compute (which bring pandas), and pipeline.linking are
# imported where they are used: a run that finds nothing new never pays for them. It reads the Delta logs
# and the article index through deltalake alone (its Arrow objects are arro3's, which stand alone).

log = logging.getLogger(__name__)

TABLES = SCHEMA_TABLES   # every table, in the schemas' order
LINKED_TABLES = {"persons": "person_id", "stories": "story_id"}  # kept by pipeline/linking, not partitioned
ARTICLE_TABLES = tuple(t for t in TABLES if t not in LINKED_TABLES)   # partitioned, upserted by article_id
# ``articles`` goes last: an article whose ``articles`` row is committed has its rows in every table.
COMMIT_ORDER = tuple(t for t in TABLES if t != "articles") + ("articles",)
DELTA_LOG = "_delta_log"
MANIFEST = DELTA_LOG             # what marks a table folder as a dataset vnie keeps
JOURNAL = "journal.json"
KNOWN = "tables.json"   # .vnie/tables.json: what each table's log said, by the log's listing (``Store.known``)
DESCRIPTION = re.compile(r"vnie (\w+), schema version (\d+)")   # each Delta table's description
APPEND = "<append>"   # a commit's predicate for a batch of new articles only: nothing stored is replaced


def NO_CHECKPOINT():  # noqa: N802 - a constant made on demand (deltalake is imported lazily)
    """No checkpoint and no log clean-up after each commit: ``finish`` makes one checkpoint at the run's end."""
    from deltalake import PostCommitHookProperties

    return PostCommitHookProperties(create_checkpoint=False, cleanup_expired_logs=False)
# Each data file's statistics in the log cover its first column only (article_id, or the id of persons and
# stories: what the commits' predicates name); statistics of every column made the log as big as the data.
# With ``keep_versions = 1`` a run ends with a checkpoint and the log files before it deleted at once (no
# version before the current one is kept to travel to): the log stays the size of one version's file list.
LOG_RETENTION = {"delta.logRetentionDuration": "interval 0 seconds"}
TABLE_CONFIG = {"delta.dataSkippingNumIndexedCols": "1", **LOG_RETENTION}
# Fault injection for the crash tests only: a pause between two table commits widens the window a SIGKILL must hit.
SWAP_PAUSE = float(os.environ.get("VNIE_TEST_SWAP_PAUSE", "0") or 0)

class DatasetError(RuntimeError):
    """An output folder vnie cannot safely write to; the message says how to fix it."""

    exit_code = 2


class DatasetVersionError(DatasetError):
    """A dataset written with another schema version."""


class DatasetNewerError(DatasetVersionError):
    """A dataset written by a newer vnie: never downgraded, not even by ``vnie reprocess``."""


@dataclass(frozen=True)
class Stored:
    """What the store knows of an article already in it."""

    content_hash: str | None
    pipeline_version: str | None
    month: str
    processed_at: datetime | None = None


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


class ArticleIndex(MutableMapping):
    """article_id -> ``Stored`` over the stored ``articles`` columns kept in Arrow: one int per article
    in Python (its row), a ``Stored`` made only when asked; committed batches are laid over it."""

    COLUMNS = ("article_id", "content_hash", "pipeline_version", "month", "processed_at")

    def __init__(self, table=None, months: list[str] | None = None):
        """table: the ``COLUMNS`` as an Arrow table (pyarrow's or arro3's; ``month`` may be left out when
        ``months`` gives it, row by row), with ``processed_at`` as microseconds since the epoch (int64)
        or a timestamp; or None (no stored article)."""
        self._columns: dict = {}
        ids: list = []
        if table is not None:
            for c in self.COLUMNS[1:]:
                if c == PARTITION and months is not None:
                    continue
                col = table[c].combine_chunks()   # one array: a value is read at its row
                if c == "processed_at" and type(col).__module__.startswith("pyarrow"):
                    import pyarrow as pa

                    if not pa.types.is_int64(col.type):
                        # microseconds as int64: a tz-aware timestamp's as_py() would import pandas
                        col = col.view(pa.int64())
                self._columns[c] = col
            ids = table["article_id"].to_pylist()
        self._months = months
        self._row = dict(zip(ids, range(len(ids))))
        self._fresh: dict[str, Stored] = {}

    def __getitem__(self, aid: str) -> Stored:
        if aid in self._fresh:
            return self._fresh[aid]
        i = self._row[aid]
        h, v, at = (self._columns[c][i].as_py() for c in ("content_hash", "pipeline_version", "processed_at"))
        month = self._months[i] if self._months is not None else self._columns[PARTITION][i].as_py()
        return Stored(h, v, month, None if at is None else _EPOCH + timedelta(microseconds=at))

    def __setitem__(self, aid: str, stored: Stored) -> None:
        self._fresh[aid] = stored

    def __delitem__(self, aid: str) -> None:
        self._fresh.pop(aid, None)
        self._row.pop(aid, None)

    def __contains__(self, aid) -> bool:
        return aid in self._fresh or aid in self._row

    def __iter__(self):
        yield from self._fresh
        yield from (aid for aid in self._row if aid not in self._fresh)

    def __len__(self) -> int:
        return len(self._row) + sum(1 for aid in self._fresh if aid not in self._row)


def add_actions(dt):
    """The live files of a ``DeltaTable`` (path, size_bytes, num_records, ``partition.month``...) as a pyarrow
    table, read through the C stream interface (``pa.table`` of it would import pandas)."""
    import pyarrow as pa

    return pa.RecordBatchReader.from_stream(dt.get_add_actions(flatten=True)).read_all()


def live_files(dt) -> dict[str, int]:
    """The live files of a ``DeltaTable``: relative path to size in bytes (deltalake's own Arrow: no pyarrow)."""
    actions = dt.get_add_actions(flatten=True)
    return dict(zip(actions["path"].to_pylist(), actions["size_bytes"].to_pylist()))


@dataclass
class Change:
    """One batch to commit: new rows per article table, and articles whose stored rows go.

    rows (dict): table name to rows (dicts of the table's columns); every article
        in ``rows["articles"]`` replaces whatever the store held for it.
    replaced (dict): article_id to the month its stored rows are in.
    relinked (dict): table to {article_id: month}, stored rows of that table replaced by rows in ``rows``.
    """

    rows: dict[str, list[dict]]
    replaced: dict[str, str] = field(default_factory=dict)
    # table -> {article_id: month}: stored articles whose rows of that table only are in ``rows`` again, with
    # new link ids (re-emitted by linking); their rows in the other tables stay as they are.
    relinked: dict[str, dict[str, str]] = field(default_factory=dict)


class Store:
    """The datasets under one output folder. Use under ``run_lock``; call ``prepare()`` first.

    out_dir (Path): the output folder.
    """

    def __init__(self, out_dir: Path):
        self.root = Path(out_dir)
        self.meta = meta_dir(self.root)
        self.tables_dir = self.meta / "tables"   # the snapshots of the layout before Delta (migrated by prepare)
        self.generation = 0
        self.rebuild = False   # tables of an older schema: the next commit starts every table afresh
        self.redo_months: set[str] = set()   # months whose damaged files were removed: re-extract them
        self.linked_all = False               # persons or stories were damaged: the next commit relinks them all
        self.run_id: str | None = None        # stamped on every commit (``vnie status`` shows the history)
        self.changed: set[str] = set()        # tables committed to since ``prepare``: ``finish`` tidies them
        self.orphans: set[str] = set()        # tables with data files no version names: a full vacuum removes them
        self._manifests: dict[str, dict | None] = {}   # read once: only vnie's own writes change them
        self._tables: dict[str, object] = {}   # name -> its loaded DeltaTable; dropped by every write (``_forget``)
        self._logs: dict[str, str] = {}        # name -> its log's fingerprint taken before that table was loaded
        self._known: dict | None = None        # .vnie/tables.json, read when first needed
        self._known_changed = False
        # What linking needs of the stored rows, read at the run's first commit and kept up to date by each
        # commit (``pipeline/linking/dataset.py``): the linking index of the narrow columns, persons and stories.
        self.linking = None   # pipeline.linking.dataset.LinkingIndex
        self.linked: dict = {}   # name -> pa.Table

    # -- paths and tables -----------------------------------------------------

    def link(self, name: str) -> Path:
        return self.root / name

    def current(self, name: str) -> Path | None:
        """The table's folder if it holds a Delta table, or None when the table is absent."""
        path = self.link(name)
        if path.is_symlink():
            return None if not path.exists() else path   # the layout before Delta: ``prepare`` migrates it
        if (path / DELTA_LOG).is_dir() and any((path / DELTA_LOG).glob("*.json")):
            return path
        if path.is_dir() and any(p.is_file() and not _is_fragment(p) and DELTA_LOG not in p.parts
                                    for p in path.rglob("*")):
            # (data files alone are what a run killed in a table's first commit leaves: the table is absent)
            raise DatasetError(
                f"{path} is a plain folder, not a dataset kept by `vnie run`; move it away "
                f"or choose another --out (vnie keeps each table as a Delta table with a {DELTA_LOG} folder)")
        return None

    def delta(self, name: str, version: int | None = None):
        """The table's ``deltalake.DeltaTable``, or None; the current version is loaded once until a write."""
        from deltalake import DeltaTable

        if version is None and name in self._tables:
            return self._tables[name]
        path = self.current(name)
        if path is None or path.is_symlink():
            return None
        fingerprint = log_fingerprint(path) if version is None else None   # taken before: never newer than dt
        dt = DeltaTable(str(path), version=version)
        if version is None:
            self._tables[name] = dt
            if fingerprint is not None:
                self._logs[name] = fingerprint
        return dt

    def _forget(self, name: str) -> None:
        """The table changed on disk (a commit, restore, repair, optimize or vacuum): load it again when asked."""
        self._tables.pop(name, None)
        self._manifests.pop(name, None)
        self._logs.pop(name, None)

    # What a run needs of a table it does not write (its schema version, its live files and their sizes) is
    # kept in .vnie/tables.json under the fingerprint of the table's _delta_log listing (names, sizes,
    # modification times): every change of a Delta table adds a log file, so while the listing is the same
    # the table is the same version, and a run with nothing new loads no table but ``articles`` (for the
    # index). Any other listing (a commit, a newer vnie's, a restore, a log clean-up) loads the table again.

    def known(self, name: str) -> dict | None:
        """What .vnie/tables.json holds of the table, when its log is still the one it was taken from."""
        if self._known is None:
            try:
                self._known = json.loads((self.meta / KNOWN).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._known = {}
            if not isinstance(self._known, dict):
                self._known = {}
        entry = self._known.get(name)
        if not isinstance(entry, dict) or entry.get("log") is None:
            return None
        path = self.current(name)
        if path is None or path.is_symlink() or log_fingerprint(path) != entry["log"]:
            return None
        return entry

    def _learn(self, name: str, **facts) -> None:
        """Note facts of the loaded current version of a table under its log's fingerprint."""
        fingerprint = self._logs.get(name)
        if fingerprint is None or name not in self._tables:
            return
        if self._known is None:
            self.known(name)
        entry = self._known.get(name) if isinstance(self._known.get(name), dict) else {}
        if entry.get("log") != fingerprint:
            entry = {"log": fingerprint}
        if all(entry.get(k) == v for k, v in facts.items()):
            return
        self._known[name] = {**entry, **facts}
        self._known_changed = True

    def save_known(self) -> None:
        """Write .vnie/tables.json when something new was learnt (atomically: a crash leaves the old one)."""
        if self._known_changed and self._known is not None:
            try:
                _write_text_atomic(self.meta / KNOWN, json.dumps(self._known, sort_keys=True))
            except OSError as exc:   # only a shortcut for the next run: it reads the tables instead
                log.warning("cannot write %s (%s): the next run reads every table's log", self.meta / KNOWN, exc)
                return
            self._known_changed = False

    def remember(self) -> None:
        """Learn every table's schema version and live files (the end of a run that wrote: the next run
        with nothing new then loads none of them)."""
        for name in TABLES:
            if self.current(name) is not None and not self.link(name).is_symlink():
                self.manifest(name)
                self.live(name)
        self.save_known()

    def live(self, name: str) -> dict[str, int]:
        """The table's live data files (relative path -> size in bytes); {} when the table is absent."""
        entry = self.known(name)
        if entry is not None and isinstance(entry.get("live"), dict):
            return entry["live"]
        dt = self.delta(name)
        if dt is None:
            return {}
        files = live_files(dt)
        self._learn(name, live=files)
        return files

    def version(self, name: str) -> int | None:
        dt = self.delta(name)
        return None if dt is None else dt.version()

    def manifest(self, name: str) -> dict | None:
        if name not in self._manifests:
            self._manifests[name] = self._read_manifest(name)
        return self._manifests[name]

    def _read_manifest(self, name: str) -> dict | None:
        path = self.current(name)
        if path is None:
            return None
        if path.is_symlink():   # the layout before Delta
            try:
                return json.loads((path.resolve() / "_vnie.json").read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise DatasetError(f"{path} has no readable _vnie.json ({exc}); it was not written by `vnie run`") \
                    from None
        entry = self.known(name)
        if entry is not None and isinstance(entry.get("schema_version"), int):
            return {"table": entry.get("table", name), "schema_version": entry["schema_version"]}
        dt = self.delta(name)
        found = DESCRIPTION.fullmatch(dt.metadata().description or "")
        if not found:
            raise DatasetError(f"{path} is a Delta table not written by `vnie run` (no vnie description)")
        self._learn(name, table=found.group(1), schema_version=int(found.group(2)))
        return {"table": found.group(1), "schema_version": int(found.group(2))}

    # -- opening --------------------------------------------------------------

    def prepare(self, *, allow_old_schema: bool = False) -> None:
        """Roll back an interrupted commit, migrate the older layout, deal with damaged or stray
        files, and check every table's schema version.

        allow_old_schema (bool): do not raise on an older schema (``vnie reprocess`` rebuilds it).
        RETURNS: None. Raises ``DatasetVersionError`` for a dataset of another schema version.
        """
        self.check_not_newer()  # before anything is touched
        self.meta.mkdir(parents=True, exist_ok=True)
        self._move_legacy_files()
        self.recover()
        self._migrate_snapshots()
        self.check_fragments()
        if self.current("articles") is None and any(self.current(t) is not None for t in TABLES[1:]):
            # Rows without their articles cannot be upserted (the articles table is the index): start afresh.
            log.warning("%s has tables but no articles table: they are rebuilt from this run's articles", self.root)
            self.rebuild = True
        try:
            self.check_schema()
        except DatasetVersionError:
            if not allow_old_schema:
                raise
            self.rebuild = True
        self.save_known()   # what was learnt of the tables (nothing when they are as the last run left them)

    def check_fragments(self) -> None:
        """Look at every file of every table; deal with what is not a sound data file.

        A stray file (not Parquet, or not a data file delta-rs writes) is moved aside to
        ``.vnie/quarantine/``: it holds no rows. A damaged data file of a table rebuilt from the
        stored articles (officials, mentions, events, counts, dates, persons, stories) is moved
        aside too and removed from the table's log (``repair``); its month is re-extracted by the
        next commit. A data file is damaged when its size is not the one the table's log recorded
        (then its footer says how). A damaged ``articles`` file cannot be rebuilt: ``DatasetError`` naming it,
        nothing moved. Every move is logged with both paths.
        """
        damaged: list[tuple[str, Path, Path, str, bool]] = []
        for name in TABLES:
            if self.current(name) is None or self.link(name).is_symlink():
                continue
            folder = self.link(name)
            live = self.live(name)
            for path in sorted(folder.rglob("*")):
                rel = path.relative_to(folder)
                if path.is_dir() or rel.parts[0] == DELTA_LOG:
                    continue
                key = rel.as_posix()
                if key in live:
                    # A footer is read only when the size is not the one the log recorded (a cut or
                    # overwritten file): a run reads no data file it does not need.
                    problem = None if path.stat().st_size == live[key] else _fragment_problem(path, name, live[key])
                    if problem:
                        damaged.append((name, folder, path, problem, True))
                elif not _is_fragment(path):
                    damaged.append((name, folder, path, "not a Parquet file" if path.suffix != ".parquet"
                                    else "not a data file written by vnie", False))
                else:   # a data file of an earlier version or of a rolled-back commit: this run's vacuum removes it
                    self.changed.add(name)
                    self.orphans.add(name)
        for name, folder, path, problem, live in damaged:
            if name == "articles" and live:
                raise DatasetError(
                    f"{path} is damaged ({problem}); the stored articles "
                    f"cannot be rebuilt without it, so nothing was changed. Restore the file from a backup, "
                    f"or move {self.root} aside and run again to start afresh.")
        repaired = set()
        for name, folder, path, problem, live in damaged:
            rel = path.relative_to(folder)
            aside = self.meta / "quarantine" / name / f"v{self.version(name):08d}" / rel
            aside.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, aside)
            if not live:
                log.warning("moved the stray file %s (%s) to %s", path, problem, aside)
                continue
            log.warning("moved the damaged fragment %s (%s) to %s; its rows are rebuilt from the stored articles",
                        path, problem, aside)
            repaired.add(name)
            if name in LINKED_TABLES:
                self.linked_all = True
            else:
                part = rel.parts[0] if len(rel.parts) > 1 else ""
                self.redo_months.add(part.split("=", 1)[1] if part.startswith(f"{PARTITION}=") else UNKNOWN_MONTH)
        for name in sorted(repaired):
            self.delta(name).repair(dry_run=False, post_commithook_properties=NO_CHECKPOINT())   # one commit removing the moved files from the log
            self._forget(name)
        self.changed |= repaired

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
        """Roll every table of a commit killed mid-way back to its version before it; True if there was one."""
        journal = self.meta / JOURNAL
        if not journal.exists():
            return False
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))
        except ValueError:
            journal.unlink()  # written atomically, so unreadable means not ours: nothing was committed
            return False
        log.warning("rolling back the commit of generation %s interrupted by a crash", plan.get("generation"))
        self._manifests.clear()
        self._tables.clear()
        self._logs.clear()
        for name, before in plan.get("versions", {}).items():
            path = self.link(name)
            if before is None:   # created by the interrupted commit: it goes
                if path.exists():
                    trash = self.meta / "trash" / f"{name}-{plan.get('generation')}"
                    shutil.rmtree(trash, ignore_errors=True)
                    trash.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(path, trash)
                    shutil.rmtree(trash, ignore_errors=True)
                continue
            dt = self.delta(name)
            if dt is not None and dt.version() != before:
                dt.restore(before, post_commithook_properties=NO_CHECKPOINT())
                self._forget(name)
                self.changed.add(name)
        journal.unlink()
        return True

    def finish(self, keep_versions: int = 1) -> None:
        """End of a run: compact every table and vacuum it down to the last ``keep_versions`` versions."""
        from deltalake import CommitProperties

        props = CommitProperties(custom_metadata=self._commit_metadata(None))
        for name in TABLES:
            dt = self.delta(name) if name in self.changed else None
            if dt is None:
                continue
            crowded = _crowded_partitions(add_actions(dt), name)
            # Only the partitions holding more than one file (those this run wrote to) are compacted.
            if crowded and dt.optimize.compact(
                    partition_filters=None if name in LINKED_TABLES else [(PARTITION, "in", sorted(crowded))],
                    commit_properties=props, post_commithook_properties=NO_CHECKPOINT()).get("numFilesAdded"):
                self._forget(name)
                dt = self.delta(name)
            if not dt.get_add_actions(flatten=True).num_rows:
                self._add_empty_file(name, props)   # plain Parquet readers still get the table's columns
                self._forget(name)
                dt = self.delta(name)
            keep = max(1, int(keep_versions))
            current = dt.version()
            older = list(range(max(0, current - keep + 1), current)) or None   # time travel to these stays
            # full (a listing of every file of the table) only when files no version names were found (a
            # killed write): else the files the log removed are all there is to delete.
            dt.vacuum(retention_hours=0, enforce_retention_duration=False, dry_run=False, keep_versions=older,
                      commit_properties=props, full=name in self.orphans, post_commithook_properties=NO_CHECKPOINT())
            self._forget(name)
            if keep == 1:
                self._trim_log(name, props)
        self.changed = set()
        self.orphans = set()

    def _trim_log(self, name: str, props) -> None:
        """A checkpoint of the current version, then the log files before it deleted: with one version kept,
        the commits of past runs are history nobody can travel to, and they would outgrow the data.
        (The checkpoint is a Parquet file in ``_delta_log``: globs of data files name ``month=*/``.)"""
        dt = self.delta(name)
        config = dt.metadata().configuration or {}
        if any(config.get(k) != v for k, v in LOG_RETENTION.items()):   # a table made before the setting
            dt.alter.set_table_properties(LOG_RETENTION, commit_properties=props,
                                          post_commithook_properties=NO_CHECKPOINT())
            self._forget(name)
            dt = self.delta(name)
        keep_history(self.meta, name, dt.history(HISTORY_KEPT))   # `vnie status` still shows the last commits
        dt.create_checkpoint()
        dt.cleanup_metadata()
        self._forget(name)

    def _add_empty_file(self, name: str, props) -> None:
        """Commit one data file of no rows to an empty table (delta-rs writes none for an empty batch)."""
        import uuid

        from deltalake.transaction import AddAction

        schema = dataset_schema(name)
        rel = f"part-00000-{uuid.uuid4()}-c000.snappy.parquet"
        parts = {}
        if name not in LINKED_TABLES:
            rel, parts = f"{PARTITION}={UNKNOWN_MONTH}/{rel}", {PARTITION: UNKNOWN_MONTH}
        path = self.link(name) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        import pyarrow.parquet as pq

        pq.write_table(schema.empty_table(), path, compression="snappy")
        stat = path.stat()
        self.delta(name).create_write_transaction(
            [AddAction(rel, stat.st_size, parts, int(stat.st_mtime * 1000), True, '{"numRecords":0}')],
            mode="append", schema=_full_schema(name), partition_by=None if name in LINKED_TABLES else [PARTITION],
            commit_properties=props, post_commithook_properties=NO_CHECKPOINT())

    def _move_legacy_files(self) -> None:
        for name in TABLES:
            legacy = self.root / f"{name}.parquet"
            if legacy.is_file():
                aside = self.meta / "replaced" / legacy.name
                aside.parent.mkdir(parents=True, exist_ok=True)
                os.replace(legacy, aside)
                log.warning("moved %s (written by `vnie extract`) to %s: this folder now holds datasets",
                            legacy, aside)

    def _migrate_snapshots(self) -> None:
        """Tables of the layout before Delta (links to snapshot folders) become Delta tables, rows unchanged."""
        for name in TABLES:
            staged = self.meta / "migrate" / name
            path = self.link(name)
            if not path.is_symlink():
                if not path.exists() and (staged / DELTA_LOG).is_dir():
                    os.replace(staged, path)   # a migration killed between its two steps
                continue
            version = self.schema_version(name)
            table = read_snapshot(path.resolve(), name)
            shutil.rmtree(staged, ignore_errors=True)
            self._write(staged, name, table, None, version=version)
            path.unlink()
            os.replace(staged, path)
            log.warning("migrated %s to a Delta table (%d rows)", path, table.num_rows)
        if self.tables_dir.is_dir() and not any(self.link(t).is_symlink() for t in TABLES):
            shutil.rmtree(self.tables_dir, ignore_errors=True)

    # -- reading --------------------------------------------------------------

    def read(self, name: str, columns: list[str] | None = None, filter=None, months=None, ids=None):
        """The current version of a table (with its ``month`` column), or an empty table.

        columns (list | None): the columns wanted (all by default).
        filter (pyarrow.compute.Expression | None): the rows wanted.
        months (Iterable[str] | None): read only these month partitions (the rows of other months are left out).
        ids (Iterable[str] | None): read only the files whose ``article_id`` range (the log's statistics)
            holds one of these (give ``filter`` too: the other rows of those files are read as well).
        """
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = _full_schema(name)
        path = self.current(name)
        if path is not None and path.is_symlink():
            return read_snapshot(path.resolve(), name, columns, filter)
        dt = self.delta(name)
        want = pa.schema([schema.field(c) for c in (columns or schema.names)])
        if dt is None:
            return want.empty_table()
        # File by file from the log's list (an Arrow dataset of a Delta table costs a partition
        # expression per file, more than reading the files): only the months asked for.
        actions = add_actions(dt)
        paths = actions["path"].to_pylist()
        key = "partition." + PARTITION
        parts_of = actions[key].to_pylist() if key in actions.column_names else [None] * len(paths)
        wanted_months = None if months is None else set(months)
        wanted_ids = None if ids is None else sorted(ids)
        low = actions["min.article_id"].to_pylist() if ids is not None and "min.article_id" in actions.column_names \
            else [None] * len(paths)
        high = actions["max.article_id"].to_pylist() if ids is not None and "max.article_id" in actions.column_names \
            else [None] * len(paths)
        stored = [c for c in want.names if c != PARTITION]
        if filter is not None and name not in LINKED_TABLES and "article_id" not in stored:
            stored.append("article_id")   # what filters of article tables name (with the month)
        parts = []
        for rel, month, lo, hi in zip(paths, parts_of, low, high):
            if wanted_months is not None and month not in wanted_months:
                continue
            if wanted_ids is not None and lo is not None and hi is not None:
                at = bisect_left(wanted_ids, lo)
                if at == len(wanted_ids) or wanted_ids[at] > hi:
                    continue   # no wanted article_id falls in this file's range
            table = pq.ParquetFile(path / unquote(rel)).read(columns=stored)
            if name not in LINKED_TABLES and (PARTITION in want.names or filter is not None):
                table = table.append_column(PARTITION, pa.array([month] * table.num_rows, pa.string()))
            if filter is not None:
                table = table.filter(filter)
            parts.append(table.select(want.names).cast(want))
        return pa.concat_tables(parts) if parts else want.empty_table()

    def index(self) -> ArticleIndex:
        """Every stored article: its content hash, pipeline version and month (kept as Arrow columns)."""
        if self.rebuild:
            return ArticleIndex(None)  # an older schema's rows are all to be replaced
        dt = self.delta("articles")
        path = self.current("articles")
        if dt is None or path is None or path.is_symlink():
            return ArticleIndex(self.read("articles", list(ArticleIndex.COLUMNS)))
        # Through deltalake's own query engine (DataFusion: only these columns are read, and its Arrow
        # objects are arro3's): a run with nothing new imports neither pyarrow nor numpy nor pandas.
        from deltalake import QueryBuilder

        columns = ", ".join(f'"{c}"' if c != "processed_at" else 'CAST("processed_at" AS BIGINT) AS "processed_at"'
                            for c in ArticleIndex.COLUMNS)
        table = QueryBuilder().register("articles", dt).execute(f"SELECT {columns} FROM articles").read_all()
        return ArticleIndex(table if table.num_rows else None)

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
        pipeline_version (str): stamped on the recomputed ``persons`` rows and the commits.
        processed_at (datetime): likewise.
        RETURNS (dict): rows written per table.
        """
        try:
            return self._commit(change, pipeline_version=pipeline_version, processed_at=processed_at)
        except BaseException:
            self.linking, self.linked = None, {}   # what linking kept may be half updated: read it again
            raise

    def _commit(self, change: Change, *, pipeline_version: str, processed_at: datetime) -> dict[str, int]:
        import pyarrow as pa

        from pipeline.linking.dataset import committed, linked_table, record_stats, relink

        change, linked, link_stats = relink(self, change, ARTICLE_TABLES)  # ids across articles (pipeline/linking)
        self.generation += 1
        gen = self.generation
        fresh = self.rebuild
        batch_month = {a["article_id"]: month_of(a.get("published")) for a in change.rows.get("articles", [])}
        plan: dict[str, tuple[pa.Table, str | None]] = {}
        written: dict[str, int] = {}
        for name in ARTICLE_TABLES:
            rows = change.rows.get(name, [])
            relinked = change.relinked.get(name, {})
            exists = self.current(name) is not None and self._has_rows(name)   # else: overwritten whole
            if exists and not fresh and not rows and not change.replaced and not relinked:
                continue
            month = {**relinked, **batch_month}
            table = _sorted_by_article(pa.Table.from_pylist(
                [{**r, PARTITION: month[r["article_id"]]} for r in rows], schema=_full_schema(name)))
            ids = sorted(set(batch_month) | set(change.replaced) | set(relinked))
            months = sorted(set(batch_month.values()) | set(change.replaced.values()) | set(relinked.values()))
            predicate = f"{PARTITION} IN ({_sql_list(months)}) AND article_id IN ({_sql_list(ids)})"
            # No stored row to replace (only new articles): an append, which reads no stored file.
            plan[name] = (table, None if fresh or not exists else predicate if change.replaced or relinked
                          else APPEND)
            written[name] = len(rows)
        touched = fresh or self.linked_all or change.replaced or change.rows.get("officials") or change.rows.get("events")
        for name in LINKED_TABLES:
            if not touched and self.current(name) is not None:
                continue  # no person or event came or went: persons and stories are as they were
            table = linked_table(linked[name], dataset_schema(name), LINKED_TABLES[name],
                                 {"pipeline_version": pipeline_version, "processed_at": processed_at})
            plan[name], written[name] = (table, None), len(linked[name][1])
        if not plan:
            committed(self, change)
            return written
        journal = {"generation": gen, "versions": {n: self.version(n) for n in plan},
                   "written_at": datetime.now(timezone.utc).isoformat()}
        _write_text_atomic(self.meta / JOURNAL, json.dumps(journal))
        meta = self._commit_metadata(pipeline_version)
        first = True
        for name in COMMIT_ORDER:
            if name in plan:
                if SWAP_PAUSE and not first:
                    time.sleep(SWAP_PAUSE)
                first = False
                table, pred = plan[name]
                self._write(self.link(name), name, table, pred, metadata=meta, overwrite_schema=fresh)
                self.changed.add(name)
        (self.meta / JOURNAL).unlink()
        fsync_dir(self.meta)
        committed(self, change)
        for name in LINKED_TABLES:
            if name in plan:
                self.linked[name] = plan[name][0]
        record_stats(self.meta, gen, link_stats)
        self.rebuild = False
        self.linked_all = False
        self.redo_months = set()
        return written

    def _has_rows(self, name: str) -> bool:
        dt = self.delta(name)
        return dt is not None and any(n for n in add_actions(dt)["num_records"].to_pylist())

    def _commit_metadata(self, pipeline_version: str | None) -> dict[str, str]:
        from pipeline.batch.version import pipeline_version as current_version

        return {"vnie.run_id": self.run_id or "-", "vnie.pipeline_version": pipeline_version or current_version(),
                "vnie.generation": str(self.generation)}

    def _write(self, path: Path, name: str, table: pa.Table, predicate: str | None, *,
               metadata: dict | None = None, version: int | None = None, overwrite_schema: bool = False) -> None:
        """One Delta commit: ``table`` replaces the rows matching ``predicate`` (all rows when None)."""
        # The loaded table is written through (delta-rs brings it to the new version in place): loading a table
        # again replays every commit since the last checkpoint, which grows with the run.
        loaded = self._tables.get(name) if path == self.link(name) else None
        self._forget(name)
        from deltalake import CommitProperties, write_deltalake

        exists = (path / DELTA_LOG).is_dir()
        if not exists and path.is_dir() and any(p.is_file() for p in path.rglob("*")):
            self.orphans.add(name)   # files of a first commit that was killed: the run's vacuum lists every file
        version = SCHEMA_VERSION if version is None else version
        kwargs = dict(mode="overwrite", commit_properties=CommitProperties(custom_metadata=metadata or {}),
                      post_commithook_properties=NO_CHECKPOINT())
        if name not in LINKED_TABLES:
            kwargs["partition_by"] = [PARTITION]
        if not exists:
            kwargs.update(name=name, description=f"vnie {name}, schema version {version}", configuration=TABLE_CONFIG)
        elif predicate == APPEND:
            kwargs["mode"] = "append"
        elif predicate is not None:
            kwargs["predicate"] = predicate
        else:
            kwargs["schema_mode"] = "overwrite"
        write_deltalake(loaded if exists and loaded is not None else str(path), table, **kwargs)
        if exists and loaded is not None and not overwrite_schema:
            self._tables[name] = loaded
        if exists and predicate is None and overwrite_schema:
            from deltalake import DeltaTable

            DeltaTable(str(path)).alter.set_table_description(f"vnie {name}, schema version {version}")

_FRAGMENT_NAME = re.compile(r"part-\d{5}-[0-9a-f-]{36}-c\d{3}(\.\w+)?\.parquet")   # delta-rs data files


def log_fingerprint(path: Path) -> str | None:
    """A digest of the listing of a table's ``_delta_log`` (each entry's name, size and modification time),
    or None when it cannot be listed."""
    try:
        entries = sorted((e.name, st.st_size, st.st_mtime_ns) for e in os.scandir(Path(path) / DELTA_LOG)
                         for st in (e.stat(follow_symlinks=False),))
    except OSError:
        return None
    return hashlib.sha1(repr(entries).encode("utf-8")).hexdigest()


def _is_fragment(path: Path) -> bool:
    """Named like a data file delta-rs writes (else it is a stray file someone put there)."""
    return _FRAGMENT_NAME.fullmatch(path.name) is not None


def _fragment_problem(path: Path, name: str, size: int | None = None) -> str | None:
    """Why a data file the table's log references is not a sound data file of ``name``, or None."""
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
        if size is not None and path.stat().st_size != size:
            raise OSError(f"{path.stat().st_size} bytes, the table's log says {size}")
    except Exception as exc:  # noqa: BLE001 - any unreadable footer is damage
        return f"unreadable: {type(exc).__name__}: {exc}"[:300]
    key = LINKED_TABLES.get(name, "article_id")
    if key not in schema.names:
        return f"no {key} column: not a fragment of {name}"
    return None


def _full_schema(name: str) -> pa.Schema:
    """A dataset table's schema with its partition column (``month``) for partitioned tables."""
    import pyarrow as pa

    schema = dataset_schema(name)
    return schema if name in LINKED_TABLES else schema.append(pa.field(PARTITION, pa.string()))


HISTORY = "history"     # .vnie/history/<table>.json: the last commits of a table whose older log files went
HISTORY_KEPT = 20


def keep_history(meta: Path, name: str, entries: list[dict]) -> None:
    """Add a table's commits (``DeltaTable.history()`` entries) to the ones kept in ``meta``, the last
    ``HISTORY_KEPT`` of them: version, operation, timestamp, run id and pipeline version."""
    fields = ("version", "operation", "timestamp", "vnie.run_id", "vnie.pipeline_version")
    by_version = {e["version"]: e for e in kept_history(meta, name)}
    by_version.update({e.get("version"): {f: e.get(f) for f in fields} for e in entries if e.get("version") is not None})
    path = Path(meta) / HISTORY / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_text_atomic(path, json.dumps([by_version[v] for v in sorted(by_version, reverse=True)[:HISTORY_KEPT]]))


def kept_history(meta: Path, name: str) -> list[dict]:
    """The commits ``keep_history`` kept for a table, newest first (none when there is no readable file)."""
    try:
        return json.loads((Path(meta) / HISTORY / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


def _crowded_partitions(actions: pa.Table, name: str) -> set:
    """The partitions (months; ``{None}`` for an unpartitioned table) holding more than one data file."""
    key = "partition." + PARTITION
    months = actions[key].to_pylist() if name not in LINKED_TABLES and key in actions.column_names \
        else [None] * actions.num_rows
    seen: dict = {}
    for month in months:
        seen[month] = seen.get(month, 0) + 1
    return {month for month, n in seen.items() if n > 1}


def _sql_list(values) -> str:
    return ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)


def read_snapshot(snap: Path | None, name: str, columns: list[str] | None = None, filter=None) -> pa.Table:
    """A table from one snapshot folder (hive ``month`` partitions), or an empty table of its schema."""
    import pyarrow as pa
    import pyarrow.dataset as ds

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


def _sorted_by_article(table: pa.Table) -> pa.Table:
    """Rows ordered by article_id, each article's rows in their original order."""
    if table.num_rows < 2:
        return table
    import pyarrow as pa
    import pyarrow.compute as pc

    order = pa.array(range(table.num_rows), pa.int64())
    keyed = table.append_column("__row", order)
    idx = pc.sort_indices(keyed, [("article_id", "ascending"), ("__row", "ascending")])
    return table.take(idx)


def _write_text_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
