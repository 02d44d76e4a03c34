"""Log lines with time, level and the article or URL concerned, to stderr and to a rotating file."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s [%(where)s] %(name)s: %(message)s"


class WhereFilter(logging.Filter):
    """Give every record a ``where`` (article source or URL; ``-`` when none was passed in ``extra``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "where"):
            record.where = "-"
        return True


@contextmanager
def batch_logging(log_file: Path | None, *, level: str = "INFO", stderr_level: str = "WARNING",
                  max_bytes: int = 5_000_000, backups: int = 5) -> Iterator[None]:
    """Route log records to stderr and a rotating file for the ``with`` block, then restore.

    log_file (Path | None): the log file (its folder is created); None: stderr only.
    level (str): the file's level.
    stderr_level (str): stderr's level.
    max_bytes (int): rotate the file at this size.
    backups (int): old files kept.
    """
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    where = WhereFilter()
    fmt = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = []
    err = logging.StreamHandler(sys.stderr)
    err.setLevel(stderr_level)
    handlers.append(err)
    if log_file is not None:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(RotatingFileHandler(log_file, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"))
        handlers[-1].setLevel(level)
    for h in handlers:
        h.addFilter(where)
        h.setFormatter(fmt)
    root.handlers = handlers
    root.setLevel(min(logging.getLevelName(level), logging.getLevelName(stderr_level)))
    for noisy in ("distributed", "asyncio", "urllib3", "httpx", "filelock"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        yield
    finally:
        for h in handlers:
            h.close()
        root.handlers = saved[1]
        root.setLevel(saved[0])
