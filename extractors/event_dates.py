"""When an event happened: the days its sentences write, a crime's raid or an accident's crash day, "sáng nay" from
publication.

Holds the functions over an article's ``EventContext`` that date the main event (``main_day``, ``earlier_raid``)
and the other rows (``own_day``, ``side_day``, ``dated_action`` ...), and ``point_days``, the days of a sentence
that say when something happened.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from extractors.event_context import EventContext, as_date, line_start
from extractors.event_cues import ACTION, ACTOR, ANNIVERSARY, CAMPAIGN, CONTROL, STORY, UNIT
from gazetteer import read_gazetteer

if TYPE_CHECKING:  # annotations only
    from extractors.event_triggers import Hit

# Thresholds (reaches, lags): ``ctx.rules.options``, section [events] of pipeline/settings.toml. A day written after "kỷ
# niệm" more than ``anniversary_min_days`` before publication is the day commemorated (an anniversary is of a year or
# more); a nearer one is the ceremony's own ("lễ kỷ niệm ... vào ngày 28/12" reported in January).
# The word regexes (documents and periods before a date, report, raid, roadside, accident, relative-day words ...)
# are composed from ``event_words.jsonl`` in ``EventWords``; what is left here is structure.
_FROM = re.compile(r"(?<!\w)từ(?!\w)", re.I)
_RANGE_END = re.compile(r"(?:đến|tới)\s+(?:ngày\s+)?$", re.I)  # "từ ... đến ngày X"; "Đến ngày X, ..." alone is a day
_LIST_LINK = re.compile(r"\s*(?:,|và)\s*(?:ngày\s+)?$", re.I)  # "ngày 8 và 9/8", "ngày 8, 9 và 10/8": days listed
_RANGE_LINK = re.compile(r"^\s*(?:-|–|—|đến|tới)\s*(?:ngày\s+)?$", re.I)
# Where a clause ends: an anniversary's days are written in the clause that names it.
_CLAUSE_BREAK = re.compile(r"[,;:]")
# Right before the first day of a campaign: "(kể) từ (ngày)".
_CAMPAIGN_FROM = re.compile(r"(?<!\w)(?:kể\s+)?từ\s+(?:ngày\s+)?$", re.I)
_BEFORE_THAT = re.compile(r"\W*(?:trước đó|trước đấy)(?!\w)", re.I)
_SAME_DAY = re.compile(r"(?<!\w)cùng ngày(?!\w)(?!\s*\d)", re.I)
_DAY_BEFORE = re.compile(r"(?<!\w)(?:hôm trước|ngày hôm trước)(?!\w)", re.I)
_YEAR = re.compile(r"(?<!\w)[Nn]ăm ((?:19|20)\d\d)(?!\w)")


@lru_cache(maxsize=1)
def _weekday_bracket() -> re.Pattern:
    """A weekday or a day of Tết right before an opening bracket ("Thứ Năm (", "sáng thứ Bảy (", "thứ 2 (", "mùng 2
    Tết ("): the bracketed day after it is the day the sentence tells ("Thứ Năm (14/3), đoàn công tác ..."), not an
    aside. The weekday words are those of ``date_words.jsonl`` (role "weekday"), which the dates read too; the lunar
    day words its role "lunar day"."""
    words = sorted((e["pattern"] for e in read_gazetteer("date_words.jsonl") if e.get("role") == "weekday"),
                   key=len, reverse=True)
    # "thứ 6" as a weekday, not an ordinal ("lần thứ 6", "kỳ họp thứ 6")
    alternatives = [re.escape(w).replace(r"\ ", r"\s+") for w in words] + [r"(?<!lần )(?<!họp )thứ\s+[2-7]"]
    # a day of the lunar new year and its solar day in brackets ("sáng mùng 2 Tết (26/1)", "mồng 4 Tết Canh Tý (28/1)")
    lunar = sorted((e["pattern"] for e in read_gazetteer("date_words.jsonl") if e.get("role") == "lunar day"),
                   key=len, reverse=True)
    if lunar:
        alternatives.append(r"(?:" + "|".join(map(re.escape, lunar)) + r")\s+\d{1,2}(?:\s+tết(?:\s+[^\W\d_]+){0,2})?")
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")\s*\(\s*$", re.I)



def point_days(ctx: EventContext, sentence: int) -> list:
    """The day mentions of a sentence that say when something happened (no ranges, documents, asides,
    anniversaries). Read once per sentence: every hit and its paragraph ask again."""
    cache = ctx.memo.setdefault("point_days", {})
    if sentence not in cache:
        cache[sentence] = _point_days(ctx, sentence)
    return cache[sentence]


def _point_days(ctx: EventContext, sentence: int) -> list:
    out = []
    words, options = ctx.rules.words, ctx.rules.options
    days = sorted(ctx.dates.get(sentence, []), key=lambda d: d.start)
    start = ctx.sents[sentence].start_char
    for k, d in enumerate(days):
        if anniversary_day(ctx, d, days):
            continue
        before = ctx.text[start:d.start]
        if words.not_event_day.search(before[-options.not_event_day_reach:]) or (
                before.count("(") > before.count(")")
                and not words.today_aside.search(before[-options.today_aside_reach:])
                and not _weekday_bracket().search(before[-options.today_aside_reach:])):
            continue
        if _RANGE_END.search(before[-options.range_end_reach:]) and (k > 0 or _FROM.search(before)):
            continue
        if k + 1 < len(days) and _RANGE_LINK.match(ctx.text[d.end:days[k + 1].start]):
            continue
        if k > 0 and _RANGE_LINK.match(ctx.text[days[k - 1].end:d.start]):
            continue
        out.append(d)
    return out


def range_starts(ctx: EventContext, sentence: int) -> list:
    """The first days of the ranges a sentence writes ("từ 9/12 đến 13/12"), not of an anniversary."""
    days = sorted(ctx.dates.get(sentence, []), key=lambda d: d.start)
    return [d for k, d in enumerate(days)
            if k + 1 < len(days) and _RANGE_LINK.match(ctx.text[d.end:days[k + 1].start])
            and not anniversary_day(ctx, d, days)]


def anniversary_day(ctx: EventContext, d, days: list) -> bool:
    """Whether a day mention names a commemorated anniversary, which dates no event: an end of a range
    between the same day of two years ("1/4/1995 - 1/4/2025"), or a day written after "kỷ niệm" in
    the same clause, in brackets or more than a year before publication ("kỷ niệm 30 năm thành lập xã
    1/4/1995")."""
    k = next((j for j, o in enumerate(days) if o is d), None)
    pairs = [] if k is None else [(days[j], days[j + 1]) for j in (k - 1, k) if 0 <= j and j + 1 < len(days)]
    for a, b in pairs:
        if (_RANGE_LINK.match(ctx.text[a.end:b.start]) and a.value[4:] == b.value[4:]
                and a.value[:4] != b.value[:4]):
            return True
    sent = ctx.sents[d.sentence]
    cues = ctx.rules.cues.find(ctx.spans, sent.start_char, d.start, ANNIVERSARY)
    if not cues:
        return False
    between = ctx.text[cues[-1].end:d.start]
    if _CLAUSE_BREAK.search(re.sub(r"\([^()]*\)", "", between)):
        return False  # "Nhân kỷ niệm 30 năm ..., sáng 28/3, ...": the day of the clause after it
    in_brackets = between.count("(") > between.count(")")
    day = as_date(d.value)
    return in_brackets or (ctx.reference_day is not None and day is not None
                           and (ctx.reference_day - day).days > ctx.rules.options.anniversary_min_days)


def campaign(ctx: EventContext, hit: Hit) -> bool:
    """Whether the hit opens a campaign or drive over a period: a campaign trigger ("ra quân", "mở đợt cao
    điểm"), or a launch or other act followed in its clause by a campaign word ("lễ phát động chiến dịch ...";
    not "Hội nghị sơ kết đợt cao điểm", a meeting about one)."""
    if hit.pattern in ctx.rules.campaigns:
        return True
    if hit.type not in ctx.rules.types.campaigns:  # a meeting or an award is about one
        return False
    end = min(ctx.sents[hit.sentence].end_char, hit.end + ctx.rules.options.campaign_reach)
    return any(not _CLAUSE_BREAK.search(ctx.text, hit.end, cue.start)
               for cue in ctx.rules.cues.find(ctx.spans, hit.end, end, CAMPAIGN))


def campaign_start(ctx: EventContext, sentence: int) -> date | None:
    """The day a campaign or drive over a period told in a sentence starts ("ra quân đợt cao điểm ... từ
    ngày 5/9-20/10", "mở chiến dịch kể từ ngày 1/6")."""
    sent = ctx.sents[sentence]
    starts = range_starts(ctx, sentence)
    if starts:
        return as_date(starts[0].value)
    days = sorted(ctx.dates.get(sentence, []), key=lambda d: d.start)
    for d in days:
        if _CAMPAIGN_FROM.search(ctx.text, sent.start_char, d.start) and not anniversary_day(ctx, d, days):
            return as_date(d.value)
    return None


def own_day(ctx: EventContext, hit: Hit) -> date | None:
    """The day written in the hit's sentence, the one nearest the trigger; of days listed together ("Trong hai
    ngày 8 và 9/8, đoàn đã thăm ..."), the first: the event starts on it; of a report summing up a range ("Ngày
    5/2, ... cho biết, trong chương trình diễn ra từ 29/1 - 4/2, đã trao ..."), the range's first day."""
    days = point_days(ctx, hit.sentence)
    if not days:
        return campaign_start(ctx, hit.sentence) if campaign(ctx, hit) else None  # its first day
    summed = _reported_range(ctx, hit)
    if summed is not None:
        return summed
    k = min(range(len(days)), key=lambda k: abs(days[k].start - hit.start))
    while k > 0 and _LIST_LINK.match(ctx.text, days[k - 1].end, days[k].start):
        k -= 1
    return as_date(days[k].value)


def side_day(ctx: EventContext, hit: Hit) -> date | None:
    """The day of a side action: its own day, else the day written in the nearest earlier sentence of its
    paragraph ("Trước đó, rạng sáng 2/4, ... phát hiện 3 đối tượng. Tổ công tác đã bắt giữ ...": the
    paragraph's day dates the sentences after it until another day is written)."""
    return _side_dating(ctx, hit)[0]


def side_day_sentence(ctx: EventContext, hit: Hit) -> int:
    """The sentence that writes a side action's day (its own, or the one of its paragraph that dates it)."""
    return _side_dating(ctx, hit)[1]


def _side_dating(ctx: EventContext, hit: Hit) -> tuple[date | None, int]:
    day = own_day(ctx, hit)
    if day is None:
        # "Khoảng 22 giờ cùng ngày, ...": the day written last, in this paragraph or before it
        same_day = _SAME_DAY.search(ctx.text, ctx.sents[hit.sentence].start_char, hit.start) is not None
        found = paragraph_day(ctx, hit.sentence, anywhere=same_day)
        if _BEFORE_THAT.match(ctx.sent_text[hit.sentence]):
            found = None  # "Trước đó, ..." without a day: before the paragraph's day, on a day not written
        # the day of a report ("Ngày 11/7, Công an tỉnh cho biết vừa bắt giữ ...") is not that of what it tells
        if found is not None and not ctx.rules.words.report.search(ctx.sent_text[found[1]]):
            # "Ngày hôm sau, đoàn ...": the day after the paragraph's; "hôm trước": the day before it
            before = ctx.text[ctx.sents[hit.sentence].start_char:hit.start]
            shift = 1 if ctx.rules.words.next_day.search(before) else -1 if _DAY_BEFORE.search(before) else 0
            return found[0] + timedelta(days=shift), found[1] if not shift else hit.sentence
    return day, hit.sentence


def main_day(ctx: EventContext, main_hits: list[Hit], hits: list[Hit]) -> tuple[date | None, int, int | None]:
    """(day, sentence it was read from, sentence of a crime report it replaced) of the main event.

    A crime reported on one day ("Ngày 6/5, Công an huyện X cho biết đang củng cố hồ sơ ...") happened
    on the earlier day of the raid or arrest told after the report, unless the report is itself the
    decision (a fine, a prosecution) made that day; an accident or a fire reported later, on the earlier day
    of the crash or the alarm. Another event a report says was done ("cho biết, đã ra mắt ...") is not dated
    by the report's day.
    """
    ordered = sorted(main_hits, key=lambda h: h.start)
    etype = ordered[0].type
    incident = etype in ctx.rules.types.incidents
    by_raid = ctx.rules.types.dated_by.get(etype) == "raid"
    by_outbreak = ctx.rules.types.dated_by.get(etype) == "outbreak"

    def reported(day: date, i: int, hit: Hit | None) -> tuple[date, int, int | None]:
        if incident and ctx.rules.words.report.search(ctx.sent_text[i]):
            decision = hit is not None and hit.pattern in ctx.rules.decisions
            earlier = _incident_before(ctx, day, i, hits, etype)
            if earlier is not None and (not decision or _fined_at_stop(ctx, hit, day, *earlier)):
                return earlier[0], earlier[1], i
        return day, i, None

    # what a report says was done at a time it does not write: the report's day is not its day
    told_before = [h for h in ordered if not by_raid and _done_before_report(ctx, h)]
    for h in ordered:
        day = own_day(ctx, h)
        if day is not None and not (by_outbreak and under_control(ctx, h.sentence)):
            found = reported(day, h.sentence, h)
            if h not in told_before or found[2] is not None:
                return found
    if told_before:
        return None, told_before[0].sentence, None
    if by_raid:
        for h in ordered:  # "Khoảng 13 giờ ngày 5/5, tổ công tác kiểm tra ... Tại đây, bắt giữ 16 người"
            found = paragraph_day(ctx, h.sentence)
            if found is not None:
                return reported(found[0], found[1], None)
    lead = [i for i in statements(ctx)[:ctx.rules.options.lead_sentences] if i not in ctx.tallies]
    for i in lead:
        days = point_days(ctx, i)
        if days:
            return reported(as_date(days[0].value), i, None)
    own = {h.sentence for h in ordered}
    for i in [h.sentence for h in ordered] + lead:
        period = i in ctx.tallies or (ctx.rules.words.period.search(ctx.sent_text[i]) is not None
                                      and not (i in own and _own_range(ctx, i)))
        starts = range_starts(ctx, i) if not period else []
        if starts:
            return as_date(starts[0].value), i, None
    for i in [h.sentence for h in ordered[:1]] + lead:
        day = relative_day(ctx, i)
        if day is not None:
            return day, i, None
    return None, ordered[0].sentence, None


def _own_range(ctx: EventContext, sentence: int) -> bool:
    """Whether the only period words of an event's own sentence open the range it writes ("Từ ngày 12 đến 14/3,
    Công an tỉnh tổ chức hội thao ..."): the days the event lasted, not a period results are counted over ("Từ đầu
    năm, ... từ ngày 1/7 đến nay ...", a tally)."""
    if sentence in ctx.tallies:
        return False
    starts = range_starts(ctx, sentence)
    s0 = ctx.sents[sentence].start_char
    opened = [_CAMPAIGN_FROM.search(ctx.text[s0:d.start]) for d in starts]
    spans = [(s0 + m.start(), d.start) for m, d in zip(opened, starts) if m is not None]
    found = list(ctx.rules.words.period.finditer(ctx.text, s0, ctx.sents[sentence].end_char))
    return bool(spans) and all(any(a <= m.start() and m.end() <= b for a, b in spans) for m in found)


def under_control(ctx: EventContext, sentence: int) -> bool:
    """Whether a sentence tells a fire brought under control ("Đến 1 giờ sáng 18/11, đám cháy được khống chế"):
    a later clause of the fire, whose day is not the day it broke out."""
    sent = ctx.sents[sentence]
    return bool(ctx.rules.cues.find(ctx.spans, sent.start_char, sent.end_char, CONTROL))


def earlier_raid(ctx: EventContext, etype: str, day: date | None, day_sentence: int,
                 report: int | None) -> tuple[date, int] | None:
    """(day, sentence) of a raid the lead tells on an earlier day than the crime's dated step ("Khoảng 22 giờ
    ngày 16/1, tại xã B, tổ công tác kiểm tra xe ... Ngày 17/1, Cơ quan CSĐT đã khởi tố ..."): each dated
    step of a case is its own event, and the lead's raid is the main one; a report's raid ("Ngày 9/10, Công an
    cho biết, ... vừa kiểm tra một kho hàng") takes the day a later "thời điểm kiểm tra" phrase gives it. None when
    the lead dates the crime itself."""
    if etype not in ctx.rules.types.cases or day is None or report is not None or not ctx.ranked:
        return None
    lead = ctx.ranked[0]
    text = ctx.sent_text[lead]
    words = ctx.rules.words
    if lead == day_sentence or lead in ctx.tallies or not words.raid.search(text):
        return None
    if words.report.search(text):
        # "Ngày 9/10, Công an thành phố cho biết, ... vừa kiểm tra một kho hàng ... Tại thời điểm kiểm tra chiều
        # 6/10, ...": the day a later phrase gives the raid the report told
        first = _raid_time(ctx, lead)
    else:
        days = point_days(ctx, lead)
        first = as_date(days[0].value) if days else None
    if first is None or not 0 < (day - first).days <= ctx.rules.options.max_arrest_lag_days:
        return None
    return first, lead


def _raid_time(ctx: EventContext, lead: int) -> date | None:
    """The day of the raid a report tells without it, written after the lead right after "(tại) thời điểm
    kiểm tra / bắt giữ" ("Tại thời điểm kiểm tra chiều 6/10, kho hàng ...")."""
    for i in ctx.ranked[1:]:
        if i in ctx.tallies:
            continue
        sent = ctx.sents[i]
        for m in ctx.rules.words.raid_time.finditer(ctx.text, sent.start_char, sent.end_char):
            for d in point_days(ctx, i):
                if d.start >= m.end() and ctx.rules.words.day_opening.fullmatch(ctx.text, m.end(), d.start):
                    return as_date(d.value)
    return None


def dated_action(ctx: EventContext, sentence: int, raids: bool = False) -> tuple[date, int, int] | None:
    """(day, start, end of the verb) of an action a sentence opens with its own day and no trigger names
    ("Trước đó, ngày 19/10, Ban Chỉ huy Quân sự huyện đã điều 30 chiến sĩ giúp dân gia cố đê", "Ngày 1/12,
    Công an tỉnh đã mở đợt kiểm tra ..."): the day written first, right after an optional story cue, then a
    unit (cues "actor", "unit") and an action verb (cues "action"; with ``raids``, also a raid: "Trước đó, khoảng 22 giờ ngày 3/3, tổ
    công tác kiểm tra xe tải, phát hiện ...", or a later step of a case: "Ngày 9/6, Công an huyện đã bàn giao hồ
    sơ, tang vật cho ...") in the same clause; a planning word written capitalised is part of a name ("Cần Thơ"). Not a report's day ("Ngày 7/11, ... cho
    biết"), a plan, a request or a document ("Ngày 5/12, UBND tỉnh ban hành kế hoạch")."""
    days = point_days(ctx, sentence)
    if not days:
        return None
    sent = ctx.sents[sentence]
    start = sent.start_char
    opener = ctx.rules.cues.opening(ctx.spans, start, days[0].start)  # after quotes, dashes or a bullet
    if opener is not None and opener.role == STORY:
        start = opener.end
        start += len(ctx.text[start:days[0].start]) - len(ctx.text[start:days[0].start].lstrip(" ,"))
    if ctx.rules.words.day_opening.fullmatch(ctx.text, start, days[0].start) is None:
        return None
    words = ctx.rules.words
    if words.report.search(ctx.sent_text[sentence]) or words.past_record.search(ctx.sent_text[sentence]):
        return None
    end = min(sent.end_char, days[0].end + ctx.rules.options.action_reach)
    stop = re.compile(r"[;.:!?]\s").search(ctx.text, days[0].end, end)
    end = stop.start() if stop else end
    verbs = [(cue.start, cue.end) for cue in ctx.rules.cues.find(ctx.spans, days[0].end, end, ACTION)]
    if raids:
        verbs = sorted(verbs + [(m.start(), m.end()) for m in words.raid.finditer(ctx.text, days[0].end, end)]
                       + [(m.start(), m.end()) for m in words.case_step.finditer(ctx.text, days[0].end, end)])
    if not verbs or any(not m.group(0)[0].isupper()  # a capitalised word is part of a name ("Cần Thơ")
                        for m in words.not_done.finditer(ctx.text, days[0].end, verbs[0][0])):
        return None
    if not any(ctx.rules.cues.find(ctx.spans, days[0].end, verbs[0][0], role) for role in (ACTOR, UNIT)):
        return None  # a unit does it ("Ngày 12/5, Nguyễn Văn A tổ chức đánh bạc" is not a unit's action)
    day = as_date(days[0].value)
    return (day, *verbs[0]) if day is not None else None


def statements(ctx: EventContext) -> list[int]:
    """The ranked sentences that are statements: a scrape's headline or byline line left in
    the body ("Thứ trưởng ... trao quà Tết ở Huế", "Ngọc Văn") has no closing punctuation."""
    return [i for i in ctx.ranked if ctx.sent_text[i].rstrip().endswith((".", "!", "?", "…", ":", ";", "”", '"', ")"))]


def _fined_at_stop(ctx: EventContext, hit: Hit, reported: date, day: date, sentence: int) -> bool:
    """Whether a fine reported on ``reported`` was given at the stop told on ``day`` in ``sentence``: a
    roadside check ("kiểm tra nồng độ cồn", "lập biên bản"), or a stop the day before the report."""
    if not ctx.rules.words.fine.search(hit.pattern):
        return False  # a prosecution reported is a decision of its own day
    return ((reported - day).days <= ctx.rules.options.max_stop_lag_days
            or ctx.rules.words.roadside.search(ctx.sent_text[sentence]) is not None)


def paragraph_day(ctx: EventContext, sentence: int, anywhere: bool = False) -> tuple[date, int] | None:
    """(day, sentence) of the nearest earlier sentence of the same paragraph (or, ``anywhere``, of the article)
    that writes a day."""
    start = 0 if anywhere else line_start(ctx, sentence)
    i = sentence - 1
    while i >= 0 and ctx.sents[i].start_char >= start:
        days = point_days(ctx, i)
        if days:
            day = as_date(days[-1].value)
            return (day, i) if day is not None else None
        i -= 1
    return None


def in_the_past(ctx: EventContext, hit: Hit, day: date | None) -> bool:
    """Whether the hit's clause tells of an earlier year ("Năm 2022, xã được tặng Bằng khen")."""
    sent = ctx.sents[hit.sentence]
    clause = ctx.text[sent.start_char:hit.start]
    if ctx.rules.words.past.search(clause):
        return True
    years = [int(y) for y in _YEAR.findall(clause)]
    return day is not None and bool(years) and max(years) < day.year


def relative_day(ctx: EventContext, sentence: int) -> date | None:
    """The day "sáng nay" or "chiều qua" means, from the publication day."""
    published = ctx.published
    if published is None or len(ctx.published_raw) < 10:
        return None
    m = ctx.rules.words.relative_day.search(ctx.sent_text[sentence])
    if not m:
        return None
    word = (m.group(1) or m.group(2)).lower()
    return published - timedelta(days=1) if word in ctx.rules.words.yesterday else published


def _reported_range(ctx: EventContext, hit: Hit) -> date | None:
    """The first day of a range a report sums up ("Ngày 5/2, Công an tỉnh cho biết, trong chương trình ... diễn ra
    từ 29/1 - 4/2, lực lượng đã trao 1.350 suất quà"): the range written after the report verb, before the hit;
    the day before the verb is the report's, no event's."""
    if len(ctx.dates.get(hit.sentence, ())) < 3:
        return None  # the report's day and the range's two
    sent = ctx.sents[hit.sentence]
    report = ctx.rules.words.report_verb.search(ctx.text, sent.start_char, hit.start)
    if report is None or not any(d.end <= report.start() for d in point_days(ctx, hit.sentence)):
        return None
    starts = [d for d in range_starts(ctx, hit.sentence) if report.end() <= d.start < hit.start]
    return as_date(starts[0].value) if starts else None


def _done_before_report(ctx: EventContext, hit: Hit) -> bool:
    """Whether the hit is what a report verb says was done ("cho biết, đã ra mắt ..."), with every day of
    its sentence written before the report verb (the day of the report)."""
    sent = ctx.sents[hit.sentence]
    report = None
    for m in ctx.rules.words.report_verb.finditer(ctx.text, sent.start_char, hit.start):
        if ctx.rules.words.done_before.fullmatch(ctx.text, m.end(), hit.start):
            report = m
    if report is None:
        return False
    return all(d.end <= report.start() for d in ctx.dates.get(hit.sentence, []))


def _incident_before(ctx: EventContext, reported: date, report: int, hits: list[Hit],
                     etype: str) -> tuple[date, int] | None:
    """(day, sentence) of the raid or arrest a crime report (or the crash or fire an accident report) tells
    about, written after the report: a sentence with a trigger of its type or a raid (an accident) word, or
    one that opens the paragraph telling it."""
    crimes = {h.sentence for h in hits if h.type == etype and not h.background}
    told_re = ctx.rules.words.raid if ctx.rules.types.dated_by.get(etype) == "raid" else ctx.rules.words.occurred
    for i in ctx.ranked:
        if i <= report or i in ctx.tallies or ctx.rules.words.past_record.search(ctx.sent_text[i]):
            continue
        told = i in crimes or told_re.search(ctx.sent_text[i]) is not None
        j = i + 1
        while not told and j < len(ctx.sents) and line_start(ctx, j) == line_start(ctx, i):
            told, j = j in crimes, j + 1
        if not told:
            continue
        for d in point_days(ctx, i):
            day = as_date(d.value)
            if day is not None and 0 < (reported - day).days <= ctx.rules.options.max_arrest_lag_days:
                return day, i
    return None

