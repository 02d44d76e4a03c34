"""Crawl throughput: the local test site plus generated articles, crawled with politeness off.

``bench_crawl()`` serves ``tests/resources/site`` on 127.0.0.1 with ``n`` extra
article pages listed in a sitemap, crawls that sitemap with no delay and no
Crawl-delay, and reports article pages fetched and read per second (fetch,
decode, discovery, the HTML reader's cascade and the state database; not the
language pipeline, which ``extract`` measures).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from pipeline.article import Article
from pipeline.crawl import CrawlSummary, crawl_articles, crawl_options
from pipeline.crawl.localsite import LocalSite

SITE = Path(__file__).resolve().parents[1] / "tests" / "resources" / "site"
TEMPLATE = "thoi-su/khanh-thanh-tru-so-cong-an-xa-vinh-thanh-240322.htm"
DEFAULT_PAGES = 200


def bench_crawl(n: int = DEFAULT_PAGES) -> dict:
    """Crawl ``n`` generated article pages of the local site; RETURNS pages/s and what was measured."""
    if not (SITE / TEMPLATE).exists():
        return {"error": f"local test site not found at {SITE}"}
    template = (SITE / TEMPLATE).read_text(encoding="utf-8")
    with LocalSite(SITE) as site, tempfile.TemporaryDirectory() as state_dir:
        paths = [f"/bench/khanh-thanh-tru-so-cong-an-xa-so-{i}-{500000 + i}.htm" for i in range(n)]
        for i, path in enumerate(paths):
            page = template.replace("{BASE}", site.base).replace("Vĩnh Thạnh", f"Vĩnh Thạnh {i}")
            site.pages[path] = page.replace("trụ sở thứ 15", f"trụ sở thứ {i + 16}").encode("utf-8")
        urls = "".join(f"<url><loc>{site.base}{p}</loc></url>" for p in paths)
        site.pages["/bench-sitemap.xml"] = (
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>").encode("utf-8")
        site.pages["/robots.txt"] = b"User-agent: *\nDisallow: /noi-bo/\n"
        options = crawl_options(delay_seconds=0.0, respect_crawl_delay=False, allow_hosts=("127.0.0.1",))
        summary = CrawlSummary()
        start = time.perf_counter()
        landed = sum(isinstance(item, Article) for item in crawl_articles(
            [site.url("/bench-sitemap.xml")], (), options, Path(state_dir), summary=summary))
        seconds = time.perf_counter() - start
    return {"pages": summary.fetched, "landed": landed, "requests": summary.requests, "seconds": round(seconds, 3),
            "pages_per_s": round(summary.fetched / seconds, 1) if seconds else None}


if __name__ == "__main__":
    print(bench_crawl())
