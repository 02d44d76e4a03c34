"""Articles in batches to the datasets of an output folder: incremental, idempotent, one run at a time."""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import math
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from pipeline.article import Article, InputError
from pipeline.batch.datasets import ARTICLE_TABLES, TABLES, Change, Store
from pipeline.batch.lock import run_lock
from pipeline.batch.runs import RunRecord
from pipeline.batch.version import pipeline_version
from pipeline.readers.decoding import article_unicode_problem

# pipeline.run (the extraction, with the schemas and pyarrow) is imported when a batch is extracted.

log = logging.getLogger(__name__)

# The defaults of [run] batch_size and batch_seconds (pipeline/settings.toml gives the reasons; a test checks
# that the two agree): articles per commit, and seconds after which a batch is committed anyway.
DEFAULT_BATCH_SIZE = 1000
DEFAULT_BATCH_SECONDS = 120.0


class Pacer:
    """When a batch is complete: ``batch_size`` articles or ``batch_seconds`` since the last commit,
    whichever comes first.

    Without a time budget the articles go to the engine in batches of ``batch_size``. With one, they
    go in pieces sized from the extraction rate seen so far (one article at first) to end near the
    budget, and the driver commits the pieces it has received once either bound is reached, so a
    slow machine still commits every ``batch_seconds`` or so (and a crash loses no more extraction).

    batch_size (int): most articles a commit holds.
    batch_seconds (float): seconds of a batch (since the last commit) before it is committed; 0: no bound.
    clock (Callable[[], float]): wall seconds; tests pass their own.
    """

    def __init__(self, batch_size: int, batch_seconds: float = 0.0, clock: Callable[[], float] = time.perf_counter):
        self.batch_size = max(1, int(batch_size))
        self.batch_seconds = max(0.0, float(batch_seconds or 0.0))
        self.clock = clock
        self.started = clock()       # of the batch being gathered: the last commit's end
        self.pending = 0             # articles received from the engine, not yet committed
        self.in_flight = 0           # articles handed to the engine, not yet received
        self.seconds = 0.0           # wall seconds the received pieces took, for the rate
        self.received = 0

    def piece(self) -> int:
        """How many articles the next piece handed to the engine holds."""
        if not self.batch_seconds:
            return self.batch_size
        room = self.batch_size - self.pending - self.in_flight
        if room < 1:                 # the batch is planned whole; the next piece starts the next one
            room = self.batch_size
        if not self.received:
            return 1
        if self.seconds <= 0:
            return room
        left = self.batch_seconds - (self.clock() - self.started)   # less what the pieces in flight will take
        return max(1, min(room, math.floor(left * self.received / self.seconds) - self.in_flight))

    def handed(self, n: int) -> None:
        self.in_flight += n

    def got(self, n: int, since: float) -> None:
        """``n`` articles came back from the engine; ``since`` is when the driver started waiting."""
        self.in_flight -= n
        self.pending += n
        self.received += n
        self.seconds += max(0.0, self.clock() - since)

    def due(self) -> bool:
        """Whether the pending articles are committed now."""
        if self.pending >= self.batch_size:
            return True
        return bool(self.batch_seconds) and self.pending > 0 and self.clock() - self.started >= self.batch_seconds

    def committed(self) -> None:
        self.pending = 0
        self.started = self.clock()


@dataclass
class IngestReport:
    """What an ingest did: articles new/updated/unchanged, inputs skipped with causes, rows written."""

    run_id: str | None = None
    inputs_seen: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: list[InputError] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=lambda: {t: 0 for t in TABLES})
    batches: int = 0

    @property
    def processed(self) -> int:
        return self.new + self.updated

    def summary(self) -> str:
        """One line for people and cron mail."""
        rows = ", ".join(f"{self.rows.get(t, 0)} {t}" for t in ("officials", "events", "counts", "dates"))
        dup = f", {self.duplicates} duplicate" if self.duplicates else ""
        return (f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged{dup} articles; "
                f"{len(self.skipped)} inputs skipped; rows written: {rows}")


