"""Extraction on every core: a pool of local worker processes (the default of `vnie extract`, `run`,
`reprocess` and `crawl`; ``--workers N``, default the machine's cores).

* **Few articles, one process.** A pool only pays off past some seconds of work, so the first
  ``POOL_MIN_ARTICLES`` articles (50; ``VNIE_POOL_MIN_ARTICLES`` in the environment changes it)
  decide: an input with fewer is extracted in this process, exactly as ``--workers 1`` does, and
  no worker is started (a 3-article `make run`, the tests' small sets, a cron run with nothing new).
* **Models loaded once.** The driver loads the pipeline (underthesea's word model with it), runs a
  made-up article through it (what components build on a first article is built once) and freezes
  the garbage collector's view of it, then forks the workers (Linux), which share it all
  copy-on-write: no worker pays underthesea's start-up or a first article's set-up again. Where fork
  is not available the workers are spawned and each loads the models once, on start.
* **Chunks, results in order.** Work goes out in chunks of ``CHUNK_ARTICLES`` articles, a bounded
  number in flight (memory does not grow with the input); the driver takes the results in input
  order. Workers return each article's rows *before linking*; the driver merges them by article
  id and links them exactly as one process does, so the tables are identical to ``--workers 1``.
* **A killed driver takes its workers with it** (Linux: ``PR_SET_PDEATHSIG``), so the run lock of
  the output folder, an ``flock`` the forked workers share, is released at once.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from pipeline.article import Article, InputError

if TYPE_CHECKING:   # imported when a pool starts: a run with nothing new does not pay for them
    from concurrent.futures import Future, ProcessPoolExecutor

log = logging.getLogger(__name__)

POOL_MIN_ARTICLES = 50   # fewer articles than this in an input: one process, no pool (about 2 s of work)
LOCAL_PART_ARTICLES = 50  # articles extracted in this process between two hand-overs to the caller (--workers 1)
READ_AHEAD_SECONDS = 0.2  # reading more articles for segmenting ahead stops after this (``_read_ahead``)
CHUNK_ARTICLES = 8       # articles per task: small enough to balance the workers, large enough that
                         # pickling a task (~1 ms) is noise next to its extraction (~30 ms an article)


def default_workers() -> int:
    """The cores this process may run on (``os.sched_getaffinity``; else ``os.cpu_count()``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def pool_min_articles() -> int:
    """Articles an input must reach before a pool starts: ``VNIE_POOL_MIN_ARTICLES``, else POOL_MIN_ARTICLES."""
    value = os.environ.get("VNIE_POOL_MIN_ARTICLES", "").strip()
    return max(1, int(value)) if value else POOL_MIN_ARTICLES


def _quiet(error: InputError) -> None:
    """A worker's skipped input: logged at INFO there; the driver reports it once."""


def die_with_parent() -> None:
    """In a forked process: be killed when the process that started it dies (Linux; elsewhere nothing)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:
            pass


def _worker_start() -> None:
    """In each worker, once: die with the driver, no progress bar, log only problems, models loaded."""
    die_with_parent()
    from pipeline.run import ARTICLE_DONE, shared_nlp

    ARTICLE_DONE.set(None)       # a forked worker inherits the driver's progress callback: not here
    root = logging.getLogger()   # nor its log file (the driver rotates it): problems go to stderr
    for handler in list(root.handlers):
        root.removeHandler(handler)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    shared_nlp()                 # forked: already loaded (no work); spawned: loaded once, now


# A made-up article run once before forking (``ready_to_fork``): what the components build on their
# first article (the officials' lexicon, regular expressions, underthesea's sentence splitter) is then
# built once in the driver and shared, not built again in every worker.
WARM_UP = Article(source="vnie:warm-up", published="2025-09-03",
                  text="Ngày 2/9/2025, Đại tá Nguyễn Văn A, Giám đốc Công an tỉnh, dự hội nghị tổng kết.\n"
                       "Công an xã đã thu giữ 2 xe máy và 15 triệu đồng.")


def ready_to_fork(nlp) -> None:
    """Before the workers are forked from this process: run ``WARM_UP`` through ``nlp`` (a failure is only
    logged), then freeze the objects made so far out of the garbage collector's sight, so the workers'
    collections neither scan nor copy the shared models' pages (``ArticlePool`` unfreezes the driver's
    collector once the workers are forked)."""
    import gc

    from pipeline.run import article_rows, process

    try:
        article_rows(WARM_UP, process(nlp, WARM_UP))
    except Exception:  # noqa: BLE001 - warming up is an optimisation; the articles report their own errors
        log.exception("warm-up before forking failed")
    gc.freeze()


def extract_chunk(chunk: list[Article], segmented: dict | None = None,
                  ) -> tuple[dict[str, dict[str, list[dict]]], int, list[tuple]]:
    """Run in a worker: (each article's rows before linking, articles processed, errors as tuples).

    segmented (dict | None): ``{article_id: Segmentation}`` of articles segmented ahead (``segment_ahead``).
    InputError does not survive pickling (its constructor takes three arguments), so errors
    travel as ``(source, cause, line)``.
    """
    from pipeline.run import Report, extract_rows

    report = Report()
    rows = extract_rows(chunk, report, on_skip=_quiet, segmented=segmented)
    return rows, report.processed, [(e.source, e.cause, e.line) for e in report.skipped]


class ArticlePool:
    """``workers`` processes extracting chunks of articles; forked on the first ``submit``.

    workers (int | None): processes; None gives ``default_workers()``.
    """

    def __init__(self, workers: int | None = None):
        self.workers = max(1, int(workers or default_workers()))
        self._pool: ProcessPoolExecutor | None = None
        self._context = None         # the multiprocessing context, once the pipeline is loaded (``start``)
        self._segmented: dict = {}   # article_id -> Segmentation, from segmenting ahead; taken by submit

    @property
    def started(self) -> bool:
        return self._pool is not None

    def start(self, upcoming: Sequence[Article] = ()) -> None:
        """Load the pipeline in this process, ready to fork the workers (on the first ``submit``);
        meanwhile the idle cores segment ``upcoming``, the articles to be submitted first
        (``segment_ahead``). Nothing when done already."""
        if self._context is not None:
            return
        import multiprocessing

        from pipeline.run import nlp_loaded, shared_nlp

        if "fork" in multiprocessing.get_all_start_methods():
            from pipeline.batch.segment_ahead import SegmentAhead

            # nothing to overlap when this process has loaded the pipeline already (a second run in it)
            ahead = SegmentAhead(() if nlp_loaded() else upcoming, processes=self.workers - 1)
            try:
                ready_to_fork(shared_nlp())   # loaded and warmed here once; the forked workers share it
                self._segmented = ahead.collect()
            finally:
                ahead.close()
            self._context = multiprocessing.get_context("fork")
        else:
            self._context = multiprocessing.get_context("spawn")

    def submit(self, chunk: list[Article]) -> Future:
        first = self._pool is None
        if first:
            from concurrent.futures import ProcessPoolExecutor

            self.start(chunk)
            log.info("starting %d extraction workers (%s; %d articles segmented ahead)", self.workers,
                     self._context.get_start_method(), len(self._segmented))
            self._pool = ProcessPoolExecutor(self.workers, mp_context=self._context, initializer=_worker_start)
        segmented = {a.article_id: s for a in chunk if (s := self._segmented.pop(a.article_id, None)) is not None}
        future = self._pool.submit(extract_chunk, chunk, segmented or None)   # the first forks every worker
        if first and self._context.get_start_method() == "fork":
            import gc

            gc.unfreeze()   # the workers keep the frozen view; the driver's collector sees everything again
        return future

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._segmented = {}

    def __enter__(self) -> ArticlePool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def chunks_of(items: Iterable, size: int = CHUNK_ARTICLES, count: type | None = None) -> Iterator[list]:
    """``items`` in lists of ``size`` (counting only instances of ``count`` when given)."""
    chunk: list = []
    n = 0
    for item in items:
        chunk.append(item)
        n += count is None or isinstance(item, count)
        if n >= size:
            n = 0
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_in_pool(items: Iterable[Article | InputError], report, on_skip: Callable[[InputError], None] | None,
                    pool: ArticlePool, done: Callable[[], None] | None = None,
                    ) -> Iterator[dict[str, dict[str, list[dict]]]]:
    """Each chunk's ``{article_id: {table: rows}}`` (before linking), in input order, extracted by ``pool``.

    Reader errors are skipped here as they come; an article whose id was already seen is dropped
    (as one process does); ``report`` counts processed articles and skipped inputs.
    """
    from pipeline.run import _skip

    seen: set[str] = set()
    pending: deque[tuple[list[Article], Future]] = deque()
    in_flight = max(4, 2 * pool.workers)

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                _skip(item, report, on_skip)
                if done is not None:
                    done()
                continue
            if item.article_id in seen:
                if done is not None:
                    done()
                continue
            seen.add(item.article_id)
            yield item

    def collect(chunk: list[Article], future: Future) -> dict[str, dict[str, list[dict]]]:
        rows, processed, errors = future.result()
        report.processed += processed
        for source, cause, line in errors:
            _skip(InputError(source, cause, line), report, on_skip)
        if done is not None:
            for _ in chunk:
                done()
        return rows

    for chunk in chunks_of(articles()):
        pending.append((chunk, pool.submit(chunk)))
        while len(pending) >= in_flight:
            yield collect(*pending.popleft())
    while pending:
        yield collect(*pending.popleft())


def _read_ahead(iterator: Iterator, seconds: float = READ_AHEAD_SECONDS) -> list:
    """More items of ``iterator`` for segmenting ahead, up to ``AHEAD_ARTICLES`` articles while reading
    stays cheap (``seconds`` of reading: JSONL lines, not a folder of pages to clean)."""
    import time

    from pipeline.batch.segment_ahead import AHEAD_ARTICLES

    more: list = []
    articles, deadline = 0, time.perf_counter() + seconds
    for item in iterator:
        more.append(item)
        articles += isinstance(item, Article)
        if articles >= AHEAD_ARTICLES or time.perf_counter() > deadline:
            break
    return more


def extract_parallel(items: Iterable[Article | InputError], report, on_skip: Callable[[InputError], None] | None = None,
                     ner: bool | None = None, workers: int | None = 1,
                     ) -> Iterator[dict[str, dict[str, list[dict]]]]:
    """``{article_id: {table: rows}}`` (before linking) for ``items``, part after part in input order:
    in this process when ``workers`` is 1 or the input holds fewer than ``pool_min_articles()``
    articles, else in a pool of ``workers`` processes (None: every core)."""
    from pipeline.run import ARTICLE_DONE, extract_rows, ner_environment

    workers = max(1, int(workers or default_workers()))
    iterator = iter(items)
    head: list[Article | InputError] = []
    if workers > 1:
        threshold, articles = pool_min_articles(), 0
        for item in iterator:
            head.append(item)
            articles += isinstance(item, Article)
            if articles >= threshold:
                break
        else:  # the input ended before the threshold: one process
            yield extract_rows(head, report, on_skip, ner)
            return
        head.extend(_read_ahead(iterator))
    else:   # this process, a part at a time (the caller may stream each part to disk)
        done, seen = ARTICLE_DONE.get(), set()

        def fresh() -> Iterator[Article | InputError]:
            for item in iterator:
                if isinstance(item, Article):
                    if item.article_id in seen:   # the same input twice: processed once
                        if done is not None:
                            done()
                        continue
                    seen.add(item.article_id)
                yield item

        for chunk in chunks_of(fresh(), LOCAL_PART_ARTICLES, count=Article):
            yield extract_rows(chunk, report, on_skip, ner)
        return
    import itertools

    with ner_environment(ner), ArticlePool(workers) as pool:   # workers read VNIE_NER
        pool.start([item for item in head if isinstance(item, Article)])   # the first articles segmented ahead
        yield from extract_in_pool(itertools.chain(head, iterator), report, on_skip, pool, ARTICLE_DONE.get())


class PoolEngine:
    """Batches extracted by ``workers`` processes (default: the machine's cores), committed in order.

    Each batch is cut into chunks spread over the workers; the driver merges and links a batch's
    rows as one process does, so the tables are those of ``--workers 1``. Batches are extracted in
    this process until the run has met ``pool_min_articles()`` articles to extract: a run with
    nothing (or little) new starts no worker. One batch is extracted ahead of the one committed.

    workers (int | None): processes; None gives ``default_workers()``.
    name (str): the engine's name in the runs table.
    """

    def __init__(self, workers: int | None = None, name: str = "pool"):
        self.workers = max(1, int(workers or default_workers()))
        self.name = name
        self._articles = 0
        self._pool = ArticlePool(self.workers) if self.workers > 1 else None

    def __enter__(self) -> PoolEngine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()

    @property
    def started(self) -> bool:
        return self._pool is not None and self._pool.started

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[tuple]:
        from pipeline.batch.ingest import extract_batch

        pending: deque = deque()
        for batch in batches:
            self._articles += len(batch)
            if self._pool is None or (not self._pool.started and self._articles < pool_min_articles()):
                while pending:
                    yield self._gather(*pending.popleft())
                yield (batch, *extract_batch(batch))
                continue
            self._pool.start(batch)   # the pipeline loads while the idle cores segment the batch's first articles
            pending.append((batch, [self._pool.submit(c) for c in chunks_of(batch)]))
            while len(pending) > 1:     # one batch extracted while the one before is committed
                yield self._gather(*pending.popleft())
        while pending:
            yield self._gather(*pending.popleft())

    @staticmethod
    def _gather(batch: list[Article], futures: list[Future]) -> tuple:
        from pipeline.batch.datasets import ARTICLE_TABLES
        from pipeline.linking import link_tables
        from pipeline.run import ARTICLE_DONE, merge_rows

        per_article: dict[str, dict[str, list[dict]]] = {}
        errors: list[InputError] = []
        done = ARTICLE_DONE.get()
        for future in futures:
            rows, _, errs = future.result()
            for aid, tables in rows.items():
                per_article.setdefault(aid, tables)
            errors.extend(InputError(source, cause, line) for source, cause, line in errs)
        for error in errors:  # logged here, in the run's log, as one process logs them
            log.warning("skipped %s", error)
        if done is not None:
            for _ in batch:
                done()
        tables = link_tables(merge_rows(per_article))
        return batch, {t: tables[t] for t in ARTICLE_TABLES}, errors
