"""Re-extract the articles already stored, from their stored text and metadata: no network, no input files."""

from __future__ import annotations

import itertools
import json
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pyarrow.dataset as ds

from pipeline.article import STORED_FIELDS, Article, InputError
from pipeline.batch.datasets import Store
from pipeline.batch.ingest import IngestReport, ingest
from pipeline.batch.lock import run_lock

log = logging.getLogger(__name__)

PINNED = "reprocess-source"   # a hard-linked copy of the current articles files being re-read
STATE = "_reprocess.json"     # when the reprocess started: a resumed one skips what it already redid


def stored_articles(snapshot: Path) -> Iterator[Article]:
    """The articles of an ``articles`` snapshot, rebuilt from their stored columns.

    Works on snapshots of older schema versions too: a column they lack is None.

    snapshot (Path): a folder of the ``articles`` dataset.
    RETURNS (Iterator[Article]): in storage order, a few hundred in memory at a time.
    """
    dataset = ds.dataset(snapshot, format="parquet", partitioning="hive", exclude_invalid_files=True)
    columns = [c for c in STORED_FIELDS if c in dataset.schema.names]
    for batch in dataset.to_batches(columns=columns, batch_size=256):
        for row in batch.to_pylist():
            if not row.get("text"):
                continue
            yield Article.from_row(row)


def reprocess(out_dir: Path, *, outdated_only: bool = False, crawl_state: Path | None = None,
              **ingest_options) -> IngestReport:
    """Re-extract every stored article (or only those of another pipeline version) in place, and add
    the crawled pages no table holds (a crawl that died before its commit).

    The current articles files are pinned first, so the re-extraction reads a
    fixed set while it replaces the tables batch by batch. A killed reprocess is
    resumed by the next one, which skips the articles the first already redid.
    Tables of an older schema version are rebuilt from scratch.

    out_dir (Path): the output folder.
    outdated_only (bool): only articles whose rows carry another pipeline version.
    crawl_state (Path | None): the crawl state folder. Defaults to OUT/.vnie/crawl.
    ingest_options: passed to ``ingest`` (batch_size, engine, on_skip, progress).
    RETURNS (IngestReport): as ``ingest``.
    """
    out_dir = Path(out_dir)
    with run_lock(out_dir):
        store = Store(out_dir)
        store.prepare(allow_old_schema=True)
        pinned = store.meta / PINNED
        if not (pinned / STATE).exists():
            if pinned.exists():
                shutil.rmtree(pinned)
            if store.current("articles") is None:
                return ingest(crawled_not_stored(out_dir, None, crawl_state), out_dir, kind="reprocess",
                              inputs=["(stored articles)"], lock=False, **ingest_options)
            _pin(store, pinned)
            started = datetime.now(timezone.utc)
            (pinned / STATE).write_text(json.dumps({"started": started.isoformat()}), encoding="utf-8")
        else:
            started = datetime.fromisoformat(json.loads((pinned / STATE).read_text(encoding="utf-8"))["started"])
            log.warning("resuming the reprocess started at %s", started.isoformat())
        items = itertools.chain(stored_articles(pinned), crawled_not_stored(out_dir, pinned, crawl_state))
        report = ingest(items, out_dir, kind="reprocess", inputs=["(stored articles)"],
                        lock=False, allow_old_schema=True,
                        redo_before=None if outdated_only else started, **ingest_options)
        shutil.rmtree(pinned)
    return report


def crawled_not_stored(out_dir: Path, snapshot: Path | None,
                       state_dir: Path | None = None) -> Iterator[Article | InputError]:
    """Articles the crawl state holds (raw pages in OUT/.vnie/crawl) that no ``articles`` row holds:
    pages read by a crawl that died before committing them. Read from the stored pages, no network.

    out_dir (Path): the output folder.
    snapshot (Path | None): the ``articles`` snapshot whose ids count as stored.
    state_dir (Path | None): the crawl state folder. Defaults to OUT/.vnie/crawl.
    RETURNS (Iterator[Article | InputError]): the missing articles, or the errors reading them.
    """
    from pipeline.crawl.land import STATE_DIR
    from pipeline.crawl.options import crawl_options
    from pipeline.crawl.state import CrawlState
    from pipeline.readers.html import read_html

    path = Path(state_dir or Path(out_dir) / STATE_DIR) / crawl_options().state_file
    if not path.exists():
        return
    stored: set[str] = set()
    if snapshot is not None and any(snapshot.rglob("*.parquet")):
        dataset = ds.dataset(snapshot, format="parquet", partitioning="hive", exclude_invalid_files=True)
        stored = set(dataset.to_table(columns=["article_id"])["article_id"].to_pylist())
    with CrawlState(path) as state:
        pages = [page for page in state.iter_pages()
                 if Article(source="", text="", url=page[0]).article_id not in stored]
    if pages:
        log.warning("%d crawled articles are not in the tables (a crawl stopped before its commit): "
                    "adding them from the stored pages", len(pages))
    for url, html, fetched_at, source in pages:
        try:
            crawl_date = date.fromisoformat(fetched_at[:10]) if fetched_at else None
            yield replace(read_html(html, source=source or url, url=url, crawl_date=crawl_date),
                          source=source or url, url=url)
        except InputError as exc:
            yield InputError(url, exc.cause)


def reprocess_pending(out_dir: Path) -> bool:
    """Whether a reprocess was interrupted and ``vnie reprocess`` should be run again to finish it."""
    return (Store(out_dir).meta / PINNED / STATE).exists()


def _pin(store: Store, pinned: Path) -> None:
    """A hard-linked copy of the current ``articles`` data files: they stay while the store moves on."""
    pinned.mkdir(parents=True)
    folder = store.link("articles").resolve()
    paths = [Path(u.removeprefix("file://")).resolve() for u in store.delta("articles").file_uris()]
    for path in paths:
        rel = path.relative_to(folder)
        (pinned / rel).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, pinned / rel)
        except OSError:
            shutil.copy2(path, pinned / rel)
