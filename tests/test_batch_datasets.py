"""Store: Delta Lake layout, journal rollback, schema versions, compaction and vacuum, persons across articles."""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from deltalake import DeltaTable

from pipeline.article import Article
from pipeline.batch import datasets
from pipeline.batch.datasets import (DELTA_LOG, JOURNAL, Change, DatasetError, DatasetVersionError, Store,
                                     dataset_schema, month_of)
from pipeline.batch.ingest import ingest
from pipeline.readers import read_inputs
from pipeline.schemas import SCHEMA_VERSION
from tests.test_batch_support import all_tables, write_articles

NOW = datetime(2025, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize("published,month", [
    ("2025-07-26T13:37:00+07:00", "2025-07"), ("2025-07-26", "2025-07"), ("2025-07", "2025-07"),
    ("2025", "2025-00"), (None, "unknown"), ("", "unknown"), ("tháng 7", "unknown")])
def test_datasets_month_of(published, month):
    assert month_of(published) == month


def _set_schema_version(table_dir, version: int) -> None:
    """What an older or newer vnie would have written: its schema version in the Delta table's description."""
    DeltaTable(str(table_dir)).alter.set_table_description(f"vnie {table_dir.name}, schema version {version}")


def _data_files(table_dir) -> list[str]:
    return sorted(p.relative_to(table_dir).as_posix() for p in table_dir.rglob("*")
                  if p.is_file() and DELTA_LOG not in p.parts)


def test_datasets_tables_are_delta_tables_with_their_run_in_each_commit(tmp_path):
    out = tmp_path / "out"
    report = ingest(read_inputs([write_articles(tmp_path / "in")]), out)
    for name in datasets.TABLES:
        folder = out / name
        assert folder.is_dir() and not folder.is_symlink(), name
        dt = DeltaTable(str(folder))
        assert dt.metadata().description == f"vnie {name}, schema version {SCHEMA_VERSION}"
        assert dt.metadata().partition_columns == ([] if name in datasets.LINKED_TABLES else ["month"])
        assert {h.get("vnie.run_id") for h in dt.history()} == {report.run_id}, name
        # nothing but the table format: the log and the data files of the current version
        assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("month=")) == (
            [DELTA_LOG] if name not in datasets.LINKED_TABLES else sorted([DELTA_LOG, *_data_files(folder)]))
        assert _data_files(folder) == sorted(os.path.relpath(u, folder) for u in dt.file_uris())
    # the log: the run's checkpoint and the commit it was made at (keep_versions = 1), no older commit
    logs = sorted(p.name for p in (out / "articles" / DELTA_LOG).iterdir())
    version = DeltaTable(str(out / "articles")).version()
    assert logs == [f"{version:020d}.checkpoint.parquet", f"{version:020d}.json", "_last_checkpoint"]
    assert sorted(p.name for p in (out / "articles").iterdir() if p.name.startswith("month=")) == [
        "month=2023-11", "month=2024-03", "month=2024-04", "month=unknown"]


def test_datasets_empty_tables_still_have_columns(tmp_path):
    out = tmp_path / "out"
    ingest([Article(source="a.txt", text="Trời hôm nay nắng đẹp.")], out)
    events = pd.read_parquet(out / "events")
    assert len(events) == 0
    assert {"article_id", "event_id", "event_type", "pipeline_version", "processed_at"} <= set(events.columns)


def test_datasets_run_ends_with_the_current_version_only(tmp_path):
    out = tmp_path / "out"
    inputs = write_articles(tmp_path / "in")
    ingest(read_inputs([inputs]), out, batch_size=1)        # six commits, then compaction and vacuum
    dt = DeltaTable(str(out / "articles"))
    assert dt.version() >= 6
    assert _data_files(out / "articles") == sorted(os.path.relpath(u, out / "articles") for u in dt.file_uris())
    assert len(pd.read_parquet(out / "articles")) == 6      # plain Parquet readers read the current table


