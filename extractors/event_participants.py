"""Who took part in an event: the officials named in its sentences or shown attending, speaking, presenting.

Holds ``EventParticipants``, the part of ``events.EventContext`` that lists them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractors.base import sentence_of

if TYPE_CHECKING:  # annotations only
    from extractors.event_triggers import Hit

# The words that show officials attending, speaking, presenting: ``event_words.jsonl`` role "attending".


class EventParticipants:
    """The participants of ``EventContext`` (reads doc, sent_text, body; caches ``_attending``)."""

    def participants(self, sents: list[int], anchor: Hit) -> tuple[str, ...]:
        """person_ids of officials in the event's sentences or shown attending, speaking or presenting."""
        body = set(self.body)
        if self._attending is None:
            self._attending = {i for i in body if self.words.attend.search(self.sent_text[i])}
        attending = self._attending
        wanted = set(sents) | (attending if self.types.attended(anchor.type) else set())
        out = []
        for o in self.doc._.officials or []:
            spans = [(m.start, m.end) for m in getattr(o, "parts", ())] or [(o.start, o.end)]
            for s, _e in spans:
                i = sentence_of(self.doc, s)
                if i in wanted and i in body:
                    if o.person_id not in out:
                        out.append(o.person_id)
                    break
        return tuple(out)
