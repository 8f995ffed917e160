"""The inbox: the PDFs a refresh reads, one report each, told apart by their bytes."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from extractors import file_sha256, report_id_for

from ..paths import WarehousePaths


@dataclass(frozen=True)
class InboxFile:
    path: Path
    sha256: str
    report_id: str

    @property
    def name(self) -> str:
        """The file name as the warehouse records and shows it (display_name)."""
        return display_name(self.path)


@dataclass
class InboxScan:
    files: list[InboxFile] = field(default_factory=list)
    duplicates: list[tuple[InboxFile, InboxFile]] = field(default_factory=list)
    # entries of the inbox that are not read, with why (display name, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def display_name(path: Path) -> str:
    """A file name as it can be shown, logged and written anywhere: bytes that are not
    UTF-8 as \\xNN, control characters (a newline) escaped, the rest as it is."""
    raw = os.fsencode(path.name)
    text = raw.decode("utf-8", errors="backslashreplace")
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def _skip_reason(p: Path) -> str | None:
    """Why an inbox entry is not a report to read, or None when it is one."""
    if p.name.startswith("."):
        return "hidden"  # editors' and downloaders' temporary files; not listed
    if p.is_symlink():
        target = os.readlink(p)
        if not p.exists():
            return f"a link to {target!r}, which does not exist"
        inside = p.resolve().is_relative_to(p.parent.resolve())
        return None if inside and p.resolve().is_file() else \
            f"a link to {target!r}, outside the inbox: links are not followed out of it"
    if p.is_dir():
        return "a directory (reports are read from the inbox itself, not its subdirectories)"
    if not p.is_file():
        return "not a regular file"
    if p.suffix.lower() != ".pdf":
        return "not named .pdf"
    return None


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
    for p in sorted(paths.inbox.iterdir() if paths.inbox.exists() else [], key=lambda p: os.fsencode(p.name)):
        reason = _skip_reason(p)
        if reason == "hidden":
            continue
        if reason is not None:
            scan.skipped.append((display_name(p), reason))
            continue
        try:
            candidates.append((p, file_sha256(p)))
        except OSError as e:
            scan.skipped.append((display_name(p), f"cannot be read ({e.strerror})"))
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
    scan.files.sort(key=lambda f: os.fsencode(f.path.name))
    return scan
