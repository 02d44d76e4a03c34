"""vnie_furniture: the body ends at the byline, a copyright line, a language switcher or related news."""

from __future__ import annotations

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
