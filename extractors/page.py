"""One page: find its tables (ruled first, then text-aligned) and what surrounds them.

Strategy is chosen per table, not per document: a ruled grid is read with the lines
strategy; a region bounded by horizontal rules only, or a captioned block with no rules,
is read by text alignment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import captions as cap
from .borderless import build_text_table, typical_size
from .grid import RawCell
from .models import Cell, TablePart
from .prose import ProseLine
from .ruled import find_ruled_tables, horizontal_rules
from .text import Line, column_gap, group_lines, join_wrapped, producer_wraps_with_spaces


class PageHasNoText(Exception):
    pass


@dataclass
class PageResult:
    number: int
    parts: list[TablePart]
    # text lines outside tables, in reading order (used for continued notes)
    leading_lines: list[Line] = field(default_factory=list)
    body_top: float = 0.0
    body_bottom: float = 0.0
    # the running text: lines outside every table and not attached to one as a label
    prose: list[ProseLine] = field(default_factory=list)


def _is_label_line(text: str) -> bool:
    return bool(cap.caption_match(text) or cap.unit_of(text) or cap.is_source(text) or cap.is_note_start(text))


def _furniture_bounds(page, lines: list[Line], rules: list[dict]) -> tuple[float, float]:
    """The y-range of the page body: running headers/footers lie outside it.

    A rule near the top (bottom) edge with at most two short lines beyond it is page
    furniture, unless text sits right against its body side: then it is the top (bottom)
    rule of a table that starts (ends) at the page edge.
    """
    h = float(page.height)
    sizes = sorted(l.size for l in lines) or [10.0]
    near = 1.2 * sizes[len(sizes) // 2]
    top, bottom = 0.0, h
    for r in rules:
        if r["y"] < 0.12 * h:
            above = [l for l in lines if l.bottom <= r["y"]]
            below = [l.top - r["y"] for l in lines if l.top >= r["y"]]
            hugged = bool(below) and min(below) < near
            if len(above) <= 2 and not hugged and not any(_is_label_line(l.text) for l in above) and r["y"] > top:
                top = r["y"]
            break
    for r in reversed(rules):
        if r["y"] > 0.88 * h:
            below = [l for l in lines if l.top >= r["y"]]
            above = [r["y"] - l.bottom for l in lines if l.bottom <= r["y"]]
            hugged = bool(above) and min(above) < near
            if len(below) <= 2 and not hugged and not any(_is_label_line(l.text) for l in below):
                bottom = r["y"]
            break
    if top == 0.0:
        # no header rule: a short line in the top band, far from the rest, is a running header
        first = [l for l in lines if l.bottom < 0.08 * h]
        if first:
            top = max(l.bottom for l in first) + 0.1
    if bottom == h:
        last = [l for l in lines if l.top > 0.93 * h]
        if last:
            bottom = min(l.top for l in last) - 0.1
    return top, bottom


def analyse_page(page, number: int) -> PageResult:
    chars = [c for c in page.chars if c.get("text") is not None]
    if not any(c["text"].strip() for c in chars):
        if page.images:
            raise PageHasNoText(f"page {number} has no text layer (scanned image?); OCR is not supported")
        return PageResult(number, [])
    all_lines = group_lines(chars)
    rules = horizontal_rules(page)
    body_top, body_bottom = _furniture_bounds(page, all_lines, rules)
    lines = [l for l in all_lines if l.top >= body_top - 0.5 and l.bottom <= body_bottom + 0.5]
    body_chars = [c for c in chars if body_top - 0.5 <= c["top"] and c["bottom"] <= body_bottom + 0.5]
    size = typical_size(body_chars)
    wrap_spaces = producer_wraps_with_spaces(all_lines)

    found: list[tuple[dict, str]] = [(t, "lines") for t in find_ruled_tables(page, body_chars, wrap_spaces, rules)]
    taken = [t["bbox"] for t, _ in found]

    def inside_taken(y0, y1):
        return any(b[1] - 2 <= y0 and y1 <= b[3] + 2 for b in taken)

    # regions bounded by horizontal rules only
    free_rules = [r for r in rules if body_top + 0.5 < r["y"] < body_bottom - 0.5 and not inside_taken(r["y"], r["y"])]
    groups: list[list[dict]] = []
    for r in free_rules:
        if groups:
            g = groups[-1]
            last = g[-1]
            between = [l for l in lines if last["y"] < l.mid_y < r["y"]]
            same_width = abs(last["x0"] - r["x0"]) < 8 and abs(last["x1"] - r["x1"]) < 8
            inside = [l.size for l in lines if g[0]["y"] < l.mid_y < last["y"]] or [l.size for l in between]
            ref = sorted(inside)[len(inside) // 2] if inside else size
            # a heading (larger type) or a caption between two rules: two tables, not one
            heading = any(l.size > 1.2 * ref for l in between)
            if same_width and not heading and not any(_is_label_line(l.text) for l in between):
                g.append(r)
                continue
        groups.append([r])
    for g in groups:
        x0, x1 = min(r["x0"] for r in g), max(r["x1"] for r in g)
        top, bottom = g[0]["y"], g[-1]["y"]
        inner = [r["y"] for r in g[1:-1]]
        # text directly above the first rule that belongs to the table (a table printed
        # with a rule under its header only, or whose top rule is missing); under three
        # or more rules the first one is the top rule, and what is above it is not the table
        above = sorted((l for l in lines if l.bottom <= top and l.x0 >= x0 - 2 and l.x1 <= x1 + 2), key=lambda l: -l.top)
        if len(g) >= 3 and any(top < l.mid_y < g[1]["y"] for l in lines):
            above = []
        ext_top = top
        for l in above:
            if ext_top - l.bottom > 1.6 * l.size or _is_label_line(l.text) or l.size > size * 1.15:
                break
            ext_top = l.top - 0.5
        if ext_top < top:
            inner = [top] + inner
            top = ext_top
        if len(g) == 2 and ext_top == top:
            # a top rule and a header rule with the body running on below, its closing rule
            # on a later page (a long table split by its producer)
            ext_bottom = _body_below(lines, body_chars, bottom, x0, x1, size)
            if ext_bottom > bottom:
                inner = [bottom]
                bottom = ext_bottom
        if len(g) < 2 and ext_top == g[0]["y"]:
            continue
        region_chars = [c for c in body_chars if top < (c["top"] + c["bottom"]) / 2 < bottom and x0 - 2 <= c["x0"] and c["x1"] <= x1 + 2]
        t = build_text_table(region_chars, (x0, top, x1, bottom), inner[:1], size, wrap_spaces, inner[1:])
        if t and t["n_cols"] >= 2:
            found.append((t, "text"))
            taken.append(t["bbox"])

    # captioned blocks with no rules at all
    for i, l in enumerate(lines):
        if not cap.caption_match(l.text):
            continue
        below = [m for m in lines[i + 1:] if m.top >= l.bottom]
        if any(b[1] >= l.bottom - 1 and b[1] - l.bottom < 4 * l.size for b in taken):
            continue
        block: list[Line] = []
        for m in below:
            if cap.unit_of(m.text) and not block:
                continue
            if _is_label_line(m.text) or inside_taken(m.top, m.bottom):
                break
            prev_bottom = block[-1].bottom if block else l.bottom
            if m.top - prev_bottom > 2.5 * m.size or m.size > size * 1.15:
                break
            block.append(m)
        if len(block) < 2:
            continue
        y0, y1 = min(m.top for m in block) - 0.5, max(m.bottom for m in block) + 0.5
        x0, x1 = min(m.x0 for m in block) - 1, max(m.x1 for m in block) + 1
        region_chars = [c for c in body_chars if y0 < (c["top"] + c["bottom"]) / 2 < y1]
        bold_rows = [m for m in block if m.bold]
        header_rule = [max(m.bottom for m in bold_rows) + 0.3] if bold_rows and bold_rows[0] is block[0] else []
        t = build_text_table(region_chars, (x0, y0, x1, y1), header_rule, size, wrap_spaces)
        if t and t["n_cols"] >= 2 and t["n_rows"] >= 2:
            found.append((t, "text"))
            taken.append(t["bbox"])

    found.sort(key=lambda ft: ft[0]["bbox"][1])
    parts = [_to_part(t, strategy, number, page) for t, strategy in found]
    used = _attach_labels(parts, lines, body_bottom)
    prose = [ProseLine.of(l, number, wrap_spaces) for i, l in enumerate(lines)
             if i not in used and not any(_inside(l, p.bbox) for p in parts)]
    leading = [l for l in lines if not parts or l.bottom <= parts[0].bbox[1]]
    for l in leading:
        l.chars = []  # kept for the next page's stitching; the characters are not needed
    return PageResult(number, parts, leading, body_top, body_bottom, prose)


def _body_below(lines: list[Line], chars: list[dict], rule_y: float, x0: float, x1: float, size: float) -> float:
    """Bottom of the table body printed under a rule with no rule closing it: the lines
    that follow at line spacing, inside the rule's width, set in columns (most of them
    cut by whitespace into two or more parts, which a paragraph or a note is not)."""
    below = sorted((l for l in lines if l.top >= rule_y), key=lambda l: l.top)
    taken: list[Line] = []
    for l in below:
        prev = taken[-1].bottom if taken else rule_y
        if (l.top - prev > 1.6 * l.size or _is_label_line(l.text) or l.size > size * 1.15
                or l.x0 < x0 - 2 or l.x1 > x1 + 2):
            break
        taken.append(l)
    if len(taken) < 2:
        return rule_y
    y1 = max(l.bottom for l in taken) + 0.5
    region = [c for c in chars if rule_y < (c["top"] + c["bottom"]) / 2 < y1]
    split = group_lines(region, split_gap=column_gap(size))
    per_row: dict[int, int] = {}
    for l in split:
        per_row[round(l.top)] = per_row.get(round(l.top), 0) + 1
    if sum(1 for n in per_row.values() if n >= 2) < 0.6 * len(per_row):
        return rule_y
    return y1


def _inside(line: Line, bbox) -> bool:
    return bbox[1] - 1 <= line.mid_y <= bbox[3] + 1 and line.x0 < bbox[2] and line.x1 > bbox[0]


def _shaded(page, bbox) -> bool:
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    for r in page.rects:
        if not r.get("fill"):
            continue
        color = r.get("non_stroking_color")
        if color in (None, (1,), (1, 1, 1), [1], [1, 1, 1], 1, (0, 0, 0, 0), [0, 0, 0, 0]):
            continue
        if r["x0"] <= cx <= r["x1"] and r["top"] <= cy <= r["bottom"] and r["height"] > 3:
            return True
    return False


def _header_rows(raw: list[RawCell], n_rows: int, page, strategy: str) -> int:
    """Leading rows that print as a header: bold or shaded throughout."""
    n = 0
    for r in range(n_rows):
        row = [c for c in raw if c.row == r and c.text]
        if not row:
            break
        styled = all(c.bold for c in row) or (strategy == "lines" and all(_shaded(page, c.bbox) for c in row))
        if not styled:
            break
        n = r + max(c.row_span for c in row if c.row == r)
    return min(n, n_rows)


def _to_part(t: dict, strategy: str, number: int, page) -> TablePart:
    raw: list[RawCell] = t["cells"]
    n_header = t.get("n_header_rows") or _header_rows(raw, t["n_rows"], page, strategy)
    cells = [Cell(c.row, c.col, c.row_span, c.col_span, c.text, number) for c in raw]
    part = TablePart(page=number, bbox=tuple(round(v, 2) for v in t["bbox"]), n_cols=t["n_cols"],
                     n_rows=t["n_rows"], n_header_rows=n_header, cells=cells, strategy=strategy)
    part._raw = raw  # kept for stitching decisions (last-line fill of cut cells)
    return part


def _attach_labels(parts: list[TablePart], lines: list[Line], body_bottom: float) -> set[int]:
    """Give each table its caption, unit, notes and source; returns the lines used."""
    used: set[int] = set()
    prev_bottom = 0.0
    for pi, part in enumerate(parts):
        top, bottom = part.bbox[1], part.bbox[3]
        above = [(i, l) for i, l in enumerate(lines) if prev_bottom <= l.top and l.bottom <= top + 1 and i not in used]
        cap_idx = None
        for i, l in reversed(above):
            if cap.caption_match(l.text):
                cap_idx = i
                break
        if cap_idx is not None:
            part.caption = lines[cap_idx].text
            used.add(cap_idx)
        for i, l in reversed(above):
            if (cap_idx is None or i > cap_idx) and cap.unit_of(l.text):
                part.unit = cap.unit_of(l.text)
                used.add(i)
                break
        next_top = parts[pi + 1].bbox[1] if pi + 1 < len(parts) else float("inf")
        below = [(i, l) for i, l in enumerate(lines) if l.top >= bottom - 1 and l.bottom <= next_top and i not in used]
        notes, source, last_bottom, note_size = _notes_below(below, bottom, used)
        part.notes, part.source = notes, source
        remaining = [l for i, l in below if i not in used and l.top > last_bottom]
        part.notes_open = bool(notes) and not remaining and body_bottom - last_bottom < 4 * (note_size or 10)
        prev_bottom = max(bottom, last_bottom)
    return used


def _notes_below(below, table_bottom: float, used: set[int]):
    notes: list[str] = []
    source = None
    last_bottom = table_bottom
    size = None
    current: list[str] | None = None
    kind = None
    for i, l in below:
        gap = l.top - last_bottom
        starts = cap.is_note_start(l.text) or cap.is_source(l.text)
        if cap.caption_match(l.text):
            break
        if not starts and not (notes or source) :
            break
        if gap > (2.2 if not (notes or source) else 1.2) * l.size:
            break
        if size is not None and l.size > size + 0.6:
            break
        if cap.is_source(l.text):
            _flush(notes, current, kind)
            current, kind = [l.text], "source"
            source = None
        elif cap.is_note_start(l.text) or cap.is_note_item(l.text):
            if kind == "source" and current:
                source = join_wrapped(current)
            _flush(notes, current, kind)
            current, kind = [l.text], "note"
        else:
            if current is None:
                break
            current.append(l.text)
        used.add(i)
        last_bottom = l.bottom
        size = l.size if size is None else size
        if kind == "source":
            source = join_wrapped(current)
    _flush(notes, current, kind)
    return notes, source, last_bottom, size


def _flush(notes: list[str], current, kind) -> None:
    if kind == "note" and current:
        notes.append(join_wrapped(current))
