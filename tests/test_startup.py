"""What a `vnie extract` process loads before its first article (pipeline/startup.py, issue 12)."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.article import Article
from pipeline.startup import CACHE_VERSION, WORD_MODEL

ROOT = Path(__file__).resolve().parents[1]
BODY = ("Ngày 3/4/2025, Công an xã Tân Lập tổ chức hội nghị sơ kết. Đại tá Trần Văn Bình, Giám đốc "
        "Công an tỉnh, dự và trao 5 giấy khen cho các tập thể.")
SENTENCES = ("Đại tá Trần Văn Bình dự hội nghị sơ kết công tác quý I.", "Công an xã đã thu giữ 2 xe máy.",
             "Thượng tá Lê Thị Hoa, Phó Trưởng Công an huyện, phát biểu.")


def _python(script: str, *args: str, env: dict | None = None) -> str:
    """Run ``script`` in a fresh interpreter (outside the worktree's folder: the code comes from sys.path);
    RETURNS its last line of stdout."""
    import os

    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=300,
                          cwd=ROOT, env={**os.environ, **(env or {})})
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


_EXTRACT = ("import atexit, sys; atexit.register(lambda: print(sorted(m for m in ('pandas', 'spacy.cli', "
            "'underthesea.pipeline.chunking', 'underthesea.pipeline.ner', 'underthesea.pipeline.pos_tag', "
            "'requests', 'bs4', 'pipeline.readers.html') if m in sys.modules))); "
            "from pipeline.cli import cli; cli()")


def test_extract_process_loads_no_pandas_spacy_cli_or_underthesea_taggers_and_writes_the_same_bytes(tmp_path):
    """The tables of a fresh `vnie extract` (pyarrow told pandas is absent) are byte for byte those of
    this process's run (pandas imported): the conversions do not depend on it."""
    from pipeline.run import run_extract

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(BODY, encoding="utf-8")
    (inputs / "b.jsonl").write_text(json.dumps({"url": "https://example.vn/b", "title": "Sơ kết",
                                                "published": "2025-04-03T08:30:00+07:00", "text": BODY},
                                               ensure_ascii=False) + "\n", encoding="utf-8")
    assert _python(_EXTRACT, "extract", str(inputs), "--out", str(tmp_path / "fresh")) == "[]"
    import pandas  # noqa: F401 - this process has pandas: pyarrow converts with it

    run_extract([inputs], tmp_path / "here")
    written = sorted(p.name for p in (tmp_path / "here").glob("*.parquet"))
    assert written == sorted(p.name for p in (tmp_path / "fresh").glob("*.parquet")) and len(written) == 8
    for name in written:
        assert (tmp_path / "fresh" / name).read_bytes() == (tmp_path / "here" / name).read_bytes(), name


def test_arrow_without_pandas_still_converts_pandas_objects_once_pandas_is_used():
    """After arrow_without_pandas, `to_pandas()` imports pandas, and pandas objects then convert as before
    (a missing value is a null, not NaN)."""
    script = ("import sys; from pipeline.startup import arrow_without_pandas; arrow_without_pandas(); "
              "import datetime as dt, pyarrow as pa; from pipeline.storage import to_arrow; "
              "t = to_arrow('articles', [{'article_id': 'a', 'text': 'x', 'published_at': "
              "dt.datetime(2025, 4, 3, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))}]); "
              "before = 'pandas' in sys.modules; df = t.to_pandas(); import pandas as pd; "
              "a = pa.array(pd.Series([1.0, None])); "
              "print(before, str(df.published_at[0]), a.null_count, a.type)")
    assert _python(script) == "False 2025-04-03 08:30:00+07:00 1 double"


def test_arrow_without_pandas_does_nothing_when_pandas_is_imported():
    script = ("import sys, pandas as pd, pyarrow as pa; from pipeline.startup import arrow_without_pandas; "
              "arrow_without_pandas(); print(pa.array(pd.Series([1.0, None])).null_count, "
              "any(type(f).__name__ == '_NoPandasFinder' for f in sys.meta_path))")
    assert _python(script) == "1 False"


def test_underthesea_package_completes_itself_when_asked_for_a_name():
    """Only the segmenters load with the pipeline; `from underthesea import ner` and the package's
    metadata still work, and the segmenters are underthesea's own functions."""
    script = ("import sys; import pipeline.document; import pipeline.segmentation as d; "
              "lean = not any(m in sys.modules for m in ('underthesea.pipeline.chunking', 'underthesea.pipeline.ner',"
              " 'requests')); import underthesea; from underthesea import ner; "
              "print(lean, underthesea.__version__ == __import__('importlib.metadata').metadata.version('underthesea'),"
              " d.word_tokenize is underthesea.word_tokenize, d.sent_tokenize is underthesea.sent_tokenize, "
              "callable(ner), 'underthesea.pipeline.chunking' in sys.modules)")
    assert _python(script) == "True True True True True True"


def test_spacy_info_still_works_without_spacy_cli_at_import():
    script = ("import sys; import pipeline.document; import spacy; before = 'spacy.cli' in sys.modules; "
              "info = spacy.info(); print(before, info['spacy_version'] == spacy.__version__, "
              "'spacy.cli' in sys.modules)")
    assert _python(script) == "False True True"


_TOKENS = ("import json, sys; {setup}; from underthesea import word_tokenize; "
           "print(json.dumps([word_tokenize(s) for s in json.loads(sys.argv[1])], ensure_ascii=False))")


def test_word_model_through_the_cache_segments_as_underthesea_loads_it(tmp_path):
    """Cold cache (built), warm cache (read), and underthesea's own loading give the same words;
    the cache file is keyed by the dictionary's path, size and time."""
    env = {"VNIE_CACHE_DIR": str(tmp_path / "cache")}
    own = _python(_TOKENS.format(setup="pass"), json.dumps(SENTENCES))
    ours = _TOKENS.format(setup="from pipeline.startup import load_word_model; load_word_model()")
    cold = _python(ours, json.dumps(SENTENCES), env=env)
    [cached] = (tmp_path / "cache").iterdir()
    warm = _python(ours, json.dumps(SENTENCES), env=env)
    assert own == cold == warm
    assert json.loads(own)[0][:2] == ["Đại tá", "Trần Văn Bình"]
    key, dictionary = pickle.loads(cached.read_bytes())
    source = Path(sys.modules["underthesea.pipeline.word_tokenize"].__file__).parent.joinpath(
        *WORD_MODEL, "dictionary.bin")
    assert key == (CACHE_VERSION, str(source.resolve()), source.stat().st_size, source.stat().st_mtime_ns)
    assert isinstance(dictionary, set) and "hội nghị" in dictionary


@pytest.mark.parametrize("stale", [b"not a pickle", "wrong key"])
def test_word_model_cache_stale_or_broken_is_rebuilt(tmp_path, monkeypatch, stale):
    import underthesea.pipeline.word_tokenize as module

    from pipeline import startup

    monkeypatch.setenv("VNIE_CACHE_DIR", str(tmp_path))
    source = Path(module.__file__).parent.joinpath(*WORD_MODEL, "dictionary.bin")
    path = startup.cache_file(source)
    assert path.parent == tmp_path and path.name.startswith(f"{source.parent.name}-{source.stem}-")
    path.write_bytes(stale if isinstance(stale, bytes) else pickle.dumps(((0, "elsewhere", 1, 1), {"sai"})))
    dictionary = startup._cached(source, lambda: {"từ điển"})
    assert dictionary == {"từ điển"}                                  # rebuilt, not the stale value
    assert pickle.loads(path.read_bytes())[1] == {"từ điển"}          # and stored again
    assert startup._cached(source, lambda: {"khác"}) == {"từ điển"}   # read back while it is fresh


def test_word_model_cache_of_each_installed_copy_is_its_own_file(tmp_path, monkeypatch):
    """Environments sharing the cache folder (two checkouts) do not replace each other's file; the files
    used last stay."""
    from pipeline import startup

    monkeypatch.setenv("VNIE_CACHE_DIR", str(tmp_path / "cache"))
    copies = []
    for n in range(startup.KEEP_DERIVED + 1):
        copy = tmp_path / f"env{n}" / "models" / "dictionary.bin"
        copy.parent.mkdir(parents=True)
        copy.write_bytes(b"x")
        copies.append(copy)
    assert startup._cached(copies[0], lambda: {"một"}) == {"một"}
    assert startup._cached(copies[1], lambda: {"hai"}) == {"hai"}
    assert startup._cached(copies[0], lambda: {"khác"}) == {"một"}     # not replaced by the other copy's
    for copy in copies[2:]:
        os.utime(startup.cache_file(copies[0]), (1, 1))
        startup._cached(copies[0], lambda: {"khác"})                   # read: used last
        startup._cached(copy, lambda: {"ba"})
    assert startup.cache_file(copies[0]).exists() and not startup.cache_file(copies[1]).exists()
    assert len(list((tmp_path / "cache").glob("models-dictionary-*.pickle"))) == startup.KEEP_DERIVED


def test_word_model_cache_in_an_unwritable_folder_only_costs_time(tmp_path, monkeypatch):
    from pipeline import startup

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("VNIE_CACHE_DIR", str(blocked / "cache"))
    assert startup._cached(Path(startup.__file__), lambda: {"x"}) == {"x"}
    assert blocked.read_text() == "not a folder"


def test_ready_to_fork_warms_the_pipeline_and_freezes_the_collector(nlp):
    import gc

    from pipeline.batch.engine_pool import WARM_UP, ready_to_fork
    from pipeline.run import article_rows, process

    rows = article_rows(WARM_UP, process(nlp, WARM_UP))
    assert [r["name"] for r in rows["officials"]] == ["Nguyễn Văn A"]     # the warm-up reaches the officials
    assert sorted(r["value"] for r in rows["counts"]) == [2.0, 15000000.0]
    try:
        ready_to_fork(nlp)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_ready_to_fork_survives_a_failing_warm_up(caplog):
    import gc

    from pipeline.batch.engine_pool import ready_to_fork

    class Broken:
        pipeline = ()

        def make_doc(self, text):
            raise RuntimeError("no model")

    try:
        ready_to_fork(Broken())
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert "warm-up before forking failed" in caplog.text



@pytest.fixture()
def gazetteer_cache(tmp_path, monkeypatch):
    """An empty cache folder for the parsed gazetteer files; the process's own cached value restored after."""
    import gazetteer

    monkeypatch.setenv("VNIE_CACHE_DIR", str(tmp_path))
    gazetteer._cached_files.cache_clear()
    yield tmp_path
    gazetteer._cached_files.cache_clear()


def test_gazetteer_cache_holds_every_file_as_parsed_and_is_read_back(gazetteer_cache, monkeypatch):
    import gazetteer

    folder = Path(gazetteer.__file__).parent
    files = gazetteer._cached_files()
    [stored] = gazetteer_cache.glob("gazetteer-*.pickle")
    assert sorted(files) == sorted(p.name for p in folder.glob("*.jsonl"))
    assert files["ranks.jsonl"] == gazetteer._parse("ranks.jsonl", (folder / "ranks.jsonl").read_text("utf-8"))

    def no_parsing(name, text):
        raise AssertionError("parsed again")

    monkeypatch.setattr(gazetteer, "_parse", no_parsing)
    gazetteer._cached_files.cache_clear()
    assert gazetteer._cached_files() == files                 # from the pickle
    assert list(gazetteer_cache.glob("gazetteer-*.pickle")) == [stored]


def test_gazetteer_cache_of_other_files_or_loader_is_not_used(gazetteer_cache, monkeypatch):
    """The name holds the digest of the files and the loader's version: another version parses afresh,
    and only the newest KEEP_CACHES pickles stay."""
    import gazetteer

    gazetteer._cached_files()
    first = {p.name for p in gazetteer_cache.glob("gazetteer-*.pickle")}
    parsed = []
    real = gazetteer._parse
    monkeypatch.setattr(gazetteer, "_parse", lambda name, text: parsed.append(name) or real(name, text))
    for version in range(2, 2 + gazetteer.KEEP_CACHES + 1):
        monkeypatch.setattr(gazetteer, "LOADER_VERSION", version)
        gazetteer._cached_files.cache_clear()
        gazetteer._cached_files()
    assert parsed.count("ranks.jsonl") == gazetteer.KEEP_CACHES + 1   # each version parsed its files
    left = {p.name for p in gazetteer_cache.glob("gazetteer-*.pickle")}
    assert len(left) == gazetteer.KEEP_CACHES and not first & left


def test_gazetteer_cache_broken_file_is_parsed_again(gazetteer_cache):
    import gazetteer

    files = gazetteer._cached_files()
    [stored] = gazetteer_cache.glob("gazetteer-*.pickle")
    stored.write_bytes(b"broken")
    gazetteer._cached_files.cache_clear()
    assert gazetteer._cached_files() == files
    assert pickle.loads(stored.read_bytes()) == files


def test_pool_forks_after_warming_and_unfreezes_the_driver(nlp):
    """The workers are forked from a warmed, frozen driver; once they are, the driver's collector sees
    everything again, and a worker's rows are this process's."""
    import gc

    from pipeline.batch.engine_pool import ArticlePool
    from pipeline.run import Report, extract_rows

    article = Article(source="a.txt", text=BODY, published="2025-04-03")
    with ArticlePool(2) as pool:
        future = pool.submit([article])
        assert gc.get_freeze_count() == 0
        rows, processed, errors = future.result(timeout=300)
    assert (processed, errors) == (1, [])
    assert rows == extract_rows([article], Report())
