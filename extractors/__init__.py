"""Extractors: one spaCy component per file, each reading the shared Doc.

Importing this package registers the factories (``vnie_furniture``, ``vnie_spans``,
``vnie_dates``, ``vnie_places``, ``vnie_officials``, ``vnie_events``,
``vnie_counts``, and the optional ``vnie_ner``) with spaCy.
"""

from extractors import counts, dates, events, furniture, ner, officials, places, span_layer  # noqa: F401
