"""Crawled articles into the datasets of an output folder (the same tables ``vnie extract`` writes)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from pipeline.article import Article, InputError
from pipeline.crawl import crawl_articles, resolve_sources
from pipeline.crawl.crawler import Event
from pipeline.crawl.options import CrawlOptions
from pipeline.crawl.summary import CrawlSummary
from pipeline.sites import Site

STATE_DIR = Path(".vnie") / "crawl"   # inside the output folder, where `vnie run` keeps it too


def crawl_to(out_dir: Path, urls: Iterable[str] = (), sources: Iterable[Site | str] = (),
             options: CrawlOptions | None = None, state_dir: Path | None = None, *,
             on_event: Event | None = None, on_skip: Callable[[InputError], None] | None = None,
             ingest_options: dict | None = None):
    """Crawl, extract and merge the articles into ``out_dir``'s datasets.

    out_dir (Path): the output folder (created if missing).
    urls, sources, options: as for ``crawl_articles``.
    state_dir (Path | None): the crawl state folder. Defaults to OUT/.vnie/crawl.
    on_event, on_skip: progress and skipped-input callbacks.
    ingest_options (dict | None): passed on to ``ingest`` (batch_size, ...).
    RETURNS (tuple[CrawlSummary, IngestReport]): what the crawl and the ingest did.
    """
    from pipeline.batch.ingest import ingest

    out_dir = Path(out_dir)
    urls = list(urls)
    sites = resolve_sources(sources)
    summary = CrawlSummary()
    tables = InTables()
    items = crawl_articles(urls, sites, options, state_dir or out_dir / STATE_DIR, summary=summary,
                           on_event=on_event, in_tables=tables)
    report = ingest(items, out_dir, source_name="crawl", kind="crawl",
                    inputs=urls + [s.key for s in sites] or ["all sources"], on_skip=on_skip,
                    on_index=tables.use, **(ingest_options or {}))
    return summary, report


class InTables:
    """Whether the article stored under a URL is in the datasets: the crawl state's "landed" is only
    believed when this says yes, so a page landed by a crawl that died before its batch was committed
    is fetched and landed again by the next crawl (see README, "What a crawl guarantees").

    Until ``use`` hands it the ingest's live index it answers no (nothing is assumed stored).
    """

    def __init__(self):
        self.index: dict = {}

    def use(self, index: dict) -> None:
        self.index = index

    def __call__(self, article_url: str) -> bool:
        return Article(source="", text="", url=article_url).article_id in self.index
