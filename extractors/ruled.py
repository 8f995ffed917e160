"""Ruled tables (a full grid of lines): pdfplumber's lines strategy finds the cells.

pdfplumber returns one box per printed cell, so a merged cell is one box covering
several grid slots: its span is read off the grid edges. A box over several columns whose
text sits apart in those columns is a row ruled across without column lines, not a
merged cell: its pieces are its cells. A grid printed without its
outer side borders (column lines inside, rows ruled across the full width) is closed
where its row rules end, the way a reader sees it.
"""

from __future__ import annotations

import statistics

from .graphics import Graphics
from .orientation import PageView  # noqa: F401 (the page type)
from .grid import NUMBER_ONLY, chars_in, index_of, is_number_stack, levels_of, make_cell, snap
from .text import column_gap, group_lines

LINES_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 3,
}


def _open_sides(edges: list[dict], rules: list[dict]) -> list[dict]:
    """Vertical lines where a grid's outer borders would be: at the common end of two or
    more row rules, over the rows they span, when two or more column lines stand between
    them there (crossing every gap between the rules) and no line stands at that end."""
    verticals = [e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 3]
    out = []
    for side in ("x0", "x1"):
        groups: list[list[dict]] = []
        for r in sorted(rules, key=lambda r: (round(r[side]), r["y"])):
            if groups and abs(groups[-1][-1][side] - r[side]) < 3:
                groups[-1].append(r)
            else:
                groups.append([r])
        runs: list[list[dict]] = []
        for g in groups:
            # one grid: every gap between two rules is crossed by a column line
            for a, b in zip(g, g[1:] + [None]):
                if not runs or runs[-1][-1] is not a:
                    runs.append([a])
                if b is not None and any(max(a["x0"], b["x0"]) + 3 < e["x0"] < min(a["x1"], b["x1"]) - 3
                                         and e["top"] <= a["y"] + 3 and e["bottom"] >= b["y"] - 3
                                         for e in verticals):
                    runs[-1].append(b)
        for g in runs:
            if len(g) < 2:
                continue
            x = sum(r[side] for r in g) / len(g)
            top, bottom = min(r["y"] for r in g), max(r["y"] for r in g)
            lo, hi = min(r["x0"] for r in g), max(r["x1"] for r in g)
            # two column lines at least: one line alone (a stub column set off from
            # whitespace-aligned data) does not make a grid
            inner = snap([e["x0"] for e in verticals if lo + 3 < e["x0"] < hi - 3
                          and e["top"] < bottom and e["bottom"] > top], 3.0)
            if len(inner) < 2:
                continue
            at_end = [e for e in verticals if abs(e["x0"] - x) < 3 and e["top"] < bottom and e["bottom"] > top]
            if not at_end:
                out.append({"object_type": "line", "x0": x, "x1": x, "top": top, "bottom": bottom,
                            "width": 0.0, "height": bottom - top})
    return out


def find_ruled_tables(page: "PageView", chars: list[dict], wrap_spaces: bool, graphics: Graphics) -> list[dict]:
    """Every ruled grid on the page as {bbox, cells, n_rows, n_cols}: rules only, not the
    edges of shaded areas (a row of shaded cells is no grid)."""
    found = []
    vertical = [e for e in graphics.edges if e["orientation"] == "v"] + _open_sides(graphics.edges, graphics.rules)
    horizontal = [e for e in graphics.edges if e["orientation"] == "h"]
    if len(vertical) < 2 or len(horizontal) < 2:
        return found
    settings = {**LINES_SETTINGS, "vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": vertical, "explicit_horizontal_lines": horizontal}
    for t in page.find_tables(settings):
        boxes = [c for c in t.cells if c is not None]
        if not boxes:
            continue
        xs = snap([b[0] for b in boxes] + [b[2] for b in boxes], 2.0)
        ys = snap([b[1] for b in boxes] + [b[3] for b in boxes], 2.0)
        n_cols, n_rows = len(xs) - 1, len(ys) - 1
        # a single framed box (a callout, a figure border) is not a table
        if n_cols < 2 or n_rows < 1:
            continue
        slots = []  # (row, col, row_span, col_span, bbox, lines)
        in_table = chars_in(chars, t.bbox)  # every cell lies in it: each reads these alone
        for b in boxes:
            c0, c1 = index_of(xs, b[0], 2.5), index_of(xs, b[2], 2.5)
            r0, r1 = index_of(ys, b[1], 2.5), index_of(ys, b[3], 2.5)
            if min(c0, c1, r0, r1) < 0 or c1 <= c0 or r1 <= r0:
                continue
            inside = chars_in(in_table, b)
            split = _split_by_columns(inside, xs, c0, c1) if c1 - c0 > 1 else None
            if split:
                slots += [(r0, k, r1 - r0, 1, (xs[k], b[1], xs[k + 1], b[3]), ls) for k, ls in split.items()]
            else:
                slots.append((r0, c0, r1 - r0, c1 - c0, b, group_lines(inside)))
        slots, ys = _split_solid_rows(slots, ys)
        cells = [make_cell(*slot, wrap_spaces) for slot in slots]
        if not any(c.text for c in cells):
            continue
        found.append({"bbox": tuple(t.bbox), "cells": cells, "n_rows": len(ys) - 1, "n_cols": n_cols,
                      "row_edges": ys, "col_edges": xs})
    return found


