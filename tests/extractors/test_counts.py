"""Counts: values, units, categories, qualifiers, awards, events and what is not a count (vnie_counts)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.article import Article
from pipeline.document import build_nlp, make_doc, process


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(["vnie_dates", "vnie_counts"])


@pytest.fixture(scope="module")
def counts_of(nlp):
    def run(text: str, published: str | None = "2025-07-30"):
        return process(nlp, Article(source="test.txt", text=text, published=published))._.counts

    return run


def rows(found):
    return [(c.value, c.unit, c.category, c.approximate) for c in found]


@pytest.mark.parametrize("text, expected", [
    ("Phường duy trì 14 mô hình tự quản về an ninh trật tự.", (14.0, "mô hình tự quản về an ninh trật tự", "models",
                                                               False)),
    ("Mô hình được nhân rộng ra 27 điểm tại các thôn.", (27.0, "điểm", "points", False)),
    ("Hơn 1.800 sĩ quan tham dự lễ ra quân.", (1800.0, "sĩ quan", "people", True)),
    ("Toàn bộ 52 khu dân cư đạt chuẩn an toàn về ANTT.", (52.0, "khu dân cư", "areas", False)),
    ("Tuyên dương 15 gương điển hình tiên tiến trong phong trào.", (15.0, "gương điển hình tiên tiến", "exemplars", False)),
    ("Mô hình lắp đặt 40 mắt camera tại các ngã ba.", (40.0, "mắt camera", "cameras", False)),
    ("Xã đã lắp 52 camera giám sát tại các trục đường.", (52.0, "camera giám sát", "cameras", False)),
    ("Đoàn trao 25 suất quà cho hộ nghèo.", (25.0, "suất quà", "gifts", False)),
    ("Nhân dịp này, đơn vị tặng 40 phần quà cho học sinh.", (40.0, "phần quà", "gifts", False)),
    ("Lực lượng chức năng phát hiện 17 vụ vi phạm.", (17.0, "vụ vi phạm", "cases", False)),
    ("Công an tỉnh cấp 9.350 thẻ căn cước cho người dân.", (9350.0, "thẻ căn cước", "documents", False)),
    ("Phường có diện tích tự nhiên 7,3 km2.", (7.3, "km2", "area", False)),
    ("Vùng trồng rừng rộng 1.250 ha.", (1250.0, "ha", "area", False)),
    ("Quy mô dân số 74.200 người.", (74200.0, "người", "people", False)),
    ("Xã có 11 thôn với 3.150 hộ.", (11.0, "thôn", "areas", False)),
    ("Đoàn viên đã trồng 500 cây xanh.", (500.0, "cây xanh", "other", False)),
])
def test_counts_units_and_categories(counts_of, text, expected):
    assert rows(counts_of(text))[0] == expected


@pytest.mark.parametrize("text, value", [
    ("Tài xế bị xử phạt 4,5 triệu đồng.", 4_500_000.0),
    ("Dự án có tổng mức đầu tư hơn 9 tỷ đồng.", 9_000_000_000.0),
    ("Các đối tượng chiếm đoạt 2 tỷ 300 triệu đồng.", 2_300_000_000.0),
    ("Mỗi suất quà trị giá 500.000 đồng.", 500_000.0),
    ("Mỗi suất quà trị giá 500.000đ.", 500_000.0),
    ("Thu nộp ngân sách 1.250,5 triệu đồng.", 1_250_500_000.0),
])
def test_counts_money(counts_of, text, value):
    [c] = [c for c in counts_of(text) if c.category == "money"]
    assert c.value == value and c.unit in ("đồng", "đ")


def test_counts_money_without_the_word_dong(counts_of):
    [c] = counts_of("Tài xế bị xử phạt 7,5 triệu về hành vi gây rối.")
    assert (c.value, c.unit, c.category) == (7_500_000.0, "đồng", "money")


def test_counts_several_in_one_sentence(counts_of):
    found = counts_of("Xã có 9 thôn với hơn 2.300 hộ, 8.640 nhân khẩu và khoảng 60 km2.")
    assert rows(found) == [(9.0, "thôn", "areas", False), (2300.0, "hộ", "people", True),
                           (8640.0, "nhân khẩu", "people", False), (60.0, "km2", "area", True)]


@pytest.mark.parametrize("qualifier", ["hơn", "gần", "trên", "khoảng", "gần như", "ước tính", "xấp xỉ", "chừng"])
def test_counts_qualifiers_set_approximate(counts_of, qualifier):
    text = f"Buổi lễ thu hút {qualifier} 300 người tham gia."
    [c] = counts_of(text)
    assert (c.value, c.approximate, c.text) == (300.0, True, f"{qualifier} 300 người")


def test_counts_exact_without_qualifier(counts_of):
    [c] = counts_of("Buổi lễ thu hút 300 người tham gia.")
    assert (c.approximate, c.text) == (False, "300 người")


@pytest.mark.parametrize("text, value", [
    ("Có hàng trăm người dân đến dự.", 100.0),
    ("Hàng nghìn đoàn viên tham gia ra quân.", 1000.0),
    ("Hàng chục vụ việc được xử lý kịp thời.", 10.0),
])
def test_counts_hang_tram_is_approximate(counts_of, text, value):
    [c] = counts_of(text)
    assert (c.value, c.approximate) == (value, True)


def test_counts_number_words(counts_of):
    found = counts_of("Tổ công tác bắt quả tang hai đối tượng và thu giữ mười lăm bánh heroin.")
    assert rows(found) == [(2.0, "đối tượng", "people", False), (15.0, "bánh heroin", "quantity", False)]


def test_counts_mot_as_article_is_not_a_count(counts_of):
    assert counts_of("Mỗi người dân là một chiến sĩ, một xã biên giới an toàn.") == []


def test_counts_hang_loat_is_not_a_count(counts_of):
    assert counts_of("Lực lượng chức năng phát hiện hàng loạt vụ việc.") == []


def test_counts_classifier_and_its_noun(counts_of):
    [c] = counts_of("Người dân giao nộp 14 quả lựu đạn cũ và nhiều tài liệu.")
    assert (c.value, c.unit, c.category) == (14.0, "quả lựu đạn", "weapons")
    [c] = counts_of("Hội nghị thông qua 6 tờ trình quan trọng.")
    assert (c.value, c.unit, c.category) == (6.0, "tờ trình", "other")


def test_counts_coordinated_nouns_share_the_number(counts_of):
    [c] = counts_of("Biểu dương 65 tập thể, cá nhân có thành tích.")
    assert (c.value, c.unit, c.category) == (65.0, "tập thể, cá nhân", "awards")
    [c] = counts_of("Phường được thành lập trên cơ sở sắp xếp 3 phường, xã cũ.")
    assert (c.value, c.unit, c.category) == (3.0, "phường, xã", "areas")


def test_counts_slash_between_two_counts(counts_of):
    found = counts_of("Cơ quan công an đã làm rõ 695 vụ/1.408 đối tượng.")
    assert rows(found) == [(695.0, "vụ", "cases", False), (1408.0, "đối tượng", "people", False)]


def test_counts_quoted_name_as_unit(counts_of):
    [c] = counts_of("Thôn có 12 “Tổ liên gia an toàn” hoạt động hiệu quả.")
    assert (c.value, c.unit, c.category) == (12.0, "Tổ liên gia an toàn", "other")


# -- awards -------------------------------------------------------------------------------


def test_counts_award_recipients(counts_of):
    text = "Dịp này, UBND huyện tặng Bằng khen của Chủ tịch UBND tỉnh cho 25 tập thể và 40 cá nhân."
    found = counts_of(text)
    assert rows(found) == [(25.0, "tập thể", "awards", False), (40.0, "cá nhân", "awards", False)]
    assert {c.award for c in found} == {"Bằng khen của Chủ tịch UBND tỉnh"}


def test_counts_award_after_the_recipients(counts_of):
    [a, b] = counts_of("Có 9 tập thể, 36 cá nhân được nhận Giấy khen của Giám đốc Công an tỉnh.")
    assert (a.category, b.category) == ("awards", "awards")
    assert a.award == "Giấy khen của Giám đốc Công an tỉnh"


def test_counts_award_cue_without_award_name(counts_of):
    [a, b] = counts_of("Hội nghị khen thưởng 7 tập thể và 19 cá nhân xuất sắc.")
    assert (a.category, b.category, a.award) == ("awards", "awards", None)


def test_counts_people_without_award_stay_people(counts_of):
    [c] = counts_of("Hội nghị có 120 cá nhân tham dự.")
    assert c.category == "people" and c.award is None


def test_counts_gifts_next_to_awards_stay_gifts(counts_of):
    found = counts_of("UBND xã tặng Giấy khen cho 6 tập thể; Công an tỉnh trao 30 suất quà cho các hộ.")
    assert [c.category for c in found] == ["awards", "gifts"]


# -- events -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FakeEvent:
    index: int
    sentence: int


def test_counts_link_to_the_event_of_their_sentence(nlp):
    text = "Sáng 14/6, xã tổ chức ngày hội với 300 người tham dự.\n\nXã có 14 mô hình tự quản."
    doc = make_doc(nlp, Article(source="t.txt", text=text, published="2025-07-30"))
    doc = nlp.get_pipe("vnie_dates")(doc)
    doc._.events = [FakeEvent(index=0, sentence=0)]
    doc = nlp.get_pipe("vnie_counts")(doc)
    assert [(c.value, c.event) for c in doc._.counts] == [(300.0, 0), (14.0, None)]


# -- provenance ---------------------------------------------------------------------------


def test_counts_offsets_and_mentions(counts_of):
    text = "Lễ ra quân có hơn 1.800 sĩ quan tham gia."
    [c] = counts_of(text)
    assert text[c.start:c.end] == c.text == "hơn 1.800 sĩ quan"
    [m] = c.mentions()
    assert (m.label, m.text, m.norm) == ("COUNT", "hơn 1.800 sĩ quan", "people")


def test_counts_only_body_sentences(nlp):
    text = "Xã có 14 mô hình tự quản.\n\nTin liên quan: Bắt 5 đối tượng trộm cắp."
    doc = make_doc(nlp, Article(source="t.txt", text=text, published="2025-07-30"))
    doc._.body_end = text.index("Tin liên quan")
    for _, pipe in nlp.pipeline:
        doc = pipe(doc)
    assert [c.value for c in doc._.counts] == [14.0]


# -- not counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Kỳ họp thứ 21 HĐND tỉnh khai mạc.",
    "Đây là lần thứ 3 đơn vị được khen thưởng.",
    "Cơn bão số 9 gây mưa lớn.",
    "Thực hiện Quyết định số 437 của Thủ tướng.",
    "Bị can bị truy tố theo Khoản 3, Điều 331 Bộ luật Hình sự.",
    "Ban chỉ đạo 389 của tỉnh họp phiên thường kỳ.",
    "Tổ công tác kiểm tra trên tuyến ĐT742.",
    "Xe khách lưu thông trên QL1A thì gặp nạn.",
    "Tai nạn xảy ra tại Km 03+150.",
    "Thực hiện Đề án 04/CP, xã đẩy mạnh chuyển đổi số.",
    "Cáo trạng số 1875/CT-VKSTC đã được tống đạt.",
    "Nghị định 168/2024/NĐ-CP quy định mức phạt.",
    "Ngày 14/6/2025, phường tổ chức ngày hội năm 2025.",
    "Qua gần 20 năm tổ chức, Ngày hội đi vào đời sống.",
    "Đoàn làm việc trong 4 ngày tại tỉnh.",
    "Cách đây 18 năm, Thủ tướng ký quyết định.",
    "Bị can đã bị tạm giam 3 tháng.",
    "Kỷ niệm 80 năm Ngày truyền thống lực lượng.",
    "Đối tượng Lê Văn B (45 tuổi) bị bắt giữ.",
    "Đối tượng Trần Văn C (SN 1988) bị bắt giữ.",
    "Tỷ lệ điều tra khám phá án đạt 85%.",
    "Tỷ lệ hộ tham gia đạt 92 phần trăm.",
    "Phong trào gắn với phương châm “3 rõ, 4 tại chỗ”.",
    "Xã triển khai mô hình “4 không” ở các thôn.",
    "Phù hợp với mô hình chính quyền địa phương 2 cấp.",
    "Sáp nhập 1 phần diện tích của phường cũ.",
    "Vụ việc xảy ra lúc 09:52, đến 10h15 mới xử lý xong.",
    "Người dân gọi đường dây nóng 0912.345.678 để báo tin.",
    "Hai bên hòa 2-2 sau hiệp chính.",
    "Có 2/3 số hộ đồng tình.",
    "Tổ công tác mở rộng điều tra theo chuyên án 124H.",
    "Trận đấu kết thúc với tỉ số 3 - 1.",
])
def test_counts_not_counts(counts_of, text):
    assert counts_of(text) == []


def test_counts_zero_padded_small_counts(counts_of):
    found = counts_of("Tổ công tác bắt 03 đối tượng, thu giữ 01 xe mô tô và tặng quà cho 02 cháu.")
    assert rows(found) == [(3.0, "đối tượng", "people", False), (1.0, "xe mô tô", "vehicles", False),
                           (2.0, "cháu", "people", False)]


def test_counts_zero_led_codes_are_not_counts(counts_of):
    assert counts_of("Người dân gọi 0865015015 hoặc liên hệ Đội 02 để được hỗ trợ.") == []


def test_counts_award_of_the_same_clause(counts_of):
    found = counts_of("Có 3 tập thể được tặng Cờ thi đua của Bộ Công an; 15 cá nhân được tặng danh hiệu "
                      "Chiến sĩ thi đua cơ sở.")
    assert [c.award for c in found] == ["Cờ thi đua của Bộ Công an", "danh hiệu Chiến sĩ thi đua cơ sở"]


def test_counts_trong_so_is_not_an_identifier(counts_of):
    [c] = counts_of("Có 7 trong số 10 địa phương đạt chỉ tiêu.")
    assert (c.value, c.unit, c.category) == (10.0, "địa phương", "areas")


def test_counts_unknown_noun_stops_before_a_verb(counts_of):
    [c] = counts_of("Toàn huyện có 29 ban hòa giải đạt hiệu quả cao.")
    assert (c.value, c.unit, c.category) == (29.0, "ban hòa giải", "other")


def test_counts_coordination_needs_whole_words(counts_of):
    found = counts_of("Công an tỉnh trao tặng 20 bộ máy tính và trang thiết bị; thu hồi hơn 500 khẩu súng, "
                      "công cụ hỗ trợ, vật liệu nổ.")
    assert [c.unit for c in found] == ["bộ máy tính", "khẩu súng, công cụ hỗ trợ, vật liệu nổ"]


@pytest.mark.parametrize("text", [
    "Xe ô tô BKS 29C-123.45 lưu thông trên Quốc lộ 14 với vận tốc 80 km/h.",
    "Tài xế tông vào tòa nhà 5 tầng tại số 12 đường số 5.",
    "Nguyễn Văn A (SN 1985, trú tại thôn 3, xã Tân Lập) bị bắt.",
    "Bị cáo lĩnh mức án 7 năm tù theo khoản 1 Điều 248 Bộ luật Hình sự năm 2015.",
    "Đại hội lần 2 Đảng bộ Công an tỉnh đã thành công.",
])
def test_counts_crime_news_identifiers_and_measures(counts_of, text):
    assert counts_of(text) == []


def test_counts_victims(counts_of):
    [c] = counts_of("Đường dây có gần 3.000 bị hại trên cả nước.")
    assert (c.value, c.unit, c.category, c.approximate) == (3000.0, "bị hại", "people", True)


def test_counts_attendees_of_an_award_ceremony_are_people(counts_of):
    [c] = counts_of("Hơn 300 người dự lễ trao Bằng khen của Bộ trưởng Bộ Công an.")
    assert (c.category, c.award) == ("people", None)


@pytest.mark.parametrize("text", [
    "Bộ trưởng tặng Bằng khen cho 5 cán bộ có thành tích xuất sắc.",
    "Hội nghị khen thưởng 12 chiến sĩ dũng cảm.",
    "Có 8 đồng chí được tặng Kỷ niệm chương Bảo vệ an ninh Tổ quốc.",
])
def test_counts_honoured_people_are_awards(counts_of, text):
    [c] = counts_of(text)
    assert c.category == "awards"


@pytest.mark.parametrize("text, award", [
    ("Hội đồng tuyên dương 4 chiến sĩ, tặng Bằng khen của Bộ trưởng đối với đơn vị.", "Bằng khen của Bộ trưởng"),
    ("Giám đốc biểu dương 6 cán bộ và trao Giấy khen của Giám đốc tới các đơn vị.", "Giấy khen của Giám đốc"),
    ("Hội nghị tặng Giấy khen của Chủ tịch UBND huyện cho 3 cá nhân.", "Giấy khen của Chủ tịch UBND huyện"),
])
def test_counts_honouring_words_and_award_ends_come_from_the_gazetteer(counts_of, text, award):
    [c] = counts_of(text)[:1]
    assert (c.category, c.award) == ("awards", award)


def test_counts_honouring_words_are_data(nlp):
    from extractors.counts import CountFinder
    from extractors.numbers import make_reader
    from gazetteer import read_gazetteer

    finder = nlp.get_pipe("vnie_counts")
    text = "Ban tổ chức vinh danh 5 cán bộ tại buổi lễ."
    doc = _doc(nlp, text)
    assert [(c.category, c.award) for c in doc._.counts] == [("people", None)]
    own = CountFinder(nlp.get_pipe("vnie_spans").gazetteer, read_gazetteer("count_nouns.jsonl"), read_gazetteer("count_qualifiers.jsonl"), make_reader(),
                      read_gazetteer("unit_words.jsonl"), read_gazetteer("count_acts.jsonl"),
                      [{"label": "HONOUR", "pattern": "vinh danh", "id": "praise"}],
                      read_gazetteer("count_award_ends.jsonl"))
    assert [(c.category, c.award) for c in own.match(doc)] == [("awards", None)]
    assert finder.honoured_before.search("Bộ trưởng tặng") and not own.honoured_before.search("Bộ trưởng tặng")


def test_counts_award_name_ends_at_a_gazetteer_word(counts_of):
    [c] = counts_of("Giám đốc trao Giấy khen của Giám đốc Công an tỉnh đã khen thưởng 2 tập thể.")
    assert (c.category, c.award) == ("awards", "Giấy khen của Giám đốc Công an tỉnh")


# -- one row per fact -------------------------------------------------------------------


def _doc(nlp, text: str):
    return process(nlp, Article(source="t.txt", text=text, published="2025-07-30"))


def test_counts_repeated_fact_is_one_row(nlp):
    text = ("Công an xã trao 400 suất quà cho hộ nghèo.\n\n"
            "Tại buổi lễ, đoàn công tác đã trao 400 suất quà, mỗi suất trị giá 500.000 đồng.\n\n"
            "Ảnh: Đại diện đoàn trao 400 suất quà cho người dân.")
    doc = _doc(nlp, text)
    assert rows(doc._.counts) == [(400.0, "suất quà", "gifts", False), (500_000.0, "đồng", "money", False)]
    assert doc._.counts[0].start == text.index("400")
    mentions = doc._.count_mentions
    assert [m.value for m in mentions] == [400.0, 400.0, 500_000.0, 400.0]


def test_counts_digits_and_words_of_one_fact_are_one_row(nlp):
    doc = _doc(nlp, "Tổ công tác bắt quả tang 2 đối tượng. Tại cơ quan Công an, hai đối tượng đã khai nhận hành vi.")
    assert rows(doc._.counts) == [(2.0, "đối tượng", "people", False)]
    assert len(doc._.count_mentions) == 2


def test_counts_fuller_unit_of_a_repeat_wins_with_its_own_offsets(nlp):
    text = "Lực lượng chức năng thu giữ 17 điện thoại. Toàn bộ 17 điện thoại di động đã được niêm phong."
    doc = _doc(nlp, text)
    [c] = doc._.counts
    assert (c.value, c.unit, c.text) == (17.0, "điện thoại di động", "17 điện thoại di động")
    assert text[c.start:c.end] == c.text and c.start == text.index("17 điện thoại di động")


def test_counts_currency_signs_of_one_amount_are_one_row(nlp):
    doc = _doc(nlp, "Đối tượng chiếm đoạt 350.000đ của bị hại. Số tiền 350.000 đồng đã được trả lại.")
    [c] = doc._.counts
    assert (c.value, c.category, c.text) == (350_000.0, "money", "350.000đ")


def test_counts_same_number_with_different_awards_stays_two_rows(nlp):
    doc = _doc(nlp, "Chủ tịch UBND tỉnh tặng Bằng khen cho 1 cá nhân có thành tích; Giám đốc Công an tỉnh "
                    "tặng Giấy khen cho 1 cá nhân khác.")
    found = doc._.counts
    assert [(c.value, c.category) for c in found] == [(1.0, "awards"), (1.0, "awards")]
    assert [c.award.split()[0] for c in found] == ["Bằng", "Giấy"]


def test_counts_different_values_or_units_stay_apart(nlp):
    doc = _doc(nlp, "Xã có 6 thôn và 6 tổ hòa giải. Công an xã bắt 6 đối tượng.")
    assert [(c.value, c.unit) for c in doc._.counts] == [(6.0, "thôn"), (6.0, "tổ hòa giải"), (6.0, "đối tượng")]


def test_counts_mentions_table_keeps_every_count_mention(nlp):
    from pipeline.tables import article_rows

    text = "Đoàn trao 30 suất quà cho các hộ.\n\nCác hộ nhận 30 suất quà rất phấn khởi."
    article = Article(source="t.txt", text=text, published="2025-07-30")
    tables = article_rows(article, process(nlp, article))
    assert [r["text"] for r in tables["counts"]] == ["30 suất quà"]
    count_mentions = [r for r in tables["mentions"] if r["label"] == "COUNT"]
    assert [(r["start"], r["text"]) for r in count_mentions] == [
        (text.index("30"), "30 suất quà"), (text.rindex("30"), "30 suất quà")]


# -- two numbers, one noun ----------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Cơ quan điều tra đã làm rõ 43/49 vụ trộm cắp tài sản.", [(43.0, "vụ trộm cắp tài sản"), (49.0, "vụ trộm cắp tài sản")]),
    ("Lực lượng chức năng bắt giữ 12/15 đối tượng truy nã.", [(12.0, "đối tượng truy nã"), (15.0, "đối tượng truy nã")]),
    ("Công an phường đã giải quyết 8/10 vụ việc.", [(8.0, "vụ việc"), (10.0, "vụ việc")]),
])
def test_counts_fraction_gives_both_counts(counts_of, text, expected):
    found = counts_of(text)
    assert [(c.value, c.unit) for c in found] == expected
    assert all(text[c.start:c.end] == c.text for c in found)
    assert found[0].text.startswith(f"{int(expected[0][0])}/{int(expected[1][0])} ")


@pytest.mark.parametrize("text", [
    "Ngày 12/5 đối tượng bị bắt giữ.",
    "Từ 8/10 đến nay, lực lượng chức năng tuần tra.",
    "Thực hiện Công văn 43/49 của UBND tỉnh.",
    "Có 2/3 số hộ đồng tình.",
    "Ngày 12/5/2025 vụ việc được phát hiện.",
])
def test_counts_fraction_not_for_dates_and_numbers(counts_of, text):
    assert counts_of(text) == []


@pytest.mark.parametrize("text, value, unit, span", [
    ("Mỗi đêm có từ 3 - 5 người tụ tập đánh bạc.", 3.0, "người", "3 - 5 người"),
    ("Người dân giao nộp khoảng 3-5 quả lựu đạn.", 3.0, "quả lựu đạn", "khoảng 3-5 quả lựu đạn"),
    ("Mỗi tổ có từ 3 đến 5 đoàn viên.", 3.0, "đoàn viên", "3 đến 5 đoàn viên"),
    ("Hành vi này bị phạt từ 10 - 15 triệu đồng.", 10_000_000.0, "đồng", "10 - 15 triệu đồng"),
])
def test_counts_range_gives_its_lower_bound_approximate(counts_of, text, value, unit, span):
    [c] = counts_of(text)
    assert (c.value, c.unit, c.approximate, c.text) == (value, unit, True, span)


@pytest.mark.parametrize("text", [
    "Bị cáo lĩnh án từ 2-3 năm tù.",
    "Nhiệt độ giảm từ 3 - 5 độ C so với hôm qua.",
    "Mỗi đại lý được hưởng từ 3 đến 5% tiền cược.",
])
def test_counts_range_needs_a_count_noun(counts_of, text):
    assert counts_of(text) == []


# -- dispatch verbs -----------------------------------------------------------------------


def test_counts_vehicles_after_the_verb_dieu(counts_of):
    found = counts_of("Nhận tin báo, Công an tỉnh đã điều 5 xe chữa cháy, 1 xe nước, 1 máy bơm cùng "
                      "52 cán bộ chiến sĩ đến hiện trường.")
    assert [(c.value, c.unit, c.category) for c in found] == [
        (5.0, "xe chữa cháy", "vehicles"), (1.0, "xe nước", "vehicles"), (1.0, "máy bơm", "other"),
        (52.0, "cán bộ chiến sĩ", "people")]


def test_counts_rescue_vehicles_are_whole_units(counts_of):
    found = counts_of("Lực lượng chức năng điều động 4 xe cứu hỏa, 2 xe cứu thương và 3 xuồng máy tới hiện trường.")
    assert [(c.value, c.unit, c.category) for c in found] == [
        (4.0, "xe cứu hỏa", "vehicles"), (2.0, "xe cứu thương", "vehicles"), (3.0, "xuồng máy", "vehicles")]


@pytest.mark.parametrize("text", [
    "Hành vi vi phạm quy định tại Điều 5 Luật Cư trú.",
    "Bị can bị truy tố theo khoản 2 điều 5 bộ luật hình sự.",
])
def test_counts_article_numbers_are_not_counts(counts_of, text):
    assert counts_of(text) == []


def test_counts_recipients_told_again_with_their_award_are_one_row(nlp):
    text = ("Hội nghị đã khen thưởng 5 tập thể có thành tích xuất sắc.\n\n"
            "Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho 5 tập thể.")
    doc = _doc(nlp, text)
    [c] = doc._.counts
    assert (c.value, c.category, c.award, c.start) == (5.0, "awards", "Bằng khen", text.rindex("5 tập thể"))


@pytest.mark.parametrize("text, unit", [
    ("Lửa thiêu rụi 3 căn nhà. Rất may 3 ngôi nhà không có người ở.", "căn nhà"),
    ("Tổ công tác thu giữ 17 điện thoại. Trong đó, 17 chiếc điện thoại di động đã được niêm phong.",
     "chiếc điện thoại di động"),
    ("Tổ công tác thu giữ 2 chiếc xe máy. Hai xe máy này là tang vật.", "chiếc xe máy"),
])
def test_counts_generic_classifier_does_not_make_a_new_fact(nlp, text, unit):
    [c] = _doc(nlp, text)._.counts
    assert c.unit == unit and text[c.start:c.end] == c.text


def test_counts_a_sentence_listing_a_value_twice_keeps_both(counts_of):
    text = ("Chủ tịch UBND tỉnh trao thưởng 100 triệu đồng cho Công an tỉnh, 100 triệu đồng cho "
            "Bộ Chỉ huy Bộ đội Biên phòng tỉnh vì thành tích phá án.")
    assert [(c.value, c.unit) for c in counts_of(text)] == [
        (100_000_000.0, "đồng"), (100_000_000.0, "đồng")]


@pytest.mark.parametrize("text, expected", [
    ("Cơ quan điều tra đã khởi tố thêm 12 đồng phạm trong vụ án.", [(12.0, "đồng phạm", "people", False)]),
    ("Đài truyền thanh xã phát 6 bản tin về phòng chống ma túy.", [(6.0, "bản tin", "other", False)]),
    ("Người dân phát hiện 2 thi thể trong căn nhà bỏ hoang.", [(2.0, "thi thể", "people", False)]),
])
def test_counts_nouns_that_begin_like_another_unit(counts_of, text, expected):
    assert rows(counts_of(text)) == expected


# -- issue 9: units keep their kind, measures of goods, kind of count, new categories -------------


def full_rows(found):
    return [(c.value, c.unit, c.category, c.kind, c.approximate) for c in found]


@pytest.mark.parametrize("text, expected", [
    ("Đợt cao điểm, Đội CSGT xử phạt 84 tài xế ô tô và 212 tài xế mô tô vi phạm nồng độ cồn.",
     [(84.0, "tài xế ô tô", "people", "total", False), (212.0, "tài xế mô tô", "people", "total", False)]),
    ("Phong trào được nhân ra 27 điểm nhân rộng mô hình “An toàn giao thông” ở các thôn.",
     [(27.0, "điểm nhân rộng mô hình", "points", "total", False)]),
    ("Huyện biểu dương 9 gương điển hình tiên tiến trong phong trào thi đua.",
     [(9.0, "gương điển hình tiên tiến", "exemplars", "total", False)]),
    ("Xã mới gồm 4 xã Hòa Bình, Hòa Lạc và Tân Phú cũ.", [(4.0, "xã", "areas", "total", False)]),
    ("Công an huyện làm rõ 17 vụ trộm cắp tài sản.", [(17.0, "vụ trộm cắp tài sản", "cases", "total", False)]),
    ("Công an xã làm rõ 6 vụ trộm cắp tài sản với tổng giá trị lớn.",
     [(6.0, "vụ trộm cắp tài sản", "cases", "total", False)]),
    ("Tổ tuần tra nhắc nhở 6 tài xế xe khách dừng đỗ sai quy định.",
     [(6.0, "tài xế xe khách", "people", "total", False)]),
    ("Huyện có 9 xã biên giới với nước bạn Lào.", [(9.0, "xã biên giới", "areas", "total", False)]),
    ("Buổi lễ được truyền trực tuyến tới 14 điểm cầu cấp xã.", [(14.0, "điểm cầu cấp xã", "other", "total", False)]),
])
def test_counts_unit_keeps_the_words_of_its_kind(counts_of, text, expected):
    found = counts_of(text)
    assert full_rows(found) == expected
    assert all(text[c.start:c.end] == c.text for c in found)


@pytest.mark.parametrize("text, unit", [
    ("Lực lượng chức năng bắt quả tang 7 người tụ tập đánh bạc.", "người"),         # two verbs: not a kind
    ("Trong năm có 5 vụ khiến nhiều người bị thương.", "vụ"),                         # a verb: the predicate
    ("Thị xã có 4 khu công nghiệp thu hút hơn 12.000 lao động.", "khu công nghiệp"),  # unknown word, then a number
    ("Công an xã đã hòa giải 11 vụ việc tại cơ sở.", "vụ việc"),                     # preposition
    ("Đoàn trao 60 suất quà và 20 chăn ấm.", "suất quà"),                            # conjunction
    ("Xã có 26 tổ tự quản năm 2024.", "tổ tự quản"),                                 # time word
    ("Đơn vị tặng 45 phần quà, mỗi phần trị giá 300.000 đồng.", "phần quà"),        # punctuation
    ("Phường bố trí 30 mắt camera được kết nối về trung tâm.", "mắt camera"),        # verb
    ("Hai xe ô tô va chạm trên tỉnh lộ.", "xe ô tô"),                                # verb, then a preposition
])
def test_counts_unit_stops_at_verbs_prepositions_conjunctions_time_words(counts_of, text, unit):
    assert counts_of(text)[0].unit == unit


@pytest.mark.parametrize("text, expected", [
    ("Tổ công tác thu giữ 5,04 kg ma túy tổng hợp các loại.", (5.04, "kg ma túy tổng hợp các loại", "quantity", "total", False)),
    ("Công an huyện phát hiện 647 kg pháo trong nhà kho.", (647.0, "kg pháo", "quantity", "total", False)),
    ("Kiểm lâm tạm giữ 345 m3 gỗ tại bãi tập kết.", (345.0, "m3 gỗ", "quantity", "total", False)),
    ("Chủ cơ sở cất giấu 1.200 lít xăng không có hóa đơn.", (1200.0, "lít xăng", "quantity", "total", False)),
    ("Đội quản lý thị trường thu giữ 2 tấn hàng không rõ nguồn gốc.", (2.0, "tấn hàng", "quantity", "total", False)),
    ("Người dân giao nộp khoảng 3,5 tạ pháo nổ.", (3.5, "tạ pháo nổ", "quantity", "total", True)),
    ("Cảnh sát thu giữ 12 m³ gỗ quý.", (12.0, "m³ gỗ quý", "quantity", "total", False)),
    ("Lực lượng chức năng thu giữ 3,2 gam heroin.", (3.2, "gam heroin", "quantity", "total", False)),
    ("Đối tượng vận chuyển 40 bánh heroin qua biên giới.", (40.0, "bánh heroin", "quantity", "total", False)),
    ("Trinh sát thu giữ 2.500 viên ma túy tổng hợp.", (2500.0, "viên ma túy tổng hợp", "other", "total", False)),
    ("Chủ rừng lấn chiếm 5,2 ha rừng phòng hộ.", (5.2, "ha rừng phòng hộ", "area", "total", False)),
    ("Phường có diện tích 4,6 km2.", (4.6, "km2", "area", "total", False)),
    ("Tổ công tác thu giữ 7,15kg ma túy đá.", (7.15, "kg ma túy đá", "quantity", "total", False)),  # glued on
    ("Xưởng cưa tập kết 180 khối gỗ keo.", (180.0, "khối gỗ keo", "quantity", "total", False)),
    ("Đối tượng lấy trộm 3 lượng vàng của bị hại.", (3.0, "lượng vàng", "quantity", "total", False)),
    ("Nhóm đối tượng cắt trộm 250 m dây điện.", (250.0, "m dây điện", "quantity", "total", False)),
    ("Đội kiểm tra phát hiện từ 2 - 3 tấn hàng hóa.", (2.0, "tấn hàng hóa", "quantity", "total", True)),  # a range
])
def test_counts_measures_of_goods_are_quantities(counts_of, text, expected):
    """Each measure, decimal comma and thousands dot, with what it measures."""
    [c] = counts_of(text)
    assert full_rows([c]) == [expected]
    assert text[c.start:c.end] == c.text


@pytest.mark.parametrize("text", [
    "Nam thanh niên nặng 65 kg bị ngất.",       # a body weight: nothing measured is named
    "Chiếc xe tải 15 tấn bị lật bên đường.",     # a vehicle's load class
    "Lượng mưa đo được 120 mm trong đêm.",       # rainfall
    "Đối tượng bỏ chạy khoảng 200 m thì bị bắt.",  # a distance
    "Đoạn sông có độ sâu 6 m nước.",               # a depth: a length measures only listed goods
])
def test_counts_measures_of_nothing_named_are_not_counts(counts_of, text):
    assert counts_of(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Năm nay toàn tỉnh xảy ra 96 vụ, tăng 15 vụ so với cùng kỳ.",
     [(96.0, "vụ", "cases", "total", False), (15.0, "vụ", "cases", "change", False)]),
    ("Số người vi phạm giảm 3 đối tượng so với cùng kỳ.", [(3.0, "đối tượng", "people", "change", False)]),
    ("Tai nạn giao thông tăng 2 vụ so với năm 2023.", [(2.0, "vụ", "cases", "change", False)]),
    ("Số vụ cháy giảm hơn 10 vụ.", [(10.0, "vụ", "cases", "change", True)]),
    ("Quý này phát hiện nhiều hơn 4 vụ so với quý trước.", [(4.0, "vụ", "cases", "change", False)]),
    ("Huyện tăng cường 50 cán bộ về cơ sở.", [(50.0, "cán bộ", "people", "total", False)]),
    ("Số vụ trộm giảm còn 8 vụ.", [(8.0, "vụ", "cases", "total", False)]),
    ("Cơ quan điều tra đã làm rõ 38/41 vụ.", [(38.0, "vụ", "cases", "part", False), (41.0, "vụ", "cases", "total", False)]),
    ("Toàn huyện xảy ra 21 vụ, nhiều hơn cùng kỳ 4 vụ.",
     [(21.0, "vụ", "cases", "total", False), (4.0, "vụ", "cases", "change", False)]),
    ("Số vụ cháy rừng giảm so với năm trước hơn 6 vụ.", [(6.0, "vụ", "cases", "change", True)]),
    ("Cùng kỳ năm trước có 19 vụ.", [(19.0, "vụ", "cases", "total", False)]),
    ("Lực lượng chức năng làm rõ thêm 2 đối tượng.", [(2.0, "đối tượng", "people", "total", False)]),
])
def test_counts_kind_total_change_part(counts_of, text, expected):
    assert full_rows(counts_of(text)) == expected


@pytest.mark.parametrize("text", [
    "Tỷ lệ khám phá án tăng 15%.",
    "Số vụ tai nạn giảm 12,5% so với cùng kỳ.",
    "Số vụ phạm pháp hình sự tăng 7 phần trăm.",
    "Tỷ lệ tái phạm giảm 0,8 điểm phần trăm so với năm trước.",
])
def test_counts_percentages_are_not_counts(counts_of, text):
    assert counts_of(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Công an phường điều động 3 ca nô, 2 xe ô tô và 1 phương tiện chuyên dùng.",
     [(3.0, "ca nô", "vehicles"), (2.0, "xe ô tô", "vehicles"), (1.0, "phương tiện chuyên dùng", "vehicles")]),
    ("Người dân giao nộp 8 khẩu súng, 150 viên đạn và 2 quả lựu đạn.",
     [(8.0, "khẩu súng", "weapons"), (150.0, "viên đạn", "weapons"), (2.0, "quả lựu đạn", "weapons")]),
    ("Đợt vận động thu hồi 27 vũ khí và 40 kíp nổ.", [(27.0, "vũ khí", "weapons"), (40.0, "kíp nổ", "weapons")]),
    ("Tổ công tác tạm giữ 4 chiếc xe máy.", [(4.0, "chiếc xe máy", "vehicles")]),
])
def test_counts_vehicles_and_weapons(counts_of, text, expected):
    assert [(c.value, c.unit, c.category) for c in counts_of(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Tổ công tác thu giữ hai súng điện.", [(2.0, "súng điện", "weapons", "total", False)]),
    ("Ba đối tượng đã bị bắt giữ.", [(3.0, "đối tượng", "people", "total", False)]),
    ("Đội tuần tra phát hiện mười hai xe máy không biển số.", [(12.0, "xe máy", "vehicles", "total", False)]),
])
def test_counts_numbers_written_as_words(counts_of, text, expected):
    assert full_rows(counts_of(text)) == expected


@pytest.mark.parametrize("text", [
    "Một đối tượng đã bỏ trốn.",                        # "một" as an article
    "Năm 2024, đơn vị đạt danh hiệu quyết thắng.",       # a year
    "Đối tượng Nguyễn Văn D, 29 tuổi, bị bắt.",           # an age
    "Bị cáo lãnh 8 năm tù giam.",                         # a duration
    "Chiến dịch kéo dài 45 ngày.",                        # a duration
    "Thực hiện Kế hoạch số 215 của Công an tỉnh.",        # a document number
    "Xe mang biển kiểm soát 36A-456.78 bị giữ.",          # an identifier
])
def test_counts_years_ages_durations_identifiers_are_not_counts(counts_of, text):
    assert counts_of(text) == []


def test_counts_units_of_different_kinds_are_different_facts(nlp):
    text = "Đội CSGT xử phạt 15 tài xế ô tô. Ngoài ra, tổ tuần tra xử phạt 15 tài xế mô tô."
    assert [(c.value, c.unit) for c in _doc(nlp, text)._.counts] == [(15.0, "tài xế ô tô"), (15.0, "tài xế mô tô")]


def test_counts_a_change_and_a_total_of_one_value_are_two_facts(nlp):
    text = "Quý trước có 6 vụ cháy. Quý này số vụ cháy tăng 6 vụ."
    assert [(c.value, c.kind) for c in _doc(nlp, text)._.counts] == [(6.0, "total"), (6.0, "change")]


def test_counts_kind_goes_to_the_table_after_category(nlp):
    from pipeline.schemas import SCHEMAS
    from pipeline.tables import article_rows

    names = SCHEMAS["counts"].names
    assert names[names.index("category") + 1] == "kind"
    text = "Năm nay xảy ra 40 vụ, giảm 5 vụ so với năm trước."
    article = Article(source="t.txt", text=text, published="2025-07-30")
    rows_ = article_rows(article, process(nlp, article))["counts"]
    assert [(r["value"], r["kind"]) for r in rows_] == [(40.0, "total"), (5.0, "change")]


@pytest.fixture(scope="module")
def full_nlp():
    return build_nlp()


@pytest.mark.parametrize("name, expected", [
    ("000_0bf472c54a2565c7", [(3.0, "phường", "areas", "total"), (12.0, "mô hình", "models", "total"),
                              (35.0, "điểm nhân rộng mô hình", "points", "total")]),
    ("001_a9151fd1b7193db9", [(8.0, "km2", "area", "total"), (81500.0, "người", "people", "total"),
                              (12.0, "mô hình", "models", "total"), (35.0, "điểm", "points", "total"),
                              (48.0, "khu dân cư", "areas", "total")]),
    ("003_0f60e8da727919d9", [(36.0, "mắt camera", "cameras", "total")]),
])
def test_counts_units_of_the_bundled_articles(full_nlp, name, expected):
    from pipeline.readers.txt import read_txt

    path = Path(__file__).resolve().parents[2] / "corpus" / f"{name}.txt"
    found = process(full_nlp, read_txt(path.read_text(encoding="utf-8"), path.name))._.counts
    assert [(c.value, c.unit, c.category, c.kind) for c in found] == expected


def test_counts_old_tone_placement_in_goods_words(nlp):
    text = "Tổ công tác thu giữ 4 kg ma tuý và 20 lít hoá chất."
    found = _doc(nlp, text)._.counts
    assert [(c.value, c.unit, c.category) for c in found] == [(4.0, "kg ma tuý", "quantity"),
                                                              (20.0, "lít hoá chất", "quantity")]
    doc = _doc(nlp, "Tổ công tác thu giữ 4 kg ma tuý. Toàn bộ 4 kg ma túy đã được niêm phong.")
    assert [(c.value, c.unit) for c in doc._.counts] == [(4.0, "kg ma tuý")]  # one fact, either spelling


# -- round 2 of issue 9: unit edges and categories on unseen articles ------------------------------


def units(found):
    return [(c.value, c.unit, c.category) for c in found]


def test_counts_unit_stops_at_a_verb_after_a_classifier(counts_of):
    text = "Biên phòng bắt giữ 3 tàu chở 9.000 lít xăng và 40 bao đựng gạo lậu."
    assert units(counts_of(text)) == [(3.0, "tàu", "vehicles"), (9000.0, "lít xăng", "quantity"),
                                      (40.0, "bao", "other")]


def test_counts_classifier_still_takes_its_noun(counts_of):
    # negative of the above: a noun after the classifier stays ("quả lựu đạn", "căn nhà")
    assert units(counts_of("Đợt lũ làm hư hại 12 căn nhà.")) == [(12.0, "căn nhà", "other")]


def test_counts_compound_noun_is_kept_whole(counts_of):
    text = "Kiểm lâm tạm giữ 3 xe máy cày chở gỗ và 2 xe máy."
    assert units(counts_of(text)) == [(3.0, "xe máy cày", "vehicles"), (2.0, "xe máy", "vehicles")]


def test_counts_part_of_a_compound_is_no_kind_word(counts_of):
    text = "Đoàn công tác làm việc tại 5 tỉnh đồng bằng sông Cửu Long."
    assert units(counts_of(text)) == [(5.0, "tỉnh", "areas")]


def test_counts_crew_are_people_not_vessels(counts_of):
    text = "Cảnh sát biển kiểm tra 2 thuyền và 7 thuyền viên."
    assert units(counts_of(text)) == [(2.0, "thuyền", "vehicles"), (7.0, "thuyền viên", "people")]


def test_counts_distances_are_not_counts(counts_of):
    text = "Tàu cá bị bắt cách đảo 5 hải lý; tổ tuần tra đi bộ hơn 30 km đường biên."
    assert units(counts_of(text)) == []


def test_counts_length_of_goods_is_still_a_quantity(counts_of):
    # negative of the above: goods measured in km are counted
    assert units(counts_of("Đơn vị lắp đặt 2 km cáp điện.")) == [(2.0, "km cáp điện", "quantity")]


def test_counts_pills_are_pieces_not_a_measure(counts_of):
    text = "Thu giữ 800 viên hồng phiến và 0,5 kg ma túy đá."
    assert units(counts_of(text)) == [(800.0, "viên hồng phiến", "other"), (0.5, "kg ma túy đá", "quantity")]


@pytest.mark.parametrize("text, expected", [
    ("Năm qua bắt 61 đối tượng phạm tội về ma túy.", (61.0, "đối tượng phạm tội về ma túy", "people")),
    ("Kiểm lâm phát hiện 9 vụ vi phạm về lâm sản.", (9.0, "vụ vi phạm về lâm sản", "cases")),
    ("Kiểm tra 310 lượt cơ sở kinh doanh có điều kiện về an ninh, trật tự.",
     (310.0, "lượt cơ sở kinh doanh có điều kiện về an ninh, trật tự", "other")),
    ("Thành lập 25 Tổ bảo vệ an ninh, trật tự ở cơ sở.", (25.0, "Tổ bảo vệ an ninh, trật tự ở cơ sở", "other")),
])
def test_counts_a_field_after_ve_says_which_kind(counts_of, text, expected):
    [c] = counts_of(text)
    assert (c.value, c.unit, c.category) == expected


def test_counts_a_destination_after_ve_is_not_a_kind(counts_of):
    # negative: "về" + a place is where they were taken, not which kind
    assert units(counts_of("Tổ công tác đưa 4 đối tượng về trụ sở làm việc.")) == [(4.0, "đối tượng", "people")]


def test_counts_of_all_kinds_stays_in_the_unit(counts_of):
    text = "Thu giữ 120 kg pháo các loại và 3 tấn hàng hóa các loại."
    assert units(counts_of(text)) == [(120.0, "kg pháo các loại", "quantity"),
                                      (3.0, "tấn hàng hóa các loại", "quantity")]


def test_counts_a_predicate_after_a_tip_is_not_its_kind(counts_of):
    assert units(counts_of("Hai bên trao đổi 30 tin có giá trị.")) == [(30.0, "tin", "other")]


def test_counts_violating_is_a_kind_after_a_classifier(counts_of):
    # "vi phạm" after a noun says which ones (violating), unlike a verb of action after it
    text = "Đoàn kiểm tra phát hiện 12 cơ sở vi phạm và 4 tàu vận chuyển than."
    assert units(counts_of(text)) == [(12.0, "cơ sở vi phạm", "other"), (4.0, "tàu", "vehicles")]


@pytest.mark.parametrize("text, expected", [
    ("Trong năm có 5 vụ cố ý gây thương tích.", (5.0, "vụ cố ý gây thương tích", "cases")),
    ("Đồn Biên phòng phát hiện 12 trường hợp nhập cảnh trái phép.", (12.0, "trường hợp nhập cảnh trái phép", "cases")),
    ("Lực lượng chức năng bắt 4 vụ tàng trữ pháo nổ trái phép.", (4.0, "vụ tàng trữ pháo nổ trái phép", "cases")),
    ("Năm qua phát hiện 31 vụ buôn lậu, mua bán hàng cấm.", (31.0, "vụ buôn lậu, mua bán hàng cấm", "cases")),
])
def test_counts_a_case_keeps_the_offence_that_names_it(counts_of, text, expected):
    [c] = counts_of(text)
    assert (c.value, c.unit, c.category) == expected


def test_counts_a_case_without_an_offence_after_it(counts_of):
    # negative: a predicate after the case noun, and "trường hợp" of no offence stays "other"
    text = "Có 3 vụ xảy ra trên địa bàn; rà soát 200 trường hợp cấp đổi giấy tờ."
    assert units(counts_of(text)) == [(3.0, "vụ", "cases"), (200.0, "trường hợp", "other")]


def test_counts_a_rise_told_of_two_things_is_two_changes(counts_of):
    text = "Năm nay phát hiện 210 vụ, 305 đối tượng, tăng 12 vụ, 19 đối tượng; bắt 40 đối tượng truy nã."
    assert [(c.value, c.unit, c.kind) for c in counts_of(text)] == [
        (210.0, "vụ", "total"), (305.0, "đối tượng", "total"), (12.0, "vụ", "change"), (19.0, "đối tượng", "change"),
        (40.0, "đối tượng truy nã", "total")]


def test_counts_a_change_list_with_the_rate_in_brackets(counts_of):
    text = "So với cùng kỳ, giảm 9 vụ (7,5%), 11 đối tượng (6%)."
    assert [(c.value, c.unit, c.kind) for c in counts_of(text)] == [(9.0, "vụ", "change"), (11.0, "đối tượng", "change")]


def test_counts_a_new_verb_ends_the_change_list(counts_of):
    # negative: "bắt" after the comma starts a new clause, its count is a total
    text = "Số vụ giảm 6 vụ, bắt 25 đối tượng."
    assert [(c.value, c.kind) for c in counts_of(text)] == [(6.0, "change"), (25.0, "total")]


def test_counts_grade_code_of_measured_goods(counts_of):
    text = "Thu giữ 4.000 lít dầu DO, 600 lít xăng A95 và 30 lít dầu UBND xã cấp."
    assert units(counts_of(text)) == [(4000.0, "lít dầu DO", "quantity"), (600.0, "lít xăng A95", "quantity"),
                                      (30.0, "lít dầu", "quantity")]


def test_counts_classifier_takes_the_longest_kind_after_it(counts_of):
    text = "Trên thuyền có 900 gói thuốc lá điếu không rõ nguồn gốc, 15 thùng các tông và 300 bao thuốc lá nhập lậu."
    assert units(counts_of(text)) == [(900.0, "gói thuốc lá điếu", "other"), (15.0, "thùng các tông", "other"),
                                      (300.0, "bao thuốc lá nhập lậu", "other")]


def test_counts_a_file_keeps_the_procedure_it_is_for(counts_of):
    text = "Công an huyện tiếp nhận 2.300 hồ sơ cấp căn cước công dân gắn chíp và 150 hồ sơ đăng ký tạm trú."
    assert units(counts_of(text)) == [(2300.0, "hồ sơ cấp căn cước công dân gắn chíp", "documents"),
                                      (150.0, "hồ sơ đăng ký tạm trú", "documents")]


def test_counts_a_file_without_a_procedure_is_bare(counts_of):
    # negative: "cấp" as the verb of the clause, not a procedure named after the noun
    assert units(counts_of("Đơn vị đã nhận 40 hồ sơ và trả kết quả.")) == [(40.0, "hồ sơ", "documents")]


def test_counts_lower_case_noun_stops_before_a_capitalised_name(counts_of):
    text = "Có 28 cán bộ Công an tỉnh Hủa Phăn sang học và 16 cán bộ công an xã dự lớp."
    assert units(counts_of(text)) == [(28.0, "cán bộ", "people"), (16.0, "cán bộ công an xã", "people")]


def test_counts_gangs_written_with_a_comma(counts_of):
    assert units(counts_of("Năm qua triệt phá 7 băng, nhóm tội phạm.")) == [(7.0, "băng, nhóm tội phạm", "other")]


def test_counts_offence_with_old_tone_placement(counts_of):
    # "huỷ" (old placement) is the gazetteer's "hủy"
    assert units(counts_of("Kiểm lâm phát hiện 6 vụ huỷ hoại rừng.")) == [(6.0, "vụ huỷ hoại rừng", "cases")]


def test_counts_level_of_an_account_is_its_kind_not_a_count(counts_of):
    text = "Công an xã kích hoạt 1.300 tài khoản định danh điện tử mức độ 2 cho người dân."
    assert units(counts_of(text)) == [(1300.0, "tài khoản định danh điện tử mức độ 2", "other")]


def test_counts_number_after_a_compound_ending_in_an_identifier_word(counts_of):
    # "bàn" alone is an identifier word ("bàn 5"); inside the compound "địa bàn" it is not
    text = "Đoàn công tác đến thăm các hộ nghèo trên địa bàn 3 xã vùng cao của huyện."
    assert units(counts_of(text)) == [(3.0, "xã vùng cao", "areas")]


def test_counts_identifier_word_alone_still_blocks_the_number(counts_of):
    # negative: "bàn 7" names a table, even with a noun of people after it
    assert units(counts_of("Khách ngồi ở bàn 7 người lớn ăn tối.")) == []


@pytest.mark.parametrize("text, expected", [
    ("Trạm kiểm soát 120 lượt phương tiện ra vào cửa khẩu.", (120.0, "lượt phương tiện", "vehicles")),
    ("Tổ công tác kiểm tra 35 lượt xe ô tô chở hàng.", (35.0, "lượt xe ô tô", "vehicles")),
    ("Khu di tích đón 4.000 lượt khách tham quan.", (4000.0, "lượt khách tham quan", "people")),
])
def test_counts_turns_take_the_category_of_what_is_counted(counts_of, text, expected):
    assert units(counts_of(text))[0] == expected


def test_counts_turns_of_an_activity_stay_other(counts_of):
    # negative: "lượt tư vấn" counts sessions, not people or vehicles
    assert units(counts_of("Trạm đã thực hiện 60 lượt tư vấn pháp luật.")) == [(60.0, "lượt tư vấn pháp luật", "other")]


@pytest.mark.parametrize("text, expected", [
    ("Kiểm lâm phát hiện 11 vụ vận chuyển lâm sản trái phép, tăng 2 vụ so với cùng kỳ.",
     [(11.0, "vụ vận chuyển lâm sản trái phép", "cases"), (2.0, "vụ", "cases")]),
    ("Hải đội bắt giữ 4 vụ vận chuyển xăng dầu trái phép trên vùng biển.",
     [(4.0, "vụ vận chuyển xăng dầu trái phép", "cases")]),
    ("Trạm y tế tổ chức 3 đợt khám bệnh miễn phí cho đồng bào.", [(3.0, "đợt khám bệnh miễn phí", "other")]),
])
def test_counts_unit_keeps_how_the_act_is_done(counts_of, text, expected):
    assert units(counts_of(text)) == expected


def test_counts_unit_without_a_manner_word_is_not_stretched(counts_of):
    # negative: "tại" ends the unit; no manner word follows the object
    text = "Lực lượng chức năng phát hiện 6 vụ vận chuyển gỗ tại xã biên giới."
    assert units(counts_of(text)) == [(6.0, "vụ vận chuyển gỗ", "cases")]


def test_counts_breach_keeps_its_whole_field(counts_of):
    text = "Công an huyện xử lý 920 trường hợp vi phạm trật tự an toàn giao thông trong quý."
    assert units(counts_of(text)) == [(920.0, "trường hợp vi phạm trật tự an toàn giao thông", "cases")]


@pytest.mark.parametrize("text, expected", [
    ("Công an xã bắt quả tang 12 đối tượng đánh bạc tại một quán nước.", (12.0, "đối tượng đánh bạc", "people")),
    ("Đồn Biên phòng bắt 4 đối tượng vận chuyển trái phép chất ma túy.",
     (4.0, "đối tượng vận chuyển trái phép chất ma túy", "people")),
    ("Tổ tuần tra phát hiện 2 đối tượng trộm cắp tài sản ở chợ.", (2.0, "đối tượng trộm cắp tài sản", "people")),
])
def test_counts_people_told_by_their_offence(counts_of, text, expected):
    assert units(counts_of(text))[0] == expected


@pytest.mark.parametrize("text, expected", [
    # a neutral act without its manner is what they did, told of the cases before it too
    ("Lực lượng bắt giữ 6 vụ, 8 đối tượng vận chuyển hàng lậu qua biên giới.",
     [(6.0, "vụ", "cases"), (8.0, "đối tượng", "people")]),
    # a number after the act is its object, a count of its own
    ("Công an bắt 3 đối tượng vận chuyển 4 kg ma túy.", [(3.0, "đối tượng", "people"), (4.0, "kg ma túy", "quantity")]),
])
def test_counts_people_not_told_by_a_neutral_act(counts_of, text, expected):
    assert units(counts_of(text)) == expected


def test_counts_inspection_teams(counts_of):
    text = "Công an tỉnh thành lập 9 tổ kiểm tra an toàn phòng cháy."
    assert units(counts_of(text)) == [(9.0, "tổ kiểm tra", "other")]


def test_counts_all_three_criteria_is_a_count_by_the_guideline(counts_of):
    # GUIDELINES "Not counts" lists no such phrase: "cả ba tiêu chí" stays a count (gold_dec/gold_extra: optional)
    assert units(counts_of("Tai nạn giao thông giảm trên cả ba tiêu chí.")) == [(3.0, "tiêu chí", "other")]


# -- the phrase lookups counts use --------------------------------------------------------


def _reading(text: str):
    from extractors.counts import Reading
    from extractors.span_layer import CountWords

    return Reading(text, CountWords(text, [(0, len(text))]))


def test_counts_phrases_longest_entry_after_and_before():
    from extractors.counts import Phrases
    from extractors.span_layer import shared_gazetteer

    table = Phrases(shared_gazetteer(), [{"label": "COUNT_NOUN", "pattern": "xe máy", "id": "vehicles"},
                                         {"label": "COUNT_NOUN", "pattern": "xe", "id": "vehicles"},
                                         {"label": "UNIT_STOP", "pattern": "và", "id": "conjunction"}])
    text = "thu 3 xe máy và 2 xe  tải; xe máy"
    r = _reading(text)
    assert table.after(r, 5, len(text))[1:] == (6, 12)       # the longest: "xe máy"
    assert table.after(r, 17, len(text))[1:] == (18, 20)     # "xe" (two spaces before "tải")
    assert table.after(r, 12, len(text))[0]["pattern"] == "và"
    assert table.after(r, 20, len(text)) is None             # "tải": no entry starts with it
    assert table.after(r, 6, len(text), attached=False) is None  # right at the word: not after it
    assert table.after(r, 0, len(text)) is None             # more than two characters away
    assert table.before(r, 13, 0)[1:] == (6, 12)            # ending before "và"
    assert table.before(r, 4, 0) is None                    # "thu": no entry ends with it
    assert table.after(r, 5, 9)[1:] == (6, 8)               # the limit cuts "xe máy" to "xe"
    assert table.after(r, 5, 11)[1:] == (6, 8)              # ... and "xe má" too


def test_counts_phrases_read_the_reading_they_are_given():
    # the words come with the text passed in (no reading set aside for the Doc at hand): two readings
    # looked up in turn each give their own words, and a lookup needs no setup before it
    from extractors.counts import Phrases
    from extractors.span_layer import shared_gazetteer

    table = Phrases(shared_gazetteer(), [{"label": "COUNT_NOUN", "pattern": "xe máy", "id": "vehicles"},
                                         {"label": "COUNT_NOUN", "pattern": "người", "id": "people"}])
    a, b = _reading("bắt 3 xe máy"), _reading("bắt 3 người và")
    assert table.after(a, 5, 12)[0]["pattern"] == "xe máy"
    assert table.after(b, 5, 14)[0]["pattern"] == "người"
    assert table.after(a, 5, 12)[1:] == (6, 12)
    assert table.before(b, 12, 0)[1:] == (6, 11)
    assert table.before(a, 12, 0)[1:] == (6, 12)
    assert table.after(_reading("bắt 3 con và"), 5, 12) is None


def test_counts_look_up_the_running_span_layers_gazetteer(nlp):
    import spacy

    from extractors.span_layer import DEFAULT_FILES, shared_gazetteer

    counts, layer = nlp.get_pipe("vnie_counts"), nlp.get_pipe("vnie_spans")
    assert counts.nouns.view.gazetteer is layer.gazetteer and counts.acts.view.gazetteer is layer.gazetteer
    # a layer of other files (counts' four among them): counts read that one, not the default files' trie
    files = [f for f in DEFAULT_FILES if f != "abbreviations.jsonl"]
    own = spacy.blank("xx")
    own.add_pipe("vnie_spans", config={"files": files})
    own_counts = own.add_pipe("vnie_counts")
    assert own_counts.nouns.view.gazetteer is own.get_pipe("vnie_spans").gazetteer
    assert own_counts.nouns.view.gazetteer is not shared_gazetteer()
    # no layer in the pipeline: the layer's default files
    bare = spacy.blank("xx").add_pipe("vnie_counts")
    assert bare.nouns.view.gazetteer is shared_gazetteer(DEFAULT_FILES)
    # a layer without counts' files cannot serve them
    thin = spacy.blank("xx")
    thin.add_pipe("vnie_spans", config={"files": ["ranks.jsonl"]})
    with pytest.raises(ValueError, match="not in the layer's gazetteer"):
        thin.add_pipe("vnie_counts")


def test_counts_phrases_read_inside_the_layers_words():
    # the span layer's words are coarser ("5kg", "km/h", "1.200" are one word each; "héc-ta" three):
    # counts' phrases are found at the count words' boundaries all the same
    from extractors.counts import Phrases
    from extractors.span_layer import shared_gazetteer, sentence_words
    from gazetteer import read_gazetteer

    nouns = Phrases(shared_gazetteer(), read_gazetteer("count_nouns.jsonl"))
    text = "thu 5kg ma túy, 3 héc-ta rừng, 80 km/h, 7 vụ/việc"
    assert [w.text for w in sentence_words(text, text, 0, set())][1:3] == ["5kg", "ma"]
    r = _reading(text)
    hit = nouns.after(r, 5, len(text))                       # "5|kg": the numeral ends inside the word
    assert (hit[0]["pattern"], hit[1:]) == ("kg", (5, 7))
    hit = nouns.after(r, 17, len(text))
    assert (hit[0]["pattern"], text[hit[1]:hit[2]]) == ("héc-ta", "héc-ta")
    hit = nouns.after(r, 33, len(text))
    assert (hit[0]["pattern"], hit[0]["label"], text[hit[1]:hit[2]]) == ("km/h", "NOT_COUNT", "km/h")
    hit = nouns.after(r, 41, len(text))
    assert (hit[0]["pattern"], text[hit[1]:hit[2]]) == ("vụ/việc", "vụ/việc")


def test_counts_phrases_must_be_in_the_layers_gazetteer():
    from extractors.counts import Phrases
    from extractors.span_layer import shared_gazetteer

    with pytest.raises(ValueError, match="not in the layer's gazetteer"):
        Phrases(shared_gazetteer(), [{"label": "COUNT_NOUN", "pattern": "cái gì đó không có", "id": "other"}])


def test_counts_every_mention_is_a_span(nlp):
    from spacy import displacy

    doc = _doc(nlp, "Công an xã trao 400 suất quà.\n\nĐoàn đã trao 400 suất quà và bắt 2 đối tượng.")
    assert [(s.text, s.label_) for s in doc.spans["COUNT"]] == [
        ("400 suất quà", "gifts"), ("400 suất quà", "gifts"), ("2 đối tượng", "people")]
    assert len(doc._.counts) == 2 and len(doc._.count_mentions) == 3
    html = displacy.render(doc, style="span", options={"spans_key": "COUNT"})
    assert "gifts" in html and "people" in html


def test_counts_no_count_no_span(nlp):
    doc = _doc(nlp, "Công an xã tuyên truyền pháp luật cho người dân.")
    assert list(doc.spans["COUNT"]) == []


# -- counts' pieces come from the span layer's words; their lookups from its matches --------------


def test_counts_pieces_are_derived_from_the_layers_words(nlp):
    from extractors.span_layer import count_words

    text = "Lực lượng chức năng thu giữ 5kg ma túy, niêm phong 2 ki-ốt tại xã Hoà Bình."
    doc = _doc(nlp, text)
    layer = doc._.vnie_spans
    pieces = count_words(doc).tokens(0, len(text))
    # one piece per shared word, with its index, except "ki" "-" "ốt" glued back (no index: not one word)
    assert [p[0] for p in pieces] == ["lực", "lượng", "chức", "năng", "thu", "giữ", "5kg", "ma", "túy", ",",
                                      "niêm", "phong", "2", "ki-ốt", "tại", "xã", "hòa", "bình"]
    assert [w.text for w in layer.words][13:16] == ["ki", "-", "ốt"]
    assert pieces[13] == ("ki-ốt", 53, 58, -1)
    assert pieces[6] == ("5kg", 28, 31, 6) and layer.words[6].text == "5kg"
    assert pieces[16] == ("hòa", 66, 69, 18) and layer.lows[18] == "hòa"  # "Hoà": the folded key
    assert all(layer.words[p[3]].start == p[1] and layer.lows[p[3]] == p[0] for p in pieces if p[3] >= 0)
    # a numeral ending inside "5kg": the rest is read as a piece of its own
    assert count_words(doc).first(29, len(text)) == ("kg", 29, 31, -1)


def test_counts_pieces_split_a_word_at_its_inner_marks(nlp):
    from extractors.span_layer import count_words

    text = "Nhà máy xả 1.200 kg/ngày chất thải ra sông."
    doc = _doc(nlp, text)
    assert "kg/ngày" in [w.text for w in doc._.vnie_spans.words]  # one shared word
    pieces = count_words(doc).tokens(11, 24)
    assert pieces == [("1", 11, 12, -1), ("200", 13, 16, -1), ("kg", 17, 19, -1), ("/", 19, 20, -1),
                      ("ngày", 20, 24, -1)]
    assert count_words(doc).last(0, 24, 2) == [("/", 19, 20, -1), ("ngày", 20, 24, -1)]
    assert count_words(doc).tokens(18, 22) == [("g", 18, 19, -1), ("/", 19, 20, -1), ("ng", 20, 22, -1)]


@pytest.mark.parametrize("text, expected", [
    ("Lực lượng chức năng thu giữ 5kg ma túy, niêm phong 2 ki-ốt.",
     [(5.0, "kg ma túy", "quantity"), (2.0, "ki-ốt", "other")]),
    ("Công an xã Hoà Bình tặng 20 suất quà cho hộ nghèo.", [(20.0, "suất quà", "gifts")]),
    ("Công an xã Hòa Bình tặng 20 suất quà cho hộ nghèo.", [(20.0, "suất quà", "gifts")]),
    ("Nhà máy xả 1.200 kg/ngày chất thải ra sông.", []),  # a rate, not an amount of goods
])
def test_counts_on_the_layers_pieces(counts_of, text, expected):
    assert units(counts_of(text)) == expected


def test_counts_lookups_answer_from_the_layers_matches(nlp, monkeypatch):
    """A run of whole words is answered by the layer's matches at its first word: no walk of the trie;
    a run of pieces inside a word ("kg/ngày") walks it."""
    from extractors.counts import Reading
    from extractors.span_layer import Gazetteer, count_words

    text = "Đoàn thu giữ 3 xe máy. Nhà máy xả 1.200 kg/ngày chất thải."
    doc = _doc(nlp, text)
    counts = nlp.get_pipe("vnie_counts")
    r = Reading(doc.user_data["vnie_folded"], count_words(doc))
    walked = []
    real_walk = Gazetteer.walk
    monkeypatch.setattr(Gazetteer, "walk", lambda self, lows, i, stop: walked.append(lows[i:stop])
                        or real_walk(self, lows, i, stop))
    hit = counts.nouns.after(r, 14, 22)  # within its sentence, as counts ask
    assert (hit[0]["pattern"], hit[1:]) == ("xe máy", (15, 21)) and walked == []
    hit = counts.nouns.after(r, 39, len(text))
    assert (hit[0]["pattern"], hit[1:]) == ("kg", (40, 42)) and walked == [["kg", "/", "ngày", "chất", "thải"]]
    assert counts.nouns.before(r, 21, 0)[1:] == (15, 21) and len(walked) == 1
