"""Linking inside a ``vnie run`` commit: a batch is linked against the stored tables.

Incremental: no stored article is read again or re-extracted. The narrow columns of
the stored ``officials``, ``events``, ``counts`` and ``articles`` rows (no text) are
read, the batch's rows are laid over them, and persons and stories are linked over
the whole, as ``vnie extract`` would over the same articles (the linking is
order-independent, so the result is that of one big extract). Stored articles whose
``person_id``, ``participants`` or ``story_id`` change are re-emitted in the same
atomic commit (their stored rows, with the new ids); ``persons`` and ``stories`` are
rebuilt. Each commit's merges and splits of persons are appended to
``OUT/.vnie/linking.jsonl`` for ``vnie status``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.batch.layout import dataset_schema, month_of
from pipeline.linking import apply_person_ids
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
    the ``persons`` and ``stories`` rows of changed ids are rebuilt.

    store (Store): the datasets (``read(name, columns, filter)``, ``current``, ``rebuild``).
    change (Change): the batch's rows per article table and the articles it replaces.
    article_tables (tuple): the tables partitioned by article.
    RETURNS (tuple): (change with re-emitted articles added, {"persons": rows, "stories": rows}, LinkStats).
    """
    # The caller's lists stay as they are (its report counts the batch's articles): re-emitted ones go to copies.
    change = replace(change, rows={t: list(r) for t, r in change.rows.items()}, replaced=dict(change.replaced),
                     relinked={t: dict(m) for t, m in change.relinked.items()})
    rows = change.rows
    batch_ids = {a["article_id"] for a in rows.get("articles", [])}
    kept, gone = {}, {}
    narrow = _narrow_rows(store)
    for name in _COLUMNS:
        stored = narrow[name]
        kept[name] = [r for r in stored if r["article_id"] not in batch_ids]
        gone[name] = [r for r in stored if r["article_id"] in batch_ids]
    articles = kept["articles"] + rows.get("articles", [])
    officials = kept["officials"] + rows.get("officials", [])
    events = kept["events"] + rows.get("events", [])
    counts = kept["counts"] + rows.get("counts", [])
    before_people = {(o["article_id"], o["person_id"]) for o in kept["officials"]}
    before_events = {e["event_id"]: (tuple(e.get("participants") or ()), e.get("story_id")) for e in kept["events"]}
    # 1. the persons of the names the batch brings or takes away
    keys = {k for _, k in _units(rows.get("officials", []))} | {k for _, k in _units(gone["officials"])}
    ends = {name_ends(k) for k in keys}
    near = {o["article_id"] for o in kept["officials"] if o.get("name") and name_ends(name_key(o["name"])) in ends}
    near_rows = [o for o in kept["officials"] if o["article_id"] in near]  # the stored mentions that may move
    old_units = {u: pid for u, pid in _units(near_rows).items() if u[1] in keys}
    ids = link_persons(officials, articles, events, only_keys=keys)
    apply_person_ids(officials, events, ids)
    moved = [e for e in kept["events"] if tuple(e["participants"]) != before_events[e["event_id"]][0]]
    # 2. the stories near the batch's events, the replaced ones and those whose participants moved
    story = link_stories(events, articles, counts, around=rows.get("events", []) + gone["events"] + moved)
    for e in events:
        e["story_id"] = story.get(e["event_id"], e.get("story_id"))
    # Only the tables holding link columns are re-emitted: officials (person_id) and events (participants,
    # story_id); the other tables' rows of those articles are unchanged and stay where they are.
    changed = {"officials": {o["article_id"] for o in kept["officials"]
                             if (o["article_id"], o["person_id"]) not in before_people},
               "events": {e["article_id"] for e in kept["events"]
                          if before_events[e["event_id"]] != (tuple(e["participants"]), e["story_id"])}}
    stats = LinkStats(relinked_articles=len(changed["officials"] | changed["events"]))
    _count_merges(old_units, {u: pid for u, pid in _units(near_rows).items() if u[1] in keys}, stats)
    if stats.relinked_articles:
        month = {a["article_id"]: a.get("published") for a in kept["articles"]}
        _reemit(store, change, {t: sorted(a) for t, a in changed.items() if t in article_tables and a},
                ids, story, {t: {month.get(a) for a in aids} for t, aids in changed.items()})
    # 3. the persons and stories rows of every id that came, went or changed
    people = {o["person_id"] for o in gone["officials"]} | {o["person_id"] for o in rows.get("officials", [])}
    people |= {old for _, old in ids} | set(ids.values())  # everyone of the names linked again
    sids = set(story.values()) | {before_events[eid][1] for eid in story if eid in before_events}
    sids |= {e.get("story_id") for e in gone["events"]}
    for e in events:
        if e["story_id"] in sids:
            people.update(e["participants"])
    relink_all = getattr(store, "linked_all", False)  # a damaged fragment was moved aside: all of it
    if relink_all or store.current("persons") is None:  # a table removed by hand (or the first commit): all of it
        people |= {o["person_id"] for o in officials}
    if relink_all or store.current("stories") is None:
        sids |= {e["story_id"] for e in events}
    derived = {"persons": _rebuilt(store, "persons", "person_id", people,
                                   lambda: _careers(people, officials, articles, events)),
               "stories": _rebuilt(store, "stories", "story_id", sids,
                                   lambda: story_rows([e for e in events if e["story_id"] in sids], articles))}
    stats.persons, stats.stories = (len(fresh) + (kept.num_rows if kept is not None else 0)
                                    for kept, fresh in (derived["persons"], derived["stories"]))
    return change, derived, stats


def _careers(people: set[str], officials: list[dict], articles: list[dict], events: list[dict]) -> list[dict]:
    mine = [o for o in officials if o["person_id"] in people]
    aids = {o["article_id"] for o in mine}
    return career_rows(mine, [a for a in articles if a["article_id"] in aids],
                       [e for e in events if e["article_id"] in aids])


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


def _narrow_rows(store) -> dict[str, list[dict]]:
    """The narrow columns of every stored row, read once a run: the store keeps them (``store.linking``)
    and each commit lays its rows over them (``committed``), so no commit reads them again."""
    cached = getattr(store, "linking", None)
    if cached is None or store.rebuild:
        cached = {name: _read(store, name, cols) for name, cols in _COLUMNS.items()}
        if hasattr(store, "linking"):
            store.linking = cached
    return cached


def committed(store, change) -> None:
    """After ``change`` is committed: its rows replace those of its articles in the kept narrow rows
    (each row as a round trip through Arrow makes it, so the next batch links against exactly
    what a fresh read would give)."""
    cached = getattr(store, "linking", None)
    if cached is None:
        return
    batch = {a["article_id"] for a in change.rows.get("articles", [])} | set(change.replaced)
    for name, cols in _COLUMNS.items():
        ids = batch | set(change.relinked.get(name, ()))
        schema = pa.schema([_field(store, name, c) for c in cols])
        fresh = pa.Table.from_pylist([{c: r.get(c) for c in cols} for r in change.rows.get(name, [])],
                                     schema=schema).to_pylist()
        cached[name] = [r for r in cached[name] if r["article_id"] not in ids] + fresh


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
