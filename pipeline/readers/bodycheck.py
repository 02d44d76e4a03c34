"""Is the extracted body a real article body? Catches pages whose body is missing or scrambled.

Some provincial papers deliver the article body through JavaScript (the HTML
holds the title, the lead and an empty container) or serve it obfuscated. Such
a page must be reported, not stored as an empty or garbled article.
"""

from __future__ import annotations

import re
import unicodedata

# A body shorter than this (outside the lead) on a page that loads content by
# script is "missing": real articles, even photo stories, carry a few sentences.
MIN_BODY_CHARS = 200
# Below this share of valid Vietnamese syllables the text is not readable
# Vietnamese. Ordinary news text scores above 0.85 (foreign names, acronyms and
# numbers make up the rest); letter-substituted or encoded text scores far lower.
MIN_SYLLABLE_SHARE = 0.6
# The share is only judged on enough words to be meaningful.
MIN_WORDS_JUDGED = 30
# Hints that the page fills its body by script.
_JS_HINTS = re.compile(
    r"bật javascript|enable javascript|javascript (?:is )?(?:required|disabled)|đang tải nội dung|"
    r"loading content|document\.write\(\s*(?:atob|unescape|decodeURIComponent)|\batob\(|"
    r"innerHTML\s*=|\.html\(\s*(?:data|content|res)|fetch\(|XMLHttpRequest|\$\.ajax", re.I)

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
    r"[aăâeêioôơuưy]{1,3}"
    r"(?:ch|ng|nh|c|m|n|p|t)?$")
_WORD = re.compile(r"[^\W\d_]+")


def body_problem(text: str, body_chars: int, html: str, lead: str | None) -> str | None:
    """Why ``text`` is not a usable article body, or None if it is.

    text (str): the extracted text (lead included).
    body_chars (int): the length of the body alone, before the lead was added.
    html (str): the page, searched for signs of script-delivered content.
    lead (str | None): the page's lead, if found.
    RETURNS (str | None): a message for the InputError.
    """
    if body_chars < MIN_BODY_CHARS and (lead or _JS_HINTS.search(html)) and _JS_HINTS.search(html):
        return (f"article body missing: only {body_chars} characters besides the lead; "
                "the page probably delivers its body by JavaScript")
    share, judged = syllable_share(text)
    if judged >= MIN_WORDS_JUDGED and share < MIN_SYLLABLE_SHARE:
        return (f"article body looks scrambled: only {share:.0%} of its {judged} words are Vietnamese "
                "syllables (obfuscated or script-decoded text)")
    return None


def syllable_share(text: str) -> tuple[float, int]:
    """(share of words that are valid Vietnamese syllables, number of words judged)."""
    words = _WORD.findall(text.lower())
    if not words:
        return 1.0, 0
    valid = sum(1 for w in words if _SYLLABLE.match(_toneless(w)))
    return valid / len(words), len(words)


def _toneless(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
