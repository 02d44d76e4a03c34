"""Discovery parsers: sitemaps (index, news, plain text), feeds, listing pages, article-page guess."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from bs4 import BeautifulSoup

from pipeline.crawl.discover import is_article_page, parse_feed, parse_listing, parse_sitemap, sniff

SITE = Path(__file__).parent / "resources" / "site"
BASE = "http://127.0.0.1:8000"


def _read(name: str) -> str:
    return (SITE / name).read_text(encoding="utf-8").replace("{BASE}", BASE)


def test_crawl_discover_sniffs_documents():
    assert sniff(_read("sitemap_index.xml").encode()) == "sitemap"
    assert sniff(_read("rss.xml").encode()) == "feed"
    assert sniff(b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>') == "feed"
    assert sniff(_read("index.html").encode()) == "html"


def test_crawl_discover_sitemap_index_children_newest_first():
    pages, children = parse_sitemap(_read("sitemap_index.xml").encode(), BASE + "/sitemap_index.xml")
    assert pages == []
    assert [c.url for c in children] == [BASE + "/sitemaps/2024-03.xml", BASE + "/sitemaps/2024-02.xml.gz"]
    assert children[0].when == datetime(2024, 3, 31, 23, 0, tzinfo=timezone(timedelta(hours=7)))


def test_crawl_discover_sitemap_pages_with_news_dates():
    pages, children = parse_sitemap(_read("sitemaps/2024-03.xml").encode(), BASE + "/sitemaps/2024-03.xml")
    assert children == [] and len(pages) == 5
    news = next(p for p in pages if p.url.endswith("-240320.htm"))
    assert news.when.isoformat() == "2024-03-20T10:15:00+07:00"


def test_crawl_discover_plain_text_and_broken_sitemaps():
    pages, _ = parse_sitemap(b"https://a.vn/bai-mot-hai-ba-bon-1.htm\nhttps://a.vn/bai-2.htm\n", "https://a.vn/s.txt")
    assert [p.url for p in pages] == ["https://a.vn/bai-mot-hai-ba-bon-1.htm", "https://a.vn/bai-2.htm"]
    pages, _ = parse_sitemap(b"<urlset><url><loc>https://a.vn/x-1.htm</loc></url><url><loc>", "https://a.vn/s.xml")
    assert [p.url for p in pages] == ["https://a.vn/x-1.htm"]


def test_crawl_discover_sitemap_does_not_expand_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("https://a.vn/bi-mat-123456.htm", encoding="utf-8")
    xml = (f'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<urlset><url><loc>&x;</loc></url></urlset>').encode()
    pages, _ = parse_sitemap(xml, "https://a.vn/s.xml")
    assert all("bi-mat" not in p.url for p in pages)


def test_crawl_discover_feed_links_are_canonical_and_dated():
    links = parse_feed(_read("rss.xml").encode(), BASE + "/rss.xml")
    assert [link.url for link in links] == [
        BASE + "/phap-luat/triet-pha-duong-day-danh-bac-qua-mang-240315.htm",
        BASE + "/tin/240311",
        BASE + "/xa-hoi/bao-ve-hanh-lang-an-toan-giao-thong-duong-thuy-240327.htm"]
    assert links[0].when == datetime(2024, 3, 15, 7, 20, tzinfo=timezone.utc)


def test_crawl_discover_listing_links_pagination_and_files():
    links = parse_listing(_read("thoi-su.htm"), BASE + "/thoi-su.htm", None, lambda u: u.startswith(BASE))
    assert links.articles[0] == BASE + "/thoi-su/cong-an-xa-hoa-binh-ra-mat-to-an-ninh-co-so-240311.htm"
    assert len(links.articles) == 6
    assert links.next_page == BASE + "/thoi-su/trang-2.htm"
    listing = parse_listing(_read("phap-luat.htm"), BASE + "/phap-luat.htm", None, lambda u: u.startswith(BASE))
    assert listing.files == [BASE + "/tai-lieu/bao-cao-so-ket-quy-i-2024.pdf"]
    assert listing.next_page is None


def test_crawl_discover_home_page_categories_and_feed():
    links = parse_listing(_read("index.html"), BASE + "/", None, lambda u: u.startswith(BASE))
    assert links.categories == [BASE + "/thoi-su.htm", BASE + "/phap-luat.htm", BASE + "/xa-hoi.htm"]
    assert links.feeds == [BASE + "/rss.xml"]
    assert len(links.articles) == 2


def test_crawl_discover_off_site_links_are_not_followed():
    html = ('<a href="https://baokhac.vn/bai-viet-rat-dai-ve-an-ninh-123456.htm">x</a>'
            '<a href="/thoi-su/bai-viet-rat-dai-ve-an-ninh-654321.htm">y</a>')
    links = parse_listing(html, BASE + "/", None, lambda u: u.startswith(BASE))
    assert links.articles == [BASE + "/thoi-su/bai-viet-rat-dai-ve-an-ninh-654321.htm"]


def test_crawl_discover_article_page_guess():
    for name in ("thoi-su/khanh-thanh-tru-so-cong-an-xa-vinh-thanh-240322.htm",
                 "xa-hoi/tuoi-tre-phuong-tan-an-ra-quan-giu-gin-trat-tu-do-thi-240318.htm"):
        assert is_article_page(BeautifulSoup(_read(name), "lxml")), name
    for name in ("index.html", "thoi-su.htm", "thoi-su/trang-2.htm", "xa-hoi.htm"):
        assert not is_article_page(BeautifulSoup(_read(name), "lxml")), name
    long = "Lực lượng công an xã phối hợp dân quân tuần tra các tuyến đường liên thôn vào ban đêm để giữ bình yên. "
    plain = f"<html><body><h1>Tuần tra đêm</h1><div><p>{long}</p><p>{long}</p><p>{long}</p></div></body></html>"
    assert is_article_page(BeautifulSoup(plain, "lxml"))
