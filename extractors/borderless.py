"""Borderless tables (three rules, header rule only, or no rules): text alignment.

Columns are the whitespace gutters that run through the body lines; rows are the
vertical gaps that every column agrees on. A cell printed across a gutter spans the
columns it crosses; a cell whose lines span several rows of its neighbours is a
vertical merge. Word-made tables centre a merged cell vertically, so a lone value in
an otherwise empty run of a column, centred on that run, is filled over the run.
"""

from __future__ import annotations

import statistics

from .grid import RawCell, make_cell
from .text import Line, group_lines, join_lines, join_wrapped


def _gutters(segments: list[Line], x0: float, x1: float, min_gap: float, tolerance: int):
    """x-intervals crossed by at most `tolerance` segments, at least min_gap wide."""
    lo, hi = int(x0) - 1, int(x1) + 2
    cover = [0] * (hi - lo + 1)
    for s in segments:
        for x in range(int(s.x0 + 0.5) - lo, int(s.x1 - 0.5) - lo + 1):
            if 0 <= x < len(cover):
                cover[x] += 1
    xs_text = [i for i, c in enumerate(cover) if c > tolerance]
    if not xs_text:
        return []
    first, last = xs_text[0], xs_text[-1]
    gutters, start = [], None
    for i in range(first, last + 1):
        free = cover[i] <= tolerance
        if free and start is None:
            start = i
        elif not free and start is not None:
            if i - start >= min_gap:
                gutters.append((start + lo, i + lo))
            start = None
    return gutters


def _split_by_header(gutters, header: list[Line], min_gap: float, text_x0: float, text_x1: float):
    """A column whose body is empty throughout shows only in the header: a header label
    standing in a body gutter, and not centred over either neighbouring column (Word
    centres header labels over their column), is a column of its own."""
    out = []
    for i, (a, b) in enumerate(gutters):
        left_x0 = gutters[i - 1][1] if i else text_x0
        right_x1 = gutters[i + 1][0] if i + 1 < len(gutters) else text_x1
        own = []
        for l in header:
            if not (l.x0 > a + min_gap / 2 and l.x1 < b - min_gap / 2):
                continue
            c = (l.x0 + l.x1) / 2
            centred_left = 2 * c - left_x0 <= b + min_gap
            centred_right = 2 * c - right_x1 >= a - min_gap
            if not (centred_left or centred_right):
                own.append(l)
        if own:
            out.append((a, min(l.x0 for l in own)))
            out.append((max(l.x1 for l in own), b))
        else:
            out.append((a, b))
    return out


def _unlabelled_columns(edges: list[float], header: list[Line]) -> list[int]:
    """Boundaries to drop: a column no header label stands over, crossed by a label that
    also covers its neighbour, is part of that neighbour (letters spread out with
    distributed alignment, e.g. "藥　　品", look like two columns)."""
    drop = []
    for k in range(1, len(edges) - 1):
        x = edges[k]
        crossing = [l for l in header if l.x0 < x < l.x1]
        if not crossing:
            continue
        left = [l for l in header if edges[k - 1] <= (l.x0 + l.x1) / 2 < x and l not in crossing]
        right = [l for l in header if x <= (l.x0 + l.x1) / 2 < edges[k + 1] and l not in crossing]
        if not left or not right:
            drop.append(k)
    return drop


def _boundary(a: float, b: float, lines: list[Line]) -> float:
    """Where in the gutter [a, b] (free of body text) the column boundary goes: in the part
    no line at all crosses, so a header label longer than its column's values stays in
    its column; the middle of the gutter when a label really spans it."""
    # a line covering the whole gutter spans the columns anyway: it does not constrain
    crossing = sorted((max(a, l.x0), min(b, l.x1)) for l in lines
                      if l.x0 < b and l.x1 > a and not (l.x0 <= a and l.x1 >= b))
    best, cursor = None, a
    for x0, x1 in crossing:
        if x0 > cursor and (best is None or x0 - cursor > best[1] - best[0]):
            best = (cursor, x0)
        cursor = max(cursor, x1)
    if b > cursor and (best is None or b - cursor > best[1] - best[0]):
        best = (cursor, b)
    return (best[0] + best[1]) / 2 if best else (a + b) / 2


def _col_of(edges: list[float], x: float) -> int:
    for i in range(len(edges) - 1):
        if x < edges[i + 1]:
            return i
    return len(edges) - 2


