"""Orchestration: inputs to articles to Docs to table rows; one bad article never stops a run."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.article import Article, InputError
from pipeline.budget import OverBudget, time_limit
from pipeline.readers import read_inputs
from pipeline.readers.decoding import article_unicode_problem
from pipeline.schemas import ARTICLE_TABLES
from pipeline.settings import document_options
from pipeline.storage import write_tables
from pipeline.linking import link_tables

log = logging.getLogger(__name__)

TABLE_ORDER = ARTICLE_TABLES  # the schemas' order


@dataclass
class Report:
    """What a run did: articles processed, inputs skipped with causes, rows per table."""

    processed: int = 0
    skipped: list[InputError] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    tables: dict[str, list[dict]] = field(default_factory=dict, repr=False)   # the rows themselves

    def summary(self) -> str:
        tables = ", ".join(f"{self.rows.get(t, 0)} {t}" for t in ("officials", "events", "counts", "dates"))
        return f"{self.processed} articles processed, {len(self.skipped)} inputs skipped; {tables}"


_NLPS: dict[bool, object] = {}

# Called after each input item is extracted, skipped or found a duplicate: the progress bar of
# `vnie run` sets it for extraction in this process (extract_articles runs deep inside the batch engine).
ARTICLE_DONE: ContextVar[Callable[[], None] | None] = ContextVar("vnie_article_done", default=None)


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


def process(nlp, article: Article, segmentation=None):
    """``pipeline.document.process``, imported with the pipeline on the first article (not on a run with none).

    segmentation (Segmentation | None): the article's words, segmented in another process (``segment_ahead``).
    """
    from pipeline.document import process as process_document

    return process_document(nlp, article, display=False, segmentation=segmentation)  # rows only: no displaCy groups


def article_rows(article: Article, doc) -> dict[str, list[dict]]:
    """``pipeline.tables.article_rows``, imported on the first article (it needs spaCy)."""
    from pipeline.tables import article_rows as rows_of

    return rows_of(article, doc)


def nlp_loaded(ner: bool | None = None) -> bool:
    """Whether this process has built the pipeline ``shared_nlp(ner)`` returns."""
    return (ner_enabled() if ner is None else ner) in _NLPS


def shared_nlp(ner: bool | None = None):
    """The pipeline, built once per process (loading underthesea takes a moment).

    ner (bool | None): add the statistical NER component (``vnie_ner``). Defaults to ``ner_enabled()``.
    """
    from pipeline.document import DEFAULT_COMPONENTS, build_nlp  # spaCy and underthesea: on the first article only

    from pipeline.startup import paused_gc

    ner = ner_enabled() if ner is None else ner
    if ner not in _NLPS:
        with paused_gc():   # the build makes many long-lived containers: no collection walks them meanwhile
            _NLPS[ner] = build_nlp(DEFAULT_COMPONENTS + (("vnie_ner",) if ner else ()))
        # ... and none walks them afterwards: the pipeline lives as long as the process, and the
        # collector's full passes over its millions of objects cost about 4% of extraction (measured
        # in interleaved pairs). Frozen objects are still freed by reference counting.
        import gc

        gc.freeze()
    return _NLPS[ner]


def extract_articles(items: Iterable[Article | InputError], report: Report,
                     on_skip: Callable[[InputError], None] | None = None,
                     ner: bool | None = None) -> dict[str, list[dict]]:
    """Rows of every table for the articles in ``items``; errors go to ``report.skipped``.

    Articles with the same ``article_id`` (the same input twice) are processed once.
    Rows are ordered by article id, so the same inputs give the same tables.
    ner (bool | None): run the NER component too. Defaults to ``ner_enabled()``.
    """
    return link_tables(merge_rows(extract_rows(items, report, on_skip, ner)))  # person_ids, story_ids, persons, stories


def extract_rows(items: Iterable[Article | InputError], report: Report,
                 on_skip: Callable[[InputError], None] | None = None,
                 ner: bool | None = None, segmented: dict | None = None) -> dict[str, dict[str, list[dict]]]:
    """Each article's rows of the article tables, before linking: ``{article_id: {table: rows}}``
    in input order (what a worker of the pool returns; ``extract_articles`` merges and links them).

    Articles with the same ``article_id`` are processed once; errors go to ``report.skipped``.
    segmented (dict | None): ``{article_id: Segmentation}`` of articles already segmented
        (``pipeline.batch.segment_ahead``); the others are segmented here. The rows are the same.
    """
    segmented = segmented or {}
    nlp = shared_nlp(ner)
    budget = document_options().extract_seconds
    per_article: dict[str, dict[str, list[dict]]] = {}
    for item in _counted(items, ARTICLE_DONE.get()):
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
                per_article[item.article_id] = article_rows(item, process(nlp, item, segmented.get(item.article_id)))
        except OverBudget as exc:
            _skip(InputError(item.source, str(exc)), report, on_skip)
            continue
        except Exception as exc:  # noqa: BLE001 - one article's failure is reported, not fatal
            log.exception("extraction failed on %s", item.source)
            _skip(InputError(item.source, f"extraction failed: {type(exc).__name__}: {exc}"), report, on_skip)
            continue
        report.processed += 1
        log.debug("extracted %s (%s, reader %s): %s", item.source, item.article_id, item.reader, ", ".join(
            f"{len(per_article[item.article_id].get(t, []))} {t}" for t in ("officials", "events", "counts", "dates")))
    return per_article


def merge_rows(per_article: dict[str, dict[str, list[dict]]]) -> dict[str, list[dict]]:
    """The article tables of ``per_article``: ordered by article id, each article's rows as made."""
    tables: dict[str, list[dict]] = {name: [] for name in TABLE_ORDER}
    for aid in sorted(per_article):
        for name in TABLE_ORDER:
            tables[name].extend(per_article[aid].get(name, ()))
    return tables


