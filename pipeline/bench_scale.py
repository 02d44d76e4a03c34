"""`make bench`, scale part: `vnie extract` on every core and its memory, printed (never asserted by tests).

  all cores   wall time of `vnie extract` of 200 generated articles (a fresh process, every core, its
              start-up included) / `word_tokenize` alone on one core over the same sentences (models
              loaded; goal <= 1.0 on two cores); also without the start-up (the wall time of the same
              command on one article subtracted), and `--workers 1` for comparison; medians of three
              interleaved rounds.
  memory      peak resident memory of `vnie extract` (the process and its workers, summed, sampled
              every 50 ms) on 5,000 generated articles / on 100 (goal <= 1.3). VNIE_BENCH_MEMORY sets
              the larger size.

The articles are variants of the bundled and annotated ones (``bench_archive.archive``).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def write_articles(folder: Path, n: int, per_file: int = 500) -> Path:
    """``n`` generated articles as JSONL files of ``per_file`` lines in ``folder`` (a reader's file size
    limit is 8 MB); RETURNS the folder."""
    from pipeline.bench_archive import archive

    folder.mkdir(parents=True, exist_ok=True)
    fh = None
    for i, a in enumerate(archive(n)):
        if i % per_file == 0:
            if fh is not None:
                fh.close()
            fh = (folder / f"archive-{i // per_file:04d}.jsonl").open("w", encoding="utf-8")
        fh.write(json.dumps({"url": f"https://bench.invalid/{a.source.rsplit('#', 1)[-1]}", "title": a.title,
                             "text": a.text, "published": a.published}, ensure_ascii=False) + "\n")
    if fh is not None:
        fh.close()
    return folder


def run_extract_process(inputs: Path, out: Path, *options: str) -> dict:
    """`vnie extract INPUTS --out OUT` in a fresh process: wall seconds and peak summed RSS (MiB) of its tree."""
    import psutil

    args = [sys.executable, "-c", "from pipeline.cli import cli; cli()", "extract", str(inputs), "--out", str(out),
            *options]
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    me = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            rss = me.memory_info().rss + sum(c.memory_info().rss for c in me.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"vnie extract failed: {proc.stderr.read().decode()[-2000:]}")
    return {"wall_s": wall, "peak_mib": peak / 2**20}


def tokenizer(inputs: Path):
    """A function running underthesea's word_tokenize alone, one core, over the sentences of ``inputs``."""
    from underthesea import sent_tokenize, word_tokenize

    from pipeline.article import Article
    from pipeline.readers import read_inputs

    sentences = [s for a in read_inputs([inputs]) if isinstance(a, Article)
                 for line in a.text.split("\n") if line.strip() for s in sent_tokenize(line)]
    word_tokenize("khởi động")

    def run() -> float:
        start = time.perf_counter()
        for s in sentences:
            word_tokenize(s)
        return time.perf_counter() - start
    return run


def main(parts: tuple[str, ...] = ("cores", "memory")) -> None:
    from pipeline.batch.engine_pool import default_workers

    big = int(os.environ.get("VNIE_BENCH_MEMORY", "5000"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if "cores" in parts:
            inputs = {n: write_articles(tmp / f"in-{n}", n) for n in (1, 200)}
            tokenize = tokenizer(inputs[200])
            toks, one, all_cores, single = [], [], [], []
            for _ in range(3):   # interleaved rounds, medians: the machine is shared
                toks.append(tokenize())
                one.append(run_extract_process(inputs[1], tmp / "out-1")["wall_s"])
                all_cores.append(run_extract_process(inputs[200], tmp / "out-200")["wall_s"])
                single.append(run_extract_process(inputs[200], tmp / "out-200-w1", "--workers", "1")["wall_s"])
            tok, single = statistics.median(toks), statistics.median(single)
            startup, wall = statistics.median(one), statistics.median(all_cores)
            print(f"all cores     vnie extract of 200 articles on {default_workers()} cores: {wall:.1f} s wall "
                  f"(start-up {startup:.1f} s) vs word_tokenize alone on one core {tok:.1f} s: ratio {wall / tok:.2f} "
                  f"(goal <= 1.0 on two cores); without the start-up {(wall - startup) / tok:.2f}; "
                  f"--workers 1: {single / tok:.2f}", flush=True)
        if "memory" in parts:
            inputs = {n: write_articles(tmp / f"mem-{n}", n) for n in (100, big)}
            small = run_extract_process(inputs[100], tmp / "out-100")
            large = run_extract_process(inputs[big], tmp / f"out-{big}")
            print(f"memory        vnie extract peak RSS (process and workers): {small['peak_mib']:.0f} MiB on 100 "
                  f"articles, {large['peak_mib']:.0f} MiB on {big} ({big / large['wall_s']:.1f} articles/s): "
                  f"ratio {large['peak_mib'] / small['peak_mib']:.2f} (goal <= 1.3)", flush=True)


if __name__ == "__main__":
    main(tuple(sys.argv[1:]) or ("cores", "memory"))   # python -m pipeline.bench_scale [cores] [memory]
