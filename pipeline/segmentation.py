"""Text to words: underthesea's sentences and words as character spans of the article text.

What the Doc's tokenizer (``pipeline.document.UndertheseaTokenizer``) lays onto a spaCy ``Doc``, kept
apart from spaCy: ``segment(text)`` needs only underthesea's word model, so a process that has not
imported spaCy can segment articles (``pipeline.batch.segment_ahead``: the first articles of a pool
run are segmented on the idle core while the driver loads the pipeline). The Doc built from a
``Segmentation`` is the one the tokenizer builds from the text.
"""

from __future__ import annotations

import re
import sys
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.startup import segmenters

sent_tokenize, word_tokenize = segmenters()   # underthesea's two functions, without its taggers' imports
# word_tokenize's module (its model, loaded by ``startup.load_word_model``), its regex tokenizer and
# character normalisation: ``_segmented`` runs its steps itself, keeping the tokens' offsets
_WORD_MODULE = sys.modules[word_tokenize.__module__]
_REGEX_MODULE = sys.modules[word_tokenize.__module__ + ".regex_tokenize"]
_normalize_characters = _REGEX_MODULE.normalize_characters_in_text


@dataclass(frozen=True)
class Segmentation:
    """A text's words: ``spans`` (start, end) covering every non-space character in order and
    ``sent_starts`` the start of each sentence's first word; ``length`` and ``checksum`` (CRC-32 of
    its UTF-8) say which text it was made from (``fits``)."""

    spans: tuple[tuple[int, int], ...]
    sent_starts: frozenset[int]
    length: int
    checksum: int

    def fits(self, text: str) -> bool:
        """Whether this is a segmentation of ``text``."""
        return len(text) == self.length and zlib.crc32(text.encode("utf-8")) == self.checksum


def segment(text: str) -> Segmentation:
    """underthesea's sentences and words of ``text`` (paragraph by paragraph) as character spans.

    Sentences never cross paragraphs (``_paragraphs``); the splitter's false breaks are mended
    (``_rejoin``); words come from underthesea's own token offsets (``_segmented``), else from its
    words laid back on the text; characters it left out become words of their own (``_fill_gaps``).
    """
    spans: list[tuple[int, int]] = []
    sent_starts: set[int] = set()
    for p_start, p_end in _paragraphs(text):
        para = text[p_start:p_end]
        for s_start, s_end in _align(_rejoin(sent_tokenize(para)), para, 0):
            offset, stop = p_start + s_start, p_start + s_end
            found = _segmented(text, offset, stop)
            if found is None:  # underthesea's words as strings, laid back on the text
                found = _align(word_tokenize(text[offset:stop], use_token_normalize=False), text, offset, stop)
            # aligned on the article text itself, within the sentence: offsets need no shifting
            aligned = _fill_gaps(found, text, offset, stop)
            if aligned:
                sent_starts.add(aligned[0][0])
                spans.extend(aligned)
    return Segmentation(tuple(spans), frozenset(sent_starts), len(text), zlib.crc32(text.encode("utf-8")))


