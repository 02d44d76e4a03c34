"""Which body sentences tell an event's news: not photo captions, not tallies over a period.

Holds the sentence constants (the lead, captions, tallies), the regexes that spot a tally or a
caption (shared with the trigger matcher), ``capitals_tail`` (a credit in capitals) and
``SentenceFlags``, the part of ``events.EventContext`` that marks captions, tallies and a review's
opening.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from extractors.event_triggers import Hit

# The lead's length, the longest caption, the counts that make a tally: ``self.options``, section [events] of
# pipeline/settings.toml.
# The regexes that spot a tally or a caption are composed from ``event_words.jsonl`` (``EventWords``).
_STOPS = ".!?…:;”\")"  # how a paragraph of the article ends
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s*$")


class SentenceFlags:
    """Captions, tallies and the review opening of ``EventContext`` (reads text, sents, sent_text, body, ranked,
    tallies, and ``point_days``, ``own_day`` of ``EventDating``)."""

    def line_start(self, sentence: int) -> int:
        """Where the line (paragraph) of a sentence starts."""
        return self.text.rfind("\n", 0, self.sents[sentence].start_char) + 1

    def _captions(self) -> set[int]:
        """Body sentences on a photo-caption line: a short line with a credit ("Ảnh: Văn Hải") or a
        photographer's name in capitals at its end ("... bị bắt giữ NAM LONG"), or a short line with no
        stop, number or day after a paragraph that ends with one ("Quang cảnh hội nghị")."""
        lines: dict[int, list[int]] = {}
        for i in self.body:
            lines.setdefault(self.line_start(i), []).append(i)
        out: set[int] = set()
        previous = ""
        for k, (start, ids) in enumerate(lines.items()):
            end = self.text.find("\n", start)
            line = self.text[start:end if end != -1 else len(self.text)].strip()
            words = len(line.split())
            credited = words <= self.options.max_caption_words and (self.words.photo_credit.search(line) or _capitals_credit(line))
            bare = (k > 0 and words <= self.options.max_bare_caption_words and line[-1:] not in _STOPS and previous[-1:] in _STOPS
                    and not any(c.isdigit() for c in line))
            if credited or bare:
                out.update(ids)
            previous = line
        return out

    def _tallies(self) -> set[int]:
        """Sentences that count results over a period, and those continuing them in the same paragraph.

        A tally compares with an earlier period, or with no day of its own counts three cases or people,
        or some over a period ("Trong 6 tháng đầu năm, ... khởi tố 9 vụ, 9 bị can"); a day makes it an incident.
        """
        out: set[int] = set()
        for i in self.ranked:
            text = self.sent_text[i]
            counts = len(self.words.case_count.findall(text))
            dated = bool(self.point_days(i))
            period = self.words.period.search(text) is not None or self.words.year_frame.match(text) is not None
            tally = (self.words.compare.search(text) is not None
                     or (not dated and (counts >= self.options.min_stats_counts or (counts and period))))
            continued = (counts and not dated and i - 1 in out and self.line_start(i) == self.line_start(i - 1))
            if tally or continued:
                out.add(i)
        return out

    def review(self, hits: list[Hit]) -> bool:
        """Whether the article opens by tallying a period's results, as the report of a review conference
        does: a tally among the first sentences, before any crime or accident told with its own day."""
        for i in self.ranked[:self.options.stats_lead_sentences]:
            if i in self.tallies:
                return True
            if any(h.sentence == i and self.types.incident(h.type) and not h.background and self.own_day(h)
                   for h in hits):
                return False
        return False


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
