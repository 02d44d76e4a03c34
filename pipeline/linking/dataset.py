"""Linking inside a ``vnie run`` commit: a batch is linked against the stored tables.

Incremental: no stored article is read again or re-extracted. The narrow columns of
the stored ``officials``, ``events``, ``counts`` and ``articles`` rows (no text) are
read once a run into a linking index (``LinkingIndex``: the rows by article, and the
articles by name ends, person_id, linking day and story_id), which each commit keeps
up to date. A commit links the batch with the stored articles its names, days and
stories reach, as ``vnie extract`` would over the same articles (the linking is
order-independent, so the result is that of one big extract). Stored articles whose
``person_id``, ``participants`` or ``story_id`` change are re-emitted in the same
atomic commit, in the tables holding those columns only (``officials``, ``events``:
their stored rows, with the new ids); the ``persons`` and ``stories`` rows of the ids
that changed are rebuilt. Each commit's merges and splits of persons are appended to
``OUT/.vnie/linking.jsonl`` for ``vnie status``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.batch.layout import dataset_schema, month_of
from pipeline.linking import apply_person_ids
from pipeline.linking.facts import day_of, link_options
from pipeline.linking.names import canonical_keys, name_key
from pipeline.linking.persons import career_rows, link_persons, name_ends
from pipeline.linking.stories import link_stories, story_rows

STATS_FILE = "linking.jsonl"
_COLUMNS = {
    "articles": ["article_id", "published", "url", "source"],
    "officials": ["article_id", "person_id", "name", "rank", "titles", "organizations"],
    "events": ["article_id", "event_id", "event_type", "name", "event_date", "province", "ward", "participants",
               "parent_event_id", "story_id"],
    "counts": ["article_id", "event_id", "category", "value"],
}


@dataclass
class LinkStats:
    """What one commit's linking changed among the stored rows."""

    merges: list[dict] = field(default_factory=list)   # {"person_id", "from": [old ids]}
    splits: list[dict] = field(default_factory=list)   # {"person_id": old id, "into": [new ids]}
    relinked_articles: int = 0
    persons: int = 0
    stories: int = 0


