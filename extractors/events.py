"""Events: what the article reports as happening, typed by trigger, dated and placed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from extractors.base import Mention


@dataclass(frozen=True, slots=True)
class Event:
    """One row of the ``events`` table; the article's main event comes first.

    event_id (str): ``<article_id>-e<n>`` is given by the run; here the index n.
    parent (int | None): index of the main event a sub-event belongs to.
    participants (tuple[str, ...]): person_ids of officials attending, speaking, presenting.
    """

    index: int
    event_type: str
    name: str
    event_date: date | None
    province: str | None
    ward: str | None
    participants: tuple[str, ...]
    sentence: int
    start: int
    end: int
    parent: int | None = None
    trigger: str | None = None

    def mentions(self) -> list[Mention]:
        return [Mention("EVENT", self.name, self.start, self.end, "gazetteer", self.event_type)]


@Language.factory("vnie_events", requires=["doc._.dates", "doc._.places", "doc._.officials"],
                  assigns=["doc._.events"])
def make_events(nlp: Language, name: str) -> "EventFinder":
    return EventFinder()


class EventFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.events = []
        return doc
