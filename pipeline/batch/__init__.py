"""Batch ingestion: incremental, atomic, locked Parquet datasets for cron runs and whole archives.

Modules, one job each: ``lock`` (one run at a time), ``datasets`` (partitioned
Parquet datasets swapped in atomically, upsert by ``article_id``), ``runs`` (the
``runs`` table), ``config`` (the TOML run configuration), ``ingest`` (articles in
batches to datasets), ``engine_dask`` (extraction on a Dask cluster), ``logs``.
"""