def _counted(items: Iterable, done: Callable[[], None] | None) -> Iterable:
    """``items`` unchanged, calling ``done`` each time the loop has finished with one (progress bars)."""
    if done is None:
        yield from items
        return
    started = False
    for item in items:
        if started:
            done()
        started = True
        yield item
    if started:
        done()


def _skip(error: InputError, report: Report, on_skip: Callable[[InputError], None] | None) -> None:
    report.skipped.append(error)
    if on_skip is None:
        log.warning("skipped %s", error)
    else:  # the caller reports it (vnie extract prints it): once on stderr, not twice
        log.info("skipped %s", error)
    if on_skip is not None:
        on_skip(error)


def run_extract(inputs: Iterable[Path], out_dir: Path | None,
                on_skip: Callable[[InputError], None] | None = None,
                progress: Callable[[str, int], None] | None = None, ner: bool | None = None,
                workers: int | None = 1, keep_rows: bool = True) -> Report:
    """Read ``inputs``, extract, and write every table into ``out_dir`` (``<table>.parquet``).

    inputs (Iterable[Path]): files and folders.
    out_dir (Path | None): where the tables go; None writes nothing (the rows are in ``report.tables``).
    on_skip (Callable | None): called with each skipped input.
    progress (Callable | None): called with (stage, input items done) as the work advances.
    ner (bool | None): run the NER component too. Defaults to ``ner_enabled()``.
    workers (int | None): extraction processes (None: every core; inputs of fewer than
        ``engine_pool.POOL_MIN_ARTICLES`` articles run in this process whatever it says).
    keep_rows (bool): keep every row in ``report.tables``. False (``vnie extract`` writing Parquet)
        streams the rows to disk in parts (``storage.StreamedTables``): memory stays flat in the
        number of articles and the tables are the same.
    RETURNS (Report): articles processed, inputs skipped, rows per table.
    """
    from pipeline.batch.engine_pool import extract_parallel
    from pipeline.startup import arrow_without_pandas

    arrow_without_pandas()   # the tables are written from Python rows: pandas is not needed (0.4 s)
    report = Report()
    step = progress or (lambda stage, done: None)
    count = [0]

    def one_done() -> None:
        count[0] += 1
        step("extracting", count[0])

    stream = None
    if not keep_rows and out_dir is not None:
        from pipeline.storage import StreamedTables

        stream = StreamedTables(Path(out_dir), link_tables)
    per_article: dict[str, dict[str, list[dict]]] = {}
    step("reading inputs", 0)
    token = ARTICLE_DONE.set(one_done)
    try:
        for part in extract_parallel(read_inputs(inputs), report, on_skip, ner=ner, workers=workers):
            if stream is not None:
                stream.add(part)
            else:
                for aid, rows in part.items():
                    per_article.setdefault(aid, rows)
        if stream is not None and report.processed:
            step("writing tables", count[0])
            report.rows = stream.finish()
    except Exception:
        if stream is not None:   # a failure (not a kill): no parts left behind; the tables of before stay
            stream.discard()
        raise
    finally:
        ARTICLE_DONE.reset(token)
    if stream is not None:
        return report
    tables = link_tables(merge_rows(per_article))  # person_ids across articles, story_ids, persons and stories
    report.tables = tables
    if report.processed and out_dir is not None:
        step("writing tables", count[0])
        report.rows = write_tables(Path(out_dir), tables)
    else:
        report.rows = {name: len(rows) for name, rows in tables.items()}
    return report
