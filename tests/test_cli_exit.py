"""`vnie` run as a process ends without the interpreter's teardown (pipeline.cli.exit_now): the exit
status, the atexit handlers, the flushed output and the written tables are those of a normal exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _python(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=300,
                          cwd=ROOT, env=ENV)


def test_exit_now_runs_the_atexit_handlers_flushes_and_keeps_the_status():
    done = _python("import atexit; from pipeline.cli import exit_now; "
                   "atexit.register(lambda: print('handler ran')); print('out', end=''); exit_now(3)")
    assert (done.returncode, done.stdout) == (3, "outhandler ran\n")


def test_exit_now_with_a_message_prints_it_and_exits_1_as_sys_exit_does():
    done = _python("from pipeline.cli import exit_now; exit_now('no input found')")
    assert (done.returncode, done.stderr) == (1, "no input found\n")
    assert _python("from pipeline.cli import exit_now; exit_now(None)").returncode == 0


def test_vnie_process_writes_its_tables_and_exits_with_the_commands_status(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Ngày 3/4/2025, Đại tá Trần Văn Bình, Giám đốc Công an tỉnh, dự hội nghị.",
                                  encoding="utf-8")
    (inputs / "b.txt").write_bytes(b"\x00\x01\x02" * 400)    # not text: skipped
    cli = "from pipeline.cli import cli; cli()"
    done = _python(cli, "extract", str(inputs), "--out", str(tmp_path / "out"), "--strict")
    assert done.returncode == 1, done.stderr                  # --strict: an input was skipped
    assert "1 articles processed, 1 inputs skipped" in done.stdout
    assert len(list((tmp_path / "out").glob("*.parquet"))) == 8
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "out" / "officials.parquet").column("name").to_pylist() == ["Trần Văn Bình"]
    done = _python(cli, "extract", str(tmp_path / "missing"), "--out", str(tmp_path / "x"))
    assert done.returncode == 2 and "does not exist" in done.stderr
    assert _python(cli, "--version").stdout.startswith("vnie, version ")
