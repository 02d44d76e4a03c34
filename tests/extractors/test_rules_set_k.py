"""Rules of the language behind set K's failures (tests/gold_k/FAILURES.md), on sentences of our own.

Each rule has a positive and a negative case. Event rows are (type, date, province, ward).
"""

from __future__ import annotations

from datetime import date

import pytest

from extractors.event_dates import _weekday_bracket
from pipeline.article import Article
from pipeline.document import build_nlp, process


def events(doc_of, text, published):
    return [(e.event_type, e.event_date, e.province, e.ward) for e in doc_of(text, published)._.events]


def titles(doc_of, text, published="2024-05-10"):
    return {o.name: o.titles for o in doc_of(text, published)._.officials}


@pytest.fixture(scope="module")
def days_of():
    nlp = build_nlp(["vnie_dates"])

    def run(text: str, published: str = "2023-10-20"):
        doc = process(nlp, Article(source="test.txt", text=text, published=published))
        return [(d.text, d.value) for d in doc._.date_mentions if d.granularity == "day"]

    return run


# 1: days listed before their month after a part of the day ("đêm 5 và 6/11") are both days
def test_dates_days_listed_after_a_part_of_the_day(days_of):
    assert days_of("Đêm 14 và 15/10, nhóm đối tượng lấy trộm 3 con bò.") == [("14", "2023-10-14"),
                                                                           ("15/10", "2023-10-15")]
    assert days_of("Sáng 8, 9/10, đoàn công tác làm việc tại xã Yên Lạc.") == [("8", "2023-10-08"),
                                                                             ("9/10", "2023-10-09")]


def test_dates_a_part_of_the_day_before_a_number_of_people_is_no_day(days_of):
    assert days_of("Tối 20 người dân đến dự buổi sinh hoạt.") == []
    assert days_of("Sáng 5 - 6 người đi tuần tra.") == []


def test_events_an_offence_on_two_nights_is_dated_by_the_first(doc_of):
    text = ("Ngày 20/10, Công an huyện Yên Thành khởi tố vụ án trộm cắp tài sản.\n\n"
            "Theo điều tra, đêm 14 và 15/10, hai đối tượng lấy trộm 3 con bò của người dân tại xã Bảo Thành.")
    assert events(doc_of, text, "2023-10-21") == [("crime", date(2023, 10, 20), "Nghệ An", None),
                                                  ("crime", date(2023, 10, 14), "Nghệ An", "Bảo Thành")]


# 2: a day of Tết with its solar day in brackets ("sáng mùng 3 Tết (12/2)") is the day the sentence tells
def test_event_dates_a_day_of_tet_before_a_bracket_is_the_sentence_day():
    pattern = _weekday_bracket()
    for before in ("Sáng mùng 3 Tết (", "chiều mồng 4 Tết Giáp Thìn (", "mùng 6 ("):
        assert pattern.search(before), before
    for before in ("số 3 (", "Đội 3 (", "lần thứ 3 ("):
        assert not pattern.search(before), before


def test_events_an_accident_on_a_day_of_tet_written_in_brackets(doc_of):
    text = ("Ngày 16/2, Công an tỉnh Hà Nam tổ chức hội nghị rút kinh nghiệm công tác bảo đảm trật tự an toàn "
            "giao thông dịp Tết.\n\n"
            "Sáng mùng 3 Tết (12/2), tại xã Thanh Hà, huyện Thanh Liêm, một ô tô con va chạm với xe máy khiến "
            "2 người bị thương.")
    assert events(doc_of, text, "2024-02-17") == [("conference", date(2024, 2, 16), "Ninh Bình", None),
                                                  ("accident", date(2024, 2, 12), "Ninh Bình", "Thanh Hà")]


