"""Officials: name, rank, every position and organisation, one record per person.

A sentence is read left to right as a list of words (``_words``); the reader
(``_SentenceReader.read``) tries its steps at each word, all driven by the
gazetteers:

  rank        ``Thượng tướng``, ``đại uý`` (ranks.jsonl)       -> the name after it
  honorific   ``ông``, ``bà``, ``đồng chí``, ``PGS.TS``         -> the name after it
  position    ``Phó Giám đốc`` + organisation (titles.jsonl)   -> a name may end it
  apposition  ``NAME, position, position``, ``NAME - position``, ``NAME (position)``,
              ``NAME giữ chức position``, ``... kiêm position``
  heading     ``các đồng chí <position>: A, ...; B, ...``    -> every listed name
  pending     ``<position>, <position> NAME``, ``<position>, Đại tá NAME``

A position phrase is the head plus the organisation written after it. It
ends where the language says so: punctuation, a rank, honorific or new head,
a personal name, or a lower-case word that starts the clause's predicate or
is a preposition/conjunction (person_stopwords.jsonl ``VERB``/``FUNCTION``).
Organisation names from organisations.jsonl are taken whole, so their own
lower-case words ("Ban chỉ đạo", "Cơ quan Cảnh sát điều tra") never end it;
a committee named by its task takes the task along ("Ban Chỉ đạo triển khai
Đề án 06 tỉnh"). Capitalised words after a place word (``tỉnh``, ``phường``,
``TP``) are a place when the places gazetteers know them; a personal name
starts with a family name (``SURNAME``) or a word that cannot be a Vietnamese
syllable (a foreign name), unless a rank or honorific stands before it.

Mentions of one person (same name key; "ông Sơn" for the only known
"... Sơn") make one ``Official``; its titles are the union of the positions,
without a short form that repeats a longer one. People named right after
"bị can", "đối tượng", "tạm giam" ... or with "(SN 1990", ", trú tại" after
them are not officials.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from extractors.base import Mention, body_sentences, folded
from gazetteer import read_gazetteer
from pipeline.textnorm import ascii_key, fold_tones, key

log = logging.getLogger(__name__)

MAX_NAME = 4          # Vietnamese personal names have 2-4 syllables
MAX_FOREIGN_NAME = 5  # after a rank or honorific, any capitalised words up to this many are a name
MAX_TAIL = 3          # lower-case words kept at the end of a position ("Phòng Cảnh sát hình sự")
MAX_TAIL_AT_PUNCT = 6  # ... when punctuation ends it ("Tổ phó tổ phòng chống tội phạm,"): no verb ran on
MAX_TITLE = 30        # words: a position phrase longer than this has run into the sentence

# Words: "TP." keeps its dot ("TP. Vinh", "TP.Vinh"); inner slashes and dots stay ("đ/c", "PTDS/BCA",
# "PGS.TS", "1.200"); every other punctuation mark is a word of its own.
_WORD = re.compile(r"(?:TP|Tp|TX|Tx)\.|\w+(?:[/.]\w+)*|[^\w\s]")
_DASHES = {"-", "–", "—"}
_BRACKETS = re.compile(r"\s*\([^()]*\)")
# One Vietnamese syllable without its marks: initial consonant(s), one vowel group, a final consonant.
# A capitalised word that is not one starts a foreign name ("Thomas", "Khămphon", "Vilay").
_VI_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(?:ch|ng|nh|[cmnpt])?")
_CLAUSE_END = {".", "!", "?", "…"}
# Words that introduce the people present ("Dự có Chủ tịch ..., Chủ tịch ... A"): positions after
# them belong to the next name; after any other verb or preposition they are its object.
_INTRODUCERS = {"có", "và", "cùng", "gồm", "là"}
# Words between a suspect word and the name: "bị can đối với ông A", "các bị can gồm: A"
_CUE_LINKS = {"là", "gồm", "các", "hai", "ba"}


@dataclass(frozen=True, slots=True)
class Official:
    """One row of the ``officials`` table (one person in one article).

    person_id (str): stable across articles (see ``person_id``).
    name (str): the full name as written; rank (str | None): full form;
    titles, organizations (tuple[str, ...]): every position, and their organisations;
    sentence, start, end: the mention that gives most about the person;
    parts (tuple[Mention, ...]): every PER/RANK/TITLE/ORG mention of the person.
    """

    person_id: str
    name: str
    rank: str | None
    titles: tuple[str, ...]
    organizations: tuple[str, ...]
    sentence: int
    start: int
    end: int
    parts: tuple[Mention, ...] = ()

    def mentions(self) -> list[Mention]:
        return list(self.parts)


@Language.factory("vnie_officials", requires=["doc.sents"], assigns=["doc._.officials"],
                  default_config={"ranks": "ranks.jsonl", "titles": "titles.jsonl",
                                  "organisations": "organisations.jsonl", "abbreviations": "abbreviations.jsonl",
                                  "honorifics": "honorifics.jsonl", "stopwords": "person_stopwords.jsonl"})
def make_officials(nlp: Language, name: str, ranks: str, titles: str, organisations: str, abbreviations: str,
                   honorifics: str, stopwords: str) -> "OfficialFinder":
    """Build the officials component; the gazetteer files are read here, once.

    ranks, titles, organisations, abbreviations, honorifics, stopwords (str): gazetteer file names.
    RETURNS (OfficialFinder): the component.
    """
    lexicon = _Lexicon.build(read_gazetteer(ranks), read_gazetteer(titles), read_gazetteer(organisations),
                             read_gazetteer(abbreviations), read_gazetteer(honorifics), read_gazetteer(stopwords),
                             _known_places())
    return OfficialFinder(lexicon)


def _known_places() -> dict[str, tuple[dict, ...]]:
    """Province, district and ward names from the places gazetteers (empty if they are missing)."""
    out = {}
    for level, name in (("province", "admin_units_provinces.jsonl"), ("district", "admin_units_districts.jsonl"),
                        ("ward", "admin_units_wards.jsonl")):
        try:
            out[level] = read_gazetteer(name)
        except (FileNotFoundError, ValueError) as exc:  # another component's data: optional here
            log.warning("officials: no %s names (%s)", level, exc)
            out[level] = ()
    return out


# ----------------------------------------------------------------------------- lexicon

def _split(text: str) -> list[str]:
    """The folded, lower-cased words of a pattern (same word rule as sentences)."""
    return [m.group() for m in _WORD.finditer(fold_tones(text).lower())]


class _Phrases:
    """Phrases keyed by their folded, lower-cased words; ``match`` finds the longest at a position."""

    def __init__(self) -> None:
        self.table: dict[tuple[str, ...], object] = {}
        self.first: set[str] = set()  # first words, to answer "no" at once
        self.longest = 0

    def add(self, pattern: str, value: object) -> None:
        words = tuple(_split(pattern))
        if words and words not in self.table:
            self.table[words] = value
            self.first.add(words[0])
            self.longest = max(self.longest, len(words))

    def match(self, lows: list[str], i: int, limit: int | None = None) -> tuple[int, object] | None:
        """(number of words, value) of the longest phrase starting at ``lows[i]``, or None."""
        if i >= len(lows) or lows[i] not in self.first:
            return None
        stop = len(lows) if limit is None else limit
        for n in range(min(self.longest, stop - i), 0, -1):
            value = self.table.get(tuple(lows[i:i + n]))
            if value is not None:
                return n, value
        return None


@dataclass
class _Lexicon:
    ranks: _Phrases = field(default_factory=_Phrases)
    titles: _Phrases = field(default_factory=_Phrases)
    title_prefixes: _Phrases = field(default_factory=_Phrases)
    title_suffixes: _Phrases = field(default_factory=_Phrases)
    orgs: _Phrases = field(default_factory=_Phrases)
    place_prefixes: _Phrases = field(default_factory=_Phrases)
    honorifics: _Phrases = field(default_factory=_Phrases)
    stops: _Phrases = field(default_factory=_Phrases)
    copulas: _Phrases = field(default_factory=_Phrases)
    not_official: _Phrases = field(default_factory=_Phrases)
    not_official_after: _Phrases = field(default_factory=_Phrases)
    not_names: _Phrases = field(default_factory=_Phrases)
    places: _Phrases = field(default_factory=_Phrases)
    wards: _Phrases = field(default_factory=_Phrases)
    provinces: set[tuple[str, ...]] = field(default_factory=set)
    surnames: _Phrases = field(default_factory=_Phrases)
    abbreviations: dict[str, str] = field(default_factory=dict)
    abbreviation_re: re.Pattern | None = None

    @classmethod
    def build(cls, ranks, titles, orgs, abbreviations, honorifics, stopwords, places) -> "_Lexicon":
        lex = cls()
        for e in ranks:
            lex.ranks.add(e["pattern"], e["id"])
        for e in titles:
            table = {"TITLE": lex.titles, "TITLE_PREFIX": lex.title_prefixes,
                     "TITLE_SUFFIX": lex.title_suffixes}.get(e["label"])
            if table is not None:
                table.add(e["pattern"], e)
        for e in orgs:
            (lex.place_prefixes if e["label"] == "PLACE_PREFIX" else lex.orgs).add(e["pattern"], e)
        for e in honorifics:
            lex.honorifics.add(e["pattern"], e["id"])
        tables = {"VERB": lex.stops, "FUNCTION": lex.stops, "KEEP": lex.stops, "SURNAME": lex.surnames,
                  "NOT_OFFICIAL": lex.not_official, "NOT_OFFICIAL_AFTER": lex.not_official_after,
                  "NOT_NAME": lex.not_names}
        for e in stopwords:
            if e["label"] in tables:
                tables[e["label"]].add(e["pattern"], e["label"])
            elif e["label"] == "COPULA":  # ends a position phrase, and opens one after a name
                lex.stops.add(e["pattern"], "COPULA")
                lex.copulas.add(e["pattern"], "COPULA")
        for level in ("province", "district"):
            for e in places.get(level, ()):
                lex.places.add(e["pattern"], level)
                if level == "province":
                    lex.provinces.add(tuple(_split(e["pattern"])))
        for e in places.get("ward", ()):
            if not e["pattern"][:1].isdigit():
                lex.wards.add(e["pattern"], "ward")
        for e in abbreviations:
            lex.abbreviations[e["pattern"]] = e["id"]
        if lex.abbreviations:
            alternatives = "|".join(re.escape(p) for p in sorted(lex.abbreviations, key=len, reverse=True))
            lex.abbreviation_re = re.compile(rf"(?<!\w)(?:{alternatives})(?!(?<=\w)\w)")
        return lex

    def expand(self, text: str) -> str:
        """``text`` with its abbreviations written out ("UBND TP" -> "Ủy ban nhân dân thành phố")."""
        if self.abbreviation_re is None:
            return text
        def written_out(m: re.Match) -> str:
            glued = m.group().endswith(".") and m.string[m.end():m.end() + 1].isalnum()  # "TP.Vinh"
            return self.abbreviations[m.group()] + (" " if glued else "")

        return self.abbreviation_re.sub(written_out, text)


# ----------------------------------------------------------------------------- words

@dataclass(slots=True)
class _Word:
    text: str
    low: str        # folded, lower-cased
    start: int
    end: int
    shape: str      # cap (Lê), abbr (UBND), low (tỉnh), num (26/7), punct
    tok_start: bool  # an underthesea token starts here


def _shape(text: str) -> str:
    first = text[0]
    if first.isdigit():
        return "num"
    if not first.isalpha():
        return "punct"
    if len(text) >= 2 and text.isupper():
        return "abbr"
    return "cap" if first.isupper() else "low"


def _words(text: str, fold: str, offset: int, token_starts: set[int]) -> list[_Word]:
    """The words of one sentence; ``fold`` is its tone-folded copy (same length)."""
    out = []
    for m in _WORD.finditer(text):
        a, b = m.start(), m.end()
        out.append(_Word(text[a:b], fold[a:b].lower(), offset + a, offset + b, _shape(text[a:b]),
                         offset + a in token_starts))
    return out


# ----------------------------------------------------------------------------- one sentence

@dataclass
class _Title:
    text: str
    start: int
    end: int
    head: dict                 # the titles.jsonl entry of the head
    org_start: int | None      # where the organisation begins (None: head alone)


@dataclass
class _Mention:
    name: str
    start: int                 # name span
    end: int
    sentence: int
    anchor: int                # first character of the whole mention (rank, title or honorific)
    rank: tuple[str, int, int] | None = None
    titles: list[_Title] = field(default_factory=list)
    short: bool = False        # one-syllable reference ("ông Sơn")
    excluded: bool = False     # suspect, defendant, victim, driver

    @property
    def weight(self) -> int:
        return len(self.titles) + (1 if self.rank else 0)


@dataclass
class _Head:
    start: int      # word index of the whole head (prefixes included)
    first: int      # word index of the head proper (after prefixes)
    end: int        # word index after the head (and its suffix)
    entry: dict
    core_end: int = 0  # word index after the head proper (before "Thường trực")


@dataclass
class _State:
    """What the reader remembers while going through one sentence."""

    out: list[_Mention] = field(default_factory=list)
    current: _Mention | None = None   # the person the next apposition belongs to
    pending: list[_Title] = field(default_factory=list)  # positions before a name ("Chủ tịch ..., Chủ tịch ... A")
    group: list[_Title] = field(default_factory=list)    # a heading's ("các đồng chí Ủy viên BTV Tỉnh ủy: ...")
    group_cue: bool = False           # the heading named suspects ("Các bị can gồm: ...")
    in_list: bool = False             # after a heading's colon
    appos: bool = False               # after the current person and a , - ( kiêm or copula
    adjacent: bool = False            # the last word ended a name
    was_adjacent: bool = False

    def reset(self) -> None:
        """The clause moved on: no current person, no pending positions."""
        self.current, self.pending, self.appos = None, [], False


class _SentenceReader:
    """Reads one sentence into ``_Mention``s (see the module docstring)."""

    def __init__(self, lex: _Lexicon, words: list[_Word], text: str, sentence: int, known: dict[str, str]):
        self.lex = lex
        self.w = words
        self.lows = [w.low for w in words]
        self.n = len(words)
        self.text = text           # the whole doc text (offsets are absolute)
        self.sentence = sentence
        self.known = known         # name keys seen so far in the article -> name

    # -- anchors -------------------------------------------------------------------------
    def rank_at(self, i: int) -> tuple[int, str] | None:
        return self.lex.ranks.match(self.lows, i) if i < self.n else None

    def honorific_at(self, i: int) -> int:
        hit = self.lex.honorifics.match(self.lows, i) if i < self.n else None
        return hit[0] if hit else 0

    def head_at(self, i: int) -> _Head | None:
        """A position head at word ``i`` (with "Phó", "nguyên" before and "Thường trực" after)."""
        if i >= self.n or self.w[i].shape == "punct":
            return None
        j = i
        for _ in range(2):  # "nguyên Phó Chủ tịch"
            hit = self.lex.title_prefixes.match(self.lows, j)
            if hit is None:
                break
            after = j + hit[0]
            if self.lex.titles.match(self.lows, after) is None and \
                    self.lex.title_prefixes.match(self.lows, after) is None:
                break
            j = after
        hit = self.lex.titles.match(self.lows, j)
        if hit is None:
            return None
        n, entry = hit
        if entry.get("abbr") and self.w[j].text != entry["pattern"]:
            return None
        end = core = j + n
        suffix = self.lex.title_suffixes.match(self.lows, end)
        if suffix is not None:
            end += suffix[0]
        return _Head(i, j, end, entry, core)

    def capitalised_head(self, head: _Head) -> bool:
        """Written as a position: the head (or what precedes it) capitalised, abbreviations as such."""
        return self.w[head.start].shape in ("cap", "abbr") or self.w[head.first].shape in ("cap", "abbr")

    def stop_at(self, i: int) -> tuple[int, str] | None:
        if self.w[i].shape != "low":
            return None
        return self.lex.stops.match(self.lows, i)

    # -- capitalised runs and names ----------------------------------------------------
    def run_end(self, i: int) -> int:
        """End of the run of capitalised words from ``i`` (stops before a rank or a head)."""
        k = i
        while k < self.n and self.w[k].shape == "cap":
            if k > i and (self.rank_at(k) or self.head_at(k)):
                break
            k += 1
        return k

    def token_len(self, i: int, limit: int) -> int:
        """Words from ``i`` up to the next underthesea token start (at least one)."""
        k = i + 1
        while k < limit and not self.w[k].tok_start:
            k += 1
        return k - i

    def name_len(self, i: int, limit: int) -> int:
        """Words of a Vietnamese personal name starting at ``i`` (family name first), or 0."""
        if self.lex.surnames.match(self.lows, i, limit) is None:
            return 0
        if self.lex.not_names.match(self.lows, i, limit) is not None:
            return 0
        avail = limit - i
        if avail < 2:
            return 0
        length = avail
        if avail > MAX_NAME:  # longer run: whole underthesea tokens up to MAX_NAME words
            length = 0
            while length < avail:
                step = self.token_len(i + length, limit)
                if length + step > MAX_NAME:
                    break
                length += step
            if length < 2:
                length = min(avail, 3)
        if tuple(self.lows[i:i + length]) in self.lex.provinces:
            return 0
        return length

    def split_run(self, a: int, b: int, prefix: str | None, org_seen: bool) -> list[tuple[str, int, int]]:
        """Pieces (place | org | name, start, end) of the capitalised run ``a..b`` inside a position."""
        pieces: list[tuple[str, int, int]] = []
        i = a
        if prefix is not None:
            known = self.lex.places.match(self.lows, i, b)
            if prefix in ("ward", "village", "street"):  # the longest known name: "Vinh Phú", not "Vinh"
                ward = self.lex.wards.match(self.lows, i, b)
                if ward is not None and (known is None or ward[0] > known[0]):
                    known = ward
            # "Chủ tịch UBND TP Lê Văn A", "Chủ tịch UBND xã Trần Văn B": no such place, so a person
            # (wards and districts only when their names are known: many are named after people)
            checkable = prefix == "province" or prefix in ("district", "ward") and self.lex.wards.table
            if known is None and checkable:
                length = self.name_len(i, b)
                if length:
                    return [("name", i, i + length)]
            length = known[0] if known else self.token_len(i, b)
            pieces.append(("place", i, i + length))
            i += length
        while i < b:
            hit = self.lex.not_names.match(self.lows, i, b)
            if hit is not None:
                pieces.append(("org", i, i + hit[0]))
                i += hit[0]
                continue
            if org_seen or pieces:
                hit = self.lex.places.match(self.lows, i, b)
                if hit is not None:
                    pieces.append(("place", i, i + hit[0]))
                    i += hit[0]
                    continue
            length = self.name_len(i, b)
            if length:
                pieces.append(("name", i, i + length))
                return pieces
            if 2 <= b - i <= MAX_NAME and (org_seen or pieces) and self.foreign(i) and \
                    not any(self.name_len(j, b) for j in range(i + 1, b - 1)):
                pieces.append(("name", i, b))  # "Bộ trưởng Bộ Nội vụ Lào Vilay Lakhamphong"
                return pieces
            if pieces and pieces[-1][0] == "place" and 3 <= b - i <= MAX_NAME and b < self.n \
                    and self.w[b].shape != "cap":  # "tỉnh Thanh Hóa Đầu Thanh Tùng": an uncommon family name
                pieces.append(("name", i, b))
                return pieces
            step = self.token_len(i, b)
            pieces.append(("org", i, i + step))
            i += step
        return pieces

    def foreign(self, i: int) -> bool:
        """Word ``i`` cannot be a Vietnamese syllable (so it starts a foreign name)."""
        bare = ascii_key(self.w[i].text)
        return len(bare) > 1 and bare.isalpha() and _VI_SYLLABLE.fullmatch(bare) is None

    def initial(self, a: int, b: int) -> tuple[int, int]:
        """The name span ``a..b`` with the dot of a final initial ("Nguyễn Xuân C.")."""
        last = self.w[b - 1]
        if len(last.text) == 1 and b < self.n and self.w[b].text == "." and self.w[b].start == last.end:
            return a, b + 1
        return a, b

    def name_after(self, j: int, anchor: str) -> tuple[int, int] | None:
        """The name right after a rank or honorific (word span), or None."""
        if j >= self.n or self.w[j].shape != "cap":
            return None
        b = self.run_end(j)
        length = self.name_len(j, b)
        if length:
            return self.initial(j, j + length)
        avail = b - j
        if avail == 1:
            return j, j + 1  # a short reference ("ông Sơn", "Thiếu tướng Khải")
        if avail <= MAX_FOREIGN_NAME and self.lex.not_names.match(self.lows, j, b) is None and \
                self.lex.places.match(self.lows, j, b) is None:
            return j, b
        return None

    # -- position phrases ----------------------------------------------------------------
    def extend(self, head: _Head) -> tuple[int, tuple[int, int] | None, int | None]:
        """Where the position starting with ``head`` ends: (end word, name after it, organisation start)."""
        lows, w = self.lows, self.w
        k = head.end
        solid = k                      # end of the last word surely inside the position
        org_start = None
        tail = head.entry.get("org_tail", 0)
        if tail and head.end == head.core_end:  # no "Thường trực" between head and organisation
            org_start = head.core_end - tail
        prefix = None          # the place level when the last word was "tỉnh", "phường", ...
        purpose = False        # just after a committee named by its task ("Ban Chỉ đạo" + verb)
        task = False           # inside that task: lower-case words all belong to the position
        if org_start is not None:  # the head ends inside an organisation's name: "Trưởng [Ban] Chỉ đạo"
            org = self.lex.orgs.match(lows, org_start)
            if org is not None and org_start + org[0] >= k:
                k = solid = org_start + org[0]
                purpose = task = bool(org[1].get("purpose"))
        hit = self.lex.place_prefixes.match(lows, head.end - 1)
        if hit is not None and hit[0] == 1:  # "Trưởng thôn" + place
            prefix = hit[1]["id"]
        while k < self.n and k - head.end < MAX_TITLE:
            word = w[k]
            if word.shape == "punct":
                if word.text == "," and lows[k - 1] == "phòng" and k + 1 < self.n and lows[k + 1] == "chống":
                    k += 1  # "phòng, chống ..." is one word of the task
                    solid = k if task else solid
                    continue
                if word.text == "(" and k + 2 < self.n and w[k + 1].shape == "abbr" and w[k + 2].text == ")" \
                        and k + 3 < self.n and w[k + 3].shape in ("cap", "abbr"):
                    k = solid = k + 3  # a unit's code inside its name: "Phòng Cảnh sát ... (PC07) Công an tỉnh"
                    continue
                if word.text in _DASHES and solid == k and k + 1 < self.n and self._dash_inside(k):
                    k += 1  # "Tổng cục Hậu cần - Kỹ thuật", "Đội CSGT-TT", not "Bí thư - Chủ tịch"
                    continue
                break
            org = self.lex.orgs.match(lows, k) if word.shape in ("cap", "abbr") else None
            if org is not None:
                org_start = k if org_start is None else org_start
                k += org[0]
                solid, prefix = k, None
                purpose = task = bool(org[1].get("purpose"))
                continue
            if self.rank_at(k) or (word.shape == "low" and self.honorific_at(k)):
                break
            head2 = self.head_at(k)
            if head2 is not None and self.capitalised_head(head2) and lows[k - 1] not in ("ban", "phòng") \
                    and not head2.entry.get("needs_org"):
                break
            place = self.lex.place_prefixes.match(lows, k)
            if place is not None and (word.shape != "cap" or place[1]["id"] in ("province", "district", "ward")):
                org_start = k if org_start is None else org_start
                k += place[0]
                solid, prefix = k, place[1]["id"]
                continue
            if word.shape == "cap":
                b = self.run_end(k)
                for kind, a, e in self.split_run(k, b, prefix, org_seen=org_start is not None):
                    if kind == "name":
                        if a - solid > MAX_TAIL:
                            return solid, None, org_start
                        return a, self.initial(a, e), org_start
                    org_start = a if org_start is None else org_start
                k = b
                solid, prefix = k, None
                continue
            if word.shape in ("abbr", "num"):
                org_start = k if org_start is None else org_start
                k += 1
                solid, prefix = k, None
                continue
            if lows[k] == "tại" and head.entry.get("abroad"):
                k += 1  # "Đại sứ Việt Nam tại Australia"
                continue
            stop = self.stop_at(k)
            if stop is not None and stop[1] == "VERB" and purpose and k == solid:
                stop = None  # "Ban Chỉ đạo triển khai ...": the committee's task
            purpose = False
            if stop is not None and stop[1] != "KEEP":
                if lows[k] == "và" and k + 1 < self.n and w[k + 1].shape == "cap" and \
                        not self._starts_person(k + 1) and self.name_len(k + 1, self.run_end(k + 1)) == 0:
                    k += 1
                    continue
                break
            if stop is not None:
                org_start = k if org_start is None else org_start
                k += stop[0]
                solid = k
                continue
            org_start = k if org_start is None else org_start
            k += 1
            solid = k if task else solid
        at_punct = k >= self.n or w[k].shape == "punct"
        limit = MAX_TAIL_AT_PUNCT if at_punct else MAX_TAIL
        end = k if k - solid <= limit and k - head.end < MAX_TITLE else solid
        if org_start is not None and org_start >= end:
            org_start = None if not tail else head.core_end - tail
        return end, None, org_start

    def _closing(self, i: int) -> int | None:
        """Index of the ")" closing the bracket at ``i`` (within a short aside), or None."""
        for k in range(i + 1, min(self.n, i + 16)):
            if self.w[k].text == ")":
                return k
            if self.w[k].text in ("(", ";") or self.w[k].text in _CLAUSE_END:
                return None
        return None

    def _dash_inside(self, k: int) -> bool:
        """The dash at ``k`` joins two parts of one organisation's name."""
        after = self.w[k + 1]
        if after.shape not in ("cap", "abbr") or self._starts_person(k + 1):
            return False
        if self.w[k - 1].end == self.w[k].start and self.w[k].end == after.start:
            return True  # written without spaces: "CSGT-TT"
        return after.shape == "cap" and self.name_len(k + 1, self.run_end(k + 1)) == 0

    def _starts_person(self, i: int) -> bool:
        """A rank, honorific or capitalised head starts at ``i``."""
        if self.rank_at(i) or self.honorific_at(i):
            return True
        head = self.head_at(i)
        return head is not None and self.capitalised_head(head)

    def title(self, head: _Head, end: int, org_start: int | None) -> _Title | None:
        if head.entry.get("needs_org") and (org_start is None or end <= head.end):
            return None
        a, b = self.w[head.start].start, self.w[end - 1].end
        org = self.w[org_start].start if org_start is not None and org_start < end else None
        return _Title(" ".join(self.text[a:b].split()), a, b, head.entry, org)

    # -- the sentence ----------------------------------------------------------------------
    def read(self) -> list[_Mention]:
        """Every person mention of the sentence, in order."""
        st = _State()
        i = 0
        while i < self.n:
            st.adjacent, st.was_adjacent = False, st.adjacent
            for step in (self._punctuation, self._aside, self._ranked, self._honoured, self._position,
                         self._body, self._capitalised):
                j = step(st, i)
                if j is not None:
                    i = j
                    break
            else:  # any other word: the clause has moved on
                st.reset()
                i += 1
        return st.out

    def _punctuation(self, st: "_State", i: int) -> int | None:
        """Commas, dashes and brackets keep the current person; ; : and full stops close lists."""
        p = self.w[i].text
        if self.w[i].shape != "punct":
            return None
        if p == "(" and st.current is not None and not self._starts_person(i + 1):
            close = self._closing(i)  # "(thứ 2 từ trái sang)": skip, the person goes on
            if close is not None:
                return close + 1
        if p == "," or p in _DASHES or p == "(":
            st.appos = st.current is not None
        elif p == ";":
            st.reset()
        elif p == ":":  # a heading: its positions go to every name listed after it
            if st.pending:
                st.group, st.pending = st.pending, []
            st.group_cue = st.group_cue or self._cue_before(i)
            st.reset()
            st.in_list = True
        elif p in _CLAUSE_END:
            st.reset()
            st.group, st.in_list = [], False
        elif p == ")":
            st.appos = False
        else:
            st.reset()
        return i + 1

    def _aside(self, st: "_State", i: int) -> int | None:
        """Words between a name and its position: "giữ chức", "kiêm", ", 70 tuổi,"."""
        copula = self.lex.copulas.match(self.lows, i) if st.current is not None else None
        if copula is not None and self.head_at(i + copula[0]) is not None:
            st.appos = True  # "ông A giữ chức Bí thư ..."
            return i + copula[0]
        if st.appos and self.w[i].shape == "num" and i + 1 < self.n and self.lows[i + 1] == "tuổi":
            return i + 2  # "ông A, 70 tuổi, Bí thư Chi bộ ...": the age is an aside
        if self.lows[i] == "kiêm":  # a second post of the same person, like a comma
            st.appos = st.current is not None
            return i + 1
        return None

    def _ranked(self, st: "_State", i: int) -> int | None:
        """A rank and the name after it, or a rank given after the current person's name."""
        rank = self.rank_at(i)
        if rank is None:
            return None
        found = (rank[1], self.w[i].start, self.w[i + rank[0] - 1].end)
        span = self.name_after(i + rank[0], "rank")
        if span is not None:
            self._add(st, self._mention(st, span, i, [])).rank = found
            return span[1]
        if st.appos and st.current is not None and st.current.rank is None:
            st.current.rank = found  # "ông A (Đại tá), Giám đốc ..."
            return i + rank[0]
        return None

    def _honoured(self, st: "_State", i: int) -> int | None:
        """An honorific and the name after it; before a rank or position it is skipped."""
        hon = self.honorific_at(i)
        if not hon:
            return None
        if self.rank_at(i + hon) or self._head_follows(i + hon):
            return i + hon  # "đồng chí Thiếu tướng A", "các đồng chí Ủy viên ...:"
        span = self.name_after(i + hon, "honorific")
        if span is None:
            return None
        self._add(st, self._mention(st, span, i, []))
        return span[1]

    def _position(self, st: "_State", i: int) -> int | None:
        """A position: the current person's, the next name's, or pending until a name comes."""
        if st.was_adjacent and st.current is not None and not st.appos:
            st.appos = self.w[i].shape in ("cap", "abbr")  # "ông Nguyễn Văn A Chủ tịch UBND xã"
        head = self.head_at(i)
        if head is None or not (self.capitalised_head(head) or st.appos) or \
                head.entry.get("appositive_only") and not st.appos:
            return None
        end, name, org_start = self.extend(head)
        title = self.title(head, end, org_start)
        if title is None:
            return None
        if name is not None:
            self._add(st, self._mention(st, name, i, [title]))
            return name[1]
        if st.appos and st.current is not None:
            st.current.titles.append(title)
        else:
            if st.pending or not self._object_position(i):
                st.pending.append(title)
            st.current = None
        st.appos = False
        return end

    def _body(self, st: "_State", i: int) -> int | None:
        """A named body ("Ban Giám đốc Công an tỉnh"): its inner head word is no one's position."""
        org = self.lex.orgs.match(self.lows, i) if self.w[i].shape == "cap" else None
        if org is None or org[0] < 2:
            return None
        st.reset()
        return i + org[0]

    def _capitalised(self, st: "_State", i: int) -> int | None:
        """A name with no anchor (in a list, before a position, or known), else capitalised words."""
        if self.w[i].shape != "cap":
            return None
        b = self.run_end(i)
        length = self.name_len(i, b)
        if length and self._bare_name_ok(i, i + length, st.in_list):
            self._add(st, self._mention(st, (i, i + length), i, [], heading=st.in_list))
            return i + length
        st.reset()
        return b

    def _object_position(self, i: int) -> bool:
        """Word ``i`` follows a preposition or verb ("báo cáo với Bộ trưởng"): not a subject's position."""
        if i == 0 or self.w[i - 1].shape != "low":
            return False
        stop = self.lex.stops.match(self.lows, i - 1, i)
        return stop is not None and self.lows[i - 1] not in _INTRODUCERS

    def _head_follows(self, i: int) -> bool:
        head = self.head_at(i)
        return head is not None and self.capitalised_head(head)

    def _bare_name_ok(self, a: int, b: int, in_list: bool) -> bool:
        """A name with no rank or honorific before it: in a list, before a position, or already known."""
        if a > 0:
            prev = self.w[a - 1]
            if prev.shape in ("cap", "abbr", "num"):
                return False
            if prev.shape == "low" and self.lex.place_prefixes.match(self.lows, a - 1) is not None:
                return False
        if key(" ".join(w.text for w in self.w[a:b])) in self.known:
            return True
        if a > 0 and (self.w[a - 1].text in (":", ";") or in_list and self.w[a - 1].low in (",", "và")):
            return True
        if b < self.n and (self.w[b].text in ("(", ",") or self.w[b].text in _DASHES):
            head = self.head_at(b + 1)
            return head is not None
        return False

    def _mention(self, st: "_State", span: tuple[int, int], anchor: int, titles: list[_Title],
                 heading: bool = True) -> _Mention:
        """A person mention: the name span, with the pending and heading positions before it."""
        a, b = self.w[span[0]].start, self.w[span[1] - 1].end
        name = " ".join(self.text[a:b].split())
        inherited = (st.group if heading else []) + st.pending + titles
        m = _Mention(name, a, b, self.sentence, self.w[anchor].start, titles=inherited,
                     short=span[1] - span[0] == 1)
        m.excluded = st.group_cue or self._cue_before(anchor) or self._cue_after(span[1])
        return m

    def _add(self, st: "_State", m: _Mention) -> _Mention:
        """``m`` becomes the current person; the pending positions were used."""
        st.out.append(m)
        st.current, st.pending, st.appos, st.adjacent = m, [], False, True
        if not m.short:
            self.known.setdefault(key(m.name), m.name)
        return m

    def _cue_before(self, i: int) -> bool:
        """ "bị can", "đối tượng", "tạm giam" ... just before word ``i`` (past "ông", "đối với", ":")."""
        k = i - 1
        while k >= 0:
            if self.w[k].text == ":" or self.lows[k] in _CUE_LINKS:
                k -= 1
            elif k >= 1 and (self.lows[k - 1], self.lows[k]) == ("đối", "với"):
                k -= 2
            elif self.w[k].shape == "low" and self.lex.honorifics.match(self.lows, k, k + 1):
                k -= 1
            else:
                break
        for length in range(1, self.lex.not_official.longest + 1):
            if k - length + 1 >= 0 and tuple(self.lows[k - length + 1:k + 1]) in self.lex.not_official.table:
                return True
        return False

    def _cue_after(self, j: int) -> bool:
        """Birth year or home address right after a name ("(SN 1990", ", trú tại"): a police report's
        suspect, victim or witness. An age alone is not: interviewed village heads give theirs too."""
        if j + 1 >= self.n or self.w[j].text not in ("(", ","):
            return False
        return self.lex.not_official_after.match(self.lows, j + 1) is not None


