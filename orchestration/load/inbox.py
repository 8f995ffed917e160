"""The inbox: the PDFs a refresh reads, one report each, told apart by their bytes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extractors import file_sha256, report_id_for

from ..paths import WarehousePaths


@dataclass(frozen=True)
class InboxFile:
    path: Path
    sha256: str
    report_id: str


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
        candidates.append((p, file_sha256(p)))
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
