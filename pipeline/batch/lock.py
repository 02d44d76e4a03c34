"""One run at a time per output folder: an OS file lock that dies with its holder."""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

try:
    import fcntl
except ImportError:  # not a POSIX system: the filelock package does the same with the system's own call
    fcntl = None

LOCK_NAME = "run.lock"
OWNER_NAME = "run.lock.owner"   # who holds it: pid, host, since (the lock file itself stays empty)

_held: dict[str, int] = {}      # lock path -> depth, for nested holds in this process
_guard = threading.Lock()


class LockHeld(RuntimeError):
    """Another process holds the run lock of this output folder."""

    exit_code = 75  # EX_TEMPFAIL: cron's "try again later"


def meta_dir(out_dir: Path) -> Path:
    """The folder of vnie's own state inside ``out_dir`` (hidden from dataset readers)."""
    return Path(out_dir) / ".vnie"


def lock_owner(out_dir: Path) -> dict | None:
    """What the holder wrote about itself (pid, host, since, command), or None."""
    try:
        return json.loads((meta_dir(out_dir) / OWNER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def lock_is_held(out_dir: Path) -> bool:
    """Whether some process (this one included) holds the run lock of ``out_dir`` now."""
    path = meta_dir(out_dir) / LOCK_NAME
    if not path.exists():
        return False
    if str(path.resolve()) in _held:
        return True
    probe = _FileLock(path)
    if not probe.acquire():
        return True
    probe.release()
    return False


class _FileLock:
    """An exclusive, non-blocking ``flock`` on a file (created if missing), released on ``release()``
    or when the process dies. ``fcntl`` directly: the filelock package costs a run with nothing to do
    a noticeable share of its start-up; it is the fallback where there is no ``fcntl``."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None
        self._other = None

    def acquire(self) -> bool:
        """True when the lock is now held by this object, False when another holder has it."""
        if fcntl is None:
            from filelock import FileLock, Timeout

            self._other = FileLock(self.path, timeout=0, thread_local=False)
            try:
                self._other.acquire()
            except Timeout:
                return False
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._other is not None:
            self._other.release()
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


@contextmanager
def run_lock(out_dir: Path) -> Iterator[Path]:
    """Hold the run lock of ``out_dir`` for the ``with`` block; fail at once if another run holds it.

    The lock is an ``flock`` on ``out_dir/.vnie/run.lock``: the kernel releases it
    when the holder exits, even when killed with SIGKILL, so a crashed run never
    blocks the next one. Nested holds in the same process are allowed.

    out_dir (Path): the output folder (created if missing).
    RETURNS (Path): the lock file.
    """
    meta = meta_dir(out_dir)
    meta.mkdir(parents=True, exist_ok=True)
    path = meta / LOCK_NAME
    key = str(path.resolve())
    with _guard:
        nested = key in _held
        if nested:
            _held[key] += 1
    if nested:
        try:
            yield path
        finally:
            with _guard:
                _held[key] -= 1
        return
    lock = _FileLock(path)
    if not lock.acquire():
        raise LockHeld(_held_message(out_dir))
    with _guard:
        _held[key] = 1
    owner = meta / OWNER_NAME
    try:
        owner.write_text(json.dumps({
            "pid": os.getpid(), "host": socket.gethostname(),
            "since": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "command": " ".join(sys.argv[:6])}), encoding="utf-8")
        yield path
    finally:
        with _guard:
            _held.pop(key, None)
        owner.unlink(missing_ok=True)
        lock.release()


def refuse_if_locked(out_dir: Path) -> None:
    """Raise ``LockHeld`` if a run holds the lock of ``out_dir`` (for writers that do not take it)."""
    if lock_is_held(out_dir):
        raise LockHeld(_held_message(out_dir))


def _held_message(out_dir: Path) -> str:
    who = lock_owner(out_dir)
    holder = (f" (pid {who.get('pid')} on {who.get('host')}, since {who.get('since')})" if who else "")
    return (f"another vnie run is writing to {out_dir}{holder}; this run did not start. "
            "Runs never overlap: wait for it to finish (the lock is released when it exits, "
            "even if it is killed).")
