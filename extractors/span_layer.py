"""The span layer: the body's words and every gazetteer phrase on them, found once per Doc.

``vnie_spans`` runs right after ``vnie_furniture`` (it needs ``body_end``) and before every
extractor. It reads its gazetteer files once, in its factory, into one trie of folded words
(``Gazetteer``), and for the body sentences and captions of each Doc computes

  words    the shared word rule (``WORD``): "TP." keeps its dot, "H'Linh" is one word, every other
           punctuation mark is a word of its own; each ``Word`` with its folded lower-case key
           (``hoà`` and ``hòa`` are one key), shape, character offsets and whether an underthesea
           token starts there (``doc._.words``);
  pieces   the reading units: one per sentence, except that a sentence cut after a place
           abbreviation's dot ("Bí thư Thị ủy TX. | Hương Thủy ...") is read with the next one;
  matches  at every word, every gazetteer phrase starting there (longest first), cut at the
           piece's end only: a consumer that wants less passes a ``limit``.

``doc._.vnie_spans`` is the ``SpanLayer`` (``longest``, ``matches_at``, ``word_at``,
``sentence_range``); the display kinds are also written as spaCy span groups (``doc.spans["RANK"]``,
``["TITLE"]``, ``["ORG"]``, ``["PLACE"]``, ``["HONORIFIC"]``, ``["CUE"]``, ``["TRIGGER"]``): each span's label is
the entry's label, its ``id_`` the entry's id, and ``span._.vnie_match`` the ``Match`` (exact
character offsets, source file, the entry with its role), since a phrase may end inside a
multi-syllable underthesea token and the span is widened to whole tokens.

Holds the word rule (``WORD``, ``Word``, ``sentence_words``, ``pattern_words``), ``Gazetteer``,
``Match``, ``SpanLayer`` and the ``vnie_spans`` factory.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.base import body_sentences, folded, text_of
from gazetteer import derived, read_gazetteer
from pipeline.textnorm import fold_tones

log = logging.getLogger(__name__)

# Upper-case letters (Vietnamese included), for the look-ahead of one-letter place abbreviations.
_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x1F00)) if ch.isupper())
# Ê Đê, Gia Rai and other Central Highlands names glue one capital letter to the next syllable with an
# apostrophe ("H'Linh", "K'Nơ"): one word, not a letter, a quote mark and a name.
_APOSTROPHE_NAME = rf"(?<!\w)[{_UPPER}]['’][^\W\d_]+"
# Words: "TP." keeps its dot ("TP. Vinh", "TP.Vinh"); so do the one-letter place abbreviations
# ("Q. 1", "P. Tân Định", "H. Củ Chi", "X. Tân Phú") when a name or number follows (not a name's
# initial: "Nguyễn Xuân C., cán bộ"); inner slashes and dots stay ("đ/c", "PTDS/BCA", "PGS.TS",
# "1.200"); every other punctuation mark is a word of its own.
WORD = re.compile(rf"(?:TP|Tp|TX|Tx)\.|[HPQX]\.(?= ?[\d{_UPPER}])|{_APOSTROPHE_NAME}|\w+(?:[/.]\w+)*|[^\w\s]")
# Gazetteer patterns are read with the same rule, but a pattern "Q." has nothing after it.
_PATTERN_WORD = re.compile(rf"(?:TP|Tp|TX|Tx|[HPQX])\.|{_APOSTROPHE_NAME}|\w+(?:[/.]\w+)*|[^\w\s]")
DASHES = {"-", "–", "—"}
CLAUSE_END = {".", "!", "?", "…"}
# A sentence that ends on a place abbreviation ("TX.", "TP.", "Q.") was cut before the place's name.
_PLACE_DOT = re.compile(r"(\S+)\s+(TP|Tp|TX|Tx|[HPQX])\.$")
_PLACE_DOT_TAIL = re.compile(r"\s(?:TP|Tp|TX|Tx|[HPQX])\.$")

# The files read by default: every file the officials read. Counts' files (count_nouns.jsonl,
# count_qualifiers.jsonl, unit_words.jsonl, count_acts.jsonl, number_words.jsonl) can be added in the
# factory config; events' triggers and places' prefixes are read by default (listed last). Order matters
# only for ``matches_at``.
DEFAULT_FILES = ("abbreviations.jsonl", "admin_units_provinces.jsonl", "admin_units_districts.jsonl",
                 "admin_units_wards.jsonl", "honorifics.jsonl", "official_links.jsonl", "organisations.jsonl",
                 "person_stopwords.jsonl", "ranks.jsonl", "titles.jsonl",
                 # counts' words (read by extractors/counts.py through ``CountPhrases``, section at the end)
                 "count_nouns.jsonl", "count_qualifiers.jsonl", "unit_words.jsonl", "count_acts.jsonl",
                 # events' triggers and the places' prefixes and cue words (read by extractors/event_triggers.py
                 # and extractors/places.py through ``label_view``, section "Events and places on the layer")
                 "event_triggers.jsonl", "place_prefixes.jsonl",
                 # events' cue words (story, campaign, actor, action ...: read by extractors/event_cues.py)
                 "event_cues.jsonl")
# Labels shown as span groups (label -> group); the other labels (VERB, FUNCTION, SURNAME ...) stay
# matches only. Wards are not shown: many are named by a number or a common word.
DEFAULT_GROUPS = {"RANK": "RANK", "SERVICE": "RANK", "TITLE": "TITLE", "ORG": "ORG", "HONORIFIC": "HONORIFIC",
                  "PROVINCE": "PLACE", "DISTRICT": "PLACE", "NOT_OFFICIAL": "CUE",
                  # event triggers (event_triggers.jsonl) and the unit types written before a place's name
                  # (place_prefixes.jsonl: "tỉnh", "xã", "TP.")
                  "EVENT": "TRIGGER", "PREFIX": "PLACE",
                  # events' cue words (event_cues.jsonl, id the cue's role) join the words that make a person a
                  # suspect (NOT_OFFICIAL) in the cue group; the span's label tells them apart
                  "CUE": "CUE"}
# Files other components own: missing ones are logged and left out, never fatal.
_OPTIONAL_FILES = {"admin_units_provinces.jsonl", "admin_units_districts.jsonl", "admin_units_wards.jsonl"}


@dataclass(slots=True)
class Word:
    text: str
    low: str        # folded, lower-cased
    start: int
    end: int
    shape: str      # cap (Lê), abbr (UBND), low (tỉnh), num (26/7), punct
    tok_start: bool  # an underthesea token starts here


def word_shape(text: str) -> str:
    first = text[0]
    if first.isdigit():
        return "num"
    if not first.isalpha():
        return "punct"
    if len(text) >= 2 and text.isupper():
        return "abbr"
    return "cap" if first.isupper() else "low"


# words repeat: folded word -> (its lower-case key, shape), for the first 2**16 distinct words
_WORD_KEYS: dict[str, tuple[str, str]] = {}
_WORD_KEYS_MAX = 1 << 16


def sentence_words(text: str, fold: str, offset: int, token_starts: set[int]) -> list[Word]:
    """The words of one piece of text; ``fold`` is its tone-folded copy (same length).

    text (str): the piece. fold (str): ``fold_tones(text)``. offset (int): where the piece starts in
    the Doc. token_starts (set[int]): character offsets where underthesea tokens start.
    RETURNS (list[Word]): the words, offsets into the Doc's text.
    """
    out: list[Word] = []
    append = out.append
    find = text.find
    seen = _WORD_KEYS
    b = 0
    # Only spaces lie between two words (every other character is in one): each word found as a string
    # is at its first occurrence from the end of the last (no match object per word).
    for word in WORD.findall(text):
        a = find(word, b)
        b = a + len(word)
        if b - a == 2 and word[1] == "." and out and out[-1].shape == "cap":
            # after a capitalised word "H." is a name's initial ("Phí Văn H."), not "huyện"
            append(Word(word[0], fold[a].lower(), offset + a, offset + a + 1, "cap", offset + a in token_starts))
            append(Word(".", ".", offset + a + 1, offset + b, "punct", False))
            continue
        folded_word = fold[a:b]
        known = seen.get(folded_word)
        if known is None:  # key and shape depend on the folded word alone (folding keeps case): computed once
            known = (folded_word.lower(), word_shape(folded_word))
            if len(seen) < _WORD_KEYS_MAX:
                seen[folded_word] = known
        append(Word(word, known[0], offset + a, offset + b, known[1], offset + a in token_starts))
    return out


def pattern_words(text: str) -> list[str]:
    """The folded, lower-cased words of a pattern (same word rule as sentences)."""
    return [fold_tones(m.group()).lower() for m in _PATTERN_WORD.finditer(text)]


def cut_at_place(sentence: str) -> bool:
    """The sentence ends on a place abbreviation; a one-letter one only after a lower-case or
    all-capital word ("Thị ủy H.", "UBND Q."), not after a name ("Nguyễn Văn H." is an initial)."""
    sentence = sentence.rstrip()
    if not sentence.endswith(".") or _PLACE_DOT_TAIL.search(sentence, len(sentence) - 4) is None:
        return False  # the usual case, told from the last characters
    m = _PLACE_DOT.search(sentence)
    if m is None:
        return False
    before = m.group(1)
    return len(m.group(2)) == 2 or before.islower() or before.isupper()


@dataclass(frozen=True, slots=True)
class Match:
    """One gazetteer phrase found on the words.

    start, length (int): the first word's index in ``SpanLayer.words`` and the number of words.
    kind (str): the entry's label (RANK, TITLE, ORG, WARD, VERB ...).
    source (str): the gazetteer file ("ranks.jsonl").
    entry (dict): the entry ({"label", "pattern", "id", "role" ...}).
    start_char, end_char (int): character offsets into the Doc's text.
    """

    start: int
    length: int
    kind: str
    source: str
    entry: dict
    start_char: int
    end_char: int

    @property
    def id(self) -> str:
        return self.entry.get("id", "")


def _index(patterns: list[str]) -> tuple[list[int], list[tuple[str, ...]], list[list[int]], dict[str, list]]:
    """The phrase tables and trie of a ``Gazetteer`` from its entries' patterns, in order: plain data (each
    distinct word one string object), cached by ``derived``.

    RETURNS: (entry -> phrase id or -1, phrase id -> words, phrase id -> entry indices, trie).
    """
    pid_of: list[int] = []
    phrases: list[tuple[str, ...]] = []
    entries_of: list[list[int]] = []
    trie: dict[str, list] = {}
    ids: dict[tuple[str, ...], int] = {}
    one: dict[str, str] = {}  # each word once: a smaller pickle, read back faster
    for index, pattern in enumerate(patterns):
        words = tuple(one.setdefault(w, w) for w in pattern_words(pattern))
        if not words:
            pid_of.append(-1)
            continue
        pid = ids.get(words)
        if pid is None:
            pid = ids[words] = len(phrases)
            phrases.append(words)
            entries_of.append([])
            node = trie
            for k, word in enumerate(words):
                slot = node.get(word)
                if slot is None:
                    slot = node[word] = [None, {}]
                if k == len(words) - 1:
                    slot[0] = (len(words), pid)
                node = slot[1]
        pid_of.append(pid)
        entries_of[pid].append(index)
    return pid_of, phrases, entries_of, trie


class Gazetteer:
    """Every entry of the layer's files in one trie of folded words.

    Each distinct phrase (tuple of folded words) has a phrase id; ``entries_of[pid]`` are the indices
    (into ``entries``) of the entries written that way, in file order. The phrase tables and the trie are
    plain data (``_index``) kept in the cache folder across processes, keyed by the files' bytes and this
    module's source (``gazetteer.derived``); the entries are the loader's own.
    """

    def __init__(self, files: Iterable[str]):
        read: list[str] = []
        by_file: list[tuple[dict, ...]] = []
        for name in dict.fromkeys(files):
            try:
                entries = read_gazetteer(name)
            except (FileNotFoundError, ValueError) as exc:
                if name not in _OPTIONAL_FILES:
                    raise
                log.warning("spans: no %s (%s)", name, exc)  # another component's data: optional here
                continue
            read.append(name)
            by_file.append(entries)
        self.files: tuple[str, ...] = tuple(read)
        self.entries: list[tuple[str, dict]] = [(name, e) for name, entries in zip(read, by_file) for e in entries]
        self._ranges: dict[str, tuple[int, int]] = {}  # file -> its entries' index range
        first = 0
        for name, entries in zip(read, by_file):
            self._ranges[name] = (first, first + len(entries))
            first += len(entries)
        # the trie and the phrase tables: plain data derived from the files (cached across processes)
        patterns = lambda: [e["pattern"] for entries in by_file for e in entries]  # noqa: E731
        built = derived("spans-trie", read, lambda: _index(patterns()), (__name__, "pipeline.textnorm"), read_gazetteer)
        if len(built[0]) != len(self.entries):  # cannot be, the key holds the files: built anew if it were
            built = _index(patterns())
        self.pid_of: list[int] = built[0]               # entry index -> phrase id (-1: no words)
        self.phrases: list[tuple[str, ...]] = built[1]  # phrase id -> its words
        self.entries_of: list[list[int]] = built[2]     # phrase id -> entry indices, in file order
        self._trie: dict[str, list] = built[3]  # word -> [(number of words, phrase id) or None, children]
        self.first_words = frozenset(self._trie)  # words that start a phrase: the others need no walk

    def indices(self, source: str, labels: Iterable[str] | None = None) -> list[int]:
        """Indices of the entries of one file (of the given labels), in file order."""
        lo, hi = self._ranges.get(source, (0, 0))
        if labels is None:
            return list(range(lo, hi))
        wanted = set(labels)
        return [k for k in range(lo, hi) if self.entries[k][1]["label"] in wanted]

    def walk(self, lows: list[str], i: int, stop: int) -> tuple[tuple[int, int], ...]:
        """(number of words, phrase id) of every phrase starting at ``lows[i]`` and ending by ``stop``,
        longest first."""
        found = []
        node = self._trie
        j = i
        while j < stop:
            slot = node.get(lows[j])
            if slot is None:
                break
            j += 1
            if slot[0] is not None:
                found.append(slot[0])
            node = slot[1]
        found.reverse()
        return tuple(found)


class SpanLayer:
    """One Doc's words and gazetteer matches (``doc._.vnie_spans``).

    words (list[Word]): the words of the body sentences and captions, in text order.
    lows (list[str]): their folded lower-case keys.
    pieces (list[tuple[int, int, int]]): (sentence index, first word, end word) of each reading unit.
    hits (list[tuple[tuple[int, int], ...]]): per word, (number of words, phrase id) of every phrase
    starting there, longest first, within the word's piece.
    """

    __slots__ = ("gazetteer", "words", "lows", "pieces", "sentences", "hits", "_piece_starts", "_word_starts")

    def __init__(self, gazetteer: Gazetteer, words: list[Word], pieces: list[tuple[int, int, int]],
                 sentences: dict[int, tuple[int, int]] | None = None):
        self.gazetteer = gazetteer
        self.sentences = sentences or {}  # sentence index -> (start, end) characters, for the sentences read
        self.words = words
        self.lows = [w.low for w in words]
        self.pieces = pieces
        empty: tuple = ()
        hits: list[tuple[tuple[int, int], ...]] = []
        trie, lows = gazetteer._trie, self.lows
        for _, lo, hi in pieces:  # Gazetteer.walk at each word, inlined: most words start no phrase
            for i in range(lo, hi):
                slot = trie.get(lows[i])
                if slot is None:
                    hits.append(empty)
                    continue
                j = i + 1
                if j >= hi or lows[j] not in slot[1]:  # the usual case: no longer phrase goes on from here
                    hits.append(empty if slot[0] is None else (slot[0],))
                    continue
                found = []
                while True:
                    if slot[0] is not None:
                        found.append(slot[0])
                    if j >= hi:
                        break
                    slot = slot[1].get(lows[j])
                    if slot is None:
                        break
                    j += 1
                if found:
                    found.reverse()
                    hits.append(tuple(found))
                else:
                    hits.append(empty)
        self.hits = hits
        self._piece_starts = [lo for _, lo, _ in pieces]
        self._word_starts: list[int] | None = None

    # -- queries ---------------------------------------------------------------------------
    def piece_end(self, i: int) -> int:
        """The end word of the piece holding word ``i``."""
        return self.pieces[bisect_right(self._piece_starts, i) - 1][2]

    def matches_at(self, i: int, limit: int | None = None) -> list[Match]:
        """Every match starting at word ``i`` (longest first; for one phrase, in file order), ending
        by word ``limit`` (default: the piece's end)."""
        out: list[Match] = []
        if not 0 <= i < len(self.hits):
            return out
        w = self.words
        for n, pid in self.hits[i]:
            if limit is not None and i + n > limit:
                continue
            for k in self.gazetteer.entries_of[pid]:
                source, entry = self.gazetteer.entries[k]
                out.append(Match(i, n, entry["label"], source, entry, w[i].start, w[i + n - 1].end))
        return out

    def longest(self, i: int, kinds: Iterable[str], limit: int | None = None) -> Match | None:
        """The longest match of one of ``kinds`` (labels) starting at word ``i`` and ending by word
        ``limit`` (default: the piece's end); for one phrase the first entry in file order."""
        wanted = set(kinds)
        for m in self.matches_at(i, limit):
            if m.kind in wanted:
                return m
        return None

    def word_at(self, char: int) -> int | None:
        """Index of the word covering character ``char``, or None (a space, or outside the body)."""
        k = bisect_right(self._starts(), char) - 1
        return k if k >= 0 and char < self.words[k].end else None

    def sentence_range(self, index: int) -> tuple[int, int]:
        """(first word, end word) of sentence ``index``; empty if it is not read (after the body)."""
        bounds = self.sentences.get(index)
        if bounds is None:
            return 0, 0
        starts = self._starts()
        return bisect_left(starts, bounds[0]), bisect_left(starts, bounds[1])

    def _starts(self) -> list[int]:
        if self._word_starts is None:
            self._word_starts = [w.start for w in self.words]
        return self._word_starts


for _name in ("words", "vnie_spans", "display"):  # pipeline/document.py declares them too; this keeps the module standalone
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _span_match(span: Span) -> Match | None:
    """The ``Match`` a span of ``doc.spans`` was made from (same kind and id, inside the span)."""
    layer = span.doc._.vnie_spans
    if layer is None:
        return None
    k = bisect_left(layer._starts(), span.start_char)
    while k < len(layer.words) and layer.words[k].start < span.end_char:
        for m in layer.matches_at(k):
            if m.kind == span.label_ and m.id == span.id_ and m.end_char <= span.end_char:
                return m
        k += 1
    return None


def displays(doc: Doc) -> bool:
    """Whether the Doc's span groups are drawn (for displaCy): not when it is processed for the tables
    alone (``pipeline.document.process(..., display=False)`` sets ``doc._.display`` to False)."""
    return doc._.display is not False


if not Span.has_extension("vnie_match"):
    Span.set_extension("vnie_match", getter=_span_match)


@Language.factory("vnie_spans", requires=["doc.sents", "doc._.body_end", "doc._.captions_start"],
                  assigns=["doc._.words", "doc._.vnie_spans", "doc.spans"],
                  default_config={"files": list(DEFAULT_FILES), "groups": DEFAULT_GROUPS})
def make_span_layer(nlp: Language, name: str, files: list[str], groups: dict[str, str]) -> "SpanLayerComponent":
    """Build the span layer; its gazetteer files are read here, once.

    files (list[str]): gazetteer file names whose entries are matched. Defaults to ``DEFAULT_FILES``.
    groups (dict[str, str]): entry label -> span group written to ``doc.spans``. Defaults to ``DEFAULT_GROUPS``.
    RETURNS (SpanLayerComponent): the component.
    """
    return SpanLayerComponent(shared_gazetteer(tuple(files)), groups)


_GAZETTEERS: dict[tuple[str, ...], Gazetteer] = {}


def shared_gazetteer(files: tuple[str, ...] = DEFAULT_FILES) -> Gazetteer:
    """The ``Gazetteer`` of these files, built once per process."""
    gaz = _GAZETTEERS.get(files)
    if gaz is None:
        gaz = _GAZETTEERS[files] = Gazetteer(files)
    return gaz


class SpanLayerComponent:
    """Sets ``doc._.words``, ``doc._.vnie_spans`` and the display span groups."""

    def __init__(self, gazetteer: Gazetteer, groups: dict[str, str]):
        self.gazetteer = gazetteer
        self.groups = dict(groups)
        # phrase id -> [(group, label, id)] of the entries shown, each (label, id) once
        self.shown: dict[int, list[tuple[str, str, str]]] = {}
        for pid, indices in enumerate(gazetteer.entries_of):
            seen = []
            for k in indices:
                entry = gazetteer.entries[k][1]
                group = self.groups.get(entry["label"])
                item = (group, entry["label"], entry.get("id", ""))
                if group is not None and item not in seen:
                    seen.append(item)
            if seen:
                self.shown[pid] = seen

    def __call__(self, doc: Doc) -> Doc:
        try:
            layer = self.layer(doc)
        except Exception:  # noqa: BLE001 - a bad article loses its spans, never the run
            log.exception("spans failed on %s", (doc._.article or {}).get("source"))
            layer = SpanLayer(self.gazetteer, [], [])
        doc._.vnie_spans = layer
        doc._.words = layer.words
        if displays(doc):
            self.set_annotations(doc, layer)
        return doc

    def layer(self, doc: Doc) -> SpanLayer:
        """The words and matches of the body sentences and captions."""
        text, fold = text_of(doc), folded(doc)
        token_starts = set(doc.to_array([IDX]).ravel().tolist())
        words: list[Word] = []
        pieces: list[tuple[int, int, int]] = []
        for index, a, b in self.pieces(doc, text):
            lo = len(words)
            words.extend(sentence_words(text[a:b], fold[a:b], a, token_starts))
            pieces.append((index, lo, len(words)))
        sentences = {i: (s.start_char, s.end_char) for i, s in body_sentences(doc, captions=True)}
        return SpanLayer(self.gazetteer, words, pieces, sentences)

    @staticmethod
    def pieces(doc: Doc, text: str) -> list[tuple[int, int, int]]:
        """(index, start, end) of the reading units; one cut after a place abbreviation's dot
        ("Bí thư Thị ủy TX. | Hương Thủy ...") is mended, the second part read with the first."""
        out: list[tuple[int, int, int]] = []
        glued = False
        for index, sent in body_sentences(doc, captions=True):
            a, b = sent.start_char, sent.end_char
            if glued and out and text[out[-1][2]:a].strip() == "":
                out[-1] = (out[-1][0], out[-1][1], b)
            else:
                out.append((index, a, b))
            glued = cut_at_place(text[a:b])
        return out

    def set_annotations(self, doc: Doc, layer: SpanLayer) -> None:
        """One span group per display kind, every match of its labels widened to whole tokens."""
        spans: dict[str, list[Span]] = {group: [] for group in dict.fromkeys(self.groups.values())}
        shown, words = self.shown, layer.words
        starts: list[int] | None = None
        for i, found in enumerate(layer.hits):
            for n, pid in found:
                items = shown.get(pid)
                if items is None:
                    continue
                if starts is None:
                    starts = doc.to_array([IDX]).ravel().tolist()
                # the tokens the phrase overlaps (doc.char_span(a, b, alignment_mode="expand"), faster)
                a, b = words[i].start, words[i + n - 1].end
                first, end = bisect_right(starts, a) - 1, bisect_left(starts, b)
                for group, label, entry_id in items:
                    spans[group].append(Span(doc, first, end, label=label, span_id=entry_id))
        for group, items in spans.items():
            doc.spans[group] = items


# =====================================================================================================
# Events and places on the layer (added for extractors/event_triggers.py and extractors/places.py; the
# sections above are unchanged but for two files in DEFAULT_FILES and two labels in DEFAULT_GROUPS).
#
# Events ask for the triggers (label EVENT) in a sentence, places for the unit types written before a
# name (PREFIX), the words that mark an address (RESIDENCE) and the bare province names (PROVINCE); a
# title, outside the Doc's body, is read into a layer of its own with the same word rule and trie.
# =====================================================================================================


def label_view(gazetteer: Gazetteer, labels: Iterable[str], entries: Iterable[dict] | None = None) -> dict[int, dict]:
    """Layer phrase id -> the entry of one of ``labels`` written that way (first in file order).

    entries (Iterable[dict] | None): the entries to answer with (a component's own list, say the triggers it
    was given); each must be a phrase of the gazetteer. Defaults to the gazetteer's own entries of ``labels``.
    RETURNS (dict[int, dict]): the view, looked up with the phrase ids of ``SpanLayer.hits``.
    """
    wanted = set(labels)
    view: dict[int, dict] = {}
    if entries is None:
        for k, (_, entry) in enumerate(gazetteer.entries):
            pid = gazetteer.pid_of[k]
            if entry["label"] in wanted and pid >= 0:
                view.setdefault(pid, entry)
        return view
    for entry in entries:
        if entry["label"] not in wanted:
            continue
        words = pattern_words(entry["pattern"])
        found = gazetteer.walk(words, 0, len(words)) if words else ()
        if not found or found[0][0] != len(words):
            raise ValueError(f"spans: {entry['pattern']!r} is not in the layer's gazetteer (add its file)")
        view.setdefault(found[0][1], entry)
    return view


def view_firsts(gazetteer: Gazetteer, view: dict[int, dict]) -> frozenset[str]:
    """The first words of a view's phrases: a word that is none of them starts none of its matches."""
    return frozenset(gazetteer.phrases[pid][0] for pid in view)


class EntryViews:
    """A component's own entries (say the triggers it was given) as a view on a layer's gazetteer, built once
    per gazetteer: calling it gives the layer's phrase id -> entry (the last entry of a phrase, as listed, wins)
    and the first words of the entries (``view_firsts``). Raises ValueError when an entry is not a phrase of
    the layer (its file is not in the layer's config).

    entries (Iterable[dict]): gazetteer entries, each with its ``label`` and ``pattern``.
    """

    def __init__(self, entries: Iterable[dict]):
        self.entries = tuple(entries)
        self._views: dict[Gazetteer, tuple[dict[int, dict], frozenset[str]]] = {}

    def __call__(self, gazetteer: Gazetteer) -> tuple[dict[int, dict], frozenset[str]]:
        found = self._views.get(gazetteer)
        if found is None:
            view: dict[int, dict] = {}
            for entry in self.entries:  # one entry per phrase: a later one replaces an earlier one
                view.update((pid, entry) for pid in label_view(gazetteer, (entry["label"],), (entry,)))
            found = self._views[gazetteer] = (view, view_firsts(gazetteer, view))
        return found


def view_matches(layer: SpanLayer, view: dict[int, dict], lo: int, hi: int,
                 firsts: frozenset[str] | None = None) -> list[tuple[int, int, dict]]:
    """(first word, number of words, entry) of the view's phrases in words ``lo .. hi``, left to right and
    not overlapping, the longest at each word (as a regex alternation of the phrases, longest first, finds
    them). ``firsts`` (``view_firsts``) lets the words that start none of them be skipped at once."""
    out: list[tuple[int, int, dict]] = []
    hits, lows = layer.hits, layer.lows
    if firsts is None:
        firsts = view_firsts(layer.gazetteer, view)
    i = lo
    for k in [k for k in range(lo, hi) if lows[k] in firsts]:
        if k < i:
            continue  # inside the previous match
        for n, pid in hits[k]:
            if k + n <= hi:
                entry = view.get(pid)
                if entry is not None:
                    out.append((k, n, entry))
                    i = k + n
                    break
    return out


def word_from(layer: SpanLayer, char: int) -> int:
    """Index of the first word starting at or after character ``char`` (``len(layer.words)`` if none)."""
    return bisect_left(layer._starts(), char)


@lru_cache(maxsize=64)  # places and events both read an article's title: one layer for both
def text_layer(gazetteer: Gazetteer, text: str) -> SpanLayer:
    """The words and matches of a text outside the Doc's body (the title), one piece, offsets into ``text``.
    The layer is shared by every caller: read it, never change it."""
    words = sentence_words(text, fold_tones(text), 0, set())
    return SpanLayer(gazetteer, words, [(-1, 0, len(words))], {-1: (0, len(text))})


# =====================================================================================================
# Counts on the layer (added for extractors/counts.py; the section above is unchanged but for
# counts' four files added to DEFAULT_FILES).
#
# Counts read the layer's words, split a little finer where a number or a unit is written inside one:
# ``count_pieces`` derives them from the shared words (no second word rule, no second reading of the
# text): the letters and digits of a word ("1.200" is "1", "200"; "TP." is "TP"), "%", "‰", "," and
# "/" as pieces of their own ("kg/ngày" is "kg", "/", "ngày"), and words the layer cut at a hyphen glued
# back ("ki-ốt" is one piece). "5kg" stays one piece, as it is one word: a numeral may end inside it
# ("5|kg"), and ``CountWords.tokens(a, b)`` reads a piece cut by ``a`` or ``b`` from its cut part (the
# shared word rule again, on that part only). A piece that is one whole shared word keeps the word's
# index: counts' phrases starting there are the layer's own matches (``SpanLayer.hits``), looked up by
# ``CountPhrases``, one group of counts' entries (say the qualifiers before a number) as a view on the
# layer's ``Gazetteer`` by phrase id; only a run of pieces that are not whole words walks the trie.
# =====================================================================================================

_COUNT_MARKS = frozenset("%‰,/")  # marks that are pieces of their own
_SUB_PIECE = re.compile(r"[^\W_]+|[%‰,/]")  # the pieces inside one shared word ("1.200", "kg/ngày")
_NO_TOKENS: frozenset[int] = frozenset()


@lru_cache(maxsize=1 << 16)
def count_key(word: str) -> str:
    """The lookup key of a count piece: tone placement folded, lower case ("Hoà" -> "hòa")."""
    return fold_tones(word).lower()


def count_pieces(words: list[Word], lo: int, hi: int, text: str,
                 whole: bool = True) -> list[tuple[str, int, int, int]]:
    """The count pieces of the shared words ``words[lo:hi]``: (key, start, end, word index) each.

    words (list[Word]): shared words (``sentence_words``). text (str): the text their offsets point into
    (folded). whole (bool): whether a piece that is one whole word keeps its index (else -1 for all).
    RETURNS: the pieces' keys, start and end characters, and the index in ``words`` of a piece that is
    exactly one word (-1 for a piece inside a word or glued from several).
    """
    pieces: list[tuple[str, int, int, int]] = []
    append = pieces.append
    marks = _COUNT_MARKS
    glue = -1      # where a piece of letters and digits would continue the last one (its end, or after its "-")
    glued: list[int] = []  # pieces glued from several: their keys are read at the end
    for k in range(lo, hi):
        w = words[k]
        t = w.text
        if t.isalnum():
            if w.start == glue:  # "ki" "-" "ốt", or a word the layer cut before a digit: one piece
                p = pieces[-1]
                pieces[-1] = (p[0], p[1], w.end, -1)
                glued.append(len(pieces) - 1)
            else:
                append((w.low, w.start, w.end, k if whole else -1))
            glue = w.end
        elif len(t) == 1:
            if t == "-" and w.start == glue and pieces and pieces[-1][2] == glue:
                glue = w.end  # a hyphen right after letters: the next letters may join them
                continue
            glue = -1
            if t in marks:
                append((t, w.start, w.end, k if whole else -1))
        else:  # letters and digits with inner dots, slashes, underscores or apostrophes: each run a piece
            start = w.start
            for m in _SUB_PIECE.finditer(t):
                a, b = start + m.start(), start + m.end()
                piece = m.group()
                if piece in marks:
                    glue = -1
                    append((piece, a, b, -1))
                elif a == glue:
                    p = pieces[-1]
                    pieces[-1] = (p[0], p[1], b, -1)
                    glued.append(len(pieces) - 1)
                    glue = b
                else:
                    append((count_key(piece), a, b, -1))
                    glue = b
    for j in glued:
        _, a, b, _ = pieces[j]
        pieces[j] = (count_key(text[a:b]), a, b, -1)
    return pieces


def read_count_pieces(text: str, a: int, b: int) -> list[tuple[str, int, int, int]]:
    """(key, start, end, -1) of the count pieces of ``text[a:b]`` (folded text) read on its own: the
    shared word rule on that stretch, then ``count_pieces``."""
    if b <= a:
        return []
    piece = text[a:b]
    words = sentence_words(piece, piece, a, _NO_TOKENS)
    # each key read from the piece alone, as cut: "toà|n" is "tòa"
    return [(count_key(text[s:e]), s, e, -1) for _, s, e, _ in count_pieces(words, 0, len(words), text, False)]


def count_pattern_words(pattern: str) -> tuple[str, ...]:
    """The keys of a gazetteer pattern read as count pieces ("héc-ta" is one, "km/h" three)."""
    folded_pattern = fold_tones(pattern)
    return tuple(t[0] for t in read_count_pieces(folded_pattern, 0, len(folded_pattern)))


# pattern -> (its count pieces, its layer words): what ``CountPhrases`` reads of each entry, computed once per
# pattern; ``preload_readings`` fills it for whole files from the cache
_READINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def pattern_reading(pattern: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(``count_pattern_words``, ``pattern_words``) of a gazetteer pattern, each pattern read once."""
    found = _READINGS.get(pattern)
    if found is None:
        found = _READINGS[pattern] = (count_pattern_words(pattern), tuple(pattern_words(pattern)))
    return found


def preload_readings(files: Iterable[str]) -> None:
    """The readings (``pattern_reading``) of every pattern of these gazetteer files, from the cache folder
    (``gazetteer.derived``, keyed by the files and this module's source) or read now and stored."""
    files = tuple(files)

    def read() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        return {e["pattern"]: pattern_reading(e["pattern"]) for name in files for e in read_gazetteer(name)}

    _READINGS.update(derived("count-readings", files, read, (__name__, "pipeline.textnorm"), read_gazetteer))


class CountWords:
    """The count pieces of a Doc's sentences, each sentence's derived from the layer's words when first
    asked for.

    text (str): the Doc's folded text. bounds (Iterable[tuple[int, int]]): the (start, end) characters of the
    sentences to read. layer (SpanLayer | None): the Doc's span layer, whose words (and matches) are used;
    without it a sentence's words are read with the shared word rule when first asked for.
    """

    __slots__ = ("text", "bounds", "layer", "hits", "_starts_of", "_read", "_last")

    def __init__(self, text: str, bounds: Iterable[tuple[int, int]], layer: SpanLayer | None = None):
        self.text = text
        self.bounds = sorted(bounds)
        self.layer = layer
        self.hits = layer.hits if layer is not None else None  # the layer's matches per word
        self._starts_of = [a for a, _ in self.bounds]
        # sentence -> its pieces, their starts and ends
        self._read: dict[int, tuple[list[tuple[str, int, int, int]], list[int], list[int]]] = {}
        self._last: tuple = (0, -1, None)  # (start, end, pieces) of the sentence asked last: asked again next

    def _sentence(self, k: int) -> tuple[list[tuple[str, int, int, int]], list[int], list[int]]:
        """The pieces of sentence ``k`` (key, start, end, word index) with their starts and ends, derived
        now if not yet."""
        found = self._read.get(k)
        if found is None:
            a, b = self.bounds[k]
            layer = self.layer
            if layer is not None:
                words = layer.words
                starts = layer._starts()
                lo, hi = bisect_left(starts, a), bisect_left(starts, b)
                if (lo > 0 and words[lo - 1].end > a) or (hi > lo and words[hi - 1].end > b):
                    layer = None  # a word runs over the sentence's edge: read the sentence on its own
            read = count_pieces(layer.words, lo, hi, self.text) if layer is not None else \
                read_count_pieces(self.text, a, b)
            found = self._read[k] = (read, [t[1] for t in read], [t[2] for t in read])
        return found

    def _within(self, a: int, b: int) -> int | None:
        """The sentence read holding ``text[a:b]``, or None."""
        k = bisect_right(self._starts_of, a) - 1
        return None if k < 0 or b > self.bounds[k][1] else k

    def _pieces_of(self, a: int, b: int) -> tuple[list[tuple[str, int, int, int]], list[int], list[int]] | None:
        """The pieces (with starts and ends) of the sentence read holding ``text[a:b]``, or None."""
        lo, hi, found = self._last
        if lo <= a and b <= hi:
            return found
        k = self._within(a, b)
        if k is None:
            return None
        found = self._sentence(k)
        self._last = (self.bounds[k][0], self.bounds[k][1], found)
        return found

    def tokens(self, a: int, b: int, most: int | None = None) -> list[tuple[str, int, int, int]]:
        """(key, start, end, word index) of the count pieces of ``text[a:b]`` (the first ``most``), a piece
        cut by ``a`` or ``b`` read from its cut part; the word index is the layer's word when the piece is
        exactly one, else -1."""
        if b <= a or most == 0:
            return []
        read = self._pieces_of(a, b)
        if read is None:  # not inside one sentence read: nothing to reuse
            found = read_count_pieces(self.text, a, b)
            return found if most is None else found[:most]
        pieces, starts, ends = read
        n = len(ends)
        j = bisect_right(ends, a)  # the first piece ending after a
        out: list[tuple[str, int, int, int]] = []
        if j < n and starts[j] < a:  # a cuts this piece: read its rest
            out = read_count_pieces(self.text, a, min(b, ends[j]))
            j += 1
        e = bisect_right(ends, b, j) if j < n else j  # the pieces from j to e end by b
        if most is None:
            out += pieces[j:e]
        elif len(out) < most:
            out += pieces[j:min(e, j + most - len(out))]
        if e < n and starts[e] < b and (most is None or len(out) < most):  # b cuts this piece
            out += read_count_pieces(self.text, max(a, starts[e]), b)
        return out if most is None else out[:most]

    def first(self, a: int, b: int) -> tuple[str, int, int, int] | None:
        """The first count piece of ``text[a:b]``, or None (``tokens(a, b, 1)``)."""
        if b <= a:
            return None
        read = self._pieces_of(a, b)
        if read is None:
            found = read_count_pieces(self.text, a, b)
            return found[0] if found else None
        pieces, starts, ends = read
        n = len(ends)
        j = bisect_right(ends, a)
        if j < n and starts[j] < a:
            found = read_count_pieces(self.text, a, min(b, ends[j]))
            if found:
                return found[0]
            j += 1
        if j < n and ends[j] <= b:
            return pieces[j]
        if j < n and starts[j] < b:
            found = read_count_pieces(self.text, max(a, starts[j]), b)
            return found[0] if found else None
        return None

    def last(self, a: int, b: int, most: int) -> list[tuple[str, int, int, int]]:
        """The last ``most`` count pieces of ``text[a:b]`` (``tokens(a, b)[-most:]``)."""
        read = self._pieces_of(a, b) if b > a else None
        if read is None:
            return self.tokens(a, b)[-most:]
        pieces, starts, ends = read
        n = len(ends)
        j = bisect_right(ends, a)
        cut_a = j < n and starts[j] < a
        lo = j + 1 if cut_a else j
        e = bisect_right(ends, b, lo) if lo < n else lo
        out = []
        if e < n and starts[e] < b:  # b cuts this piece
            out = read_count_pieces(self.text, max(a, starts[e]), b)
        out = pieces[max(lo, e - most):e] + out
        if len(out) < most and cut_a:
            out = read_count_pieces(self.text, a, min(b, ends[j])) + out
        return out[-most:]


def count_words(doc: Doc) -> CountWords:
    """The Doc's count pieces, over the layer's sentences and words (the body's and captions' sentences,
    read with the shared word rule, when no layer ran). Counts, their one reader, call this once per Doc."""
    layer = doc._.vnie_spans
    if layer is not None and layer.sentences:
        return CountWords(folded(doc), layer.sentences.values(), layer)
    return CountWords(folded(doc), [(s.start_char, s.end_char) for _, s in body_sentences(doc, captions=True)])


class CountPhrases:
    """One group of counts' gazetteer entries as a view on the layer's ``Gazetteer``: the longest of
    them on a run of count pieces.

    gazetteer (Gazetteer): the layer's phrases (holding counts' files).
    entries (Iterable[dict]): the group's entries, first wins for one phrase (as listed).
    """

    def __init__(self, gazetteer: Gazetteer, entries: Iterable[dict]):
        self.gazetteer = gazetteer
        self.by_phrase: dict[int, dict] = {}  # layer phrase id -> the group's entry
        self.spelt: dict[tuple[str, ...], dict] = {}  # count pieces -> entry, where the layer's words differ
        self.entries: list[dict] = []  # the group's entries, one per phrase
        seen: set[tuple[str, ...]] = set()
        for e in entries:
            words, layer_words = pattern_reading(e["pattern"])
            if words in seen:
                continue
            seen.add(words)
            self.entries.append(e)
            if layer_words != words:  # "héc-ta" (three layer words), "km/h" (one): looked up by its count pieces
                self.spelt[words] = e
                continue
            pid = self._phrase(words)
            if pid is None:
                raise ValueError(f"spans: {e['pattern']!r} is not in the layer's gazetteer (add its file)")
            self.by_phrase.setdefault(pid, e)
        self.longest = max((len(k) for k in seen), default=1)
        self.firsts = {k[0] for k in seen if k}  # a run whose first word is none of these holds no phrase
        self.lasts = {k[-1] for k in seen if k}
        self.spelt_firsts = {k[0] for k in self.spelt if k}
        # one-piece phrases, the most asked: key -> entry (``get`` of one key without a walk)
        self.single: dict[str, dict] = {}
        for words in seen:
            if len(words) == 1:
                entry = self._get(words)
                if entry is not None:
                    self.single[words[0]] = entry

    def _phrase(self, words: tuple[str, ...]) -> int | None:
        """The layer's phrase id of exactly these words, or None."""
        found = self.gazetteer.walk(list(words), 0, len(words)) if words else ()
        return found[0][1] if found and found[0][0] == len(words) else None

    def get(self, words: tuple[str, ...]) -> dict | None:
        """The group's entry written with these count pieces, or None."""
        if len(words) == 1:
            return self.single.get(words[0])
        return self._get(words)

    def _get(self, words: tuple[str, ...]) -> dict | None:
        entry = self.spelt.get(words)
        if entry is not None:
            return entry
        pid = self._phrase(words)
        return None if pid is None else self.by_phrase.get(pid)

    def exact(self, run: list[tuple[str, int, int, int]], hits: list | None) -> dict | None:
        """The group's entry written exactly as the run of count pieces, or None: from the layer's matches
        at the run's first word when every piece is one whole word."""
        if len(run) == 1:
            return self.single.get(run[0][0])
        i = run[0][3]
        if hits is None or i < 0 or any(t[3] < 0 for t in run):
            return self.get(tuple(t[0] for t in run))
        entry = self.spelt.get(tuple(t[0] for t in run)) if self.spelt else None
        if entry is not None:
            return entry
        m = len(run)
        for n, pid in hits[i]:
            if n == m:
                return self.by_phrase.get(pid)
        return None

    def longest_of(self, run: list[tuple[str, int, int, int]], hits: list | None = None,
                   whole: bool | None = None) -> tuple[int, dict] | None:
        """(number of pieces, entry) of the group's longest phrase starting the run of count pieces, or None:
        the layer's matches at the run's first word when every piece is one whole word (``whole``, when the
        caller knows), else a walk."""
        if not run:
            return None
        if whole is None:
            whole = all(t[3] >= 0 for t in run)
        m = len(run)
        found = hits[run[0][3]] if hits is not None and whole else self.gazetteer.walk([t[0] for t in run], 0, m)
        best = None
        by_phrase = self.by_phrase
        for n, pid in found:  # longest first
            if n <= m and (entry := by_phrase.get(pid)) is not None:
                best = (n, entry)
                break
        if self.spelt and run[0][0] in self.spelt_firsts:
            for n in range(len(run), best[0] if best else 0, -1):
                entry = self.spelt.get(tuple(t[0] for t in run[:n]))
                if entry is not None:
                    return n, entry
        return best
