"""The schema version and the tables' names, without their Arrow schemas (``pipeline/schemas.py``).

What a `vnie run` with nothing new needs of the schemas: it checks the version stamped on each
stored table and names the tables, and never imports pyarrow (with numpy, most of its cost).
``pipeline/schemas.py`` takes ``SCHEMA_VERSION`` from here and checks at import that its tables
are these, in this order.
"""

from __future__ import annotations

SCHEMA_VERSION = 2  # 2: counts.kind, officials.province, events.story_id, the stories table, persons as careers (older output folders: run `vnie reprocess`)

TABLES = ("articles", "officials", "mentions", "events", "counts", "dates", "persons", "stories")
