"""What an event is called: the noun phrase of a head noun, or an act with its object or short subject.

Holds the naming limits and regexes and ``EventNaming``, the part of ``events.EventContext`` that
picks the mention naming an event and cuts its name out of the text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extractors.event_sentences import capitals_tail

if TYPE_CHECKING:  # annotations only
    from extractors.event_triggers import Hit

MAX_NAME_CHARS = 160  # an event name longer than this is a clause that ran on
# Types whose name is a noun phrase ("Hội nghị sơ kết ...", "Lễ ra mắt ..."): a head with words of its own names them.
NOUN_NAMED = ("festival", "launch", "conference", "commendation", "other")
MAX_SUBJECT_WORDS = 12  # a longer subject before a verb is a clause of its own: the name starts at the verb
# A name ends here: a place, a date, a reason, a host or the next clause.
_NAME_END = re.compile(r"\s*(?:[;!?(]|(?<!\s[A-ZĐ])[.](?=\s|$)|:(?=\s|$)|,\s*(?=[A-ZĐ]|thu hút|đồng thời|qua đó|với\s|nhằm|gắn với|trong đó|đây\s|"
                       r"đó\s|là\s|diễn ra|được\s)|"
                       r"\s(?:của|tại|ở|do|vào|với sự|nhằm|gắn với|cùng|cho biết|sáng|chiều|tối|ngày|"
                       r"cũng|đã|đang|sẽ|diễn ra|tiến hành|kết thúc|khai mạc|bế mạc|thu hút|"
                       r"được (?:tổ chức|diễn ra|tiến hành|kết nối|khai mạc))\s|"
                       r"\svà\s(?=khen thưởng|trao|tặng|biểu dương|tuyên dương|ra mắt|phát động|ký kết))")
_REPORT_FRAME = re.compile(r"(?<!\w)(?:cho biết|thông tin|thông báo)[,:]?\s+(?:(?:đơn vị|lực lượng chức năng)\s+)?"
                           r"(?:(?:vừa|đã|đang)\s+)*")
_SENTENCE_STOP = re.compile(r"\s*[;.!?](?:\s|$)")
CLAUSE_BREAK = re.compile(r"[,;:]\s*")  # a verb's clause starts after the last of these before it
_CLAUSE_END = re.compile(r"\s*(?:[;!?(]|(?<!\s[A-ZĐ])[.](?=\s|$)|:(?=\s|$)|"
                         r",\s*(?=[A-ZĐ]|thu hút|đồng thời|qua đó|nhằm|trong đó|mỗi|sau đó|tiếp đó|rồi|thu giữ))")
# "Kết luận buổi sơ kết, đồng chí ...": nothing names a head or a verb before the comma, unless a second verb
# of the same event follows ("Hội nghị biểu dương, khen thưởng ...", "đến thăm, chúc Tết ...")
_SAME_EVENT_VERB = (r"(?:khen thưởng|tuyên dương|biểu dương|trao|tặng|tổng kết|sơ kết|triển khai|ra mắt|phát động|"
                    r"ký kết|đón nhận|chúc Tết|chúc tết|chúc mừng|thăm|động viên|làm việc|kiểm tra|dâng hương|"
                    r"khởi tố|bắt giữ|tạm giữ|xử phạt)(?!\w)")
_SAME_EVENT_START = re.compile(_SAME_EVENT_VERB)
_BARE_END = re.compile(r"\s*(?:[;.:]|,(?!\s*" + _SAME_EVENT_VERB + r"))")


class EventNaming:
    """The names of ``EventContext`` (reads text, sents)."""

    def anchor(self, hits: list[Hit]) -> Hit:
        """The mention that names the event best: a head noun with words of its own ("Hội nghị sơ kết công
        tác ...") for events named by a noun; else in the earliest sentence such a head, a verb, a bare head."""
        ordered = sorted(hits, key=lambda h: h.start)
        extended = [h for h in ordered if h.kind == "head" and self.name_span(h)[1] > h.end]
        if extended and ordered[0].type in NOUN_NAMED:
            return extended[0]
        first = [h for h in ordered if h.rank == ordered[0].rank]
        acts = [h for h in first if h.kind != "head"] or [h for h in ordered if h.kind == "act"]
        return ([h for h in first if h in extended] or acts or first)[0]

    def name_span(self, hit: Hit) -> tuple[int, int]:
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
            for m in CLAUSE_BREAK.finditer(self.text, s_start, hit.start):
                inside = self.text[s_start:m.start()]
                if inside.count("(") > inside.count(")"):
                    continue  # a comma inside brackets: "(SN 1985, trú tại ...)"
                if len(self.text[m.end():hit.start].split()) >= 2 and not _SAME_EVENT_START.match(self.text, m.end()):
                    start = m.end()  # not inside a list of the event's verbs ("thăm hỏi, động viên và trao ...")
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
        credit = capitals_tail(self.text, hit.end, end)
        if credit is not None and any(c.islower() for c in self.text[start:credit]):
            end = credit  # a photographer's name in capitals closing a caption-like line
        while end > hit.end and not (self.text[end - 1].isalnum() or self.text[end - 1] in "”\")"):
            end -= 1
        if self.text[start:end].count("“") > self.text[start:end].count("”"):
            close = self.text.find("”", end, s_end)
            if close != -1 and close - start <= MAX_NAME_CHARS:
                end = close + 1
        return start, end
