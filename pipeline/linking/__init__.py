"""Linking across articles: one ``person_id`` per real official, one ``story_id`` per real event.

Pure functions over table rows (dicts), deterministic and independent of the order
the rows come in, so ``vnie extract`` (the articles of one call) and ``vnie run``
(the datasets, batch after batch) give the same ids for the same archive:

  names.py     within an article: name variants (tone placement, dropped middle name) are one person
  persons.py   across articles: same name and compatible facts -> one person; career rows
  stories.py   across articles: same type, day, place and overlapping facts -> one story; story rows
  dataset.py   the hook that re-links a batch against the stored tables of ``vnie run``

``link_tables`` is the entry point for in-memory tables.
"""

from __future__ import annotations


def link_tables(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Rewrite ``person_id``/``participants``, set ``events.story_id``, build ``persons`` and ``stories``.

    tables (dict): rows of ``articles``, ``officials``, ``events`` (and others, untouched);
        rows are changed in place.
    RETURNS (dict): the same dict with ``persons`` and ``stories`` rows added.
    """
    # Imported here (the rules read the gazetteer and settings): importing ``pipeline.run`` stays cheap
    # for a `vnie run` that finds nothing new.
    from pipeline.linking.persons import career_rows, link_persons
    from pipeline.linking.stories import link_stories, story_rows

    articles, officials, events = tables["articles"], tables["officials"], tables["events"]
    counts = tables.get("counts", [])
    ids = link_persons(officials, articles, events)
    apply_person_ids(officials, events, ids)
    stories = link_stories(events, articles, counts)
    for e in events:
        e["story_id"] = stories[e["event_id"]]
    tables["stories"] = story_rows(events, articles)
    tables["persons"] = career_rows(officials, articles, events)
    return tables


def apply_person_ids(officials: list[dict], events: list[dict], ids: dict[tuple[str, str], str]) -> None:
    """Set each official's ``person_id`` and each event's ``participants`` from ``ids``.

    ids (dict): (article_id, person_id as the row had it) -> the linked person_id.
    """
    for row in officials:
        row["person_id"] = ids.get((row["article_id"], row["person_id"]), row["person_id"])
    for e in events:
        seen: list[str] = []
        for p in e.get("participants") or []:
            new = ids.get((e["article_id"], p), p)
            if new not in seen:
                seen.append(new)
        e["participants"] = seen
