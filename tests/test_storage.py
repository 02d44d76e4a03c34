"""Storage: typed tables, atomic writes, reading either shape."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import storage
from pipeline.schemas import SCHEMAS


def _date_row(value: str) -> dict:
    return {"article_id": "a1", "text": value, "value": value, "granularity": "day", "part_of_day": None,
            "sentence": 0, "start": 0, "end": 5, "evidence": "x"}


def test_storage_writes_every_table_even_empty(tmp_path):
    counts = storage.write_tables(tmp_path, {"dates": [_date_row("2025-07-26")]})
    assert set(counts) == set(SCHEMAS) and counts["dates"] == 1 and counts["officials"] == 0
    for name, schema in SCHEMAS.items():
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert table.schema.remove_metadata() == schema.remove_metadata()


def test_storage_column_types_are_explicit():
    assert SCHEMAS["officials"].field("titles").type == pa.list_(pa.string())
    assert SCHEMAS["articles"].field("published_at").type == pa.timestamp("us", tz="Asia/Ho_Chi_Minh")
    assert SCHEMAS["events"].field("event_date").type == pa.date32()
    assert SCHEMAS["counts"].field("value").type == pa.float64()
    assert SCHEMAS["counts"].field("approximate").type == pa.bool_()


def test_storage_failure_mid_write_leaves_the_old_table(tmp_path, monkeypatch):
    storage.write_tables(tmp_path, {"dates": [_date_row("2025-07-26")]})
    real = pq.write_table

    def half_then_crash(table, where, **kw):
        real(table.slice(0, 0), where, **kw)   # something lands in the temp file...
        raise OSError("disk full")               # ...then the write dies

    monkeypatch.setattr(pq, "write_table", half_then_crash)   # storage imports it when it writes
    with pytest.raises(OSError):
        storage.write_tables(tmp_path, {"dates": [_date_row("2024-01-01")]})
    monkeypatch.undo()
    assert list(storage.read_table(tmp_path, "dates")["value"]) == ["2025-07-26"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_storage_reads_dataset_folders_too(tmp_path):
    folder = tmp_path / "dates" / "month=2025-07"
    folder.mkdir(parents=True)
    pq.write_table(storage.to_arrow("dates", [_date_row("2025-07-26")]), folder / "part-0.parquet")
    assert list(storage.read_table(tmp_path, "dates")["value"]) == ["2025-07-26"]


def test_storage_missing_table_reads_empty_with_columns(tmp_path):
    df = storage.read_table(tmp_path, "counts")
    assert len(df) == 0 and "category" in df.columns


def test_storage_tables_are_readable_by_others(tmp_path):
    storage.write_tables(tmp_path, {})
    assert (tmp_path / "dates.parquet").stat().st_mode & 0o044 == 0o044


def test_storage_prefers_the_newer_of_file_and_folder(tmp_path):
    import os

    storage.write_tables(tmp_path, {"dates": [_date_row("2025-07-26")]})
    folder = tmp_path / "dates" / "month=2024-01"
    folder.mkdir(parents=True)
    pq.write_table(storage.to_arrow("dates", [_date_row("2024-01-01")]), folder / "part-0.parquet")
    os.utime(tmp_path / "dates.parquet", (1, 1))
    assert list(storage.read_table(tmp_path, "dates")["value"]) == ["2024-01-01"]


def test_input_error_survives_pickling():
    import pickle

    from pipeline.article import InputError

    err = pickle.loads(pickle.dumps(InputError("a.jsonl", "not JSON", line=3)))
    assert (err.source, err.cause, err.line, str(err)) == ("a.jsonl", "not JSON", 3, "a.jsonl:3: not JSON")
