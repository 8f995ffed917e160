"""Reports held back: a report whose data failed a blocking check is left out of the
warehouse (its last published rows stay, or it stays absent), while every other report
is published.

The gate records each held-back report with the file's sha256 and the extractor and
checks versions that judged it (warehouse/held_back.json); the raw layer of later builds
leaves it out for as long as all three are the same. A new file, a new extractor or new
checks try it again.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from ..paths import WarehousePaths


@dataclass
class HeldBack:
    report_id: str
    file_name: str
    sha256: str
    extractor_version: str
    checks_version: str
    run_id: str
    held_at: str
    # each finding: suite, expectation, column, and the failing rows (table, page, row, value)
    findings: list[dict] = field(default_factory=list)

    def applies(self, sha256: str, extractor_version: str, checks_version: str) -> bool:
        return (self.sha256, self.extractor_version, self.checks_version) == (sha256, extractor_version, checks_version)

    def lines(self) -> list[str]:
        """One readable line per finding, naming the table, page, row and printed value."""
        out = []
        for f in self.findings:
            head = f"{f['suite']}: {f['expectation']}" + (f" on {f['column']}" if f.get("column") else "")
            rows = [r for r in f.get("failing_rows", []) if str(r.get("report_id", self.report_id)) == self.report_id]
            if not rows:
                out.append(f"{head} (observed {f.get('observed')})")
            for r in rows[:5]:
                out.append(f"{head}: {describe_row(r)}")
        return out


def describe_row(row: dict) -> str:
    """Where a failing row was printed and what it says, from the columns checks name rows by."""
    where = []
    for key, label in (("source_table", "table"), ("dataset", "dataset"), ("source_page", "page"),
                       ("source_row", "row"), ("row_label", "row"), ("statement_id", "statement")):
        if row.get(key) not in (None, ""):
            where.append(f"{label} {row[key]}")
    shown = {"report_id", "source_table", "dataset", "source_page", "source_row", "row_label", "statement_id"}
    values = [f"{k}={v}" for k, v in row.items() if k not in shown]
    return ", ".join(where + values)


def _path(paths: WarehousePaths):
    return paths.home / "held_back.json"


def load_held_back(paths: WarehousePaths) -> dict[str, HeldBack]:
    path = _path(paths)
    if not path.exists():
        return {}
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {rid: HeldBack(**entry) for rid, entry in doc.items()}


def save_held_back(paths: WarehousePaths, entries: dict[str, HeldBack]) -> None:
    path = _path(paths)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({rid: asdict(e) for rid, e in sorted(entries.items())}, ensure_ascii=False, indent=1,
                              default=str),
                   encoding="utf-8")
    tmp.replace(path)


def hold_back(paths: WarehousePaths, entries: list[HeldBack]) -> list[HeldBack]:
    """Add these reports to the register; returns those that were not held back already."""
    current = load_held_back(paths)
    new = [e for e in entries if e.report_id not in current
           or not current[e.report_id].applies(e.sha256, e.extractor_version, e.checks_version)]
    for e in entries:
        current[e.report_id] = e
    save_held_back(paths, current)
    return new


def active_held_back(paths: WarehousePaths, inbox: dict[str, str], extractor_version: str,
                     checks_version: str) -> dict[str, HeldBack]:
    """The entries that still apply to the inbox (`inbox`: report id -> sha256); the others
    (the file changed or left, the extractor or the checks changed) are dropped."""
    current = load_held_back(paths)
    active = {rid: e for rid, e in current.items()
              if rid in inbox and e.applies(inbox[rid], extractor_version, checks_version)}
    if active.keys() != current.keys():
        save_held_back(paths, active)
    return active


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
