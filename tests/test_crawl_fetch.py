"""Fetching: retries and backoff, limits, redirects, content types, charsets, conditional requests, robots."""

from __future__ import annotations

import json

import pytest

from pipeline.crawl import crawl_options
from pipeline.crawl.fetch import Fetcher, FetchError, HostClock, ungzip
from pipeline.crawl.localsite import LocalSite, encode_legacy
from pipeline.crawl.robots import RobotsCache
from pipeline.crawl.urls import HostPolicy

PAGE = ("<html><head><meta charset='{charset}'><title>Thử nghiệm</title></head><body><p>Đồng chí Trưởng Công an "
        "huyện chỉ đạo lực lượng tăng cường tuần tra, kiểm soát trên các tuyến đường thủy.</p></body></html>")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    (root / "bai.htm").write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    (root / "cu.htm").write_text(PAGE.format(charset="windows-1258"), encoding="utf-8")
    (root / "khong-khai-bao.htm").write_text(PAGE.replace("<meta charset='{charset}'>", ""), encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /rieng/\nCrawl-delay: 2\n", encoding="utf-8")
    routes = {
        "/luon-loi.htm": {"fail": [503, 503, 503, 503, 503], "file": "bai.htm"},
        "/cho-lau.htm": {"fail": [429], "retry_after": 3600, "file": "bai.htm"},
        "/cham.htm": {"delay": 1.0, "file": "bai.htm"},
        "/rat-lon.htm": {"huge_bytes": 3_000_000},
        "/tai-ve.htm": {"file": "bai.htm", "content_type": "application/pdf"},
        "/cu.htm": {"encoding": "cp1258", "content_type": "text/html"},
        "/cu-header.htm": {"file": "khong-khai-bao.htm", "encoding": "cp1258",
                           "content_type": "text/html; charset=windows-1258"},
        "/khong-khai-bao.htm": {"encoding": "cp1258", "content_type": "text/html"},
        "/cu-chuyen.htm": {"redirect": "/bai.htm"},
        "/ra-ngoai.htm": {"redirect": "https://example.com/bai.htm"},
    }
    (root / "routes.json").write_text(json.dumps(routes), encoding="utf-8")
    with LocalSite(root) as server:
        yield server


def _fetcher(**changes) -> Fetcher:
    base = dict(delay_seconds=0.0, read_timeout=0.4, connect_timeout=0.4, retries=2, backoff_seconds=0.01,
                backoff_max=0.02, max_retry_after=5.0, max_bytes=1_000_000)
    base.update(changes)
    options = crawl_options(**base)
    return Fetcher(options, HostPolicy({"127.0.0.1"}, explicit={"127.0.0.1"}))


def test_crawl_fetch_gives_up_on_5xx_after_the_retries(site):
    site.reset_log()
    with pytest.raises(FetchError, match="HTTP 503") as err:
        _fetcher().get(site.url("/luon-loi.htm"))
    assert err.value.status == 503
    assert [h.status for h in site.hits("/luon-loi.htm")] == [503, 503, 503]


def test_crawl_fetch_does_not_retry_404(site):
    site.reset_log()
    with pytest.raises(FetchError, match="HTTP 404"):
        _fetcher().get(site.url("/khong-co.htm"))
    assert len(site.hits("/khong-co.htm")) == 1


def test_crawl_fetch_gives_up_when_retry_after_is_too_long(site):
    site.reset_log()
    with pytest.raises(FetchError, match="retry-after too long"):
        _fetcher().get(site.url("/cho-lau.htm"))
    assert len(site.hits("/cho-lau.htm")) == 1


def test_crawl_fetch_times_out_a_slow_page(site):
    with pytest.raises(FetchError, match="timeout"):
        _fetcher(retries=0).get(site.url("/cham.htm"))


def test_crawl_fetch_stops_reading_past_the_size_limit(site):
    with pytest.raises(FetchError, match="too large"):
        _fetcher().get(site.url("/rat-lon.htm"))
    with pytest.raises(FetchError, match="too large.*announced"):
        _fetcher(max_bytes=100).get(site.url("/bai.htm"))


def test_crawl_fetch_accepts_only_html(site):
    with pytest.raises(FetchError, match="not HTML"):
        _fetcher().get(site.url("/tai-ve.htm"))


@pytest.mark.parametrize("path", ["/cu.htm", "/cu-header.htm", "/khong-khai-bao.htm"])
def test_crawl_fetch_decodes_vietnamese_legacy_encoding_to_nfc(site, path):
    page = _fetcher().get(site.url(path))
    assert "Đồng chí Trưởng Công an huyện chỉ đạo lực lượng tăng cường tuần tra" in page.text
    assert page.data == encode_legacy(page.data.decode("cp1258"), "cp1258")  # the bytes really were cp1258


def test_crawl_fetch_follows_redirects_on_allowed_hosts_only(site):
    page = _fetcher().get(site.url("/cu-chuyen.htm"))
    assert page.url == site.url("/bai.htm") and page.redirects == [site.url("/bai.htm")]
    with pytest.raises(FetchError, match="blocked host"):
        _fetcher().get(site.url("/ra-ngoai.htm"))


def test_crawl_fetch_conditional_request_gets_304(site):
    fetcher = _fetcher()
    first = fetcher.get(site.url("/bai.htm"))
    again = fetcher.get(site.url("/bai.htm"), etag=first.etag, last_modified=first.last_modified)
    assert first.status == 200 and first.etag and again.not_modified and again.text == ""


def test_crawl_fetch_waits_between_requests_to_one_host(site):
    naps: list[float] = []
    clock = HostClock(0.5, sleep=naps.append)
    clock.wait("a.vn")
    clock.wait("a.vn")
    clock.wait("b.vn")
    assert len(naps) == 1 and 0.4 < naps[0] <= 0.5


def test_crawl_fetch_robots_rules_delay_and_missing_file(site):
    fetcher = _fetcher()
    delays = {}
    robots = RobotsCache(lambda url: fetcher.get(url, kinds=("text/",), check_robots=False), "vnie",
                         on_delay=delays.__setitem__)
    assert robots.allowed(site.url("/bai.htm")) and not robots.allowed(site.url("/rieng/bai.htm"))
    assert list(delays.values()) == [2.0]
    missing = RobotsCache(lambda url: (_ for _ in ()).throw(FetchError("HTTP 404", status=404)), "vnie")
    assert missing.allowed("https://a.vn/rieng/bai.htm")
    down = RobotsCache(lambda url: (_ for _ in ()).throw(FetchError("HTTP 503", status=503)), "vnie")
    assert not down.allowed("https://a.vn/bai.htm")


def test_crawl_fetch_ungzip_limits_expansion():
    import gzip

    data = gzip.compress(b"<urlset></urlset>" * 1000)
    assert ungzip(data, 1_000_000).startswith(b"<urlset>")
    with pytest.raises(FetchError, match="too large"):
        ungzip(data, 100)
    assert ungzip(b"<urlset/>", 10) == b"<urlset/>"
