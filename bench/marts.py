#!/usr/bin/env python3
"""Marts benchmark: does a report printed in another layout publish the same warehouse?

    python bench/marts.py --corpus ../shared/corpus [--variants 10] [--first-seed 0] [--out DIR]

A full refresh of the shipped samples (warehouse/inbox) is the reference. Each layout
variant of bench/layouts.py (the same five reports, the same content, printed by another
producer in another layout; rendered and cached there) is refreshed into a warehouse of
its own, and every mart is compared with the reference row for row: the same rows, as a
multiset, over every column except those that say where a value was printed (the page,
the box, the file's bytes and page count, when it was read), which differ by design.
fact_sources, one row per printed box, is compared as the set of value boxes each fact
is traced to: how a sentence breaks into lines, a box's text as the producer spaced it,
its place in the printed grid and the label boxes merged cells lend a row are where a
value was printed too.

Prints, per variant, whether the refresh published, how many marts are identical, and for
each mart that is not, the rows only one side has (a few shown), then how many variants
published marts identical to the samples'.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

TWBIO = str(Path(sys.executable).with_name("twbio"))

# where a value was printed, and what was read when: a layout changes these by design
PRINT_POSITION = {"source_page", "page", "x0", "top", "x1", "bottom", "sha256", "file_sha256", "page_count",
                  "extracted_at", "extractor_version"}
# marts of one row per printed box: how many lines a sentence is set in, what each line or
# cell prints as the producer spaced it, where the box stands in the printed grid, and
# which label boxes a row's merged cells lend it are the layout's too. They are compared
# as the set of value boxes each fact is traced to (mart, fact, column or statement).
BOX_MARTS = {"fact_sources": ({"printed_text", "table_row", "table_col"}, "where is_value")}


def refresh(home: Path, pdfs: list[Path]) -> dict:
    """A full refresh of these PDFs into a new warehouse at home: its record
    (last_refresh.json: published, held_back, failures) and the exit code."""
    (home / "inbox").mkdir(parents=True, exist_ok=True)
    for pdf in pdfs:
        shutil.copy2(pdf, home / "inbox" / pdf.name)
    proc = subprocess.run([TWBIO, "refresh"], env={**os.environ, "TWBIO_HOME": str(home)},
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    state = home / "last_refresh.json"
    record = json.loads(state.read_text(encoding="utf-8")) if state.exists() else {}
    record["exit_code"] = proc.returncode
    record["published"] = bool(record.get("published")) and (home / "twbio.duckdb").exists()
    return record


def _why(record: dict) -> str:
    """What held a report back or failed the refresh, in a line or two."""
    parts = []
    for held in record.get("held_back") or []:
        parts.append(str(held)[:300])
    for failure in record.get("failures") or []:
        parts.append(str(failure)[:300])
    return "\n    ".join(parts[:6]) or f"exit code {record.get('exit_code')}"


def mart_rows(db: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """{mart: (compared columns, sorted rows)} of the published warehouse's marts schema."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        marts = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1").fetchall()]
        for mart in marts:
            cols = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_schema = 'marts' and table_name = ? "
                "order by ordinal_position", [mart]).fetchall()]
            layout_columns, only = BOX_MARTS.get(mart, (set(), ""))
            kept = [c for c in cols if c not in PRINT_POSITION | layout_columns]
            rows = con.execute(f'select {"distinct " if mart in BOX_MARTS else ""}'
                               f'{", ".join(f"{chr(34)}{c}{chr(34)}" for c in kept)} from marts."{mart}" {only}').fetchall()
            rows = [tuple(_hashable(v) for v in row) for row in rows]
            out[mart] = (kept, sorted(rows, key=repr))
        return out
    finally:
        con.close()


def _hashable(value):
    """A list or struct value (DuckDB LIST, STRUCT, MAP) as a tuple, so rows can be counted."""
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


def compare(reference: dict, other: dict) -> dict[str, tuple[list, list]]:
    """{mart: (rows only in the reference, rows only in the other)} for marts that differ."""
    from collections import Counter

    diffs = {}
    for mart, (cols, rows) in reference.items():
        if mart not in other:
            diffs[mart] = (rows, [])
            continue
        a, b = Counter(rows), Counter(other[mart][1])
        if a != b or cols != other[mart][0]:
            diffs[mart] = (sorted((a - b).elements(), key=repr), sorted((b - a).elements(), key=repr))
    for mart in other.keys() - reference.keys():
        diffs[mart] = ([], other[mart][1])
    return diffs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="the shared corpus dir (for bench/layouts.py)")
    ap.add_argument("--variants", type=int, default=10)
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / ".layouts", help="bench/layouts.py's render cache")
    ap.add_argument("--show", type=int, default=3, help="differing rows shown per mart and side")
    a = ap.parse_args(argv)
    import layouts

    work = Path(tempfile.mkdtemp(prefix="twbio-marts-"))
    t0 = time.perf_counter()
    record = refresh(work / "samples", sorted((ROOT / "warehouse" / "inbox").glob("*.pdf")))
    if not record["published"]:
        print(f"the samples' refresh did not publish:\n    {_why(record)}")
        return 1
    reference = mart_rows(work / "samples" / "twbio.duckdb")
    print(f"reference: the shipped samples, {len(reference)} marts, "
          f"{sum(len(r) for _, r in reference.values())} rows ({time.perf_counter() - t0:.0f} s)\n", flush=True)
    identical = 0
    for seed in range(a.first_seed, a.first_seed + a.variants):
        v = layouts.draw_variant(seed)
        d = layouts.render_variant(a.corpus.resolve(), v, a.out)
        home = work / f"seed{seed:03d}"
        t0 = time.perf_counter()
        record = refresh(home, sorted(d.glob("*.pdf")))
        secs = time.perf_counter() - t0
        if not record["published"]:
            print(f"seed {seed:3d} {v.describe()}  NOTHING PUBLISHED ({secs:.0f} s)\n    {_why(record)}", flush=True)
            shutil.rmtree(home, ignore_errors=True)
            continue
        diffs = compare(reference, mart_rows(home / "twbio.duckdb"))
        same = len(reference) - sum(1 for m in diffs if m in reference)
        identical += not diffs
        held = record.get("held_back") or []
        print(f"seed {seed:3d} {v.describe()}  marts identical {same}/{len(reference)}"
              f"{f', {len(held)} report(s) held back' if held else ''} ({secs:.0f} s)", flush=True)
        if held:
            print(f"    {_why({'held_back': held})}")
        for mart, (missing, extra) in sorted(diffs.items()):
            print(f"    {mart}: {len(missing)} sample rows missing, {len(extra)} rows not in the samples'")
            for row in missing[:a.show]:
                print(f"      - {row}")
            for row in extra[:a.show]:
                print(f"      + {row}")
        shutil.rmtree(home, ignore_errors=True)
    print(f"\nvariants whose refresh published marts identical to the samples': {identical}/{a.variants}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
