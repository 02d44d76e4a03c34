"""`vnie sources check`: does a source's discovery still find articles, and does extraction still read them?"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.article import InputError
from pipeline.crawl import discover
from pipeline.crawl.fetch import HTML_TYPES, XML_TYPES, Fetcher, FetchError, HostClock, ungzip
from pipeline.crawl.options import CrawlOptions
from pipeline.crawl.robots import RobotsCache
from pipeline.crawl.urls import HostPolicy, canonical_url, origin_of
from pipeline.readers.html import read_html
from pipeline.settings import reader_options
from pipeline.sites.base import Feed, Listing, Robots, Site, Sitemap

# Entry points tried first: a listing or feed answers quickly; a sitemap index may be huge.
ORDER = (Listing, Feed, Sitemap, Robots)


@dataclass
class SourceCheck:
    """The verdict on one source."""

    key: str
    ok: bool
    entry: str | None = None
    links: int = 0
    article: str | None = None
    title: str | None = None
    published: str | None = None
    chars: int = 0
    reader: str | None = None
    problem: str | None = None

    def line(self) -> str:
        if not self.ok:
            return f"{self.key}: FAIL {self.problem} (entry {self.entry or '-'}, {self.links} article links)"
        return (f"{self.key}: OK {self.links} article links at {self.entry}; {self.article}: "
                f"\"{self.title}\" {self.published or 'no date'}, {self.chars} chars ({self.reader})")


def check_source(site: Site, options: CrawlOptions) -> SourceCheck:
    """Fetch one entry point of ``site`` and one article it links to; report what worked."""
    explicit = set(options.allow_hosts)
    fetcher = Fetcher(options, HostPolicy({site.host} | explicit, explicit), HostClock(options.delay_seconds))
    robots = RobotsCache(lambda url: fetcher.get(url, kinds=HTML_TYPES + XML_TYPES + ("text/",), check_robots=False),
                         options.robots_agent, on_delay=fetcher.clock.set_delay)
    fetcher.robots = robots.allowed
    result = SourceCheck(site.key, ok=False)
    try:
        links = _article_links(site, fetcher, robots, result)
        if not links:
            result.problem = result.problem or "no article links found"
            return result
        result.article = links[0]
        page = fetcher.get(links[0])
        article = read_html(page.text, source=site.key, url=links[0])
        result.title, result.published, result.reader = article.title, article.published, article.reader
        result.chars = len(article.text)
        problems = [p for p, bad in (("no title", not article.title), ("no date", not article.published),
                                     ("short body", result.chars < reader_options().min_body_chars)) if bad]
        if site.parser is not None and not article.reader.startswith("html:site:"):
            problems.append(f"site parser gave no body (fell back to {article.reader})")
        result.problem = "; ".join(problems) or None
        result.ok = not problems
    except (FetchError, InputError) as exc:
        result.problem = str(exc)
    finally:
        fetcher.close()
    return result


def _article_links(site: Site, fetcher: Fetcher, robots: RobotsCache, result: SourceCheck) -> list[str]:
    for kind in ORDER:
        for entry in (e for e in site.sources if isinstance(e, kind)):
            url = canonical_url(entry.url)
            result.entry = url
            try:
                links = _links_of(entry, url, site, fetcher, robots)
            except FetchError as exc:
                result.problem = f"{entry.kind} {url}: {exc}"
                continue
            result.links = len(links)
            if links:
                return links
    return []


def _links_of(entry, url: str, site: Site, fetcher: Fetcher, robots: RobotsCache) -> list[str]:
    if isinstance(entry, Listing):
        page = fetcher.get(url)
        return discover.parse_listing(page.text, page.url, site, site.owns).articles
    if isinstance(entry, Robots):
        sitemaps = robots.sitemaps(origin_of(url) + "/robots.txt")
        return _sitemap_links(sitemaps[0], site, fetcher) if sitemaps else []
    if isinstance(entry, Sitemap):
        return _sitemap_links(url, site, fetcher)
    page = fetcher.get(url, kinds=HTML_TYPES + XML_TYPES)
    return [link.url for link in discover.parse_feed(page.data, url) if site.is_article(link.url)]


def _sitemap_links(url: str, site: Site, fetcher: Fetcher, depth: int = 0) -> list[str]:
    page = fetcher.get(url, kinds=HTML_TYPES + XML_TYPES)
    pages, children = discover.parse_sitemap(ungzip(page.data, fetcher.options.max_bytes * 10), url)
    if not pages and children and depth < 2:
        return _sitemap_links(children[0].url, site, fetcher, depth + 1)
    return [link.url for link in pages if site.is_article(link.url)]
