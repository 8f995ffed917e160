#!/usr/bin/env python3
"""Refresh benchmark: where the time goes, and how it grows.

    python bench/refresh.py [--reports warehouse/inbox] [--scale 50,200]

Each scenario runs `twbio refresh` in a child process against a fresh warehouse under a
temp directory and reports wall time, the stages (extract, raw load, dbt build, checks,
publish, exports, site, from the run's own records) and the peak memory of the refresh
process and of its children (dbt).

  full        the five sample reports, nothing cached
  no-op       the same again, nothing changed
  incremental a new edition of the white paper added to the built warehouse (its extraction
              cached): dbt rebuilds only the models downstream of the raw relations it
              changed (and whatever dbt's state comparison finds modified)
  scale N     N reports: the samples copied under new report ids, with new bytes (a
              trailing PDF comment) so that each is a distinct file to extract
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TWBIO = str(Path(sys.executable).with_name("twbio"))
STAGES = ["extract", "raw load", "dbt build", "checks", "publish", "exports", "site"]


def run(home: Path, *args: str) -> dict:
    env = {**os.environ, "TWBIO_HOME": str(home)}
    start = time.monotonic()
    proc = subprocess.Popen([TWBIO, "refresh", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    stderr = proc.stderr.read().decode(errors="replace")
    state = json.loads((home / "last_refresh.json").read_text(encoding="utf-8"))
    meta = state["metadata"]
    return {
        "ok": os.waitstatus_to_exitcode(status) == 0 and (state["published"] or state.get("noop", False)),
        "wall": wall,
        "stages": meta.get("stage_seconds", {}),
        "extracted": meta.get("extraction", {}).get("extracted", 0),
        "pages": meta.get("extraction", {}).get("pages", 0),
        "reports": meta.get("extraction", {}).get("reports", 0),
        # ru_maxrss of wait4: the largest of the refresh process and its waited-for children
        "peak_mib": usage.ru_maxrss / 1024,
        # dbt models and seeds the build kept as published (dbt's state: unchanged, upstream unchanged)
        "models_kept": sum(1 for m in meta.values() if isinstance(m, dict) and m.get("rebuilt") is False),
        "error": "" if os.waitstatus_to_exitcode(status) == 0 else stderr[-500:],
    }


def huge_file(work: Path, pages: int = 2000) -> str:
    """Extract a generated 2000-page report in a fresh process: pages/s and peak memory
    (pages are streamed and closed, so memory must not grow with the page count)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from fixtures.make_bad_inputs import huge_pdf

    pdf = huge_pdf(work / "huge.pdf", pages)
    code = ("import time, sys; sys.path.insert(0, %r); from extractors import extract_report; t = time.monotonic(); "
            "r = extract_report(%r); dt = time.monotonic() - t; "
            "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]; "
            "print(r.pages, round(dt, 1), int(hwm) // 1024)") % (str(ROOT), str(pdf))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.split()
    n, secs, mib = int(out[0]), float(out[1]), int(out[2])
    return f"huge file      {n} pages extracted in {secs:.1f} s ({n / secs:.0f} pages/s), peak RSS {mib} MiB"


def make_copies(reports: list[Path], inbox: Path, n: int) -> None:
    inbox.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        src = reports[i % len(reports)]
        data = src.read_bytes() + f"\n% twbio bench copy {i}\n".encode()
        (inbox / f"{src.stem}-copy{i:03d}.pdf").write_bytes(data)


def line(name: str, r: dict) -> str:
    st = r["stages"]
    stages = "  ".join(f"{s} {st.get(s, 0):6.1f}s" for s in STAGES)
    status = "ok" if r["ok"] else f"FAILED {r['error'][:120]}"
    return (f"{name:14s} {r['reports']:4d} reports {r['extracted']:4d} extracted {r['pages']:5d} pages  "
            f"wall {r['wall']:7.1f}s  {stages}  peak {r['peak_mib']:6.0f} MiB  {status}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=Path, default=ROOT / "warehouse" / "inbox")
    ap.add_argument("--scale", default="50,200")
    a = ap.parse_args()
    reports = sorted(a.reports.glob("*.pdf"))
    work = Path(tempfile.mkdtemp(prefix="twbio-bench-"))
    print(f"twbio refresh benchmark - {time.strftime('%Y-%m-%d')} - {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    home = work / "samples"
    (home / "inbox").mkdir(parents=True)
    for r in reports:
        shutil.copy2(r, home / "inbox" / r.name)
    full = run(home)
    print(line("full", full))
    noop = run(home)
    print(line("no-op", noop) + f"  (target < 5 s, 0 pages: {'met' if noop['wall'] < 5 and noop['pages'] == 0 else 'NOT met'})")
    # a new edition of the white paper: its 2026 edition (tests/editions.py: the sample's
    # extraction with next year's title, years, a revised figure, renumbered tables),
    # dropped in as a file of new bytes with its extraction cached: what is measured is
    # the warehouse's side of adding an edition
    sys.path.insert(0, str(ROOT / "tests"))
    from editions import add_edition, make_edition, sample_extraction
    from orchestration.paths import WarehousePaths

    paths = WarehousePaths(home)
    sample = home / "inbox" / "whitepaper-2025-ch4.pdf"
    edition = make_edition(sample_extraction(paths, sample), 2026, revise={("新藥查驗登記案", 2023): 125},
                           new_year_values={"新藥臨床試驗案": [380, 24, 90], "新藥查驗登記案": [130, 220, 82]})
    add_edition(paths, sample, edition, "whitepaper-2026.pdf")
    inc = run(home)
    print(line("incremental", inc) + f"  (+ the 2026 white paper edition; "
                                     f"{inc['models_kept']} dbt models and seeds kept as published)")
    for name, r in (("full", full), ("incremental", inc)):
        dbt = r["stages"].get("dbt build", 0)
        print(f"dbt step share of the {name} refresh: {dbt:.1f} of {r['wall']:.1f} s ({100 * dbt / r['wall']:.0f} %)")
    print(huge_file(work))
    results = {}
    for n in [int(x) for x in a.scale.split(",") if x]:
        h = work / f"scale{n}"
        make_copies(reports, h / "inbox", n)
        results[n] = run(h)
        print(line(f"scale {n}", results[n]))
        shutil.rmtree(h)
    if len(results) >= 2:
        small, big = sorted(results)
        ratio = results[big]["wall"] / results[small]["wall"]
        print(f"scale {big}/{small}: wall time x{ratio:.2f} for x{big / small:.0f} reports "
              f"(linear: x{big / small:.0f}); peak memory {results[small]['peak_mib']:.0f} -> "
              f"{results[big]['peak_mib']:.0f} MiB")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
