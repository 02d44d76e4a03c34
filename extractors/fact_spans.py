"""Facts as spans: what the rules found, laid on the Doc as labelled spaCy spans.

The last component. It reads the records the extractors wrote (officials with their
name, rank, title and organisation parts, places, events, every count and date
mention) and writes them as spans, so spaCy's tools show them:

  doc.spans["facts"]  every fact, labels PER, RANK, TITLE, ORG, LOC, DATE, COUNT, EVENT
                      (the ``mentions`` table's rule rows, one span per label and offsets)
  doc.ents            the non-overlapping ones (``spacy.util.filter_spans``: longest first)

Each span carries its row's key in ``span._.norm`` (full rank, province, event type,
count category, ISO date), its ``span._.method`` and the exact character offsets in
``span._.offsets``: underthesea's tokens hold several syllables, so a span is widened
to whole tokens (``alignment_mode="expand"``) while the offsets stay the record's.

    spacy.displacy.render(doc, style="span", options={"spans_key": "facts"})
    spacy.displacy.render(doc, style="ent")
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractors.base import Mention, token_ends

log = logging.getLogger(__name__)

SPAN_KEY = "facts"


@Language.factory("vnie_fact_spans", requires=["doc._.officials", "doc._.places", "doc._.events", "doc._.count_mentions",
                                               "doc._.date_mentions"],
                  assigns=["doc.spans", "doc.ents", "doc._.facts"], default_config={"spans_key": SPAN_KEY})
def make_fact_spans(nlp: Language, name: str, spans_key: str) -> "FactSpans":
    """Build the facts-as-spans component.

    spans_key (str): the span group written. Defaults to ``"facts"``.
    RETURNS (FactSpans): the component.
    """
    return FactSpans(spans_key)


class FactSpans:
    """Writes the extractors' mentions as ``doc.spans[spans_key]`` and ``doc.ents``.

    spans_key (str): the span group written.
    """

    def __init__(self, spans_key: str = SPAN_KEY):
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        try:
            self.set_annotations(doc, self.match(doc))
        except Exception:  # noqa: BLE001 - showing the facts must never lose the article
            log.exception("fact spans failed on %r", (doc._.article or {}).get("source"))
            doc.spans[self.spans_key] = []
            doc._.facts = {}
        return doc

    def match(self, doc: Doc) -> list[Span]:
        """One span per distinct (label, start, end) mention, in text order.

        doc (Doc): the article, after every extractor.
        RETURNS (list[Span]): labelled spans; ``doc._.facts`` gets the mention of each (read by their
            ``_.norm``, ``_.method`` and ``_.offsets``).
        """
        ends = token_ends(doc)
        seen: set[tuple[str, int, int]] = set()  # (label, start, end) of the mentions taken
        widened: dict[tuple[str, int, int], int] = {}  # (label, first token, end token): spans on them so far
        found: list[tuple[int, int, str, Span, Mention]] = []
        for m in _mentions(doc):
            if (m.label, m.start, m.end) in seen or m.end <= m.start:
                continue  # a repeated mention: the first one stays, as in the mentions table
            # the tokens the mention touches, as doc.char_span(..., alignment_mode="expand") gives them (a
            # mention starts and ends on a character of a token: the tokenizer covers every non-space one)
            first, last = bisect_right(ends, m.start), bisect_left(ends, m.end) + 1
            if last > len(ends):
                continue
            seen.add((m.label, m.start, m.end))
            # two facts widened onto the same tokens ("43/45 vụ" and "45 vụ": "43/45" is one token): the
            # second gets a span id of its own, so each keeps its own row
            n = widened.get((m.label, first, last), 0)
            widened[(m.label, first, last)] = n + 1
            span = Span(doc, first, last, label=m.label, span_id=f"vnie_fact_{n}" if n else 0)
            found.append((m.start, m.end, m.label, span, m))
        found.sort(key=lambda f: f[:3])
        doc._.facts = {fact_key(span): m for *_, span, m in found}
        return [span for *_, span, _m in found]

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        """``doc.spans[spans_key]`` gets every span, ``doc.ents`` the longest non-overlapping ones."""
        doc.spans[self.spans_key] = spans
        doc.ents = filter_spans(spans)


def fact_key(span: Span) -> tuple[int, int, int, int]:
    """The key of a fact span in ``doc._.facts``: label, tokens and span id (spaCy keeps a span's own
    extension values by its characters only, which two facts may share)."""
    return span.label, span.start, span.end, span.id


def _mentions(doc: Doc) -> Iterable[Mention]:
    """Every rule mention, read as the mentions table reads them (``pipeline/tables.py``)."""
    for name in ("officials", "places", "events"):
        for record in getattr(doc._, name) or []:
            yield from record.mentions()
    for record in (doc._.count_mentions or doc._.counts or []):
        yield from record.mentions()
    for record in (doc._.date_mentions or doc._.dates or []):
        yield from record.mentions()
