"""URLs: canonical forms, what looks like an article, and which hosts a crawl may touch."""

from __future__ import annotations

import ipaddress
import re
import socket
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import courlan

from pipeline.sites.base import host_key

# Query parameters that only track the visitor: the same page with or without them.
TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|gidzl|zarsrc|_ga|_gl|mc_cid|mc_eid|igshid|"
                      r"ref|ref_src|cmpid|itm_\w+|share|s_cid)$", re.I)
# Links to files that are never HTML articles: skipped without a request.
BINARY_SUFFIX = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|odt|rtf|zip|rar|7z|gz|tar|jpe?g|png|gif|webp|svg|bmp|"
                           r"ico|mp3|mp4|m4a|wav|avi|mov|wmv|flv|webm|apk|exe|dmg|css|js|woff2?|ttf|eot)$", re.I)
# A generic article URL: a long slug (4+ words) or a long numeric id, optionally .htm/.html/.tpo/.chn.
_SLUG_ARTICLE = re.compile(r"/[a-z0-9]+(?:-[a-z0-9]+){3,}(?:-?[a-z]?\d+)?(?:\.(?:s?html?|tpo|chn|aspx|php))?/?$",
                           re.I)
_ID_ARTICLE = re.compile(r"(?:[-/_]|post|-d|-i)\d{5,}(?:\.(?:s?html?|tpo|chn|aspx|php))?/?$", re.I)
_NOT_ARTICLE = re.compile(r"/(?:tag|tags|tim-kiem|search|tac-gia|author|video|videos|podcast|rss|lien-he|"
                          r"gioi-thieu|dang-nhap|login|trang-\d+|page-?\d+)(?:[/.-]|$)|[-/]p\d+/?$|/trang-\d+",
                          re.I)


def canonical_url(url: str, base: str | None = None) -> str | None:
    """The canonical form of ``url`` (resolved against ``base``), or None if it is not http(s).

    Scheme and host lower-cased, default port dropped, fragment and tracking
    parameters (utm_*, fbclid, gidzl, ...) removed, other parameters sorted,
    an empty path made "/".
    """
    if not url:
        return None
    url = url.strip()
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    try:
        normal = courlan.normalize_url(url, strict=False)
    except Exception:  # noqa: BLE001 - courlan rejects odd URLs by raising
        normal = url
    parts = urlsplit(normal)
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not TRACKING.match(k)))
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def host_of(url: str) -> str:
    """The URL's host, lower-cased, without ``www.`` (the port is not part of it)."""
    try:
        return host_key(urlsplit(url).hostname or "")
    except ValueError:
        return ""


def clock_key(url: str) -> str:
    """The host and port a politeness delay applies to (two local test servers are two hosts)."""
    try:
        port = urlsplit(url).port
    except ValueError:
        port = None
    return host_of(url) + (f":{port}" if port else "")


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def is_binary_link(url: str) -> bool:
    """True for links to files (PDF, images, archives, media) that are never HTML pages."""
    return BINARY_SUFFIX.search(urlsplit(url).path) is not None


def looks_like_article(url: str) -> bool:
    """Generic guess, for sites without a declaration: a long slug or a long numeric id."""
    path = urlsplit(url).path
    if _NOT_ARTICLE.search(path) or is_binary_link(url):
        return False
    return bool(_SLUG_ARTICLE.search(path) or _ID_ARTICLE.search(path))


class BlockedHost(Exception):
    """A URL the crawl must not fetch: host not allowed, or a private address not allowed explicitly."""


class HostPolicy:
    """Which hosts a crawl may fetch from.

    allowed (set[str]): the sources' hosts, the given URLs' hosts and the explicit ones.
    explicit (set[str]): hosts named with ``--allow-host``: these may resolve to
        private or loopback addresses (a test server on 127.0.0.1).
    """

    def __init__(self, allowed: set[str], explicit: set[str] = frozenset()):
        self.explicit = {host_key(h) for h in explicit}
        self.allowed = {host_key(h) for h in allowed} | self.explicit

    def allows(self, url: str) -> bool:
        """True if ``url``'s host is one the crawl may follow links to."""
        return host_of(url) in self.allowed

    def check(self, url: str) -> None:
        """Raise ``BlockedHost`` unless ``url`` may be fetched."""
        host = host_of(url)
        if host not in self.allowed:
            raise BlockedHost(f"host {host or '?'} is not an allowed host (use --allow-host)")
        if host not in self.explicit:
            private = _private_address(urlsplit(url).hostname or "")
            if private:
                raise BlockedHost(f"host {host} resolves to the private or loopback address {private}; "
                                  "allow it explicitly with --allow-host")


@lru_cache(maxsize=1024)
def _private_address(hostname: str) -> str | None:
    """The first private/loopback/link-local/reserved address ``hostname`` resolves to, or None."""
    try:
        infos = socket.getaddrinfo(hostname, None)
    except (socket.gaierror, UnicodeError, OSError):
        return None  # unresolvable: the fetch itself will fail and say so
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if (address.is_private or address.is_loopback or address.is_link_local or address.is_reserved
                or address.is_multicast or address.is_unspecified):
            return str(address)
    return None
