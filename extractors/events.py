"""Events: what the article reports as happening, typed by trigger, dated and placed.

The steps, in order:
  1. Triggers (``event_triggers.jsonl``: "ngày hội", "hội nghị biểu dương", "bắt quả tang", "thăm"
     ...) are found in the body sentences that tell the news: not on a photo caption ("... Ảnh: Văn
     Hải", "... NAM LONG"), not in a recommendation ("đề nghị ... khen thưởng"), a purpose clause or
     quotes. Arrests and accidents in a tally ("Trong 6 tháng đầu năm ... khởi tố 9 vụ, 9 bị can",
     "giảm 2 vụ so với cùng kỳ") are background: they never make an event; so are the sanctions a report sums up over
     a range ("Ngày 31/1, ... cho biết, trong đợt cao điểm từ ngày 10/1 đến 30/1, ... đã lập biên bản 4.126 trường
     hợp"), and when they (or a sanction title over them) are all the article's type tells, the drive (an action) is
     the main event, on the range's first day. A visit told in the clause of
     an award ("đến thăm hỏi, động viên và trao thưởng nóng ...") only brings it: the award is the news. Gifts
     told after a visit in its clause ("đã đến thăm, trao 400 suất quà Tết ...") are what the visit brought: no
     gift in the article or its title votes then. A discovery or hand-over verb is an arrest only with its object in
     its clause ("phát hiện 1 xuồng máy chở dầu", "bàn giao 3 đối tượng"; entry "next": "suspect"/"offence" and
     the cue words of ``event_cues.jsonl``), never a fire or a death found ("phát hiện xe bốc cháy"). A victim's
     passive ("bị đâm", "bị chiếm đoạt") is the crime only in a sentence with its own day; a negated verb
     ("không làm việc"), the time since an event ("sau một tháng ra mắt") and an assumed scenario ("Tình huống giả
     định: ...", the drill is the event) report nothing.
  2. The main event is the type the title and the lead talk about, and the most mentioned. An article
     that opens with a tally reports a review: the meeting named anywhere ("tại hội nghị") is the news.
     One ceremony ("Lễ kỷ niệm ...", "gặp mặt": trigger role "ceremony") at which awards are given is one
     commendation event, not "other" plus its commendation. Actions told after the lead on a day other than the
     lead's ("Trước đó, rạng sáng 2/4, ... phát hiện 3 đối tượng") are side actions and do not vote.
  3. Its date is the day written in the first of its sentences that has one (not a range, a
     document date "Quyết định số 7/QĐ-UBND ngày ...", a date in parentheses or a commemorated
     anniversary "kỷ niệm 30 năm ... (1/4/1995-1/4/2025)", which dates no event), else the first day
     of the campaign it opens ("ra quân đợt cao điểm ... từ ngày 5/9-20/10"), else the lead's day, else the
     first day of a range, else "sáng nay"/"chiều qua" from the publication day. A crime is dated by the day of its raid or
     arrest: the day its paragraph opens with ("Khoảng 13 giờ ngày 5/5, ... Tại đây, bắt giữ ..."),
     and for a report ("Ngày 6/5, Công an ... cho biết đang củng cố hồ sơ ...") the earlier day of the
     raid written after it; a fine or prosecution reported on its day keeps that day, unless the fine was
     given at a roadside stop or the day before the report (then the stop's day). An accident or a fire
     reported later is dated the same way, by the crash or the alarm told after the report ("Theo đó, tối 5.1,
     ô tô tải va chạm ...", "Khoảng 21h50 ngày 27/6, ... nhận được tin báo cháy"). Any other event that a report
     says was done at an unwritten time ("Ngày 28/9, Công an huyện cho biết, đã ra mắt mô hình ...") has no
     day, unless another of its sentences writes one. A fire is dated by the day it broke out, not by a later
     clause about its control ("Đến 1 giờ sáng 18/11, đám cháy được khống chế"; cues "control"). Each dated step
     of a case is its own event: a raid the lead tells on an earlier day than the prosecution or record dated
     after it ("Khoảng 22 giờ ngày 16/1, tại xã B, ... kiểm tra xe ... Ngày 17/1, ... khởi tố") is the main event,
     the later step a crime of its own day placed by its own sentence. Days listed together ("Trong hai ngày 8 và
     9/8") start on the first; a report summing up a range ("Ngày 5/2, ... cho biết, trong chương trình ... diễn ra
     từ 29/1 - 4/2, ... đã trao") dates what it tells by the range's first day, not by the report's.
  4. Its place is the ward of its dated or leading sentence (when that names exactly one), and
     that ward's province, else the province written there, else the lead's, else the article's main
     province; in a sentence naming several provinces, the one of the acting unit ("Công an huyện X bắt ...").
     An event that is not the incident itself (a commendation) is not placed where the case it is about happened
     ("khen thưởng ... vụ cướp xảy ra tại thị trấn B").
     A sentence naming two wards, or a ward's name ending a unit's name ("Đồn Biên phòng B đã bàn giao"), points to
     none. Another case told with "cũng" ("Công an xã B, tỉnh C cũng xử phạt ...") does not place it, nor does a mention
     in a paragraph of another day, nor a commune's bare name ending a unit's name ("Đồn Biên phòng Tam Chung").
  5. Other rows (a side action without a day in its sentence takes the day of the nearest earlier sentence of its
     paragraph that writes one, "ngày hôm sau" the day after it): crimes with their own day or, told with "cũng",
     their own place, in the main event's ward only when they point to it ("Công an phường", its name); visit days with
     their own day; any other action the article dates on a day of its own near the main event's ("Trước
     đó, sáng 4/3, đoàn đã tặng 60 suất quà ..."), an event of its own (never a sub-event of an event of another
     day), placed by its own clause only (in the main event's ward when it points to it: "Công an phường", "xã",
     its name); and inside a festival, launch or conference, the commendation and the gift-giving it included (``parent`` = 0).
     An inspection that ends in a sanction in its own clause ("kiểm tra an toàn ..., lập biên bản vi phạm và phạt ...")
     is that sanction's crime, no action beside it.
     An action no trigger names, in a sentence that opens with a day of its own, then a unit and an action verb
     ("Trước đó, ngày 19/10, Ban Chỉ huy Quân sự huyện đã điều 30 chiến sĩ ...", "Ngày 1/12, Công an tỉnh đã mở
     đợt kiểm tra ..."; cues "actor" and "action"), is an event typed other (in a crime's article a raid told so
     is a crime), placed by its own sentence only; a report's, a plan's or a document's day is none.
  6. Names: the noun phrase from a head noun up to where the clause goes on ("Hội nghị sơ kết công
     tác ..." before "do", "với sự tham dự", "được tổ chức"); for a crime the act and its object ("bắt
     giữ 16 người ..."); for other verbs the clause with its short subject.
Repeated mentions of one event are one row.

The steps live next to this module: ``event_triggers`` (1), ``event_cues`` (anniversary, campaign and story cues),
``event_words`` (the regexes composed from the word roles of ``event_words.jsonl``), ``event_types`` (what each
type does, from ``event_types.jsonl``), ``event_captions`` (captions), ``event_sentences`` (tallies),
``event_main_type`` (2), ``event_dates`` (3), ``event_places`` (4), ``event_names`` (6) and
``event_participants``; ``event_context`` holds the article's record (``EventContext``) every step reads, and the
rules read once (``EventRules``). This module holds the ``Event`` record, the ``vnie_events`` factory,
``EventFinder`` (the flow) and step 5 as plain functions over the record.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from extractors.base import Mention, text_of
from extractors.event_context import EventContext, EventRules, article_context, as_date
from extractors.event_cues import CAMPAIGN, STORY, Cues
from extractors.event_dates import (dated_action, earlier_raid, in_the_past, main_day, point_days, range_starts,
                                    side_day, side_day_sentence, under_control)
from extractors.event_main_type import main_type_of
from extractors.event_names import anchor_of, name_span
from extractors.event_participants import participants_of
from extractors.event_places import another_case, elsewhere_of, place_of, points_to
from extractors.event_sentences import review, with_tallies
from extractors.event_triggers import Hit, Triggers
from extractors.event_types import EventTypes
from extractors.event_words import EventWords
from gazetteer import read_gazetteer
from pipeline.settings import EventsOptions, events_options

log = logging.getLogger(__name__)

# Thresholds and weights: section [events] of pipeline/settings.toml (``EventsOptions``). A side action dated on its
# own day within ``side_event_max_days`` of the main event (or of publication) is part of the news ("Trước đó, sáng
# 4/3, đoàn đã tặng 60 suất quà"; "năm ngoái, ngày 16/9, xã được tặng Bằng khen"); one further away is the unit's
# history ("Ngày 2/9/2015, đơn vị được tặng Huân chương"), background.


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


@Language.factory("vnie_events", requires=["doc.sents", "doc._.article", "doc._.body_end", "doc._.date_mentions",
                                          "doc._.places", "doc._.officials", "doc._.vnie_spans"],
                  assigns=["doc._.events"],
                  default_config={"triggers": "event_triggers.jsonl", "cues": "event_cues.jsonl",
                                  "words": "event_words.jsonl", "types": "event_types.jsonl"})
def make_events(nlp: Language, name: str, triggers: str, cues: str, words: str, types: str) -> "EventFinder":
    return EventFinder(read_gazetteer(triggers), read_gazetteer(cues), EventWords.from_entries(read_gazetteer(words)),
                       EventTypes.from_entries(read_gazetteer(types)), events_options())


class EventFinder:
    """Finds the article's events from trigger words, the dates, places and officials already found.

    triggers (tuple[dict, ...]): ``event_triggers.jsonl`` entries: pattern, id (event type), kind, next, stage, role.
    cues (tuple[dict, ...]): ``event_cues.jsonl`` entries: pattern, id (anniversary, campaign, story).
    words (EventWords | None): the regexes of ``event_words.jsonl``. Defaults to the file's.
    types (EventTypes | None): the flags of ``event_types.jsonl``. Defaults to the file's.
    options (EventsOptions | None): section [events] of the settings. Defaults to the settings file's.
    """

    def __init__(self, triggers: tuple[dict, ...], cues: tuple[dict, ...] = (), words: EventWords | None = None,
                 types: EventTypes | None = None, options: EventsOptions | None = None):
        options = options or events_options()
        words = words or EventWords.from_entries(read_gazetteer("event_words.jsonl"))
        types = types or EventTypes.from_entries(read_gazetteer("event_types.jsonl"))
        self.triggers = Triggers(triggers, Cues(cues), words, types, options)
        self.rules = EventRules(words=words, types=types, options=options, cues=self.triggers.cues,
                                decisions=self.triggers.decisions, campaigns=self.triggers.campaigns)

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.events = self.find(doc)
        except Exception:  # noqa: BLE001 - a failing rule must not lose the article
            log.exception("events failed on %r", text_of(doc)[:60])
            doc._.events = []
        return doc

    # -- 2-5. events ------------------------------------------------------------------------
    def find(self, doc: Doc) -> list[Event]:
        """The article's events, main first."""
        ctx = with_tallies(article_context(doc, self.rules))
        hits = self.triggers.match(ctx)
        title_types = self.triggers.title_types((doc._.article or {}).get("title") or "", ctx.spans.gazetteer)
        types = ctx.rules.types
        visit, award, action = types.of_role("visit"), types.of_role("award"), types.of_role("action")
        if any(h.type == visit for h in hits) and not any(h.kind == "gift" for h in hits):
            title_types = [t for t in title_types if t[1] != "gift"]  # the gifts a visit brought (or none told)
        if not [h for h in hits if not h.background]:
            # statistics are not an event: only the title can still name one
            if not title_types or not ctx.ranked:
                return []
            i = ctx.ranked[0]
            lead = ctx.sents[i]
            if title_types[0][0] in types.cases and summed_drive(ctx, i):
                # a sanction title over a drive summed up ("Xử phạt hơn 3.200 trường hợp ..."): the drive is the news
                title_types = [(action if t in types.cases else t, kind) for t, kind in title_types]
            hits = [Hit(title_types[0][0], "title", i, 0, lead.start_char, lead.start_char, "")]
        # actions told on a day other than the lead's are side actions: they do not say what the article is about
        lead_days = [point_days(ctx, i) for i in ctx.ranked[:1]]
        lead_day = as_date(lead_days[0][0].value) if lead_days and lead_days[0] else None
        aside = frozenset(h for h in hits if h.rank > 0 and lead_day is not None
                          and side_day(ctx, h) not in (None, lead_day))
        main_type = main_type_of(hits, title_types, review(ctx, hits), types, ctx.rules.options, aside)
        main_hits = [h for h in hits if h.type == main_type and not h.background] or \
            [h for h in hits if h.type == main_type]
        if main_hits and main_type in types.cases and all(h.background for h in main_hits) and \
                summed_drive(ctx, main_hits[0].sentence):
            # the results of a drive summed up ("trong đợt cao điểm ... từ ngày 10/1 đến 30/1, ... đã lập biên bản
            # 4.126 trường hợp vi phạm"): the drive is the news, not one sanction
            main_type = types.of_role("action")
            main_hits = [replace(h, type=main_type) for h in main_hits]
        if not main_hits:
            # the title names a type no body sentence reports ("Hội nghị tổng kết ..." over a lead telling the award
            # given at it): the lead tells it, as when the body reports nothing
            lead = ctx.sents[ctx.ranked[0]]
            main_hits = [Hit(main_type, "title", ctx.ranked[0], 0, lead.start_char, lead.start_char, "")]
        day, day_sentence, report = main_day(ctx, main_hits, hits)
        drive = main_hits[0].sentence
        if main_type == types.of_role("action") and summed_drive(ctx, drive):
            # a drive summed up by a report starts on its range's first day, not on the report's
            # (the report's sentence tells nothing else: no side action on the report's day)
            day, day_sentence, report = as_date(range_starts(ctx, drive)[0].value), drive, drive
        raid = earlier_raid(ctx, main_type, day, day_sentence, report)
        if raid is not None:
            # "Khoảng 22 giờ ngày 16/1, tại xã B, tổ công tác kiểm tra xe ... Ngày 17/1, ... khởi tố": each dated step
            # of a case is its own event; the lead's raid is the main one, the later step a crime of its own day
            day, day_sentence = raid
            lead = ctx.sents[day_sentence]
            kept = [h for h in main_hits if side_day(ctx, h) in (None, day)]  # its steps told without a day
            told = ctx.rules.words.raid.search(ctx.text, lead.start_char, lead.end_char)
            if not kept and told is not None and ctx.rules.words.report.search(ctx.sent_text[day_sentence]):
                # a report's raid is named by the raid it tells ("cho biết, ... vừa kiểm tra một kho hàng ...")
                kept = [Hit(main_type, "act", day_sentence, 0, told.start(), told.end(), "")]
            main_hits = kept or [Hit(main_type, "title", day_sentence, 0, lead.start_char, lead.start_char, "")]
        hosts = types.hosts
        awards = [h for h in hits if h.type == award and not h.background
                  and side_day(ctx, h) in (None, day) and not in_the_past(ctx, h, day)]
        # a ceremony told on a day of its own ("Trước lễ giao quân, ngày 26/2, ... tổ chức gặp mặt") is not the
        # one at which the main day's awards were given
        ceremonies = [h for h in main_hits if h.pattern in self.triggers.ceremonies and side_day(ctx, h) in (None, day)]
        if main_type == action and awards and ceremonies:
            # one ceremony at which awards are given ("Lễ kỷ niệm ... và đón nhận Huân chương") is one
            # commendation event; the gifts given at it stay its sub-events
            merged = {h: replace(h, type=award) for h in ceremonies}
            hits = [merged.get(h, h) for h in hits]
            main_type, hosts = award, hosts + (award,)
            main_hits = [merged[h] for h in main_hits if h in merged] + awards
        # an arrest names a crime better than the case file a report tells of ("đang củng cố hồ sơ")
        # and a fire's outbreak better than the clause about its control
        named = [h for h in main_hits if h.pattern not in self.triggers.case_files] or main_hits
        outbreak = types.dated_by.get(main_type) == "outbreak"
        anchor = anchor_of(ctx, [h for h in named if not (types.dated_by.get(h.type) == "outbreak"
                                                          and under_control(ctx, h.sentence))] or named)
        # another case told with "cũng" ("Công an xã B cũng xử phạt ...") does not place the main one
        # nor does a mention told in a paragraph of another day ("Trước đó, ngày 10/12, tại xã A, ... bắt giữ ...")
        told_here = [h.sentence for h in main_hits if h.rank < ctx.rules.options.place_sentences
                     and not another_case(ctx, h.sentence) and side_day(ctx, h) in (None, day) and raid is None]
        # else the lead's unit; a commendation is not placed where the case it rewards happened
        incident = main_type in types.incidents
        province, ward = place_of(ctx, [day_sentence] + told_here + ctx.ranked[:1], incident=incident)
        events = [make_event(ctx, 0, main_type, anchor, day, province, ward, [h.sentence for h in main_hits], None)]
        # a fire brought under control on the next day is the same fire ("Đến 1 giờ sáng 18/11, đám cháy ... khống chế")
        others = [h for h in hits if h.sentence != report
                  and not (h.type == main_type and outbreak and under_control(ctx, side_day_sentence(ctx, h)))]
        events += others_of(ctx, others, main_type, day, province, ward, hosts)
        taken = {day_sentence} | {h.sentence for h in hits} | {side_day_sentence(ctx, h) for h in hits}
        events += dated_actions(ctx, taken, main_type, events, province)
        return events


