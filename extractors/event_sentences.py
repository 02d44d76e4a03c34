"""Which body sentences count results over a period (a tally): their arrests and accidents are statistics.

Holds ``with_tallies`` (the article's record with its tallies), ``tallies_of`` and ``review`` (whether the article
opens with a tally, as a review conference's report does). Captions are ``event_captions``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import replace

from extractors.event_context import EventContext, line_start
from extractors.event_dates import own_day, point_days, range_starts

if TYPE_CHECKING:  # annotations only
    from extractors.event_triggers import Hit

# The lead's length and the counts that make a tally: ``ctx.rules.options``, section [events] of
# pipeline/settings.toml. The regexes that spot a tally are composed from ``event_words.jsonl`` (``EventWords``).


def with_tallies(ctx: EventContext) -> EventContext:
    """The article's record with its tallies (read from the days of its sentences, so after the record is built)."""
    return replace(ctx, tallies=frozenset(tallies_of(ctx)))


def tallies_of(ctx: EventContext) -> set[int]:
    """Sentences that count results over a period, and those continuing them in the same paragraph.

    A tally compares with an earlier period, or with no day of its own counts three cases or people,
    or some over a period ("Trong 6 tháng đầu năm, ... khởi tố 9 vụ, 9 bị can"); a day makes it an incident.
    """
    out: set[int] = set()
    for i in ctx.ranked:
        text = ctx.sent_text[i]
        counts = len(ctx.rules.words.case_count.findall(text))
        days = point_days(ctx, i)
        period = ctx.rules.words.period.search(text) is not None or ctx.rules.words.year_frame.match(text) is not None
        dated = bool(days) and not (counts and period and _reported_range(ctx, i, days))
        tally = (ctx.rules.words.compare.search(text) is not None
                 or (not dated and (counts >= ctx.rules.options.min_stats_counts or (counts and period))))
        continued = (counts and not dated and i - 1 in out and line_start(ctx, i) == line_start(ctx, i - 1))
        if tally or continued:
            out.add(i)
    return out


def _reported_range(ctx: EventContext, sentence: int, days: list) -> bool:
    """Whether the only days of a sentence are the report's, and the results it counts are over a range it writes
    ("Ngày 31/1, Phòng CSGT ... cho biết, trong đợt cao điểm từ ngày 10/1 đến 30/1, ... đã lập biên bản 4.126 trường
    hợp vi phạm"): a tally, not an incident of the report's day."""
    report = ctx.rules.words.report.search(ctx.text, ctx.sents[sentence].start_char, ctx.sents[sentence].end_char)
    return report is not None and bool(range_starts(ctx, sentence)) and all(d.end <= report.start() for d in days)


def review(ctx: EventContext, hits: list[Hit]) -> bool:
    """Whether the article opens by tallying a period's results, as the report of a review conference
    does: a tally among the first sentences, before any crime or accident told with its own day."""
    for i in ctx.ranked[:ctx.rules.options.stats_lead_sentences]:
        if i in ctx.tallies:
            return True
        if any(h.sentence == i and h.type in ctx.rules.types.incidents and not h.background and own_day(ctx, h)
               for h in hits):
            return False
    return False
