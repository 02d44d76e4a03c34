"""The article: what every reader returns and every later stage reads."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from pipeline.textnorm import nfc

VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


class InputError(Exception):
    """A bad input: names the file (and line) and the cause."""

    def __init__(self, source: str, cause: str, line: int | None = None):
        self.source, self.cause, self.line = source, cause, line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {cause}")

    def __reduce__(self):  # picklable, so errors travel back from Dask workers
        return (InputError, (self.source, self.cause, self.line))


@dataclass(frozen=True)
class Article:
    """One article as read. ``text`` is the cleaned body every offset points into.

    source (str): the input path or URL.
    text (str): NFC body text; photo captions, when the page marks them, follow
        the body from ``captions_start`` on, one paragraph each.
    title, url, author (str | None): as the input gives them.
    published (str | None): ISO at the precision known (2025, 2025-07, 2025-07-26, datetime).
    published_at (datetime | None): the publication time when a day is known.
    reader (str): which reader or HTML stage produced the text.
    """

    source: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    published_at: datetime | None = None
    author: str | None = None
    captions_start: int | None = None
    reader: str = "txt"
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def article_id(self) -> str:
        """Stable id: from the URL when there is one, else from the text."""
        basis = f"url:{self.url}" if self.url else f"text:{self.text}"
        return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]

    @classmethod
    def from_row(cls, row: dict) -> "Article":
        """The article of a stored ``articles`` row (a column an older schema lacks is None)."""
        return cls(**{k: row.get(k) for k in STORED_FIELDS if k != "reader"}, reader=row.get("reader") or "stored")


# The ``articles`` columns an Article is rebuilt from (``vnie reprocess``, a damaged month re-extracted).
STORED_FIELDS = ("source", "text", "title", "url", "published", "published_at", "author", "captions_start", "reader")


def with_captions(body: str, captions: list[str]) -> tuple[str, int | None]:
    """The body with the captions appended as paragraphs, and where they start."""
    body = body.rstrip()
    captions = [c.strip() for c in captions if c and c.strip()]
    if not captions:
        return body, None
    start = len(body) + 2
    return body + "\n\n" + "\n\n".join(captions), start


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_VN_DT = re.compile(
    r"(?:(\d{1,2})[:hg](\d{2})\s*(?:\(GMT[+]7\)|GMT\+7)?[\s,|-]*)?"
    r"(?:[^\d]{0,12})?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
    r"(?:\s*[,|-]?\s*(\d{1,2})[:hg](\d{2}))?"
)


def parse_published(value: str | None) -> tuple[str | None, datetime | None]:
    """(published ISO string at its precision, aware datetime or None).

    Accepts ISO dates and datetimes (``2025``, ``2025-07``, ``2025-07-26``,
    ``2024-03-12T09:05:00+07:00``) and Vietnamese forms (``09:05 12/03/2024``,
    ``12/03/2024 09:05``, ``Thứ ba, 12/3/2024, 09:05 (GMT+7)``).
    Times without a zone are Asia/Ho_Chi_Minh.
    """
    if not value or not value.strip():
        return None, None
    value = nfc(value.strip())
    m = _ISO.match(value)
    if m:
        y, mo, d = m.groups()
        return value, None  # a day without a time is not a point in time
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        dt = None
    if dt is not None:
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=VN_TZ)
        return dt.isoformat(), dt
    m = _VN_DT.search(value)
    if m:
        h1, mi1, d, mo, y, h2, mi2 = m.groups()
        hour, minute = (h1, mi1) if h1 else (h2, mi2)
        try:
            if hour is None:
                return datetime(int(y), int(mo), int(d)).date().isoformat(), None
            dt = datetime(int(y), int(mo), int(d), int(hour), int(minute), tzinfo=VN_TZ)
            return dt.isoformat(), dt
        except ValueError:
            return None, None
    return None, None
