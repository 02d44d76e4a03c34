"""Counts: the rules set H's blind run called for (issue 9): measures of any goods, categories by the head
noun's class, units running to the end of the noun phrase. Sentences are our own, not the set's."""

from __future__ import annotations

import pytest

from pipeline.article import Article
from pipeline.document import build_nlp, process


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(["vnie_dates", "vnie_counts"])


@pytest.fixture(scope="module")
def counts_of(nlp):
    def run(text: str):
        found = process(nlp, Article(source="test.txt", text=text, published="2025-07-30"))._.counts
        return [(c.value, c.unit, c.category, c.kind) for c in found]

    return run


# 6: a number and a measure word is a quantity whatever goods follow; a bare measure keeps the measure word
@pytest.mark.parametrize("text, expected", [
    ("Đoàn kiểm tra phát hiện 2,5 tấn đường cát không rõ nguồn gốc.",
     [(2.5, "tấn đường cát", "quantity", "total")]),
    ("Cơ quan chức năng tạm giữ 350 lít nước mắm và 4 tạ bột ngọt.",
     [(350.0, "lít nước mắm", "quantity", "total"), (4.0, "tạ bột ngọt", "quantity", "total")]),
    ("Con trăn được thả về rừng, trọng lượng 12,4 kg.", [(12.4, "kg", "quantity", "total")]),
    ("Trên xe có 30 bao gạo, khối lượng khoảng 1,5 tấn.",
     [(30.0, "bao gạo", "other", "total"), (1.5, "tấn", "quantity", "total")]),
])
def test_measure_of_any_goods_is_a_quantity(counts_of, text, expected):
    assert counts_of(text) == expected


@pytest.mark.parametrize("text", [
    "Chuyên án mang bí số 512G được phá thành công.",  # a code glued to the number, not a bare measure
    "Cửa hàng bán tăng 15% so với cùng kỳ.",  # a percentage is not a count
    "Đoạn đường dài 300 m xuống cấp.",  # a length of nothing named
    "Cháu bé nặng 3,2 kg khi chào đời.",  # a body weight: no noun of amount names what is measured
    "Chiếc xe tải 8 tấn chạy vào làn khẩn cấp.",  # a load class
])
def test_not_a_measure(counts_of, text):
    assert counts_of(text) == []


# 7: the category follows the head noun's class
@pytest.mark.parametrize("text, expected", [
    ("Khám xét nơi ở, công an thu giữ 2 thanh kiếm và 3 con dao.",
     [(2.0, "thanh kiếm", "weapons", "total"), (3.0, "con dao", "weapons", "total")]),
    ("Đoàn đã nhắc nhở 5 chủ hộ kinh doanh.", [(5.0, "chủ hộ kinh doanh", "people", "total")]),
    ("Tổ công tác lập biên bản 4 chủ tàu cá.", [(4.0, "chủ tàu cá", "people", "total")]),
    ("Công an xã xử lý 7 trường hợp khai thác đất trái phép.",
     [(7.0, "trường hợp khai thác đất trái phép", "cases", "total")]),
    ("Về vi phạm tốc độ, lực lượng chức năng lập biên bản 520 trường hợp, giảm 30 trường hợp.",
     [(520.0, "trường hợp", "cases", "total"), (30.0, "trường hợp", "cases", "change")]),
])
def test_category_by_head_noun(counts_of, text, expected):
    assert counts_of(text) == expected


def test_case_noun_without_a_breach_stays_other(counts_of):
    assert counts_of("Bệnh viện tiếp nhận 12 trường hợp nhập viện.") == [(12.0, "trường hợp nhập viện", "other", "total")]


# 8: the unit runs to the end of the noun phrase
@pytest.mark.parametrize("text, expected", [
    ("Công an huyện đã xóa 9 điểm, tụ điểm ma túy trong năm.", [(9.0, "điểm, tụ điểm ma túy", "points", "total")]),
    ("Đơn vị tiếp nhận 87 tin báo, tố giác tội phạm.", [(87.0, "tin báo, tố giác tội phạm", "other", "total")]),
    ("Huyện huy động 300 dân quân tự vệ tham gia.", [(300.0, "dân quân tự vệ", "people", "total")]),
    ("Đoàn có 25 xe mô tô đặc chủng diễu hành qua trung tâm.",
     [(25.0, "xe mô tô đặc chủng", "vehicles", "total")]),
    ("Kiểm lâm tạm giữ 4,2 m3 gỗ tròn.", [(4.2, "m3 gỗ tròn", "quantity", "total")]),
    ("Năm qua, lực lượng chức năng phát hiện 11 vụ buôn lậu hàng hóa, hàng cấm.",
     [(11.0, "vụ buôn lậu hàng hóa, hàng cấm", "cases", "total")]),
])
def test_unit_runs_to_end_of_noun_phrase(counts_of, text, expected):
    assert counts_of(text) == expected


def test_longer_list_keeps_no_kind_after_it(counts_of):
    assert counts_of("Người dân giao nộp 40 khẩu súng, vật liệu nổ, công cụ hỗ trợ các loại.") == \
        [(40.0, "khẩu súng, vật liệu nổ, công cụ hỗ trợ", "weapons", "total")]
