"""Storage faults: stray and damaged files in table folders are named, moved aside when the rows can be
rebuilt from the stored articles, else the run stops untouched; `vnie status` never crashes."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.batch.datasets import TABLES
from pipeline.batch.ingest import ingest
from pipeline.cli import cli
from pipeline.readers import read_inputs
from tests.test_batch_support import ARTICLES, all_tables, write_articles

NOT_PARQUET = b"PAR1 this is not a parquet file at all, only its first bytes are"


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The datasets of the test articles, written once; each test works on a copy."""
    root = tmp_path_factory.mktemp("faults")
    inputs = write_articles(root / "in")
    ingest(read_inputs([inputs]), root / "out")
    return inputs, root / "out", all_tables(root / "out")


def _copy(reference, tmp_path):
    inputs, out, tables = reference
    shutil.copytree(out, tmp_path / "out", symlinks=True)
    return inputs, tmp_path / "out", tables


def _fragment(out, table: str, month: str | None = None):
    """(the table's folder, its first data file of ``month``), and the Delta version the quarantine is named by."""
    folder = out / table
    [path] = sorted((folder / f"month={month}" if month else folder).glob("*.parquet"))[:1]
    return folder, path


def _aside(out, table: str):
    from deltalake import DeltaTable

    return out / ".vnie" / "quarantine" / table / f"v{DeltaTable(str(out / table)).version():08d}"


def _damage(path) -> None:
    data = path.read_bytes()
    path.unlink()                      # a new inode: the earlier snapshot keeps its own link
    path.write_bytes(data[: len(data) // 2])


def _run(inputs, out):
    return CliRunner().invoke(cli, ["run", str(inputs), "--out", str(out)])


def _assert_tables(out, tables) -> None:
    got = all_tables(out)
    for name in TABLES:
        pd.testing.assert_frame_equal(got[name], tables[name], check_dtype=False, obj=name)


def test_faults_stray_file_is_moved_aside_and_named(reference, tmp_path):
    inputs, out, tables = _copy(reference, tmp_path)
    snap, _ = _fragment(out, "events", "2024-03")
    aside = _aside(out, "events")
    (snap / "month=2024-03" / "notes.txt").write_text("ghi chú của người vận hành", encoding="utf-8")
    (snap / "copy of data.parquet").write_bytes(NOT_PARQUET)
    result = _run(inputs, out)
    assert result.exit_code == 0, result.output
    moved = sorted(line.split("] ", 1)[1] for line in result.stderr.splitlines() if "moved the stray" in line)
    assert moved == [
        f"pipeline.batch.datasets: moved the stray file {out / 'events' / 'copy of data.parquet'} "
        f"(not a data file written by vnie) to {aside / 'copy of data.parquet'}",
        f"pipeline.batch.datasets: moved the stray file {out / 'events' / 'month=2024-03' / 'notes.txt'} "
        f"(not a Parquet file) to {aside / 'month=2024-03' / 'notes.txt'}"]
    assert (aside / "month=2024-03" / "notes.txt").read_text(encoding="utf-8") == "ghi chú của người vận hành"
    _assert_tables(out, tables)


@pytest.mark.parametrize("table", ["officials", "counts", "persons"])
def test_faults_damaged_fragment_of_a_derived_table_is_rebuilt(reference, tmp_path, table):
    inputs, out, tables = _copy(reference, tmp_path)
    snap, path = _fragment(out, table, None if table == "persons" else "2024-03")
    aside = _aside(out, table)
    _damage(path)
    result = _run(inputs, out)
    assert result.exit_code == 0, result.output
    shown = out / table / path.relative_to(snap)
    [line] = [line for line in result.stderr.splitlines() if "damaged fragment" in line]
    assert f"moved the damaged fragment {shown} (unreadable: ArrowInvalid: " in line
    assert line.endswith(f"to {aside / path.relative_to(snap)}; "
                         "its rows are rebuilt from the stored articles")
    _assert_tables(out, tables)
    again = _run(inputs, out)
    assert again.exit_code == 0 and again.stdout.startswith(f"0 new, 0 updated, {len(ARTICLES)} unchanged")


def test_faults_damaged_articles_fragment_stops_the_run_and_changes_nothing(reference, tmp_path):
    inputs, out, _ = _copy(reference, tmp_path)
    snap, path = _fragment(out, "articles", "2024-03")
    _damage(path)
    before = {str(p): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and "logs" not in p.parts
              and p.name != "run.lock"}
    result = _run(inputs, out)
    assert result.exit_code == 2
    shown = out / "articles" / path.relative_to(snap)
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"Error: {shown} is damaged (unreadable: ArrowInvalid: ")
    assert last.endswith(f"the stored articles cannot be rebuilt without it, so nothing was changed. Restore "
                         f"the file from a backup, or move {out} aside and run again to start afresh.")
    after = {str(p): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and "logs" not in p.parts
             and p.name != "run.lock"}
    assert after == before


def test_faults_status_names_damaged_files_and_never_crashes(reference, tmp_path):
    _, out, _ = _copy(reference, tmp_path)
    snap, path = _fragment(out, "officials", "2024-03")
    _damage(path)
    (out / "runs" / "run-20991231T000000.000Z-dead.parquet").write_bytes(NOT_PARQUET)
    result = CliRunner().invoke(cli, ["status", "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"  officials: damaged or stray file(s), the next run moves them aside or stops: "
                               f"{out / 'officials' / path.relative_to(snap)}: ArrowInvalid: ") for line in lines)
    assert lines[-1].split()[1:3] == ["ingest", "ok"]   # the readable run records are still shown
    as_json = CliRunner().invoke(cli, ["status", "--out", str(out), "--json"])
    assert as_json.exit_code == 0


def test_faults_status_of_a_folder_it_cannot_lock_or_read(reference, tmp_path, monkeypatch):
    _, out, _ = _copy(reference, tmp_path)
    from pipeline.batch import status

    def refused(out_dir):
        raise PermissionError(13, "Permission denied", str(out_dir / ".vnie" / "run.lock"))

    monkeypatch.setattr(status, "lock_is_held", refused)
    result = CliRunner().invoke(cli, ["status", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (f"problem: cannot check the run lock: [Errno 13] Permission denied: '{out / '.vnie' / 'run.lock'}'"
            in result.stdout.splitlines())


def test_faults_status_tells_a_live_commit_from_a_crashed_one(reference, tmp_path):
    from pipeline.batch.datasets import JOURNAL
    from pipeline.batch.lock import run_lock

    _, out, _ = _copy(reference, tmp_path)
    (out / ".vnie" / JOURNAL).write_text('{"generation": 9, "versions": {}}', encoding="utf-8")
    with run_lock(out):   # a live run, between two table swaps
        live = CliRunner().invoke(cli, ["status", "--out", str(out)])
    assert "pending: a commit in progress (the running run is committing its tables)" in live.stdout.splitlines()
    assert "interrupted by a crash" not in live.stdout
    crashed = CliRunner().invoke(cli, ["status", "--out", str(out)])
    assert "pending: a commit interrupted by a crash: the next run rolls it back" in crashed.stdout.splitlines()
