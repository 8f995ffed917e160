"""The extraction cache and the quarantine.

A file is extracted once per (sha256, extractor version): an unchanged file costs a
JSON read, a new extractor version re-extracts everything. The cache holds the
extractor's own JSON form (ExtractedReport.to_dict / from_dict). A file that cannot be
read is copied to quarantine/ with an .error.txt naming the problem, and its failure is
cached like a success, so the same bytes are not tried again by the same extractor.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from extractors import ExtractedReport, ExtractionError, __version__ as EXTRACTOR_VERSION, extract_report

from ..paths import WarehousePaths
from .inbox import InboxFile


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


def extract_one(paths: WarehousePaths, f: InboxFile, progress=None, **limits) -> ExtractionOutcome:
    """Extract one file (or read it from the cache); quarantine it on failure."""
    cached = read_cached(paths, f)
    if cached is not None:
        return cached
    try:
        report = extract_report(f.path, report_id=f.report_id, progress=progress, **limits)
    except ExtractionError as e:
        return record_failure(paths, f, f"{f.path.name}: {e.problem}")
    except MemoryError:
        return record_failure(paths, f, f"{f.path.name}: ran out of memory while extracting")
    write_cache(paths, f, report)
    return ExtractionOutcome(f, report=report)


def write_cache(paths: WarehousePaths, f: InboxFile, report: ExtractedReport) -> None:
    paths.extracted.mkdir(parents=True, exist_ok=True)
    target = cache_path(paths, f.sha256)
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(report.to_dict(), ensure_ascii=False), encoding="utf-8")
    tmp.replace(target)  # a crash never leaves a half-written cache entry


def record_failure(paths: WarehousePaths, f: InboxFile, error: str) -> ExtractionOutcome:
    quarantine(paths, f, error)
    paths.extracted.mkdir(parents=True, exist_ok=True)
    tmp = error_path(paths, f.sha256).with_suffix(".tmp")
    tmp.write_text(json.dumps({"file": f.path.name, "error": error}, ensure_ascii=False), encoding="utf-8")
    tmp.replace(error_path(paths, f.sha256))
    return ExtractionOutcome(f, error=error)


def quarantine(paths: WarehousePaths, f: InboxFile, error: str) -> Path:
    """Copy the bad file aside with its error; the inbox keeps the original."""
    paths.quarantine.mkdir(parents=True, exist_ok=True)
    target = paths.quarantine / f.path.name
    try:
        shutil.copy2(f.path, target)
    except OSError:
        pass  # an unreadable file still gets its .error.txt
    (paths.quarantine / f"{f.path.name}.error.txt").write_text(
        f"file: {f.path.name}\nsha256: {f.sha256}\nextractor: {EXTRACTOR_VERSION}\nerror: {error}\n",
        encoding="utf-8",
    )
    return target
