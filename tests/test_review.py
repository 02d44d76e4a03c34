"""`vnie review` without a browser: spans cut into segments, columns that come and go, escaping,
offline pages, and the command's messages."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.review import ReviewError, build_review
from pipeline.review.site import article_context
from pipeline.review.spans import Span, parts, segments

TEXT = "Đại tá Nguyễn Văn Bình, Giám đốc Công an tỉnh Quảng Trị, trao 12 bằng khen ngày 3/4/2025."


def test_review_segments_cut_overlapping_spans_without_losing_text():
    spans = [Span("a", "rank", 0, 6, "rank: Đại tá"), Span("b", "name", 7, 22, "name: Nguyễn Văn Bình"),
             Span("e", "event", 0, 22, "event"), Span("c", "count", 62, 74, "count: 12 bằng khen")]
    segs = segments(TEXT, spans)
    assert "".join(s.text for s in segs) == TEXT
    assert [(s.text, s.kind, s.sids, s.in_event) for s in segs[:3]] == [
        ("Đại tá", "rank", ("a", "e"), True), (" ", None, ("e",), True), ("Nguyễn Văn Bình", "name", ("b", "e"), True)]
    assert [(s.text, s.kind) for s in segs if s.sids == ("c",)] == [("12 bằng khen", "count")]
    assert segs[3].sids == () and segs[3].kind is None


def test_review_segments_innermost_span_gives_the_colour():
    spans = [Span("t", "title", 24, 55, "title"), Span("o", "org", 33, 55, "org")]
    segs = {s.text: s for s in segments(TEXT, spans)}
    assert segs["Giám đốc "].kind == "title"
    assert segs["Công an tỉnh Quảng Trị"].kind == "org" and segs["Công an tỉnh Quảng Trị"].sids == ("t", "o")


def test_review_parts_split_body_captions_and_tail():
    text = "Thân bài.\nẢnh: đoàn công tác.\nTin liên quan"
    got = parts(text, [Span("x", "name", 0, 4, "x")], body_end=30, captions_start=10)
    assert [(p.name, "".join(s.text for s in p.segments)) for p in got] == [
        ("body", "Thân bài.\n"), ("captions", "Ảnh: đoàn công tác.\n"), ("after", "Tin liên quan")]
    assert [p.name for p in parts(text, [], body_end=None, captions_start=None)] == ["body"]


def _rows(**extra):
    """The tables of one article, as vnie writes them, plus ``extra`` columns."""
    officials = pd.DataFrame([{"article_id": "a1", "person_id": "p_1", "name": "Nguyễn Văn Bình",
                               "rank": "Đại tá", "titles": ["Giám đốc Công an tỉnh Quảng Trị"],
                               "organizations": ["Công an tỉnh Quảng Trị"], "sentence": 0, "start": 7, "end": 22,
                               "evidence": TEXT, **extra.get("officials", {})}])
    counts = pd.DataFrame([{"article_id": "a1", "value": 12.0, "unit": "bằng khen", "category": "awards",
                            "approximate": False, "event_id": None, "award": None, "text": "12 bằng khen",
                            "sentence": 0, "start": 62, "end": 74, "evidence": TEXT, **extra.get("counts", {})}])
    mentions = pd.DataFrame([
        {"article_id": "a1", "label": "RANK", "text": "Đại tá", "norm": "Đại tá", "start": 0, "end": 6},
        {"article_id": "a1", "label": "PER", "text": "Nguyễn Văn Bình", "norm": "Nguyễn Văn Bình", "start": 7,
         "end": 22}])
    empty = pd.DataFrame()
    return {"officials": officials, "counts": counts, "mentions": mentions, "events": empty, "dates": empty}


ART = {"article_id": "a1", "title": "Trao bằng khen", "text": TEXT, "url": "https://baoquangtri.vn/trao-bang-khen.htm",
       "published": "2025-04-03", "body_end": len(TEXT)}


def test_review_rows_point_at_their_mentions_and_show_new_columns():
    ctx = article_context(ART, _rows(officials={"province": "Quảng Trị"}, counts={"kind": "total"}))
    officials, _, counts, _ = ctx["tables"]
    assert officials["columns"] == ["name", "rank", "titles", "organizations", "province"]
    assert officials["rows"][0]["cells"] == ["Nguyễn Văn Bình", "Đại tá", "Giám đốc Công an tỉnh Quảng Trị",
                                             "Công an tỉnh Quảng Trị", "Quảng Trị"]
    assert officials["rows"][0]["target"] == "m1"                 # the PER mention at the same offsets
    assert counts["columns"] == ["value", "unit", "category", "kind", "approximate", "award", "event_id"]
    assert counts["rows"][0]["cells"][:4] == ["12", "bằng khen", "awards", "total"]
    marked = [s for p in ctx["parts"] for s in p.segments if counts["rows"][0]["target"] in s.sids]
    assert [s.text for s in marked] == ["12 bằng khen"]
    assert ctx["outlet"] == "baoquangtri.vn"
    assert ctx["entry"]["provinces"] == ["Quảng Trị"] and ctx["entry"]["month"] == "2025-04"


def test_review_rows_without_the_newer_columns_still_render():
    ctx = article_context(ART, _rows())
    assert ctx["tables"][0]["columns"] == ["name", "rank", "titles", "organizations"]
    assert ctx["tables"][2]["columns"] == ["value", "unit", "category", "approximate", "award", "event_id"]
    assert ctx["entry"]["provinces"] == []


def test_review_row_with_offsets_outside_the_text_points_nowhere():
    rows = _rows()
    rows["counts"].loc[0, ["start", "end"]] = [500, 510]
    assert article_context(ART, rows)["tables"][2]["rows"][0]["target"] is None


@pytest.fixture
def tables(tmp_path):
    """An output folder written by hand with the table files vnie writes (no extraction needed)."""
    out = tmp_path / "out"
    out.mkdir()
    text = "Chiều 3/4, <script>alert(1)</script> Đại tá Nguyễn Văn Bình dự lễ.\nPhóng viên Minh An"
    start = text.index("Nguyễn")
    pd.DataFrame([{"article_id": "a1", "source": "in/a.txt", "url": None, "title": "Lễ <b>ra quân</b>",
                   "published": "2025-04-03", "text": text, "body_end": text.index("Phóng viên")}]
                 ).to_parquet(out / "articles.parquet")
    pd.DataFrame([{"article_id": "a1", "person_id": "p_1", "name": "Nguyễn Văn Bình", "rank": "Đại tá",
                   "titles": [], "organizations": [], "sentence": 0, "start": start, "end": start + 15}]
                 ).to_parquet(out / "officials.parquet")
    return out


def test_review_pages_escape_the_text_and_load_nothing_from_outside(tables, tmp_path):
    report = build_review(tables, tmp_path / "site")
    assert report.pages == 1 and report.index == tmp_path / "site" / "index.html"
    page = (tmp_path / "site" / "articles" / "a1.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Lễ &lt;b&gt;ra quân&lt;/b&gt;" in page
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    for html in (page, index):
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
        assert "@import" not in html and "url(" not in html
    assert '<div class="part-after">' in page and "Phóng viên Minh An" in page


def test_review_only_the_articles_asked_and_stale_pages_removed(tables, tmp_path):
    site = tmp_path / "site"
    (site / "articles").mkdir(parents=True)
    (site / "articles" / "old.html").write_text('<html><head><meta name="generator" content="vnie review">',
                                                encoding="utf-8")
    (site / "articles" / "mine.html").write_text("<p>một trang của người dùng</p>", encoding="utf-8")
    assert build_review(tables, site, ["a1"]).pages == 1
    assert sorted(p.name for p in (site / "articles").iterdir()) == ["a1.html", "mine.html"]
    with pytest.raises(ReviewError, match="no article zz"):
        build_review(tables, site, ["zz"])
    assert build_review(tables, site, ["a1", "zz"], missing_ok=True).pages == 1


def test_review_command_writes_the_site_and_names_it(tables):
    result = CliRunner().invoke(cli, ["review", str(tables)])
    assert result.exit_code == 0, result.output
    assert result.output == f"1 article pages written; open {tables / 'review' / 'index.html'}\n"


def test_review_command_on_a_folder_without_articles_fails_with_the_cause(tmp_path):
    result = CliRunner().invoke(cli, ["review", str(tmp_path)])
    assert result.exit_code == 1
    assert f"Error: no articles in {tmp_path}: run `vnie extract` or `vnie run` into it first" in result.output


def test_review_command_on_a_missing_folder_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["review", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_review_command_article_option(tables, tmp_path):
    ok = CliRunner().invoke(cli, ["review", str(tables), "--article", "a1", "--to", str(tmp_path / "one")])
    assert ok.exit_code == 0 and (tmp_path / "one" / "articles" / "a1.html").exists()
    bad = CliRunner().invoke(cli, ["review", str(tables), "--article", "zz", "--to", str(tmp_path / "two")])
    assert bad.exit_code == 1 and f"Error: no article zz in {tables}" in bad.stderr
