"""A simulated archive through `vnie run`'s ingest twice: one process, then a Dask LocalCluster;
the tables must be identical (content, order-independent). Prints the rates (never asserted by tests).

    python -m pipeline.bench_archive --articles 50000            # the issue's size
    python -m pipeline.bench_archive --articles 2000 --workers 2 --keep /tmp/scale-archive

The archive: variants of the bundled and annotated articles (``bench_datasets``' recipe: a changed
count sentence, a publication day over 120 months), generated lazily in a fixed shuffled order, so
memory does not grow with ``--articles``. Each table is compared month partition by month
partition through a sorted 64-bit hash of every row (``processed_at``/``pipeline_version`` left out).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOLATILE = ("processed_at", "pipeline_version")


def archive(n: int, seed: int = 12) -> Iterator:
    """``n`` generated articles (variants of the bundled and annotated ones), in a fixed mixed order."""
    from pipeline.article import Article
    from pipeline.readers import read_inputs

    inputs = [p for p in (ROOT / "corpus", ROOT / "tests" / "gold_extra", ROOT / "tests" / "gold_g",
                          ROOT / "tests" / "gold_dec") if p.exists()]
    base = [a for a in read_inputs(inputs) if isinstance(a, Article)]
    order = list(range(n))
    random.Random(seed).shuffle(order)
    for i in order:
        a = base[i % len(base)]
        year, month = 2016 + (i % 120) // 12, 1 + i % 12
        yield dataclasses.replace(a, source=f"{a.source}#{i}", url=None,
                                  published=f"{year}-{month:02d}-{1 + i % 28:02d}", published_at=None,
                                  text=a.text + f" Đến nay, đơn vị đã xử lý {i + 7} vụ việc vi phạm.")


def _cpu_of_tree() -> float:
    """CPU seconds (user + system) of this process and every live descendant."""
    import psutil

    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.NoSuchProcess:
            pass
    return total


def run_once(n: int, out: Path, engine) -> dict:
    """One ingest of the archive: wall and CPU seconds (process tree), and the driver's commit seconds
    (``Store.commit`` and ``Store.finish``, wall: what bounds a cluster's rate, as the driver commits serially)."""
    from pipeline.batch.ingest import ingest
    from pipeline.bench_datasets import commit_time

    with commit_time(time.perf_counter) as spent:
        start, cpu0 = time.perf_counter(), _cpu_of_tree()
        report = ingest(archive(n), out, engine=engine, kind="bench")
        wall, cpu = time.perf_counter() - start, _cpu_of_tree() - cpu0
    return {"articles": report.new + report.updated, "skipped": len(report.skipped), "wall_s": wall, "cpu_s": cpu,
            "rate": (report.new + report.updated) / wall, "rows": report.rows, "commit_s": spent["commit"]}


def _row_hashes(path: Path):
    import numpy as np
    import pandas as pd
    import pyarrow.parquet as pq

    df = pq.read_table(path).to_pandas()
    df = df.drop(columns=[c for c in (*VOLATILE, "month") if c in df.columns])
    df = df[sorted(df.columns)].map(lambda v: json.dumps(v.tolist() if hasattr(v, "tolist") else v,
                                                         default=str, ensure_ascii=False))
    return np.sort(pd.util.hash_pandas_object(df, index=False).to_numpy())


def compare(a: Path, b: Path, live: dict[str, int] | None = None) -> list[str]:
    """The tables (month partitions) whose rows differ between two output folders; [] when identical.

    live (dict | None): filled with each table's rows in ``a`` (what the tables hold, unlike the rows a
        run *wrote*, which count the rows re-written when linking changed them, and so depend on how
        the articles fell into batches)."""
    import numpy as np

    from pipeline.batch.datasets import TABLES

    differ = []
    for name in TABLES:
        parts_a = sorted(p.relative_to(a / name) for p in (a / name).rglob("*.parquet") if "_delta_log" not in p.parts)
        parts_b = sorted(p.relative_to(b / name) for p in (b / name).rglob("*.parquet") if "_delta_log" not in p.parts)
        folders = sorted({p.parent for p in parts_a} | {p.parent for p in parts_b})
        for folder in folders:
            ha = [_row_hashes(a / name / p) for p in parts_a if p.parent == folder]
            hb = [_row_hashes(b / name / p) for p in parts_b if p.parent == folder]
            ha = np.sort(np.concatenate(ha)) if ha else np.array([], dtype="uint64")
            hb = np.sort(np.concatenate(hb)) if hb else np.array([], dtype="uint64")
            if not np.array_equal(ha, hb):
                differ.append(f"{name}/{folder} ({len(ha)} vs {len(hb)} rows)")
            if live is not None:
                live[name] = live.get(name, 0) + len(ha)
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench_archive", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=0, help="LocalCluster workers (0: one per core)")
    parser.add_argument("--chunk-size", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="Leave the two output folders here (default: a temporary folder).")
    args = parser.parse_args(argv)
    import logging

    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("distributed").setLevel(logging.ERROR)   # the cluster's start and stop lines

    from pipeline.batch.engine_dask import DaskEngine
    from pipeline.batch.engine_pool import PoolEngine, default_workers

    workers = args.workers or default_workers()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        print(f"archive: {args.articles} articles, {workers} Dask workers on this machine ({default_workers()} cores)",
              flush=True)
        with PoolEngine(workers=1, name="local") as one:
            local = run_once(args.articles, base / "one-process", one)
        print(f"one process  {local['rate']:7.2f} articles/s  wall {local['wall_s']:.0f} s  CPU {local['cpu_s']:.0f} s "
              f"({local['cpu_s'] / max(1, local['articles']) * 1000:.0f} ms CPU an article; commits {local['commit_s']:.0f} s)",
              flush=True)
        with DaskEngine(workers=workers, chunk_size=args.chunk_size) as engine:
            dask = run_once(args.articles, base / "dask", engine)
        print(f"dask x{workers}     {dask['rate']:7.2f} articles/s  wall {dask['wall_s']:.0f} s  CPU {dask['cpu_s']:.0f} s "
              f"({dask['cpu_s'] / max(1, dask['articles']) * 1000:.0f} ms CPU an article); "
              f"commits {dask['commit_s']:.0f} s; speed-up {local['wall_s'] / dask['wall_s']:.2f}x", flush=True)
        live: dict[str, int] = {}
        differ = compare(base / "dask", base / "one-process", live)
        same = not differ and dask["articles"] == local["articles"]
        print(f"tables       {'identical' if same else 'DIFFERENT: ' + ', '.join(differ[:10])} "
              f"({local['articles']} articles; rows in the tables {live}; rows written by the runs, re-linked "
              f"rows included: one process {sum(local['rows'].values())}, dask {sum(dask['rows'].values())})",
              flush=True)
        print(f"peak RSS of the driver {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB", flush=True)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
