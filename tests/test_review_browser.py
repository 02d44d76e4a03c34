"""The review pages as a person sees them, in headless Chromium (Debian's `chromium` package).

Outside CI a machine without chromium or playwright skips these tests with the reason; under
CI=true they fail instead, so a missing browser never passes unseen (`make test` installs it).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.review import build_review
from pipeline.run import run_extract
from tests.conftest import CORPUS

CHROMIUM = os.environ.get("VNIE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser test must run; `make test` installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    if not Path(CHROMIUM).exists():
        _unavailable(f"no chromium at {CHROMIUM} (apt-get install -y chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("review_tables")
    report = run_extract([CORPUS], out)
    assert report.processed == 3
    to = out / "site"
    assert build_review(out, to).pages == 3
    return out, to


@pytest.fixture
def open_page(browser):
    """open_page(path) -> (page, problems): console errors, page errors and any request off disk."""
    pages = []

    def open_(path: Path):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        problems: list[str] = []
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("request", lambda r: problems.append(f"request off disk: {r.url}")
                if not r.url.startswith(("file:", "data:", "about:")) else None)
        page.goto(path.as_uri())
        pages.append(page)
        return page, problems

    yield open_
    for page in pages:
        page.close()


def _article(out: Path, title_start: str) -> pd.Series:
    articles = pd.read_parquet(out / "articles.parquet")
    return articles[articles["title"].fillna("").str.startswith(title_start)].iloc[0]


def test_review_every_official_name_is_highlighted(site, open_page):
    out, to = site
    officials = pd.read_parquet(out / "officials.parquet")
    assert len(officials) == 7
    for aid, rows in officials.groupby("article_id"):
        page, problems = open_page(to / "articles" / f"{aid}.html")
        for name in rows["name"]:
            row = page.locator("#rows-officials tbody tr", has=page.locator("td", has_text=name)).first
            target = row.get_attribute("data-target")
            assert target, name
            marks = page.locator(f"mark[data-s~='{target}']")
            assert "".join(marks.all_inner_texts()) == name
            for i in range(marks.count()):
                mark = marks.nth(i)
                assert mark.is_visible()
                assert "k-name" in mark.get_attribute("class")
                background = mark.evaluate("m => getComputedStyle(m).backgroundColor")
                assert background not in ("rgba(0, 0, 0, 0)", "transparent"), (name, background)
        assert problems == []


def test_review_click_on_a_row_marks_and_shows_its_span(site, open_page):
    out, to = site
    art = _article(out, "Phát huy hiệu quả")
    page, problems = open_page(to / "articles" / f"{art.article_id}.html")
    row = page.locator("#rows-counts tbody tr", has=page.locator("td", has_text="người")).first
    target = row.get_attribute("data-target")
    assert page.locator("mark.marked").count() == 0
    row.click()
    marked = page.locator("mark.marked")
    assert marked.count() >= 1
    assert page.locator(f"mark.marked[data-s~='{target}']").count() == marked.count()
    assert "81.500 người" in "".join(marked.all_inner_texts())
    box = marked.first.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900, box        # scrolled into view
    # a second row moves the mark
    page.locator("#rows-dates tbody tr").first.click()
    assert page.locator(f"mark.marked[data-s~='{target}']").count() == 0
    assert problems == []


def test_review_link_to_a_row_opens_with_its_span_marked(site, browser):
    out, to = site
    art = _article(out, "Phát huy hiệu quả")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto((to / "articles" / f"{art.article_id}.html").as_uri() + "#d0")
    marked = page.locator("mark.marked")
    assert "".join(marked.all_inner_texts()) == "26/7"
    assert "selected" in page.locator("#d0").get_attribute("class")
    page.close()


def test_review_hovering_a_span_shows_its_row(site, open_page):
    out, to = site
    art = _article(out, "Bí thư Tỉnh ủy Đỗ Trọng Hưng")
    page, problems = open_page(to / "articles" / f"{art.article_id}.html")
    row = page.locator("#rows-officials tbody tr", has=page.locator("td", has_text="Trần Phú Hà")).first
    mark = page.locator(f"mark[data-s~='{row.get_attribute('data-target')}']").first
    assert "Giám đốc Công an tỉnh" in mark.get_attribute("title")
    mark.hover()
    assert "hover" in row.get_attribute("class")
    assert problems == []


def test_review_text_after_the_body_is_dimmed(site, open_page):
    out, to = site
    art = _article(out, "Phát huy hiệu quả")
    page, problems = open_page(to / "articles" / f"{art.article_id}.html")
    after = page.locator(".part-after .body-text")
    assert after.inner_text().startswith(art.text[art.body_end:art.body_end + 20].strip())
    assert float(after.evaluate("e => getComputedStyle(e).opacity")) < 0.6
    body_opacity = page.locator(".part-body .body-text").evaluate("e => getComputedStyle(e).opacity")
    assert float(body_opacity) == 1.0
    assert after.locator("mark").count() == 0                   # nothing extracted after the end
    assert problems == []


def test_review_index_filters_by_province_and_words(site, open_page):
    _, to = site
    page, problems = open_page(to / "index.html")
    rows = page.locator("#articles tbody tr")
    assert rows.count() == 3
    assert page.locator("#shown").inner_text() == "3 of 3 articles"
    page.select_option("select[name=province]", "Thanh Hóa")
    visible = [t for t in rows.all() if t.is_visible()]
    assert [t.locator("td").first.inner_text() for t in visible] == [
        "Bí thư Tỉnh ủy Đỗ Trọng Hưng chung vui Ngày hội “Toàn dân bảo vệ an ninh Tổ quốc” với cán bộ, "
        "nhân dân phường An Hưng"]
    page.select_option("select[name=province]", "")
    page.fill("input[name=q]", "lê văn tuyến")
    assert page.locator("#shown").inner_text() == "2 of 3 articles"
    page.fill("input[name=q]", "không có ai tên này")
    assert page.locator("#shown").inner_text() == "0 of 3 articles"
    page.locator("#articles tbody tr a").first.evaluate("a => a.href")
    assert problems == []


def test_review_links_between_pages_work(site, open_page):
    _, to = site
    page, problems = open_page(to / "index.html")
    page.locator("#articles tbody tr a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith((to / "articles").as_uri())
    page.locator("header nav a", has_text="all articles").click()
    page.wait_for_load_state()
    assert page.url == (to / "index.html").as_uri()
    assert problems == []
