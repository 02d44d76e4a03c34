"""The crawl state database: rows, compressed raw pages, iteration for reprocessing."""

from __future__ import annotations

import sqlite3

from pipeline.crawl.state import CrawlState

HTML = "<html><body><article><p>Công an huyện tổ chức diễn tập phương án chữa cháy tại chợ trung tâm.</p></article></body></html>"


def test_crawl_state_records_and_keeps_values_not_given(tmp_path):
    with CrawlState(tmp_path / "s.sqlite") as state:
        state.record("https://a.vn/bai-1.htm", "article", "a.vn", "new", status=200, etag='"e1"',
                     last_modified="Mon, 01 Apr 2024 00:00:00 GMT", content_hash="h1",
                     article_url="https://a.vn/bai-1.htm", html=HTML, fetched=True)
        state.record("https://a.vn/bai-1.htm", "article", "a.vn", "unchanged", status=304)
        record = state.get("https://a.vn/bai-1.htm")
        assert (record.outcome, record.status, record.etag, record.content_hash) == ("unchanged", 304, '"e1"', "h1")
        assert record.landed and record.fetched_at is not None
        assert state.body("https://a.vn/bai-1.htm") == HTML
        assert state.get("https://a.vn/khac.htm") is None


def test_crawl_state_stores_pages_compressed(tmp_path):
    with CrawlState(tmp_path / "s.sqlite") as state:
        state.record("https://a.vn/bai-1.htm", "article", "a.vn", "new", html=HTML * 50, fetched=True)
    [(blob,)] = sqlite3.connect(tmp_path / "s.sqlite").execute("SELECT body FROM pages").fetchall()
    assert len(blob) < len((HTML * 50).encode("utf-8")) / 10


def test_crawl_state_iter_pages_once_per_article_under_its_canonical_url(tmp_path):
    with CrawlState(tmp_path / "s.sqlite") as state:
        state.record("https://a.vn/bai-1.htm", "article", "a.vn", "new", article_url="https://a.vn/bai-1.htm",
                     html=HTML, fetched=True)
        state.record("https://a.vn/amp/bai-1", "article", "a.vn", "unchanged", article_url="https://a.vn/bai-1.htm",
                     html=HTML, fetched=True)
        state.record("https://a.vn/loi.htm", "article", "a.vn", "rejected", html=HTML, fetched=True)
        state.record("https://a.vn/thoi-su.htm", "listing", "a.vn", "new", html=HTML, fetched=True)
        pages = list(state.iter_pages())
    assert [(url, html, source) for url, html, _, source in pages] == [("https://a.vn/bai-1.htm", HTML, "a.vn")]
    assert state.path.exists()


def test_crawl_state_finds_the_same_content_under_another_url(tmp_path):
    with CrawlState(tmp_path / "s.sqlite") as state:
        state.record("https://a.vn/bai-1.htm", "article", "a.vn", "new", content_hash="h1",
                     article_url="https://a.vn/bai-1.htm")
        assert state.landed_with_hash("h1", other_than="https://a.vn/tin/1") == "https://a.vn/bai-1.htm"
        assert state.landed_with_hash("h1", other_than="https://a.vn/bai-1.htm") is None
        assert state.article_landed("https://a.vn/bai-1.htm", other_than="https://a.vn/tin/1")
