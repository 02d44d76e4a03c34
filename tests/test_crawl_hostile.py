"""The crawler against a hostile server (tests/hostile_site.py): every fault ends in bounded time, named."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from pipeline.article import Article, InputError
from pipeline.crawl import CrawlSummary, crawl_articles, crawl_options
from tests.hostile_site import HostileSite


def _options(**changes):
    base = dict(delay_seconds=0.0, read_timeout=1.0, connect_timeout=1.0, retries=1, backoff_seconds=0.01,
                backoff_max=0.05, max_bytes=2_000_000, allow_hosts=("127.0.0.1",), request_deadline=2.0)
    base.update(changes)
    return crawl_options(**base)


def _crawl(site, paths, tmp_path, **changes):
    summary = CrawlSummary()
    started = time.monotonic()
    items = list(crawl_articles([site.url(p) for p in paths], (), _options(**changes), tmp_path / "state",
                                summary=summary))
    return items, summary, time.monotonic() - started


def _errors(items) -> list[tuple[str, str]]:
    return [(e.source, e.cause) for e in items if isinstance(e, InputError)]


@pytest.fixture(scope="module")
def site():
    with HostileSite(trickle_seconds=0.3) as server:
        yield server


def test_hostile_trickle_ends_at_the_request_deadline_naming_the_url(site, tmp_path):
    items, summary, took = _crawl(site, ["/trickle"], tmp_path)
    assert took < 6
    [(url, cause)] = _errors(items)
    assert url == site.url("/trickle")
    assert cause == "deadline exceeded (no complete response within 2 s (crawl.request_deadline))"
    assert summary.dropped == [(url, "deadline exceeded: no complete response within 2 s (crawl.request_deadline)")]
    assert site.hits.count("/trickle") == 1   # a trickle would trickle again: not retried


def test_hostile_trickled_headers_end_at_the_request_deadline(site, tmp_path):
    items, summary, took = _crawl(site, ["/trickle-headers"], tmp_path)
    assert took < 6
    assert _errors(items) == [(site.url("/trickle-headers"),
                               "deadline exceeded (no complete response within 2 s (crawl.request_deadline))")]
    assert site.hits.count("/trickle-headers") == 1


def test_hostile_max_time_bounds_the_whole_crawl(site, tmp_path):
    items, summary, took = _crawl(site, ["/trickle", "/page"], tmp_path, request_deadline=60.0, max_time=1.5)
    assert took < 5
    assert _errors(items)[0] == (site.url("/trickle"), "deadline exceeded (the crawl's --max-time was reached)")
    assert summary.skipped == {"left for the next crawl (--max-time reached)": 1}


@pytest.mark.parametrize("path, cause", [
    ("/redirect-loopback", "blocked host (host localhost is not an allowed host (use --allow-host))"),
    ("/redirect-file", "bad redirect (file:///etc/passwd)"),
    ("/gzip-bomb", "too large (over 2,000,000 bytes, stopped reading)"),
    ("/deep", "HTML nested more than 500 elements deep (limit reader.max_html_depth)"),
    ("/lying-length", "neither an article nor a page linking to articles"),
    ("/binary-no-type", "not HTML: binary data (NUL bytes), not text"),
    ("/huge-header", "header too large (Receive buffer too long: the response headers pass h11's limit)"),
])
def test_hostile_entry_urls_are_named_with_their_cause(site, tmp_path, path, cause):
    # a generous request deadline: none of these answers is slow, and a busy machine must not turn
    # a gzip bomb's cause into "deadline exceeded" (the deadline has tests of its own above)
    items, summary, took = _crawl(site, [path], tmp_path, request_deadline=30.0)
    assert took < 30
    assert _errors(items) == [(site.url(path), cause)]
    assert [url for url, _ in summary.dropped] == [site.url(path)]
    assert f"  dropped {site.url(path)}: " in summary.text()
    assert sum(summary.failed.values()) == 1


def test_hostile_header_overflow_is_not_retried(site, tmp_path):
    before = site.hits.count("/huge-header")
    _crawl(site, ["/huge-header"], tmp_path, retries=3)
    assert site.hits.count("/huge-header") - before == 1


def test_hostile_meta_refresh_loop_is_named_by_the_url_given(site, tmp_path):
    items, summary, _ = _crawl(site, ["/refresh-a"], tmp_path)
    a, b = site.url("/refresh-a"), site.url("/refresh-b")
    assert summary.dropped == [(a, f"meta refresh loop ({b} -> {a})")]
    assert _errors(items) == [(b, f"meta refresh loop ({b} -> {a})")]


@pytest.mark.parametrize("status", ["429", "500"])
def test_hostile_robots_busy_means_disallow_for_this_run(tmp_path, status):
    with HostileSite(robots=status) as busy:
        items, summary, _ = _crawl(busy, ["/page"], tmp_path)
        assert not [i for i in items if isinstance(i, Article)]
        assert summary.skipped_robots == 0 and busy.hits.count("/page") == 0
        assert busy.hits.count("/robots.txt") == 2       # retried like any busy answer, then given up


def test_hostile_robots_over_500_kib_is_parsed_up_to_500_kib(tmp_path):
    with HostileSite(robots="big") as big:
        items, summary, _ = _crawl(big, ["/page", "/private/page"], tmp_path, max_bytes=400_000)
        assert [i.url for i in items if isinstance(i, Article)] == [big.url("/page")]
        assert big.hits.count("/private/page") == 0


def test_hostile_cli_crawl_of_a_trickle_ends_naming_the_url(tmp_path):
    with HostileSite(trickle_seconds=1.0) as slow:
        config = tmp_path / "crawl.toml"
        config.write_text("[crawl]\nrequest_deadline = 4.0\nretries = 1\n", encoding="utf-8")
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-c", "from pipeline.cli import cli; cli()", "crawl",
                               slow.url("/trickle"), "--out", str(tmp_path / "out"), "--allow-host", "127.0.0.1",
                               "--config", str(config)], capture_output=True, text=True, timeout=110)
        assert time.monotonic() - started < 110
        assert done.returncode == 1, done.stderr
        assert f"dropped {slow.url('/trickle')}: deadline exceeded: no complete response within 4 s" in done.stdout
        assert done.stderr.count(slow.url("/trickle")) == 1, done.stderr   # printed once on stderr


def test_hostile_article_entry_refused_by_the_reader_is_named(tmp_path):
    from pipeline.crawl.localsite import LocalSite
    from tests.test_crawl_site import FAILED, SITE

    [path] = [p for p, why in FAILED.items() if why == "article body missing"]
    with LocalSite(SITE) as news:
        items, summary, _ = _crawl(news, [path], tmp_path)
    [(url, cause)] = _errors(items)
    assert url == news.url(path) and cause.startswith("article body missing")
    assert summary.dropped == [(url, cause)]
