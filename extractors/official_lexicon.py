"""The officials' questions to the span layer: which rank, title, organisation ... starts at a word.

The words and every gazetteer phrase on them are found once per Doc by ``vnie_spans``
(``extractors/span_layer.py``). A ``Table`` is a view over those matches: the entries of some
labels of some files, each phrase answering with the value of its first entry (file order), so
that "Đại tá" asked as a rank gives its full form and "Công an" asked as an organisation gives its
organisations.jsonl entry. ``Lexicon`` holds every table the sentence reader asks (built once per
gazetteer), the reader's link words (official_links.jsonl, by role) and the abbreviations
(written out with a regex: ``Abbreviations``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from extractors.span_layer import Gazetteer, pattern_words

Hits = list[tuple[tuple[int, int], ...]]


class Table:
    """Phrases of the span layer's gazetteer (by phrase id) and the value each answers with."""

    __slots__ = ("values", "longest", "bit")

    def __init__(self) -> None:
        self.values: dict[int, object] = {}
        self.longest = 0
        self.bit = 0  # this table's bit in ``Lexicon.mask_of`` (set by the Lexicon)

    def add(self, gaz: Gazetteer, index: int, value: object) -> None:
        """Entry ``index`` of ``gaz`` answers with ``value``, unless an earlier entry of its phrase did."""
        pid = gaz.pid_of[index]
        if pid >= 0 and pid not in self.values:
            self.values[pid] = value
            self.longest = max(self.longest, len(gaz.phrases[pid]))

    def __bool__(self) -> bool:
        return bool(self.values)

    def at(self, hits: Hits, i: int, stop: int) -> tuple[int, object] | None:
        """(number of words, value) of the longest phrase of the table starting at word ``i`` and
        ending by word ``stop``, or None. ``hits`` are the span layer's matches per word."""
        room = stop - i
        values = self.values
        for n, pid in hits[i]:
            if n <= room:
                value = values.get(pid)
                if value is not None:
                    return n, value
        return None

    def exact(self, hits: Hits, i: int, length: int) -> bool:
        """A phrase of the table is exactly words ``i .. i + length``."""
        values = self.values
        return any(n == length and pid in values for n, pid in hits[i])

    def of_words(self, gaz: Gazetteer, words: list[str]) -> tuple[int, object] | None:
        """``at`` for folded words outside a Doc (a head's implied organisation: "Tỉnh ủy")."""
        if not words:
            return None
        return self.at([gaz.walk(words, 0, len(words))], 0, len(words))


@dataclass
class Abbreviations:
    """Abbreviations and what they stand for (abbreviations.jsonl), written out with one regex."""

    table: dict[str, str] = field(default_factory=dict)
    pattern: re.Pattern | None = None
    # text -> written out: units and titles repeat, each spelling written out once (a memo of ``expand``)
    _written: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(cls, entries: Iterable[dict]) -> "Abbreviations":
        out = cls()
        for e in entries:
            out.table[e["pattern"]] = e["id"]
        if out.table:
            alternatives = "|".join(re.escape(p) for p in sorted(out.table, key=len, reverse=True))
            out.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!(?<=\w)\w)")
        return out

    def expand(self, text: str) -> str:
        """``text`` with its abbreviations written out ("UBND TP" -> "Ủy ban nhân dân thành phố")."""
        if self.pattern is None:
            return text
        done = self._written.get(text)
        if done is not None:
            return done

        def written_out(m: re.Match) -> str:
            glued = m.group().endswith(".") and m.string[m.end():m.end() + 1].isalnum()  # "TP.Vinh"
            return self.table[m.group()] + (" " if glued else "")

        done = self.pattern.sub(written_out, text)
        if len(self._written) < 1 << 14:
            self._written[text] = done
        return done


@dataclass(frozen=True)
class Sources:
    """Which span layer file answers which part of the officials' lexicon (the factory's config)."""

    ranks: str = "ranks.jsonl"
    titles: str = "titles.jsonl"
    organisations: str = "organisations.jsonl"
    abbreviations: str = "abbreviations.jsonl"
    honorifics: str = "honorifics.jsonl"
    stopwords: str = "person_stopwords.jsonl"
    links: str = "official_links.jsonl"
    provinces: str = "admin_units_provinces.jsonl"
    districts: str = "admin_units_districts.jsonl"
    wards: str = "admin_units_wards.jsonl"


