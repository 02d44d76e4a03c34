"""How the officials reader cuts text into words: sentences into ``Word``s, gazetteer patterns alike.

Holds the word rule (``WORD``), the ``Word`` record with its shape, ``sentence_words`` and
``pattern_words``, and the punctuation words that matter to the reader (dashes, clause ends).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.textnorm import fold_tones

# Words: "TP." keeps its dot ("TP. Vinh", "TP.Vinh"); inner slashes and dots stay ("đ/c", "PTDS/BCA",
# "PGS.TS", "1.200"); every other punctuation mark is a word of its own.
WORD = re.compile(r"(?:TP|Tp|TX|Tx)\.|\w+(?:[/.]\w+)*|[^\w\s]")
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
        out.append(Word(text[a:b], fold[a:b].lower(), offset + a, offset + b, word_shape(text[a:b]),
                        offset + a in token_starts))
    return out


def pattern_words(text: str) -> list[str]:
    """The folded, lower-cased words of a pattern (same word rule as sentences)."""
    return [m.group() for m in WORD.finditer(fold_tones(text).lower())]
