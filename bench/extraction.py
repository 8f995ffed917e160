#!/usr/bin/env python3
"""Extraction benchmark: every development set in one run, next to the peers.

    python bench/extraction.py --reports ../shared/corpus --icdar ../shared/benchmarks/icdar2013 [--layouts 30]

1. Cell precision/recall/F1 and tables found on the sample reports (ruled) and their
   three-rule variant, scored by the corpus' own score.py, for twbio and for peers
   (pdfplumber's default extract_tables, PyMuPDF find_tables).
2. The same content printed in generated layouts by other producers (bench/layouts.py:
   WeasyPrint, Chromium, ReportLab; the first --layouts seeds), twbio and the same peers:
   cell F1 per variant, mean and minimum.
3. ICDAR 2013 EU set, complete process (find + grid), structure F1 by the set's own
   evaluate.py, for twbio and for peers run on the same files: pdfplumber's default
   find_tables, camelot lattice and stream, PyMuPDF find_tables (bench extras; a peer
   that is not installed is reported as such).
4. Pages per second and peak RSS of twbio next to plain pdfplumber extract_tables on the
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
    from extractors import ExtractionError, extract_report

    try:
        doc = extract_report(pdf).to_dict()
    except ExtractionError:
        doc = {"tables": []}
    (d / f"{pdf.stem}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _pdfplumber_rows(pdf: Path, d: Path) -> None:
    import pdfplumber

    tables = []
    with pdfplumber.open(str(pdf)) as doc:
        for i, page in enumerate(doc.pages):
            for t in page.extract_tables():
                tables.append({"page": i + 1, "rows": [["" if c is None else c for c in row] for row in t]})
            page.close()
    (d / f"{pdf.stem}.json").write_text(json.dumps({"tables": tables}, ensure_ascii=False), encoding="utf-8")


def _pymupdf_rows(pdf: Path, d: Path) -> None:
    import pymupdf

    tables = []
    with pymupdf.open(str(pdf)) as doc:
        for i, page in enumerate(doc):
            for t in page.find_tables().tables:
                tables.append({"page": i + 1, "rows": [["" if c is None else c for c in row] for row in t.extract()]})
    (d / f"{pdf.stem}.json").write_text(json.dumps({"tables": tables}, ensure_ascii=False), encoding="utf-8")


REPORT_SYSTEMS = {"twbio": _extract_to, "pdfplumber extract_tables": _pdfplumber_rows,
                  "PyMuPDF find_tables": _pymupdf_rows}


def _run_report_system(name: str, pdf: Path, d: Path) -> None:
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # every peer reads through pdfminer's warnings
    try:
        REPORT_SYSTEMS[name](pdf, d)
    except ImportError:
        raise
    except Exception as e:  # a peer crashing on a file scores that file as empty
        print(f"  {name} failed on {pdf.name}: {type(e).__name__}: {e}", file=sys.stderr)
        (d / f"{pdf.stem}.json").write_text(json.dumps({"tables": []}), encoding="utf-8")


def _load_score(corpus: Path):
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    return score


def _extract_all(name: str, pdfs: list[Path], dirs: list[Path]) -> bool:
    """Run one system over the PDFs (output dir per PDF) on every core; False if it is not installed."""
    from concurrent.futures import ProcessPoolExecutor

    for d in set(dirs):
        d.mkdir(parents=True, exist_ok=True)
    order = sorted(range(len(pdfs)), key=lambda i: -pdfs[i].stat().st_size)
    try:
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(_run_report_system, [name] * len(pdfs), [pdfs[i] for i in order], [dirs[i] for i in order]))
    except ImportError:
        return False
    return True


def score_reports(corpus: Path, out: Path) -> list[str]:
    score = _load_score(corpus)
    lines = []
    for style in ("reports", "reports-booktabs"):
        pdfs = sorted((corpus / style).glob("*.pdf"))
        for name in REPORT_SYSTEMS:
            d = out / style / re.sub(r"\W+", "_", name)
            if not _extract_all(name, pdfs, [d] * len(pdfs)):
                lines.append(f"{style:18s} {name:26s} not installed")
                continue
            res = score.score_dirs(corpus / "truth", d)
            o = res["overall"]
            lines.append(f"{style:18s} {name:26s} tables found {o['tables_found']}/{o['tables']}  cell P {o['precision']:.3f} "
                         f"R {o['recall']:.3f} F1 {o['f1']:.3f}  row-exact {o['row_exact']:.3f}")
            if name == "twbio":
                for r in res["reports"]:
                    lines.append(f"    {r['report_id']:28s} {r['tables_found']:2d}/{r['n_truth_tables']:<2d} F1 {r['f1']:.3f}")
    return lines


def score_layouts(corpus: Path, out: Path, n: int) -> list[str]:
    """The first n layout variants (rendered and cached by bench/layouts.py)."""
    import statistics

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import layouts

    score = _load_score(corpus)
    variants = [layouts.draw_variant(seed) for seed in range(n)]
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing as mp

    cache = ROOT / "bench" / ".layouts"
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=mp.get_context("spawn")) as pool:
        dirs = [Path(d) for d in pool.map(layouts._render_task, [(str(corpus), v, str(cache)) for v in variants])]
    lines = []
    for name in REPORT_SYSTEMS:
        pdfs, outs = [], []
        for d in dirs:
            for pdf in sorted(d.glob("*.pdf")):
                pdfs.append(pdf)
                outs.append(out / "layouts" / re.sub(r"\W+", "_", name) / d.name)
        if not _extract_all(name, pdfs, outs):
            lines.append(f"{name:26s} not installed")
            continue
        f1s, found, total = [], 0, 0
        for v, d in zip(variants, dirs):
            res = score.score_dirs(corpus / "truth", out / "layouts" / re.sub(r"\W+", "_", name) / d.name)
            o = res["overall"]
            f1s.append(o["f1"])
            found += o["tables_found"]
            total += o["tables"]
            if name == "twbio":
                lines.append(f"    seed {v.seed:3d} {v.describe()}  F1 {o['f1']:.3f}  tables {o['tables_found']}/{o['tables']}")
        lines.append(f"{name:26s} {len(f1s)} variants: cell F1 mean {statistics.mean(f1s):.3f}, median "
                     f"{statistics.median(f1s):.3f}, min {min(f1s):.3f}; tables found {found}/{total} "
                     f"({100 * found / total:.1f} %)")
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
    ap.add_argument("--layouts", type=int, default=30, help="layout variants to score (0: none)")
    a = ap.parse_args()
    out = a.out or Path(tempfile.mkdtemp(prefix="twbio-bench-"))
    print(f"twbio extraction benchmark - {time.strftime('%Y-%m-%d')} - {platform.machine()}, "
          f"{mp.cpu_count()} cores, Python {platform.python_version()}")
    print("\n## 1. sample reports (score.py)")
    for line in score_reports(a.reports, out):
        print(line)
    if a.layouts:
        print(f"\n## 2. generated layouts, seeds 0-{a.layouts - 1} (bench/layouts.py, score.py)")
        for line in score_layouts(a.reports, out, a.layouts):
            print(line)
    if a.icdar:
        print("\n## 3. ICDAR 2013 EU set (evaluate.py, complete process)")
        for line in score_icdar(a.icdar, out / "icdar"):
            print(line)
    print("\n## 4. speed and memory (sample reports, ruled)")
    for line in speed(sorted((a.reports / "reports").glob("*.pdf"))):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
