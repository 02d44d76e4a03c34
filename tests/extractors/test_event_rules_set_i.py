"""Event rules of the language behind set I's failures (tests/gold_i/FAILURES.md 7-16), on sentences of our own.

Each rule has a positive and a negative case; rows are (index, type, date, province, ward, parent, trigger).
"""

from __future__ import annotations

from datetime import date

import pytest

from extractors.event_words import EventWords
from gazetteer import read_gazetteer
from tests.extractors.event_rows import rows


AWARD = "Sáng 10/6, Công an tỉnh Nghệ An tổ chức lễ khen thưởng Ban chuyên án phá nhanh vụ cướp tài sản.\n\n"


# 7/8: a victim's passive with its own day is the crime; without a day it is background
def test_events_a_dated_passive_report_of_the_offence_is_the_crime(doc_of):
    text = (AWARD + "Theo báo cáo, khoảng 21 giờ ngày 2/6, một phụ nữ bị cướp chiếc xe máy trên đường về nhà. "
            "Ngày 4/6, các trinh sát đã bắt giữ đối tượng.")
    assert rows(doc_of, text, "2024-06-11") == [
        (0, "commendation", date(2024, 6, 10), "Nghệ An", None, None, "lễ khen thưởng"),
        (1, "crime", date(2024, 6, 2), "Nghệ An", None, None, "bị cướp"),
        (2, "crime", date(2024, 6, 4), "Nghệ An", None, None, "bắt giữ"),
    ]


def test_events_a_passive_without_a_day_is_no_crime(doc_of):
    text = ("Sáng 12/5, Công an tỉnh Lào Cai tổ chức hội nghị tuyên truyền phòng, chống lừa đảo qua mạng.\n\n"
            "Thời gian qua, nhiều người dân bị chiếm đoạt tiền khi làm theo hướng dẫn của đối tượng lạ.")
    assert rows(doc_of, text, "2024-05-13") == [
        (0, "conference", date(2024, 5, 12), "Lào Cai", None, None, "hội nghị")]


# 8: a negated verb reports nothing
def test_events_a_negated_trigger_is_no_event(doc_of):
    advice = ("Ngày 3/9, Công an tỉnh Hà Tĩnh tổ chức hội nghị tuyên truyền phòng, chống tội phạm.\n\n"
              "Công an không làm việc với người dân qua mạng xã hội.")
    assert rows(doc_of, advice, "2024-09-04") == [
        (0, "conference", date(2024, 9, 3), "Hà Tĩnh", None, None, "hội nghị")]
    assert rows(doc_of, "Ngày 3/9, đoàn công tác Bộ Công an chưa làm việc với Công an tỉnh Hà Tĩnh.",
                "2024-09-04") == []


def test_events_the_same_verb_not_negated_is_a_visit(doc_of):
    assert rows(doc_of, "Ngày 3/9, đoàn công tác Bộ Công an làm việc với Công an tỉnh Hà Tĩnh.", "2024-09-04") == [
        (0, "visit", date(2024, 9, 3), "Hà Tĩnh", None, None, "làm việc với")]


# 9: a clause opening on its own day ("Mở rộng điều tra, ngày D, ...") with a unit and a case step
STEP = "Ngày 5/8, Công an huyện Tiên Du bắt quả tang 4 đối tượng đánh bạc tại xã Phật Tích.\n\nMở rộng điều tra, "


def test_events_a_dated_step_after_mo_rong_dieu_tra_is_a_crime_of_its_day(doc_of):
    assert rows(doc_of, STEP + "ngày 7/8, Công an xã tiếp tục triệu tập 6 đối tượng có liên quan.", "2024-08-09") == [
        (0, "crime", date(2024, 8, 5), "Bắc Ninh", "Phật Tích", None, "bắt quả tang"),
        (1, "crime", date(2024, 8, 7), "Bắc Ninh", "Phật Tích", None, None),  # "Công an xã": the commune named
    ]
    assert rows(doc_of, STEP + "ngày 7/8, Công an huyện tiếp tục triệu tập 6 đối tượng có liên quan.",
                "2024-08-09")[1] == (1, "crime", date(2024, 8, 7), "Bắc Ninh", None, None, None)


def test_events_a_step_without_its_own_day_is_no_event(doc_of):
    assert rows(doc_of, STEP + "Công an huyện tiếp tục triệu tập 6 đối tượng có liên quan.", "2024-08-09") == [
        (0, "crime", date(2024, 8, 5), "Bắc Ninh", "Phật Tích", None, "bắt quả tang")]


