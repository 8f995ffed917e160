"""Writing the site: a home page, a page per mart, a source view per printed table and per
catalogued statement, and the page images they draw on.

The site is written into a fresh folder and swapped in with two renames, so a reader never
sees a half-written site (for the instant between the renames, none); page images of
unchanged reports are carried over from the previous site instead of being rendered again.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
from collections import defaultdict
from datetime import date, datetime
from html import escape
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from extractors import file_sha256

from .data import SiteData, read_site_data, records
from .images import PageImage, remember, render_pages, shared_cache

SUBJECTS = {
    "investment": ("Investment", "投資"),
    "clinical_trials": ("Clinical trials", "臨床試驗"),
    "approvals": ("Approvals", "上市許可"),
    "talent": ("Talent", "人才"),
    "plans": ("Plans", "計畫"),
    "core": ("Dimensions and lineage", "維度與出處"),
}


def write_site(published: Path, inbox: Path, site: Path) -> dict:
    """Generate the site of the published warehouse into `site`. Returns counts for metadata."""
    data = read_site_data(published)
    new = site.with_name(site.name + ".new")
    shutil.rmtree(new, ignore_errors=True)
    (new / "static").mkdir(parents=True)
    for name in ("site.css", "site.js"):
        (new / "static" / name).write_text(resources.files(__package__).joinpath("static", name).read_text("utf-8"),
                                           encoding="utf-8")
    cache = shared_cache()
    images, missing = _page_images(data, inbox, new / "pages", [site / "pages"] + ([cache] if cache else []))
    remember(new / "pages", cache)
    writer = _Writer(data, images, missing)
    (new / "index.html").write_text(writer.home(), encoding="utf-8")
    (new / "marts").mkdir()
    for m in data.marts:
        (new / "marts" / f"{m['mart']}.html").write_text(writer.mart(m), encoding="utf-8")
    for (rid, tid) in data.tables:
        path = new / writer.table_href(rid, tid)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(writer.table_view(rid, tid), encoding="utf-8")
    for (rid, sid) in data.statements:
        path = new / writer.statement_href(rid, sid)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(writer.statement_view(rid, sid), encoding="utf-8")
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    n_images = len(list((site / "pages").glob("*.png")))
    return {"site": str(site), "marts": len(data.marts), "table_views": len(data.tables),
            "statement_views": len(data.statements), "page_images": n_images,
            "pages_without_image": len(missing),
            "bytes": sum(f.stat().st_size for f in site.rglob("*") if f.is_file())}


def _page_images(data: SiteData, inbox: Path, out: Path, reuse: list[Path]):
    """The images of every page that holds a published fact or a catalogued statement,
    from the inbox file the report was published from (matched by its content hash)."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for rid, page in data.sources[["report_id", "page"]].drop_duplicates().itertuples(index=False):
        wanted[rid].add(int(page))
    for (rid, _), lines in data.lines.items():
        wanted[rid].update(int(l["page"]) for l in lines)
    images: dict[tuple[str, int], PageImage] = {}
    missing: dict[tuple[str, int], str] = {}
    by_id = {r["report_id"]: r for r in data.reports}
    for rid, pages in wanted.items():
        report = by_id.get(rid)
        pdf = inbox / report["file_name"] if report and report.get("file_name") else None
        if pdf is None or not pdf.exists() or file_sha256(pdf) != report["sha256"]:
            why = "the PDF this report was published from is no longer in the inbox"
            missing.update({(rid, p): why for p in pages})
            continue
        for page, image in render_pages(pdf, report["sha256"], sorted(pages), out, reuse).items():
            images[(rid, page)] = image
    return images, missing


def _slug(value: str) -> str:
    """A file name for an id: the id itself when it is safe, else a safe form with a hash
    (two ids that differ only in unsafe characters keep two files)."""
    s = re.sub(r"[^A-Za-z0-9._-]+", "_", value).strip("_.") or "x"
    return s if s == value else f"{s}-{hashlib.sha256(value.encode()).hexdigest()[:8]}"


def fact_key(mart: str, row, column) -> str:
    return f"{mart}|{'' if row is None else int(row)}|{column or ''}"


def _fmt(v) -> str:
    if getattr(v, "ndim", None) == 0:  # a numpy scalar
        v = v.item()
    if v is None:
        return ""
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        return f"{v:,.6f}".rstrip("0").rstrip(".") if abs(v) < 1e15 else f"{v:.6g}"
    if isinstance(v, (datetime, date, pd.Timestamp)):
        return v.isoformat()[:19]
    if isinstance(v, (list, tuple)) or hasattr(v, "tolist"):
        return "; ".join(_fmt(x) for x in (v.tolist() if hasattr(v, "tolist") else v))
    return str(v)


