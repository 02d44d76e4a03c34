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


def extract_chunk(articles: list[Article]) -> tuple[str, dict[str, list[dict]], list[tuple]]:
    """Run on a worker: (its pipeline version, rows per article table, errors as plain tuples).

    InputError does not survive pickling (its constructor takes three arguments),
    so errors travel as ``(source, cause, line)``.
    """
    from pipeline.batch.ingest import extract_batch
    from pipeline.batch.version import pipeline_version

    tables, errors = extract_batch(articles)
    return pipeline_version(), tables, [(e.source, e.cause, e.line) for e in errors]


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
        tables: dict[str, list[dict]] = {t: [] for t in ARTICLE_TABLES}
        errors: list[InputError] = []
        for version, part, errs in self.client.gather(futures):
            if version != expected:
                raise WorkerMismatch(f"a Dask worker runs vnie {version}, this driver {expected}: "
                                     "install the same vnie (and gazetteers) on every worker")
            for t in ARTICLE_TABLES:
                tables[t].extend(part[t])
            errors.extend(InputError(source, cause, line) for source, cause, line in errs)
        for t in ARTICLE_TABLES:  # the order a single process gives: by article, each article's rows as made
            tables[t] = [row for _, row in sorted(enumerate(tables[t]), key=lambda p: (p[1]["article_id"], p[0]))]
        return batch, tables, errors
