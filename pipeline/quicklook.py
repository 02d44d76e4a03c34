"""Quick looks at extracted rows, as trafilatura users expect: JSON Lines or CSV on stdout or in a file."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

ROW_TABLES = ("officials", "events", "counts", "dates")
CSV_DEFAULT_TABLE = "officials"
DROPPED = ("evidence",)     # the sentence: long, and it is in the article's text


def write_quicklook(tables: dict[str, list[dict]], fmt: str, table: str | None, output: Path | None) -> None:
    """Write the rows as ``fmt`` (jsonl or csv) to ``output``, or stdout when None.

    tables (dict[str, list[dict]]): rows per table, as extraction returns them.
    fmt (str): "jsonl": one line per article with its rows (or per row of ``table``); "csv": the rows of
        ``table`` (default officials), lists joined with "; ".
    table (str | None): only this table.
    output (Path | None): the file to write. Defaults to stdout.
    """
    if output is None:
        _write(tables, fmt, table, sys.stdout)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", encoding="utf-8", newline="") as fh:
        _write(tables, fmt, table, fh)


def _write(tables: dict[str, list[dict]], fmt: str, table: str | None, fh: TextIO) -> None:
    if fmt == "jsonl":
        lines = [_clean(r) for r in tables.get(table, [])] if table else articles_with_rows(tables)
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False, default=_iso) + "\n")
        return
    rows = [_clean(r) for r in tables.get(table or CSV_DEFAULT_TABLE, [])]
    columns = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _flat(v) for k, v in row.items()})


def articles_with_rows(tables: dict[str, list[dict]]) -> list[dict]:
    """One record per article: its metadata and text, then its officials, events, counts and dates."""
    out = []
    for art in tables.get("articles", []):
        record = {k: v for k, v in art.items() if v is not None}
        for name in ROW_TABLES:
            record[name] = [{k: v for k, v in _clean(r).items() if k != "article_id"}
                            for r in tables.get(name, []) if r.get("article_id") == art["article_id"]]
        out.append(record)
    return out


def _clean(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in DROPPED}


def _flat(value):
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return "" if value is None else value


def _iso(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
