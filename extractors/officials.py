"""Officials: name, rank, every position and organisation, one record per person.

Mentions of one person (same name key; "ông Sơn" for the only known
"... Sơn") make one ``Official``; its titles are the union of the positions,
without a short form that repeats a longer one. A title keeps the parent units
written after it with commas ("Đội trưởng Đội ..., Phòng ..., Công an tỉnh A");
``organizations`` lists every unit of the titles, the most specific first (in a
title its own unit, then the parents as written; local units before central
ones; a person's own positions before a list heading's), abbreviations written
out (``organisation_key`` compares them with gold's as-written lists; a bare post names no kind of
unit: "Phó Đội trưởng" gives none, "Tỉnh ủy viên" its committee); ``province`` is the post-2025
province (as ``events.province``, from ``vnie_places``) of the first title whose
units name a place, else, for a local unit named without its place ("Công an
tỉnh", "UBND xã", "Tỉnh ủy"), the article's province when the article names
exactly one. People named right after "bị can", "đối tượng", "tạm giam" ... or
with "(SN 1990", ", trú tại" after them are not officials.

Holds the ``Official`` record, the ``vnie_officials`` factory and ``OfficialFinder``, which reads
each body sentence and caption with ``official_sentences.SentenceReader`` and merges the mentions.
The rest is next to it: ``official_lexicon`` (the questions asked of the span layer's matches:
ranks, titles, organisations ...), ``official_mentions`` (what a sentence gives), ``official_spans``
(where names and positions end), ``official_sentences`` (the reader). The words and the gazetteer
matches come from ``vnie_spans`` (``extractors/span_layer.py``), found once per Doc.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from extractors.base import Mention, person_id, text_of
from extractors.official_lexicon import Abbreviations, Lexicon, Sources
from extractors.official_mentions import PersonMention, Title
from extractors.official_sentences import SentenceReader
from extractors.span_layer import DEFAULT_FILES, Gazetteer, pattern_words, shared_gazetteer
from gazetteer import read_gazetteer
from pipeline.textnorm import key as _text_key

# names, titles and units repeat within and across articles: each spelling keyed once
key = lru_cache(maxsize=1 << 14)(_text_key)

log = logging.getLogger(__name__)

# A unit's code in brackets ("(PC07)", "(CSGT)"); a bracket naming the parent unit stays.
_BRACKETS = re.compile(r"\s*\([^()\s]*\)")
# Between a title and the places that qualify it: ", xã B, huyện C", " (tỉnh D)"
_QUALIFIER_GAP = re.compile(r"[\s,(–-]+")
# A province in brackets right after a place's name: "Phan Thiết (Bình Thuận)".
_BRACKET_OPEN = re.compile(r"\s{0,2}\(\s?")
_BRACKET_CLOSE = re.compile(r"\s?\)")


@dataclass(frozen=True, slots=True)
class Official:
    """One row of the ``officials`` table (one person in one article).

    person_id (str): stable across articles (see ``person_id``).
    name (str): the full name as written; rank (str | None): full form;
    titles, organizations (tuple[str, ...]): every position (parent units included), and their units;
    sentence, start, end: the mention that gives most about the person;
    parts (tuple[Mention, ...]): every PER/RANK/TITLE/ORG mention of the person;
    province (str | None): the province of the person's top unit, post-2025 name, where the text tells it.
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
    province: str | None = None

    def mentions(self) -> list[Mention]:
        return list(self.parts)


@Language.factory("vnie_officials", requires=["doc.sents", "doc._.body_end", "doc._.places", "doc._.vnie_spans"],
                  assigns=["doc._.officials"],
                  default_config={"ranks": "ranks.jsonl", "titles": "titles.jsonl",
                                  "organisations": "organisations.jsonl", "abbreviations": "abbreviations.jsonl",
                                  "honorifics": "honorifics.jsonl", "stopwords": "person_stopwords.jsonl",
                                  "links": "official_links.jsonl"})
def make_officials(nlp: Language, name: str, ranks: str, titles: str, organisations: str, abbreviations: str,
                   honorifics: str, stopwords: str, links: str) -> "OfficialFinder":
    """Build the officials component. It reads no file: the span layer (``vnie_spans``) reads them
    and finds their phrases; these names say which of its files answers which question.

    ranks, titles, organisations, abbreviations, honorifics, stopwords, links (str): gazetteer file names.
    RETURNS (OfficialFinder): the component.
    """
    layer = nlp.get_pipe("vnie_spans") if "vnie_spans" in nlp.pipe_names else None
    gazetteer = layer.gazetteer if layer is not None else shared_gazetteer(DEFAULT_FILES)
    return OfficialFinder(Sources(ranks=ranks, titles=titles, organisations=organisations,
                                  abbreviations=abbreviations, honorifics=honorifics, stopwords=stopwords, links=links),
                          gazetteer)