Extracted = tuple[list[Article], dict[str, list[dict]], list[InputError]]


class Engine(Protocol):
    """Turns batches of articles into table rows; the driver commits them in order."""

    name: str

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[Extracted]: ...


class LocalEngine:
    """Extraction in this process: the default, needs no service."""

    name = "local"

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[Extracted]:
        for batch in batches:
            tables, errors = extract_batch(batch)
            yield batch, tables, errors


def extract_batch(articles: list[Article]) -> tuple[dict[str, list[dict]], list[InputError]]:
    """Rows of the article tables for ``articles``, and the articles that failed (as InputError)."""
    from pipeline.run import Report, extract_articles

    report = Report()
    tables = extract_articles(articles, report)
    return {t: tables[t] for t in ARTICLE_TABLES}, report.skipped


def content_hash(article: Article) -> str:
    """A digest of everything extraction reads from an article: same hash, same rows."""
    fields = {"source": article.source, "text": article.text, "title": article.title, "url": article.url,
              "published": article.published,
              "published_at": article.published_at.isoformat() if article.published_at else None,
              "author": article.author, "captions_start": article.captions_start, "reader": article.reader}
    return hashlib.sha1(json.dumps(fields, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def ingest(items: Iterable[Article | InputError], out_dir: Path, *, source_name: str | None = None,
           on_skip: Callable[[InputError], None] | None = None, batch_size: int | None = None,
           engine: Engine | None = None, force: bool = False, max_articles: int | None = None,
           kind: str = "ingest", inputs: Iterable[str] | None = None,
           progress: Callable[[IngestReport], None] | None = None, lock: bool = True,
           allow_old_schema: bool = False, redo_before: datetime | None = None,
           on_index: Callable[[dict], None] | None = None, keep_versions: int = 1,
           batch_seconds: float | None = None) -> IngestReport:
    """Extract ``items`` in batches and merge them into the datasets under ``out_dir``.

    Each article is new (its ``article_id`` is not stored), updated (stored with
    another content hash or pipeline version: its rows in every table are
    replaced) or unchanged (skipped without extraction), so a rerun over the same
    inputs leaves the datasets identical. Each batch is committed atomically; a
    run is recorded in the ``runs`` table.

    items (Iterable[Article | InputError]): articles, possibly a crawler's generator.
    out_dir (Path): the output folder (created if missing).
    source_name (str | None): what the items came from, for the runs table and logs.
    on_skip (Callable | None): called with each skipped input.
    batch_size (int | None): articles per commit. Defaults to DEFAULT_BATCH_SIZE.
    batch_seconds (float | None): also commit once a batch has taken this many seconds (wall, since the
        last commit), whichever comes first (see ``Pacer``); 0: batches of ``batch_size`` only. Defaults to
        DEFAULT_BATCH_SECONDS.
    engine (Engine | None): where extraction runs. Defaults to LocalEngine().
    force (bool): re-extract unchanged articles too (``vnie reprocess``).
    max_articles (int | None): stop after this many new or updated articles.
    kind (str): run, crawl, reprocess or ingest, for the runs table.
    inputs (Iterable[str] | None): what was asked, for the runs table. Defaults to [source_name].
    progress (Callable | None): called with the report as work advances.
    lock (bool): take the run lock of ``out_dir`` (nested holds in one process are fine).
    allow_old_schema (bool): write over tables of an older schema version (reprocess rebuilds them).
    redo_before (datetime | None): also re-extract unchanged articles processed before this time.
    on_index (Callable | None): given the live index of stored articles (article_id -> Stored) once it
        is read, before the first item is asked for; it is updated after every commit. The crawler
        uses it to tell which pages it remembers are really in the tables.
    keep_versions (int): Delta versions each table keeps after the run (1: only the current one, so
        plain Parquet readers read the current table; more: time travel with a Delta reader).
    RETURNS (IngestReport): counts, skipped inputs with causes, rows written per table.
    """
    out_dir = Path(out_dir)
    engine = engine or LocalEngine()
    size = max(1, int(batch_size or DEFAULT_BATCH_SIZE))
    pacer = Pacer(size, DEFAULT_BATCH_SECONDS if batch_seconds is None else batch_seconds)
    version = pipeline_version()
    with run_lock(out_dir) if lock else nullcontext():
        store = Store(out_dir)
        store.prepare(allow_old_schema=allow_old_schema)
        record = RunRecord(out_dir, kind=kind, engine=engine.name, pipeline_version=version,
                           inputs=list(inputs) if inputs is not None else [source_name or "-"])
        record.start()
        report = IngestReport(run_id=record.run_id)
        store.run_id = record.run_id
        log.info("run %s started (%s, pipeline %s) on %s", record.run_id, kind, version, source_name or "inputs")
        status, message = "failed", None
        try:
            index = store.index()
            if on_index is not None:
                on_index(index)
            redo = _articles_to_redo(store)
            if redo:  # a damaged fragment was moved aside: its month's articles are extracted again
                items = itertools.chain(redo, items)
            planned = _plan(items, index, report, on_skip, force=force, pacer=pacer, limit=max_articles,
                            version=version, progress=progress, redo_before=redo_before,
                            redo_ids={a.article_id for a in redo})
            extracted = engine.map_batches(planned)
            held: list[tuple[list[Article], dict[str, list[dict]]]] = []

            def flush() -> None:
                _commit(store, index, *_joined(held), report, version)
                held.clear()
                pacer.committed()
                if progress is not None:
                    progress(report)

            while True:
                since = pacer.clock()
                piece = next(extracted, None)
                if piece is None:
                    break
                batch, tables, errors = piece
                if held and pacer.pending + len(batch) > pacer.batch_size:
                    flush()   # a piece planned for the next batch (an engine extracting ahead) starts it
                pacer.got(len(batch), since)
                for error in errors:
                    _skip(error, report, on_skip, logged=True)
                held.append((batch, tables))
                if pacer.due():
                    flush()
            if held:
                flush()
            if store.linked_all:  # nothing was committed, but a damaged persons or stories table must be rebuilt
                store.commit(Change(rows={t: [] for t in ARTICLE_TABLES}), pipeline_version=version,
                             processed_at=datetime.now(timezone.utc))
            store.finish(keep_versions)   # compaction and vacuum: the folders hold the current tables only
            store.remember()   # each table's schema version and files, for the next run's checks (.vnie/tables.json)
            status = "partial" if report.skipped else "ok"
        except BaseException as exc:
            message = f"{type(exc).__name__}: {exc}"
            status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
            raise
        finally:
            record.finish(status=status, inputs_seen=report.inputs_seen, new=report.new,
                          updated=report.updated, unchanged=report.unchanged, duplicates=report.duplicates,
                          rows=report.rows, errors=report.skipped, message=message)
            log.info("run %s %s: %s", record.run_id, status, report.summary())
    return report


def _plan(items: Iterable[Article | InputError], index: dict, report: IngestReport,
          on_skip: Callable[[InputError], None] | None, *, force: bool, pacer: Pacer,
          limit: int | None, version: str, progress: Callable | None,
          redo_before: datetime | None = None, redo_ids: set[str] = frozenset()) -> Iterator[list[Article]]:
    """Pieces of the articles that need extraction (sized by ``pacer``); counts the rest as they pass."""
    seen: set[str] = set()
    batch: list[Article] = []
    wanted = 0
    target = pacer.piece()
    for item in items:
        report.inputs_seen += 1
        if isinstance(item, InputError):
            _skip(item, report, on_skip)
            continue
        problem = article_unicode_problem(item)
        if problem:  # every reader checks; this keeps any other source of articles from crashing the run
            _skip(InputError(item.source, problem), report, on_skip)
            continue
        aid = item.article_id
        where = item.url or item.source
        if aid in seen:
            report.duplicates += 1
            log.debug("duplicate %s", where, extra={"where": where})
            continue
        seen.add(aid)
        stored = index.get(aid)
        if (not force and stored is not None and aid not in redo_ids and stored.pipeline_version == version
                and stored.content_hash == content_hash(item)
                and not (redo_before and stored.processed_at and stored.processed_at < redo_before)):
            report.unchanged += 1
            log.debug("unchanged %s", where, extra={"where": where})
            if progress is not None:
                progress(report)
            continue
        batch.append(item)
        wanted += 1
        if len(batch) >= target:
            pacer.handed(len(batch))
            yield batch
            batch = []
            target = pacer.piece()
        if limit and wanted >= limit:
            log.info("stopping at the limit of %d articles", limit)
            break
    if batch:
        pacer.handed(len(batch))
        yield batch


def _joined(held: list[tuple[list[Article], dict[str, list[dict]]]]) -> tuple[list[Article], dict[str, list[dict]]]:
    """The pieces extracted since the last commit as one batch: articles and rows in input order."""
    if len(held) == 1:
        return held[0]
    return ([a for batch, _ in held for a in batch],
            {t: [r for _, tables in held for r in tables.get(t, [])] for t in ARTICLE_TABLES})


def _commit(store: Store, index: dict, batch: list[Article], tables: dict[str, list[dict]],
            report: IngestReport, version: str) -> None:
    """Stamp the batch's rows and commit them, replacing the stored rows of updated articles."""
    now = datetime.now(timezone.utc)
    by_id = {a.article_id: a for a in batch}
    stamp = {"pipeline_version": version, "processed_at": now}
    rows = {t: [{**r, **stamp} for r in tables.get(t, [])] for t in ARTICLE_TABLES}
    for row in rows["articles"]:
        row["content_hash"] = content_hash(by_id[row["article_id"]])
    replaced = {a["article_id"]: index[a["article_id"]].month for a in rows["articles"] if a["article_id"] in index}
    if not rows["articles"]:
        return
    written = store.commit(Change(rows=rows, replaced=replaced), pipeline_version=version, processed_at=now)
    report.batches += 1
    for table, n in written.items():
        report.rows[table] = report.rows.get(table, 0) + n
    for row in rows["articles"]:
        aid = row["article_id"]
        where = row.get("url") or row.get("source")
        if aid in replaced:
            report.updated += 1
            log.info("updated %s", where, extra={"where": where})
        else:
            report.new += 1
            log.info("new %s", where, extra={"where": where})
    index.update(store.index_of(rows["articles"]))
    log.info("committed batch %d: %d articles", report.batches, len(rows["articles"]))


def _articles_to_redo(store: Store) -> list[Article]:
    """The stored articles of the months whose damaged fragments ``Store.prepare`` moved aside."""
    if not store.redo_months or store.current("articles") is None:
        return []
    import pyarrow as pa
    import pyarrow.compute as pc

    months = pa.array(sorted(store.redo_months), pa.string())
    table = store.read("articles", filter=pc.field("month").isin(months))
    out = []
    for row in table.to_pylist():
        if row.get("text"):
            out.append(Article.from_row(row))
    log.warning("re-extracting %d stored articles of %s", len(out), ", ".join(sorted(store.redo_months)))
    return out


def _skip(error: InputError, report: IngestReport, on_skip: Callable[[InputError], None] | None,
          logged: bool = False) -> None:
    report.skipped.append(error)
    if not logged:  # extraction failures were logged, with their traceback, where they happened
        where = f"{error.source}:{error.line}" if error.line is not None else error.source
        # Printed once on stderr: by the caller's on_skip when there is one, else by this line.
        log.log(logging.INFO if on_skip is not None else logging.WARNING, "skipped: %s", error.cause,
                extra={"where": where})
    if on_skip is not None:
        on_skip(error)
