"""Event rules of the language behind set J's failures (tests/gold_j/FAILURES.md), on sentences of our own.

Each rule has a positive and a negative case; rows are (index, type, date, province, ward, parent, trigger).
"""

from __future__ import annotations

from datetime import date

from extractors.event_dates import _weekday_bracket
from tests.extractors.event_rows import rows


AWARD = "Sáng 10/6, Công an tỉnh Nghệ An tổ chức lễ khen thưởng Ban chuyên án phá nhanh vụ trộm cắp tài sản.\n\n"


# 1: the offence told with its own day is a step of the case: a crime of that day
def test_events_a_robbery_told_on_its_own_day_is_a_crime(doc_of):
    text = (AWARD + "Trước đó, khoảng 20 giờ ngày 3/6, một đối tượng cầm dao xông vào cửa hàng điện thoại, cướp "
            "4 chiếc điện thoại rồi bỏ chạy. Ngày 5/6, các trinh sát đã bắt giữ đối tượng.")
    assert rows(doc_of, text, "2024-06-11") == [
        (0, "commendation", date(2024, 6, 10), "Nghệ An", None, None, "lễ khen thưởng"),
        (1, "crime", date(2024, 6, 3), "Nghệ An", None, None, "cướp"),
        (2, "crime", date(2024, 6, 5), "Nghệ An", None, None, "bắt giữ"),
    ]


def test_events_a_theft_told_on_its_own_day_is_a_crime(doc_of):
    text = ("Ngày 9/5, Công an huyện Yên Thành bắt giữ Vũ Văn K. về hành vi trộm cắp tài sản.\n\n"
            "Theo cơ quan công an, ngày 2/5, K. lấy trộm 2 xe đạp điện tại chợ Bình An.")
    assert rows(doc_of, text, "2024-05-10") == [
        (0, "crime", date(2024, 5, 9), "Nghệ An", None, None, "bắt giữ"),
        (1, "crime", date(2024, 5, 2), "Nghệ An", None, None, "lấy trộm"),
    ]


def test_events_an_offence_verb_naming_the_suspect_is_no_offence_told(doc_of):
    for noun in ("đối tượng", "nhóm", "vụ"):
        text = AWARD + f"Ngày 4/6, người dân đã cung cấp cho Công an xã Nghi Lộc thông tin về {noun} cướp tài sản."
        assert rows(doc_of, text, "2024-06-11") == [
            (0, "commendation", date(2024, 6, 10), "Nghệ An", None, None, "lễ khen thưởng")], noun


def test_events_an_offence_told_without_a_day_is_no_event(doc_of):
    text = (AWARD + "Đối tượng khai nhận đã nhiều lần cướp tài sản, lấy trộm xe máy của người đi đường.")
    assert rows(doc_of, text, "2024-06-11") == [
        (0, "commendation", date(2024, 6, 10), "Nghệ An", None, None, "lễ khen thưởng")]


# 2: a word holding a trigger that says something else ("bốc thăm", "thăm khám") reports no visit
FESTIVAL = "Sáng 8/6, Công an tỉnh Hà Tĩnh khai mạc hội thao năm 2024.\n\n"


def test_events_drawing_lots_is_no_visit(doc_of):
    text = FESTIVAL + "Trước đó, ngày 5/6, Ban tổ chức đã bốc thăm chia bảng cho 12 đội bóng."
    assert [r[1:3] for r in rows(doc_of, text, "2024-06-09")] == [("other", date(2024, 6, 8))]


def test_events_a_visit_on_a_day_of_its_own_is_still_one(doc_of):
    text = FESTIVAL + "Trước đó, ngày 5/6, Ban tổ chức đã đến thăm 12 đội bóng."
    assert [r[1:3] for r in rows(doc_of, text, "2024-06-09")] == [("other", date(2024, 6, 8)),
                                                                   ("visit", date(2024, 6, 5))]


def test_events_a_medical_examination_is_no_visit(doc_of):
    text = ("Ngày 4/6, Đoàn Thanh niên Công an tỉnh Hà Tĩnh phối hợp với Bệnh viện tỉnh thăm khám, cấp thuốc miễn phí "
            "cho 300 người dân.")
    assert [r[1] for r in rows(doc_of, text, "2024-06-05")] != ["visit"]
    assert all(r[6] != "thăm" for r in rows(doc_of, text, "2024-06-05"))


