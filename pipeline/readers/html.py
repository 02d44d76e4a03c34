"""Saved or fetched web pages: a cascade of body stages plus title, date, author, lead and captions.

Stages, in order, each engaged only if the one before gave less than
``min_body_chars`` (the site stage: less than ``SITE_STAGE_MIN_CHARS``; the
longest text wins when none reaches its mark):
  1. site: the publisher's parser from ``pipeline.sites`` when the page's URL
     (given, or its rel=canonical / og:url) is on a registered host;
  2. trafilatura (balanced, not favouring precision: that drops framed boxes
     of the body), run on the page with boilerplate boxes (related news, share
     bars, comments, credits) and boxes of links (teaser cards, side columns)
     removed first; its lines are then set against the page's blocks
     (``body_lines``): subheadings it left out put back, lines after the
     page's content block (a footer) dropped;
  3. baseline: every paragraph of the <article>/<main> holding the body, or
     of <body>, outside boilerplate.
How close this generic path comes to the parsers: ``python -m pipeline.bench_generic``.
The lead (sapo), which trafilatura drops when it sits outside the body
container, is put back as the first paragraph. Captions are appended after the
body (``Article.captions_start``) so they are never read as body sentences.
A page whose body is missing (delivered by JavaScript) or scrambled is an
``InputError`` saying so, never an empty or garbled article.
"""

from __future__ import annotations

import bisect
import logging
import re
from datetime import date

from bs4 import BeautifulSoup, NavigableString, Tag

from pipeline.article import Article, InputError, parse_published, with_captions
from pipeline.budget import OverBudget, time_limit
from pipeline.readers import external
from pipeline.readers.bodycheck import body_problem
from pipeline.settings import reader_options
from pipeline.sites import parsing as P
from pipeline.sites import site_for_url
from pipeline.textnorm import nfc

log = logging.getLogger(__name__)

# Class or id tokens of containers that are never article text: distinctive words anywhere in a
# token ("relatednews", "box-tinlienquan", "comment-form"), short ones only as a whole dash-part.
_BOILERPLATE_WORD = re.compile(
    r"relate|lienquan|lien-quan|xemthem|xem-them|tinkhac|tin-khac|cungchuyenmuc|cung-chuyen-muc|readmore|"
    r"read-more|comment|binhluan|binh-luan|sharing|social|newsletter|subscribe|banner|advert|quangcao|"
    r"sidebar|breadcrumb|mostview|most-view|docnhieu|doc-nhieu|recommend|popular|yarpp", re.I)
_BOILERPLATE_TOKEN = re.compile(
    r"^(?:.*[-_])?(?:share|tags?|keywords?|menu|footer|header|adv|ads|qc|print|toolbar|author-info|author|byline|"
    r"source|credits?|tac-gia|tacgia|nguon)(?:[-_].*)?$",
    re.I)
_DROP_TAG_NAMES = frozenset({"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
                             "iframe", "svg", "button", "select"})
_CAPTIONS = ("figcaption, .PhotoCMS_Caption, .image-caption, .fig-caption, .caption, td.caption, "
             "td.media-caption, p.Image, .expNoEdit, .wp-caption-text")
_LEADS = ("[data-role=sapo], [data-slot=sapo], [itemprop=description], [class*=sapo], [class*=tom-tat], "
          "[class*=tomtat], [class*=chapo], .lead, .article-lead, [class*=-lead], .description, [class*=-desc], "
          ".desc, [class*=summary], [class*=excerpt], .chapeau, .intro")
_LEAD_TAGS = {"p", "div", "h2", "h3", "h4", "span", "strong", "section", "b", "em"}
_DATES = ("time[datetime], [itemprop=datePublished], [class*=publish], [class*=date], [class*=time], "
          "[class*=ngay]", "[class*=posted], [class*=meta]")  # in this order; the looser group last
