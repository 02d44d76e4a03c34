"""What the officials reader finds in a sentence: person mentions and the positions given to them.

Holds ``Title`` (one position phrase, with where its organisation begins and the parent units
written after it) and ``PersonMention`` (one name with its rank and positions); ``OfficialFinder``
merges them into ``Official`` records.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Title:
    text: str                  # the whole position, parent units included ("Đội trưởng Đội ..., Phòng ...")
    start: int
    end: int
    head: dict                 # the titles.jsonl entry of the head
    org_start: int | None      # where the organisation begins (None: head alone)
    core_end: int | None = None  # where the position ends before its parent units (None: at ``end``)
    parents: tuple[tuple[int, int], ...] = ()  # character spans of the parent units, innermost first
    local: bool = False        # ends with a local unit named without its place ("Công an tỉnh", "Tỉnh ủy")
    names_place: bool = False  # names a place ("tỉnh Hải Dương", "tỉnh Phôngsalỳ"), known or not
    names_province: bool = False  # ... a province-level one ("tỉnh Phôngsalỳ"), not only a district or commune
    heading: bool = False      # given by a list's heading ("các đồng chí Ủy viên BTV Tỉnh ủy: A, ...; B, ...")
    bare_kind: bool = False    # its top unit is of a local kind written without its parent ("Trưởng phòng
    #                            Cảnh sát hình sự", "Đồn trưởng Đồn Biên phòng A": organisations.jsonl ``local_kind``)

    @property
    def own_end(self) -> int:
        return self.end if self.core_end is None else self.core_end


@dataclass
class PersonMention:
    name: str
    start: int                 # name span
    end: int
    sentence: int
    anchor: int                # first character of the whole mention (rank, title or honorific)
    rank: tuple[str, int, int] | None = None
    titles: list[Title] = field(default_factory=list)
    short: bool = False        # one-syllable reference ("ông Sơn")
    excluded: bool = False     # suspect, defendant, victim, driver
    ranked: bool = False       # introduced by a rank ("Thượng úy A"), for lists sharing one title

    @property
    def weight(self) -> int:
        return len(self.titles) + (1 if self.rank else 0)