def relink(store, change, article_tables: tuple[str, ...]):
    """Link the batch in ``change`` against the store; re-emit stored articles whose ids change.

    Only the people whose name the batch brings or takes away, and the events within
    reach of the batch's days, are linked again; the others keep their ids, and only
    the ``persons`` and ``stories`` rows of changed ids are rebuilt. The stored rows
    are found through the linking index (``LinkingIndex``: by name, person, day and
    story), so a commit looks at the articles it can change, not at the archive.

    store (Store): the datasets (``read(name, columns, filter)``, ``current``, ``rebuild``).
    change (Change): the batch's rows per article table and the articles it replaces.
    article_tables (tuple): the tables partitioned by article.
    RETURNS (tuple): (change with re-emitted articles added, {"persons": rows, "stories": rows}, LinkStats).
    """
    # The caller's lists stay as they are (its report counts the batch's articles): re-emitted ones go to copies.
    change = replace(change, rows={t: list(r) for t, r in change.rows.items()}, replaced=dict(change.replaced),
                     relinked={t: dict(m) for t, m in change.relinked.items()})
    rows = change.rows
    index = _index(store)
    batch_ids = {a["article_id"] for a in rows.get("articles", [])}
    gone = {name: [r for aid in batch_ids for r in index.rows[name].get(aid, ())] for name in _COLUMNS}
    relink_all = getattr(store, "linked_all", False)  # a damaged fragment was moved aside: all of it
    everything = relink_all or store.current("persons") is None or store.current("stories") is None
    work = _Work(index, rows, batch_ids)
    # 1. the persons of the names the batch brings or takes away
    keys = {k for _, k in _units(rows.get("officials", []))} | {k for _, k in _units(gone["officials"])}
    near = index.named({name_ends(k) for k in keys}) - batch_ids
    if everything:
        near = set(index.rows["articles"]) - batch_ids
    near_before = [o for aid in sorted(near) for o in index.rows["officials"].get(aid, ())]
    old_units = {u: pid for u, pid in _units(near_before).items() if u[1] in keys}
    officials = work.rows("officials", near) + rows.get("officials", [])
    events = work.rows("events", near) + rows.get("events", [])
    ids = link_persons(officials, work.rows("articles", near) + rows.get("articles", []), events, only_keys=keys,
                       known=index.known)
    apply_person_ids(officials, events, ids)
    stored_events = {e["event_id"]: e for aid in near for e in index.rows["events"].get(aid, ())}
    moved = [e for aid in sorted(near) for e in work.copies["events"].get(aid, ())
             if index.participants(e) != index.participants(stored_events[e["event_id"]])]
    # 2. the stories near the batch's events, the replaced ones and those whose participants moved
    around = rows.get("events", []) + gone["events"] + moved
    published = {**{aid: index.published(aid) for aid in near}, **{a["article_id"]: a.get("published")
                                                                  for a in rows.get("articles", [])}}
    reach = 2 * max(link_options().date_tolerance_days, link_options().publication_window_days)
    days = {_when(e, published.get(e["article_id"], index.published(e["article_id"]))) for e in around}
    close = index.on_days(days - {None}, reach) | {e["article_id"] for e in moved}
    close = (index.in_stories({e.get("story_id") for aid in close for e in index.rows["events"].get(aid, ())}
                              | {e.get("story_id") for e in gone["events"]}) | close) - batch_ids
    if everything:
        close = set(index.rows["articles"]) - batch_ids
    linked = work.rows("events", close) + rows.get("events", [])
    story = link_stories(linked, work.rows("articles", close) + rows.get("articles", []),
                         work.rows("counts", close) + rows.get("counts", []), around=around)
    for e in linked:
        e["story_id"] = story.get(e["event_id"], e.get("story_id"))
    # Only the tables holding link columns are re-emitted: officials (person_id) and events (participants,
    # story_id); the other tables' rows of those articles are unchanged and stay where they are.
    changed = {"officials": {aid for aid, copied in work.copies["officials"].items()
                             if {o["person_id"] for o in copied}
                             - {o["person_id"] for o in index.rows["officials"].get(aid, ())}},
               "events": {aid for aid, copied in work.copies["events"].items()
                          if [(index.participants(e), e.get("story_id")) for e in copied]
                          != [(index.participants(e), e.get("story_id")) for e in index.rows["events"].get(aid, ())]}}
    stats = LinkStats(relinked_articles=len(changed["officials"] | changed["events"]))
    near_after = [o for aid in sorted(near) for o in work.copies["officials"].get(aid, ())]
    _count_merges(old_units, {u: pid for u, pid in _units(near_after).items() if u[1] in keys}, stats)
    if stats.relinked_articles:
        _reemit(store, change, {t: sorted(a) for t, a in changed.items() if t in article_tables and a},
                ids, story, {t: {index.published(a) for a in aids} for t, aids in changed.items()})
    # 3. the persons and stories rows of every id that came, went or changed
    people = {o["person_id"] for o in gone["officials"]} | {o["person_id"] for o in rows.get("officials", [])}
    people |= {old for _, old in ids} | set(ids.values())  # everyone of the names linked again
    sids = set(story.values()) | {s for aid in close for e in index.rows["events"].get(aid, ())
                                  if e["event_id"] in story for s in (e.get("story_id"),)}
    sids |= {e.get("story_id") for e in gone["events"]}
    for e in linked:
        if e["story_id"] in sids:
            people.update(e["participants"])
    if relink_all or store.current("persons") is None:  # a table removed by hand (or the first commit): all of it
        people |= {o["person_id"] for o in officials}
    if relink_all or store.current("stories") is None:
        sids |= {e["story_id"] for e in linked}
    mine = index.of_persons(people) | near | close
    derived = {"persons": _rebuilt(store, "persons", "person_id", people,
                                   lambda: _careers(people, work.rows("officials", mine) + rows.get("officials", []),
                                                    work.rows("articles", mine) + rows.get("articles", []),
                                                    work.rows("events", mine) + rows.get("events", []),
                                                    index.known.setdefault("contexts", {}))),
               "stories": _rebuilt(store, "stories", "story_id", sids,
                                   lambda: story_rows([e for e in linked if e["story_id"] in sids],
                                                      work.rows("articles", close) + rows.get("articles", [])))}
    stats.persons, stats.stories = (len(fresh) + (kept.num_rows if kept is not None else 0)
                                    for kept, fresh in (derived["persons"], derived["stories"]))
    return change, derived, stats


