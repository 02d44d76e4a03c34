"""Dates: forms, ranges, parts of day, year inference and what is not a date (vnie_dates)."""

from __future__ import annotations

import pytest

from extractors.dates import FUTURE_GRACE_DAYS, DateFinder, DateWords, Published, parse_published
from gazetteer import read_gazetteer
from pipeline.article import Article
from pipeline.document import build_nlp, process


@pytest.fixture(scope="module")
def dates_of():
    nlp = build_nlp(["vnie_dates"])

    def run(text: str, published: str | None = "2025-07-30", every: bool = False):
        doc = process(nlp, Article(source="test.txt", text=text, published=published))
        return doc._.date_mentions if every else doc._.dates

    return run


def days(found):
    return [d.value for d in found if d.granularity == "day"]


@pytest.mark.parametrize("text, value, written", [
    ("Sáng 14/6, phường tổ chức ngày hội.", "2025-06-14", "14/6"),
    ("Ngày 14-6, Công an xã ra quân.", "2025-06-14", "14-6"),
    ("Chiều 17.7, đoàn công tác đến thăm.", "2025-07-17", "17.7"),
    ("Ngày 12/5/2024, tòa tuyên án.", "2024-05-12", "12/5/2024"),
    ("Ngày 12-5-2024, tòa tuyên án.", "2024-05-12", "12-5-2024"),
    ("Hôm 12.5.2024, tòa tuyên án.", "2024-05-12", "12.5.2024"),
    ("Quyết định ký ngày 9 tháng 4 năm 2024 của Chủ tịch UBND tỉnh.", "2024-04-09", "9 tháng 4 năm 2024"),
    ("Ngày 3 tháng 7, đoàn khảo sát thực địa.", "2025-07-03", "3 tháng 7"),
    ("Ngày 02/07/2025, xã tổ chức hội nghị.", "2025-07-02", "02/07/2025"),
])
def test_dates_forms(dates_of, text, value, written):
    [d] = [d for d in dates_of(text) if d.granularity == "day"]
    assert (d.value, d.text) == (value, written)
    assert text[d.start:d.end] == written


@pytest.mark.parametrize("text, part", [
    ("Sáng 14/6, hội nghị khai mạc.", "sáng"),
    ("Trưa 14/6, đoàn về đến xã.", "trưa"),
    ("Chiều ngày 14/6, lễ ra mắt diễn ra.", "chiều"),
    ("Tối 14/6, tổ tuần tra phát hiện vụ việc.", "tối"),
    ("Đêm 14/6, mưa lớn gây ngập.", "đêm"),
    ("Rạng sáng 27/7, lực lượng chức năng ập vào.", "sáng"),
    ("Khoảng 21h30 ngày 14/6, tài xế bỏ chạy.", "tối"),
    ("Khoảng 14 giờ ngày 14/6, xảy ra va chạm.", "chiều"),
    ("Ngày 14/6, xã tổ chức ngày hội.", None),
])
def test_dates_part_of_day(dates_of, text, part):
    [d] = dates_of(text)
    assert d.part_of_day == part


def test_dates_range_first_end_takes_year_of_second(dates_of):
    found = dates_of("Đợt kiểm tra diễn ra từ 9/12 đến 13/12/2024.", published="2025-01-05")
    assert days(found) == ["2024-12-09", "2024-12-13"]


def test_dates_range_across_new_year(dates_of):
    found = dates_of("Đợt cao điểm kéo dài từ 28/12 đến 3/1/2026.", published="2026-01-10")
    assert days(found) == ["2025-12-28", "2026-01-03"]


def test_dates_range_bare_first_day(dates_of):
    found = dates_of("Mưa lũ kéo dài từ ngày 7 - 19/11 gây thiệt hại.", published="2025-11-25")
    assert days(found) == ["2025-11-07", "2025-11-19"]
    assert [d.text for d in found] == ["7", "19/11"]


def test_dates_range_bare_first_day_in_brackets(dates_of):
    found = dates_of("Trong 2 ngày (14 - 15/3/2023), đoàn làm việc tại tỉnh.", published=None)
    assert days(found) == ["2023-03-14", "2023-03-15"]


def test_dates_two_days_joined_by_va(dates_of):
    found = dates_of("Hội thao diễn ra trong các ngày 21 và 22/6.")
    assert days(found) == ["2025-06-21", "2025-06-22"]


