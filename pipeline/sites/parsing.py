"""Shared helpers for site parsers and the generic HTML reader: text, metadata, dates, paragraphs.

Every helper takes a parsed page (BeautifulSoup) or a string and returns plain
values (``str``, ``list[str]``, ``None``); none of them raises on odd markup.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from datetime import datetime, timedelta, timezone

from bs4 import BeautifulSoup, NavigableString, Tag

from pipeline.article import parse_published
from pipeline.textnorm import nfc

VN_OFFSET = timezone(timedelta(hours=7))

# Block elements whose text is one paragraph of an article body.
BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")
# Never article text, whatever the site: removed from every body.
ALWAYS_DROP = ("script, style, noscript, template, iframe, svg, form, button, input, select, textarea, "
               "figure, figcaption, nav, video, audio, object, embed")
# The news agency prefix of a lead: "(Dân trí) - ", "(NLĐO)- ", "(Chinhphu.vn) - ".
_AGENCY_PREFIX = re.compile(r"^\s*\((?:[^()]{2,24})\)\s*[-–—:]\s*")
_ISO_DT = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$")
_AMPM = re.compile(r"(\d{1,2}):(\d{2})\s*(AM|PM|SA|CH)\b", re.I)
# "12 tháng 5 năm 2024", "ngày 12 tháng 05, 2024": the same as 12/5/2024.
_WORDY_DATE = re.compile(r"(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm|\s*,)\s+(\d{4})", re.I)
_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting", "AnalysisNewsArticle"}


# Elements that break a line where they start and end; between inline elements (a, span, b, em, a
# drop cap) the text joins as the page wrote it: "Interfax</a>, Phó" is "Interfax, Phó", not "Interfax , Phó".
_BREAKS = frozenset({"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
                     "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
                     "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul"})


def text_of(tag: Tag | NavigableString | None) -> str:
    """The tag's text, NFC, with whitespace runs collapsed to single spaces ("" for None)."""
    if tag is None:
        return ""
    raw = "".join(_texts(tag)) if isinstance(tag, Tag) else str(tag)
    return nfc(" ".join(raw.split()))


def _texts(tag: Tag):
    """The text pieces of ``tag`` as written, with a space where a block element starts or ends."""
    for node in tag.children:
        if isinstance(node, NavigableString):
            if type(node) is NavigableString or node.__class__.__name__ == "CData":
                yield str(node)
        elif isinstance(node, Tag):
            block = node.name in _BREAKS
            if block:
                yield " "
            yield from _texts(node)
            if block:
                yield " "


def unescape(value: str) -> str:
    """``value`` with HTML entities decoded, twice if the CMS escaped them twice (``&amp;#7871;``)."""
    for _ in range(2):
        decoded = htmllib.unescape(value)
        if decoded == value:
            break
        value = decoded
    return nfc(" ".join(value.split()))


def meta_of(soup: BeautifulSoup) -> dict[str, str]:
    """``<meta>`` contents keyed by property, name or itemprop (first occurrence wins)."""
    out: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if key and content and content.strip() and key not in out:
            out[key] = unescape(content)
    return out


def ld_objects(soup: BeautifulSoup) -> list[dict]:
    """Every JSON-LD object in the page, ``@graph`` members included; bad JSON is ignored."""
    found: list[dict] = []
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or script.get_text() or "", strict=False)
        except (json.JSONDecodeError, TypeError, ValueError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return found


def ld_article(soup: BeautifulSoup) -> dict:
    """The page's JSON-LD NewsArticle (or Article) object, or ``{}``."""
    for item in ld_objects(soup):
        types = item.get("@type")
        types = set(types) if isinstance(types, list) else {types}
        if types & _ARTICLE_TYPES:
            return item
    return {}


def ld_author(article: dict) -> str | None:
    """The first named author of a JSON-LD article, entities decoded."""
    author = article.get("author")
    for item in author if isinstance(author, list) else [author]:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            return unescape(name)
    return None


def iso_datetime(value: str | None) -> str | None:
    """A publication time as ISO 8601 with its UTC offset (Asia/Ho_Chi_Minh when none is given).

    Accepts ISO forms, with a space or fractional seconds before the offset
    (``2026-03-07T08:52:11.000 +07:00``), and Vietnamese forms
    (``Thứ bảy, 7/3/2026, 00:05 (GMT+7)``, ``07-03-2026 - 09:40 AM``).
    value (str | None): the date as the page writes it.
    RETURNS (str | None): e.g. ``2026-03-07T00:05:00+07:00``; a bare date stays ``2026-03-07``.
    """
    if not value or not value.strip():
        return None
    value = " ".join(unescape(value).split())
    m = _ISO_DT.match(value)
    if m:
        day, clock, zone = m.groups()
        if clock.count(":") == 1:
            clock += ":00"
        zone = "+07:00" if zone is None else ("+00:00" if zone == "Z" else zone)
        if len(zone) == 5:
            zone = zone[:3] + ":" + zone[3:]
        try:
            return datetime.fromisoformat(f"{day}T{clock.zfill(8)}{zone}").isoformat()
        except ValueError:
            return None
    value = _AMPM.sub(_to_24h, _WORDY_DATE.sub(r"\1/\2/\3", value))
    published, at = parse_published(value)
    if at is not None:
        return at.isoformat()
    return published


def _to_24h(m: re.Match) -> str:
    hour, minute, half = int(m.group(1)), m.group(2), m.group(3).upper()
    if half in ("PM", "CH") and hour < 12:
        hour += 12
    if half in ("AM", "SA") and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute}"


