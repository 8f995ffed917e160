"""Borderless tables (three rules, header rule only, or no rules): text alignment.

Columns are the whitespace gutters that run through the body lines, and the header
labels standing where the body is empty; rows are the vertical gaps that the columns
with the most cells agree on. A cell printed across a gutter spans the columns it
crosses; a cell whose lines span several rows of its neighbours is a vertical merge.
Word-made tables centre a merged cell vertically, so the values of a column are spread
over the empty slots they are centred on when that fills the column.
"""

from __future__ import annotations

import bisect
import statistics

from .grid import NUMBER_ONLY, RawCell, is_number_stack, levels_of, make_cell, snap
from .columns import Gutter, band_of_each, find_gutters, glyph_runs, word_join
from .text import (Line, column_gap, group_lines, ink_x0, ink_x1, join_lines, join_wrapped, run_lines, split_at,
                   without_leaders)


def _rule_ends(cuts, lo: float, hi: float, header_bottom: float | None = None) -> list[float]:
    """x where two or more rules inside the table begin or end: a merged cell shortens the
    rules of every row it covers at its edge. In the header one rule is enough: a rule
    under some columns only underlines the label that groups them, and ends with them."""
    ends = sorted(v for _, a, b in cuts for v in (a, b) if lo < v < hi)
    twice = [v for i, v in enumerate(ends) if i + 1 < len(ends) and ends[i + 1] - v < 1.0
             and (i == 0 or v - ends[i - 1] >= 1.0)]
    if header_bottom is None:
        return twice
    under_labels = [v for y, a, b in cuts if y < header_bottom - 0.5 for v in (a, b) if lo < v < hi]
    return sorted(twice + [v for v in under_labels if all(abs(v - t) >= 1.0 for t in twice)])


def _split_label_columns(edges: list[float], body: list[Line], min_gap: float) -> dict[int, float]:
    """Columns that hold two label columns: a group label beside the items it groups,
    while other items span both (printed from the same left edge, across the gutter).

    Without rules the gutter between the two is hidden by the spanning items. It shows
    as a second left edge where at least two lines start, with every line that crosses
    it starting at the column's own left edge, and at least one label printed beside an
    item; an indented sub-item has no label beside it, so indentation is not a split.
    Returns {column index: x of the new boundary}."""
    out: dict[int, float] = {}
    for k in range(len(edges) - 1):
        ls = [l for l in body if edges[k] <= l.x0 and l.x1 <= edges[k + 1]]
        if len(ls) < 3:
            continue
        left = min(l.x0 for l in ls)
        starts: dict[int, int] = {}
        for l in ls:
            if l.x0 > left + 2 * min_gap:
                starts[round(l.x0)] = starts.get(round(l.x0), 0) + 1
        if not starts:
            continue
        s, n = max(starts.items(), key=lambda kv: kv[1])
        if n < 2:
            continue
        right = [l for l in ls if l.x0 >= s - 1]
        lft = [l for l in ls if l.x1 <= s - min_gap]
        cross = [l for l in ls if l.x0 < s - 1 and l.x1 > s - min_gap]
        # no line crossing: the gutter was seen and dropped on purpose (letters spread
        # out with distributed alignment)
        if not lft or not cross or any(abs(l.x0 - left) > 1 for l in cross):
            continue
        if any(abs(l.x0 - s) > 1 for l in right):
            continue

        def beside(a: Line) -> bool:
            return any(b.top < a.bottom and b.bottom > a.top for b in right)

        if not any(beside(l) for l in lft) or any(beside(l) for l in cross):
            continue
        out[k] = (max(l.x1 for l in lft) + s) / 2
    return out


def _band_sizes(lines: list[Line]) -> dict[int, int]:
    """For each line (by id), how many lines share its band (see columns.band_of_each)."""
    band = band_of_each(lines)
    count: dict[int, int] = {}
    for b in band:
        count[b] = count.get(b, 0) + 1
    return {id(ln): count[b] for ln, b in zip(lines, band)}


def _slots(cells: list[RawCell]) -> dict[tuple[int, int], RawCell]:
    """(row, col) -> the cell covering it."""
    return {(r, k): c for c in cells for r in range(c.row, c.row + c.row_span)
            for k in range(c.col, c.col + c.col_span)}


def _widest_centred(lo: int, own: tuple[int, int], hi: int, centre: float, bounds, tol) -> tuple[int, int]:
    """Of the runs (a, b) with lo <= a <= own[0] and own[1] <= b <= hi, the widest whose
    middle, (bounds(a, b)[0] + bounds(a, b)[1]) / 2, is within tol(a, b) of `centre`;
    `own` when none is (the first found wins a tie)."""
    best, found = own, False
    for a in range(lo, own[0] + 1):
        for b in range(own[1], hi + 1):
            x0, x1 = bounds(a, b)
            if abs((x0 + x1) / 2 - centre) <= tol(a, b) and (not found or b - a > best[1] - best[0]):
                best, found = (a, b), True
    return best


def _span_split_columns(cells: list[RawCell], split_cols: list[int], n_header: int) -> None:
    """Two columns that some body cell spans (a label printed across a second label
    column, which elsewhere holds items beside a group label): a cell of the left one
    with nothing beside it spans both, and so does a header label over either half.
    Not where the right column holds numbers: there an empty slot is a value not given."""
    taken = set(_slots(cells))
    for k in split_cols:
        right = [c.text for c in cells if c.col == k + 1 and c.col_span == 1 and c.row >= n_header and c.text]
        if right and all(NUMBER_ONLY.match(t.strip()) for t in right):
            continue
        for c in cells:
            rows = range(c.row, c.row + c.row_span)
            if c.col + c.col_span - 1 == k and not any((r, k + 1) in taken for r in rows):
                c.col_span += 1
            elif c.row < n_header and c.col == k + 1 and c.col_span == 1 and not any((r, k) in taken for r in rows):
                c.col, c.col_span = k, 2
            else:
                continue
            for r in rows:
                taken.update({(r, k), (r, k + 1)})