def summed_drive(ctx: EventContext, sentence: int) -> bool:
    """Whether a tally sentence sums up a drive over a range it writes ("trong đợt cao điểm ... từ ngày 10/1 đến
    30/1, lực lượng chức năng đã lập biên bản ..."): a campaign word and a range."""
    sent = ctx.sents[sentence]
    return sentence in ctx.tallies and bool(range_starts(ctx, sentence)) and \
        bool(ctx.rules.cues.find(ctx.spans, sent.start_char, sent.end_char, CAMPAIGN))


def dated_actions(ctx: EventContext, taken: set[int], main_type: str, events: list[Event],
                  province: str | None) -> list[Event]:
    """Actions that no trigger names, told in a sentence that opens with a day of their own ("Trước đó,
    ngày 19/10, Ban Chỉ huy Quân sự huyện đã điều 30 chiến sĩ giúp nhân dân xã B gia cố đê"; "Ngày 1/12, Công
    an tỉnh đã mở đợt kiểm tra ..."): events of type other, placed by their own sentence only (a ward it names,
    else the province of the unit that acted), never a sub-event of the main event (another day's). In a
    crime's article a raid told so ("Trước đó, khoảng 22 giờ ngày 3/3, tổ công tác kiểm tra xe tải, phát hiện
    ...") or a later step of the case ("Ngày 9/6, Công an huyện đã bàn giao hồ sơ, tang vật cho ...") is a step of the case: a crime of its own day, placed by its sentence."""
    out: list[Event] = []
    types = ctx.rules.types
    case = main_type in types.cases
    main_day = events[0].event_date
    seen = {(e.event_type, e.event_date, e.ward) for e in events}
    for rank, i in enumerate(ctx.ranked):
        if i in taken or i in ctx.tallies:
            continue
        found = dated_action(ctx, i, raids=case)
        if found is None:
            continue
        day, start, end = found
        raid = case and (ctx.rules.words.raid.fullmatch(ctx.text, start, end)
                         or ctx.rules.words.case_step.fullmatch(ctx.text, start, end))
        etype = main_type if raid else types.of_role("action")
        if day == main_day or not near(ctx, day, main_day):
            continue
        sub_province, sub_ward = place_of(ctx, [i], strict=True, incident=etype in types.incidents)
        # one event of a type a day, unless each names a ward of its own ("Cũng trong ngày 3/2, ... tại xã B"
        # beside the gifts of 3/2 at xã A)
        if any(t == etype and d == day and not (w and sub_ward and w != sub_ward) for t, d, w in seen):
            continue
        seen.add((etype, day, sub_ward))
        hit = Hit(etype, "act", i, rank, start, end, "")
        if raid and sub_ward is None and sub_province in (None, province) and points_to(ctx, [i], events[0].ward):
            # a step of the case told without a place of its own, pointing to the main event's ward ("ngày 11/1,
            # Công an phường tiếp tục triệu tập ..."): in that ward, as a crime's other steps
            sub_ward = events[0].ward
        # its day is not the main event's: an event of its own, never a sub-event of another day's event
        out.append(make_event(ctx, len(events) + len(out), etype, hit, day, sub_province or province, sub_ward, [i],
                              None))
    return out


