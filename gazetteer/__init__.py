"""Gazetteer data files (JSONL, NFC, one entry a line, sorted) and their one loader."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from pipeline.textnorm import nfc


@lru_cache(maxsize=None)
def read_gazetteer(name: str) -> tuple[dict, ...]:
    """The entries of ``gazetteer/<name>`` ({"label", "pattern", "id", ...} dicts), read once.

    name (str): the file name, e.g. ``"ranks.jsonl"``.
    RETURNS (tuple[dict, ...]): entries with their strings in NFC.
    """
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"gazetteer/{name}:{number}: not JSON: {exc.msg}") from exc
        entries.append({k: nfc(v) if isinstance(v, str) else v for k, v in entry.items()})
    return tuple(entries)