# "08:30 ngày 12/05/2024", "12/05/2024 08:30", "Thứ Hai, 12/5/2024": a date written near the title.
_VISIBLE_DATE = re.compile(r"(?:\d{1,2}[:hg]\d{2}\D{0,12})?\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|"
                           r"\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm|\s*,)\s+\d{4})(?:\D{0,6}\d{1,2}[:hg]\d{2})?", re.I)
_AUTHORS = ("[itemprop=author] [itemprop=name], [itemprop=author], [data-role=author], [rel=author], "
            "[class*=author-name], .author, .byline, .tac-gia, .article-author, .post-author")
# Byline paragraphs closing a body ("Hoàng Yến" right-aligned): the author, never body text.
_BYLINES = 'p[style*="text-align:right"], p[style*="text-align: right"], p[align=right], div[align=right]'
BYLINE_MAX_WORDS = 8
_ORG_AUTHOR = re.compile(r"\.(?:vn|com|net|org)\b|^báo\b|online|news|media|tòa soạn|ban biên tập", re.I)
# The markup scan before parsing (markup_problem): tags, comments, and the elements whose content is not markup.
_TAG_START = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)|<!--")
_RAW_TEXT = {name: re.compile(rf"</{name}", re.I) for name in ("script", "style", "textarea", "title", "xmp")}
# Void elements, and those whose end tag may be omitted (a new one closes the last): they never nest deeper.
_NO_NESTING = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                         "track", "wbr", "p", "li", "dt", "dd", "td", "th", "tr", "option", "optgroup", "thead",
                         "tbody", "tfoot", "colgroup", "rt", "rp", "!doctype"})
# A block whose text is this share link text, with at least LINK_BLOCK_MIN_LINKS links, is a list of links
# (teasers of other articles, a section menu): never article text, wherever it sits.
LINK_BLOCK_SHARE = 0.9
LINK_BLOCK_MIN_LINKS = 2
# The content block holds at least this share of the page's paragraph text: what comes after it is not the
# article (a footer is a few lines beside a body of many).
CONTENT_BLOCK_SHARE = 0.8
_SUBHEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_LINK_BLOCK_TAGS = frozenset({"ul", "ol", "div", "section", "table", "dl", "article"})
# The visible headline (h1) is the title when it says what a metadata title says (the same words at this share):
# sites give og:title an SEO variant or a site-name suffix. An h1 saying something else (a logo) is not the title.
TITLE_MIN_SHARED_WORDS = 0.6
_TITLE_SEPARATORS = r"|–—:·»\-"  # a regex character class body
# A site parser that found this much body text found the body: short articles exist, and the
# generic stages would only lengthen them with boxes the parser knows to leave out.
SITE_STAGE_MIN_CHARS = 80
# A lead is kept only if it reads like one: a sentence or a short paragraph, not a label or a whole section.
LEAD_MIN_CHARS = 40
LEAD_MAX_CHARS = 1000


def read_html(html: str, source: str, url: str | None = None, crawl_date: date | None = None) -> Article:
    """The article in a page, or ``InputError`` if the page has no readable body.

    html (str): the decoded page.
    source (str): the path or source name kept in ``articles.source``.
    url (str | None): the page's URL; found in the page (canonical, og:url) when not given.
    crawl_date (date | None): picks the site parser's layout version.
    RETURNS (Article): text = lead, body paragraphs, then captions.
    """
    opts = reader_options()
    if len(html) > opts.max_file_bytes:
        raise InputError(source, f"page too large ({len(html):,} chars)")
    problem = markup_problem(html, opts.max_html_depth, opts.max_html_elements)
    if problem:
        raise InputError(source, problem)
    try:
        with time_limit(opts.read_seconds, "reading the page", "reader.read_seconds"):
            return _read(html, source, url, crawl_date, opts)
    except OverBudget as exc:
        raise InputError(source, str(exc)) from None


