"""Crash safety: `vnie run` killed with SIGKILL at random points leaves every dataset before or after a batch."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest

from pipeline.batch.datasets import ARTICLE_TABLES
from pipeline.batch.ingest import ingest
from pipeline.readers import read_inputs
from pipeline.tables import persons_rows
from tests.test_batch_support import ARTICLES, comparable, variant, write_articles

KILLS = 4
RUN = "from pipeline.cli import cli; cli()"


def _articles(attempt: int) -> dict[str, str]:
    """Six articles of their own for each attempt, so every run has work to be killed in."""
    if attempt == 0:
        return dict(ARTICLES)
    return {f"a{attempt}-{name}": variant(text, 10 * attempt + n) for n, (name, text) in enumerate(ARTICLES.items())}


def _start(inputs, out, swap_pause: float = 0.0):
    env = {**os.environ, "VNIE_PIPELINE_VERSION": "crash-test", "VNIE_TEST_SWAP_PAUSE": str(swap_pause)}
    return subprocess.Popen([sys.executable, "-c", RUN, "run", str(inputs), "--out", str(out),
                             "--batch-size", "1", "--stderr-level", "INFO"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)


def _kill_during_commits(proc, rng: random.Random, from_start: bool) -> str:
    """SIGKILL the run at a random moment: after its first commit, or (from_start) any time at all."""
    committed = threading.Event()
    lines: list[str] = []

    def drain():
        for line in proc.stderr:
            lines.append(line)
            if "committed batch" in line:
                committed.set()
        committed.set()  # the run ended before committing anything

    threading.Thread(target=drain, daemon=True).start()
    if from_start:
        time.sleep(rng.uniform(0.3, 2.5))
    else:
        committed.wait(timeout=30)
        time.sleep(rng.uniform(0.0, 0.35))
    when = "after it ended" if proc.poll() is not None else "mid-run"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return f"{when}; last log line: {lines[-1].strip() if lines else '(none)'}"


def _restricted(frame: pd.DataFrame, ids: set[str]) -> pd.DataFrame:
    return frame[frame["article_id"].isin(ids)].reset_index(drop=True)


def _persons_of(officials: pd.DataFrame, articles: pd.DataFrame) -> set[tuple]:
    rows = persons_rows([{**r, "titles": list(r["titles"])} for r in officials.to_dict("records")],
                        articles[["article_id", "published"]].to_dict("records"))
    return {(p["person_id"], p["n_articles"], p["first_seen"], p["last_seen"], p["latest_rank"]) for p in rows}


def _assert_before_or_after_a_batch(out, ref: dict[str, pd.DataFrame], context: str) -> None:
    """Every table equals the reference restricted to the committed articles, or to those plus the
    one article of the batch in flight (tables commit one by one, ``articles`` last; read as Delta tables:
    the files of a killed run's last commits stay until the next run rolls it back and vacuums)."""
    if not (out / "articles" / "_delta_log").exists():
        return  # killed before the first commit: nothing written, nothing to check
    articles = comparable(out, "articles", delta=True)
    done = set(articles["article_id"])
    pd.testing.assert_frame_equal(articles.drop(columns="content_hash"),
                                  _restricted(ref["articles"], done).drop(columns="content_hash"),
                                  check_dtype=False, obj=f"articles ({context})")
    in_flight: set[str] = set()
    for name in ARTICLE_TABLES[1:]:
        # A story's id is that of its first article, so it depends on which articles are in yet;
        # the completing run below is compared with every column.
        got = comparable(out, name, delta=True).drop(columns=["story_id"], errors="ignore")
        extra = set(got["article_id"]) - done
        in_flight |= extra
        want = _restricted(ref[name], done | extra).drop(columns=["story_id"], errors="ignore")
        pd.testing.assert_frame_equal(got, want, check_dtype=False, obj=f"{name} ({context})")
    assert len(in_flight) <= 1, f"more than one batch in flight: {in_flight} ({context})"
    persons = comparable(out, "persons", delta=True)
    got = {(p.person_id, p.n_articles, p.first_seen, p.last_seen, p.latest_rank) for p in persons.itertuples()}
    officials = ref["officials"]
    before = _persons_of(_restricted(officials, done), ref["articles"])
    after = _persons_of(_restricted(officials, done | in_flight), ref["articles"])
    assert got in (before, after), f"persons neither before nor after the batch ({context})"


@pytest.mark.slow
def test_crash_sigkill_during_runs_then_next_run_completes(tmp_path):
    inputs = write_articles(tmp_path / "in", {k: v for a in range(KILLS) for k, v in _articles(a).items()})
    ref_dir = tmp_path / "ref"
    ingest(read_inputs([inputs]), ref_dir, batch_size=3)
    ref = {name: comparable(ref_dir, name) for name in (*ARTICLE_TABLES, "persons")}
    for f in inputs.iterdir():
        f.unlink()  # the runs below get the same files (same sources), a few more each time
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    out = tmp_path / "out"
    hows = []
    for attempt in range(KILLS):
        write_articles(inputs, _articles(attempt))
        # Two of the runs pause 50 ms between table swaps, so their kill most likely lands mid-commit.
        proc = _start(inputs, out, swap_pause=0.05 if attempt >= 2 else 0.0)
        how = _kill_during_commits(proc, rng, from_start=attempt == 0)
        hows.append(how)
        _assert_before_or_after_a_batch(out, ref, f"seed {seed}, kill {attempt + 1} {how}")
    assert any(h.startswith("mid-run") for h in hows), hows
    final = _start(inputs, out)
    _, err = final.communicate(timeout=60)
    assert final.returncode == 0, err[-2000:]
    assert not (out / ".vnie" / "journal.json").exists()
    for name, frame in ref.items():
        got = comparable(out, name)
        if name == "articles":
            got, frame = got.drop(columns="content_hash"), frame.drop(columns="content_hash")
        pd.testing.assert_frame_equal(got, frame, check_dtype=False, obj=f"{name} after the completing run")
    runs = pd.read_parquet(out / "runs").sort_values("started_at")
    assert runs["status"].iloc[-1] == "ok"
    assert set(runs["status"].iloc[:-1]) <= {"interrupted", "ok"}


REPROCESS_KILLS = 2


@pytest.mark.slow
def test_crash_sigkill_during_reprocess_then_next_reprocess_completes(tmp_path):
    """A reprocess killed mid-commit leaves every table whole; the next one finishes with the new version."""
    inputs = write_articles(tmp_path / "in")
    out = tmp_path / "out"
    ingest(read_inputs([inputs]), out, batch_size=3)
    ref = {name: comparable(out, name) for name in (*ARTICLE_TABLES, "persons")}
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    env = {**os.environ, "VNIE_PIPELINE_VERSION": "crash-test-reprocess", "VNIE_TEST_SWAP_PAUSE": "0.05"}
    args = [sys.executable, "-c", RUN, "reprocess", "--out", str(out), "--batch-size", "1", "--stderr-level", "INFO"]
    hows = []
    for attempt in range(REPROCESS_KILLS):
        proc = subprocess.Popen(args, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
        hows.append(_kill_during_commits(proc, rng, from_start=False))
        for name, frame in ref.items():   # re-extraction gives the same rows: whole tables, never half
            pd.testing.assert_frame_equal(comparable(out, name, delta=True), frame, check_dtype=False,
                                          obj=f"{name} (seed {seed}, kill {attempt + 1} {hows[-1]})")
    assert any(h.startswith("mid-run") for h in hows), hows
    final = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    assert final.returncode == 0, final.stderr[-2000:]
    for name, frame in ref.items():
        pd.testing.assert_frame_equal(comparable(out, name), frame, check_dtype=False, obj=f"{name} after")
    versions = set(pd.read_parquet(out / "articles")["pipeline_version"])
    assert versions == {"crash-test-reprocess"}
    assert not (out / ".vnie" / "reprocess-source").exists()
