"""Every gazetteer file parses, is NFC, sorted by pattern, and has no duplicate (pattern, role)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from gazetteer import read_gazetteer

FILES = sorted(p.name for p in (Path(__file__).resolve().parents[1] / "gazetteer").glob("*.jsonl"))


@pytest.mark.parametrize("name", FILES)
def test_gazetteer_file_is_clean(name):
    raw = (Path(__file__).resolve().parents[1] / "gazetteer" / name).read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", raw), f"{name} is not NFC"
    entries = read_gazetteer(name)
    assert entries, f"{name} is empty"
    patterns = [e["pattern"] for e in entries]
    assert all(isinstance(p, str) and p.strip() == p and p for p in patterns), name
    assert patterns == sorted(patterns), f"{name}: keep lines sorted by pattern"
    # a word may play several roles ("đến" joins a range and ends a deadline): one line per role
    duplicates = sorted(k for k, n in Counter((e["pattern"], e.get("role")) for e in entries).items() if n > 1)
    assert not duplicates, f"{name}: duplicate patterns {duplicates}"
