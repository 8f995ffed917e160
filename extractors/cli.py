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
    a.out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for f in a.files:
        try:
            rep = extract_report(f).to_dict()
        except ExtractionError as e:
            print(f"error: {e}", file=sys.stderr)
            failed += 1
            continue
        if a.pages_separately:
            rep = split_pages(rep)
        (a.out / f"{f.stem}.json").write_text(json.dumps(rep, ensure_ascii=False, indent=1), encoding="utf-8")
        if not a.quiet:
            print(f"{f.name}: {rep['pages']} pages, {len(rep['tables'])} tables -> {a.out / (f.stem + '.json')}")
    return 1 if failed else 0
