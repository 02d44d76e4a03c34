"""Hostile inputs in one `vnie run`: the good articles are committed, each bad one named once, in bounded time."""

from __future__ import annotations

import json
import time

import pandas as pd
from click.testing import CliRunner

from pipeline.cli import cli
from tests.test_batch_support import ARTICLES

UTF16_TEXT = ("Sáng 9/5, Công an phường Đông Hà tổ chức lễ ra mắt mô hình camera an ninh với 40 camera "
              "được lắp đặt trên các tuyến phố chính.")


def test_run_hostile_inputs_commits_the_good_and_names_the_bad(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    good = dict(list(ARTICLES.items())[:4])
    for name, text in good.items():
        (src / name).write_text(text, encoding="utf-8")
    fifth = list(ARTICLES.values())[4]
    (src / "tin.jsonl").write_text(
        json.dumps({"url": "https://example.vn/tin-tot", "text": fifth}, ensure_ascii=False) + "\n"
        + '{"url": "https://example.vn/tin-hong", "text": "Ngày 3/4 \\ud800 có lỗi."}\n', encoding="utf-8")
    (src / "sau.html").write_text("<html><body>" + "<div>" * 100_000 + "<p>Không bao giờ tới.</p>"
                                  + "</div>" * 100_000 + "</body></html>", encoding="utf-8")
    (src / "windows.txt").write_bytes(UTF16_TEXT.encode("utf-16-le"))
    out = tmp_path / "out"
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["run", str(src), "--out", str(out)])
    assert time.monotonic() - started < 120
    assert result.exit_code == 3, result.output
    assert result.stdout.startswith("6 new, 0 updated, 0 unchanged articles; 2 inputs skipped")
    skipped = [line.split("] ", 1)[1] for line in result.stderr.splitlines() if "skipped" in line]
    assert skipped == [
        "pipeline.batch.ingest: skipped: HTML nested more than 500 elements deep (limit reader.max_html_depth)",
        "pipeline.batch.ingest: skipped: invalid Unicode in 'text': lone surrogate U+D800 at character 9"]
    assert f"[{src / 'sau.html'}]" in result.stderr and f"[{src / 'tin.jsonl'}:2]" in result.stderr
    articles = pd.read_parquet(out / "articles")
    assert sorted(articles["source"].str.rsplit("/", n=1).str[-1]) == sorted(
        [*good, "tin-tot", "windows.txt"])
    assert UTF16_TEXT in set(articles["text"])
