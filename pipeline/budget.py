"""Time budgets per input: a reader or an extraction that runs past its seconds is stopped and skipped.

``time_limit`` arms a SIGALRM timer, so it works in the main thread of a Unix process (``vnie run``,
``vnie extract``, ``vnie crawl``); elsewhere (Dask worker threads, Windows) it does nothing, and the
size and nesting limits of the readers are what bound the work. Nested limits keep the outer one.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class OverBudget(BaseException):
    """Raised inside the work that ran out of time; ``what`` says which budget.

    A ``BaseException`` (like ``KeyboardInterrupt``), so that the ``except Exception`` of a fallback
    stage inside the work cannot swallow it and carry on past the budget.
    """

    def __init__(self, what: str, seconds: float, setting: str):
        self.what, self.seconds, self.setting = what, seconds, setting
        super().__init__(f"{what} took longer than {seconds:g} s ({setting})")


@contextmanager
def time_limit(seconds: float, what: str, setting: str) -> Iterator[None]:
    """Raise ``OverBudget`` in the block once it has run ``seconds`` (0: no limit).

    seconds (float): the budget.
    what (str): the work, for the message ("reading", "extraction").
    setting (str): the setting that holds the budget, for the message ("reader.read_seconds").
    """
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not usable:
        yield
        return

    def expired(signum, frame):
        raise OverBudget(what, seconds, setting)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