def markup_problem(html: str, max_depth: int, max_elements: int) -> str | None:
    """Why a page is beyond the reader's budget (nested too deep, too many elements), or None.

    One linear scan of the tags, before any parsing: comments and the contents of script, style,
    textarea and title are skipped, void elements and those whose end tag may be left out (p, li,
    td, ...) do not nest.
    """
    pos = depth = elements = 0
    while True:
        m = _TAG_START.search(html, pos)
        if m is None:
            return None
        if m.group(0) == "<!--":
            end = html.find("-->", m.end())
            if end < 0:
                return None
            pos = end + 3
            continue
        closing, name = m.group(1), m.group(2).lower()
        gt = html.find(">", m.end())
        if gt < 0:
            return None
        pos = gt + 1
        if closing:
            if name not in _NO_NESTING:
                depth = max(0, depth - 1)
            continue
        elements += 1
        if elements > max_elements:
            return f"HTML has more than {max_elements:,} elements (limit reader.max_html_elements)"
        if name in _RAW_TEXT:
            end = _RAW_TEXT[name].search(html, pos)
            if end is None:
                return None
            pos = end.start()
            continue
        if name in _NO_NESTING or html[gt - 1] == "/":
            continue
        depth += 1
        if depth > max_depth:
            return f"HTML nested more than {max_depth:,} elements deep (limit reader.max_html_depth)"


def _read(html: str, source: str, url: str | None, crawl_date: date | None, opts) -> Article:
    try:
        soup = BeautifulSoup(html, "lxml")
    except Exception as exc:  # noqa: BLE001 - lxml copes with nearly anything; be safe anyway
        raise InputError(source, f"unparseable HTML: {exc}") from exc

    page_url = url or page_canonical(soup)
    site = site_for_url(page_url)
    parsed = _site_fields(site, soup, page_url, crawl_date)
    meta = P.meta_of(soup)
    ld = P.ld_article(soup)
    captions = parsed.get("captions") or _captions(soup)
    lead = parsed.get("lead") or _lead(soup, meta)
    title = parsed.get("title") or _title(soup, meta, ld)

    text, used = main_text(html, soup, page_url, parsed, captions, site.key if site else None, opts.min_body_chars)
    text = _drop_title(text, title)
    body_chars = len(text)
    text = _with_lead(text, lead)
    if not text:
        raise InputError(source, "no article text found in the page")
    problem = body_problem(text, body_chars, html, lead)
    if problem:
        raise InputError(source, problem)
    text, captions_start = with_captions(text, [c for c in captions if c not in text])
    published_raw = parsed.get("published") or _published(soup, meta, ld) or external.htmldate_find(html, page_url)
    published, published_at = parse_published(P.iso_datetime(published_raw) or published_raw)
    author = parsed.get("author") or _author(soup, meta, ld)
    return Article(source=source, url=url, text=text, title=title, published=published,
                   published_at=published_at, author=author, captions_start=captions_start,
                   reader=f"html:{used}")


def main_text(html: str, soup: BeautifulSoup, url: str | None, parsed: dict, captions: list[str],
              site_key: str | None, min_chars: int) -> tuple[str, str]:
    """(body text, stage used). Stages run in order until the text reaches ``min_chars``.

    A failing stage logs and gives ""; this function never raises.
    """
    stages = (
        (f"site:{site_key}", lambda: "\n\n".join(parsed.get("body") or [])),
        ("trafilatura", lambda: _trafilatura_text(soup, url)),
        ("baseline", lambda: "\n\n".join(_baseline(soup))),
    )
    text, used = "", "none"
    for name, stage in stages:
        if name.startswith("site:") and site_key is None:
            continue
        try:
            candidate = _clean(stage(), captions)
        except Exception as exc:  # noqa: BLE001 - a stage failure falls through to the next stage
            log.warning("stage %s failed on %s: %s", name, url or "<html>", exc)
            candidate = ""
        if len(candidate) > len(text):
            text, used = candidate, name
        if len(text) >= min_chars or (name.startswith("site:") and len(text) >= SITE_STAGE_MIN_CHARS):
            break
    return text, used


