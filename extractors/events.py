"""Events: what the article reports as happening, typed by trigger, dated and placed.

The steps, in order:
  1. Triggers (``event_triggers.jsonl``: "ngày hội", "hội nghị biểu dương", "bắt quả tang", "thăm"
     ...) are found in the body sentences that tell the news: not on a photo caption ("... Ảnh: Văn
     Hải", "... NAM LONG"), not in a recommendation ("đề nghị ... khen thưởng"), a purpose clause or
     quotes. Arrests and accidents in a tally ("Trong 6 tháng đầu năm ... khởi tố 9 vụ, 9 bị can",
     "giảm 2 vụ so với cùng kỳ") are background: they never make an event.
  2. The main event is the type the title and the lead talk about, and the most mentioned. An article
     that opens with a tally reports a review: the meeting named anywhere ("tại hội nghị") is the news.
  3. Its date is the day written in the first of its sentences that has one (not a range, a
     document date or a date in parentheses), else the lead's day, else the first day of a range,
     else "sáng nay"/"chiều qua" from the publication day. A crime is dated by the day of its raid or
     arrest: the day its paragraph opens with ("Khoảng 13 giờ ngày 5/5, ... Tại đây, bắt giữ ..."),
     and for a report ("Ngày 6/5, Công an ... cho biết đang củng cố hồ sơ ...") the earlier day of the
     raid written after it; a fine or prosecution reported on its day keeps that day.
  4. Its place is the ward of its dated or leading sentence (when that names exactly one), and
     that ward's province, else the province written there, else the lead's, else the article's main
     province. Another case told with "cũng" ("Công an xã B, tỉnh C cũng xử phạt ...") does not place it.
  5. Other rows: crimes with their own day or, told with "cũng", their own place; visit days with
     their own day; and inside a festival, launch or conference, the commendation and the gift-giving it
     included (``parent`` = 0).
  6. Names: the noun phrase from a head noun up to where the clause goes on ("Hội nghị sơ kết công
     tác ..." before "do", "với sự tham dự", "được tổ chức"); for a crime the act and its object ("bắt
     giữ 16 người ..."); for other verbs the clause with its short subject.
Repeated mentions of one event are one row.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from extractors.base import Mention, body_sentences, folded, sentences, text_of
from gazetteer import read_gazetteer
from pipeline.textnorm import fold_tones, key

log = logging.getLogger(__name__)

LEAD_SENTENCES = 2  # the lead: the first body sentences, where the news is said
PLACE_SENTENCES = 3  # an event's place is looked for in its mentions among the first sentences
MAX_NAME_CHARS = 160  # an event name longer than this is a clause that ran on
MAX_ARREST_LAG_DAYS = 90  # a crime reported on day D happened at most this long before
# Score of a trigger by where it is: the title and the lead say what the article is about.
TITLE_SCORE, LEAD_SCORE, SECOND_SCORE, MENTION_SCORE, MENTION_CAP, HEAD_BONUS = 4.0, 3.0, 1.5, 0.5, 3.0, 1.0
GIFT_WEIGHT = 0.3  # gift-giving is rarely what an article is about
# A review conference opens with the period's statistics: when the lead counts cases over a period and a
# meeting is named anywhere, the meeting is the news. Larger than a crime trigger's lead score and the
# mention cap together, so that the statistics cannot outvote it.
STATS_CONFERENCE_BONUS = 4.0
STATS_LEAD_SENTENCES = 3  # statistics this early make the article a review (later ones are background)
MAX_CAPTION_WORDS = 30  # a photo caption is one short line
MAX_BARE_CAPTION_WORDS = 20  # ... and one without a credit or a stop is shorter still (a longer one is a paragraph)
MIN_STATS_COUNTS = 3  # "xử lý 13 vụ, khởi tố 9 bị can, 11 đối tượng": three counted cases or people is a tally
# Main types whose article also reports the commendation and gifts given at it.
HOSTS = ("festival", "launch", "conference", "other")
# Types whose name is a noun phrase ("Hội nghị sơ kết ...", "Lễ ra mắt ..."): a head with words of its own names them.
NOUN_NAMED = ("festival", "launch", "conference", "commendation", "other")
MAX_SUBJECT_WORDS = 12  # a longer subject before a verb is a clause of its own: the name starts at the verb

# Before a trigger in its sentence: someone asks for it, so it has not happened.
_REQUEST = re.compile(r"(?<!\w)(?:đề nghị|yêu cầu|chỉ đạo|quán triệt|kiến nghị|đề xuất|mong muốn)(?!\w)")
# Before a trigger in its clause: it is needed, planned, a purpose or a past record, not reported.
_MODAL = re.compile(r"(?<!\w)(?:cần|phải|sẽ|nhằm|để|kịp thời|đẩy mạnh|tăng cường|phấn đấu|không để|chưa để|"
                    r"hướng tới|dự kiến|từng)(?!\w)")
_NUMBER_AFTER = re.compile(r"\s+(?:\d|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|nhiều|hàng)", re.I)
# Before a date: not the day something happened (a document, a period, a deadline).
# ("trong ngày 1/2" is that day; "trong" before anything else opens a period)
_NOT_EVENT_DAY = re.compile(r"(?:(?:ký|ban hành|số\s+\S+|thành lập|hiệu lực|kể từ|từ|trước|sau|hết|giai đoạn|"
                            r"tính đến|tính tới)\s+(?:ngày\s+)?|trong\s+(?:(?:các|những|\d+)\s+ngày\s+)?)$", re.I)
_FROM = re.compile(r"(?<!\w)từ(?!\w)", re.I)
_RANGE_END = re.compile(r"(?:đến|tới)\s+(?:ngày\s+)?$", re.I)  # "từ ... đến ngày X"; "Đến ngày X, ..." alone is a day
# A sentence that counts over a period: its arrests and accidents are statistics, not the news.
_PERIOD = re.compile(r"(?<!\w)(?:[Tt]ừ đầu (?:năm|tháng|quý)|[Tt]rong năm|[Nn]ăm qua|[Tt]hời gian qua|[Ll]ũy kế|"
                     r"\d+ tháng (?:đầu|cuối|qua)|[Đđ]ợt cao điểm|[Gg]iai đoạn|[Tt]ừ ngày|[Tt]ừ tháng|[Nn]ăm công tác|"
                     r"[Cc]ùng kỳ|[Tt]rong (?:\d+|các|những) (?:tháng|năm|quý)|[Tt]rong (?:quý|tháng) [IVX\d]+|"
                     r"[Tt]ính (?:đến|từ)|[Tt]háng qua|[Qq]uý qua)(?!\w)")
# A sentence framed by a whole year: "Năm 2023, Công an huyện đã khám phá 45 vụ ..."
_YEAR_FRAME = re.compile(r"^\W*(?:[Tt]rong\s+|[Tt]ính\s+(?:chung\s+)?)?[Nn]ăm\s+(?:19|20)\d\d\s*,")
# A comparison with an earlier period: "giảm 2 vụ so với cùng kỳ", "tăng 12% so với năm 2023".
_COMPARE = re.compile(r"(?<!\w)(?:tăng|giảm)(?!\w)[^.;]{0,80}?(?<!\w)so với(?!\w)|(?<!\w)so với (?:cùng kỳ|năm|quý|tháng)",
                      re.I)
# Counted cases and people: several in one sentence make a tally ("khởi tố 9 vụ, 9 bị can").
_CASE_COUNT = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*\s+(vụ việc|vụ án|vụ|bị can|đối tượng|trường hợp|lượt|người|cơ sở)"
                         r"(?!\w)", re.I)
# A photo credit on a caption line: "Ảnh: Văn Hải", "(Ảnh minh họa)", "Nguồn: CAND".
_PHOTO_CREDIT = re.compile(r"(?<!\w)(?:Ảnh|ẢNH|Nguồn|Video|Clip)\s*:|(?<!\w)[Ảả]nh\s+(?:minh h[ọo]ạ|tư liệu|:)|"
                           r"\((?:Ảnh|ảnh)(?!\w)")
_RANGE_LINK = re.compile(r"^\s*(?:-|–|—|đến|tới)\s*(?:ngày\s+)?$", re.I)
# A sentence that reports news of an incident on the day it is told, not the day it happened.
_REPORT = re.compile(r"(?<!\w)(?:cho biết|thông tin(?=\s*(?:,|:|từ|cho biết))|tin từ|thông báo|công bố|vừa|"
                     r"củng cố hồ sơ|hoàn thiện hồ sơ|đang (?:điều tra|tạm giữ|xác minh|làm rõ|xử lý)|xác nhận)(?!\w)", re.I)
# A sentence that tells a raid or an arrest: its day is when the incident a report tells about happened.
_RAID = re.compile(r"(?<!\w)(?:kiểm tra|phát hiện|bắt|truy bắt|vây bắt|đột kích|ập vào|khám xét|bất ngờ|"
                   r"tuần tra|xảy ra)(?!\w)", re.I)
_PAST_RECORD = re.compile(r"(?<!\w)(?:từng|tiền án|tiền sự)(?!\w)", re.I)
_SAME_DAY = re.compile(r"^\W*(?:[Cc]ùng ngày|[Cc]ùng thời điểm|[Tt]rong ngày)(?!\w)(?!\s+\d)")
_ALSO = re.compile(r"(?<!\w)cũng(?!\w)")
# A name ends here: a place, a date, a reason, a host or the next clause.
_NAME_END = re.compile(r"\s*(?:[;!?(]|(?<!\s[A-ZĐ])[.](?=\s|$)|:(?=\s|$)|,\s*(?=[A-ZĐ]|thu hút|đồng thời|qua đó|với\s|nhằm|gắn với|trong đó|đây\s|"
                       r"đó\s|là\s|diễn ra|được\s)|"
                       r"\s(?:của|tại|ở|do|vào|với sự|nhằm|gắn với|cùng|cho biết|sáng|chiều|tối|ngày|"
                       r"cũng|đã|đang|sẽ|diễn ra|tiến hành|kết thúc|khai mạc|bế mạc|thu hút|"
                       r"được (?:tổ chức|diễn ra|tiến hành|kết nối|khai mạc))\s|"
                       r"\svà\s(?=khen thưởng|trao|tặng|biểu dương|tuyên dương|ra mắt|phát động|ký kết))")
_ATTEND = re.compile(r"(?<!\w)(?:dự|tham dự|đến dự|cùng dự|phát biểu|chủ trì|trao|tặng|chúc mừng|chung vui|"
                     r"báo cáo|tiếp|làm việc|thăm|trưởng đoàn|dẫn đầu|chỉ huy|kết luận)(?!\w)", re.I)
_REPORT_FRAME = re.compile(r"(?<!\w)(?:cho biết|thông tin|thông báo)[,:]?\s+(?:(?:đơn vị|lực lượng chức năng)\s+)?"
                           r"(?:(?:vừa|đã|đang)\s+)*")
_LOCATED = re.compile(r"(?<!\w)(?:tại|ở)\s+(?:khu vực\s+|địa bàn\s+)?$", re.I)  # "... bắt giữ tại phường C"
_LIST_GAP = re.compile(r"\s*(?:,|và)\s*(?:và\s+)?")
_RELATIVE_DAY = re.compile(r"(?<!\w)(?:(?:sáng|trưa|chiều|tối|đêm|rạng sáng)\s+(nay|qua)|(hôm nay|hôm qua))(?!\w)",
                           re.I)
_PAST = re.compile(r"(?<!\w)(?:[Nn]ăm ngoái|[Nn]ăm trước|[Tt]rước đó|[Tt]rước đây)(?!\w)")
_YEAR = re.compile(r"(?<!\w)[Nn]ăm ((?:19|20)\d\d)(?!\w)")
_SENTENCE_STOP = re.compile(r"\s*[;.!?](?:\s|$)")
_CLAUSE_BREAK = re.compile(r"[,;:]\s*")  # a verb's clause starts after the last of these before it
_CLAUSE_END = re.compile(r"\s*(?:[;!?(]|(?<!\s[A-ZĐ])[.](?=\s|$)|:(?=\s|$)|"
                         r",\s*(?=[A-ZĐ]|thu hút|đồng thời|qua đó|nhằm|trong đó|mỗi|sau đó|tiếp đó|rồi|thu giữ))")
# "Kết luận buổi sơ kết, đồng chí ...": nothing names a head or a verb before the comma, unless a second verb
# of the same event follows ("Hội nghị biểu dương, khen thưởng ...", "đến thăm, chúc Tết ...")
_SAME_EVENT_VERB = (r"(?:khen thưởng|tuyên dương|biểu dương|trao|tặng|tổng kết|sơ kết|triển khai|ra mắt|phát động|"
                    r"ký kết|đón nhận|chúc Tết|chúc tết|chúc mừng|thăm|động viên|làm việc|kiểm tra|dâng hương|"
                    r"khởi tố|bắt giữ|tạm giữ|xử phạt)(?!\w)")
_BARE_END = re.compile(r"\s*(?:[;.:]|,(?!\s*" + _SAME_EVENT_VERB + r"))")
_STOPS = ".!?…:;”\")"  # how a paragraph of the article ends
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s*$")


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


@dataclass(frozen=True, slots=True)
class _Hit:
    """A trigger in a body sentence."""

    type: str
    kind: str  # head (names an event), act (reports one), gift, title (no trigger in the body)
    sentence: int  # index into ``sentences(doc)``
    rank: int  # position among body sentences (0 = lead)
    start: int
    end: int
    pattern: str
    background: bool = False  # an arrest or accident counted over a period ("từ đầu năm ... bắt giữ 27 vụ")


@Language.factory("vnie_events", requires=["doc._.dates", "doc._.places", "doc._.officials"],
                  assigns=["doc._.events"], default_config={"triggers": "event_triggers.jsonl"})
def make_events(nlp: Language, name: str, triggers: str) -> "EventFinder":
    return EventFinder(read_gazetteer(triggers))


class EventFinder:
    """Finds the article's events from trigger words, the dates, places and officials already found.

    triggers (tuple[dict, ...]): ``event_triggers.jsonl`` entries: pattern, id (event type), kind, next, stage.
    """

    def __init__(self, triggers: tuple[dict, ...]):
        self.entries = {fold_tones(e["pattern"]).lower(): e for e in triggers}
        self.decisions = frozenset(e["pattern"] for e in triggers if e.get("stage") == "decision")
        self.case_files = frozenset(e["pattern"] for e in triggers if e.get("stage") == "report")
        alternatives = sorted(self.entries, key=len, reverse=True)
        self.trigger_re = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.events = self.find(doc)
        except Exception:  # noqa: BLE001 - a failing rule must not lose the article
            log.exception("events failed on %r", text_of(doc)[:60])
            doc._.events = []
        return doc

    # -- 1. triggers ------------------------------------------------------------------------
    def match(self, doc: Doc, ctx: "_Context") -> list[_Hit]:
        """Triggers in body sentences that report something (not asked for, not quoted, not on a caption)."""
        cased = folded(doc)
        shadow = cased.lower()
        if len(shadow) != len(cased):
            shadow = cased
        hits = []
        for rank, i in enumerate(ctx.ranked):
            sent = ctx.sents[i]
            for m in self.trigger_re.finditer(shadow, sent.start_char, sent.end_char):
                entry = self.entries[m.group(1)]
                if entry.get("next") == "number" and not _NUMBER_AFTER.match(shadow, m.end()):
                    continue
                before = _lower_first(cased[sent.start_char:m.start()])
                clause = _lower_first(_CLAUSE_BREAK.split(before)[-1])
                if (_REQUEST.search(before) or _MODAL.search(clause)
                        or before.count("“") > before.count("”") or before.count('"') % 2):
                    continue
                kind = entry.get("kind", "act")
                background = (kind != "gift" and entry["id"] in ("crime", "accident")
                              and (i in ctx.tallies or _PERIOD.search(cased, sent.start_char, sent.end_char) is not None))
                hits.append(_Hit(entry["id"], kind, i, rank, m.start(), m.end(), entry["pattern"], background))
        return hits

    def title_types(self, title: str) -> list[tuple[str, str]]:
        """(event type, kind) of the triggers the title names, in order; arrests and accidents counted
        over a period ("6 tháng, khởi tố 9 vụ án ma túy") name no event."""
        out = []
        folded_title = fold_tones(title)
        text = folded_title.lower()
        tally = (_PERIOD.search(folded_title) is not None or _COMPARE.search(folded_title) is not None
                 or _YEAR_FRAME.match(folded_title) is not None or len(_CASE_COUNT.findall(folded_title)) >= 2)
        for m in self.trigger_re.finditer(text):
            entry = self.entries[m.group(1)]
            if entry.get("next") == "number" and not _NUMBER_AFTER.match(text, m.end()):
                continue
            if tally and entry["id"] in ("crime", "accident"):
                continue
            out.append((entry["id"], entry.get("kind", "act")))
        return out

    # -- 2-5. events ------------------------------------------------------------------------
    def find(self, doc: Doc) -> list[Event]:
        """The article's events, main first."""
        ctx = _Context(doc, self.decisions)
        hits = self.match(doc, ctx)
        title_types = self.title_types((doc._.article or {}).get("title") or "")
        if not [h for h in hits if not h.background]:
            # statistics are not an event: only the title can still name one
            if not title_types or not ctx.ranked:
                return []
            i = ctx.ranked[0]
            lead = ctx.sents[i]
            hits = [_Hit(title_types[0][0], "title", i, 0, lead.start_char, lead.start_char, "")]
        main_type = _main_type(hits, title_types, ctx.review(hits))
        main_hits = [h for h in hits if h.type == main_type and not h.background] or \
            [h for h in hits if h.type == main_type]
        day, day_sentence, report = ctx.main_day(main_hits, hits)
        # an arrest names a crime better than the case file a report tells of ("đang củng cố hồ sơ")
        anchor = ctx.anchor([h for h in main_hits if h.pattern not in self.case_files] or main_hits)
        # another case told with "cũng" ("Công an xã B cũng xử phạt ...") does not place the main one
        told_here = [h.sentence for h in main_hits if h.rank < PLACE_SENTENCES and not ctx.another_case(h.sentence)]
        province, ward = ctx.place([day_sentence] + told_here + ctx.ranked[:1])  # else the lead's unit
        events = [ctx.event(0, main_type, anchor, day, province, ward, [h.sentence for h in main_hits], None)]
        others = [h for h in hits if h.sentence != report]
        events += self._others(ctx, others, main_type, day, province, ward)
        return events

    def _others(self, ctx: "_Context", hits: list[_Hit], main_type: str, main_day: date | None,
                province: str | None, ward: str | None) -> list[Event]:
        """Crimes and visit days with their own day; the commendation and gifts inside a host event."""
        groups: dict[tuple, list[_Hit]] = {}
        for h in hits:
            if h.background:
                continue
            own = ctx.own_day(h)
            if h.type == "crime" and h.kind != "gift":
                elsewhere = ctx.elsewhere(h, province, ward)
                if own is None and elsewhere is not None and _SAME_DAY.search(ctx.sent_text[h.sentence]):
                    own = main_day  # "Cùng ngày, Công an xã B cũng xử phạt ..."
                if own is not None and (own != main_day or elsewhere is not None):
                    groups.setdefault(("crime", own, elsewhere), []).append(h)
            elif h.type == main_type == "visit" and own is not None and own != main_day:
                groups.setdefault(("visit", own, None), []).append(h)
            elif (main_type in HOSTS and (h.type == "commendation" or h.kind == "gift") and h.type != main_type
                  and own in (None, main_day) and not ctx.in_the_past(h, main_day)):
                # what was given at the event; an award of another day or year is background
                groups.setdefault((h.type, main_day, None), []).append(h)
        out: list[Event] = []
        for (etype, day, _place), group in sorted(groups.items(), key=lambda kv: kv[1][0].start):
            index = len(out) + 1
            sents = [h.sentence for h in group]
            sub_province, sub_ward = ctx.place(sents)
            if sub_ward is None and etype != "crime":
                sub_province, sub_ward = province, ward
            parent = None if etype == "crime" else 0
            out.append(ctx.event(index, etype, ctx.anchor(group), day, sub_province or province, sub_ward, sents,
                                 parent))
        return out


