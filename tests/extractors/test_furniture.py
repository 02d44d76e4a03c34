"""vnie_furniture: the body ends at the byline, a copyright line, a language switcher or related news."""

from __future__ import annotations

import re

import pytest

from pipeline.article import Article
from pipeline.document import process

BODY = (
    "Sáng 14/5/2024, Công an huyện Tân Yên tổ chức lễ ra quân tấn công trấn áp tội phạm, bảo đảm an ninh "
    "trật tự trên địa bàn trong dịp cao điểm hè.\n\n"
    "Dự buổi lễ có Thượng tá Hoàng Văn Nam, Phó Giám đốc Công an tỉnh cùng lãnh đạo các ban, ngành của huyện.\n\n"
    "Phát biểu tại buổi lễ, Thượng tá Hoàng Văn Nam yêu cầu các lực lượng tăng cường tuần tra, kiểm soát vào "
    "ban đêm, kiên quyết xử lý các nhóm thanh thiếu niên tụ tập gây rối.\n\n"
)
RELATED = (
    "Bắt đối tượng trộm cắp xe máy tại chợ đêm\n"
    "Chiều 12/5/2024, Công an thị trấn Cao Thượng bắt giữ Nguyễn Văn D. khi đang tiêu thụ 3 xe máy trộm cắp.\n\n"
    "Khởi tố 4 đối tượng đánh bạc\n"
    "Ngày 10/5/2024, Đại úy Trần Văn Quý cho biết đã khởi tố 4 đối tượng đánh bạc dưới hình thức ghi lô đề."
)


def body_end(doc_of, text):
    return doc_of(text)._.body_end


def test_furniture_byline_then_related_news(doc_of):
    text = BODY + "Hoài Nam\n\n" + RELATED
    doc = doc_of(text, "2024-05-15")
    assert doc._.body_end == text.index("Hoài Nam")
    assert [d.value for d in doc._.dates] == ["2024-05-14"]  # the trailer's dates are not the article's


def test_furniture_copyright_lines_and_language_switcher(doc_of):
    text = (BODY + "©2024. Bản quyền thuộc về Báo Bắc Giang.\n®Không sao chép dưới mọi hình thức khi chưa có "
            "sự đồng ý bằng văn bản.\nEnglish | 中文")
    assert body_end(doc_of, text) == text.index("©2024")


def test_furniture_language_switcher_alone(doc_of):
    text = BODY + "English | 中文"
    assert body_end(doc_of, text) == text.index("English")


def test_furniture_related_news_heading_without_byline(doc_of):
    text = BODY + "Tin liên quan:\n" + RELATED
    assert body_end(doc_of, text) == text.index("Tin liên quan")


def test_furniture_article_ending_with_a_byline(doc_of):
    text = BODY + "NGUYỄN HẢI"
    assert body_end(doc_of, text) == text.index("NGUYỄN HẢI")


@pytest.mark.parametrize("byline", ["Thu Trang", "Bài, ảnh: Thu Trang", "Theo TTXVN", "Nhóm PV",
                                    "Minh Anh - Quốc Huy", "Lê Thị Thu Hà (TTXVN)", "P.V", "Hải Đăng (T/h)",
                                    "CTV Nam Anh", "Thanh Triều + Việt Bình"])
def test_furniture_byline_forms(doc_of, byline):
    text = BODY + byline + "\n\n" + RELATED
    assert body_end(doc_of, text) == text.index(byline)


def test_furniture_short_subheadings_and_captions_stay(doc_of):
    text = (BODY + "Nhiều mô hình hiệu quả\n\n"
            "Toàn huyện duy trì 35 mô hình tự quản về an ninh trật tự tại các thôn, tổ dân phố.\n\n"
            "KẾT QUẢ NỔI BẬT\n\n"
            "Thượng tá Hoàng Văn Nam phát biểu.\n\n"
            "Ảnh: Hoài Nam\n\n"
            "Các lực lượng tiếp tục ra quân tuần tra vào các ngày cuối tuần để bảo đảm an toàn cho nhân dân.")
    assert body_end(doc_of, text) == len(text)


def test_furniture_first_paragraph_is_never_a_byline(doc_of):
    text = "Hoài Nam\n\n" + BODY.strip()
    assert body_end(doc_of, text) == len(text)


def test_furniture_never_moves_the_end_later(nlp):
    text = BODY + "Hoài Nam\n\n" + RELATED
    captions = text.index("Phát biểu tại buổi lễ")
    doc = process(nlp, Article(source="test.html", text=text, captions_start=captions))
    assert doc._.body_end == captions


