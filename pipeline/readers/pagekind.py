"""Saved web pages that are not articles: a site's home page or a listing (a section page of headlines).

``vnie extract`` over a folder of saved pages meets them among the articles; read as articles they
would give a "text" of teasers and rows from them. They are recognised from the page itself, with no
word list: the page's own URL (rel=canonical, og:url) is a site root or a short section slug, or the
page is a column of linked headlines, and in both cases it carries no article metadata (a JSON-LD
article, ``article:published_time``).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# A section slug is short ("kinh-doanh", "tai-chinh-chung-khoan-d6"); an article's slug is its headline
# (10-20 words) and usually an id of many digits.
SECTION_SLUG_MAX_WORDS = 5
ARTICLE_ID_DIGITS = 5
# Headlines that are links: a listing has dozens (21-72 on the recorded listings), an article a few
# (0-10: related news) beside its own body.
LISTING_MIN_LINKED_HEADINGS = 15

_TAG = re.compile(r"<(link|meta)\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_ARTICLE_LD = re.compile(r""""@type"\s*:\s*\[?\s*"(?:News|Reportage|Analysis)?Article"|"@type"\s*:\s*"BlogPosting\"""")
_LINKED_HEADING = re.compile(r"<h[2-4]\b[^>]*>\s*(?:<(?!/?h[2-4]\b)[^>]+>\s*)*<a\s", re.I)


def page_urls(html: str) -> list[str]:
    """The page's own URLs as it declares them: rel=canonical, then og:url (absolute http(s) only)."""
    found = {"canonical": None, "og:url": None}
    for tag in _TAG.finditer(html):
        attrs = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in _ATTR.finditer(tag.group(0))}
        if tag.group(1).lower() == "link" and "canonical" in attrs.get("rel", "").lower().split():
            found["canonical"] = found["canonical"] or attrs.get("href")
        elif attrs.get("property", "").lower() == "og:url":
            found["og:url"] = found["og:url"] or attrs.get("content")
    return [u for u in found.values() if u and u.startswith(("http://", "https://"))]


def has_article_metadata(html: str) -> bool:
    """True when the page says it is an article: a JSON-LD article or an article:published_time."""
    return bool(_ARTICLE_LD.search(html)) or re.search(r"""property\s*=\s*["']article:published_time""", html,
                                                       re.I) is not None


def not_an_article(html: str) -> str | None:
    """Why a saved page is a home or listing page rather than an article, or None.

    html (str): the page.
    RETURNS (str | None): "a home page (URL)" or "a listing page (...)", None for an article.
    """
    if has_article_metadata(html):
        return None
    urls = page_urls(html)
    own = urls[0] if urls else None           # rel=canonical when given, else og:url
    if own is not None and not urlsplit(own).path.strip("/"):
        return f"a home page ({own})"
    headings = len(_LINKED_HEADING.findall(html))
    if headings >= LISTING_MIN_LINKED_HEADINGS:
        return f"a listing page ({headings} linked headlines)"
    if own is not None:
        slug = re.sub(r"\.\w+$", "", urlsplit(own).path.strip("/").rsplit("/", 1)[-1])
        words = [w for w in re.split(r"[-_]+", slug) if w]
        if len(words) <= SECTION_SLUG_MAX_WORDS and not re.search(rf"\d{{{ARTICLE_ID_DIGITS},}}", slug):
            return f"a listing page (section address {own})"
    return None


def read_saved_page(html: str, source: str):
    """A saved page as an article (``read_html``), its ``url`` taken from the page when it declares one;
    ``InputError`` naming why when the page is a home or listing page."""
    from dataclasses import replace

    from pipeline.article import InputError
    from pipeline.readers.html import read_html

    reason = not_an_article(html)
    if reason:
        raise InputError(source, f"not an article: {reason}")
    article = read_html(html, source)
    urls = page_urls(html)
    return replace(article, url=urls[0]) if article.url is None and urls else article