def test_datasets_keep_versions_allows_time_travel(tmp_path):
    out = tmp_path / "out"
    inputs = write_articles(tmp_path / "in")
    ingest(read_inputs([inputs / "hoi-nghi.txt"]), out, keep_versions=3)
    ingest(read_inputs([inputs]), out, keep_versions=3)
    dt = DeltaTable(str(out / "articles"))
    assert len(dt.to_pandas()) == 6
    assert len(DeltaTable(str(out / "articles"), version=dt.version() - 2).to_pandas()) >= 1


def test_datasets_killed_commit_is_rolled_back_by_the_next_prepare(tmp_path, monkeypatch):
    out = tmp_path / "out"
    inputs = write_articles(tmp_path / "in")
    ingest(read_inputs([inputs / "hoi-nghi.txt"]), out)
    store = Store(out)
    store.prepare()
    real_write = Store._write
    calls = []

    def write_then_die(self, path, name, *args, **kwargs):
        calls.append(name)
        if name == "articles":
            raise KeyboardInterrupt  # stands in for SIGKILL between two table commits
        real_write(self, path, name, *args, **kwargs)

    monkeypatch.setattr(Store, "_write", write_then_die)
    rows = {t: [] for t in datasets.ARTICLE_TABLES}
    article = Article(source="b.txt", text="Sáng 2/4, Công an phường tổ chức ra quân với 50 chiến sĩ.",
                      published="2024-04-02")
    rows["articles"] = [{"article_id": article.article_id, "source": "b.txt", "text": article.text,
                         "published": article.published, "pipeline_version": "t", "processed_at": NOW}]
    rows["mentions"] = [{"article_id": article.article_id, "label": "COUNT", "text": "50 chiến sĩ",
                         "method": "rule", "sentence": 0, "start": 37, "end": 48,
                         "pipeline_version": "t", "processed_at": NOW}]
    mentions_before = len(DeltaTable(str(out / "mentions")).to_pandas())
    with pytest.raises(KeyboardInterrupt):
        store.commit(Change(rows=rows), pipeline_version="t", processed_at=NOW)
    monkeypatch.setattr(Store, "_write", real_write)
    assert calls[0] == "mentions" and calls[-1] == "articles" and (out / ".vnie" / JOURNAL).exists()
    assert len(DeltaTable(str(out / "mentions")).to_pandas()) == mentions_before + 1   # committed: after
    assert len(DeltaTable(str(out / "articles")).to_pandas()) == 1                     # not: before
    Store(out).prepare()
    assert not (out / ".vnie" / JOURNAL).exists()
    assert len(DeltaTable(str(out / "mentions")).to_pandas()) == mentions_before       # rolled back: before
    assert len(DeltaTable(str(out / "articles")).to_pandas()) == 1
    report = ingest(read_inputs([inputs]), out)                                        # and the next run goes on
    assert report.new == 5 and len(pd.read_parquet(out / "articles")) == 6


def test_datasets_older_schema_gives_a_clear_message(tmp_path):
    out = tmp_path / "out"
    ingest(read_inputs([write_articles(tmp_path / "in")]), out)
    _set_schema_version(out / "officials", SCHEMA_VERSION - 1)
    with pytest.raises(DatasetVersionError) as err:
        Store(out).prepare()
    message = str(err.value)
    assert f"schema version {SCHEMA_VERSION - 1}" in message and "vnie reprocess" in message