def page_canonical(soup: BeautifulSoup) -> str | None:
    """The page's own URL: ``<link rel=canonical>``, else ``og:url`` (absolute http(s) only)."""
    for value in (P.first_attr(soup, 'link[rel~="canonical"]', "href"),
                  P.first_attr(soup, 'meta[property="og:url"]', "content")):
        if value and value.startswith(("http://", "https://")):
            return value
    return None


def _site_fields(site, soup: BeautifulSoup, url: str | None, crawl_date: date | None) -> dict:
    if site is None or site.parser is None:
        return {}
    try:
        return site.parser.parse(soup, url, crawl_date)
    except Exception as exc:  # noqa: BLE001 - the generic stages take over
        log.warning("site parser %s failed on %s: %s", site.key, url, exc)
        return {}


def _clean(text: str, captions: list[str]) -> str:
    caps = set(captions)
    paras = [" ".join(p.split()) for p in (text or "").split("\n")]
    return "\n\n".join(p for p in paras if p and p not in caps)


def _drop_title(text: str, title: str | None) -> str:
    """The text without a first paragraph that only repeats the title."""
    first, _, rest = text.partition("\n\n")
    return rest if title and " ".join(first.split()) == title else text


def _with_lead(text: str, lead: str | None) -> str:
    """The lead as the first paragraph, unless the text already opens with it (agency prefix dropped)."""
    text = P.strip_agency(text.strip())
    if not lead or len(lead) < LEAD_MIN_CHARS:
        return text
    first, _, rest = text.partition("\n\n")
    probe = lead[:60]
    if probe in text[: len(lead) + 400]:
        return text
    if first and (lead.startswith(first) or P.strip_agency(first) == lead):
        return (lead + "\n\n" + rest).strip()  # a truncated or prefixed copy of the lead
    return (lead + "\n\n" + text).strip()


def _is_boilerplate(tag) -> bool:
    tokens = list(tag.get("class") or []) + ([tag["id"]] if tag.get("id") else [])
    return any(_BOILERPLATE_WORD.search(t) or _BOILERPLATE_TOKEN.match(t) for t in tokens if isinstance(t, str))


def _paragraph_chars(root) -> dict[int, int]:
    """Characters of the <p> elements under each tag (by ``id``), ``root`` included: one pass, bottom up.

    Linear in the page size, however deep the nesting (a per-tag ``find_all("p")`` was quadratic).
    """
    tags = [root] + [t for t in root.descendants if isinstance(t, Tag)]
    chars: dict[int, int] = {}
    for tag in reversed(tags):  # children before their parents
        n = 0
        for child in tag.contents:
            if isinstance(child, Tag):
                n += chars[id(child)] + (len(child.get_text()) if child.name == "p" else 0)
        chars[id(tag)] = n
    return chars


def _preorder(root, remove) -> list:
    """Tags under ``root`` for which ``remove(tag)`` is true, outermost only, in document order.

    The subtree of a tag to remove is not visited (its tags go with it). Iterative: no recursion limit.
    """
    found, stack = [], list(reversed([c for c in root.contents if isinstance(c, Tag)]))
    while stack:
        tag = stack.pop()
        if remove(tag):
            found.append(tag)
            continue
        stack.extend(reversed([c for c in tag.contents if isinstance(c, Tag)]))
    return found


def _strip_boilerplate(root) -> None:
    """Remove boilerplate containers in place, keeping any that hold most of the page's paragraph text
    (a page wrapped in ``<div class="sidebar-1">`` keeps its article). Linear in the page size."""
    chars = _paragraph_chars(root)
    half = chars[id(root)] / 2

    def holds_article(tag) -> bool:
        return half > 0 and chars[id(tag)] >= half

    for tag in _preorder(root, lambda t: t.name in _DROP_TAG_NAMES and not holds_article(t)):
        tag.decompose()
    chars = _paragraph_chars(root)  # what is left: the boxes below are judged without the dropped tags
    for tag in _preorder(root, lambda t: _is_boilerplate(t) and not holds_article(t)):
        tag.decompose()
    chars = _paragraph_chars(root)
    links = _link_chars(root)
    for tag in _preorder(root, lambda t: _is_link_block(t, links) and not holds_article(t)):
        tag.decompose()


