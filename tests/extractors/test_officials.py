"""vnie_officials: one record per person named with a rank or position."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from pipeline.article import Article
from pipeline.document import build_nlp, make_doc, process
from pipeline.tables import person_id

GAZETTEER = Path(__file__).resolve().parents[2] / "gazetteer"
OWN_FILES = ("ranks.jsonl", "titles.jsonl", "organisations.jsonl", "abbreviations.jsonl", "honorifics.jsonl",
             "person_stopwords.jsonl")


@pytest.fixture(scope="module")
def officials_nlp():
    return build_nlp(["vnie_places", "vnie_officials"])


@pytest.fixture(scope="module")
def read(officials_nlp):
    """read(text) -> (text, officials) of a one-off article."""

    def run(text: str):
        doc = process(officials_nlp, Article(source="test.txt", text=text))
        return doc.text, doc._.officials

    return run


def summary(officials) -> list[tuple]:
    return [(o.name, o.rank, list(o.titles)) for o in officials]


def test_officials_rank_name_and_positions_until_the_verb(read):
    text = ("Trung tướng Phạm Quốc Cường, Ủy viên Ban Thường vụ Đảng ủy Công an Trung ương, Thứ trưởng Bộ Công an, "
            "Trưởng Ban Chỉ đạo phòng, chống tội phạm của Bộ nhấn mạnh yêu cầu tại hội nghị.")
    text, [o] = read(text)
    assert o.name == "Phạm Quốc Cường" and o.rank == "Trung tướng"
    assert list(o.titles) == ["Ủy viên Ban Thường vụ Đảng ủy Công an Trung ương", "Thứ trưởng Bộ Công an",
                              "Trưởng Ban Chỉ đạo phòng, chống tội phạm"]
    assert list(o.organizations) == ["Ban Thường vụ Đảng ủy Công an Trung ương", "Bộ Công an",
                                     "Ban Chỉ đạo phòng, chống tội phạm"]
    assert text[o.start:o.end] == "Phạm Quốc Cường"
    assert o.person_id == person_id("Phạm Quốc Cường")


def test_officials_position_ends_at_preposition_and_keeps_lowercase_unit_name(read):
    text = "Thượng tá Đoàn Minh Khang, Trưởng phòng Cảnh sát hình sự cho biết tại buổi họp báo."
    _, [o] = read(text)
    assert (o.name, o.rank, list(o.titles)) == ("Đoàn Minh Khang", "Thượng tá", ["Trưởng phòng Cảnh sát hình sự"])
    assert list(o.organizations) == ["Phòng Cảnh sát hình sự"]


def test_officials_dash_separated_list_of_people(read):
    text = ("Tham dự có đồng chí Hà Thị Nguyệt - Ủy viên BTV Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh; "
            "đồng chí Thái Văn Lâm - Trưởng Ban Dân vận Tỉnh ủy cùng lãnh đạo các sở, ngành.")
    text, officials = read(text)
    assert summary(officials) == [
        ("Hà Thị Nguyệt", None, ["Ủy viên BTV Tỉnh ủy", "Phó Chủ tịch Thường trực UBND tỉnh"]),
        ("Thái Văn Lâm", None, ["Trưởng Ban Dân vận Tỉnh ủy"]),
    ]
    assert list(officials[0].organizations) == ["Ban Thường vụ Tỉnh ủy", "Ủy ban nhân dân tỉnh"]
    assert [text[o.start:o.end] for o in officials] == ["Hà Thị Nguyệt", "Thái Văn Lâm"]


def test_officials_positions_before_the_name_all_belong_to_it(read):
    text = "Về phía tỉnh có Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Quảng Trị Võ Văn Hưng cùng lãnh đạo các sở."
    text, [o] = read(text)
    assert (o.name, o.rank) == ("Võ Văn Hưng", None)
    assert list(o.titles) == ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh Quảng Trị"]
    assert list(o.organizations) == ["Tỉnh ủy", "Ủy ban nhân dân tỉnh Quảng Trị"]
    assert text[o.start:o.end] == "Võ Văn Hưng"


def test_officials_name_right_after_a_bare_city_word(read):
    text = "Chủ tịch UBND TP Đặng Văn Quý phát biểu khai mạc ngày hội."
    _, [o] = read(text)
    assert (o.name, list(o.titles)) == ("Đặng Văn Quý", ["Chủ tịch UBND TP"])


def test_officials_position_written_before_rank_and_name(read):
    text = "Phát biểu chỉ đạo, Giám đốc Công an tỉnh, Thiếu tướng Bùi Quang Thanh yêu cầu các đơn vị quyết liệt hơn."
    _, [o] = read(text)
    assert (o.name, o.rank, list(o.titles)) == ("Bùi Quang Thanh", "Thiếu tướng", ["Giám đốc Công an tỉnh"])


def test_officials_position_after_a_preposition_is_not_carried_to_the_next_name(read):
    text = "Báo cáo với Bộ trưởng, Đại tá Tạ Văn Kiên, Giám đốc Công an tỉnh cho biết lực lượng đã sẵn sàng."
    _, [o] = read(text)
    assert (o.name, o.rank, list(o.titles)) == ("Tạ Văn Kiên", "Đại tá", ["Giám đốc Công an tỉnh"])


def test_officials_honorific_is_not_part_of_the_name(read):
    text = "Cùng dự có bà Lâm Thị Thu Trang, Phó Chủ tịch HĐND huyện Cẩm Xuyên."
    text, [o] = read(text)
    assert (o.name, list(o.titles)) == ("Lâm Thị Thu Trang", ["Phó Chủ tịch HĐND huyện Cẩm Xuyên"])
    assert list(o.organizations) == ["Hội đồng nhân dân huyện Cẩm Xuyên"]
    assert text[o.start:o.end] == "Lâm Thị Thu Trang"


def test_officials_rank_in_brackets_after_the_name(read):
    text = "Cùng dự có ông Khổng Minh Luân (Đại tá), Giám đốc Công an tỉnh."
    _, [o] = read(text)
    assert (o.name, o.rank, list(o.titles)) == ("Khổng Minh Luân", "Đại tá", ["Giám đốc Công an tỉnh"])


def test_officials_position_in_brackets_after_the_name(read):
    text = "Tổ công tác do Thiếu tá Lý Văn Tài (Phó Trưởng Công an xã Tân Lập) chỉ huy đã có mặt kịp thời."
    _, [o] = read(text)
    assert (o.name, o.rank, list(o.titles)) == ("Lý Văn Tài", "Thiếu tá", ["Phó Trưởng Công an xã Tân Lập"])
    assert list(o.organizations) == ["Công an xã Tân Lập"]


def test_officials_heading_position_applies_to_every_listed_name(read):
    text = ("Đến dự có các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: Mai Xuân Trường, Trưởng Ban Tổ chức Tỉnh ủy; "
            "đại tá Châu Văn Bảy, Giám đốc Công an tỉnh; lãnh đạo các ban, ngành của tỉnh.")
    _, officials = read(text)
    assert summary(officials) == [
        ("Mai Xuân Trường", None, ["Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Tổ chức Tỉnh ủy"]),
        ("Châu Văn Bảy", "Đại tá", ["Ủy viên Ban Thường vụ Tỉnh ủy", "Giám đốc Công an tỉnh"]),
    ]


def test_officials_caption_names_and_later_mentions_join_one_record(read):
    text = ("Sáng 3/9, Thượng tướng Đỗ Minh Hải, Thứ trưởng Bộ Công an thăm Công an xã Phú Lộc.\n\n"
            "Thứ trưởng Đỗ Minh Hải tặng quà cán bộ, chiến sĩ.\n\n"
            "Ông Hải đề nghị Công an xã bám sát địa bàn.")
    text, [o] = read(text)
    assert (o.name, o.rank, list(o.titles)) == ("Đỗ Minh Hải", "Thượng tướng", ["Thứ trưởng Bộ Công an"])
    names = [p for p in o.parts if p.label == "PER"]
    assert [text[p.start:p.end] for p in names] == ["Đỗ Minh Hải", "Đỗ Minh Hải", "Hải"]
    assert {p.norm for p in names} == {"Đỗ Minh Hải"}
    assert o.sentence == 0 and text[o.start:o.end] == "Đỗ Minh Hải"


def test_officials_short_form_of_a_longer_position_is_dropped(read):
    text = ("Chủ tịch UBND TP Cần Thơ Trương Quang Hoài chủ trì buổi làm việc. "
            "Sau đó, Chủ tịch UBND TP Trương Quang Hoài kiểm tra trụ sở Công an phường.")
    _, [o] = read(text)
    assert list(o.titles) == ["Chủ tịch UBND TP Cần Thơ"]
    assert list(o.organizations) == ["Ủy ban nhân dân thành phố Cần Thơ"]


def test_officials_lowercase_and_old_tone_ranks_are_canonical(read):
    text = "Đại uý Hoàng Văn Phúc và thiếu tướng Lò Văn Sinh kiểm tra chốt trực."
    _, officials = read(text)
    assert [(o.name, o.rank) for o in officials] == [("Hoàng Văn Phúc", "Đại úy"), ("Lò Văn Sinh", "Thiếu tướng")]


def test_officials_foreign_name_with_rank(read):
    text = "Đoàn do Chuẩn Đô đốc Michael Baker, Chỉ huy Nhóm tàu khu trục số 5 dẫn đầu đã cập cảng."
    _, [o] = read(text)
    assert (o.name, o.rank, list(o.titles)) == ("Michael Baker", "Chuẩn Đô đốc", ["Chỉ huy Nhóm tàu khu trục số 5"])


def test_officials_committee_named_by_its_task(read):
    text = "Phó Chủ tịch UBND tỉnh Trần Hữu Thể, Trưởng Ban Chỉ đạo triển khai Đề án 06 tỉnh chủ trì hội nghị."
    _, [o] = read(text)
    assert list(o.titles) == ["Phó Chủ tịch UBND tỉnh", "Trưởng Ban Chỉ đạo triển khai Đề án 06 tỉnh"]


def test_officials_parts_carry_spans_and_canonical_values(read):
    text = "Thiếu tướng Hồ Sĩ Tâm, Giám đốc Công an TP Đà Nẵng phát biểu."
    text, [o] = read(text)
    parts = {(p.label, text[p.start:p.end], p.norm, p.method) for p in o.parts}
    assert parts == {
        ("PER", "Hồ Sĩ Tâm", "Hồ Sĩ Tâm", "rule"),
        ("RANK", "Thiếu tướng", "Thiếu tướng", "gazetteer"),
        ("TITLE", "Giám đốc Công an TP Đà Nẵng", "Giám đốc Công an TP Đà Nẵng", "rule"),
        ("ORG", "Công an TP Đà Nẵng", "Công an thành phố Đà Nẵng", "rule"),
    }
    assert all(p.text == text[p.start:p.end] for p in o.parts)


def test_officials_one_record_per_person_in_order_of_first_appearance(read):
    text = ("Bí thư Huyện ủy Đinh Văn Toàn và Trung tá Kha Văn Dũng, Trưởng Công an huyện dự lễ. "
            "Trung tá Kha Văn Dũng báo cáo kết quả. Bí thư Huyện ủy Đinh Văn Toàn phát biểu.")
    _, officials = read(text)
    assert [o.name for o in officials] == ["Đinh Văn Toàn", "Kha Văn Dũng"]


def test_officials_skip_suspects_and_defendants(read):
    text = ("Cơ quan Cảnh sát điều tra đã khởi tố bị can Tống Văn Lợi, nguyên Phó Chủ tịch UBND xã Yên Bình. "
            "Công an huyện cũng bắt tạm giam ông Nghiêm Đức Hậu (52 tuổi), Trưởng phòng Tài nguyên huyện.")
    assert read(text)[1] == []


def test_officials_skip_people_with_birth_year(read):
    text = "Đối tượng Quách Văn Tùng (SN 1991, trú tại xã An Phú) là Đội trưởng đội bốc xếp."
    assert read(text)[1] == []


def test_officials_streets_and_wards_named_after_people_are_places(read):
    text = ("Lễ ra mắt diễn ra tại nhà văn hóa khu phố 3, đường Nguyễn Trãi, phường Lê Hồng Phong, "
            "TP Hồ Chí Minh, với sự tham gia của Công an phường Lê Hồng Phong.")
    assert read(text)[1] == []


def test_officials_ward_named_after_a_person_before_the_chair(read):
    text = "Chủ tịch UBND phường Trần Hưng Đạo Nguyễn Thị Lan trao giấy khen."
    _, [o] = read(text)
    assert (o.name, list(o.titles)) == ("Nguyễn Thị Lan", ["Chủ tịch UBND phường Trần Hưng Đạo"])


def test_officials_government_levels_are_not_people(read):
    text = "Mô hình chính quyền địa phương 2 cấp vận hành ổn định từ ngày 1/7/2025 tại 2 phường, 5 xã."
    assert read(text)[1] == []


def test_officials_position_without_a_name_is_not_an_official(read):
    text = "Giám đốc Công an tỉnh đề nghị các đơn vị rút kinh nghiệm; Chủ tịch UBND tỉnh tặng Bằng khen."
    assert read(text)[1] == []


def test_officials_ignore_text_after_body_end(officials_nlp):
    text = ("Đại tá Mạc Văn Hùng, Phó Giám đốc Công an tỉnh dự lễ.\n\nMinh Châu\n\n"
            "Tin liên quan: Thượng tá Lạc Văn Tĩnh, Trưởng Công an huyện kiểm tra chốt.")
    doc = make_doc(officials_nlp, Article(source="t.txt", text=text))
    doc._.body_end = text.index("Minh Châu")
    doc = officials_nlp.get_pipe("vnie_spans")(doc)  # the words officials read: the body's only
    doc = officials_nlp.get_pipe("vnie_officials")(doc)
    assert [o.name for o in doc._.officials] == ["Mạc Văn Hùng"]


def test_officials_without_the_span_layer_log_and_give_none(officials_nlp, caplog):
    doc = make_doc(officials_nlp, Article(source="t.txt", text="Đại tá Mạc Văn Hùng dự lễ."))
    doc = officials_nlp.get_pipe("vnie_officials")(doc)
    assert doc._.officials == []
    assert "officials failed on t.txt" in caplog.text


def test_officials_empty_and_odd_text_do_not_fail(read):
    assert read("")[1] == []
    assert read("Đại tá , ; : - ( ) Chủ tịch")[1] == []


@pytest.mark.parametrize("name", OWN_FILES)
def test_officials_gazetteer_files_are_sorted_unique_nfc(name):
    lines = (GAZETTEER / name).read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    patterns = [e["pattern"] for e in entries]
    assert patterns == sorted(patterns) and len(set(patterns)) == len(patterns)
    assert all(unicodedata.is_normalized("NFC", line) for line in lines)
    assert all({"label", "pattern", "id"} <= set(e) for e in entries)


def test_officials_name_right_after_ward_word_when_no_such_ward(read):
    text = "Dự lễ có Bí thư Đảng ủy, Chủ tịch HĐND phường Khúc Thị Hằng; Chủ tịch UBND phường Lê Thanh Nghị phát biểu."
    _, [o] = read(text)
    assert (o.name, list(o.titles)) == ("Khúc Thị Hằng", ["Bí thư Đảng ủy", "Chủ tịch HĐND phường"])


def test_officials_copula_gives_the_position(read):
    text = "Ông Nghiêm Văn Thạch giữ chức Bí thư Tỉnh ủy Khánh Hòa từ tháng 7."
    _, [o] = read(text)
    assert (o.name, list(o.titles), list(o.organizations)) == (
        "Nghiêm Văn Thạch", ["Bí thư Tỉnh ủy Khánh Hòa"], ["Tỉnh ủy Khánh Hòa"])


def test_officials_envoy_position_keeps_the_host_country(read):
    text = "Đại sứ Việt Nam tại Australia Phạm Hùng Tâm cảm ơn đoàn công tác."
    _, [o] = read(text)
    assert (o.name, list(o.titles), list(o.organizations)) == (
        "Phạm Hùng Tâm", ["Đại sứ Việt Nam tại Australia"], ["Việt Nam"])


def test_officials_initial_with_dot_stays_in_the_name(read):
    text = "Đối tượng tông xe vào Thiếu tá Nguyễn Xuân C., cán bộ Đội Cảnh sát giao thông Công an huyện."
    text, [o] = read(text)
    assert (o.name, o.rank, list(o.titles)) == ("Nguyễn Xuân C.", "Thiếu tá",
                                                 ["cán bộ Đội Cảnh sát giao thông Công an huyện"])
    assert text[o.start:o.end] == "Nguyễn Xuân C."


def test_officials_unit_code_expanded_once(read):
    text = "Thượng tá Ninh Văn Bắc - Trưởng phòng PC02 Công an tỉnh cùng dự."
    _, [o] = read(text)
    assert list(o.titles) == ["Trưởng phòng PC02 Công an tỉnh"]
    assert list(o.organizations) == ["Phòng Cảnh sát hình sự Công an tỉnh"]


def test_officials_uncommon_family_name_after_a_known_place(read):
    text = "Phó Chủ tịch UBND tỉnh Thanh Hóa Đầu Thanh Tùng phát biểu tại buổi lễ."
    _, [o] = read(text)
    assert (o.name, list(o.titles)) == ("Đầu Thanh Tùng", ["Phó Chủ tịch UBND tỉnh Thanh Hóa"])


def test_officials_second_post_after_kiem_before_the_name(read):
    text = "Phó Giám đốc Công an tỉnh kiêm Thủ trưởng Cơ quan CSĐT Triệu Văn Bảo chỉ đạo phá án."
    _, [o] = read(text)
    assert list(o.titles) == ["Phó Giám đốc Công an tỉnh", "Thủ trưởng Cơ quan CSĐT"]
    assert list(o.organizations) == ["Công an tỉnh", "Cơ quan Cảnh sát điều tra"]


def test_officials_position_right_after_the_name_without_comma(read):
    text = "Ông Quan Văn Ánh Chủ tịch UBND xã Tân Phú cho biết xã đã lắp thêm camera."
    _, [o] = read(text)
    assert (o.name, list(o.titles)) == ("Quan Văn Ánh", ["Chủ tịch UBND xã Tân Phú"])


def test_officials_city_abbreviation_with_dot(read):
    text = "Giám đốc Công an TP. Hồ Chí Minh, Trung tướng Mai Hoàng Lâm phát biểu."
    _, [o] = read(text)
    assert (o.name, o.rank, list(o.titles)) == ("Mai Hoàng Lâm", "Trung tướng", ["Giám đốc Công an TP. Hồ Chí Minh"])
    assert list(o.organizations) == ["Công an thành phố Hồ Chí Minh"]


def test_officials_unit_name_with_glued_dash(read):
    text = "Trung tá Âu Văn Chiến – Đội trưởng Đội CSGT-TT Công an huyện kiểm tra chốt."
    _, [o] = read(text)
    assert list(o.titles) == ["Đội trưởng Đội CSGT-TT Công an huyện"]


def test_officials_offsets_hold_on_the_bundled_articles(officials_nlp):
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    seen = 0
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = process(officials_nlp, Article(source=path.name, text=text))
        for o in doc._.officials:
            seen += 1
            assert doc.text[o.start:o.end] == o.name
            assert all(doc.text[p.start:p.end] == p.text for p in o.parts)
            assert {p.label for p in o.parts} <= {"PER", "RANK", "TITLE", "ORG"}
            assert o.titles or o.rank
    assert seen >= 5


def test_officials_academic_title_is_not_part_of_the_name(read):
    text = "PGS.TS Doãn Minh Quang, Giám đốc Học viện An ninh nhân dân phát biểu khai giảng."
    _, [o] = read(text)
    assert (o.name, list(o.titles)) == ("Doãn Minh Quang", ["Giám đốc Học viện An ninh nhân dân"])


def test_officials_photo_position_aside_is_skipped(read):
    text = "Thiếu tướng Mạc Văn Bách (thứ 2 từ phải sang), Phó Giám đốc Công an tỉnh trao quà."
    _, [o] = read(text)
    assert (o.rank, list(o.titles)) == ("Thiếu tướng", ["Phó Giám đốc Công an tỉnh"])


def test_officials_photo_credit_is_not_an_official(read):
    assert read("Lực lượng chức năng kiểm tra hiện trường. Ảnh: Trần Tuấn")[1] == []


def test_officials_defendants_listed_with_birth_year_and_former_posts(read):
    text = ("Các bị cáo hầu tòa gồm: Mẫn Văn Yên, sinh năm 1971, cựu Phó Giám đốc Sở Giáo dục và Đào tạo; "
            "Hứa Văn Hùng, sinh năm 1961, cựu Trưởng phòng Khảo thí. Phiên tòa xét xử vụ án cựu Phó Giám đốc "
            "Sở Giáo dục và Đào tạo Mẫn Văn Yên kéo dài 3 ngày.")
    assert read(text)[1] == []


def test_officials_short_reference_with_copula_adds_positions(read):
    text = ("Thư ký phiên tòa cho biết bà Chúng Thị Chiên vắng mặt có lý do. "
            "Bà Chiên hiện đương chức Phó Chủ tịch HĐND tỉnh, ủy viên Ban Thường vụ Tỉnh ủy.")
    text, [o] = read(text)
    assert (o.name, list(o.titles)) == ("Chúng Thị Chiên", ["Phó Chủ tịch HĐND tỉnh", "ủy viên Ban Thường vụ Tỉnh ủy"])
    assert text[o.start:o.end] == "Chúng Thị Chiên"


def test_officials_foreign_name_after_a_position(read):
    text = "Tiếp đó, Bộ trưởng Bộ Nội vụ Lào Vilay Lakhamphong hội đàm với đoàn công tác."
    _, [o] = read(text)
    assert (o.name, list(o.titles)) == ("Vilay Lakhamphong", ["Bộ trưởng Bộ Nội vụ Lào"])


def test_officials_age_alone_does_not_make_a_suspect(read):
    text = "Ông Phùng Văn Tư, 70 tuổi, Bí thư Chi bộ thôn Đông, chia sẻ niềm vui."
    _, [o] = read(text)
    assert (o.name, list(o.titles)) == ("Phùng Văn Tư", ["Bí thư Chi bộ thôn Đông"])


def test_officials_driver_with_a_company_post_is_not_an_official(read):
    text = "Tài xế Lê Văn Mạnh, Giám đốc Công ty TNHH Vận tải Minh Phát, bị xử phạt 6 triệu đồng."
    assert read(text)[1] == []


def test_officials_dash_between_a_dotted_city_position_and_the_name(read):
    text = "Sáng 14/2, Chủ tịch UBND TP. Cần Thơ - Huỳnh Văn Khởi đã đến thăm hỏi các gia đình chính sách."
    text, [o] = read(text)
    assert (o.name, o.rank, list(o.titles)) == ("Huỳnh Văn Khởi", None, ["Chủ tịch UBND TP. Cần Thơ"])
    assert list(o.organizations) == ["Ủy ban nhân dân thành phố Cần Thơ"]
    assert text[o.start:o.end] == "Huỳnh Văn Khởi"


def test_officials_comma_between_a_position_and_a_bare_name(read):
    text = "Phó Giám đốc Sở Y tế tỉnh, Đoàn Thị Mơ cho biết đã cấp thuốc cho người dân."
    _, [o] = read(text)
    assert (o.name, list(o.titles)) == ("Đoàn Thị Mơ", ["Phó Giám đốc Sở Y tế tỉnh"])


def test_officials_bare_name_after_a_verb_and_comma_is_not_given_the_position(read):
    text = "Làm việc với Chủ tịch UBND tỉnh, Trịnh Văn Nam đề nghị bổ sung kinh phí."
    assert read(text)[1] == []


def test_officials_one_letter_place_abbreviations(read):
    text = ("Chủ tịch UBND Q. 3 - Tạ Minh Khoa trao quà. Trưởng Công an P. Tân Định Âu Hữu Lộc kiểm tra chốt. "
            "Chủ tịch UBND H. Củ Chi Bạch Văn Nhân chủ trì buổi làm việc.")
    _, officials = read(text)
    assert summary(officials) == [
        ("Tạ Minh Khoa", None, ["Chủ tịch UBND Q. 3"]),
        ("Âu Hữu Lộc", None, ["Trưởng Công an P. Tân Định"]),
        ("Bạch Văn Nhân", None, ["Chủ tịch UBND H. Củ Chi"]),
    ]
    assert [list(o.organizations) for o in officials] == [
        ["Ủy ban nhân dân quận 3"], ["Công an phường Tân Định"], ["Ủy ban nhân dân huyện Củ Chi"]]


def test_officials_name_initial_is_not_a_place_abbreviation(read):
    text = "Thượng úy Phí Văn H. Cán bộ Công an xã kiểm tra giấy tờ."
    text, officials = read(text)
    assert [(o.name, o.rank) for o in officials] == [("Phí Văn H.", "Thượng úy")]


def test_officials_sentence_cut_after_town_abbreviation_is_mended(read):
    text = "Bí thư Thị ủy TX. Hương Thủy Lương Văn Sỹ phát biểu khai mạc."
    _, [o] = read(text)
    assert (o.name, list(o.titles)) == ("Lương Văn Sỹ", ["Bí thư Thị ủy TX. Hương Thủy"])
    assert list(o.organizations) == ["Thị ủy thị xã Hương Thủy"]


def test_officials_lowercase_organisation_runs_to_the_clause_end(read):
    text = ("Tham dự có đồng chí Khương Văn Tiến, Chánh văn phòng thường trực ban chỉ đạo 389 quốc gia; "
            "đồng chí Giáp Thị Nhàn, phó giám đốc sở tư pháp tỉnh.")
    _, officials = read(text)
    assert summary(officials) == [
        ("Khương Văn Tiến", None, ["Chánh văn phòng thường trực ban chỉ đạo 389 quốc gia"]),
        ("Giáp Thị Nhàn", None, ["phó giám đốc sở tư pháp tỉnh"]),
    ]
    assert list(officials[0].organizations) == ["Văn phòng thường trực ban chỉ đạo 389 quốc gia"]


def test_officials_lowercase_organisation_stops_before_the_verb(read):
    text = "Trưởng ban chỉ đạo 389 huyện Lò Văn Pấng ban hành kế hoạch; ông Lục Văn Hào, trưởng ban tổ chức huyện ủy báo cáo."
    _, officials = read(text)
    assert summary(officials) == [
        ("Lò Văn Pấng", None, ["Trưởng ban chỉ đạo 389 huyện"]),
        ("Lục Văn Hào", None, ["trưởng ban tổ chức huyện ủy"]),
    ]


def test_officials_presiding_judge_position_is_whole(read):
    text = "Thẩm phán Quàng Văn Lả, Chủ tọa phiên tòa tuyên phạt bị cáo Đinh Công Tráng 9 năm tù."
    _, officials = read(text)
    assert summary(officials) == [("Quàng Văn Lả", None, ["Thẩm phán", "Chủ tọa phiên tòa"])]


def test_officials_department_name_with_a_comma(read):
    text = "Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh Ông Thị Nga phát biểu tại lễ khai mạc."
    _, [o] = read(text)
    assert (o.name, list(o.titles)) == ("Ông Thị Nga", ["Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh"])


def test_officials_delegation_head_named_by_abbreviation(read):
    text = "Đồng chí Sầm Văn Khải, Bí thư Tỉnh ủy, Trưởng đoàn ĐBQH tỉnh dự và chỉ đạo hội nghị."
    _, [o] = read(text)
    assert list(o.titles) == ["Bí thư Tỉnh ủy", "Trưởng đoàn ĐBQH tỉnh"]
    assert list(o.organizations) == ["Tỉnh ủy", "Đoàn Đại biểu Quốc hội tỉnh"]


def test_officials_arrested_former_officer_is_not_an_official(read):
    text = ("Cơ quan điều tra đã bắt tạm giam đối với cựu Thượng tá, Trưởng Công an TP Vĩnh Yên Quản Văn Thiện. "
            "Thiếu tá Kha Văn Lợi, Phó Trưởng Công an huyện Kỳ Sơn xác nhận việc bắt giữ.")
    _, officials = read(text)
    assert summary(officials) == [("Kha Văn Lợi", "Thiếu tá", ["Phó Trưởng Công an huyện Kỳ Sơn"])]


def test_officials_suspects_in_a_district_raid_with_glued_abbreviations(read):
    text = ("Công an Q.3 (TP.HCM) đã bắt giữ Lâm Văn Đực, Hồ Quốc Nam (đều 28 tuổi, ngụ Q.Bình Thạnh). "
            "Chủ tịch UBND P.Tân Định Diệp Thị Hồng cho biết phường đã xử phạt 3 trường hợp.")
    _, officials = read(text)
    assert summary(officials) == [("Diệp Thị Hồng", None, ["Chủ tịch UBND P.Tân Định"])]
    assert list(officials[0].organizations) == ["Ủy ban nhân dân phường Tân Định"]


def test_officials_second_post_after_dong_thoi_la(read):
    text = "Ông Mã Văn Bảy, Phó trưởng Ban Dân vận Huyện ủy, đồng thời là Chủ tịch Ủy ban MTTQ huyện phát biểu."
    _, [o] = read(text)
    assert list(o.titles) == ["Phó trưởng Ban Dân vận Huyện ủy", "Chủ tịch Ủy ban MTTQ huyện"]


def test_officials_organising_committee_of_the_festival(read):
    text = "Trung tá Giàng A Lử, Phó Trưởng Công an xã, Trưởng ban Tổ chức ngày hội trao cờ cho 5 khu dân cư."
    _, [o] = read(text)
    assert list(o.titles) == ["Phó Trưởng Công an xã", "Trưởng ban Tổ chức ngày hội"]


def test_officials_team_name_takes_its_task_and_number(read):
    text = ("Đại tướng Trần Minh Khôi, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an, Trưởng Đoàn kiểm tra số 3 "
            "của Bộ Chính trị, chủ trì buổi làm việc với Ban Thường vụ Tỉnh ủy.")
    _, [o] = read(text)
    assert (o.name, o.rank) == ("Trần Minh Khôi", "Đại tướng")
    assert list(o.titles) == ["Ủy viên Bộ Chính trị", "Bộ trưởng Bộ Công an", "Trưởng Đoàn kiểm tra số 3"]
    assert list(o.organizations) == ["Bộ Chính trị", "Bộ Công an", "Đoàn kiểm tra số 3"]


def test_officials_team_names_in_lower_case_and_with_two_tasks(read):
    text = ("Ông Kha Văn Đức, Phó Trưởng đoàn kiểm tra liên ngành của tỉnh cho biết đã phát hiện nhiều vi phạm. "
            "Tổ trưởng Tổ tuần tra, kiểm soát số 3, Đại úy Hà Minh Đức cho biết đã lập biên bản 5 trường hợp. "
            "Ông Lại Văn Bình, Trưởng Đoàn giám sát số 5 của Tỉnh ủy phát biểu kết luận.")
    _, officials = read(text)
    assert summary(officials) == [
        ("Kha Văn Đức", None, ["Phó Trưởng đoàn kiểm tra liên ngành"]),
        ("Hà Minh Đức", "Đại úy", ["Tổ trưởng Tổ tuần tra, kiểm soát số 3"]),
        ("Lại Văn Bình", None, ["Trưởng Đoàn giám sát số 5"]),
    ]


def test_officials_team_word_before_the_verb_stays_a_plain_head(read):
    text = "Ông Tạ Văn Hợp, Trưởng đoàn làm việc với lãnh đạo tỉnh về công tác cải cách hành chính."
    _, [o] = read(text)
    assert list(o.titles) == ["Trưởng đoàn"]
    text = "Các thành viên Đoàn kiểm tra đã làm việc với Công an xã Nghĩa Đàn."
    assert read(text)[1] == []


def test_officials_parent_unit_between_commas_keeps_the_person(read):
    text = ("Thiếu tướng Lương Đức Hậu - Cục trưởng Cục An ninh chính trị nội bộ, Bộ Công an, thành viên "
            "Đoàn kiểm tra, đã công bố quyết định kiểm tra.")
    _, [o] = read(text)
    assert (o.name, o.rank) == ("Lương Đức Hậu", "Thiếu tướng")
    assert list(o.titles) == ["Cục trưởng Cục An ninh chính trị nội bộ, Bộ Công an", "thành viên Đoàn kiểm tra"]
    assert list(o.organizations) == ["Cục An ninh chính trị nội bộ", "Bộ Công an", "Đoàn kiểm tra"]
    assert o.province is None  # central units


def test_officials_unit_in_a_list_of_bodies_is_not_a_parent(read):
    text = "Trung tá Phùng Văn Lợi, Trưởng Công an xã, UBND xã Tân Phú và các đoàn thể đã tham gia."
    _, [o] = read(text)
    assert list(o.titles) == ["Trưởng Công an xã"]
    assert list(o.organizations) == ["Công an xã"]


def test_officials_bracket_naming_the_unit_belongs_to_the_position(read):
    text = ("Trung tá Đặng Văn Lộc, Đội trưởng đội xây dựng phong trào bảo vệ An ninh tổ quốc (Công an huyện "
            "Yên Thành) cho biết mô hình đã phát huy hiệu quả. Đội trưởng Đội CSGT (Công an huyện Diễn Châu) "
            "Trần Văn Bảo cho biết lực lượng đã ra quân.")
    _, officials = read(text)
    assert summary(officials) == [
        ("Đặng Văn Lộc", "Trung tá",
         ["Đội trưởng đội xây dựng phong trào bảo vệ An ninh tổ quốc (Công an huyện Yên Thành)"]),
        ("Trần Văn Bảo", None, ["Đội trưởng Đội CSGT (Công an huyện Diễn Châu)"]),
    ]
    assert list(officials[0].organizations) == ["Đội xây dựng phong trào bảo vệ An ninh tổ quốc",
                                                "Công an huyện Yên Thành"]
    assert list(officials[1].organizations) == ["Đội Cảnh sát giao thông", "Công an huyện Diễn Châu"]


def test_officials_other_brackets_are_not_the_unit(read):
    text = ("Trung tá Đỗ Văn Hưng (thứ 2 từ trái sang), Phó Trưởng Công an huyện trao quà. "
            "Thiếu tá Vi Văn Sơn, Đội trưởng Đội Cảnh sát giao thông (CSGT) Công an huyện Tân Kỳ, chỉ đạo lực lượng. "
            "Ông Lục Văn Khải (65 tuổi), Trưởng thôn Bản Chang, nói với phóng viên. "
            "Thiếu tá Quách Văn Nam, Trưởng Công an xã Hòa Bình (UBND huyện bổ nhiệm năm 2023) cho biết.")
    _, officials = read(text)
    assert summary(officials) == [
        ("Đỗ Văn Hưng", "Trung tá", ["Phó Trưởng Công an huyện"]),
        ("Vi Văn Sơn", "Thiếu tá", ["Đội trưởng Đội Cảnh sát giao thông (CSGT) Công an huyện Tân Kỳ"]),
        ("Lục Văn Khải", None, ["Trưởng thôn Bản Chang"]),
        ("Quách Văn Nam", "Thiếu tá", ["Trưởng Công an xã Hòa Bình"]),
    ]


def test_officials_delegation_committee_and_village_posts(read):
    text = ("Đồng chí Phan Thị Nga, Phó Trưởng đoàn công tác của Ủy ban Kiểm tra Trung ương phát biểu. "
            "Ông Vũ Đình Sang, Trưởng Ban tổ chức Hội thi cho biết năm nay có 24 đội tham gia. "
            "Ông Hồ Văn Tám, Tổ trưởng Tổ tự quản an ninh trật tự thôn Đông chia sẻ kinh nghiệm. "
            "Ông Nông Văn Chiến, Bí thư Chi bộ thôn Khuổi Pựt, phát biểu tại ngày hội. "
            "Đại úy Chu Minh Tâm, Tổ trưởng Tổ công tác 161 của Công an xã Phú Lộc tuần tra ban đêm.")
    _, officials = read(text)
    assert summary(officials) == [
        ("Phan Thị Nga", None, ["Phó Trưởng đoàn công tác"]),
        ("Vũ Đình Sang", None, ["Trưởng Ban tổ chức Hội thi"]),
        ("Hồ Văn Tám", None, ["Tổ trưởng Tổ tự quản an ninh trật tự thôn Đông"]),
        ("Nông Văn Chiến", None, ["Bí thư Chi bộ thôn Khuổi Pựt"]),
        ("Chu Minh Tâm", "Đại úy", ["Tổ trưởng Tổ công tác 161"]),
    ]


def test_officials_member_of_a_team_or_board_is_a_position(read):
    text = ("Thành viên Đoàn công tác, Đại tá Cao Văn Hiển cho biết kết quả kiểm tra. "
            "Thượng tá Trịnh Quang Hải, thành viên Ban Chỉ đạo 138 tỉnh, cho biết các lực lượng đã phối hợp. "
            "Đồng chí Lưu Thị Mơ, ủy viên Ban Chấp hành Hội Liên hiệp Phụ nữ tỉnh, tặng quà cho các gia đình.")
    _, officials = read(text)
    assert summary(officials) == [
        ("Cao Văn Hiển", "Đại tá", ["Thành viên Đoàn công tác"]),
        ("Trịnh Quang Hải", "Thượng tá", ["thành viên Ban Chỉ đạo 138 tỉnh"]),
        ("Lưu Thị Mơ", None, ["ủy viên Ban Chấp hành Hội Liên hiệp Phụ nữ tỉnh"]),
    ]


def test_officials_team_member_who_is_a_suspect_is_left_out(read):
    text = ("Bị can Hà Văn Thìn, nguyên Trưởng Đoàn kiểm tra số 2, bị khởi tố. "
            "Đối tượng Nguyễn Văn Tùng, thành viên Tổ công tác của xã, đã bị bắt.")
    assert read(text)[1] == []


def test_officials_parent_unit_before_the_predicate(read):
    text = "Đại tá Khúc Văn Hiếu, Phó Cục trưởng Cục Cảnh sát giao thông, Bộ Công an cho biết số vụ tai nạn giảm."
    _, [o] = read(text)
    assert list(o.titles) == ["Phó Cục trưởng Cục Cảnh sát giao thông, Bộ Công an"]
    assert list(o.organizations) == ["Cục Cảnh sát giao thông", "Bộ Công an"]


def test_officials_grassroots_security_team_keeps_its_full_name(read):
    text = ("Ông Hứa Văn Dân, Tổ trưởng Tổ bảo vệ an ninh, trật tự thôn Đoài, cho biết. "
            "Bà Kiều Thị Mến, Tổ phó Tổ bảo vệ ANTT ở cơ sở phường Đông Sơn chia sẻ kinh nghiệm.")
    _, officials = read(text)
    assert summary(officials) == [
        ("Hứa Văn Dân", None, ["Tổ trưởng Tổ bảo vệ an ninh, trật tự thôn Đoài"]),
        ("Kiều Thị Mến", None, ["Tổ phó Tổ bảo vệ ANTT ở cơ sở phường Đông Sơn"]),
    ]


def test_officials_abbreviated_committee_member_title(nlp):
    doc = nlp("Dự lễ có các đồng chí: Trần Văn Bình - TUV, Phó Chủ tịch UBND tỉnh; Lê Văn Cường - HUV, Bí thư Đảng ủy xã.")
    got = [(o.name, list(o.titles)) for o in doc._.officials]
    assert got == [("Trần Văn Bình", ["TUV", "Phó Chủ tịch UBND tỉnh"]),
                   ("Lê Văn Cường", ["HUV", "Bí thư Đảng ủy xã"])]


# -- issue 9: whole unit chains, shared titles, organizations, province ----------------------------

def rows(officials) -> list[tuple]:
    return [(o.name, o.rank, list(o.titles), list(o.organizations), o.province) for o in officials]


def test_officials_parent_units_after_commas_stay_in_the_title(read):
    text = ("Thiếu tá Trịnh Công Thành, Đội trưởng Đội Cảnh sát kinh tế, Phòng Cảnh sát hình sự, Công an tỉnh "
            "Hải Dương cho biết đơn vị đã triệt phá đường dây.")
    text, officials = read(text)
    assert rows(officials) == [(
        "Trịnh Công Thành", "Thiếu tá",
        ["Đội trưởng Đội Cảnh sát kinh tế, Phòng Cảnh sát hình sự, Công an tỉnh Hải Dương"],
        ["Đội Cảnh sát kinh tế", "Phòng Cảnh sát hình sự", "Công an tỉnh Hải Dương"],
        "Hải Phòng")]  # Hải Dương merged into Hải Phòng in 2025: the post-2025 name, as events.province
    orgs = [(p.text, p.norm) for p in officials[0].parts if p.label == "ORG"]
    assert orgs == [("Đội Cảnh sát kinh tế", "Đội Cảnh sát kinh tế"),
                    ("Phòng Cảnh sát hình sự", "Phòng Cảnh sát hình sự"),
                    ("Công an tỉnh Hải Dương", "Công an tỉnh Hải Dương")]
    [title] = [p for p in officials[0].parts if p.label == "TITLE"]
    assert text[title.start:title.end] == officials[0].titles[0]


def test_officials_abbreviated_parent_units_are_written_out_in_organizations(read):
    text = ("Thượng tá Lâm Văn Dũng, Đội trưởng Đội CSHS, Công an TP Vinh cho biết vụ việc đang được điều tra. "
            "Đại úy Phan Minh Trí, cán bộ Phòng PC02, Công an tỉnh Nghệ An nhận Bằng khen.")
    _, officials = read(text)
    assert rows(officials) == [
        ("Lâm Văn Dũng", "Thượng tá", ["Đội trưởng Đội CSHS, Công an TP Vinh"],
         ["Đội Cảnh sát hình sự", "Công an thành phố Vinh"], "Nghệ An"),
        ("Phan Minh Trí", "Đại úy", ["cán bộ Phòng PC02, Công an tỉnh Nghệ An"],
         ["Phòng Cảnh sát hình sự", "Công an tỉnh Nghệ An"], "Nghệ An"),
    ]


def test_officials_army_and_ministry_parents_continue_the_title(read):
    text = ("Đại tá Mai Văn Kiên, Chính ủy Lữ đoàn Cảnh sát cơ động, Bộ Tư lệnh Cảnh sát cơ động phát biểu. "
            "Đại úy Hà Văn Bình, Trợ lý Phòng Tham mưu, Bộ Chỉ huy Quân sự tỉnh Lai Châu báo cáo.")
    _, officials = read(text)
    assert rows(officials) == [
        ("Mai Văn Kiên", "Đại tá", ["Chính ủy Lữ đoàn Cảnh sát cơ động, Bộ Tư lệnh Cảnh sát cơ động"],
         ["Lữ đoàn Cảnh sát cơ động", "Bộ Tư lệnh Cảnh sát cơ động"], None),
        ("Hà Văn Bình", "Đại úy", ["Trợ lý Phòng Tham mưu, Bộ Chỉ huy Quân sự tỉnh Lai Châu"],
         ["Phòng Tham mưu", "Bộ Chỉ huy Quân sự tỉnh Lai Châu"], "Lai Châu"),
    ]


def test_officials_spaced_dash_before_a_unit_continues_the_title(read):
    text = "Đại tá Lê Văn Hà - Phó Cục trưởng Cục Cảnh sát giao thông - Bộ Công an phát biểu."
    _, officials = read(text)
    assert rows(officials) == [("Lê Văn Hà", "Đại tá", ["Phó Cục trưởng Cục Cảnh sát giao thông - Bộ Công an"],
                                ["Cục Cảnh sát giao thông", "Bộ Công an"], None)]


def test_officials_unit_chain_before_the_name(read):
    text = ("Đội trưởng Đội Cảnh sát giao thông, Công an huyện Yên Thành, Đại úy Hồ Văn Quang cho biết. "
            "Đội trưởng Đội Cảnh sát cơ động, Công an huyện Quỳ Hợp Nguyễn Văn Tâm nói thêm.")
    _, officials = read(text)
    assert rows(officials) == [
        ("Hồ Văn Quang", "Đại úy", ["Đội trưởng Đội Cảnh sát giao thông, Công an huyện Yên Thành"],
         ["Đội Cảnh sát giao thông", "Công an huyện Yên Thành"], "Nghệ An"),
        ("Nguyễn Văn Tâm", None, ["Đội trưởng Đội Cảnh sát cơ động, Công an huyện Quỳ Hợp"],
         ["Đội Cảnh sát cơ động", "Công an huyện Quỳ Hợp"], "Nghệ An"),
    ]


def test_officials_comma_before_a_new_position_starts_a_new_title(read):
    text = ("Thượng tá Đoàn Văn Lợi, Phó Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh, Bí thư Đảng ủy cơ quan phát biểu. "
            "Thiếu tá Nguyễn Văn Hùng, Phó Trưởng phòng Cảnh sát giao thông, Công an tỉnh Nghệ An, đồng thời là "
            "Bí thư Chi bộ, phát biểu. Bà Lò Thị Hoa - Chủ tịch Hội Liên hiệp Phụ nữ xã - Trưởng ban Tổ chức hội thi "
            "cho biết. Đồng chí Vũ Văn Toản, Phó Chủ tịch UBND xã; Trưởng Công an xã Hà Văn Tuấn dự lễ.")
    _, officials = read(text)
    assert [(o.name, list(o.titles)) for o in officials] == [
        ("Đoàn Văn Lợi", ["Phó Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh", "Bí thư Đảng ủy cơ quan"]),
        ("Nguyễn Văn Hùng", ["Phó Trưởng phòng Cảnh sát giao thông, Công an tỉnh Nghệ An", "Bí thư Chi bộ"]),
        ("Lò Thị Hoa", ["Chủ tịch Hội Liên hiệp Phụ nữ xã", "Trưởng ban Tổ chức hội thi"]),
        ("Vũ Văn Toản", ["Phó Chủ tịch UBND xã"]),
        ("Hà Văn Tuấn", ["Trưởng Công an xã"]),
    ]
    assert list(officials[1].organizations) == ["Phòng Cảnh sát giao thông", "Công an tỉnh Nghệ An", "Chi bộ"]


def test_officials_comma_before_a_place_does_not_extend_the_title(read):
    text = ("Ông Hoàng Văn Tư, Chủ tịch UBND xã Quỳnh Lưu, Nghệ An cho biết. "
            "Trung tá Phùng Văn Lợi, Trưởng Công an xã Tân Phú, huyện Tân Kỳ cho biết thêm. "
            "Thiếu tá Nguyễn Văn Thành, Trưởng Công an phường Bến Thủy, TP Vinh trao quà.")
    _, officials = read(text)
    assert [(o.name, list(o.titles), list(o.organizations)) for o in officials] == [
        ("Hoàng Văn Tư", ["Chủ tịch UBND xã Quỳnh Lưu"], ["Ủy ban nhân dân xã Quỳnh Lưu"]),
        ("Phùng Văn Lợi", ["Trưởng Công an xã Tân Phú"], ["Công an xã Tân Phú"]),
        ("Nguyễn Văn Thành", ["Trưởng Công an phường Bến Thủy"], ["Công an phường Bến Thủy"]),
    ]
    assert officials[0].province == "Nghệ An"  # the place after the comma still tells the province


def test_officials_places_after_the_title_tell_the_province_not_the_title(read):
    text = "Ông Vi Văn Sơn, Trưởng bản Huồi Tụ, xã Huồi Tụ, huyện Kỳ Sơn chia sẻ kinh nghiệm."
    assert rows(read(text)[1]) == [("Vi Văn Sơn", None, ["Trưởng bản Huồi Tụ"], ["Bản Huồi Tụ"], "Nghệ An")]


def test_officials_title_written_once_goes_to_each_listed_person(read):
    text = ("Thượng úy Lê Văn An và Trung úy Phạm Văn Bình, cán bộ Đội An ninh, Công an huyện Tân Kỳ đã tham gia "
            "cứu người. Thượng úy Đinh Văn Lâm, Trung úy Hà Văn Khoa và Thiếu úy Lò Văn Sáng, chiến sĩ Đội Cảnh sát "
            "cơ động - Công an tỉnh Sơn La nhận Giấy khen.")
    _, officials = read(text)
    first = ["cán bộ Đội An ninh, Công an huyện Tân Kỳ"], ["Đội An ninh", "Công an huyện Tân Kỳ"], "Nghệ An"
    second = ["chiến sĩ Đội Cảnh sát cơ động - Công an tỉnh Sơn La"], ["Đội Cảnh sát cơ động", "Công an tỉnh Sơn La"], \
        "Sơn La"
    assert rows(officials) == [
        ("Lê Văn An", "Thượng úy", *first), ("Phạm Văn Bình", "Trung úy", *first),
        ("Đinh Văn Lâm", "Thượng úy", *second), ("Hà Văn Khoa", "Trung úy", *second),
        ("Lò Văn Sáng", "Thiếu úy", *second),
    ]


def test_officials_listed_names_without_rank_share_the_title(read):
    text = "Các đồng chí Nguyễn Văn Bảy, Trần Văn Tám, Phó Chủ tịch UBND tỉnh dự lễ."
    _, officials = read(text)
    assert [(o.name, list(o.titles)) for o in officials] == [
        ("Nguyễn Văn Bảy", ["Phó Chủ tịch UBND tỉnh"]), ("Trần Văn Tám", ["Phó Chủ tịch UBND tỉnh"])]


def test_officials_title_is_not_shared_across_different_forms_or_own_titles(read):
    text = ("Thiếu tướng Võ Văn Hòa và ông Lê Văn Sơn, Chủ tịch UBND xã Diễn Hồng dự lễ. "
            "Đại tá Cao Minh Đức, Giám đốc Công an tỉnh và Thượng tá Tạ Văn Lực, Phó Giám đốc Công an tỉnh trao quà.")
    _, officials = read(text)
    assert [(o.name, o.rank, list(o.titles)) for o in officials] == [
        ("Võ Văn Hòa", "Thiếu tướng", []),
        ("Lê Văn Sơn", None, ["Chủ tịch UBND xã Diễn Hồng"]),
        ("Cao Minh Đức", "Đại tá", ["Giám đốc Công an tỉnh"]),
        ("Tạ Văn Lực", "Thượng tá", ["Phó Giám đốc Công an tỉnh"]),
    ]


def test_officials_suspects_listed_before_a_shared_title_are_not_officials(read):
    text = ("Bị can Nguyễn Văn Tý và Trần Văn Sửu, cán bộ Đội quản lý thị trường, bị khởi tố. "
            "Cơ quan điều tra bắt tạm giam các đối tượng Lương Văn Dần, Lương Văn Mão, cán bộ Ban quản lý chợ.")
    assert read(text)[1] == []


def test_officials_officer_named_after_a_suspect_stays_an_official(read):
    text = ("Sau khi bắt giữ đối tượng Nguyễn Văn Khoa, Trung tá Lê Văn Bảo, Phó Trưởng Công an huyện cho biết "
            "vụ việc đang được điều tra.")
    _, officials = read(text)
    assert [(o.name, o.rank, list(o.titles)) for o in officials] == [
        ("Lê Văn Bảo", "Trung tá", ["Phó Trưởng Công an huyện"])]


def test_officials_short_form_of_a_chained_title_is_not_listed_again(read):
    text = ("Đại úy Trần Văn Nam, Đội trưởng Đội Cảnh sát hình sự, Phòng Cảnh sát hình sự, Công an tỉnh Hải Dương "
            "cho biết. Đội trưởng Đội Cảnh sát hình sự Trần Văn Nam nói thêm.")
    _, [o] = read(text)
    assert list(o.titles) == ["Đội trưởng Đội Cảnh sát hình sự, Phòng Cảnh sát hình sự, Công an tỉnh Hải Dương"]
    text = ("Đội trưởng Đội Cảnh sát hình sự Công an huyện Nghi Lộc, Thiếu tá Hồ Văn An cho biết. "
            "Thiếu tá Hồ Văn An, Đội trưởng Đội Cảnh sát hình sự, Công an huyện Nghi Lộc nói thêm.")
    _, [o] = read(text)
    assert list(o.titles) == ["Đội trưởng Đội Cảnh sát hình sự Công an huyện Nghi Lộc"]  # the same, comma or not


def test_officials_province_of_a_unit_without_its_place(read):
    one = "Đại tá Phan Văn Tài, Giám đốc Công an tỉnh phát biểu tại hội nghị ở tỉnh Quảng Bình."
    assert rows(read(one)[1]) == [("Phan Văn Tài", "Đại tá", ["Giám đốc Công an tỉnh"], ["Công an tỉnh"],
                                   "Quảng Trị")]  # Quảng Bình merged into Quảng Trị in 2025
    two = "Ông Đỗ Văn Thắng, Giám đốc Công an tỉnh dự hội nghị với đại biểu các tỉnh Nghệ An và Hà Tĩnh."
    assert [o.province for o in read(two)[1]] == [None]  # two provinces: which one is not told
    central = "Trung tướng Lê Quốc Hùng, Thứ trưởng Bộ Công an làm việc tại tỉnh Nghệ An."
    assert [o.province for o in read(central)[1]] == [None]
    abroad = ("Đại tá Khămphon Inthavông, Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc Công an tỉnh Phôngsalỳ "
              "thăm tỉnh Điện Biên.")
    assert [o.province for o in read(abroad)[1]] == [None]
    words = "Thiếu tướng Lê Văn Quân, Cục trưởng Cục Cảnh sát quản lý hành chính về trật tự xã hội đến tỉnh Nghệ An."
    assert [o.province for o in read(words)[1]] == [None]  # "xã hội" is not a commune


def test_officials_province_column_follows_organizations():
    from pipeline.schemas import SCHEMAS

    names = SCHEMAS["officials"].names
    assert names[names.index("organizations") + 1] == "province"
    assert str(SCHEMAS["officials"].field("province").type) == "string"


def test_organisation_key_compares_as_written_and_written_out():
    from extractors.officials import organisation_key

    assert organisation_key("UBND TP Hải Phòng") == organisation_key("Ủy ban nhân dân thành phố Hải Phòng")
    assert organisation_key("HĐND tỉnh") == organisation_key("Hội đồng nhân dân tỉnh")
    assert organisation_key("Phòng PC02") == organisation_key("Phòng Cảnh sát hình sự")
    assert organisation_key("Ủy ban nhân dân tỉnh") == organisation_key("Uỷ ban nhân dân tỉnh")  # old tone place
    assert organisation_key("UBND tỉnh") != organisation_key("HĐND tỉnh")


SHARED_GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold"
SHARED_SEEDS = SHARED_GOLD.parent / "seeds"


@pytest.mark.parametrize("stem", ["000_0bf472c54a2565c7", "001_a9151fd1b7193db9", "003_0f60e8da727919d9"])
def test_officials_organizations_match_the_seed_gold(nlp, stem):
    """Gold lists organisations as written ("UBND TP Hải Phòng"), the table written out ("Ủy ban nhân dân
    thành phố Hải Phòng"): compared by ``organisation_key``, in order (most specific first)."""
    from extractors.officials import organisation_key
    from pipeline.readers import read_path

    assert SHARED_GOLD.is_dir() and SHARED_SEEDS.is_dir(), "needs ../shared/{gold,seeds} beside the repository"
    gold = json.loads((SHARED_GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    [article] = list(read_path(SHARED_SEEDS / f"{stem}.txt"))
    got = {o.name: o for o in process(nlp, article)._.officials}
    checked = 0
    for person in gold["officials"]:
        if person.get("optional") and person["name"] not in got:
            continue
        o = got[person["name"]]
        assert [organisation_key(u) for u in o.organizations] == [organisation_key(u) for u in person["organizations"]]
        checked += 1
    assert checked == sum(not p.get("optional") for p in gold["officials"])


def test_officials_organizations_local_units_before_central_and_own_before_heading(read):
    text = ("Ông Hồ Đức Minh, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Trưởng đoàn Đại biểu Quốc hội tỉnh Hà Tĩnh "
            "phát biểu. Dự có các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: Phan Văn Lộc, Giám đốc Công an tỉnh; "
            "Lê Thị Hằng, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh.")
    _, officials = read(text)
    assert rows(officials) == [
        ("Hồ Đức Minh", None, ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy", "Trưởng đoàn Đại biểu Quốc hội tỉnh Hà Tĩnh"],
         ["Tỉnh ủy", "Đoàn Đại biểu Quốc hội tỉnh Hà Tĩnh", "Trung ương Đảng"], "Hà Tĩnh"),
        ("Phan Văn Lộc", None, ["Ủy viên Ban Thường vụ Tỉnh ủy", "Giám đốc Công an tỉnh"],
         ["Công an tỉnh", "Ban Thường vụ Tỉnh ủy"], "Hà Tĩnh"),
        ("Lê Thị Hằng", None, ["Ủy viên Ban Thường vụ Tỉnh ủy", "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"],
         ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ban Thường vụ Tỉnh ủy"], "Hà Tĩnh"),
    ]


def test_officials_sub_department_and_militia_units_chain_to_their_parents(read):
    text = ("Ông Đinh Văn Quế, Phó Chi cục trưởng Chi cục Kiểm lâm, Sở Nông nghiệp và Môi trường tỉnh Sơn La cho "
            "biết. Thiếu tá Lò Văn Chung, Chính trị viên Xã đội, Ban Chỉ huy Quân sự huyện Mường Lát nhận Bằng khen.")
    _, officials = read(text)
    assert rows(officials) == [
        ("Đinh Văn Quế", None, ["Phó Chi cục trưởng Chi cục Kiểm lâm, Sở Nông nghiệp và Môi trường tỉnh Sơn La"],
         ["Chi cục Kiểm lâm", "Sở Nông nghiệp và Môi trường tỉnh Sơn La"], "Sơn La"),
        ("Lò Văn Chung", "Thiếu tá", ["Chính trị viên Xã đội, Ban Chỉ huy Quân sự huyện Mường Lát"],
         ["Xã đội", "Ban Chỉ huy Quân sự huyện Mường Lát"], "Thanh Hóa"),
    ]


def test_officials_lower_case_position_in_brackets_is_the_listed_peoples(read):
    text = ("Thượng úy Lê Văn An và Trung úy Phạm Văn Bình (cán bộ Đội An ninh, Công an huyện Tân Kỳ) đã tham gia "
            "cứu người.")
    _, officials = read(text)
    shared = ["cán bộ Đội An ninh, Công an huyện Tân Kỳ"], ["Đội An ninh", "Công an huyện Tân Kỳ"], "Nghệ An"
    assert rows(officials) == [("Lê Văn An", "Thượng úy", *shared), ("Phạm Văn Bình", "Trung úy", *shared)]


def test_officials_table_rows_carry_the_province(nlp):
    from pipeline.tables import article_rows

    article = Article(source="test.txt", text=("Đại úy Trần Văn Nam, Đội trưởng Đội Cảnh sát hình sự, Công an huyện "
                                               "Nghi Lộc cho biết. Thứ trưởng Bộ Công an Lê Quốc Hùng phát biểu."))
    got = [(r["name"], r["titles"], r["organizations"], r["province"])
           for r in article_rows(article, process(nlp, article))["officials"]]
    assert got == [
        ("Trần Văn Nam", ["Đội trưởng Đội Cảnh sát hình sự, Công an huyện Nghi Lộc"],
         ["Đội Cảnh sát hình sự", "Công an huyện Nghi Lộc"], "Nghệ An"),
        ("Lê Quốc Hùng", ["Thứ trưởng Bộ Công an"], ["Bộ Công an"], None),
    ]


def test_officials_unit_with_two_abbreviated_tasks_then_its_parent(read):
    text = ("Anh Lê Văn Tú và anh Hồ Văn Bảo, chiến sĩ Đội Cảnh sát PCCC và CNCH, Công an tỉnh Nghệ An đã kịp thời "
            "dập lửa. Ông Lê Văn Tâm, Giám đốc Sở Tư pháp và UBND huyện đã ký kết.")
    _, officials = read(text)
    shared = (["chiến sĩ Đội Cảnh sát PCCC và CNCH, Công an tỉnh Nghệ An"],
              ["Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Công an tỉnh Nghệ An"], "Nghệ An")
    assert rows(officials) == [("Lê Văn Tú", None, *shared), ("Hồ Văn Bảo", None, *shared),
                               ("Lê Văn Tâm", None, ["Giám đốc Sở Tư pháp"], ["Sở Tư pháp"], None)]


def test_officials_award_list_shares_titles_within_each_entry(read):
    text = ("Tặng Giấy khen cho các đồng chí: Đại úy Hà Văn Cường, Đội phó Đội Cảnh sát giao thông; đồng chí "
            "Thượng úy Lê Văn An và đồng chí Trung úy Phạm Văn Bình, cán bộ Đội An ninh, Công an huyện Tân Kỳ.")
    _, officials = read(text)
    shared = ["cán bộ Đội An ninh, Công an huyện Tân Kỳ"], ["Đội An ninh", "Công an huyện Tân Kỳ"], "Nghệ An"
    assert rows(officials) == [
        # a team written without its parent is the article's one province's (sets H and I: "Đồn Biên phòng A")
        ("Hà Văn Cường", "Đại úy", ["Đội phó Đội Cảnh sát giao thông"], ["Đội Cảnh sát giao thông"], "Nghệ An"),
        ("Lê Văn An", "Thượng úy", *shared), ("Phạm Văn Bình", "Trung úy", *shared),
    ]


def test_officials_parent_unit_before_an_aside_in_brackets(read):
    text = ("Thiếu tá Trịnh Công Thành, Đội trưởng Đội Cảnh sát kinh tế, Phòng Cảnh sát hình sự, Công an tỉnh "
            "Quảng Bình (cũ) cho biết.")
    assert rows(read(text)[1]) == [(
        "Trịnh Công Thành", "Thiếu tá",
        ["Đội trưởng Đội Cảnh sát kinh tế, Phòng Cảnh sát hình sự, Công an tỉnh Quảng Bình"],
        ["Đội Cảnh sát kinh tế", "Phòng Cảnh sát hình sự", "Công an tỉnh Quảng Bình"], "Quảng Trị")]


# -- round 2 of issue 9: titles on unseen articles ---------------------------------------------


def test_officials_unit_ends_with_its_place_name_before_the_verb(read):
    text = ("Khi tuần tra đêm 3/5, Đại úy Lò Văn Hùng và Thượng úy Bạc Thị Mai, cán bộ Đội Cảnh sát cơ động, "
            "Công an huyện Yên Châu phát hiện hai xe máy chở hàng lậu.")
    shared = (["cán bộ Đội Cảnh sát cơ động, Công an huyện Yên Châu"],
              ["Đội Cảnh sát cơ động", "Công an huyện Yên Châu"], "Sơn La")
    assert rows(read(text)[1]) == [("Lò Văn Hùng", "Đại úy", *shared), ("Bạc Thị Mai", "Thượng úy", *shared)]


def test_officials_place_name_does_not_end_a_unit_named_without_one(read):
    # negative: no place's name, so the lower-case words still belong to the unit's name
    text = "Thiếu tá Vũ Văn Đông, Đội trưởng Đội Cảnh sát phòng chống ma túy cho biết."
    assert rows(read(text)[1]) == [("Vũ Văn Đông", "Thiếu tá", ["Đội trưởng Đội Cảnh sát phòng chống ma túy"],
                                    ["Đội Cảnh sát phòng chống ma túy"], None)]


def test_officials_title_with_parent_unit_before_rank_and_name(read):
    text = ("Tổ công tác gồm Trưởng phòng CSGT, Công an tỉnh Thượng tá Đinh Quang Vũ; Phó Trưởng phòng "
            "Trung tá Mạc Văn Lộc cùng 8 cán bộ.")
    assert rows(read(text)[1]) == [
        ("Đinh Quang Vũ", "Thượng tá", ["Trưởng phòng CSGT, Công an tỉnh"],
         ["Phòng Cảnh sát giao thông", "Công an tỉnh"], None),
        ("Mạc Văn Lộc", "Trung tá", ["Phó Trưởng phòng"], ["Phòng"], None),
    ]


def test_officials_bare_deputy_head_names_no_unit(read):
    text = "Phó Đội trưởng Thiếu tá Lương Văn Cảnh và Phó Cục trưởng, Đại tá Tạ Quang Huy cùng dự."
    assert [(o.name, list(o.titles), list(o.organizations)) for o in read(text)[1]] == [
        ("Lương Văn Cảnh", ["Phó Đội trưởng"], []), ("Tạ Quang Huy", ["Phó Cục trưởng"], [])]


def test_officials_bare_party_committee_member_keeps_its_committee(read):
    # negative of the above: a committee ("Tỉnh ủy", "Đảng ủy") is one unit, named by the bare post
    text = "Ông Hứa Văn Quân, Tỉnh ủy viên, Đảng ủy viên cho biết."
    assert rows(read(text)[1]) == [("Hứa Văn Quân", None, ["Tỉnh ủy viên", "Đảng ủy viên"],
                                    ["Tỉnh ủy", "Đảng ủy"], None)]


def test_officials_deputy_head_of_border_post(read):
    text = ("Thiếu tá Sầm Văn Dũng, Đồn phó Đồn Biên phòng Săm Khóe và Đại úy Vi Văn Hải, Trạm phó Trạm "
            "Kiểm soát biên phòng cùng kiểm tra.")
    assert [(o.name, list(o.titles), list(o.organizations)) for o in read(text)[1]] == [
        ("Sầm Văn Dũng", ["Đồn phó Đồn Biên phòng Săm Khóe"], ["Đồn Biên phòng Săm Khóe"]),
        ("Vi Văn Hải", ["Trạm phó Trạm Kiểm soát biên phòng"], ["Trạm Kiểm soát biên phòng"]),
    ]


def test_officials_in_charge_belongs_to_the_post_not_the_unit(read):
    text = ("Hội nghị tổ chức tại huyện Trùng Khánh. Dự buổi làm việc có Thượng tá Nông Đức Lai - Phó Trưởng Công an "
            "huyện phụ trách; ông Lã Văn Đạt - Phó Trưởng Ban Thường trực Ban Chỉ đạo 35 huyện.")
    assert rows(read(text)[1]) == [
        ("Nông Đức Lai", "Thượng tá", ["Phó Trưởng Công an huyện phụ trách"], ["Công an huyện"], "Cao Bằng"),
        ("Lã Văn Đạt", None, ["Phó Trưởng Ban Thường trực Ban Chỉ đạo 35 huyện"], ["Ban Chỉ đạo 35 huyện"],
         "Cao Bằng"),
    ]


def test_officials_bracketed_place_after_a_unit_is_a_note(read):
    text = "Trung tá Khổng Văn Lâm, Trưởng Công an phường Ngọc Hà (TP Hà Nội) cho biết."
    assert rows(read(text)[1]) == [("Khổng Văn Lâm", "Trung tá", ["Trưởng Công an phường Ngọc Hà"],
                                    ["Công an phường Ngọc Hà"], "Hà Nội")]


def test_officials_highland_names_with_apostrophe_or_y(read):
    text = ("Giấy khen được trao cho: Đại úy H'Yâm Byă, cán bộ Công an xã Ea Kao; Y Khoa Niê, cán bộ Công an xã "
            "Ea Tu; Trung úy K'Điệp Liêng và Thiếu úy Y Phi Ksor, chiến sĩ Đội Cảnh sát cơ động.")
    text, officials = read(text)
    assert [(o.name, o.rank, list(o.titles)) for o in officials] == [
        ("H'Yâm Byă", "Đại úy", ["cán bộ Công an xã Ea Kao"]),
        ("Y Khoa Niê", None, ["cán bộ Công an xã Ea Tu"]),
        ("K'Điệp Liêng", "Trung úy", ["chiến sĩ Đội Cảnh sát cơ động"]),
        ("Y Phi Ksor", "Thiếu úy", ["chiến sĩ Đội Cảnh sát cơ động"]),
    ]
    assert text[officials[0].start:officials[0].end] == "H'Yâm Byă"


def test_officials_y_before_a_place_is_no_name(read):
    text = "Ông Đào Văn Mạnh, Hiệu trưởng Trường Cao đẳng Y Thái Bình phát biểu."
    assert [(o.name, list(o.titles)) for o in read(text)[1]] == [
        ("Đào Văn Mạnh", ["Hiệu trưởng Trường Cao đẳng Y Thái Bình"])]


def test_officials_y_inside_a_unit_name_is_no_name(read):
    # negative: "Y" in a school's name ("Y Khoa", medicine) opens no Ê Đê name inside the position
    text = "Ông Nguyễn Văn Thiện, Hiệu trưởng Trường Đại học Y Khoa Vinh phát biểu. Chủ tịch UBND xã Ea Tu Y Bih Niê dự."
    assert [(o.name, list(o.titles)) for o in read(text)[1]] == [
        ("Nguyễn Văn Thiện", ["Hiệu trưởng Trường Đại học Y Khoa Vinh"]),
        ("Y Bih Niê", ["Chủ tịch UBND xã Ea Tu"])]


def test_officials_highland_name_with_a_curly_apostrophe(read):
    text, [o] = read("Thiếu úy H’Zin Ksor, chiến sĩ Công an xã Cư Pui, đã giúp dân dựng nhà.")
    assert (o.name, o.rank, list(o.titles)) == ("H’Zin Ksor", "Thiếu úy", ["chiến sĩ Công an xã Cư Pui"])
    assert text[o.start:o.end] == "H’Zin Ksor"


def test_officials_province_of_a_committee_named_with_the_bare_province_before_the_name(read):
    text = ("Đoàn công tác làm việc với Công an tỉnh Kon Tum. Tiếp đoàn có Bí thư Tỉnh ủy Kon Tum Dương Văn Trang.")
    assert rows(read(text)[1]) == [("Dương Văn Trang", None, ["Bí thư Tỉnh ủy Kon Tum"], ["Tỉnh ủy Kon Tum"],
                                    "Quảng Ngãi")]


def test_officials_no_province_from_a_name_the_title_does_not_end_with(read):
    # negative: the province named elsewhere does not go to a central unit
    text = "Đoàn làm việc với Công an tỉnh Kon Tum. Dự có Thứ trưởng Bộ Công an Lê Văn Tuyến."
    assert rows(read(text)[1]) == [("Lê Văn Tuyến", None, ["Thứ trưởng Bộ Công an"], ["Bộ Công an"], None)]


@pytest.mark.parametrize("text, expected", [
    ("Thượng úy quân nhân chuyên nghiệp Hà Thị Mai, nhân viên Ban Chỉ huy Quân sự huyện Trần Đề, nhận Giấy khen.",
     ("Hà Thị Mai", "Thượng úy", ["nhân viên Ban Chỉ huy Quân sự huyện Trần Đề"])),
    ("Đại úy QNCN Lò Văn Páo, nhân viên Phòng Tham mưu, Bộ Chỉ huy Quân sự tỉnh Điện Biên, được tặng Giấy khen.",
     ("Lò Văn Páo", "Đại úy", ["nhân viên Phòng Tham mưu, Bộ Chỉ huy Quân sự tỉnh Điện Biên"])),
])
def test_officials_service_status_between_rank_and_name(read, text, expected):
    _, [o] = read(text)
    assert (o.name, o.rank, list(o.titles)) == expected


def test_officials_service_status_without_a_name_gives_no_official(read):
    # negative: a rank and a status with no name after them name nobody
    _, found = read("Hai thượng úy quân nhân chuyên nghiệp của đơn vị đã được khen thưởng.")
    assert found == []


def test_officials_staff_word_is_no_official_without_a_name(read):
    # negative: "nhân viên" of a unit written with no person is no official
    _, found = read("Nhân viên Phòng Tham mưu đã hỗ trợ người dân làm thủ tục.")
    assert found == []


def test_officials_bracketed_province_after_a_place_is_the_article_province(read):
    # the ward "Đức Thắng" alone would also name a ward of Hà Nội: two provinces, none for "Công an thành phố"
    text = ("Sáng 15/12, Công an thành phố Phan Thiết (Bình Thuận) tổ chức lễ ra quân. Dự lễ có Thượng tá "
            "Lê Văn Khoa, Trưởng Công an thành phố. Lực lượng tuần tra tại phường Phú Thủy, Đức Thắng.")
    _, [o] = read(text)
    assert (o.name, list(o.titles), o.province) == ("Lê Văn Khoa", ["Trưởng Công an thành phố"], "Lâm Đồng")


@pytest.mark.parametrize("place, province", [
    ("Phan Thiết (Bình Thuận)", "Lâm Đồng"),
    # negative: without the bracket the article names two provinces; a bare "Công an thành phố" gets none
    ("Phan Thiết", None),
])
def test_officials_bracketed_province_decides_between_two(read, place, province):
    text = (f"Đoàn công tác của tỉnh Nghệ An đến làm việc với Công an thành phố {place}. Tiếp đoàn có Thượng tá "
            "Lê Văn Khoa, Trưởng Công an thành phố.")
    _, [o] = read(text)
    assert (o.name, list(o.titles), o.province) == ("Lê Văn Khoa", ["Trưởng Công an thành phố"], province)


def test_officials_dash_before_an_ordinary_noun_continues_the_unit_name(read):
    text = ("Theo Trung tá Lê Văn Minh, Đội trưởng Đội Cảnh sát giao thông - trật tự, Công an huyện Yên Thế, "
            "lực lượng đã tuần tra suốt đêm.")
    _, [o] = read(text)
    assert summary([o]) == [("Lê Văn Minh", "Trung tá",
                             ["Đội trưởng Đội Cảnh sát giao thông - trật tự, Công an huyện Yên Thế"])]
    assert list(o.organizations) == ["Đội Cảnh sát giao thông - trật tự", "Công an huyện Yên Thế"]


def test_officials_dash_before_a_rank_or_position_still_splits(read):
    _, officials = read("Trưởng Công an xã Tân Lập - Trung tá Phạm Văn Sơn cho biết đã tuần tra.")
    assert summary(officials) == [("Phạm Văn Sơn", "Trung tá", ["Trưởng Công an xã Tân Lập"])]
    _, officials = read("Ông Lê Văn Minh, Bí thư - Chủ tịch UBND xã Tân Lập cho biết.")
    assert summary(officials) == [("Lê Văn Minh", None, ["Bí thư", "Chủ tịch UBND xã Tân Lập"])]
    # a dash before a verb is no part of the name
    _, officials = read("Ông Lê Văn Minh, Đội trưởng Đội Cảnh sát giao thông - cho biết đã tuần tra.")
    assert summary(officials) == [("Lê Văn Minh", None, ["Đội trưởng Đội Cảnh sát giao thông"])]


def test_officials_head_of_unit_named_after_its_unit_noun(read):
    _, officials = read("Ông Nguyễn Văn Tâm, Hạt trưởng Hạt Kiểm lâm huyện Ba Bể cho biết, đoàn đã kiểm tra.")
    assert summary(officials) == [("Nguyễn Văn Tâm", None, ["Hạt trưởng Hạt Kiểm lâm huyện Ba Bể"])]
    assert list(officials[0].organizations) == ["Hạt Kiểm lâm huyện Ba Bể"]
    _, officials = read("Bà Trần Thị Lan, Chi cục phó Chi cục Thủy sản tỉnh Nghệ An cho biết như vậy.")
    assert summary(officials) == [("Trần Thị Lan", None, ["Chi cục phó Chi cục Thủy sản tỉnh Nghệ An"])]


def test_officials_lower_case_unit_noun_with_truong_is_no_position(read):
    _, officials = read("Từng hạt trưởng thành dần trên cây lúa của ông Nguyễn Văn Tâm.")
    assert officials == []


def test_officials_va_and_a_number_end_a_shared_chain_keeping_its_last_unit(read):
    text = ("Đại úy Trần Văn Hòa, Thiếu úy Lê Minh Quân, cán bộ Đội Cảnh sát hình sự, Công an huyện Yên Thế "
            "và ba cán bộ Công an xã đã có mặt.")
    _, officials = read(text)
    chain = ["cán bộ Đội Cảnh sát hình sự, Công an huyện Yên Thế"]
    assert summary(officials) == [("Trần Văn Hòa", "Đại úy", chain), ("Lê Minh Quân", "Thiếu úy", chain)]
    _, officials = read("Đại úy Trần Văn Hòa, cán bộ Đội Cảnh sát hình sự, Công an huyện Yên Thế và 3 cán bộ "
                        "Công an xã đã có mặt.")
    assert summary(officials) == [("Trần Văn Hòa", "Đại úy", chain)]


def test_officials_va_and_a_list_of_bodies_does_not_take_the_unit(read):
    _, officials = read("Đại úy Trần Văn Hòa, cán bộ Đội Cảnh sát hình sự, Công an huyện Yên Thế và các đoàn thể "
                        "đã có mặt.")
    assert summary(officials) == [("Trần Văn Hòa", "Đại úy", ["cán bộ Đội Cảnh sát hình sự"])]


# -- set I (tests/gold_i/FAILURES.md 1, 2, 4): units with "phòng, chống", codes before a parent, --------
# -- departments written without their parent -------------------------------------------------------

def test_officials_unit_named_with_phong_chong_after_va_is_whole(read):
    text = ("Dự lễ có Thượng tá Lê Văn Nam, Phó Trưởng phòng An ninh mạng và phòng, chống tội phạm sử dụng "
            "công nghệ cao, Công an tỉnh Nghệ An.")
    _, [o] = read(text)
    assert rows([o]) == [("Lê Văn Nam", "Thượng tá",
                          ["Phó Trưởng phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao, "
                           "Công an tỉnh Nghệ An"],
                          ["Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao", "Công an tỉnh Nghệ An"],
                          "Nghệ An")]
    _, [o] = read("Trung tá Lê Thị Hoa, cán bộ Phòng Cảnh sát phòng, chống tội phạm về môi trường, Công an tỉnh "
                  "Nghệ An phát biểu.")
    assert list(o.titles) == ["cán bộ Phòng Cảnh sát phòng, chống tội phạm về môi trường, Công an tỉnh Nghệ An"]


def test_officials_unit_and_va_with_another_body_still_ends_the_position(read):
    # negative: "và" before an ordinary body (not "phòng, chống") still ends the position
    _, [o] = read("Thượng tá Lê Văn Nam, Trưởng phòng An ninh mạng và đại diện các sở dự họp.")
    assert list(o.titles) == ["Trưởng phòng An ninh mạng"]


def test_officials_code_in_brackets_then_comma_and_parent_unit_is_one_title(read):
    text = ("Thượng tá Hồ Văn Tâm, Trưởng phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ (PC07), "
            "Công an tỉnh Nghệ An cho biết.")
    _, officials = read(text)
    assert rows(officials) == [("Hồ Văn Tâm", "Thượng tá",
                                ["Trưởng phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ (PC07), "
                                 "Công an tỉnh Nghệ An"],
                                ["Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Công an tỉnh Nghệ An"],
                                "Nghệ An")]


def test_officials_code_in_brackets_before_a_new_position_or_the_end_stays_out(read):
    # negative: a code followed by a new position, or ending the clause, is not written into the title
    _, [o] = read("Thượng tá Hồ Văn Tâm, Trưởng phòng Cảnh sát hình sự (PC02), Phó Giám đốc Sở Tư pháp phát biểu.")
    assert list(o.titles) == ["Trưởng phòng Cảnh sát hình sự", "Phó Giám đốc Sở Tư pháp"]
    _, [o] = read("Thượng tá Hồ Văn Tâm, Trưởng phòng Cảnh sát hình sự (PC02) cho biết.")
    assert list(o.titles) == ["Trưởng phòng Cảnh sát hình sự"]


def test_officials_department_without_its_parent_is_in_the_article_province(read):
    text = ("Công an tỉnh Nghệ An tổ chức lễ khen thưởng. Thượng tá Hồ Văn Tâm, Trưởng phòng Cảnh sát hình sự "
            "phát biểu. Đại úy Lê Văn Bình, cán bộ Đội Cảnh sát giao thông và Thiếu tá Trần Văn Cường, "
            "Đồn trưởng Đồn Biên phòng Nậm Cắn dự.")
    _, officials = read(text)
    assert [(o.name, o.province) for o in officials] == [
        ("Hồ Văn Tâm", "Nghệ An"), ("Lê Văn Bình", "Nghệ An"), ("Trần Văn Cường", "Nghệ An")]


def test_officials_department_of_a_central_unit_or_in_a_two_province_article_has_no_province(read):
    # negative: the department's parent is a central unit ("Cục ..., Bộ Công an")
    text = ("Đoàn công tác làm việc tại tỉnh Nghệ An. Thượng tá Hồ Văn Tâm, Trưởng phòng 5, Cục Cảnh sát hình sự, "
            "Bộ Công an phát biểu.")
    assert [o.province for o in read(text)[1]] == [None]
    # negative: the article names two provinces, so which one is not told
    text = ("Công an tỉnh Nghệ An phối hợp Công an tỉnh Hà Tĩnh. Thượng tá Hồ Văn Tâm, Trưởng phòng Cảnh sát "
            "hình sự phát biểu.")
    assert [o.province for o in read(text)[1]] == [None]


def test_officials_district_the_gazetteers_miss_is_in_the_article_province(read):
    # set I FAILURES.md 6: a Vietnamese district missing from the gazetteers is no place abroad
    text = ("Công an tỉnh Nghệ An tổ chức lễ. Ông Lê Văn Bình, Phó Chủ tịch UBND huyện Tân Mỹ Lộc và Thiếu tá "
            "Hồ Văn An, Đội trưởng Đội Cảnh sát hình sự, Công an huyện Tân Mỹ Lộc dự.")
    _, officials = read(text)
    assert [(o.name, o.province) for o in officials] == [("Lê Văn Bình", "Nghệ An"), ("Hồ Văn An", "Nghệ An")]


def test_officials_unknown_province_named_in_or_after_the_title_stays_abroad(read):
    # negative: a province the gazetteers do not know, in the title or after a comma, is abroad
    text = "Đoàn làm việc tại tỉnh Điện Biên. Ông Bun Mi, Chủ tịch huyện Mường Mày, tỉnh Phôngsalỳ dự."
    assert [o.province for o in read(text)[1]] == [None]
    text = ("Đoàn làm việc tại tỉnh Điện Biên. Ông Bun Mi, Trưởng Công an huyện Mường Mày, Công an tỉnh "
            "Phôngsalỳ dự.")
    assert [o.province for o in read(text)[1]] == [None]
    # negative: two provinces in the article, so which one is not told
    text = ("Công an tỉnh Nghệ An và Công an tỉnh Hà Tĩnh phối hợp. Ông Lê Văn Bình, Phó Chủ tịch UBND huyện "
            "Tân Mỹ Lộc dự.")
    assert [o.province for o in read(text)[1]] == [None]