class OfficialFinder:
    """Sets ``doc._.officials``: one ``Official`` per person named with a rank or position."""

    def __init__(self, sources: Sources = Sources(), gazetteer: Gazetteer | None = None):
        """sources (Sources): which layer file answers which question. gazetteer (Gazetteer | None): the span
        layer's (``make_officials`` passes the running ``vnie_spans``'s, else the default files'); the
        tables are built on it here, once, before any Doc."""
        self.sources = sources
        self.lex: Lexicon = Lexicon.build(gazetteer if gazetteer is not None else shared_gazetteer(DEFAULT_FILES),
                                          sources)

    def __call__(self, doc: Doc) -> Doc:
        try:
            layer = doc._.vnie_spans
            if layer is None:
                raise ValueError("no span layer: add vnie_spans before vnie_officials")
            if layer.gazetteer is not self.lex.gaz:
                raise ValueError("the span layer's gazetteer is not the one vnie_officials was built on: "
                                 "add vnie_officials after vnie_spans")
            mentions = self.match(doc)
            doc._.officials = self.records(mentions, text_of(doc), doc._.places or [])
        except Exception:  # noqa: BLE001 - a bad article loses its officials, never the run
            log.exception("officials failed on %s", (doc._.article or {}).get("source"))
            doc._.officials = []
        return doc

    def match(self, doc: Doc) -> list[PersonMention]:
        """Every person mention in the body sentences and captions, in text order: the span layer's
        pieces (a sentence cut after a place abbreviation's dot is read with the next one)."""
        layer, text = doc._.vnie_spans, text_of(doc)
        known: dict[str, str] = {}
        out: list[PersonMention] = []
        for index, lo, hi in layer.pieces:
            try:
                out.extend(SentenceReader(self.lex, layer, lo, hi, text, index, known).read())
            except Exception:  # noqa: BLE001 - skip an odd sentence, keep the article
                log.exception("officials: sentence %d skipped", index)
        return out

    def records(self, mentions: list[PersonMention], text: str, places: list = ()) -> list[Official]:
        """Mentions grouped by person; people with neither rank nor position, or excluded, dropped.

        places (list[Place]): the article's places (``doc._.places``), for ``province``.
        """
        people: dict[str, list[PersonMention]] = {}
        for m in mentions:
            if not m.short:
                people.setdefault(key(m.name), []).append(m)
        for m in mentions:
            if m.short:
                target = self._resolve_short(m, people)
                if target is not None:
                    people[target].append(m)
        out = []
        home = article_province(places, text)
        departments = set()  # people whose only clue is a department written without its parent ("Trưởng phòng ...")
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
                organizations=self._organisations(titles, text, places),
                sentence=best.sentence, start=best.start, end=best.end, parts=self._parts(ms, text, full[0].name),
                province=official_province(titles, places, home, text))))
            if home is None and out[-1][1].province is None and any(t.bare_kind for t in titles) \
                    and not any(t.names_province or t.names_place for t in titles):
                departments.add(len(out) - 1)
        # an article naming several provinces: a department written without its parent is of the province every
        # placed official of the article shares ("Phó Trưởng phòng Cảnh sát hình sự" beside "Giám đốc Công an tỉnh
        # Đắk Lắk" when the suspect was caught in Gia Lai); none when they differ
        shared = {o.province for _, o in out if o.province}
        if departments and len(shared) == 1:
            out = [(at, replace(o, province=next(iter(shared))) if k in departments else o)
                   for k, (at, o) in enumerate(out)]
        return [o for _, o in sorted(out, key=lambda pair: pair[0])]

    @staticmethod
    def _resolve_short(m: PersonMention, people: dict[str, list[PersonMention]]) -> str | None:
        given = key(m.name)
        hits = [k for k in people if k.split()[-1] == given]
        return hits[0] if len(hits) == 1 else None

    def _titles(self, titles: list[Title]) -> list[Title]:
        """Positions in order, each once; a short form repeating a longer one ("Thứ trưởng") dropped."""
        keyed: dict[str, Title] = {}
        for t in titles:
            keyed.setdefault(key(self.lex.expand(t.text)).replace(",", ""), t)  # with or without the commas
        keys = list(keyed)
        return [keyed[k] for k in keys if not any(o != k and o.startswith(k + " ") for o in keys)]

    def _organisations(self, titles: list[Title], text: str, places: list = ()) -> tuple[str, ...]:
        """Every unit of the positions, the most specific first, abbreviations written out, each once.

        Within a title, its own organisation, then the parent units in the order written after it;
        across titles, those of local units (a place named or a local unit: "Tỉnh ủy", "Công an tỉnh")
        before central ones ("Trung ương Đảng", "Bộ Công an"), the person's own positions before those
        of a list's heading, otherwise in the order of the titles.
        """
        def rank(t: Title) -> tuple[bool, bool]:
            local = t.local or t.names_place or any(t.start <= p.start and p.end <= t.end for p in places)
            return not local, t.heading

        seen: dict[str, str] = {}
        for t in sorted(titles, key=rank):
            for unit in [self._organisation(t)] + [written_out(self.lex, text[a:b]) for a, b in t.parents]:
                if unit:
                    seen.setdefault(key(unit), unit)
        return tuple(seen.values())

    def _organisation(self, t: Title) -> str | None:
        """The organisation of a position, abbreviations written out ("Ủy ban nhân dân thành phố ...")."""
        if t.org_start is None:
            return self._implied(t)
        org = t.text[t.org_start - t.start:t.own_end - t.start] if t.org_start >= t.start else ""
        org = " ".join(org.split())
        if not org:
            return self._implied(t)
        if t.head.get("abroad"):
            org = org.split(" tại ")[0]  # the sending country, not the host
        return written_out(self.lex, org)

    def _implied(self, t: Title) -> str | None:
        """The unit a bare position implies, when that names one unit: a place's own committee ("TUV" ->
        "Tỉnh ủy", "Đảng ủy viên" -> "Đảng ủy": the last word of a committee, the "committee" words of
        official_links.jsonl), not a kind of unit ("Phó Đội trưởng" -> "Đội" is no unit)."""
        org = t.head.get("org")
        if not org:
            return None
        words = pattern_words(org)
        hit = self.lex.orgs.of_words(self.lex.gaz, words)
        local = hit is not None and bool(hit[1].get("local"))
        return org if local or words[-1] in self.lex.link_words("committee") else None

    def _parts(self, ms: list[PersonMention], text: str, name: str) -> tuple[Mention, ...]:
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
                if t.org_start is not None and t.org_start < t.own_end:
                    parts.append(Mention("ORG", text[t.org_start:t.own_end], t.org_start, t.own_end, "rule", org))
                for a, b in t.parents:
                    parts.append(Mention("ORG", text[a:b], a, b, "rule", written_out(self.lex, text[a:b])))
        unique = {(p.label, p.start, p.end): p for p in parts}
        return tuple(sorted(unique.values(), key=lambda p: (p.start, p.end, p.label)))