def test_events_an_inspection_team_organised_on_its_own_day_is_a_visit(doc_of):
    text = ("Sáng 23/5, UBND tỉnh Long An tổ chức hội nghị sơ kết phong trào toàn dân bảo vệ an ninh Tổ quốc.\n\n"
            "Trước đó, ngày 18/5, Ban Chỉ đạo tỉnh đã tổ chức đoàn kiểm tra 4 mô hình tự quản.")
    assert rows(doc_of, text, "2024-05-24") == [
        (0, "conference", date(2024, 5, 23), "Tây Ninh", None, None, "hội nghị sơ kết"),
        (1, "visit", date(2024, 5, 18), "Tây Ninh", None, None, "tổ chức đoàn kiểm tra"),
    ]


# 10: an assumed scenario is no incident; the drill is the event
DRILL = "Sáng 15/4, Công an tỉnh Thanh Hóa tổ chức thực tập phương án chữa cháy tại một chợ.\n\n"


def test_events_an_assumed_scenario_is_no_incident(doc_of):
    text = DRILL + "Tình huống giả định: khoảng 9 giờ, tại một ki-ốt trong chợ xảy ra cháy do chập điện."
    assert rows(doc_of, text, "2024-04-16") == [
        (0, "other", date(2024, 4, 15), "Thanh Hóa", None, None, "thực tập phương án")]


def test_events_a_real_fire_beside_a_drill_is_an_accident(doc_of):
    text = DRILL + "Khoảng 9 giờ ngày 10/4, tại một ki-ốt trong chợ xảy ra cháy do chập điện."
    assert rows(doc_of, text, "2024-04-16") == [
        (0, "other", date(2024, 4, 15), "Thanh Hóa", None, None, "thực tập phương án"),
        (1, "accident", date(2024, 4, 10), "Thanh Hóa", None, None, "xảy ra cháy"),
    ]


# 11: "sau N tháng ra mắt" refers back; "Riêng đêm D, ..." opens a dated incident
def test_events_time_since_a_launch_is_no_launch(doc_of):
    text = "Ngày 20/11, Công an tỉnh Đồng Nai cho biết, sau hai tháng ra mắt, mô hình Tổ tự quản đã hòa giải 40 vụ việc."
    assert rows(doc_of, text, "2024-11-21") == []
    assert rows(doc_of, "Sáng 20/11, Công an tỉnh Đồng Nai tổ chức ra mắt mô hình Tổ tự quản về an ninh trật tự.",
                "2024-11-21") == [(0, "launch", date(2024, 11, 20), "Đồng Nai", None, None, "ra mắt")]


PATROL = "Ngày 20/11, Công an tỉnh Cà Mau cho biết, đã kiểm tra 900 phương tiện trong tháng 11.\n\nRiêng đêm 16/11, "


def test_events_a_patrol_finding_a_gathering_on_its_night_is_a_crime(doc_of):
    text = PATROL + "tổ công tác phát hiện nhóm 8 thanh niên tụ tập đua xe trên quốc lộ."
    assert rows(doc_of, text, "2024-11-21") == [(0, "crime", date(2024, 11, 16), "Cà Mau", None, None, "phát hiện")]
    assert rows(doc_of, PATROL + "tổ công tác phát hiện nhóm 8 thanh niên đang câu cá trên sông.", "2024-11-21") == []


# 12: a report's day summing up a range is no event's day: the programme starts on the range's first day
def test_events_a_report_summing_up_a_range_is_dated_by_its_first_day(doc_of):
    text = ("Ngày 10/2, Công an tỉnh Hòa Bình cho biết, trong chương trình \"Tết ấm\" diễn ra từ 1/2 - 8/2/2024, "
            "lực lượng Công an toàn tỉnh đã trao 900 suất quà cho hộ nghèo.")
    assert rows(doc_of, text, "2024-02-11") == [(0, "other", date(2024, 2, 1), "Phú Thọ", None, None, "suất quà")]
    assert rows(doc_of, "Ngày 10/2/2024, lực lượng Công an tỉnh Hòa Bình đã trao 900 suất quà cho hộ nghèo.",
                "2024-02-11") == [(0, "other", date(2024, 2, 10), "Phú Thọ", None, None, "suất quà")]