def _link_chars(root) -> dict[int, tuple[int, int, int]]:
    """(text characters, of them inside links, links) under each tag (by ``id``), whitespace not counted.

    One pass, bottom up, like ``_paragraph_chars``.
    """
    tags = [root] + [t for t in root.descendants if isinstance(t, Tag)]
    out: dict[int, tuple[int, int, int]] = {}
    for tag in reversed(tags):
        text = linked = count = 0
        for child in tag.contents:
            if isinstance(child, Tag):
                t, k, n = out[id(child)]
                text, linked, count = text + t, linked + k, count + n
            elif type(child) is NavigableString:
                text += len("".join(child.split()))
        if tag.name == "a":
            linked, count = text, count + 1
        out[id(tag)] = (text, linked, count)
    return out


def _is_link_block(tag, links: dict[int, tuple[int, int, int]]) -> bool:
    """A list, table or box of links, or an <article> that is one (a teaser card): nearly all its text is link text."""
    if tag.name not in _LINK_BLOCK_TAGS:
        return False
    text, linked, count = links[id(tag)]
    fewest = 1 if tag.name == "article" else LINK_BLOCK_MIN_LINKS  # a teaser card is one link
    return count >= fewest and text > 0 and linked >= LINK_BLOCK_SHARE * text


def _trafilatura_text(soup: BeautifulSoup, url: str | None) -> str:
    """trafilatura's text of the cleaned page, put in order by ``body_lines``."""
    cleaned = _cleaned_soup(soup)
    text = external.trafilatura_extract(str(cleaned), url).text
    root = cleaned.body or cleaned
    blocks, end = _blocks(root, _content_block(root))
    return "\n".join(body_lines([" ".join(line.split()) for line in text.split("\n") if line.strip()], blocks, end))


def body_lines(lines: list[str], blocks: list[tuple[str, bool]], end: int | None = None) -> list[str]:
    """``lines`` (an extracted body, in page order) set right against the page's blocks.

    - The subheadings between two kept lines are put back: trafilatura keeps subheadings (h2-h6) only when
      it recognises the body's container; under an unknown one ("noi-dung") it keeps the paragraphs alone.
    - Lines from blocks after the page's content block (``end``) go: a footer, a box of other news under
      the article ("Cơ quan chủ quản: ...") is not the article, whatever its class is called.
    - Headings closing the body go ("Tin cùng chuyên mục" over a list removed as links).
    Lines matching no block (text split by <br>) are kept as they are.
    lines (list[str]): the extracted paragraphs, whitespace collapsed.
    blocks (list[tuple[str, bool]]): the page's blocks in page order: (text, is a subheading).
    end (int | None): the index of the content block's last block (None: no cut).
    RETURNS (list[str]): the body's lines.
    """
    at: dict[str, list[int]] = {}
    for i, (block, _) in enumerate(blocks):
        at.setdefault(nfc(block), []).append(i)
    headings = {nfc(block) for block, heading in blocks if heading}
    out: list[str] = []
    last = -1
    for line in lines:
        places = at.get(nfc(line), [])
        k = bisect.bisect_right(places, last)
        if k < len(places):
            if end is not None and places[k] > end:
                continue
            if last >= 0:
                out.extend(block for block, heading in blocks[last + 1:places[k]] if heading)
            last = places[k]
        out.append(line)
    while out and nfc(out[-1]) in headings:
        out.pop()
    return out


def _content_block(root):
    """The smallest element holding nearly all (``CONTENT_BLOCK_SHARE``) of the page's paragraph text."""
    chars = _paragraph_chars(root)
    total, node = chars[id(root)], root
    while total > 0:
        best = max((c for c in node.contents if isinstance(c, Tag)), key=lambda c: chars[id(c)], default=None)
        if best is None or chars[id(best)] < CONTENT_BLOCK_SHARE * total:
            break
        node = best
    return node