def others_of(ctx: EventContext, hits: list[Hit], main_type: str, main_day: date | None,
              province: str | None, ward: str | None, hosts: tuple[str, ...]) -> list[Event]:
    """Crimes and visit days with their own day; other actions dated on a day of their own ("Trước đó,
    sáng 4/3, đoàn đã tặng 60 suất quà": an event of its own, placed by its clause, no sub-event of another day's);
    the commendation and gifts inside a host event."""
    groups: dict[tuple, list[Hit]] = {}
    types = ctx.rules.types
    visit, award = types.of_role("visit"), types.of_role("award")
    for h in hits:
        if h.background:
            continue
        own = side_day(ctx, h)
        if h.type in types.cases and h.kind != "gift":
            elsewhere = elsewhere_of(ctx, h, province, ward)
            if own is None and elsewhere is not None and ctx.rules.words.same_day.search(ctx.sent_text[h.sentence]):
                own = main_day  # "Cùng ngày, Công an xã B cũng xử phạt ..."
            if own is not None and (own != main_day or elsewhere is not None):
                groups.setdefault((h.type, own, elsewhere), []).append(h)
        elif h.type == main_type == visit and own is not None and own != main_day:
            groups.setdefault((visit, own, None), []).append(h)
        elif (h.type not in types.cases and own is not None and own != main_day and near(ctx, own, main_day)
              and (h.type != main_type or told_apart(ctx, h) or main_day is not None)):
            # "Trước đó, sáng 4/3, đoàn đã tặng 60 suất quà": its own day says it is another action, also one of
            # the main event's type ("Ngày 8/2, UBND tỉnh đã tặng Bằng khen ..." after a commendation of 10/2);
            # when the main event has no day (a report's "đã ra mắt ..."), only one told apart is another
            groups.setdefault((h.type, own, "story" if told_apart(ctx, h) else "side"), []).append(h)
        elif (main_type in hosts and (h.type == award or h.kind == "gift") and h.type != main_type
              and own in (None, main_day) and not in_the_past(ctx, h, main_day)):
            # what was given at the event; an award of another day or year is background
            groups.setdefault((h.type, main_day, None), []).append(h)
    # an inspection that ends in a sanction in its own clause ("ngày 3/4, Đội ... kiểm tra an toàn phòng cháy tại cơ sở
    # này, lập biên bản vi phạm và phạt 15 triệu đồng") is the sanction: one crime of that day, no action beside it
    sanctioned = {(h.sentence, day) for (etype, day, _), group in groups.items() if etype in types.cases
                  for h in group}
    action = types.of_role("action")
    groups = {k: g for k, g in groups.items()
              if not (k[0] == action and k[1] is not None and all((h.sentence, k[1]) in sanctioned for h in g))}
    out: list[Event] = []
    # the key's third part: a crime's other place; "side" (an action of its own) or "story" (told as part
    # of the main event's story) for an action dated apart; None for the sub-events of the main event
    for (etype, day, tag), group in sorted(groups.items(), key=lambda kv: kv[1][0].start):
        index = len(out) + 1
        sents = [h.sentence for h in group]
        # its sentences, then the one of its paragraph that writes its day ("Trước đó, khoảng 23 giờ ngày 16/10,
        # Công an xã B tuần tra. ... phát hiện xe tải chở gỗ")
        sub_province, sub_ward = place_of(ctx, sents + [side_day_sentence(ctx, h) for h in group], strict=True)
        apart = day is not None and main_day is not None and day != main_day
        if sub_ward is None and etype not in types.cases:
            # the main event's place is its own day's: an action of another day is placed by its own clause only,
            # in the main event's ward when it points to it ("Trước đó, chiều 16/8, Công an phường đã trao ...")
            sub_province, sub_ward = province, ward if not apart or points_to(ctx, sents, ward) else None
        elif sub_ward is None and sub_province in (None, province):
            # a crime told without a place of its own happened in the main event's province, and in its ward
            # when its sentences point to it ("Ngày 8/2, Công an phường đã bàn giao 3 đối tượng ...")
            sub_province, sub_ward = province, ward if points_to(ctx, sents, ward) else None
        # never a sub-event of an event of another day ("Trước đó, sáng 22/9, ... đã kiểm tra ..."): its own event
        parent = None if etype in types.cases or tag == "side" or apart else 0
        out.append(make_event(ctx, index, etype, anchor_of(ctx, group), day, sub_province or province, sub_ward, sents,
                              parent))
    return out


