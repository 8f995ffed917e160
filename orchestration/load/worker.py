"""One file's extraction in a worker process with a budget for the whole file.

The per-page time budget inside the extractor cannot stop what happens before the first
page: opening the file, reading its page tree and labels, counting its pages. Here the
whole of it runs in a child process that has `file_seconds` of wall time and
`memory_mb` of memory beyond what it starts with (RLIMIT_AS); past either it is killed,
with its own children (it leads a process group). It also dies with its parent
(PR_SET_PDEATHSIG), so a killed refresh leaves no worker behind.
"""

from __future__ import annotations

import ctypes
import json
import multiprocessing as mp
import os
import resource
import signal
import time
from pathlib import Path

DEFAULT_FILE_SECONDS = 900.0
DEFAULT_FILE_MEMORY_MB = 2048

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the parent's timeout still stops it


def _vm_bytes() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child(conn, path: str, report_id: str, target: str, memory_mb: int, limits: dict) -> None:
    os.setpgid(0, 0)
    _die_with_parent()
    budget = _vm_bytes() + memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
    except (ValueError, OSError):
        pass
    from extractors import ExtractionError, extract_report

    try:
        report = extract_report(path, report_id=report_id, progress=lambda d, n: conn.send(("progress", (d, n))),
                                **limits)
        tmp = Path(target).with_name(Path(target).name + f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(report.to_dict(), ensure_ascii=False), encoding="utf-8")
        tmp.replace(target)  # a crash never leaves a half-written cache entry
        conn.send(("ok", None))
    except ExtractionError as e:
        conn.send(("error", e.problem))
    except MemoryError:
        conn.send(("memory", None))
    except Exception as e:  # a bug or a file the extractor did not foresee: the file's failure
        conn.send(("error", f"the extractor failed ({type(e).__name__}: {e})"))


def run_in_worker(f, target: Path, progress, file_seconds: float, memory_mb: int, limits: dict) -> tuple[str, object]:
    """("ok", None) once the extraction is in `target`; ("error", problem), ("timeout",
    None), ("memory", None) or ("died", how) otherwise; ("abandoned", None) when the
    refresh that launched it is gone (nothing is known about the file then).

    A plain fork, not multiprocessing.Process: the caller may itself be a daemonic
    process (a Celery worker's pool process), which multiprocessing forbids to have
    children."""
    target.parent.mkdir(parents=True, exist_ok=True)
    parent, child = mp.Pipe(duplex=False)
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the worker
        parent.close()
        code = 0
        try:
            _child(child, str(f.path), f.report_id, str(target), memory_mb, limits)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    child.close()
    outcome, status = None, None
    try:
        while outcome is None:
            left = file_seconds - (time.monotonic() - start)
            if left <= 0:
                outcome = ("timeout", None)
                break
            if not _launcher_alive():
                outcome = ("abandoned", None)
                break
            if parent.poll(min(left, 1.0)):
                try:
                    kind, value = parent.recv()
                except EOFError:  # it died without a word: a crash, or killed from outside
                    status = os.waitpid(pid, 0)[1]
                    outcome = ("died", _how(status))
                    break
                if kind == "progress":
                    if progress:
                        progress(*value)
                else:
                    outcome = (kind, value)
            else:
                done, st = os.waitpid(pid, os.WNOHANG)
                if done and not parent.poll(0):
                    status = st
                    outcome = ("died", _how(st))
    finally:
        if status is None:
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        parent.close()
    return outcome


LAUNCHER_ENV = "TWBIO_REFRESH_PID"


def _launcher_alive() -> bool:
    """The refresh that launched this run is still there (Dagster's step processes outlive
    a killed launcher; the extraction they wait for must not)."""
    pid = os.environ.get(LAUNCHER_ENV)
    if not pid:
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, ValueError):
        return True
    return True


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.WEXITSTATUS(status)}"