def test_events_a_bracketed_day_after_another_word_stays_an_aside(doc_of):
    text = ("Ngày 16/2, Công an tỉnh Hà Nam tổ chức hội nghị rút kinh nghiệm công tác bảo đảm trật tự an toàn "
            "giao thông dịp Tết.\n\n"
            "Theo báo cáo, tai nạn xảy ra tại xã Thanh Hà (ngày 12/2) đã được điều tra làm rõ.")
    assert [r[:2] for r in events(doc_of, text, "2024-02-17")] == [("conference", date(2024, 2, 16))]


# 3: "Từ ngày 5 đến 7/6, X tổ chức hội thao ...": the range of the event's own sentence dates it by its first day
def test_events_an_event_told_with_its_own_range_starts_on_its_first_day(doc_of):
    text = ("Từ ngày 5 đến 7/6, Công an tỉnh Hà Nam tổ chức hội thao truyền thống tại nhà thi đấu của tỉnh.\n\n"
            "Hội thao thu hút 350 vận động viên.")
    assert events(doc_of, text, "2024-06-08") == [("other", date(2024, 6, 5), "Ninh Bình", None)]


def test_events_a_period_results_are_counted_over_dates_no_event(doc_of):
    text = ("Từ ngày 1/7 đến nay, Công an huyện Kim Bảng đã bắt 12 đối tượng, khởi tố 9 vụ trộm cắp tài sản.")
    assert all(r[1] != date(2024, 7, 1) for r in events(doc_of, text, "2024-09-08"))


# 4: an inspection that ends in a sanction in its own clause is one crime of that day, no action beside it
MEETING = "Sáng 10/5, Công an tỉnh Hà Nam tổ chức hội nghị sơ kết công tác phòng cháy, chữa cháy.\n\n"


def test_events_an_inspection_ending_in_a_fine_is_the_fine(doc_of):
    text = (MEETING + "Trước đó, ngày 2/5, Đội Cảnh sát phòng cháy, chữa cháy khu vực Phủ Lý đã kiểm tra an toàn phòng "
            "cháy tại một cửa hàng xăng dầu, lập biên bản vi phạm và phạt 12 triệu đồng.")
    assert [r[:2] for r in events(doc_of, text, "2024-05-11")] == [("conference", date(2024, 5, 10)),
                                                                   ("crime", date(2024, 5, 2))]


def test_events_an_inspection_without_a_sanction_is_an_action(doc_of):
    text = (MEETING + "Trước đó, ngày 2/5, Đội Cảnh sát phòng cháy, chữa cháy khu vực Phủ Lý đã kiểm tra an toàn phòng "
            "cháy tại 14 cửa hàng xăng dầu trên địa bàn.")
    assert [r[:2] for r in events(doc_of, text, "2024-05-11")] == [("conference", date(2024, 5, 10)),
                                                                   ("other", date(2024, 5, 2))]


# 5: "cùng" after a person's position and its parent unit joins who acted with the person, not more bodies
def test_officials_a_parent_unit_before_cung_stays_in_the_title(doc_of):
    text = ("Nhận tin báo, Thượng úy Trần Văn Lộc, Phó Đội trưởng Đội Cảnh sát hình sự, Công an huyện Kim Bảng "
            "cùng các trinh sát có mặt tại hiện trường.")
    assert titles(doc_of, text) == {"Trần Văn Lộc": ("Phó Đội trưởng Đội Cảnh sát hình sự, Công an huyện Kim Bảng",)}


def test_officials_cung_after_a_unit_with_no_person_joins_no_title(doc_of):
    text = "Phòng Cảnh sát hình sự, Công an tỉnh Hà Nam cùng các đơn vị nghiệp vụ đã vào cuộc điều tra."
    assert titles(doc_of, text) == {}


# 6: a unit's name holding a position word ("Bộ Chỉ huy ...") after a preposition is no position before a name
def test_officials_a_unit_named_after_tai_gives_no_position(doc_of):
    text = "Tại Bộ Chỉ huy Quân sự tỉnh, Đại tá Hoàng Minh Tâm, Chính ủy báo cáo kết quả huấn luyện."
    assert titles(doc_of, text) == {"Hoàng Minh Tâm": ("Chính ủy",)}


