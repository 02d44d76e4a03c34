"""How the officials reader cuts text into words: sentences into ``Word``s, gazetteer patterns alike.

Holds the word rule (``WORD``), the ``Word`` record with its shape, ``sentence_words`` and
``pattern_words``, and the punctuation words that matter to the reader (dashes, clause ends).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.textnorm import fold_tones

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


def sentence_words(text: str, fold: str, offset: int, token_starts: set[int]) -> list[Word]:
    """The words of one sentence; ``fold`` is its tone-folded copy (same length)."""
    out = []
    for m in WORD.finditer(text):
        a, b = m.start(), m.end()
        if b - a == 2 and text[b - 1] == "." and out and out[-1].shape == "cap":
            # after a capitalised word "H." is a name's initial ("Phí Văn H."), not "huyện"
            out.append(Word(text[a], fold[a].lower(), offset + a, offset + a + 1, "cap", offset + a in token_starts))
            out.append(Word(".", ".", offset + a + 1, offset + b, "punct", False))
            continue
        out.append(Word(text[a:b], fold[a:b].lower(), offset + a, offset + b, word_shape(text[a:b]),
                        offset + a in token_starts))
    return out


def pattern_words(text: str) -> list[str]:
    """The folded, lower-cased words of a pattern (same word rule as sentences)."""
    return [fold_tones(m.group()).lower() for m in _PATTERN_WORD.finditer(text)]
