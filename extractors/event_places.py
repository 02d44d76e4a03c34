"""Where an event happened: the ward and province of its sentences, and another case told with "cũng".

Holds the placing regexes and ``EventPlacing``, the part of ``events.EventContext`` that places
events.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.textnorm import key

if TYPE_CHECKING:  # annotations only
    from extractors.event_triggers import Hit

SAME_DAY = re.compile(r"^\W*(?:[Cc]ùng ngày|[Cc]ùng thời điểm|[Tt]rong ngày)(?!\w)(?!\s+\d)")
_ALSO = re.compile(r"(?<!\w)cũng(?!\w)")
_LOCATED = re.compile(r"(?<!\w)(?:tại|ở)\s+(?:khu vực\s+|địa bàn\s+)?$", re.I)  # "... bắt giữ tại phường C"
_LIST_GAP = re.compile(r"\s*(?:,|và)\s*(?:và\s+)?")
# Right before a place: the unit that acted there ("Công an huyện X bắt quả tang ...", "TAND tỉnh Y xét xử ...").
_ACTING_UNIT = re.compile(r"(?<!\w)(?:Công an|CA|Cảnh sát|Biên phòng|Hải quan|TAND|Tòa án nhân dân|VKSND|"
                          r"Viện kiểm sát nhân dân|UBND|Ủy ban nhân dân)\s+$")


class EventPlacing:
    """The places of ``EventContext`` (reads text, sent_text, places, main_province)."""

    def another_case(self, sentence: int) -> bool:
        """Whether a sentence tells a case "also" done by another unit ("Công an xã B cũng ..."): it names a place."""
        text = self.sent_text[sentence]
        return ((_ALSO.search(text) is not None or SAME_DAY.search(text) is not None)
                and any(not p.residence for p in self.places.get(sentence, [])))

    def elsewhere(self, hit: Hit, province: str | None, ward: str | None) -> tuple[str | None, str | None] | None:
        """(province, ward) of a crime told as another case ("Công an xã B, tỉnh C cũng xử phạt ..."),
        when its sentence names a place that is not the main event's; else None."""
        if not self.another_case(hit.sentence):
            return None
        here_province, here_ward = self.place([hit.sentence])
        if here_ward is not None:
            differs = key(here_ward) != key(ward or "") or (province is not None and here_province != province)
        else:
            differs = here_province is not None and here_province != province
        return (here_province, here_ward) if differs else None

    def place(self, sentence_ids: list[int]) -> tuple[str | None, str | None]:
        """(province, ward) of the first of these sentences that names a place."""
        seen = []
        for i in sentence_ids:
            if i not in seen:
                seen.append(i)
        for i in seen:
            here = [p for p in self.places.get(i, []) if not p.residence]
            wards = [p for p in here if p.level == "ward" and p.ward]
            if wards:
                ward = self._the_ward(wards)
                province = (ward or wards[0]).province or self._province_in(here) or self.main_province
                return province, ward.ward if ward else None
        for i in seen:
            here = [p for p in self.places.get(i, []) if not p.residence]
            # the unit that acted places it, not a province named beside it ("từ tỉnh A về thì bị Công an huyện B bắt")
            acting = [p for p in here if _ACTING_UNIT.search(self.text, max(0, p.start - 30), p.start)]
            province = self._province_in(acting) or self._province_in(here)
            if province:
                return province, None
        return self.main_province, None

    def _the_ward(self, wards: list) -> object | None:
        """The one ward a sentence places the event in: the only one named, or the only one after "tại"
        that does not start a list ("tại phường A, phường B và xã C" names no single place)."""
        if len({key(p.ward) for p in wards}) == 1:
            return wards[0]
        located = [p for p in wards if _LOCATED.search(self.text, max(0, p.start - 12), p.start)]
        if len(located) != 1:
            return None
        listed = any(q.start > located[0].end and _LIST_GAP.fullmatch(self.text, located[0].end, q.start)
                     for q in wards)
        return None if listed else located[0]

    @staticmethod
    def _province_in(places: list) -> str | None:
        return next((p.province for p in places if p.province), None)
