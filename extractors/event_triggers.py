"""Event triggers: the words of ``event_triggers.jsonl`` in the body sentences that report, and in the title.

The triggers are phrases of the span layer (``vnie_spans``, ``extractors/span_layer.py``: label EVENT, shown in
``doc.spans["TRIGGER"]``), found once per Doc on its words; this module asks the layer which of them a sentence
holds and decides which report an event. The title, outside the body, is read with the same words and trie
(``span_layer.text_layer``).

Holds the ``Hit`` record (one trigger found) and ``Triggers`` (a view of the layer's trigger phrases, with
``match`` over the body and ``title_types`` over the title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.event_context import EventContext, line_start
from extractors.event_cues import DOER, MISHAP, OFFENCE, SUSPECT, Cues
from extractors.event_dates import own_day, point_days
from extractors.event_names import CLAUSE_BREAK
from extractors.event_types import EventTypes
from extractors.event_words import EventWords
from extractors.span_layer import EntryViews, Gazetteer, SpanLayer, text_layer, view_matches
from pipeline.settings import EventsOptions
from pipeline.textnorm import fold_tones

# The words that make a trigger no report (a request, a modal, a condition ...) are ``event_words.jsonl`` roles,
# composed in ``EventWords``.
# A verb that is an arrest only with its object ("phát hiện 2 đối tượng", "bàn giao 3 đối tượng"; entry "next":
# "suspect" or "offence") looks for it ``object_reach`` characters after it (section [events]), within its clause.
_OBJECT_CLAUSE_END = re.compile(r"[.;:,!?\n]")
# ... and is no arrest when told as a condition ("khi phát hiện ...", "nếu phát hiện ...") or when its object is
# a count of cases ("phát hiện 6 vụ vận chuyển hàng lậu": a tally): ``EventWords.condition``, ``cases_after``.
# A sentence the segmenter cut inside a person's initials: the one before ends with an initial ("chị N.T."), this
# one opens with the last ("H. (SN 2001) ...").
_INITIAL_OPENING = re.compile(r"\s*([^\W\d_])\.\s")
_INITIAL_CLOSING = re.compile(r"(?<!\w)((?:[^\W\d_]\.){1,3})\s*$")
# An entry of kind "none" is a word that holds a trigger and says something else ("bốc thăm" chia bảng is no visit,
# "thăm khám" no visit, "lập biên bản nhắc nhở" no sanction): the longest phrase at a word wins, so it shadows the
# trigger inside it.
NO_EVENT = "none"
# The longest noun naming an offence's doer or case, in words ("nghi phạm", "đường dây"), looked for right before a
# dated offence verb.
_DOER_WORDS = 4


@dataclass(frozen=True, slots=True)
class Hit:
    """A trigger in a body sentence."""

    type: str
    kind: str  # head (names an event), act (reports one), gift, title (no trigger in the body); never "none"
    sentence: int  # index into ``sentences(doc)``
    rank: int  # position among body sentences (0 = lead)
    start: int
    end: int
    pattern: str
    background: bool = False  # an arrest or accident counted over a period ("từ đầu năm ... bắt giữ 27 vụ")


class Triggers:
    """Finds trigger words; ``decisions`` and ``case_files`` are the crime patterns of those stages,
    ``ceremonies`` the heads of a ceremony (role "ceremony"), ``campaigns`` the words that open a campaign (role
    "campaign").

    triggers (tuple[dict, ...]): ``event_triggers.jsonl`` entries: pattern, id (event type), kind, next, stage, dated.
        ``next`` is "number" (a number must follow: "bắt 3"), "suspect" or "offence" (a suspect, or a suspect,
        goods carried or a violation, must be named in the clause after it: "bàn giao 3 đối tượng", "phát hiện
        1 xuồng máy chở dầu"). ``dated`` (true): a trigger only in a sentence that writes a day of its own (a
        victim's passive, "khoảng 22 giờ ngày 13/4, ... bị đâm", reports the crime; "nhiều người bị chiếm đoạt
        tiền" is background).
    cues (Cues | None): ``event_cues.jsonl``, for the suspect and offence words.
    words (EventWords): the regexes of ``event_words.jsonl`` (requests, modals, tallies).
    types (EventTypes): the flags of ``event_types.jsonl`` (incidents, visits, awards).
    options (EventsOptions): section [events] of the settings (how far an object is looked for).
    """

    def __init__(self, triggers: tuple[dict, ...], cues: Cues | None, words: EventWords, types: EventTypes,
                 options: EventsOptions):
        self.types = types
        self.options = options
        self.cues = cues or Cues(())  # the suspect and offence words an object-bound verb needs
        self.words = words
        self.triggers = tuple(triggers)
        # per gazetteer: the layer's phrase id -> trigger entry (the last entry of a phrase wins), and the words
        # that start a trigger
        self.view = EntryViews(self.triggers)
        self.decisions = frozenset(e["pattern"] for e in triggers if e.get("stage") == "decision")
        self.case_files = frozenset(e["pattern"] for e in triggers if e.get("stage") == "report")
        # a ceremony ("lễ kỷ niệm", "gặp mặt") at which awards are given is one commendation event
        self.ceremonies = frozenset(e["pattern"] for e in triggers if e.get("role") == "ceremony")
        # a campaign or drive over a period ("ra quân", "mở đợt cao điểm") starts on the first day of its range
        self.campaigns = frozenset(e["pattern"] for e in triggers if e.get("role") == "campaign")

    def match(self, ctx: EventContext) -> list[Hit]:
        """Triggers in body sentences that report something (not asked for, not quoted, not on a caption, not
        negated, "không làm việc", not the time since it, "sau một tháng ra mắt", not in an assumed scenario,
        "Tình huống giả định: ... xảy ra cháy")."""
        layer = _layer(ctx.spans)
        (view, firsts), words = self.view(layer.gazetteer), layer.words
        cased = ctx.folded
        shadow = cased.lower()
        if len(shadow) != len(cased):
            shadow = cased
        hits = []
        for rank, i in enumerate(ctx.ranked):
            sent = ctx.sents[i]
            for k, n, entry in view_matches(layer, view, *layer.sentence_range(i), firsts):
                if entry.get("kind") == NO_EVENT:
                    continue  # "bốc thăm", "thăm khám": a word holding a trigger that says something else
                start, end = words[k].start, words[k + n - 1].end
                if not self._object_follows(entry, cased, start, end, sent.end_char, layer):
                    continue
                before = _lower_first(cased[sent.start_char:start])
                clause = _lower_first(_governing_clause(before, self.options.verb_list_words))
                if (self.words.request.search(before) or self.words.modal.search(clause)
                        or self.words.negated.search(before)  # "Công an không làm việc với người dân qua điện thoại"
                        or self.words.elapsed.search(before)  # "sau một tháng ra mắt": a launch told before
                        or before.count("“") > before.count("”") or before.count('"') % 2):
                    continue
                if entry.get("dated") and not point_days(ctx, i) and not _split_initials_dated(ctx, i):
                    continue  # a victim's passive ("bị đâm", "bị chiếm đoạt") reports the crime only with its day
                if (entry.get("dated") and self._names_doer(layer, k)
                        and self.words.number_after.match(cased, end) is None):
                    # "truy bắt đối tượng cướp tài sản": the verb says who was caught, not an offence told; with
                    # what it took counted ("một đối tượng cướp 2 chiếc xe máy") it is the act
                    continue
                if self.words.scenario.search(ctx.text, line_start(ctx, i), start):
                    continue  # "Tình huống giả định: ... xảy ra cháy": the drill's scenario, nothing happened
                kind = entry.get("kind", "act")
                background = (kind != "gift" and entry["id"] in self.types.incidents
                              and (i in ctx.tallies
                                   or self.words.period.search(cased, sent.start_char, sent.end_char) is not None))
                hits.append(Hit(entry["id"], kind, i, rank, start, end, entry["pattern"], background))
        visit, award = self.types.of_role("visit"), self.types.of_role("award")
        hits = _award_over_visit(hits, shadow, visit, award)
        visit_days = {own_day(ctx, h) for h in hits if h.type == visit}
        return _visit_over_gift(hits, shadow, visit, lambda h: own_day(ctx, h) not in visit_days | {None})

    def title_types(self, title: str, gazetteer: Gazetteer) -> list[tuple[str, str]]:
        """(event type, kind) of the triggers the title names, in order; arrests and accidents counted
        over a period ("6 tháng, khởi tố 9 vụ án ma túy") name no event. ``gazetteer`` is the span layer's."""
        out = []
        folded_title = fold_tones(title)
        words = self.words
        tally = (words.period.search(folded_title) is not None or words.compare.search(folded_title) is not None
                 or words.year_frame.match(folded_title) is not None
                 or len(words.case_count.findall(folded_title)) >= 2)
        layer = text_layer(gazetteer, title)
        view, firsts = self.view(gazetteer)
        for k, n, entry in view_matches(layer, view, 0, len(layer.words), firsts):
            if entry.get("kind") == NO_EVENT:
                continue
            if not self._object_follows(entry, folded_title, layer.words[k].start, layer.words[k + n - 1].end,
                                        len(folded_title), layer):
                continue
            if tally and entry["id"] in self.types.incidents:
                continue
            out.append((entry["id"], entry.get("kind", "act")))
        return out

    def _names_doer(self, layer: SpanLayer, k: int) -> bool:
        """Whether the words right before word ``k`` are a noun naming the doer or the case of an offence
        ("đối tượng", "nghi phạm", "vụ", "hành vi"): a dated offence verb after it ("đối tượng cướp tài sản", "vụ
        lấy trộm xe") names them, it does not tell the offence on its day."""
        lo = max(0, k - _DOER_WORDS)
        return any(c.first + c.length == k for role in (SUSPECT, DOER) for c in self.cues.in_words(layer, lo, k, role))

    def _object_follows(self, entry: dict, text: str, start: int, after: int, end: int, layer: SpanLayer) -> bool:
        """Whether what the entry needs after it follows the trigger at ``text[start:after]`` (tone-folded), before
        ``end``: a number ("bắt 3 đối tượng"), or within its clause a suspect ("bàn giao 3 đối tượng") or an offence
        ("phát hiện 1 xuồng máy chở dầu", "phát hiện 6 người không có giấy tờ"), unless told as a condition ("khi
        phát hiện hành vi vi phạm"), counting cases ("phát hiện 6 vụ", a tally) or finding a mishap ("phát hiện xe
        chở hàng bốc cháy"). ``layer`` holds ``text``'s words (the cues are read on them)."""
        need = entry.get("next")
        if need is None:
            return True
        if need == "number":
            return self.words.number_after.match(text, after) is not None
        stop = _OBJECT_CLAUSE_END.search(text, after, min(end, after + self.options.object_reach))
        clause_end = stop.start() if stop else min(end, after + self.options.object_reach)
        if (self.words.condition.search(text, max(0, start - self.options.condition_reach), start)
                or self.words.cases_after.search(text, after, clause_end)):
            return False
        if self.cues.find(layer, after, clause_end, MISHAP):
            return False  # "phát hiện xe ô tô chở hàng bốc cháy": an accident found, not an offence
        roles = (SUSPECT,) if need == SUSPECT else (SUSPECT, OFFENCE)
        return any(self.cues.find(layer, after, clause_end, role) for role in roles)


def _award_over_visit(hits: list[Hit], text: str, visit: str, award: str) -> list[Hit]:
    """The hits without a visit told in the same clause as an award: "đến thăm hỏi, động viên và trao thưởng
    nóng cho ..." reports the award, the visit only brings it."""
    awards = [h for h in hits if h.type == award]
    if not awards:
        return hits
    return [h for h in hits if not (h.type == visit and any(_same_clause(h, a, text) for a in awards))]


def _visit_over_gift(hits: list[Hit], text: str, visit: str, dated_apart=lambda h: False) -> list[Hit]:
    """The hits without gifts when one is told in the same clause as a visit: "đã đến thăm, trao 400 suất quà Tết
    cho ...", "thăm hỏi, tặng quà ..." report the visit, and the article's gifts are what it brought. A visit word
    after the gift ("trao 100 suất quà, ân cần hỏi thăm ...") is how the gifts were given. Gifts given on a day of
    their own (``dated_apart``: "Trước đó, sáng 4/3, đoàn đã tặng 60 suất quà") are kept: an event of their own."""
    visits = [h for h in hits if h.type == visit]
    if not any(h.kind == "gift" and any(v.start < h.start and _same_clause(h, v, text) for v in visits) for h in hits):
        return hits
    return [h for h in hits if h.kind != "gift" or dated_apart(h)]


def _same_clause(a: Hit, b: Hit, text: str) -> bool:
    """Whether two hits are told in one clause of one sentence (no ";" between them)."""
    lo, hi = sorted((a, b), key=lambda h: h.start)
    return a.sentence == b.sentence and ";" not in text[lo.end:hi.start]


def _split_initials_dated(ctx: EventContext, i: int) -> bool:
    """Whether sentence ``i`` is the rest of the one before it, cut inside a person's initials ("Trước đó, ngày
    2/1, chị N.T." + "H. (SN 2001) ... thì bị ... giật chiếc điện thoại"), and that one writes a day: the day is
    the dated trigger's own."""
    if i == 0 or line_start(ctx, i) != line_start(ctx, i - 1):
        return False
    opening, closing = _INITIAL_OPENING.match(ctx.sent_text[i]), _INITIAL_CLOSING.search(ctx.sent_text[i - 1])
    return (opening is not None and closing is not None and opening.group(1).isupper()
            and closing.group(1).isupper() and bool(point_days(ctx, i - 1)))


def _governing_clause(before: str, list_words: int) -> str:
    """The clause that governs a trigger: the last one, extended back over a list of short verbs (clauses of at
    most ``list_words`` words share the head of the first one: "kịp thời biểu dương, động viên, khen thưởng":
    "kịp thời" governs all three)."""
    parts = CLAUSE_BREAK.split(before)
    k = len(parts) - 1
    while k > 0 and len(parts[k].split()) <= list_words and len(parts[k - 1].split()) <= list_words + 2:
        k -= 1
    return " ".join(parts[k:])


def _lower_first(text: str) -> str:
    """The text with its first letter in lower case: a sentence may start with "Kịp thời", "Cần"."""
    text = text.lstrip()
    return text[:1].lower() + text[1:]


def _layer(layer: SpanLayer | None) -> SpanLayer:
    """The Doc's span layer, which holds the triggers; without it there is nothing to read."""
    if layer is None:
        raise ValueError("no span layer: add vnie_spans before vnie_events")
    return layer