def test_datasets_known_tables_follow_their_logs(tmp_path):
    """.vnie/tables.json is trusted only while a table's _delta_log listing is the one it was taken from."""
    import json

    out = tmp_path / "out"
    ingest(read_inputs([write_articles(tmp_path / "in")]), out)
    known = json.loads((out / ".vnie" / datasets.KNOWN).read_text(encoding="utf-8"))
    assert sorted(known) == sorted(datasets.TABLES)
    for name in datasets.TABLES:
        assert known[name]["schema_version"] == SCHEMA_VERSION
        assert known[name]["log"] == datasets.log_fingerprint(out / name)
        assert known[name]["live"] == {os.path.relpath(u, out / name): os.path.getsize(u)
                                       for u in DeltaTable(str(out / name)).file_uris()}
    # trusted while the log is as it was: a (made-up) newer version noted there is refused ...
    lying = {**known, "dates": {**known["dates"], "schema_version": SCHEMA_VERSION + 1}}
    (out / ".vnie" / datasets.KNOWN).write_text(json.dumps(lying), encoding="utf-8")
    with pytest.raises(datasets.DatasetNewerError, match="dates was written with schema version"):
        Store(out).prepare()
    # ... and ignored once the log changed: the table is read again (and noted again)
    _set_schema_version(out / "events", SCHEMA_VERSION)   # one more commit in events' log
    lying = {**known, "events": {**known["events"], "schema_version": SCHEMA_VERSION + 1}}
    (out / ".vnie" / datasets.KNOWN).write_text(json.dumps(lying), encoding="utf-8")
    Store(out).prepare()
    again = json.loads((out / ".vnie" / datasets.KNOWN).read_text(encoding="utf-8"))
    assert again["events"]["schema_version"] == SCHEMA_VERSION
    assert again["events"]["log"] == datasets.log_fingerprint(out / "events") != known["events"]["log"]


def test_datasets_log_fingerprint_changes_with_the_log(tmp_path):
    log_dir = tmp_path / "t" / DELTA_LOG
    log_dir.mkdir(parents=True)
    assert datasets.log_fingerprint(tmp_path / "missing") is None
    (log_dir / "00000000000000000000.json").write_text("{}", encoding="utf-8")
    first = datasets.log_fingerprint(tmp_path / "t")
    assert first == datasets.log_fingerprint(tmp_path / "t")
    (log_dir / "00000000000000000001.json").write_text("{}", encoding="utf-8")   # a commit
    second = datasets.log_fingerprint(tmp_path / "t")
    assert second != first
    (log_dir / "00000000000000000001.json").write_text("{ }", encoding="utf-8")  # rewritten in place
    assert datasets.log_fingerprint(tmp_path / "t") not in (first, second)


