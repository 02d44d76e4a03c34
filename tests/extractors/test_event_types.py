"""What each event type does is read from ``event_types.jsonl``: a flag changed there changes the events."""

from __future__ import annotations

from datetime import date

from extractors.event_types import EventTypes
from extractors.events import EventFinder
from gazetteer import read_gazetteer

FESTIVAL = (
    "Sáng 12/9/2024, UBND phường Tiền Phong (TP Thái Bình, tỉnh Thái Bình) tổ chức Ngày hội toàn dân bảo vệ an "
    "ninh Tổ quốc năm 2024, thu hút hơn 500 người dân tham gia.\n\n"
    "Dịp này, UBND TP Thái Bình tặng Giấy khen cho 5 tập thể, 9 cá nhân; Công an tỉnh trao 20 suất quà cho "
    "các hộ nghèo trên địa bàn phường."
)


def finder(types: tuple[dict, ...]) -> EventFinder:
    return EventFinder(read_gazetteer("event_triggers.jsonl"), read_gazetteer("event_cues.jsonl"),
                       types=EventTypes.from_entries(types))


def test_event_types_every_trigger_type_is_declared():
    declared = {e["id"] for e in read_gazetteer("event_types.jsonl")}
    assert {e["id"] for e in read_gazetteer("event_triggers.jsonl")} <= declared
    assert {e.get("named_by") for e in read_gazetteer("event_types.jsonl")} <= {"noun", "act", "clause"}


def test_event_types_roles_name_one_type_each():
    types = EventTypes.from_entries(read_gazetteer("event_types.jsonl"))
    assert (types.of_role("award"), types.of_role("visit"), types.of_role("action")) == (
        "commendation", "visit", "other")
    assert types.hosts == types.with_flag("host") == ("conference", "festival", "launch", "other")
    assert types.incidents == {"crime", "accident"} and types.cases == {"crime"}
    assert (types.named_by["crime"], types.named_by["festival"], types.dated_by["accident"]) == ("act", "noun", "outbreak")
    assert types.named_by.get("unknown") is None and "unknown" not in types.attended


def test_event_types_a_host_has_the_awards_and_gifts_as_sub_events(doc_of):
    doc = finder(read_gazetteer("event_types.jsonl"))(doc_of(FESTIVAL, "2024-09-13"))
    assert [(e.event_type, e.event_date, e.parent) for e in doc._.events] == [
        ("festival", date(2024, 9, 12), None), ("commendation", date(2024, 9, 12), 0), ("other", date(2024, 9, 12), 0)]


def test_event_types_a_type_that_hosts_nothing_keeps_no_sub_events(doc_of):
    types = tuple({**e, "host": False} if e["id"] == "festival" else e for e in read_gazetteer("event_types.jsonl"))
    doc = finder(types)(doc_of(FESTIVAL, "2024-09-13"))
    assert [e.event_type for e in doc._.events] == ["festival"]
