"""Orchestration: inputs to articles to Docs to table rows; one bad article never stops a run."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.article import Article, InputError
from pipeline.budget import OverBudget, time_limit
from pipeline.document import build_nlp, process
from pipeline.readers import read_inputs
from pipeline.readers.decoding import article_unicode_problem
from pipeline.settings import document_options
from pipeline.storage import write_tables
from pipeline.tables import article_rows, persons_rows

log = logging.getLogger(__name__)

TABLE_ORDER = ("articles", "officials", "mentions", "events", "counts", "dates")


@dataclass
class Report:
    """What a run did: articles processed, inputs skipped with causes, rows per table."""

    processed: int = 0
    skipped: list[InputError] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        tables = ", ".join(f"{self.rows.get(t, 0)} {t}" for t in ("officials", "events", "counts", "dates"))
        return f"{self.processed} articles processed, {len(self.skipped)} inputs skipped; {tables}"


_NLP = None


def shared_nlp():
    """The pipeline, built once per process (loading underthesea takes a moment)."""
    global _NLP
    if _NLP is None:
        _NLP = build_nlp()
    return _NLP


def extract_articles(items: Iterable[Article | InputError], report: Report,
                     on_skip: Callable[[InputError], None] | None = None) -> dict[str, list[dict]]:
    """Rows of every table for the articles in ``items``; errors go to ``report.skipped``.

    Articles with the same ``article_id`` (the same input twice) are processed once.
    Rows are ordered by article id, so the same inputs give the same tables.
    """
    nlp = shared_nlp()
    budget = document_options().extract_seconds
    per_article: dict[str, dict[str, list[dict]]] = {}
    for item in items:
        if isinstance(item, InputError):
            _skip(item, report, on_skip)
            continue
        if item.article_id in per_article:
            continue
        problem = article_unicode_problem(item)
        if problem:  # the readers refuse such text; this guards any other source of articles
            _skip(InputError(item.source, problem), report, on_skip)
            continue
        try:
            with time_limit(budget, "extraction", "document.extract_seconds"):
                per_article[item.article_id] = article_rows(item, process(nlp, item))
        except OverBudget as exc:
            _skip(InputError(item.source, str(exc)), report, on_skip)
            continue
        except Exception as exc:  # noqa: BLE001 - one article's failure is reported, not fatal
            log.exception("extraction failed on %s", item.source)
            _skip(InputError(item.source, f"extraction failed: {type(exc).__name__}: {exc}"), report, on_skip)
            continue
        report.processed += 1
    tables: dict[str, list[dict]] = {name: [] for name in TABLE_ORDER}
    for aid in sorted(per_article):
        for name in TABLE_ORDER:
            tables[name].extend(per_article[aid][name])
    tables["persons"] = persons_rows(tables["officials"], tables["articles"])
    return tables


def _skip(error: InputError, report: Report, on_skip: Callable[[InputError], None] | None) -> None:
    report.skipped.append(error)
    if on_skip is None:
        log.warning("skipped %s", error)
    else:  # the caller reports it (vnie extract prints it): once on stderr, not twice
        log.info("skipped %s", error)
    if on_skip is not None:
        on_skip(error)


def run_extract(inputs: Iterable[Path], out_dir: Path,
                on_skip: Callable[[InputError], None] | None = None) -> Report:
    """Read ``inputs``, extract, and write every table into ``out_dir`` (``<table>.parquet``)."""
    report = Report()
    tables = extract_articles(read_inputs(inputs), report, on_skip)
    if report.processed:
        report.rows = write_tables(Path(out_dir), tables)
    return report