def _when(event: dict, published) -> date | None:
    """The day an event is linked on (``stories._near``): its own, else its article's publication day."""
    day = day_of(event.get("event_date")) or day_of(str(published or ""))
    return date.fromisoformat(day) if day else None


class _Work:
    """Copies of the stored narrow rows of the articles a commit may change: linking sets ids on them
    and compares them with the stored ones (``LinkingIndex.rows``, left as they are until committed)."""

    def __init__(self, index: "LinkingIndex", batch_rows: dict, batch_ids: set):
        self.index = index
        self.batch_ids = batch_ids
        self.copies: dict[str, dict[str, list[dict]]] = {name: {} for name in _COLUMNS}

    def rows(self, name: str, aids) -> list[dict]:
        """The (copied) stored rows of ``aids`` in one table, the same dicts every time asked."""
        out = []
        copies, stored = self.copies[name], self.index.rows[name]
        for aid in sorted(aids):
            if aid in self.batch_ids:
                continue
            if aid not in copies:
                copies[aid] = [dict(r) for r in stored.get(aid, ())]
            out.extend(copies[aid])
        return out


class LinkingIndex:
    """The stored narrow rows linking reads, by article, with what finds them: articles by name ends
    (family and given name), by person_id, by linking day and by story_id. Read once a run (``_index``)
    and brought up to date by each commit (``committed``), so a commit's linking reads and compares the
    articles its names, days and stories reach, not every stored row."""

    def __init__(self, tables: dict[str, list[dict]]):
        self.rows: dict[str, dict[str, list[dict]]] = {name: {} for name in _COLUMNS}
        self.by_ends: dict[tuple, set[str]] = {}
        self.by_person: dict[str, set[str]] = {}
        self.by_day: dict[date, set[str]] = {}
        self.by_story: dict[str, set[str]] = {}
        # What linking made of an article's rows (its person profiles, its context), kept until they change.
        self.known: dict[str, dict] = {"profiles": {}, "contexts": {}}
        for name in ("articles", "officials", "events", "counts"):   # articles first: events' days need them
            grouped: dict[str, list[dict]] = {}
            for r in tables.get(name, []):
                grouped.setdefault(r["article_id"], []).append(r)
            for aid, found in grouped.items():
                self._put(name, aid, found)

    def published(self, aid: str):
        found = self.rows["articles"].get(aid)
        return found[0].get("published") if found else None

    @staticmethod
    def participants(event: dict) -> tuple:
        return tuple(event.get("participants") or ())

    def named(self, ends: set) -> set[str]:
        return set().union(*(self.by_ends.get(e, ()) for e in ends))

    def of_persons(self, people: set) -> set[str]:
        return set().union(*(self.by_person.get(p, ()) for p in people))

    def in_stories(self, sids: set) -> set[str]:
        return set().union(*(self.by_story.get(s, ()) for s in sids if s is not None))

    def on_days(self, days: set, reach: int) -> set[str]:
        """Articles with an event linked on a day within ``reach`` days of one of ``days``."""
        wanted = {d + timedelta(days=k) for d in days for k in range(-reach, reach + 1)}
        return set().union(*(self.by_day.get(d, ()) for d in wanted))

    def drop(self, name: str, aids: set) -> None:
        """The stored rows of ``aids`` in one table go (``put`` gives the fresh ones)."""
        for aid in aids:
            self._drop(name, aid)

    def put(self, name: str, fresh: list[dict]) -> None:
        """Rows of articles not in the table (dropped first) are added to it."""
        grouped: dict[str, list[dict]] = {}
        for r in fresh:
            grouped.setdefault(r["article_id"], []).append(r)
        for aid, found in grouped.items():
            self._put(name, aid, found)

    def _keys(self, name: str, aid: str, found: list[dict]):
        if name == "officials":
            for o in found:
                if o.get("name"):
                    yield self.by_ends, name_ends(name_key(o["name"]))
                yield self.by_person, o.get("person_id")
        elif name == "events":
            for e in found:
                day = _when(e, self.published(aid))
                if day is not None:
                    yield self.by_day, day
                if e.get("story_id"):
                    yield self.by_story, e["story_id"]

    def _put(self, name: str, aid: str, found: list[dict]) -> None:
        self.rows[name][aid] = found
        for where, k in self._keys(name, aid, found):
            where.setdefault(k, set()).add(aid)

    def _drop(self, name: str, aid: str) -> None:
        for made in self.known.values():
            made.pop(aid, None)
        found = self.rows[name].pop(aid, None)
        if not found:
            return
        for where, k in self._keys(name, aid, found):
            held = where.get(k)
            if held is not None:
                held.discard(aid)
                if not held:
                    del where[k]


