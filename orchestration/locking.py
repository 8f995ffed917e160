"""One writer at a time: an advisory lock on warehouse/.lock held for a whole refresh.

The OS releases the lock when the process dies (even on SIGKILL), so a crashed refresh
never blocks the next one.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path


class WarehouseBusy(Exception):
    pass


_held: dict[str, int] = {}  # lock path -> fd, for the locks this process holds


def hold_for_run(lock_path: Path) -> None:
    """A build run writes the warehouse: it holds the lock until its process ends (a
    refresh launched from `twbio refresh` already holds it; a run the Dagster daemon
    launched waits for it)."""
    if str(lock_path) in _held:
        return
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode(), 0)
    _held[str(lock_path)] = fd


@contextmanager
def refresh_lock(lock_path: Path, wait: bool = False, timeout: float | None = None):
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    start = time.monotonic()
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as e:
                if e.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
                if not wait or (timeout is not None and time.monotonic() - start > timeout):
                    raise WarehouseBusy(
                        f"another twbio refresh is running (pid {holder}) on {lock_path.parent}; "
                        "try again when it has finished, or pass --wait") from None
                time.sleep(0.5)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        _held[str(lock_path)] = fd
        yield
    finally:
        _held.pop(str(lock_path), None)
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
