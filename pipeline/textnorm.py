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


# Where ``_OLD_STYLE`` can match in the decomposed text, seen on the NFC text: an o/u followed by a letter
# that decomposes to a/e/y and a tone and is not followed by a letter ("hoà", "thuỷ"; not "hoạt"), or by
# one whose decomposition has a mark after the tone ("thuận": "ậ" is a, dot below, circumflex), or by
# a/e/y and a combining mark left apart. A text with none of them has nothing to move: its folded copy
# is its NFC. (tests/test_document.py checks both lists and the letter look-ahead on the whole of Unicode.)
_TONED_AEY = "ÀÁÃÈÉÝàáãèéýẠạẢảẸẹẺẻẼẽỲỳỴỵỶỷỸỹ"   # NFD: a/e/y, then one of _TONES
_TONED_AEY_MARKED = "ẬậẶặỆệ"                        # NFD: a/e/y, one of _TONES, another mark
_MAY_MOVE = re.compile(r"[ouOU](?:[" + _TONED_AEY + r"](?![^\W\d_])|[" + _TONED_AEY_MARKED + r"]"
                       r"|[aeyAEY][\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])")


def fold_tones(text: str) -> str:
    """The NFC text with old-style tone placement made new-style; same length as ``nfc(text)``."""
    composed = nfc(text)
    if _MAY_MOVE.search(composed) is None:  # no open oa/oe/uy syllable with a tone: nothing to move
        return composed
    return _moved(composed)


def _moved(composed: str) -> str:
    """``fold_tones`` of an NFC text: decompose, move the tone mark, recompose (each syllable keeps its length)."""
    decomposed = unicodedata.normalize("NFD", composed)
    moved = _OLD_STYLE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    out = nfc(moved)
    return out if len(out) == len(composed) else composed


def key(text: str) -> str:
    """A matching key: NFC, tones folded, case folded, spaces collapsed."""
    return " ".join(fold_tones(text).casefold().split())


def ascii_key(text: str) -> str:
    """A key without any diacritics (đ -> d): for ids and loose lookups."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(stripped.replace("đ", "d").replace("Đ", "D").casefold().split())
