"""Every table of the annotated sets is exactly the stored one (tests/expected_tables/).

A refactor must leave these byte-for-byte as they are; a change meant to change
extraction regenerates them with ``tests/update_expected_tables.py`` and the
reviewer reads the diff.
"""

from __future__ import annotations

import json

import pytest

from pipeline.schemas import ARTICLE_TABLES, SCHEMAS
from tests.update_expected_tables import EXPECTED, SETS, current_lines, stored_lines

_CURRENT: dict[str, dict[str, list[str]]] = {}


def _current(set_name: str) -> dict[str, list[str]]:
    if set_name not in _CURRENT:
        _CURRENT[set_name] = current_lines(set_name)
    return _CURRENT[set_name]


def _first_difference(got: list[str], want: list[str]) -> str:
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            g_row, w_row = json.loads(g), json.loads(w)
            cols = [k for k in w_row if g_row.get(k) != w_row.get(k)]
            return (f"row {i} differs in {cols}: got {[g_row.get(k) for k in cols]!r}, "
                    f"stored {[w_row.get(k) for k in cols]!r}")
    return f"{len(got)} rows now, {len(want)} stored"


@pytest.mark.parametrize("table", list(SCHEMAS))
@pytest.mark.parametrize("set_name", list(SETS))
def test_expected_tables_match_stored_rows(set_name, table):
    want = stored_lines(set_name, table)
    got = _current(set_name)[table]
    assert got == want, (f"{set_name}/{table}: {_first_difference(got, want)}; if the change is meant, "
                         f"run `.venv/bin/python tests/update_expected_tables.py` and review the diff")


def test_expected_tables_are_stored_for_every_set_and_table():
    """A missing file would make an empty table pass: every set has every table, and the
    tables that every article fills are not empty."""
    for set_name in SETS:
        for table in SCHEMAS:
            assert (EXPECTED / set_name / f"{table}.jsonl").exists(), f"{set_name}/{table}.jsonl missing"
        for table in ARTICLE_TABLES:
            assert stored_lines(set_name, table), f"{set_name}/{table}.jsonl is empty"


def test_expected_tables_one_article_row_per_input_text():
    for set_name, folder in SETS.items():
        rows = [json.loads(line) for line in stored_lines(set_name, "articles")]
        assert len(rows) == len(list(folder.glob("*.txt"))), set_name
