"""Which body sentences tell an event's news: not photo captions, not tallies over a period.

Holds ``with_flags`` (the article's record with its captions, the sentences that tell the news and its tallies),
``captions_of``, ``tallies_of``, ``review`` (whether the article opens with a tally) and ``capitals_tail`` (a
credit in capitals).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extractors.event_context import EventContext, flagged, line_start
from extractors.event_dates import own_day, point_days

if TYPE_CHECKING:  # annotations only
    from extractors.event_triggers import Hit

# The lead's length, the longest caption, the counts that make a tally: ``self.options``, section [events] of
# pipeline/settings.toml.
# The regexes that spot a tally or a caption are composed from ``event_words.jsonl`` (``EventWords``).
_STOPS = ".!?…:;”\")"  # how a paragraph of the article ends
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s*$")


def with_flags(ctx: EventContext) -> EventContext:
    """The article's record with its captions, the body sentences that tell the news (``ranked``) and its tallies."""
    return flagged(ctx, captions_of(ctx), tallies_of)


def captions_of(ctx: EventContext) -> set[int]:
    """Body sentences on a photo-caption line: a short line with a credit ("Ảnh: Văn Hải") or a
    photographer's name in capitals at its end ("... bị bắt giữ NAM LONG"), or a short line with no
    stop, number or day after a paragraph that ends with one ("Quang cảnh hội nghị")."""
    lines: dict[int, list[int]] = {}
    for i in ctx.body:
        lines.setdefault(line_start(ctx, i), []).append(i)
    out: set[int] = set()
    previous = ""
    for k, (start, ids) in enumerate(lines.items()):
        end = ctx.text.find("\n", start)
        line = ctx.text[start:end if end != -1 else len(ctx.text)].strip()
        words = len(line.split())
        credited = words <= ctx.rules.options.max_caption_words and (ctx.rules.words.photo_credit.search(line) or _capitals_credit(line))
        bare = (k > 0 and words <= ctx.rules.options.max_bare_caption_words and line[-1:] not in _STOPS and previous[-1:] in _STOPS
                and not any(c.isdigit() for c in line))
        if credited or bare:
            out.update(ids)
        previous = line
    return out


def tallies_of(ctx: EventContext) -> set[int]:
    """Sentences that count results over a period, and those continuing them in the same paragraph.

    A tally compares with an earlier period, or with no day of its own counts three cases or people,
    or some over a period ("Trong 6 tháng đầu năm, ... khởi tố 9 vụ, 9 bị can"); a day makes it an incident.
    """
    out: set[int] = set()
    for i in ctx.ranked:
        text = ctx.sent_text[i]
        counts = len(ctx.rules.words.case_count.findall(text))
        dated = bool(point_days(ctx, i))
        period = ctx.rules.words.period.search(text) is not None or ctx.rules.words.year_frame.match(text) is not None
        tally = (ctx.rules.words.compare.search(text) is not None
                 or (not dated and (counts >= ctx.rules.options.min_stats_counts or (counts and period))))
        continued = (counts and not dated and i - 1 in out and line_start(ctx, i) == line_start(ctx, i - 1))
        if tally or continued:
            out.add(i)
    return out


def review(ctx: EventContext, hits: list[Hit]) -> bool:
    """Whether the article opens by tallying a period's results, as the report of a review conference
    does: a tally among the first sentences, before any crime or accident told with its own day."""
    for i in ctx.ranked[:ctx.rules.options.stats_lead_sentences]:
        if i in ctx.tallies:
            return True
        if any(h.sentence == i and ctx.rules.types.incident(h.type) and not h.background and own_day(ctx, h)
               for h in hits):
            return False
    return False


def capitals_tail(text: str, start: int, end: int) -> int | None:
    """Where two or more words in capitals closing ``text[start:end]`` begin (a credit: "... NAM LONG")."""
    pos, words = end, 0
    while True:
        m = _WORD_BEFORE.search(text, start, pos)
        if m is None or not m.group(1).isupper() or len(m.group(1)) < 2:
            break
        pos, words = m.start(), words + 1
    return pos if words >= 2 else None


def _capitals_credit(line: str) -> bool:
    """Whether a line without a closing stop ends with a name in capitals after words in lower case."""
    if not line or line[-1] in _STOPS:
        return False
    credit = capitals_tail(line, 0, len(line))
    return credit is not None and any(c.islower() for c in line[:credit])
