"""The shapes of the source registry: ``Site`` declarations, entry points and versioned page parsers.

A site parser (fundus-style) is a ``SiteParser`` holding nested ``Layout``
versions. A layout declares its selectors as class constants and computes each
output field in a short method marked ``@field``. The newer layout subclasses
the older one and overrides only what moved; ``VALID_UNTIL`` says the last
crawl date the older markup covers.
"""

from __future__ import annotations

import logging
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass, field as dc_field
from datetime import date
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from pipeline.sites import parsing as P

log = logging.getLogger(__name__)

FIELDS = ("author", "body", "captions", "lead", "published", "title")


# --- entry points -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Robots:
    """A site root: its robots.txt names the sitemaps to read."""
    url: str
    kind: typing.ClassVar[str] = "robots"


@dataclass(frozen=True)
class Sitemap:
    """A sitemap or sitemap index (gzip allowed)."""
    url: str
    kind: typing.ClassVar[str] = "sitemap"


@dataclass(frozen=True)
class Feed:
    """An RSS or Atom feed."""
    url: str
    kind: typing.ClassVar[str] = "feed"


@dataclass(frozen=True)
class Listing:
    """A category page: article links plus pagination."""
    url: str
    kind: typing.ClassVar[str] = "listing"


EntryPoint = Robots | Sitemap | Feed | Listing


# --- URL filters (composable, fundus-style) -----------------------------------------------------

UrlFilter = Callable[[str], bool]


def url_matches(pattern: str) -> UrlFilter:
    """A filter true for URLs matching the regex ``pattern`` (searched, case-insensitive)."""
    rx = re.compile(pattern, re.I)
    return lambda url: rx.search(url) is not None


def any_of(*filters: UrlFilter) -> UrlFilter:
    """True when any of ``filters`` is."""
    return lambda url: any(f(url) for f in filters)


def never(url: str) -> bool:
    return False


# --- page parsers -----------------------------------------------------------------------------

def field(method: Callable) -> Callable:
    """Mark a ``Layout`` method as an output field (its name is the field's)."""
    method.__vnie_field__ = True
    return method


def _default_for(method: Callable):
    hint = typing.get_type_hints(method).get("return")
    return [] if typing.get_origin(hint) is list or hint is list else None


class Layout:
    """One version of a site's markup. Subclasses override the selectors below.

    _title, _lead, _body, _published, _author (str): CSS selector lists ("" = none).
    _drop (str): containers inside the body that are never body text (related news, bylines).
    _captions (str): caption elements, read inside the body container.
    """

    VALID_UNTIL: date | None = None
    _title = "h1"
    _lead = ""
    _body = ""
    _drop = ""
    _captions = "figcaption"
    _published = ""
    _author = ""

    def __init__(self, doc: BeautifulSoup, url: str | None = None):
        self.doc = doc
        self.url = url
        self.meta = P.meta_of(doc)
        self.ld = P.ld_article(doc)

    @property
    def body_root(self):
        return self.doc.select_one(self._body) if self._body else None

    @field
    def title(self) -> str | None:
        return P.first_text(self.doc, self._title) if self._title else None

    @field
    def lead(self) -> str | None:
        text = P.first_text(self.doc, self._lead) if self._lead else None
        return P.strip_agency(text) if text else None

    @field
    def body(self) -> list[str]:
        return P.paragraphs(self.body_root, self._drop)

    @field
    def captions(self) -> list[str]:
        return P.captions(self.body_root, self._captions)

    @field
    def published(self) -> str | None:
        return P.iso_datetime(self.meta.get("article:published_time") or self.ld.get("datePublished"))

    @field
    def author(self) -> str | None:
        return P.clean_author(P.first_text(self.doc, self._author)) if self._author else None

    @classmethod
    def field_names(cls) -> list[str]:
        return sorted(n for n in dir(cls) if getattr(getattr(cls, n), "__vnie_field__", False))

    def parse(self, errors: str = "suppress") -> dict:
        """Every field; with ``errors="suppress"`` a failing field logs and takes its default."""
        out = {}
        for name in self.field_names():
            method = getattr(self, name)
            try:
                out[name] = method()
            except Exception as exc:  # noqa: BLE001 - one broken field must not lose the article
                if errors == "raise":
                    raise
                log.warning("%s.%s failed on %s: %s", type(self).__qualname__, name, self.url, exc)
                out[name] = _default_for(getattr(type(self), name))
        return out


