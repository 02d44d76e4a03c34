"""Who took part in an event: the officials named in its sentences or shown attending, speaking, presenting.

Holds ``participants_of``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractors.event_context import EventContext, sentence_at

if TYPE_CHECKING:  # annotations only
    from extractors.event_triggers import Hit

# The words that show officials attending, speaking, presenting: ``event_words.jsonl`` role "attending".


def participants_of(ctx: EventContext, sents: list[int], anchor: Hit) -> tuple[str, ...]:
    """person_ids of officials in the event's sentences or shown attending, speaking or presenting."""
    body = set(ctx.body)
    attending = ctx.memo.get("attending")
    if attending is None:  # sentences showing officials attending, speaking, presenting: read once per article
        attending = ctx.memo["attending"] = {i for i in body if ctx.rules.words.attend.search(ctx.sent_text[i])}
    wanted = set(sents) | (attending if anchor.type in ctx.rules.types.attended else set())
    out = []
    for person_id, starts in ctx.officials:
        for s in starts:
            i = sentence_at(ctx, s)
            if i in wanted and i in body:
                if person_id not in out:
                    out.append(person_id)
                break
    return tuple(out)
