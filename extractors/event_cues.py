"""Cue words around events (``event_cues.jsonl``): a commemorated anniversary ("kỷ niệm"), a campaign over a
period ("đợt cao điểm", "chiến dịch", "ra quân") and a side action told as part of the main event's story
("Trước đó", "Sau đó", "Trong chuyến công tác").

The cues are phrases of the span layer (``vnie_spans``, ``extractors/span_layer.py``: label CUE, shown in
``doc.spans["CUE"]`` with their role as id), found once per Doc on its folded lower-case words (``hoà`` and
``hòa``, "Sau đó" and "sau đó" are one phrase). Holds ``Cues``, a view of the layer's cue phrases asked for the
cues of one role in a range of words (``in_words``) or of characters (``find``, ``opens``): left to right, the
longest cue at each word whatever its role (so "kỷ niệm chương", a medal, is not the anniversary cue "kỷ niệm"),
and ``Cue``, one cue found.
"""

from __future__ import annotations

from typing import NamedTuple

from extractors.span_layer import EntryViews, SpanLayer, view_matches, word_from

ANNIVERSARY, CAMPAIGN, STORY = "anniversary", "campaign", "story"
# The object an arrest verb needs ("bàn giao 3 đối tượng"; "phát hiện 1 xuồng chở dầu"), and the units whose
# names end with a commune's bare name ("Đồn Biên phòng Tam Chung": the post, not where something happened).
SUSPECT, OFFENCE, UNIT = "suspect", "offence", "unit"
MISHAP = "mishap"  # a fire, a death or an injury found: an accident, not an offence ("phát hiện xe bốc cháy")
# A fire brought under control ("đám cháy được khống chế", "dập tắt"): a later clause of the fire, not its day.
CONTROL = "control"
# What a unit does on a day of its own that no trigger names ("tổ chức chương trình", "điều 30 chiến sĩ", "mở đợt
# kiểm tra"): an event of type other when its sentence opens with its day.
ACTION = "action"
# A noun naming who did an offence or the case ("vụ", "hành vi", "nhóm"; with the suspect words): an offence verb right
# after it names them ("đối tượng cướp tài sản", "vụ lấy trộm xe"), it does not tell the offence.
DOER = "doer"
ACTOR = "actor"  # a unit that acts ("Công an", "Phòng", "Ban Chỉ huy", "đơn vị"); units named after a commune also act


class Cue(NamedTuple):
    """One cue found: its first word and number of words in the layer, its characters, its role (the entry's id)."""

    first: int
    length: int
    start: int
    end: int
    role: str


class Cues:
    """Finds cue words of one role on a span layer's words.

    cues (tuple[dict, ...]): ``event_cues.jsonl`` entries: pattern, id (the cue's role: anniversary, campaign,
    story, or another id that only shadows a shorter cue); each a phrase of the layer's gazetteer.
    """

    def __init__(self, cues: tuple[dict, ...]):
        self.cues = tuple(cues)
        # per gazetteer: the layer's phrase id -> cue entry (the last entry of a phrase wins), and the words
        # that start a cue
        self.view = EntryViews(self.cues)

    def in_words(self, layer: SpanLayer, lo: int, hi: int, role: str) -> list[Cue]:
        """The cues of ``role`` in words ``lo .. hi`` of the layer, in order."""
        view, firsts = self.view(layer.gazetteer)
        words = layer.words
        return [Cue(k, n, words[k].start, words[k + n - 1].end, role)
                for k, n, entry in view_matches(layer, view, lo, hi, firsts) if entry["id"] == role]

    def find(self, layer: SpanLayer, start: int, end: int, role: str) -> list[Cue]:
        """The cues of ``role`` in characters ``start .. end`` (whole words of the layer inside them), in order."""
        return self.in_words(layer, *_word_range(layer, start, end), role)

    def opening(self, layer: SpanLayer, start: int, end: int) -> Cue | None:
        """The cue that opens characters ``start .. end`` ("Trước đó, sáng 4/3, ..."), of any role, or None: the
        longest cue at the first word that is not a mark (quotes, dashes or a bullet may come first)."""
        lo, hi = _word_range(layer, start, end)
        words = layer.words
        while lo < hi and words[lo].shape == "punct":
            lo += 1
        view, firsts = self.view(layer.gazetteer)
        if lo == hi or layer.lows[lo] not in firsts:
            return None
        for n, pid in layer.hits[lo]:  # longest first
            entry = view.get(pid) if lo + n <= hi else None
            if entry is not None:
                return Cue(lo, n, words[lo].start, words[lo + n - 1].end, entry["id"])
        return None

    def opens(self, layer: SpanLayer, start: int, end: int, role: str) -> bool:
        """Whether characters ``start .. end`` open with a cue of ``role`` ("Trước đó, sáng 4/3, ...")."""
        cue = self.opening(layer, start, end)
        return cue is not None and cue.role == role


def _word_range(layer: SpanLayer, start: int, end: int) -> tuple[int, int]:
    """(first word, end word) of the layer's words that lie within characters ``start .. end``."""
    lo, hi = word_from(layer, start), word_from(layer, end)
    if hi > lo and layer.words[hi - 1].end > end:
        hi -= 1  # the last word goes on past ``end``
    return lo, max(lo, hi)
