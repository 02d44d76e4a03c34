"""Places: provinces and wards, resolved to their names after the 2025 merger."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractors.base import Mention


@dataclass(frozen=True, slots=True)
class Place:
    """A place mention: ``province`` is the post-2025 province, ``ward`` the commune/ward."""

    text: str
    level: str  # province, ward, district
    province: str | None
    ward: str | None
    sentence: int
    start: int
    end: int

    def mentions(self) -> list[Mention]:
        return [Mention("LOC", self.text, self.start, self.end, "gazetteer", self.province)]


@Language.factory("vnie_places", requires=["doc.sents"], assigns=["doc._.places"])
def make_places(nlp: Language, name: str) -> "PlaceFinder":
    return PlaceFinder()


class PlaceFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.places = []
        return doc
