"""Editions of the sample white paper, made from its extraction: what a report family's
next edition changes, written as the extraction cache entry of a file of new bytes (the
warehouse logic is under test here, not the extractor)."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path

REVIEW_TABLE_CAPTION = "藥品審查案件與時效"


def _cells(t: dict) -> list[dict]:
    grid = t["header"] + t["rows"]
    # printed somewhere in the table's box (the edition is made from the extraction, not printed)
    return [{"row": r, "col": c, "row_span": 1, "col_span": 1, "text": v, "page": t["page"],
             "boxes": [[t["page"], *t["bbox"]]]}
            for r, row in enumerate(grid) for c, v in enumerate(row) if v]


def _renumber(text: str, after: int) -> str:
    return re.sub(r"表\s*4-(\d+)", lambda m: f"表 4-{int(m.group(1)) + 1}" if int(m.group(1)) > after else m.group(0),
                  text)


def make_edition(base: dict, year: int | None, *, title: str | None = None, revise: dict | None = None,
                 new_year_values: dict | None = None) -> dict:
    """The white paper's extraction as edition `year` prints it (None: a copy with no year
    in its title): its title's year; 表 4-11's five years moved on by one, with a new
    year's rows (`new_year_values`: review type -> [cases, days, rate]); `revise`:
    (review type, year) -> cases, reprinted otherwise; every table after 4-2 renumbered
    (a table added in section 二), the review table's caption reworded; the investment
    statement reworded around the next year's figures."""
    doc = copy.deepcopy(base)
    shift = (year - 2025) if year else 0
    doc["title"] = title if title is not None else (f"{year} 生技產業白皮書" if year else "生技產業白皮書")
    for t in doc["tables"]:
        m = re.fullmatch(r"4-(\d+)", t["table_id"])
        if m and int(m.group(1)) > 2:
            t["table_id"] = f"4-{int(m.group(1)) + 1}"
            t["caption"] = _renumber(t["caption"] or "", 2)
        if REVIEW_TABLE_CAPTION in (t["caption"] or "") and shift:
            rows = {(r[0], int(r[1])): r for r in t["rows"]}
            first = min(y for _, y in rows) + shift
            out = []
            for kind in dict.fromkeys(r[0] for r in t["rows"]):
                for y in range(first, first + 5):
                    if (kind, y) in rows:
                        row = list(rows[(kind, y)])
                    else:
                        row = [kind, str(y)] + [str(v) for v in (new_year_values or {})[kind]]
                    if revise and (kind, y) in revise:
                        row[2] = str(revise[(kind, y)])
                    out.append(row)
            t["rows"] = out
            t["caption"] = f"表 {t['table_id']} {first}~{first + 4} 年衛生福利部藥品審查之案件與時效"
        t["cells"] = _cells(t)
    for b in doc["text_blocks"]:
        if "生技產業投資額為新臺幣" in b["text"] and "依產業別區分" in b["text"] and shift:
            b["text"] = (f"依據經濟部產業發展署的統計，{2024 + shift} 年我國生技產業投資額為新臺幣 600.00 億元，"
                         f"較前一年成長，如圖 4-4 所示。依產業別區分，製藥產業為新臺幣 300.00 億元，醫療器材產業為新臺幣 "
                         f"200.00 億元，應用生技產業為新臺幣 50.00 億元，再生醫療產業為新臺幣50.00 億元。")
            b["sentences"] = [b["text"]]
            b["page_starts"] = [[0, b["page"]]]
            b["figures"] = []
    return doc


def add_edition(paths, sample_pdf: Path, doc: dict, file_name: str) -> Path:
    """Drop `doc` in the inbox as `file_name`: the sample's bytes made new (so the file
    has its own sha256), with `doc` as its extraction cache entry."""
    data = sample_pdf.read_bytes() + f"\n% edition {doc['title']} {file_name}\n".encode()
    sha = hashlib.sha256(data).hexdigest()
    target = paths.inbox / file_name
    target.write_bytes(data)
    version = next(paths.extracted.glob("*-v*.json")).name.rsplit("-v", 1)[1]
    entry = {**doc, "sha256": sha, "path": str(target)}
    (paths.extracted / f"{sha}-v{version}").write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
    return target


def sample_extraction(paths, sample_pdf: Path) -> dict:
    sha = hashlib.sha256(sample_pdf.read_bytes()).hexdigest()
    return json.loads(next(paths.extracted.glob(f"{sha}-v*.json")).read_text(encoding="utf-8"))
