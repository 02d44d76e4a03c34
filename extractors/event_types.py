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

from dataclasses import dataclass, field


@dataclass(frozen=True)
class EventTypes:
    """The flags of every event type, as sets and maps the rules test membership in.

    entries (dict[str, dict]): ``event_types.jsonl`` entries by type id.
    """

    entries: dict[str, dict]
    incidents: frozenset[str] = frozenset()
    cases: frozenset[str] = frozenset()
    hosts: tuple[str, ...] = ()  # in file order
    attended: frozenset[str] = frozenset()
    campaigns: frozenset[str] = frozenset()
    named_by: dict[str, str] = field(default_factory=dict)
    dated_by: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_entries(cls, entries: tuple[dict, ...]) -> "EventTypes":
        by_id = {e["id"]: e for e in entries}

        def flagged(name: str) -> tuple[str, ...]:
            return tuple(t for t, e in by_id.items() if e.get(name))

        return cls(by_id, incidents=frozenset(flagged("incident")), cases=frozenset(flagged("case")),
                   hosts=flagged("host"), attended=frozenset(flagged("attended")),
                   campaigns=frozenset(flagged("campaign")),
                   named_by={t: e["named_by"] for t, e in by_id.items() if "named_by" in e},
                   dated_by={t: e["dated_by"] for t, e in by_id.items() if "dated_by" in e},
                   roles={e["role"]: t for t, e in by_id.items() if "role" in e})

    def with_flag(self, name: str, value=True) -> tuple[str, ...]:
        """The types whose flag ``name`` is ``value``, in file order."""
        return tuple(t for t, e in self.entries.items() if e.get(name) == value)

    def of_role(self, role: str) -> str:
        """The one type of a role ("award", "visit", "action")."""
        return self.roles[role]
