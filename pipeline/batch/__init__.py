"""Batch ingestion: incremental, atomic, locked Parquet datasets for cron runs and whole archives.

Modules, one job each: ``lock`` (one run at a time), ``datasets`` (one Delta Lake
table per table, partitioned by month, upsert by ``article_id``, a run journal for
atomic batches across tables), ``runs`` (the
``runs`` table), ``config`` (the TOML run configuration), ``ingest`` (articles in
batches to datasets), ``engine_dask`` (extraction on a Dask cluster), ``logs``.
"""
