"""Explicit Arrow schemas: one per table, the contract's columns first."""

from __future__ import annotations

import pyarrow as pa

from pipeline.schema_names import SCHEMA_VERSION  # noqa: F401 - the version and its history (no pyarrow there)
from pipeline.schema_names import TABLES as _NAMES

TZ = "Asia/Ho_Chi_Minh"

_PROVENANCE = [
    pa.field("sentence", pa.int32()),       # index of the sentence in the article's Doc
    pa.field("start", pa.int32()),          # character offsets into articles.text
    pa.field("end", pa.int32()),
    pa.field("evidence", pa.string()),      # the sentence text
]

def _SPAN(name: str) -> pa.DataType:
    """A value seen over time: (value, first_seen, last_seen) publication days."""
    return pa.struct([pa.field(name, pa.string()), pa.field("first_seen", pa.string()),
                      pa.field("last_seen", pa.string())])


SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("source", pa.string()),
        pa.field("url", pa.string()),
        pa.field("title", pa.string()),
        pa.field("published", pa.string()),
        pa.field("published_at", pa.timestamp("us", tz=TZ)),
        pa.field("text", pa.string()),
        pa.field("body_end", pa.int32()),        # where the body ends; after it: bylines, related news
        pa.field("captions_start", pa.int32()),  # where appended photo captions start, if any
        pa.field("author", pa.string()),
        pa.field("reader", pa.string()),         # reader / HTML stage that produced the text
        pa.field("n_sentences", pa.int32()),
    ]),
    "officials": pa.schema([
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("person_id", pa.string()),
        pa.field("name", pa.string()),
        pa.field("rank", pa.string()),
        pa.field("titles", pa.list_(pa.string())),
        pa.field("organizations", pa.list_(pa.string())),
        pa.field("province", pa.string()),       # the top unit's province, post-2025 name (as events.province)
        *_PROVENANCE,
    ]),
    "mentions": pa.schema([
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("label", pa.string()),
        pa.field("text", pa.string()),
        pa.field("norm", pa.string()),           # canonical value: full rank, province, ISO date ...
        pa.field("method", pa.string()),
        *_PROVENANCE,
    ]),
    "events": pa.schema([
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("event_id", pa.string()),
        pa.field("event_type", pa.string()),
        pa.field("name", pa.string()),
        pa.field("event_date", pa.date32()),
        pa.field("province", pa.string()),
        pa.field("ward", pa.string()),
        pa.field("participants", pa.list_(pa.string())),
        pa.field("parent_event_id", pa.string()),  # the main event a sub-event belongs to
        pa.field("trigger", pa.string()),
        *_PROVENANCE,
        pa.field("story_id", pa.string()),         # one real event told by several articles shares it (pipeline/linking)
    ]),
    "counts": pa.schema([
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("value", pa.float64()),
        pa.field("unit", pa.string()),
        pa.field("category", pa.string()),
        pa.field("kind", pa.string()),              # total, change (against another period), part (43 of 43/49)
        pa.field("approximate", pa.bool_()),
        pa.field("event_id", pa.string()),
        pa.field("award", pa.string()),
        pa.field("text", pa.string()),
        *_PROVENANCE,
    ]),
    "dates": pa.schema([
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("text", pa.string()),
        pa.field("value", pa.string()),
        pa.field("granularity", pa.string()),
        pa.field("part_of_day", pa.string()),
        *_PROVENANCE,
    ]),
    "persons": pa.schema([
        pa.field("person_id", pa.string(), nullable=False),
        pa.field("name", pa.string()),
        pa.field("latest_rank", pa.string()),
        pa.field("positions", pa.list_(pa.string())),
        pa.field("n_articles", pa.int32()),
        pa.field("first_seen", pa.string()),     # publication date (ISO, its precision) of the first article
        pa.field("last_seen", pa.string()),
        # the career (pipeline/linking/persons.py): each value with the first and last publication day seen
        pa.field("names", pa.list_(pa.string())),            # the name as written (variants)
        pa.field("ranks", pa.list_(_SPAN("rank"))),
        pa.field("titles", pa.list_(_SPAN("title"))),
        pa.field("units", pa.list_(_SPAN("unit"))),
        pa.field("provinces", pa.list_(pa.string())),
        pa.field("article_ids", pa.list_(pa.string())),
        pa.field("n_stories", pa.int32()),
    ]),
    "stories": pa.schema([                       # one real event across articles (pipeline/linking/stories.py)
        pa.field("story_id", pa.string(), nullable=False),
        pa.field("event_type", pa.string()),
        pa.field("event_date", pa.date32()),
        pa.field("province", pa.string()),
        pa.field("ward", pa.string()),
        pa.field("name", pa.string()),
        pa.field("n_articles", pa.int32()),
        pa.field("article_ids", pa.list_(pa.string())),      # earliest published first
        pa.field("n_outlets", pa.int32()),
        pa.field("outlets", pa.list_(pa.string())),          # URL hosts (else the source's folder)
        pa.field("first_published", pa.string()),
        pa.field("last_published", pa.string()),
        pa.field("participants", pa.list_(pa.string())),     # person_ids
        pa.field("event_ids", pa.list_(pa.string())),
    ]),
}

TABLES = tuple(SCHEMAS)  # the one list of tables; everything else derives from it
if TABLES != _NAMES:   # a run with nothing new names the tables without importing this module
    raise ImportError(f"pipeline/schema_names.py TABLES {_NAMES} must be the tables of SCHEMAS, {TABLES}")
ARTICLE_TABLES = tuple(name for name in TABLES if name != "persons")  # rows per article; persons spans articles
