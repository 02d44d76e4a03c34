"""Saved pages that are not articles (home, listing) are skipped with the reason; a saved article
takes its url from the page (rel=canonical, og:url)."""

from __future__ import annotations

from click.testing import CliRunner

from pipeline.article import Article, InputError
from pipeline.cli import cli
from pipeline.readers import read_inputs
from pipeline.readers.pagekind import not_an_article, page_urls
from tests.conftest import SHARED

FIXTURES = SHARED / "fixtures" / "html"
BODY = ("<p>Sáng 14/3, Công an tỉnh Nghệ An tổ chức hội nghị triển khai kế hoạch bảo đảm an ninh trật tự "
        "trên địa bàn, với sự tham dự của lãnh đạo các phòng nghiệp vụ và công an các xã, phường.</p>") * 4


def _listing(n: int, canonical: str = "https://congan.example.vn/thoi-su.htm") -> str:
    items = "".join(f'<div class="item"><h3><a href="/tin-{i}-102250314{i:04d}.htm">Tin số {i} về an ninh '
                    f'trật tự ở cơ sở</a></h3><p>Tóm tắt ngắn của tin số {i}.</p></div>' for i in range(n))
    return (f'<html><head><title>Thời sự</title><link rel="canonical" href="{canonical}"></head>'
            f'<body><h1>Thời sự</h1>{items}</body></html>')


def _article(canonical: str, extra_head: str = "") -> str:
    return (f'<html><head><title>Hội nghị an ninh</title><meta property="og:url" content="{canonical}">'
            f'{extra_head}</head><body><article><h1>Công an tỉnh triển khai kế hoạch</h1>{BODY}</article>'
            '</body></html>')


def test_pagekind_listing_of_linked_headlines():
    assert not_an_article(_listing(16)) == "a listing page (16 linked headlines)"
    assert not_an_article(_listing(16, "https://congan.example.vn/")) == "a home page (https://congan.example.vn/)"


def test_pagekind_section_address_without_metadata_is_a_listing():
    page = _listing(3, "https://congan.example.vn/an-ninh-trat-tu/")
    assert not_an_article(page) == "a listing page (section address https://congan.example.vn/an-ninh-trat-tu/)"


def test_pagekind_articles_are_not_listings():
    long_slug = "https://congan.example.vn/cong-an-tinh-trien-khai-ke-hoach-bao-dam-an-ninh-trat-tu-102250314.htm"
    assert not_an_article(_article(long_slug)) is None
    ld = '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle"}</script>'
    assert not_an_article(_article("https://congan.example.vn/hoi-nghi.htm", ld)) is None
    published = '<meta property="article:published_time" content="2025-03-14T08:00:00+07:00">'
    assert not_an_article(_listing(20) .replace("</head>", published + "</head>")) is None


def test_pagekind_page_urls_prefer_canonical_then_og_url():
    page = ('<head><meta content="https://a.example.vn/og-bai-viet-12345.htm" property="og:url">'
            "<link href='https://a.example.vn/bai-viet-12345.htm' rel='canonical'></head>")
    assert page_urls(page) == ["https://a.example.vn/bai-viet-12345.htm", "https://a.example.vn/og-bai-viet-12345.htm"]
    assert page_urls('<link rel="canonical" href="/tuong-doi.htm">') == []


def test_saved_pages_are_read_or_skipped_with_the_reason(tmp_path):
    url = "https://congan.example.vn/cong-an-tinh-trien-khai-ke-hoach-bao-dam-an-ninh-trat-tu-102250314.htm"
    (tmp_path / "bai.html").write_text(_article(url), encoding="utf-8")
    (tmp_path / "chuyen-muc.html").write_text(_listing(18), encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    [article] = [i for i in items if isinstance(i, Article)]
    [skipped] = [i for i in items if isinstance(i, InputError)]
    assert article.url == url and article.article_id == Article(source="x", text="", url=url).article_id
    assert str(skipped) == f"{tmp_path / 'chuyen-muc.html'}: not an article: a listing page (18 linked headlines)"


def test_extract_of_a_listing_says_why_and_fails(tmp_path):
    (tmp_path / "trang-chu.html").write_text(_listing(30, "https://congan.example.vn/"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "not an article: a home page (https://congan.example.vn/)" in result.stderr


def test_recorded_listings_are_skipped_and_recorded_articles_kept():
    pages = sorted(FIXTURES.rglob("*.html"))
    assert len(pages) == 18
    for page in pages:
        reason = not_an_article(page.read_text(encoding="utf-8"))
        if page.name.startswith("list-"):
            assert reason is not None and reason.startswith("a listing page"), page
        else:
            assert reason is None, (page, reason)


def test_saved_page_inline_tags_and_drop_caps_join_as_written():
    from pipeline.readers.html import read_html

    para = ("<p>Theo <a href='/tg'>Interfax</a>, <b>Phó</b> Thủ tướng Nga cho biết chương trình hợp tác sẽ tiếp "
            "tục trong năm tới với nhiều dự án về năng lượng (<i>điện gió</i>) và hạ tầng giao thông.</p>")
    page = ("<html><head><title>Hợp tác</title></head><body><article><h1>Hợp tác năng lượng</h1><p><span "
            "class='dropcap'>T</span>heo các nguồn tin, hai nước đã ký nhiều thỏa thuận quan trọng trong chuyến "
            f"thăm vừa qua, mở ra giai đoạn hợp tác mới.</p>{para * 3}</article></body></html>")
    text = read_html(page, "hop-tac.html").text
    assert text.startswith("Theo các nguồn tin, hai nước")
    assert "Theo Interfax, Phó Thủ tướng Nga" in text and "(điện gió) và" in text
    assert " ," not in text and "T heo" not in text


def test_text_of_keeps_a_space_between_blocks_of_minified_markup():
    from bs4 import BeautifulSoup

    from pipeline.sites.parsing import text_of

    soup = BeautifulSoup("<div><p>Một câu.</p><p>Hai câu.</p>Ba<br>bốn<!-- ghi chú --></div>", "lxml")
    assert text_of(soup.div) == "Một câu. Hai câu. Ba bốn"
