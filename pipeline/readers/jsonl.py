"""JSON Lines: one article a line, {"url", "title", "text" | "html", "published"}."""

from __future__ import annotations

import json
from collections.abc import Iterator

from pipeline.article import Article, InputError, parse_published
from pipeline.readers.decoding import unicode_problem
from pipeline.settings import reader_options
from pipeline.textnorm import nfc


def read_jsonl(text: str, source: str) -> Iterator[Article | InputError]:
    """Each line's article, or an ``InputError`` naming the file and line; never raises."""
    opts = reader_options()
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            problem = unicode_problem(obj, "line")
            if problem:
                raise InputError(source, problem)
            yield _article(obj, source, number, opts.max_text_chars)
        except json.JSONDecodeError as exc:
            yield InputError(source, f"not JSON ({exc.msg} at column {exc.colno})", line=number)
        except InputError as exc:
            yield InputError(source, exc.cause, line=number)


def _article(obj: object, source: str, number: int, max_chars: int) -> Article:
    if not isinstance(obj, dict):
        raise InputError(source, "line is not a JSON object")
    url = _str(obj.get("url"))
    where = url or f"{source}:{number}"
    published, published_at = parse_published(_str(obj.get("published")))
    text, html = _str(obj.get("text")), _str(obj.get("html"))
    if text and text.strip():
        if len(text) > max_chars:
            raise InputError(source, f"text too long ({len(text):,} chars > {max_chars:,} limit)")
        return Article(source=where, text=nfc(text).strip(), title=_str(obj.get("title")), url=url,
                       published=published, published_at=published_at, reader="jsonl")
    if html and html.strip():
        from pipeline.readers.html import read_html   # BeautifulSoup, lxml, the site parsers: for HTML lines only

        art = read_html(html, source=where, url=url)
        return Article(source=where, text=art.text, title=_str(obj.get("title")) or art.title, url=url,
                       published=published or art.published,
                       published_at=published_at if published else art.published_at,
                       author=art.author, captions_start=art.captions_start, reader=art.reader)
    raise InputError(source, "no \"text\" or \"html\" field with content")


def _str(value: object) -> str | None:
    return nfc(value) if isinstance(value, str) and value.strip() else None