# 3: a day in brackets after a weekday ("Thứ Sáu (7/6)") is the day the sentence tells, not an aside
def test_events_a_weekday_with_its_day_in_brackets_dates_the_event(doc_of):
    text = ("Thứ Sáu (7/6), đoàn công tác Bộ Công an làm việc với Công an tỉnh Hà Tĩnh.\n\n"
            "Trước đó, chiều 6/6, đoàn đã đến thăm 20 gia đình chính sách ở xã Thạch Hạ.")
    assert rows(doc_of, text, "2024-06-08") == [
        (0, "visit", date(2024, 6, 7), "Hà Tĩnh", None, None, "làm việc với"),
        (1, "visit", date(2024, 6, 6), "Hà Tĩnh", "Thạch Hạ", None, "đến thăm"),
    ]


def test_events_weekday_bracket_words():
    found = _weekday_bracket()
    for before in ("Thứ Sáu (", "sáng thứ bảy (", "Chủ nhật (", "thứ 6 ("):
        assert found.search(before), before
    for before in ("Công an tỉnh Hà Tĩnh (", "lần thứ 6 (", "kỳ họp thứ 5 (", "Thứ Sáu "):
        assert not found.search(before), before


# 4: a unit completing a case file on a day of its own is a step of the case
def test_events_a_case_file_completed_on_its_day_is_a_crime(doc_of):
    text = (AWARD + "Ngày 8/6, Công an xã Nghi Lộc đã hoàn thiện hồ sơ, chuyển Cơ quan Cảnh sát điều tra Công an "
            "tỉnh thụ lý theo thẩm quyền.")
    assert rows(doc_of, text, "2024-06-11")[1][1:3] == ("crime", date(2024, 6, 8))


def test_events_a_case_file_being_completed_is_no_event(doc_of):
    text = AWARD + "Hiện Công an huyện đang hoàn thiện hồ sơ để xử lý theo quy định."
    assert rows(doc_of, text, "2024-06-11") == [
        (0, "commendation", date(2024, 6, 10), "Nghệ An", None, None, "lễ khen thưởng")]


# 5: a safety inspection on its own day is an action of its own; a reminder written up at it is no sanction
def test_events_a_safety_inspection_on_its_own_day_is_an_action_not_a_fine(doc_of):
    text = ("Rạng sáng 3/6, một kho hàng trên đường Lê Lợi, phường Hưng Bình bốc cháy.\n\n"
            "Trước đó, ngày 25/5, Công an phường Hưng Bình đã kiểm tra an toàn phòng cháy tại 30 cơ sở, lập biên "
            "bản nhắc nhở 4 cơ sở.")
    assert [r[1:5] for r in rows(doc_of, text, "2024-06-04")] == [("accident", date(2024, 6, 3), "Nghệ An", "Hưng Bình"),
                                                                   ("other", date(2024, 5, 25), "Nghệ An", "Hưng Bình")]


def test_events_a_safety_inspection_without_a_day_is_no_event(doc_of):
    text = ("Rạng sáng 3/6, một kho hàng trên đường Lê Lợi, phường Hưng Bình bốc cháy.\n\n"
            "Công an phường thường xuyên kiểm tra an toàn phòng cháy tại các cơ sở kinh doanh.")
    assert [r[1:3] for r in rows(doc_of, text, "2024-06-04")] == [("accident", date(2024, 6, 3))]


def test_events_a_violation_written_up_on_its_day_is_still_a_fine(doc_of):
    text = ("Rạng sáng 3/6, một kho hàng trên đường Lê Lợi, phường Hưng Bình bốc cháy.\n\n"
            "Trước đó, ngày 25/5, Công an phường Hưng Bình đã lập biên bản vi phạm hành chính đối với 4 cơ sở.")
    assert [r[1:3] for r in rows(doc_of, text, "2024-06-04")] == [("accident", date(2024, 6, 3)),
                                                                   ("crime", date(2024, 5, 25))]


# 6: a side step told "tại tỉnh B" happened in that province
def test_events_an_arrest_told_in_another_province_is_placed_there(doc_of):
    text = (AWARD + "Trước đó, ngày 3/6, một đối tượng cướp 2 chiếc xe máy tại xã Nghi Phong. Ngày 5/6, Ban chuyên án "
            "đã bắt giữ đối tượng khi đang lẩn trốn tại tỉnh Quảng Bình.")
    assert [r[1:5] for r in rows(doc_of, text, "2024-06-11")] == [
        ("commendation", date(2024, 6, 10), "Nghệ An", None),
        ("crime", date(2024, 6, 3), "Nghệ An", "Nghi Phong"),
        ("crime", date(2024, 6, 5), "Quảng Trị", None),
    ]


