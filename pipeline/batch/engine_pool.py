"""Extraction in a pool of local processes (``--engine pool --workers N``): whole batches in parallel.

Each worker process loads the models once (``shared_nlp`` is per process) and
extracts whole batches, so a batch's rows are exactly those one process gives; the
driver receives the batches in their order and commits them one by one, as the
local engine does. The pool starts on the first batch: a run with nothing new
starts no worker.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from pipeline.article import Article
from pipeline.batch.ingest import Extracted, extract_batch


def _extract(batch: list[Article]):
    return extract_batch(batch)


class PoolEngine:
    """Batches extracted by ``workers`` processes (default: the machine's cores), committed in order.

    workers (int | None): processes; None gives ``os.cpu_count()``.
    """

    name = "pool"

    def __init__(self, workers: int | None = None):
        self.workers = max(1, int(workers or os.cpu_count() or 1))
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> PoolEngine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[Extracted]:
        pending: deque = deque()
        for batch in batches:
            if self._pool is None:
                # spawn: a fresh interpreter per worker, nothing of the driver's state (locks, open tables) copied
                self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
            pending.append((batch, self._pool.submit(_extract, batch)))
            while len(pending) > self.workers:   # at most one batch per worker in flight
                done, future = pending.popleft()
                yield (done, *future.result())
        while pending:
            done, future = pending.popleft()
            yield (done, *future.result())
