"""The crawl state database (SQLite): every URL seen, its validators, outcome and raw page.

One row per canonical URL. Raw pages are kept zlib-compressed so that
``vnie reprocess`` can re-extract every article after a rule change without
touching the network (``CrawlState(path).iter_pages()``).
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,        -- canonical form of the URL asked for
    kind TEXT NOT NULL,          -- article, listing, feed, sitemap, robots, entry
    source TEXT,                 -- the site key or host
    outcome TEXT NOT NULL,       -- new, updated, unchanged, duplicate, rejected, refused, gone, old, failed, skipped
    status INTEGER,              -- last HTTP status
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,           -- of the extracted article (or of the raw page for discovery pages)
    article_url TEXT,            -- the URL the article is stored under (rel=canonical honoured)
    fetched_at TEXT,             -- ISO UTC of the last full fetch
    checked_at TEXT,             -- ISO UTC of the last request (a 304 counts)
    error TEXT,
    body BLOB                    -- the raw page, zlib-compressed UTF-8
);
CREATE INDEX IF NOT EXISTS pages_hash ON pages(content_hash);
CREATE INDEX IF NOT EXISTS pages_article_url ON pages(article_url);
"""


@dataclass(frozen=True)
class PageRecord:
    """One row of the state, without the body."""

    url: str
    kind: str
    source: str | None
    outcome: str
    status: int | None
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    article_url: str | None
    fetched_at: str | None
    checked_at: str | None
    error: str | None

    @property
    def landed(self) -> bool:
        """True for an article page stored with its body (new, updated or unchanged since)."""
        return self.kind == "article" and self.outcome in ("new", "updated", "unchanged")


_COLUMNS = ("url", "kind", "source", "outcome", "status", "etag", "last_modified", "content_hash", "article_url",
            "fetched_at", "checked_at", "error")


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class CrawlState:
    """The state store at ``path`` (created with its folder if missing)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def __enter__(self) -> "CrawlState":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str) -> PageRecord | None:
        """The row of ``url`` (canonical form), or None if it was never seen."""
        row = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM pages WHERE url = ?", (url,)).fetchone()
        return PageRecord(*row) if row else None

    def body(self, url: str) -> str | None:
        """The stored raw page of ``url``, or None."""
        row = self.db.execute("SELECT body FROM pages WHERE url = ?", (url,)).fetchone()
        return _unpack(row[0]) if row and row[0] is not None else None

    def landed_with_hash(self, content_hash: str, other_than: str) -> str | None:
        """The article URL of another landed page with the same content, or None."""
        row = self.db.execute(
            "SELECT article_url FROM pages WHERE content_hash = ? AND kind = 'article' AND url != ? "
            "AND outcome IN ('new', 'updated', 'unchanged') LIMIT 1", (content_hash, other_than)).fetchone()
        return row[0] if row else None

    def article_landed(self, article_url: str, other_than: str) -> bool:
        """True if another page already landed the article stored under ``article_url``."""
        row = self.db.execute(
            "SELECT 1 FROM pages WHERE article_url = ? AND kind = 'article' AND url != ? "
            "AND outcome IN ('new', 'updated', 'unchanged') LIMIT 1", (article_url, other_than)).fetchone()
        return row is not None

    def record(self, url: str, kind: str, source: str | None, outcome: str, *, status: int | None = None,
               etag: str | None = None, last_modified: str | None = None, content_hash: str | None = None,
               article_url: str | None = None, error: str | None = None, html: str | None = None,
               fetched: bool = False, checked: bool = True) -> None:
        """Insert or update the row of ``url``; fields given as None keep their stored value."""
        stamp = now_iso()
        values = {"kind": kind, "source": source, "outcome": outcome, "status": status, "etag": etag,
                  "last_modified": last_modified, "content_hash": content_hash, "article_url": article_url,
                  "error": error, "fetched_at": stamp if fetched else None,
                  "checked_at": stamp if checked else None,
                  "body": _pack(html) if html is not None else None}
        keep = [k for k in values if values[k] is None and k != "error"]
        self.db.execute("INSERT OR IGNORE INTO pages (url, kind, outcome) VALUES (?, ?, ?)", (url, kind, outcome))
        sets = [k for k in values if k not in keep]
        self.db.execute(f"UPDATE pages SET {', '.join(f'{k} = ?' for k in sets)} WHERE url = ?",
                        [values[k] for k in sets] + [url])
        self.db.commit()

    def iter_pages(self) -> Iterator[tuple[str, str, str, str]]:
        """(url, html, fetched_at, source) of every landed article page, once per article.

        url is the URL the article is stored under (rel=canonical honoured), so
        re-extracting gives the same ``article_id``.
        """
        seen: set[str] = set()
        rows = self.db.execute(
            "SELECT url, article_url, fetched_at, source, body FROM pages WHERE kind = 'article' "
            "AND outcome IN ('new', 'updated', 'unchanged') AND body IS NOT NULL ORDER BY fetched_at, url")
        for url, article_url, fetched_at, source, body in rows:
            key = article_url or url
            if key in seen:
                continue
            seen.add(key)
            yield key, _unpack(body), fetched_at, source

    def counts(self) -> dict[str, int]:
        """Rows per (kind:outcome), for status reports."""
        return {f"{k}:{o}": n for k, o, n in
                self.db.execute("SELECT kind, outcome, COUNT(*) FROM pages GROUP BY kind, outcome")}


def _pack(html: str) -> bytes:
    return zlib.compress(html.encode("utf-8"), 6)


def _unpack(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")