def test_events_also_on_a_day_at_another_commune_is_an_event_of_its_own(doc_of):
    text = ("Sáng 3/2/2024, tại xã Gia Phú, huyện Gia Viễn, Công an tỉnh Ninh Bình đã trao 100 suất quà cho hộ nghèo.\n\n"
            "Trước đó, ngày 1/2, Công an tỉnh trao 50 suất quà tại xã Gia Hòa, huyện Gia Viễn.\n\n"
            "Cũng trong ngày 1/2, Đoàn Thanh niên Công an tỉnh tổ chức chương trình \"Chợ Tết 0 đồng\" tại xã Kỳ Phú, "
            "huyện Nho Quan.")
    assert rows(doc_of, text, "2024-02-05") == [
        (0, "other", date(2024, 2, 3), "Ninh Bình", "Gia Phú", None, "suất quà"),
        (1, "other", date(2024, 2, 1), "Ninh Bình", "Gia Hòa", None, "suất quà"),
        (2, "other", date(2024, 2, 1), "Ninh Bình", "Kỳ Phú", None, None),
    ]


# 13: the call-up ceremony; a ceremony of another day is not the main day's awards
def test_events_the_call_up_ceremony_is_the_event_and_another_days_meeting_is_not_merged(doc_of):
    text = ("Sáng 20/2, các huyện trong tỉnh Thái Bình đồng loạt tổ chức lễ giao nhận quân năm 2024.\n\n"
            "Trước đó, ngày 15/2, Hội đồng nghĩa vụ quân sự tỉnh tổ chức gặp mặt tân binh.\n\n"
            "Tại buổi lễ, Bộ Chỉ huy quân sự tỉnh tặng Giấy khen cho 5 tập thể.")
    assert rows(doc_of, text, "2024-02-21") == [
        (0, "other", date(2024, 2, 20), "Hưng Yên", None, None, "lễ giao nhận quân"),
        (1, "other", date(2024, 2, 15), "Hưng Yên", None, None, "gặp mặt"),
        (2, "commendation", date(2024, 2, 20), "Hưng Yên", None, 0, "tặng giấy khen"),
    ]


# 14: days listed together start on the first
@pytest.mark.parametrize("days, first", [("Trong hai ngày 14 và 15/3/2024", date(2024, 3, 14)),
                                         ("Ngày 15/3/2024", date(2024, 3, 15))])
def test_events_days_listed_together_start_on_the_first(doc_of, days, first):
    text = days + ", đoàn công tác Bộ Công an đã thăm, làm việc với Công an tỉnh Sơn La."
    assert rows(doc_of, text, "2024-03-16") == [(0, "visit", first, "Sơn La", None, None, "thăm, làm việc")]


# 16: an event's ward from its own clause: null for two wards, not a ward naming a unit
HONOUR = "Sáng 10/8/2025, tại phường Ba Đình, Công an thành phố Hà Nội tổ chức lễ khen thưởng Ban chuyên án.\n\n"


@pytest.mark.parametrize("places, ward", [("phường Ba Đình và phường Cửa Nam", None), ("phường Ba Đình", "Ba Đình")])
def test_events_a_clause_naming_two_wards_points_to_neither(doc_of, places, ward):
    text = HONOUR + f"Ngày 2/8, Ban chuyên án bắt quả tang 3 đối tượng tại 2 địa điểm thuộc {places}."
    assert rows(doc_of, text, "2025-08-11")[1] == (1, "crime", date(2025, 8, 2), "Hà Nội", ward, None, "bắt quả tang")


BORDER = ("Khoảng 22 giờ ngày 5/9/2025, tại xã Bát Xát, tỉnh Lào Cai, tổ công tác Đồn Biên phòng Bát Xát bắt quả tang "
          "một đối tượng vận chuyển trái phép 500 viên ma túy tổng hợp.\n\n")


@pytest.mark.parametrize("unit, ward", [("Đồn Biên phòng Bát Xát", None), ("Công an xã", "Bát Xát")])
def test_events_a_ward_naming_a_unit_does_not_place_a_later_step(doc_of, unit, ward):
    text = BORDER + f"Ngày 6/9, {unit} đã bàn giao đối tượng cho Cơ quan Cảnh sát điều tra Công an tỉnh Lào Cai."
    assert rows(doc_of, text, "2025-09-08") == [
        (0, "crime", date(2025, 9, 5), "Lào Cai", "Bát Xát", None, "bắt quả tang"),
        (1, "crime", date(2025, 9, 6), "Lào Cai", ward, None, "bàn giao"),
    ]


def test_event_words_negation_elapsed_and_scenario_are_read_from_the_file():
    words = EventWords.from_entries(read_gazetteer("event_words.jsonl"))
    assert words.negated.search("Công an không ") and not words.negated.search("Công an không quân ")
    assert words.elapsed.search("sau một tháng ") and words.elapsed.search("sau 3 năm ")
    assert not words.elapsed.search("sau khi ")
    assert words.scenario.search("Tình huống giả định: khoảng 9 giờ") and not words.scenario.search("tình hình")
