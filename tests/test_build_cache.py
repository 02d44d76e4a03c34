"""What the components build from the gazetteer files, cached across processes (pipeline/startup.py
``derived``, issue 12): the span layer's trie, the administrative units, the readings of counts' patterns
and the event rules' regex sources; rebuilt when a file, the code or the cache file changes."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline import startup

ROOT = Path(__file__).resolve().parents[1]
NEW_TITLE = {"label": "TITLE", "pattern": "Trưởng ban Khảo thí", "id": "Trưởng ban Khảo thí"}
NEW_WARD = {"label": "WARD", "pattern": "Tân Thử Nghiệm", "id": "tanthunghiem",
            "units": ["phường|Hà Nội|Ba Đình|"]}


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    """An empty cache folder."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("VNIE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture()
def gazetteer_copy(tmp_path, monkeypatch, cache):
    """The gazetteer files copied to a temporary folder the loader reads instead; (folder, reload): after
    editing a file, ``reload()`` forgets what this process read. Everything read is forgotten after."""
    import shutil

    import gazetteer

    folder = tmp_path / "gazetteer"
    shutil.copytree(Path(gazetteer.__file__).parent, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))

    def reload():
        gazetteer.read_gazetteer.cache_clear()
        gazetteer._cached_files.cache_clear()

    monkeypatch.setattr(gazetteer, "resources", SimpleNamespace(files=lambda name: folder))
    reload()
    yield folder, reload
    reload()   # the real folder is read again once monkeypatch restores it


def _append(path: Path, entry: dict) -> None:
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")


def _files(cache: Path, kind: str) -> list[Path]:
    return sorted(cache.glob(f"{kind}-*.pickle"))


# -- the helper ------------------------------------------------------------------------------------

def test_derived_builds_once_then_reads_back(cache):
    assert startup.derived("test-kind", ("a", "1"), lambda: {"x": (1, 2)}) == {"x": (1, 2)}
    [stored] = _files(cache, "test-kind")

    def no_build():
        raise AssertionError("built again")

    assert startup.derived("test-kind", ("a", "1"), no_build) == {"x": (1, 2)}
    key, value = pickle.loads(stored.read_bytes())
    assert value == {"x": (1, 2)} and key[-1] == ("a", "1") and key[0] == startup.DERIVED_VERSION


def test_derived_other_key_is_built_and_old_files_are_pruned(cache):
    for n in range(startup.KEEP_DERIVED + 2):
        assert startup.derived("test-kind", ("a", str(n)), lambda: n) == n
    assert len(_files(cache, "test-kind")) == startup.KEEP_DERIVED
    assert startup.derived("test-kind", ("a", str(startup.KEEP_DERIVED + 1)), lambda: -1) == startup.KEEP_DERIVED + 1
    assert startup.derived("other-kind", ("a", "0"), lambda: "x") == "x"   # another kind prunes nothing of this
    assert len(_files(cache, "test-kind")) == startup.KEEP_DERIVED


def test_derived_pruning_keeps_the_files_read_last(cache):
    """A file in use (read by every run) outlives files written after it but not read again."""
    startup.derived("test-kind", ("in use",), lambda: "used")
    [used] = _files(cache, "test-kind")
    for n in range(2 * startup.KEEP_DERIVED):
        os.utime(used, (1, 1))   # written long ago ...
        assert startup.derived("test-kind", ("in use",), lambda: "built again") == "used"   # ... read now
        startup.derived("test-kind", ("other", str(n)), lambda: n)
    assert used.exists() and len(_files(cache, "test-kind")) == startup.KEEP_DERIVED


@pytest.mark.parametrize("stale", [b"not a pickle", b"", "other key"])
def test_derived_broken_or_foreign_file_is_rebuilt_and_replaced(cache, stale):
    startup.derived("test-kind", ("a", "1"), lambda: [1])
    [stored] = _files(cache, "test-kind")
    stored.write_bytes(stale if isinstance(stale, bytes) else pickle.dumps((("elsewhere",), [2])))
    assert startup.derived("test-kind", ("a", "1"), lambda: [3]) == [3]
    assert pickle.loads(stored.read_bytes())[1] == [3]