def _blocks(lines: list[Line], intra: float) -> list[list[Line]]:
    out: list[list[Line]] = []
    for ln in sorted(lines, key=lambda l: l.top):
        if out and ln.top - max(l.bottom for l in out[-1]) <= intra:
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


def _intra_gap(col_lines: dict[int, list[Line]], size: float) -> float:
    """The largest vertical gap that still counts as a wrapped line inside one cell."""
    gaps = []
    for lines in col_lines.values():
        ls = sorted(lines, key=lambda l: l.top)
        for a, b in zip(ls, ls[1:]):
            g = b.top - a.bottom
            if g > -0.5 * size:
                gaps.append(max(0.0, g))
    if len(gaps) < 2:
        return -1.0
    gaps.sort()
    # the closest pair of lines in any column: one wrapped cell is enough to tell the
    # wrap spacing, however many single-line rows surround it
    positive = [g for g in gaps if g > 0.3]
    small = positive[0] if positive else gaps[0]
    # wrapped lines inside a cell sit closer than half a line height; a gap that large
    # is a row break however the table is spaced
    if small >= 0.5 * size:
        return -1.0  # every printed line is its own row
    limit = min(small * 1.25 + 0.6, 0.5 * size)
    if any(g > limit for g in gaps):
        return limit
    return -1.0