# ----------------------------------------------------------------------------- the component

class OfficialFinder:
    """Sets ``doc._.officials``: one ``Official`` per person named with a rank or position."""

    def __init__(self, lexicon: _Lexicon):
        self.lex = lexicon

    def __call__(self, doc: Doc) -> Doc:
        try:
            mentions = self.match(doc)
            doc._.officials = self.records(mentions, doc.text)
        except Exception:  # noqa: BLE001 - a bad article loses its officials, never the run
            log.exception("officials failed on %s", (doc._.article or {}).get("source"))
            doc._.officials = []
        return doc

    def match(self, doc: Doc) -> list[_Mention]:
        """Every person mention in the body sentences and captions, in text order."""
        text, fold = doc.text, folded(doc)
        token_starts = set(doc.to_array([IDX]).ravel().tolist())
        known: dict[str, str] = {}
        out: list[_Mention] = []
        for index, sent in body_sentences(doc, captions=True):
            a, b = sent.start_char, sent.end_char
            try:
                words = _words(text[a:b], fold[a:b], a, token_starts)
                out.extend(_SentenceReader(self.lex, words, text, index, known).read())
            except Exception:  # noqa: BLE001 - skip an odd sentence, keep the article
                log.exception("officials: sentence %d skipped", index)
        return out

    def records(self, mentions: list[_Mention], text: str) -> list[Official]:
        """Mentions grouped by person; people with neither rank nor position, or excluded, dropped."""
        from pipeline.tables import person_id  # lazy: pipeline.tables imports the extractors' base

        people: dict[str, list[_Mention]] = {}
        for m in mentions:
            if not m.short:
                people.setdefault(key(m.name), []).append(m)
        for m in mentions:
            if m.short:
                target = self._resolve_short(m, people)
                if target is not None:
                    people[target].append(m)
        out = []
        for person_key, ms in people.items():
            ms.sort(key=lambda m: m.start)
            if any(m.excluded for m in ms):
                continue
            full = [m for m in ms if not m.short]
            rank = next((m.rank[0] for m in ms if m.rank), None)
            titles = self._titles([t for m in ms for t in m.titles])
            if rank is None and not titles:
                continue
            best = max(full, key=lambda m: (m.weight, -m.start))
            out.append((ms[0].start, Official(
                person_id=person_id(full[0].name), name=full[0].name, rank=rank,
                titles=tuple(t.text for t in titles),
                organizations=self._organisations(titles),
                sentence=best.sentence, start=best.start, end=best.end, parts=self._parts(ms, text, full[0].name))))
        return [o for _, o in sorted(out, key=lambda pair: pair[0])]

    @staticmethod
    def _resolve_short(m: _Mention, people: dict[str, list[_Mention]]) -> str | None:
        given = key(m.name)
        hits = [k for k in people if k.split()[-1] == given]
        return hits[0] if len(hits) == 1 else None

    def _titles(self, titles: list[_Title]) -> list[_Title]:
        """Positions in order, each once; a short form repeating a longer one ("Thứ trưởng") dropped."""
        keyed: dict[str, _Title] = {}
        for t in titles:
            keyed.setdefault(key(self.lex.expand(t.text)), t)
        keys = list(keyed)
        return [keyed[k] for k in keys if not any(o != k and o.startswith(k + " ") for o in keys)]

    def _organisations(self, titles: list[_Title]) -> tuple[str, ...]:
        seen: dict[str, str] = {}
        for t in titles:
            org = self._organisation(t)
            if org:
                seen.setdefault(key(org), org)
        return tuple(seen.values())

    def _organisation(self, t: _Title) -> str | None:
        """The organisation of a position, abbreviations written out ("Ủy ban nhân dân thành phố ...")."""
        if t.org_start is None:
            return t.head.get("org")
        org = t.text[t.org_start - t.start:] if t.org_start >= t.start else ""
        org = " ".join(org.split())
        if not org:
            return t.head.get("org")
        if t.head.get("abroad"):
            org = org.split(" tại ")[0]  # the sending country, not the host
        words = self.lex.expand(_BRACKETS.sub("", org)).split()  # a unit's code in brackets is not its name
        if len(words) > 1 and words[0].lower() == words[1].lower():
            words = words[1:]  # "Phòng PC02" -> "Phòng Phòng Cảnh sát ..." -> one "Phòng"
        org = " ".join(words)
        return org[0].upper() + org[1:]

    def _parts(self, ms: list[_Mention], text: str, name: str) -> tuple[Mention, ...]:
        """Every name, rank, position and organisation span of one person (norm: full name, canonical rank)."""
        parts = []
        for m in ms:
            parts.append(Mention("PER", text[m.start:m.end], m.start, m.end, "rule", name))
            if m.rank:
                norm, a, b = m.rank
                parts.append(Mention("RANK", text[a:b], a, b, "gazetteer", norm))
            for t in m.titles:
                parts.append(Mention("TITLE", text[t.start:t.end], t.start, t.end, "rule", t.text))
                org = self._organisation(t)
                if t.org_start is not None and t.org_start < t.end:
                    parts.append(Mention("ORG", text[t.org_start:t.end], t.org_start, t.end, "rule", org))
        unique = {(p.label, p.start, p.end): p for p in parts}
        return tuple(sorted(unique.values(), key=lambda p: (p.start, p.end, p.label)))
