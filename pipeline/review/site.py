"""The review site: the tables of an output folder as static HTML pages (Jinja2, autoescaped),
one per article with every extracted span highlighted, and an index to filter them."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from pipeline import schemas
from pipeline.review.spans import KIND_OF_LABEL, KIND_OF_TABLE, LEGEND, Span, parts

log = logging.getLogger(__name__)

TABLES = tuple(t for t in schemas.TABLES if t not in ("persons", "stories"))   # the tables with rows per article
ROW_TABLES = ("officials", "events", "counts", "dates")
# Columns shown first, in this order, when the table has them; any other column is shown after them
# (so columns added later appear without a change here) unless it is bookkeeping listed in HIDDEN.
SHOWN = {
    "officials": ("name", "rank", "titles", "organizations", "province"),
    "events": ("event_type", "name", "event_date", "province", "ward", "trigger", "participants", "story_id",
               "parent_event_id"),
    "counts": ("value", "unit", "category", "kind", "approximate", "award", "event_id"),
    "dates": ("text", "value", "granularity", "part_of_day"),
}
HIDDEN = {"article_id", "sentence", "start", "end", "evidence", "pipeline_version", "processed_at", "month",
          "person_id", "event_id@events", "text@counts"}


GENERATOR = '<meta name="generator" content="vnie review">'   # marks the pages this module wrote


class ReviewError(Exception):
    """Nothing to review: no articles table, or none of the requested articles."""


@dataclass
class ReviewReport:
    """What was written: the index and one page per article."""

    index: Path
    pages: int


def read_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    """Every table of ``out_dir`` (``<name>.parquet`` or a dataset folder); missing ones are empty."""
    from pipeline.storage import read_table

    tables = {}
    for name in TABLES:
        try:
            tables[name] = read_table(out_dir, name)
        except Exception as exc:  # noqa: BLE001 - a damaged table shows as empty, named in the log
            log.warning("cannot read table %s of %s: %s", name, out_dir, exc)
            tables[name] = pd.DataFrame()
    return tables


def build_review(out_dir: Path, to_dir: Path, article_ids: Iterable[str] | None = None,
                 missing_ok: bool = False) -> ReviewReport:
    """Write the review site of the articles in ``out_dir`` into ``to_dir``.

    out_dir (Path): an output folder of ``vnie extract`` or ``vnie run``.
    to_dir (Path): where ``index.html`` and ``articles/<id>.html`` go (created if missing).
    article_ids (Iterable[str] | None): only these articles. Defaults to all.
    missing_ok (bool): leave out requested articles that are not there instead of raising.
    RETURNS (ReviewReport): the index path and the number of article pages.
    """
    tables = read_tables(Path(out_dir))
    articles = tables["articles"]
    if articles.empty or "article_id" not in articles:
        raise ReviewError(f"no articles in {out_dir}: run `vnie extract` or `vnie run` into it first")
    if article_ids is not None:
        wanted = list(dict.fromkeys(article_ids))
        missing = [a for a in wanted if a not in set(articles["article_id"])]
        if missing and not (missing_ok and len(missing) < len(wanted)):
            raise ReviewError(f"no article {', '.join(missing)} in {out_dir}")
        articles = articles[articles["article_id"].isin(wanted)]
    articles = articles.drop_duplicates("article_id").sort_values(
        ["published", "article_id"], na_position="first", key=lambda s: s.astype("string"))
    by_article = {name: _group(tables[name]) for name in TABLES[1:]}
    env = _environment()
    to_dir = Path(to_dir)
    (to_dir / "articles").mkdir(parents=True, exist_ok=True)
    entries = []
    records = articles.to_dict("records")
    keep = {_page_name(a["article_id"]) for a in records}
    for stale in (to_dir / "articles").glob("*.html"):   # our pages of articles no longer listed
        if stale.name not in keep and GENERATOR in stale.read_text(encoding="utf-8", errors="replace")[:2000]:
            stale.unlink()
    for i, art in enumerate(records):
        aid = str(art["article_id"])
        rows = {name: by_article[name].get(aid, pd.DataFrame()) for name in TABLES[1:]}
        page = article_context(art, rows)
        page["prev"] = _page_name(records[i - 1]["article_id"]) if i > 0 else None
        page["next"] = _page_name(records[i + 1]["article_id"]) if i + 1 < len(records) else None
        (to_dir / "articles" / _page_name(aid)).write_text(
            env.get_template("article.html").render(**page), encoding="utf-8")
        entries.append(page["entry"])
    facets = {key: sorted({v for e in entries for v in e[key]}) for key in ("provinces", "types")}
    facets["months"] = sorted({e["month"] for e in entries if e["month"]})
    index = to_dir / "index.html"
    index.write_text(env.get_template("index.html").render(entries=entries, facets=facets, source=str(out_dir)),
                     encoding="utf-8")
    return ReviewReport(index=index, pages=len(entries))


def article_context(art: dict, rows: dict[str, pd.DataFrame]) -> dict:
    """What the article template needs: the text cut into highlighted parts, the rows beside it."""
    text = art.get("text") or ""
    spans: dict[tuple[int, int, str], Span] = {}
    mentions = rows["mentions"]
    for i, m in enumerate(mentions.to_dict("records") if not mentions.empty else []):
        kind = KIND_OF_LABEL.get(str(m.get("label")))
        start, end = _int(m.get("start")), _int(m.get("end"))
        if kind and start is not None and end is not None:
            norm = _plain(m.get("norm"))
            label = f"{kind}: {text[start:end]}" + (f" ({norm})" if norm and norm != text[start:end] else "")
            spans.setdefault((start, end, kind), Span(f"m{i}", kind, start, end, label))
    names = _names(rows["officials"])
    tables = []
    for name in ROW_TABLES:
        frame = rows[name]
        columns = _columns(name, frame)
        shown_rows = []
        for j, row in enumerate(frame.to_dict("records") if not frame.empty else []):
            rid = f"{name[0]}{j}"
            cells = [_cell(row.get(c), names if c == "participants" else None) for c in columns]
            target = _row_span(name, row, rid, text, spans, cells)
            shown_rows.append({"rid": rid, "target": target, "cells": cells})
        tables.append({"name": name, "columns": columns, "rows": shown_rows})
    return {
        "article": {key: _plain(art.get(key)) for key in ("article_id", "title", "url", "source", "published",
                                                           "author", "reader")},
        "outlet": outlet(art),
        "parts": parts(text, list(spans.values()), _int(art.get("body_end")), _int(art.get("captions_start"))),
        "legend": LEGEND,
        "tables": tables,
        "entry": _entry(art, rows),
    }


def outlet(art: dict) -> str:
    """The publisher's host for a URL, else the input file's folder and name."""
    url = _plain(art.get("url"))
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or url
    source = _plain(art.get("source")) or ""
    return "/".join(Path(source).parts[-2:]) if source else ""


def _row_span(table: str, row: dict, rid: str, text: str, spans: dict, cells: list[str]) -> str | None:
    """The id of the span a row points at: the mention at the same place, else a span of its own."""
    start, end = _int(row.get("start")), _int(row.get("end"))
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None
    kind = KIND_OF_TABLE[table]
    span = spans.get((start, end, kind))
    if span is None:
        summary = " · ".join(c for c in cells if c)
        span = spans[(start, end, kind)] = Span(f"{rid}s", kind, start, end, f"{table[:-1]}: {summary}")
    else:
        span.label = f"{table[:-1]}: " + " · ".join(c for c in cells if c)
    span.rows.append(rid)
    return span.sid


def _entry(art: dict, rows: dict[str, pd.DataFrame]) -> dict:
    """The article's line in the index, with the values its filters use."""
    provinces = set()
    for name in ("events", "officials"):
        frame = rows[name]
        if "province" in frame:
            provinces |= {str(p) for p in frame["province"].dropna()}
    events = rows["events"]
    types = sorted({str(t) for t in events["event_type"].dropna()}) if "event_type" in events else []
    published = _plain(art.get("published")) or ""
    month = _plain(art.get("month")) or (published[:7] if len(published) >= 7 else "")
    officials = rows["officials"]
    search = " ".join(filter(None, [_plain(art.get("title")), outlet(art), *(
        str(n) for n in (officials["name"].dropna() if "name" in officials else []))]))
    return {"page": _page_name(art["article_id"]), "article_id": art["article_id"],
            "title": _plain(art.get("title")) or _first_line(art.get("text")), "outlet": outlet(art),
            "published": published, "month": str(month), "provinces": sorted(provinces), "types": types,
            "n": {name: len(rows[name]) for name in ROW_TABLES}, "search": search.lower()}


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("pipeline.review", "templates"),
                      autoescape=select_autoescape(["html", "htm"], default_for_string=True, default=True),
                      trim_blocks=True, lstrip_blocks=True)
    return env