def test_datasets_older_schema_refused_on_a_run_with_nothing_new(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import cli

    inputs = write_articles(tmp_path / "in")
    out = tmp_path / "out"
    ingest(read_inputs([inputs]), out)
    _set_schema_version(out / "counts", SCHEMA_VERSION - 1)
    result = CliRunner().invoke(cli, ["run", str(inputs), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert f"{out / 'counts'} was written with schema version {SCHEMA_VERSION - 1}" in result.stderr
    assert "vnie reprocess" in result.stderr


def test_datasets_reprocess_rebuilds_an_older_schema(tmp_path):
    from pipeline.batch.reprocess import reprocess

    out = tmp_path / "out"
    ingest(read_inputs([write_articles(tmp_path / "in")]), out)
    before = all_tables(out)
    for name in datasets.TABLES:
        _set_schema_version(out / name, 0)
    report = reprocess(out)
    assert report.new == 6            # rebuilt from scratch: nothing of the old schema was kept
    Store(out).prepare()              # no version error any more
    assert DeltaTable(str(out / "dates")).metadata().description == f"vnie dates, schema version {SCHEMA_VERSION}"
    after = all_tables(out)
    for name in datasets.TABLES:
        pd.testing.assert_frame_equal(after[name], before[name], check_dtype=False)


def test_datasets_plain_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    (out / "officials").mkdir(parents=True)
    (out / "officials" / "my-notes.csv").write_text("ghi chú", encoding="utf-8")   # someone's own folder
    with pytest.raises(DatasetError, match="plain folder"):
        ingest([Article(source="a.txt", text="Đại tá Phan Đức Thịnh dự hội nghị.")], out)


def test_datasets_extract_files_are_moved_aside(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "officials.parquet").write_bytes(b"old")
    ingest([Article(source="a.txt", text="Đại tá Phan Đức Thịnh dự hội nghị.")], out)
    assert not (out / "officials.parquet").exists()
    assert (out / ".vnie" / "replaced" / "officials.parquet").read_bytes() == b"old"


def test_datasets_small_commits_are_compacted(tmp_path):
    out = tmp_path / "out"
    for n in range(5):
        ingest([Article(source=f"{n}.txt", published="2024-03-0" + str(n + 1),
                        text=f"Sáng {n + 1}/3, Công an xã tổ chức ra quân với {n + 10} chiến sĩ.")], out)
    assert len(list((out / "articles" / "month=2024-03").glob("*.parquet"))) == 1
    assert len(pd.read_parquet(out / "articles")) == 5


def test_datasets_persons_follow_upserts(tmp_path):
    out = tmp_path / "out"
    url = "https://example.vn/b.html"
    one = Article(source="a.txt", published="2024-03-01",
                  text="Sáng 1/3, Đại tá Phan Đức Thịnh, Giám đốc Công an tỉnh chủ trì hội nghị.")
    two = Article(source=url, url=url, published="2024-03-09",
                  text="Chiều 9/3, Đại tá Phan Đức Thịnh, Giám đốc Công an tỉnh kiểm tra công tác trực ban.")
    ingest([one, two], out)
    persons = pd.read_parquet(out / "persons")
    officials = pd.read_parquet(out / "officials")
    if officials.empty:
        pytest.skip("the officials extractor finds nobody yet")
    thinh = persons[persons["name"] == "Phan Đức Thịnh"]
    assert list(thinh["n_articles"]) == [2]
    changed = Article(source=url, url=url, published="2024-03-09",
                      text="Chiều 9/3, lực lượng chức năng kiểm tra công tác trực ban tại trụ sở.")
    ingest([changed], out)
    thinh = pd.read_parquet(out / "persons").query("name == 'Phan Đức Thịnh'")
    assert list(thinh["n_articles"]) == [1] and list(thinh["last_seen"]) == ["2024-03-01"]


def test_datasets_schema_adds_batch_columns():
    names = dataset_schema("articles").names
    assert names[-3:] == ["content_hash", "pipeline_version", "processed_at"]
    assert dataset_schema("officials").names[-2:] == ["pipeline_version", "processed_at"]


def test_datasets_lost_articles_table_never_gives_duplicates(tmp_path):
    out = tmp_path / "out"
    inputs = write_articles(tmp_path / "in")
    ingest(read_inputs([inputs]), out)
    before = all_tables(out)
    shutil.rmtree(out / "articles")                  # the index of the store, lost by hand
    ingest(read_inputs([inputs]), out)
    after = all_tables(out)
    for name in datasets.TABLES:
        pd.testing.assert_frame_equal(after[name], before[name], check_dtype=False)


def test_datasets_emptied_folders_start_afresh(tmp_path):
    out = tmp_path / "out"
    inputs = write_articles(tmp_path / "in")
    ingest(read_inputs([inputs]), out)
    for name in datasets.TABLES:  # what `rm -rf outputs/*/*` does
        for child in (out / name).iterdir():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
    report = ingest(read_inputs([inputs]), out)
    assert report.new == 6 and len(pd.read_parquet(out / "articles")) == 6


def _tree(out) -> dict[str, bytes]:
    """Every file under ``out`` (links followed), by path, with its bytes: what "untouched" compares."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
            and p.name != "run.lock" and "logs" not in p.parts}


@pytest.mark.parametrize("command", ["run", "reprocess"])
def test_datasets_newer_schema_is_refused_and_nothing_touched(tmp_path, command):
    from click.testing import CliRunner

    from pipeline.cli import cli

    inputs = write_articles(tmp_path / "in")
    out = tmp_path / "out"
    ingest(read_inputs([inputs]), out)
    _set_schema_version(out / "officials", SCHEMA_VERSION + 1)
    before = _tree(out)
    args = ["run", str(inputs), "--out", str(out)] if command == "run" else ["reprocess", "--out", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        f"Error: {out / 'officials'} was written with schema version {SCHEMA_VERSION + 1}, newer than this "
        f"vnie's version {SCHEMA_VERSION}: nothing was changed. Use the vnie that wrote it (or a newer one) on "
        f"{out}, or choose another --out; `vnie reprocess` never downgrades.")
    assert "run `vnie reprocess`" not in result.stderr
    assert _tree(out) == before


def _to_snapshot_layout(out) -> None:
    """Rewrite a Delta folder as the layout before Delta wrote it: table links to snapshot folders."""
    import json

    import pyarrow.parquet as pq

    for name in datasets.TABLES:
        table = DeltaTable(str(out / name)).to_pyarrow_table()
        snap = out / ".vnie" / "tables" / name / "v00000007"
        snap.mkdir(parents=True)
        (snap / "_vnie.json").write_text(json.dumps({"table": name, "schema_version": SCHEMA_VERSION, "layout": 1,
                                                     "generation": 7}), encoding="utf-8")
        if name in datasets.LINKED_TABLES:
            pq.write_table(table, snap / "part-00000007-0.parquet")
        else:
            for month in sorted(set(table["month"].to_pylist())):
                part = table.filter(pc.equal(table["month"], month)).drop_columns(["month"])
                (snap / f"month={month}").mkdir()
                pq.write_table(part, snap / f"month={month}" / "part-00000007-0.parquet")
        shutil.rmtree(out / name)
        os.symlink(os.path.relpath(snap, out), out / name)


def test_datasets_snapshot_layout_is_migrated_to_delta(tmp_path):
    out = tmp_path / "out"
    inputs = write_articles(tmp_path / "in")
    ingest(read_inputs([inputs]), out)
    before = all_tables(out)
    _to_snapshot_layout(out)
    assert (out / "officials").is_symlink() and (out / "officials" / "_vnie.json").exists()
    report = ingest(read_inputs([inputs]), out)
    assert (report.new, report.updated, report.unchanged) == (0, 0, 6)   # nothing extracted again
    for name in datasets.TABLES:
        assert not (out / name).is_symlink() and (out / name / DELTA_LOG).is_dir(), name
    assert not (out / ".vnie" / "tables").exists()
    after = all_tables(out)
    for name in datasets.TABLES:
        pd.testing.assert_frame_equal(after[name], before[name], check_dtype=False, obj=name)


def test_datasets_data_files_of_a_killed_first_commit_are_not_a_plain_folder(tmp_path):
    out = tmp_path / "out"
    (out / "officials" / "month=2024-03").mkdir(parents=True)   # delta-rs wrote a file, the log never came
    (out / "officials" / "month=2024-03" / "part-00000-0b9d3c52-8a1e-4d8e-9d7a-1f2e3d4c5b6a-c000.snappy.parquet"
     ).write_bytes(b"PAR1")
    ingest([Article(source="a.txt", published="2024-03-01", text="Đại tá Phan Đức Thịnh dự hội nghị.")], out)
    assert len(DeltaTable(str(out / "articles")).to_pandas()) == 1
    assert not list((out / "officials").rglob("part-00000-0b9d3c52-*"))   # vacuumed with the run's end


def test_datasets_index_is_read_as_columns_and_updated_by_batches(tmp_path):
    out = tmp_path / "out"
    inputs = write_articles(tmp_path / "in")
    ingest(read_inputs([inputs]), out)
    store = Store(out)
    store.prepare()
    index = store.index()
    arts = pd.read_parquet(out / "articles")
    assert len(index) == 6 and sorted(index) == sorted(arts["article_id"])
    row = arts.sort_values("article_id").iloc[0]
    got = index[row["article_id"]]
    assert (got.content_hash, got.pipeline_version, got.month) == (row["content_hash"], row["pipeline_version"],
                                                                   str(row["month"]))
    assert got.processed_at == row["processed_at"].to_pydatetime()
    assert "khong-co" not in index and index.get("khong-co") is None
    index.update(Store.index_of([{"article_id": "moi", "content_hash": "h", "pipeline_version": "v",
                                  "published": "2025-07-26", "processed_at": NOW}]))
    assert len(index) == 7 and index["moi"] == datasets.Stored("h", "v", "2025-07", NOW)


def test_datasets_log_is_trimmed_to_a_checkpoint_and_history_is_kept(tmp_path):
    out = tmp_path / "out"
    inputs = write_articles(tmp_path / "in")
    first = ingest(read_inputs([inputs / "hoi-nghi.txt"]), out)
    second = ingest(read_inputs([inputs]), out, batch_size=2)
    dt = DeltaTable(str(out / "articles"))
    logs = sorted(p.name for p in (out / "articles" / DELTA_LOG).iterdir())
    assert logs == [f"{dt.version():020d}.checkpoint.parquet", f"{dt.version():020d}.json", "_last_checkpoint"]
    assert len(dt.to_pandas()) == 6 and len(pd.read_parquet(out / "articles")) == 6
    kept = datasets.kept_history(out / ".vnie", "articles")
    assert [e["version"] for e in kept] == sorted((e["version"] for e in kept), reverse=True)
    writes = {e["vnie.run_id"] for e in kept if e["operation"] == "WRITE"}
    assert writes == {first.run_id, second.run_id}     # both runs' commits, though their log files are gone


def test_datasets_keep_versions_keeps_the_log(tmp_path):
    out = tmp_path / "out"
    inputs = write_articles(tmp_path / "in")
    ingest(read_inputs([inputs]), out, keep_versions=2)
    assert not list((out / "articles" / DELTA_LOG).glob("*.checkpoint.parquet"))
    assert DeltaTable(str(out / "articles")).history()[-1]["version"] == 0   # every commit is still there


def test_datasets_read_of_some_months_and_articles_equals_the_filtered_table(tmp_path):
    out = tmp_path / "out"
    ingest(read_inputs([write_articles(tmp_path / "in")]), out, batch_size=2)
    store = Store(out)
    store.prepare()
    full = store.read("officials").to_pandas()
    aid, month = full.sort_values("article_id").iloc[0][["article_id", "month"]]
    wanted = pc.field("article_id").isin(pa.array([aid], pa.string()))
    got = store.read("officials", filter=wanted, months=[month], ids=[aid]).to_pandas()
    assert len(got) == (full["article_id"] == aid).sum() > 0 and set(got["article_id"]) == {aid}
    assert set(got["month"]) == {month}
    assert store.read("officials", filter=wanted, months=["1999-01"], ids=[aid]).num_rows == 0   # not its month
    assert store.read("officials", filter=wanted, ids=["~~"]).num_rows == 0   # no file's id range holds it


def test_schema_names_are_the_schemas_tables_and_version():
    """pipeline/schema_names.py (what a run with nothing new imports instead of the schemas) and
    pipeline/schemas.py cannot disagree: schemas.py takes the version from it and refuses other names."""
    import subprocess
    import sys

    from pipeline import schema_names, schemas

    assert schema_names.TABLES == schemas.TABLES and schema_names.SCHEMA_VERSION == schemas.SCHEMA_VERSION
    assert datasets.TABLES == schemas.TABLES
    script = ("import pipeline.schema_names as n; n.TABLES = n.TABLES[:-1]\n"
              "try:\n    import pipeline.schemas\nexcept ImportError as e:\n    print(e)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("pipeline/schema_names.py TABLES ") and "must be the tables of SCHEMAS" in done.stdout


def test_datasets_known_tables_unwritable_is_only_slower(tmp_path, monkeypatch, caplog):
    """.vnie/tables.json is a shortcut: when it cannot be written the run goes on, and the next one
    reads the tables' logs."""
    import json

    out = tmp_path / "out"
    inputs = write_articles(tmp_path / "in")
    real = datasets._write_text_atomic

    def failing(path, text):
        if path.name == datasets.KNOWN:
            raise OSError(28, "No space left on device")
        real(path, text)

    monkeypatch.setattr(datasets, "_write_text_atomic", failing)
    report = ingest(read_inputs([inputs]), out)
    assert report.new == 6 and not (out / ".vnie" / datasets.KNOWN).exists()
    assert "cannot write" in caplog.text and "No space left on device" in caplog.text
    monkeypatch.setattr(datasets, "_write_text_atomic", real)
    report = ingest(read_inputs([inputs]), out)
    assert report.unchanged == 6
    assert sorted(json.loads((out / ".vnie" / datasets.KNOWN).read_text(encoding="utf-8"))) == sorted(datasets.TABLES)
