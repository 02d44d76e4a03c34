"""`make bench`, scale part: `vnie extract` on every core and its memory, printed (never asserted by tests).

  all cores   `vnie extract` of 200 generated articles as a whole process (every core, its start-up
              included) against `word_tokenize` alone on one core over the same sentences, measured
              two ways: as a whole process too (python importing underthesea, loading its model and
              tokenising the sentences: the issue measures whole processes, so this is the goal's
              denominator, goal <= 1.0 on two cores) and in this process with the model loaded (the
              loop alone). Also: the start-up (the same command on one article) and the command
              without it, `--workers 1`, and the CPU seconds of each process. Rounds interleaved
              (VNIE_BENCH_ROUNDS, default 5), medians; the load average is printed before and after.
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


def run_extract_process(inputs: Path, out: Path, *options: str, memory: bool = True) -> dict:
    """`vnie extract INPUTS --out OUT` in a fresh process: wall seconds, CPU seconds (user + system, the
    process and its workers) and, with ``memory``, peak summed RSS (MiB) of its tree (sampled every
    50 ms; without it the bench only waits, taking no CPU from the command)."""
    args = [sys.executable, "-c", "from pipeline.cli import cli; cli()", "extract", str(inputs), "--out", str(out),
            *options]
    return _timed_process(args, memory)


def _timed_process(args: list[str], memory: bool = False, stdin: Path | None = None) -> dict:
    """Run ``args``: {"wall_s", "cpu_s", "peak_mib"} (peak 0 unless ``memory``); raises when it fails."""
    import resource

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)   # the processes waited for so far
        return usage.ru_utime + usage.ru_stime

    cpu_before = cpu()
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as feed:
        proc = subprocess.Popen(args, stdin=feed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = 0
        if memory:
            import psutil

            me = psutil.Process(proc.pid)
            while proc.poll() is None:
                try:
                    rss = me.memory_info().rss + sum(c.memory_info().rss for c in me.children(recursive=True))
                    peak = max(peak, rss)
                except psutil.Error:
                    pass
                time.sleep(0.05)
        error = proc.stderr.read()
        proc.wait()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:4])} failed: {error.decode()[-2000:]}")
    return {"wall_s": wall, "cpu_s": cpu() - cpu_before, "peak_mib": peak / 2**20}


def sentences_of(inputs: Path) -> list[str]:
    """The sentences of the articles of ``inputs`` as underthesea splits their lines (what the tokenizer gets)."""
    from underthesea import sent_tokenize

    from pipeline.article import Article
    from pipeline.readers import read_inputs

    return [s for a in read_inputs([inputs]) if isinstance(a, Article)
            for line in a.text.split("\n") if line.strip() for s in sent_tokenize(line)]


def tokenizer(inputs: Path):
    """A function running underthesea's word_tokenize alone, one core, in this process (model loaded
    beforehand), over the sentences of ``inputs``; it returns the seconds taken."""
    from underthesea import word_tokenize

    sentences = sentences_of(inputs)
    word_tokenize("khởi động")

    def run() -> float:
        start = time.perf_counter()
        for s in sentences:
            word_tokenize(s)
        return time.perf_counter() - start
    return run


# `word_tokenize` alone as a whole process: the interpreter, underthesea's import and model, then the
# sentences of a file (one a line) in order. What the "whole processes" compare against.
TOKENIZE_PROCESS = ("import sys\nfrom underthesea import word_tokenize\n"
                    "for line in sys.stdin.buffer.read().decode('utf-8').split('\\n'):\n"
                    "    if line:\n        word_tokenize(line)\n")


def loads() -> str:
    """The load averages (1, 5, 15 minutes) as printed."""
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def cores(tmp: Path, rounds: int) -> str:
    """The all-cores line: `vnie extract` of 200 articles vs `word_tokenize` alone (see the module's doc)."""
    from pipeline.batch.engine_pool import default_workers

    inputs = {n: write_articles(tmp / f"in-{n}", n) for n in (1, 200)}
    sentences = tmp / "sentences.txt"
    sentences.write_text("\n".join(s.replace("\n", " ") for s in sentences_of(inputs[200])) + "\n", encoding="utf-8")
    tokenize = tokenizer(inputs[200])
    load_before = loads()
    runs: dict[str, list[dict]] = {"tok_process": [], "one": [], "all": [], "single": []}
    tok_in: list[float] = []
    for r in range(rounds):   # interleaved rounds, medians: the machine is shared
        runs["tok_process"].append(_timed_process([sys.executable, "-c", TOKENIZE_PROCESS], stdin=sentences))
        tok_in.append(tokenize())
        runs["one"].append(run_extract_process(inputs[1], tmp / f"out-1-{r}", memory=False))
        runs["all"].append(run_extract_process(inputs[200], tmp / f"out-200-{r}", memory=False))
        runs["single"].append(run_extract_process(inputs[200], tmp / f"out-200-w1-{r}", "--workers", "1",
                                                  memory=False))

    def median(name: str, key: str = "wall_s") -> float:
        return statistics.median(run[key] for run in runs[name])

    tok_proc, tok = median("tok_process"), statistics.median(tok_in)
    wall, startup, single = median("all"), median("one"), median("single")
    return (f"all cores     vnie extract of 200 articles on {default_workers()} cores (whole process): {wall:.2f} s "
            f"wall, {median('all', 'cpu_s'):.2f} s CPU (start-up: the command on one article {startup:.2f} s wall, "
            f"{median('one', 'cpu_s'):.2f} s CPU); word_tokenize alone on one core over the same sentences as a "
            f"whole process {tok_proc:.2f} s wall, {median('tok_process', 'cpu_s'):.2f} s CPU (in this process, "
            f"model loaded: {tok:.2f} s). Goal ratio (denominator: word_tokenize as a whole process, as the issue "
            f"measures): {wall / tok_proc:.2f} (goal <= 1.0 on two cores); against the in-process loop "
            f"{wall / tok:.2f}; without the start-up {(wall - startup) / tok:.2f}; --workers 1 {single / tok_proc:.2f} "
            f"(in-process {single / tok:.2f}); medians of {rounds} interleaved rounds, load average "
            f"{load_before} before, {loads()} after")


def main(parts: tuple[str, ...] = ("cores", "memory")) -> None:
    big = int(os.environ.get("VNIE_BENCH_MEMORY", "5000"))
    rounds = max(1, int(os.environ.get("VNIE_BENCH_ROUNDS", "5")))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if "cores" in parts:
            print(cores(tmp, rounds), flush=True)
        if "memory" in parts:
            inputs = {n: write_articles(tmp / f"mem-{n}", n) for n in (100, big)}
            small = run_extract_process(inputs[100], tmp / "out-100")
            large = run_extract_process(inputs[big], tmp / f"out-{big}")
            print(f"memory        vnie extract peak RSS (process and workers): {small['peak_mib']:.0f} MiB on 100 "
                  f"articles, {large['peak_mib']:.0f} MiB on {big} ({big / large['wall_s']:.1f} articles/s): "
                  f"ratio {large['peak_mib'] / small['peak_mib']:.2f} (goal <= 1.3)", flush=True)


if __name__ == "__main__":
    main(tuple(sys.argv[1:]) or ("cores", "memory"))   # python -m pipeline.bench_scale [cores] [memory]
