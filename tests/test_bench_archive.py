"""The archive benchmark's table comparison: order-independent, per month partition, run columns aside."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.bench_archive import archive, compare


def _write(out: Path, rows: list[dict]) -> None:
    for month in sorted({r["month"] for r in rows}):
        folder = out / "articles" / f"month={month}"
        folder.mkdir(parents=True)
        part = [{k: v for k, v in r.items() if k != "month"} for r in rows if r["month"] == month]
        pq.write_table(pa.Table.from_pylist(part), folder / "part-0.parquet")


def _rows(stamp: datetime) -> list[dict]:
    return [{"article_id": "a1", "title": "Hội nghị", "titles": ["Giám đốc"], "month": "2025-01", "processed_at": stamp},
            {"article_id": "a2", "title": "Ra quân", "titles": [], "month": "2025-01", "processed_at": stamp},
            {"article_id": "a3", "title": "Lễ", "titles": None, "month": "2025-02", "processed_at": stamp}]


def test_compare_ignores_row_order_and_run_columns_but_finds_a_changed_value(tmp_path):
    one = _rows(datetime(2026, 12, 6, tzinfo=timezone.utc))
    other = list(reversed(_rows(datetime(2026, 12, 7, tzinfo=timezone.utc))))
    _write(tmp_path / "a", one)
    _write(tmp_path / "b", other)
    live: dict[str, int] = {}
    assert compare(tmp_path / "a", tmp_path / "b", live) == []
    assert live == {"articles": 3}   # the rows the tables hold (not what runs wrote)
    changed = _rows(datetime(2026, 12, 6, tzinfo=timezone.utc))
    changed[0]["titles"] = ["Phó Giám đốc"]
    _write(tmp_path / "c", changed)
    assert compare(tmp_path / "c", tmp_path / "a") == ["articles/month=2025-01 (2 vs 2 rows)"]
    _write(tmp_path / "d", one[:2])
    assert compare(tmp_path / "d", tmp_path / "a") == ["articles/month=2025-02 (0 vs 1 rows)"]


def test_archive_is_distinct_mixed_variants_in_a_fixed_order():
    first = [(a.source, a.published) for a in archive(40)]
    assert first == [(a.source, a.published) for a in archive(40)]          # the same archive every time
    assert len({s for s, _ in first}) == 40                                  # every article its own
    assert [int(s.rsplit("#", 1)[1]) for s, _ in first] != list(range(40))  # not in generation order
    assert len({p[:7] for _, p in first}) == 40                              # 40 months of the 120