def test_furniture_related_news_without_heading_or_byline(doc_of):
    trailer = ("Lạng Sơn: Bắt đối tượng vận chuyển pháo nổ qua biên giới\n"
               "Ngày 12/5/2024, Công an huyện Cao Lộc bắt giữ một đối tượng vận chuyển 20 kg pháo nổ.")
    text = BODY + trailer
    assert body_end(doc_of, text) == text.index("Lạng Sơn:")


def test_furniture_two_headlines_with_dated_leads_are_a_list(doc_of):
    text = BODY + RELATED
    assert body_end(doc_of, text) == text.index("Bắt đối tượng trộm cắp")


def test_furniture_one_subheading_before_a_dated_paragraph_stays(doc_of):
    text = (BODY + "Kết quả sau một tuần ra quân\n"
            "Ngày 20/5/2024, các tổ công tác đã xử lý 45 trường hợp vi phạm trật tự an toàn giao thông.")
    assert body_end(doc_of, text) == len(text)


def test_furniture_tags_line_ends_the_body_but_a_sentence_starting_alike_does_not(doc_of):
    text = BODY + "Chia sẻ với phóng viên, người dân phấn khởi trước kết quả ra quân.\n\nTừ khóa: an ninh, trật tự"
    assert body_end(doc_of, text) == text.index("Từ khóa")


def test_furniture_credit_under_the_sapo_is_not_the_end(doc_of):
    sapo = ("Trong đợt cao điểm hè, lực lượng Công an huyện Tân Yên đã đồng loạt ra quân bảo đảm an ninh trật "
            "tự, phòng ngừa tội phạm và tai nạn giao thông trên toàn địa bàn, nhất là tại các khu vui chơi.\n\n")
    text = sapo + "Hoài Nam\n\n" + BODY * 3
    assert body_end(doc_of, text) == len(text)


# A body about a festival in one ward, then other news with no heading and no byline, then the footer.
FESTIVAL = (
    "Sáng 12/3/2023, UBND phường Quang Trung tổ chức Lễ hội truyền thống đình làng với sự tham gia của "
    "hàng nghìn người dân và du khách.\n\n"
    "Lễ hội năm nay có nhiều hoạt động văn hóa, thể thao như kéo co, đấu vật, hát quan họ và thi nấu cơm.\n\n"
    "Ông Lê Văn Hùng, Chủ tịch UBND phường cho biết lễ hội góp phần giữ gìn bản sắc văn hóa của địa phương.\n\n"
)
TEASERS = (
    "Chiều 5/3, Công an huyện Mỹ Lộc bắt quả tang 10 đối tượng đánh bạc bằng hình thức đánh xóc đĩa.\n\n"
    "Ngày 4/3, Công an tỉnh Hà Nam khởi tố 2 bị can về tội lừa đảo chiếm đoạt tài sản.\n\n"
    "Tối 3/3, Công an phường Trần Hưng Đạo bắt giữ đối tượng trộm cắp xe máy.\n\n"
)
FOOTER = "© 2023 Bản quyền thuộc về Báo Nam Định điện tử."


def test_furniture_headingless_teasers_above_the_copyright_line(doc_of):
    text = FESTIVAL + TEASERS + FOOTER
    doc = doc_of(text, "2023-03-12")
    assert doc._.body_end == text.index("Chiều 5/3")
    assert [d.value for d in doc._.dates] == ["2023-03-12"]  # the teasers' dates are not the article's


def test_furniture_two_teasers_are_enough(doc_of):
    teasers = TEASERS.split("\n\n", 1)[1]
    text = FESTIVAL + teasers + FOOTER
    assert body_end(doc_of, text) == text.index("Ngày 4/3")


def test_furniture_teasers_with_headlines_and_agency_prefixes(doc_of):
    teasers = ("Triệt phá đường dây cá độ bóng đá qua mạng\n\n"
               "(PLO) - Công an huyện Ý Yên vừa triệt phá đường dây cá độ bóng đá với số tiền hơn 5 tỉ đồng.\n\n"
               "Mới đây, Công an xã Hải Hậu bắt giữ 3 đối tượng trộm cắp gia cầm.\n\n")
    text = FESTIVAL + teasers + "English | Tiếng Việt"
    assert body_end(doc_of, text) == text.index("Triệt phá")


def test_furniture_footer_line_ends_the_body(doc_of):
    text = FESTIVAL + "Tổng biên tập: Nguyễn Văn An\nGiấy phép số 123/GP-BTTTT"
    assert body_end(doc_of, text) == text.index("Tổng biên tập")


def test_furniture_editor_in_a_sentence_is_not_a_footer(doc_of):
    text = FESTIVAL + "Tổng biên tập Báo Nam Định cũng tham dự và tặng quà cho các đội thi đạt giải."
    assert body_end(doc_of, text) == len(text)