def _split_solid_rows(slots: list, ys: list[float]) -> tuple[list, list[float]]:
    """Rows printed without rules between them inside one ruled row: numbers do not
    wrap, so a box whose lines are each a number alone holds several rows. The ruled row
    is cut at those numbers' lines when every box in it has its lines level with them,
    one line a level (a label beside each number); otherwise it is left whole, and so it
    is when a number in it plainly wrapped (a line ends on its separator)."""
    cuts: dict[int, tuple[list[float], float]] = {}  # ruled row -> tops of its printed rows, tolerance
    for r in range(len(ys) - 1):
        here = [s for s in slots if s[0] == r and s[2] == 1 and s[5]]
        if any(s[0] < r < s[0] + s[2] or (s[0] == r and s[2] > 1) for s in slots if s[5]):
            continue
        stacked = [s for s in here if is_number_stack(s[5])]
        wrapped = [s for s in here if len(s[5]) >= 2 and not is_number_stack(s[5])
                   and all(NUMBER_ONLY.match(l.text.strip()) for l in s[5])]
        if not stacked or wrapped:
            continue
        tol = 0.3 * min(l.size for s in stacked for l in s[5])
        levels = snap([l.top for s in stacked for l in s[5]], tol)
        if len(levels) >= 2 and all(levels_of(s[5], levels, tol) is not None for s in here):
            cuts[r] = (levels, tol)
    if not cuts:
        return slots, ys
    first: dict[int, int] = {}  # ruled row -> its first printed row
    new_ys: list[float] = []
    for r in range(len(ys) - 1):
        first[r] = len(new_ys)
        new_ys.append(ys[r])
        levels = cuts[r][0] if r in cuts else []
        new_ys += [(a + b) / 2 for a, b in zip(levels, levels[1:])]
    first[len(ys) - 1] = len(new_ys)
    new_ys.append(ys[-1])
    out = []
    for r0, c0, rs, cs, box, lines in slots:
        if r0 in cuts:
            for l, i in zip(lines, levels_of(lines, *cuts[r0])):
                out.append((first[r0] + i, c0, 1, cs, (box[0], l.top, box[2], l.bottom), [l]))
        else:
            out.append((first[r0], c0, first[r0 + rs] - first[r0], cs, box, lines))
    return out, new_ys


def _split_by_columns(chars: list[dict], xs: list[float], c0: int, c1: int) -> dict | None:
    """A box over several columns that is no merged cell: rows ruled across the table
    with column lines only in the header leave each body row one box, its values set in
    the header's columns. When the box's text falls apart, at whitespace, into pieces that
    each sit inside one column, and in two columns or more, those are its cells (column ->
    lines). A merged cell's text is one piece, or crosses a column edge."""
    if not chars:
        return None
    size = statistics.median(c["size"] for c in chars)
    pieces = group_lines(chars, split_gap=column_gap(size))
    out: dict[int, list] = {k: [] for k in range(c0, c1)}
    for p in pieces:
        k = next((k for k in range(c0, c1) if xs[k] - 1 <= p.x0 and p.x1 <= xs[k + 1] + 1), None)
        if k is None:
            return None
        out[k].append(p)
    if sum(1 for ls in out.values() if ls) < 2:
        return None
    return out