def article_province(places: list, text: str = "") -> str | None:
    """The one province the article names (its places, addresses aside), or None if it names several
    or none: the province of a local unit written without its place ("Công an tỉnh"). A province in
    brackets right after a named place ("Công an thành phố Phan Thiết (Bình Thuận)") says where the
    article is: its province wins over places of the same name elsewhere ("phường Đức Thắng")."""
    ordered = sorted(places, key=lambda p: p.start)
    bracketed = {p.province for q, p in zip(ordered, ordered[1:])
                 if p.level == "province" and p.province and not q.residence and q.end <= p.start
                 and _BRACKET_OPEN.fullmatch(text, q.end, p.start) and _BRACKET_CLOSE.match(text, p.end)}
    if len(bracketed) == 1:
        return next(iter(bracketed))
    provinces = {p.province for p in places if p.province and not p.residence}
    return next(iter(provinces)) if len(provinces) == 1 else None


def official_province(titles: list[Title], places: list, home: str | None, text: str = "") -> str | None:
    """The province of a person's top unit: the place named last in the first title that names one,
    or in the places written right after it ("Đội trưởng Đội ..., Công an tỉnh Hải Dương" -> Hải
    Phòng; "Trưởng bản A, xã B, huyện C"), else ``home`` (the article's one province) when a title is
    of a local unit named without its place (or of a department, team or border post written without
    its parent: "Trưởng phòng Cảnh sát hình sự") and no title names a province the gazetteers do not know
    ("Giám đốc Công an tỉnh Phôngsalỳ": abroad), or when a title names only a district or commune they
    do not know ("Phó Chủ tịch UBND huyện A": the gazetteers miss some), else None (central units)."""
    ordered = sorted(places, key=lambda p: p.start)
    for t in titles:
        inside = [p for p in ordered if t.start <= p.start and p.end <= t.end]
        end = t.end
        for p in ordered:  # the places qualifying the title's: ", xã B, huyện C"
            if p.start >= end and _QUALIFIER_GAP.fullmatch(text, end, p.start):
                inside.append(p)
                end = p.end
        known = [p for p in inside if p.province]
        if known:
            return known[-1].province
    for t in titles:  # "Bí thư Tỉnh ủy Đắk Nông": a province's bare name, which the article writes elsewhere
        for p in ordered:
            if p.level == "province" and p.province and p.name and key(t.text).endswith(" " + key(p.name)):
                return p.province
    if any(t.names_province for t in titles):
        return None
    if any(t.names_place for t in titles):  # "UBND huyện A": a district or commune the gazetteers miss
        return home
    if home is None:  # an article naming several provinces: the unit's own name written in full elsewhere
        # (also a border post or department, whose parent a bracket after its name gives)
        return next((found for t in titles if t.local or t.bare_kind
                     for found in [written_in_full(t.text, places, text)] if found), None)
    return home if any(t.local or t.bare_kind for t in titles) else None


