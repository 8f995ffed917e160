"""The extraction cache and the quarantine.

A file is extracted once per (sha256, extractor version): an unchanged file costs a
JSON read, a new extractor version re-extracts everything. The cache holds the
extractor's own JSON form (ExtractedReport.to_dict / from_dict). A file that cannot be
read is copied to quarantine/ with an .error.txt naming the problem, and its failure is
cached like a success, so the same bytes are not tried again by the same extractor.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from extractors import ExtractedReport, __version__ as EXTRACTOR_VERSION

from ..paths import WarehousePaths
from .inbox import InboxFile
from .worker import DEFAULT_FILE_MEMORY_MB, DEFAULT_FILE_SECONDS, run_in_worker


@dataclass
class ExtractionOutcome:
    file: InboxFile
    report: ExtractedReport | None = None
    error: str | None = None
    from_cache: bool = False


def cache_path(paths: WarehousePaths, sha256: str) -> Path:
    return paths.extracted / f"{sha256}-v{EXTRACTOR_VERSION}.json"


def error_path(paths: WarehousePaths, sha256: str) -> Path:
    return paths.extracted / f"{sha256}-v{EXTRACTOR_VERSION}.error.json"


def is_cached(paths: WarehousePaths, f: InboxFile) -> bool:
    """Already extracted (or already failed) with this extractor version."""
    return cache_path(paths, f.sha256).exists() or error_path(paths, f.sha256).exists()


def cache_signature(paths: WarehousePaths, sha256: str) -> str:
    """The cache entries of one file as they are now (name, size, mtime): a raw layer
    loaded from other entries is loaded again."""
    out = ""
    for entry in sorted(paths.extracted.glob(f"{sha256}-v{EXTRACTOR_VERSION}*")):
        st = entry.stat()
        out += f"{entry.name}\0{st.st_size}\0{st.st_mtime_ns}\n"
    return out


def read_cached(paths: WarehousePaths, f: InboxFile) -> ExtractionOutcome | None:
    cached = cache_path(paths, f.sha256)
    if cached.exists():
        doc = json.loads(cached.read_text(encoding="utf-8"))
        doc["report_id"] = f.report_id
        return ExtractionOutcome(f, report=ExtractedReport.from_dict(doc), from_cache=True)
    failed = error_path(paths, f.sha256)
    if failed.exists():
        return ExtractionOutcome(f, error=json.loads(failed.read_text(encoding="utf-8"))["error"], from_cache=True)
    return None


def extract_one(paths: WarehousePaths, f: InboxFile, progress=None, file_seconds: float = DEFAULT_FILE_SECONDS,
                memory_mb: int = DEFAULT_FILE_MEMORY_MB, **limits) -> ExtractionOutcome:
    """Extract one file (or read it from the cache); quarantine it on failure.

    The extraction runs in a worker process with a budget for the whole file (opening
    it, counting its pages, parsing them): `file_seconds` of time and `memory_mb` of
    memory beyond what the worker starts with. A worker over its budget is killed, and
    the failure is cached like any other."""
    cached = read_cached(paths, f)
    if cached is not None:
        return cached
    status, detail = run_in_worker(f, cache_path(paths, f.sha256), progress, file_seconds, memory_mb, limits)
    name = f.name
    if status == "ok":
        return read_cached(paths, f)
    if status == "abandoned":
        raise RuntimeError(f"{name}: extraction abandoned, the refresh that launched it is gone")
    if status == "timeout":
        return record_failure(paths, f, f"{name}: took longer than the file budget of {file_seconds:g} s "
                                        "(opening, counting pages and parsing); stopped")
    if status == "memory":
        return record_failure(paths, f, f"{name}: needed more than the memory budget of {memory_mb} MB; stopped")
    if status == "died":
        # a C library that cannot get memory under the limit aborts instead of raising
        cause = f", most likely at its memory budget of {memory_mb} MB" if "SIGABRT" in detail or "SIGSEGV" in detail else ""
        return record_failure(paths, f, f"{name}: the extraction process died ({detail}{cause}); stopped")
    return record_failure(paths, f, f"{name}: {detail}")


def record_failure(paths: WarehousePaths, f: InboxFile, error: str) -> ExtractionOutcome:
    quarantine(paths, f, error)
    paths.extracted.mkdir(parents=True, exist_ok=True)
    tmp = error_path(paths, f.sha256).with_suffix(".tmp")
    tmp.write_text(json.dumps({"file": f.name, "error": error}, ensure_ascii=False), encoding="utf-8")
    tmp.replace(error_path(paths, f.sha256))
    return ExtractionOutcome(f, error=error)


def quarantine(paths: WarehousePaths, f: InboxFile, error: str) -> Path:
    """Copy the bad file aside with its error; the inbox keeps the original."""
    paths.quarantine.mkdir(parents=True, exist_ok=True)
    target = paths.quarantine / quarantine_name(f)
    try:
        shutil.copyfile(f.path, target, follow_symlinks=False)
    except OSError:
        pass  # an unreadable file still gets its .error.txt
    error_file = paths.quarantine / f"{quarantine_name(f)}.error.txt"
    error_file.write_text(
        f"file: {f.name}\nsha256: {f.sha256}\nextractor: {EXTRACTOR_VERSION}\nerror: {error}\n",
        encoding="utf-8",
    )
    return target


def quarantine_name(f: InboxFile) -> str:
    """The quarantine copy's name: the inbox name when it is a plain one a file system
    takes whole, else a safe rendering of it with the file's hash (a name of 250+ bytes,
    or one with bytes that are not UTF-8, would not take a suffix)."""
    name, safe = f.path.name, f.name
    if safe == name and len(os.fsencode(name)) <= 200 and not name.startswith("-"):
        return name
    return f"{safe.lstrip('-')[:80]}-{f.sha256[:12]}.pdf"
