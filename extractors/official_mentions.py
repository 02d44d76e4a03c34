"""What the officials reader finds in a sentence: person mentions and the positions given to them.

Holds ``Title`` (one position phrase, with where its organisation begins) and ``PersonMention``
(one name with its rank and positions); ``OfficialFinder`` merges them into ``Official`` records.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Title:
    text: str
    start: int
    end: int
    head: dict                 # the titles.jsonl entry of the head
    org_start: int | None      # where the organisation begins (None: head alone)


@dataclass
class PersonMention:
    name: str
    start: int                 # name span
    end: int
    sentence: int
    anchor: int                # first character of the whole mention (rank, title or honorific)
    rank: tuple[str, int, int] | None = None
    titles: list[Title] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)  # units after a position ("..., Bộ Công an,")
    short: bool = False        # one-syllable reference ("ông Sơn")
    excluded: bool = False     # suspect, defendant, victim, driver

    @property
    def weight(self) -> int:
        return len(self.titles) + (1 if self.rank else 0)