def told_apart(ctx: EventContext, hit: Hit) -> bool:
    """Whether the hit's sentence, or the one of its paragraph that dates it, opens by placing it in the main
    event's story, before or after it ("Trước đó, ...", "Sau đó, ...", "Trong chuyến công tác, ...")."""
    cues = ctx.rules.cues
    if cues.opens(ctx.spans, ctx.sents[hit.sentence].start_char, hit.start, STORY):
        return True
    dated_by = side_day_sentence(ctx, hit)
    sent = ctx.sents[dated_by]
    return dated_by != hit.sentence and cues.opens(ctx.spans, sent.start_char, sent.end_char, STORY)


def near(ctx: EventContext, day: date, main_day: date | None) -> bool:
    """Whether a side action's day is close enough to the main event's (or the publication's) to be news."""
    ref = main_day or ctx.published
    return ref is None or abs((day - ref).days) <= ctx.rules.options.side_event_max_days


def make_event(ctx: EventContext, index: int, etype: str, anchor: Hit, day: date | None, province: str | None,
               ward: str | None, sents: list[int], parent: int | None) -> Event:
    """The row of an event named by ``anchor``."""
    start, end = name_span(ctx, anchor)
    return Event(index=index, event_type=etype, name=ctx.text[start:end], event_date=day, province=province,
                 ward=ward, participants=participants_of(ctx, sents, anchor), sentence=anchor.sentence,
                 start=start, end=end, parent=parent, trigger=anchor.pattern or None)