def test_dates_full_range(dates_of):
    found = dates_of("Kỷ niệm 15 năm thành lập (12/9/2007 – 12/9/2022).", published="2022-09-20")
    assert days(found) == ["2007-09-12", "2022-09-12"]


@pytest.mark.parametrize("text, published, want", [
    ("Đợt kiểm tra chéo diễn ra từ 09/8 đến 13/8/2024 tại các xã.", None,
     [("09/8", "2024-08-09"), ("13/8/2024", "2024-08-13")]),
    ("Đợt kiểm tra chéo diễn ra 09/8-13/8/2024 tại các xã.", None,
     [("09/8", "2024-08-09"), ("13/8/2024", "2024-08-13")]),
    ("Các tổ công tác trực chiến từ ngày 28/8-12/10 trên tuyến quốc lộ.", "2025-09-02",
     [("28/8", "2025-08-28"), ("12/10", "2025-10-12")]),
    ("Kỷ niệm 80 năm Ngày truyền thống lực lượng (19/8/1945-19/8/2025).", "2025-08-18",
     [("19/8/1945", "1945-08-19"), ("19/8/2025", "2025-08-19")]),
    ("Lớp tập huấn diễn ra từ ngày 8 đến 11/12/2025 tại hội trường.", None,
     [("8", "2025-12-08"), ("11/12/2025", "2025-12-11")]),
    ("Chương trình kéo dài từ 28/12-4/1/2026 ở các phường.", None,
     [("28/12", "2025-12-28"), ("4/1/2026", "2026-01-04")]),
    ("Giải cờ tướng diễn ra từ 6.8 đến 10.8.2024 ở nhà văn hóa.", None,
     [("6.8", "2024-08-06"), ("10.8.2024", "2024-08-10")]),
    ("Giải cờ tướng diễn ra từ 6-8 đến 10-8-2024 ở nhà văn hóa.", None,
     [("6-8", "2024-08-06"), ("10-8-2024", "2024-08-10")]),
    ("Hội thao diễn ra trong hai ngày 30-31/8 tại sân vận động xã.", "2025-09-02",
     [("30", "2025-08-30"), ("31/8", "2025-08-31")]),
    ("Giải bóng đá diễn ra từ ngày 8-11/12/2025 tại nhà thi đấu.", None,
     [("8", "2025-12-08"), ("11/12/2025", "2025-12-11")]),
])
def test_dates_every_range_form_gives_both_ends(dates_of, text, published, want):
    found = dates_of(text, published=published, every=True)
    assert [(d.text, d.value) for d in found] == want
    assert all(text[d.start:d.end] == d.text for d in found)


@pytest.mark.parametrize("text", [
    "Tỷ số hai hiệp là 3/1-2/0 nghiêng về đội chủ nhà.",
    "Văn bản số 12/5-3/QĐ đã được gửi tới các xã.",
    "Mỗi tổ có từ 3-5 người, trực từ 6-8 giờ mỗi ngày.",
    "Chỉ số tăng từ 9.8 đến 13.5 điểm trong năm.",
])
def test_dates_dash_between_codes_or_scores_is_no_range(dates_of, text):
    assert days(dates_of(text)) == []


def test_dates_document_day_is_a_date_but_not_its_number(dates_of):
    found = dates_of("Căn cứ Quyết định số 12/QĐ-UBND ngày 18/11/2022 của UBND tỉnh, xã thành lập tổ tự quản.")
    assert [(d.text, d.value) for d in found] == [("18/11/2022", "2022-11-18")]


def test_dates_month_and_year_granularity(dates_of):
    found = dates_of("Từ tháng 8/2023 đến nay, trong năm 2025 và giai đoạn 2022 - 2025, xã chú trọng phong trào.")
    assert [(d.value, d.granularity) for d in found] == [
        ("2023-08", "month"), ("2025", "year"), ("2022", "year")]
    every = dates_of("Giai đoạn 2022 - 2025, xã có nhiều chuyển biến.", every=True)
    assert [(d.value, d.granularity) for d in every] == [("2022", "year"), ("2025", "year")]