@dataclass
class Lexicon:
    gaz: Gazetteer
    ranks: Table = field(default_factory=Table)
    services: Table = field(default_factory=Table)  # "quân nhân chuyên nghiệp" between a rank and a name
    titles: Table = field(default_factory=Table)
    title_prefixes: Table = field(default_factory=Table)
    title_suffixes: Table = field(default_factory=Table)
    orgs: Table = field(default_factory=Table)
    place_prefixes: Table = field(default_factory=Table)
    honorifics: Table = field(default_factory=Table)
    stops: Table = field(default_factory=Table)
    copulas: Table = field(default_factory=Table)
    not_official: Table = field(default_factory=Table)
    not_official_after: Table = field(default_factory=Table)
    not_names: Table = field(default_factory=Table)
    places: Table = field(default_factory=Table)
    wards: Table = field(default_factory=Table)
    provinces: Table = field(default_factory=Table)
    surnames: Table = field(default_factory=Table)
    links: dict[str, frozenset[str]] = field(default_factory=dict)  # role -> folded words
    abbreviations: dict[str, str] = field(default_factory=dict)
    abbr: Abbreviations = field(default_factory=Abbreviations)
    mask_of: list[int] = field(default_factory=list)  # phrase id -> the bits of the tables it is in
    head_bits: int = 0  # a position head starts with a title or a title prefix

    def tables(self) -> list[Table]:
        return [v for v in vars(self).values() if isinstance(v, Table)]

    def masks(self, hits: Hits) -> list[int]:
        """Per word, the bits of the tables with a phrase starting there: most questions are
        answered "no" by one bit test, without looking at the matches."""
        mask_of = self.mask_of
        out = []
        append = out.append
        for found in hits:
            if not found:
                append(0)
            elif len(found) == 1:
                append(mask_of[found[0][1]])
            else:
                mask = 0
                for _, pid in found:
                    mask |= mask_of[pid]
                append(mask)
        return out

    @classmethod
    def build(cls, gaz: Gazetteer, src: Sources = Sources()) -> "Lexicon":
        """Every table from the span layer's gazetteer; missing files give empty tables.

        gaz (Gazetteer): the span layer's. src (Sources): which file is which.
        RETURNS (Lexicon): the tables.
        """
        lex = cls(gaz)
        missing = {src.ranks, src.titles, src.organisations, src.abbreviations, src.honorifics, src.stopwords,
                   src.links} - set(gaz.files)
        if missing:
            raise ValueError(f"officials: the span layer does not read {sorted(missing)}")

        def each(source: str, fill: Callable[[int, dict], None]) -> None:
            for k in gaz.indices(source):
                fill(k, gaz.entries[k][1])

        each(src.ranks, lambda k, e: (lex.services if e["label"] == "SERVICE" else lex.ranks).add(gaz, k, e["id"]))
        title_tables = {"TITLE": lex.titles, "TITLE_PREFIX": lex.title_prefixes, "TITLE_SUFFIX": lex.title_suffixes}

        def title(k: int, e: dict) -> None:
            table = title_tables.get(e["label"])
            if table is not None:
                table.add(gaz, k, e)

        each(src.titles, title)
        each(src.organisations,
             lambda k, e: (lex.place_prefixes if e["label"] == "PLACE_PREFIX" else lex.orgs).add(gaz, k, e))
        each(src.honorifics, lambda k, e: lex.honorifics.add(gaz, k, e["id"]))
        stop_tables = {"VERB": lex.stops, "FUNCTION": lex.stops, "KEEP": lex.stops, "SURNAME": lex.surnames,
                       "NOT_OFFICIAL": lex.not_official, "NOT_OFFICIAL_AFTER": lex.not_official_after,
                       "NOT_NAME": lex.not_names}

        def stopword(k: int, e: dict) -> None:
            table = stop_tables.get(e["label"])
            if table is not None:
                table.add(gaz, k, e["label"])
            if e["label"] == "NOT_OFFICIAL":  # "tuyên án", "bị can", "khởi tố": no position runs on into them
                lex.stops.add(gaz, k, "CUE")
            elif e["label"] == "COPULA":  # ends a position phrase, and opens one after a name
                lex.stops.add(gaz, k, "COPULA")
                lex.copulas.add(gaz, k, "COPULA")

        each(src.stopwords, stopword)

        def province(k: int, e: dict) -> None:
            lex.places.add(gaz, k, "province")
            lex.provinces.add(gaz, k, "province")

        each(src.provinces, province)
        each(src.districts, lambda k, e: lex.places.add(gaz, k, "district"))
        each(src.wards, lambda k, e: None if e["pattern"][:1].isdigit() else lex.wards.add(gaz, k, "ward"))
        links: dict[str, set[str]] = {}
        for k in gaz.indices(src.links):
            entry = gaz.entries[k][1]
            for role in entry.get("role", ()):
                links.setdefault(role, set()).update(gaz.phrases[gaz.pid_of[k]][:1])
        lex.links = {role: frozenset(words) for role, words in links.items()}
        lex.abbr = Abbreviations.build(gaz.entries[k][1] for k in gaz.indices(src.abbreviations))
        lex.abbreviations = lex.abbr.table
        lex.mask_of = [0] * len(gaz.phrases)
        for k, table in enumerate(lex.tables()):
            table.bit = 1 << k
            for pid in table.values:
                lex.mask_of[pid] |= table.bit
        lex.head_bits = lex.titles.bit | lex.title_prefixes.bit
        return lex

    def link_words(self, role: str) -> frozenset[str]:
        """The folded words of one role in official_links.jsonl ("introducer", "cue link" ...)."""
        return self.links.get(role, frozenset())

    def expand(self, text: str) -> str:
        """``text`` with its abbreviations written out ("UBND TP" -> "Ủy ban nhân dân thành phố")."""
        return self.abbr.expand(text)

    def words(self, text: str) -> list[str]:
        """The folded words of a phrase outside a Doc (the span layer's word rule)."""
        return pattern_words(text)
