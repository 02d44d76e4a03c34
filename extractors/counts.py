"""Counts: cardinal numbers of things, people, money and area, with category and unit.

A count is a numeral (``extractors.numbers``) followed by the noun it counts:
"hơn 1.800 sĩ quan", "14 mô hình", "4,5 triệu đồng", "hàng trăm người dân".
The unit is the noun phrase as written, with the words after the noun that say which kind
("tài xế ô tô", "điểm nhân rộng mô hình"); a measure of goods is a count of category ``quantity``
whose unit names what is measured ("5,04 kg ma túy", "345 m3 gỗ"); a number after "tăng" or
"giảm" is a ``change`` against another period, not a total, and the first of "43/49 vụ" a ``part``.
What GUIDELINES lists as *not* a count is kept out by the words around the
numeral: an identifier word before it ("số 9", "Điều 331", "Quyết định 437",
"kỳ họp thứ 21"), a non-count word after it ("15 năm", "52 tuổi", "2 cấp",
"85%", "3 rõ"), anything glued to it ("04/CP", "ĐT742", "10h15", "Km 03+150"),
dates found by ``vnie_dates``, and numbers inside short quoted names ("4 không").
Two numbers sharing one noun: a fraction ("làm rõ 43/49 vụ") gives both counts, a range
("từ 3 - 5 người") its lower bound, approximate. ``doc._.counts`` holds each fact once (articles
repeat a count in title, lead, body and captions); every mention is in
``doc._.count_mentions`` (and ``doc.spans["COUNT"]``).
Words come from the span layer (``extractors/span_layer.py``): counts' gazetteer files are in its one
trie, each group of entries counts ask for is a ``Phrases`` view on it, and phrases are looked up on
count pieces derived from the layer's shared words (split at a word's inner marks: "kg|/|ngày",
"1|200"; "ki-ốt" glued back; a numeral ending inside "5kg" leaves the piece "kg"). Where the pieces are
whole words, the answer is the layer's own matches at the first; other runs walk the trie.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from extractors.base import Mention, body_sentences, folded, text_of, token_ends
from extractors.numbers import Numeral, NumeralReader, parse_digits, word_key
from extractors.span_layer import (DEFAULT_FILES, CountPhrases, CountWords, Gazetteer, count_words, displays,
                                    preload_readings, shared_gazetteer)
from gazetteer import read_gazetteer
from pipeline.textnorm import fold_tones

log = logging.getLogger(__name__)

# A quoted stretch this short is a name or slogan ("4 không", "3 rõ, 4 tại chỗ"), not reported
# speech: numbers inside it are not counts. Slogans and model names seen in police news run
# to about 60 characters; quoted speech is usually longer than 100.
QUOTE_NAME_MAX_CHARS = 100
# Words taken as the unit of a count whose noun is not in the gazetteer ("khẩu súng tự chế").
UNIT_MAX_WORDS = 4
# Words added after a gazetteer noun to say which kind ("tài xế| ô tô", "kg| ma túy tổng hợp",
# "điểm nhân rộng| mô hình"); kind phrases seen in police news take one to three. One of them may
# be in no word list ("vụ trộm cắp| tài sản"), only where the phrase ends after it: two unknown
# words in a row are a verb phrase ("người| tụ tập đánh bạc"), see CountFinder._kind_words.
UNIT_EXTRA_MAX = 4
# Words naming what an act is done to, between the act and how it is done: "vận chuyển| lâm sản| trái phép",
# "khám| bệnh| miễn phí" (objects seen in police news are one or two words of the segmenter).
MANNER_OBJECT_WORDS = 2
# Nouns sharing one number: "65 tập thể, cá nhân" (1), "500 khẩu súng, công cụ hỗ trợ, vật liệu nổ" (2).
COORDINATED_MAX = 2
# How far before a count an award name ("Bằng khen của ...") may be, within its sentence.
AWARD_MAX_CHARS = 80
# Official releases pad small counts with a zero ("bắt 02 đối tượng"); longer zero-led
# numbers are phone numbers and codes.
ZERO_PADDED_MAX_DIGITS = 3
# A bare 4-digit number in this range is a year unless a known count noun follows it.
YEARS = range(1900, 2101)
SPAN_KEY = "COUNT"  # doc.spans["COUNT"]: every count mention

_QUOTES = re.compile(r"“[^”\n]{1,%d}”|\"[^\"\n]{1,%d}\"|‘[^’\n]{1,%d}’|«[^»\n]{1,%d}»"
                     % ((QUOTE_NAME_MAX_CHARS,) * 4))
_GLUE_BEFORE = set("/.,:+-–_")
_GLUE_AFTER = set("/:+")
_DASHES = "-–"
_SENTENCE_LEAD = re.compile(r"[\s\"“‘'(\[•*+\-–—]*")
_QUOTED_AFTER = re.compile(r"\s{1,2}([“\"])([^”\"\n]{2,%d})[”\"]" % QUOTE_NAME_MAX_CHARS)
_HONOURED_AFTER = re.compile(r"[^;.]{0,60}?\bđược\b", re.I)
# A grade code right after measured goods ("dầu DO", "xăng A95", "xăng RON95"): up to three capitals and
# digits (a unit's abbreviation is longer: "UBND", "CSGT"), no capitalised word after it (a name).
_GRADE = re.compile(r"\s{1,2}((?=\w\w)[A-Z]{1,3}[0-9]{0,3})(?!\w|\.\w)(?!\s+[A-ZÀ-Ỹ])")
# Between two counts listed under one verb: "tăng 35 vụ, 52 đối tượng", "giảm 3 vụ và 4 người", with the
# rate of the first in brackets: "giảm 9 vụ (7,5%), 11 đối tượng"
# A breach named earlier in the clause makes "trường hợp" count cases: "vi phạm nồng độ cồn có 6.812 trường hợp"
# (lower case; within the sentence, up to a ";").
_BREACH_BEFORE = re.compile(r"\bvi phạm\b[^;]*$")
_LISTED = re.compile(r"\s*(?:\([^()]{0,12}%\)\s*)?(?:,|và)\s*")


def _alternation(entries: Iterable[dict]) -> str:
    """A regex group matching any of the entries' patterns (tones folded, longest first, spaces as written)."""
    patterns = sorted({fold_tones(e["pattern"]) for e in entries}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(re.escape(p) for p in patterns) + ")" if patterns else "(?!)"


def _lower_bound(a: Numeral, b: Numeral) -> float:
    """The value of the lower end ``a`` of a range, scaled by the upper end's multiplier when it has
    none of its own: "10 - 15 triệu đồng" starts at 10 million, "500 nghìn - 1 triệu" at 500 thousand."""
    written = parse_digits(a.digits) if a.digits else None
    if written is None or a.value != written:
        return a.value  # "500 nghìn": its own multiplier
    b_written = parse_digits(b.digits) if b.digits else None
    return a.value * (b.value / b_written) if b_written else a.value


def _zero_padded(n: Numeral) -> bool:
    """Digits written with a leading zero ("02", "0912345678")."""
    d = n.digits or ""
    return len(d) > 1 and d[0] == "0" and d[1].isdigit()


def _same_fact(a: Count, a_words: list[str], b: Count, b_words: list[str]) -> bool:
    """Whether two count mentions may tell one fact: same value, category and kind, and units of
    which one begins with the other ("điện thoại" / "điện thoại di động", not "tài xế ô tô" / "tài xế mô tô")."""
    n = min(len(a_words), len(b_words))
    return (a.value == b.value and a.category == b.category and a.kind == b.kind
            and a_words[:n] == b_words[:n])


class _Unit(NamedTuple):
    """The counted noun found after a numeral."""

    span: tuple[int, int]  # the noun as written (empty for an implied "đồng")
    category: str
    end: int  # where the count ends (after a closing quote, a coordinated noun)
    recipient: str | None = None  # "always"/"near": how close an award must be to make it "awards"
    known: bool = True  # from the gazetteer (not guessed from the words after the number)


@dataclass(frozen=True, slots=True)
class Count:
    """One row of the ``counts`` table.

    value (float): the number; unit (str): the counted noun as written;
    category (str): from the gazetteer; approximate (bool): hơn, gần, trên, khoảng ...;
    event (int | None): index of the event whose sentence holds it;
    award (str | None): the award (Bằng khen of whom) for award counts;
    kind (str): ``total``, ``change`` (a rise or fall against another period: "tăng 15 vụ")
        or ``part`` (the first number of "43/49 vụ").
    """

    value: float
    unit: str
    category: str
    approximate: bool
    text: str
    sentence: int
    start: int
    end: int
    event: int | None = None
    award: str | None = None
    kind: str = "total"

    def mentions(self) -> list[Mention]:
        return [Mention("COUNT", self.text, self.start, self.end, "rule", self.category)]


@Language.factory("vnie_counts", requires=["doc.sents", "doc._.body_end", "doc._.vnie_spans", "doc._.date_mentions",
                                           "doc._.events"],
                  assigns=["doc._.counts", "doc._.count_mentions", "doc.spans"],
                  default_config={"nouns": "count_nouns.jsonl", "qualifiers": "count_qualifiers.jsonl",
                                  "numbers": "number_words.jsonl", "unit_words": "unit_words.jsonl",
                                  "acts": "count_acts.jsonl", "honours": "count_honours.jsonl",
                                  "award_ends": "count_award_ends.jsonl"})
def make_counts(nlp: Language, name: str, nouns: str, qualifiers: str, numbers: str,
                unit_words: str, acts: str = "count_acts.jsonl", honours: str = "count_honours.jsonl",
                award_ends: str = "count_award_ends.jsonl") -> "CountFinder":
    """Build the count finder from its gazetteers (read once, here). Its phrases are looked up on the span
    layer's gazetteer, taken here once: the running ``vnie_spans`` component's (which the finder requires),
    or, in a pipeline without it, ``shared_gazetteer(DEFAULT_FILES)`` (the layer's default files, which hold
    the four count files below). Either must hold ``nouns``, ``qualifiers``, ``unit_words`` and ``acts``.

    nouns (str): count nouns (``COUNT_NOUN``, id = category; ``measure`` for kg, lít, m3 ...) and
        non-count words (``NOT_COUNT``).
    qualifiers (str): words before a number: ``QUALIFIER``, ``ID_PREFIX``, ``AWARD``, ``MONEY_CUE``, ``MEASURE_CUE``
        (a noun of amount before a bare measure: "trọng lượng 21,5 kg"),
        ``DATE_CUE``, ``CHANGE`` (tăng, giảm: the number is a change, not a total).
    numbers (str): number words for ``extractors.numbers``.
    unit_words (str): words that end a unit (``UNIT_STOP``: verbs, prepositions, conjunctions, time
        words) and words that continue it (``UNIT_KIND``: what is measured or which kind; ``UNIT_FIELD``:
        a field of law or order after "về").
    acts (str): offences named by a verb phrase (``UNIT_ACT``: "vận chuyển", "cố ý gây thương tích") that say
        which kind of case a case noun (``offence`` in the nouns: vụ, trường hợp) counts, or which people a noun
        of ``actor`` counts ("đối tượng đánh bạc"; an act of id ``act``, no offence by itself, only with its
        manner); how an act is done (``ACT_MANNER``: "trái phép", "miễn phí"; id ``route`` for a way taken,
        "qua biên giới", which only an act keeps).
    honours (str): words right before the people honoured (``HONOUR``: "khen thưởng", "tặng", "cho": "Bằng khen
        cho 5 cán bộ").
    award_ends (str): words that end an award's name (``AWARD_END``: "cho", "đối với", "được": "Bằng khen của
        Bộ Công an| cho ...").
    RETURNS (CountFinder): the component.
    """
    layer = nlp.get_pipe("vnie_spans") if "vnie_spans" in nlp.pipe_names else None
    gazetteer = layer.gazetteer if layer is not None else shared_gazetteer(DEFAULT_FILES)
    preload_readings((nouns, qualifiers, unit_words, acts))  # how each pattern reads: cached across processes
    return CountFinder(gazetteer, read_gazetteer(nouns), read_gazetteer(qualifiers),
                       NumeralReader(read_gazetteer(numbers)), read_gazetteer(unit_words), read_gazetteer(acts),
                       read_gazetteer(honours), read_gazetteer(award_ends))


def _joined(text: str, a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    """Whether word ``b`` follows ``a`` with at most a couple of spaces between."""
    gap = text[a[2]:b[1]]
    return len(gap) <= 2 and not gap.strip()


class Reading(NamedTuple):
    """What counts read of one Doc, built once per Doc by ``CountFinder.match`` and passed to every
    phrase lookup and helper in place of the bare text.

    text (str): the Doc's folded text (``extractors.base.folded``).
    words (CountWords): its count pieces (``span_layer.count_words``: from the layer's words) over that text.
    """

    text: str
    words: CountWords



class Phrases:
    """One group of counts' gazetteer entries (a ``CountPhrases`` view on the span layer's phrases),
    looked up on the count words: the longest entry starting at or ending before a position.

    gazetteer (Gazetteer): the span layer's phrases, holding the entries' files.
    entries (Iterable[dict]): the group's entries; for one phrase the first listed wins.
    """

    def __init__(self, gazetteer: Gazetteer, entries: Iterable[dict]):
        self.view = CountPhrases(gazetteer, entries)
        self.longest = self.view.longest
        # characters to read for the longest pattern: a Vietnamese syllable has at most 7 letters
        self.reach = 2 + 8 * self.longest

    def get(self, words: tuple[str, ...]) -> dict | None:
        """The entry written with these (folded, lower-case) words, or None."""
        return self.view.get(words)

    def after(self, r: Reading, pos: int, limit: int, attached: bool = True) -> tuple[dict, int, int] | None:
        """The longest entry starting at ``pos`` (after spaces) in the reading ``r``: (entry, start, end)."""
        text, words = r
        stop = min(limit, pos + self.reach)
        toks = words.tokens(pos, stop, self.longest)  # no longer entry can match
        if not toks:
            return None
        first = toks[0]
        key, a, end, whole = first
        if a - pos > 2 or text[pos:a].strip() or (not attached and a == pos):
            return None
        if key not in self.view.firsts:
            return None
        run = [first]
        whole = whole >= 0  # every piece one of the layer's words: its matches answer
        for t in toks[1:]:
            if t[1] - end > 2 or text[end:t[1]].strip():  # not joined to the last by a space or two
                break
            run.append(t)
            end = t[2]
            whole = whole and t[3] >= 0
        hit = self.view.longest_of(run, words.hits, whole)
        if hit is None:
            return None
        n, entry = hit
        return entry, run[0][1], run[n - 1][2]

    def before(self, r: Reading, pos: int, limit: int) -> tuple[dict, int, int] | None:
        """The longest entry ending just before ``pos`` (spaces between) in the reading ``r``: (entry, start, end)."""
        text = r.text
        toks = r.words.last(max(limit, pos - 80), pos, self.longest)  # no longer entry can match
        if (not toks or len(text[toks[-1][2]:pos]) > 2 or text[toks[-1][2]:pos].strip()
                or toks[-1][0] not in self.view.lasts):
            return None
        run = [toks[-1]]
        for t in reversed(toks[:-1]):
            if len(run) >= self.longest or not _joined(text, t, run[0]):
                break
            run.insert(0, t)
        hits = r.words.hits
        for k in range(len(run), 0, -1):
            entry = self.view.exact(run[-k:], hits)
            if entry is not None:
                return entry, run[-k][1], run[-1][2]
        return None


class CountFinder:
    """Finds counts sentence by sentence in the article body.

    gazetteer (Gazetteer): the span layer's phrases (its one trie, holding counts' four files), on which
        every group of entries below is looked up (see ``make_counts``).
    nouns, qualifiers (Iterable[dict]): the two count gazetteers (see ``make_counts``).
    reader (NumeralReader): finds the numerals.
    """

    def __init__(self, gazetteer: Gazetteer, nouns: Iterable[dict], qualifiers: Iterable[dict], reader: NumeralReader,
                 unit_words: Iterable[dict] = (), acts: Iterable[dict] = (),
                 honours: Iterable[dict] = (), award_ends: Iterable[dict] = ()):
        nouns, qualifiers, unit_words = list(nouns), list(qualifiers), list(unit_words)
        self.nouns = Phrases(gazetteer, nouns)
        self.before_words = Phrases(gazetteer, [e for e in qualifiers
                                                if e["label"] in ("QUALIFIER", "ID_PREFIX", "CHANGE", "COMPARISON")])
        # what ends a unit phrase: the unit words' stops, non-count words, qualifiers, award cues
        # (the first entry of a pattern wins: a qualifier "gần" before a number, not the preposition)
        self.unit_stops = Phrases(gazetteer, [e for e in qualifiers if e["label"] in ("QUALIFIER", "CHANGE")
                                       or (e["label"] == "AWARD" and e["id"] == "cue")]
                                      + [e for e in unit_words if e["label"] == "UNIT_STOP"]
                                      + [e for e in nouns if e["label"] == "NOT_COUNT"])
        # what continues it: kind words and every count noun ("tài xế| ô tô", "điểm nhân rộng| mô hình")
        self.unit_kinds = Phrases(gazetteer, [e for e in unit_words if e["label"] == "UNIT_KIND"]
                                      + [e for e in nouns if e["label"] == "COUNT_NOUN"])
        # fields of law or order a "về" phrase may name after a unit ("về ma túy", "về trật tự xã hội")
        self.fields = Phrases(gazetteer, [e for e in unit_words if e["label"] == "UNIT_FIELD"
                                   or e["label"] == "UNIT_KIND" and e["id"] == "goods"])
        acts = list(acts)
        self.acts = Phrases(gazetteer, [e for e in acts if e["label"] == "UNIT_ACT"])
        self.manners = Phrases(gazetteer, [e for e in acts if e["label"] == "ACT_MANNER"])
        self.procedures = Phrases(gazetteer, [e for e in acts if e["label"] == "UNIT_PROCEDURE"])
        self.awards = Phrases(gazetteer, [e for e in qualifiers if e["label"] == "AWARD"])
        self.money_cues = Phrases(gazetteer, [e for e in qualifiers if e["label"] == "MONEY_CUE"])
        self.measure_cues = Phrases(gazetteer, [e for e in qualifiers if e["label"] == "MEASURE_CUE"])
        self.date_cues = Phrases(gazetteer, [e for e in qualifiers if e["label"] == "DATE_CUE"])
        self.unit_norms = {word_key(e["pattern"]): e["norm"] for e in self.nouns.view.entries if e.get("norm")}
        self.generic = {word_key(e["pattern"]) for e in self.nouns.view.entries if e.get("generic")}
        self.reader = reader
        # "khen thưởng| (các) 5 cán bộ": an honouring word (and a determiner) right before the count
        self.honoured_before = re.compile(r"\b" + _alternation(honours) + r"(?:\s+các)?\s*$", re.I)
        # where an award's name ends: a word of its recipient or verb, or punctuation
        self.award_end = re.compile(r"\s+" + _alternation(award_ends) + r"\b|[,.;:()\"“”\n]", re.I)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Count]:
        """Every count in the body sentences of ``doc``, in text order.

        doc (Doc): the article; reads ``doc._.dates`` and ``doc._.events`` when set.
        RETURNS (list[Count]): the counts.
        """
        text = folded(doc)
        dates = doc._.date_mentions or doc._.dates or []  # every mention, repeats too
        blocked = [(d.start, d.end) for d in dates]
        blocked += [(m.start(), m.end()) for m in _QUOTES.finditer(text)]
        events = {}
        for e in doc._.events or []:
            events.setdefault(e.sentence, e.index)
        found: list[Count] = []
        r = Reading(text, count_words(doc))  # the span layer's count words, read once per Doc
        for i, sent in body_sentences(doc):
            try:
                found.extend(self._sentence(doc, r, i, sent.start_char, sent.end_char, blocked, events.get(i)))
            except Exception:  # an odd sentence must not lose the article
                log.exception("counts failed on sentence %d of %r", i,
                              doc._.article and doc._.article.get("source"))
        return found

    def set_annotations(self, doc: Doc, counts: list[Count]) -> None:
        """Write each count fact once to ``doc._.counts`` and every mention to
        ``doc._.count_mentions`` and ``doc.spans["COUNT"]``.

        Articles repeat a count in the title, lead, body and captions ("400 suất quà", "2 đối tượng"
        then "hai đối tượng"); the table lists each fact once, as the gold does. A fact is its value,
        category, kind, award and unit, two units being the same when the words of one begin the
        other (tone and case folded, "đ" read as "đồng": "tài xế" is "tài xế ô tô", which is not
        "tài xế mô tô"); its row is the first mention, or a later one whose unit says more ("17 điện thoại" then
        "17 điện thoại di động"), taken whole so that text and offsets stay together. Award
        recipients told once with a bare "khen thưởng" and once with their award are one fact,
        the named award's row; two named awards ("1 cá nhân" with a Bằng khen, another with a
        Giấy khen) are two facts; and a value repeated within one sentence is an enumeration of
        two facts ("100 triệu đồng cho A, 100 triệu đồng cho B"), both kept.
        """
        doc._.count_mentions = counts
        distinct: list[Count] = []
        unit_words: list[list[str]] = []  # the unit words of each row
        facts: list[int] = []  # rows that stand for a fact (not a sentence's second listing of a value)
        for c in counts:
            words = self._unit_words(c.unit)
            same = [k for k in facts if _same_fact(distinct[k], unit_words[k], c, words)]
            k = next((j for j in same if distinct[j].award == c.award), None)
            if k is not None and distinct[k].sentence == c.sentence:
                distinct.append(c)  # one sentence listing a value twice lists two facts ("1 vụ ..., 1 vụ")
                unit_words.append(words)
                continue
            if k is None and c.category == "awards" and same:
                if c.award is None:  # "khen thưởng 5 tập thể" after "Bằng khen cho 5 tập thể"
                    k = same[0]
                else:  # ... or before it: the named award completes the row
                    j = next((j for j in same if distinct[j].award is None), None)
                    if j is not None:
                        distinct[j], unit_words[j] = c, words
                        continue
            if k is None:
                facts.append(len(distinct))
                distinct.append(c)
                unit_words.append(words)
            elif c.award == distinct[k].award and len(words) > len(unit_words[k]):
                distinct[k], unit_words[k] = c, words
        doc._.counts = distinct
        # every mention as a span too, labelled with its category: displacy.render(doc, style="span",
        # options={"spans_key": "COUNT"}) shows them
        if displays(doc):
            spans = (doc.char_span(c.start, c.end, label=c.category, alignment_mode="expand") for c in counts)
            doc.spans[SPAN_KEY] = [span for span in spans if span is not None]

    def _unit_words(self, unit: str) -> list[str]:
        """The folded words of a unit that tell what it counts: a currency sign read as its name
        ("đ", "VNĐ" -> "đồng"), a generic classifier dropped ("chiếc điện thoại", "căn nhà" / "ngôi nhà")."""
        k = word_key(unit)
        words = self.unit_norms.get(k, k).split()
        return words[1:] if len(words) > 1 and words[0] in self.generic else words

    # -- one sentence ---------------------------------------------------------------

    def _sentence(self, doc: Doc, r: Reading, i: int, s0: int, s1: int, blocked, event: int | None) -> list[Count]:
        text = r.text
        raw = text_of(doc)
        numerals = self.reader.find(text, s0, s1)
        if not numerals:
            return []
        blocked = [(a, b) for a, b in blocked if a < s1 and s0 < b]  # a numeral of this sentence meets only these
        out: list[Count] = []
        k = 0
        while k < len(numerals):
            n = numerals[k]
            nxt = numerals[k + 1] if k + 1 < len(numerals) else None
            kind = self._pair(r, n, nxt, s0, s1) if nxt is not None else None
            if kind is not None and not any(a < nxt.end and n.start < b for a, b in blocked):
                out.extend(self._pair_counts(doc, r, raw, i, kind, n, nxt, s0, s1, event))
                k += 2
                continue
            k += 1
            if any(a < n.end and n.start < b for a, b in blocked) or not self._free_standing(r, n, s1):
                continue
            if out and n.start < out[-1].end:
                continue  # inside the unit just read: "tài khoản định danh điện tử mức độ 2"
            lead = self._lead(r, n, s0, s1, doc)
            if lead is None:
                continue
            unit = self._unit(doc, r, n, s0, s1)
            if unit is None:
                continue
            if not unit.known and self._capitalised_before(r, n.start, s0):
                continue  # "Chương trình 135", "Phường 5": a name with a number
            if _zero_padded(n) and not (unit.known and len(n.digits) <= ZERO_PADDED_MAX_DIGITS):
                continue  # "Đề án 06", phone numbers; but "bắt 02 đối tượng" is a count
            kind = lead[2]
            if kind == "total" and out and out[-1].kind == "change" and _LISTED.fullmatch(text, out[-1].end, lead[0]):
                kind = "change"  # "tăng 35 vụ, 52 đối tượng": one rise told of two things
            out.append(self._count(r, raw, i, n.value, lead[0], lead[1] or n.approximate, unit, n.start,
                                   s0, s1, event, kind))
        return out

    def _count(self, r: Reading, raw: str, i: int, value: float, start: int, approximate: bool, unit: _Unit,
               pos: int, s0: int, s1: int, event: int | None, kind: str = "total") -> Count:
        """The record of one count from ``start`` to the end of its unit; awards decided here."""
        text = r.text
        noun, category, end, recipient, _ = unit
        award = None
        if recipient and (recipient == "always" or self._honoured_here(r, start, end, s0, s1)):
            award_span = self._award(r, s0, s1, pos)
            if award_span is not None:
                category = "awards"
                a, b = award_span
                award = raw[a:b] if b > a else None
        return Count(value=value, unit=raw[noun[0]:noun[1]] if noun[1] > noun[0] else "đồng",
                     category=category, approximate=approximate, text=raw[start:end], sentence=i,
                     start=start, end=end, event=event, award=award, kind=kind)

    # -- two numbers, one noun: "43/49 vụ", "từ 3 - 5 người" --------------------------

    def _pair(self, r: Reading, a: Numeral, b: Numeral, s0: int, s1: int) -> str | None:
        """"fraction" for "43/49 vụ" (so many of so many), "range" for "3 - 5 người" / "3 đến 5 người",
        or None: two digit numbers sharing the known count noun after the second.

        A fraction is never a date: a month-sized second number ("8/10 vụ") needs no date word
        (từ, đến, vào, ngày ...) before the first.
        """
        text = r.text
        if a.words or b.words or not a.digits or not b.digits or _zero_padded(a) or _zero_padded(b):
            return None
        if self._glued_before(text, a) or self._glued_after(text, b):
            return None
        gap = text[a.end:b.start]
        if gap == "/":
            if a.end - a.start != len(a.digits) or b.end - b.start != len(b.digits) or not 0 < a.value <= b.value:
                return None
            if b.value <= 12 and a.value <= 31 and self._date_cue_before(r, a.start, s0):
                return None
            hit = self.nouns.after(r, b.end, s1)
            return "fraction" if hit is not None and hit[0]["label"] == "COUNT_NOUN" else None
        if (len(gap) <= 3 and gap.strip() in ("-", "–")) or (len(gap) <= 6 and word_key(gap.strip()) in ("đến", "tới")):
            if not _lower_bound(a, b) < b.value:
                return None  # "2-2", "3 - 1": scores, not ranges
            hit = self.nouns.after(r, b.end, s1)
            ok = hit is not None and (hit[0]["label"] == "COUNT_NOUN" or self._money_without_noun(r, b, s0))
            return "range" if ok else None
        return None

    def _pair_counts(self, doc: Doc, r: Reading, raw: str, i: int, kind: str, a: Numeral, b: Numeral,
                     s0: int, s1: int, event: int | None) -> list[Count]:
        """The counts of a fraction (both numbers, each with the shared noun) or a range (its lower
        bound, approximate, scaled like the upper one: "10 - 15 triệu đồng" is 10 million)."""
        lead = self._lead(r, a, s0, s1, doc)
        unit = self._unit(doc, r, b, s0, s1)
        if lead is None or unit is None:
            return []
        start, approximate, change = lead
        if kind == "range":
            return [self._count(r, raw, i, _lower_bound(a, b), start, True, unit, a.start, s0, s1, event, change)]
        return [self._count(r, raw, i, a.value, start, approximate, unit, a.start, s0, s1, event, "part"),
                self._count(r, raw, i, b.value, b.start, approximate, unit, b.start, s0, s1, event, change)]

    def _date_cue_before(self, r: Reading, pos: int, s0: int) -> bool:
        """Whether the word before ``pos`` introduces a date ("từ 8/10", "đến 12/5")."""
        hit = self.date_cues.before(r, pos, s0)
        return hit is not None and hit[2] <= pos

    def _free_standing(self, r: Reading, n: Numeral, s1: int) -> bool:
        """False for numbers glued into identifiers, times, fractions and ranges."""
        text = r.text
        if n.words:
            return n.value != 1  # "một" is mostly the indefinite article
        return not self._glued_before(text, n) and not self._glued_after(text, n)

    @staticmethod
    def _glued_before(text: str, n: Numeral) -> bool:
        """A sign or letter right before the digits: ĐT742, 2/3, COVID-19, 29C-123.45 (not "vụ/17.663")."""
        before = text[n.start - 1] if n.start else " "
        if before.isalnum() or before in "_":
            return True  # ĐT742, QL14B
        return before in _GLUE_BEFORE and not (before == "/" and n.start >= 2 and text[n.start - 2].isalpha())

    @staticmethod
    def _glued_after(text: str, n: Numeral) -> bool:
        """A sign right after the number: 04/CP, 09:52, 47+250, 3-5, 18-CT."""
        after = text[n.end] if n.end < len(text) else " "
        if after in _GLUE_AFTER:
            return True
        return after in _DASHES and n.end + 1 < len(text) and text[n.end + 1].isalnum()

    def _lead(self, r: Reading, n: Numeral, s0: int, s1: int, doc: Doc | None = None) -> tuple[int, bool, str] | None:
        """(start, approximate, kind) after the qualifiers before ``n``; None when an identifier word
        precedes it. The kind is ``change`` after a word of rise or fall ("tăng 15 vụ", "giảm hơn 3 đối
        tượng", "nhiều hơn cùng kỳ 3 vụ": past a ``COMPARISON`` period), else ``total``; a lookalike
        verb ("tăng cường 50 cán bộ") is a ``CHANGE`` entry of id total.

        An identifier word that is also a verb ("điều" = dispatch) is a verb when written in lower case
        with a known count noun after the number: "điều 5 xe chữa cháy", not "Điều 5 Luật ...". One that
        is only the end of the segmenter's word before the number is no identifier word either when a known
        count noun follows: "trên địa bàn 2 xã", not "bàn 5".
        """
        text = r.text
        start, approximate, first, kind = n.start, False, True, "total"
        pos = start  # where to look for the next word before the number
        while True:
            hit = self.before_words.before(r, pos, s0)
            if hit is None:
                break
            entry, a, _ = hit
            if entry["label"] == "ID_PREFIX":
                if first and not ((entry.get("verb") and text[a].islower() or self._inside_word(doc, a))
                                  and self._known_noun_after(r, n, s1)) and not self._money_after(r, n, s1):
                    return None
                break
            if entry["label"] == "CHANGE":
                kind = entry["id"]
                break
            first = False
            if entry["label"] == "COMPARISON":  # "tăng so với cùng kỳ 3 vụ": look past the period
                pos = a
                continue
            if entry["id"] != "approximate":
                break
            if pos == start:  # "hơn 3 vụ" (not "hơn" before a period: "tăng hơn cùng kỳ 3 vụ")
                approximate, start = True, a
            pos = a
        return start, approximate, kind

    @staticmethod
    def _inside_word(doc: Doc | None, pos: int) -> bool:
        """Whether ``pos`` falls inside a word of the segmenter, not at its start ("địa| bàn")."""
        if doc is None:
            return False
        ends = token_ends(doc)
        k = bisect.bisect_right(ends, pos)
        return k < len(ends) and doc[k].idx < pos

    def _noun_after(self, r: Reading, n: Numeral, s1: int) -> tuple[dict, int, int] | None:
        """The gazetteer noun after the numeral ``n``; a pattern in lower case does not run on into a
        capitalised word, which starts a name ("35 cán bộ| Công an tỉnh A", not "cán bộ công an")."""
        text = r.text
        hit = self.nouns.after(r, n.end, s1, attached=not n.words)
        if hit is None:
            return None
        entry, a, b = hit
        for _, w0, _, _ in r.words.tokens(a, b):
            if w0 > a and text[w0].isupper() and not any(w[:1].isupper() for w in entry["pattern"].split()[1:]):
                return self.nouns.after(r, n.end, w0 - 1, attached=not n.words)
        return hit

    def _money_after(self, r: Reading, n: Numeral, s1: int) -> bool:
        """Whether a currency follows the numeral ``n``: an amount, never an identifier's number ("trao tặng Ban
        chuyên án 20 triệu đồng", not "Chuyên án 825")."""
        hit = self.nouns.after(r, n.end, s1, attached=not n.words)
        return hit is not None and hit[0]["label"] == "COUNT_NOUN" and hit[0]["id"] == "money"

    def _known_noun_after(self, r: Reading, n: Numeral, s1: int) -> bool:
        """Whether a gazetteer count noun follows the numeral ``n``."""
        hit = self.nouns.after(r, n.end, s1, attached=not n.words)
        return hit is not None and hit[0]["label"] == "COUNT_NOUN"

    def _capitalised_before(self, r: Reading, pos: int, s0: int) -> bool:
        """Whether a capitalised word (not opening the sentence) sits right before ``pos``: a name + number."""
        text = r.text
        toks = r.words.tokens(max(s0, pos - 40), pos)
        if not toks or text[toks[-1][2]:pos].strip() or toks[-1][2] == pos:
            return False
        key, a, _, _ = toks[-1]
        word = text[a:toks[-1][2]]
        if not word[0].isupper():
            return False
        if (self.before_words.get((key,)) or {}).get("label") == "QUALIFIER":
            return False
        return not _SENTENCE_LEAD.fullmatch(text, s0, a)

    def _unit(self, doc: Doc, r: Reading, n: Numeral, s0: int, s1: int) -> _Unit | None:
        """((noun start, noun end), category, count end, award recipient?) of the counted noun, or None."""
        text = r.text
        quoted = self._quoted_unit(r, n, s1)
        if quoted is not None:
            return quoted
        hit = self._noun_after(r, n, s1)
        if hit is not None:
            entry, a, b = hit
            if entry["label"] == "COUNT_NOUN" and not entry.get("classifier"):
                b = self._whole_word(doc, text, b, s1)
            if entry["label"] == "NOT_COUNT":
                return self._money_without_noun(r, n, s0) if entry["id"] == "function" else None
            category = entry["id"]
            if entry.get("classifier"):  # "tờ trình", "quả lựu đạn": the classifier and its noun
                inner = self.nouns.after(r, b, s1, attached=False)
                if category == "other" and inner is not None and inner[0]["label"] == "COUNT_NOUN" \
                        and inner[0]["id"] != "quantity":
                    category = inner[0]["id"]  # "chiếc xe máy" counts vehicles; "viên ma túy" counts pieces
                b = self._classified_noun(doc, r, b, s1)
            if entry.get("offence"):  # "vụ| cố ý gây thương tích", "trường hợp| xuất cảnh trái phép": a case of it
                offence = self._offence(doc, r, b, s1, self.acts)
                if offence is not None:
                    b, category = offence, "cases"
                elif _BREACH_BEFORE.search(text[s0:a].lower()):
                    category = "cases"  # "vi phạm nồng độ cồn có 6.812 trường hợp": cases of the breach named before
            elif entry.get("procedure"):  # "hồ sơ| cấp căn cước công dân": the file of a procedure
                b = self._offence(doc, r, b, s1, self.procedures) or b
            elif entry.get("actor"):  # "đối tượng| đánh bạc": people told by the offence they did
                offence = self._offence_of_actor(doc, r, b, s1)
                b = offence if offence is not None else b
            if category != "money":
                kind_end = self._kind_words(doc, r, b, s1, unknown=not entry.get("kind_only"))
                if entry.get("measure") and kind_end == b and not entry.get("kind_only"):
                    goods = self._free_unit(doc, r, b, s1)  # goods in no word list: "tấn| bột giặt"
                    if goods is None and (a == n.end or text[a:b] != entry["pattern"]
                                          or not self._measure_cue_before(r, n.start, s0)):
                        return None  # a code ("chuyên án 326G"), a body weight ("nặng 65 kg"), a load class ("xe tải 15 tấn")
                    kind_end = goods[1] if goods is not None else b  # or the bare measure: "trọng lượng 21,5 kg"
                elif entry.get("measure") and kind_end == b:
                    return None  # a length of nothing named: "dài 50 m"
                if entry.get("measure"):  # the goods' grade written as a code: "lít dầu DO", "lít xăng A95"
                    grade = _GRADE.match(text, kind_end, s1)
                    kind_end = grade.end(1) if grade is not None else kind_end
                else:  # "đợt khám bệnh| miễn phí": how it is done belongs to the unit (not where: "| qua biên giới")
                    kind_end = self._manner_end(doc, r, kind_end, s1, routes=False) or kind_end
                b = kind_end
            b = self._coordinated(doc, r, entry, b, s1)
            return _Unit((a, b), category, b, entry.get("award"))
        if n.words or (n.digits and n.digits.isdigit() and int(n.digits) in YEARS):
            return self._money_without_noun(r, n, s0)
        if n.end < len(text) and text[n.end].isalnum():
            return None  # glued to something unknown: 13h30, 124H
        words = self._free_unit(doc, r, n.end, s1)
        if words is None:
            return self._money_without_noun(r, n, s0)
        return _Unit(words, "other", words[1], known=False)

    @staticmethod
    def _whole_word(doc: Doc, text: str, end: int, s1: int) -> int:
        """``end``, or the end of the segmenter's word it falls inside when that word goes on in lower-case
        letters: a compound noun is kept whole ("xe máy cày" is a tractor, not "xe máy")."""
        ends = token_ends(doc)
        k = bisect.bisect_left(ends, end)
        if k < len(ends) and ends[k] > end and doc[k].idx < end <= ends[k] <= s1:
            rest = text[end:ends[k]]
            if rest[:1].isspace() and rest.replace(" ", "").isalpha() and rest.islower():
                return ends[k]
        return end

    def _word_at(self, r: Reading, pos: int, s1: int, table: Phrases) -> int | None:
        """End of the ``table`` entry starting exactly at ``pos``, or None."""
        hit = table.after(r, pos, s1)
        return hit[2] if hit is not None and hit[1] == pos else None

    def _number_at(self, r: Reading, pos: int, s1: int) -> bool:
        """Whether a number (digits or a number word) comes next after ``pos``."""
        text = r.text
        t = r.words.first(pos, s1)
        if t is None or t[1] - pos > 2 or text[pos:t[1]].strip():
            return False
        entry = self.reader.words.get(t[0])
        return text[t[1]].isdigit() or (entry is not None and entry["label"] != "HEDGE")

    def _kind_words(self, doc: Doc, r: Reading, end: int, s1: int, unknown: bool = True) -> int:
        """End of the words after a unit noun that say which kind or what is measured: "tài xế| ô tô",
        "kg| ma túy", "điểm nhân rộng| mô hình", "vụ trộm cắp| tài sản"; ``end`` itself when none do.

        Words are taken while they are kind words or count nouns (``UNIT_KIND``, ``COUNT_NOUN``); the
        phrase stops at stop words (verbs, prepositions, conjunctions, time words: ``UNIT_STOP`` and the
        non-count words), numbers, capitalised words (names: "3 phường Tân Bình") and punctuation or
        quotes. One unknown lower-case word of the segmenter is taken too where the phrase ends after it,
        unless what follows is a verb, a determiner, a qualifier or a number: then the unknown word is a
        verb with its object ("vụ| cố ý gây thương tích", "khu công nghiệp| thu hút hơn 12.000 lao động").
        With ``unknown`` False only listed words are taken (a length, "m| dây điện", not "m| nước sâu").
        """
        text = r.text
        ends = token_ends(doc)
        taken, pos, pending = end, end, None
        for _ in range(UNIT_EXTRA_MAX):
            t = r.words.first(pos, s1)
            if t is None or t[1] - pos > 2 or text[pos:t[1]].strip() or t[1] == pos:
                break  # end of sentence, punctuation, a quote, or glued on
            word, w0 = text[t[1]:t[2]], t[1]
            number = self.reader.words.get(t[0])
            if not word[0].isalpha() or (number and number["label"] != "HEDGE"):
                pending = None  # a number follows: the unknown word was a verb ("thu hút 12.000 ...")
                break
            if not word[0].islower():
                break  # a name: "3 phường Tân Bình"
            stop = self.unit_stops.after(r, w0, s1)
            stop_end = stop[2] if stop is not None and stop[1] == w0 else None
            hit = self.unit_kinds.after(r, w0, s1)
            known = hit[2] if hit is not None and hit[1] == w0 else None
            if known is not None and hit[0]["label"] == "COUNT_NOUN" and self._whole_word(doc, text, known, s1) != known:
                known = None  # a count noun that is only part of the segmenter's word: "tỉnh| đồng bằng" is no money
            field = self.fields.after(r, w0, s1) if pending is None else None
            if field is not None and field[1] == w0 and field[2] > max(known or 0, stop_end or 0) \
                    and self._whole_word(doc, text, field[2], s1) == field[2]:
                taken, pos = field[2], field[2]  # "vi phạm| trật tự an toàn giao thông": the field of the breach
                continue
            if known is not None and (stop_end is None or known > stop_end
                                      or (known == stop_end and hit[0]["label"] == "UNIT_KIND")):
                # a kind word wins a tie ("tấn hàng", not "hàng trăm"); a count noun loses one
                # ("mô hình| hoạt động hiệu quả")
                taken, pos, pending = known, known, None
                continue
            if stop_end is not None:
                field = self._field_after(doc, r, stop, stop_end, s1)
                if field is not None:  # "đối tượng phạm tội| về ma túy": the field says which kind
                    taken, pos, pending = field, field, None
                    continue
                if stop[0]["id"] in ("verb", "determiner") or (stop[0]["label"] in ("QUALIFIER", "CHANGE")
                                                                and self._number_at(r, stop_end, s1)):
                    pending = None  # "thu hút| gần 9 ...", not "tài sản| với ..."
                break
            k = bisect.bisect_left(ends, t[2])  # the segmenter's word starting here
            if not unknown or k >= len(ends) or doc[k].idx != w0 or ends[k] > s1 or pending is not None:
                pending = None  # two unknown words: a verb phrase, not a kind
                break
            unknown = text[w0:ends[k]]
            if not unknown.replace(" ", "").isalpha() or not unknown.islower():
                break
            pending = pos = ends[k]
        else:
            pending = None  # ran out of words: the phrase does not end here
        return pending if pending is not None else taken

    def _offence(self, doc: Doc, r: Reading, end: int, s1: int, acts: Phrases) -> int | None:
        """End of the offence named after a case noun, None when none is: an act of ``acts`` ("vận chuyển",
        "cố ý gây thương tích"), what it was done to ("hàng lậu"), how ("trái phép", "qua mạng"), and up to
        COORDINATED_MAX more acts after commas ("vụ buôn lậu, vận chuyển hàng cấm"); likewise the procedure
        after "hồ sơ" ("cấp căn cước công dân| gắn chíp")."""
        text = r.text
        found = None
        for _ in range(1 + COORDINATED_MAX):
            pos = end
            if found is not None:  # a further act after a comma
                toks = r.words.tokens(end, min(s1, end + 4))
                if not toks or toks[0][0] != "," or toks[0][1] != end:
                    break
                pos = toks[0][2]
            act = acts.after(r, pos, s1, attached=False)
            if act is None or self._whole_word(doc, text, act[2], s1) != act[2]:
                break
            end = self._kind_words(doc, r, act[2], s1, unknown=False)
            end = self._paired_goods(doc, r, act[2], end, s1)
            end = self._manner_end(doc, r, end, s1) or end
            found = end
        return found

    def _paired_goods(self, doc: Doc, r: Reading, start: int, end: int, s1: int) -> int:
        """End of a second kind of goods after a comma, when the act's object ``start``-``end`` is goods too:
        "buôn bán| hàng giả, hàng cấm"; ``end`` when none follows (or a number does: a count of its own)."""
        if end == start:
            return end
        first = self.fields.after(r, start, s1)
        toks = r.words.tokens(end, min(s1, end + 40))
        if first is None or first[0].get("id") != "goods" or not toks or toks[0][0] != "," or toks[0][1] != end:
            return end
        nxt = self.fields.after(r, toks[0][2], s1)
        if nxt is None or nxt[0].get("id") != "goods" or self._whole_word(doc, r.text, nxt[2], s1) != nxt[2]:
            return end
        return nxt[2]

    def _offence_of_actor(self, doc: Doc, r: Reading, end: int, s1: int) -> int | None:
        """End of the offence after a noun of people ("đối tượng| đánh bạc", "| vận chuyển trái phép chất ma túy"), or
        None. An act that is no offence by itself (``UNIT_ACT`` of id ``act``: "vận chuyển", "mua bán") names one only
        with how it was done ("trái phép"); otherwise it is what the people did ("13 đối tượng| vận chuyển hàng cấm",
        told of the cases before it too), not which kind of people. A number after the act is its object, read on its
        own ("2 đối tượng| vận chuyển 5 kg ma túy")."""
        act = self.acts.after(r, end, s1, attached=False)
        found = self._offence(doc, r, end, s1, self.acts)
        if act is None or found is None or self._number_at(r, found, s1):
            return None
        if act[0]["id"] == "act":
            manner = self.manners.before(r, found, act[2])
            if manner is None or manner[2] != found or manner[0]["id"] == "route":
                return None  # "| vận chuyển hàng lậu qua biên giới": where, not an unlawful way
        return found

    def _manner_end(self, doc: Doc, r: Reading, end: int, s1: int, routes: bool = True) -> int | None:
        """End of how an act is done (``ACT_MANNER``: "trái phép", "miễn phí") right after ``end`` or after up to
        MANNER_OBJECT_WORDS lower-case words of the segmenter that say what it is done to ("vận chuyển| lâm sản
        trái phép", "khám| bệnh miễn phí"); None when no such word follows. The words between are no stop word
        (verb, preposition, conjunction), number or name. With ``routes`` False a way taken ("qua biên giới", id
        ``route``) is not read as a manner: it belongs to an act, not to a thing counted."""
        text = r.text
        ends = token_ends(doc)
        pos = end
        for _ in range(1 + MANNER_OBJECT_WORDS):
            manner = self.manners.after(r, pos, s1, attached=False)
            if manner is not None and self._whole_word(doc, text, manner[2], s1) == manner[2]:
                return manner[2] if routes or manner[0]["id"] != "route" else None
            t = r.words.first(pos, s1)
            if t is None or t[1] - pos > 2 or text[pos:t[1]].strip() or t[1] == pos:
                return None
            k = bisect.bisect_left(ends, t[2])
            if k >= len(ends) or doc[k].idx != t[1] or ends[k] > s1:
                return None
            word = text[t[1]:ends[k]]
            if (not word.replace(" ", "").isalpha() or not word.islower() or word_key(word) in self.reader.words
                    or self._word_at(r, t[1], s1, self.unit_stops) is not None):
                return None
            pos = ends[k]
        return None

    def _field_after(self, doc: Doc, r: Reading, stop: tuple[dict, int, int], stop_end: int, s1: int) -> int | None:
        """End of "về" + a field of law or order ("về ma túy", "về an ninh, trật tự", "về lâm sản") after a unit:
        the field says which kind ("vụ vi phạm về lâm sản"); None for any other stop or "về" + anything else
        (a destination: "đưa 3 đối tượng về trụ sở")."""
        text = r.text
        if stop[0].get("id") != "preposition" or word_key(text[stop[1]:stop_end]) != "về":
            return None
        hit = self.fields.after(r, stop_end, s1)
        if hit is None or hit[1] - stop_end > 2:
            return None
        end = hit[2]
        return end if self._whole_word(doc, text, end, s1) == end else None

    def _classified_noun(self, doc: Doc, r: Reading, end: int, s1: int) -> int:
        """End of the noun a classifier counts: the rest of its word ("tờ| trình") or the next word
        ("quả lựu đạn", "căn nhà"), as the segmenter cut them; ``end`` itself when there is none."""
        ends = token_ends(doc)
        k = bisect.bisect_left(ends, end)
        if k < len(ends) and ends[k] > end and doc[k].idx < end:
            return min(ends[k], s1)  # "tờ" inside the word "tờ trình"
        if k + 1 < len(doc) and ends[k] == end:
            nxt = doc[k + 1]
            word = nxt.text
            if (0 < nxt.idx - end <= 2 and nxt.idx + len(word) <= s1 and word[0].isalpha() and word.islower()
                    and (key := word_key(word)) not in self.reader.words
                    and (self.nouns.get(tuple(key.split())) or {}).get("label") != "NOT_COUNT"
                    and self.before_words.get((key,)) is None
                    and not self._verb_at(r, nxt.idx, nxt.idx + len(word), s1)):
                kind = self.unit_kinds.after(r, nxt.idx, s1)  # the longest kind there: "gói| thuốc lá điếu"
                return max(nxt.idx + len(word), kind[2] if kind is not None and kind[1] == nxt.idx else 0)
        return end

    def _verb_at(self, r: Reading, pos: int, end: int, s1: int) -> bool:
        """Whether the word ``pos..end`` is a verb or function word of the stop list: what follows a classifier
        is then the predicate, not its noun ("tàu| vận chuyển", "bao| chứa", "tin| có")."""
        hit = self.unit_stops.after(r, pos, s1)
        return hit is not None and hit[1] == pos and hit[2] >= end and hit[0]["id"] in ("verb", "function")

    def _quoted_unit(self, r: Reading, n: Numeral, s1: int) -> _Unit | None:
        """34 “Tổ nhân dân tự quản”: the quoted name is the unit; its head noun gives the category."""
        text = r.text
        m = _QUOTED_AFTER.match(text, n.end, s1)
        if m is None or len(m.group(2).split()) > UNIT_MAX_WORDS + 4:
            return None
        hit = self.nouns.after(r, m.start(2), m.end(2))
        if hit is not None and hit[0]["label"] == "NOT_COUNT":
            return None
        category = hit[0]["id"] if hit is not None else "other"
        return _Unit((m.start(2), m.end(2)), category, m.end())

    def _measure_cue_before(self, r: Reading, pos: int, s0: int) -> bool:
        """Whether a noun of amount (``MEASURE_CUE``: "trọng lượng", "khối lượng") ends right before the number at
        ``pos``, maybe with a qualifier between ("khối lượng khoảng 3 m3"): what a bare measure measures is named."""
        hit = self.before_words.before(r, pos, s0)
        if hit is not None and hit[0]["label"] == "QUALIFIER":
            pos = hit[1]
        cue = self.measure_cues.before(r, pos, s0)
        return cue is not None

    def _coordinated(self, doc: Doc, r: Reading, entry: dict, end: int, s1: int) -> int:
        """End of "tập thể, cá nhân" / "khẩu súng, công cụ hỗ trợ": up to COORDINATED_MAX more nouns of the
        same kind, each a whole word of the segmenter ("trang" is not the start of "trang thiết bị")."""
        text = r.text
        ends = set(token_ends(doc))
        paired = None
        for k in range(COORDINATED_MAX):
            toks = r.words.tokens(end, min(s1, end + 40))
            if len(toks) < 2 or toks[0][0] not in (",", "và", "hoặc") or not _joined(text, (None, 0, end), toks[0]):
                break
            nxt = self.nouns.after(r, toks[0][2], s1)
            if nxt is None or nxt[0]["label"] != "COUNT_NOUN" or nxt[2] not in ends:
                break
            # of the same kind, or a compound of the same head noun ("điểm, tụ điểm")
            head = nxt[0]["pattern"].endswith(" " + entry["pattern"].split()[-1]) and not entry.get("measure")
            if not head and (nxt[0]["id"] != entry["id"] or bool(nxt[0].get("award")) != bool(entry.get("award"))):
                break
            end, paired = nxt[2], k == 0
        if paired:  # the listed words saying which kind close a pair: "điểm, tụ điểm| ma túy" (not a longer list)
            end = self._kind_words(doc, r, end, s1, unknown=False)
        return end

    def _free_unit(self, doc: Doc, r: Reading, pos: int, s1: int) -> tuple[int, int] | None:
        """A noun not in the gazetteer: up to UNIT_MAX_WORDS lower-case syllables, stopping at function
        words, and not ending inside a word of the segmenter ("ban hòa giải", not "ban hòa giải cơ")."""
        text = r.text
        toks = r.words.tokens(pos, min(s1, pos + 60))
        run = []
        for t in toks:
            prev = run[-1] if run else (None, 0, pos)
            if not (_joined(text, prev, t) and (run or t[1] > pos)):
                break
            word = text[t[1]:t[2]]
            if not word[0].isalpha() or not word.islower() or (self.nouns.get((t[0],)) or {}).get("label") == "NOT_COUNT":
                break
            if (self.before_words.get((t[0],)) or {}).get("label") == "QUALIFIER" or t[0] in self.reader.words:
                break
            if self._word_at(r, t[1], s1, self.unit_stops) is not None:
                break  # "29 ban hòa giải| đạt", "500 cây xanh| tại"
            run.append(t)
            if len(run) >= UNIT_MAX_WORDS:
                break
        if not run:
            return None
        ends = set(token_ends(doc))
        while len(run) > 1 and run[-1][2] not in ends:
            run.pop()
        return run[0][1], run[-1][2]

    def _money_without_noun(self, r: Reading, n: Numeral, s0: int) -> _Unit | None:
        """"xử phạt 7,5 triệu" with no "đồng": money when a money word comes earlier in the sentence."""
        if n.words or n.value < 1_000_000 or (n.digits and n.end - n.start == len(n.digits)):
            return None
        for m in r.words.tokens(max(s0, n.start - 80), n.start):
            if self.money_cues.get((m[0],)) is not None:
                return _Unit((n.end, n.end), "money", n.end)
        return None

    def _honoured_here(self, r: Reading, start: int, end: int, s0: int, s1: int) -> bool:
        """Whether a count of people is the one honoured: "Bằng khen cho 5 cán bộ", "khen thưởng 5 cán bộ",
        "5 cán bộ được tặng Bằng khen" (not "300 người dự lễ trao Bằng khen")."""
        text = r.text
        if self.honoured_before.search(text, max(s0, start - 24), start):
            return True
        c1 = text.find(";", end, s1)
        m = _HONOURED_AFTER.match(text, end, s1 if c1 == -1 else c1)
        return m is not None and self._award_in(r, m.end(), s1 if c1 == -1 else c1, m.end()) is not None

    def _award(self, r: Reading, s0: int, s1: int, pos: int) -> tuple[int, int] | None:
        """The award given with the count at ``pos``: the span of "Bằng khen của ...", or (pos, pos) for a
        bare "khen thưởng"; None when the sentence names no award.

        The count's own clause (between semicolons) is searched first, then the whole sentence;
        within it the nearest award before the count wins, else the first after it.
        """
        text = r.text
        c0 = text.rfind(";", s0, pos) + 1 or s0
        c1 = text.find(";", pos, s1)
        c1 = s1 if c1 == -1 else c1
        for lo, hi in ((max(s0, c0), c1), (s0, s1)):
            found = self._award_in(r, lo, hi, pos)
            if found is not None:
                return found
        return None

    def _award_in(self, r: Reading, lo: int, hi: int, pos: int) -> tuple[int, int] | None:
        text = r.text
        best_before, best_after, cue = None, None, False
        firsts = self.awards.view.firsts
        for t in r.words.tokens(lo, hi):
            if t[0] not in firsts:
                continue  # no award starts with this word
            hit = self.awards.after(r, t[1], hi)
            if hit is None or hit[1] != t[1]:
                continue
            entry, a, b = hit
            if entry["id"] == "cue":
                cue = True
                continue
            stop = self.award_end.search(text, b, min(hi, b + AWARD_MAX_CHARS))
            span = (a, stop.start() if stop else min(hi, b + AWARD_MAX_CHARS))
            if a < pos:
                best_before = span
            elif best_after is None:
                best_after = span
        span = best_before or best_after
        if span is not None:
            return span
        return (pos, pos) if cue else None