def test_dates_month_in_words(dates_of):
    [d] = dates_of("Trong tháng 3 năm 2024, lực lượng công an ra quân.")
    assert (d.value, d.granularity, d.text) == ("2024-03", "month", "tháng 3 năm 2024")


def test_dates_bare_month_takes_the_publication_year(dates_of):
    [d] = dates_of("Trong tháng 6, xã đã xử lý nhiều vụ việc.", published="2025-07-30")
    assert (d.value, d.granularity) == ("2025-06", "month")


def test_dates_distinct_per_article_every_mention_kept_aside(dates_of):
    text = "Sáng 14/6, xã tổ chức ngày hội. Ngày 14/6 cũng là ngày ra mắt mô hình."
    assert days(dates_of(text)) == ["2025-06-14"]
    assert days(dates_of(text, every=True)) == ["2025-06-14", "2025-06-14"]


# -- year inference ------------------------------------------------------------------------


def test_dates_day_after_publication_is_previous_year(dates_of):
    [d] = dates_of("Ngày 20/12, Bộ Công an ban hành kế hoạch.", published="2025-03")
    assert d.value == "2024-12-20"


def test_dates_day_before_publication_is_same_year(dates_of):
    [d] = dates_of("Ngày 5/1, tổ công tác phát hiện xe vi phạm.", published="2026-01")
    assert d.value == "2026-01-05"


def test_dates_day_soon_after_publication_is_an_announced_day(dates_of):
    # a day within FUTURE_GRACE_DAYS after publication is a coming day of the same year
    assert FUTURE_GRACE_DAYS >= 14
    [d] = dates_of("Cuộc thi sẽ diễn ra vào ngày 5/8.", published="2025-07-30")
    assert d.value == "2025-08-05"


@pytest.mark.parametrize("text", [
    "Giám đốc Công an tỉnh yêu cầu các đơn vị phấn đấu hoàn thành chỉ tiêu trước ngày 20/12.",
    "Công trình sẽ được bàn giao trước ngày 20/12.",
    "Các xã phải nộp hồ sơ chậm nhất ngày 20/12.",
    "Ngày 20/12 tới, Công an tỉnh tổ chức hội nghị tổng kết.",
    "Theo kế hoạch, ngày 20/12, Công an tỉnh tổ chức hội nghị tổng kết.",
    "Giám đốc Công an tỉnh yêu cầu hoàn thành việc cấp thẻ đến ngày 20/12.",
])
def test_dates_a_deadline_later_in_the_year_keeps_the_publication_year(dates_of, text):
    [d] = dates_of(text, published="2025-10-05")
    assert d.value == "2025-12-20"


@pytest.mark.parametrize("text", [
    "Tính đến ngày 20/12, toàn tỉnh có 120 mô hình tự quản.",
    "Đến ngày 20/12, các đơn vị đã hoàn thành việc cấp thẻ căn cước.",
    "Ngày 20/12, Công an tỉnh sơ kết công tác.",
    "Ngày 20/12, Công an huyện cho biết sẽ tiếp tục mở rộng điều tra.",
    "Đến ngày 20/12, toàn tỉnh có 120 mô hình tự quản.",
])
def test_dates_a_day_late_in_the_year_told_as_done_is_last_year(dates_of, text):
    [d] = dates_of(text, published="2025-10-05")
    assert d.value == "2024-12-20"


@pytest.mark.parametrize("text", [
    "Đợt cao điểm diễn ra từ 1/12 đến 20/12, Công an tỉnh bắt giữ 12 đối tượng.",
    "Đợt cao điểm diễn ra từ 1/12 tới 20/12, Công an tỉnh bắt giữ 12 đối tượng.",
])
def test_dates_a_range_late_in_the_year_is_no_deadline(dates_of, text):
    assert days(dates_of(text, published="2026-01-10")) == ["2025-12-01", "2025-12-20"]


def test_dates_last_year_said_in_words(dates_of):
    [d] = dates_of("Năm ngoái, ngày 16/9, xã được tặng Bằng khen.", published="2019-08-27")
    assert d.value == "2018-09-16"


def test_dates_year_from_other_full_dates_without_publication(dates_of):
    text = "Ngày 14/3, Công an tỉnh tổng kết đợt cao điểm từ ngày 15/12/2023 đến 25/2/2024."
    assert days(dates_of(text, published=None)) == ["2024-03-14", "2023-12-15", "2024-02-25"]


