"""What an event is called: the noun phrase of a head noun, or an act with its object or short subject.

Holds ``anchor_of`` (the mention naming an event) and ``name_span`` (its name cut out of the text), functions over
an article's ``EventContext``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extractors.event_captions import capitals_tail

from extractors.event_context import EventContext

if TYPE_CHECKING:  # annotations only
    from extractors.event_triggers import Hit

# Limits (the longest name, the longest subject before a verb): ``ctx.rules.options``, section [events] of settings.toml.
# Where a name ends (a place, a date, a reason, a host or the next clause), a report's frame ("cho biết vừa ...")
# and the verbs of one event listed after a comma ("Hội nghị biểu dương, khen thưởng ..."): ``EventWords``
# (``name_end``, ``report_frame``, ``clause_end``, ``same_event_start``, ``bare_end``).
_SENTENCE_STOP = re.compile(r"\s*[;.!?](?:\s|$)")
CLAUSE_BREAK = re.compile(r"[,;:]\s*")  # a verb's clause starts after the last of these before it


def anchor_of(ctx: EventContext, hits: list[Hit]) -> Hit:
    """The mention that names the event best: a head noun with words of its own ("Hội nghị sơ kết công
    tác ...") for events named by a noun; else in the earliest sentence such a head, a verb, a bare head."""
    ordered = sorted(hits, key=lambda h: h.start)
    extended = [h for h in ordered if h.kind == "head" and name_span(ctx, h)[1] > h.end]
    if extended and ctx.rules.types.named_by.get(ordered[0].type) == "noun":
        return extended[0]
    first = [h for h in ordered if h.rank == ordered[0].rank]
    acts = [h for h in first if h.kind != "head"] or [h for h in ordered if h.kind == "act"]
    return ([h for h in first if h in extended] or acts or first)[0]


def name_span(ctx: EventContext, hit: Hit) -> tuple[int, int]:
    """The event's name as written: the noun phrase from a head noun ("Hội nghị sơ kết ..."), the verb
    phrase of a crime ("bắt giữ 16 người ..."), the clause with its short subject for other verbs
    ("UBND huyện tặng Giấy khen cho ...", "Đoàn công tác thăm và làm việc tại ...")."""
    words = ctx.rules.words
    sent = ctx.sents[hit.sentence]
    s_start, s_end = sent.start_char, sent.end_char
    if hit.kind == "head":
        start = hit.start
        stop = words.bare_end.match(ctx.text, hit.end) or words.name_end.search(ctx.text, hit.end, s_end)
    elif hit.kind == "title":
        start = s_start  # the lead sentence tells the event the title names
        stop = _SENTENCE_STOP.search(ctx.text, s_start, s_end)
    else:
        start = s_start
        for m in CLAUSE_BREAK.finditer(ctx.text, s_start, hit.start):
            inside = ctx.text[s_start:m.start()]
            if inside.count("(") > inside.count(")"):
                continue  # a comma inside brackets: "(SN 1985, trú tại ...)"
            if len(ctx.text[m.end():hit.start].split()) >= 2 and not words.same_event_start.match(ctx.text, m.end()):
                start = m.end()  # not inside a list of the event's verbs ("thăm hỏi, động viên và trao ...")
        frame = None
        for frame in ctx.rules.words.report_frame.finditer(ctx.text, start, hit.start):
            pass
        if frame is not None:
            start = frame.end()  # "Công an huyện X cho biết (đơn vị) vừa bắt ..." -> "bắt ..."
        if (ctx.rules.types.named_by.get(hit.type) == "act"
            or len(ctx.text[start:hit.start].split()) > ctx.rules.options.max_subject_words):
            start = hit.start  # who arrested or fined is the police: the act and its object name it
        stop = words.bare_end.match(ctx.text, hit.end) or words.clause_end.search(ctx.text, hit.end, s_end)
    end = stop.start() if stop else s_end
    end = min(end, start + ctx.rules.options.max_name_chars)
    credit = capitals_tail(ctx.text, hit.end, end)
    if credit is not None and any(c.islower() for c in ctx.text[start:credit]):
        end = credit  # a photographer's name in capitals closing a caption-like line
    while end > hit.end and not (ctx.text[end - 1].isalnum() or ctx.text[end - 1] in "”\")"):
        end -= 1
    if ctx.text[start:end].count("“") > ctx.text[start:end].count("”"):
        close = ctx.text.find("”", end, s_end)
        if close != -1 and close - start <= ctx.rules.options.max_name_chars:
            end = close + 1
    return start, end
