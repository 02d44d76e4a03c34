"""The pipeline version stamped on every row: the package version plus a digest of the code and data."""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from functools import lru_cache
from pathlib import Path

from pipeline import __version__

ROOT = Path(__file__).resolve().parents[2]
# What decides the extracted rows: extractors, gazetteers, and the reading/tokenizing/table code.
CODE_DIRS = ("extractors", "gazetteer", "pipeline")
CODE_SUFFIXES = {".py", ".jsonl", ".json", ".tsv", ".toml"}
# Parts of pipeline/ that do not change a row: batch plumbing, commands, evaluation, crawling.
NOT_EXTRACTION = ("pipeline/batch/", "pipeline/commands/", "pipeline/crawl", "pipeline/sites", "pipeline/cli.py",
                  "pipeline/evaluate.py", "pipeline/bench")
SETTINGS = "pipeline/settings.toml"
NOT_EXTRACTION_SETTINGS = ("run", "crawl")   # sections that change how we fetch and store, not what we extract
ENV_OVERRIDE = "VNIE_PIPELINE_VERSION"   # pins the version (tests, or an operator's release tag)


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """``<package version>+<digest>``: changes whenever extraction code or gazetteer data changes.

    Rows whose ``pipeline_version`` differs from the running one are stale:
    ``vnie run`` re-extracts such an article when it meets it again, and
    ``vnie reprocess --outdated`` re-extracts all of them.

    RETURNS (str): e.g. ``0.1.0+3f9a1c02be``.
    """
    pinned = os.environ.get(ENV_OVERRIDE)
    if pinned:
        return pinned
    digest = hashlib.sha1()
    for folder in CODE_DIRS:
        base = ROOT / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(ROOT).as_posix()
            if (path.suffix not in CODE_SUFFIXES or "__pycache__" in rel or not path.is_file()
                    or rel.startswith(NOT_EXTRACTION)):
                continue
            digest.update(rel.encode())
            digest.update(_settings_bytes(path) if rel == SETTINGS else path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:10]}"


def _settings_bytes(path: Path) -> bytes:
    """The extraction settings only: a new crawl delay must not make every row stale."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    kept = {k: v for k, v in data.items() if k not in NOT_EXTRACTION_SETTINGS}
    return json.dumps(kept, sort_keys=True, default=str).encode()
