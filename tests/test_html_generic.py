"""The generic HTML path (sites with no parser): one small page of our own per general cause it handles,
and the recorded publisher pages read with the parsers switched off against the floors it reaches."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import bench_generic
from pipeline.readers.html import body_lines, read_html

RECORDED = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "html"

TITLE = "Công an huyện miền núi triệt phá đường dây đánh bạc qua mạng"
P1 = ("Ngày 14/11, Công an huyện Sơn Hà cho biết đã triệt phá một đường dây đánh bạc qua mạng với số tiền "
      "giao dịch lên tới hàng tỷ đồng, tạm giữ 7 đối tượng để điều tra.")
P2 = ("Theo cơ quan công an, nhóm đối tượng lập nhiều tài khoản trên các trang cá cược, dụ dỗ người dân trong "
      "vùng tham gia chơi rồi thu tiền qua tài khoản ngân hàng của người thân.")
P3 = ("Qua quá trình theo dõi, lực lượng trinh sát đã bắt quả tang các đối tượng đang tổ chức đánh bạc tại "
      "một căn nhà ở thị trấn, thu giữ 12 điện thoại di động và nhiều tài liệu liên quan.")
P4 = ("Tại cơ quan điều tra, các đối tượng khai nhận hành vi phạm tội của mình; vụ việc đang được Công an "
      "huyện tiếp tục mở rộng điều tra, xử lý theo quy định của pháp luật.")
P5 = ("Công an huyện khuyến cáo người dân cảnh giác với các lời mời tham gia cá cược trên mạng, kịp thời báo "
      "cho cơ quan công an nơi gần nhất khi phát hiện dấu hiệu vi phạm.")
PUBLISHED = "<meta property='article:published_time' content='2025-11-14T09:30:00+07:00'>"
FOOTER_TEXT = "Cơ quan chủ quản: Công an tỉnh. Địa chỉ: số 1 đường Lê Lợi."
FOOTER = f"<div class='chan-trang'><p>{FOOTER_TEXT}</p></div>"


def _page(body: str, head: str = PUBLISHED, h1: str = TITLE, aside: str = "", title: str | None = None,
          footer: str = "") -> str:
    """A provincial portal's article page: menu, headline, body container, a side column, a footer."""
    return (f"<html><head><meta charset='utf-8'><title>{title or TITLE}</title>{head}</head><body>"
            f"<div class='menu-top'><a href='/'>Trang chủ</a> <a href='/tin-tuc'>Tin tức</a></div>"
            f"<div class='khung'><div class='cot-trai'><h1>{h1}</h1>{body}</div>{aside}</div>"
            f"{footer}</body></html>")


def _paras(*paras: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paras)


# --- a framed box of the body (inline border) is body text --------------------------------------

def test_generic_keeps_a_framed_box_closing_the_body():
    """Precision-favouring extraction dropped every block styled with a border: the CMS's framed sub-section."""
    box = (f"<div class='khung-noi-dung' style='background-color:#fff8ee;border:1px solid #e0c8a0;display:block'>"
           f"<div>{_paras(P4, P5)}</div></div>")
    article = read_html(_page(f"<div class='noi-dung-bai'>{_paras(P1, P2, P3)}{box}</div>"), "khung.html")
    assert article.reader == "html:trafilatura"
    assert article.title == TITLE
    assert article.published == "2025-11-14T09:30:00+07:00"
    assert article.text == "\n\n".join([P1, P2, P3, P4, P5])


# --- subheadings under a container trafilatura does not know -------------------------------------

def test_generic_keeps_subheadings_between_paragraphs_under_an_unknown_container():
    body = (f"<div class='noi-dung-bai'>{_paras(P1, P2)}<h2>Thủ đoạn tinh vi</h2>{_paras(P3)}"
            f"<h3>Khuyến cáo của cơ quan công an</h3>{_paras(P4, P5)}<h3>Tin cùng chuyên mục</h3></div>")
    article = read_html(_page(body), "tieu-de-phu.html")
    assert article.text == "\n\n".join([P1, P2, "Thủ đoạn tinh vi", P3, "Khuyến cáo của cơ quan công an", P4, P5])


def test_body_lines_puts_back_only_headings_between_kept_lines():
    blocks = [("Đầu trang", True), ("Một.", False), ("Giữa", True), ("Tin khác rời rạc.", False), ("Hai.", False),
              ("Cuối", True)]
    assert body_lines(["Một.", "Hai."], blocks) == ["Một.", "Giữa", "Hai."]
    assert body_lines(["Một.", "Hai.", "Cuối"], blocks) == ["Một.", "Giữa", "Hai."]
    assert body_lines(["Ngoài.", "Một."], blocks) == ["Ngoài.", "Một."]
    assert body_lines([], blocks) == []


