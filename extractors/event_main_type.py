"""Which event type an article is about: the title and the lead first, then the most mentioned.

Holds the trigger scores and ``main_type_of``.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from extractors.event_types import EventTypes
from pipeline.settings import EventsOptions

if TYPE_CHECKING:  # annotations only
    from extractors.event_triggers import Hit

# The score of a trigger by where it is (the title and the lead say what the article is about) and the weights:
# ``EventsOptions``, section [events] of pipeline/settings.toml, each with its reason. A review conference opens with
# the period's statistics: when the lead counts cases over a period and a meeting is named anywhere, the meeting is
# the news (``stats_conference_bonus``).


def main_type_of(hits: list[Hit], title_types: list[tuple[str, str]], review: bool, types: EventTypes,
                 options: EventsOptions, aside: frozenset = frozenset()) -> str:
    """The event type the article is about: title and lead first, then the most mentioned.

    hits (list[Hit]): the body's triggers; those counting cases over a period do not vote.
    title_types (list[tuple[str, str]]): (type, kind) of the title's triggers.
    review (bool): the lead tallies a period's results, so a meeting named anywhere is the news.
    types (EventTypes): the flags of ``event_types.jsonl`` (which types a review makes the news).
    options (EventsOptions): the scores and weights of section [events].
    aside (frozenset): hits after the first sentence told on a day other than its day ("Trước đó, rạng sáng
        14/6, ... phát hiện 2 đối tượng"): side actions, which do not vote. Defaults to none.
    RETURNS (str): the event type.
    """
    score: Counter = Counter()
    mentions: Counter = Counter()
    for k, (t, kind) in enumerate(title_types):
        weight = options.gift_weight if kind == "gift" else 1.0
        score[t] += (options.title_score if k == 0 else options.title_score / 2) * weight
    seen_lead: set[str] = set()
    for h in hits:
        if h.background or h in aside:
            continue
        weight = options.gift_weight if h.kind == "gift" else 1.0
        if h.rank == 0 and h.type not in seen_lead:
            score[h.type] += (options.lead_score if not seen_lead else options.lead_score / 2) * weight
            seen_lead.add(h.type)
        elif h.rank == 1:
            score[h.type] += options.second_score * weight / 2
        if h.kind == "head" and h.rank < options.lead_sentences:
            score[h.type] += options.head_bonus
        mentions[h.type] += weight
    for t, n in mentions.items():
        score[t] += min(options.mention_cap, options.mention_score * n)
    if review:
        for t in types.with_flag("review", "mentioned"):
            if mentions[t]:
                score[t] += options.stats_conference_bonus
        for t in types.with_flag("review", "head"):
            if any(h.type == t and h.kind == "head" for h in hits):
                score[t] += options.stats_conference_bonus  # "Hội nghị biểu dương ..." after the tally
    if not score and aside:
        return main_type_of(hits, title_types, review, types, options)  # only side actions vote when nothing else does
    first = {}
    for h in hits:
        first.setdefault(h.type, h.start)
    return max(score, key=lambda t: (score[t], -first.get(t, 1 << 30)))
