"""A crawl that dies before its batch is committed loses nothing: the next crawl lands every article
that is not in the tables (crash, full disk, SIGKILL at random moments)."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch.datasets import ARTICLE_TABLES, Store
from pipeline.crawl import crawl_options
from pipeline.crawl.land import crawl_to
from pipeline.crawl.localsite import LocalSite
from tests.test_batch_support import comparable
from tests.test_crawl_site import LANDED, SITE

CRAWL_KILLS = 4
RUN = "from pipeline.cli import cli; cli()"
CONFIG = """[crawl]
read_timeout = 1.0
connect_timeout = 1.0
retries = 1
backoff_seconds = 0.01
backoff_max = 0.05
max_bytes = 2_000_000
"""


def _options():
    return crawl_options(delay_seconds=0.0, read_timeout=1.0, connect_timeout=1.0, retries=2, backoff_seconds=0.01,
                         backoff_max=0.05, max_bytes=2_000_000, allow_hosts=("127.0.0.1",))


def _urls(out: Path) -> list[str]:
    return sorted(pd.read_parquet(out / "articles")["url"])


@pytest.fixture(scope="module")
def site():
    with LocalSite(SITE) as server:
        yield server


def test_crawl_commit_failure_then_next_crawl_lands_every_article(site, tmp_path, monkeypatch):
    out = tmp_path / "out"

    def disk_full(self, change, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(Store, "commit", disk_full)
        with pytest.raises(OSError, match="No space left on device"):
            crawl_to(out, [site.url("/")], options=_options())
    assert not (out / "articles").exists()
    summary, report = crawl_to(out, [site.url("/")], options=_options())
    assert (report.new, summary.new) == (len(LANDED), len(LANDED))
    assert _urls(out) == sorted(site.url(p) for p in LANDED)
    summary, report = crawl_to(out, [site.url("/")], options=_options())   # and then it is at rest
    assert (report.new, report.updated, summary.new) == (0, 0, 0)
    assert _urls(out) == sorted(site.url(p) for p in LANDED)


def test_crawl_lost_tables_are_landed_again(site, tmp_path):
    """The datasets, not the crawl state, say what is stored: tables removed by hand come back."""
    out = tmp_path / "out"
    crawl_to(out, [site.url("/")], options=_options())
    for name in ARTICLE_TABLES + ("persons",):
        shutil.rmtree(out / name)
    summary, report = crawl_to(out, [site.url("/")], options=_options())
    assert report.new == len(LANDED)
    assert _urls(out) == sorted(site.url(p) for p in LANDED)


def _crawl(site, out: Path, config: Path, swap_pause: float = 0.0) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", RUN, "crawl", site.url("/"), "--out", str(out), "--delay", "0",
                             "--allow-host", "127.0.0.1", "--batch-size", "1", "--config", str(config)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "VNIE_PIPELINE_VERSION": "crash-test",
                                 "VNIE_TEST_SWAP_PAUSE": str(swap_pause)})


def _kill_at_random(proc: subprocess.Popen, rng: random.Random) -> str:
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True).start()
    time.sleep(rng.uniform(1.0, 5.0))   # imports take about a second: then anything from robots.txt to commits
    when = "after it ended" if proc.poll() is not None else "mid-crawl"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return when


@pytest.mark.slow
def test_crawl_sigkill_at_random_moments_then_rerun_lands_every_article_once(site, tmp_path):
    config = tmp_path / "crawl.toml"
    config.write_text(CONFIG, encoding="utf-8")
    ref = tmp_path / "ref"
    done = _crawl(site, ref, config)
    _, err = done.communicate(timeout=120)
    assert done.returncode == 0, err[-2000:]
    expected = {name: comparable(ref, name) for name in ARTICLE_TABLES}
    assert _urls(ref) == sorted(site.url(p) for p in LANDED)

    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    out = tmp_path / "out"
    # Commits slowed down (0.1 s between table swaps) widen the moment between a page being read and its
    # batch being committed, where a kill used to lose the article for good.
    hows = [_kill_at_random(_crawl(site, out, config, swap_pause=0.1), rng) for _ in range(CRAWL_KILLS)]
    assert "mid-crawl" in hows, hows
    final = _crawl(site, out, config)
    _, err = final.communicate(timeout=120)
    assert final.returncode == 0, f"seed {seed}: {err[-2000:]}"
    assert _urls(out) == sorted(site.url(p) for p in LANDED), f"seed {seed}, kills {hows}"
    for name, frame in expected.items():
        got = comparable(out, name)
        if name == "articles":
            got, frame = got.drop(columns="content_hash"), frame.drop(columns="content_hash")
        pd.testing.assert_frame_equal(got, frame, check_dtype=False, obj=f"{name} (seed {seed}, kills {hows})")


def test_crawl_reprocess_brings_back_pages_a_dead_crawl_never_committed(site, tmp_path, monkeypatch):
    from pipeline.batch.reprocess import reprocess

    out = tmp_path / "out"
    calls = []
    real = Store.commit

    def full_after_one(self, change, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, change, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(Store, "commit", full_after_one)
        with pytest.raises(OSError, match="No space left on device"):
            crawl_to(out, [site.url("/")], options=_options(), ingest_options={"batch_size": 3})
    assert len(_urls(out)) == 3
    hits = len(site.log)
    report = reprocess(out)
    assert len(site.log) == hits   # no network
    # The crawl read six articles (three committed, three in the batch that failed) before it died.
    assert (report.new, report.updated) == (3, 3)
    assert len(_urls(out)) == 6 and set(_urls(out)) <= {site.url(p) for p in LANDED}
    summary, report = crawl_to(out, [site.url("/")], options=_options())   # the next crawl fetches the rest
    assert _urls(out) == sorted(site.url(p) for p in LANDED), summary.text()
    assert report.new == len(LANDED) - 6
