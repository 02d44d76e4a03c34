"""What each event type does, read from ``event_types.jsonl`` (one line per type, its flags).

Flags of an entry (absent means no):
  incident (bool): the crime or accident itself: placed where it happened ("xảy ra tại ..."), counted over a period
      it is background, and a report of it is dated by the day it happened.
  case (bool): a case of several dated steps (a raid, an arrest, a prosecution): each step on a day of its own is an
      event of its own, placed by its own sentence; its name is the act and its object.
  named_by (str): "noun" (a head noun with words of its own names it: "Hội nghị sơ kết ..."), "act" (the verb and
      its object: "bắt giữ 16 người ..."), "clause" (the clause with its short subject).
  attended (bool): the officials shown attending, speaking or presenting anywhere take part (not in a case).
  host (bool): the article also reports the commendation and gifts given at it, as its sub-events.
  campaign (bool): it may open a campaign over a period ("lễ phát động chiến dịch ..."), dated by its first day.
  review (str): in an article that opens with a period's tally, the type is the news when "mentioned" anywhere, or
      when named by a "head" noun ("Hội nghị biểu dương ...").
  dated_by (str): "raid" (a report dates it by the raid or arrest told after it), "outbreak" (by the crash or the
      alarm; a later clause about its control is not its day).
  role (str): "award" (what a ceremony at which it is given becomes), "visit" (its gifts are what it brought, its
      days of its own are rows of their own), "action" (an action no trigger names, and the ceremony's own type).

Adding an event type is one line here and its trigger lines in ``event_triggers.jsonl``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventTypes:
    """The flags of every event type.

    entries (dict[str, dict]): ``event_types.jsonl`` entries by type id.
    """

    entries: dict[str, dict]

    @classmethod
    def from_entries(cls, entries: tuple[dict, ...]) -> "EventTypes":
        return cls({e["id"]: e for e in entries})

    def flag(self, etype: str | None, name: str):
        """The value of a flag of a type (None when absent or the type is unknown)."""
        return self.entries.get(etype, {}).get(name) if etype is not None else None

    def incident(self, etype: str | None) -> bool:
        return bool(self.flag(etype, "incident"))

    def case(self, etype: str | None) -> bool:
        return bool(self.flag(etype, "case"))

    def host(self, etype: str | None) -> bool:
        return bool(self.flag(etype, "host"))

    def attended(self, etype: str | None) -> bool:
        return bool(self.flag(etype, "attended"))

    def campaign(self, etype: str | None) -> bool:
        return bool(self.flag(etype, "campaign"))

    def named_by(self, etype: str | None) -> str | None:
        return self.flag(etype, "named_by")

    def dated_by(self, etype: str | None) -> str | None:
        return self.flag(etype, "dated_by")

    def with_flag(self, name: str, value=True) -> tuple[str, ...]:
        """The types whose flag ``name`` is ``value``, in file order."""
        return tuple(t for t, e in self.entries.items() if e.get(name) == value)

    def of_role(self, role: str) -> str:
        """The one type of a role ("award", "visit", "action")."""
        return next(t for t, e in self.entries.items() if e.get("role") == role)