def _main_type(hits: list[_Hit], title_types: list[tuple[str, str]], review: bool) -> str:
    """The event type the article is about: title and lead first, then the most mentioned.

    hits (list[_Hit]): the body's triggers; those counting cases over a period do not vote.
    title_types (list[tuple[str, str]]): (type, kind) of the title's triggers.
    review (bool): the lead tallies a period's results, so a meeting named anywhere is the news.
    RETURNS (str): the event type.
    """
    score: Counter = Counter()
    mentions: Counter = Counter()
    for k, (t, kind) in enumerate(title_types):
        score[t] += (TITLE_SCORE if k == 0 else TITLE_SCORE / 2) * (GIFT_WEIGHT if kind == "gift" else 1.0)
    seen_lead: set[str] = set()
    for h in hits:
        if h.background:
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
        if mentions["conference"]:
            score["conference"] += STATS_CONFERENCE_BONUS
        if any(h.type == "commendation" and h.kind == "head" for h in hits):
            score["commendation"] += STATS_CONFERENCE_BONUS  # "Hội nghị biểu dương ..." after the tally
    first = {}
    for h in hits:
        first.setdefault(h.type, h.start)
    return max(score, key=lambda t: (score[t], -first.get(t, 1 << 30)))


class _Context:
    """What the events read from the Doc: text, sentences, dates, places, officials."""

    def __init__(self, doc: Doc, decisions: frozenset[str] = frozenset()):
        self.doc = doc
        self.decisions = decisions  # crime trigger patterns that are a decision (xử phạt, khởi tố), not an arrest
        self.text = text_of(doc)
        self.sents = sentences(doc)
        self.sent_text = [self.text[s.start_char:s.end_char] for s in self.sents]  # Span.text re-joins tokens
        self.body = [i for i, _ in body_sentences(doc)]
        self.dates: dict[int, list] = {}
        # every date mention (doc._.dates keeps one per value; an event needs the one in its sentence)
        for d in doc.user_data.get("vnie_date_mentions") or doc._.dates or []:
            if d.granularity == "day":
                self.dates.setdefault(d.sentence, []).append(d)
        self.places: dict[int, list] = {}
        for p in doc._.places or []:
            self.places.setdefault(p.sentence, []).append(p)
        provinces = Counter(p.province for p in doc._.places or [] if p.province and not p.residence)
        self.main_province = provinces.most_common(1)[0][0] if provinces else None
        self._attending: set[int] | None = None  # sentences showing officials attending, speaking, presenting
        self.captions = self._captions()
        self.ranked = [i for i in self.body if i not in self.captions]  # body sentences that tell the news
        self.tallies = self._tallies()

    # sentences
    def line_start(self, sentence: int) -> int:
        """Where the line (paragraph) of a sentence starts."""
        return self.text.rfind("\n", 0, self.sents[sentence].start_char) + 1

    def _captions(self) -> set[int]:
        """Body sentences on a photo-caption line: a short line with a credit ("Ảnh: Văn Hải") or a
        photographer's name in capitals at its end ("... bị bắt giữ NAM LONG"), or a short line with no
        stop, number or day after a paragraph that ends with one ("Quang cảnh hội nghị")."""
        lines: dict[int, list[int]] = {}
        for i in self.body:
            lines.setdefault(self.line_start(i), []).append(i)
        out: set[int] = set()
        previous = ""
        for k, (start, ids) in enumerate(lines.items()):
            end = self.text.find("\n", start)
            line = self.text[start:end if end != -1 else len(self.text)].strip()
            words = len(line.split())
            credited = words <= MAX_CAPTION_WORDS and (_PHOTO_CREDIT.search(line) or _capitals_credit(line))
            bare = (k > 0 and words <= MAX_BARE_CAPTION_WORDS and line[-1:] not in _STOPS and previous[-1:] in _STOPS
                    and not any(c.isdigit() for c in line))
            if credited or bare:
                out.update(ids)
            previous = line
        return out

    def _tallies(self) -> set[int]:
        """Sentences that count results over a period, and those continuing them in the same paragraph.

        A tally compares with an earlier period, or with no day of its own counts three cases or people,
        or some over a period ("Trong 6 tháng đầu năm, ... khởi tố 9 vụ, 9 bị can"); a day makes it an incident.
        """
        out: set[int] = set()
        for i in self.ranked:
            text = self.sent_text[i]
            counts = len(_CASE_COUNT.findall(text))
            dated = bool(self.point_days(i))
            period = _PERIOD.search(text) is not None or _YEAR_FRAME.match(text) is not None
            tally = (_COMPARE.search(text) is not None
                     or (not dated and (counts >= MIN_STATS_COUNTS or (counts and period))))
            continued = (counts and not dated and i - 1 in out and self.line_start(i) == self.line_start(i - 1))
            if tally or continued:
                out.add(i)
        return out

    def review(self, hits: list[_Hit]) -> bool:
        """Whether the article opens by tallying a period's results, as the report of a review conference
        does: a tally among the first sentences, before any crime or accident told with its own day."""
        for i in self.ranked[:STATS_LEAD_SENTENCES]:
            if i in self.tallies:
                return True
            if any(h.sentence == i and h.type in ("crime", "accident") and not h.background and self.own_day(h)
                   for h in hits):
                return False
        return False

    # dates
    def point_days(self, sentence: int) -> list:
        """The day mentions of a sentence that say when something happened (no ranges, documents, asides)."""
        out = []
        days = sorted(self.dates.get(sentence, []), key=lambda d: d.start)
        start = self.sents[sentence].start_char
        for k, d in enumerate(days):
            before = self.text[start:d.start]
            if _NOT_EVENT_DAY.search(before[-40:]) or before.count("(") > before.count(")"):
                continue
            if _RANGE_END.search(before[-20:]) and (k > 0 or _FROM.search(before)):
                continue
            if k + 1 < len(days) and _RANGE_LINK.match(self.text[d.end:days[k + 1].start]):
                continue
            if k > 0 and _RANGE_LINK.match(self.text[days[k - 1].end:d.start]):
                continue
            out.append(d)
        return out

    def range_starts(self, sentence: int) -> list:
        days = sorted(self.dates.get(sentence, []), key=lambda d: d.start)
        return [d for k, d in enumerate(days)
                if k + 1 < len(days) and _RANGE_LINK.match(self.text[d.end:days[k + 1].start])]

    def own_day(self, hit: _Hit) -> date | None:
        """The day written in the hit's sentence, the one nearest the trigger."""
        days = self.point_days(hit.sentence)
        if not days:
            return None
        return _as_date(min(days, key=lambda d: abs(d.start - hit.start)).value)

    def main_day(self, main_hits: list[_Hit], hits: list[_Hit]) -> tuple[date | None, int, int | None]:
        """(day, sentence it was read from, sentence of a crime report it replaced) of the main event.

        A crime reported on one day ("Ngày 6/5, Công an huyện X cho biết đang củng cố hồ sơ ...") happened
        on the earlier day of the raid or arrest told after the report, unless the report is itself the
        decision (a fine, a prosecution) made that day.
        """
        ordered = sorted(main_hits, key=lambda h: h.start)
        crime = ordered[0].type == "crime"

        def reported(day: date, i: int, hit: _Hit | None) -> tuple[date, int, int | None]:
            if crime and _REPORT.search(self.sent_text[i]) and (hit is None or hit.pattern not in self.decisions):
                earlier = self._incident_before(day, i, hits)
                if earlier is not None:
                    return earlier[0], earlier[1], i
            return day, i, None

        for h in ordered:
            day = self.own_day(h)
            if day is not None:
                return reported(day, h.sentence, h)
        if crime:
            for h in ordered:  # "Khoảng 13 giờ ngày 5/5, tổ công tác kiểm tra ... Tại đây, bắt giữ 16 người"
                found = self.paragraph_day(h.sentence)
                if found is not None:
                    return reported(found[0], found[1], None)
        lead = [i for i in self.ranked[:LEAD_SENTENCES] if i not in self.tallies]
        for i in lead:
            days = self.point_days(i)
            if days:
                return reported(_as_date(days[0].value), i, None)
        for i in [h.sentence for h in ordered] + lead:
            starts = self.range_starts(i) if i not in self.tallies and not _PERIOD.search(self.sent_text[i]) else []
            if starts:
                return _as_date(starts[0].value), i, None
        for i in [h.sentence for h in ordered[:1]] + lead:
            day = self.relative_day(i)
            if day is not None:
                return day, i, None
        return None, ordered[0].sentence, None

    def paragraph_day(self, sentence: int) -> tuple[date, int] | None:
        """(day, sentence) of the nearest earlier sentence of the same paragraph that writes a day."""
        start = self.line_start(sentence)
        i = sentence - 1
        while i >= 0 and self.sents[i].start_char >= start:
            days = self.point_days(i)
            if days:
                day = _as_date(days[-1].value)
                return (day, i) if day is not None else None
            i -= 1
        return None

    def in_the_past(self, hit: _Hit, day: date | None) -> bool:
        """Whether the hit's clause tells of an earlier year ("Năm 2022, xã được tặng Bằng khen")."""
        sent = self.sents[hit.sentence]
        clause = self.text[sent.start_char:hit.start]
        if _PAST.search(clause):
            return True
        years = [int(y) for y in _YEAR.findall(clause)]
        return day is not None and bool(years) and max(years) < day.year

    def relative_day(self, sentence: int) -> date | None:
        """The day "sáng nay" or "chiều qua" means, from the publication day."""
        published = _as_date(((self.doc._.article or {}).get("published") or "")[:10])
        if published is None or len(((self.doc._.article or {}).get("published") or "")) < 10:
            return None
        m = _RELATIVE_DAY.search(self.sent_text[sentence])
        if not m:
            return None
        word = (m.group(1) or m.group(2)).lower()
        return published - timedelta(days=1) if word in ("qua", "hôm qua") else published

    def _incident_before(self, reported: date, report: int, hits: list[_Hit]) -> tuple[date, int] | None:
        """(day, sentence) of the raid or arrest a crime report tells about, written after the report:
        a sentence with a crime trigger or a raid word, or one that opens the paragraph telling the arrest."""
        crimes = {h.sentence for h in hits if h.type == "crime" and not h.background}
        for i in self.ranked:
            if i <= report or i in self.tallies or _PAST_RECORD.search(self.sent_text[i]):
                continue
            told = i in crimes or _RAID.search(self.sent_text[i]) is not None
            j = i + 1
            while not told and j < len(self.sents) and self.line_start(j) == self.line_start(i):
                told, j = j in crimes, j + 1
            if not told:
                continue
            for d in self.point_days(i):
                day = _as_date(d.value)
                if day is not None and 0 < (reported - day).days <= MAX_ARREST_LAG_DAYS:
                    return day, i
        return None

    def another_case(self, sentence: int) -> bool:
        """Whether a sentence tells a case "also" done by another unit ("Công an xã B cũng ..."): it names a place."""
        text = self.sent_text[sentence]
        return ((_ALSO.search(text) is not None or _SAME_DAY.search(text) is not None)
                and any(not p.residence for p in self.places.get(sentence, [])))

    def elsewhere(self, hit: _Hit, province: str | None, ward: str | None) -> tuple[str | None, str | None] | None:
        """(province, ward) of a crime told as another case ("Công an xã B, tỉnh C cũng xử phạt ..."),
        when its sentence names a place that is not the main event's; else None."""
        if not self.another_case(hit.sentence):
            return None
        here_province, here_ward = self.place([hit.sentence])
        if here_ward is not None:
            differs = _key(here_ward) != _key(ward or "") or (province is not None and here_province != province)
        else:
            differs = here_province is not None and here_province != province
        return (here_province, here_ward) if differs else None

    # places
    def place(self, sentence_ids: list[int]) -> tuple[str | None, str | None]:
        """(province, ward) of the first of these sentences that names a place."""
        seen = []
        for i in sentence_ids:
            if i not in seen:
                seen.append(i)
        for i in seen:
            here = [p for p in self.places.get(i, []) if not p.residence]
            wards = [p for p in here if p.level == "ward" and p.ward]
            if wards:
                ward = self._the_ward(wards)
                province = (ward or wards[0]).province or self._province_in(here) or self.main_province
                return province, ward.ward if ward else None
        for i in seen:
            province = self._province_in([p for p in self.places.get(i, []) if not p.residence])
            if province:
                return province, None
        return self.main_province, None

    def _the_ward(self, wards: list) -> object | None:
        """The one ward a sentence places the event in: the only one named, or the only one after "tại"
        that does not start a list ("tại phường A, phường B và xã C" names no single place)."""
        if len({_key(p.ward) for p in wards}) == 1:
            return wards[0]
        located = [p for p in wards if _LOCATED.search(self.text, max(0, p.start - 12), p.start)]
        if len(located) != 1:
            return None
        listed = any(q.start > located[0].end and _LIST_GAP.fullmatch(self.text, located[0].end, q.start)
                     for q in wards)
        return None if listed else located[0]

    @staticmethod
    def _province_in(places: list) -> str | None:
        return next((p.province for p in places if p.province), None)

    # records
    def event(self, index: int, etype: str, anchor: _Hit, day: date | None, province: str | None,
              ward: str | None, sents: list[int], parent: int | None) -> Event:
        start, end = self.name_span(anchor)
        return Event(index=index, event_type=etype, name=self.text[start:end], event_date=day, province=province,
                     ward=ward, participants=self.participants(sents, anchor), sentence=anchor.sentence,
                     start=start, end=end, parent=parent, trigger=anchor.pattern or None)

    def anchor(self, hits: list[_Hit]) -> _Hit:
        """The mention that names the event best: a head noun with words of its own ("Hội nghị sơ kết công
        tác ...") for events named by a noun; else in the earliest sentence such a head, a verb, a bare head."""
        ordered = sorted(hits, key=lambda h: h.start)
        extended = [h for h in ordered if h.kind == "head" and self.name_span(h)[1] > h.end]
        if extended and ordered[0].type in NOUN_NAMED:
            return extended[0]
        first = [h for h in ordered if h.rank == ordered[0].rank]
        acts = [h for h in first if h.kind != "head"] or [h for h in ordered if h.kind == "act"]
        return ([h for h in first if h in extended] or acts or first)[0]

    def name_span(self, hit: _Hit) -> tuple[int, int]:
        """The event's name as written: the noun phrase from a head noun ("Hội nghị sơ kết ..."), the verb
        phrase of a crime ("bắt giữ 16 người ..."), the clause with its short subject for other verbs
        ("UBND huyện tặng Giấy khen cho ...", "Đoàn công tác thăm và làm việc tại ...")."""
        sent = self.sents[hit.sentence]
        s_start, s_end = sent.start_char, sent.end_char
        if hit.kind == "head":
            start = hit.start
            stop = _BARE_END.match(self.text, hit.end) or _NAME_END.search(self.text, hit.end, s_end)
        elif hit.kind == "title":
            start = s_start  # the lead sentence tells the event the title names
            stop = _SENTENCE_STOP.search(self.text, s_start, s_end)
        else:
            start = s_start
            for m in _CLAUSE_BREAK.finditer(self.text, s_start, hit.start):
                inside = self.text[s_start:m.start()]
                if inside.count("(") > inside.count(")"):
                    continue  # a comma inside brackets: "(SN 1985, trú tại ...)"
                if len(self.text[m.end():hit.start].split()) >= 2:
                    start = m.end()
            frame = None
            for frame in _REPORT_FRAME.finditer(self.text, start, hit.start):
                pass
            if frame is not None:
                start = frame.end()  # "Công an huyện X cho biết (đơn vị) vừa bắt ..." -> "bắt ..."
            if hit.type == "crime" or len(self.text[start:hit.start].split()) > MAX_SUBJECT_WORDS:
                start = hit.start  # who arrested or fined is the police: the act and its object name it
            stop = _BARE_END.match(self.text, hit.end) or _CLAUSE_END.search(self.text, hit.end, s_end)
        end = stop.start() if stop else s_end
        end = min(end, start + MAX_NAME_CHARS)
        credit = _capitals_tail(self.text, hit.end, end)
        if credit is not None and any(c.islower() for c in self.text[start:credit]):
            end = credit  # a photographer's name in capitals closing a caption-like line
        while end > hit.end and not (self.text[end - 1].isalnum() or self.text[end - 1] in "”\")"):
            end -= 1
        if self.text[start:end].count("“") > self.text[start:end].count("”"):
            close = self.text.find("”", end, s_end)
            if close != -1 and close - start <= MAX_NAME_CHARS:
                end = close + 1
        return start, end

    # people
    def participants(self, sents: list[int], anchor: _Hit) -> tuple[str, ...]:
        """person_ids of officials in the event's sentences or shown attending, speaking or presenting."""
        body = set(self.body)
        if self._attending is None:
            self._attending = {i for i in body if _ATTEND.search(self.sent_text[i])}
        attending = self._attending
        wanted = set(sents) | (attending if anchor.type != "crime" else set())
        out = []
        for o in self.doc._.officials or []:
            spans = [(m.start, m.end) for m in getattr(o, "parts", ())] or [(o.start, o.end)]
            for s, _e in spans:
                i = _sentence_at(self.sents, s)
                if i in wanted and i in body:
                    if o.person_id not in out:
                        out.append(o.person_id)
                    break
        return tuple(out)


def _capitals_tail(text: str, start: int, end: int) -> int | None:
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
    credit = _capitals_tail(line, 0, len(line))
    return credit is not None and any(c.islower() for c in line[:credit])


def _sentence_at(sents: list, char: int) -> int:
    lo, hi = 0, len(sents) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sents[mid].start_char <= char:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _lower_first(text: str) -> str:
    """The text with its first letter in lower case: a sentence may start with "Kịp thời", "Cần"."""
    text = text.lstrip()
    return text[:1].lower() + text[1:]


def _as_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _key(name: str) -> str:
    return key(name)
