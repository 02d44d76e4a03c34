"""The crawl loop: entry points to discovery pages to article pages to ``Article`` objects.

Work items (``Task``) wait in one queue per host; the loop takes the next
item of the host that is ready soonest, discovery pages before articles, and
fetches one URL at a time (one connection per host, the host's delay between
requests). Every URL's outcome goes to the state database, so a rerun asks
only for new URLs and revalidates what discovery says changed (conditional
requests: a 304 costs no page body).
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import logging
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from pipeline.article import Article, InputError
from pipeline.crawl import discover
from pipeline.crawl.fetch import HTML_TYPES, XML_TYPES, Fetcher, FetchError, HostClock, Page, ungzip
from pipeline.crawl.options import CrawlOptions
from pipeline.crawl.robots import ROBOTS_MAX_BYTES, RobotsCache
from pipeline.crawl.state import CrawlState, PageRecord
from pipeline.crawl.summary import CrawlSummary
from pipeline.crawl.urls import HostPolicy, canonical_url, clock_key, host_of, origin_of
from pipeline.readers.html import markup_problem, page_canonical, read_html
from pipeline.settings import reader_options
from pipeline.sites import Site, site_for_url
from pipeline.sites.base import Feed, Listing, Robots, Sitemap

log = logging.getLogger(__name__)

# Lower runs first: robots.txt before anything on its host, discovery before articles.
PRIORITY = {"robots": 0, "entry": 1, "sitemap": 2, "feed": 2, "listing": 3, "article": 5}
# Failures that a retry would only repeat: the URL is not asked again in later runs.
PERMANENT = {"too large", "not HTML", "redirect loop", "too many redirects", "bad redirect", "blocked host",
             "unexpected content type", "undecodable", "header too large"}
# Category links followed from one site root (a home page links to dozens).
MAX_CATEGORIES = 30
ANY_TYPE = HTML_TYPES + XML_TYPES

Event = Callable[[str, str, CrawlSummary], None]


@dataclass(frozen=True)
class Task:
    """One URL to fetch and what to do with it."""

    url: str
    kind: str                       # robots, entry, sitemap, feed, listing, article
    source: str                     # the site key, or the host for undeclared sites
    site: Site | None = None
    depth: int = 0                  # 0: a listing given or declared; 1: a category found from a root
    chain: int = 0                  # pages of this listing followed so far
    when: datetime | None = None    # the date discovery gave (sitemap lastmod, feed date)
    root: bool = False              # a site's home page: its category links are followed
    given: str | None = None        # the URL the user gave, when this one was reached by a meta refresh


class Crawler:
    """A crawl over the given entry points.

    options (CrawlOptions): limits, delays, timeouts.
    state (CrawlState): the state database (read and written).
    policy (HostPolicy): which hosts may be fetched.
    sites (tuple[Site]): declarations used for URLs on their hosts.
    on_event (Event | None): told (what, url, summary) as work advances, for progress bars and logs.
    in_tables (Callable[[str], bool] | None): whether an article URL is in the datasets; the state's
        "landed" is believed only when it is (None: always believed).
    """

    def __init__(self, options: CrawlOptions, state: CrawlState, policy: HostPolicy,
                 sites: tuple[Site, ...] = (), on_event: Event | None = None, fetcher: Fetcher | None = None,
                 in_tables: Callable[[str], bool] | None = None):
        self.options = options
        self.state = state
        self.policy = policy
        self.sites = sites
        self.on_event = on_event
        self.in_tables = in_tables
        self.summary = CrawlSummary()
        clock = HostClock(options.delay_seconds)
        self.fetcher = fetcher or Fetcher(options, policy, clock)
        self.robots = RobotsCache(self._fetch_robots, options.robots_agent,
                                  on_delay=self._crawl_delay if options.respect_crawl_delay else None)
        self.fetcher.robots = self.robots.allowed
        self.fetcher.robots_refusal = self.robots.refusal
        self.since = date.fromisoformat(options.since[:10]) if options.since else None
        self.queues: dict[str, list] = {}
        self.counter = itertools.count()
        self.queued: set[tuple[str, str]] = set()
        self.offered: set[str] = set()
        self.landed_urls: set[str] = set()
        self.landed_hashes: dict[str, str] = {}
        self.article_fetches = 0

    # --- seeds ------------------------------------------------------------------------------

    def add_url(self, url: str) -> None:
        """Queue a URL given by the user: a site root, robots.txt, sitemap, feed, listing or article."""
        canon = canonical_url(url)
        if canon is None:
            self.summary.failed["not an http(s) URL"] += 1
            return
        site = site_for_url(canon, self.sites)
        source = site.key if site else host_of(canon)
        path = urlsplit(canon).path
        if path == "/robots.txt":
            self._queue(Task(canon, "robots", source, site))
        elif path == "/":
            self._queue(Task(origin_of(canon) + "/robots.txt", "robots", source, site))
            self._queue(Task(canon, "listing", source, site, root=True))
        else:
            self._queue(Task(canon, "entry", source, site))

    def add_site(self, site: Site) -> None:
        """Queue a declared site's entry points."""
        for entry in site.sources:
            canon = canonical_url(entry.url)
            if canon is None:
                continue
            if isinstance(entry, Robots):
                self._queue(Task(origin_of(canon) + "/robots.txt", "robots", site.key, site))
            elif isinstance(entry, Sitemap):
                self._queue(Task(canon, "sitemap", site.key, site))
            elif isinstance(entry, Feed):
                self._queue(Task(canon, "feed", site.key, site))
            elif isinstance(entry, Listing):
                self._queue(Task(canon, "listing", site.key, site))

    # --- the loop ---------------------------------------------------------------------------

    def run(self) -> Iterator[Article | InputError]:
        """Fetch until the queues are empty (or the page limit is reached); yield articles and errors."""
        if self.options.max_time and self.options.max_time > 0:
            self.fetcher.stop_at = time.monotonic() + self.options.max_time
        try:
            while True:
                if self.fetcher.stop_at is not None and time.monotonic() >= self.fetcher.stop_at:
                    self._stop_for_time()
                    break
                task = self._next_task()
                if task is None:
                    break
                yield from self._handle(task)
        finally:
            self.summary.requests = self.fetcher.requests
            self._event("done", "")

    def _stop_for_time(self) -> None:
        """--max-time is reached: what is still queued is left for the next crawl."""
        left = sum(len(heap) for heap in self.queues.values())
        self.summary.skipped["left for the next crawl (--max-time reached)"] += left
        log.warning("crawl stopped after --max-time %g s: %d URLs left for the next crawl",
                    self.options.max_time, left)

    def _queue(self, task: Task) -> None:
        key = (task.kind, task.url)
        if key in self.queued:
            return
        self.queued.add(key)
        heap = self.queues.setdefault(clock_key(task.url), [])
        heapq.heappush(heap, (PRIORITY[task.kind], next(self.counter), task))

    def _next_task(self) -> Task | None:
        ready = [(self.fetcher.clock.ready_in(host), heap[0][0], host) for host, heap in self.queues.items() if heap]
        if not ready:
            return None
        _, _, host = min(ready)
        return heapq.heappop(self.queues[host])[2]

    def _handle(self, task: Task) -> Iterator[Article | InputError]:
        try:
            if task.kind == "article":
                yield from self._article(task)
            elif task.kind == "robots":
                self._robots(task)
            elif task.kind == "entry":
                yield from self._entry(task)
            else:
                page = self._discovery_page(task)
                if page is not None:
                    self._discover(task, page.data, page.text, page.url)
        except Exception as exc:  # noqa: BLE001 - one URL's bug must not end the crawl
            log.exception("crawl of %s failed", task.url)
            self.summary.failed[f"internal error: {type(exc).__name__}"] += 1
            if task.kind in ("article", "entry"):
                yield InputError(task.url, f"crawler error: {type(exc).__name__}: {exc}")

    # --- discovery --------------------------------------------------------------------------

    def _fetch_robots(self, url: str) -> Page:
        self.fetcher.truncate_at = ROBOTS_MAX_BYTES
        try:
            return self._conditional(url, "robots", host_of(url), kinds=ANY_TYPE + ("text/",), check_robots=False)
        finally:
            self.fetcher.truncate_at = None

    def _crawl_delay(self, host: str, seconds: float) -> None:
        self.fetcher.clock.set_delay(host, min(seconds, self.options.max_crawl_delay))

    def _robots(self, task: Task) -> None:
        self.robots.parser(task.url)  # fetches and caches the rules, sets the host's Crawl-delay
        sitemaps = self.robots.sitemaps(task.url)
        for url in sitemaps:
            canon = canonical_url(url, base=task.url)
            if canon and self.policy.allows(canon):
                self._queue(Task(canon, "sitemap", task.source, task.site))

    def _discovery_page(self, task: Task) -> Page | None:
        """A listing, feed or sitemap: fetched conditionally, the stored copy used on a 304."""
        kinds = HTML_TYPES if task.kind == "listing" else ANY_TYPE
        try:
            return self._conditional(task.url, task.kind, task.source, kinds=kinds)
        except FetchError as exc:
            self._discovery_failed(task, exc)
            return None

    def _conditional(self, url: str, kind: str, source: str, kinds, check_robots: bool = True) -> Page:
        """GET ``url`` with the stored validators; a 304 comes back with the stored body."""
        record = self.state.get(url)
        stored = self.state.body(url) if record is not None and (record.etag or record.last_modified) else None
        self.summary.discovery_pages += 1
        page = self.fetcher.get(url, kinds=kinds, etag=record.etag if stored else None,
                                last_modified=record.last_modified if stored else None, check_robots=check_robots)
        if page.not_modified:
            self.summary.not_modified += 1
            self.state.record(url, kind, source, "unchanged", status=304)
            page.data, page.text = stored.encode("utf-8"), stored
            page.status = 200
            return page
        if page.text == "" and page.data:  # XML (sitemaps, feeds), gunzipped when sent as .gz
            page.data = ungzip(page.data, self.options.max_bytes * 10)
            page.text = page.data.decode("utf-8", "replace")
        self.state.record(url, kind, source, "new" if record is None else "updated", status=page.status,
                          etag=page.etag, last_modified=page.last_modified, html=page.text, fetched=True)
        return page

    def _discovery_failed(self, task: Task, exc: FetchError) -> None:
        if exc.reason == "disallowed by robots.txt":
            self.summary.skipped[f"{task.kind} disallowed by robots.txt"] += 1
            log.info("%s %s: %s", task.kind, task.url, exc)
        elif task.kind == "entry":  # an InputError follows: its reader prints it, once
            self.summary.failed[f"{task.kind}: {exc.reason}"] += 1
            log.info("%s %s: %s", task.kind, task.url, exc)
        else:
            self.summary.failed[f"{task.kind}: {exc.reason}"] += 1
            log.warning("%s %s: %s", task.kind, task.url, exc)
        self.state.record(task.url, task.kind, task.source, "failed", error=str(exc))
        self._event("failed", task.url)

    def _discover(self, task: Task, data: bytes, text: str, url: str) -> None:
        what = task.kind if task.kind != "entry" else discover.sniff(data or text.encode("utf-8"))
        if what == "sitemap" or (task.kind == "sitemap" and what != "feed"):
            raw = data if data else text.encode("utf-8")
            try:
                raw = ungzip(raw, self.options.max_bytes * 10)
            except FetchError as exc:
                self._discovery_failed(task, exc)
                return
            pages, children = discover.parse_sitemap(raw, url)
            for child in children[: self.options.max_sitemaps]:
                if self._recent(child.when) and self.policy.allows(child.url):
                    self._queue(Task(child.url, "sitemap", task.source, task.site))
            for link in pages:
                self._offer(link.url, task, link.when)
        elif what == "feed":
            for link in discover.parse_feed(data or text.encode("utf-8"), url):
                self._offer(link.url, task, link.when)
        else:
            self._listing(task, text, url)
        self._event("discovered", url)

    def _listing(self, task: Task, html: str, url: str) -> int:
        """Offer a listing's links; RETURNS how many links it had to follow (articles, pages, feeds)."""
        links = discover.parse_listing(html, url, task.site, self.policy.allows)
        fresh = 0
        for link in links.articles:
            self._offer(link, task, None)
            record = self.state.get(link)
            fresh += record is None or record.outcome == "failed"
        for link in links.files:
            if link not in self.offered:
                self.offered.add(link)
                self.summary.skipped["not HTML (file link)"] += 1
        if links.next_page and fresh and task.chain + 1 < self.options.max_listing_pages:
            self._queue(replace(task, url=links.next_page, kind="listing", chain=task.chain + 1, root=False))
        for feed in links.feeds:
            self._queue(Task(feed, "feed", task.source, task.site))
        if task.root and self.options.follow_categories:
            for link in links.categories[:MAX_CATEGORIES]:
                self._queue(Task(link, "listing", task.source, task.site, depth=1))
        return len(links.articles) + len(links.feeds) + bool(links.next_page) + bool(
            task.root and self.options.follow_categories and links.categories)

    def _recent(self, when: datetime | None) -> bool:
        return self.since is None or when is None or when.date() >= self.since

    # --- articles ---------------------------------------------------------------------------

    def _offer(self, url: str, task: Task, when: datetime | None) -> None:
        """Consider an article link; queue it if it needs fetching."""
        if url in self.offered or not self.policy.allows(url):
            return
        self.offered.add(url)
        site = site_for_url(url, self.sites) or task.site
        if site is not None and site.owns(url) and site.skip(url):
            self.summary.skipped["excluded by the site's declaration"] += 1
            return
        self.summary.discovered += 1
        self._event("discovered", url)
        if not self._recent(when):
            self.summary.skipped["older than --since"] += 1
            return
        if not self.robots.allowed(url):
            self.summary.skipped_robots += 1
            self.state.record(url, "article", task.source, "skipped", error="disallowed by robots.txt")
            return
        record = self.state.get(url)
        if self._landed(record):
            changed = when is not None and record.fetched_at is not None and \
                when > datetime.fromisoformat(record.fetched_at)
            if not changed:
                self.summary.unchanged += 1
                return
        elif record is not None and record.outcome == "rejected" and not (record.etag or record.last_modified):
            self.summary.skipped["rejected before (no validators to revalidate)"] += 1
            return
        elif record is not None and record.outcome == "old" and self.since is not None:
            self.summary.skipped["older than --since"] += 1
            return
        elif record is not None and record.outcome in ("gone", "duplicate", "refused"):
            self.summary.skipped[{"gone": "gone (HTTP 404/410 before)",
                                  "duplicate": "duplicate of another URL (seen before)",
                                  "refused": "refused before (" + (record.error or "").split(":")[0] + ")"}[
                record.outcome]] += 1
            return
        self._queue(Task(url, "article", site.key if site and site.owns(url) else task.source,
                         site if site and site.owns(url) else None, when=when))
        return

    def _article(self, task: Task) -> Iterator[Article | InputError]:
        if self.options.max_pages and self.article_fetches >= self.options.max_pages:
            self.summary.skipped["over --max-pages"] += 1
            return
        self.article_fetches += 1
        record = self.state.get(task.url)
        # A stored copy (landed, or rejected by the reader) is revalidated, not fetched again.
        revalidate = record is not None and (self._landed(record) or record.outcome == "rejected")
        try:
            page = self.fetcher.get(task.url, etag=record.etag if revalidate else None,
                                    last_modified=record.last_modified if revalidate else None)
        except FetchError as exc:
            yield from self._article_failed(task, record, exc)
            return
        if page.not_modified:
            self.summary.not_modified += 1
            if record.outcome == "rejected":
                self.summary.skipped["unchanged page rejected before"] += 1
                self.state.record(task.url, "article", task.source, "rejected", status=304, error=record.error)
            else:
                self.summary.unchanged += 1
                self.state.record(task.url, "article", task.source, "unchanged", status=304)
            self._event("unchanged", task.url)
            return
        self.summary.fetched += 1
        yield from self._land(task, page, record)

    def _entry(self, task: Task) -> Iterator[Article | InputError]:
        """A URL given by the user: fetched once, then read as what it turns out to be."""
        record = self.state.get(task.url)
        if record is not None and record.landed:
            yield from self._article(replace(task, kind="article"))
            return
        try:
            page = self._conditional(task.url, "entry", task.source, kinds=ANY_TYPE)
        except FetchError as exc:
            self._discovery_failed(task, exc)
            self.summary.dropped.append((task.url, str(exc)))
            yield InputError(task.url, exc.reason + (f" ({exc.detail})" if exc.detail else ""))
            return
        kind = discover.sniff(page.data or page.text.encode("utf-8"))
        if kind != "html":
            self._discover(task, page.data, page.text, page.url)
            return
        if not page.content_type and page.data:  # no Content-Type: HTML only if it decodes as text
            try:
                page.text = self.fetcher.decode(page.data, page.url, None)
            except FetchError as exc:
                yield from self._entry_dropped(task, f"not HTML: {exc.detail}")
                return
        problem = self._markup_problem(page.text)
        if problem:
            yield from self._entry_dropped(task, problem)
            return
        soup = BeautifulSoup(page.text, "lxml")
        site = task.site
        is_article = site.is_article(page.url) if site is not None else discover.is_article_page(soup)
        if is_article:
            self.offered.add(task.url)
            self.summary.discovered += 1
            self.summary.fetched += 1
            for item in self._land(replace(task, kind="article"), page, None):
                if isinstance(item, InputError):  # read but refused (too large, no body, ...): named
                    self.summary.dropped.append((task.given or task.url, item.cause))
                yield item
            return
        target = _meta_refresh(soup, page.url)
        if target is not None:
            if ("entry", target) in self.queued or task.chain >= self.options.max_redirects:
                yield from self._entry_dropped(task, f"meta refresh loop ({page.url} -> {target})")
            elif not self.policy.allows(target):
                yield from self._entry_dropped(task, f"meta refresh to a host not allowed ({target})")
            else:
                log.info("entry %s: meta refresh to %s", task.url, target)
                self._queue(replace(task, url=target, chain=task.chain + 1, given=task.given or task.url))
            return
        if not self._listing(replace(task, kind="listing"), page.text, page.url):
            yield from self._entry_dropped(task, "neither an article nor a page linking to articles")

    def _entry_dropped(self, task: Task, reason: str) -> Iterator[InputError]:
        """A URL the user gave that yields nothing: counted, named in the summary, reported."""
        self.summary.failed[f"entry: {_reason(reason)}"] += 1
        self.summary.dropped.append((task.given or task.url, reason))
        self.state.record(task.url, "entry", task.source, "failed", error=reason)
        log.info("entry %s dropped: %s", task.url, reason)  # reported by whoever reads the InputError
        self._event("failed", task.url)
        yield InputError(task.url, reason)

    def _markup_problem(self, html: str) -> str | None:
        opts = reader_options()
        return markup_problem(html, opts.max_html_depth, opts.max_html_elements)

    def _land(self, task: Task, page: Page, record: PageRecord | None) -> Iterator[Article | InputError]:
        """Read a fetched article page; yield the article if it is new or changed."""
        html = page.text
        problem = self._markup_problem(html)
        if problem:
            self.summary.failed[_reason(problem)] += 1
            self._reject(task, page, problem, html)
            self._event("failed", task.url)
            yield InputError(task.url, problem)
            return
        article_url = self._article_url(html, page.url, task)
        if article_url != page.url and (article_url in self.landed_urls
                                        or (self.state.article_landed(article_url, other_than=page.url)
                                            and self._stored(article_url))):
            self._duplicate(task, page, article_url, html)
            return
        if task.site is None and discover.is_listing_page(BeautifulSoup(html, "lxml")):
            self.summary.skipped["not an article page"] += 1
            self._reject(task, page, "not an article page", html)
            return
        try:
            article = read_html(html, source=task.source, url=article_url, crawl_date=date.today())
        except InputError as exc:
            self.summary.failed[_reason(exc.cause)] += 1
            self._reject(task, page, exc.cause, html)
            self._event("failed", task.url)
            yield InputError(task.url, exc.cause)
            return
        if self.since and article.published and article.published[:10] < self.since.isoformat():
            self.summary.skipped["older than --since"] += 1
            self.state.record(task.url, "article", task.source, "old", status=page.status, etag=page.etag,
                              last_modified=page.last_modified, error=f"published {article.published[:10]}",
                              article_url=article_url, html=html, fetched=True)
            return
        digest = hashlib.sha1(f"{article.title}\n{article.text}".encode("utf-8")).hexdigest()
        twin = self.landed_hashes.get(digest) or self.state.landed_with_hash(digest, other_than=task.url)
        if twin and digest not in self.landed_hashes and not self._stored(twin):
            twin = None  # its twin landed in a crawl that died before committing it: this page lands instead
        if twin and twin != article_url:
            self._duplicate(task, page, twin, html, digest)
            return
        landed = self._landed(record)
        unchanged = landed and record.content_hash == digest
        outcome = "unchanged" if unchanged else ("updated" if landed else "new")
        self.state.record(task.url, "article", task.source, outcome, status=200, etag=page.etag,
                          last_modified=page.last_modified, content_hash=digest, article_url=article_url,
                          html=html, fetched=True)
        self.landed_urls.add(article_url)
        self.landed_hashes[digest] = article_url
        if unchanged:
            self.summary.unchanged += 1
            self._event("unchanged", task.url)
            return
        setattr(self.summary, outcome, getattr(self.summary, outcome) + 1)
        self._event(outcome, task.url)
        yield replace(article, source=task.source, url=article_url)

    def _landed(self, record: PageRecord | None) -> bool:
        """True if the state says the page landed and its article is in the datasets.

        The state is written as pages are read, before their batch is committed: a crawl
        killed in between leaves pages marked landed whose articles no table holds.
        """
        if record is None or not record.landed:
            return False
        return self._stored(record.article_url or record.url)

    def _stored(self, article_url: str) -> bool:
        return self.in_tables is None or self.in_tables(article_url)

    def _reject(self, task: Task, page: Page, why: str, html: str) -> None:
        """A page fetched fine that is no article: kept with its validators, revalidated next time."""
        self.state.record(task.url, "article", task.source, "rejected", status=page.status, etag=page.etag,
                          last_modified=page.last_modified, error=why, html=html, fetched=True)

    def _article_url(self, html: str, url: str, task: Task) -> str:
        """The page's rel=canonical when it points into the same site, else the URL fetched."""
        head = html[:200_000]
        canonical = page_canonical(BeautifulSoup(head, "lxml")) if "canonical" in head or "og:url" in head else None
        canon = canonical_url(canonical) if canonical else None
        if canon and self.policy.allows(canon) and clock_key(canon) == clock_key(url):
            return canon
        return url

    def _duplicate(self, task: Task, page: Page, article_url: str, html: str, digest: str | None = None) -> None:
        self.summary.duplicates += 1
        self.state.record(task.url, "article", task.source, "duplicate", status=page.status, etag=page.etag,
                          last_modified=page.last_modified, content_hash=digest, article_url=article_url,
                          fetched=True)
        self._event("duplicate", task.url)

    def _article_failed(self, task: Task, record: PageRecord | None, exc: FetchError) -> Iterator[InputError]:
        if exc.reason == "disallowed by robots.txt":
            self.summary.skipped_robots += 1
            return
        self.summary.failed[exc.reason] += 1
        if record is not None and record.landed:
            self.state.record(task.url, "article", task.source, record.outcome, error=str(exc))
        else:
            outcome = "gone" if exc.status in (404, 410) else "refused" if exc.reason in PERMANENT else "failed"
            self.state.record(task.url, "article", task.source, outcome, status=exc.status, error=str(exc))
        log.info("article %s: %s", task.url, exc)
        self._event("failed", task.url)
        yield InputError(task.url, exc.reason + (f" ({exc.detail})" if exc.detail and exc.detail != task.url else ""))

    def _event(self, what: str, url: str) -> None:
        self.summary.requests = self.fetcher.requests
        if self.on_event is not None:
            self.on_event(what, url, self.summary)


def _meta_refresh(soup: BeautifulSoup, url: str) -> str | None:
    """The URL a ``<meta http-equiv="refresh" content="0; url=...">`` sends to, if other than ``url``."""
    for tag in soup.find_all("meta", attrs={"http-equiv": True}, limit=20):
        if str(tag.get("http-equiv", "")).strip().lower() != "refresh":
            continue
        m = re.search(r"url\s*=\s*['\"]?([^'\";\s]+)", str(tag.get("content", "")), re.I)
        target = canonical_url(m.group(1), base=url) if m else None
        if target and target != url:
            return target
    return None


def _reason(cause: str) -> str:
    """A cause without its particulars (numbers), so that causes can be counted."""
    head = cause.split(":")[0].split(" (")[0]
    return head if len(head) < 60 else head[:60]
