"""Dates: calendar days, months and years, normalised, with the year inferred.

Forms read (in the article body): ``14/6``, ``14-6``, ``14.6`` (after a cue word
such as ngày, sáng, chiều, từ, đến), ``14/6/2025``, ``14-6-2025``,
``14.6.2025``, ``ngày 14 tháng 6 năm 2025``; ranges ``từ 9/12 đến 13/12/2025``
and ``từ ngày 7 - 19/11``, ``04/6-11/6/2024``, ``(1/4/1995-1/4/2025)`` (one row per end, the first end borrowing the month
and year of the second); months ``tháng 8/2023``, ``tháng 8 năm 2023``,
``tháng 8``; years ``năm 2025`` and periods ``giai đoạn 2022 - 2025``.

Not dates: yearly recurring days (``ngày 27-7 hằng năm``), times (``09:52``,
``10h15``), document numbers (``04/CP``, ``Số 418/QĐ-UBND``,
``01/2024/TT-BCA``), fractions and scores without a cue word (``2/3``, ``3-1``),
birth years (``sinh năm 1997``).

Year inference, for a day or month written without its year:
  1. a range end takes the year of the other end (``từ 9/12 đến 13/12/2025``);
  2. with a publication date, the publication year, or the year before when the
     day would fall more than ``FUTURE_GRACE_DAYS`` after publication (news
     reports the past: "ngày 28/12" in a January article is last December),
     unless its sentence sets a deadline or a plan ("phấn đấu hoàn thành trước
     ngày 15/12" in October: this year's) and tells nothing done ("đã", "tính đến");
  3. without one, the most common year of the article's dated days and months
     (ties: the latest); a bare "năm YYYY" lends no year (it may name a plan or a title);
  4. with no year anywhere the mention is dropped: a dates row always holds a
     full ISO value at its granularity.

Words: ``gazetteer/date_words.jsonl``, one line per word and role (part of day, weekday,
range connector, weak day cue, recurrence word, plan word, deadline cue, done word,
publication-line cue ...); the factory joins them into the patterns, once.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from extractors.base import Mention, body_sentences, folded, text_of
from gazetteer import read_gazetteer
from pipeline.textnorm import fold_tones

log = logging.getLogger(__name__)

# An undated day up to this many days after publication is an announced, coming day of the
# same year; later than that it is a past day of the year before. Two months covers the
# registration periods and schedules that articles announce.
FUTURE_GRACE_DAYS = 60
# Years taken as calendar years (not counts or codes).
FIRST_YEAR, LAST_YEAR = 1900, 2100

# Patterns without words (digits, punctuation); every word the patterns below need is in
# gazetteer/date_words.jsonl, one line per word and role, and joined into them by DateFinder.
_NOT_AFTER = re.compile(r"[/\w]|[.,-]\d|-[^\W\d_]")  # part of a longer code or number
# ... unless a dash joins another day to it: "04/6-11/6/2024", "từ ngày 5/9-20/10", "(1/4/1995-1/4/2025)"
_RANGE_NEXT = re.compile(r"\s*[-–—]\s*\d{1,2}[/.-]\d{1,2}(?:[/.-](?:19|20)\d{2})?(?![\d/.-]*[^\W\d_])")
_NUMBER_BEFORE = re.compile(r"(?:[\w/.,:]|\bsố\s*)$", re.I)

_D, _M, _Y = r"(\d{1,2})", r"(\d{1,2})", r"((?:19|20)\d{2})"
_FULL = re.compile(_D + r"([/.-])" + _M + r"\2" + _Y)
_DAY_MONTH = re.compile(_D + r"([/.-])" + _M)
_MONTH = re.compile(r"\btháng\s+" + _M + r"(?:\s*[/.-]\s*" + _Y + r"|\s+năm\s+" + _Y + r")?(?![\d/.-]\d|\w)", re.I)
_SENTENCE_STOP = re.compile(r"[.!?…](?=\s)|\n")
_DIGIT = re.compile(r"\d")
_YEAR_DIGITS = re.compile(r"(?:19|20)\d{2}")
_MONTH_WORD = re.compile(r"tháng", re.I)
_TIME = r"\d{1,2}[:hg]\d{2}(?::\d{2})?\s*(?:\(?GMT\s*\+\s*7\)?)?"
_HOUR = re.compile(r"(\d{1,2})\s*(?:h|giờ|:)\s*(?:\d{1,2})?\s*(?:phút\s*)?(?:,\s*)?(?:ngày\s+)?$", re.I)


class DateWords:
    """The date words of a gazetteer file (``date_words.jsonl``), by role, as regex alternations.

    entries (tuple[dict, ...]): the file's entries, each with a ``role``.
    """

    def __init__(self, entries: tuple[dict, ...]):
        self.by_role: dict[str, list[dict]] = {}
        for e in entries:
            self.by_role.setdefault(e["role"], []).append(e)

    def words(self, *roles: str) -> list[str]:
        """The patterns of ``roles``, tones folded as the searched text is, longest first."""
        words = {fold_tones(e["pattern"]) for role in roles for e in self.by_role.get(role, ())}
        if not words:
            raise ValueError(f"gazetteer date words: no word of role {roles}")
        return sorted(words, key=lambda w: (-len(w), w))

    def alt(self, *roles: str, spaces: str | None = None) -> str:
        """``(?:w1|w2|...)`` over the words of ``roles``, each escaped.

        spaces (str | None): the regex a space inside a word becomes (``r"\\s+"``); None keeps one space.
        """
        words = [re.escape(w) if spaces is None else spaces.join(map(re.escape, w.split()))
                 for w in self.words(*roles)]
        return "(?:" + "|".join(words) + ")"

    def ids(self, role: str, key: str = "id") -> dict[str, object]:
        """{folded lower-case pattern: the entry's ``key``} for one role."""
        return {fold_tones(e["pattern"]).lower(): e[key] for e in self.by_role.get(role, ())}


@dataclass(frozen=True, slots=True)
class DateMention:
    """One row of the ``dates`` table.

    text (str): the date as written; value (str): ISO at its granularity;
    granularity (str): day, month or year; part_of_day (str | None): sáng, chiều ...;
    sentence, start, end: where it is.
    """

    text: str
    value: str
    granularity: str
    sentence: int
    start: int
    end: int
    part_of_day: str | None = None

    def mentions(self) -> list[Mention]:
        return [Mention("DATE", self.text, self.start, self.end, "rule", self.value)]


@dataclass(slots=True)
class _Raw:
    """A date as found, before year inference (day/month/year may be missing)."""

    start: int
    end: int
    sentence: int
    year: int | None
    month: int | None = None
    day: int | None = None
    part: str | None = None

    @property
    def granularity(self) -> str:
        return "day" if self.day is not None else "month" if self.month is not None else "year"

@Language.factory("vnie_dates", requires=["doc.sents", "doc._.article", "doc._.body_end"],
                  assigns=["doc._.dates", "doc._.date_mentions"], default_config={"words": "date_words.jsonl"})
def make_dates(nlp: Language, name: str, words: str) -> "DateFinder":
    """Build the date finder.

    words (str): the gazetteer file of date words (cue words, connectors, parts of day ...),
        one entry per word and ``role``. Defaults to ``date_words.jsonl``.
    RETURNS (DateFinder): the component.
    """
    return DateFinder(DateWords(read_gazetteer(words)))


class DateFinder:
    """Finds dates in the body sentences and resolves their years.

    words (DateWords): the date words by role; the patterns are composed from them once, here.
    """

    def __init__(self, words: DateWords):
        w = words
        part = w.alt("part of day")
        weekday = "(?:" + w.alt("weekday", spaces=r"\s+") + r"|thứ\s+[2-7])"
        day_word = w.alt("day word")  # before a day number: "ngày 14", "mùng 2"
        day_cue = w.alt("day word", "day cue")
        joins = w.alt("range connector", "list connector")
        self.day_words = tuple(x.lower() for x in w.words("day word"))
        self.list_words = {x.lower() for x in w.words("list connector")} | {","}
        self.part_of_day_ids = w.ids("part of day")
        self.relative_years = w.ids("relative year", "offset")
        # Before a day written d/m without a year: a strong cue allows every separator,
        # a weak one only "/" (so "từ 3-5 người" stays a number range).
        self.strong_cue = re.compile(r"\b(?:" + day_cue + "|" + part + "|" + weekday + r")(?:\s+nay)?\s*[,(]?\s*$",
                                     re.I)
        self.after_range = re.compile(r"\s*(?:-|–|—|" + joins + r"|,)\s*(?:ngày\s+)?$", re.I)
        self.weak_cue = re.compile(r"\b" + w.alt("weak day cue") + r"\s+$", re.I)
        self.recurring = re.compile(r"\s*" + w.alt("recurrence word") + r"\s+" + w.alt("recurrence period") + r"\b",
                                    re.I)
        self.birth = re.compile(r"\b" + w.alt("birth cue") + r"\s*(?:năm\s*)?$", re.I)
        self.spelled = re.compile(r"(?:\b" + day_word + r"\s+)?" + _D + r"\s+tháng\s+" + _M
                                + r"(?:\s*(?:,\s*|\s)năm\s+" + _Y + r"|\s*[/.-]\s*" + _Y + r")?", re.I)
        # the first of days listed or ranged before their month: "ngày 5 và 6/4", "từ 12 đến 14/3", also after a part
        # of the day ("đêm 5 và 6/11", "sáng 3, 4/5")
        self.bare_day = re.compile(r"(?:\b(?:ngày|từ|" + part + r")\s+(?:ngày\s+)?|\(\s*)" + _D + r"\s*(?:-|–|" + joins
                                   + r"|,)\s*(?:ngày\s+)?(?=\d{1,2}(?:[/.-]\d|\s+tháng\s+\d))", re.I)
        self.month_num = re.compile(r"\b" + w.alt("month cue") + r"\s+" + _M + r"[/.-]" + _Y, re.I)
        self.year = re.compile(r"\bnăm\s+" + _Y + r"(?:\s*(?:-|–|—|" + w.alt("year range connector", "list connector")
                               + r")\s*" + _Y + r")?", re.I)
        self.period = re.compile(r"(?:\b" + w.alt("period cue", spaces=r"\s+") + r"\s+|\()"
                                 + _Y + r"\s*(?:-|–|—|" + w.alt("range connector") + r")\s*" + _Y, re.I)
        self.connector = re.compile(r"\s*(-|–|—|" + joins + r"|,)\s*(?:(?:ngày|hết\s+ngày)\s+)?", re.I)
        self.relative_year = re.compile(r"\b(" + "|".join(map(re.escape, w.words("relative year")))
                                        + r")\s*,?\s*(?:" + w.alt("relative year link") + r"\s+)?"
                                        r"(?:" + part + r"\s+)?(?:(?:" + day_cue + r"|tháng)\s+)?$", re.I)
        # A day in a sentence of the future keeps the publication year however late it falls: a word of plans
        # before it ("Ngày 28/12, ... cho biết sẽ ..." is a report of last December), a deadline right before it
        # ("trước ngày 15/12", "đến ngày 31/12") or "tới" right after it ("ngày 20/12 tới") ...
        self.future_word = re.compile(r"(?<!\w)" + w.alt("plan word") + r"(?!\w)", re.I)
        self.deadline = re.compile(r"(?<!\w)" + w.alt("deadline cue") + r"\s+(?:ngày\s+)?$", re.I)
        # "đến/tới ngày" is a deadline only in a sentence that asks for something ("yêu cầu hoàn thành đến ngày
        # 31/12"; not "Đến ngày 31/12, toàn tỉnh có 120 mô hình" in January)
        self.until = re.compile(r"(?<!\w)" + w.alt("range connector") + r"\s+(?:ngày\s+)?$", re.I)
        self.asked = re.compile(r"(?<!\w)" + w.alt("request word") + r"(?!\w)", re.I)
        # not "từ 1/12 tới 15/12"
        self.coming = re.compile(r"\s*" + w.alt("coming word") + r"(?!\w)(?!\s*(?:ngày\s*)?\d)", re.I)
        # ... unless the sentence tells what was done by then ("Tính đến ngày 31/12, đã ...") or a period ("từ 1/12
        # đến 15/12": a range, whose ends a January article reports as last December's).
        self.done = re.compile(r"(?<!\w)" + w.alt("done word") + r"(?!\w)", re.I)
        self.stamp = re.compile(r"\s*(?:" + w.alt("publication-line cue") + r"(?:\s+lúc)?\s*:?\s*)?"
                                r"(?:" + weekday + r"\s*[,|-]?\s*)?(?:" + _TIME + r"\s*[,|-]?\s*)?"
                                r"(?:ngày\s+)?\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\s*(?:[,|-]?\s*" + _TIME + r")?\s*", re.I)
        self.part_before = re.compile(r"\b(" + part + r")\s+(?:nay\s+)?(?:" + day_cue + r"\s+)?(?:" + weekday
                                      + r"\s*,?\s*)?$", re.I)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[DateMention]:
        """Every date of the article body, in text order, years resolved.

        doc (Doc): the article; ``doc._.article["published"]`` guides year inference.
        RETURNS (list[DateMention]): the dates.
        """
        text = folded(doc)
        raws: list[_Raw] = []
        for i, sent in body_sentences(doc):
            try:
                raws.extend(self.find_dates(text, sent.start_char, sent.end_char, i))
            except Exception:  # an odd sentence must not lose the article
                log.exception("dates failed on sentence %d", i)
        article = doc._.article or {}
        resolved = self.resolve_years(raws, parse_published(article.get("published")), text)
        raw = text_of(doc)
        return [DateMention(raw[r.start:r.end], iso(r), r.granularity, r.sentence, r.start, r.end, r.part)
                for r in resolved]

    def set_annotations(self, doc: Doc, dates: list[DateMention]) -> None:
        """Write the distinct dates to ``doc._.dates`` (first mention of each value) and every
        mention to ``doc._.date_mentions``.

        The dates table lists the days an article mentions, each once (as the gold does);
        a component that needs every mention (an event's own sentence) reads ``doc._.date_mentions``.
        """
        doc._.date_mentions = dates
        seen: set[tuple[str, str]] = set()
        distinct = []
        for d in dates:
            if (d.value, d.granularity) not in seen:
                seen.add((d.value, d.granularity))
                distinct.append(d)
        doc._.dates = distinct

    # -- finding ---------------------------------------------------------------------

    def find_dates(self, text: str, s0: int, s1: int, sentence: int = 0) -> list[_Raw]:
        """The dates in ``text[s0:s1]`` as written (years not yet inferred), in order.

        text (str): the tone-folded article text.
        s0, s1 (int): the sentence bounds.
        sentence (int): the sentence index stored on each result.
        RETURNS (list[_Raw]): non-overlapping dates; longer forms win.
        """
        found: list[_Raw] = []
        # Every form holds a number, a year form a year, a spelled one "tháng": a sentence without them
        # skips those scans (most sentences hold no date).
        if _DIGIT.search(text, s0, s1) is None:
            return found
        has_year = _YEAR_DIGITS.search(text, s0, s1) is not None
        has_month_word = _MONTH_WORD.search(text, s0, s1) is not None

        def add(raw: _Raw | None) -> None:
            if raw is None or self._recurring(text, raw.end, s1):
                return
            if any(r.start < raw.end and raw.start < r.end for r in found):
                return
            found.append(raw)

        for m in self.spelled.finditer(text, s0, s1) if has_month_word else ():
            if m.group(3) or m.group(4) or m.group(0).lower().startswith(self.day_words):
                day_start = m.start(1)
                add(self._day(text, s0, sentence, day_start, m.end(), m.group(1), m.group(2), m.group(3) or m.group(4)))
        for m in _FULL.finditer(text, s0, s1) if has_year else ():
            if _clean_edges(text, m.start(), m.end(), s0) and not self._timestamp_line(text, m.start()):
                add(self._day(text, s0, sentence, m.start(), m.end(), m.group(1), m.group(3), m.group(4)))
        for m in self.bare_day.finditer(text, s0, s1):
            if 1 <= int(m.group(1)) <= 31:
                raw = _Raw(m.start(1), m.end(1), sentence, None, None, int(m.group(1)), self._part_of_day(text, s0, m.start()))
                add(raw)
                second = _DAY_MONTH.match(text, m.end(), s1)  # "ngày 30-31/8": "30-31" is no day-month, "31/8" is
                if second and _clean_edges(text, second.start(), second.end(), s0):
                    add(self._day(text, s0, sentence, second.start(), second.end(), second.group(1), second.group(3), None))
        for m in _DAY_MONTH.finditer(text, s0, s1):
            if _clean_edges(text, m.start(), m.end(), s0) and self._cued(text, s0, s1, m, found):
                add(self._day(text, s0, sentence, m.start(), m.end(), m.group(1), m.group(3), None))
        for m in self.month_num.finditer(text, s0, s1) if has_year else ():
            if _clean_edges(text, m.start(1), m.end(), s0):
                add(_month(sentence, m.start(1), m.end(), m.group(1), m.group(2)))
        for m in _MONTH.finditer(text, s0, s1) if has_month_word else ():
            if not re.search(r"\d\s*$", text[max(s0, m.start() - 4):m.start()]):  # "7 tháng": a duration
                add(_month(sentence, m.start(), m.end(), m.group(1), m.group(2) or m.group(3)))
        for m in self.period.finditer(text, s0, s1) if has_year else ():
            for g in (1, 2):
                add(_Raw(m.start(g), m.end(g), sentence, int(m.group(g))))
        for m in self.year.finditer(text, s0, s1) if has_year else ():
            if not self.birth.search(text, max(s0, m.start() - 8), m.start() + 4) and not _NOT_AFTER.match(text, m.end()):
                add(_Raw(m.start(1), m.end(1), sentence, int(m.group(1))))
                if m.group(2):
                    add(_Raw(m.start(2), m.end(2), sentence, int(m.group(2))))
        found.sort(key=lambda r: r.start)
        self._fill_ranges(text, found)
        return [r for r in found if r.month is not None or r.granularity == "year"]

    def _day(self, text: str, s0: int, sentence: int, start: int, end: int, d: str, m: str, y: str | None) -> _Raw | None:
        day, month, year = int(d), int(m), int(y) if y else None
        if not _valid(day, month, year):
            return None
        return _Raw(start, end, sentence, year, month, day, self._part_of_day(text, s0, start))

    def _cued(self, text: str, s0: int, s1: int, m: re.Match, found: list[_Raw]) -> bool:
        """Whether a yearless d/m is a date: a cue word before it, a bracket, or a dated range end after it."""
        before = text[max(s0, m.start() - 24):m.start()]
        if self.strong_cue.search(before):
            return True
        if before.rstrip().endswith("(") and text.startswith(")", m.end()):  # "hôm nay (14/6)"
            return True
        if self.after_range.search(before) and any(0 < m.start() - r.end <= 12 and self.after_range.fullmatch(
                text, r.end, m.start()) for r in found):
            return True  # the second end of "ngày 7 - 19/11", "từ 9/12 đến 13/12"
        if m.group(2) == "/" and self.weak_cue.search(before):
            return True
        # "9/12 - 13/12/2025", "từ 9.8 đến 13.8.2024": the first end of a range whose second end is a day
        # (written with the same separator, unless "/": "3-5" alone may count people)
        conn = self.connector.match(text, m.end(), s1)
        if conn and conn.end() > m.end() and any(r.start == conn.end() and r.day is not None and (
                m.group(2) == "/" or m.group(2) in text[r.start:r.end]) for r in found):
            return True
        return False

    def _timestamp_line(self, text: str, pos: int) -> bool:
        """Whether the line holding ``pos`` is only a page's time stamp ("Thứ Bảy, 14/06/2025 09:52 (GMT+7)"),
        left in the text by a sloppy scrape: the publication time, not a date the article mentions."""
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        return bool(self.stamp.fullmatch(text, start, len(text) if end == -1 else end))

    def _recurring(self, text: str, end: int, s1: int) -> bool:
        """"ngày 27-7 hằng năm": a yearly day, not a calendar date."""
        return bool(self.recurring.match(text, end, s1))

    def _part_of_day(self, text: str, s0: int, start: int) -> str | None:
        """Sáng, trưa, chiều, tối or đêm from the words or the hour right before a date."""
        before = text[max(s0, start - 24):start]
        m = self.part_before.search(before)
        if m:
            return self.part_of_day_ids[m.group(1).lower()]
        h = _HOUR.search(before)
        if h and int(h.group(1)) <= 24:
            hour = int(h.group(1))
            return "đêm" if hour < 4 or hour >= 22 else "sáng" if hour < 11 else "trưa" if hour < 13 \
                else "chiều" if hour < 18 else "tối"
        return None

    def _fill_ranges(self, text: str, found: list[_Raw]) -> None:
        """A range end written short takes what the other end gives: "từ 9/12 đến 13/12/2025",
        "ngày 7 - 19/11", "từ 28/12 đến 3/1/2026" (the first end in the year before),
        "từ tháng 3 đến tháng 7-2022"."""
        for a, b in zip(found, found[1:]):
            conn = self.connector.fullmatch(text, a.end, b.start)
            if conn is None or a.end == b.start or b.month is None:
                continue
            if a.month is None and a.day is not None:
                if b.day is None:
                    continue
                a.month = b.month
                if not _valid(a.day, a.month, None):
                    a.month = None
                    continue
            if a.year is None and b.year is not None and a.month is not None and (a.day is None or b.day is not None):
                later = (a.month, a.day or 1) > (b.month, b.day or 1)
                if conn.group(1).lower() in self.list_words:  # a list, not a range: only a day before the dated one
                    if not later:
                        a.year = b.year
                else:
                    a.year = b.year - 1 if later else b.year


    def resolve_years(self, raws: list[_Raw], published: Published | None, text: str = "") -> list[_Raw]:
        """Give every yearless day or month a year (see the module docstring); drop those that get none.

        raws (list[_Raw]): the article's dates as found, in order.
        published (Published | None): the publication date.
        text (str): the article text, for "năm ngoái" / "năm nay" right before a date.
        RETURNS (list[_Raw]): the dates, each with a year.
        """
        # Only written days and months carry a year a reader may lend to another day: "năm 2023"
        # inside a title or a plan's name says nothing of when the reported day was.
        evidence = Counter(r.year for r in raws if r.year is not None and r.month is not None)
        fallback = max(evidence, key=lambda y: (evidence[y], y)) if evidence else None
        out = []
        for r in raws:
            if r.year is None:
                base = published.year if published is not None else fallback
                said = self.relative_year.search(text, max(0, r.start - 40), r.start) if base is not None else None
                if said:  # "năm ngoái, ngày 16/9": the year is said in words
                    r.year = base + self.relative_years[said.group(1).lower()]
                elif published is not None:
                    future = self._in_the_future(text, r.start, r.end)
                    r.year = published.year if future else _year_from_published(r, published)
                else:
                    r.year = fallback
            if r.year is None or (r.day is not None and not _valid(r.day, r.month, r.year)):
                continue
            out.append(r)
        return out

    def _in_the_future(self, text: str, start: int, end: int) -> bool:
        """Whether the day written at ``text[start:end]`` is in a sentence of plans or a deadline ("phấn đấu hoàn
        thành các chỉ tiêu trước ngày 15/12", "Ngày 20/12 tới, ... sẽ tổ chức") that tells nothing done."""
        if not text:
            return False
        stops = list(_SENTENCE_STOP.finditer(text, max(0, start - 200), start))
        lo = stops[-1].end() if stops else max(0, start - 200)
        after = _SENTENCE_STOP.search(text, end)
        sentence = text[lo:after.start() if after else len(text)]
        if self.done.search(sentence):
            return False
        return (self.future_word.search(text, lo, start) is not None or self.deadline.search(text, lo, start) is not None
                or (self.until.search(text, lo, start) is not None and self.asked.search(text, lo, start) is not None)
                or self.coming.match(text, end) is not None)


def _month(sentence: int, start: int, end: int, m: str, y: str | None) -> _Raw | None:
    month = int(m)
    if not 1 <= month <= 12:
        return None
    return _Raw(start, end, sentence, int(y) if y else None, month)

def _valid(day: int, month: int, year: int | None) -> bool:
    """A real calendar day (a yearless 29/2 is allowed)."""
    try:
        date(year if year is not None else 2000, month, day)
    except ValueError:
        return False
    return year is None or FIRST_YEAR <= year <= LAST_YEAR

def _clean_edges(text: str, start: int, end: int, s0: int) -> bool:
    """Not glued into a longer code or number: "04/CP", "01/2024/TT-BCA", "Số 12/5"."""
    if _NUMBER_BEFORE.search(text, max(s0, start - 4), start):
        return False
    return not _NOT_AFTER.match(text, end) or _RANGE_NEXT.match(text, end) is not None


# -- years ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Published:
    """The publication date at its precision: month and day may be unknown."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def last_day(self) -> date:
        """The last day the publication may have been on."""
        if self.month is None:
            return date(self.year, 12, 31)
        if self.day is None:
            nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt - timedelta(days=1)
        return date(self.year, self.month, self.day)


def parse_published(value) -> Published | None:
    """The publication date from an ISO string at any precision (``2025``, ``2025-07``,
    ``2025-06-14``, ``2025-06-14T09:52:00+07:00``), a date or datetime; None if unknown."""
    if value is None:
        return None
    if isinstance(value, date):
        return Published(value.year, value.month, value.day)
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(value))
    if not m:
        return None
    y, mo, d = (int(g) if g else None for g in m.groups())
    try:
        return Published(y, mo, d) if Published(y, mo, d).last_day else None
    except ValueError:
        return None


def _year_from_published(r: _Raw, published: Published) -> int:
    ref = published.last_day + timedelta(days=FUTURE_GRACE_DAYS)
    year = published.year
    try:
        when = date(year, r.month, r.day or 1)
    except ValueError:  # 29/2 in a common year: the leap year before
        return year - 1 if year % 4 else year
    return year if when <= ref else year - 1


def iso(r: _Raw) -> str:
    """The ISO value of a resolved date at its granularity."""
    if r.day is not None:
        return f"{r.year:04d}-{r.month:02d}-{r.day:02d}"
    if r.month is not None:
        return f"{r.year:04d}-{r.month:02d}"
    return f"{r.year:04d}"