def test_derived_in_an_unwritable_folder_only_costs_time(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("VNIE_CACHE_DIR", str(blocked / "cache"))
    calls = []
    for _ in range(2):
        assert startup.derived("test-kind", ("a",), lambda: calls.append(1) or (1,)) == (1,)
    assert len(calls) == 2 and blocked.read_text() == "not a folder"


def test_derived_without_a_key_builds_and_stores_nothing(cache):
    calls = []
    for key in (None, ("a", None), (None, "code")):
        assert startup.derived("test-kind", key, lambda: calls.append(1) or 5) == 5
    assert len(calls) == 3 and not cache.exists()


def test_gazetteer_files_key_is_the_files_bytes_and_none_for_a_stand_in():
    import hashlib

    import gazetteer

    data = (Path(gazetteer.__file__).parent / "ranks.jsonl").read_bytes()
    assert gazetteer.files_key(["ranks.jsonl"], gazetteer.read_gazetteer) == (
        ("ranks.jsonl", hashlib.sha1(data).hexdigest()),)
    assert gazetteer.files_key(["ranks.jsonl", "no_such_file.jsonl"]) is None
    assert gazetteer.files_key(["ranks.jsonl"], lambda name: ()) is None


def test_gazetteer_derived_is_keyed_by_the_files_and_the_code(cache):
    import gazetteer

    assert gazetteer.derived("test-kind", ["ranks.jsonl"], lambda: 1, ("pipeline.textnorm",)) == 1
    assert gazetteer.derived("test-kind", ["ranks.jsonl"], lambda: 2, ("pipeline.textnorm",)) == 1   # read back
    assert gazetteer.derived("test-kind", ["titles.jsonl"], lambda: 3, ("pipeline.textnorm",)) == 3
    assert gazetteer.derived("test-kind", ["ranks.jsonl"], lambda: 4, ("pipeline.startup",)) == 4
    assert gazetteer.derived("test-kind", ["ranks.jsonl"], lambda: 5, ("pipeline.textnorm",), lambda n: ()) == 5
    assert len(_files(cache, "test-kind")) == 3


# -- the span layer's gazetteer ---------------------------------------------------------------------

def _tables(gaz) -> tuple:
    return gaz.files, gaz.entries, gaz.pid_of, gaz.phrases, gaz.entries_of, gaz._trie, gaz.first_words, gaz._ranges


def test_span_gazetteer_from_the_cache_is_the_one_built(cache, monkeypatch):
    from extractors import span_layer
    from extractors.span_layer import DEFAULT_FILES, Gazetteer

    cold = Gazetteer(DEFAULT_FILES)
    [stored] = _files(cache, "spans-trie")
    monkeypatch.setattr(span_layer, "pattern_words", lambda text: pytest.fail("patterns read again"))
    warm = Gazetteer(DEFAULT_FILES)
    assert _tables(warm) == _tables(cold)
    assert repr(warm._trie) == repr(cold._trie)   # the same order too
    assert warm.walk(["đại", "tá"], 0, 2) == cold.walk(["đại", "tá"], 0, 2) != ()
    assert _files(cache, "spans-trie") == [stored]


def test_span_gazetteer_cache_is_keyed_by_the_files_read(cache):
    from extractors.span_layer import Gazetteer

    Gazetteer(["ranks.jsonl"])
    Gazetteer(["ranks.jsonl", "titles.jsonl"])
    Gazetteer(["ranks.jsonl"])
    assert len(_files(cache, "spans-trie")) == 2


def test_span_gazetteer_rebuilt_when_a_file_changes_and_finds_the_new_entry(gazetteer_copy):
    from extractors.span_layer import DEFAULT_FILES, Gazetteer, pattern_words

    folder, reload = gazetteer_copy
    words = pattern_words(NEW_TITLE["pattern"])
    before = Gazetteer(DEFAULT_FILES)
    assert not [n for n, _ in before.walk(words, 0, len(words)) if n == len(words)]
    _append(folder / "titles.jsonl", NEW_TITLE)
    reload()
    after = Gazetteer(DEFAULT_FILES)
    [(n, pid)] = [hit for hit in after.walk(words, 0, len(words)) if hit[0] == len(words)]
    assert [after.entries[k][1] for k in after.entries_of[pid]] == [NEW_TITLE]
    assert len(after.entries) == len(before.entries) + 1
    assert len(_files(folder.parent / "cache", "spans-trie")) == 2


def test_span_gazetteer_unchanged_bytes_with_a_new_time_read_the_cache(gazetteer_copy, monkeypatch):
    """The key is the files' bytes, not their time: touching a file rebuilds nothing."""
    from extractors import span_layer
    from extractors.span_layer import DEFAULT_FILES, Gazetteer

    folder, reload = gazetteer_copy
    cold = Gazetteer(DEFAULT_FILES)
    os.utime(folder / "titles.jsonl", (10, 10))
    reload()
    monkeypatch.setattr(span_layer, "pattern_words", lambda text: pytest.fail("patterns read again"))
    assert _tables(Gazetteer(DEFAULT_FILES)) == _tables(cold)


def test_span_gazetteer_rebuilt_when_its_code_changes(cache, monkeypatch):
    from extractors import span_layer
    from extractors.span_layer import Gazetteer

    Gazetteer(["ranks.jsonl"])
    read = []
    real = span_layer.pattern_words
    monkeypatch.setattr(span_layer, "pattern_words", lambda text: read.append(text) or real(text))
    monkeypatch.setattr(startup, "source_digest", lambda *modules: "other code")
    Gazetteer(["ranks.jsonl"])
    assert len(read) == len(span_layer.read_gazetteer("ranks.jsonl"))
    assert len(_files(cache, "spans-trie")) == 2


def test_span_gazetteer_of_a_stand_in_reader_is_not_cached(cache, monkeypatch):
    from extractors import span_layer
    from extractors.span_layer import Gazetteer

    files = {"r.jsonl": ({"label": "RANK", "pattern": "Đại tá", "id": "Đại tá"},)}
    monkeypatch.setattr(span_layer, "read_gazetteer", lambda name: files[name])
    assert Gazetteer(["r.jsonl"]).phrases == [("đại", "tá")]
    files["r.jsonl"] = ({"label": "RANK", "pattern": "Thiếu tá", "id": "Thiếu tá"},)
    assert Gazetteer(["r.jsonl"]).phrases == [("thiếu", "tá")]
    assert _files(cache, "spans-trie") == []


def test_span_gazetteer_broken_cache_file_is_rebuilt(cache):
    from extractors.span_layer import Gazetteer

    cold = Gazetteer(["ranks.jsonl", "titles.jsonl"])
    [stored] = _files(cache, "spans-trie")
    stored.write_bytes(stored.read_bytes()[:100])   # cut short
    assert _tables(Gazetteer(["ranks.jsonl", "titles.jsonl"])) == _tables(cold)
    assert pickle.loads(stored.read_bytes())[1][1] == cold.phrases


# -- administrative units -----------------------------------------------------------------------------

def test_admin_units_from_the_cache_are_the_ones_built(cache, monkeypatch):
    from extractors import admin_units

    cold = admin_units.load_admin_units.__wrapped__("admin_units")
    assert cold == admin_units._index("admin_units")
    monkeypatch.setattr(admin_units, "_index", lambda prefix: pytest.fail("indexed again"))
    warm = admin_units.load_admin_units.__wrapped__("admin_units")
    assert warm == cold and list(warm.wards) == list(cold.wards) and warm.bare_provinces == cold.bare_provinces
    assert all(list(getattr(warm, t).values()) == list(getattr(cold, t).values())
               for t in ("provinces", "districts", "wards"))
    assert warm.lookup("province", "Nghệ An") == cold.lookup("province", "Nghệ An") != ()
    assert len(_files(cache, "admin-units")) == 1


def test_admin_units_rebuilt_when_a_file_changes_and_find_the_new_ward(gazetteer_copy):
    from extractors import admin_units

    folder, reload = gazetteer_copy
    before = admin_units.load_admin_units.__wrapped__("admin_units")
    assert before.lookup("ward", NEW_WARD["pattern"]) == ()
    _append(folder / "admin_units_wards.jsonl", NEW_WARD)
    reload()
    after = admin_units.load_admin_units.__wrapped__("admin_units")
    assert after.lookup("ward", NEW_WARD["pattern"]) == (admin_units.Unit("ward", "phường", "Hà Nội", "Ba Đình"),)
    assert len(_files(folder.parent / "cache", "admin-units")) == 2


# -- counts' pattern readings -------------------------------------------------------------------------

COUNT_FILES = ("count_nouns.jsonl", "count_qualifiers.jsonl", "unit_words.jsonl", "count_acts.jsonl")


def test_count_readings_from_the_cache_are_the_ones_read(cache, monkeypatch):
    from extractors import span_layer
    from gazetteer import read_gazetteer

    monkeypatch.setattr(span_layer, "_READINGS", {})
    span_layer.preload_readings(COUNT_FILES)
    cold = dict(span_layer._READINGS)
    patterns = {e["pattern"] for name in COUNT_FILES for e in read_gazetteer(name)}
    assert set(cold) == patterns
    assert cold["héc-ta"] == (span_layer.count_pattern_words("héc-ta"), tuple(span_layer.pattern_words("héc-ta")))
    assert cold["héc-ta"][0] != cold["héc-ta"][1]    # one count piece, three layer words
    monkeypatch.setattr(span_layer, "_READINGS", {})
    monkeypatch.setattr(span_layer, "count_pattern_words", lambda p: pytest.fail("read again"))
    span_layer.preload_readings(COUNT_FILES)
    assert span_layer._READINGS == cold
    assert len(_files(cache, "count-readings")) == 1


def test_count_phrases_on_cached_readings_are_the_ones_read(cache, monkeypatch):
    from extractors import span_layer
    from extractors.span_layer import CountPhrases, shared_gazetteer
    from gazetteer import read_gazetteer

    nouns = read_gazetteer("count_nouns.jsonl")
    monkeypatch.setattr(span_layer, "_READINGS", {})
    fresh = CountPhrases(shared_gazetteer(), nouns)
    monkeypatch.setattr(span_layer, "_READINGS", {})
    span_layer.preload_readings(COUNT_FILES)   # cold: read and stored
    monkeypatch.setattr(span_layer, "_READINGS", {})
    span_layer.preload_readings(COUNT_FILES)   # warm: from the cache
    cached = CountPhrases(shared_gazetteer(), nouns)
    assert vars(cached) == vars(fresh)


def test_count_readings_of_a_changed_file_hold_the_new_pattern(gazetteer_copy, monkeypatch):
    from extractors import span_layer

    folder, reload = gazetteer_copy
    monkeypatch.setattr(span_layer, "_READINGS", {})
    span_layer.preload_readings(COUNT_FILES)
    assert "tàu cá vỏ thép" not in span_layer._READINGS
    _append(folder / "count_nouns.jsonl", {"label": "COUNT_NOUN", "pattern": "tàu cá vỏ thép", "id": "vehicles"})
    reload()
    monkeypatch.setattr(span_layer, "_READINGS", {})
    span_layer.preload_readings(COUNT_FILES)
    assert span_layer._READINGS["tàu cá vỏ thép"] == (("tàu", "cá", "vỏ", "thép"),) * 2
    assert len(_files(folder.parent / "cache", "count-readings")) == 2


# -- event words ----------------------------------------------------------------------------------------

def test_event_words_from_the_cache_compile_the_same_regexes(cache, monkeypatch):
    import dataclasses

    from extractors.event_words import EventWords
    from gazetteer import read_gazetteer

    entries = read_gazetteer("event_words.jsonl")
    cold = EventWords.from_entries(entries)
    monkeypatch.setattr(EventWords, "sources", staticmethod(lambda entries: pytest.fail("composed again")))
    warm = EventWords.from_entries(entries)
    for field in dataclasses.fields(EventWords):
        a, b = getattr(cold, field.name), getattr(warm, field.name)
        assert (a.pattern, a.flags) == (b.pattern, b.flags) if field.name != "yesterday" else a == b
    assert warm.report_verb.search("Đại diện Công an tỉnh cho biết") is not None
    assert len(_files(cache, "event-words")) == 1


def test_event_words_of_other_entries_are_not_cached(cache):
    from extractors.event_words import EventWords

    words = EventWords.from_entries(({"pattern": "tường thuật", "id": "x", "role": "report_verb"},))
    assert words.report_verb.search("phóng viên tường thuật") is not None
    assert words.report_verb.search("cho biết") is None
    assert _files(cache, "event-words") == []


# -- whole processes ----------------------------------------------------------------------------------

BODY = ("Ngày 3/4/2025, Công an xã Tân Lập tổ chức hội nghị sơ kết. Đại tá Trần Văn Bình, Giám đốc "
        "Công an tỉnh Nghệ An, dự và trao 5 giấy khen cho các tập thể.")


def _extract(inputs: Path, out: Path, cache_dir: Path) -> None:
    done = subprocess.run([sys.executable, "-c", "from pipeline.cli import cli; cli()", "extract", str(inputs),
                           "--out", str(out)], capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={**os.environ, "VNIE_CACHE_DIR": str(cache_dir)})
    assert done.returncode == 0, done.stderr[-3000:]


def test_extract_with_a_cold_warm_broken_or_unwritable_cache_writes_the_same_tables(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(BODY, encoding="utf-8")
    cache = tmp_path / "cache"
    _extract(inputs, tmp_path / "cold", cache)
    kinds = ("spans-trie", "admin-units", "count-readings", "event-words")
    stored = {kind: _files(cache, kind) for kind in kinds}
    assert all(len(files) == 1 for files in stored.values()), stored
    _extract(inputs, tmp_path / "warm", cache)
    assert {kind: _files(cache, kind) for kind in kinds} == stored   # read, nothing new
    for files in stored.values():
        files[0].write_bytes(b"broken")
    _extract(inputs, tmp_path / "broken", cache)
    assert all(pickle.loads(files[0].read_bytes()) for files in stored.values())   # rebuilt and stored
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    _extract(inputs, tmp_path / "unwritable", blocked / "cache")
    names = sorted(p.name for p in (tmp_path / "cold").glob("*.parquet"))
    assert len(names) == 8
    for run in ("warm", "broken", "unwritable"):
        assert sorted(p.name for p in (tmp_path / run).glob("*.parquet")) == names
        for name in names:
            assert (tmp_path / run / name).read_bytes() == (tmp_path / "cold" / name).read_bytes(), (run, name)
    import pyarrow.parquet as pq

    officials = pq.read_table(tmp_path / "warm" / "officials.parquet").to_pylist()
    assert [(o["name"], o["rank"]) for o in officials] == [("Trần Văn Bình", "Đại tá")]


def test_parsed_gazetteer_cache_read_is_marked_used(cache):
    import gazetteer

    gazetteer._cached_files.cache_clear()
    try:
        files = gazetteer._cached_files()
        [stored] = cache.glob("gazetteer-*.pickle")
        os.utime(stored, (1, 1))
        gazetteer._cached_files.cache_clear()
        assert gazetteer._cached_files() == files
        assert stored.stat().st_mtime > 1
    finally:
        gazetteer._cached_files.cache_clear()


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_gc_restores_the_collector_as_it_was(enabled):
    import gc

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(RuntimeError):
            with startup.paused_gc():
                assert not gc.isenabled()
                raise RuntimeError("a failing build")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_shared_nlp_is_built_with_the_collector_paused(monkeypatch):
    import gc

    from pipeline import document, run

    seen = []
    monkeypatch.setattr(run, "_NLPS", {})
    monkeypatch.setattr(document, "build_nlp", lambda components: seen.append(gc.isenabled()) or "nlp")
    assert run.shared_nlp(ner=False) == "nlp" and seen == [False] and gc.isenabled()