def written_in_full(title: str, places: list, text: str) -> str | None:
    """The province of a local unit written without its place ("Giám đốc Công an tỉnh") that the article writes in
    full elsewhere ("Công an tỉnh Đắk Lắk tổ chức lễ ..."): the one province whose name follows the title's unit
    (its last words, longest first) wherever the article writes them, or in the bracket that follows it there, which
    names its parent ("Đồn Biên phòng cửa khẩu B (Bộ Chỉ huy Bộ đội Biên phòng tỉnh Tây Ninh)"); None when it names
    none or several (a province named otherwise, "lẩn trốn tại tỉnh Gia Lai", is no unit's)."""
    words = title.split()
    for k in range(1, len(words) - 1):  # a unit of two words at least: "tỉnh" alone names no unit
        unit = " ".join(words[k:])
        found = {p.province for p in places if p.level == "province" and p.province and p.name and not p.residence
                 and key(text[max(0, p.end - len(unit) - len(p.name) - 1):p.end]) == key(unit + " " + p.name)}
        written = re.compile(r"(?<!\w)" + re.escape(unit).replace(r"\ ", r"\s+") + r"\s*\(([^()]{1,160})\)", re.I)
        for m in written.finditer(text):
            found |= {p.province for p in places if p.level == "province" and p.province and not p.residence
                      and m.start(1) <= p.start and p.end <= m.end(1)}
        if found:
            return next(iter(found)) if len(found) == 1 else None
    return None


def written_out(lex: Lexicon | Abbreviations, org: str) -> str:
    """An organisation as the tables give it: abbreviations written out (abbreviations.jsonl), a unit's
    code in brackets dropped ("(PC07)"), spaces collapsed, first letter upper case.

    lex (Lexicon | Abbreviations): the abbreviations. org (str): the organisation as written.
    RETURNS (str): e.g. "UBND TP Hải Phòng" -> "Ủy ban nhân dân thành phố Hải Phòng".
    """
    words = lex.expand(_BRACKETS.sub("", org)).split()
    if len(words) > 1 and words[0].lower() == words[1].lower():
        words = words[1:]  # "Phòng PC02" -> "Phòng Phòng Cảnh sát ..." -> one "Phòng"
    out = " ".join(words)
    return out[:1].upper() + out[1:]


@lru_cache(maxsize=1)
def _abbreviations() -> Abbreviations:
    return Abbreviations.build(read_gazetteer("abbreviations.jsonl"))


def organisation_key(org: str) -> str:
    """How an organisation compares: gold lists it as written ("UBND TP Hải Phòng"), the tables
    written out ("Ủy ban nhân dân thành phố Hải Phòng"); both give one key (``written_out``, then
    NFC, tones folded, case folded, spaces collapsed).

    org (str): an organisation, as written or as the tables give it.
    RETURNS (str): the key.
    """
    return key(written_out(_abbreviations(), org))