def _segmented(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """(start, end) of underthesea's words in ``text[start:end]``, read from the offsets of its own
    tokens: what ``_align(word_tokenize(sentence, use_token_normalize=False), ...)`` gives, without
    joining the tokens into strings and finding them again. ``word_tokenize``'s two steps are run as it
    runs them (its regex tokens, its CRF model's B-W/I-W tags); None, for the slow path, when the
    sentence is not the text underthesea reads (its character normalisation changes it), a token is
    empty or characters lie unread between two tokens, or the model is not loaded yet.
    """
    model = _WORD_MODULE.word_tokenize_model
    regex = _REGEX_MODULE
    if model is None or regex.recompile_regex_patterns:
        return None
    sentence = text[start:end]
    if _normalize_characters(sentence) != sentence:
        return None
    spans = [m.span() for m in regex.patterns.finditer(sentence)]
    if not spans:
        return None
    pos = 0
    for a, b in spans:  # the tokens cover every non-space character (as _align matches them)
        if a == b or (a > pos and not sentence[pos:a].isspace()):
            return None
        pos = b
    tags = model.predict([[sentence[a:b]] for a, b in spans])
    out: list[tuple[int, int]] = []
    for tag, (a, b) in zip(tags, spans):
        if tag == "I-W" and out:  # the token continues the word before it
            out[-1] = (out[-1][0], start + b)
        else:
            out.append((start + a, start + b))
    return out


# Abbreviated unit words a sentence never ends with: "Thị ủy TX." + "Hương Thủy ..." is one sentence.
_UNIT_ABBREVIATION = re.compile(r"(?:^|\s)(?:TP|Tp|TX|TT|Q|P|H|X)\.$")


def _rejoin(sentences: list[str]) -> list[str]:
    """Sentences with the splitter's false breaks mended: a piece that opens with a
    lower-case letter or a bracket continues the one before ("Anh N.V.T." + "(SN 1990) bị bắt."),
    and so does a piece after an abbreviated unit word ("Thị ủy TX." + "Hương Thủy ...")."""
    out: list[str] = []
    for sentence in sentences:
        head = sentence.lstrip()[:1]
        if out and head and (head == "(" or head.islower() or _UNIT_ABBREVIATION.search(out[-1].rstrip())):
            out[-1] = out[-1] + " " + sentence
        else:
            out.append(sentence)
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: a non-blank line, or hard-wrapped lines joined (a line
    without closing punctuation followed by one that opens in lower case continues it)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    joinable = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + len(line) - len(line.lstrip())
            if joinable and spans and stripped[0].islower():
                spans[-1] = (spans[-1][0], start + len(stripped))
            else:
                spans.append((start, start + len(stripped)))
            joinable = stripped[-1] not in _CLOSING
        else:
            joinable = False
        pos += len(line) + 1
    return spans


_CLOSING = ".!?…:;\"”)»"


def _align(pieces: Iterable[str], text: str, cursor: int, stop: int | None = None) -> list[tuple[int, int]]:
    """Character spans of ``pieces`` in ``text[cursor:stop]``, matched in order, ignoring whitespace
    differences. A piece that does not match (the segmenter changed a character)
    is skipped and its characters later become tokens of their own.

    stop (int | None): where the searched stretch ends. Defaults to the end of ``text``.
    """
    out = []
    n = len(text) if stop is None else stop
    isspace, startswith = str.isspace, text.startswith
    for piece in pieces:
        pos = cursor
        while pos < n and isspace(text[pos]):
            pos += 1
        end = pos + len(piece)
        if piece and end <= n and startswith(piece, pos):  # the usual case: the piece is the text as written
            out.append((pos, end))
            cursor = end
            continue
        chars = [c for c in piece if not c.isspace()]
        if not chars:
            continue
        start, i, ok = pos, 0, True
        while i < len(chars):
            while pos < n and text[pos].isspace():
                pos += 1
            if pos >= n or text[pos] != chars[i]:
                ok = False
                break
            pos += 1
            i += 1
        if ok:
            out.append((start, pos))
            cursor = pos
        else:
            found = text.find("".join(chars[:3]), cursor, n)
            if found != -1 and " " not in piece:
                end = found + len(piece)
                if end <= n and text[found:end] == piece:
                    out.append((found, end))
                    cursor = end
    return out


_NON_SPACE = re.compile(r"\S+")


def _fill_gaps(spans: list[tuple[int, int]], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans covering every non-space character of text[start:end]."""
    out, pos = [], start
    append = out.append
    for a, b in spans:
        if a > pos and not text[pos:a].isspace():  # the usual gap is a space: nothing to cover
            out.extend(m.span() for m in _NON_SPACE.finditer(text, pos, a))
        if b > a:
            append((a, b))
        if b > pos:
            pos = b
    if end > pos and not text[pos:end].isspace():
        out.extend(m.span() for m in _NON_SPACE.finditer(text, pos, end))
    return out


def words_and_spaces(spans: Iterable[tuple[int, int]], text: str) -> tuple[list[str], list[bool], list[int]]:
    """spaCy's words/spaces for spans tiling ``text``: gaps other than one space become whitespace tokens."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[int] = []
    pos = 0
    for a, b in spans:
        if a != pos:
            if a == pos + 1 and text[pos] == " " and words and not spaces[-1]:  # the usual gap: one space
                spaces[-1] = True
            else:
                _add_gap(text[pos:a], pos, words, spaces, starts)
        words.append(text[a:b])
        spaces.append(False)
        starts.append(a)
        pos = b
    _add_gap(text[pos:], pos, words, spaces, starts)
    return words, spaces, starts


def _add_gap(gap: str, pos: int, words: list[str], spaces: list[bool], starts: list[int]) -> None:
    if not gap:
        return
    if gap[0] == " " and words and not spaces[-1]:
        spaces[-1] = True
        gap, pos = gap[1:], pos + 1
    if gap:
        words.append(gap)
        spaces.append(False)
        starts.append(pos)


