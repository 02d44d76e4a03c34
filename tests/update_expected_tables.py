"""Rewrite the stored expected tables from the current pipeline; review the diff before committing.

    .venv/bin/python tests/update_expected_tables.py            # every set
    .venv/bin/python tests/update_expected_tables.py gold_dec   # only the named sets

Each annotated set (``corpus/``, ``tests/gold_extra/``, ``tests/gold_dec/``, ``tests/gold_g/``, ``tests/gold_h/``,
``tests/gold_i/``, ``tests/gold_j/``, ``tests/gold_k/``) is
extracted exactly as ``vnie extract SET --out DIR`` would, and every table of
``pipeline.schemas.SCHEMAS`` is written to
``tests/expected_tables/<set>/<table>.jsonl``: one row per line, columns in
schema order, values as the Parquet file holds them (dates and timestamps in
ISO form), ``source`` relative to the repository root. Nothing in these tables
is volatile (``vnie extract`` writes no run time or version), so every column
is kept.

``tests/test_expected_tables.py`` fails when any row differs. Regenerate only
on purpose: after a change that is meant to change the tables (or after
merging branches that did), run this script and read ``git diff
tests/expected_tables/``: every changed line is a changed extraction.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "tests" / "expected_tables"
SETS = {"corpus": ROOT / "corpus", "gold_extra": ROOT / "tests" / "gold_extra", "gold_dec": ROOT / "tests" / "gold_dec",
        "gold_g": ROOT / "tests" / "gold_g", "gold_h": ROOT / "tests" / "gold_h", "gold_i": ROOT / "tests" / "gold_i",
        "gold_j": ROOT / "tests" / "gold_j", "gold_k": ROOT / "tests" / "gold_k"}


def _value(value):
    """A Parquet value as JSON: dates and timestamps in ISO form, everything else as is."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def current_lines(set_name: str) -> dict[str, list[str]]:
    """Each table of the set as extracted now: one JSON line per row, in table order.

    set_name (str): a key of ``SETS``.
    RETURNS (dict[str, list[str]]): table name -> JSON lines.
    """
    from pipeline.readers import read_inputs
    from pipeline.run import Report, extract_articles
    from pipeline.schemas import SCHEMAS
    from pipeline.storage import to_arrow

    report = Report()
    tables = extract_articles(read_inputs([SETS[set_name]]), report)
    assert not report.skipped, f"{set_name}: inputs skipped: {report.skipped}"
    out = {}
    for name in SCHEMAS:
        lines = []
        for row in to_arrow(name, tables.get(name, [])).to_pylist():
            if "source" in row and row["source"]:
                row["source"] = Path(row["source"]).resolve().relative_to(ROOT).as_posix()
            lines.append(json.dumps({k: _value(v) for k, v in row.items()}, ensure_ascii=False))
        out[name] = lines
    return out


def stored_lines(set_name: str, table: str) -> list[str]:
    """The stored expected rows of one table (an empty list when the file is missing)."""
    path = EXPECTED / set_name / f"{table}.jsonl"
    if not path.exists():
        return []
    return path.read_text(encoding="utf-8").splitlines()


def main(argv: list[str]) -> None:
    names = argv or list(SETS)
    unknown = [n for n in names if n not in SETS]
    if unknown:
        sys.exit(f"unknown set(s) {unknown}; choose from {list(SETS)}")
    for set_name in names:
        folder = EXPECTED / set_name
        folder.mkdir(parents=True, exist_ok=True)
        for table, lines in current_lines(set_name).items():
            path = folder / f"{table}.jsonl"
            path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)} ({len(lines)} rows)")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main(sys.argv[1:])
