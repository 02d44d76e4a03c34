"""Officials: name, rank, every position and organisation, one record per person."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractors.base import Mention


@dataclass(frozen=True, slots=True)
class Official:
    """One row of the ``officials`` table (one person in one article).

    person_id (str): stable across articles (see ``person_id``).
    name (str): the full name as written; rank (str | None): full form;
    titles, organizations (tuple[str, ...]): every position, and their organisations;
    sentence, start, end: the mention that gives most about the person;
    parts (tuple[Mention, ...]): every PER/RANK/TITLE/ORG mention of the person.
    """

    person_id: str
    name: str
    rank: str | None
    titles: tuple[str, ...]
    organizations: tuple[str, ...]
    sentence: int
    start: int
    end: int
    parts: tuple[Mention, ...] = ()

    def mentions(self) -> list[Mention]:
        return list(self.parts)


@Language.factory("vnie_officials", requires=["doc.sents"], assigns=["doc._.officials"])
def make_officials(nlp: Language, name: str) -> "OfficialFinder":
    return OfficialFinder()


class OfficialFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.officials = []
        return doc
