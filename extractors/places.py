"""Places: provinces, districts and wards, resolved to their names after the 2025 merger.

A place is found after its prefix ("tỉnh Hải Dương", "TP Thanh Hóa", "huyện Mường
La", "phường Trần Hưng Đạo", "các xã A, B và C", "H.Mê Linh"), or by its bare name:
a province anywhere ("Nghệ An") when it is not part of a longer proper name, a
district in brackets after a ward ("xã Quế Lộc (Nông Sơn)"), and a ward or district
the article has already named with its prefix. Every mention is
resolved to the province it belongs to after July 2025 ("tỉnh Quảng Bình cũ" ->
Quảng Trị). A name shared by units of several provinces is resolved, in order, by
the places written right after it ("xã Việt Thuận (huyện Vũ Thư, tỉnh Thái
Bình)"; a unit the data hold only elsewhere takes the province written there), by
its old district, town or city named anywhere in the article ("phường
Hồng Hà" in an article naming "thành phố Yên Bái"), by the provinces the article
mentions, and by the era of the article (the publication date, else the latest date written
with its year): before July 2025 the old units first, after it the new ones.

The prefixes, the address words and the bare province names are phrases of the span layer
(``vnie_spans``, ``extractors/span_layer.py``: ``place_prefixes.jsonl`` and the admin-unit files,
shown in ``doc.spans["PLACE"]``), found once per Doc on its words; a name after a prefix is the run
of capitalised words the layer's words give, looked up by ``unit_key`` (which also joins spellings
the layer's tone-folded keys keep apart: "Đăk"/"Đắk", "05"/"5"). The title, outside the body, is
read with the same words and trie (``span_layer.text_layer``).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from extractors.admin_units import AdminUnits, Unit, load_admin_units, unit_key
from extractors.base import Mention, body_sentences, folded, text_of
from extractors.span_layer import (Gazetteer, SpanLayer, label_view, pattern_words, text_layer, view_firsts,
                                   word_from)
from gazetteer import read_gazetteer
from pipeline.settings import places_options
from pipeline.textnorm import fold_tones

log = logging.getLogger(__name__)

_OPTIONS = places_options()  # thresholds: pipeline/settings.toml, section [places], each with its reason
MAX_NAME_WORDS = _OPTIONS.max_name_words
MERGER_DATE = "2025-07-01"  # articles published before it use the old units
# The marks that end a name's word: a run of the layer's words with none of them and no space between is one
# word of a name ("Rịa-Vũng", "Hóa." with its stop).
_SEPARATORS = frozenset(",;:()[]\"“”‘’!?…")
_WORD_CHAR = re.compile(r"\w")
# Character-level patterns that stay: what may stand between a name and its qualifier (brackets, commas,
# dashes) is punctuation and spacing, which the layer's words do not keep.
_BRACKETED = re.compile(r"\s*\(\s*([^(),;]{2,40}?)\s*[),]")  # "(Nông Sơn)", "(Nông Sơn, Quảng Nam)"
_QUALIFIER_GAP = re.compile(r"[\s,(–-]*(?:thuộc\s+)?")  # "xã A (huyện B, tỉnh C)", "xã A thuộc huyện B"
_HYPHEN = re.compile(r"\s*[-–]\s*")
_FULL_YEAR = re.compile(r"(?:19|20)\d\d")  # a date written with its year ("5/3/2023") dates the article
MAX_ORG_NAME_WORDS = _OPTIONS.max_org_name_words

@dataclass(frozen=True, slots=True)
class Place:
    """A place mention: ``province`` is the post-2025 province, ``ward`` the commune/ward.

    text (str): the mention as written, prefix included ("phường Trần Hưng Đạo").
    level (str): province, district or ward.
    province (str | None): the province after the 2025 merger, without "Tỉnh"/"Thành phố".
    ward (str | None): for a ward, its name as written without the prefix.
    name (str | None): the unit's name as written without the prefix (any level).
    prefix (str | None): the prefix as written ("TP", "huyện"), None for a bare name.
    former_province (str | None): the province before the merger, when the unit is an old one.
    residence (bool): the place is someone's address ("ngụ xã ..."), not where something happened.
    """

    text: str
    level: str  # province, ward, district
    province: str | None
    ward: str | None
    sentence: int
    start: int
    end: int
    name: str | None = None
    prefix: str | None = None
    former_province: str | None = None
    residence: bool = False

    def mentions(self) -> list[Mention]:
        return [Mention("LOC", self.text, self.start, self.end, "gazetteer", self.province)]


@Language.factory("vnie_places", requires=["doc.sents", "doc._.article", "doc._.body_end", "doc._.date_mentions",
                                          "doc._.vnie_spans"],
                  assigns=["doc._.places"],
                  default_config={"prefixes": "place_prefixes.jsonl", "units": "admin_units"})
def make_places(nlp: Language, name: str, prefixes: str, units: str) -> "PlaceFinder":
    return PlaceFinder(read_gazetteer(prefixes), load_admin_units(units))


@dataclass
class _Found:
    """A mention before resolution: its candidate units."""

    sentence: int
    start: int
    end: int
    name_start: int
    level: str
    prefix: str | None
    units: tuple[Unit, ...]
    key: str = ""
    kind: str | None = None  # the unit type as written ("phường"), None for a bare name
    antecedent: int | None = None  # for a name repeated without its prefix: where the prefixed mention starts


@dataclass(frozen=True)
class _Views:
    """The places' phrases among the span layer's (by its phrase ids), for one gazetteer.

    prefixes (dict[int, dict]): the PREFIX entries ("tỉnh", "TP.", "thị xã").
    residence (dict[int, dict]): the RESIDENCE entries, the words before an address ("trú tại", "ngụ").
    bare (dict[int, frozenset[str]]): the province names found without a prefix, as written (tones folded,
        hyphens without spaces): the phrase matches in any case, the name only as written ("Nghệ An", not "nghệ an").
    """

    prefixes: dict[int, dict]
    residence: dict[int, dict]
    bare: dict[int, frozenset[str]]
    not_unit: dict[int, dict] = field(default_factory=dict)  # NOT_UNIT: "đường", "thôn" before a name
    plural: dict[int, dict] = field(default_factory=dict)  # PLURAL: "các", "hai" before a prefix
    residence_lasts: frozenset[str] = frozenset()  # the words an address phrase ends with
    prefix_firsts: frozenset[str] = frozenset()  # the words a prefix starts with
    bare_firsts: frozenset[str] = frozenset()  # the words a bare province name starts with


class PlaceFinder:
    """Finds place mentions in the body and captions and resolves them to post-2025 provinces.

    prefixes (tuple[dict, ...]): ``place_prefixes.jsonl`` entries (PREFIX, RESIDENCE, NAME_WORD, PLURAL).
    units (AdminUnits): the administrative units by key.
    """

    def __init__(self, prefixes: tuple[dict, ...], units: AdminUnits):
        self.units = units
        by_label: dict[str, list[dict]] = {}
        for e in prefixes:
            by_label.setdefault(e["label"], []).append(e)
        self.entries = {label: tuple(found) for label, found in by_label.items()}
        # compared with the words as written (a name's capital matters: "Văn Hà Nội", not "nhà văn Hà Nội")
        self.name_words = {e["pattern"] for e in by_label.get("NAME_WORD", [])}
        self.org_words = {e["pattern"] for e in by_label.get("ORG_WORD", [])}
        self._views: dict[Gazetteer, _Views] = {}

    def views(self, gazetteer: Gazetteer) -> _Views:
        """The places' phrases in the span layer's gazetteer, built once per gazetteer. Raises ValueError when one
        is not a phrase of the layer (its file is not in the layer's config)."""
        views = self._views.get(gazetteer)
        if views is None:
            bare: dict[int, set[str]] = {}
            for name in self.units.bare_provinces:
                words = pattern_words(name)
                found = gazetteer.walk(words, 0, len(words)) if words else ()
                if not found or found[0][0] != len(words):
                    raise ValueError(f"places: {name!r} is not in the layer's gazetteer (add its file)")
                bare.setdefault(found[0][1], set()).add(_HYPHEN.sub("-", fold_tones(name)))
            def view(label: str) -> dict[int, dict]:
                return label_view(gazetteer, (label,), self.entries.get(label, ()))

            prefixes = view("PREFIX")
            views = self._views[gazetteer] = _Views(
                prefixes=prefixes, residence=view("RESIDENCE"), bare={pid: frozenset(names) for pid, names in bare.items()},
                not_unit=view("NOT_UNIT"), plural=view("PLURAL"),
                residence_lasts=frozenset(gazetteer.phrases[pid][-1] for pid in view("RESIDENCE")),
                prefix_firsts=view_firsts(gazetteer, prefixes), bare_firsts=view_firsts(gazetteer, bare))
        return views

    def __call__(self, doc: Doc) -> Doc:
        try:
            found = self.match(doc)
            doc._.places = self.resolve(doc, found)
        except Exception:  # noqa: BLE001 - a failing sentence must not lose the article
            log.exception("places failed on %r", text_of(doc)[:60])
            doc._.places = []
        return doc

    # -- finding ---------------------------------------------------------------------------
    def match(self, doc: Doc) -> list[_Found]:
        """Every prefixed or bare place mention in the body and captions, with candidate units."""
        layer = _layer(doc)
        text = folded(doc)
        found: list[_Found] = []
        sents = body_sentences(doc, captions=True)
        for i, sent in sents:
            found.extend(self.scan(layer, text, i, sent.start_char, sent.end_char))
        return sorted(found + self._repeats(layer, text, sents, found), key=lambda f: f.start)

    def _repeats(self, layer: SpanLayer, text: str, sents: list, found: list[_Found]) -> list[_Found]:
        """Wards and districts named again without their prefix ("Tân Lập đã có nhiều mô hình"): at each word, the
        longest of the names written with their prefix before, as written (tones folded)."""
        first: dict[str, int] = {}
        for k, f in enumerate(found):
            name = text[f.name_start:f.end]
            if f.level in ("ward", "district") and f.prefix and len(name.split()) >= 2 and f.units:
                first.setdefault(name, k)
        if not first:
            return []
        by_word: dict[str, list[str]] = {}  # the layer key of a name's first word -> the names, longest first
        for name in sorted(first, key=len, reverse=True):
            by_word.setdefault(pattern_words(name)[0], []).append(name)
        taken = [(f.start, f.end) for f in found]
        words, lows = layer.words, layer.lows
        out = []
        for i, sent in sents:
            e = sent.end_char
            lo, hi = word_from(layer, sent.start_char), word_from(layer, e)
            after = 0  # where the previous name ends
            for k in [k for k in range(lo, hi) if lows[k] in by_word]:
                a = words[k].start
                if a < after or not _word_start(text, a):
                    continue
                name = None
                for written in by_word[lows[k]]:
                    b = a + len(written)
                    if b <= e and text.startswith(written, a) and not (b < e and _WORD_CHAR.match(text, b)):
                        name = written
                        break
                if name is None:
                    continue
                b = after = a + len(name)
                if any(x <= a < y or x < b <= y for x, y in taken):
                    continue
                if not self._bare_ok(layer, text, a, b, sent.start_char) or self._not_a_unit(layer, a):
                    continue
                origin = found[first[name]]
                out.append(_Found(i, a, b, a, origin.level, None, origin.units, origin.key,
                                  origin.kind, antecedent=origin.start))
        return out

    def _not_a_unit(self, layer: SpanLayer, start: int) -> bool:
        """A name after "đường", "trường", "thôn" ... is a street, a school, a village, not the unit: a NOT_UNIT
        phrase of the layer ends right before it."""
        return _ends_before(layer, self.views(layer.gazetteer).not_unit, start, 2)

    def scan(self, layer: SpanLayer, text: str, sent: int, s: int, e: int) -> list[_Found]:
        """The place mentions in ``text[s:e]`` (one sentence, tones folded), read on the layer's words there."""
        views = self.views(layer.gazetteer)
        words, lows = layer.words, layer.lows
        lo, hi = word_from(layer, s), word_from(layer, e)
        found: list[_Found] = []
        taken: list[tuple[int, int]] = []
        i = lo
        firsts = views.prefix_firsts
        for k in [k for k in range(lo, hi) if lows[k] in firsts]:  # a prefix, then the name after it
            if k < i:
                continue  # inside the previous prefix
            prefix = self._prefix_at(layer, views.prefixes, text, k, hi, e)
            if prefix is None:
                continue
            n, entry = prefix
            i = k + n
            if i >= hi or words[i].shape in ("low", "punct"):
                continue  # no capitalised word or number after it ("xã hội", "thành công"): no name
            start, after = words[k].start, words[i - 1].end
            if any(a <= start < b for a, b in taken):
                continue
            hit = self._after_prefix(layer, text, sent, start, text[start:after], tuple(entry["levels"]), after, e)
            if hit is None:
                continue
            found.append(hit)
            taken.append((hit.start, hit.end))
            if self._is_plural(layer, text, hit.start):
                for more in self._list_continuation(layer, text, sent, hit, e):
                    found.append(more)
                    taken.append((more.start, more.end))
        for hit in list(found):
            qualifier = self._bare_qualifier(layer, text, sent, hit, e)
            if qualifier is not None and not any(a <= qualifier.start < b for a, b in taken):
                found.append(qualifier)
                taken.append((qualifier.start, qualifier.end))
        firsts = views.bare_firsts
        dashes = None
        i = lo
        for k in [k for k in range(lo, hi) if lows[k] in firsts]:  # a province by its bare name
            if k < i:
                continue  # inside the previous name
            start = words[k].start
            end = None
            if words[k].shape != "low" and _word_start(text, start):  # a bare name is written capitalised
                if dashes is None:
                    dashes = _dash_lows(layer, lo, hi)
                hits = layer.hits[k] if not dashes else layer.gazetteer.walk(dashes, k - lo, hi - lo)
                for n, pid in hits:
                    names = views.bare.get(pid)
                    if names is None or k + n > hi:
                        continue
                    b = words[k + n - 1].end
                    if _HYPHEN.sub("-", text[start:b]) in names and not (b < e and _WORD_CHAR.match(text, b)):
                        end, i = b, k + n
                        break
            if end is None:
                continue
            if any(a <= start < b for a, b in taken) or not self._bare_ok(layer, text, start, end, s):
                continue
            units = self.units.lookup("province", text[start:end])
            if units:
                found.append(_Found(sent, start, end, start, "province", None, units, unit_key(text[start:end])))
        found.sort(key=lambda f: f.start)
        return found

    @staticmethod
    def _prefix_at(layer: SpanLayer, view: dict[int, dict], text: str, i: int, hi: int, e: int
                   ) -> tuple[int, dict] | None:
        """(number of words, entry) of the longest prefix at word ``i`` ("thành phố", "TP."), in any case, not after
        a word or a dot and followed by a space, or by a name glued to its dot ("TP.Vinh")."""
        words = layer.words
        a = words[i].start
        if not _word_start(text, a):
            return None
        for n, pid in layer.hits[i]:
            entry = view.get(pid)
            if entry is None or i + n > hi:
                continue
            b = words[i + n - 1].end
            if b < e and (text[b].isspace() or (text[b - 1] == "." and _WORD_CHAR.match(text, b))):
                return n, entry
        return None

    def _after_prefix(self, layer: SpanLayer, text: str, sent: int, start: int, prefix: str,
                      levels: tuple[str, ...], pos: int, end: int) -> _Found | None:
        """The unit named right after a prefix: the longest run of capitalised words that is a known name."""
        bare = prefix.replace(".", "")
        if bare.isupper() and len(bare) <= 2 and not prefix[0].isupper():
            return None  # "tp", "tx" in lower case are not abbreviations of a unit type
        words = self._name_run(layer, text, pos, end)
        if not words:
            return None
        kind = " ".join(prefix.casefold().split())
        for n in range(len(words), 0, -1):
            name = text[words[0][0]:words[n - 1][1]]
            units = self._units_for(levels, name)
            if units:
                level = units[0].level
                return _Found(sent, start, words[n - 1][1], words[0][0], level, prefix, units, unit_key(name),
                              _KINDS.get(kind, kind))
        if levels == ("ward",) and len(words) <= 3 and not any(w[2] for w in words):
            # a commune the gazetteer does not know (renamed, misspelt): kept, province from context
            name = text[words[0][0]:words[-1][1]]
            return _Found(sent, start, words[-1][1], words[0][0], "ward", prefix, (), unit_key(name), kind)
        return None

    def _units_for(self, levels: tuple[str, ...], name: str) -> tuple[Unit, ...]:
        """Units a name can be after a prefix of these levels.

        After "thành phố"/"TP" a centrally governed city ("TP Hải Phòng") is the province;
        any other name is the city of that name ("TP Thanh Hóa", "TP Hải Dương").
        """
        if levels == ("province", "district"):
            provinces = self.units.lookup("province", name)
            if provinces and unit_key(name) in self.units.cities:
                return provinces
            return self.units.lookup("district", name) or provinces
        for level in levels:
            units = self.units.lookup(level, name)
            if units:
                return units
        return ()

    def _bare_qualifier(self, layer: SpanLayer, text: str, sent: int, hit: _Found, end: int) -> _Found | None:
        """A district or province named bare in brackets after a ward or district: "xã Quế Lộc (Nông Sơn)"."""
        if hit.level == "province":
            return None
        m = _BRACKETED.match(text, hit.end, end)
        if not m:
            return None
        words = self._name_run(layer, text, m.start(1), m.end(1))
        if not words or words[-1][1] != m.end(1):
            return None
        name = text[m.start(1):m.end(1)]
        for level in ("district", "province"):
            units = self.units.lookup(level, name)
            if units and (level != "district" or hit.level == "ward"):
                return _Found(sent, m.start(1), m.end(1), m.start(1), level, None, units, unit_key(name))
        return None

    @staticmethod
    def _name_run(layer: SpanLayer, text: str, pos: int, end: int) -> list[tuple[int, int, bool]]:
        """(start, end, is_digit) of the capitalised words (or numbers) starting at ``pos``, before ``end``.

        A word of a name is a run of the layer's words with no space between and none of ``_SEPARATORS``
        ("Rịa-Vũng", "Hóa." whose stop ends the name); a separator ends the name, a dash between words is
        skipped ("Bà Rịa - Vũng Tàu")."""
        words: list[tuple[int, int, bool]] = []
        lw = layer.words
        n = len(lw)
        k = word_from(layer, pos)
        while k < n and lw[k].start < end:
            if lw[k].text in _SEPARATORS:
                break
            a, b = lw[k].start, lw[k].end
            k += 1
            while k < n and lw[k].start == b and lw[k].start < end and lw[k].text not in _SEPARATORS:
                b = lw[k].end
                k += 1
            token = text[a:min(b, end)]
            stop = token.endswith(".") and len(token) > 1
            token = token.rstrip(".")
            if token in ("-", "–") and words:
                continue
            if not token or not (token[0].isupper() or token.isdigit()):
                break
            words.append((a, a + len(token), token.isdigit()))
            if stop or len(words) >= MAX_NAME_WORDS:
                break
        return words

    def _in_org_name(self, before: list[str]) -> bool:
        """Whether the words before a name end with an organisation word and a few capitalised words."""
        for n in range(MAX_ORG_NAME_WORDS + 1):
            if len(before) < n + 1:
                return False
            if n and not before[-n][:1].isupper():
                return False
            if any(" ".join(before[max(0, len(before) - n - k):len(before) - n]) in self.org_words for k in (1, 2, 3)):
                return True  # "Bia", "Ngân hàng", "Tổng công ty"
        return False

    def _is_plural(self, layer: SpanLayer, text: str, start: int) -> bool:
        """A number or a PLURAL word ("các", "hai") right before the prefix: a list of names follows."""
        j = word_from(layer, start)
        if j == 0:
            return False
        before = layer.words[j - 1]
        return text[before.start:before.end].isdigit() or _ends_before(layer, self.views(layer.gazetteer).plural,
                                                                       start, 1)

    def _list_continuation(self, layer: SpanLayer, text: str, sent: int, first: _Found, end: int) -> list[_Found]:
        """The other names of a list after a plural prefix: "các phường A, B và C"."""
        out, pos = [], first.end
        while True:
            sep = re.match(r"\s*(?:,\s*(?:và\s+)?|\s+và\s+)", text[pos:end])
            if not sep:
                break
            words = self._name_run(layer, text, pos + sep.end(), end)
            if words and words[0][2] and not text[first.name_start].isdigit():
                break  # "các xã A, B và một phần xã C": a number, not a name
            hit = None
            for n in range(len(words), 0, -1):
                name = text[words[0][0]:words[n - 1][1]]
                units = self.units.lookup(first.level, name)
                if units:
                    hit = _Found(sent, words[0][0], words[n - 1][1], words[0][0], first.level, None, units,
                                 unit_key(name), first.kind)
                    break
            if hit is None:
                break
            out.append(hit)
            pos = hit.end
        return out

    def _bare_ok(self, layer: SpanLayer, text: str, start: int, end: int, sent_start: int) -> bool:
        """A bare province name that is not part of a person's, a company's or a longer proper name
        ("Nguyễn Hà Nam", "Ngân hàng TMCP Sài Gòn", "Sài Gòn Thương Tín"), told from the layer's words around it
        (as written, tones folded)."""
        words = layer.words
        j = word_from(layer, start)
        before = [text[w.start:w.end] for w in words[max(word_from(layer, sent_start), j - MAX_ORG_NAME_WORDS - 4):j]]
        if before and before[-1] in self.name_words:
            return False
        if self._in_org_name(before):
            return False
        if end < len(text) and text[end] == " ":  # a capitalised word right after: "Sài Gòn Thương Tín"
            k = word_from(layer, end + 1)
            after = text[words[k].start:words[k].end] if k < len(words) and words[k].start == end + 1 else ""
            if after[:1].isupper() and not after.isupper():
                return False
        return True

    # -- resolving -------------------------------------------------------------------------
    def resolve(self, doc: Doc, found: list[_Found]) -> list[Place]:
        """Places with their province decided: local qualifiers, then article context, then era."""
        text, layer = text_of(doc), _layer(doc)
        residence = self._residence(layer, text, found)
        title = (doc._.article or {}).get("title") or ""
        clues = [f for f, r in zip(found, residence) if not r] + \
            self.scan(text_layer(layer.gazetteer, title), fold_tones(title), -1, 0, len(title))
        context = _context(clues)
        districts = _districts(clues)
        legacy_era = _legacy_era(doc)
        main = _main_province(context)
        places: list[Place] = []
        chosen = {f.start: self._choose(k, found, text, context, legacy_era, districts)
                  for k, f in enumerate(found) if f.antecedent is None}
        for k, f in enumerate(found):
            unit = chosen.get(f.antecedent if f.antecedent is not None else f.start)
            province = unit.province if unit else (main if not f.units else None)
            name = text[f.name_start:f.end]
            places.append(Place(
                text=text[f.start:f.end], level=f.level, province=province,
                ward=name if f.level == "ward" else None, sentence=f.sentence, start=f.start, end=f.end,
                name=name, prefix=text[f.start:f.name_start].strip() or None,
                former_province=unit.former_province if unit else None, residence=residence[k],
            ))
        return places

    def _residence(self, layer: SpanLayer, text: str, found: list[_Found]) -> list[bool]:
        """Whether each mention is someone's address: after "trú tại", "ngụ", or qualifying one that is."""
        views = self.views(layer.gazetteer)
        view, lasts = views.residence, views.residence_lasts
        out: list[bool] = []
        for k, f in enumerate(found):
            marked = _after_address_word(layer, view, lasts, f.start)
            chained = k > 0 and out[k - 1] and _attached(text, found[k - 1], f)
            out.append(marked or chained)
        return out

    def _choose(self, k: int, found: list[_Found], text: str, context: Counter, legacy_era: bool,
                districts: frozenset[tuple[str, str]] = frozenset()) -> Unit | None:
        """The unit a mention names: by its qualifiers, its old district named in the article, the
        article's provinces, then the type as written and the era.

        districts (frozenset[tuple[str, str]]): (district key, province) of every district the article names.
        """
        f = found[k]
        units = f.units
        # 1. qualifiers written right after it: "(huyện Vũ Thư, tỉnh Thái Bình)", ", TP Quy Nhơn"
        previous, outside = f, None
        for q in found[k + 1:]:
            if not _attached(text, previous, q):
                break
            narrowed = _narrow(units, q)
            if narrowed:
                units = narrowed
            elif f.level != "province" and q.level != "ward" and len({u.province for u in q.units}) == 1:
                outside = outside or q
            previous = q
        if outside is not None and not _narrow(f.units, outside):
            # a unit the data do not hold in the province written after it (renamed, merged earlier):
            # what the article writes wins over a namesake elsewhere
            return _beside(f, outside)
        if len({u.province for u in units}) <= 1:
            return _pick(units, f.kind, legacy_era)
        # 2. its old district (town, city) named anywhere in the article: "... trung tâm của thành phố Yên Bái"
        if f.level == "ward":
            in_named = tuple(u for u in units if u.district and (unit_key(u.district), u.province) in districts)
            if len({u.province for u in in_named}) == 1:
                return _pick(in_named, f.kind, legacy_era)
        # 3. the provinces the article talks about
        ranked = sorted({u.province for u in units}, key=lambda p: -context[p])
        if context[ranked[0]] > context[ranked[1]]:
            return _pick(tuple(u for u in units if u.province == ranked[0]), f.kind, legacy_era)
        # 4. the units of the article's era (before July 2025 the old ones), then the type as written
        era = tuple(u for u in units if u.legacy == legacy_era)
        for narrowed in (era, tuple(u for u in era if u.kind == f.kind), tuple(u for u in units if u.kind == f.kind)):
            if len({u.province for u in narrowed}) == 1:
                return _pick(narrowed, f.kind, legacy_era)
        return None


def _layer(doc: Doc) -> SpanLayer:
    """The Doc's span layer, which holds the prefixes and names; without it there is nothing to read."""
    layer = doc._.vnie_spans
    if layer is None:
        raise ValueError("no span layer: add vnie_spans before vnie_places")
    return layer


def _word_start(text: str, char: int) -> bool:
    """No letter, digit or dot right before ``char``: a name or prefix may start there ("TP.Vinh" has none)."""
    return char == 0 or not (text[char - 1] == "." or _WORD_CHAR.match(text, char - 1))


def _dash_lows(layer: SpanLayer, lo: int, hi: int) -> list[str]:
    """The keys of words ``lo .. hi`` with an en dash read as the hyphen the gazetteer writes ("Bà Rịa – Vũng
    Tàu"), for walking the layer's trie again; empty when they hold no en dash (the layer's matches serve)."""
    lows = layer.lows[lo:hi]
    return ["-" if w == "–" else w for w in lows] if "–" in lows else []


def _ends_before(layer: SpanLayer, view: dict[int, dict], start: int, longest: int) -> bool:
    """Whether a phrase of ``view`` (of at most ``longest`` words) ends on the word right before character ``start``."""
    end = word_from(layer, start)
    return any(i + n == end and pid in view for i in range(max(0, end - longest), end) for n, pid in layer.hits[i])


def _after_address_word(layer: SpanLayer, view: dict[int, dict], lasts: frozenset[str], start: int) -> bool:
    """Whether an address word ("trú tại", "ngụ", "HKTT:") ends right before character ``start`` (a colon
    between), within the 30 characters before it; ``lasts`` are the words such a phrase ends with."""
    words = layer.words
    end = word_from(layer, start)
    if 0 < end <= len(words) and words[end - 1].text == ":":
        end -= 1
    if end == 0 or layer.lows[end - 1] not in lasts:
        return False
    for i in range(max(word_from(layer, max(0, start - 30)), end - 4), end):
        if any(i + n == end and pid in view for n, pid in layer.hits[i]):
            return True
    return False


def _legacy_era(doc: Doc) -> bool:
    """Whether the article is from before the July 2025 merger: by its publication date, else by the
    latest date written with its year in the text."""
    published = ((doc._.article or {}).get("published") or "")[:10]
    if published:
        return published < MERGER_DATE
    mentions = doc._.date_mentions or doc._.dates or []
    full = [d.value for d in mentions if d.granularity == "day" and _FULL_YEAR.search(d.text)]
    return bool(full) and max(full)[:10] < MERGER_DATE[:len(max(full)[:10])]


def _attached(text: str, before: _Found, after: _Found) -> bool:
    """Whether ``after`` qualifies ``before``: same sentence, only commas, brackets or dashes between."""
    return (before.sentence == after.sentence and after.start >= before.end
            and _QUALIFIER_GAP.fullmatch(text, before.end, after.start) is not None)


def _districts(found: list[_Found]) -> frozenset[tuple[str, str]]:
    """(key, province) of the districts, towns and provincial cities the article names."""
    return frozenset((f.key, u.province) for f in found if f.level == "district" for u in f.units)


def _main_province(context: Counter) -> str | None:
    """The province the article names most, if one leads."""
    top = context.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def _context(found: list[_Found]) -> Counter:
    """How often the article names each province: directly (province_weight), through a district or a
    ward (unit_weight)."""
    context: Counter = Counter()
    for f in found:
        provinces = {u.province for u in f.units}
        if len(provinces) == 1:
            context[next(iter(provinces))] += _OPTIONS.province_weight if f.level == "province" else _OPTIONS.unit_weight
    return context


# "TP." -> "thành phố", "H." -> "huyện": lower-case abbreviation to the unit kind written out.
_KINDS = {e["pattern"]: e["id"] for e in read_gazetteer("unit_kind_abbreviations.jsonl")}


def _narrow(units: tuple[Unit, ...], qualifier: _Found) -> tuple[Unit, ...]:
    """The units consistent with a qualifying mention written after them."""
    provinces = {q.province for q in qualifier.units}
    narrowed = tuple(u for u in units if u.province in provinces)
    if qualifier.level == "district":
        same = tuple(u for u in narrowed if u.district and unit_key(u.district) == qualifier.key)
        return same or narrowed
    if qualifier.level == "province":
        formers = {q.former_province for q in qualifier.units if q.former_province}
        same = tuple(u for u in narrowed if u.former_province in formers)
        return same or narrowed
    return ()


def _beside(found: _Found, qualifier: _Found) -> Unit:
    """A unit the data do not know, placed in the province of the district or province written after it."""
    q = qualifier.units[0]
    return Unit(found.level, found.kind or found.level, q.province, None, q.former_province)


def _pick(units: tuple[Unit, ...], kind: str | None, legacy_era: bool) -> Unit | None:
    """One of units of one province: of the written type and the article's era when there is one."""
    if not units:
        return None
    return min(units, key=lambda u: (u.kind != kind, u.legacy != legacy_era))