def test_dates_year_mentions_lend_no_year_to_a_day(dates_of):
    # The guideline infers a day's year from the publication date or full dates only.
    [y] = dates_of("Ngày 14/6, phường tổ chức Ngày hội năm 2025.", published=None)
    assert (y.value, y.granularity) == ("2025", "year")


def test_dates_day_without_any_year_is_dropped(dates_of):
    assert dates_of("Ngày 14/6, phường tổ chức ngày hội.", published=None) == []


def test_dates_publication_precision():
    assert parse_published("2025-06-14T09:52:00+07:00") == Published(2025, 6, 14)
    assert parse_published("2023-08").last_day.isoformat() == "2023-08-31"
    assert parse_published("2024").last_day.isoformat() == "2024-12-31"
    assert parse_published(None) is None and parse_published("không rõ") is None


def test_dates_leap_day(dates_of):
    assert days(dates_of("Ngày 29/2, tổ công tác ra quân.", published="2024-03-10")) == ["2024-02-29"]
    assert dates_of("Ngày 30/2, tổ công tác ra quân.") == []


# -- not dates -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Lấy ngày 27-7 hằng năm là Ngày Thương binh - Liệt sĩ.",
    "Ngày 3/2 hàng năm là ngày thành lập Đảng.",
    "Vụ việc xảy ra lúc 09:52, đến 10h15 mới được xử lý.",
    "Thực hiện Đề án 04/CP của Chính phủ.",
    "Cáo trạng số 1875/CT-VKSTC truy tố bị can.",
    "Theo Quyết định Số 418/QĐ-UBND của UBND tỉnh.",
    "Căn cứ Nghị định 168/2024/NĐ-CP của Chính phủ.",
    "Thực hiện Thông tư 01/2024/TT-BCA của Bộ Công an.",
    "Có 2/3 số hộ tham gia mô hình.",
    "Đội bóng của xã thắng 3-1 trong trận chung kết.",
    "Tai nạn xảy ra tại Km 47+250 trên quốc lộ.",
    "Người dân gọi số 0912.345.678 để báo tin.",
    "Đối tượng sinh năm 1986, trú tại xã Tân Phú.",
    "Ngày 32/7 và ngày 12/13 không có thật.",
])
def test_dates_not_dates(dates_of, text):
    assert dates_of(text) == []


def test_dates_only_body_sentences(dates_of):
    nlp = build_nlp(["vnie_dates"])
    text = "Sáng 14/6, xã tổ chức ngày hội.\n\nTin liên quan: Ngày 18/7, Công an phường ra quân."
    doc_ = nlp.make_doc(text)
    doc_._.article = {"published": "2025-07-30"}
    doc_._.body_end = text.index("Tin liên quan")
    doc_ = nlp.get_pipe("vnie_dates")(doc_)
    assert [d.value for d in doc_._.dates] == ["2025-06-14"]


def test_dates_mentions(dates_of):
    [d] = dates_of("Sáng 14/6, xã tổ chức ngày hội.")
    [m] = d.mentions()
    assert (m.label, m.text, m.norm) == ("DATE", "14/6", "2025-06-14")


@pytest.mark.parametrize("stamp", ["Thứ Bảy, 14/06/2025 09:52 (GMT+7)", "09:52 14/06/2025", "Cập nhật: 14/06/2025 - 09:52"])
def test_dates_page_time_stamp_left_in_the_text_is_not_a_date(dates_of, stamp):
    text = f"{stamp}\n\nSáng 13/6, xã tổ chức ngày hội. Phường thành lập ngày 2/5/2025."
    assert days(dates_of(text)) == ["2025-06-13", "2025-05-02"]


def test_dates_month_range_takes_year_of_second(dates_of):
    found = dates_of("Từ tháng 3 đến tháng 7-2022, nhóm này đăng bài tuyển cộng tác viên.", published="2026-01-17")
    assert [(d.value, d.granularity) for d in found] == [("2022-03", "month"), ("2022-07", "month")]


def test_dates_day_month_with_dot_after_sang_nay(doc_of):
    doc = doc_of("Sáng nay 14.3, Công an huyện tổ chức hội nghị sơ kết.", published="2024-03")
    assert [(d.value, d.part_of_day) for d in doc._.dates] == [("2024-03-14", "sáng")]


