"""The crawler: discover, fetch politely and extract articles from news sites.

``crawl_articles`` is the one generator every caller uses (``vnie crawl``,
``vnie run --config``); ``crawl_to`` lands its articles in the datasets of an
output folder. The raw pages stay in the state database for ``vnie reprocess``
(``pipeline.crawl.state.CrawlState(path).iter_pages()``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pipeline.article import Article, InputError
from pipeline.crawl.crawler import Crawler, Event
from pipeline.crawl.options import CrawlOptions, crawl_options
from pipeline.crawl.state import CrawlState
from pipeline.crawl.summary import CrawlSummary
from pipeline.crawl.urls import HostPolicy, host_of
from pipeline.sites import ALL_SITES, Site, site_by_key


def resolve_sources(sources: Iterable[Site | str]) -> list[Site]:
    """Sites from declarations or registry keys; an unknown key raises ``ValueError`` naming the known ones."""
    out = []
    for item in sources:
        site = item if isinstance(item, Site) else site_by_key(str(item))
        if site is None:
            known = ", ".join(s.key for s in ALL_SITES)
            raise ValueError(f"unknown source {item!r}; known sources: {known}")
        out.append(site)
    return out


def state_path(state_dir: Path | str, options: CrawlOptions) -> Path:
    """The state database file inside ``state_dir``."""
    return Path(state_dir) / options.state_file


def crawl_articles(urls: Iterable[str] = (), sources: Iterable[Site | str] = (),
                   options: CrawlOptions | None = None, state_dir: Path | str = ".vnie/crawl", *,
                   summary: CrawlSummary | None = None, on_event: Event | None = None,
                   in_tables: Callable[[str], bool] | None = None) -> Iterator[Article | InputError]:
    """Crawl ``urls`` and ``sources``; yield each new or changed article and each page that failed.

    urls (Iterable[str]): site roots, robots.txt, sitemaps, feeds, listings or articles.
    sources (Iterable[Site | str]): declared sites (or their keys) whose entry points to crawl.
        With neither urls nor sources, every registered site is crawled.
    options (CrawlOptions | None): defaults from settings.toml when None.
    state_dir (Path | str): folder of the state database (created if missing).
    summary (CrawlSummary | None): filled in as the crawl goes, for the caller's report.
    on_event (Event | None): called (what, url, summary) as work advances.
    in_tables (Callable[[str], bool] | None): whether the article stored under a URL is in the
        datasets; a page the state remembers as landed but that is not there is landed again.
        None: the state alone decides (no datasets to check).
    RETURNS (Iterator[Article | InputError]): articles with ``url`` and ``source`` (site key or host) set.
    """
    options = options or crawl_options()
    urls = [u for u in urls if u]
    sites = resolve_sources(sources)
    if not urls and not sites:
        sites = list(ALL_SITES)
    known = tuple(dict.fromkeys(list(sites) + list(ALL_SITES)))
    allowed = {s.host for s in sites} | {host_of(u) for u in urls} | set(options.allow_hosts)
    policy = HostPolicy(allowed, explicit=set(options.allow_hosts))
    state = CrawlState(state_path(state_dir, options))
    crawler = Crawler(options, state, policy, sites=known, on_event=on_event, in_tables=in_tables)
    if summary is not None:
        crawler.summary = summary
    try:
        for url in urls:
            crawler.add_url(url)
        for site in sites:
            crawler.add_site(site)
        yield from crawler.run()
    finally:
        crawler.fetcher.close()
        state.close()


__all__ = ["CrawlOptions", "CrawlState", "CrawlSummary", "crawl_articles", "crawl_options", "resolve_sources",
           "state_path"]
