"""Orchestration: inputs to articles to Docs to table rows; one bad article never stops a run."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.article import Article, InputError
from pipeline.document import DEFAULT_COMPONENTS, build_nlp, process
from pipeline.readers import read_inputs
from pipeline.schemas import ARTICLE_TABLES
from pipeline.storage import write_tables
from pipeline.tables import article_rows, persons_rows

log = logging.getLogger(__name__)

TABLE_ORDER = ARTICLE_TABLES  # the schemas' order


@dataclass
class Report:
    """What a run did: articles processed, inputs skipped with causes, rows per table."""

    processed: int = 0
    skipped: list[InputError] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        tables = ", ".join(f"{self.rows.get(t, 0)} {t}" for t in ("officials", "events", "counts", "dates"))
        return f"{self.processed} articles processed, {len(self.skipped)} inputs skipped; {tables}"


_NLPS: dict[bool, object] = {}


def ner_enabled() -> bool:
    """Whether the optional NER component runs: ``VNIE_NER`` in the environment (1/0, true/false;
    set by ``vnie run --ner`` so that Dask workers inherit it), else ``[pipeline] ner`` of the settings."""
    env = os.environ.get("VNIE_NER", "").strip().lower()
    if env:
        return env in ("1", "true", "yes", "on")
    from pipeline.settings import pipeline_options

    return pipeline_options().ner


@contextmanager
def ner_environment(ner: bool | None) -> Iterator[None]:
    """``VNIE_NER`` set to ``ner`` for the duration (nothing changes when None): the local
    pipeline and the Dask workers started inside it run the NER component or not."""
    if ner is None:
        yield
        return
    before = os.environ.get("VNIE_NER")
    os.environ["VNIE_NER"] = "1" if ner else "0"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("VNIE_NER", None)
        else:
            os.environ["VNIE_NER"] = before


def shared_nlp(ner: bool | None = None):
    """The pipeline, built once per process (loading underthesea takes a moment).

    ner (bool | None): add the statistical NER component (``vnie_ner``). Defaults to ``ner_enabled()``.
    """
    ner = ner_enabled() if ner is None else ner
    if ner not in _NLPS:
        _NLPS[ner] = build_nlp(DEFAULT_COMPONENTS + (("vnie_ner",) if ner else ()))
    return _NLPS[ner]


def extract_articles(items: Iterable[Article | InputError], report: Report,
                     on_skip: Callable[[InputError], None] | None = None,
                     ner: bool | None = None) -> dict[str, list[dict]]:
    """Rows of every table for the articles in ``items``; errors go to ``report.skipped``.

    Articles with the same ``article_id`` (the same input twice) are processed once.
    Rows are ordered by article id, so the same inputs give the same tables.
    ner (bool | None): run the NER component too. Defaults to ``ner_enabled()``.
    """
    nlp = shared_nlp(ner)
    per_article: dict[str, dict[str, list[dict]]] = {}
    for item in items:
        if isinstance(item, InputError):
            _skip(item, report, on_skip)
            continue
        if item.article_id in per_article:
            continue
        try:
            per_article[item.article_id] = article_rows(item, process(nlp, item))
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
    log.warning("skipped %s", error)
    if on_skip is not None:
        on_skip(error)


def run_extract(inputs: Iterable[Path], out_dir: Path,
                on_skip: Callable[[InputError], None] | None = None, ner: bool | None = None) -> Report:
    """Read ``inputs``, extract, and write every table into ``out_dir`` (``<table>.parquet``)."""
    report = Report()
    tables = extract_articles(read_inputs(inputs), report, on_skip, ner=ner)
    if report.processed:
        report.rows = write_tables(Path(out_dir), tables)
    return report
