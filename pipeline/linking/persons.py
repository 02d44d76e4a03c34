"""One ``person_id`` per real official across articles, and the ``persons`` career table.

The rule (also in the README):
1. Within an article, the name variants of one person are one profile (``names.py``).
2. Profiles with the same name key are one person unless their facts conflict:
   - provinces: the province of their units differ (a unit's own name, else the
     article's place for a local unit left unnamed, "Công an tỉnh"); national bodies
     (Bộ, Cục, Trung ương) say nothing of a province;
   - ranks: a higher rank seen on an earlier day than a lower one (ranks only rise),
     or two ranks on one day;
   - service: one wears a rank and the other holds a civil post (UBND, HĐND) without
     a rank and without a post in a police or military unit.
3. Compatible profiles are joined greedily, strongest evidence first (shared units,
   then shared titles, the same province), and two groups are joined only when no
   profile of one conflicts with a profile of the other. Ties go by article id, so
   the same profiles give the same persons whatever order they arrive in.
4. Ids: a name with one person keeps ``p_`` + sha1(name key)[:12] (the id of earlier
   versions). When a name has several persons, the one seen first (publication
   date, then article id) keeps that id; each other gets ``p_`` + sha1(name key +
   "|" + its first article id)[:12]. So adding articles splits a person only when a
   new article conflicts with them, and merges two only when a new article's facts
   make their conflict go away (e.g. the article that dated a rank is replaced).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from itertools import groupby
from dataclasses import dataclass, field

from pipeline.linking.facts import (ArticleContext, article_contexts, day_of, is_civil, is_uniformed,
                                    org_province, rank_order, unit_key)
from pipeline.linking.names import canonical_keys, name_key
from pipeline.textnorm import key


@dataclass
class Profile:
    """What one article says about one person."""

    article_id: str
    name_key: str
    day: str | None                       # the article's day (publication, else its main event)
    published: str
    ranks: set[int] = field(default_factory=set)
    provinces: set[str] = field(default_factory=set)
    units: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    civil: bool = False                   # holds a post of the civil government and none in a uniformed unit
    uniformed: bool = False               # holds a post in a police or military unit
    old_ids: set[str] = field(default_factory=set)

    @property
    def sort_key(self) -> tuple:
        return (self.published or "~", self.article_id)


def plain_id(k: str) -> str:
    return "p_" + hashlib.sha1(k.encode("utf-8")).hexdigest()[:12]


def namesake_id(k: str, first_article: str) -> str:
    return "p_" + hashlib.sha1(f"{k}|{first_article}".encode("utf-8")).hexdigest()[:12]


def profiles(officials: Iterable[dict], contexts: dict[str, ArticleContext]) -> list[Profile]:
    """One profile per (article, canonical name key)."""
    by_article: dict[str, list[dict]] = {}
    for row in officials:
        if row.get("name"):
            by_article.setdefault(row["article_id"], []).append(row)
    ranks = rank_order()
    out: list[Profile] = []
    for aid in sorted(by_article):
        rows = by_article[aid]
        ctx = contexts.get(aid) or ArticleContext(None, "", None, None)
        canon = canonical_keys([r["name"] for r in rows])
        found: dict[str, Profile] = {}
        for row in rows:
            k = canon[name_key(row["name"])]
            p = found.setdefault(k, Profile(aid, k, ctx.day, ctx.published))
            p.old_ids.add(row["person_id"])
            if row.get("rank") and name_key(row["rank"]) in ranks:
                p.ranks.add(ranks[name_key(row["rank"])])
            for org in _list(row.get("organizations")):
                p.units.add(unit_key(org, ctx.province, ctx.ward))
                prov = org_province(org, ctx.province)
                if prov:
                    p.provinces.add(prov)
                p.civil = p.civil or is_civil(org)
                p.uniformed = p.uniformed or is_uniformed(org)
            if row.get("province"):
                p.provinces.add(row["province"])
            p.titles.update(unit_key(t, ctx.province, ctx.ward) for t in _list(row.get("titles")))
        for p in found.values():
            p.civil = p.civil and not p.uniformed  # a police director sits on the provincial People's Committee
        out.extend(found[k] for k in sorted(found))
    return out


def _list(value) -> list:
    return [] if value is None else list(value)


def conflict(a: Profile, b: Profile) -> bool:
    """True when two profiles of one name cannot be one person (see the module docstring)."""
    if a.article_id == b.article_id:
        return True
    if a.provinces and b.provinces and not (a.provinces & b.provinces):
        return True
    if (a.ranks and b.civil and not b.ranks) or (b.ranks and a.civil and not a.ranks):
        return True
    if a.ranks and b.ranks and a.day and b.day:
        if a.day == b.day and a.ranks != b.ranks:
            return True
        early, late = (a, b) if a.day < b.day else (b, a)
        if early.day != late.day and min(early.ranks) > max(late.ranks):
            return True
    return False


def evidence(a: Profile, b: Profile) -> int:
    """How strongly two compatible profiles look like one person."""
    return 3 * len(a.units & b.units) + 2 * len(a.titles & b.titles) + len(a.provinces & b.provinces)


def cluster(group: list[Profile]) -> list[list[Profile]]:
    """Profiles of one name key grouped into persons (greedy, complete-link on conflicts)."""
    group = sorted(group, key=lambda p: p.sort_key)
    n = len(group)
    if n < 2 or not any_conflict(group):
        return [group] if group else []   # no two conflict: every pair joins, whatever the order
    members = {i: [i] for i in range(n)}
    owner = list(range(n))
    bad = {(i, j) for i in range(n) for j in range(i + 1, n) if conflict(group[i], group[j])}
    against: dict[int, set[int]] = {i: set() for i in range(n)}   # group -> the groups it has a conflict with
    for i, j in bad:
        against[i].add(j)
        against[j].add(i)
    pairs = sorted(((evidence(group[i], group[j]), i, j) for i in range(n) for j in range(i + 1, n)
                    if (i, j) not in bad), key=lambda t: (-t[0], t[1], t[2]))
    for _, i, j in pairs:
        ci, cj = owner[i], owner[j]
        if ci == cj or cj in against[ci]:
            continue
        keep, gone = min(ci, cj), max(ci, cj)
        members[keep].extend(members.pop(gone))
        for m in members[keep]:
            owner[m] = keep
        for other in against.pop(gone):
            against[other].discard(gone)
            against[other].add(keep)
            against[keep].add(other)
    return [[group[i] for i in sorted(m)] for _, m in sorted(members.items())]


def any_conflict(group: list[Profile]) -> bool:
    """Whether any two profiles of ``group`` conflict (``conflict``), found without comparing every pair."""
    if len({p.article_id for p in group}) < len(group):
        return True
    sets = {frozenset(p.provinces) for p in group if p.provinces}
    if len(sets) > 1 and not frozenset.intersection(*sets):
        sets = list(sets)
        if any(not (a & b) for x, a in enumerate(sets) for b in sets[x + 1:]):
            return True
    if any(p.ranks for p in group) and any(p.civil and not p.ranks for p in group):
        return True
    ranked = sorted((p for p in group if p.ranks and p.day), key=lambda p: p.day)
    highest_before = None   # the highest lowest-rank of the profiles of earlier days
    for _, same in groupby(ranked, key=lambda p: p.day):
        same = list(same)
        if len({frozenset(p.ranks) for p in same}) > 1:
            return True
        if highest_before is not None and any(highest_before > max(p.ranks) for p in same):
            return True
        lowest = max(min(p.ranks) for p in same)
        highest_before = lowest if highest_before is None else max(highest_before, lowest)
    return False


def link_persons(officials: list[dict], articles: list[dict], events: list[dict],
                 only_keys: set[str] | None = None, known: dict | None = None) -> dict[tuple[str, str], str]:
    """The linked person_id of every (article_id, person_id as written in the row).

    officials, articles, events (list[dict]): table rows (officials need article_id,
        person_id, name, rank, titles, organizations).
    only_keys (set[str] | None): link only the people of these canonical name keys (a
        batch's); the others are left out of the answer. Defaults to everyone.
    known (dict | None): {"profiles": article_id -> its profiles, "contexts": article_id -> its
        ArticleContext} of articles whose rows have not changed since they were made: taken from it,
        the others' added to it (the caller drops an article's entries when its rows change).
    RETURNS (dict): (article_id, row person_id) -> person_id of the real person.
    """
    if only_keys is not None:
        officials, articles, events = _around(officials, articles, events, only_keys)
    if known is None:
        found = profiles(officials, article_contexts(articles, events))
    else:
        cached = known.setdefault("profiles", {})
        todo = {a["article_id"] for a in articles if a["article_id"] not in cached}
        contexts = article_contexts([a for a in articles if a["article_id"] in todo], events,
                                    known.setdefault("contexts", {}))
        made = profiles([o for o in officials if o["article_id"] in todo], contexts)
        for aid in todo:
            cached[aid] = []
        for p in made:
            cached[p.article_id].append(p)
        found = [p for a in articles for p in cached[a["article_id"]]]
    by_name: dict[str, list[Profile]] = {}
    for p in found:
        if only_keys is None or p.name_key in only_keys:
            by_name.setdefault(p.name_key, []).append(p)
    ids: dict[tuple[str, str], str] = {}
    for k, group in by_name.items():
        for index, person in enumerate(cluster(group)):
            pid = plain_id(k) if index == 0 else namesake_id(k, person[0].article_id)
            for p in person:
                for old in p.old_ids:
                    ids[(p.article_id, old)] = pid
    return ids


def name_ends(k: str) -> tuple[str, str]:
    """The family and the given name of a name key: what a dropped-middle-name variant keeps."""
    words = k.split()
    return (words[0], words[-1]) if words else ("", "")


def _around(officials: list[dict], articles: list[dict], events: list[dict], keys: set[str]):
    """The rows of the articles that name someone who may have one of ``keys`` (a variant keeps
    the family and the given name, so those two words are enough to find them)."""
    ends = {name_ends(k) for k in keys}
    aids = {o["article_id"] for o in officials if o.get("name") and name_ends(name_key(o["name"])) in ends}
    return ([o for o in officials if o["article_id"] in aids], [a for a in articles if a["article_id"] in aids],
            [e for e in events if e["article_id"] in aids])


def career_rows(officials: list[dict], articles: list[dict], events: list[dict] | None = None,
                known: dict | None = None) -> list[dict]:
    """The ``persons`` table: one row per person with the ranks, positions, units and provinces
    seen over time (first and last publication day of each), articles and stories.

    known (dict | None): article_id -> ArticleContext of unchanged articles (``article_contexts``).
    RETURNS (list[dict]): rows sorted by person_id.
    """
    events = events or []
    contexts = article_contexts(articles, events, known)
    stories: dict[str, set[str]] = {}
    for e in events:
        for p in e.get("participants") or []:
            if e.get("story_id"):
                stories.setdefault(p, set()).add(e["story_id"])
    people: dict[str, dict] = {}
    order = sorted(officials, key=lambda r: ((contexts.get(r["article_id"]) or ArticleContext(None, "", None, None))
                                             .published or "~", r["article_id"]))
    for row in order:
        ctx = contexts.get(row["article_id"]) or ArticleContext(None, "", None, None)
        when = ctx.published or None
        p = people.setdefault(row["person_id"], {
            "person_id": row["person_id"], "name": row["name"], "latest_rank": None, "positions": [],
            "articles": set(), "first_seen": when, "last_seen": when, "names": [],
            "ranks": {}, "titles": {}, "units": {}, "provinces": []})
        p["articles"].add(row["article_id"])
        if len(row["name"] or "") > len(p["name"] or ""):
            p["name"] = row["name"]  # the fullest form ("Phạm Thị Hòa" over "Phạm Hòa")
        if row["name"] and row["name"] not in p["names"]:
            p["names"].append(row["name"])
        if row.get("rank"):
            p["latest_rank"] = row["rank"]
            _seen(p["ranks"], row["rank"], when)
        for title in _list(row.get("titles")):
            if title not in p["positions"]:
                p["positions"].append(title)
            _seen(p["titles"], title, when)
        for org in _list(row.get("organizations")):
            _seen(p["units"], org, when)
            prov = org_province(org, ctx.province)
            if prov and prov not in p["provinces"]:
                p["provinces"].append(prov)
        if when and (p["first_seen"] is None or when < p["first_seen"]):
            p["first_seen"] = when
        if when and (p["last_seen"] is None or when > p["last_seen"]):
            p["last_seen"] = when
    out = []
    for pid in sorted(people):
        p = people[pid]
        arts = p.pop("articles")
        out.append({**p, "n_articles": len(arts), "article_ids": sorted(arts),
                    "ranks": _spans(p["ranks"], "rank"), "titles": _spans(p["titles"], "title"),
                    "units": _spans(p["units"], "unit"), "n_stories": len(stories.get(pid, ()))})
    return out


def _seen(spans: dict, value: str, when: str | None) -> None:
    first, last = spans.get(value, (when, when))
    if when and (first is None or when < first):
        first = when
    if when and (last is None or when > last):
        last = when
    spans[value] = (first, last)


def _spans(spans: dict, name: str) -> list[dict]:
    """Values with the first and last day seen, in the order they were first seen."""
    return [{name: v, "first_seen": day_of(f) or f, "last_seen": day_of(l) or l}
            for v, (f, l) in sorted(spans.items(), key=lambda kv: (kv[1][0] or "~", kv[0]))]