def build_text_table(chars: list[dict], bbox, header_rules: list[float], size: float,
                     wrap_spaces: bool) -> dict | None:
    """Cells of a borderless table region, or None when it does not look like a table."""
    x0, top, x1, bottom = bbox
    size = typical_size(chars) if chars else size  # the table's own type size, not the page's
    min_gap = max(2.5, 0.45 * size)
    lines = group_lines(chars, split_gap=min_gap)
    if len(lines) < 2:
        return None
    header_bottom = min(header_rules) if header_rules else None
    body = [ln for ln in lines if header_bottom is None or ln.top > header_bottom]
    if not body:
        body = lines
    # a row printed as one segment from the left edge (a group row spanning all columns,
    # a title) would hide every gutter it crosses: leave such lines out of the projection
    by_top: dict[int, int] = {}
    for ln in body:
        by_top[round(ln.top)] = by_top.get(round(ln.top), 0) + 1
    left = min(ln.x0 for ln in body)
    width = max(1.0, x1 - x0)
    at_left = sorted(ln.x1 - ln.x0 for ln in body if ln.x0 - left < 2 * min_gap)
    wide = min(0.3 * width, 3 * at_left[len(at_left) // 2]) if at_left else 0.3 * width
    projected = [ln for ln in body
                 if not (by_top[round(ln.top)] == 1 and ln.x0 - left < 2 * min_gap and ln.x1 - ln.x0 > wide)]
    if sum(1 for n in by_top.values() if n > 1) < 2:
        projected = body
    header_lines = [ln for ln in lines if header_bottom is not None and ln.bottom <= header_bottom]
    # columns whose body is empty right of (or left of) all body text show only in the
    # header's lowest level: let those labels into the projection
    projected = projected or body
    bx0, bx1 = min(ln.x0 for ln in projected), max(ln.x1 for ln in projected)
    leaf = [ln for ln in header_lines if header_bottom - ln.bottom < 1.6 * ln.size and (ln.x0 > bx1 or ln.x1 < bx0)]
    gutters = _gutters(projected + leaf, x0, x1, min_gap, 0)
    text_x0, text_x1 = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    if header_lines:
        gutters = _split_by_header(gutters, header_lines, min_gap, text_x0, text_x1)
    if not gutters:
        return None
    edges = [text_x0 - 0.5] + [_boundary(a, b, lines) for a, b in gutters] + [text_x1 + 0.5]
    if header_lines:
        for k in reversed(_unlabelled_columns(edges, header_lines)):
            del edges[k]
    if len(edges) < 3:
        return None
    n_cols = len(edges) - 1

    # assign every segment to the columns it covers
    placed = []
    for ln in lines:
        c0 = _col_of(edges, ln.x0 + 0.5)
        c1 = _col_of(edges, ln.x1 - 0.5)
        placed.append((ln, c0, c1))

    col_lines: dict[int, list[Line]] = {}
    for ln, c0, c1 in placed:
        if c0 == c1:
            col_lines.setdefault(c0, []).append(ln)
    intra = _intra_gap(col_lines, size)

    # blocks = cells' text; a block is tied to the column span of its first line
    blocks = []  # (top, bottom, c0, c1, lines)
    by_span: dict[tuple[int, int], list[Line]] = {}
    for ln, c0, c1 in placed:
        by_span.setdefault((c0, c1), []).append(ln)
    for (c0, c1), ls in by_span.items():
        # lines of a header zone never join lines of the body
        head = [l for l in ls if header_bottom is not None and l.bottom <= header_bottom]
        body_ls = [l for l in ls if header_bottom is None or l.bottom > header_bottom]
        # header labels wrap far more often than they stack: closely set lines are one label
        for zone, limit in ((head, 0.5 * size), (body_ls, intra)):
            for b in _blocks(zone, limit):
                blocks.append((min(l.top for l in b), max(l.bottom for l in b), c0, c1, b))

    rows = _row_bands(blocks, n_cols, header_bottom)
    if not rows:
        return None
    n_rows = len(rows)
    n_header = sum(1 for r in rows if header_bottom is not None and r[1] <= header_bottom + 0.5)

    cells: list[RawCell] = []
    occupied: dict[tuple[int, int], RawCell] = {}
    for btop, bbot, c0, c1, b in sorted(blocks, key=lambda t: (t[0], t[2])):
        mid = (btop + bbot) / 2
        r_ids = [i for i, (rt, rb) in enumerate(rows) if rt - 0.5 <= mid <= rb + 0.5]
        r_cover = [i for i, (rt, rb) in enumerate(rows) if btop < rb - 0.5 and bbot > rt + 0.5]
        if not r_cover:
            r_cover = r_ids or [min(range(n_rows), key=lambda i: abs((rows[i][0] + rows[i][1]) / 2 - mid))]
        r0, r1 = min(r_cover), max(r_cover)
        key = (r0, c0)
        ordered = sorted(b, key=lambda l: (l.top, l.x0))
        if key in occupied:
            # two blocks in one slot (e.g. a cell with paragraph spacing): one cell
            prev = occupied[key]
            prev.text = join_wrapped([prev.text, join_lines(ordered, wrap_spaces)])
            continue
        cell = make_cell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (edges[c0], btop, edges[c1 + 1], bbot),
                         ordered, wrap_spaces)
        cell.text_x0, cell.text_x1 = min(l.x0 for l in b), max(l.x1 for l in b)
        cells.append(cell)
        occupied[key] = cell
    _extend_centred_merges(cells, rows, n_header, size)
    _extend_header_spans(cells, edges, n_header)
    return {"bbox": tuple(bbox), "cells": cells, "n_rows": n_rows, "n_cols": n_cols,
            "n_header_rows": n_header, "row_edges": [r[0] for r in rows] + [rows[-1][1]],
            "col_edges": edges}


def _row_bands(blocks, n_cols: int, header_bottom: float | None) -> list[tuple[float, float]]:
    """Row intervals: split where no column has text; inside a band held together by a
    tall (merged) cell, split where the columns with several cells all have a gap."""
    if not blocks:
        return []
    spans = sorted((b[0], b[1], b[2], b[3]) for b in blocks)
    bands: list[list] = []
    for t, b, c0, c1 in spans:
        cut = header_bottom is not None and bands and bands[-1][1] <= header_bottom + 0.5 < t
        if bands and t < bands[-1][1] - 0.5 and not cut:
            bands[-1][1] = max(bands[-1][1], b)
            bands[-1][2].append((t, b, c0, c1))
        else:
            bands.append([t, b, [(t, b, c0, c1)]])
    rows: list[tuple[float, float]] = []
    for top, bot, members in bands:
        per_col: dict[int, list[tuple[float, float]]] = {}
        for t, b, c0, c1 in members:
            if c0 == c1:
                per_col.setdefault(c0, []).append((t, b))
        multi = {c: iv for c, iv in per_col.items() if len(iv) > 1}
        if not multi:
            rows.append((top, bot))
            continue
        # candidate cut points: gaps shared by every multi-cell column
        cuts = []
        ivs = sorted(iv for c in multi for iv in multi[c])
        edges_y = sorted({y for iv in ivs for y in iv})
        for ya, yb in zip(edges_y, edges_y[1:]):
            y = (ya + yb) / 2
            if all(not any(t - 0.3 <= y <= b + 0.3 for t, b in multi[c]) for c in multi):
                if not cuts or y - cuts[-1] > 1.0:
                    cuts.append(y)
        bounds = [top] + cuts + [bot]
        for a, b in zip(bounds, bounds[1:]):
            rows.append((a, b))
    return rows


def _extend_centred_merges(cells: list[RawCell], rows, n_header: int, size: float) -> None:
    """Fill a vertically centred value over the empty run of its column it is centred on.

    Word centres a merged cell's text over the rows it covers; without rules, that is all
    that is left of the merge. Of the runs of empty slots around the value, the widest
    one whose middle is the middle of the text (within a quarter line) is the merge.
    """
    slots = {}
    for c in cells:
        for r in range(c.row, c.row + c.row_span):
            for k in range(c.col, c.col + c.col_span):
                slots[(r, k)] = c
    n_rows = len(rows)
    tol = max(1.5, 0.25 * size)
    proposed: dict[int, list[tuple[RawCell, tuple[int, int]]]] = {}
    for c in cells:
        if c.row < n_header or c.col_span != 1 or not c.text:
            continue
        mid = (c.bbox[1] + c.bbox[3]) / 2
        lo, hi = c.row, c.row + c.row_span - 1
        while lo - 1 >= n_header and (lo - 1, c.col) not in slots:
            lo -= 1
        while hi + 1 < n_rows and (hi + 1, c.col) not in slots:
            hi += 1
        best = (c.row, c.row + c.row_span - 1)
        best_err = abs((rows[best[0]][0] + rows[best[1]][1]) / 2 - mid)
        for r0 in range(lo, c.row + 1):
            for r1 in range(c.row + c.row_span - 1, hi + 1):
                err = abs((rows[r0][0] + rows[r1][1]) / 2 - mid)
                if err <= tol and (err < best_err - tol or (r1 - r0 > best[1] - best[0] and err <= best_err + tol)):
                    best, best_err = (r0, r1), err
        if best != (c.row, c.row + c.row_span - 1):
            proposed.setdefault(c.col, []).append((c, best))
    # a merged column is covered top to bottom once its merges are filled; a column that
    # would still have gaps holds genuinely empty cells next to a lone value
    for col, changes in proposed.items():
        covered = {r for (r, k) in slots if k == col}
        for _, (r0, r1) in changes:
            covered.update(range(r0, r1 + 1))
        if not all(r in covered for r in range(n_header, n_rows)):
            continue
        for c, (r0, r1) in changes:
            for r in range(r0, r1 + 1):
                slots[(r, c.col)] = c
            c.row, c.row_span = r0, r1 - r0 + 1


def _extend_header_spans(cells: list[RawCell], edges: list[float], n_header: int) -> None:
    """An upper-level header label is centred over the columns it groups: extend it over
    the empty header slots beside it that keep it centred."""
    taken = {(r, k) for c in cells for r in range(c.row, c.row + c.row_span)
             for k in range(c.col, c.col + c.col_span)}
    for c in cells:
        if c.row >= n_header - 1 or c.row + c.row_span >= n_header or not c.text:
            continue
        centre = (c.text_x0 + c.text_x1) / 2
        lo, hi = c.col, c.col + c.col_span - 1
        while lo - 1 >= 0 and (c.row, lo - 1) not in taken:
            lo -= 1
        while hi + 1 < len(edges) - 1 and (c.row, hi + 1) not in taken:
            hi += 1
        best, best_err = (c.col, c.col + c.col_span - 1), None
        for k0 in range(lo, c.col + 1):
            for k1 in range(c.col + c.col_span - 1, hi + 1):
                err = abs((edges[k0] + edges[k1 + 1]) / 2 - centre)
                width = edges[k1 + 1] - edges[k0]
                if err <= 0.08 * width and (best_err is None or k1 - k0 > best[1] - best[0]):
                    best, best_err = (k0, k1), err
        if best != (c.col, c.col + c.col_span - 1):
            for k in range(best[0], best[1] + 1):
                for r in range(c.row, c.row + c.row_span):
                    taken.add((r, k))
            c.col, c.col_span = best[0], best[1] - best[0] + 1


def typical_size(chars: list[dict]) -> float:
    sizes = [c.get("size", 0) for c in chars if c["text"].strip()]
    return statistics.median(sizes) if sizes else 10.0
