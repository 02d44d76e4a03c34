"""What the tables tell about a person or an event beyond its name: dates, provinces, units, ranks.

Word lists are data: ``gazetteer/rank_order.jsonl`` (ranks in order of seniority),
``gazetteer/linking_cues.jsonl`` (civil and national bodies, province and ward level
words) and ``gazetteer/admin_units_provinces.jsonl`` (province names, old and new).
Thresholds: ``[linking]`` in ``pipeline/settings.toml``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlparse

from gazetteer import read_gazetteer
from pipeline.settings import load_settings
from pipeline.textnorm import key


@dataclass(frozen=True)
class LinkOptions:
    date_tolerance_days: int
    publication_window_days: int
    name_similarity: float
    loose_types: tuple[str, ...]
    related_types: frozenset[frozenset[str]]


@lru_cache(maxsize=1)
def link_options() -> LinkOptions:
    data = load_settings()["linking"]
    return LinkOptions(int(data["date_tolerance_days"]), int(data["publication_window_days"]),
                       float(data["name_similarity"]), tuple(data["loose_types"]),
                       frozenset(frozenset(pair.split()) for pair in data.get("related_types", [])))


@lru_cache(maxsize=1)
def rank_order() -> dict[str, int]:
    """Rank key -> seniority (higher is more senior); naval ranks share their army equals' order."""
    return {key(e["pattern"]): int(e["order"]) for e in read_gazetteer("rank_order.jsonl")}


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for e in read_gazetteer("linking_cues.jsonl"):
        out.setdefault(e["label"], []).append(e["pattern"])
    return {k: tuple(v) for k, v in out.items()}


def _words(label: str) -> re.Pattern:
    alts = sorted(_cues()[label], key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w])")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    out = {label: _words(label) for label in _cues()}
    for label in ("PROVINCE_LEVEL", "WARD_LEVEL"):  # a unit named only by its level: "Công an tỉnh"
        out[label + "_END"] = re.compile(out[label].pattern + r"\.?\s*$")
    return out


@lru_cache(maxsize=1)
def _province_re() -> tuple[re.Pattern, dict[str, str]]:
    """'<province level word> <province name>' with every spelling the gazetteer knows."""
    names = {e["pattern"]: e["id"] for e in read_gazetteer("admin_units_provinces.jsonl")}
    level = sorted(_cues()["PROVINCE_LEVEL"], key=len, reverse=True)
    alts = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in level) + r")\.?\s+("
                         + "|".join(re.escape(n) for n in alts) + r")(?![\w])")
    return pattern, {key(n): p for n, p in names.items()}


def named_province(org: str) -> str | None:
    """The province an organisation names after a level word ("Công an tỉnh Lào Cai" -> "Lào Cai")."""
    pattern, ids = _province_re()
    m = pattern.search(org or "")
    return ids.get(key(m.group(1))) if m else None


@lru_cache(maxsize=200_000)
def is_civil(org: str) -> bool:
    """A body of the civil government (UBND, HĐND, Mặt trận)."""
    return bool(_patterns()["CIVIL_ORG"].search(org or ""))


@lru_cache(maxsize=200_000)
def is_uniformed(org: str) -> bool:
    """A police or military unit (Công an, Quân đội, Biên phòng ...)."""
    return bool(_patterns()["UNIFORMED_ORG"].search(org or ""))


def is_national(org: str) -> bool:
    return bool(_patterns()["NATIONAL_ORG"].search(org or "")) and not _is_local(org)


def _is_local(org: str) -> bool:
    p = _patterns()
    return bool(p["PROVINCE_LEVEL"].search(org or "") or p["WARD_LEVEL"].search(org or ""))


@lru_cache(maxsize=200_000)
def org_province(org: str, article_province: str | None) -> str | None:
    """The province of a unit: the one it names, else the article's when the unit is a local one
    left unnamed ("Công an tỉnh", "UBND phường"); national bodies have none."""
    named = named_province(org)
    if named:
        return named
    if is_national(org) or not _is_local(org):
        return None
    return article_province


@lru_cache(maxsize=200_000)
def unit_key(org: str, article_province: str | None, article_ward: str | None) -> str:
    """A unit's key, with the article's place added to a unit whose name stops at its level word
    ("Công an tỉnh" in an article on Ninh Bình -> "công an tỉnh ninh bình")."""
    k = key(org)
    p = _patterns()
    if article_province and p["PROVINCE_LEVEL_END"].search(org or ""):
        return f"{k} {key(article_province)}"
    if article_ward and p["WARD_LEVEL_END"].search(org or ""):
        return f"{k} {key(article_ward)}"
    return k


@lru_cache(maxsize=200_000)
def day_of(value) -> str | None:
    """An ISO day string (YYYY-MM-DD) of a date, datetime or ISO string; None when not a day."""
    if value is None:
        return None
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text[:10] if len(text) >= 10 and text[4] == "-" and text[7] == "-" else None


def outlet_of(article: dict) -> str:
    """The outlet of an article: its URL's host without ``www.``, else the folder of its source."""
    url = article.get("url") or ""
    host = urlparse(url).hostname if url else None
    if host:
        return host[4:] if host.startswith("www.") else host
    source = str(article.get("source") or "")
    if source.startswith(("http://", "https://")):
        return outlet_of({"url": source})
    parts = source.replace("\\", "/").rsplit("/", 2)
    return parts[-2] if len(parts) >= 2 else "-"


@dataclass(frozen=True)
class ArticleContext:
    """Where and when an article is: its publication day and its main events' place."""

    day: str | None
    published: str
    province: str | None
    ward: str | None


def article_contexts(articles: list[dict], events: list[dict],
                     known: dict[str, ArticleContext] | None = None) -> dict[str, ArticleContext]:
    """Each article's context: the publication day (else its first main event's day) and the
    most frequent province and ward of its events (main events first).

    known (dict | None): contexts already made of articles whose rows have not changed since: taken
        from it, and the others added to it.
    """
    if known is not None:
        todo = [a for a in articles if a["article_id"] not in known]
        wanted = {a["article_id"] for a in todo}
        known.update(article_contexts(todo, [e for e in events if e["article_id"] in wanted]))
        return {a["article_id"]: known[a["article_id"]] for a in articles}
    by_article: dict[str, list[dict]] = {}
    for e in events:
        by_article.setdefault(e["article_id"], []).append(e)
    out = {}
    for a in articles:
        evs = sorted(by_article.get(a["article_id"], []), key=lambda e: (e.get("parent_event_id") is not None,
                                                                          e["event_id"]))
        main_days = [day_of(e.get("event_date")) for e in evs if day_of(e.get("event_date"))]
        day = day_of(a.get("published")) or (main_days[0] if main_days else None)
        out[a["article_id"]] = ArticleContext(day, str(a.get("published") or ""),
                                              _most_common([e.get("province") for e in evs]),
                                              _most_common([e.get("ward") for e in evs]))
    return out


def _most_common(values: list) -> str | None:
    values = [v for v in values if isinstance(v, str) and v]
    if not values:
        return None
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)  # ties: the first, i.e. the main event's