def _careers(people: set[str], officials: list[dict], articles: list[dict], events: list[dict],
             contexts: dict | None = None) -> list[dict]:
    mine = [o for o in officials if o["person_id"] in people]
    aids = {o["article_id"] for o in mine}
    return career_rows(mine, [a for a in articles if a["article_id"] in aids],
                       [e for e in events if e["article_id"] in aids], contexts)


def _rebuilt(store, name: str, id_column: str, ids: set, fresh) -> tuple[pa.Table | None, list[dict]]:
    """(the stored rows of a linked table but those of ``ids``, ``fresh()`` rows for them)."""
    if store.rebuild or getattr(store, "linked_all", False) or store.current(name) is None:
        return None, fresh()
    cache = getattr(store, "linked", None)
    table = cache.get(name) if cache is not None else None
    if table is None:
        table = store.read(name)
        if cache is not None:
            cache[name] = table
    if ids and table.num_rows:
        table = table.filter(pc.invert(pc.is_in(table[id_column], value_set=pa.array(sorted(ids), pa.string()))))
    return table, fresh()


def linked_table(derived: tuple[pa.Table | None, list[dict]], schema: pa.Schema, id_column: str,
                 stamp: dict) -> pa.Table:
    """One linked table to write: the kept stored rows and the fresh ones (stamped), sorted by id."""
    kept, fresh = derived
    table = pa.Table.from_pylist([{**stamp, **r} for r in fresh], schema=schema)
    if kept is not None and kept.num_rows:
        kept = kept.drop_columns([c for c in kept.column_names if c not in schema.names])
        table = pa.concat_tables([kept.select(schema.names).cast(schema), table])
    return table.take(pc.sort_indices(table, [(id_column, "ascending")]))


def _read(store, name: str, columns: list[str]) -> list[dict]:
    """Every stored row of a table, narrow columns only (no text)."""
    if store.rebuild or store.current(name) is None:
        return []
    return store.read(name, columns).to_pylist()


def _index(store) -> LinkingIndex:
    """The linking index of the stored rows, read once a run: the store keeps it (``store.linking``)
    and each commit lays its rows over it (``committed``), so no commit reads them again."""
    cached = getattr(store, "linking", None)
    if cached is None or store.rebuild:
        cached = LinkingIndex({name: _read(store, name, cols) for name, cols in _COLUMNS.items()})
        if hasattr(store, "linking"):
            store.linking = cached
    return cached


def committed(store, change) -> None:
    """After ``change`` is committed: its rows replace those of its articles in the linking index
    (each row as a round trip through Arrow makes it, so the next batch links against exactly
    what a fresh read would give)."""
    cached = getattr(store, "linking", None)
    if cached is None:
        return
    batch = {a["article_id"] for a in change.rows.get("articles", [])} | set(change.replaced)
    for name in ("events", "officials", "counts", "articles"):   # events before their articles (their days)
        cached.drop(name, batch | set(change.relinked.get(name, ())))
    for name in ("articles", "officials", "events", "counts"):   # articles first: events' days need them
        cols = _COLUMNS[name]
        schema = pa.schema([_field(store, name, c) for c in cols])
        cached.put(name, pa.Table.from_pylist([{c: r.get(c) for c in cols} for r in change.rows.get(name, [])],
                                              schema=schema).to_pylist())


