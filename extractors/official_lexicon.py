"""The officials' gazetteers as phrase tables: ranks, titles, organisations, honorifics, stopwords, places.

Holds ``Phrases`` (longest match of folded words at a position), ``Lexicon`` (every table the
sentence reader asks, built once in the factory; abbreviation expansion) and ``known_places``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from extractors.official_words import pattern_words
from gazetteer import read_gazetteer

log = logging.getLogger(__name__)


def known_places() -> dict[str, tuple[dict, ...]]:
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


class Phrases:
    """Phrases keyed by their folded, lower-cased words; ``match`` finds the longest at a position."""

    def __init__(self) -> None:
        self.table: dict[tuple[str, ...], object] = {}
        self.first: set[str] = set()  # first words, to answer "no" at once
        self.longest = 0

    def add(self, pattern: str, value: object) -> None:
        words = tuple(pattern_words(pattern))
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
class Lexicon:
    ranks: Phrases = field(default_factory=Phrases)
    services: Phrases = field(default_factory=Phrases)  # "quân nhân chuyên nghiệp" between a rank and a name
    titles: Phrases = field(default_factory=Phrases)
    title_prefixes: Phrases = field(default_factory=Phrases)
    title_suffixes: Phrases = field(default_factory=Phrases)
    orgs: Phrases = field(default_factory=Phrases)
    place_prefixes: Phrases = field(default_factory=Phrases)
    honorifics: Phrases = field(default_factory=Phrases)
    stops: Phrases = field(default_factory=Phrases)
    copulas: Phrases = field(default_factory=Phrases)
    not_official: Phrases = field(default_factory=Phrases)
    not_official_after: Phrases = field(default_factory=Phrases)
    not_names: Phrases = field(default_factory=Phrases)
    places: Phrases = field(default_factory=Phrases)
    wards: Phrases = field(default_factory=Phrases)
    provinces: set[tuple[str, ...]] = field(default_factory=set)
    surnames: Phrases = field(default_factory=Phrases)
    abbreviations: dict[str, str] = field(default_factory=dict)
    abbreviation_re: re.Pattern | None = None

    @classmethod
    def build(cls, ranks, titles, orgs, abbreviations, honorifics, stopwords, places) -> "Lexicon":
        lex = cls()
        for e in ranks:
            (lex.services if e["label"] == "SERVICE" else lex.ranks).add(e["pattern"], e["id"])
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
            if e["label"] == "NOT_OFFICIAL":  # "tuyên án", "bị can", "khởi tố": no position runs on into them
                lex.stops.add(e["pattern"], "CUE")
            elif e["label"] == "COPULA":  # ends a position phrase, and opens one after a name
                lex.stops.add(e["pattern"], "COPULA")
                lex.copulas.add(e["pattern"], "COPULA")
        for level in ("province", "district"):
            for e in places.get(level, ()):
                lex.places.add(e["pattern"], level)
                if level == "province":
                    lex.provinces.add(tuple(pattern_words(e["pattern"])))
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
