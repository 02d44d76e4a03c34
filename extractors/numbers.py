"""Vietnamese numerals: digit forms, number words and multipliers, parsed to values.

Vietnamese writes a dot between thousands and a comma before decimals
("74.200", "8,5", "1.250,5"); large amounts take multiplier words
("8,5 triệu", "2 tỷ 300 triệu"); small counts are often words ("hai đối
tượng", "mười lăm người"); "hàng trăm", "hàng nghìn" are round, approximate
amounts. ``NumeralReader`` finds all of these in a stretch of text and gives
each its value and character offsets. Whether a numeral *counts* something
is for the callers (``extractors.counts``) to decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from gazetteer import read_gazetteer
from pipeline.textnorm import fold_tones

# Thousands grouped with dots, optional decimal comma: 1.250 / 74.200 / 1.250,5
_DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
# Thousands grouped with commas (English style, several groups): 1,250,000
_COMMA_GROUPS = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")
_DECIMAL_DOT = re.compile(r"\d+\.\d+")
_INTEGER = re.compile(r"\d+")


@lru_cache(maxsize=8192)
def word_key(word: str) -> str:
    """The lookup key of a word: tone placement folded, lower case ("Hoà" -> "hòa")."""
    return fold_tones(word).lower()


def parse_digits(text: str) -> float | None:
    """The value of a number written in digits, Vietnamese style.

    text (str): e.g. ``"74.200"`` (74200), ``"8,5"`` (8.5), ``"1.250,5"`` (1250.5).
    RETURNS (float | None): the value, or None when ``text`` is not one number.
    """
    if _INTEGER.fullmatch(text):
        return float(text)
    if _DOT_GROUPS.fullmatch(text):
        return float(text.replace(".", "").replace(",", "."))
    if _COMMA_GROUPS.fullmatch(text):
        return float(text.replace(",", ""))
    if _DECIMAL_COMMA.fullmatch(text):
        return float(text.replace(",", "."))
    if _DECIMAL_DOT.fullmatch(text):  # "6.5": a decimal point, not thousands (not 3 digits after)
        return float(text)
    return None


@dataclass(frozen=True, slots=True)
class Numeral:
    """A number found in text.

    value (float): its value, multipliers applied ("8,5 triệu" -> 8500000).
    start, end (int): character offsets of the numeral (multipliers included).
    approximate (bool): a round "hàng trăm / hàng nghìn" amount.
    words (bool): written in words ("hai", "mười lăm") rather than digits.
    digits (str | None): the digit group as written, when in digits.
    """

    value: float
    start: int
    end: int
    approximate: bool = False
    words: bool = False
    digits: str | None = None


class _Tok(NamedTuple):
    """A digit group or word of ``find``'s stretch: as written, its lookup key and offsets."""

    text: str
    key: str
    start: int
    end: int


