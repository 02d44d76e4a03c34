"""The rows event-rule tests compare: an article's events as (index, type, date, province, ward, parent, trigger)."""

from __future__ import annotations


def rows(doc_of, text, published):
    """The events of ``text`` published on ``published``; each event's name is checked to be its span's text."""
    doc = doc_of(text, published)
    for e in doc._.events:
        assert doc.text[e.start:e.end] == e.name
    return [(e.index, e.event_type, e.event_date, e.province, e.ward, e.parent, e.trigger) for e in doc._.events]
