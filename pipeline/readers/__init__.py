"""Readers: input files to ``Article`` objects, one bad file never stopping the others.

The HTML and JSONL readers (BeautifulSoup, lxml, the site parsers) are imported when a file of
their kind is read, so a run over text files, or one that finds nothing new, never loads them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.article import Article, InputError
from pipeline.readers.decoding import decode_bytes
from pipeline.readers.txt import read_txt
from pipeline.settings import reader_options

SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}


def iter_input_files(inputs: Iterable[Path]) -> Iterator[Path | InputError]:
    """Input files in a stable order: named files, and folders searched recursively.

    Files of other types inside folders are ignored; a named file of another type
    or a missing path is reported as an ``InputError``.
    """
    for path in inputs:
        path = Path(path)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                              and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif not path.exists():
            yield InputError(str(path), "no such file or folder")
        elif path.suffix.lower() not in SUFFIXES:
            yield InputError(str(path), f"unsupported file type {path.suffix or '(none)'}: "
                                        "expected .txt, .html, .htm or .jsonl")
        else:
            yield path


def read_path(path: Path) -> Iterator[Article | InputError]:
    """Every article in ``path`` (several for JSONL), or the errors met; never raises."""
    source = str(path)
    try:
        kind = SUFFIXES[path.suffix.lower()]
        size = path.stat().st_size
        limit = reader_options().max_file_bytes
        if size > limit:
            raise InputError(source, f"file too large ({size:,} bytes > {limit:,} limit)")
        text = decode_bytes(path.read_bytes(), source)
        if kind == "jsonl":
            from pipeline.readers.jsonl import read_jsonl   # imported on use

            yield from read_jsonl(text, source)
        elif kind == "html":
            from pipeline.readers.pagekind import read_saved_page

            yield read_saved_page(text, source)   # a home or listing page is skipped with the reason
        else:
            yield read_txt(text, source)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - a reader bug must name the file, not end the run
        yield InputError(source, f"reader failed: {type(exc).__name__}: {exc}")


def read_inputs(inputs: Iterable[Path]) -> Iterator[Article | InputError]:
    """All articles from files and folders, with an ``InputError`` for each bad input."""
    for item in iter_input_files(inputs):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_path(item)