def _group(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    if frame.empty or "article_id" not in frame:
        return {}
    if "start" in frame:
        frame = frame.sort_values(["article_id", "start"], kind="stable")
    return {str(aid): part.reset_index(drop=True) for aid, part in frame.groupby("article_id", sort=False)}


def _columns(table: str, frame: pd.DataFrame) -> list[str]:
    first = [c for c in SHOWN[table] if c in frame.columns]
    rest = [c for c in frame.columns if c not in first and c not in HIDDEN and f"{c}@{table}" not in HIDDEN]
    return first + rest


def _names(officials: pd.DataFrame) -> dict[str, str]:
    if officials.empty or "person_id" not in officials or "name" not in officials:
        return {}
    return dict(zip(officials["person_id"].astype(str), officials["name"].astype(str)))


def _cell(value, names: dict[str, str] | None = None) -> str:
    """A value as text: lists joined, numbers without a spurious .0, missing as empty."""
    if hasattr(value, "tolist") and not isinstance(value, (str, pd.Timestamp)):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(names.get(v, v) if names else v) for v in value)
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{int(value):,}".replace(",", ".") if value.is_integer() else f"{value:g}".replace(".", ",")
    if isinstance(value, (datetime, date, pd.Timestamp)):
        return value.isoformat()[:10] if isinstance(value, date) and not isinstance(value, datetime) \
            else value.isoformat()
    return str(value)


def _plain(value):
    """None for missing values (NaN, NaT, pd.NA), the value otherwise."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        if pd.isna(value) is True:
            return None
    except (TypeError, ValueError):
        pass
    return value


def _int(value) -> int | None:
    value = _plain(value)
    return None if value is None else int(value)


def _first_line(text) -> str:
    text = _plain(text) or ""
    line = text.strip().split("\n", 1)[0]
    return line[:120] + ("…" if len(line) > 120 else "")


def _page_name(article_id) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", str(article_id)) + ".html"
