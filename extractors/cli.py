"""`twbio extract FILE.pdf [...] --out DIR`: the extractor on its own, JSON out."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .models import ExtractionError
from .report import extract_report


def split_pages(report: dict) -> dict:
    """One table per printed page part (no stitching): the form ICDAR's evaluate.py reads."""
    out = []
    for t in report["tables"]:
        by_page: dict[int, list] = {}
        n_header = len(t["header"])
        for c in t["cells"]:
            by_page.setdefault(c["page"], []).append(c)
        for page, cells in sorted(by_page.items()):
            rows = sorted({c["row"] for c in cells})
            grid_rows = []
            n_cols = t["n_cols"]
            index = {r: i for i, r in enumerate(rows)}
            grid = [["" for _ in range(n_cols)] for _ in rows]
            for c in cells:
                for r in range(c["row"], c["row"] + c["row_span"]):
                    if r in index:
                        for k in range(c["col"], min(n_cols, c["col"] + c["col_span"])):
                            grid[index[r]][k] = c["text"]
            grid_rows = grid
            hdr = [g for r, g in zip(rows, grid_rows) if r < n_header]
            body = [g for r, g in zip(rows, grid_rows) if r >= n_header]
            out.append({**{k: v for k, v in t.items() if k not in ("header", "rows", "cells")},
                        "page": page, "pages": [page], "header": hdr, "rows": body,
                        "cells": [{**c, "row": index[c["row"]]} for c in cells]})
    return {**report, "tables": out}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="twbio extract", description="Extract every table of PDF reports to JSON.")
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, required=True, help="directory for <file stem>.json")
    ap.add_argument("--pages-separately", action="store_true",
                    help="write each page's part of a table as its own table (no stitching)")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    problem = _unwritable(a.out)
    if problem:
        print(f"twbio extract: cannot write to --out {a.out}: {problem}", file=sys.stderr)
        return 73  # EX_CANTCREAT
    failed = 0
    for f in a.files:
        try:
            rep = extract_report(f, progress=None if a.quiet else _progress(f.name)).to_dict()
        except ExtractionError as e:
            # over a progress line cut short, if any (a finished one has ended its line)
            print(("" if a.quiet else "\r") + f"error: {e}", file=sys.stderr)
            failed += 1
            continue
        if a.pages_separately:
            rep = split_pages(rep)
        target = a.out / f"{f.stem}.json"
        try:
            target.write_text(json.dumps(rep, ensure_ascii=False, indent=1), encoding="utf-8")
        except OSError as e:
            print(f"twbio extract: cannot write {target}: {e.strerror or e}", file=sys.stderr)
            return 73
        if not a.quiet:
            print(f"{f.name}: {rep['pages']} pages, {len(rep['tables'])} tables -> {target}")
    return 1 if failed else 0


def _unwritable(out: Path) -> str | None:
    """Why files cannot be written into `out` (made if missing), or None."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        return e.strerror or str(e)
    if not out.is_dir():
        return "not a directory"
    probe = out / ".twbio-write-probe"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        return e.strerror or str(e)
    return None


def _progress(name: str):
    """Page counts on one line of stderr as the pages are read (a long report takes a while)."""
    def show(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print(f"\r{name}: page {done}/{total}", end=end, file=sys.stderr, flush=True)
    return show
