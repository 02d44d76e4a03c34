"""Gazetteer data files (JSONL, NFC, one entry a line, sorted) and their one loader.

Parsing every file (JSON, then NFC on every string) is about a tenth of a second of each process's
start-up; the parsed entries of all files are kept in one pickle in the cache folder
(``pipeline.startup.cache_dir()``), named by the SHA-1 of the files' names and bytes and of this
loader's version, so an edited file is parsed again (old pickles are removed but for the few used
last); nothing is downloaded. What components build from the files is cached the same way, keyed by
the files they read and the code that builds it (``derived``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from typing import TypeVar

from pipeline.textnorm import nfc

log = logging.getLogger(__name__)
T = TypeVar("T")

LOADER_VERSION = 1   # bump when _parse changes what it returns: the cached entries are then parsed again
CACHE_PREFIX = "gazetteer-"
KEEP_CACHES = 4      # newest cached versions kept in the cache folder (other checkouts, other branches)


@lru_cache(maxsize=None)
def read_gazetteer(name: str) -> tuple[dict, ...]:
    """The entries of ``gazetteer/<name>`` ({"label", "pattern", "id", ...} dicts), read once.

    name (str): the file name, e.g. ``"ranks.jsonl"``.
    RETURNS (tuple[dict, ...]): entries with their strings in NFC.
    """
    cached = _cached_files().get(name)
    if cached is not None:
        return cached
    return _parse(name, resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))


def _parse(name: str, text: str) -> tuple[dict, ...]:
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


def file_digests() -> dict[str, str]:
    """SHA-1 of the bytes of every ``*.jsonl`` file of this folder, as read for this process's entries:
    the key of what is derived from them (``pipeline.startup.derived``)."""
    _cached_files()
    return _DIGESTS


_DIGESTS: dict[str, str] = {}   # file name -> SHA-1 of its bytes, filled by _cached_files


def files_key(files: Iterable[str], reader: Callable | None = None) -> tuple[tuple[str, str], ...] | None:
    """(name, SHA-1 of its bytes) of each file: the inputs' part of a ``derived`` key; None (build, do not
    cache) when a file is not one of this folder's or ``reader``, the function the caller reads the files
    with, is not ``read_gazetteer`` (a test's stand-in)."""
    if reader is not None and reader is not read_gazetteer:
        return None
    digests = file_digests()
    key = tuple((name, digests.get(name)) for name in files)
    return None if any(digest is None for _, digest in key) else key


def derived(kind: str, files: Iterable[str], build: Callable[[], T], code: Iterable[str] = (),
            reader: Callable | None = None) -> T:
    """``build()``, plain data derived from gazetteer files, cached across processes
    (``pipeline.startup.derived``) under a key of the bytes of ``files`` and the source of the ``code``
    modules that build it: any change builds it again.

    kind (str): the cache's name ("spans-trie"). files (Iterable[str]): every file ``build`` reads.
    build (Callable): makes the value. code (Iterable[str]): the (imported) modules whose code ``build`` runs.
    reader (Callable | None): how the caller reads the files; not ``read_gazetteer``: not cached.
    RETURNS: ``build()``'s value, or an equal one from the cache.
    """
    from pipeline.startup import derived as cached, source_digest

    key = files_key(files, reader)
    return cached(kind, key and (key, source_digest(*code)), build)


@lru_cache(maxsize=1)
def _cached_files() -> dict[str, tuple[dict, ...]]:
    """Every ``*.jsonl`` of this folder parsed, from the cache when its digest matches (else parsed and
    stored); a file that does not parse is left out (``read_gazetteer`` then raises its error)."""
    from pipeline.startup import cache_dir, load_pickle, mark_used

    folder = resources.files(__name__)
    raw = {p.name: p.read_bytes() for p in folder.iterdir() if p.name.endswith(".jsonl") and p.is_file()}
    _DIGESTS.clear()
    _DIGESTS.update((name, hashlib.sha1(data).hexdigest()) for name, data in raw.items())
    digest = hashlib.sha1(f"{LOADER_VERSION}".encode())
    for name in sorted(raw):
        digest.update(b"\0%s\0%d\0" % (name.encode(), len(raw[name])) + raw[name])
    path = cache_dir() / f"{CACHE_PREFIX}{digest.hexdigest()}.pickle"
    try:
        with open(path, "rb") as fh:
            files = load_pickle(fh)
        if isinstance(files, dict):
            mark_used(path)   # pruning keeps the caches in use
            return files
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        pass
    files = {}
    for name, data in raw.items():
        try:
            files[name] = _parse(name, data.decode("utf-8"))
        except ValueError:   # UnicodeDecodeError too: read_gazetteer reports it for that file
            continue
    _store(path, files)
    return files


def _store(path, files: dict) -> None:
    """Write the parsed files to ``path`` (atomically); of the other gazetteer caches beside it only the
    ``KEEP_CACHES - 1`` used last stay."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(files, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        older = sorted((p for p in path.parent.glob(f"{CACHE_PREFIX}*.pickle") if p != path),
                       key=lambda p: p.stat().st_mtime, reverse=True)
        for old in older[KEEP_CACHES - 1:]:   # several checkouts may share the folder: keep a few
            old.unlink(missing_ok=True)
    except OSError as exc:   # a read-only home: fine, only slower
        log.debug("no gazetteer cache at %s: %s", path, exc)
