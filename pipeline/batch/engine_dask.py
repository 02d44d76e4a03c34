"""Extraction on a Dask cluster; the driver still commits every batch, with the same guarantees.

Workers only turn articles into rows: they never touch the output folder, so the
lock, the upsert and the atomic swaps work as in a local run. Each worker loads
the pipeline once (underthesea takes a few seconds) and keeps it for every task.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator

from pipeline.article import Article, InputError
from pipeline.batch.datasets import ARTICLE_TABLES

log = logging.getLogger(__name__)

PREFETCH_BATCHES = 2   # batches submitted ahead of the one being committed: workers never wait for the driver


class WorkerMismatch(RuntimeError):
    """A worker runs another vnie version than the driver: its rows would not match."""

    exit_code = 2


def extract_chunk(articles: list[Article]) -> tuple[str, dict[str, dict[str, list[dict]]], list[tuple]]:
    """Run on a worker: (its pipeline version, each article's rows before linking, errors as plain tuples).

    The driver merges a batch's chunks and links them as one process does (the pool engine's way),
    so the tables do not depend on how a batch was cut into chunks. InputError does not survive
    pickling (its constructor takes three arguments), so errors travel as ``(source, cause, line)``.
    """
    from pipeline.batch.engine_pool import extract_chunk as extract_rows_of
    from pipeline.batch.version import pipeline_version

    rows, _, errors = extract_rows_of(articles)
    return pipeline_version(), rows, errors


class DaskEngine:
    """Extract batches on a Dask cluster: ``scheduler`` names one, else a LocalCluster is started.

    scheduler (str | None): ``tcp://HOST:PORT`` of a running scheduler. Defaults to a LocalCluster.
    workers (int): LocalCluster worker processes (one thread each: the pipeline is CPU-bound Python).
    chunk_size (int): articles per task.
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int = 2, chunk_size: int = 20):
        self.scheduler, self.workers, self.chunk_size = scheduler or None, workers, max(1, chunk_size)
        self.client = None
        self.cluster = None

    def __enter__(self) -> "DaskEngine":
        from distributed import Client, LocalCluster

        if self.scheduler:
            log.info("connecting to the Dask scheduler at %s", self.scheduler)
            self.client = Client(self.scheduler, timeout="30s")
        else:
            log.info("starting a LocalCluster of %d workers", self.workers)
            self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.WARNING)
            self.client = Client(self.cluster)
        return self

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[tuple[list[Article], dict, list[InputError]]]:
        """Yield (batch, rows, errors) in input order, keeping PREFETCH_BATCHES batches in flight."""
        if self.client is None:
            raise RuntimeError("use DaskEngine as a context manager: `with DaskEngine(...) as engine:`")
        from pipeline.batch.version import pipeline_version

        expected = pipeline_version()
        pending: deque = deque()
        for batch in batches:
            chunks = [batch[i:i + self.chunk_size] for i in range(0, len(batch), self.chunk_size)]
            pending.append((batch, self.client.map(extract_chunk, chunks, pure=False)))
            if len(pending) > PREFETCH_BATCHES:
                yield self._gather(*pending.popleft(), expected)
        while pending:
            yield self._gather(*pending.popleft(), expected)

    def _gather(self, batch: list[Article], futures: list, expected: str) -> tuple[list[Article], dict, list[InputError]]:
        from pipeline.linking import link_tables
        from pipeline.run import merge_rows

        per_article: dict[str, dict[str, list[dict]]] = {}
        errors: list[InputError] = []
        for version, rows, errs in self.client.gather(futures):
            if version != expected:
                raise WorkerMismatch(f"a Dask worker runs vnie {version}, this driver {expected}: "
                                     "install the same vnie (and gazetteers) on every worker")
            for aid, tables in rows.items():
                per_article.setdefault(aid, tables)
            errors.extend(InputError(source, cause, line) for source, cause, line in errs)
        for error in errors:
            log.warning("skipped %s", error)
        tables = link_tables(merge_rows(per_article))  # by article, each article's rows as made; linked as one process does
        return batch, {t: tables[t] for t in ARTICLE_TABLES}, errors
