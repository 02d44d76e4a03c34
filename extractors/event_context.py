"""What the event rules read: the rules read once (``EventRules``) and one article's record (``EventContext``).

Every event function takes the ``EventContext`` as its first argument and reads only its fields; nothing is
shared through hidden state. The record is built once per article by ``build_context`` (``events.EventFinder``),
the sentence flags (captions, the sentences that tell the news, tallies) last, from the sentences and their days.
"""

from __future__ import annotations

from collections import Counter
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from extractors.base import body_sentences, folded, sentence_texts, sentences, text_of
from extractors.dates import parse_published
from extractors.event_captions import captions_of
from extractors.event_cues import Cues
from extractors.event_types import EventTypes
from extractors.event_words import EventWords
from extractors.span_layer import SpanLayer
from pipeline.settings import EventsOptions


@dataclass(frozen=True)
class EventRules:
    """What the ``vnie_events`` factory read once.

    words (EventWords): the regexes of ``event_words.jsonl``.
    types (EventTypes): the flags of ``event_types.jsonl``.
    options (EventsOptions): section [events] of the settings.
    cues (Cues): ``event_cues.jsonl`` (anniversary, campaign, story, unit, action ... cues).
    decisions (frozenset[str]): crime trigger patterns that are a decision (xử phạt, khởi tố), not an arrest.
    campaigns (frozenset[str]): trigger patterns that open a campaign (ra quân, mở đợt cao điểm).
    """

    words: EventWords
    types: EventTypes
    options: EventsOptions
    cues: Cues
    decisions: frozenset[str] = frozenset()
    campaigns: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EventContext:
    """One article as the event rules read it.

    text, folded (str): the article text and its tone-folded copy (same offsets).
    sents (list[Span]), sent_text (list[str]): its sentences and their texts.
    body (list[int]): the body sentences; ``ranked`` those that tell the news (not captions); ``captions`` and
        ``tallies`` (sentences counting over a period) their flags.
    dates (dict[int, list]): day mentions by sentence; places (dict[int, list]): places by sentence.
    officials (tuple[tuple[str, tuple[int, ...]], ...]): (person_id, where its mentions start) of each official.
    published (date | None), published_raw (str): the publication day and the value as given.
    reference_day (date | None): the day an anniversary's days are long before.
    main_province (str | None): the province the article names most.
    rules (EventRules): what the factory read once.
    memo (dict): per-article answers computed once (point days by sentence, attending sentences).
    spans (SpanLayer | None): the Doc's span layer (``doc._.vnie_spans``): its words and gazetteer matches, the
        triggers among them.
    """

    text: str
    folded: str
    sents: list[Span]
    sent_text: list[str]
    body: list[int]
    dates: dict[int, list]
    places: dict[int, list]
    officials: tuple[tuple[str, tuple[int, ...]], ...]
    published: date | None
    published_raw: str
    reference_day: date | None
    main_province: str | None
    rules: EventRules
    captions: frozenset[int] = frozenset()
    ranked: list[int] = field(default_factory=list)
    tallies: frozenset[int] = frozenset()
    memo: dict = field(default_factory=dict, compare=False)
    spans: SpanLayer | None = field(default=None, compare=False, repr=False)


def article_context(doc: Doc, rules: EventRules) -> EventContext:
    """The record of one article, with its captions and the body sentences that tell the news; its tallies are read
    from the days of its sentences, so ``event_sentences.with_tallies`` adds them to the record built here."""
    text = text_of(doc)
    article = doc._.article or {}
    dates: dict[int, list] = {}
    # every date mention (doc._.dates keeps one per value; an event needs the one in its sentence)
    for d in doc._.date_mentions or doc._.dates or []:
        if d.granularity == "day":
            dates.setdefault(d.sentence, []).append(d)
    places: dict[int, list] = {}
    found_places = doc._.places or []
    for p in found_places:
        places.setdefault(p.sentence, []).append(p)
    # the day an anniversary's days are long before: the publication's last possible day, else the latest written
    published = parse_published(article.get("published"))
    days = [as_date(d.value) for ds in dates.values() for d in ds]
    reference_day = published.last_day if published else max(filter(None, days), default=None)
    published_raw = article.get("published") or ""
    provinces = Counter(p.province for p in found_places if p.province and not p.residence)
    officials = tuple((o.person_id, tuple(m.start for m in getattr(o, "parts", ())) or (o.start,))
                      for o in doc._.officials or [])
    sents = sentences(doc)
    body = [i for i, _ in body_sentences(doc)]
    captions = captions_of(text, sents, body, rules.words, rules.options)
    return EventContext(text=text, folded=folded(doc), sents=sents, sent_text=sentence_texts(doc), body=body,
                        dates=dates, places=places, officials=officials, published=as_date(published_raw[:10]),
                        published_raw=published_raw, reference_day=reference_day,
                        main_province=provinces.most_common(1)[0][0] if provinces else None, rules=rules,
                        captions=frozenset(captions), ranked=[i for i in body if i not in captions],
                        spans=doc._.vnie_spans)


def sentence_at(ctx: EventContext, char: int) -> int:
    """Index of the sentence holding character offset ``char``."""
    starts = ctx.memo.get("sentence_starts")
    if starts is None:
        starts = ctx.memo["sentence_starts"] = [s.start_char for s in ctx.sents]
    return max(0, bisect_right(starts, char) - 1)


def line_start(ctx: EventContext, sentence: int) -> int:
    """Where the line (paragraph) of a sentence starts."""
    return ctx.text.rfind("\n", 0, ctx.sents[sentence].start_char) + 1


def as_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
