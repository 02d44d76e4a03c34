"""Where ranks, honorifics, names and position phrases start and end among one sentence's words.

A position phrase is the head plus the organisation written after it. It
ends where the language says so: punctuation, a rank, honorific or new head,
a personal name, or a lower-case word that starts the clause's predicate or
is a preposition/conjunction (person_stopwords.jsonl ``VERB``/``FUNCTION``);
a unit named with its place ends with the place's name ("Công an huyện Thanh
Miện| phát hiện ..."). Ê Đê and Gia Rai names have no family name: "H'Linh
Niê", "Y Bih Niê" (a "Y" only outside a unit's name: "Trường Đại học Y Khoa").
Organisation names from organisations.jsonl are taken whole, so their own
lower-case words ("Ban chỉ đạo", "Cơ quan Cảnh sát điều tra") never end it,
and so are the same names written all in lower case in sloppy text ("ban chỉ
đạo", "sở tư pháp") unless a verb starts there ("ban hành", "tổ chức");
a committee named by its task takes the task along ("Ban Chỉ đạo triển khai
Đề án 06 tỉnh"); a team named by its task is one name too ("Đoàn kiểm tra số 3", "Tổ tuần
tra, kiểm soát"). A bracket that holds only a unit's name ("(Công an huyện A)") belongs to the
position before it; a code, an age or a photo position does not. Capitalised words after a place word (``tỉnh``, ``phường``,
``TP``) are a place when the places gazetteers know them; a personal name
starts with a family name (``SURNAME``) or a word that cannot be a Vietnamese
syllable (a foreign name), unless a rank or honorific stands before it.

Holds the length limits, ``Head`` (a position head found at a word) and ``WordSpans``, the
queries the sentence reader (``official_sentences``) asks about its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.official_lexicon import Lexicon, Table
from extractors.official_mentions import Title
from extractors.span_layer import CLAUSE_END, DASHES, SpanLayer, pattern_words
from pipeline.textnorm import ascii_key

MAX_NAME = 4          # Vietnamese personal names have 2-4 syllables
MAX_FOREIGN_NAME = 5  # after a rank or honorific, any capitalised words up to this many are a name
MAX_TAIL = 3          # lower-case words kept at the end of a position ("Phòng Cảnh sát hình sự")
MAX_TAIL_AT_PUNCT = 6  # ... when punctuation ends it ("Tổ phó tổ phòng chống tội phạm,"): no verb ran on
MAX_TITLE = 30        # words: a position phrase longer than this has run into the sentence
# Place levels whose unit, named without its place ("Công an tỉnh", "Trưởng thôn"), is in the article's province
LOCAL_LEVELS = ("province", "district", "ward", "village")
# One Vietnamese syllable without its marks: initial consonant(s), one vowel group, a final consonant.
# A capitalised word that is not one starts a foreign name ("Thomas", "Khămphon", "Vilay").
_VI_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(?:ch|ng|nh|[cmnpt])?")
# The apostrophe of Ê Đê and Gia Rai names ("H'Linh"), straight or curly.
_APOSTROPHES = "'’"


@dataclass
class Head:
    start: int      # word index of the whole head (prefixes included)
    first: int      # word index of the head proper (after prefixes)
    end: int        # word index after the head (and its suffix)
    entry: dict
    core_end: int = 0  # word index after the head proper (before "Thường trực")


class WordSpans:
    """One sentence's words and where its ranks, names and positions start and end."""

    def __init__(self, lex: Lexicon, layer: SpanLayer, lo: int, hi: int, text: str, sentence: int,
                 known: dict[str, str]):
        self.lex = lex
        self.w = layer.words[lo:hi]      # one piece of the span layer's words (a sentence, or two glued)
        self.lows = layer.lows[lo:hi]
        self.hits = layer.hits[lo:hi]    # the gazetteer matches at each word, within the piece
        self.masks = lex.masks(self.hits)  # per word, which of the lexicon's tables match there
        self.n = hi - lo
        self.text = text           # the whole doc text (offsets are absolute)
        self.sentence = sentence
        self.known = known         # name keys seen so far in the article -> name

    def match(self, table: Table, i: int, limit: int | None = None) -> tuple[int, object] | None:
        """(number of words, value) of the longest phrase of ``table`` at word ``i``, ending by word
        ``limit`` (default: the piece's end), or None."""
        if not 0 <= i < self.n or not self.masks[i] & table.bit:
            return None
        return table.at(self.hits, i, self.n if limit is None else limit)

    # -- anchors -------------------------------------------------------------------------
    def rank_at(self, i: int) -> tuple[int, str] | None:
        ranks = self.lex.ranks
        if not 0 <= i < self.n or not self.masks[i] & ranks.bit:
            return None
        return ranks.at(self.hits, i, self.n)

    def honorific_at(self, i: int) -> int:
        honorifics = self.lex.honorifics
        if not 0 <= i < self.n or not self.masks[i] & honorifics.bit:
            return 0
        hit = honorifics.at(self.hits, i, self.n)
        return hit[0] if hit else 0

    def head_at(self, i: int) -> Head | None:
        """A position head at word ``i`` (with "Phó", "nguyên" before and "Thường trực" after)."""
        if i >= self.n or self.w[i].shape == "punct" or not self.masks[i] & self.lex.head_bits:
            return None
        j = i
        for _ in range(2):  # "nguyên Phó Chủ tịch"
            hit = self.match(self.lex.title_prefixes, j)
            if hit is None:
                break
            after = j + hit[0]
            if self.match(self.lex.titles, after) is None and \
                    self.match(self.lex.title_prefixes, after) is None:
                break
            j = after
        hit = self.match(self.lex.titles, j)
        if hit is None:
            return None
        n, entry = hit
        if entry.get("abbr") and self.w[j].text != entry["pattern"]:
            return None
        end = core = j + n
        suffix = self.match(self.lex.title_suffixes, end)
        if suffix is not None:
            end += suffix[0]
        return Head(i, j, end, entry, core)

    def capitalised_head(self, head: Head) -> bool:
        """Written as a position: the head (or what precedes it) capitalised, abbreviations as such."""
        return self.w[head.start].shape in ("cap", "abbr") or self.w[head.first].shape in ("cap", "abbr")

    def stop_at(self, i: int) -> tuple[int, str] | None:
        if self.w[i].shape != "low":
            return None
        return self.match(self.lex.stops, i)

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

    def name_len(self, i: int, limit: int, y_names: bool = True) -> int:
        """Words of a Vietnamese personal name starting at ``i`` (family name first), or 0. With ``y_names``
        False (inside a unit's name: "Trường Đại học Y Dược") a "Y" opens no name."""
        if self.match(self.lex.surnames, i, limit) is None and not self.highland_name(i, limit, y_names):
            return 0
        if self.match(self.lex.not_names, i, limit) is not None:
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
        if self.lex.provinces.exact(self.hits, i, length):
            return 0
        return length

    def highland_name(self, i: int, limit: int, y_names: bool = True) -> bool:
        """Word ``i`` opens an Ê Đê or Gia Rai name, which has no Vietnamese family name: a woman's "H'Linh",
        a man's "Y" before his name ("Y Bih Niê"), not a place ("Y Hà Nội" of a school's name)."""
        word = self.w[i].text
        if len(word) > 2 and word[1] in _APOSTROPHES and word[0].isupper():
            return True
        return y_names and word == "Y" and i + 2 <= limit and self.match(self.lex.places, i + 1, limit) is None

    def split_run(self, a: int, b: int, prefix: str | None, org_seen: bool) -> list[tuple[str, int, int]]:
        """Pieces (place | org | name, start, end) of the capitalised run ``a..b`` inside a position."""
        pieces: list[tuple[str, int, int]] = []
        i = a
        if prefix is not None:
            known = self.match(self.lex.places, i, b)
            if prefix in ("ward", "village", "street"):  # the longest known name: "Vinh Phú", not "Vinh"
                ward = self.match(self.lex.wards, i, b)
                if ward is not None and (known is None or ward[0] > known[0]):
                    known = ward
            # "Chủ tịch UBND TP Lê Văn A", "Chủ tịch UBND xã Trần Văn B": no such place, so a person
            # (wards and districts only when their names are known: many are named after people)
            checkable = prefix == "province" or prefix in ("district", "ward") and bool(self.lex.wards)
            if known is None and checkable:
                length = self.name_len(i, b)
                if length:
                    return [("name", i, i + length)]
            length = known[0] if known else self.token_len(i, b)
            pieces.append(("place", i, i + length))
            i += length
        while i < b:
            hit = self.match(self.lex.not_names, i, b)
            if hit is not None:
                pieces.append(("org", i, i + hit[0]))
                i += hit[0]
                continue
            if org_seen or pieces:
                hit = self.match(self.lex.places, i, b)
                if hit is not None:
                    pieces.append(("place", i, i + hit[0]))
                    i += hit[0]
                    continue
            length = self.name_len(i, b, y_names=False)
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
        if avail <= MAX_FOREIGN_NAME and self.match(self.lex.not_names, j, b) is None and \
                self.match(self.lex.places, j, b) is None:
            return j, b
        return None

    # -- position phrases ----------------------------------------------------------------
    def extend(self, head: Head) -> tuple[int, tuple[int, int] | None, int | None]:
        """Where the position starting with ``head`` ends: (end word, name after it, organisation start)."""
        lows, w = self.lows, self.w
        k = head.end
        solid = k                      # end of the last word surely inside the position
        org_start = None
        tail = head.entry.get("org_tail", 0)
        if tail:  # the head ends inside its unit's name: "Trưởng [phòng]", "Chánh [Văn phòng] thường trực"
            org_start = head.core_end - tail
        prefix = None          # the place level when the last word was "tỉnh", "phường", ...
        placed = -1            # the word after a place's name written after its place word ("huyện Thanh Miện")
        purpose = False        # just after a committee named by its task ("Ban Chỉ đạo" + verb)
        task = False           # inside that task: lower-case words all belong to the position
        if org_start is not None:  # the head ends inside an organisation's name: "Trưởng [Ban] Chỉ đạo"
            org = self.match(self.lex.orgs, org_start)
            if org is not None and org_start + org[0] >= k:
                k = solid = org_start + org[0]
                purpose = task = bool(org[1].get("purpose"))
        if tail and head.end > head.core_end and head.end < self.n and lows[head.end] == lows[org_start] \
                and self.org_at(head.end) is not None:
            org_start = None  # "Phó Trưởng Ban Thường trực| Ban Chỉ đạo": the unit is named again after the post
        hit = self.match(self.lex.place_prefixes, head.end - 1)
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
                if self._code_before_parent(k, org_start):
                    k = solid = k + 3  # "Phòng Cảnh sát ... (PC07), Công an tỉnh A": the parent unit follows
                    continue
                if word.text == "(" and k - solid <= MAX_TAIL_AT_PUNCT:
                    close = self.closing(k)
                    if close is not None and self.unit_between(k + 1, close):
                        k = solid = close + 1  # "Đội trưởng Đội ... (Công an huyện A)": the unit it belongs to
                        prefix = None
                        continue
                if word.text in DASHES and solid == k and k + 1 < self.n and self._dash_inside(k) and \
                        not (org_start is not None and self._parent_after_dash(k)):
                    k += 1  # "Tổng cục Hậu cần - Kỹ thuật", "Đội CSGT-TT", not "Bí thư - Chủ tịch"
                    continue
                break
            org = self.org_at(k) if not (task and word.shape == "low") else None  # a task's own words
            if org is not None:
                org_start = k if org_start is None else org_start
                k += org[0]
                solid, prefix = k, None
                purpose = task = bool(org[1].get("purpose"))
                continue
            if self.rank_at(k) or (word.shape == "low" and self.honorific_at(k)):
                break
            head2 = self.head_at(k)
            if head2 is not None and self.capitalised_head(head2) and \
                    lows[k - 1] not in self.lex.link_words("unit word") and not head2.entry.get("needs_org"):
                break
            place = self.match(self.lex.place_prefixes, k)
            if place is not None and (word.shape != "cap" or place[1]["id"] in ("province", "district", "ward")):
                org_start = k if org_start is None else org_start
                k += place[0]
                solid, prefix = k, place[1]["id"]
                continue
            if word.shape == "cap":
                b = self.run_end(k)
                pieces = self.split_run(k, b, prefix, org_seen=org_start is not None)
                for kind, a, e in pieces:
                    if kind == "name":
                        if a - solid > MAX_TAIL:
                            return solid, None, org_start
                        return a, self.initial(a, e), org_start
                    org_start = a if org_start is None else org_start
                if prefix is not None and pieces and pieces[-1][0] == "place":
                    placed = b
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
            if stop is None and placed == k:
                break  # a unit ends with its place's name: "Công an huyện A| phát hiện ..."
            if stop is not None and stop[1] == "VERB" and purpose and k == solid:
                stop = None  # "Ban Chỉ đạo triển khai ...": the committee's task
            purpose = False
            if stop is not None and stop[1] != "KEEP":
                if lows[k] == "và" and k + 1 < self.n and w[k + 1].shape == "cap" and \
                        not self.starts_person(k + 1) and self.name_len(k + 1, self.run_end(k + 1)) == 0:
                    k += 1
                    continue
                if lows[k] == "và" and k + 1 < self.n and self._task_abbreviation(k + 1):
                    k += 1  # "Đội Cảnh sát PCCC và CNCH": a second task of the same unit
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

    def org_at(self, k: int) -> tuple[int, dict] | None:
        """An organisation's name at word ``k`` inside a position, capitalised or written in lower case
        in sloppy text ("ban chỉ đạo", "sở tư pháp"); a verb that starts with the same word wins
        ("báo cáo", "tổ chức", "ban hành")."""
        shape = self.w[k].shape
        if shape not in ("cap", "abbr", "low"):
            return None
        org = self.match(self.lex.orgs, k)
        if org is None or shape != "low":
            return org
        stop = self.match(self.lex.stops, k)
        return None if stop is not None and stop[0] >= org[0] else org

    def unit_at(self, i: int) -> tuple[int, tuple[int, int] | None]:
        """Where an organisation named from word ``i`` on ends (no head before it: "Công an huyện A",
        "UBND xã B", "Bộ Công an"), and the personal name after it; (``i``, None) if none starts there."""
        w = self.w[i] if i < self.n else None
        if w is None:
            return i, None
        starts = self.org_at(i) is not None and w.shape in ("cap", "abbr") or \
            w.shape == "abbr" and w.text in self.lex.abbreviations
        if not starts or self.match(self.lex.place_prefixes, i) is not None:  # "TP Vinh": a place
            return i, None
        end, name, _ = self.extend(Head(i, i, i, {}, i))
        return end, name

    def unit_between(self, a: int, b: int) -> bool:
        """Words ``a..b`` (a bracket's content) are one organisation's name, nothing else: the unit of
        the position before it. A code ("CSGT"), an age or a photo position is not."""
        if b - a < 2:
            return False
        end, name = self.unit_at(a)
        return name is None and end == b

    def closing(self, i: int) -> int | None:
        """Index of the ")" closing the bracket at ``i`` (within a short aside), or None."""
        for k in range(i + 1, min(self.n, i + 16)):
            if self.w[k].text == ")":
                return k
            if self.w[k].text in ("(", ";") or self.w[k].text in CLAUSE_END:
                return None
        return None

    def _code_before_parent(self, k: int, org_start: int | None) -> bool:
        """The bracket at ``k`` holds the code of the unit just named ("(PC07)", "(PA05)") and a comma and
        the unit's parent follow it ("..., cứu hộ (PC07), Công an tỉnh A"): the code is the unit's, and the
        position goes on past it to the parent (a code at the position's end is left out, as before)."""
        w = self.w
        return org_start is not None and k + 4 < self.n and w[k].text == "(" and w[k + 1].shape == "abbr" \
            and w[k + 2].text == ")" and w[k + 3].text == "," and self.unit_at(k + 4)[0] > k + 4

    def _task_abbreviation(self, k: int) -> bool:
        """Word ``k`` abbreviates a task, not a body: its expansion is lower case ("CNCH": "cứu nạn, cứu hộ")."""
        expansion = self.lex.abbreviations.get(self.w[k].text) if self.w[k].shape == "abbr" else None
        return bool(expansion) and expansion[:1].islower()

    def _parent_after_dash(self, k: int) -> bool:
        """The dash at ``k``, spaced, starts the parent unit of the position before it ("Đội Cảnh sát cơ
        động - Công an huyện A"): the reader takes it as it takes one after a comma."""
        spaced = self.w[k - 1].end < self.w[k].start and self.w[k].end < self.w[k + 1].start
        return spaced and self.unit_at(k + 1)[0] > k + 1

    def _dash_inside(self, k: int) -> bool:
        """The dash at ``k`` joins two parts of one organisation's name: a dash starts a new position only
        when a position word (or a rank, honorific or name) follows it, not an ordinary noun."""
        after = self.w[k + 1]
        if after.shape == "low":  # "Đội Cảnh sát giao thông - trật tự": an ordinary noun goes on with the name
            stop = self.stop_at(k + 1)
            return self.head_at(k + 1) is None and (stop is None or stop[1] == "KEEP") and \
                not self.honorific_at(k + 1)
        if after.shape not in ("cap", "abbr") or self.starts_person(k + 1):
            return False
        if self.w[k - 1].end == self.w[k].start and self.w[k].end == after.start:
            return True  # written without spaces: "CSGT-TT"
        return after.shape == "cap" and self.name_len(k + 1, self.run_end(k + 1)) == 0

    def starts_person(self, i: int) -> bool:
        """A rank, honorific or capitalised head starts at ``i``."""
        if self.rank_at(i) or self.honorific_at(i):
            return True
        head = self.head_at(i)
        return head is not None and self.capitalised_head(head)

    def title(self, head: Head, end: int, org_start: int | None) -> Title | None:
        if head.entry.get("needs_org") and (org_start is None or end <= head.end):
            return None
        a, b = self.w[head.start].start, self.w[end - 1].end
        org = self.w[org_start].start if org_start is not None and org_start < end else None
        local = self.local_between(head.start, end) or self._local_org(head.entry.get("org"))
        core_end, parents = None, ()
        if self.w[end - 1].text == ")" and org is not None:  # "Đội trưởng Đội CSGT (Công an huyện A)"
            opening = max(k for k in range(head.end, end) if self.w[k].text == "(")
            if opening > org_start and self.unit_between(opening + 1, end - 1):
                core_end = self.w[opening - 1].end
                parents = ((self.w[opening + 1].start, self.w[end - 2].end),)
                local = local or self.local_between(opening + 1, end - 1)
        if core_end is None and org is not None:  # "Phó Trưởng Công an huyện phụ trách": the post's, not the unit's
            for k in range(max(org_start + 1, end - 2), end):
                suffix = self.match(self.lex.title_suffixes, k, end)
                if suffix is not None and k + suffix[0] == end and self.w[k].shape == "low":
                    core_end = self.w[k - 1].end
                    local = local or self.local_between(head.start, k)  # "Công an huyện| phụ trách"
                    break
        return Title(" ".join(self.text[a:b].split()), a, b, head.entry, org, core_end=core_end, parents=parents,
                     local=local, names_place=self.place_named_between(head.start, end),
                     names_province=self.place_named_between(head.start, end, ("province",)) or self.province_after(end),
                     bare_kind=org is not None and not parents and self.local_kind(org_start))

    def local_kind(self, i: int) -> bool:
        """The unit named from word ``i`` is of a kind that only provinces and their districts have: a police
        department or team, a border post ("Phòng", "Đội", "Đồn Biên phòng": organisations.jsonl
        ``local_kind``); a central one is written with its "Cục" or "Bộ" after it."""
        org = self.match(self.lex.orgs, i)
        return org is not None and bool(org[1].get("local_kind"))

    def ends_with_place(self, a: int, b: int) -> bool:
        """Words ``a..b`` end with a place's name after its place word ("Công an huyện Thanh Miện")."""
        k = b
        while k > a and self.w[k - 1].shape == "cap":
            k -= 1
        if k == b:
            return False
        for length in (1, 2):
            place = self.match(self.lex.place_prefixes, k - length, k) if k - length >= a else None
            if place is not None and place[0] == length:
                return True
        return False

    def place_named_between(self, a: int, b: int, levels: tuple[str, ...] = LOCAL_LEVELS) -> bool:
        """Words ``a..b`` name a place of one of ``levels``: a place word with a name or number after it
        ("tỉnh Phôngsalỳ")."""
        for k in range(a, b - 1):
            place = self.match(self.lex.place_prefixes, k, b)
            if place is not None and place[1]["id"] in levels and k + place[0] < b and \
                    self.w[k + place[0]].shape in ("cap", "num"):
                return True
        return False

    def province_after(self, b: int) -> bool:
        """A province-level place is written after a comma right after word ``b`` ("Chủ tịch huyện A, tỉnh
        Phôngsalỳ"): the place qualifying a position that ends there."""
        if b + 2 >= self.n or self.w[b].text != ",":
            return False
        place = self.match(self.lex.place_prefixes, b + 1)
        return place is not None and place[1]["id"] == "province" and b + 1 + place[0] < self.n and \
            self.w[b + 1 + place[0]].shape == "cap"

    def local_between(self, a: int, b: int) -> bool:
        """Words ``a..b`` end with a local unit named without its place: a place word of a province,
        district, ward or village ("Công an tỉnh", "UBND xã", "Huyện ủy", "Trưởng thôn") or an
        organisation marked ``local`` ("Thành ủy") as the last words ("trật tự xã hội" is not one;
        "Công an tỉnh Phôngsalỳ" names its place)."""
        for k in range(max(a, b - 3), b):
            place = self.match(self.lex.place_prefixes, k, b)
            if place is not None and k + place[0] == b and place[1]["id"] in LOCAL_LEVELS:
                return True
            org = self.match(self.lex.orgs, k, b)
            if org is not None and k + org[0] == b and org[1].get("local"):
                return True
        return False

    def _local_org(self, org: str | None) -> bool:
        """The organisation a head implies ("TUV" -> "Tỉnh ủy") is a local one."""
        if not org:
            return False
        lows = pattern_words(org)
        hit = self.match(self.lex.orgs, 0)
        place = self.match(self.lex.place_prefixes, 0)
        return hit is not None and bool(hit[1].get("local")) or \
            place is not None and place[1]["id"] in LOCAL_LEVELS