# --- what follows the content block (a footer whatever its class) is not the article ---------------

def test_generic_leaves_out_a_footer_after_the_content_block():
    article = read_html(_page(f"<div class='chi-tiet'>{_paras(P1, P2, P3, P4)}</div>", footer=FOOTER), "chan-trang.html")
    assert article.text == "\n\n".join([P1, P2, P3, P4])
    assert FOOTER_TEXT not in article.text


def test_generic_keeps_a_body_split_between_two_containers():
    body = f"<div class='phan-mot'>{_paras(P1, P2)}</div><div class='phan-hai'>{_paras(P3, P4, P5)}</div>"
    assert read_html(_page(body, footer=FOOTER), "hai-phan.html").text == "\n\n".join([P1, P2, P3, P4, P5])


def test_body_lines_drops_lines_after_the_content_block_and_keeps_unmatched_ones():
    blocks = [("Một.", False), ("Hai.", False), ("Chân trang.", False)]
    assert body_lines(["Một.", "Hai.", "Chân trang."], blocks, end=1) == ["Một.", "Hai."]
    assert body_lines(["Một.", "Hai.", "Chân trang."], blocks, end=None) == ["Một.", "Hai.", "Chân trang."]
    assert body_lines(["Một.", "Dòng không có khối."], blocks, end=0) == ["Một.", "Dòng không có khối."]


# --- lists of links (teasers, a side column) are never body text ----------------------------------

def _teasers(heading: str, n: int = 4) -> str:
    cards = "".join(f"<li><article class='o-tin'><a href='/tin-{i}.html'><img src='/a{i}.jpg'></a>"
                    f"<a href='/tin-{i}.html'>Tin ngắn số {i} về công tác bảo đảm trật tự an toàn giao thông</a>"
                    f"</article></li>" for i in range(n))
    return f"<div class='cot-phai'><div class='tieu-de-khoi'><a href=''>{heading}</a></div><ul>{cards}</ul></div>"


@pytest.mark.parametrize("cards", [1, 4])
def test_generic_leaves_out_teaser_cards_beside_the_body(cards):
    """Teaser cards marked <article> in a column before a body that is in no <article>: trafilatura took them."""
    page = (f"<html><head>{PUBLISHED}</head><body><main><div class='khung'><div class='cot-hep'>"
            f"{_teasers('Tin nóng', cards)}</div><div class='cot-bai'><h1>{TITLE}</h1>"
            f"<div id='noi-dung'>{_paras(P1, P2, P3, P4, P5)}</div></div></div></main></body></html>")
    article = read_html(page, "the-tin.html")
    assert article.title == TITLE
    assert article.text == "\n\n".join([P1, P2, P3, P4, P5])


def test_generic_keeps_a_body_paragraph_with_a_link_in_it():
    linked = P2.replace("các trang cá cược", "<a href='/a'>các trang cá cược</a>")
    article = read_html(_page(f"<div class='chi-tiet'>{_paras(P1, linked, P3, P4)}</div>"), "lien-ket.html")
    assert article.text == "\n\n".join([P1, P2, P3, P4])


# --- the credited source and the author box under the body ------------------------------------------

def test_generic_leaves_out_the_author_and_source_lines_under_the_body():
    credit = ("<div class='thong-tin nguon-tin'><p class='author'>Minh Tâm</p>"
              "<p class='source'>Báo Mẫu Điện Tử</p></div>")
    article = read_html(_page(f"<div class='chi-tiet'>{_paras(P1, P2, P3)}{credit}</div>"), "nguon.html")
    assert article.text == "\n\n".join([P1, P2, P3])
    assert article.author == "Minh Tâm"


# --- captions under a page whose first <article> is a teaser card ----------------------------------

def test_generic_reads_captions_of_the_article_not_of_the_first_teaser_card():
    figure = ("<table class='anh'><tr><td><img src='/h.jpg'></td></tr>"
              "<tr><td class='media-caption'>Tang vật thu giữ tại hiện trường.</td></tr></table>")
    body = f"<div class='chi-tiet'>{_paras(P1, P2)}{figure}{_paras(P3, P4)}</div>"
    article = read_html(_page(body, aside=_teasers("Tin đọc nhiều")), "chu-thich.html")
    assert article.text[:article.captions_start].rstrip() == "\n\n".join([P1, P2, P3, P4])
    assert article.text[article.captions_start:] == "Tang vật thu giữ tại hiện trường."


# --- the title: the visible headline, not an SEO variant, never a logo or the site's name -----------

