"""Extractors: one spaCy component per file, each reading the shared Doc.

Importing this package registers the factories (``vnie_furniture``, ``vnie_spans``,
``vnie_dates``, ``vnie_places``, ``vnie_officials``, ``vnie_events``,
``vnie_counts``, ``vnie_fact_spans``, and the optional ``vnie_ner``) with spaCy.
"""

from extractors import counts, dates, events, fact_spans, furniture, ner, officials, places, span_layer  # noqa: F401