def test_dates_a_year_standing_alone_lends_no_year(doc_of):
    doc = doc_of("Nhân dịp Tết Giáp Thìn 2024, chiều nay 3.2, đoàn công tác đến thăm Công an xã.")
    assert [d.value for d in doc._.dates if d.granularity == "day"] == []


def test_dates_code_numbers_are_not_years_standing_alone(doc_of):
    doc = doc_of("Chiều nay 3.2, đoàn công tác làm việc theo Kế hoạch số 2024/KH-CA.")
    assert doc._.dates == []


# -- the words are data: gazetteer/date_words.jsonl ----------------------------------------------------


def _entry(pattern, role, **extra):
    return {"label": "CUE", "pattern": pattern, "id": role.replace(" ", "_"), "role": role, **extra}


def test_dates_words_alternation_is_escaped_folded_and_longest_first():
    words = DateWords((_entry("sáng", "part of day"), _entry("rạng sáng", "part of day"), _entry("a.b", "part of day"),
                       _entry("niên khoá", "period cue"), _entry("thời kỳ", "period cue")))
    assert words.alt("part of day") == r"(?:rạng\ sáng|sáng|a\.b)"
    assert words.alt("period cue", spaces=r"\s+") == r"(?:niên\s+khóa|thời\s+kỳ)"  # old tone placement folded
    assert words.words("period cue", "part of day") == ["niên khóa", "rạng sáng", "thời kỳ", "sáng", "a.b"]


def test_dates_words_missing_role_is_an_error():
    with pytest.raises(ValueError, match="no word of role"):
        DateWords((_entry("sáng", "part of day"),)).alt("plan word")


def test_dates_every_role_the_finder_needs_is_in_the_gazetteer():
    roles = {e["role"] for e in read_gazetteer("date_words.jsonl")}
    assert roles == {"part of day", "weekday", "day word", "day cue", "range connector", "list connector",
                     "year range connector", "weak day cue", "recurrence word", "recurrence period", "birth cue",
                     "month cue", "period cue", "relative year", "relative year link", "plan word", "deadline cue",
                     "request word", "coming word", "done word", "publication-line cue",
                     "lunar day"}  # "lunar day": read by the events' dates (a day of Tết before its bracketed day)
    parts = {e["pattern"]: e["id"] for e in read_gazetteer("date_words.jsonl") if e["role"] == "part of day"}
    assert parts["chiều tối"] == "tối" and parts["khuya"] == "đêm"


def test_dates_a_word_added_to_the_data_changes_the_reading():
    """One line of data is the whole fix: "dự định" as a plan word keeps a late day in the publication year."""
    nlp = build_nlp(["vnie_document"])
    text = "Xã dự định khánh thành cây cầu mới vào ngày 28/12."
    article = Article(source="test.txt", text=text, published="2026-01-10")
    entries = read_gazetteer("date_words.jsonl")
    plain = DateFinder(DateWords(entries))(process(nlp, article))
    planned = DateFinder(DateWords(entries + (_entry("dự định", "plan word"),)))(process(nlp, article))
    assert [d.value for d in plain._.dates] == ["2025-12-28"]  # reported: last December
    assert [d.value for d in planned._.dates] == ["2026-12-28"]  # planned: this year's


def test_dates_relative_year_offsets_come_from_the_data(dates_of):
    found = dates_of("Năm ngoái, ngày 16/9, xã tổ chức lễ hội; năm nay, ngày 16/9, xã tổ chức lại.", published="2025-10-01",
                     every=True)
    assert [d.value for d in found if d.granularity == "day"] == ["2024-09-16", "2025-09-16"]


def test_dates_quick_checks_keep_upper_case_and_wordless_forms(dates_of):
    """A sentence is scanned for a form only when it holds what the form needs (a digit, a year, "tháng")."""
    found = dates_of("KẾ HOẠCH THÁNG 8/2023 CỦA XÃ. Không có ngày nào ở đây. Sáng 14/6, xã ra quân.", every=True)
    assert [(d.value, d.granularity) for d in found] == [("2023-08", "month"), ("2025-06-14", "day")]
    assert dates_of("Hôm nay trời đẹp, tháng này nhiều mưa.") == []
