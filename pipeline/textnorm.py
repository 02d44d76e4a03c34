"""Unicode helpers: NFC, tone-placement folding and name keys.

Vietnamese is written with two tone placements for the open syllables
oa/oe/uy ("hoà"/"hòa", "thuỷ"/"thủy"). Both are correct; ``fold_tones`` maps
them to one spelling *without changing the length of the text*, so a folded
shadow copy can be searched and its offsets used on the original.
"""

from __future__ import annotations

import re
import unicodedata

_TONES = "\u0300\u0301\u0309\u0303\u0323"  # grave, acute, hook, tilde, dot below

# A tone written on the second vowel of an open oa/oe/uy syllable ("hoà", "thuỷ")
# is moved to the first one ("hòa", "thủy"): the spelling the gazetteer uses.
# "qu" is a consonant, so the tone of "quý" stays where it is.
_OLD_STYLE = re.compile(r"(?i)(?<!q)([ou])([aey])([" + _TONES + r"])(?![^\W\d_])")


def nfc(text: str) -> str:
    """The text in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def fold_tones(text: str) -> str:
    """The NFC text with old-style tone placement made new-style; same length as ``nfc(text)``."""
    # Decompose, move the tone mark, recompose: each syllable keeps its length.
    decomposed = unicodedata.normalize("NFD", nfc(text))
    moved = _OLD_STYLE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    out = nfc(moved)
    return out if len(out) == len(nfc(text)) else nfc(text)


def key(text: str) -> str:
    """A matching key: NFC, tones folded, case folded, spaces collapsed."""
    return " ".join(fold_tones(text).casefold().split())


def ascii_key(text: str) -> str:
    """A key without any diacritics (đ -> d): for ids and loose lookups."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(stripped.replace("đ", "d").replace("Đ", "D").casefold().split())
