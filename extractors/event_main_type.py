"""Which event type an article is about: the title and the lead first, then the most mentioned.

Holds the trigger scores and ``main_type_of``.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from extractors.event_sentences import LEAD_SENTENCES
from extractors.event_types import EventTypes

if TYPE_CHECKING:  # annotations only
    from extractors.event_triggers import Hit

# Score of a trigger by where it is: the title and the lead say what the article is about.
TITLE_SCORE, LEAD_SCORE, SECOND_SCORE, MENTION_SCORE, MENTION_CAP, HEAD_BONUS = 4.0, 3.0, 1.5, 0.5, 3.0, 1.0
GIFT_WEIGHT = 0.3  # gift-giving is rarely what an article is about
# A review conference opens with the period's statistics: when the lead counts cases over a period and a
# meeting is named anywhere, the meeting is the news. Larger than a crime trigger's lead score and the
# mention cap together, so that the statistics cannot outvote it.
STATS_CONFERENCE_BONUS = 4.0


def main_type_of(hits: list[Hit], title_types: list[tuple[str, str]], review: bool, types: EventTypes,
                 aside: frozenset = frozenset()) -> str:
    """The event type the article is about: title and lead first, then the most mentioned.

    hits (list[Hit]): the body's triggers; those counting cases over a period do not vote.
    title_types (list[tuple[str, str]]): (type, kind) of the title's triggers.
    review (bool): the lead tallies a period's results, so a meeting named anywhere is the news.
    types (EventTypes): the flags of ``event_types.jsonl`` (which types a review makes the news).
    aside (frozenset): hits after the first sentence told on a day other than its day ("Trước đó, rạng sáng
        14/6, ... phát hiện 2 đối tượng"): side actions, which do not vote. Defaults to none.
    RETURNS (str): the event type.
    """
    score: Counter = Counter()
    mentions: Counter = Counter()
    for k, (t, kind) in enumerate(title_types):
        score[t] += (TITLE_SCORE if k == 0 else TITLE_SCORE / 2) * (GIFT_WEIGHT if kind == "gift" else 1.0)
    seen_lead: set[str] = set()
    for h in hits:
        if h.background or h in aside:
            continue
        weight = GIFT_WEIGHT if h.kind == "gift" else 1.0
        if h.rank == 0 and h.type not in seen_lead:
            score[h.type] += (LEAD_SCORE if not seen_lead else LEAD_SCORE / 2) * weight
            seen_lead.add(h.type)
        elif h.rank == 1:
            score[h.type] += SECOND_SCORE * weight / 2
        if h.kind == "head" and h.rank < LEAD_SENTENCES:
            score[h.type] += HEAD_BONUS
        mentions[h.type] += weight
    for t, n in mentions.items():
        score[t] += min(MENTION_CAP, MENTION_SCORE * n)
    if review:
        for t in types.with_flag("review", "mentioned"):
            if mentions[t]:
                score[t] += STATS_CONFERENCE_BONUS
        for t in types.with_flag("review", "head"):
            if any(h.type == t and h.kind == "head" for h in hits):
                score[t] += STATS_CONFERENCE_BONUS  # "Hội nghị biểu dương ..." after the tally
    if not score and aside:
        return main_type_of(hits, title_types, review, types)  # only side actions vote when nothing else does
    first = {}
    for h in hits:
        first.setdefault(h.type, h.start)
    return max(score, key=lambda t: (score[t], -first.get(t, 1 << 30)))
