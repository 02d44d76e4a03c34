"""What a `vnie` process loads before its first article, cut to what extraction uses (issue 12).

Measured with ``python -X importtime`` on `vnie extract` of one article, these loaded code that no
extraction runs:

* **spaCy's command-line tools.** ``import spacy`` imports ``spacy.cli`` (typer, weasel, httpx, rich,
  jinja2, requests: about a quarter of spaCy's import) for the one name ``spacy.info``.
  ``lean_spacy()`` puts a stand-in for ``spacy.cli.info`` in ``sys.modules`` before spaCy is
  imported; ``spacy.info(...)`` still works (it imports the real module on its first call).
* **underthesea's package ``__init__``.** ``from underthesea import word_tokenize`` first runs
  ``underthesea/__init__.py``, which imports the chunker, the POS and NER taggers, the classifier
  and requests. ``segmenters()`` imports the two submodules vnie's tokenizer calls without it; the
  package is completed the first time anything asks it for a name it does not hold yet
  (``from underthesea import ner`` works as before).
* **underthesea's word dictionary** (72,547 words) is a joblib pickle read by the pure-Python
  unpickler; ``load_word_model()`` keeps a copy in the C pickle format in a cache folder, keyed by
  the size, time and path of the original (a file per installed copy), rebuilt when stale (nothing is
  downloaded).
* **what the components build from the gazetteer files** (the span layer's trie, the administrative
  units, the readings of counts' patterns, the event rules' regex sources): ``derived()`` keeps each as
  plain data in a C pickle named by the SHA-1 of every gazetteer file it reads, the source of the code
  that builds it, ``DERIVED_VERSION`` and Python's version; any other key builds it again. The files
  used last are kept, the others pruned.
* **pandas.** pyarrow imports pandas the first time it converts Python objects, to ask whether they
  are pandas objects. ``arrow_without_pandas()`` lets it find pandas absent once, so writing the
  tables of `vnie extract` never imports it; ``Table.to_pandas()`` and ``from_pandas`` still import
  it when called.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import importlib.util
import logging
import os
import pickle
import sys
import types
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

WORD_MODEL = ("models", "ws_crf_vlsp2013_20230727")   # the model word_tokenize loads, in its own folder
CACHE_VERSION = 1   # bump when the cached file's layout changes
DERIVED_VERSION = 1  # bump when what ``derived()`` stores changes shape (its key also holds the builders' source)
KEEP_DERIVED = 8     # most recently used files of each derived kind kept (file sets, checkouts, branches share
                     # the folder; each file is at most about 0.5 MB)
T = TypeVar("T")


class _SpacyInfoStandIn(types.ModuleType):
    """``spacy.cli.info`` until its ``info`` is called: then the real module is imported."""

    @staticmethod
    def info(*args, **kwargs):
        return _real_spacy_info().info(*args, **kwargs)


def _real_spacy_info() -> types.ModuleType:
    current = sys.modules.get("spacy.cli.info")
    if isinstance(current, _SpacyInfoStandIn):
        del sys.modules["spacy.cli.info"]
    real = importlib.import_module("spacy.cli.info")
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        spacy.info = real.info
    return real


def lean_spacy() -> None:
    """Before spaCy is imported: it will not import its command-line tools (``spacy.cli``)."""
    if "spacy" not in sys.modules and "spacy.cli.info" not in sys.modules:
        sys.modules["spacy.cli.info"] = _SpacyInfoStandIn("spacy.cli.info")


class _LazyPackage(types.ModuleType):
    """A package whose ``__init__`` runs the first time it is asked for a name it does not hold
    (its submodules import without it)."""

    def __getattr__(self, name: str):
        state = self.__dict__
        if state.get("_vnie_initialising"):
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        state["_vnie_initialising"] = True
        try:
            state["__spec__"].loader.exec_module(self)
        finally:
            state["_vnie_initialising"] = False
        self.__class__ = types.ModuleType   # complete now: plain lookups from here on
        try:
            return state[name]
        except KeyError:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}") from None


def _lazy_package(name: str) -> None:
    """``name`` in ``sys.modules`` as a package whose ``__init__`` has not run yet (nothing when imported)."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.submodule_search_locations is None:
        return
    module = _LazyPackage(name)
    module.__spec__, module.__loader__, module.__file__ = spec, spec.loader, spec.origin
    module.__path__, module.__package__ = list(spec.submodule_search_locations), name
    sys.modules[name] = module


