"""`vnie run`, `vnie status`, `vnie reprocess`: exit codes, messages, logs, the bundled corpus."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.article import InputError
from pipeline.cli import cli
from pipeline.schemas import SCHEMA_VERSION
from tests.conftest import CORPUS
from tests.test_batch_support import write_articles


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture()
def inputs(tmp_path):
    return write_articles(tmp_path / "in")


def test_run_prints_one_summary_line_and_no_progress_when_not_a_terminal(inputs, tmp_path):
    result = invoke("run", str(inputs), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.stdout == ("6 new, 0 updated, 0 unchanged articles; 0 inputs skipped; rows written: "
                             + result.stdout.split("rows written: ", 1)[1])
    assert result.stdout.count("\n") == 1 and "\r" not in result.stdout
    again = invoke("run", str(inputs), "--out", str(tmp_path / "out"))
    assert again.exit_code == 0 and again.stdout.startswith("0 new, 0 updated, 6 unchanged articles")


def test_run_demo_reads_the_bundled_corpus(tmp_path):
    out = tmp_path / "out"
    result = invoke("run", "--demo", "--out", str(out))
    assert result.exit_code == 0, result.output
    sources = pd.read_parquet(out / "articles")["source"]
    assert sorted(s.rsplit("/", 1)[-1] for s in sources) == sorted(p.name for p in CORPUS.glob("*.txt"))


def test_run_bad_input_is_partial_with_exit_3(inputs, tmp_path):
    (tmp_path / "blank.txt").write_text("", encoding="utf-8")
    result = invoke("run", str(inputs), str(tmp_path / "blank.txt"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 3
    assert "blank.txt" in result.stderr and "empty file" in result.stderr
    assert result.stdout.startswith("6 new")


def test_run_missing_input_is_an_error_with_exit_2(inputs, tmp_path):
    result = invoke("run", str(inputs), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr == f"Error: no such file or folder: {tmp_path / 'missing.txt'}\n"
    assert not (tmp_path / "out").exists()


def test_run_configuration_error_exit_2(inputs, tmp_path):
    cfg = tmp_path / "vnie.toml"
    cfg.write_text("[run]\nbatch_sise = 5\n", encoding="utf-8")
    result = invoke("run", str(inputs), "--config", str(cfg))
    assert result.exit_code == 2
    assert "unknown [run] key(s) batch_sise" in result.stderr


def test_run_unknown_source_exit_2(tmp_path):
    result = invoke("run", "--out", str(tmp_path / "out"), "--source", "no-such-site")
    assert result.exit_code == 2
    assert "no-such-site" in result.stderr


def test_run_lock_held_exit_75(inputs, tmp_path):
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys, time
        from pipeline.batch.lock import run_lock
        with run_lock(sys.argv[1]):
            print("held", flush=True)
            time.sleep(60)
        """), str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = invoke("run", str(inputs), "--out", str(out))
        assert result.exit_code == 75
        assert "another vnie run is writing to" in result.stderr and f"pid {holder.pid}" in result.stderr
        assert not (out / "articles").exists()
    finally:
        holder.kill()
        holder.wait()


def test_run_older_schema_exit_2_with_advice(inputs, tmp_path):
    out = tmp_path / "out"
    assert invoke("run", str(inputs), "--out", str(out)).exit_code == 0
    from deltalake import DeltaTable

    DeltaTable(str(out / "dates")).alter.set_table_description("vnie dates, schema version 0")
    result = invoke("run", str(inputs), "--out", str(out))
    assert result.exit_code == 2
    assert "schema version 0" in result.stderr and "vnie reprocess" in result.stderr
    fixed = invoke("reprocess", "--out", str(out))
    assert fixed.exit_code == 0, fixed.output
    assert DeltaTable(str(out / "dates")).metadata().description == f"vnie dates, schema version {SCHEMA_VERSION}"


def test_run_log_lines_carry_time_level_and_article(inputs, tmp_path):
    out = tmp_path / "out"
    (tmp_path / "nope.html").write_bytes(b"\x00\x01" * 50)
    invoke("run", str(inputs), str(tmp_path / "nope.html"), "--out", str(out))
    lines = (out / "logs" / "vnie.log").read_text(encoding="utf-8").splitlines()
    stamp = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} "
    assert all(re.match(stamp + r"(DEBUG|INFO|WARNING|ERROR) \[", line) for line in lines)
    assert any(re.match(stamp + r"INFO \[.*hoi-nghi\.txt\] .*new ", line) for line in lines)
    assert any(re.match(stamp + r"WARNING \[.*nope\.html\] ", line) for line in lines)


def test_run_options_override_the_config_file(inputs, tmp_path):
    cfg = tmp_path / "vnie.toml"
    cfg.write_text('[run]\nout = "from-config"\nbatch_size = 50\nlog_file = "x.log"\n', encoding="utf-8")
    result = invoke("run", str(inputs), "--config", str(cfg), "--batch-size", "2", "--set", "run.log_file=\"y.log\"")
    assert result.exit_code == 0, result.output
    out = tmp_path / "from-config"
    assert (out / "y.log").exists() and not (out / "x.log").exists()
    runs = pd.read_parquet(out / "runs")
    assert list(runs["articles_new"]) == [6]


