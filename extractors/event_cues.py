"""Cue words around events (``event_cues.jsonl``): a commemorated anniversary ("kỷ niệm"), a campaign over a
period ("đợt cao điểm", "chiến dịch", "ra quân") and a side action told as part of the main event's story
("Trước đó", "Sau đó", "Trong chuyến công tác").

Holds ``Cues``: the gazetteer as one regex, longest pattern first (so "kỷ niệm chương", a medal, is not the
anniversary cue "kỷ niệm"), matched on the tone-folded text.
"""

from __future__ import annotations

import re

from pipeline.textnorm import fold_tones

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
ACTOR = "actor"  # a unit that acts ("Công an", "Phòng", "Ban Chỉ huy", "đơn vị"); units named after a commune also act
# A story cue opens its sentence: quotes, dashes or a bullet may come first.
_OPENING = re.compile(r"[\W_]*")


class Cues:
    """Finds cue words of one role in a span of text.

    cues (tuple[dict, ...]): ``event_cues.jsonl`` entries: pattern, id (the cue's role: anniversary, campaign,
    story, or another id that only shadows a shorter cue).
    """

    def __init__(self, cues: tuple[dict, ...]):
        self.roles = {fold_tones(e["pattern"]).lower(): e["id"] for e in cues}
        alternatives = sorted(self.roles, key=len, reverse=True)
        self.cue_re = re.compile(r"(?<!\w)(" + ("|".join(map(re.escape, alternatives)) or r"(?!)") + r")(?!\w)", re.I)

    def find(self, text: str, start: int, end: int, role: str) -> list[re.Match]:
        """The cues of ``role`` in ``text[start:end]`` (``text`` tone-folded), in order."""
        return [m for m in self.cue_re.finditer(text, start, end) if self.roles.get(m.group(1).lower()) == role]

    def opens(self, text: str, start: int, end: int, role: str) -> bool:
        """Whether ``text[start:end]`` opens with a cue of ``role`` ("Trước đó, sáng 4/3, ...")."""
        m = self.cue_re.match(text, _OPENING.match(text, start, end).end(), end)
        return m is not None and self.roles.get(m.group(1).lower()) == role
