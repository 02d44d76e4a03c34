"""The only module that calls trafilatura and htmldate. Failures log and return empty."""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Extracted:
    """What trafilatura found: main text (paragraphs on their own lines) and metadata."""

    text: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None


def trafilatura_extract(html: str, url: str | None) -> Extracted:
    """Main text and metadata by trafilatura; an empty ``Extracted`` if it fails."""
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, deduplicate=False, favor_precision=False, as_dict=False,
        )
    except Exception as exc:  # noqa: BLE001 - a third-party failure must not stop the run
        log.warning("trafilatura failed on %s: %s", url or "<html>", exc)
        return Extracted()
    if doc is None:
        return Extracted()
    return Extracted(text=doc.text or "", title=doc.title, author=doc.author, date=doc.date)


def htmldate_find(html: str, url: str | None) -> str | None:
    """The original publication day by htmldate (``YYYY-MM-DD``), the last resort for a date.

    Only the day: htmldate reports midnight when a page gives no time, and a
    made-up midnight would pass for a real publication time.
    """
    try:
        from htmldate import find_date

        return find_date(html, url=url, original_date=True, outputformat="%Y-%m-%d", extensive_search=False)
    except Exception as exc:  # noqa: BLE001
        log.warning("htmldate failed on %s: %s", url or "<html>", exc)
        return None
