"""The first articles of a pool run segmented on the idle core while the driver loads the pipeline.

Before the pool's workers fork, the driver spends about two seconds of CPU on one core importing
spaCy, loading underthesea's word model, building the components and warming them up (the workers
then share it all, copy-on-write). The other cores have nothing to do meanwhile, yet two thirds of
an article's extraction is underthesea's segmentation (``pipeline.segmentation.segment``), which
needs neither spaCy nor the components. So, when a pool is about to start, the driver forks one
``SegmentAhead`` process per idle core first, each loading only underthesea's word model and
segmenting its share of the articles at hand, one after another, until the driver is ready; the
driver then takes what they finished and hands each segmentation to the worker extracting that
article, which builds its Doc from it instead of segmenting again (``document.make_doc``). The Doc,
and so every row, is the same as when the worker segments the text itself (tested).

Only where processes fork (Linux): elsewhere the pool starts as before, with nothing segmented ahead.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections.abc import Sequence

from pipeline.article import Article

log = logging.getLogger(__name__)

AHEAD_ARTICLES = 160   # at most this many articles are offered: enough for ~2 s of start-up on 2 cores


def _segment_until_stopped(texts: list[tuple[str, str]], stop, finished, results) -> None:
    """In the forked process: the word model, then each text's segmentation until ``stop`` is set or
    the texts run out (counting them in ``finished``); then every finished one goes back through
    ``results`` in one message (sending as they come would fill the pipe while the driver is busy)."""
    from pipeline.batch.engine_pool import die_with_parent

    die_with_parent()
    done: dict[str, object] = {}
    try:
        from pipeline.segmentation import segment
        from pipeline.startup import load_word_model

        load_word_model()
        for article_id, text in texts:
            if stop.is_set():
                break
            done[article_id] = segment(text)
            with finished.get_lock():
                finished.value += 1
    except Exception:  # noqa: BLE001 - segmenting ahead is an optimisation: the workers segment instead
        log.debug("segmenting ahead stopped", exc_info=True)
    finally:
        stop.wait()          # the driver asks when it is ready; the answer is sent then
        results.send(done)
        results.close()


class SegmentAhead:
    """``processes`` forked processes segmenting ``articles`` (their share each, round robin) until
    ``collect()``.

    articles (Sequence[Article]): the articles the pool will extract first (at most ``AHEAD_ARTICLES`` are taken).
    processes (int): how many (the cores the driver's loading leaves idle).
    """

    def __init__(self, articles: Sequence[Article], processes: int = 1):
        self._procs: list = []
        self._finished = None
        if "fork" not in multiprocessing.get_all_start_methods() or processes < 1 or not articles:
            return
        context = multiprocessing.get_context("fork")
        self._stop = context.Event()
        self._finished = context.Value("i", 0)
        texts: dict[str, str] = {}
        for article in articles:   # an id seen twice: the first is the one extracted
            if len(texts) >= AHEAD_ARTICLES:
                break
            texts.setdefault(article.article_id, article.text)
        items = list(texts.items())
        for i in range(processes):
            receive, send = context.Pipe(duplex=False)
            proc = context.Process(target=_segment_until_stopped,
                                   args=(items[i::processes], self._stop, self._finished, send),
                                   name=f"vnie-segment-ahead-{i}", daemon=True)
            proc.start()
            send.close()
            self._procs.append((proc, receive))
        log.info("segmenting up to %d articles ahead in %d processes while the pipeline loads", len(items), processes)

    @property
    def finished(self) -> int:
        """Articles segmented so far."""
        return self._finished.value if self._finished is not None else 0

    def collect(self) -> dict[str, object]:
        """Stop the processes and return ``{article_id: Segmentation}`` of the articles they finished
        (empty when none ran or one failed: those articles are segmented by the workers)."""
        if not self._procs:
            return {}
        self._stop.set()
        done: dict[str, object] = {}
        for proc, receive in self._procs:
            try:
                done.update(receive.recv())
            except (EOFError, OSError):
                pass
            receive.close()
            proc.join()
        self._procs = []
        log.debug("%d articles segmented ahead", len(done))
        return done

    def close(self) -> None:
        """Stop without collecting (a failure in the driver)."""
        for proc, receive in self._procs:
            receive.close()
            if proc.is_alive():
                os.kill(proc.pid, signal.SIGKILL)
            proc.join()
        self._procs = []