def segmenters():
    """underthesea's ``sent_tokenize`` and ``word_tokenize``, without the rest of underthesea.

    RETURNS (tuple[Callable, Callable]): the two functions, the package's own.
    """
    _lazy_package("underthesea")
    import underthesea.pipeline.text_normalize  # noqa: F401 - first, as underthesea's own order (a cycle)
    from underthesea.pipeline.sent_tokenize import sent_tokenize
    from underthesea.pipeline.word_tokenize import word_tokenize

    return sent_tokenize, word_tokenize


def cache_dir() -> Path:
    """Where vnie keeps files it derives from installed ones: ``VNIE_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/vnie``, else ``~/.cache/vnie``."""
    if os.environ.get("VNIE_CACHE_DIR"):
        return Path(os.environ["VNIE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "vnie"


def _cached(source: Path, build):
    """``build()``, stored once in the cache folder as a C pickle keyed by ``source``'s path, size and
    time; read back when the key matches. A cache that cannot be read or written is rebuilt or skipped.
    Each installed copy of ``source`` has a file of its own (named by its path: several environments
    share the folder); of the others the ``KEEP_DERIVED - 1`` used last stay."""
    stat = source.stat()
    key = (CACHE_VERSION, str(source.resolve()), stat.st_size, stat.st_mtime_ns)
    return _through(cache_file(source), key, build, f"{source.parent.name}-{source.stem}-{'[0-9a-f]' * 16}.pickle")


_MISSING = object()


def _through(path: Path, key, build, siblings: str):
    """What the cache file ``path`` holds for ``key``, else ``build()`` stored there (``_store``)."""
    found = _read(path, key)
    if found is not _MISSING:
        return found
    value = build()
    _store(path, key, value, siblings)
    return value


def _read(path: Path, key):
    """The value a cache file holds for ``key`` (the file marked used), else ``_MISSING``: no file, a
    file of another key, or one that cannot be read (broken, truncated, of an older layout)."""
    try:
        with open(path, "rb") as fh:
            stored_key, value = load_pickle(fh)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError,
            IndexError, KeyError, ImportError, MemoryError):
        return _MISSING
    if stored_key != key:
        return _MISSING
    mark_used(path)
    return value


def cache_file(source: Path) -> Path:
    """Where ``_cached`` keeps what it derives from ``source``: named by its folder, stem and path."""
    digest = hashlib.sha1(str(source.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"{source.parent.name}-{source.stem}-{digest}.pickle"


def _store(path: Path, key, value, siblings: str) -> None:
    """Write ``(key, value)`` to ``path`` atomically; of the other files matching the glob ``siblings``
    the ``KEEP_DERIVED - 1`` used last stay. A folder that cannot be written is skipped (only slower)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        older = sorted((p for p in path.parent.glob(siblings) if p != path),
                       key=lambda p: p.stat().st_mtime, reverse=True)
        for old in older[KEEP_DERIVED - 1:]:
            old.unlink(missing_ok=True)
    except OSError as exc:   # a read-only home: fine, only slower
        log.debug("no cache at %s: %s", path, exc)


@contextmanager
def paused_gc():
    """The cyclic garbage collector paused meanwhile (as it was after): building or unpickling many
    long-lived containers otherwise triggers a collection every few hundred of them, each walking the
    young objects again (the pipeline's build: about 0.03 s of 0.25 s). Nothing garbage is made that
    a later collection would not find."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_pickle(fh):
    """``pickle.load(fh)`` with the cyclic garbage collector paused (``paused_gc``: several times faster
    for many small containers)."""
    with paused_gc():
        return pickle.load(fh)


@lru_cache(maxsize=None)
def source_digest(*modules: str) -> str:
    """SHA-1 of the source files of these (imported) modules: part of the key of what their code derives."""
    digest = hashlib.sha1()
    for name in modules:
        digest.update(b"\0%s\0" % name.encode() + Path(sys.modules[name].__file__).read_bytes())
    return digest.hexdigest()


def derived(kind: str, key: tuple | None, build: Callable[[], T]) -> T:
    """``build()``, stored once in the cache folder as a C pickle and read back while its key holds.

    The file is ``<kind>-<SHA-1>.pickle``, the SHA-1 of ``key`` (say the digests of the files read and
    the ``source_digest`` of the builder's modules: ``gazetteer.derived``), ``DERIVED_VERSION``, Python's
    version and its Unicode tables; the full key is stored beside the value and compared on reading. A
    missing, unreadable or different file is built again and replaced (of the other files of the same
    kind the ``KEEP_DERIVED - 1`` used last stay: a file read is marked used); a cache folder that
    cannot be written only costs the time to build. Store plain data (tuples, dicts, sets, strings),
    not objects holding regexes or code.

    kind (str): the name of what is cached ("spans-trie"; not starting with "gazetteer-").
    key (tuple | None): everything ``build`` reads; None, or None in it, builds without caching.
    RETURNS: ``build()``'s value, or an equal one read from the cache.
    """
    if key is None or any(part is None for part in key):   # an input that cannot be keyed: nothing cached
        return build()
    full = (DERIVED_VERSION, sys.version_info[:3], unicodedata.unidata_version, key)
    path = cache_dir() / f"{kind}-{hashlib.sha1(repr(full).encode()).hexdigest()}.pickle"
    return _through(path, full, build, f"{kind}-{'[0-9a-f]' * 40}.pickle")


def mark_used(path: Path) -> None:
    """Mark a cache file used now, so that pruning keeps the files in use (not only the newest written)."""
    try:
        os.utime(path)
    except OSError:   # a read-only folder: nothing is pruned there either
        pass


def load_word_model() -> None:
    """Load underthesea's word segmentation model as ``word_tokenize`` would on its first call (the
    same files, the same objects), reading its dictionary through the cache; nothing when loaded."""
    segmenters()
    module = sys.modules["underthesea.pipeline.word_tokenize"]
    if module.word_tokenize_model is not None:
        return
    import joblib
    from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger
    from underthesea_core import CRFFeaturizer, CRFTagger

    tagger = FastCRFSequenceTagger()
    folder = Path(module.__file__).parent / Path(*WORD_MODEL)
    if not (folder / tagger.path_model).is_file():   # another underthesea layout: its own loading
        return
    estimator = CRFTagger()
    estimator.load(str(folder / tagger.path_model))
    features = joblib.load(folder / tagger.path_features)
    dictionary = _cached(folder / tagger.path_dictionary, lambda: joblib.load(folder / tagger.path_dictionary))
    tagger.featurizer, tagger.estimator = CRFFeaturizer(features, dictionary), estimator
    module.word_tokenize_model = tagger


def arrow_without_pandas() -> None:
    """Let pyarrow convert Python rows without importing pandas (nothing when pandas is imported)."""
    if "pandas" in sys.modules:
        return
    import pyarrow as pa

    sys.meta_path.insert(0, _NO_PANDAS)   # `import pandas` fails while pyarrow looks, once, for it
    try:
        pa.array([0])
    finally:
        sys.meta_path.remove(_NO_PANDAS)


class _NoPandasFinder:
    """An import finder refusing pandas (``arrow_without_pandas``)."""

    @staticmethod
    def find_spec(name: str, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError(f"{name} is not imported while pyarrow converts Python rows (vnie)")
        return None


_NO_PANDAS = _NoPandasFinder()