def test_officials_a_position_before_a_rank_and_name_is_still_read(doc_of):
    text = "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh, Đại tá Hoàng Minh Tâm phát biểu tại buổi lễ."
    assert titles(doc_of, text) == {"Hoàng Minh Tâm": ("Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh",)}


# 7: "Cục Hậu cần" is a unit's name: "cần" there is no verb ending the position
def test_officials_a_logistics_department_is_one_unit(doc_of):
    text = "Dự buổi lễ có Đại tá Lê Văn Thuận, Phó Cục trưởng Cục Hậu cần Quân khu 7."
    assert titles(doc_of, text) == {"Lê Văn Thuận": ("Phó Cục trưởng Cục Hậu cần Quân khu 7",)}


# 8: a report summing up a drive over a range ("Ngày 31/1, ... cho biết, trong đợt cao điểm từ ngày 10/1 đến 30/1, ...
# đã lập biên bản 3.200 trường hợp") tallies results: the drive is the news (an action on its first day), no sanction
def titled_events(nlp, title, text, published):
    doc = process(nlp, Article(source="test.txt", text=text, title=title, published=published))
    return [(e.event_type, e.event_date) for e in doc._.events]


def test_events_a_drive_summed_up_by_a_report_is_no_sanction(nlp):
    title = "Xử phạt hơn 3.200 trường hợp vi phạm giao thông dịp Tết"
    text = ("Ngày 20/2, Phòng Cảnh sát giao thông Công an tỉnh Hà Nam cho biết, trong đợt cao điểm từ ngày 1/2 đến "
            "18/2, lực lượng chức năng đã lập biên bản 3.215 trường hợp vi phạm, phạt tiền hơn 2 tỷ đồng.\n\n"
            "Sáng 12/2, tại xã Thanh Hà, một ô tô con va chạm với xe máy khiến 2 người bị thương.")
    assert titled_events(nlp, title, text, "2024-02-21") == [("other", date(2024, 2, 1)),
                                                             ("accident", date(2024, 2, 12))]


def test_events_a_fine_told_on_its_own_day_stays_a_crime(nlp):
    title = "Xử phạt tài xế xe tải vi phạm nồng độ cồn"
    text = ("Ngày 20/2, tại quốc lộ 1, tổ công tác Phòng Cảnh sát giao thông Công an tỉnh Hà Nam đã lập biên bản "
            "tài xế xe tải vi phạm nồng độ cồn, phạt tiền 30 triệu đồng.")
    assert titled_events(nlp, title, text, "2024-02-21") == [("crime", date(2024, 2, 20))]


# 9: a border post's parent written in brackets after its name places its officer in an article naming two provinces
def provinces(doc_of, text, published="2026-02-07"):
    return {o.name: o.province for o in doc_of(text, published)._.officials}


def test_officials_a_post_with_its_parent_in_brackets_takes_the_parent_province(doc_of):
    text = ("Ngày 6/2, Đồn Biên phòng cửa khẩu quốc tế Tân Nam (Bộ Chỉ huy Bộ đội Biên phòng tỉnh Đồng Nai) bắt giữ một đối tượng bị "
            "Công an tỉnh Hà Tĩnh truy nã.\n\nThiếu tá Vũ Văn Hòa, Đồn trưởng Đồn Biên phòng cửa khẩu quốc tế Tân Nam cho biết như vậy.")
    assert provinces(doc_of, text) == {"Vũ Văn Hòa": "Đồng Nai"}


