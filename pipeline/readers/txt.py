"""Plain-text articles: optional ` date` header, title line, publication line, body."""

from __future__ import annotations

import re

from pipeline.article import Article, InputError, parse_published
from pipeline.settings import reader_options

# " date 2023-08" or " date 2025-07-26", possibly followed by the title on the same line.
_DATE_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*(.*)$")
# A short line holding a time and a full date ("09:05 12/03/2024", "16:11, 20/03/2012",
# "Thứ hai, 20/03/2012 - 16:11 (GMT+7)"): the publication time.
_PUBLISHED_LINE = re.compile(
    r"^[^\n]{0,20}?(?:\d{1,2}[:h]\d{2}[\s,|-]+\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4}[\s,|-]+\d{1,2}[:h]\d{2})"
    r"[^\n]{0,16}$"
)
# A line holding only a day ("20/08/2023", "Thứ Hai, 20/08/2023"): the publication day.
_PUBLISHED_DAY = re.compile(r"^\s*(?:(?:Thứ\s+\w+|Chủ\s+nhật)\s*,?\s*)?\d{1,2}/\d{1,2}/\d{4}\s*$", re.I)
# Where a lead starts after the title on the same line: a dateline of the paper
# or agency in capitals or parentheses, then a dash ("ĐNO - Tối 14/8, ...",
# "(Ngày Nay) - Chiều 18/8/2025, ...", "VOV.VN - Cơ quan ...").
_DATELINE = re.compile(r"(?:^|\s)(\([^()\n]{2,30}\)|[A-ZĐ][A-ZĐ0-9.]{1,15})\s*[-–—]\s*(?=[A-ZĐÀ-Ỹ])")
# A publication time left at the end of a title line ("Tiêu đề ... 03/03/2026 18:02").
_TRAILING_STAMP = re.compile(
    r"\s+(\d{1,2}[:h]\d{2}[\s,|-]+\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4}[\s,|-]+\d{1,2}[:h]\d{2})\s*$")
_SENTENCE_END = ".!?…:;"


def read_txt(text: str, source: str) -> Article:
    """Split a plain-text article into its header fields and body.

    text (str): the decoded NFC file content.
    source (str): the path, kept in ``articles.source``.
    RETURNS (Article): with ``published`` from the header or publication line.
    """
    opts = reader_options()
    lines = text.split("\n")
    published, published_at, title = None, None, None

    first = _first_nonblank(lines, 0)
    if first is not None and (m := _DATE_HEADER.match(lines[first])):
        published, _ = parse_published(m.group(1))
        title, lines[first] = _split_header_rest(m.group(2).strip(), opts.title_max_chars)
        if title and (stamp := _TRAILING_STAMP.search(title)):
            stamp_published, stamp_at = parse_published(stamp.group(1))
            if stamp_at is not None and (published is None or stamp_published.startswith(published)):
                published, published_at, title = stamp_published, stamp_at, title[: stamp.start()]

    for i in _nonblank_indices(lines)[: opts.published_scan_lines]:
        if _PUBLISHED_LINE.match(lines[i]):
            published, published_at = parse_published(lines[i])
            lines[i] = ""
            break
        if _PUBLISHED_DAY.match(lines[i]):
            day, _ = parse_published(lines[i])
            if day and (published is None or day.startswith(published)):
                published = day
                lines[i] = ""
                break

    if title is None:
        first = _first_nonblank(lines, 0)
        if first is not None and _looks_like_title(lines, first, opts.title_max_chars):
            title = lines[first].strip()
            lines[first] = ""

    body = "\n".join(lines).strip()
    if not body:
        raise InputError(source, "no body text")
    if len(body) > opts.max_text_chars:
        raise InputError(source, f"text too long ({len(body):,} chars > {opts.max_text_chars:,} limit)")
    return Article(source=source, text=body, title=title, published=published,
                   published_at=published_at, reader="txt")


def _split_header_rest(rest: str, max_chars: int) -> tuple[str | None, str]:
    """(title, body text) of what follows the ` date` header on its line.

    Scrapes put there a title, a title and the lead joined by a dateline
    ("Title ĐNO - Lead ..."), or the first body sentence itself.
    """
    if not rest:
        return None, ""
    m = _DATELINE.search(rest)
    if m and m.start() > 0:
        return rest[: m.start()].strip() or None, rest[m.end():]
    if len(rest) <= max_chars and rest[-1] not in _SENTENCE_END:
        return rest, ""
    return None, rest


def _nonblank_indices(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.strip()]


def _first_nonblank(lines: list[str], start: int) -> int | None:
    return next((i for i in range(start, len(lines)) if lines[i].strip()), None)


def _looks_like_title(lines: list[str], i: int, max_chars: int) -> bool:
    """A short first line without a closing full stop, with body text after it."""
    line = lines[i].strip()
    rest = _first_nonblank(lines, i + 1)
    return (
        rest is not None
        and len(line) <= max_chars
        and line[-1] not in _SENTENCE_END
        and len(line.split()) >= 3
    )
