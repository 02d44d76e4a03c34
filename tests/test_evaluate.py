"""Scoring: matching rules and optional items, on hand-made tables with known answers."""

from __future__ import annotations

import json
from datetime import date

from pipeline.evaluate import evaluate
from pipeline.storage import write_tables

PROV = {"sentence": 0, "start": 0, "end": 1, "evidence": "x"}


def _gold(tmp_path):
    gold = {
        "source": "a.txt", "published": "2025-07",
        "officials": [
            {"name": "Nguyễn Văn Hoà", "rank": "Đại tá", "titles": ["Giám đốc Công an tỉnh", "Ủy viên Ban Thường vụ Tỉnh ủy"], "optional": False},
            {"name": "Trần Thị Lan", "rank": None, "titles": ["Chủ tịch UBND xã"], "optional": False},
            {"name": "Hồ Chí Minh", "rank": None, "titles": ["Chủ tịch"], "optional": True},
        ],
        "events": [
            {"type": "festival", "date": "2025-07-26", "province": "Hải Phòng", "ward": "An Lạc", "name": "x", "optional": False},
            {"type": "commendation", "date": "2025-07-26", "province": "Hải Phòng", "ward": "An Lạc", "name": "y", "optional": True},
        ],
        "counts": [
            {"value": 12, "unit": "mô hình", "category": "models", "optional": False},
            {"value": 35, "unit": "điểm", "category": "points", "optional": False},
            {"value": 1, "unit": "phần", "category": "other", "optional": True},
        ],
        "dates": ["2025-07-26", "2025-07-01"],
    }
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def _tables():
    off = lambda name, rank, titles: {"article_id": "A", "person_id": name, "name": name, "rank": rank,
                                      "titles": titles, "organizations": [], **PROV}
    ev = lambda t, d: {"article_id": "A", "event_id": t, "event_type": t, "name": t, "event_date": d,
                       "province": "Hải Phòng", "ward": None, "participants": [], "parent_event_id": None,
                       "trigger": None, **PROV}
    cnt = lambda v, u, c: {"article_id": "A", "value": v, "unit": u, "category": c, "approximate": False,
                           "event_id": None, "award": None, "text": u, **PROV}
    dt = lambda v, g: {"article_id": "A", "text": v, "value": v, "granularity": g, "part_of_day": None, **PROV}
    return {
        "articles": [{"article_id": "A", "source": "corpus/a.txt", "text": "x"}],
        "officials": [off("Nguyễn Văn Hòa", "Đại tá", ["Giám đốc Công an tỉnh"]),   # tone placement differs
                      off("Hồ Chí Minh", None, ["Chủ tịch"]),                         # optional: ignored
                      off("Lê Lợi", None, ["Vua"])],                                 # false positive
        "events": [ev("festival", date(2025, 7, 26)), ev("commendation", date(2025, 7, 26)),
                   ev("crime", None)],
        "counts": [cnt(12.0, "mô hình", "models"), cnt(35.0, "điểm nhân rộng", "areas"), cnt(1.0, "phần", "other"),
                   cnt(2.0, "cấp", "other")],
        "dates": [dt("2025-07-26", "day"), dt("2025", "year")],
    }


def test_evaluate_matches_counts_and_ignores_optional(tmp_path):
    _gold(tmp_path)
    write_tables(tmp_path / "out", _tables())
    ev = evaluate(tmp_path / "gold", tmp_path / "out")
    s = {k: (v.tp, v.fp, v.fn) for k, v in ev.scores.items()}
    assert s == {"officials": (1, 1, 1), "titles": (1, 0, 1), "events": (1, 1, 0),
                 "counts": (2, 1, 0), "dates": (1, 0, 1)}
    assert ev.accuracy["rank"].value == 1.0
    assert (ev.accuracy["published"].right, ev.accuracy["published"].total) == (0, 1)  # gold 2025-07, none read
    assert ev.accuracy["count_category"].value == 0.5
    assert ev.accuracy["event_province"].value == 1.0 and ev.accuracy["event_ward"].value == 0.0
    assert round(ev.scores["officials"].f1, 3) == 0.5


def test_evaluate_reports_gold_without_output(tmp_path):
    _gold(tmp_path)
    tables = _tables()
    tables["articles"][0]["source"] = "other.txt"
    write_tables(tmp_path / "out", tables)
    ev = evaluate(tmp_path / "gold", tmp_path / "out")
    assert ev.missing == ["a.txt"] and ev.scores["officials"].tp == 0 and ev.scores["officials"].fn == 2
