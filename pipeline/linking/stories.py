"""One ``story_id`` per real event across articles, and the ``stories`` table.

Two events of different articles can be one story when (rule also in the README):
- they have the same ``event_type`` (a sub-event of one article, e.g. a commendation
  told as part of a festival, matches another article's main event of that type), or
  types named together in ``related_types`` (a case and the reward for it) when both
  are dated the same day and share a count or a participant;
- their days agree: equal (up to ``date_tolerance_days``), or, for an event without a
  date, the other's day lies in the ``publication_window_days`` before its article's
  publication day;
- their places do not disagree: no two different provinces, no two different wards;
- something beyond the type and the day ties them: the same province or ward, a
  shared participant (linked person_id), similar names (word overlap at least
  ``name_similarity``) or a count of the same category and value (a count tied to
  no event counts for its article's main events). Types in
  ``loose_types`` (crime, accident, other) need a name, participant or count, since
  two crimes in one province on one day are common.
Events are joined greedily, strongest evidence first; two groups are joined only when
every pair across them is compatible and no article would tell the story twice.
A story's id is ``s_`` + sha1(event_id of its first event)[:12], the first being the
earliest published (then the smallest article and event id): a story keeps its id
when later articles join it.
"""

from __future__ import annotations

import bisect
import hashlib
from collections import Counter
from datetime import date, timedelta
from functools import lru_cache

from pipeline.linking.facts import day_of, link_options, outlet_of
from pipeline.textnorm import key


@lru_cache(maxsize=200_000)
def _words(name: str | None) -> frozenset[str]:
    return frozenset(key(name or "").replace("“", " ").replace("”", " ").replace('"', " ").split())


@lru_cache(maxsize=200_000)
def _place(name: str) -> str:
    return key(name)


@lru_cache(maxsize=200_000)
def _date(day: str | None) -> date | None:
    return date.fromisoformat(day) if day else None


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


class _Event:
    __slots__ = ("id", "article", "type", "day", "pub_day", "province", "ward", "words", "people", "counts", "order")

    def __init__(self, row: dict, published: str, counts: set[tuple[str, float]]):
        self.id = row["event_id"]
        self.article = row["article_id"]
        self.type = row.get("event_type")
        self.day = _date(day_of(row.get("event_date")))
        self.pub_day = _date(day_of(published))
        self.province = _place(row["province"]) if row.get("province") else None
        self.ward = _place(row["ward"]) if row.get("ward") else None
        self.words = _words(row.get("name"))
        self.people = set(row.get("participants") or [])
        self.counts = counts
        self.order = (published or "~", self.article, self.id)

    @property
    def when(self) -> date | None:
        """The day used for blocking: the event's, else its article's publication day."""
        return self.day or self.pub_day


def _days_agree(a: _Event, b: _Event, opts) -> bool:
    if a.day and b.day:
        return abs((a.day - b.day).days) <= opts.date_tolerance_days
    for undated, other in ((a, b), (b, a)):
        if undated.day is None and other.day is not None:
            return undated.pub_day is not None and \
                timedelta(0) <= undated.pub_day - other.day <= timedelta(days=opts.publication_window_days)
    return a.pub_day is not None and a.pub_day == b.pub_day  # neither dated: published the same day


def compatible(a: _Event, b: _Event, opts) -> bool:
    return (a.article != b.article and (a.type == b.type or frozenset((a.type, b.type)) in opts.related_types)
            and _days_agree(a, b, opts)
            and not (a.province and b.province and a.province != b.province)
            and not (a.ward and b.ward and a.ward != b.ward))


def evidence(a: _Event, b: _Event, opts) -> int:
    """0 when nothing but type and day ties the two events; higher is stronger."""
    strong = 3 * len(a.people & b.people) + 2 * len(a.counts & b.counts)
    if _jaccard(a.words, b.words) >= opts.name_similarity:
        strong += 2
    place = int(bool(a.province and a.province == b.province)) + int(bool(a.ward and a.ward == b.ward))
    if a.type != b.type:  # related types (a case and its reward): a shared count or participant, on the same day
        return strong if a.day and b.day and strong else 0
    if a.type in opts.loose_types and not strong:
        return 0
    return strong + place