def test_furniture_teasers_without_a_footer_stay(doc_of):
    text = FESTIVAL + TEASERS.rstrip()
    assert body_end(doc_of, text) == len(text)


def test_furniture_copyright_right_after_the_body(doc_of):
    text = FESTIVAL + FOOTER
    assert body_end(doc_of, text) == text.index("©")


def test_furniture_dated_steps_of_the_same_case_stay(doc_of):
    crime = (
        "Ngày 2/3/2024, Công an huyện Mỹ Lộc cho biết đã bắt giữ nhóm đối tượng đánh bạc tại xã Mỹ Hà.\n\n"
        "Theo điều tra ban đầu, các đối tượng tụ tập tại nhà Trần Văn B. để đánh bạc bằng hình thức xóc đĩa, "
        "thu giữ tại chỗ hơn 20 triệu đồng cùng nhiều tang vật liên quan.\n\n"
        "Ngày 5/3, Công an huyện Mỹ Lộc khởi tố vụ án, khởi tố bị can đối với 10 đối tượng.\n\n"
        "Chiều 6/3, Viện kiểm sát nhân dân huyện Mỹ Lộc phê chuẩn quyết định khởi tố bị can.\n\n"
    )
    text = crime + FOOTER
    assert body_end(doc_of, text) == text.index("©")


def test_furniture_steps_referring_back_stay(doc_of):
    crime = (
        "Công an tỉnh Hà Nam vừa triệt phá đường dây lừa đảo chiếm đoạt tài sản qua mạng xã hội với số tiền "
        "hơn 3 tỉ đồng, bắt giữ 5 đối tượng cầm đầu.\n\n"
        "Các đối tượng lập nhiều tài khoản giả mạo để dụ dỗ người bị hại chuyển tiền đặt cọc mua hàng.\n\n"
        "Ngày 5/3, Công an huyện Kim Bảng bắt giữ 2 đối tượng nói trên khi đang lẩn trốn.\n\n"
        "Ngày 7/3, Công an thị xã Duy Tiên tiếp tục bắt giữ đối tượng còn lại của vụ việc.\n\n"
    )
    text = crime + FOOTER
    assert body_end(doc_of, text) == text.index("©")


def test_furniture_festival_ending_in_the_same_ward_stays(doc_of):
    ending = (
        "Tối 12/3, phường Quang Trung tổ chức đêm văn nghệ bế mạc lễ hội tại sân đình.\n\n"
        "Ngày 13/3, các đội thi của phường Quang Trung được trao giải nhất môn kéo co.\n\n"
    )
    text = FESTIVAL + ending + FOOTER
    assert body_end(doc_of, text) == text.index("©")


def test_furniture_last_dated_paragraph_naming_the_same_unit_stays(doc_of):
    ending = ("Ngày 14/3, UBND phường Quang Trung tổng kết lễ hội và khen thưởng 12 tập thể, cá nhân.\n\n")
    text = FESTIVAL + ending + TEASERS.split("\n\n", 2)[2] + FOOTER
    # one teaser of another place is not a list: the dated paragraph of the same ward keeps it in the body
    assert body_end(doc_of, text) == text.index("©")


def test_furniture_teasers_below_a_same_unit_paragraph_are_cut(doc_of):
    ending = ("Ngày 14/3, UBND phường Quang Trung tổng kết lễ hội và khen thưởng 12 tập thể, cá nhân.\n\n")
    text = FESTIVAL + ending + TEASERS + FOOTER
    assert body_end(doc_of, text) == text.index("Chiều 5/3")


def test_furniture_long_dated_paragraphs_are_not_teasers(doc_of):
    long_steps = (
        "Ngày 5/3, Công an huyện Mỹ Lộc bắt quả tang 10 đối tượng đánh bạc. Tang vật thu giữ gồm 20 triệu "
        "đồng. Các đối tượng khai nhận đã nhiều lần tụ tập đánh bạc.\n\n"
        "Ngày 4/3, Công an tỉnh Hà Nam khởi tố 2 bị can. Hai bị can đã lừa đảo nhiều người. Số tiền "
        "chiếm đoạt lên tới 2 tỉ đồng.\n\n"
    )
    text = FESTIVAL + long_steps + FOOTER
    assert body_end(doc_of, text) == text.index("©")