def _col_of(edges: list[float], x: float) -> int:
    for i in range(len(edges) - 1):
        if x < edges[i + 1]:
            return i
    return len(edges) - 2


def _blocks(lines: list[Line], pitch: float, rules: list[tuple[float, float, float]]) -> list[list[Line]]:
    """Lines of one cell: each at most `pitch` below the one before (baseline to
    baseline), with no rule printed between them across where they stand (rules are
    (y, x0, x1) segments)."""
    out: list[list[Line]] = []
    for ln in sorted(lines, key=lambda l: l.top):
        if out:
            prev = out[-1][-1]
            above = max(l.bottom for l in out[-1])
            ruled = any(above - 0.5 <= y <= ln.top + 0.5 and a < min(ln.x1, prev.x1) and b > max(ln.x0, prev.x0)
                        for y, a, b in rules)
            if ln.baseline - prev.baseline <= pitch and not ruled:
                out[-1].append(ln)
                continue
        out.append([ln])
    return out


def _wrap_pitch(col_lines: dict[int, list[Line]], size: float) -> float:
    """The largest baseline-to-baseline distance at which two lines of a column are one
    wrapped cell: the closest any two lines of a column stand (one wrapped cell is enough
    to show the leading), when some lines stand further apart than that (rows are set
    apart by their padding); -1 when every printed line is its own row."""
    pitches = []
    for lines in col_lines.values():
        ls = sorted(lines, key=lambda l: l.baseline)
        for a, b in zip(ls, ls[1:]):
            p = b.baseline - a.baseline
            if p > 0.6 * max(a.size, b.size):
                pitches.append(p)
    if len(pitches) < 2:
        return -1.0
    # the closest pitches form the wrap spacing (mixed fonts move a line's baseline by a
    # little); the first clear step up is where rows begin
    pitches.sort()
    wrap = pitches[0]
    for p in pitches[1:]:
        if p > 1.12 * wrap:
            break
        wrap = p
    # ...and wrapped lines sit closer than half a line height apart: lines that far apart
    # are rows however the table is spaced
    heights = sorted(l.bottom - l.top for ls in col_lines.values() for l in ls)
    if heights and wrap - heights[len(heights) // 2] >= 0.5 * size:
        return -1.0
    limit = wrap + max(0.5, 0.04 * wrap)
    return limit if any(p > limit for p in pitches) else -1.0


def _ink(line: Line) -> tuple[float, float]:
    """Where a line's ink begins and ends (a quote's blank half is no part of it)."""
    vis = [c for c in line.chars if c["text"].strip()]
    return (min(ink_x0(c) for c in vis), max(ink_x1(c) for c in vis)) if vis else (line.x0, line.x1)


def build_text_table(chars: list[dict], bbox, header_rules: list[float], size: float,
                     wrap_spaces: bool, row_rules=(), backgrounds=(), drawn_rules=(),
                     single_row: bool = False, painted=()) -> dict | None:
    """Cells of a borderless table region, or None when it does not look like a table.

    `header_rules`: the rule under the header; `row_rules`: other rules inside the region,
    as y (across the table) or (y, x0, x1), which no cell crosses where they are drawn
    (tables ruled between rows but not between columns; a rule left out under a merged
    cell); `backgrounds`: edges (y, x0, x1) of cells' shading, which begin and end at
    column boundaries only; `drawn_rules`: the rules (y, x0, x1) among those that are
    drawn, not edges of shading (which a merged cell may lie across). `single_row`: the
    caller knows the region to be one row (a header left at a page foot under its caption),
    so one line may make a table. `painted`: the shaded boxes (x0, top, x1, bottom)
    inside the region, cells' backgrounds among them.
    """
    x0, top, x1, bottom = bbox
    size = typical_size(chars) if chars else size  # the table's own type size, not the page's
    min_gap = column_gap(size)
    lines = [ln for ln in group_lines(without_leaders(chars)) if ln.text]
    if len(lines) < (1 if single_row else 2):
        return None
    header_bottom = min(header_rules) if header_rules else None
    cuts = [(y, x0 - 1, x1 + 1) for y in header_rules] + [
        r if isinstance(r, tuple) else (r, x0 - 1, x1 + 1) for r in row_rules]
    join = word_join(lines, size)
    if len(lines) == 1:
        # one line alone shows its columns by the gaps between its labels
        runs = glyph_runs(lines[0], max(join, min_gap))
        gutters = [Gutter(a[1], b[0]) for a, b in zip(runs, runs[1:])]
    else:
        gutters = find_gutters(lines, size, header_bottom, join)
    text_x0, text_x1 = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    marks = cuts + [tuple(b) for b in backgrounds]
    # a rule drawn under some columns only begins and ends at column boundaries (under a
    # merged cell it is left out; under a label grouping columns it stops with them)
    rule_ends = _rule_ends(marks, text_x0 + size, text_x1 - size, header_bottom)
    if not gutters and not rule_ends:
        return None
    edges = [text_x0 - 0.5] + [(g.x0 + g.x1) / 2 for g in gutters] + [text_x1 + 0.5]
    # each line's runs of glyphs, read once: for the rules' ends and the label columns
    line_runs = [(ln, run_lines(ln, join)) for ln in lines]
    runs = [r for _, rs in line_runs for r in rs]
    for v in rule_ends:
        inside = next((k for k, g in enumerate(gutters, 1) if g.x0 - 1 <= v <= g.x1 + 1), None)
        if inside is None and gutters:
            # the corridor nearest the rule's end, with no text of its own between them, marks
            # the same boundary (text merged across it, centred on it, narrows the corridor)
            k, g = min(enumerate(gutters, 1), key=lambda kg: min(abs(v - kg[1].x0), abs(v - kg[1].x1)))
            if not any(min(v, g.x1) - 0.5 <= r.x0 and r.x1 <= max(v, g.x0) + 0.5 for r in runs):
                inside = k
        if inside is not None:
            edges[inside] = v  # the boundary the rule draws, where whitespace only suggested one
        elif all(abs(e - v) > max(4.0, 0.5 * size) for e in edges):
            edges = sorted(edges + [v])
    # a group label beside its items, where other items run across both label columns
    body_runs = [r for ln, rs in line_runs if header_bottom is None or ln.top > header_bottom for r in rs]
    split_at_label = _split_label_columns(edges, body_runs, min_gap)
    for k in reversed(split_at_label):
        edges.insert(k + 1, split_at_label[k])
    split_cols = [k + sum(1 for j in split_at_label if j < k) for k in split_at_label]
    # every line that keeps the corridors is cut at them, by where each glyph stands
    lines = sorted((p for ln in lines for p in split_at(ln, edges, join)), key=lambda ln: (ln.top, ln.x0))
    band_of = _band_sizes(lines)
    overflow = _overflowing_lines(lines, edges, size)
    # the first and last column each piece's ink stands in
    span = {id(p): (_col_of(edges, a + 0.5), _col_of(edges, b - 0.5)) for p in lines for a, b in [_ink(p)]}
    # a piece still across a boundary, alone on its band: a row printed across the table
    group_rows = {id(p) for p in lines if band_of[id(p)] == 1 and id(p) not in overflow
                  and span[id(p)][0] != span[id(p)][1]}
    # ...and boundaries that a body cell other than a group row runs across
    split_cols += sorted({k for p in lines if id(p) not in group_rows and id(p) not in overflow
                          and (header_bottom is None or p.top > header_bottom)
                          for k in range(*span[id(p)])} - set(split_cols))
    if len(edges) < 3:
        return None
    n_cols = len(edges) - 1

    # assign every segment to the columns it covers
    placed = []
    for ln in lines:
        c0, c1 = span[id(ln)]
        if id(ln) in overflow:
            c0 = c1 = overflow[id(ln)]
        placed.append((ln, c0, c1))

    col_lines: dict[int, list[Line]] = {}
    for ln, c0, c1 in placed:
        if c0 == c1:
            col_lines.setdefault(c0, []).append(ln)
    intra = _wrap_pitch(col_lines, size)
    if intra < 0 and (len(row_rules) >= 2 or (drawn_rules and _between_each_other(col_lines, size))):
        # lines no wider apart than any others: without rules, each is a row; between the
        # rules of a table ruled row by row, or between drawn rules and set between each
        # other's lines, they are one row's wrapped text
        intra = float("inf")

    # blocks = cells' text; a block is tied to the column span of its first line
    blocks = []  # (top, bottom, c0, c1, lines)
    by_span: dict[tuple[int, int], list[Line]] = {}
    for ln, c0, c1 in placed:
        by_span.setdefault((c0, c1), []).append(ln)
    # the edges of shaded rows are no rules between the lines of one cell: a producer may
    # shade row by row under a merged cell, whose text runs on across them at its leading.
    # Where no leading shows, lines are apart at every edge
    drawn_ys = [r[0] for r in drawn_rules]
    apart = cuts if intra == float("inf") else [
        c for c in cuts if c[0] in header_rules or any(abs(c[0] - y) <= 0.5 for y in drawn_ys)]
    for (c0, c1), ls in by_span.items():
        # lines of a header zone never join lines of the body
        head = [l for l in ls if header_bottom is not None and l.bottom <= header_bottom]
        body_ls = [l for l in ls if header_bottom is None or l.bottom > header_bottom]
        # header labels wrap far more often than they stack: closely set lines are one label
        for zone, limit in ((head, 1.6 * size), (body_ls, intra)):
            for b in _blocks(zone, limit, apart):
                blocks.append((min(l.top for l in b), max(l.bottom for l in b), c0, c1, b))

    blocks = _split_stacked_numbers(blocks, header_bottom, size)
    rows = _ruled_rows(blocks, cuts, n_cols, header_bottom, size, (top, bottom)) if row_rules else \
        _cut_at_rules(_row_bands(blocks, n_cols, header_bottom, size), [c[0] for c in cuts], size)
    if not rows:
        return None
    n_rows = len(rows)
    n_header = sum(1 for r in rows if header_bottom is not None and r[1] <= header_bottom + 0.5)

    cells: list[RawCell] = []
    occupied: dict[tuple[int, int], RawCell] = {}
    group_cells: list[RawCell] = []
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
        if any(id(l) in group_rows for l in b):
            group_cells.append(cell)
    _span_group_rows(group_cells, cells, n_cols, n_header, size)
    _merge_painted_cells(cells, rows, edges, painted, size)
    _merge_where_rules_stop(cells, rows, edges, cuts, size)
    _extend_centred_merges(cells, rows, n_header, size, drawn_rules, edges)
    _extend_header_levels(cells, rows, n_header, size)
    _span_split_columns(cells, split_cols, n_header)
    _extend_header_spans(cells, edges, n_header, size)
    return {"bbox": tuple(bbox), "cells": cells, "n_rows": n_rows, "n_cols": n_cols,
            "n_header_rows": n_header, "row_edges": [r[0] for r in rows] + [rows[-1][1]],
            "col_edges": edges, "header_rules": list(header_rules), "row_rules": list(row_rules),
            "drawn_rules": list(drawn_rules), "painted": list(painted)}


def _overflowing_lines(lines: list[Line], edges: list[float], size: float) -> dict[int, int]:
    """Lines a producer let run out of their cell into the empty column beside it (a
    line it could not break): {id: column}. Such a line does not start at the table's
    left, stands in one paragraph with a line that keeps inside one column (no further
    from it than lines of a paragraph are), and has its middle in that column."""
    out: dict[int, int] = {}
    inside = [(l, _col_of(edges, l.x0 + 0.5)) for l in lines
              if _col_of(edges, l.x0 + 0.5) == _col_of(edges, l.x1 - 0.5)]
    for p in lines:
        c0, c1 = _col_of(edges, p.x0 + 0.5), _col_of(edges, p.x1 - 0.5)
        if c0 == c1 or c0 == 0:
            continue
        k = _col_of(edges, (p.x0 + p.x1) / 2)
        near = [l for l, col in inside if col == k and l is not p
                and min(abs(l.top - p.bottom), abs(p.top - l.bottom)) < 0.5 * size
                and min(l.x1, p.x1) - max(l.x0, p.x0) > 0]
        if near and c0 <= k <= c1:
            out[id(p)] = k
    return out


def _split_stacked_numbers(blocks: list, header_bottom: float | None, size: float) -> list:
    """Numbers do not wrap: a body block of several lines that are each a number alone is
    that many rows, set without space between them, and so is a block beside them whose
    lines each stand level with one of those numbers (the rows' labels)..."""
    def in_body(b) -> bool:
        return header_bottom is None or b[0] > header_bottom

    tol = 0.3 * size
    levels = snap([l.top for b in blocks if in_body(b) and is_number_stack(b[4]) for l in b[4]], tol)
    if not levels:
        return blocks
    level = [b for b in blocks if in_body(b) and len(b[4]) >= 2 and levels_of(b[4], levels, tol) is not None]
    # ...when two columns of numbers stand on the same levels, or one runs to three lines:
    # a number alone in a column too narrow for it wraps onto two lines like any text, and
    # the cells beside it wrap level with it
    stacks = [b for b in level if is_number_stack(b[4])]
    if len({(b[2], b[3]) for b in stacks}) < 2 and not any(len(b[4]) >= 3 for b in stacks):
        return blocks
    # ...but a label beside the first line only, and nothing in the other columns beside
    # the lines below it, is one row whose numbers wrapped
    level = [b for b in level if not _wrapped_beside_label(b, blocks, tol)]
    # ...and so is a band in which one number plainly wrapped (a line ends on its
    # separator): the lines level with its lines are one row's too
    wrapped = [b for b in blocks if in_body(b) and len(b[4]) >= 2 and not is_number_stack(b[4])
               and all(NUMBER_ONLY.match(l.text.strip()) for l in b[4])]
    level = [b for b in level if not any(_same_lines(b, w, tol) for w in wrapped)]
    # ...and so is one with a number beside it standing between its first and last line,
    # off every one of them or in fewer lines: a value centred in a row of two lines or
    # more (stacked rows hold a value level with every one of theirs)
    level = [b for b in level if not _centred_beside(b, blocks, tol)]
    out = []
    for b in blocks:
        if any(b is x for x in level):
            out.extend((l.top, l.bottom, b[2], b[3], [l]) for l in b[4])
        else:
            out.append(b)
    return out


def _centred_beside(block, blocks: list, tol: float) -> bool:
    tops = sorted(l.top for l in block[4])
    return any(tops[0] + tol < l.top < tops[-1] - tol and NUMBER_ONLY.match(l.text.strip())
               and (len(b[4]) < len(tops) or all(abs(l.top - t) > tol for t in tops))
               for b in blocks if b is not block for l in b[4])


def _same_lines(a, b, tol: float) -> bool:
    ta, tb = sorted(l.top for l in a[4]), sorted(l.top for l in b[4])
    return len(ta) == len(tb) and all(abs(x - y) <= tol for x, y in zip(ta, tb))


def _wrapped_beside_label(block, blocks: list, tol: float) -> bool:
    if not is_number_stack(block[4]):
        return False
    lines = sorted(block[4], key=lambda l: l.top)
    top, bottom = lines[0].top, lines[-1].bottom
    beside = [b for b in blocks if b is not block and not is_number_stack(b[4])
              and min(l.top for l in b[4]) < bottom and max(l.bottom for l in b[4]) > top]
    # (level with the first line, or centred on the wrapped number)
    return bool(beside) and all(len(b[4]) < len(lines) for b in beside) and not any(
        abs(l.top - m.top) <= tol for b in beside for l in b[4] for m in lines[1:])


def _ruled_rows(blocks, cuts, n_cols: int, header_bottom: float | None, size: float,
                span: tuple[float, float]) -> list[tuple[float, float]]:
    """Rows of a table ruled between its rows: the bands between rules (a rule drawn
    under some columns only still ends a row), each cut further where its text shows rows
    set without a rule between them. Bands with no text (a double rule) are no rows."""
    tol = 0.3 * size
    ys = sorted({round(y, 1) for y, _, _ in cuts if span[0] + tol < y < span[1] - tol})
    bounds = [span[0]] + ys + [span[1]]
    rows: list[tuple[float, float]] = []
    for a, b in zip(bounds, bounds[1:]):
        inside = [bl for bl in blocks if a - tol <= bl[0] and bl[1] <= b + tol]
        if not any(a < (bl[0] + bl[1]) / 2 < b for bl in blocks):
            continue
        # a cell that a rule passes through, where that rule is left out under it, is
        # merged over the rows the rule separates: it says nothing about rows inside a band
        inside = [bl for bl in inside if not any(bl[0] + 0.5 < y < bl[1] - 0.5 for y in ys)]
        sub = _row_bands(inside, n_cols, None, size) if inside else []
        if len(sub) > 1:
            cuts_inside = [(x[1] + y[0]) / 2 for x, y in zip(sub, sub[1:])]
            edges = [a] + cuts_inside + [b]
            rows.extend(zip(edges, edges[1:]))
        else:
            rows.append((a, b))
    return rows


def _cut_at_rules(rows: list[tuple[float, float]], ys: list[float], size: float) -> list[tuple[float, float]]:
    """A rule is a row boundary: a row that a rule crosses (a merged cell beside it held
    the rows together) is cut there."""
    out = []
    for a, b in rows:
        inside = sorted(y for y in ys if a + 0.25 * size < y < b - 0.25 * size)
        bounds = [a] + inside + [b]
        out.extend(zip(bounds, bounds[1:]))
    return out


def _between_each_other(col_lines: dict[int, list[Line]], size: float) -> bool:
    """Do a column's lines, where they stand between two lines of the column beside it,
    all stand off them, none level with one? The cells of a row of single lines share a
    baseline; the cells of one row centred on different numbers of wrapped lines set one
    column's lines half a line off the next column's."""
    columns = [sorted(l.baseline for l in ls) for _, ls in sorted(col_lines.items())]
    gaps = sorted(b - a for ys in columns for a, b in zip(ys, ys[1:]) if b - a > 0.6 * size)
    if not gaps:
        return False
    pitch = gaps[len(gaps) // 2]
    for here, there in zip(columns, columns[1:]):
        for a, b in ((here, there), (there, here)):
            offsets = {}
            for y in a:
                i = bisect.bisect_left(b, y)
                if 0 < i < len(b) and b[i] - b[i - 1] < 1.5 * pitch:  # between two lines of a cell
                    offsets[y] = min(y - b[i - 1], b[i] - y)
            # ...two wrapped lines of a cell among them (a label centred on the rows it
            # spans stands between two rows' lines, a line alone)
            wrapped = any(y in offsets and z in offsets and z - y < 1.5 * pitch for y, z in zip(a, a[1:]))
            if wrapped and all(d > 0.25 * pitch for d in offsets.values()):
                return True
    return False


def _row_bands(blocks, n_cols: int, header_bottom: float | None, size: float) -> list[tuple[float, float]]:
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
        in_header = header_bottom is not None and bot <= header_bottom + 0.5
        for t, b, c0, c1 in members:
            # in the header a group label stands above the labels it groups: it is a
            # level of its own, so it counts in every column it covers
            for c in (range(c0, c1 + 1) if in_header else ([c0] if c0 == c1 else [])):
                per_col.setdefault(c, []).append((t, b))
        multi = {c: iv for c, iv in per_col.items() if len(iv) > 1}
        if not multi:
            rows.append((top, bot))
            continue
        # candidate cut points: gaps shared by the columns with the most cells in the
        # band; a cell of a coarser column that straddles a cut is a vertical merge
        # (a year printed once, centred beside the rows it covers)
        most = max(len(iv) for iv in multi.values())
        finest = {c: iv for c, iv in multi.items() if len(iv) == most}
        if len(finest) >= 2 and in_header:
            # header levels are the lines of the columns with the most levels; a label of
            # another column set across two of them (wrapped, or centred on them) is a
            # label of both, whatever its lines' boxes touch
            multi = finest
        elif len(finest) >= 2:
            # ...if they are one-line labels set further apart than the rows; paragraphs,
            # and lines as dense as the rows but offset from them, must agree like any column
            def pitch(iv):
                tops = sorted(t for t, _ in iv)
                return [b - a for a, b in zip(tops, tops[1:])]

            fine_pitch = statistics.median(p for iv in finest.values() for p in pitch(iv))
            multi = {c: iv for c, iv in multi.items()
                     if c in finest or any(b - t > 1.5 * size for t, b in iv)
                     or min(pitch(iv)) < 1.3 * fine_pitch}
        cuts = []
        ivs = sorted(iv for c in multi for iv in multi[c])
        edges_y = sorted({y for iv in ivs for y in iv})
        for ya, yb in zip(edges_y, edges_y[1:]):
            y = (ya + yb) / 2
            if all(not any(t - 0.3 <= y <= b + 0.3 for t, b in multi[c]) for c in multi):
                if not cuts or y - cuts[-1] > 1.0:
                    cuts.append(y)
        if in_header:
            cuts = sorted(cuts + _under_group_labels(members, cuts))
        bounds = [top] + cuts + [bot]
        for a, b in zip(bounds, bounds[1:]):
            rows.append((a, b))
    return _fold_centred_rows(rows, spans, header_bottom)


def _under_group_labels(members, cuts: list[float]) -> list[float]:
    """Where a header level ends under labels that group columns: the labels printed under
    one in its columns are the next level, however far a label of another column, merged
    down across both levels (a tall label in a narrow column), runs past it. Labels of one
    level are centred on its height, so their tops differ: one cut serves every group
    label of a level, in the gap they all leave."""
    gaps = []  # (from, to, columns) between a group label and the first label under it
    for t, b, c0, c1 in members:
        if c0 == c1:
            continue
        under = [m for m in members if c0 <= m[2] and m[3] <= c1 and m[0] >= b - 0.5]
        if under:
            gaps.append((b, min(m[0] for m in under), c0, c1))

    def clear(y: float, c0: int, c1: int) -> bool:
        return not any(m[0] + 0.3 < y < m[1] - 0.3 for m in members if m[2] <= c1 and m[3] >= c0)

    out: list[float] = []
    for lo, hi, c0, c1 in sorted(gaps):
        if any(lo <= y <= hi for y in cuts + out):
            continue
        level = [g for g in gaps if g[0] < hi and g[1] > lo]
        a, b = max(g[0] for g in level), min(g[1] for g in level)
        y = (a + b) / 2 if a < b else (lo + hi) / 2
        if all(clear(y, g[2], g[3]) for g in level if g[0] <= y <= g[1]):
            out.append(y)
    return out


def _fold_centred_rows(rows, spans, header_bottom: float | None):
    """A "row" whose text has nothing above or below it in its columns, centred between
    two rows, is not a row: its text is printed once beside both (總人力 beside the 職級
    level and the leaf labels; a year beside the two rows of its group left on a page).
    Split it between its neighbours so the text covers both. In the body, only a row
    that touches both neighbours (rows are otherwise set apart) is folded: a lone label
    on a row of its own is a row."""
    rows = list(rows)
    body_gaps = sorted(b[0] - a[1] for a, b in zip(rows, rows[1:])
                       if header_bottom is None or a[0] > header_bottom)
    usual_gap = body_gaps[len(body_gaps) // 2] if body_gaps else 0.0

    def cols_in(i):
        lo, hi = rows[i]
        return {c for t, b, c0, c1 in spans if lo - 0.5 <= (t + b) / 2 <= hi + 0.5 for c in range(c0, c1 + 1)}

    r = 1
    while r < len(rows) - 1:
        in_header = header_bottom is not None and rows[r + 1][1] <= header_bottom + 0.5
        between = header_bottom is not None and rows[r - 1][1] <= header_bottom + 0.5 < rows[r + 1][0]
        touching = (usual_gap > 1.0 and rows[r][0] - rows[r - 1][1] < 0.25 * usual_gap
                    and rows[r + 1][0] - rows[r][1] < 0.25 * usual_gap)
        mine = cols_in(r)
        if (not between and (in_header or touching) and mine
                and not (mine & cols_in(r - 1)) and not (mine & cols_in(r + 1))):
            mid = (rows[r][0] + rows[r][1]) / 2
            rows[r - 1] = (rows[r - 1][0], mid)
            rows[r + 1] = (mid, rows[r + 1][1])
            del rows[r]
        else:
            r += 1
    return rows


def _span_group_rows(group_cells: list[RawCell], cells: list[RawCell], n_cols: int, n_header: int,
                     size: float) -> None:
    """A group row (one line from the left edge, alone on its row, e.g. "1-2.推廣學名藥
    新應用市場(經濟部)") is one cell across the whole row, however few gutters it crosses.
    Where a table has such rows, a label alone on its row in the first column, set from
    where they are, is one of them too, only short enough to fit ("4.法規(衛生署)")."""
    def alone(g: RawCell) -> bool:
        rows = range(g.row, g.row + g.row_span)
        return not any(c is not g and c.row < rows.stop and c.row + c.row_span > rows.start
                       for c in cells)

    spanned = [g for g in group_cells if g.col == 0 and alone(g)]
    for g in spanned:
        g.col_span = n_cols
    if not spanned:
        return
    left = min(g.text_x0 for g in spanned)
    for c in cells:
        if (c.col == 0 and c.col_span == 1 and c.row >= n_header and c.text and not NUMBER_ONLY.match(c.text)
                and abs(c.text_x0 - left) <= 0.5 * size and alone(c)):
            c.col_span = n_cols


def _merge_painted_cells(cells: list[RawCell], rows, edges: list[float], painted, size: float) -> None:
    """A shaded box is a cell's background, as tall as the cell: one standing in a single
    column over several rows, with one value in it, is that value's merged cell (the
    rows beside it are shaded one by one). With no value in it, it is a merge that began
    on the page before, and stays one empty cell for the table's other part to fill."""
    n_cols = len(edges) - 1
    tol = 0.35 * size
    ink: dict[int, list[tuple[float, float]]] = {}
    for c in cells:
        if c.text and c.col_span == 1:
            ink.setdefault(c.col, []).append((c.text_x0, c.text_x1))
    slots = _slots(cells)
    for fx0, ftop, fx1, fbottom in painted:
        k = _col_of(edges, (fx0 + fx1) / 2)
        if not 0 <= k < n_cols or k not in ink:
            continue
        # the box stays clear of the text of the columns beside it
        if any(fx0 < b - 0.5 for a, b in ink.get(k - 1, ())) or any(fx1 > a + 0.5 for a, b in ink.get(k + 1, ())):
            continue
        covered = [r for r, (rt, rb) in enumerate(rows) if rt >= ftop - tol and rb <= fbottom + tol]
        if len(covered) < 2 or covered != list(range(covered[0], covered[-1] + 1)):
            continue
        held = {id(c): c for r in covered if (c := slots.get((r, k))) is not None}
        if any(c.col_span > 1 or c.row < covered[0] or c.row + c.row_span - 1 > covered[-1] for c in held.values()):
            continue
        values = [c for c in held.values() if c.text]
        if len(values) > 1:
            continue
        r0, r1 = covered[0], covered[-1]
        if values and values[0].text_x0 >= fx0 - 0.5 and values[0].text_x1 <= fx1 + 0.5:
            cell = values[0]
        elif values:
            continue  # the value stands out of the box: the box is not its cell's
        else:
            cell = make_cell(r0, k, 1, 1, (edges[k], rows[r0][0], edges[k + 1], rows[r1][1]), [], False)
            cells.append(cell)
        for c in held.values():
            if c is not cell:
                cells.remove(c)
        cell.row, cell.row_span = r0, r1 - r0 + 1
        slots.update({(r, k): cell for r in covered})


def _merge_where_rules_stop(cells: list[RawCell], rows, edges: list[float], cuts, size: float) -> None:
    """Rows ruled apart under some columns and not under others: the rule is left out
    under a merged cell. A cell in a column the rule leaves out runs on across it, over
    empty slots, until a rule that does cross its column."""
    drawn = _rules_between_rows(cuts, rows, size)
    if not drawn:
        return

    def crossed(b: int, cols) -> bool:
        return any(a <= (edges[k] + edges[k + 1]) / 2 <= c for k in cols for a, c in drawn[b])

    slots = _slots(cells)
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        if not cell.text:
            continue
        cols = range(cell.col, cell.col + cell.col_span)
        while True:
            b = cell.row + cell.row_span
            if b not in drawn or crossed(b, cols) or any((b, k) in slots for k in cols):
                break
            cell.row_span += 1
            slots.update({(b, k): cell for k in cols})
        while True:
            b = cell.row
            if b not in drawn or crossed(b, cols) or any((b - 1, k) in slots for k in cols):
                break
            cell.row -= 1
            cell.row_span += 1
            slots.update({(cell.row, k): cell for k in cols})


def _rules_between_rows(cuts, rows, size: float) -> dict[int, list[tuple[float, float]]]:
    """Row boundary b (between rows b - 1 and b) -> the x-extents of the rules drawn there."""
    tol = 0.35 * size
    drawn: dict[int, list[tuple[float, float]]] = {}
    for b in range(1, len(rows)):
        segs = [(a, c) for y, a, c in cuts if rows[b - 1][1] - tol <= y <= rows[b][0] + tol]
        if segs:
            drawn[b] = segs
    return drawn


def _extend_centred_merges(cells: list[RawCell], rows, n_header: int, size: float, drawn_rules=(),
                           edges=()) -> None:
    """Fill vertically centred values over the empty slots of their column.

    Word centres a merged cell's text over the rows it covers; without rules, that is all
    that is left of the merge. A value may be centred on several runs of empty slots (a
    year on the middle row of its group is centred on that row and on the whole group),
    so the runs are chosen for the whole column at once: every value takes one run
    centred on it (within a quarter line), the runs tile the column from top to bottom,
    and only a run of empty slots at the very top may stay uncovered (a merge that began
    on the previous page). A column that cannot be tiled holds genuinely empty cells next
    to lone values, and keeps them. Other producers set a merged cell's text at the top of
    its rows: where a column's values show that, each value runs down to the next. No
    merge runs across a rule drawn across its column.
    """
    slots = _slots(cells)
    n_rows = len(rows)
    tol = max(1.5, 0.25 * size)
    cols = {c.col for c in cells if c.row >= n_header and c.col_span == 1 and c.text}
    tops, bottoms = _row_text(cells, rows)
    boxes = _row_boxes(tops, bottoms)
    ruled = _rules_between_rows(drawn_rules, rows, size)
    n_cols = max((c.col + c.col_span for c in cells), default=0)
    # rows right under a group row (one cell across the table): each opens a group, as the
    # first row under the header does (a page that begins inside a merge has its first
    # rows empty, and only its groups show where merges begin); one group alone may have
    # its only explanation in its first row
    group_starts = sorted({c.row + c.row_span for c in cells if c.col == 0 and c.col_span == n_cols > 1
                           and c.row >= n_header and c.row + c.row_span < n_rows})

    def opens_a_group(col: int) -> bool:
        held = [slots.get((r, col)) for r in group_starts]
        return len(held) >= 2 and all(c is not None and c.col_span == 1 and c.text and c.row == r
                                      for c, r in zip(held, group_starts))

    # a first column that numbers the rows one by one (1, 2, 3...), under its label,
    # starts no group: the groups that merges nest in are the next column's
    first_row = next((r for r in range(n_header, n_rows) if (c := slots.get((r, 0))) is not None
                      and c.text.strip().isdecimal()), n_rows)
    numbers = [slots.get((r, 0)) for r in range(first_row, n_rows)]
    numbered = len(numbers) >= 2 and first_row <= n_header + 1 and all(
        c is not None and c.row == r and c.row_span == 1 and c.col_span == 1 and c.text.strip().isdecimal()
        for r, c in enumerate(numbers, first_row)) and all(
        int(b.text) == int(a.text) + 1 for a, b in zip(numbers, numbers[1:]))
    first = 1 if numbered and n_cols > 2 else 0

    for col in cols:
        labels = {c.row: c for c in cells if c.col == col and c.col_span == 1 and c.text and c.row >= n_header}
        # the row boundaries a rule crosses this column at
        x = (edges[col] + edges[col + 1]) / 2 if edges else None
        stops = {b for b, segs in ruled.items() if x is not None and any(a <= x <= e for a, e in segs)}
        reach, centred_runs = {}, {}
        for c in labels.values():
            lo, hi = c.row, c.row + c.row_span - 1
            while lo - 1 >= n_header and (lo - 1, col) not in slots and lo not in stops:
                lo -= 1
            while hi + 1 < n_rows and (hi + 1, col) not in slots and hi + 1 not in stops:
                hi += 1
            own = (c.row, c.row + c.row_span - 1)
            mid = (c.bbox[1] + c.bbox[3]) / 2
            reach[c.row] = (own, hi)
            centred_runs[c.row] = [(r0, r1, err) for r0 in range(lo, c.row + 1) for r1 in range(own[1], hi + 1)
                                   if (r0, r1) != own and (err := abs((boxes[r0][0] + boxes[r1][1]) / 2 - mid)) <= tol]
        # how the producer sets a merged cell, from the values that only one reading fits:
        # at the top of a row whose ink reaches a line lower (centred on no run), or in
        # the middle of rows above and below it that it is centred on
        at_top = centred = 0
        for c in labels.values():
            above = c.bbox[1] - tops[c.row]
            below = bottoms[c.row + c.row_span - 1] - c.bbox[3]
            if above <= tol and below >= size and not centred_runs[c.row]:
                at_top += 1
            elif above > tol and any(r0 < c.row for r0, _, _ in centred_runs[c.row]):
                centred += 1
        # a merged cell set at the top of the rows it covers: a column whose first row
        # holds a value, whose values stand at the top, which holds one at the head of
        # every group, or which stands right after a column numbering the rows (whose
        # items it groups, also on a page that opens inside a merge), of labels rather
        # than figures (the first column may number its rows), can take each value down
        # to the next
        grouped = opens_a_group(col)
        top_set = ((n_header, col) in slots or at_top > 0 or grouped or (numbered and col == first)) and (
            col == 0 or not all(NUMBER_ONLY.match(c.text.strip()) for c in labels.values()))
        # where the values show it is, a value centred on some run of equal rows by chance
        # is not read as centred
        top_only = top_set and at_top > 0 and centred == 0
        runs: dict[int, list[tuple[int, int, float, RawCell]]] = {}  # first row -> candidate runs
        for c in labels.values():
            own, hi = reach[c.row]
            runs.setdefault(own[0], []).append((own[0], own[1], 0.0, c))
            if not top_only:
                for r0, r1, err in centred_runs[c.row]:
                    runs.setdefault(r0, []).append((r0, r1, err, c))
            if top_set:
                # set at the top: a centred reading, where there is one, is the surer; and
                # a row that starts anew in the first column (a new group, a total) is not
                # under it: merges nest in the groups of the first column that groups rows,
                # unless the column's values head the groups under group rows, whose merges
                # they are
                last = own[1]
                while last + 1 <= hi and (col <= first or grouped or (last + 1, first) not in slots):
                    last += 1
                runs.setdefault(own[0], []).extend((own[0], r1, tol, c) for r1 in range(own[1] + 1, last + 1))
        best = None
        for start in range(n_header, n_rows):
            if any((r, col) in slots for r in range(n_header, start)):
                break  # only empty slots may stay uncovered at the top
            tiling = _tile(start, n_rows, col, slots, runs)
            if tiling is not None:
                best = tiling
                break
        if best is None:
            continue
        for r0, r1, c in best:
            if (c.row, c.row_span) != (r0, r1 - r0 + 1) and not top_only:
                # a reading the table's other pages may overturn (stitching)
                c.centred_from = (c.row, c.row_span)
            c.row, c.row_span = r0, r1 - r0 + 1


def _row_text(cells: list[RawCell], rows) -> tuple[list[float], list[float]]:
    """Each row's ink: from the top of the text that starts on it to the bottom of the
    text that ends on it (a cell merged over rows above makes the last of them as tall as
    it needs)."""
    n = len(rows)
    tops = [min((c.bbox[1] for c in cells if c.row == r and c.text), default=rows[r][0]) for r in range(n)]
    bottoms = [max((c.bbox[3] for c in cells if c.row + c.row_span - 1 == r and c.text), default=rows[r][1])
               for r in range(n)]
    return tops, bottoms


def _row_boxes(tops: list[float], bottoms: list[float]) -> list[tuple[float, float]]:
    """Where each row's box is, as a producer laid it out: its ink (_row_text) and half
    the whitespace between neighbouring rows on either side. A merged cell is centred on
    the boxes of its rows."""
    n = len(tops)
    gaps = sorted(max(0.0, tops[r + 1] - bottoms[r]) for r in range(n - 1))
    half = gaps[len(gaps) // 2] / 2 if gaps else 0.0
    edges = [tops[0] - half] + [(bottoms[r] + tops[r + 1]) / 2 for r in range(n - 1)] + [bottoms[-1] + half]
    return [(edges[r], edges[r + 1]) for r in range(n)]


def _tile(start: int, n_rows: int, col: int, slots, runs):
    """Runs that cover rows start..n_rows-1 of a column exactly once, least centring
    error first; None when there are none. Rows held by a cell across several columns
    are covered already."""
    memo: dict[int, tuple[float, list] | None] = {}

    def go(p: int):
        if p >= n_rows:
            return 0.0, []
        if p in memo:
            return memo[p]
        held = slots.get((p, col))
        if held is not None and held.col_span > 1:
            res = go(p + 1)
        else:
            res = None
            for r0, r1, err, c in runs.get(p, []):
                rest = go(r1 + 1)
                if rest is not None and (res is None or err + rest[0] < res[0]):
                    res = (err + rest[0], [(r0, r1, c)] + rest[1])
        memo[p] = res
        return res

    found = go(start)
    return None if found is None else found[1]


def _extend_header_levels(cells: list[RawCell], rows, n_header: int, size: float) -> None:
    """A header label printed once, vertically centred beside several header levels
    (計畫名稱 beside a year row, a group row and a leaf row) covers those levels."""
    taken = set(_slots(cells))
    tol = max(1.5, 0.25 * size)
    for c in cells:
        if c.row >= n_header or not c.text:
            continue
        cols = range(c.col, c.col + c.col_span)
        lo, hi = c.row, c.row + c.row_span - 1
        while lo - 1 >= 0 and all((lo - 1, k) not in taken for k in cols):
            lo -= 1
        while hi + 1 < n_header and all((hi + 1, k) not in taken for k in cols):
            hi += 1
        own = (c.row, c.row + c.row_span - 1)
        best = _widest_centred(lo, own, hi, (c.bbox[1] + c.bbox[3]) / 2,
                               lambda a, b: (rows[a][0], rows[b][1]), lambda a, b: tol)
        if best == own and lo == own[0] and hi == n_header - 1:
            # every column is headed at the header's last level: slots left empty under
            # a label down to there are its own, the label set at the top of its cell
            best = (own[0], hi)
        if best != own:
            for r in range(best[0], best[1] + 1):
                for k in cols:
                    taken.add((r, k))
            c.row, c.row_span = best[0], best[1] - best[0] + 1


def _extend_header_spans(cells: list[RawCell], edges: list[float], n_header: int, size: float) -> None:
    """A header label is centred over the columns it heads: extend it over the empty
    header slots beside it that keep it centred (an upper level grouping columns, or a
    label over a column and the unlabelled one beside it)."""
    taken = set(_slots(cells))
    for c in cells:
        if c.row >= n_header or not c.text:
            continue
        lo, hi = c.col, c.col + c.col_span - 1
        while lo - 1 >= 0 and (c.row, lo - 1) not in taken:
            lo -= 1
        while hi + 1 < len(edges) - 1 and (c.row, hi + 1) not in taken:
            hi += 1
        own = (c.col, c.col + c.col_span - 1)
        best = _widest_centred(lo, own, hi, (c.text_x0 + c.text_x1) / 2,
                               lambda a, b: (edges[a], edges[b + 1]),
                               lambda a, b: max(size, 0.04 * (edges[b + 1] - edges[a])))
        if best != own:
            for k in range(best[0], best[1] + 1):
                for r in range(c.row, c.row + c.row_span):
                    taken.add((r, k))
            c.col, c.col_span = best[0], best[1] - best[0] + 1


def typical_size(chars: list[dict]) -> float:
    sizes = [c.get("size", 0) for c in chars if c["text"].strip()]
    return statistics.median(sizes) if sizes else 10.0
