"""Settings: defaults from ``settings.toml`` beside this file, overridden by a user file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULTS = Path(__file__).with_name("settings.toml")


@dataclass(frozen=True)
class ReaderOptions:
    max_text_chars: int
    max_file_bytes: int
    min_body_chars: int
    title_max_chars: int
    published_scan_lines: int
    max_html_depth: int = 500
    max_html_elements: int = 100_000
    read_seconds: float = 30.0


@dataclass(frozen=True)
class DocumentOptions:
    timezone: str
    extract_seconds: float = 60.0


@dataclass(frozen=True)
class PipelineOptions:
    ner: bool


@dataclass(frozen=True)
class PlacesOptions:
    max_name_words: int
    max_org_name_words: int
    province_weight: int
    unit_weight: int


@dataclass(frozen=True)
class FurnitureOptions:
    min_body_chars: int
    min_body_share: float
    max_byline_words: int
    max_source_words: int
    headline_words: tuple[int, int]
    min_teasers: int
    teaser_sentences: int
    teaser_words: int


@dataclass(frozen=True)
class EventsOptions:
    """Thresholds and weights of the event rules (section [events], each with its reason there)."""

    title_score: float
    lead_score: float
    second_score: float
    mention_score: float
    mention_cap: float
    head_bonus: float
    gift_weight: float
    stats_conference_bonus: float
    lead_sentences: int
    stats_lead_sentences: int
    max_caption_words: int
    max_bare_caption_words: int
    min_stats_counts: int
    object_reach: int
    condition_reach: int
    verb_list_words: int
    max_name_chars: int
    max_subject_words: int
    max_arrest_lag_days: int
    max_stop_lag_days: int
    anniversary_min_days: int
    side_event_max_days: int
    campaign_reach: int
    action_reach: int
    not_event_day_reach: int
    today_aside_reach: int
    range_end_reach: int
    place_sentences: int
    unit_name_reach: int
    happened_at_reach: int
    acting_unit_reach: int
    receiving_unit_reach: int
    located_reach: int


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in override.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def load_settings(user_file: Path | None = None) -> dict[str, Any]:
    """The defaults, with the keys of ``user_file`` (TOML) laid over them."""
    data = tomllib.loads(DEFAULTS.read_text(encoding="utf-8"))
    if user_file is not None:
        data = _merge(data, tomllib.loads(Path(user_file).read_text(encoding="utf-8")))
    return data


def _section(cls, data: dict[str, Any]):
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


# [reader] and [document] values a run's config file or --set gave (see ``override_settings``).
_OVERRIDES: dict[str, dict[str, Any]] = {}
OVERRIDABLE = {"reader": ReaderOptions, "document": DocumentOptions}


def override_settings(section: str, values: dict[str, Any]) -> None:
    """Lay ``values`` over the defaults of ``section`` ("reader" or "document") for this process.

    Raises ``KeyError`` naming an unknown key.
    """
    names = {f.name for f in fields(OVERRIDABLE[section])}
    unknown = sorted(set(values) - names)
    if unknown:
        raise KeyError(f"unknown [{section}] key(s) {', '.join(unknown)}; known keys: {', '.join(sorted(names))}")
    _OVERRIDES.setdefault(section, {}).update(values)
    reader_options.cache_clear()
    document_options.cache_clear()


@lru_cache(maxsize=1)
def reader_options() -> ReaderOptions:
    return _section(ReaderOptions, {**load_settings()["reader"], **_OVERRIDES.get("reader", {})})


@lru_cache(maxsize=1)
def document_options() -> DocumentOptions:
    return _section(DocumentOptions, {**load_settings()["document"], **_OVERRIDES.get("document", {})})


@lru_cache(maxsize=1)
def pipeline_options() -> PipelineOptions:
    return _section(PipelineOptions, load_settings()["pipeline"])


@lru_cache(maxsize=1)
def furniture_options() -> FurnitureOptions:
    data = dict(load_settings()["furniture"])
    data["headline_words"] = tuple(data["headline_words"])
    return _section(FurnitureOptions, data)


@lru_cache(maxsize=1)
def places_options() -> PlacesOptions:
    return _section(PlacesOptions, load_settings()["places"])


@lru_cache(maxsize=1)
def events_options() -> EventsOptions:
    return _section(EventsOptions, load_settings()["events"])
