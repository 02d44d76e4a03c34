"""URL canonical forms, the generic article guess and the host policy."""

from __future__ import annotations

import pytest

from pipeline.crawl.urls import (BlockedHost, HostPolicy, canonical_url, clock_key, host_of, is_binary_link,
                                 looks_like_article)


@pytest.mark.parametrize("url, canon", [
    ("HTTPS://VnExpress.net/bai-viet-4900001.html#binh-luan", "https://vnexpress.net/bai-viet-4900001.html"),
    ("https://tuoitre.vn/a-b-c-20250101000000001.htm?utm_source=zalo&utm_medium=share&gidzl=x1",
     "https://tuoitre.vn/a-b-c-20250101000000001.htm"),
    ("https://example.vn/tim-kiem?q=an+ninh&fbclid=abc&page=2", "https://example.vn/tim-kiem?page=2&q=an+ninh"),
    ("https://example.vn", "https://example.vn/"),
    ("http://example.vn:80/tin", "http://example.vn/tin"),
])
def test_crawl_urls_canonical_form(url, canon):
    assert canonical_url(url) == canon


def test_crawl_urls_relative_links_and_non_http():
    assert canonical_url("../phap-luat/bai-1.htm", base="https://a.vn/thoi-su/x.htm") == "https://a.vn/phap-luat/bai-1.htm"
    assert canonical_url("mailto:toasoan@a.vn") is None
    assert canonical_url("javascript:void(0)") is None
    assert canonical_url("") is None


def test_crawl_urls_hosts_ignore_www_and_clock_keeps_the_port():
    assert host_of("https://WWW.Cand.com.vn/tin") == "cand.com.vn"
    assert clock_key("http://127.0.0.1:8123/a") == "127.0.0.1:8123"
    assert clock_key("https://cand.com.vn/a") == "cand.com.vn"


@pytest.mark.parametrize("url, expected", [
    ("https://a.vn/thoi-su/cong-an-xa-ra-mat-to-an-ninh-co-so-240311.htm", True),
    ("https://a.vn/bat-giu-doi-tuong-cuop-tiem-vang-i765432/", True),
    ("https://a.vn/tin-tuc/123456.html", True),
    ("https://a.vn/thoi-su.htm", False),
    ("https://a.vn/thoi-su/trang-2.htm", False),
    ("https://a.vn/tag/an-ninh-trat-tu-co-so.htm", False),
    ("https://a.vn/tai-lieu/bao-cao-so-ket-quy-i-2024.pdf", False),
    ("https://a.vn/kinh-doanh-p2", False),
])
def test_crawl_urls_generic_article_guess(url, expected):
    assert looks_like_article(url) is expected


def test_crawl_urls_binary_links():
    assert is_binary_link("https://a.vn/files/Quyet-dinh.PDF")
    assert is_binary_link("https://a.vn/anh/hoi-nghi.jpg")
    assert not is_binary_link("https://a.vn/bai-viet-1234567.html")


def test_crawl_urls_policy_refuses_other_hosts_and_private_addresses():
    policy = HostPolicy({"127.0.0.1", "localhost"})
    assert policy.allows("http://127.0.0.1:9/x") and not policy.allows("https://vnexpress.net/")
    with pytest.raises(BlockedHost, match="not an allowed host"):
        policy.check("https://vnexpress.net/x-4900001.html")
    with pytest.raises(BlockedHost, match="private or loopback"):
        policy.check("http://127.0.0.1:9/x")
    with pytest.raises(BlockedHost, match="private or loopback"):
        policy.check("http://localhost:9/x")
    HostPolicy({"127.0.0.1"}, explicit={"127.0.0.1"}).check("http://127.0.0.1:9/x")  # allowed explicitly