def _is_blocking(finding: dict) -> bool:
    return finding.get("severity") in ("blocking", "error")


def _num(v) -> bool:
    if getattr(v, "ndim", None) == 0:
        v = v.item()
    return isinstance(v, (int, float)) and not isinstance(v, bool)


class _Writer:
    def __init__(self, data: SiteData, images: dict, missing: dict):
        self.d = data
        self.images = images
        self.missing = missing
        self.reports = {r["report_id"]: r for r in data.reports}
        table_facts = data.sources[data.sources["source_kind"] == "table_cell"]
        self.table_facts = {key: g for key, g in table_facts.groupby(["report_id", "source_table"], sort=False)}
        self.statement_facts = data.sources[data.sources["source_kind"] == "text_line"]
        # which marts read each statement, so that a statement's page names them
        self.statement_marts: dict[tuple[str, str], set[str]] = defaultdict(set)
        for mart, rid, sid in self.statement_facts[["mart", "report_id", "statement_id"]].drop_duplicates().itertuples(
                index=False):
            self.statement_marts[(rid, sid)].add(mart)

    # ------------------------------------------------------------------ links
    def table_href(self, rid: str, tid: str) -> str:
        return f"sources/{_slug(rid)}/table-{_slug(tid)}.html"

    def statement_href(self, rid: str, sid: str) -> str:
        return f"sources/{_slug(rid)}/statement-{_slug(sid)}.html"

    def figure_of(self, rid: str, sid: str, value) -> str | None:
        """The catalogued statement's number a mart row holds (matched by value)."""
        for f in self.d.figures.get((rid, sid), []):
            if f["value"] is not None and value is not None and abs(float(f["value"]) - float(value)) < 1e-9:
                return f["figure"]
        return None

    def row_source(self, mart: str, row: dict) -> str | None:
        """The source view of a mart row, relative to the site's root, with the fact selected."""
        rid, tid = row.get("report_id"), row.get("source_table")
        if rid is None:
            return None
        if row.get("source_row") is not None and (rid, tid) in self.d.tables:
            key = fact_key(mart, row["source_row"], row.get("source_column"))
            return f"{self.table_href(rid, tid)}#fact={quote(key)}"
        if row.get("statement_id") is not None:
            return self.source_href(rid, row["statement_id"], row.get("amount_printed", row.get("value")))
        return self.source_href(rid, tid)

    def source_href(self, rid: str, printed_in: str | None, value=None) -> str | None:
        """The view of a printed table, or of a statement with the number `value` selected."""
        if printed_in is None:
            return None
        if (rid, printed_in) in self.d.tables:
            return self.table_href(rid, printed_in)
        if (rid, printed_in) in self.d.statements:
            figure = self.figure_of(rid, printed_in, value) if _num(value) else None
            return self.statement_href(rid, printed_in) + (f"#figure={quote(figure)}" if figure else "")
        return None

    # ------------------------------------------------------------------ pages
    def _page(self, title: str, body: str, depth: int) -> str:
        up = "../" * depth
        return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{escape(title)} · twbio</title>"
                f'<link rel="stylesheet" href="{up}static/site.css"></head>\n<body>'
                f'<nav><a href="{up}index.html">twbio</a> · Taiwan biotech industry statistics, from the printed page</nav>'
                f"<main>{body}</main>"
                f'<script src="{up}static/site.js"></script></body></html>\n')

    def home(self) -> str:
        d = self.d
        parts = ["<h1>twbio warehouse</h1>"]
        r = d.refresh
        if r:
            blocking = sum(1 for f in d.findings if _is_blocking(f))
            warnings = len(d.findings) - blocking
            parts.append(
                '<section id="refresh"><h2>Last refresh</h2><dl class="facts">'
                f"<dt>run</dt><dd><code>{escape(str(r['run_id']))}</code></dd>"
                f"<dt>published at</dt><dd>{escape(_fmt(r['published_at']))} UTC</dd>"
                f"<dt>reports</dt><dd>{r['reports']} ({r['quarantined']} quarantined)</dd>"
                f"<dt>tables</dt><dd>{r['tables']}</dd><dt>mart rows</dt><dd>{r['mart_rows']}</dd>"
                f"<dt>checks</dt><dd>{r['expectations']} expectations: "
                f'<span class="blocking">{blocking} blocking</span>, '
                f'<span class="warning">{warnings} warning{"s" if warnings != 1 else ""}</span></dd>'
                "</dl>" + self._findings() + "</section>")
        parts.append('<section id="marts"><h2>Marts <span class="zh">資料表</span></h2>')
        by_subject: dict[str, list[dict]] = defaultdict(list)
        for m in d.marts:
            by_subject[m["subject"]].append(m)
        for subject in sorted(by_subject, key=lambda s: list(SUBJECTS).index(s) if s in SUBJECTS else 99):
            en, zh = SUBJECTS.get(subject, (subject, ""))
            parts.append(f'<h3>{escape(en)} <span class="zh">{escape(zh)}</span></h3><ul class="marts">')
            for m in by_subject[subject]:
                parts.append(f'<li><a class="mart" href="marts/{m["mart"]}.html">{escape(m["mart"])}</a> '
                             f'<span class="zh">{escape(m["label_zh"] or "")}</span> '
                             f'<span class="count">{m["n_rows"]} rows</span>'
                             f'<div class="desc">{escape(_one_line(m["description"]))}</div></li>')
            parts.append("</ul>")
        parts.append("</section>")
        parts.append('<section id="reports"><h2>Reports and editions <span class="zh">報告與版次</span></h2>'
                     "<table><thead><tr><th>report</th><th>title</th><th>family</th><th>edition</th>"
                     "<th>published</th><th>pages</th><th>file</th><th>status</th></tr></thead><tbody>")
        for rep in d.reports:
            parts.append("<tr>" + "".join(f"<td>{escape(_fmt(rep.get(k)))}</td>" for k in (
                "report_id", "title", "family", "edition_year", "edition_published_on", "page_count", "file_name",
                "status")) + "</tr>")
        parts.append("</tbody></table></section>")
        return self._page("twbio", "".join(parts), 0)

    def _findings(self) -> str:
        if not self.d.findings:
            return "<p>Every check passed.</p>"
        out = ['<h3>Findings</h3><ol class="findings">']
        for f in self.d.findings:
            sev = "blocking" if _is_blocking(f) else "warning"
            out.append(f'<li class="finding {sev}"><span class="severity">{sev}</span> '
                       f"<b>{escape(str(f.get('suite') or ''))}</b>: {escape(str(f.get('expectation') or ''))}"
                       f"{' on ' + escape(str(f['column_name'])) if f.get('column_name') else ''} "
                       f"({escape(str(f.get('origin')))}; observed {escape(str(f.get('observed_value') or ''))})")
            rows = f.get("failing_rows") or []
            if rows:
                cols = [c for c in rows[0] if c not in ("source_text",)]
                out.append('<table class="failing"><thead><tr><th>source</th>'
                           + "".join(f"<th>{escape(c)}</th>" for c in cols) + "</tr></thead><tbody>")
                for row in rows[:50]:
                    href = self._finding_source(row, f)
                    link = f'<a class="source" href="{escape(href)}">printed</a>' if href else ""
                    out.append(f"<tr><td>{link}</td>" + "".join(f"<td>{escape(str(row.get(c, '')))}</td>" for c in cols)
                               + "</tr>")
                out.append("</tbody></table>")
            out.append("</li>")
        out.append("</ol>")
        return "".join(out)

    def _finding_source(self, row: dict, finding: dict) -> str | None:
        rid = row.get("report_id") or finding.get("report_id")
        tid = row.get("source_table") or row.get("table_id") or finding.get("table_id")
        if not rid:
            return None
        try:  # failing rows hold the number as printed, in text
            value = float(str(row.get("value_printed")).replace(",", ""))
        except ValueError:
            value = None
        return self.source_href(rid, tid, value)

    def mart(self, m: dict) -> str:
        name = m["mart"]
        cols = self.d.columns.get(name, [])
        df = self.d.rows[name]
        parts = [f'<h1>{escape(name)} <span class="zh">{escape(m["label_zh"] or "")}</span></h1>',
                 f'<p class="desc">{escape(m["description"] or "")}</p>',
                 '<h2>Columns <span class="zh">欄位說明</span></h2><table class="dictionary"><thead><tr>'
                 "<th>column</th><th>中文標籤</th><th>unit</th><th>type</th><th>description</th></tr></thead><tbody>"]
        for c in cols:
            parts.append(f"<tr><td><code>{escape(c['column_name'])}</code></td><td>{escape(c['label_zh'] or '')}</td>"
                         f"<td>{escape(c['unit'] or '')}</td><td>{escape(c['data_type'] or '')}</td>"
                         f"<td>{escape(c['description'] or '')}</td></tr>")
        parts.append("</tbody></table>")
        parts.append(f'<h2>Rows <span class="zh">資料</span></h2><p><input type="search" class="filter" '
                     f'placeholder="filter rows" aria-label="filter rows"> <span class="shown">{len(df)} of {len(df)} '
                     f'rows</span></p><table class="rows sortable"><thead><tr><th>source</th>'
                     + "".join(f"<th>{escape(c)}</th>" for c in df.columns) + "</tr></thead><tbody>")
        for rec in records(df):
            href = self.row_source(name, rec)
            link = f'<a class="source" href="../{escape(href)}">printed</a>' if href else ""
            cells = "".join(f'<td{" class=num" if _num(v) else ""}>{escape(_fmt(v))}</td>' for v in rec.values())
            parts.append(f"<tr><td>{link}</td>{cells}</tr>")
        parts.append("</tbody></table>")
        return self._page(name, "".join(parts), 1)

    def _sheet(self, rid: str, page: int, boxes: list[str]) -> str:
        image = self.images.get((rid, page))
        if image is None:
            why = self.missing.get((rid, page), "no image of this page")
            return f'<figure class="page missing" data-page="{page}"><p>Page {page}: {escape(why)}</p></figure>'
        return (f'<figure class="page" data-page="{page}" data-width="{image.width_pt}" data-height="{image.height_pt}">'
                f'<div class="sheet" style="aspect-ratio: {image.width_pt} / {image.height_pt}">'
                f'<img src="../../pages/{image.file}" alt="page {page}">' + "".join(boxes)
                + f"</div><figcaption>page {page}</figcaption></figure>")

    @staticmethod
    def _box(image: PageImage | None, x0, top, x1, bottom, attrs: str, title: str, kind: str = "") -> str:
        if image is None:
            return ""
        w, h = image.width_pt, image.height_pt
        style = (f"left:{100 * x0 / w:.3f}%;top:{100 * top / h:.3f}%;"
                 f"width:{100 * (x1 - x0) / w:.3f}%;height:{100 * (bottom - top) / h:.3f}%")
        return (f'<div class="box{" " + kind if kind else ""}" {attrs} data-box="{x0} {top} {x1} {bottom}" style="{style}" '
                f'title="{escape(title)}"></div>')

    def _report_line(self, rid: str) -> str:
        rep = self.reports.get(rid, {})
        return (f'<p class="report">{escape(rep.get("title") or rid)} · <code>{escape(rid)}</code> · '
                f'{escape(rep.get("file_name") or "")} · edition {escape(_fmt(rep.get("edition_year")))}</p>')

    def table_view(self, rid: str, tid: str) -> str:
        t = self.d.tables[(rid, tid)]
        cells = self.d.cells.get((rid, tid), [])
        facts = self.table_facts.get((rid, tid))
        selection: dict[str, dict] = {}
        for rec in ([] if facts is None else records(facts)):
            key = fact_key(rec["mart"], rec["source_row"], rec["source_column"])
            s = selection.setdefault(key, {"mart": rec["mart"], "row": int(rec["source_row"]),
                                           "column": rec["source_column"], "year": rec["year"],
                                           "cells": set(), "printed": []})
            s["cells"].add((int(rec["table_row"]), int(rec["table_col"]), bool(rec["is_value"])))
            if rec["is_value"]:
                s["printed"].append((int(rec["table_col"]), str(rec["printed_text"])))
        for s in selection.values():
            s["cells"] = sorted(s["cells"])
            s["printed"] = " | ".join(dict.fromkeys(text for _, text in sorted(s["printed"])))
        selection = dict(sorted(selection.items(), key=lambda kv: (kv[1]["mart"], kv[1]["row"], kv[1]["column"] or "")))
        pages = sorted({int(c["page"]) for c in cells})
        body = [self._report_line(rid), f'<h1>{escape(t["caption"] or tid)}</h1><dl class="facts">',
                f"<dt>table</dt><dd><code>{escape(tid)}</code> ({escape(t['strategy'] or '')})</dd>",
                f"<dt>unit</dt><dd>{escape(t['unit'] or '—')}</dd>",
                f"<dt>pages</dt><dd>{', '.join(map(str, pages))}</dd>"]
        for note in (t.get("notes") if t.get("notes") is not None else []):
            body.append(f"<dt>note</dt><dd>{escape(str(note))}</dd>")
        body.append(f"<dt>source</dt><dd>{escape(t['source'] or '—')}</dd></dl>")
        body.append('<section id="selection" class="selection" hidden></section><div class="pages">')
        for page in pages:
            image = self.images.get((rid, page))
            boxes = [self._box(image, c["x0"], c["top"], c["x1"], c["bottom"],
                               f'data-row="{c["table_row"]}" data-col="{c["table_col"]}"'
                               f'{" data-header" if c["is_header"] else ""}', c["cell_text"])
                     for c in cells if int(c["page"]) == page]
            body.append(self._sheet(rid, page, boxes))
        body.append("</div>")
        body.append('<h2>Facts read from this table</h2><table class="rows sortable"><thead><tr><th>fact</th>'
                    "<th>mart</th><th>year</th><th>row</th><th>column</th><th>printed</th></tr></thead><tbody>")
        for key, s in selection.items():
            body.append(f'<tr><td><a class="select" href="#fact={quote(key)}">show</a></td>'
                        f'<td><a href="../../marts/{s["mart"]}.html">{escape(s["mart"])}</a></td>'
                        f"<td>{escape(_fmt(s['year']))}</td><td>{s['row']}</td><td>{escape(s['column'] or '')}</td>"
                        f"<td>{escape(s['printed'])}</td></tr>")
        body.append("</tbody></table>")
        body.append('<script type="application/json" id="selections">'
                    + json.dumps(selection, ensure_ascii=False, default=str).replace("</", "<\\/") + "</script>")
        return self._page(t["caption"] or tid, "".join(body), 2)

    def statement_view(self, rid: str, sid: str) -> str:
        st = self.d.statements[(rid, sid)]
        figure_lines = self.d.lines.get((rid, sid), [])
        sentence = list({l["line_index"]: l for l in figure_lines}.values())
        # the statement's numbers in the order its catalog entry captures them
        selection = {f["figure"]: {"figure": f["figure"], "lines": [],
                                   "printed": f"{f['value_printed']} {f['unit_printed'] or ''}".strip()}
                     for f in self.d.figures[(rid, sid)] if any(l["figure"] == f["figure"] for l in figure_lines)}
        for l in figure_lines:
            if l["is_value"]:
                selection[l["figure"]]["lines"].append(l["line_index"])
        pages = sorted({int(l["page"]) for l in sentence})
        marts = sorted(self.statement_marts.get((rid, sid), set()))
        body = [self._report_line(rid), f"<h1>Statement <code>{escape(sid)}</code></h1><dl class=\"facts\">",
                f"<dt>section</dt><dd>{escape(st['source_section'] or '')}</dd>",
                f"<dt>pages</dt><dd>{', '.join(map(str, pages))}</dd>",
                "<dt>marts</dt><dd>" + (", ".join(f'<a href="../../marts/{m}.html">{escape(m)}</a>' for m in marts)
                                        or "none (a figure the checks compare)") + "</dd>",
                f'<dt>sentence</dt><dd class="sentence">{escape(st["source_text"] or "")}</dd></dl>',
                '<section id="selection" class="selection" hidden></section><div class="pages">']
        for page in pages:
            image = self.images.get((rid, page))
            boxes = [self._box(image, l["x0"], l["top"], l["x1"], l["bottom"], f'data-line="{l["line_index"]}"',
                               l["line_text"], kind="sentence")
                     for l in sentence if int(l["page"]) == page]
            body.append(self._sheet(rid, page, boxes))
        body.append('</div><h2>Numbers in this statement</h2><table class="rows"><thead><tr><th>figure</th>'
                    "<th>name</th><th>printed</th></tr></thead><tbody>")
        for name, s in selection.items():
            body.append(f'<tr><td><a class="select" href="#figure={quote(name)}">show</a></td>'
                        f"<td>{escape(name)}</td><td>{escape(s['printed'])}</td></tr>")
        body.append("</tbody></table>")
        body.append('<script type="application/json" id="selections">'
                    + json.dumps(selection, ensure_ascii=False).replace("</", "<\\/") + "</script>")
        return self._page(f"statement {sid}", "".join(body), 2)


def _one_line(text: str | None) -> str:
    """A mart description's first sentence."""
    text = " ".join((text or "").split())
    m = re.match(r"(.+?[.:;])(\s|$)", text)
    return m.group(1) if m else text
