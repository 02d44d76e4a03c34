"""What a dataset table looks like: its Arrow schema with the batch columns, and its month partitions.

Shared by the datasets (``pipeline/batch/datasets.py``) and the linking tables
(``pipeline/linking/dataset.py``), so neither imports the other for it.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.schema_names import SCHEMA_VERSION

# pyarrow (and the schemas) are imported when a schema is asked for: a run with nothing new never is.

PARTITION = "month"
UNKNOWN_MONTH = "unknown"


def extra_fields() -> list:
    """The batch columns every dataset table adds to its schema."""
    import pyarrow as pa

    return [
        pa.field("pipeline_version", pa.string()),            # the vnie version and code digest that made the row
        pa.field("processed_at", pa.timestamp("us", tz="UTC")),  # when the batch that wrote the row ran
    ]


@lru_cache(maxsize=None)   # a schema is immutable: made once per table
def dataset_schema(name: str) -> pa.Schema:
    """The Arrow schema of a dataset table: the table's schema plus the batch columns.

    name (str): a table of ``pipeline.schemas.SCHEMAS``.
    RETURNS (pa.Schema): with ``pipeline_version``, ``processed_at`` (and, for
        ``articles``, ``content_hash``) appended and ``vnie.schema_version`` metadata.
    """
    import pyarrow as pa

    from pipeline.schemas import SCHEMAS

    extra = extra_fields()
    if name == "articles":
        extra.insert(0, pa.field("content_hash", pa.string()))  # decides "unchanged" on the next run
    return pa.schema(list(SCHEMAS[name]) + extra, metadata={
        b"vnie.schema_version": str(SCHEMA_VERSION).encode(), b"vnie.table": name.encode()})


def month_of(published: str | None) -> str:
    """The partition of an article: ``YYYY-MM``, ``YYYY-00`` (year only) or ``unknown``.

    published (str | None): the article's ISO publication string at its precision.
    RETURNS (str): never all digits, so readers always infer a string partition.
    """
    if published and len(published) >= 7 and published[:4].isdigit() and published[5:7].isdigit():
        return published[:7]
    if published and len(published) >= 4 and published[:4].isdigit():
        return f"{published[:4]}-00"
    return UNKNOWN_MONTH
