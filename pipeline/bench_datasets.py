"""`make bench`, datasets part: what the Delta Lake datasets cost, printed as ratios (never asserted by tests).

  nothing-to-do  CPU seconds of a `vnie run` that finds nothing new (goal <= 0.5 s), in a fresh process;
  archive        a `vnie run` of generated articles (variants of the bundled and annotated ones) spread
                 over 120 publication months in mixed order: commit work (Store.commit + Store.finish)
                 as a share of the run's CPU (goal <= 15%), data files per month partition after the
                 run (goal <= 2), disk of the table folders / bytes of the live data files (goal <= 1.5).
                 VNIE_BENCH_ARCHIVE sets the number of articles (default 5,000, the issue's size: about
                 4 minutes of CPU; 1000 for a quicker look), VNIE_BENCH_BATCH the articles per commit
                 (default: `vnie run`'s, [run] batch_size; no time bound, so the batches do not depend on
                 the machine's speed).
"""

from __future__ import annotations

import dataclasses
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def nothing_to_do_cpu() -> float:
    """CPU seconds (user + system) of the second of two identical `vnie run`s over the bundled corpus."""
    with tempfile.TemporaryDirectory() as out:
        args = [sys.executable, "-c", "from pipeline.cli import cli; cli()", "run", str(ROOT / "corpus"), "--out", out]
        subprocess.run(args, check=True, capture_output=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(args, check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _archive(n: int):
    from pipeline.article import Article
    from pipeline.readers import read_inputs

    inputs = [p for p in (ROOT / "corpus", ROOT / "tests" / "gold_extra") if p.exists()]
    base = [a for a in read_inputs(inputs) if isinstance(a, Article)]
    rng = random.Random(12)
    out = []
    for i in range(n):
        a = base[i % len(base)]
        year, month = 2016 + (i % 120) // 12, 1 + i % 12
        out.append(dataclasses.replace(a, source=f"{a.source}#{i}", url=None,
                                       published=f"{year}-{month:02d}-{1 + i % 28:02d}",
                                       text=a.text + f" Đến nay, đơn vị đã xử lý {i + 7} vụ việc vi phạm."))
    rng.shuffle(out)
    return out


@contextmanager
def commit_time(clock=time.process_time):
    """Inside the block, ``Store.commit`` and ``Store.finish`` add their ``clock`` seconds to the
    yielded dict's ``"commit"`` (CPU by default; wall with ``time.perf_counter``)."""
    from pipeline.batch import datasets

    spent = {"commit": 0.0}
    real_commit, real_finish = datasets.Store.commit, datasets.Store.finish

    def timed(real):
        def wrapper(self, *args, **kwargs):
            start = clock()
            try:
                return real(self, *args, **kwargs)
            finally:
                spent["commit"] += clock() - start
        return wrapper

    datasets.Store.commit, datasets.Store.finish = timed(real_commit), timed(real_finish)
    try:
        yield spent
    finally:
        datasets.Store.commit, datasets.Store.finish = real_commit, real_finish


def archive_figures(n: int, batch_size: int | None = None) -> dict:
    from pipeline.batch import datasets
    from pipeline.batch.ingest import DEFAULT_BATCH_SIZE, ingest

    batch_size = batch_size or DEFAULT_BATCH_SIZE
    articles = _archive(n)
    with commit_time() as spent:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out"
            start = time.process_time()
            report = ingest(articles, out, batch_size=batch_size, batch_seconds=0)
            total = time.process_time() - start
            files_per_month = []
            for name in datasets.ARTICLE_TABLES:
                for part in (out / name).glob("month=*"):
                    files_per_month.append(len(list(part.glob("*.parquet"))))
            disk = sum(p.stat().st_size for name in datasets.TABLES for p in (out / name).rglob("*") if p.is_file())
            live = sum(p.stat().st_size for name in datasets.TABLES for p in (out / name).rglob("*.parquet")
                       if datasets.DELTA_LOG not in p.parts)
            log = sum(p.stat().st_size for name in datasets.TABLES for p in (out / name / datasets.DELTA_LOG).rglob("*")
                      if p.is_file())
    return {"articles": n, "batch_size": batch_size, "commits": report.batches, "run_cpu_s": total, "commit_cpu_s": spent["commit"], "commit_share": spent["commit"] / total,
            "max_files_per_month": max(files_per_month, default=0), "disk_over_live": disk / live if live else 0.0,
            "live_mb": live / 2**20, "log_mb": log / 2**20}


def main() -> None:
    cpu = nothing_to_do_cpu()
    print(f"nothing-to-do {cpu:6.2f} s CPU  (a `vnie run` with nothing new; goal <= 0.5 s)")
    n = int(os.environ.get("VNIE_BENCH_ARCHIVE", "5000"))
    f = archive_figures(n, int(os.environ.get("VNIE_BENCH_BATCH", "0")) or None)
    print(f"archive       {f['articles']} articles over 120 months, mixed order (VNIE_BENCH_ARCHIVE), "
          f"{f['commits']} commits of up to {f['batch_size']} (VNIE_BENCH_BATCH): "
          f"run {f['run_cpu_s']:.1f} s CPU, of which commits {f['commit_cpu_s']:.1f} s")
    print(f"  commit share          {f['commit_share']:6.1%}  (commit work / run CPU; goal <= 15%)")
    print(f"  files per partition   {f['max_files_per_month']:6d}  (most data files in a month partition; goal <= 2)")
    print(f"  disk / live data      {f['disk_over_live']:6.2f}  (table folders / live data files; goal <= 1.5; "
          f"live {f['live_mb']:.1f} MB, _delta_log {f['log_mb']:.1f} MB)")


if __name__ == "__main__":
    main()
