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

# Limits (the longest name, the longest subject before a verb): ``self.options``, section [events] of settings.toml.
# Where a name ends (a place, a date, a reason, a host or the next clause), a report's frame ("cho biết vừa ...")
# and the verbs of one event listed after a comma ("Hội nghị biểu dương, khen thưởng ..."): ``EventWords``
# (``name_end``, ``report_frame``, ``clause_end``, ``same_event_start``, ``bare_end``).
_SENTENCE_STOP = re.compile(r"\s*[;.!?](?:\s|$)")
CLAUSE_BREAK = re.compile(r"[,;:]\s*")  # a verb's clause starts after the last of these before it


class EventNaming:
    """The names of ``EventContext`` (reads text, sents)."""

    def anchor(self, hits: list[Hit]) -> Hit:
        """The mention that names the event best: a head noun with words of its own ("Hội nghị sơ kết công
        tác ...") for events named by a noun; else in the earliest sentence such a head, a verb, a bare head."""
        ordered = sorted(hits, key=lambda h: h.start)
        extended = [h for h in ordered if h.kind == "head" and self.name_span(h)[1] > h.end]
        if extended and self.types.named_by(ordered[0].type) == "noun":
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
            stop = self.words.bare_end.match(self.text, hit.end) or self.words.name_end.search(self.text, hit.end, s_end)
        elif hit.kind == "title":
            start = s_start  # the lead sentence tells the event the title names
            stop = _SENTENCE_STOP.search(self.text, s_start, s_end)
        else:
            start = s_start
            for m in CLAUSE_BREAK.finditer(self.text, s_start, hit.start):
                inside = self.text[s_start:m.start()]
                if inside.count("(") > inside.count(")"):
                    continue  # a comma inside brackets: "(SN 1985, trú tại ...)"
                if len(self.text[m.end():hit.start].split()) >= 2 and not self.words.same_event_start.match(self.text, m.end()):
                    start = m.end()  # not inside a list of the event's verbs ("thăm hỏi, động viên và trao ...")
            frame = None
            for frame in self.words.report_frame.finditer(self.text, start, hit.start):
                pass
            if frame is not None:
                start = frame.end()  # "Công an huyện X cho biết (đơn vị) vừa bắt ..." -> "bắt ..."
            if self.types.named_by(hit.type) == "act" or len(self.text[start:hit.start].split()) > self.options.max_subject_words:
                start = hit.start  # who arrested or fined is the police: the act and its object name it
            stop = self.words.bare_end.match(self.text, hit.end) or self.words.clause_end.search(self.text, hit.end, s_end)
        end = stop.start() if stop else s_end
        end = min(end, start + self.options.max_name_chars)
        credit = capitals_tail(self.text, hit.end, end)
        if credit is not None and any(c.islower() for c in self.text[start:credit]):
            end = credit  # a photographer's name in capitals closing a caption-like line
        while end > hit.end and not (self.text[end - 1].isalnum() or self.text[end - 1] in "”\")"):
            end -= 1
        if self.text[start:end].count("“") > self.text[start:end].count("”"):
            close = self.text.find("”", end, s_end)
            if close != -1 and close - start <= self.options.max_name_chars:
                end = close + 1
        return start, end