class NumeralReader:
    """Finds numerals with the number words of a gazetteer.

    entries (Iterable[dict]): ``number_words.jsonl`` entries: labels UNIT (một..chín),
        TEN (mười), TENS (mươi), ZERO (linh, lẻ), MULTIPLIER (chục, trăm, nghìn, triệu,
        tỷ ...; ``value``), HEDGE (hàng); ``inner`` marks forms that never start a numeral.
    """

    def __init__(self, entries):
        self.words: dict[str, dict] = {word_key(e["pattern"]): e for e in entries}
        # The tokens a numeral is made of: digit groups and number words (as whole tokens: no letter
        # around them), composed from the gazetteer once; every other token only separates numerals.
        forms = sorted(self.words, key=lambda w: (-len(w), w))
        words = "|".join(re.escape(w) for w in forms) or "(?!)"
        parts = r"\d+(?:[.,]\d+)*|(?<![^\W\d_])(?:%s)(?![^\W\d_])" % words
        self._parts = re.compile(parts, re.IGNORECASE)
        # the same on lower-cased text (case-insensitive matching costs twice as much): ``find`` reads a
        # stretch lower-cased when lower-casing keeps its length, the number words being lower case
        self._lower_parts = re.compile(parts) if all(w == w.lower() for w in forms) else None

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Numeral]:
        """Every numeral in ``text[start:end]``, in order, not overlapping.

        text (str): the (tone-folded) text to read.
        start, end (int): the stretch to search. Defaults to the whole text.
        RETURNS (list[Numeral]): offsets are into ``text``.
        """
        end = len(text) if end is None else end
        # Only the digit groups and number words are read: a numeral is made of nothing else, and a
        # token between two of them leaves no mere spaces between (``_spaced``), as in the full reading.
        toks = self._toks(text, start, end)
        out: list[Numeral] = []
        i = 0
        while i < len(toks):
            found = self._numeral_at(text, toks, i)
            if found is None:
                i += 1
                continue
            numeral, i = found
            out.append(numeral)
        return out

    def _toks(self, text: str, start: int, end: int) -> list[_Tok]:
        """The digit groups and number words of ``text[start:end]`` (a word told from the one before it by
        the character before ``start`` too)."""
        lo = start - 1 if start > 0 else 0  # one character before: the look-behind sees it
        low = text[lo:end].lower()
        if self._lower_parts is None or len(low) != end - lo:
            return [_Tok(w, w if w[0].isdigit() else word_key(w), m.start(), m.end())
                    for m in self._parts.finditer(text, start, end) for w in (m.group(),)]
        out = []
        for m in self._lower_parts.finditer(low, start - lo):
            a, b = lo + m.start(), lo + m.end()
            w = text[a:b]
            out.append(_Tok(w, w if w[0].isdigit() else word_key(w), a, b))
        return out

    # -- one numeral -------------------------------------------------------------

    def _numeral_at(self, text: str, toks: list[_Tok], i: int) -> tuple[Numeral, int] | None:
        tok = toks[i]
        if tok.text[0].isdigit():
            return self._digit_numeral(text, toks, i)
        entry = self.words.get(tok.key)
        if entry is None:
            return None
        if entry["label"] == "HEDGE":
            return self._hedged(text, toks, i)
        if entry["label"] in ("UNIT", "TEN") and not entry.get("inner"):
            if i and toks[i - 1].text[0].isdigit() and _spaced(text, toks[i - 1], toks[i]):
                return None  # "15 năm": a word after digits is their noun, not a number
            return self._word_numeral(text, toks, i)
        return None

    def _digit_numeral(self, text: str, toks: list[_Tok], i: int) -> tuple[Numeral, int] | None:
        """Digits, then multipliers: "8,5 triệu", "2 tỷ 300 triệu", "12 nghìn"."""
        value = parse_digits(toks[i].text)
        if value is None:
            return None
        first = toks[i]
        total, group, j = 0.0, value, i + 1
        last_mult = None
        while True:
            mults, k = self._multipliers(text, toks, j)
            if not mults:
                break
            scale = 1.0
            for m in mults:
                scale *= m
            if last_mult is not None and scale >= last_mult:
                break
            total += group * scale
            last_mult, j = scale, k
            # a further group: "2 tỷ 300 triệu" (digits then a smaller multiplier)
            if (j < len(toks) and toks[j].text[0].isdigit() and _spaced(text, toks[j - 1], toks[j])
                    and (nxt := parse_digits(toks[j].text)) is not None):
                more, k2 = self._multipliers(text, toks, j + 1)
                if more and _product(more) < last_mult:
                    group = nxt
                    j += 1
                    continue
            group = 0.0
            break
        total += group
        end = toks[j - 1].end
        return Numeral(total, first.start, end, digits=first.text), j

    def _multipliers(self, text: str, toks: list[_Tok], j: int) -> tuple[list[float], int]:
        """The run of multiplier words starting at token ``j`` (space-separated)."""
        out = []
        while j < len(toks) and _spaced(text, toks[j - 1], toks[j]):
            entry = self.words.get(toks[j].key)
            if entry is None or entry["label"] != "MULTIPLIER":
                break
            out.append(float(entry["value"]))
            j += 1
        return out, j

    def _hedged(self, text: str, toks: list[_Tok], i: int) -> tuple[Numeral, int] | None:
        """"hàng trăm", "hàng chục nghìn": round and approximate; "hàng loạt" is not a number."""
        mults, j = self._multipliers(text, toks, i + 1)
        if not mults:
            return None
        return Numeral(_product(mults), toks[i].start, toks[j - 1].end, approximate=True, words=True), j

    def _word_numeral(self, text: str, toks: list[_Tok], i: int) -> tuple[Numeral, int] | None:
        """Number words: "hai", "mười lăm", "hai mươi mốt", "ba trăm", "hai nghìn năm trăm"."""
        j = i
        seq: list[dict] = []
        while j < len(toks) and (j == i or _spaced(text, toks[j - 1], toks[j])):
            entry = self.words.get(toks[j].key)
            if entry is None or entry["label"] == "HEDGE":
                break
            seq.append(entry)
            j += 1
        # drop a trailing unit that cannot follow: "hai năm" (two years) is "hai" + noun
        while seq:
            value = _words_value(seq)
            if value is not None:
                return Numeral(value, toks[i].start, toks[i + len(seq) - 1].end, words=True), i + len(seq)
            seq.pop()
        return None


def _spaced(text: str, a: _Tok, b: _Tok) -> bool:
    """Whether token ``b`` follows ``a`` with only spaces between (no comma, no line break)."""
    gap = text[a.end:b.start]
    return 0 < len(gap) <= 3 and gap.strip(" \u00a0") == ""


def _product(values: list[float]) -> float:
    out = 1.0
    for v in values:
        out *= v
    return out


def _words_value(seq: list[dict]) -> float | None:
    """The value of a sequence of number-word entries, or None if it is not well formed."""
    total, small, unit = 0.0, 0.0, 0.0
    last = None  # label of the previous word
    for e in seq:
        label, v = e["label"], float(e.get("value", 0))
        if label == "UNIT":
            if last == "UNIT" or (last in ("TEN", "TENS") and e.get("not_after_ten")):
                return None  # "hai ba" is not one number; "mười năm" is ten years
            small += v
            unit = v
        elif label == "TEN":
            if last in ("UNIT", "TEN", "TENS"):
                return None
            small += 10
        elif label == "TENS":
            if last != "UNIT":
                return None
            small += unit * 9  # "hai mươi": the 2 becomes 20
        elif label == "ZERO":
            if last != "MULTIPLIER":
                return None
        elif label == "MULTIPLIER":
            if last is None or last == "ZERO":
                return None
            if v < 1000:  # chục, trăm scale what comes before them
                small = (small or 1) * v
            elif not small and 0 < total < v:  # "nghìn tỷ": scale the whole
                total *= v
            else:
                total += (small or 1) * v
                small = 0.0
        last = label
    if last == "ZERO":
        return None
    return total + small


def make_reader(name: str = "number_words.jsonl") -> NumeralReader:
    """A ``NumeralReader`` over the gazetteer ``name`` (read once, cached by the loader).

    name (str): the number-words gazetteer file. Defaults to ``number_words.jsonl``.
    RETURNS (NumeralReader): ready to ``find`` numerals.
    """
    return NumeralReader(read_gazetteer(name))