def test_run_batch_seconds_option_bounds_each_commit(inputs, tmp_path):
    def commits(*options):
        out = tmp_path / "-".join(options)
        result = invoke("run", str(inputs), "--out", str(out), *options)
        assert result.exit_code == 0, result.output
        return [line.rsplit("committed batch ", 1)[1] for line in
                (out / "logs" / "vnie.log").read_text(encoding="utf-8").splitlines() if "committed batch " in line]

    assert commits("--batch-seconds", "0.000000001") == [f"{i}: 1 articles" for i in range(1, 7)]
    assert commits("--batch-seconds", "3600", "--batch-size", "4") == ["1: 4 articles", "2: 2 articles"]
    assert commits("--set", "run.batch_seconds=3600", "--batch-size", "5") == ["1: 5 articles", "2: 1 articles"]


def test_status_lists_runs_and_marks_interrupted_ones(inputs, tmp_path):
    out = tmp_path / "out"
    invoke("run", str(inputs), "--out", str(out))
    (tmp_path / "gone.txt").write_text("", encoding="utf-8")
    invoke("run", str(inputs), str(tmp_path / "gone.txt"), "--out", str(out))
    run_file = sorted((out / "runs").glob("*.parquet"))[0]
    frame = pd.read_parquet(run_file)
    frame["status"] = "running"  # as a killed run leaves its record
    frame.to_parquet(run_file)
    result = invoke("status", "--out", str(out))
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith(f"{out}: idle")
    assert "articles 6," in text
    rows = [line for line in text.splitlines() if line[:8].isdigit()]
    assert len(rows) == 2
    assert " interrupted " in rows[0] and " partial " in rows[1]
    assert "gone.txt: empty file" in text
    info = json.loads(invoke("status", "--out", str(out), "--json").stdout)
    assert [r["status"] for r in info["runs"]] == ["interrupted", "partial"]


def test_status_of_an_empty_folder(tmp_path):
    result = invoke("status", "--out", str(tmp_path))
    assert result.exit_code == 0
    assert "tables: none yet" in result.stdout and "runs: none recorded" in result.stdout


@pytest.mark.parametrize("name", ["run", "status", "reprocess"])
def test_batch_commands_have_help_with_an_example(name):
    result = invoke(name, "--help")
    assert result.exit_code == 0 and "Example:" in result.output
    if name != "status":
        assert "75  another run holds the lock" in result.output


def test_progress_draws_nothing_when_not_a_terminal(capsys):
    from pipeline.batch.ingest import IngestReport
    from pipeline.commands.batch import _progress
    from pipeline.run import ARTICLE_DONE

    with _progress(3, True) as update:
        update(IngestReport(inputs_seen=3, new=2, unchanged=1))
        assert ARTICLE_DONE.get() is None          # no per-article hook without a bar
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_run_crawls_configured_urls_through_the_crawler(tmp_path, monkeypatch):
    import pipeline.crawl
    from pipeline.article import Article

    calls = []

    def fake_crawl(urls, sources, options, state_dir, in_tables=None):
        calls.append((urls, [s.key for s in sources], options.delay_seconds, state_dir))
        assert in_tables("https://example.vn/a.html") is False   # the datasets decide what is landed
        yield Article(source="https://example.vn/a.html", url="https://example.vn/a.html", published="2024-05-01",
                      text="Sáng 1/5, Đại tá Phan Đức Thịnh, Giám đốc Công an tỉnh dự lễ ra quân.")
        yield InputError("https://example.vn/b.html", "HTTP 404")

    monkeypatch.setattr(pipeline.crawl, "crawl_articles", fake_crawl)
    cfg = tmp_path / "vnie.toml"
    cfg.write_text('[run]\nout = "data"\nurls = ["https://example.vn/"]\n[crawl]\ndelay_seconds = 7.0\n',
                   encoding="utf-8")
    result = invoke("run", "--config", str(cfg))
    assert result.exit_code == 3, result.output
    assert calls == [(["https://example.vn/"], [], 7.0, tmp_path / "data" / ".vnie" / "crawl")]
    assert result.stdout.startswith("1 new, 0 updated, 0 unchanged articles; 1 inputs skipped")
    assert "HTTP 404" in result.stderr
    assert list(pd.read_parquet(tmp_path / "data" / "runs")["inputs"].iloc[0]) == ["https://example.vn/"]


def test_run_unknown_crawl_key_exit_2(tmp_path):
    cfg = tmp_path / "vnie.toml"
    cfg.write_text('[run]\nurls = ["https://example.vn/"]\n[crawl]\ndelay_secs = 7.0\n', encoding="utf-8")
    result = invoke("run", "--config", str(cfg), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "unknown [crawl] key(s) delay_secs" in result.stderr
