#!/usr/bin/env python3
"""Layout benchmark: the sample reports' content printed in many layouts, by other producers.

    python bench/layouts.py --corpus ../shared/corpus [--variants 30] [--first-seed 0] [--out DIR]

The corpus' content model (`corpus_content.py`: every table of the five sample reports,
with merged cells, continued parts, notes, sources, and the running text around them) is
rendered through producers other than LibreOffice: WeasyPrint and Chromium (HTML/CSS to
PDF) and ReportLab. Each variant draws, from its seed and independently of each other:

* rules: full grid, horizontal only, three rules, none, shaded header with zebra rows;
* caption above the table, inside it as a first spanning row, or below it; unit line left,
  right or inside the caption;
* serif or sans type, 7-11 pt in tables, cell padding, alignment of numbers and text,
  merged cells centred or set at the top;
* column widths from generous to so narrow that headers, dates, licence numbers and long
  text wrap onto several lines;
* tables continued as printed parts under "(續)" captions, or broken by the producer at the
  page end with the header row repeated, or without it;
* wide forms on landscape pages, on portrait pages turned by /Rotate, or printed sideways
  on a portrait page;
* running headers and footers, page numbers, footnotes.

The truth of every variant is the corpus truth (the same content), scored with the
corpus' own score.py. The script prints, per variant, its layout, cell F1 and tables
found, then the distribution and the minimum. Rendered PDFs are cached in --out by seed
and generator version, so a second run only extracts and scores.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import importlib.util
import io
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GENERATOR_VERSION = "5"
PRODUCERS = ("weasyprint", "chromium", "reportlab")


# ---------------------------------------------------------------- the content model

def load_corpus(corpus: Path):
    """(content model module, scorer module, reports) from the shared corpus directory."""
    def load(name, path):
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
        return mod

    cc = load("corpus_content", corpus / "corpus_content.py")
    score = load("corpus_score", corpus / "score.py")
    seeds = corpus.parent / "seeds"
    return cc, score, cc.load_reports(str(seeds))


# ---------------------------------------------------------------- variants

@dataclass(frozen=True)
class Variant:
    seed: int
    producer: str
    rules: str  # grid | horizontal | three | none | zebra
    header_bold: bool
    caption_pos: str  # above | inside | below
    unit_pos: str  # left | right | caption
    font: str  # serif | sans
    table_size: float
    body_size: float
    padding: float
    number_align: str  # right | center | left
    text_align: str  # left | center
    merged_valign: str  # middle | top
    widths: str  # generous | auto | narrow | very_narrow
    breaking: str  # parts | natural_repeat | natural_plain
    landscape: str  # page | rotate | sideways
    running_header: str  # none | left | right | center
    page_numbers: str  # none | dash | plain | chinese
    footnotes: bool
    page: str  # A4 | Letter
    margin_mm: float
    line_height: float

    def describe(self) -> str:
        return (f"{self.producer:10s} {self.rules:10s} cap {self.caption_pos:6s} unit {self.unit_pos:7s} "
                f"{self.font:5s} {self.table_size:4.1f}pt pad {self.padding:3.1f} w {self.widths:11s} "
                f"{self.breaking:14s} land {self.landscape:8s}")


def draw_variant(seed: int, producers=PRODUCERS) -> Variant:
    r = random.Random(seed)
    rules = r.choice(["grid", "horizontal", "three", "none", "zebra"])
    return Variant(
        seed=seed,
        producer=producers[seed % len(producers)],
        rules=rules,
        header_bold=r.random() < 0.8,
        caption_pos=r.choice(["above", "above", "inside", "below"]),
        unit_pos=r.choice(["left", "right", "caption"]),
        font=r.choice(["serif", "sans"]),
        table_size=r.choice([7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11]),
        body_size=r.choice([10, 10.5, 11, 12]),
        padding=r.choice([1, 1.5, 2, 3, 4, 6]),
        number_align=r.choice(["right", "center", "left"]),
        text_align=r.choice(["left", "left", "center"]),
        merged_valign=r.choice(["middle", "top"]),
        widths=r.choice(["generous", "auto", "narrow", "very_narrow"]),
        breaking=r.choice(["parts", "natural_repeat", "natural_plain"]),
        landscape=r.choice(["page", "rotate", "sideways"]),
        running_header=r.choice(["none", "left", "right", "center"]),
        page_numbers=r.choice(["none", "dash", "plain", "chinese"]),
        footnotes=r.random() < 0.5,
        page=r.choice(["A4", "A4", "Letter"]),
        margin_mm=r.choice([15, 20, 25, 30]),
        line_height=r.choice([1.2, 1.35, 1.5, 1.7]),
    )


PAGE_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
FONT_FAMILY = {"serif": "Noto Serif CJK TC", "sans": "Noto Sans CJK TC"}
FOOTNOTE = "本報告所列數據依各主管機關公布資料整理，部分數據因四捨五入，加總未必等於合計。"


# ---------------------------------------------------------------- table layout, shared by the renderers

@dataclass
class PrintedPart:
    """One printed table: a caption, the rows to print (markers resolved into spans),
    and what surrounds it. A natural-break table is one PrintedPart the producer splits."""

    caption: str | None
    unit_line: str | None
    pre: list
    header: list  # rows of cell values (str, list of paragraphs, or markers)
    rows: list
    notes: list
    source: str | None
    new_page: bool
    repeat_header: bool


def printed_parts(cc, table, v: Variant) -> list[PrintedPart]:
    if v.breaking == "parts" or len(table.parts) == 1:
        out = []
        for k, p in enumerate(table.parts):
            header = p.header if p.show_header else []
            out.append(PrintedPart(p.caption, p.unit_line, list(p.pre), header, p.rows, list(p.notes), p.source,
                                   new_page=k > 0, repeat_header=v.breaking != "natural_plain"))
        if v.caption_pos == "below":
            # a caption printed below a table follows the whole of it: the parts that
            # continue it without a caption of their own come first
            for k, part in enumerate(out):
                if part.caption is None:
                    continue
                last = k
                while last + 1 < len(out) and out[last + 1].caption is None:
                    last += 1
                if last != k:
                    out[last].caption, part.caption = part.caption, None
        return out
    first = table.parts[0]
    rows = table.logical_rows()
    notes = table.notes
    unit_line = next((p.unit_line for p in table.parts if p.unit_line), None)
    return [PrintedPart(table.caption, unit_line, list(first.pre), first.header, rows, notes, table.source,
                        new_page=False, repeat_header=v.breaking == "natural_repeat")]


def cell_paras(cc, value) -> list[str]:
    if value in cc.MARKERS:
        return []
    if isinstance(value, (list, tuple)):
        return [str(x) for x in value]
    return [value] if value else []


def column_kinds(cc, table) -> list[str]:
    """number | short | text per column, from the body values."""
    vals: list[list[str]] = [[] for _ in range(table.ncols)]
    for p in table.parts:
        for r in p.rows:
            for c, v in enumerate(r):
                vals[c].extend(x.strip() for x in cell_paras(cc, v) if x.strip())
    out = []
    for v in vals:
        if v and all(cc_numeric(x) for x in v):
            out.append("number")
        elif v and all(len(x) <= 8 for x in v):
            out.append("short")
        else:
            out.append("text")
    return out


def cc_numeric(x: str) -> bool:
    import re

    return bool(re.match(r"^[-+−]?[\d,]+(\.\d+)?%?$", x))


def column_weights(cc, table, v: Variant, rng: random.Random) -> tuple[list[float], float]:
    """Relative column widths and the share of the text width the table takes."""
    n = table.ncols
    longest = [2.0] * n
    for p in table.parts:
        for r in p.header + p.rows:
            for c, val in enumerate(r):
                for x in cell_paras(cc, val):
                    w = sum(2 if ord(ch) > 0x2E80 else 1 for ch in x)
                    longest[c] = max(longest[c], min(w, 40))
    if table.widths and v.widths in ("generous", "auto"):
        weights = list(table.widths)
    elif v.widths == "generous":
        weights = longest
    elif v.widths == "auto":
        weights = [max(3.0, x ** 0.7) for x in longest]
    elif v.widths == "narrow":
        weights = [max(2.5, x ** 0.5) * rng.uniform(0.8, 1.2) for x in longest]
    else:  # very narrow: nearly equal columns, so long values wrap onto several lines
        weights = [max(2.0, x ** 0.3) * rng.uniform(0.85, 1.15) for x in longest]
    share = {"generous": 1.0, "auto": rng.uniform(0.85, 1.0), "narrow": rng.uniform(0.65, 0.85),
             "very_narrow": rng.uniform(0.45, 0.65)}[v.widths]
    if n >= 10:
        share = max(share, 0.9)
    return weights, share


# ---------------------------------------------------------------- HTML (WeasyPrint, Chromium)

def _esc(s: str) -> str:
    return html.escape(s, quote=False)


def _cell_html(cc, value) -> str:
    ps = cell_paras(cc, value)
    return "".join(f"<div>{_esc(p)}</div>" for p in ps) if ps else ""


def _html_table(cc, table, part: PrintedPart, v: Variant, rng: random.Random) -> str:
    kinds = column_kinds(cc, table)
    weights, share = column_weights(cc, table, v, rng)
    total = sum(weights)
    header = part.header
    grid, spans = cc.render_grid(header + part.rows, len(header))
    n_header = len(header)
    out = [f'<table class="t" style="width:{share * 100:.1f}%">']
    out.append("<colgroup>" + "".join(f'<col style="width:{w / total * 100:.2f}%">' for w in weights) + "</colgroup>")
    caption_row = ""
    if part.caption and v.caption_pos == "inside":
        text = _caption_text(part, v)
        caption_row = f'<tr class="caprow"><td colspan="{table.ncols}">{_esc(text)}</td></tr>'
    head_tag = "thead" if part.repeat_header else "tbody"
    out.append(f"<{head_tag}>" + caption_row)
    for r in range(len(grid)):
        if r == n_header:
            out.append(f"</{head_tag}><tbody>")
        cls = "h" if r < n_header else ("odd" if (r - n_header) % 2 else "even")
        if r == n_header - 1:
            cls += " lasthead"
        cells = []
        for c in range(table.ncols):
            if (r, c) not in spans:
                continue
            h, w = spans[(r, c)]
            is_head = r < n_header
            align = "center" if is_head else {"number": v.number_align, "short": "center" if v.text_align == "center"
                                              else "left", "text": v.text_align}[kinds[c]]
            if w == table.ncols and not is_head:
                align = "left"
            valign = v.merged_valign if h > 1 else "middle"
            tag = "th" if is_head else "td"
            attrs = (f' rowspan="{h}"' if h > 1 else "") + (f' colspan="{w}"' if w > 1 else "")
            last = " lasthead" if is_head and r + h == n_header else ""
            cells.append(f'<{tag}{attrs} class="{align} v{valign}{last}">{_cell_html(cc, grid[r][c])}</{tag}>')
        out.append(f'<tr class="{cls}">' + "".join(cells) + "</tr>")
    if n_header == len(grid):
        out.append(f"</{head_tag}><tbody>")
    out.append("</tbody></table>")
    return "".join(out)


def _caption_text(part: PrintedPart, v: Variant) -> str:
    text = part.caption or ""
    if part.unit_line and v.unit_pos == "caption":
        text += f"（{part.unit_line}）"
    return text


def _html_part(cc, table, part: PrintedPart, v: Variant, rng: random.Random) -> str:
    out = []
    cls = "tablewrap" + (" newpage" if part.new_page else "")
    out.append(f'<div class="{cls}">')
    if part.caption and v.caption_pos == "above":
        out.append(f'<p class="caption">{_esc(_caption_text(part, v))}</p>')
    for kind, text in part.pre:
        out.append(f'<p class="{"pre-b" if kind == "b" else "pre"}">{_esc(text)}</p>')
    if part.unit_line and v.unit_pos != "caption":
        out.append(f'<p class="unit {v.unit_pos}">{_esc(part.unit_line)}</p>')
    elif part.unit_line and not part.caption:
        out.append(f'<p class="unit right">{_esc(part.unit_line)}</p>')
    out.append(_html_table(cc, table, part, v, rng))
    if part.caption and v.caption_pos == "below":
        out.append(f'<p class="caption">{_esc(_caption_text(part, v))}</p>')
    for n in part.notes:
        out.append(f'<p class="note">{_esc(n)}</p>')
    if part.source:
        out.append(f'<p class="note">{_esc(part.source)}</p>')
    out.append("</div>")
    return "".join(out)


def _css(v: Variant, report) -> str:
    w, h = PAGE_MM[v.page]
    fam = FONT_FAMILY[v.font]
    other = FONT_FAMILY["sans" if v.font == "serif" else "serif"]
    rule = {"grid": "border: 0.6pt solid #000;", "horizontal": "border-top: 0.5pt solid #000; border-bottom: 0.5pt solid #000;",
            "three": "", "none": "", "zebra": ""}[v.rules]
    table_rules = {"three": "border-top: 1.2pt solid #000; border-bottom: 1.2pt solid #000;",
                   "grid": "", "horizontal": "", "none": "", "zebra": ""}[v.rules]
    head_rule = {"three": "border-bottom: 0.6pt solid #000;", "zebra": "background: #d0d7e5;",
                 "grid": "background: #d9d9d9;", "horizontal": "", "none": ""}[v.rules]
    running = ""
    if v.running_header != "none":
        box = {"left": "top-left", "right": "top-right", "center": "top-center"}[v.running_header]
        running = (f'@{box} {{ content: "{report.header_text}"; font-size: 8pt; color: #555; '
                   f'font-family: "{other}"; vertical-align: bottom; padding-bottom: 2mm; }}')
    number = {"none": "", "dash": '"- " counter(page) " -"', "plain": "counter(page)",
              "chinese": '"第 " counter(page) " 頁"'}[v.page_numbers]
    footer = f"@bottom-center {{ content: {number}; font-size: 9pt; }}" if number else ""
    m = v.margin_mm
    return f"""
