"""Ruled tables (a full grid of lines): pdfplumber's lines strategy finds the cells.

pdfplumber returns one box per printed cell, so a merged cell is one box covering
several grid slots: its span is read off the grid edges.
"""

from __future__ import annotations

from .grid import chars_in, index_of, make_cell, snap
from .text import group_lines

LINES_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 3,
}


def find_ruled_tables(page, chars: list[dict], wrap_spaces: bool) -> list[dict]:
    """Every ruled grid on the page as {bbox, cells, n_rows, n_cols}."""
    found = []
    for t in page.find_tables(LINES_SETTINGS):
        boxes = [c for c in t.cells if c is not None]
        if not boxes:
            continue
        xs = snap([b[0] for b in boxes] + [b[2] for b in boxes], 2.0)
        ys = snap([b[1] for b in boxes] + [b[3] for b in boxes], 2.0)
        n_cols, n_rows = len(xs) - 1, len(ys) - 1
        # a single framed box (a callout, a figure border) is not a table
        if n_cols < 2 or n_rows < 1:
            continue
        cells = []
        for b in boxes:
            c0, c1 = index_of(xs, b[0], 2.5), index_of(xs, b[2], 2.5)
            r0, r1 = index_of(ys, b[1], 2.5), index_of(ys, b[3], 2.5)
            if min(c0, c1, r0, r1) < 0 or c1 <= c0 or r1 <= r0:
                continue
            lines = group_lines(chars_in(chars, b))
            cells.append(make_cell(r0, c0, r1 - r0, c1 - c0, b, lines, wrap_spaces))
        if not any(c.text for c in cells):
            continue
        found.append({"bbox": tuple(t.bbox), "cells": cells, "n_rows": n_rows, "n_cols": n_cols,
                      "row_edges": ys, "col_edges": xs})
    return found