def test_furniture_same_place_in_old_tone_placement_stays(doc_of):
    body = (
        "Tối 20/3/2024, UBND xã Thụy Hòa tổ chức lễ ra mắt mô hình camera an ninh tại các thôn, với sự tham "
        "dự của đông đảo người dân và lực lượng công an.\n\n"
        "Mô hình gồm 40 camera được lắp tại các tuyến đường chính và các điểm thường xảy ra mất trộm.\n\n"
    )
    ending = ("Ngày 21/3, Công an xã Thuỵ Hoà tiếp nhận thêm 10 camera do các hộ kinh doanh ủng hộ.\n\n"
              "Ngày 22/3, Công an xã Thuỵ Hoà tổ chức tập huấn cho các tổ tự quản.\n\n")
    text = body + ending + "© 2024 Bản quyền thuộc về Báo Thái Bình."
    assert body_end(doc_of, text) == text.index("©")


# -- words are data (gazetteer/furniture_lines.jsonl, furniture_credits.jsonl, dateline_words.jsonl) --


def test_furniture_deputy_editor_and_licence_with_qualifiers_end_the_body(doc_of):
    text = BODY + "Phó Tổng biên tập: Lê Thị Hạnh\nGiấy phép hoạt động báo chí điện tử số: 45/GP-BTTTT"
    assert body_end(doc_of, text) == text.index("Phó Tổng biên tập")
    text = BODY + "Giấy phép hoạt động báo chí điện tử số 45/GP-BTTTT cấp ngày 3/2/2021"
    assert body_end(doc_of, text) == text.index("Giấy phép")


def test_furniture_licence_word_in_a_sentence_is_not_a_footer(doc_of):
    text = BODY + "Giấy phép xây dựng của công trình đã được cấp lại sau khi người dân góp ý."
    assert body_end(doc_of, text) == len(text)


def test_furniture_tag_heading_with_words_after_its_colon(doc_of):
    text = BODY + "Từ khoá: an ninh trật tự, Tân Yên\n\nTin nóng"
    assert body_end(doc_of, text) == text.index("Từ khoá")


def test_furniture_every_role_the_code_asks_for_is_in_the_files():
    import re
    from pathlib import Path

    from gazetteer import read_gazetteer

    source = (Path(__file__).resolve().parents[2] / "extractors" / "furniture.py").read_text(encoding="utf-8")
    files = {"LINES": "furniture_lines.jsonl", "CREDITS": "furniture_credits.jsonl", "DATELINES": "dateline_words.jsonl"}
    asked = re.findall(r"_words\((LINES|CREDITS|DATELINES), ((?:['\"][^'\"]+['\"](?:, )?)+)\)", source)
    assert len(asked) >= 15
    for file_key, roles in asked:
        have = {e["role"] for e in read_gazetteer(files[file_key])}
        for role in re.findall(r"['\"]([^'\"]+)['\"]", roles):
            assert role in have, f"{files[file_key]} has no {role!r}"


# An alternation of three or more words with a letter beyond ASCII: a Vietnamese word list.
_WORD_LIST = re.compile(r"(?:[^\W\d_|()]*[^\x00-\x7f\W][^|()]*\|){2,}[^|()\s]")


def _word_lists(source: str) -> list[str]:
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += [m.group() for m in _WORD_LIST.finditer(node.value)]
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                     and re.search(r"[^\x00-\x7f]", e.value)]
            if len(words) >= 3 and len(words) == len(node.elts):
                found.append(" | ".join(words))
        if isinstance(node, ast.Dict):
            words = [e.value for e in [*node.keys, *node.values] if isinstance(e, ast.Constant)
                     and isinstance(e.value, str) and re.search(r"[^\x00-\x7f]", e.value)]
            if len(words) >= 3:
                found.append(" | ".join(words))
    return found


@pytest.mark.parametrize("module", ["furniture.py", "places.py", "admin_units.py", "base.py", "ner.py"])
def test_furniture_and_modules_without_word_lists(module):
    from pathlib import Path

    source = (Path(__file__).resolve().parents[2] / "extractors" / module).read_text(encoding="utf-8")
    assert _word_lists(source) == []


def test_furniture_word_list_check_can_fail():
    assert _word_lists('X = re.compile(r"^(?:Xem thêm|Đọc thêm|Tin nóng)\\s*:?$")') != []
    assert _word_lists('WORDS = ("sáng", "trưa", "chiều")') != []
    assert _word_lists('KINDS = {"tp": "thành phố", "tx": "thị xã", "h.": "huyện"}') != []


@pytest.mark.parametrize("byline", ["Hải Đăng (T/H)", "Minh Châu (tổng hợp)", "Minh Châu [t/h]"])
def test_furniture_byline_with_a_compiled_note(doc_of, byline):
    """The note words ("T/h", "tổng hợp") are data: gazetteer/furniture_credits.jsonl, role "compiled note"."""
    text = BODY + byline + "\n\n" + RELATED
    assert body_end(doc_of, text) == text.index(byline)
