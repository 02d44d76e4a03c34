"""Command-line faults: skipped inputs printed once, a folder a run is writing, read-only output folders."""

from __future__ import annotations

import errno
import json

from click.testing import CliRunner

from pipeline.batch.lock import run_lock
from pipeline.cli import cli
from tests.test_batch_support import write_articles

GOOD = "Sáng 2/4, Công an phường Đông Lễ tổ chức ra quân với 50 chiến sĩ tham gia."


def test_cli_extract_prints_each_skipped_input_once(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "tot.txt").write_text(GOOD, encoding="utf-8")
    (src / "tin.jsonl").write_text(json.dumps({"text": GOOD + " Một."}, ensure_ascii=False) + "\n{hỏng\n",
                                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(src), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"skipped {src / 'tin.jsonl'}:2: not JSON (Expecting property name "
                                          f"enclosed in double quotes at column 2)"]


def test_cli_extract_into_a_folder_a_run_is_writing_is_refused(tmp_path):
    src = write_articles(tmp_path / "in")
    out = tmp_path / "out"
    with run_lock(out):
        result = CliRunner().invoke(cli, ["extract", str(src), "--out", str(out)])
    assert result.exit_code == 75
    assert result.stderr.startswith(f"Error: another vnie run is writing to {out} (pid ")
    assert not (out / "articles.parquet").exists()


def test_cli_extract_read_only_folder_is_one_clear_line(tmp_path, monkeypatch):
    import pipeline.storage

    def read_only(table, path):   # every table file of `vnie extract` is written through write_atomic
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(pipeline.storage, "write_atomic", read_only)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["extract", str(write_articles(tmp_path / "in")), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write to {out}: Read-only file system ({out / 'articles.parquet'})\n"


def test_cli_run_read_only_folder_is_one_clear_line(tmp_path, monkeypatch):
    import pipeline.batch.logs

    def read_only(path, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(pipeline.batch.logs, "RotatingFileHandler", read_only)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(write_articles(tmp_path / "in")), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: cannot write to {out}: Read-only file system "
                             f"({out / 'logs' / 'vnie.log'})\n")
