"""Counts: cardinal numbers of things, people, money and area, with category and unit."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractors.base import Mention


@dataclass(frozen=True, slots=True)
class Count:
    """One row of the ``counts`` table.

    value (float): the number; unit (str): the counted noun as written;
    category (str): from the gazetteer; approximate (bool): hơn, gần, trên, khoảng ...;
    event (int | None): index of the event whose sentence holds it;
    award (str | None): the award (Bằng khen of whom) for award counts.
    """

    value: float
    unit: str
    category: str
    approximate: bool
    text: str
    sentence: int
    start: int
    end: int
    event: int | None = None
    award: str | None = None

    def mentions(self) -> list[Mention]:
        return [Mention("COUNT", self.text, self.start, self.end, "rule", self.category)]


@Language.factory("vnie_counts", requires=["doc.sents", "doc._.events"], assigns=["doc._.counts"])
def make_counts(nlp: Language, name: str) -> "CountFinder":
    return CountFinder()


class CountFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.counts = []
        return doc
