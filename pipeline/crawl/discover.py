"""Discovery: article links from sitemaps (gzip too), RSS/Atom feeds and listing pages.

Each parser takes what was fetched and returns links; none fetches anything
and none raises on malformed input (it returns what it could read).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

import feedparser
from bs4 import BeautifulSoup
from lxml import etree

from pipeline.article import VN_TZ
from pipeline.crawl.urls import canonical_url, is_binary_link, looks_like_article
from pipeline.sites import parsing as P
from pipeline.sites.base import Site, generic_next_page

log = logging.getLogger(__name__)

# A paragraph this long is running text, not a teaser's one-liner or a label.
LONG_PARAGRAPH = 80

_XML_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
# Category pages followed from a site root: short paths that are not utility pages.
_CATEGORY = re.compile(r"^/[a-z0-9-]{3,40}(?:/[a-z0-9-]{3,40})?(?:\.html?|\.tpo|\.chn)?/?$", re.I)
_NOT_CATEGORY = re.compile(r"/(?:tag|tags|tim-kiem|search|tac-gia|author|video|videos|podcast|rss|lien-he|"
                           r"gioi-thieu|dang-nhap|dang-ky|login|register|quang-cao|contact|about|[\w-]*admin|"
                           r"feed|cart|gio-hang|"
                           r"robots\.txt|sitemap)", re.I)


@dataclass(frozen=True)
class Link:
    """A discovered URL with the date discovery gave it (sitemap lastmod, feed date), if any."""

    url: str
    when: datetime | None = None


def sniff(data: bytes) -> str:
    """What a fetched document is: "sitemap", "feed" or "html" (by its first element)."""
    head = data[:2048].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if head.startswith(b"<?xml") and b"<html" not in head:
        return "sitemap" if b"sitemaps.org" in head else "feed"
    return "html"


def parse_sitemap(data: bytes, base: str) -> tuple[list[Link], list[Link]]:
    """(page links, child sitemap links) of a sitemap or sitemap index, children newest first.

    Handles ``<urlset>`` (with Google News ``publication_date``), ``<sitemapindex>``
    and plain-text sitemaps (one URL a line).
    """
    pages: list[Link] = []
    children: list[Link] = []
    if not data.lstrip().startswith(b"<"):
        for line in data.decode("utf-8", "replace").splitlines():
            url = canonical_url(line.strip())
            if url:
                pages.append(Link(url))
        return pages, children
    try:
        root = etree.fromstring(data, _XML_PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        log.warning("unreadable sitemap %s: %s", base, exc)
        return pages, children
    if root is None:
        return pages, children
    is_index = etree.QName(root).localname.lower() == "sitemapindex"
    for entry in root:
        if not isinstance(entry.tag, str):
            continue
        values = {etree.QName(el).localname.lower(): (el.text or "").strip()
                  for el in entry.iter() if isinstance(el.tag, str)}
        url = canonical_url(values.get("loc", ""), base=base)
        if not url:
            continue
        when = _when(values.get("publication_date") or values.get("lastmod"))
        (children if is_index else pages).append(Link(url, when))
    children.sort(key=lambda link: link.when or datetime.min.replace(tzinfo=timezone.utc), reverse=True)
    return pages, children


def parse_feed(data: bytes, base: str) -> list[Link]:
    """The entry links of an RSS or Atom feed, with their publication dates."""
    try:
        feed = feedparser.parse(data)
    except Exception as exc:  # noqa: BLE001 - feedparser is lenient, but never trust a parser
        log.warning("unreadable feed %s: %s", base, exc)
        return []
    links = []
    for entry in feed.entries:
        url = canonical_url(entry.get("link") or entry.get("id") or "", base=base)
        if not url:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        when = datetime(*stamp[:6], tzinfo=timezone.utc) if stamp else None
        links.append(Link(url, when))
    return links


@dataclass
class ListingLinks:
    """What a listing page links to."""

    articles: list[str]
    categories: list[str]
    files: list[str]
    next_page: str | None
    feeds: list[str] = field(default_factory=list)


def parse_listing(html: str | BeautifulSoup, url: str, site: Site | None,
                  same_site: callable) -> ListingLinks:
    """Article links, category links, file links and the next page of a listing page.

    html (str | BeautifulSoup): the page.
    url (str): its URL (relative links are resolved against it).
    site (Site | None): the declaration; None means the generic article-URL guess.
    same_site (Callable[[str], bool]): whether a URL is on a host the crawl may follow.
    """
    soup = html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "lxml")
    articles: list[str] = []
    categories: list[str] = []
    files: list[str] = []
    for a in soup.find_all("a", href=True):
        href = a["href"].strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        link = canonical_url(href, base=url)
        if link is None or not same_site(link):
            continue
        if is_binary_link(link):
            _add(files, link)
        elif site.is_article(link) if site is not None and site.owns(link) else looks_like_article(link):
            _add(articles, link)
        elif _is_category(link, url):
            _add(categories, link)
    next_url = None
    try:
        nxt = site.parser.next_page(soup, url) if site is not None and site.parser is not None else None
        nxt = nxt or generic_next_page(soup, url)
        next_url = canonical_url(nxt) if nxt else None
    except Exception as exc:  # noqa: BLE001 - no next page rather than no listing
        log.warning("next page of %s: %s", url, exc)
    if next_url == canonical_url(url) or (next_url and not same_site(next_url)):
        next_url = None
    feeds = []
    for tag in soup.select('link[rel~="alternate"][href]'):
        if re.search(r"rss|atom", tag.get("type") or "", re.I):
            feed = canonical_url(tag["href"], base=url)
            if feed and same_site(feed):
                _add(feeds, feed)
    return ListingLinks(articles, categories, files, next_url, feeds)


def is_article_page(soup: BeautifulSoup) -> bool:
    """Does a page of an undeclared site look like one article (not a listing)?

    Yes when its metadata says so (a JSON-LD NewsArticle or a published time:
    og:type alone is not enough, listings carry it too), or when it has a run
    of at least three long paragraphs side by side (a listing's teasers sit one
    per item) and most of its text is not link text.
    """
    meta = P.meta_of(soup)
    if P.ld_article(soup) or any(k in meta for k in ("article:published_time", "pubdate", "datePublished")):
        return True
    runs = Counter(id(p.parent) for p in soup.find_all("p")
                   if len(P.text_of(p)) >= LONG_PARAGRAPH and p.find_parent("a") is None)
    longest_run = max(runs.values(), default=0)
    return longest_run >= 3 and _link_density(soup) < 0.5


def is_listing_page(soup: BeautifulSoup) -> bool:
    """Does a page reached as an article candidate turn out to be a listing?

    Only when nothing marks it as an article and it has no run of two long
    paragraphs while much of its text is link text: a short article (two or
    three paragraphs) is still an article.
    """
    meta = P.meta_of(soup)
    if P.ld_article(soup) or any(k in meta for k in ("article:published_time", "pubdate", "datePublished")):
        return False
    runs = Counter(id(p.parent) for p in soup.find_all("p")
                   if len(P.text_of(p)) >= LONG_PARAGRAPH and p.find_parent("a") is None)
    return max(runs.values(), default=0) < 2 and _link_density(soup) > 0.3


def _link_density(soup: BeautifulSoup) -> float:
    body = soup.body or soup
    total = len(body.get_text(" ", strip=True)) or 1
    linked = sum(len(a.get_text(" ", strip=True)) for a in body.find_all("a"))
    return linked / total


def _is_category(link: str, page_url: str) -> bool:
    path = urlsplit(link).path
    return (path not in ("", "/") and _CATEGORY.match(path) is not None and _NOT_CATEGORY.search(path) is None
            and not urlsplit(link).query and link != canonical_url(page_url))


def _add(bucket: list[str], url: str) -> None:
    if url not in bucket:
        bucket.append(url)


def _when(value: str | None) -> datetime | None:
    iso = P.iso_datetime(value) if value else None
    if not iso:
        return None
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=VN_TZ)
