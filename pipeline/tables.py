"""Records on a processed Doc to table rows, every extracted row with its provenance."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from extractors.base import person_id, sentence_of, sentence_texts  # noqa: F401 - person_id: re-exported
from pipeline.article import Article
from pipeline.schemas import ARTICLE_TABLES


def event_id(article_id: str, index: int) -> str:
    return f"{article_id}-e{index}"


def article_rows(article: Article, doc: Doc) -> dict[str, list[dict]]:
    """Every table's rows for one article (``persons`` is built later, across articles)."""
    aid = article.article_id
    sents = sentence_texts(doc)

    def prov(sentence: int, start: int, end: int) -> dict:
        return {"sentence": sentence, "start": start, "end": end, "evidence": sents[sentence].strip()}

    rows: dict[str, list[dict]] = {name: [] for name in ARTICLE_TABLES}
    rows["articles"].append({
        "article_id": aid, "source": article.source, "url": article.url, "title": article.title,
        "published": article.published, "published_at": article.published_at, "text": article.text,
        "body_end": doc._.body_end, "captions_start": article.captions_start, "author": article.author,
        "reader": article.reader, "n_sentences": len(sents),
    })
    for o in doc._.officials or []:
        rows["officials"].append({"article_id": aid, "person_id": o.person_id, "name": o.name, "rank": o.rank,
                                  "titles": list(o.titles), "organizations": list(o.organizations),
                                  "province": o.province,
                                  **prov(o.sentence, o.start, o.end)})
    for e in doc._.events or []:
        rows["events"].append({
            "article_id": aid, "event_id": event_id(aid, e.index), "event_type": e.event_type, "name": e.name,
            "event_date": e.event_date, "province": e.province, "ward": e.ward,
            "participants": list(e.participants),
            "parent_event_id": event_id(aid, e.parent) if e.parent is not None else None,
            "trigger": e.trigger, **prov(e.sentence, e.start, e.end)})
    for c in doc._.counts or []:
        rows["counts"].append({
            "article_id": aid, "value": float(c.value), "unit": c.unit, "category": c.category, "kind": c.kind,
            "approximate": bool(c.approximate), "event_id": event_id(aid, c.event) if c.event is not None else None,
            "award": c.award, "text": c.text, **prov(c.sentence, c.start, c.end)})
    for d in doc._.dates or []:
        rows["dates"].append({"article_id": aid, "text": d.text, "value": d.value, "granularity": d.granularity,
                              "part_of_day": d.part_of_day, **prov(d.sentence, d.start, d.end)})
    seen = set()
    for record in _records(doc):
        for m in record.mentions():
            if (m.label, m.start, m.end) in seen:
                continue
            seen.add((m.label, m.start, m.end))
            rows["mentions"].append({"article_id": aid, "label": m.label, "text": m.text, "norm": m.norm,
                                     "method": m.method, **prov(sentence_of(doc, m.start), m.start, m.end)})
    rows["mentions"].sort(key=lambda r: (r["start"], r["end"], r["label"]))
    return rows


def _records(doc: Doc) -> Iterable:
    """Every record with mentions: each date and count mention (repeats too), not just the table's first ones."""
    for name in ("officials", "places", "events"):
        yield from getattr(doc._, name) or []
    yield from doc._.count_mentions or doc._.counts or []
    yield from doc._.date_mentions or doc._.dates or []
    yield from doc._.ner or []  # last: a span a rule gave with the same label stays the rule's


def persons_rows(officials: list[dict], articles: list[dict], events: list[dict] | None = None) -> list[dict]:
    """The ``persons`` table: each person's career across articles (``pipeline.linking.persons``)."""
    from pipeline.linking.persons import career_rows  # lazy: linking reads the settings and gazetteer

    return career_rows(officials, articles, events)
