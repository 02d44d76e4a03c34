"""The sentence reader of the officials: one sentence, left to right, into person mentions.

A sentence is read left to right as a list of words (the span layer's); the reader
(``SentenceReader.read``) tries its steps at each word, all driven by the
gazetteers:

  rank        ``Thượng tướng``, ``đại uý`` (ranks.jsonl)       -> the name after it
  honorific   ``ông``, ``bà``, ``đồng chí``, ``PGS.TS``         -> the name after it
  position    ``Phó Giám đốc`` + organisation (titles.jsonl)   -> a name may end it
  apposition  ``NAME, position, position``, ``NAME - position``, ``NAME (position)``,
              ``NAME giữ chức position``, ``... kiêm position``
  heading     ``các đồng chí <position>: A, ...; B, ...``    -> every listed name
  pending     ``<position>, <position> NAME``, ``<position>, Đại tá NAME``
  parent unit ``NAME, Đội trưởng Đội ..., Phòng ..., Công an tỉnh A, <position>``
              -> a comma and a unit name go on with the same position ("Đội trưởng Đội ...,
              Phòng ..., Công an tỉnh A" is one title); a comma and a position word start a new one
  shared      ``Thượng úy A và Trung úy B, cán bộ ...``, ``A, B và C, chiến sĩ ...`` -> people
              listed with "và" or commas, in the same form (all with a rank, or none) and with no
              position of their own, each take the positions written after the last of them

Holds the reader's state (``_State``) and ``SentenceReader``, whose steps use the span queries
of ``official_spans.WordSpans``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from extractors.official_mentions import PersonMention, Title
from extractors.official_spans import WordSpans
from extractors.span_layer import CLAUSE_END, DASHES
from pipeline.textnorm import key as _text_key

# names, titles and units repeat within and across articles: each spelling keyed once
key = lru_cache(maxsize=1 << 14)(_text_key)

# The reader's link words are in gazetteer/official_links.jsonl, by role: "introducer" (words that
# introduce the people present, "Dự có Chủ tịch ..., Chủ tịch ... A": positions after them belong to
# the next name; after any other verb or preposition they are its object), "cue link" (between a
# suspect word and the name: "bị can đối với ông A", "các bị can gồm: A"), "list join" (joining the
# people of a list that shares the positions written after it: "A và B, cán bộ ..."), "body join"
# (after a unit, joining it to more bodies: "..., UBND xã A và các đoàn thể": not a parent unit).


# The first words of the asides ``_aside`` reads without the gazetteer ("kiêm", "đồng thời").
_ASIDE_STARTS = ("kiêm", "đồng")


@dataclass
class _State:
    """What the reader remembers while going through one sentence."""

    out: list[PersonMention] = field(default_factory=list)
    current: PersonMention | None = None   # the person the next apposition belongs to
    pending: list[Title] = field(default_factory=list)  # positions before a name ("Chủ tịch ..., Chủ tịch ... A")
    group: list[Title] = field(default_factory=list)    # a heading's ("các đồng chí Ủy viên BTV Tỉnh ủy: ...")
    group_cue: bool = False           # the heading named suspects ("Các bị can gồm: ...")
    in_list: bool = False             # after a heading's colon
    appos: bool = False               # after the current person and a , - ( kiêm or copula
    adjacent: bool = False            # the last word ended a name
    was_adjacent: bool = False
    last: PersonMention | None = None  # the latest person mention (kept past a reset)
    chain: list[PersonMention] = field(default_factory=list)  # people listed together, ending with ``last``

    def reset(self) -> None:
        """The clause moved on: no current person, no pending positions."""
        self.current, self.pending, self.appos = None, [], False


class SentenceReader(WordSpans):
    """Reads one sentence into ``PersonMention``s (see the module docstring)."""

    def read(self) -> list[PersonMention]:
        """Every person mention of the sentence, in order."""
        st = _State()
        steps = (self._punctuation, self._aside, self._ranked, self._honoured, self._position,
                 self._parent_unit, self._body, self._capitalised)
        w, lows, masks = self.w, self.lows, self.masks
        anchors = self.lex.copulas.bit | self.lex.ranks.bit | self.lex.honorifics.bit | self.lex.head_bits
        i = 0
        while i < self.n:
            st.adjacent, st.was_adjacent = False, st.adjacent
            if w[i].shape == "low" and not masks[i] & anchors and lows[i] not in _ASIDE_STARTS:
                # a lower-case word that starts no step: what every step would conclude, faster (``reset``)
                st.current, st.pending, st.appos = None, [], False
                i += 1
                continue
            for step in steps:
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
        if p == "(" and st.current is not None and not self.starts_person(i + 1) and self.head_at(i + 1) is None:
            close = self.closing(i)  # "(thứ 2 từ trái sang)": skip, the person goes on
            if close is not None:
                return close + 1
        if p == "," or p in DASHES or p == "(":
            st.appos = st.current is not None
        elif p == ";":
            st.reset()
        elif p == ":":  # a heading: its positions go to every name listed after it
            if st.pending:
                st.group, st.pending = st.pending, []
                for t in st.group:
                    t.heading = True
            st.group_cue = st.group_cue or self._cue_before(i)
            st.reset()
            st.in_list = True
        elif p in CLAUSE_END:
            st.reset()
            st.group, st.in_list = [], False
        elif p == ")":
            st.appos = False
        else:
            st.reset()
        return i + 1

    def _aside(self, st: "_State", i: int) -> int | None:
        """Words between a name and its position: "giữ chức", "kiêm", ", 70 tuổi,"."""
        copula = self.match(self.lex.copulas, i) if st.current is not None else None
        if copula is not None and self.head_at(i + copula[0]) is not None:
            st.appos = True  # "ông A giữ chức Bí thư ..."
            return i + copula[0]
        if st.appos and self.w[i].shape == "num" and i + 1 < self.n and self.lows[i + 1] == "tuổi":
            return i + 2  # "ông A, 70 tuổi, Bí thư Chi bộ ...": the age is an aside
        if self.lows[i] == "kiêm":  # a second post of the same person, like a comma
            st.appos = st.current is not None
            return i + 1
        if st.appos and st.current is not None and tuple(self.lows[i:i + 2]) == ("đồng", "thời"):
            return i + 2  # "ông A, Phó trưởng Ban ..., đồng thời là Chủ tịch ..."
        return None

    def _ranked(self, st: "_State", i: int) -> int | None:
        """A rank and the name after it, or a rank given after the current person's name."""
        rank = self.rank_at(i)
        if rank is None:
            return None
        found = (rank[1], self.w[i].start, self.w[i + rank[0] - 1].end)
        service = self.match(self.lex.services, i + rank[0])  # "Thượng úy quân nhân chuyên nghiệp| A"
        span = self.name_after(i + rank[0] + (service[0] if service else 0), "rank")
        if span is not None:
            m = self._mention(st, span, i, [])
            m.rank, m.ranked = found, True
            self._add(st, m, i)
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
        self._add(st, self._mention(st, span, i, []), i)
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
            self._add(st, self._mention(st, name, i, [title]), i)
            return name[1]
        if st.appos and st.current is not None:
            for m in self._sharers(st):  # "Thượng úy A và Trung úy B, cán bộ ...": each of them
                m.titles.append(title)
        else:
            if st.pending or not self._object_position(i):
                st.pending.append(title)
            st.current = None
        st.appos = False
        return end

    def _parent_unit(self, st: "_State", i: int) -> int | None:
        """A unit name right after a comma (or a dash) that ends a position ("Đội trưởng Đội ..., Phòng ...,
        Công an tỉnh A"): the position goes on with the unit it belongs to (the same title); the person goes on.
        Before a name ("Đội trưởng Đội ..., Công an huyện A Trần Văn B") the position is that name's."""
        if i < 2 or not (self.w[i - 1].text == "," or self.w[i - 1].text in DASHES):
            return None
        title = self._open_title(st)
        if title is None or title.end != self.w[i - 2].end:
            return None
        end, name = self.unit_at(i)
        if end == i or name is None and not (self._unit_ends_clause_part(end, i) or self._companions_after(st, end)) \
                or name is not None and st.current is not None:
            return None
        self._extend_title(st, title, i, end if name is None else name[0])
        if name is not None:
            self._add(st, self._mention(st, name, i, []), i)
            return name[1]
        st.appos = False
        return end

    def _open_title(self, st: "_State") -> Title | None:
        """The position a parent unit may continue: the current person's last, else the last pending."""
        if st.appos and st.current is not None and st.current.titles:
            return st.current.titles[-1]
        if st.current is None and st.pending:
            return st.pending[-1]
        return None

    def _extend_title(self, st: "_State", old: Title, i: int, end: int) -> None:
        """``old`` goes on to the unit of words ``i..end``, for every person (or pending list) holding it."""
        a, b = self.w[i].start, self.w[end - 1].end
        new = replace(old, text=" ".join(self.text[old.start:b].split()), end=b, core_end=old.own_end,
                      parents=old.parents + ((a, b),), local=old.local or self.local_between(i, end),
                      bare_kind=self.local_kind(i),
                      names_place=old.names_place or self.place_named_between(i, end),
                      names_province=old.names_province or self.place_named_between(i, end, ("province",))
                      or self.province_after(end))
        holders = [m.titles for m in self._sharers(st)] if st.current is not None else [st.pending]
        for titles in holders:
            for k, t in enumerate(titles):
                if t is old:
                    titles[k] = new

    def _unit_ends_clause_part(self, end: int, start: int = 0) -> bool:
        """After the unit: the sentence's end, a comma, ";", ")", the predicate ("..., Bộ Công an cho
        biết", "... đã tham gia") or the next person or a number ("... và Trung úy B", "... và hai cán bộ"), not a list of bodies going
        on ("..., UBND xã A và các đoàn thể")."""
        if end >= self.n or self.w[end].text in (",", ";", "(", ")") or self.w[end].text in CLAUSE_END:
            return True  # "(" opens an aside: "..., Công an tỉnh A (cũ)"
        if self.lows[end] in self.lex.link_words("body join"):
            # "... và Trung úy B", "... và hai cán bộ": a new person or a number ends the chain
            return end + 1 < self.n and (self.starts_person(end + 1) or self.w[end + 1].shape == "cap" and
                                         self.name_len(end + 1, self.run_end(end + 1)) > 0 or
                                         self.w[end + 1].shape == "num" or
                                         self.lows[end + 1] in self.lex.link_words("count"))
        if self.starts_person(end):
            return True  # "Đội trưởng Đội CSHS, Phòng CSHS Trung tá A": the title before a rank and name
        stop = self.stop_at(end)
        if stop is None and self.w[end].shape == "low" and self.ends_with_place(start, end):
            return True  # "..., Công an huyện A phát hiện ...": a unit ends with its place's name
        return stop is not None and stop[1] in ("VERB", "FUNCTION")

    def _companions_after(self, st: "_State", end: int) -> bool:
        """After a person's position, "cùng" joins who acted with the person, not more bodies to the unit ("Đại úy
        A, Phó Đội trưởng Đội ..., Công an huyện B cùng tổ công tác truy xét"): the unit ends the position."""
        return st.current is not None and st.appos and end < self.n and \
            self.lows[end] in self.lex.link_words("companion")

    def _body(self, st: "_State", i: int) -> int | None:
        """A named body ("Ban Giám đốc Công an tỉnh"): its inner head word is no one's position."""
        org = self.match(self.lex.orgs, i) if self.w[i].shape == "cap" else None
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
        if length and self._bare_name_ok(i, i + length, st.in_list, st.pending):
            self._add(st, self._mention(st, (i, i + length), i, [], heading=st.in_list), i)
            return i + length
        st.reset()
        for k in range(i + 1, b if b < self.n and self.head_at(b) is not None else i + 1):
            org = self.match(self.lex.orgs, k)
            if org is not None and k + org[0] > b:
                return k  # "Tại Bộ| Chỉ huy Quân sự tỉnh, ...": a unit's name holding a position word starts here
        return b

    def _object_position(self, i: int) -> bool:
        """Word ``i`` follows a preposition or verb ("báo cáo với Bộ trưởng"): not a subject's position."""
        if i == 0 or self.w[i - 1].shape != "low":
            return False
        stop = self.match(self.lex.stops, i - 1, i)
        return stop is not None and self.lows[i - 1] not in self.lex.link_words("introducer")

    def _head_follows(self, i: int) -> bool:
        head = self.head_at(i)
        return head is not None and self.capitalised_head(head)

    def _bare_name_ok(self, a: int, b: int, in_list: bool, pending: list[Title]) -> bool:
        """A name with no rank or honorific before it: in a list, before a position, right after a
        position and a comma or dash ("Chủ tịch UBND TP. Cần Thơ - Trần Văn A"), or already known."""
        if a > 0:
            prev = self.w[a - 1]
            if prev.shape in ("cap", "abbr", "num"):
                return False
            if prev.shape == "low" and self.match(self.lex.place_prefixes, a - 1) is not None:
                return False
        if key(" ".join(w.text for w in self.w[a:b])) in self.known:
            return True
        if pending and a >= 2 and (self.w[a - 1].text == "," or self.w[a - 1].text in DASHES) and \
                pending[-1].end == self.w[a - 2].end:
            return True
        if a > 0 and (self.w[a - 1].text in (":", ";") or in_list and self.w[a - 1].low in (",", "và")):
            return True
        if b < self.n and (self.w[b].text in ("(", ",") or self.w[b].text in DASHES):
            head = self.head_at(b + 1)
            return head is not None
        return False

    def _mention(self, st: "_State", span: tuple[int, int], anchor: int, titles: list[Title],
                 heading: bool = True) -> PersonMention:
        """A person mention: the name span, with the pending and heading positions before it."""
        a, b = self.w[span[0]].start, self.w[span[1] - 1].end
        name = " ".join(self.text[a:b].split())
        inherited = (st.group if heading else []) + st.pending + titles
        m = PersonMention(name, a, b, self.sentence, self.w[anchor].start, titles=inherited,
                          short=span[1] - span[0] == 1)
        first = min([anchor] + [k for t in inherited if t not in st.group for k in self._word_at(t.start)])
        m.excluded = st.group_cue or self._cue_before(first) or self._cue_after(span[1])
        return m

    def _add(self, st: "_State", m: PersonMention, anchor: int) -> PersonMention:
        """``m`` (anchored at word ``anchor``) becomes the current person; the pending positions were
        used. Right after another person and "và" or a comma, both in the same form and neither with
        a position of its own, it joins that person's list (and a suspect's list stays suspects)."""
        last = st.last
        anchor = self._honorific_before(anchor)  # "... và đồng chí Trung úy B"
        if last is not None and anchor >= 2 and self.lows[anchor - 1] in self.lex.link_words("list join") and \
                self.w[anchor - 2].end == last.end and last.ranked == m.ranked and \
                not last.short and not m.short and not self._own_titles(st, last) and not self._own_titles(st, m):
            st.chain = (st.chain if st.chain and st.chain[-1] is last else [last]) + [m]
            m.excluded = m.excluded or last.excluded
        else:
            st.chain = [m]
        st.out.append(m)
        st.last = m
        st.current, st.pending, st.appos, st.adjacent = m, [], False, True
        if not m.short:
            self.known.setdefault(key(m.name), m.name)
        return m

    def _honorific_before(self, i: int) -> int:
        """Where an honorific right before word ``i`` starts ("đồng chí" before a rank), else ``i``."""
        for a in range(max(0, i - 2), i):
            hit = self.match(self.lex.honorifics, a, i)
            if hit is not None and a + hit[0] == i:
                return a
        return i

    @staticmethod
    def _own_titles(st: "_State", m: PersonMention) -> list[Title]:
        """The positions of ``m`` other than its list heading's."""
        return [t for t in m.titles if not any(t is g for g in st.group)]

    @staticmethod
    def _sharers(st: "_State") -> list[PersonMention]:
        """Who a position written after the current person goes to: the list it ends, else the person."""
        if len(st.chain) > 1 and st.chain[-1] is st.current:
            return list(st.chain)
        return [st.current] if st.current is not None else []

    def _word_at(self, char: int) -> list[int]:
        """The index of the word starting at character ``char`` (empty if none)."""
        return [k for k, w in enumerate(self.w) if w.start == char][:1]

    def _rank_ending_at(self, k: int) -> int | None:
        """Start of a rank whose last word is word ``k`` ("cựu Thượng tá, Trưởng ..."), or None."""
        for a in range(max(0, k - 2), k + 1):
            hit = self.rank_at(a)
            if hit is not None and a + hit[0] - 1 == k:
                return a
        return None

    def _cue_before(self, i: int) -> bool:
        """ "bị can", "đối tượng", "tạm giam" ... just before word ``i`` (past "ông", "đối với", ":",
        a former rank and "cựu"/"nguyên": "bắt tạm giam đối với cựu Thượng tá, Trưởng Công an ...";
        past the names listed before it: "bị can A và B")."""
        k = i - 1
        while k >= 0:
            rank = self._rank_ending_at(k - 1) if self.w[k].text == "," and k >= 1 else self._rank_ending_at(k)
            if self.w[k].text == ":" or self.lows[k] in self.lex.link_words("cue link") or \
                    self.lows[k] in ("cựu", "nguyên"):
                k -= 1
            elif rank is not None:
                k = rank - 1
            elif k >= 1 and (self.lows[k - 1], self.lows[k]) == ("đối", "với"):
                k -= 2
            elif k >= 1 and self.w[k - 1].shape == "cap" and (self.lows[k] == "và" or self.lows[k] == "," and
                                                               not self.starts_person(i)):
                k -= 1  # "bị can Nguyễn Văn A và Trần Văn B", "... A, B": the list's first name, then its cue
                while k >= 0 and self.w[k].shape == "cap":
                    k -= 1
            elif self.w[k].shape == "low" and self.match(self.lex.honorifics, k, k + 1):
                k -= 1
            else:
                break
        for length in range(1, self.lex.not_official.longest + 1):
            if 0 <= k - length + 1 and k < self.n and self.lex.not_official.exact(self.hits, k - length + 1, length):
                return True
        return False

    def _cue_after(self, j: int) -> bool:
        """Birth year or home address right after a name ("(SN 1990", ", trú tại"): a police report's
        suspect, victim or witness. An age alone is not: interviewed village heads give theirs too."""
        if j + 1 >= self.n or self.w[j].text not in ("(", ","):
            return False
        return self.match(self.lex.not_official_after, j + 1) is not None