def _blocks(root, content) -> tuple[list[tuple[str, bool]], int | None]:
    """((text, is a subheading) of each innermost block (p, h2-h6, li, ...) under ``root`` in page order,
    the index of the last one inside ``content``, None when it holds none or is ``root``)."""
    found, end = [], None
    inside = {id(t) for t in content.find_all(P.BLOCKS)} if content is not root else set()
    for tag in root.find_all(P.BLOCKS):
        if tag.find(P.BLOCKS) is None:
            text = P.text_of(tag)
            if text:
                found.append((text, tag.name in _SUBHEADINGS))
                if id(tag) in inside:
                    end = len(found) - 1
    return found, end


def _cleaned_html(soup: BeautifulSoup) -> str:
    """The page without boilerplate boxes, captions and bylines: what trafilatura is given."""
    return str(_cleaned_soup(soup))


def _cleaned_soup(soup: BeautifulSoup) -> BeautifulSoup:
    """A copy of the page without boilerplate boxes, captions and bylines."""
    copy = BeautifulSoup(str(soup), "lxml")
    _strip_boilerplate(copy)
    for tag in copy.select(_CAPTIONS):
        tag.decompose()
    for tag in _bylines(copy):
        tag.decompose()
    return copy


def _bylines(soup: BeautifulSoup) -> list:
    """Right-aligned short paragraphs: the writer's name closing a body."""
    return [tag for tag in soup.select(_BYLINES)
            if 0 < len(P.text_of(tag).split()) <= BYLINE_MAX_WORDS and not P.text_of(tag).endswith((".", ":"))]


def _main_container(soup: BeautifulSoup):
    """The <article> or <main> holding most of the page's paragraph text, else the <body>.

    Not simply the first <article>: listings of other stories mark each teaser card as one.
    """
    body = soup.body or soup
    chars = _paragraph_chars(body)
    best = max(body.find_all(("article", "main")), key=lambda t: chars[id(t)], default=None)
    return best if best is not None and chars[id(best)] * 2 >= chars[id(body)] > 0 else body


def _baseline(soup: BeautifulSoup) -> list[str]:
    copy = BeautifulSoup(str(_main_container(soup)), "lxml")
    _strip_boilerplate(copy)
    return [p for p in P.paragraphs(copy.body or copy) if len(p) > 20]


def _title(soup: BeautifulSoup, meta: dict, ld: dict) -> str | None:
    """The headline: the page's h1 when a title the page declares (og:title, JSON-LD, <title>) says the same;
    else og:title or the JSON-LD headline without the site's name; else a <title> that had the site's name
    after it; else the h1; else the <title>. An h1 that is a link or an image (the logo) is never the headline."""
    site = meta.get("og:site_name")
    declared = [_strip_site_name(P.unescape(v), site) for v in (meta.get("og:title"), ld.get("headline"))
                if isinstance(v, str) and v.strip()]
    declared = [v for v in declared if v and not (site and v.lower() == site.strip().lower())]
    raw_title = P.first_text(soup, "title")
    page_title = _strip_site_name(raw_title, site, guess=True)
    h1s = [P.text_of(h1) for h1 in soup.find_all("h1", limit=5) if not _is_logo(h1)]
    h1s = [text for text in h1s if text]
    for text in h1s:
        if any(_same_headline(text, v) for v in declared + ([page_title] if page_title else [])):
            return text
    if declared:
        return declared[0]
    if page_title and page_title != raw_title:  # "Headline - Site": the page's own title, not the site's
        return page_title
    return h1s[0] if h1s else page_title


def _is_logo(h1: Tag) -> bool:
    """An h1 that is a link (to the home page) or an image: the site's logo, not the headline."""
    text = P.text_of(h1)
    links = " ".join(P.text_of(a) for a in h1.find_all("a"))
    return (not text and h1.find("img") is not None) or (bool(text) and links == text)


