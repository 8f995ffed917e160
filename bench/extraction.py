#!/usr/bin/env python3
"""Extraction benchmark: accuracy on our reports, generality on ICDAR 2013, speed and memory.

    python bench/extraction.py --reports ../shared/corpus --icdar ../shared/benchmarks/icdar2013

1. Cell precision/recall/F1 and tables found on the sample reports (ruled) and their
   borderless variant, scored by the corpus' own score.py.
2. ICDAR 2013 EU set, complete process (find + grid), structure F1 by the set's own
   evaluate.py, for twbio and for peers run on the same files: pdfplumber's default
   find_tables, camelot lattice and stream, PyMuPDF find_tables (bench extras; a peer
   that is not installed is reported as such).
3. Pages per second and peak RSS of twbio next to plain pdfplumber extract_tables on the
   same pages, each in a fresh process.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import multiprocessing as mp
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# ---------------------------------------------------------------- our reports

def _extract_to(pdf: Path, d: Path) -> None:
    from extractors import extract_report

    (d / f"{pdf.stem}.json").write_text(json.dumps(extract_report(pdf).to_dict(), ensure_ascii=False),
                                        encoding="utf-8")


def score_reports(corpus: Path, out: Path) -> list[str]:
    from concurrent.futures import ProcessPoolExecutor

    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    lines = []
    for style in ("reports", "reports-booktabs"):
        d = out / style
        d.mkdir(parents=True, exist_ok=True)
        pdfs = sorted((corpus / style).glob("*.pdf"))
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(_extract_to, pdfs, [d] * len(pdfs)))
        res = score.score_dirs(corpus / "truth", d)
        o = res["overall"]
        lines.append(f"{style:18s} tables found {o['tables_found']}/{o['tables']}  cell P {o['precision']:.3f} "
                     f"R {o['recall']:.3f} F1 {o['f1']:.3f}  row-exact {o['row_exact']:.3f}")
        for r in res["reports"]:
            lines.append(f"    {r['report_id']:28s} {r['tables_found']:2d}/{r['n_truth_tables']:<2d} F1 {r['f1']:.3f}")
    return lines


# ---------------------------------------------------------------- ICDAR 2013

def _cells_from_grid(rows):
    return [{"row": r, "col": c, "text": "" if v is None else str(v)}
            for r, row in enumerate(rows) for c, v in enumerate(row)]


def run_twbio(pdf: Path) -> dict:
    from extractors import ExtractionError, extract_report
    from extractors.cli import split_pages

    try:
        rep = split_pages(extract_report(pdf).to_dict())
    except ExtractionError:
        return {"tables": []}
    return {"tables": [{"page": t["page"], "bbox": t["bbox"], "cells": t["cells"]} for t in rep["tables"]]}


def run_pdfplumber(pdf: Path) -> dict:
    import pdfplumber

    out = []
    with pdfplumber.open(str(pdf)) as doc:
        for i, page in enumerate(doc.pages):
            for t in page.find_tables():
                out.append({"page": i + 1, "bbox": list(t.bbox), "cells": _cells_from_grid(t.extract())})
    return {"tables": out}


def _run_camelot(pdf: Path, flavor: str) -> dict:
    import camelot
    import pdfplumber

    with pdfplumber.open(str(pdf)) as doc:
        heights = [p.height for p in doc.pages]
    out = []
    for t in camelot.read_pdf(str(pdf), pages="all", flavor=flavor):
        page = int(t.page)
        x1, y1, x2, y2 = t._bbox
        h = heights[page - 1]
        out.append({"page": page, "bbox": [x1, h - y2, x2, h - y1], "cells": _cells_from_grid(t.df.values.tolist())})
    return {"tables": out}


def run_camelot_lattice(pdf: Path) -> dict:
    return _run_camelot(pdf, "lattice")


def run_camelot_stream(pdf: Path) -> dict:
    return _run_camelot(pdf, "stream")


def run_pymupdf(pdf: Path) -> dict:
    import pymupdf

    out = []
    with pymupdf.open(str(pdf)) as doc:
        for i, page in enumerate(doc):
            for t in page.find_tables().tables:
                out.append({"page": i + 1, "bbox": list(t.bbox), "cells": _cells_from_grid(t.extract())})
    return {"tables": out}


SYSTEMS = {
    "twbio": run_twbio,
    "pdfplumber find_tables": run_pdfplumber,
    "camelot lattice": run_camelot_lattice,
    "camelot stream": run_camelot_stream,
    "PyMuPDF find_tables": run_pymupdf,
}


def _run_system(name: str, pdf: Path) -> dict:
    try:
        return SYSTEMS[name](pdf)
    except ImportError:
        raise
    except Exception as e:  # a peer crashing on a file scores that file as empty
        print(f"  {name} failed on {pdf.name}: {type(e).__name__}: {e}", file=sys.stderr)
        return {"tables": []}


def score_icdar(icdar: Path, out: Path) -> list[str]:
    from concurrent.futures import ProcessPoolExecutor

    lines = []
    pdfs = sorted(icdar.glob("*.pdf"))
    for name in SYSTEMS:
        d = out / re.sub(r"\W+", "_", name)
        d.mkdir(parents=True, exist_ok=True)
        try:
            # accuracy only: the files are read on every core (speed is measured in section 3)
            with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
                for pdf, res in zip(pdfs, pool.map(_run_system, [name] * len(pdfs), pdfs)):
                    (d / f"{pdf.stem}.json").write_text(json.dumps(res, ensure_ascii=False), encoding="utf-8")
        except ImportError as e:
            lines.append(f"{name:24s} not installed ({e.name}); pip install -e '.[bench]'")
            continue
        proc = subprocess.run([sys.executable, str(icdar / "evaluate.py"), "--pdf-dir", str(icdar), "--gt-dir",
                               str(icdar), "--res-dir", str(d), "--quiet"], capture_output=True, text=True)
        summary = {m.group(1): m.group(2) for m in re.finditer(r"^(.*?):\s+([0-9.]+.*)$", proc.stdout, re.M)}
        picked = "; ".join(f"{k.strip()}: {v}" for k, v in summary.items()
                           if k.strip().startswith(("structure F1", "detection")))
        lines.append(f"{name:24s} {picked or proc.stdout.strip().splitlines()[-1:]}")
    return lines


# ---------------------------------------------------------------- speed

def _peak_rss_kib() -> int:
    """Peak resident memory of this process (VmHWM: unlike ru_maxrss, not inherited
    across the exec of a spawned child)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _time_plain(paths, q):
    import pdfplumber

    start, pages = time.perf_counter(), 0
    for p in paths:
        with pdfplumber.open(p) as doc:
            for page in doc.pages:
                page.extract_tables()
                page.close()
                pages += 1
    q.put((pages, time.perf_counter() - start, _peak_rss_kib()))


