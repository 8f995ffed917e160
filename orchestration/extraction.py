"""Extraction of the inbox with a cache and a quarantine.

A file is extracted once per (sha256, extractor version): an unchanged file costs a
JSON read, a new extractor version re-extracts everything. A file that cannot be read
is copied to quarantine/ with an .error.txt naming the problem; the others go on.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from extractors import __version__ as EXTRACTOR_VERSION
from extractors import ExtractedReport, ExtractionError, extract_report, file_sha256, report_id_for

from .paths import WarehousePaths
from .raw_load import report_from_json


@dataclass(frozen=True)
class InboxFile:
    path: Path
    sha256: str
    report_id: str


@dataclass
class ExtractionOutcome:
    file: InboxFile
    report: ExtractedReport | None = None
    error: str | None = None
    from_cache: bool = False
    duplicate_of: str | None = None


@dataclass
class InboxScan:
    files: list[InboxFile] = field(default_factory=list)
    duplicates: list[tuple[InboxFile, InboxFile]] = field(default_factory=list)


def known_reports(paths: WarehousePaths) -> dict[str, str]:
    """sha256 -> report_id of what the published warehouse already holds."""
    if not paths.published.exists():
        return {}
    import duckdb

    try:
        with duckdb.connect(str(paths.published), read_only=True) as con:
            return dict(con.execute("select sha256, report_id from raw.documents").fetchall())
    except duckdb.Error:
        return {}


def scan_inbox(paths: WarehousePaths, known: dict[str, str] | None = None) -> InboxScan:
    """The PDFs of the inbox. A file whose bytes equal another's is a duplicate: the copy
    the warehouse already knows (by sha256) keeps its report id, else the first by name."""
    scan = InboxScan()
    by_sha: dict[str, InboxFile] = {}
    used_ids: set[str] = set()
    known = known or {}
    candidates = []
    for p in sorted(paths.inbox.iterdir() if paths.inbox.exists() else []):
        if not p.is_file() or p.name.startswith(".") or p.suffix.lower() != ".pdf":
            continue
        sha = file_sha256(p)
        candidates.append((p, sha))
    # the copy whose name gives the known report id goes first
    candidates.sort(key=lambda c: (known.get(c[1]) != report_id_for(c[0]), c[0].name))
    for p, sha in candidates:
        f = InboxFile(p, sha, report_id_for(p))
        if f.sha256 in by_sha:
            scan.duplicates.append((f, by_sha[f.sha256]))
            continue
        if f.report_id in used_ids:  # two names that slug alike
            f = InboxFile(p, f.sha256, f"{f.report_id}-{f.sha256[:8]}")
        used_ids.add(f.report_id)
        by_sha[f.sha256] = f
        scan.files.append(f)
    scan.files.sort(key=lambda f: f.path.name)
    return scan


def cache_path(paths: WarehousePaths, sha256: str) -> Path:
    return paths.extracted / f"{sha256}-v{EXTRACTOR_VERSION}.json"


def error_path(paths: WarehousePaths, sha256: str) -> Path:
    return paths.extracted / f"{sha256}-v{EXTRACTOR_VERSION}.error.json"


def is_cached(paths: WarehousePaths, f: InboxFile) -> bool:
    """Already extracted (or already failed) with this extractor version."""
    return cache_path(paths, f.sha256).exists() or error_path(paths, f.sha256).exists()


def extract_one(paths: WarehousePaths, f: InboxFile, progress=None, **limits) -> ExtractionOutcome:
    """Extract one file (or read it from the cache); quarantine it on failure."""
    cached = cache_path(paths, f.sha256)
    if cached.exists():
        doc = json.loads(cached.read_text(encoding="utf-8"))
        doc["report_id"] = f.report_id
        return ExtractionOutcome(f, report=report_from_json(doc), from_cache=True)
    failed = error_path(paths, f.sha256)
    if failed.exists():  # the same bytes failed with this extractor before: no second attempt
        return ExtractionOutcome(f, error=json.loads(failed.read_text(encoding="utf-8"))["error"], from_cache=True)
    try:
        report = extract_report(f.path, report_id=f.report_id, progress=progress, **limits)
    except ExtractionError as e:
        return _failed(paths, f, f"{f.path.name}: {e.problem}")
    except MemoryError:
        return _failed(paths, f, f"{f.path.name}: ran out of memory while extracting")
    paths.extracted.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(report.to_dict(), ensure_ascii=False), encoding="utf-8")
    tmp.replace(cached)  # a crash never leaves a half-written cache entry
    return ExtractionOutcome(f, report=report)


def _failed(paths: WarehousePaths, f: InboxFile, error: str) -> ExtractionOutcome:
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