def test_officials_a_post_without_its_parent_in_two_provinces_takes_none(doc_of):
    text = ("Ngày 6/2, Đồn Biên phòng cửa khẩu quốc tế Tân Nam bắt giữ một đối tượng bị Công an tỉnh Hà Tĩnh truy nã tại tỉnh Đồng "
            "Nai.\n\nThiếu tá Vũ Văn Hòa, Đồn trưởng Đồn Biên phòng cửa khẩu quốc tế Tân Nam cho biết như vậy.")
    assert provinces(doc_of, text) == {"Vũ Văn Hòa": None}


# 10: count units: a verb after the noun ends it ("thanh niên nhập ngũ", "công nhân ngủ lại"); words saying which kind
# stay ("quân nhân dự bị", "trường hợp vi phạm nồng độ cồn"); soldiers and men and women counted are people
def counts(doc_of, text):
    return [(c.value, c.unit, c.category) for c in doc_of(text, "2024-05-10")._.counts]


def test_counts_units_end_at_a_verb_and_keep_their_kind(doc_of):
    text = ("Năm 2023, huyện giao 415 thanh niên nhập ngũ, huấn luyện 620 quân nhân dự bị; phát hiện 82 trường hợp "
            "vi phạm nồng độ cồn; đưa 9 công nhân ngủ trong xưởng ra ngoài.")
    assert counts(doc_of, text) == [(415.0, "thanh niên", "people"), (620.0, "quân nhân dự bị", "people"),
                                    (82.0, "trường hợp vi phạm nồng độ cồn", "cases"), (9.0, "công nhân", "people")]


def test_counts_men_and_women_counted_are_people(doc_of):
    assert counts(doc_of, "Đoàn gồm 14 người (9 nam, 5 nữ) đã được đưa về địa phương.") == [
        (14.0, "người", "people"), (9.0, "nam", "people"), (5.0, "nữ", "people")]


def test_counts_a_verb_after_a_measure_still_ends_it(doc_of):
    assert counts(doc_of, "Lực lượng chức năng thu giữ 12 kg pháo nổ cất giấu trong nhà.") == [
        (12.0, "kg pháo nổ", "quantity")]


# 11: units taking part ("27 đơn vị") are organisations, not people; "tranh tài" is a verb after the noun
def test_counts_units_taking_part_are_other(doc_of):
    assert counts(doc_of, "Hội thao có 350 vận động viên của 18 đơn vị tranh tài ở 4 môn.") == [
        (350.0, "vận động viên", "people"), (18.0, "đơn vị", "other"), (4.0, "môn", "other")]


def test_counts_units_given_an_award_are_recipients(doc_of):
    assert [c[2] for c in counts(doc_of, "Giám đốc Công an tỉnh tặng Giấy khen cho 6 đơn vị có thành tích xuất sắc.")] \
        == ["awards"]


def test_events_a_drive_summed_up_under_a_sanction_title_alone_starts_on_its_first_day(nlp):
    title = "Xử phạt hơn 3.200 trường hợp vi phạm giao thông dịp Tết"
    text = ("Ngày 20/2, Phòng Cảnh sát giao thông Công an tỉnh Hà Nam cho biết, trong đợt cao điểm từ ngày 1/2 đến "
            "18/2, lực lượng chức năng đã lập biên bản 3.215 trường hợp vi phạm, phạt tiền hơn 2 tỷ đồng.")
    assert titled_events(nlp, title, text, "2024-02-21") == [("other", date(2024, 2, 1))]


def test_events_a_tally_without_a_drive_under_a_sanction_title_keeps_the_sanction(nlp):
    title = "Xử phạt hơn 3.200 trường hợp vi phạm giao thông"
    text = ("Ngày 20/2, Phòng Cảnh sát giao thông Công an tỉnh Hà Nam cho biết, từ đầu năm đến nay, lực lượng chức "
            "năng đã lập biên bản 3.215 trường hợp vi phạm, phạt tiền hơn 2 tỷ đồng.")
    assert [t for t, _ in titled_events(nlp, title, text, "2024-02-21")] == ["crime"]
