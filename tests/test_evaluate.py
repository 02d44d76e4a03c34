"""Scoring: matching rules and optional items, on hand-made tables with known answers."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd

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
                 "counts": (2, 1, 0), "dates": (1, 0, 1),
                 "organizations": (0, 0, 0)}  # no gold official gives organizations: none checked
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


def test_evaluate_macro_f1_is_the_mean_of_the_five_tables(tmp_path):
    _gold(tmp_path)
    write_tables(tmp_path / "out", _tables())
    ev = evaluate(tmp_path / "gold", tmp_path / "out")
    # officials 0.5, titles 2/3, events 2/3, counts 0.8, dates 2/3
    assert round(ev.macro_f1, 6) == 0.66
    assert "macro F1                   0.660" in ev.table()
    assert ev.as_dict()["macro_f1"] == ev.macro_f1


# December 2026 fields: organizations, official province, count kind and unit. The tables are
# written with pandas, not the storage schema, so the test holds whether or not the schema
# has the new columns yet.

def _december_gold(tmp_path):
    gold = {
        "source": "b.txt", "published": "2025-08",
        "officials": [
            {"name": "Lê Văn Ba", "rank": None, "titles": ["Phó Bí thư Thành ủy", "Chủ tịch UBND TP Hải Phòng"],
             "organizations": ["Thành ủy", "UBND TP Hải Phòng"], "province": "Hải Phòng", "optional": False},
            {"name": "Phạm Thị Tư", "rank": "Đại tá",
             "titles": ["Đội trưởng Đội Cảnh sát hình sự, Phòng Cảnh sát hình sự, Công an tỉnh Hải Dương"],
             "organizations": ["Đội CSHS", "Phòng Cảnh sát hình sự", "Công an tỉnh Hải Dương"],
             "province": None, "optional": False},
            {"name": "Vũ Văn Năm", "rank": None, "titles": ["Trưởng thôn"], "optional": False},
            {"name": "Đỗ Văn Sáu", "rank": None, "titles": ["Trưởng thôn Đông"], "organizations": ["thôn Đông"],
             "province": "Hải Phòng", "optional": True},
        ],
        "events": [],
        "counts": [
            {"value": 187, "unit": "vụ", "category": "cases", "optional": False},
            {"value": 12, "unit": "vụ", "kind": "change", "category": "cases", "optional": False},
            {"value": 5.04, "unit": "kg ma túy", "kind": "total", "category": "quantity", "optional": False},
            {"value": 43, "unit": "vụ", "kind": "part", "category": "cases", "optional": True},
        ],
        "dates": [],
    }
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "b.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def _write(out, officials, counts):
    out.mkdir()
    pd.DataFrame([{"article_id": "B", "source": "in/b.txt", "published": "2025-08", "text": "x"}]).to_parquet(
        out / "articles.parquet")
    for name, rows in (("officials", officials), ("counts", counts)):
        if rows:                                  # no file: the scorer reads an empty table of the schema
            pd.DataFrame(rows).to_parquet(out / f"{name}.parquet")


def _official(name, orgs, **extra):
    return {"article_id": "B", "person_id": name, "name": name, "rank": None, "titles": [], "organizations": orgs,
            **extra, **PROV}


def _count(value, unit, **extra):
    return {"article_id": "B", "value": value, "unit": unit, "category": "cases", **extra, **PROV}


def test_evaluate_scores_organizations_by_expanded_key_and_official_province(tmp_path):
    _december_gold(tmp_path)
    _write(tmp_path / "out",
           [_official("Lê Văn Ba", ["Thành ủy", "Ủy ban nhân dân thành phố Hải Phòng"], province="Hải Phòng"),
            _official("Phạm Thị Tư", ["Đội Cảnh sát hình sự", "Công an tỉnh Hải Dương", "Ban Chuyên án"],
                      province="Hải Dương"),
            _official("Vũ Văn Năm", ["thôn"], province=None),          # gold gives no organizations, no province
            _official("Đỗ Văn Sáu", ["xã Đông"], province=None)],      # optional: not checked
           [])
    ev = evaluate(tmp_path / "gold", tmp_path / "out")
    o = ev.scores["organizations"]
    # Ba: both right ("UBND TP" written out); Tư: "Đội CSHS" = "Đội Cảnh sát hình sự" right, the
    # Công an tỉnh right, "Ban Chuyên án" extra, "Phòng Cảnh sát hình sự" missed.
    assert (o.tp, o.fp, o.fn) == (4, 1, 1)
    assert round(o.f1, 3) == 0.8
    # Ba right; Tư's gold province is null, the table says Hải Dương: wrong. Năm not checked.
    assert (ev.accuracy["official_province"].right, ev.accuracy["official_province"].total) == (1, 2)
    assert "organizations" in ev.table() and "official_province acc" in ev.table()


def test_evaluate_org_key_writes_abbreviations_out():
    from pipeline.evaluate import org_key

    assert org_key("UBND TP Hải Phòng") == org_key("Ủy ban nhân dân thành phố Hải Phòng")
    assert org_key("Ủy ban MTTQ Việt Nam tỉnh") == "ủy ban mặt trận tổ quốc việt nam tỉnh"
    assert org_key("Công an TP.Vinh") == "công an thành phố vinh"
    assert org_key("Công an phường Thành Sen") != org_key("Công an xã Thành Sen")
    assert org_key("UBND huyện") != org_key("HĐND huyện")


def test_evaluate_count_kind_and_unit_accuracy(tmp_path):
    _december_gold(tmp_path)
    _write(tmp_path / "out", [],
           [_count(187.0, "vụ", kind="total"), _count(12.0, "vụ", kind="total"),
            _count(5.04, "kg", kind="total"), _count(43.0, "vụ", kind="part")])
    ev = evaluate(tmp_path / "gold", tmp_path / "out")
    assert (ev.scores["counts"].tp, ev.scores["counts"].fp, ev.scores["counts"].fn) == (3, 0, 0)
    # 187 total (gold default) right, 12 should be a change, 5.04 right; the optional 43 is not scored.
    assert (ev.accuracy["count_kind"].right, ev.accuracy["count_kind"].total) == (2, 3)
    # "kg" is not "kg ma túy": the whole unit phrase counts.
    assert (ev.accuracy["count_unit"].right, ev.accuracy["count_unit"].total) == (2, 3)


def test_evaluate_tables_without_the_new_columns_score_them_wrong(tmp_path):
    _december_gold(tmp_path)
    _write(tmp_path / "out",
           [{k: v for k, v in _official("Lê Văn Ba", ["Thành ủy"]).items() if k != "organizations"}],
           [_count(187.0, "vụ"), _count(12.0, "vụ")])          # no kind, no province, no organizations column
    ev = evaluate(tmp_path / "gold", tmp_path / "out")
    assert (ev.accuracy["count_kind"].right, ev.accuracy["count_kind"].total) == (0, 2)
    assert (ev.accuracy["official_province"].right, ev.accuracy["official_province"].total) == (0, 1)
    o = ev.scores["organizations"]
    assert (o.tp, o.fp, o.fn) == (0, 0, 2)
    assert ev.scores["counts"].fn == 1 and ev.scores["officials"].fn == 2