def strip_agency(lead: str) -> str:
    """The lead without the agency prefix some papers open it with ("(Dân trí) - ")."""
    return _AGENCY_PREFIX.sub("", lead, count=1).strip()


def clean_author(value: str | None) -> str | None:
    """A byline as a name: "Theo Hồ Hương" -> "Hồ Hương", "Hà Thu (tổng hợp)" -> "Hà Thu"."""
    if not value:
        return None
    value = re.sub(r"\((?:tổng hợp|lược dịch|theo [^)]*)\)", "", nfc(value), flags=re.I)
    value = re.sub(r"^\s*(?:theo|bài và ảnh|bài, ảnh|bài|ảnh)\s*[:\-]?\s+", "", value, flags=re.I)
    value = " ".join(value.strip(" -–—,;:").split())
    if not value or "://" in value or len(value) > 80:
        return None
    return value


def drop_set(root: Tag, selector: str) -> set[int]:
    """Ids of the elements under ``root`` matching ``selector`` (for skipping without mutating)."""
    if not selector:
        return set()
    return {id(tag) for tag in root.select(selector)}


def paragraphs(root: Tag | None, drop: str = "") -> list[str]:
    """The text of each innermost block (p, h2-h6, li, blockquote) under ``root``, in order.

    Blocks inside an element matching ``drop`` or ``ALWAYS_DROP`` are skipped, so
    related-news boxes, captions and scripts never reach the body. A ``div``
    holding bare text and no block is a paragraph too (some CMSs write bodies so).
    root (Tag | None): the body container.
    drop (str): a CSS selector list of containers to leave out.
    RETURNS (list[str]): non-empty NFC paragraphs.
    """
    if root is None:
        return []
    dropped = drop_set(root, ALWAYS_DROP + (", " + drop if drop else ""))
    out: list[str] = []
    for tag in root.find_all(True):
        if tag.name not in BLOCKS and not (tag.name == "div" and _has_bare_text(tag)):
            continue
        if tag.find(BLOCKS) is not None or _inside(tag, root, dropped):
            continue
        text = text_of(tag)
        if text:
            out.append(text)
    return out


def _has_bare_text(tag: Tag) -> bool:
    return (any(isinstance(c, NavigableString) and c.strip() and type(c) is NavigableString for c in tag.children)
            and tag.find(("div",) + BLOCKS) is None)


def _inside(tag: Tag, root: Tag, dropped: set[int]) -> bool:
    node: Tag | None = tag
    while node is not None and node is not root:
        if id(node) in dropped:
            return True
        node = node.parent
    return False


def captions(root: Tag | None, selector: str = "figcaption") -> list[str]:
    """Distinct non-empty caption texts under ``root`` in page order."""
    if root is None:
        return []
    seen: list[str] = []
    for tag in root.select(selector):
        text = text_of(tag)
        if text and text not in seen:
            seen.append(text)
    return seen


def first_text(soup: BeautifulSoup | Tag, *selectors: str) -> str | None:
    """The text of the first non-empty element matching any selector, tried in order."""
    for selector in selectors:
        for tag in soup.select(selector):
            text = text_of(tag)
            if text:
                return text
    return None


def first_attr(soup: BeautifulSoup | Tag, selector: str, attr: str) -> str | None:
    """The attribute of the first element matching ``selector`` that has it non-empty."""
    for tag in soup.select(selector):
        value = tag.get(attr)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