@page {{ size: {w}mm {h}mm; margin: {m + 5}mm {m}mm {m}mm {m}mm; {running} {footer} }}
@page wide {{ size: {h}mm {w}mm; margin: {m}mm {m}mm {m}mm {m}mm; {running} {footer} }}
body {{ font-family: "{fam}"; font-size: {v.body_size}pt; line-height: {v.line_height}; }}
h1, h2, h3, h4, h5, .caption, .cover {{ font-family: "{other}"; break-after: avoid; }}
h1 {{ font-size: 18pt; text-align: center; }} h2 {{ font-size: 15pt; }} h3 {{ font-size: 13pt; }}
h4 {{ font-size: 12pt; }} h5 {{ font-size: 11pt; }}
p {{ margin: 0 0 0.4em 0; }}
p.para {{ text-indent: 2em; text-align: justify; }}
p.li {{ padding-left: 2em; text-indent: -1em; }}
p.caption {{ text-align: center; font-weight: bold; font-size: {max(v.table_size, 9.5) + 1}pt; margin: 0.6em 0 0.3em 0; }}
p.unit {{ font-size: {v.table_size}pt; margin: 0 0 0.2em 0; }}
p.unit.left {{ text-align: left; }} p.unit.right {{ text-align: right; }}
p.note {{ font-size: {max(7, v.table_size - 0.5)}pt; margin: 0.1em 0; }}
p.pre, p.pre-b {{ font-size: {v.body_size}pt; }} p.pre-b {{ font-weight: bold; }}
p.small {{ font-size: 9pt; }}
.newpage {{ break-before: page; }}
.wide {{ page: wide; }}
.tablewrap {{ margin: 0.5em 0 1em 0; }}
table.t {{ border-collapse: collapse; table-layout: fixed; margin: 0 auto; font-size: {v.table_size}pt;
           line-height: 1.3; {table_rules} }}
