"""How good is the generic HTML path (sites with no parser: the police and provincial sources)?

Reads every recorded page of a folder (default ``../shared/fixtures/html``) twice: with the publisher
parsers as they are, and with them switched off so the generic cascade (trafilatura, htmldate, the
baseline) does all the work. The parsers' result, checked against these pages by the site tests, is
the reference. Per article page: the same title, the same publication time (to the minute), body
recall (share of the reference body's words the generic body has) and boilerplate (share of the
generic body's lines that are not in the reference body). Listing pages should give no article.
Per site (the page's folder): titles and dates right, the lowest recall and the highest boilerplate
share of its pages; ``FLOORS`` are what the generic path reaches on every site (``tests/test_html_generic.py``).

    python -m pipeline.bench_generic [FOLDER]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from pipeline.article import InputError
from pipeline.readers.decoding import decode_bytes
from pipeline.readers.pagekind import read_saved_page

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "fixtures" / "html"
WORD = re.compile(r"\w+")
# What the generic path reaches on every recorded site (worst page): checked by tests/test_html_generic.py.
FLOORS = {"recall": 1.0, "boilerplate": 0.0}


@dataclass
class PageScore:
    site: str
    page: str
    title: bool
    published: bool
    recall: float
    boilerplate: float
    reader: str


@contextmanager
def parsers_off():
    """Every page read as if its site had no parser."""
    with mock.patch("pipeline.readers.html.site_for_url", return_value=None):
        yield


def _read(path: Path):
    try:
        return read_saved_page(decode_bytes(path.read_bytes(), str(path)), str(path))
    except InputError as exc:
        return exc


def _words(text: str) -> Counter:
    return Counter(w.lower() for w in WORD.findall(text or ""))


def _body(article) -> str:
    end = article.captions_start if article.captions_start is not None else len(article.text)
    return article.text[:end]


def score(path: Path) -> PageScore | None:
    """The generic reading of an article page against the parser's; None when the parser finds none."""
    reference = _read(path)
    if isinstance(reference, InputError):
        return None
    with parsers_off():
        generic = _read(path)
    if isinstance(generic, InputError):
        return PageScore(path.parent.name, path.name, False, False, 0.0, 0.0, f"none ({generic.cause})")
    want, got = _words(_body(reference)), _words(_body(generic))
    recall = sum((want & got).values()) / max(1, sum(want.values()))
    ref_text = " ".join(_body(reference).split())
    lines = [" ".join(line.split()) for line in _body(generic).split("\n") if line.strip()]
    extra = [line for line in lines if line not in ref_text]
    return PageScore(path.parent.name, path.name, (generic.title or "").strip() == (reference.title or "").strip(),
                     (generic.published or "")[:16] == (reference.published or "")[:16], recall,
                     len(extra) / max(1, len(lines)), generic.reader)


@dataclass
class SiteScore:
    site: str
    pages: int
    titles: int
    dates: int
    recall: float       # the lowest of its pages
    boilerplate: float  # the highest of its pages


def by_site(scores: list[PageScore]) -> list[SiteScore]:
    """One row per site: its pages' titles and dates right, worst recall and worst boilerplate."""
    out = []
    for site in sorted({s.site for s in scores}):
        mine = [s for s in scores if s.site == site]
        out.append(SiteScore(site, len(mine), sum(s.title for s in mine), sum(s.published for s in mine),
                             min(s.recall for s in mine), max(s.boilerplate for s in mine)))
    return out


def pages_of(folder: Path) -> tuple[list[Path], list[Path]]:
    """(article pages, listing pages) of a folder of recorded pages (listings are named ``list-*``)."""
    pages = sorted(p for p in Path(folder).rglob("*.htm*") if p.is_file())
    return [p for p in pages if not p.name.startswith("list-")], [p for p in pages if p.name.startswith("list-")]


def listings_read(listings: list[Path]) -> tuple[int, int]:
    """(listing pages read as an article with the parsers off, with them)."""
    with_parsers = [p for p in listings if not isinstance(_read(p), InputError)]
    with parsers_off():
        taken = [p for p in listings if not isinstance(_read(p), InputError)]
    return len(taken), len(with_parsers)


def main(folder: Path = DEFAULT) -> None:
    articles, listings = pages_of(folder)
    scores = [s for s in (score(p) for p in articles) if s is not None]
    print(f"{'page':<34} {'title':>5} {'date':>5} {'recall':>7} {'boiler':>7}  reader (parsers off)")
    for s in scores:
        print(f"{s.page[:34]:<34} {'yes' if s.title else 'no':>5} {'yes' if s.published else 'no':>5} "
              f"{s.recall:7.3f} {s.boilerplate:7.3f}  {s.reader}")
    n = max(1, len(scores))
    print(f"\n{len(scores)} article pages: title {sum(s.title for s in scores)}/{len(scores)}, "
          f"date {sum(s.published for s in scores)}/{len(scores)}, mean body recall "
          f"{sum(s.recall for s in scores) / n:.3f}, mean boilerplate share {sum(s.boilerplate for s in scores) / n:.3f}")
    print(f"\n{'site':<16} {'pages':>5} {'title':>5} {'date':>5} {'recall':>7} {'boiler':>7}  (worst page)")
    for row in by_site(scores):
        print(f"{row.site:<16} {row.pages:>5} {row.titles:>5} {row.dates:>5} {row.recall:7.3f} {row.boilerplate:7.3f}")
    taken, with_parsers = listings_read(listings)
    print(f"{len(listings)} listing pages read as an article (should be none): {taken} with the parsers off, "
          f"{with_parsers} with them")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
