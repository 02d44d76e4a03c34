"""The HTML reader's cascade: site parser, trafilatura, baseline; lead, captions, bylines, missing bodies."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.article import InputError
from pipeline.readers import external
from pipeline.readers.bodycheck import body_problem, syllable_share
from pipeline.readers.html import read_html

SITE = Path(__file__).parent / "resources" / "site"

P1 = ("Sáng 5/9, Công an phường Tân Phú tổ chức hội nghị sơ kết công tác bảo đảm an ninh, trật tự "
      "tám tháng đầu năm với sự tham dự của hơn 80 đại biểu.")
P2 = ("Báo cáo cho biết lực lượng công an phường đã tiếp nhận, giải quyết 46 tin báo, tố giác về tội phạm, "
      "đạt tỷ lệ 100%, đồng thời vận động người dân giao nộp 12 khẩu súng tự chế.")
P3 = ("Dịp này, Chủ tịch UBND phường trao giấy khen cho 6 tập thể và 15 cá nhân có thành tích xuất sắc "
      "trong phong trào toàn dân bảo vệ an ninh Tổ quốc.")
LEAD = "Hội nghị đánh giá kết quả công tác tám tháng và đề ra nhiệm vụ trọng tâm trong những tháng cuối năm."


def _page(body: str, head: str = "", before: str = "") -> str:
    return (f"<html><head><meta charset='utf-8'><title>Sơ kết công tác an ninh trật tự - Báo Mẫu</title>{head}"
            f"</head><body><nav><a href='/'>Trang chủ</a> <a href='/thoi-su'>Thời sự</a></nav>"
            f"<h1>Công an phường Tân Phú sơ kết công tác an ninh trật tự</h1>{before}{body}"
            f"<footer><p>Bản quyền thuộc về Báo Mẫu, mọi hình thức sao chép phải ghi rõ nguồn.</p></footer>"
            f"</body></html>")


def test_html_reader_keeps_lead_outside_the_body_container_as_first_paragraph():
    html = _page(f"<div class='content'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>",
                 before=f"<div class='article-sapo'>{LEAD}</div>")
    article = read_html(html, "mau.html")
    assert article.text.split("\n\n")[:2] == [LEAD, P1]
    assert article.reader == "html:trafilatura"


def test_html_reader_drops_agency_prefix_of_the_lead():
    html = _page(f"<article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>",
                 before=f"<h2 class='sapo'>(CAND) - {LEAD}</h2>")
    assert read_html(html, "mau.html").text.startswith(LEAD + "\n\n" + P1)


def test_html_reader_does_not_repeat_a_lead_already_in_the_body():
    html = _page(f"<article><p class='sapo'>{LEAD}</p><p>{P1}</p><p>{P2}</p></article>")
    text = read_html(html, "mau.html").text
    assert text.count(LEAD) == 1 and text.startswith(LEAD)


def test_html_reader_appends_captions_and_marks_where_they_start():
    html = _page(f"<article><p>{P1}</p><figure><img src='a.jpg'><figcaption>Quang cảnh hội nghị. Ảnh: T.P."
                 f"</figcaption></figure><p>{P2}</p><p>{P3}</p></article>")
    article = read_html(html, "mau.html")
    assert article.text[article.captions_start:] == "Quang cảnh hội nghị. Ảnh: T.P."
    assert article.text[:article.captions_start].rstrip().endswith(P3)
    assert "Quang cảnh" not in article.text[:article.captions_start]


def test_html_reader_leaves_out_related_share_comment_and_byline_boxes():
    html = _page(f"<article><p>{P1}</p><div class='box-tin-lien-quan'><p>Tin liên quan: Công an quận ra quân "
                 f"trấn áp tội phạm dịp cuối năm với nhiều biện pháp mạnh</p></div><p>{P2}</p>"
                 f"<div class='share-buttons'>Chia sẻ Facebook Zalo</div><p>{P3}</p>"
                 f"<p style='text-align:right'><strong>Minh Khôi</strong></p></article>"
                 f"<div id='comment-area'><form><textarea>Viết bình luận của bạn về bài viết này ở đây nhé"
                 f"</textarea></form></div>")
    article = read_html(html, "mau.html")
    assert article.text == "\n\n".join([P1, P2, P3])
    assert article.author == "Minh Khôi"


def test_html_reader_dates_keep_their_time_zone():
    head = "<meta property='article:published_time' content='2025-09-05T16:20:00+07:00'>"
    article = read_html(_page(f"<article><p>{P1}</p><p>{P2}</p></article>", head=head), "mau.html")
    assert article.published == "2025-09-05T16:20:00+07:00"
    assert article.published_at.utcoffset().total_seconds() == 7 * 3600


def test_html_reader_reads_a_visible_vietnamese_date_when_metadata_has_none():
    before = "<span class='post-date'>Thứ sáu, 05/09/2025 - 16:20</span>"
    article = read_html(_page(f"<article><p>{P1}</p><p>{P2}</p></article>", before=before), "mau.html")
    assert article.published == "2025-09-05T16:20:00+07:00"


def test_html_reader_uses_the_site_parser_for_a_registered_host():
    html = (SITE.parent / "sites" / "vnexpress.html").read_text(encoding="utf-8")
    article = read_html(html, "vnexpress", url="https://vnexpress.net/bat-nhom-trom-cap-dong-o-khu-cong-nghiep-4900001.html")
    assert article.reader == "html:site:vnexpress"
    assert article.author == "Lệ Thu"
    assert "Cảnh báo trộm cắp mùa mưa" not in article.text


def test_html_reader_finds_the_site_from_the_pages_canonical_link():
    html = (SITE.parent / "sites" / "nld.html").read_text(encoding="utf-8").replace(
        "<head>", "<head><link rel='canonical' href='https://nld.com.vn/cong-nhan-duoc-ho-tro-thue-nha-tro-"
                  "196250410152000001.htm'>")
    assert read_html(html, "saved.html").reader == "html:site:nld"


def test_html_reader_falls_back_to_baseline_when_trafilatura_fails(monkeypatch):
    monkeypatch.setattr(external, "trafilatura_extract", lambda html, url: external.Extracted())
    article = read_html(_page(f"<article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>"), "mau.html")
    assert article.reader == "html:baseline"
    assert article.text == "\n\n".join([P1, P2, P3])


def test_html_reader_reports_a_body_delivered_by_javascript():
    html = (SITE / "xa-hoi" / "nghiem-thu-cong-trinh-cap-nuoc-sach-cho-ba-xa-ven-bien-240401.htm").read_text(
        encoding="utf-8")
    with pytest.raises(InputError, match="article body missing.*JavaScript"):
        read_html(html, "js.html")


def test_html_reader_reports_a_scrambled_body():
    scrambled = " ".join(["Xqưởt brỵk ngđhư tzăc qwơm"] * 12)
    html = _page(f"<article><p>{scrambled}.</p><p>{scrambled}.</p></article>")
    with pytest.raises(InputError, match="scrambled"):
        read_html(html, "scrambled.html")


def test_html_reader_short_page_without_script_is_still_an_article():
    html = "<html><body><article><p>Công an xã tổ chức tuần tra đêm tại các tuyến đường liên thôn.</p></article></body></html>"
    assert read_html(html, "short.html").text == "Công an xã tổ chức tuần tra đêm tại các tuyến đường liên thôn."


def test_bodycheck_vietnamese_text_scores_high_and_garble_low():
    share, judged = syllable_share(P1 + " " + P2)
    assert share > 0.9 and judged > 40
    assert syllable_share("aGVsbG8gd29ybGQ= dGhpcyBpcyBiYXNlNjQ= c2NyYW1ibGVk " * 5)[0] < 0.3
    assert body_problem(P1 + P2 + P3, 400, "<html></html>", None) is None


@pytest.mark.parametrize("byline, published", [
    ("Cập nhật lúc 10:20 ngày 12 tháng 5 năm 2024", "2024-05-12T10:20:00+07:00"),
    ("Thứ hai, 12 tháng 05, 2024 - 10:20", "2024-05-12T10:20:00+07:00"),
    ("10:20 - 12/05/2024", "2024-05-12T10:20:00+07:00"),
    ("Ngày đăng: 12/05/2024", "2024-05-12"),
])
def test_html_reader_dates_written_in_words_beside_the_headline(byline, published):
    html = (f"<html><body><div class='head'><h1>Tuần tra đêm ở khu dân cư</h1><div>{byline}</div></div>"
            f"<div class='body'><p>{P1}</p><p>{P2}</p></div></body></html>")
    assert read_html(html, "mau.html").published == published


def test_html_reader_drops_boxes_named_in_one_word():
    html = _page(f"<article><p>{P1}</p><div class='relatednews'><p>Khởi tố đối tượng trộm cắp tài sản tại "
                 f"chợ đầu mối trong đêm mưa lớn ở huyện bên cạnh</p></div><p>{P2}</p><p>{P3}</p></article>")
    assert "Khởi tố" not in read_html(html, "mau.html").text


# --- budgets: nesting, element count, seconds (issue 8) -------------------------------------------

def _nested(depth: int, tag: str = "div") -> str:
    return _page(f"<{tag}>" * depth + f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>" + f"</{tag}>" * depth)


def test_html_reader_skips_a_page_nested_100000_deep_at_once():
    import time

    started = time.monotonic()
    with pytest.raises(InputError) as err:
        read_html(_nested(100_000), "sau.html")
    assert err.value.source == "sau.html"
    assert err.value.cause == "HTML nested more than 500 elements deep (limit reader.max_html_depth)"
    assert time.monotonic() - started < 2.0


def test_html_reader_skips_a_page_with_too_many_elements():
    html = _page("<div class='content'>" + "<span>x</span>" * 100_001 + f"<p>{P1}</p></div>")
    with pytest.raises(InputError) as err:
        read_html(html, "nhieu.html")
    assert err.value.cause == "HTML has more than 100,000 elements (limit reader.max_html_elements)"


def test_html_reader_depth_ignores_unclosed_paragraphs_comments_and_scripts():
    from pipeline.readers.html import markup_problem

    unclosed = "<div>" + "<p>Một đoạn văn không có thẻ đóng." * 2_000 + "</div>"
    assert markup_problem(unclosed, 500, 100_000) is None
    script = "<script>" + "document.write('<div>');" * 2_000 + "</script><!-- " + "<div>" * 2_000 + " -->"
    assert markup_problem(script, 500, 100_000) is None
    assert markup_problem("<div>" * 501, 500, 100_000) == \
        "HTML nested more than 500 elements deep (limit reader.max_html_depth)"
    assert markup_problem("<div>" * 500 + "</div>" * 500 + "<div>" * 500, 500, 100_000) is None


def test_html_reader_cleaning_is_linear_in_the_nesting_depth():
    """Four times deeper costs about four times the work (it was sixteen: 4,000 levels took 8 s).

    Work is counted as Python function calls (cProfile), not timed, so a busy machine cannot fail it."""
    import cProfile
    import pstats

    from bs4 import BeautifulSoup

    from pipeline.readers.html import _strip_boilerplate

    def calls(depth: int) -> int:
        soup = BeautifulSoup(_nested(depth), "lxml")
        profile = cProfile.Profile()
        profile.runcall(_strip_boilerplate, soup)
        return pstats.Stats(profile).total_calls

    small, large = calls(1_000), calls(4_000)
    assert 3 * small < large < 5 * small, (small, large)


def test_html_reader_deep_page_below_the_limit_is_read_in_full():
    article = read_html(_nested(450), "sau-vua.html")
    assert article.text.split("\n\n") == [P1, P2, P3]


def test_html_reader_stops_reading_past_its_seconds(monkeypatch):
    import time

    from pipeline.readers import html as reader
    from pipeline.settings import reader_options

    monkeypatch.setattr(reader, "reader_options", lambda: reader_options().__class__(
        **{**reader_options().__dict__, "read_seconds": 0.2}))
    monkeypatch.setattr(reader, "_read", lambda *args: time.sleep(5))
    started = time.monotonic()
    with pytest.raises(InputError) as err:
        read_html(_page(f"<p>{P1}</p>"), "cham.html")
    assert err.value.cause == "reading the page took longer than 0.2 s (reader.read_seconds)"
    assert time.monotonic() - started < 2.0


def test_html_reader_budget_is_not_swallowed_by_a_failing_stage(monkeypatch):
    """The cascade's stages catch their own errors; running out of time is not one of them."""
    import time

    from pipeline.readers import html as reader
    from pipeline.settings import reader_options

    calls = []

    def slow_stage(html, url):
        calls.append(url)
        time.sleep(2)
        raise AssertionError("the budget should have stopped this stage")

    monkeypatch.setattr(reader, "reader_options", lambda: reader_options().__class__(
        **{**reader_options().__dict__, "read_seconds": 0.3}))
    monkeypatch.setattr(reader, "_baseline", lambda soup: time.sleep(5) or [])
    monkeypatch.setattr(external, "trafilatura_extract", slow_stage)
    started = time.monotonic()
    with pytest.raises(InputError) as err:
        read_html(_page(f"<p>{P1}</p>"), "cham.html")
    assert err.value.cause == "reading the page took longer than 0.3 s (reader.read_seconds)"
    assert time.monotonic() - started < 1.5 and len(calls) == 1