table.t td, table.t th {{ padding: {v.padding}pt {v.padding + 1}pt; overflow-wrap: anywhere; {rule}
                         font-weight: normal; }}
table.t th {{ {"font-weight: bold;" if v.header_bold else ""} {head_rule} }}
table.t th.lasthead {{ {head_rule if v.rules == "three" else ""} }}
table.t tr {{ break-inside: avoid; }}
table.t tr.odd td {{ {"background: #eef1f6;" if v.rules == "zebra" else ""} }}
table.t tr.caprow td {{ text-align: center; font-weight: bold; border: none; background: none;
                        padding-bottom: 4pt; font-family: "{other}"; }}
.left {{ text-align: left; }} .right {{ text-align: right; }} .center {{ text-align: center; }}
.vmiddle {{ vertical-align: middle; }} .vtop {{ vertical-align: top; }}
.footnote {{ float: footnote; font-size: 8pt; }}
.toc p {{ display: flex; }} .toc .dots {{ flex: 1; overflow: hidden; white-space: nowrap; }}
.fig {{ text-align: center; margin: 0.6em 0; }}
.fig img {{ width: 60%; }}
.cover {{ text-align: center; margin-top: 40mm; }}
.cover .big {{ font-size: 24pt; font-weight: bold; }} .cover .line {{ font-size: 16pt; }}
"""


def figure_png() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (900, 420), (250, 250, 250))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, 899, 419], outline=(200, 200, 200), width=3)
    for k in range(8):
        x = 80 + k * 100
        d.rectangle([x, 380 - 30 * (k % 5 + 2), x + 60, 380], fill=(110 + 12 * k, 140, 170))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def render_html(cc, report, v: Variant, figure_uri: str) -> str:
    rng = random.Random(f"{v.seed}:{report.report_id}")
    body = []
    footnote_used = False
    for i, b in enumerate(report.blocks):
        t = b["t"]
        if t == "table":
            table, k = b["table"], b["part"]
            parts = printed_parts(cc, table, v)
            if v.breaking != "parts" and len(table.parts) > 1 and k > 0:
                continue  # the whole table was printed with its first part
            chunk = [parts[k]] if v.breaking == "parts" or len(table.parts) == 1 else parts
            html_parts = "".join(_html_part(cc, table, p, v, rng) for p in chunk)
            if table.landscape:
                html_parts = f'<div class="wide" data-wide="1">{html_parts}</div>'
            body.append(html_parts)
            continue
        if t == "cover":
            lines = b["lines"]
            body.append('<div class="cover">' + "".join(
                f'<p class="{"big" if j == 0 else "line"}">{_esc(x)}</p>' for j, x in enumerate(lines)) + "</div>"
                + '<div class="newpage"></div>')
        elif t == "chapter":
            body.append(f'<h1 style="margin-top: 50mm; font-size: 26pt">{_esc(b["text"])}</h1>')
        elif t == "chapter_toc":
            body.append("".join(f'<p style="margin-left: 50mm; font-size: 14pt">{_esc(x)}</p>' for x in b["items"]))
        elif t == "toc":
            body.append(f'<h1>{_esc(b["title"])}</h1><div class="toc">' + "".join(
                f'<p><span>{_esc(name)}</span><span class="dots">{"." * 200}</span><span>{_esc(page)}</span></p>'
                for name, page in b["entries"]) + "</div>")
        elif t == "pagebreak":
            body.append('<div class="newpage"></div>')
        elif t == "h":
            level = int(b["level"])
            body.append(f"<h{level}>{_esc(b['text'])}</h{level}>")
        elif t == "p":
            text = _esc(b["text"])
            if v.footnotes and not footnote_used and len(b["text"]) > 80 and v.producer == "weasyprint":
                text += f'<span class="footnote">{_esc(FOOTNOTE)}</span>'
                footnote_used = True
            body.append(f'<p class="para">{text}</p>')
        elif t == "li":
            text = ("• " if b.get("bullet") else "") + b["text"]
            body.append(f'<p class="li" style="margin-left: {1.5 * int(b.get("level", 0) or 0)}em">{_esc(text)}</p>')
        elif t == "small":
            body.append(f'<p class="small" style="text-align: {b.get("align", "left")}">{_esc(b["text"])}</p>')
        elif t == "fig":
            body.append(f'<div class="fig"><img src="{figure_uri}"><p class="caption">{_esc(b["caption"])}</p></div>')
        else:
            raise ValueError(f"unknown block {t}")
    return (f'<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8"><title>{_esc(report.title)}</title>'
            f"<style>{_css(v, report)}</style></head><body>{''.join(body)}</body></html>")


def produce_html(html_text: str, out: Path, producer: str, workdir: Path) -> None:
    src = workdir / f"{out.stem}.html"
    src.write_text(html_text, encoding="utf-8")
    if producer == "weasyprint":
        import weasyprint

        weasyprint.HTML(filename=str(src)).write_pdf(str(out))
        return
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not exe:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    profile = workdir / f"chrome-{out.stem}"
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={out}",
                    src.as_uri()], check=True, capture_output=True, timeout=300)


# ---------------------------------------------------------------- ReportLab

_SYMBOLS = re.compile("([\u2190-\u2bff])")


def _rl_markup(text: str) -> str:
    """Paragraph markup that sets arrows, dingbats and geometric shapes (➜ ❑ ➢), which the
    CJK fonts lack, in DejaVu Sans: ReportLab does no font fallback of its own."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    escaped = _esc(text)
    if not _SYMBOLS.search(escaped) or not Path(_DEJAVU).exists():
        return escaped
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", _DEJAVU))
    return _SYMBOLS.sub(r'<font name="DejaVuSans">\1</font>', escaped)


_DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _rl_fonts(v: Variant) -> tuple[str, str]:
    """(regular, bold) font names: a TrueType CJK font when one is installed (embedded
    subsets), else ReportLab's standard CID fonts (not embedded)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    ttf = {"serif": "/usr/share/fonts/truetype/arphic/uming.ttc",
           "sans": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"}[v.font]
    # serif alternates between an embedded TrueType font and the non-embedded CID font
    if Path(ttf).exists() and (v.font == "sans" or v.seed % 2 == 0):
        name = Path(ttf).stem
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, ttf, subfontIndex=0))
        return name, name
    # STSong-Light: the standard CID font whose UniGB-UCS2-H encoding maps back to Unicode
    # (ReportLab writes MSung-Light with a GB encoding on a CNS1 font, which no reader decodes)
    name = "STSong-Light"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name, name


def render_reportlab(cc, report, v: Variant, out: Path) -> str:
    """Render with ReportLab. A layout ReportLab cannot set (a merged cell taller than a
    page in narrow columns) is retried with wider columns, and only then with rows split
    across pages: ReportLab draws a merged cell split that way over the rows around it,
    which no reader could read back; returns what was used."""
    from dataclasses import replace

    attempts = [(v, 0), (replace(v, widths="auto"), 0), (replace(v, widths="generous"), 0),
                (replace(v, widths="generous"), 1)]
    for i, (variant, split) in enumerate(attempts):
        try:
            _render_reportlab(cc, report, variant, out, split)
            return f"widths={variant.widths} split_in_row={split}"
        except Exception:
            if i == len(attempts) - 1:
                raise
    return ""


def _render_reportlab(cc, report, v: Variant, out: Path, split_in_row: int) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, Image, NextPageTemplate, PageBreak,
                                    PageTemplate, Paragraph, Spacer, Table, TableStyle)

    rng = random.Random(f"{v.seed}:{report.report_id}")
    font, bold_font = _rl_fonts(v)
    w, h = (x * mm for x in PAGE_MM[v.page])
    m = v.margin_mm * mm

    def style(name, size, **kw):
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * v.line_height, wordWrap="CJK", **kw)

    body = style("body", v.body_size, firstLineIndent=2 * v.body_size, alignment=TA_JUSTIFY, spaceAfter=4)
    heads = {lvl: style(f"h{lvl}", s, spaceBefore=6, spaceAfter=4, alignment=TA_CENTER if lvl == 1 else TA_LEFT)
             for lvl, s in {1: 18, 2: 15, 3: 13, 4: 12, 5: 11}.items()}
    cap_size = max(v.table_size, 9.5) + 1
    caption = style("caption", cap_size, alignment=TA_CENTER, spaceBefore=6, spaceAfter=3)
    note = style("note", max(7, v.table_size - 0.5))
    unit_left = style("unitl", v.table_size, alignment=TA_LEFT)
    unit_right = style("unitr", v.table_size, alignment=TA_RIGHT)
    small = style("small", 9)
    aligns = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}

    def decorate(canvas, doc):
        canvas.saveState()
        pw, ph = canvas._pagesize
        if v.running_header != "none":
            canvas.setFont(font, 8)
            canvas.setFillGray(0.35)
            y = ph - m + 2 * mm
            text = report.header_text
            if v.running_header == "left":
                canvas.drawString(m, y, text)
            elif v.running_header == "right":
                canvas.drawRightString(pw - m, y, text)
            else:
                canvas.drawCentredString(pw / 2, y, text)
        if v.page_numbers != "none":
            n = doc.page
            label = {"dash": f"- {n} -", "plain": str(n), "chinese": f"第 {n} 頁"}[v.page_numbers]
            canvas.setFont(font, 9)
            canvas.setFillGray(0)
            canvas.drawCentredString(pw / 2, m / 2, label)
        if v.footnotes and doc.page % 3 == 2 and pw < ph:
            canvas.setFont(font, 7.5)
            canvas.line(m, m + 4 * mm, m + 50 * mm, m + 4 * mm)
            canvas.drawString(m, m + 1 * mm, "¹ " + FOOTNOTE)
        canvas.restoreState()

    portrait = PageTemplate("portrait", [Frame(m, m + (6 * mm if v.footnotes else 0), w - 2 * m,
                                               h - 2 * m - 5 * mm - (6 * mm if v.footnotes else 0))],
                            onPage=decorate, pagesize=(w, h))
    landscape = PageTemplate("wide", [Frame(m, m, h - 2 * m, w - 2 * m - 5 * mm)], onPage=decorate, pagesize=(h, w))
    doc = BaseDocTemplate(str(out), pagesize=(w, h), pageTemplates=[portrait, landscape], title=report.title,
                          author=report.publisher)
    figure = figure_png()
    story = []

    def cell_flow(value, is_head, align, size):
        ps = cell_paras(cc, value)
        st = ParagraphStyle("c", fontName=bold_font if is_head and v.header_bold else font, fontSize=size,
                            leading=size * 1.3, alignment=aligns[align], wordWrap="CJK")
        if not ps:
            return ""
        text = "<br/>".join(_rl_markup(p) for p in ps)
        if is_head and v.header_bold and bold_font == font:
            text = f"<b>{text}</b>"
        return Paragraph(text, st)

    def table_flow(table, part: PrintedPart):
        kinds = column_kinds(cc, table)
        weights, share = column_weights(cc, table, v, rng)
        width = (h - 2 * m if table.landscape else w - 2 * m) * share
        col_w = [width * x / sum(weights) for x in weights]
        n_header = len(part.header)
        grid, spans = cc.render_grid(part.header + part.rows, n_header)
        size = v.table_size
        data, cmds = [], []
        offset = 0
        if part.caption and v.caption_pos == "inside":
            data.append([Paragraph(_rl_markup(_caption_text(part, v)), caption)] + [""] * (table.ncols - 1))
            cmds.append(("SPAN", (0, 0), (-1, 0)))
            offset = 1
        for r in range(len(grid)):
            row = []
            for c in range(table.ncols):
                if (r, c) not in spans:
                    row.append("")
                    continue
                hh, ww = spans[(r, c)]
                is_head = r < n_header
                align = "center" if is_head else {"number": v.number_align, "short": "center" if v.text_align ==
                                                  "center" else "left", "text": v.text_align}[kinds[c]]
                if ww == table.ncols and not is_head:
                    align = "left"
                row.append(cell_flow(grid[r][c], is_head, align, size))
                if hh > 1 or ww > 1:
                    cmds.append(("SPAN", (c, r + offset), (c + ww - 1, r + offset + hh - 1)))
                if hh > 1:
                    cmds.append(("VALIGN", (c, r + offset), (c, r + offset), v.merged_valign.upper()))
            data.append(row)
        pad = v.padding
        cmds += [("LEFTPADDING", (0, 0), (-1, -1), pad + 1), ("RIGHTPADDING", (0, 0), (-1, -1), pad + 1),
                 ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        first_body = offset + n_header
        last_head = first_body - 1
        if v.rules == "grid":
            cmds.append(("GRID", (0, offset), (-1, -1), 0.6, colors.black))
            if n_header:
                cmds.append(("BACKGROUND", (0, offset), (-1, last_head), colors.HexColor("#d9d9d9")))
        elif v.rules == "horizontal":
            cmds.append(("LINEBELOW", (0, offset), (-1, -1), 0.5, colors.black))
            cmds.append(("LINEABOVE", (0, offset), (-1, offset), 0.5, colors.black))
        elif v.rules == "three":
            cmds.append(("LINEABOVE", (0, offset), (-1, offset), 1.2, colors.black))
            if n_header:
                cmds.append(("LINEBELOW", (0, last_head), (-1, last_head), 0.6, colors.black))
            cmds.append(("LINEBELOW", (0, -1), (-1, -1), 1.2, colors.black))
        elif v.rules == "zebra":
            if n_header:
                cmds.append(("BACKGROUND", (0, offset), (-1, last_head), colors.HexColor("#d0d7e5")))
            if first_body < len(data):
                cmds.append(("ROWBACKGROUNDS", (0, first_body), (-1, -1), [colors.white, colors.HexColor("#eef1f6")]))
        repeat = (offset if part.caption and v.caption_pos == "inside" else 0) + (n_header if part.repeat_header else 0)
        if not part.repeat_header:
            repeat = 0
        return Table(data, colWidths=col_w, repeatRows=repeat, style=TableStyle(cmds), hAlign="CENTER",
                     splitInRow=split_in_row)

    def part_flows(table, part: PrintedPart):
        flows = []
        if part.new_page:
            flows.append(PageBreak())
        if part.caption and v.caption_pos == "above":
            flows.append(Paragraph(_rl_markup(_caption_text(part, v)), caption))
        for kind, text in part.pre:
            flows.append(Paragraph(_rl_markup(text), heads[5] if kind == "b" else body))
        if part.unit_line and (v.unit_pos != "caption" or not part.caption):
            flows.append(Paragraph(_rl_markup(part.unit_line), unit_left if v.unit_pos == "left" else unit_right))
        flows.append(table_flow(table, part))
        if part.caption and v.caption_pos == "below":
            flows.append(Paragraph(_rl_markup(_caption_text(part, v)), caption))
        for n in part.notes:
            flows.append(Paragraph(_rl_markup(n), note))
        if part.source:
            flows.append(Paragraph(_rl_markup(part.source), note))
        flows.append(Spacer(1, 8))
        return flows

    wide_open = False
    for b in report.blocks:
        t = b["t"]
        if t == "table":
            table, k = b["table"], b["part"]
            parts = printed_parts(cc, table, v)
            if v.breaking != "parts" and len(table.parts) > 1 and k > 0:
                continue
            chunk = [parts[k]] if v.breaking == "parts" or len(table.parts) == 1 else parts
            if table.landscape and not wide_open:
                story += [NextPageTemplate("wide"), PageBreak()]
                wide_open = True
            elif not table.landscape and wide_open:
                story += [NextPageTemplate("portrait"), PageBreak()]
                wide_open = False
            for p in chunk:
                story += part_flows(table, p)
            continue
        if wide_open:
            story += [NextPageTemplate("portrait"), PageBreak()]
            wide_open = False
        if t == "cover":
            story.append(Spacer(1, 120))
            for j, line in enumerate(b["lines"]):
                story.append(Paragraph(_rl_markup(line), style("cover", 24 if j == 0 else 16, alignment=TA_CENTER,
                                                         spaceAfter=18)))
            story.append(PageBreak())
        elif t == "chapter":
            story += [Spacer(1, 140), Paragraph(_rl_markup(b["text"]), style("chapter", 26, alignment=TA_CENTER,
                                                                         spaceAfter=30))]
        elif t == "chapter_toc":
            story += [Paragraph(_rl_markup(x), style("ctoc", 14, leftIndent=140, spaceAfter=8)) for x in b["items"]]
        elif t == "toc":
            story.append(Paragraph(_rl_markup(b["title"]), heads[1]))
            for name, page in b["entries"]:
                story.append(Paragraph(f"{_esc(name)} {'.' * max(4, 70 - 2 * len(name))} {_esc(page)}",
                                       style("toc", 11, spaceAfter=3)))
        elif t == "pagebreak":
            story.append(PageBreak())
        elif t == "h":
            story += [CondPageBreak(60), Paragraph(_rl_markup(b["text"]), heads[int(b["level"])])]
        elif t == "p":
            story.append(Paragraph(_rl_markup(b["text"]), body))
        elif t == "li":
            text = ("• " if b.get("bullet") else "") + b["text"]
            st = style(f"li{b.get('level', 0)}", v.body_size, leftIndent=(2 + 1.5 * int(b.get("level", 0) or 0))
                       * v.body_size, firstLineIndent=-v.body_size, spaceAfter=2)
            story.append(Paragraph(_rl_markup(text), st))
        elif t == "small":
            story.append(Paragraph(_rl_markup(b["text"]), small))
        elif t == "fig":
            story += [Image(io.BytesIO(figure), width=110 * mm, height=110 * mm * 420 / 900),
                      Paragraph(_rl_markup(b["caption"]), caption)]
        else:
            raise ValueError(f"unknown block {t}")
    doc.build(story)


# ---------------------------------------------------------------- turning landscape pages

def turn_wide_pages(pdf: Path, mode: str) -> None:
    """Landscape pages as printed on portrait paper: "rotate" draws the content turned on
    a portrait page and sets /Rotate so viewers show it upright; "sideways" leaves it
    turned (the reader turns the page). "page" leaves landscape pages as they are."""
    if mode == "page":
        return
    from pypdf import PdfWriter, Transformation

    writer = PdfWriter(clone_from=str(pdf))
    for page in writer.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        if w > h:
            # rotate the content 90 degrees counter-clockwise onto a portrait page
            page.add_transformation(Transformation().rotate(90).translate(h, 0))
            page.mediabox.lower_left = (0, 0)
            page.mediabox.upper_right = (h, w)
            page.cropbox.lower_left = (0, 0)
            page.cropbox.upper_right = (h, w)
            if mode == "rotate":
                page.rotation = 90
    tmp = pdf.with_suffix(".turned.pdf")
    with open(tmp, "wb") as f:
        writer.write(f)
    tmp.replace(pdf)


# ---------------------------------------------------------------- rendering one variant

def variant_dir(out: Path, v: Variant) -> Path:
    key = hashlib.sha1(json.dumps(asdict(v), sort_keys=True).encode()).hexdigest()[:8]
    return out / f"v{GENERATOR_VERSION}-seed{v.seed:03d}-{key}"


def render_variant(corpus: Path, v: Variant, out: Path) -> Path:
    """The five reports of one variant as <report_id>.pdf in its directory (cached)."""
    cc, _, reports = load_corpus(corpus)
    d = variant_dir(out, v)
    if (d / "done").exists():
        return d
    d.mkdir(parents=True, exist_ok=True)
    (d / "variant.json").write_text(json.dumps(asdict(v), indent=1), encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="twbio-layout-") as tmp:
        tmp = Path(tmp)
        fig = tmp / "figure.png"
        fig.write_bytes(figure_png())
        used: dict[str, str] = {}
        for report in reports:
            target = d / f"{report.report_id}.pdf"
            if v.producer == "reportlab":
                used[report.report_id] = render_reportlab(cc, report, v, target)
            else:
                produce_html(render_html(cc, report, v, fig.as_uri()), target, v.producer, tmp)
            turn_wide_pages(target, v.landscape)
    illegible = {r.report_id: pages for r in reports if (pages := overprinted_pages(d / f"{r.report_id}.pdf"))}
    (d / "done").write_text(json.dumps({"producer_settings": used, "overprinted": illegible}), encoding="utf-8")
    return d


def overprinted_pages(pdf: Path) -> dict[str, int]:
    """Pages where a producer printed glyphs of one line over glyphs of another (a merged
    cell drawn over the rows around it): {page: glyphs overprinted}. Such a page shows
    no reader what the truth says, so the summary names it. Glyphs of one line whose boxes
    overlap (CJK punctuation set half-width) and a glyph printed twice (faux bold) are no
    overprint."""
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # fonts without a FontBBox, on every page
    found: dict[str, int] = {}
    with pdfplumber.open(str(pdf)) as doc:
        for number, page in enumerate(doc.pages, 1):
            glyphs = sorted((c for c in page.chars if c["text"].strip()), key=lambda c: c["x0"])
            hits = 0
            for i, a in enumerate(glyphs):
                for b in glyphs[i + 1:]:
                    if b["x0"] >= a["x1"]:
                        break
                    ix = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                    iy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                    if ix <= 0 or iy <= 0:
                        continue
                    area = min((a["x1"] - a["x0"]) * (a["bottom"] - a["top"]), (b["x1"] - b["x0"]) * (b["bottom"] - b["top"]))
                    one_line = abs(a["top"] - b["top"]) < 0.2 * min(a["size"], b["size"])
                    twice = a["text"] == b["text"] and abs(a["x0"] - b["x0"]) < 1.5 and abs(a["top"] - b["top"]) < 1.5
                    if area > 0 and ix * iy > (0.8 if one_line else 0.3) * area and not twice:
                        hits += 1
            if hits:
                found[str(number)] = hits
            page.close()
    return found


# ---------------------------------------------------------------- extraction and scoring

def _extract_dir(args) -> tuple[str, float]:
    """Extract every PDF of a variant directory into <dir>/extracted-<extractor version>/."""
    d = Path(args)
    from extractors import ExtractionError, __version__, extract_report

    target = d / f"extracted-{__version__}"
    target.mkdir(exist_ok=True)
    start = time.perf_counter()
    for pdf in sorted(d.glob("*.pdf")):
        try:
            doc = extract_report(pdf).to_dict()
        except ExtractionError as e:
            doc = {"tables": [], "error": str(e)}
        (target / f"{pdf.stem}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(target), time.perf_counter() - start


def _render_task(args):
    corpus, v, out = args
    return str(render_variant(Path(corpus), v, Path(out)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="the shared corpus dir (corpus_content.py, score.py, truth/)")
    ap.add_argument("--variants", type=int, default=30)
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--producers", default=",".join(PRODUCERS))
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / ".layouts")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--render-only", action="store_true")
    ap.add_argument("--json", type=Path, help="also write per-variant results here")
    a = ap.parse_args(argv)
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing as mp

    corpus = a.corpus.resolve()
    producers = tuple(p for p in a.producers.split(",") if p)
    variants = [draw_variant(s, producers) for s in range(a.first_seed, a.first_seed + a.variants)]
    a.out.mkdir(parents=True, exist_ok=True)
    _, score, _ = load_corpus(corpus)
    t0 = time.perf_counter()
    ctx = mp.get_context("spawn")
    with ProcessPoolExecutor(max_workers=a.jobs, mp_context=ctx) as pool:
        dirs = list(pool.map(_render_task, [(str(corpus), v, str(a.out)) for v in variants]))
    print(f"rendered {len(variants)} variants x 5 reports in {time.perf_counter() - t0:.0f} s -> {a.out}")
    for v, d in zip(variants, dirs):
        over = json.loads((Path(d) / "done").read_text(encoding="utf-8")).get("overprinted") or {}
        for report_id, pages in over.items():
            print(f"  seed {v.seed}: {report_id} has glyphs printed over others on pages {', '.join(pages)}")
    if a.render_only:
        return 0
    with ProcessPoolExecutor(max_workers=a.jobs, mp_context=ctx) as pool:
        extracted = list(pool.map(_extract_dir, dirs))
    from extractors import __version__

    print(f"\ntwbio extractor {__version__}; per variant: cell F1 (micro, all five reports), tables found")
    results = []
    for v, (ext, secs) in zip(variants, extracted):
        res = score.score_dirs(corpus / "truth", Path(ext))
        o = res["overall"]
        worst = min(res["reports"], key=lambda r: r["f1"])
        results.append({"variant": asdict(v), "f1": o["f1"], "tables_found": o["tables_found"],
                        "tables": o["tables"], "seconds": secs,
                        "reports": {r["report_id"]: r["f1"] for r in res["reports"]}})
        print(f"seed {v.seed:3d} {v.describe()}  F1 {o['f1']:.3f}  tables {o['tables_found']:2d}/{o['tables']}"
              f"  worst {worst['report_id']} {worst['f1']:.3f}")
    f1s = [r["f1"] for r in results]
    found = sum(r["tables_found"] for r in results)
    total = sum(r["tables"] for r in results)
    print(f"\nvariants: {len(results)}; cell F1 mean {statistics.mean(f1s):.3f}, median {statistics.median(f1s):.3f}, "
          f"min {min(f1s):.3f}, max {max(f1s):.3f}; tables found {found}/{total} ({100 * found / total:.1f} %)")
    for producer in producers:
        mine = [r["f1"] for r in results if r["variant"]["producer"] == producer]
        if mine:
            print(f"  {producer:10s} {len(mine):2d} variants: mean {statistics.mean(mine):.3f}, min {min(mine):.3f}")
    buckets = [0.9, 0.95, 0.98, 0.99, 1.0]
    print("  distribution: " + ", ".join(f"<{b:.2f}: {sum(1 for f in f1s if f < b)}" for b in buckets)
          + f", =1.000: {sum(1 for f in f1s if f >= 0.9995)}")
    if a.json:
        a.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
