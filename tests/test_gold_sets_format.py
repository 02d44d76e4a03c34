"""The annotated sets F (tests/gold_dec) and G (tests/gold_g) are well-formed gold in the format of
shared/gold/GUIDELINES.md (December 2026)."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETS = {"gold_dec": 25, "gold_g": 20, "gold_h": 20, "gold_i": 20, "gold_j": 20, "gold_k": 20}  # folder under tests/: number of articles
CATEGORIES = {"models", "points", "exemplars", "awards", "gifts", "areas", "people", "cameras", "cases",
              "documents", "money", "area", "quantity", "vehicles", "weapons", "other"}
EVENT_TYPES = {"festival", "commendation", "conference", "launch", "visit", "crime", "accident", "other"}
KINDS = {"total", "change", "part"}


def provinces() -> set[str]:
    rows = (json.loads(line) for line in (ROOT / "gazetteer" / "admin_units_provinces.jsonl").open(encoding="utf-8"))
    return {r["id"] for r in rows if r.get("era") == "both"}


def problems(gold: dict, text: str, known_provinces: set[str]) -> list[str]:
    """What is wrong with one gold file read against its article text (empty when nothing)."""
    found = []
    for o in gold["officials"]:
        if o["name"] not in text:
            found.append(f"official {o['name']!r} not in the text")
        if not o["titles"] and o.get("rank") is None:
            found.append(f"official {o['name']!r} has neither rank nor title")
        if o.get("province") is not None and o["province"] not in known_provinces:
            found.append(f"official province {o['province']!r} is not a post-2025 name")
    for e in gold["events"]:
        if e["type"] not in EVENT_TYPES:
            found.append(f"event type {e['type']!r}")
        if e["province"] not in known_provinces:
            found.append(f"province {e['province']!r} is not a post-2025 name")
        if e["date"] is not None:
            dt.date.fromisoformat(e["date"])
    for c in gold["counts"]:
        if c["category"] not in CATEGORIES:
            found.append(f"category {c['category']!r}")
        if c.get("kind", "total") not in KINDS:
            found.append(f"kind {c['kind']!r}")
        if not isinstance(c["value"], (int, float)) or not isinstance(c["approximate"], bool):
            found.append(f"count {c!r}")
    for d in gold["dates"]:
        dt.date.fromisoformat(d)
    if len(set(gold["dates"])) != len(gold["dates"]):
        found.append("a day listed twice in dates")
    return found


@pytest.mark.parametrize(("folder", "n_articles"), SETS.items())
def test_gold_set_has_its_paired_articles(folder: str, n_articles: int):
    here = ROOT / "tests" / folder
    stems_json = sorted(p.stem for p in here.glob("*.json"))
    stems_txt = sorted(p.stem for p in here.glob("*.txt"))
    assert len(stems_json) == n_articles
    assert stems_json == stems_txt


@pytest.mark.parametrize("gold_file", [p for folder in SETS for p in sorted((ROOT / "tests" / folder).glob("*.json"))],
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_file_is_well_formed(gold_file: Path):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    text = (gold_file.parent / gold["source"]).read_text(encoding="utf-8")
    assert gold["source"] == gold_file.stem + ".txt"
    assert set(gold) == {"source", "published", "officials", "events", "counts", "dates"}
    assert unicodedata.normalize("NFC", text) == text
    assert problems(gold, text, provinces()) == []


def test_problems_reports_a_bad_gold_file():
    text = "Đại tá Lê Văn An, Giám đốc Công an tỉnh, thu giữ 5 kg ma túy."
    bad = {"officials": [{"name": "Lê Văn Bình", "rank": "Đại tá", "titles": [], "province": "Hà Nam"}],
           "events": [{"type": "bust", "date": "2025-02-30", "province": "Quảng Nam"}],
           "counts": [{"value": 5, "unit": "kg ma túy", "category": "drugs", "kind": "delta", "approximate": False}],
           "dates": ["2025-02-28", "2025-02-28"]}
    with pytest.raises(ValueError):
        problems(bad, text, provinces())
    bad["events"][0]["date"] = "2025-02-28"
    assert problems(bad, text, provinces()) == [
        "official 'Lê Văn Bình' not in the text",
        "official province 'Hà Nam' is not a post-2025 name",
        "event type 'bust'",
        "province 'Quảng Nam' is not a post-2025 name",
        "category 'drugs'",
        "kind 'delta'",
        "a day listed twice in dates",
    ]