def _time_twbio(paths, q):
    from extractors import extract_report

    start, pages = time.perf_counter(), 0
    for p in paths:
        pages += extract_report(p).pages
    q.put((pages, time.perf_counter() - start, _peak_rss_kib()))


def speed(pdfs: list[Path]) -> list[str]:
    ctx = mp.get_context("spawn")
    lines, results = [], {}
    for name, fn in (("plain pdfplumber extract_tables", _time_plain), ("twbio extract_report", _time_twbio)):
        q = ctx.Queue()
        proc = ctx.Process(target=fn, args=([str(p) for p in pdfs], q))
        proc.start()
        pages, secs, rss = q.get()
        proc.join()
        results[name] = secs
        lines.append(f"{name:34s} {pages} pages in {secs:6.2f} s = {pages / secs:6.1f} pages/s, peak RSS {rss / 1024:6.0f} MiB")
    ratio = results["twbio extract_report"] / results["plain pdfplumber extract_tables"]
    lines.append(f"twbio / plain pdfplumber time: {ratio:.2f}x (target <= 1.5x)")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=Path, required=True, help="corpus dir (reports/, reports-booktabs/, truth/, score.py)")
    ap.add_argument("--icdar", type=Path, help="ICDAR 2013 dir (PDFs, XML truth, evaluate.py)")
    ap.add_argument("--out", type=Path, help="where to write extracted JSON (default: a temp dir)")
    a = ap.parse_args()
    out = a.out or Path(tempfile.mkdtemp(prefix="twbio-bench-"))
    print(f"twbio extraction benchmark - {time.strftime('%Y-%m-%d')} - {platform.machine()}, "
          f"{mp.cpu_count()} cores, Python {platform.python_version()}")
    print("\n## 1. sample reports (score.py)")
    for line in score_reports(a.reports, out):
        print(line)
    if a.icdar:
        print("\n## 2. ICDAR 2013 EU set (evaluate.py, complete process)")
        for line in score_icdar(a.icdar, out / "icdar"):
            print(line)
    print("\n## 3. speed and memory (sample reports, ruled)")
    for line in speed(sorted((a.reports / "reports").glob("*.pdf"))):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
