"""Dates: calendar days, months and years, normalised, with the year inferred."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractors.base import Mention, body_sentences, text_of


@dataclass(frozen=True, slots=True)
class DateMention:
    """One row of the ``dates`` table.

    text (str): the date as written; value (str): ISO at its granularity;
    granularity (str): day, month or year; part_of_day (str | None): sáng, chiều ...;
    sentence, start, end: where it is.
    """

    text: str
    value: str
    granularity: str
    sentence: int
    start: int
    end: int
    part_of_day: str | None = None

    def mentions(self) -> list[Mention]:
        return [Mention("DATE", self.text, self.start, self.end, "rule", self.value)]


_FULL = re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-]((?:19|20)\d{2})\b")


@Language.factory("vnie_dates", requires=["doc.sents"], assigns=["doc._.dates"])
def make_dates(nlp: Language, name: str) -> "DateFinder":
    return DateFinder()


class DateFinder:
    """Finds d/m/yyyy dates (first version)."""

    def __call__(self, doc: Doc) -> Doc:
        found = []
        text = text_of(doc)
        for i, sent in body_sentences(doc):
            for m in _FULL.finditer(text, sent.start_char, sent.end_char):
                d, mo, y = (int(g) for g in m.groups())
                if 1 <= d <= 31 and 1 <= mo <= 12:
                    found.append(DateMention(m.group(0), f"{y:04d}-{mo:02d}-{d:02d}", "day", i, m.start(), m.end()))
        doc._.dates = found
        return doc
