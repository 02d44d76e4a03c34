"""Which body sentences tell an event's news: not photo captions, not tallies over a period.

Holds the sentence constants (the lead, captions, tallies), the regexes that spot a tally or a
caption (shared with the trigger matcher), ``capitals_tail`` (a credit in capitals) and
``SentenceFlags``, the part of ``events.EventContext`` that marks captions, tallies and a review's
opening.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from extractors.event_triggers import Hit

LEAD_SENTENCES = 2  # the lead: the first body sentences, where the news is said
STATS_LEAD_SENTENCES = 3  # statistics this early make the article a review (later ones are background)
MAX_CAPTION_WORDS = 30  # a photo caption is one short line
MAX_BARE_CAPTION_WORDS = 20  # ... and one without a credit or a stop is shorter still (a longer one is a paragraph)
MIN_STATS_COUNTS = 3  # "xử lý 13 vụ, khởi tố 9 bị can, 11 đối tượng": three counted cases or people is a tally
# A sentence that counts over a period: its arrests and accidents are statistics, not the news.
PERIOD = re.compile(r"(?<!\w)(?:[Tt]ừ đầu (?:năm|tháng|quý)|[Tt]rong năm|[Nn]ăm qua|[Tt]hời gian qua|[Ll]ũy kế|"
                    r"\d+ tháng (?:đầu|cuối|qua)|[Đđ]ợt cao điểm|[Gg]iai đoạn|[Tt]ừ ngày|[Tt]ừ tháng|[Nn]ăm công tác|"
                    r"[Cc]ùng kỳ|[Tt]rong (?:\d+|các|những) (?:tháng|năm|quý)|[Tt]rong (?:quý|tháng) [IVX\d]+|"
                    r"[Tt]ính (?:đến|từ)|[Tt]háng qua|[Qq]uý qua)(?!\w)")
# A sentence framed by a whole year: "Năm 2023, Công an huyện đã khám phá 45 vụ ..."
YEAR_FRAME = re.compile(r"^\W*(?:[Tt]rong\s+|[Tt]ính\s+(?:chung\s+)?)?[Nn]ăm\s+(?:19|20)\d\d\s*,")
# A comparison with an earlier period: "giảm 2 vụ so với cùng kỳ", "tăng 12% so với năm 2023".
COMPARE = re.compile(r"(?<!\w)(?:tăng|giảm)(?!\w)[^.;]{0,80}?(?<!\w)so với(?!\w)|(?<!\w)so với (?:cùng kỳ|năm|quý|tháng)",
                     re.I)
# Counted cases and people: several in one sentence make a tally ("khởi tố 9 vụ, 9 bị can").
CASE_COUNT = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*\s+(vụ việc|vụ án|vụ|bị can|đối tượng|trường hợp|lượt|người|cơ sở)"
                        r"(?!\w)", re.I)
# A photo credit on a caption line: "Ảnh: Văn Hải", "(Ảnh minh họa)", "Nguồn: CAND".
_PHOTO_CREDIT = re.compile(r"(?<!\w)(?:Ảnh|ẢNH|Nguồn|Video|Clip)\s*:|(?<!\w)[Ảả]nh\s+(?:minh h[ọo]ạ|tư liệu|:)|"
                           r"\((?:Ảnh|ảnh)(?!\w)")
_STOPS = ".!?…:;”\")"  # how a paragraph of the article ends
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s*$")


class SentenceFlags:
    """Captions, tallies and the review opening of ``EventContext`` (reads text, sents, sent_text, body, ranked,
    tallies, and ``point_days``, ``own_day`` of ``EventDating``)."""

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
            counts = len(CASE_COUNT.findall(text))
            dated = bool(self.point_days(i))
            period = PERIOD.search(text) is not None or YEAR_FRAME.match(text) is not None
            tally = (COMPARE.search(text) is not None
                     or (not dated and (counts >= MIN_STATS_COUNTS or (counts and period))))
            continued = (counts and not dated and i - 1 in out and self.line_start(i) == self.line_start(i - 1))
            if tally or continued:
                out.add(i)
        return out

    def review(self, hits: list[Hit]) -> bool:
        """Whether the article opens by tallying a period's results, as the report of a review conference
        does: a tally among the first sentences, before any crime or accident told with its own day."""
        for i in self.ranked[:STATS_LEAD_SENTENCES]:
            if i in self.tallies:
                return True
            if any(h.sentence == i and h.type in ("crime", "accident") and not h.background and self.own_day(h)
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
