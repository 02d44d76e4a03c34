"""The vnie command end to end on the bundled corpus, bad inputs and reruns."""

from __future__ import annotations

import csv
import hashlib
import json
import re

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.schemas import SCHEMAS
from tests.conftest import CORPUS

EXTRACTED = ("officials", "mentions", "events", "counts", "dates")


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus_out")
    result = CliRunner().invoke(cli, ["extract", str(CORPUS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_extract_writes_every_table_with_its_schema(corpus_out):
    for name, schema in SCHEMAS.items():
        table = pq.read_table(corpus_out / f"{name}.parquet")
        assert table.schema.remove_metadata() == schema.remove_metadata(), name
    articles = pd.read_parquet(corpus_out / "articles.parquet")
    assert sorted(articles["source"].map(lambda s: s.rsplit("/", 1)[-1])) == [
        "000_0bf472c54a2565c7.txt", "001_a9151fd1b7193db9.txt", "003_0f60e8da727919d9.txt"]
    assert articles["article_id"].is_unique


def test_extract_rows_slice_back_to_their_evidence(corpus_out):
    texts = pd.read_parquet(corpus_out / "articles.parquet").set_index("article_id")["text"]
    total = 0
    for name in EXTRACTED:
        df = pd.read_parquet(corpus_out / f"{name}.parquet")
        for row in df.itertuples():
            text = texts[row.article_id]
            assert 0 <= row.start < row.end <= len(text), (name, row)
            assert text[row.start:row.end].strip(), (name, row)
            assert row.evidence and text[row.start:row.end] in text
            if name in ("mentions", "dates", "counts"):
                assert text[row.start:row.end] == row.text, (name, row)
            sentence_text = row.evidence
            assert sentence_text in text
            lo = text.index(sentence_text)
            assert lo <= row.start, (name, row)
            total += 1
    assert total > 0


def test_extract_reruns_give_identical_tables(corpus_out, tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(CORPUS), "--out", str(tmp_path)])
    assert result.exit_code == 0
    for name in SCHEMAS:
        first = pq.read_table(corpus_out / f"{name}.parquet")
        second = pq.read_table(tmp_path / f"{name}.parquet")
        assert first.equals(second), name


def test_extract_reports_bad_files_and_keeps_the_rest(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_text("Đại tá Nguyễn Văn An dự lễ ra quân ngày 12/3/2024.", encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    (src / "blob.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (src / "readme.md").write_text("ignored", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["extract", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{src / 'broken.jsonl'}:1: not JSON" in result.output
    assert f"{src / 'empty.txt'}: empty file" in result.output
    assert f"{src / 'blob.txt'}: binary data" in result.output
    assert "readme.md" not in result.output
    assert "1 articles processed, 3 inputs skipped" in result.output
    assert len(pd.read_parquet(out / "articles.parquet")) == 1


def test_extract_strict_fails_on_any_skip(tmp_path):
    (tmp_path / "ok.txt").write_text("Công an xã Tân Lập ra mắt mô hình tự quản.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--out", str(tmp_path / "o"), "--strict"])
    assert result.exit_code == 1


def test_extract_fails_when_nothing_was_processed(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and not (tmp_path / "o" / "articles.parquet").exists()


def test_eval_prints_scores_per_table(corpus_out):
    result = CliRunner().invoke(cli, ["eval", str(CORPUS), "--out", str(corpus_out)])
    assert result.exit_code == 0
    for name in ("officials", "titles", "events", "counts", "dates"):
        assert any(line.startswith(name) for line in result.output.splitlines()), name
    assert "articles scored: 3" in result.output


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output, name


# --- messages that name the real cause (issue 11) ---------------------------------------------

def test_extract_empty_folder_says_so_and_run_agrees(tmp_path):
    empty = tmp_path / "inbox"
    empty.mkdir()
    (empty / "notes.md").write_text("không phải bài báo", encoding="utf-8")
    extract = CliRunner().invoke(cli, ["extract", str(empty), "--out", str(tmp_path / "o")])
    run = CliRunner().invoke(cli, ["run", str(empty), "--out", str(tmp_path / "r")])
    message = f"Error: no .txt, .html/.htm or .jsonl files in {empty}\n"
    assert (extract.exit_code, extract.stderr) == (1, message)
    assert (run.exit_code, run.stderr) == (1, message)
    assert not (tmp_path / "o").exists() and not (tmp_path / "r").exists()


def test_extract_missing_input_is_an_error_not_a_skip(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(CORPUS), str(tmp_path / "nowhere.txt"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "nowhere.txt' does not exist" in result.stderr
    assert not (tmp_path / "articles.parquet").exists()


def test_eval_over_no_articles_fails_instead_of_scoring_one(tmp_path):
    (tmp_path / "doc.txt").write_text("Đại tá Trần Văn Hải dự hội nghị ngày 5/6/2025.", encoding="utf-8")
    assert CliRunner().invoke(cli, ["extract", str(tmp_path / "doc.txt"), "--out", str(tmp_path / "o")]).exit_code == 0
    result = CliRunner().invoke(cli, ["eval", str(CORPUS), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "articles scored: 3; gold without output: " in result.stdout
    assert f"Error: no article of {tmp_path / 'o'} matches a gold file of {CORPUS}" in result.stderr


def test_verbose_shows_debug_lines(tmp_path):
    (tmp_path / "doc.txt").write_text("Thiếu tá Lê Thị Hoa trao 5 suất quà ngày 2/9/2025.", encoding="utf-8")
    args = ["extract", str(tmp_path / "doc.txt"), "--out", str(tmp_path / "o")]
    quiet = CliRunner().invoke(cli, args)
    loud = CliRunner().invoke(cli, ["-v", *args])
    assert quiet.exit_code == loud.exit_code == 0
    assert "DEBUG" not in quiet.stderr
    assert re.search(r"DEBUG pipeline\.run: extracted .*doc\.txt .*: 1 officials, \d+ events, 1 counts, 1 dates",
                     loud.stderr), loud.stderr


def test_verbose_run_shows_debug_lines(tmp_path):
    (tmp_path / "doc.txt").write_text("Thiếu tá Lê Thị Hoa trao 5 suất quà ngày 2/9/2025.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-v", "run", str(tmp_path / "doc.txt"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "DEBUG" in result.stderr and "extracted" in result.stderr


def test_status_of_a_missing_folder_says_it_is_missing(tmp_path):
    result = CliRunner().invoke(cli, ["status", "--out", str(tmp_path / "nothing-here")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path / 'nothing-here'}: no such folder")
    assert not (tmp_path / "nothing-here").exists()


@pytest.mark.parametrize("command", [["crawl", "--out", "OUT", "vnexpress.net/thoi-su"],
                                     ["run", "--out", "OUT", "--url", "vnexpress.net/thoi-su"]])
def test_url_without_scheme_suggests_https(command, tmp_path):
    args = [str(tmp_path / "o") if a == "OUT" else a for a in command]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "'vnexpress.net/thoi-su' is not a URL: did you mean https://vnexpress.net/thoi-su ?" in result.stderr


def test_crawl_of_an_unreachable_site_is_not_blamed_on_robots(tmp_path):
    import socket

    with socket.socket() as s:            # a port nobody listens on: connection refused, like offline
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = CliRunner().invoke(cli, ["crawl", f"http://127.0.0.1:{port}/tin-tuc/bai-1.html", "--out",
                                      str(tmp_path / "o"), "--allow-host", "127.0.0.1", "--delay", "0"])
    assert result.exit_code == 1, result.output
    assert "disallowed by robots.txt" not in result.output
    assert "site unreachable (robots.txt: " in result.stdout
    assert "Error: nothing could be fetched (entry: site unreachable" in result.stderr


def test_run_without_inputs_or_config_reads_the_bundled_corpus_and_says_so(tmp_path, monkeypatch):
    # CONTRACT.md: `vnie run` with no INPUT and no configuration ingests the bundled corpus
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["run"])
    assert result.exit_code == 0, result.output
    assert "vnie run: no INPUT and no --config: reading the bundled sample articles (" in result.stderr
    assert "new 3" in result.stdout or "3 new" in result.stdout, result.stdout
    assert (tmp_path / "outputs" / "articles").exists()


def test_run_with_a_config_naming_nothing_refuses_with_a_hint(tmp_path):
    config = tmp_path / "empty.toml"
    config.write_text('[run]\nout = "o"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "--config", str(config)])
    assert result.exit_code == 2
    assert "nothing to do: give INPUT files or folders" in result.stderr and "vnie run --demo" in result.stderr
    assert not (tmp_path / "o").exists()


def test_example_config_does_not_load_the_demo_corpus(tmp_path):
    from tests.conftest import ROOT

    result = CliRunner().invoke(cli, ["run", "--config", str(ROOT / "vnie.example.toml"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "nothing to do" in result.stderr
    assert not (tmp_path / "o").exists()


def test_run_review_writes_the_pages_of_the_run(tmp_path):
    out = tmp_path / "o"
    result = CliRunner().invoke(cli, ["run", str(CORPUS / "001_a9151fd1b7193db9.txt"), "--out", str(out), "--review"])
    assert result.exit_code == 0, result.output
    assert f"review: 1 article pages; open {out / 'review' / 'index.html'}" in result.stdout
    assert len(list((out / "review" / "articles").glob("*.html"))) == 1


# --- quick looks --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def two_articles(tmp_path_factory):
    src = tmp_path_factory.mktemp("quick")
    (src / "a.txt").write_text("Đại tá Nguyễn Văn An, Giám đốc Công an tỉnh, dự lễ ra quân ngày 12/3/2024.",
                               encoding="utf-8")
    (src / "b.txt").write_text("Công an xã Tân Lập bắt giữ 3 đối tượng và trao 10 suất quà ngày 4/5/2024.",
                               encoding="utf-8")
    return src


def test_extract_format_jsonl_prints_one_article_per_line(two_articles):
    result = CliRunner().invoke(cli, ["extract", str(two_articles), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(line["source"].rsplit("/", 1)[-1] for line in lines) == ["a.txt", "b.txt"]
    a = next(line for line in lines if line["source"].endswith("a.txt"))
    assert [(o["rank"], o["name"]) for o in a["officials"]] == [("Đại tá", "Nguyễn Văn An")]
    assert [d["value"] for d in a["dates"]] == ["2024-03-12"]
    assert "evidence" not in a["officials"][0]
    assert result.stderr.startswith("2 articles processed")    # the summary keeps stdout clean


def test_extract_format_csv_of_a_table_to_a_file(two_articles, tmp_path):
    target = tmp_path / "counts.csv"
    result = CliRunner().invoke(cli, ["extract", str(two_articles), "--format", "csv", "--table", "counts",
                                      "-o", str(target)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [(r["value"], r["unit"], r["category"]) for r in rows] == [("3.0", "đối tượng", "people"),
                                                                       ("10.0", "suất quà", "gifts")]
    assert result.stdout.startswith("2 articles processed")


def test_extract_parquet_needs_out_and_quick_options_need_a_format(two_articles):
    assert CliRunner().invoke(cli, ["extract", str(two_articles)]).exit_code == 2
    result = CliRunner().invoke(cli, ["extract", str(two_articles), "--out", "x", "--table", "counts"])
    assert result.exit_code == 2 and "--table and --output go with --format jsonl or csv" in result.stderr


# --- progress -----------------------------------------------------------------------------------

def test_expected_articles_are_known_before_reading(tmp_path):
    from pipeline.progress import expected_articles

    (tmp_path / "a.txt").write_text("Bài một.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "Một"}\n\n{"text": "Hai"}\n{"text": "Ba"}\n', encoding="utf-8")
    (tmp_path / "c.md").write_text("bỏ qua", encoding="utf-8")
    assert expected_articles([tmp_path]) == 4
    assert expected_articles([tmp_path / "c.md"]) == 1          # reported as a bad input when read
    assert expected_articles([]) == 0


@pytest.mark.slow
def test_extract_shows_a_progress_bar_on_a_terminal_only(tmp_path):
    import os
    import pty
    import select
    import subprocess
    import sys

    from pathlib import Path

    cmd = [str(Path(sys.executable).parent / "vnie"), "extract", str(CORPUS), "--out", str(tmp_path / "o")]
    leader, follower = pty.openpty()
    proc = subprocess.Popen(cmd, stdin=follower, stdout=subprocess.PIPE, stderr=follower,
                            env={**os.environ, "COLUMNS": "160", "TERM": "xterm"})
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 300)
        if not ready:                       # a hung child fails the test instead of hanging the suite
            proc.kill()
            pytest.fail(f"vnie extract printed nothing for 300 s; so far: {seen[-500:]!r}")
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    stdout = proc.stdout.read().decode()
    assert proc.wait() == 0
    screen = seen.decode("utf-8", "replace")
    assert "extracting" in screen and "/3" in screen and "articles/s" in screen
    assert "reading inputs" in screen or "writing tables" in screen
    assert stdout.startswith("3 articles processed")
    piped = subprocess.run(cmd, capture_output=True, text=True)
    assert piped.returncode == 0 and piped.stderr == "" and piped.stdout.count("\n") == 1


def test_crawl_under_cron_prints_summaries_not_a_line_per_article(tmp_path):
    from pipeline.crawl.localsite import LocalSite
    from tests.conftest import ROOT

    with LocalSite(ROOT / "tests" / "resources" / "site") as site:
        result = CliRunner().invoke(cli, ["crawl", site.url("/"), "--out", str(tmp_path / "o"), "--allow-host",
                                          "127.0.0.1", "--delay", "0"])
    assert result.exit_code == 0, result.output
    assert "8 new, 0 updated, 0 unchanged articles" in result.stdout
    assert not [line for line in result.stderr.splitlines() if line.startswith(("new ", "updated "))]
