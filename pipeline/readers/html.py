"""Saved web pages: a cascade of text stages plus title, date, author, lead and captions.

Stages, in order, each engaged only if the one before gave less than
``min_body_chars``:
  1. site: a publisher parser from ``pipeline.sites`` when the URL's host has one;
  2. trafilatura: generic main-text extraction;
  3. baseline: every <p> in <article> or <body>, minus boilerplate containers.
The lead (sapo), which trafilatura drops when it sits outside the body
container, is put back as the first paragraph. Captions are appended after the
body (``Article.captions_start``) so they are never read as body sentences.
"""

from __future__ import annotations

import json
import logging
import re

from bs4 import BeautifulSoup

from pipeline.article import Article, InputError, parse_published, with_captions
from pipeline.readers import external
from pipeline.settings import reader_options
from pipeline.textnorm import nfc

log = logging.getLogger(__name__)

# Containers that are never article text.
_BOILERPLATE = "script, style, noscript, nav, header, footer, aside, form, iframe, svg, button"
_BOILERPLATE_CLASS = re.compile(
    r"related|relate|tin-lien-quan|lienquan|box-news|share|social|comment|tag|breadcrumb|menu|footer|"
    r"banner|advert|qc|sidebar|author-info|subscribe", re.I)
_CAPTION_SELECTORS = "figcaption, .PhotoCMS_Caption, .image-caption, .fig-caption, td.caption, p.caption, .expNoEdit"
_LEAD_SELECTORS = ".sapo, .detail-sapo, .article__sapo, .singular-sapo, h2.sapo, .lead, .description, .summary, .article-summary"


def read_html(html: str, source: str, url: str | None = None) -> Article:
    """The article in a saved page, or ``InputError`` if no body text is found."""
    opts = reader_options()
    if len(html) > opts.max_file_bytes:
        raise InputError(source, f"page too large ({len(html):,} chars)")
    try:
        soup = BeautifulSoup(html, "lxml")
    except Exception as exc:  # noqa: BLE001 - lxml copes with nearly anything; be safe anyway
        raise InputError(source, f"unparseable HTML: {exc}") from exc

    captions = _captions(soup)
    lead = _lead(soup)
    ext = external.trafilatura_extract(html, url)
    stages = (("trafilatura", lambda: ext.text), ("baseline", lambda: _baseline(soup)))
    text, used = "", "none"
    for name, stage in stages:
        candidate = _clean(stage(), captions)
        if len(candidate) > len(text):
            text, used = candidate, name
        if len(text) >= opts.min_body_chars:
            break
    title = _title(soup) or ext.title
    text = _drop_title(text, title)
    if lead and lead[:60] not in text[:400]:
        text = lead + "\n\n" + text
    text = text.strip()
    if not text:
        raise InputError(source, "no article text found in the page")
    text, captions_start = with_captions(text, captions)
    published, published_at = parse_published(_meta_date(soup) or ext.date or external.htmldate_find(html, url))
    return Article(source=source, url=url, text=text, title=title,
                   published=published, published_at=published_at,
                   author=_author(soup) or ext.author, captions_start=captions_start, reader=f"html:{used}")


def _clean(text: str, captions: list[str]) -> str:
    caps = {c for c in captions}
    paras = [" ".join(p.split()) for p in (text or "").split("\n")]
    return "\n\n".join(p for p in paras if p and p not in caps)


def _drop_title(text: str, title: str | None) -> str:
    """The text without a first paragraph that only repeats the title."""
    first, _, rest = text.partition("\n\n")
    return rest if title and " ".join(first.split()) == title else text


def _title(soup: BeautifulSoup) -> str | None:
    for sel, attr in (('meta[property="og:title"]', "content"), ("h1", None), ("title", None)):
        tag = soup.select_one(sel)
        if tag is not None:
            value = tag.get(attr) if attr else tag.get_text(" ", strip=True)
            if value and value.strip():
                return nfc(" ".join(value.split()))
    return None


def _meta_date(soup: BeautifulSoup) -> str | None:
    for sel in ('meta[property="article:published_time"]', 'meta[itemprop="datePublished"]',
                'meta[name="pubdate"]', 'meta[name="publishdate"]'):
        tag = soup.select_one(sel)
        if tag is not None and tag.get("content"):
            return tag["content"]
    for script in soup.select('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.string or "")
        except (json.JSONDecodeError, TypeError):
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and item.get("datePublished"):
                return str(item["datePublished"])
    return None


def _author(soup: BeautifulSoup) -> str | None:
    for sel in ('meta[name="author"]', 'meta[property="article:author"]'):
        tag = soup.select_one(sel)
        if tag is not None and tag.get("content", "").strip() and "://" not in tag["content"]:
            return nfc(tag["content"].strip())
    return None


def _lead(soup: BeautifulSoup) -> str | None:
    tag = soup.select_one(_LEAD_SELECTORS)
    if tag is not None:
        text = " ".join(tag.get_text(" ", strip=True).split())
        if len(text) > 40:
            return nfc(text)
    return None


def _captions(soup: BeautifulSoup) -> list[str]:
    seen: list[str] = []
    for tag in soup.select(_CAPTION_SELECTORS):
        text = nfc(" ".join(tag.get_text(" ", strip=True).split()))
        if text and text not in seen:
            seen.append(text)
    return seen


def _baseline(soup: BeautifulSoup) -> str:
    root = soup.select_one("article") or soup.body or soup
    for tag in root.select(_BOILERPLATE):
        tag.decompose()
    for tag in root.find_all(True):
        if tag.attrs is None:
            continue
        classes = " ".join(tag.get("class") or []) + " " + (tag.get("id") or "")
        if _BOILERPLATE_CLASS.search(classes):
            tag.decompose()
    paras = [p.get_text(" ", strip=True) for p in root.find_all("p")]
    return nfc("\n".join(p for p in paras if len(p) > 20))
