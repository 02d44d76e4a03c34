"""The thresholds and weights of the event rules are section [events] of pipeline/settings.toml."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from extractors.events import EventFinder
from gazetteer import read_gazetteer
from pipeline.settings import EventsOptions, events_options, load_settings

TOML = Path(__file__).resolve().parents[2] / "pipeline" / "settings.toml"
FESTIVAL = ("Sáng 12/9/2024, UBND phường Tiền Phong (TP Thái Bình, tỉnh Thái Bình) tổ chức Ngày hội toàn dân bảo vệ "
            "an ninh Tổ quốc năm 2024, thu hút hơn 500 người dân tham gia.")


def finder(**changed) -> EventFinder:
    return EventFinder(read_gazetteer("event_triggers.jsonl"), read_gazetteer("event_cues.jsonl"),
                       options=dataclasses.replace(events_options(), **changed))


def test_event_settings_every_key_is_read_and_commented():
    section = TOML.read_text(encoding="utf-8").split("[events]", 1)[1].split("\n[", 1)[0]
    keys = [line.split("=")[0].strip() for line in section.splitlines() if re.match(r"\w+\s*=", line)]
    assert keys == [f.name for f in dataclasses.fields(EventsOptions)]
    assert all("#" in line for line in section.splitlines() if re.match(r"\w+\s*=", line))
    assert set(load_settings()["events"]) == set(keys)


def test_event_settings_defaults():
    o = events_options()
    assert (o.title_score, o.lead_score, o.gift_weight, o.lead_sentences, o.max_name_chars) == (4.0, 3.0, 0.3, 2, 160)


def test_event_settings_the_longest_name_is_a_setting(doc_of):
    doc = doc_of(FESTIVAL, "2024-09-13")
    assert doc._.events[0].name == "Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024"
    assert finder(max_name_chars=20)(doc)._.events[0].name == "Ngày hội toàn dân bả"


def test_event_settings_the_title_weight_is_a_setting(doc_of):
    text = ("Ngày 9/11/2023, Công an tỉnh Quảng Trị tổ chức hội nghị tổng kết công tác năm 2023.\n\n"
            "Tại hội nghị, Công an tỉnh trao thưởng cho Ban chuyên án đã triệt phá đường dây ma túy.")
    doc = doc_of(text, "2023-11-10")
    assert [e.event_type for e in doc._.events][:1] == ["conference"]  # no title: the lead decides
    doc._.article = {**(doc._.article or {}), "title": "Khen thưởng Ban chuyên án triệt phá đường dây ma túy"}
    assert [e.event_type for e in finder()(doc)._.events] == ["conference", "commendation"]
    assert [e.event_type for e in finder(title_score=10.0)(doc)._.events] == ["commendation"]
