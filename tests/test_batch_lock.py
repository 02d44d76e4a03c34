"""run_lock: a second holder fails at once; a killed holder does not block the next run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from pipeline.batch.lock import LockHeld, lock_is_held, lock_owner, run_lock

HOLDER = textwrap.dedent("""
    import sys, time
    from pipeline.batch.lock import run_lock
    with run_lock(sys.argv[1]):
        print("held", flush=True)
        time.sleep(60)
""")


def _hold_in_subprocess(out):
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(out)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_lock_second_holder_fails_at_once(tmp_path):
    proc = _hold_in_subprocess(tmp_path)
    try:
        started = time.monotonic()
        with pytest.raises(LockHeld) as err:
            with run_lock(tmp_path):
                pass
        assert time.monotonic() - started < 1.0
        assert f"pid {proc.pid}" in str(err.value) and "did not start" in str(err.value)
        assert err.value.exit_code == 75
        assert lock_is_held(tmp_path) and lock_owner(tmp_path)["pid"] == proc.pid
    finally:
        proc.kill()
        proc.wait()


def test_lock_released_when_holder_is_killed(tmp_path):
    proc = _hold_in_subprocess(tmp_path)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not lock_is_held(tmp_path)
    with run_lock(tmp_path):          # no stale lock: acquired at once
        assert lock_is_held(tmp_path)


def test_lock_nested_in_one_process(tmp_path):
    with run_lock(tmp_path):
        with run_lock(tmp_path):
            assert lock_is_held(tmp_path)
        assert lock_is_held(tmp_path)
    assert not lock_is_held(tmp_path)
    assert lock_owner(tmp_path) is None


def test_lock_free_after_an_exception(tmp_path):
    with pytest.raises(ValueError):
        with run_lock(tmp_path):
            raise ValueError("boom")
    assert not lock_is_held(tmp_path)