def test_events_a_province_named_as_a_residence_does_not_place_the_arrest(doc_of):
    text = (AWARD + "Ngày 5/6, Ban chuyên án đã bắt giữ Lê Văn T. (trú tại tỉnh Quảng Bình) tại nhà riêng.")
    assert [r[1:5] for r in rows(doc_of, text, "2024-06-11")] == [
        ("commendation", date(2024, 6, 10), "Nghệ An", None),
        ("crime", date(2024, 6, 5), "Nghệ An", None),
    ]


# 7: a leader inspecting a unit's work on a day of its own ("kiểm tra việc ...") is a visit; without a day, a duty
CONFERENCE = "Ngày 12/3, Công an tỉnh Hà Tĩnh tổ chức hội nghị triển khai công tác năm 2025.\n\n"


def test_events_an_inspection_of_work_on_its_own_day_is_a_visit(doc_of):
    text = CONFERENCE + "Trước đó, sáng 10/3, Đại tá Trần Văn Bình đã kiểm tra việc cấp hộ chiếu tại xã Thạch Hạ."
    assert rows(doc_of, text, "2025-03-13") == [
        (0, "conference", date(2025, 3, 12), "Hà Tĩnh", None, None, "hội nghị triển khai"),
        (1, "visit", date(2025, 3, 10), "Hà Tĩnh", "Thạch Hạ", None, "kiểm tra việc"),
    ]


def test_events_an_inspection_of_work_without_a_day_is_no_event(doc_of):
    text = CONFERENCE + "Lãnh đạo Công an tỉnh thường xuyên kiểm tra việc chấp hành quy định tại các đơn vị."
    assert rows(doc_of, text, "2025-03-13") == [
        (0, "conference", date(2025, 3, 12), "Hà Tĩnh", None, None, "hội nghị triển khai")]


# 2 (continued): "trộm", "trộm cắp" with what was taken counted, on a day of its own
def test_events_a_counted_theft_on_its_own_day_is_a_crime(doc_of):
    text = ("Ngày 9/5, Công an huyện Yên Thành bắt giữ Vũ Văn K. về hành vi trộm cắp tài sản.\n\n"
            "Theo cơ quan công an, rạng sáng 2/5, đối tượng đã trộm cắp 2 con bò của một hộ dân ở xã Hợp Thành.")
    assert [r[1:5] for r in rows(doc_of, text, "2024-05-10")] == [
        ("crime", date(2024, 5, 9), "Nghệ An", None), ("crime", date(2024, 5, 2), "Nghệ An", "Hợp Thành")]


def test_events_theft_named_without_a_count_is_no_step(doc_of):
    text = ("Ngày 9/5, Công an huyện Yên Thành bắt giữ Vũ Văn K. về hành vi trộm cắp tài sản.\n\n"
            "Rạng sáng 2/5, người dân phát hiện đối tượng có biểu hiện trộm cắp tài sản nên đã báo tin.")
    assert [r[1:3] for r in rows(doc_of, text, "2024-05-10")][:1] == [("crime", date(2024, 5, 9))]
    assert all(r[6] not in ("trộm", "trộm cắp") for r in rows(doc_of, text, "2024-05-10"))


# 3: a sentence cut inside a victim's initials ("chị N.T." + "H. (SN 2001) ... bị ... giật") keeps the day before it
def test_events_a_victims_passive_after_split_initials_keeps_its_day(doc_of):
    text = (AWARD + "Trước đó, khoảng 21 giờ ngày 2/6, chị N.T.H. (SN 1999) đang đi bộ trên đường Lê Lợi thì bị hai "
            "thanh niên đi xe máy áp sát, giật chiếc túi xách rồi bỏ chạy.")
    assert [r[1:3] for r in rows(doc_of, text, "2024-06-11")] == [("commendation", date(2024, 6, 10)),
                                                                   ("crime", date(2024, 6, 2))]


def test_events_initials_split_without_a_day_before_give_no_crime(doc_of):
    text = (AWARD + "Theo trình báo, chị N.T.H. (SN 1999) đang đi bộ trên đường Lê Lợi thì bị hai thanh niên đi xe "
            "máy áp sát, giật chiếc túi xách rồi bỏ chạy.")
    assert [r[1:3] for r in rows(doc_of, text, "2024-06-11")] == [("commendation", date(2024, 6, 10))]