def _field(store, name: str, column: str) -> pa.Field:

    return dataset_schema(name).field(column)


def _units(officials: list[dict]) -> dict[tuple[str, str], str]:
    """(article, canonical name key) -> person_id: what merges and splits are counted on."""
    by_article: dict[str, list[dict]] = {}
    for o in officials:
        by_article.setdefault(o["article_id"], []).append(o)
    out = {}
    for aid, rows in by_article.items():
        canon = canonical_keys([r["name"] for r in rows if r.get("name")])
        for r in rows:
            if r.get("name"):
                out[(aid, canon[name_key(r["name"])])] = r["person_id"]
    return out


def _count_merges(old: dict, new: dict, stats: LinkStats) -> None:
    olds: dict[str, set[str]] = {}
    news: dict[str, set[str]] = {}
    for unit, before in old.items():
        after = new.get(unit, before)
        news.setdefault(after, set()).add(before)
        olds.setdefault(before, set()).add(after)
    stats.merges = [{"person_id": p, "from": sorted(s)} for p, s in sorted(news.items()) if len(s) > 1]
    stats.splits = [{"person_id": p, "into": sorted(s)} for p, s in sorted(olds.items()) if len(s) > 1]


def _reemit(store, change, aids: dict[str, list[str]], ids: dict, story: dict,
            published: dict[str, set] | None = None) -> None:
    """Add the stored rows of the tables and articles of ``aids`` to the batch with their new ids
    (they replace themselves in those tables only: ``change.relinked``).

    aids (dict): table (officials, events) -> the article_ids whose rows there change.
    published (dict | None): table -> the publication strings of its ``aids``: only their month partitions are read.
    """
    for name, wanted_ids in aids.items():
        wanted = pa.array(wanted_ids, pa.string())
        parts = None if published is None else {month_of(p) for p in published.get(name, ())}
        table = store.read(name, None, pc.field("article_id").isin(wanted), months=parts, ids=wanted_ids)
        months = change.relinked.setdefault(name, {})
        for row in table.to_pylist():
            months[row["article_id"]] = row.pop("month", None)
            if name == "officials":
                row["person_id"] = ids.get((row["article_id"], row["person_id"]), row["person_id"])
            if name == "events":
                row["story_id"] = story.get(row["event_id"], row.get("story_id"))
                people: list[str] = []
                for p in row.get("participants") or []:
                    new = ids.get((row["article_id"], p), p)
                    if new not in people:
                        people.append(new)
                row["participants"] = people
            change.rows.setdefault(name, []).append(row)


def record_stats(meta: Path, generation: int, stats: LinkStats) -> None:
    """Append one commit's linking figures to ``meta/linking.jsonl`` (read by ``vnie status``)."""
    line = json.dumps({"generation": generation, "committed_at": datetime.now(timezone.utc).isoformat(),
                       "merges": stats.merges, "splits": stats.splits, "relinked_articles": stats.relinked_articles,
                       "persons": stats.persons, "stories": stats.stories}, ensure_ascii=False)
    with open(Path(meta) / STATS_FILE, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def stats_since(meta: Path, since: datetime | None) -> dict:
    """Merges, splits and re-linked articles of the commits made at or after ``since``."""
    path = Path(meta) / STATS_FILE
    out = {"merges": 0, "splits": 0, "relinked_articles": 0, "persons": None, "stories": None}
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
            at = datetime.fromisoformat(entry["committed_at"])
        except (ValueError, KeyError):
            continue  # a line cut by a crash
        if since is not None and at < since:
            continue
        out["merges"] += len(entry["merges"])
        out["splits"] += len(entry["splits"])
        out["relinked_articles"] += entry["relinked_articles"]
        out["persons"], out["stories"] = entry["persons"], entry["stories"]
    return out