class SiteParser:
    """A proxy over a site's ``Layout`` versions: picks the version by crawl date."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        dates = [v.VALID_UNTIL for v in cls.versions()]
        if len(dates) != len(set(dates)):
            raise TypeError(f"{cls.__name__}: two layout versions share a VALID_UNTIL date")

    @classmethod
    def versions(cls) -> list[type[Layout]]:
        """The layouts, oldest first; the one without ``VALID_UNTIL`` is the current one."""
        found = [v for v in vars(cls).values() if isinstance(v, type) and issubclass(v, Layout)]
        return sorted(found, key=lambda v: (v.VALID_UNTIL is None, v.VALID_UNTIL or date.max))

    @classmethod
    def for_date(cls, crawl_date: date | None = None) -> type[Layout]:
        """The layout covering ``crawl_date`` (the current one when None)."""
        versions = cls.versions()
        if crawl_date is not None:
            for version in versions:
                if version.VALID_UNTIL is not None and crawl_date <= version.VALID_UNTIL:
                    return version
        return versions[-1]

    @classmethod
    def parse(cls, doc: BeautifulSoup | str, url: str | None = None, crawl_date: date | None = None,
              errors: str = "suppress") -> dict:
        """The fields of an article page: author, body (paragraphs), captions, lead, published, title."""
        if isinstance(doc, str):
            doc = BeautifulSoup(doc, "lxml")
        return cls.for_date(crawl_date)(doc, url).parse(errors)

    @classmethod
    def next_page(cls, doc: BeautifulSoup, url: str) -> str | None:
        """The next page of a listing: ``rel=next`` or a pagination link (override per site)."""
        return generic_next_page(doc, url)


_NEXT_TEXT = re.compile(r"^(?:trang sau|trang tiếp|tiếp|sau|next|›|»|❯|>)$", re.I)
_NEXT_CLASS = re.compile(r"\bnext\b|next-page|btn-next|pagination-next", re.I)


def generic_next_page(doc: BeautifulSoup, url: str) -> str | None:
    """The next listing page: ``<link|a rel=next>``, a link titled or classed next, or "Trang sau"."""
    for tag in doc.select('link[rel~="next"], a[rel~="next"]'):
        if tag.get("href"):
            return urljoin(url, tag["href"].strip())
    for a in doc.select("a[href]"):
        classes = " ".join(a.get("class") or [])
        label = P.text_of(a) or (a.get("title") or "").strip() or (a.get("aria-label") or "").strip()
        if _NEXT_CLASS.search(classes) or _NEXT_TEXT.match(label) or (a.get("title") or "").lower() in (
                "trang sau", "trang tiếp", "next"):
            href = a["href"].strip()
            if href and not href.startswith(("#", "javascript:")):
                return urljoin(url, href)
    return None


# --- the declaration --------------------------------------------------------------------------

@dataclass(frozen=True)
class Site:
    """One publisher: where to start, what an article URL looks like, and how to read its pages.

    key (str): short id, used on the command line and in ``articles.source``.
    name (str): the publisher's name.
    domain (str): the home page URL; its host (and www. variant) is the site's host.
    parser (type[SiteParser] | None): the page parser; None means generic extraction.
    sources (tuple[EntryPoint]): discovery entry points.
    article_url (str): regex an article URL matches (searched in the full URL).
    skip (UrlFilter): URLs never to crawl (video, podcast, ...).
    verified (bool): checked against recorded pages of the site.
    """

    key: str
    name: str
    domain: str
    parser: type[SiteParser] | None = None
    sources: tuple[EntryPoint, ...] = ()
    article_url: str = r"-\d{5,}\.html?$"
    skip: UrlFilter = never
    verified: bool = False
    notes: str = ""
    _rx: re.Pattern = dc_field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_rx", re.compile(self.article_url, re.I))

    @property
    def host(self) -> str:
        return host_key(urlsplit(self.domain).hostname or "")

    def owns(self, url: str) -> bool:
        """True if ``url`` is on this site's host (www. or not)."""
        return host_key(urlsplit(url).hostname or "") == self.host

    def is_article(self, url: str) -> bool:
        """True if ``url`` is one of this site's article pages and not skipped."""
        return self.owns(url) and self._rx.search(url) is not None and not self.skip(url)


def host_key(host: str) -> str:
    """A host without ``www.`` and lower-cased: the form sites and allow lists compare."""
    host = (host or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host