def link_stories(events: list[dict], articles: list[dict], counts: list[dict] | None = None,
                 around: list[dict] | None = None) -> dict[str, str]:
    """The story_id of every event.

    events, articles, counts (list[dict]): table rows; events need their (linked) participants.
    around (list[dict] | None): link only the events near these (a batch's): those within
        twice the matching reach of their days, and every event of a story one of those is
        in (events need ``story_id`` then); the others are left out of the answer.
        Defaults to every event.
    RETURNS (dict): event_id -> story_id.
    """
    opts = link_options()
    if around is not None:
        events = _near(events, articles, around, opts)
    published = {a["article_id"]: str(a.get("published") or "") for a in articles}
    main: dict[str, list[str]] = {}
    for e in events:
        if not e.get("parent_event_id"):
            main.setdefault(e["article_id"], []).append(e["event_id"])
    by_event: dict[str, set[tuple[str, float]]] = {}
    for c in counts or []:  # a count tied to no event tells of the article's main events
        for eid in [c["event_id"]] if c.get("event_id") else main.get(c["article_id"], []):
            by_event.setdefault(eid, set()).add((c.get("category"), float(c["value"])))
    evs = sorted((_Event(e, published.get(e["article_id"], ""), by_event.get(e["event_id"], set())) for e in events),
                 key=lambda e: e.order)
    reach = max(opts.date_tolerance_days, opts.publication_window_days)
    # Blocking: only events of one type (or related types) within ``reach`` days of each other are compared.
    family = {t: min([t, *(u for pair in opts.related_types if t in pair for u in pair)]) for t in {e.type for e in evs}}
    by_type: dict[str, list[int]] = {}
    for i, e in enumerate(evs):
        if e.when is not None:
            by_type.setdefault(family[e.type], []).append(i)
    pairs = []
    whens = [e.when for e in evs]
    window = timedelta(days=reach)
    for idx in by_type.values():
        idx.sort(key=lambda i: (whens[i], i))
        for x, i in enumerate(idx):
            last = whens[i] + window
            for j in idx[x + 1:]:
                if whens[j] > last:
                    break
                a, b = (i, j) if i < j else (j, i)
                if compatible(evs[a], evs[b], opts):
                    score = evidence(evs[a], evs[b], opts)
                    if score > 0:
                        pairs.append((score, a, b))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    members = {i: [i] for i in range(len(evs))}
    owner = list(range(len(evs)))
    # Clusters found to hold an incompatible pair of events: a cluster grown from one still holds that
    # pair, so the check is not made again for them (the stories are those of checking every time).
    apart: dict[int, set[int]] = {}
    for _, i, j in pairs:
        ci, cj = owner[i], owner[j]
        if ci == cj or cj in apart.get(ci, ()):
            continue
        if not all(compatible(evs[x], evs[y], opts) for x in members[ci] for y in members[cj]):
            apart.setdefault(ci, set()).add(cj)
            apart.setdefault(cj, set()).add(ci)
            continue
        keep, gone = min(ci, cj), max(ci, cj)
        members[keep].extend(members.pop(gone))
        for m in members[keep]:
            owner[m] = keep
        for other in apart.pop(gone, ()):   # what was apart from either part is apart from the whole
            apart[other].discard(gone)
            apart[other].add(keep)
            apart.setdefault(keep, set()).add(other)
    out = {}
    for _, group in members.items():
        first = min(group)  # events are sorted by (published, article, event id)
        sid = "s_" + hashlib.sha1(evs[first].id.encode("utf-8")).hexdigest()[:12]
        for m in group:
            out[evs[m].id] = sid
    return out


def _near(events: list[dict], articles: list[dict], around: list[dict], opts) -> list[dict]:
    """The events a batch can change the story of: within twice the reach of the batch's days
    (a story spans at most the reach, so no chain is longer), closed over stored story_ids."""
    published = {a["article_id"]: str(a.get("published") or "") for a in articles}

    def when(e: dict) -> date | None:
        return _date(day_of(e.get("event_date")) or day_of(published.get(e["article_id"])))

    reach = 2 * max(opts.date_tolerance_days, opts.publication_window_days)
    days = sorted({d for d in map(when, around) if d is not None})
    ids = {e["event_id"] for e in around}
    if days:
        for e in events:
            d = when(e)
            if d is not None:
                i = bisect.bisect_left(days, d - timedelta(days=reach))
                if i < len(days) and days[i] <= d + timedelta(days=reach):
                    ids.add(e["event_id"])
    stories = {e.get("story_id") for e in events if e["event_id"] in ids} - {None}
    return [e for e in events if e["event_id"] in ids or e.get("story_id") in stories]


def story_rows(events: list[dict], articles: list[dict]) -> list[dict]:
    """The ``stories`` table: one row per story_id of ``events`` (which carry it), sorted by story_id."""
    by_id = {a["article_id"]: a for a in articles}
    groups: dict[str, list[dict]] = {}
    for e in events:
        groups.setdefault(e["story_id"], []).append(e)
    rows = []
    for sid in sorted(groups):
        evs = sorted(groups[sid], key=lambda e: (str(by_id.get(e["article_id"], {}).get("published") or "~"),
                                                  e["article_id"], e["event_id"]))
        arts = []
        for e in evs:
            if e["article_id"] not in arts:
                arts.append(e["article_id"])
        pubs = sorted(str(by_id[a].get("published")) for a in arts if a in by_id and by_id[a].get("published"))
        outlets = sorted({outlet_of(by_id[a]) for a in arts if a in by_id})
        people: list[str] = []
        for e in evs:
            people.extend(p for p in e.get("participants") or [] if p not in people)
        main = [e for e in evs if not e.get("parent_event_id")] or evs
        rows.append({
            "story_id": sid, "event_type": _common([e["event_type"] for e in main]),
            "event_date": _common([e.get("event_date") for e in evs]),
            "province": _common([e.get("province") for e in evs]),
            "ward": _common([e.get("ward") for e in evs]),
            "name": _common([e.get("name") for e in main]),
            "n_articles": len(arts), "article_ids": arts,
            "n_outlets": len(outlets), "outlets": outlets,
            "first_published": pubs[0] if pubs else None, "last_published": pubs[-1] if pubs else None,
            "participants": sorted(people), "event_ids": [e["event_id"] for e in evs],
        })
    return rows


def _common(values: list):
    """The most frequent non-null value; ties go to the earliest published."""
    values = [v for v in values if v is not None and not (isinstance(v, float) and v != v)]
    if not values:
        return None
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)