def test_generic_title_is_the_headline_when_og_title_is_a_reworded_variant():
    head = PUBLISHED + "<meta property='og:title' content='Triệt phá đường dây đánh bạc qua mạng ở huyện miền núi'>"
    assert read_html(_page(_paras(P1, P2, P3), head=head), "seo.html").title == (
        "Công an huyện miền núi triệt phá đường dây đánh bạc qua mạng")


def test_generic_title_is_never_an_h1_that_links_home():
    page = _page(_paras(P1, P2, P3), head=PUBLISHED, title="Công an tỉnh Mẫu").replace(
        "<div class='menu-top'>", "<div class='menu-top'><h1><a href='/'>Công an tỉnh Mẫu</a></h1>")
    assert page.index("<h1><a href='/'>") < page.index(f"<h1>{TITLE}")
    assert read_html(page, "logo-link.html").title == TITLE


def test_generic_title_is_og_title_when_the_h1_is_the_sites_logo():
    head = PUBLISHED + f"<meta property='og:title' content='{TITLE}'>"
    article = read_html(_page(_paras(P1, P2, P3), head=head, h1="Cổng thông tin điện tử Công an tỉnh"), "logo.html")
    assert article.title == TITLE


def test_generic_title_is_the_h1_when_the_page_title_is_only_the_portals_name():
    page = _page(_paras(P1, P2, P3), head=PUBLISHED, title="Cổng thông tin điện tử Công an tỉnh Mẫu")
    assert read_html(page, "cong.html").title == TITLE
    head = (PUBLISHED + "<meta property='og:title' content='Công an tỉnh Mẫu'>"
            "<meta property='og:site_name' content='Công an tỉnh Mẫu'>")
    assert read_html(_page(_paras(P1, P2, P3), head=head), "og-ten-trang.html").title == TITLE


def test_generic_title_without_the_site_name_the_page_declares():
    head = (PUBLISHED + f"<meta property='og:title' content='{TITLE} | Công an tỉnh Mẫu'>"
            "<meta property='og:site_name' content='Công an tỉnh Mẫu'>")
    page = _page(_paras(P1, P2, P3), head=head, h1="Công an tỉnh Mẫu")
    assert read_html(page, "ten-trang.html").title == TITLE
    plain = _page(_paras(P1, P2, P3), head=PUBLISHED, h1="Công an tỉnh Mẫu", title=f"{TITLE} - Công an tỉnh Mẫu")
    assert read_html(plain, "the-title.html").title == TITLE


# --- the recorded publisher pages, parsers off ------------------------------------------------------

def test_generic_path_on_recorded_pages_reaches_its_floors_on_every_site():
    """CI has ../shared beside the clone: its absence is a failure, not a skip."""
    assert RECORDED.is_dir(), f"recorded pages missing: {RECORDED}"
    articles, listings = bench_generic.pages_of(RECORDED)
    scores = [s for s in (bench_generic.score(p) for p in articles) if s is not None]
    assert len(scores) == len(articles) == 10
    rows = bench_generic.by_site(scores)
    assert len(rows) == 8
    for row in rows:
        assert (row.titles, row.dates) == (row.pages, row.pages), row
        assert row.recall >= bench_generic.FLOORS["recall"], row
        assert row.boilerplate <= bench_generic.FLOORS["boilerplate"], row
    assert bench_generic.listings_read(listings) == (0, 0)
    assert all(s.reader == "html:trafilatura" for s in scores)


def test_generic_bench_scores_a_worse_reading_lower(monkeypatch):
    """The floors test can fail: a generic reading that loses paragraphs scores below them."""
    import pipeline.readers.html as reader

    assert RECORDED.is_dir()
    page = RECORDED / "tuoitre.vn" / "article-20260307075519174.html"
    real = reader._trafilatura_text
    monkeypatch.setattr(reader, "_trafilatura_text",
                        lambda soup, url: "\n".join(real(soup, url).split("\n")[:5]) + "\nChia sẻ bài viết")
    got = bench_generic.score(page)
    assert got.recall < 0.5 and got.boilerplate > 0.1


@pytest.mark.parametrize("h1, og, want", [
    ("Tuần tra đêm ở khu dân cư", "Tuần tra đêm ở khu dân cư - Báo Mẫu", "Tuần tra đêm ở khu dân cư"),
    ("Trang chủ", "Tuần tra đêm ở khu dân cư", "Tuần tra đêm ở khu dân cư"),
])
def test_generic_title_cases(h1, og, want):
    head = PUBLISHED + f"<meta property='og:title' content='{og}'>"
    assert read_html(_page(_paras(P1, P2, P3), head=head, h1=h1), "t.html").title == want