def _same_headline(a: str, b: str) -> bool:
    """True when two headlines share most of their words (word order and a word or two aside)."""
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(wa and wb) and len(wa & wb) >= TITLE_MIN_SHARED_WORDS * max(len(wa), len(wb))


def _strip_site_name(title: str | None, site: str | None = None, guess: bool = False) -> str | None:
    """The title without the site's name after a separator ("Tiêu đề - Báo Mẫu", "Tiêu đề | Báo Mẫu").

    site (str | None): the site's declared name (og:site_name); a suffix or prefix naming it goes.
    guess (bool): also cut a short last part after " - " or " | " (for <title>, which nearly always carries
        the site's name).
    """
    if not title:
        return None
    title = title.strip()
    if site and site.strip() and title.lower() != site.strip().lower():
        name = re.escape(site.strip())
        title = re.sub(rf"\s*[{_TITLE_SEPARATORS}]\s*{name}\s*$|^\s*{name}\s*[{_TITLE_SEPARATORS}]\s*", "",
                       title, flags=re.I).strip() or title
    if guess:
        title = re.split(r"\s+[|–—-]\s+(?=[^|–—-]{2,40}$)", title)[0].strip()
    return title


def _published(soup: BeautifulSoup, meta: dict, ld: dict) -> str | None:
    for value in (meta.get("article:published_time"), meta.get("pubdate"), meta.get("datePublished"),
                  meta.get("publishdate"), meta.get("date"), meta.get("dc.date.issued"), ld.get("datePublished")):
        if isinstance(value, str) and P.iso_datetime(value):
            return value
    # A visible date with a time wins over a bare day: headers print today's date on every page.
    day_only = None
    for group in _DATES:
        for tag in soup.select(group)[:40]:
            for value in (tag.get("datetime"), tag.get("content"), P.text_of(tag)):
                iso = P.iso_datetime(value) if value and len(value) < 80 else None
                if iso and "T" in iso:
                    return value
                day_only = day_only or (value if iso else None)
    return _date_near_title(soup) or day_only


def _date_near_title(soup: BeautifulSoup) -> str | None:
    """A date written in the headline's block (bylines like "Đăng lúc 08:30 ngày 12/05/2024")."""
    h1 = soup.find("h1")
    node = h1.parent if h1 is not None else None
    for _ in range(2):
        if node is None:
            break
        m = _VISIBLE_DATE.search(P.text_of(node)[:600])
        if m and P.iso_datetime(m.group(0)):
            return m.group(0)
        node = node.parent
    return None


def _author(soup: BeautifulSoup, meta: dict, ld: dict) -> str | None:
    bylines = _bylines(soup)
    candidates = [P.ld_author(ld) if _ld_person(ld) else None, P.first_text(soup, _AUTHORS),
                  P.text_of(bylines[-1]) if bylines else None, meta.get("author"), meta.get("article:author")]
    for value in candidates:
        name = P.clean_author(value)
        if name and not _ORG_AUTHOR.search(name):
            return name
    return None


def _ld_person(ld: dict) -> bool:
    author = ld.get("author")
    first = author[0] if isinstance(author, list) and author else author
    return not (isinstance(first, dict) and first.get("@type") == "Organization")


def _lead(soup: BeautifulSoup, meta: dict) -> str | None:
    """The first element styled as a lead that reads like one: a sentence or two, not a link list."""
    for tag in soup.select(_LEADS):
        if tag.name not in _LEAD_TAGS or tag.find_parent(("a", "nav", "header", "footer", "aside")) is not None:
            continue
        text = P.text_of(tag)
        if not (LEAD_MIN_CHARS <= len(text) <= LEAD_MAX_CHARS) or len(tag.find_all("p")) > 2:
            continue
        if sum(len(P.text_of(a)) for a in tag.find_all("a")) * 2 > len(text):
            continue
        return P.strip_agency(text)
    return None


def _captions(soup: BeautifulSoup) -> list[str]:
    root = _main_container(soup)
    return [c for c in P.captions(root, _CAPTIONS) if len(c) < 600]
