"""Photo captions among the body sentences: they show the news, they do not tell it.

Holds ``captions_of`` (the body sentences on a caption line) and ``capitals_tail`` (a credit in capitals closing a
line: "... NAM LONG"); plain text functions, read before the article's ``EventContext`` is built.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from extractors.event_words import EventWords
from pipeline.settings import EventsOptions

_STOPS = ".!?…:;”\")"  # how a paragraph of the article ends
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s*$")


def captions_of(text: str, sents: list[Span], body: list[int], words: EventWords, options: EventsOptions) -> set[int]:
    """Body sentences on a photo-caption line: a short line with a credit ("Ảnh: Văn Hải") or a
    photographer's name in capitals at its end ("... bị bắt giữ NAM LONG"), or a short line with no
    stop, number or day after a paragraph that ends with one ("Quang cảnh hội nghị").

    text (str): the article text; sents (list[Span]): its sentences; body (list[int]): the body sentences.
    words (EventWords), options (EventsOptions): the photo credit words; the longest caption (section [events]).
    RETURNS (set[int]): the caption sentences.
    """
    lines: dict[int, list[int]] = {}
    for i in body:
        lines.setdefault(text.rfind("\n", 0, sents[i].start_char) + 1, []).append(i)
    out: set[int] = set()
    photo_credit = words.photo_credit
    previous = ""
    for k, (start, ids) in enumerate(lines.items()):
        end = text.find("\n", start)
        line = text[start:end if end != -1 else len(text)].strip()
        n = len(line.split())
        credited = n <= options.max_caption_words and (photo_credit.search(line) or _capitals_credit(line))
        bare = (k > 0 and n <= options.max_bare_caption_words and line[-1:] not in _STOPS and previous[-1:] in _STOPS
                and not any(c.isdigit() for c in line))
        if credited or bare:
            out.update(ids)
        previous = line
    return out


def capitals_tail(text: str, start: int, end: int) -> int | None:
    """Where two or more words in capitals closing ``text[start:end]`` begin (a credit: "... NAM LONG")."""
    pos, words = end, 0
    while True:
        m = _WORD_BEFORE.search(text, start, pos)
        if m is None or not m.group(1).isupper() or len(m.group(1)) < 2:
            break
        pos, words = m.start(), words + 1
    return pos if words >= 2 else None


def _capitals_credit(line: str) -> bool:
    """Whether a line without a closing stop ends with a name in capitals after words in lower case."""
    if not line or line[-1] in _STOPS:
        return False
    credit = capitals_tail(line, 0, len(line))
    return credit is not None and any(c.islower() for c in line[:credit])
