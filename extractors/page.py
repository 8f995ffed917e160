"""One page: find its tables (ruled first, then text-aligned) and what surrounds them.

Strategy is chosen per table, not per document: a ruled grid is read with the lines
strategy; a region bounded by horizontal rules only, or a captioned block with no rules,
is read by text alignment.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field, replace

from . import captions as cap
from .borderless import build_text_table, typical_size
from .furniture import Furniture
from .grid import RawCell
from .models import Cell, TablePart
from .prose import ProseLine
from .captions import is_label
from .regions import aligned_zones, header_again, pieces, read_body
from .graphics import Graphics, drawing_extent, drawn_figure, fills_inside, read_graphics, shade, shaded
from .ruled import find_ruled_tables
from .orientation import PageView, page_view
from .text import Line, column_gap, group_lines, join_cell_pieces, join_wrapped, producer_wraps_with_spaces


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
    # running text below the last table: it does not run on to the next page
    after_last_table: bool = False
    # a caption left at the foot of the page: the next page's first table is its table
    caption_for_next: str | None = None
    # the pieces of a row left at the foot of the page, below its text: the first row of
    # the next page's first table, when they stand in its columns
    row_for_next: list[FootPiece] = field(default_factory=list)


@dataclass
class FootPiece:
    """One piece of a line left at a page's foot: where it stands in the analysed frame
    (to meet the next page's columns) and on the page (its provenance)."""

    x0: float
    x1: float
    top: float
    text: str
    bold: bool
    page_box: tuple[float, ...] = ()


def _furniture_bounds(page, lines: list[Line], rules: list[dict], furniture: Furniture | None) -> tuple[float, float]:
    """The y-range of the page body: running headers/footers lie outside it.

    Text the document repeats in its margins (see furniture.py) is furniture. A rule near
    the top (bottom) edge with at most two short lines beyond it is page furniture too,
    unless text sits right against its body side: then it is the top (bottom) rule of a
    table that starts (ends) at the page edge. Without repetition to go by (a document of
    a page or two), a short line in the top or bottom band, far from the rest, is.
    """
    w, h = float(page.width), float(page.height)
    sizes = sorted(l.size for l in lines) or [10.0]
    near = 1.2 * sizes[len(sizes) // 2]
    top, bottom = 0.0, h
    if furniture is not None:
        repeated = [l for l in lines if furniture.is_furniture(l.text, l.top, l.bottom, w, h)]
        top = max([l.bottom + 0.1 for l in repeated if l.bottom <= h / 2], default=0.0)
        bottom = min([l.top - 0.1 for l in repeated if l.top > h / 2], default=h)
    for r in rules:
        if r["y"] < 0.12 * h:
            above = [l for l in lines if top <= l.top and l.bottom <= r["y"]]
            below = [l.top - r["y"] for l in lines if l.top >= r["y"]]
            # the rule stands closer to the text under it than to the margin's text over it
            margin = [r["y"] - l.bottom for l in lines if l.bottom <= r["y"]]
            hugged = bool(below) and (min(below) < near or bool(margin) and min(below) < min(margin)
                                      or _bounds_a_row(r, rules, lines, 1, near))
            if len(above) <= 2 and not hugged and not any(is_label(l.text) for l in above) and r["y"] > top:
                top = r["y"]
            break
    for r in reversed(rules):
        if r["y"] > 0.88 * h:
            below = [l for l in lines if l.top >= r["y"] and l.bottom <= bottom]
            above = [r["y"] - l.bottom for l in lines if l.bottom <= r["y"]]
            margin = [l.top - r["y"] for l in lines if l.top >= r["y"]]
            hugged = bool(above) and (min(above) < near or bool(margin) and min(above) < min(margin)
                                      or _bounds_a_row(r, rules, lines, -1, near))
            if len(below) <= 2 and not hugged and not any(is_label(l.text) for l in below) and r["y"] < bottom:
                bottom = r["y"]
            break
    learnt = furniture is not None and (furniture.repeated["top"] or furniture.repeated["bottom"])
    if top == 0.0 and not learnt:
        # no header rule: a short line in the top band, far from the rest, is a running header
        first = [l for l in lines if l.bottom < 0.08 * h]
        if first:
            top = max(l.bottom for l in first) + 0.1
    if bottom == h and not learnt:
        last = [l for l in lines if l.top > 0.93 * h]
        if last:
            bottom = min(l.top for l in last) - 0.1
    return top, bottom


def _bounds_a_row(rule: dict, rules: list[dict], lines: list[Line], step: int, near: float) -> bool:
    """Does `rule` bound rows of a table on its body side (`step` 1: the rows are under
    it; -1: over it)? The next rule of the same width further in closes them, with lines
    between the two that keep within them, one at least set in columns: a running
    header's rule has a heading or running text under it, not cells."""
    def same_ends(o: dict) -> bool:
        return abs(o["x0"] - rule["x0"]) < 2 and abs(o["x1"] - rule["x1"]) < 2

    mate = [o for o in rules if step * (o["y"] - rule["y"]) > near and same_ends(o)]
    if not mate:
        return False
    lo, hi = sorted((rule["y"], min(mate, key=lambda o: abs(o["y"] - rule["y"]))["y"]))
    rows = [l for l in lines if lo < l.mid_y < hi]
    return (all(_within(l, rule["x0"], rule["x1"]) for l in rows)
            and any(len(pieces(l, column_gap(l.size))) >= 2 for l in rows))


def analyse_page(page, number: int, furniture: Furniture | None = None) -> PageResult:
    view = page_view(page)
    # a page printed sideways turns its running header and page number with it: the
    # document's furniture is told by its text, in the margins of the turned frame too
    result = _analyse(view, number, furniture)

    def on_page(box) -> tuple[float, ...]:
        return tuple(round(v, 2) for v in view.to_page(box))

    for part in result.parts:
        part.bbox = on_page(part.bbox)
        for c in part.cells:
            c.boxes = [[number, *on_page(b)] for b in c.boxes]
    for l in result.prose:
        l.page_box = on_page((l.x0, l.top, l.x1, l.bottom))
    for p in result.row_for_next:
        p.page_box = on_page(p.page_box)
    return result


def _analyse(page: PageView, number: int, furniture: Furniture | None) -> PageResult:
    chars = page.chars
    if not any(c["text"].strip() for c in chars):
        if page.images:
            raise PageHasNoText(f"page {number} has no text layer (scanned image?); OCR is not supported")
        return PageResult(number, [])
    all_lines = group_lines(chars)
    graphics = read_graphics(page)
    body_top, body_bottom = _furniture_bounds(page, all_lines, graphics.rules, furniture)
    lines = [l for l in all_lines if l.top >= body_top - 0.5 and l.bottom <= body_bottom + 0.5]
    body_chars = [c for c in chars if body_top - 0.5 <= c["top"] and c["bottom"] <= body_bottom + 0.5]
    size = typical_size(body_chars)
    wrap_spaces = producer_wraps_with_spaces(all_lines)

    # a chart drawn in a frame or on a grid is a figure: its box is no table, and nothing
    # else is looked for in it (its axis labels stand in columns too)
    found: list[tuple[dict, str]] = []
    taken = []
    for t in find_ruled_tables(page, body_chars, wrap_spaces, graphics):
        if drawn_figure(graphics, t["bbox"]):
            taken.append(drawing_extent(graphics, t["bbox"]))
        else:
            found.append((t, "lines"))
            taken.append(t["bbox"])

    def inside_taken(y0, y1):
        return any(b[1] - 2 <= y0 and y1 <= b[3] + 2 for b in taken)

    def overlaps_taken(box) -> bool:
        """Does `box` cover half of a table already found, or lie half inside one?"""
        for b in taken:
            w = min(box[2], b[2]) - max(box[0], b[0])
            h = min(box[3], b[3]) - max(box[1], b[1])
            if w > 0 and h > 0 and w * h >= 0.5 * min((box[2] - box[0]) * (box[3] - box[1]),
                                                       (b[2] - b[0]) * (b[3] - b[1])):
                return True
        return False

    # regions bounded by horizontal rules only
    # (the edges of shaded rows separate rows as rules do)
    rules = sorted(graphics.rules + _bands_apart_from_rules(graphics), key=lambda r: r["y"])
    free_rules = [r for r in rules if body_top + 0.5 < r["y"] < body_bottom - 0.5 and not inside_taken(r["y"], r["y"])]
    body = read_body(lines, size)
    prose_ids = body.running_text()
    for g in _rule_groups(free_rules, lines, size):
        x0, x1 = min(r["x0"] for r in g), max(r["x1"] for r in g)
        top, bottom = g[0]["y"], g[-1]["y"]
        # a shaded area narrower than the table is a cell's background (a merged cell's is
        # drawn as tall as the producer chose): where it begins and ends across the page
        # are column boundaries, but its top and bottom are no row's
        def across_table(a: float, b: float) -> bool:
            return a <= x0 + 8 and b >= x1 - 8

        inner = [(r["y"], r["x0"], r["x1"]) for r in g[1:-1]
                 if not r.get("band") or across_table(r["x0"], r["x1"])]
        backgrounds = [(r["y"], r["x0"], r["x1"]) for r in g[1:-1]
                       if r.get("band") and not across_table(r["x0"], r["x1"])]
        # text directly above the first rule that belongs to the table (a table printed
        # with a rule under its header only, or whose top rule is missing); under three
        # or more rules the first one is the top rule, and what is above it is not the table
        ext_top = top
        above: list[Line] = []
        if not (len(g) >= 3 and any(top < l.mid_y < g[1]["y"] for l in lines)):
            # (the lines of a table found over this one are that table's)
            floor = max((b[3] for b in taken if b[3] <= top + 1 and b[0] < x1 and b[2] > x0), default=None)
            free = lines if floor is None else [l for l in lines if l.top >= floor - 0.5]
            above = _continuing(free, top, -1, x0, x1, size, prose_ids)
            if above:
                ext_top = min(l.top for l in above) - 0.5
        elif g[0].get("band") and len(g) >= 2:
            # ...and a white first row has no edge above it (a table going on from the page
            # before, or a white header over shaded rows)
            ext_top = _row_beside(lines, body_chars, top, x0, x1, size, step=-1)
        if ext_top < top:
            inner = [(top, g[0]["x0"], g[0]["x1"])] + inner
            top = ext_top
        header_only = len(g) == 1 and ext_top < top and len(above) <= 3
        if len(g) == 1 and ext_top < top and not header_only:
            # rows above a lone rule, more than a header: the closing rule of a table that
            # began on an earlier page
            inner = inner[1:]
        # (rules under some columns only underline group labels in the header)
        across_rules = [r for r in g if across_table(r["x0"], r["x1"])]
        top_and_header = len(across_rules) == 2 and across_rules[0] is g[0] and across_rules[-1] is g[-1]
        if top_and_header and ext_top == top or header_only:
            # a top rule and a header rule (or a header over its rule, the top rule left out)
            # with the body running on below, its closing rule on a later page (a long table
            # split by its producer)
            ext_bottom = _body_below(lines, body_chars, bottom, x0, x1, size, prose_ids)
            if ext_bottom > bottom:
                inner = [(bottom, g[-1]["x0"], g[-1]["x1"])]
                bottom = ext_bottom
        if g[-1].get("band") and len(g) >= 2:
            # shaded rows take turns with white ones: a white last row has no edge below it
            ext_bottom = _row_beside(lines, body_chars, bottom, x0, x1, size)
            if ext_bottom > bottom:
                inner = inner + [(bottom, g[-1]["x0"], g[-1]["x1"])]
                bottom = ext_bottom
        if len(g) < 2 and ext_top == g[0]["y"]:
            continue
        # rules that frame running text (a box around a figure and its commentary, or
        # underlined words in a paragraph that runs wider than the underlines) frame no table
        framed = [l for l in lines if top < l.mid_y < bottom and l.x1 > x0 + 2 and l.x0 < x1 - 2]
        if framed and sum(1 for l in framed if id(l) in prose_ids) > 0.5 * len(framed):
            continue
        if overlaps_taken((x0, top, x1, bottom)):
            continue
        if drawn_figure(graphics, (x0, top, x1, bottom)):
            taken.append(drawing_extent(graphics, (x0, top, x1, bottom)))
            continue
        # (a glyph hung past the right edge, as _within lets a line do, is the table's)
        region_chars = [c for c in body_chars if top < (c["top"] + c["bottom"]) / 2 < bottom and x0 - 2 <= c["x0"]
                        and c["x1"] <= x1 + max(2.0, c["size"])]
        # rules across the whole table part its rows; rules under some columns only stand
        # under labels grouping those columns, or are left out under merged cells
        across = [i for i, (y, a, b) in enumerate(inner) if across_table(a, b)]
        if len(across) >= 3:
            # ruled between every row (or most): the first rule ends the header only when what
            # stands above it is set apart by its type or its shading, or the rule is doubled
            head = across[0]
            first = [l for l in lines if top < l.mid_y < inner[head][0] and x0 - 2 <= l.x0 and l.x1 <= x1 + 2]
            rest = [l for l in lines if inner[head][0] < l.mid_y < bottom and x0 - 2 <= l.x0 and l.x1 <= x1 + 2]
            styled = bool(first) and (all(l.bold for l in first) or _shaded_apart(
                graphics, [(l.x0, l.top, l.x1, l.bottom) for l in first], [(l.x0, l.top, l.x1, l.bottom) for l in rest]))
            doubled = inner[across[1]][0] - inner[head][0] < 0.5 * size
            if styled or doubled:
                header_rule, row_rules = [inner[head][0]], inner[:head] + inner[head + 1:]
            else:
                header_rule, row_rules = [], inner
        else:
            # the header ends at the first rule across the whole table; a shaded band alone,
            # with nothing found going on under it, is one row whose lines wrap (a header
            # over a body that the rows beside it continue)
            head = across[0] if across else 0
            header_rule = [inner[head][0]] if inner else []
            row_rules = inner[:head] + inner[head + 1:]
            if not inner and len(g) == 2 and all(r.get("band") for r in g):
                header_rule = [bottom]
        drawn = [(r["y"], r["x0"], r["x1"]) for r in g if not r.get("band")]
        # a top rule and a header rule with nothing under them on the page: one row, the
        # header, left at the page foot (its body goes on over the page)
        foot_header = top_and_header and top == g[0]["y"] and bottom == g[-1]["y"] and not any(
            l.top >= bottom for l in lines)
        t = build_text_table(region_chars, (x0, top, x1, bottom), header_rule, size, wrap_spaces, row_rules,
                             backgrounds, drawn, single_row=foot_header,
                             painted=fills_inside(graphics, (x0, top, x1, bottom)))
        if t:
            t["bottom_rule"] = bottom == g[-1]["y"]
            # a top rule and the rule under the header, the body going on below
            t["header_between_rules"] = len(g) == 2 and bottom == g[-1]["y"] and top == g[0]["y"]
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
        for k, m in enumerate(below):
            if cap.unit_of(m.text) and not block:
                continue
            # a paragraph ends the table; one long line alone is a row printed across it
            paragraph = id(m) in prose_ids and k + 1 < len(below) and id(below[k + 1]) in prose_ids
            if is_label(m.text) or inside_taken(m.top, m.bottom) or paragraph:
                break
            prev_bottom = block[-1].bottom if block else l.bottom
            if m.top - prev_bottom > 2.5 * m.size or m.size > size * 1.15 or header_again(block, m):
                break
            block.append(m)
        # a caption and one row, and nothing after them on the page: the table's header,
        # its body over the page
        at_the_foot = bool(block) and not any(m.top >= block[-1].bottom - 0.5 for m in below if m not in block)
        if len(block) < 2 and not at_the_foot:
            continue
        y0, y1 = min(m.top for m in block) - 0.5, max(m.bottom for m in block) + 0.5
        x0, x1 = min(m.x0 for m in block) - 1, max(m.x1 for m in block) + 1
        if drawn_figure(graphics, (x0, y0, x1, y1)):
            continue
        region_chars = [c for c in body_chars if y0 < (c["top"] + c["bottom"]) / 2 < y1]
        t = build_text_table(region_chars, (x0, y0, x1, y1), _bold_header(block), size, wrap_spaces,
                             single_row=at_the_foot, painted=fills_inside(graphics, (x0, y0, x1, y1)))
        if t and t["n_cols"] >= 2 and (t["n_rows"] >= 2 or at_the_foot):
            found.append((t, "text"))
            taken.append(t["bbox"])

    # blocks that only their alignment shows to be tables
    for zone in aligned_zones(body, inside_taken):
        x0, y0, x1, y1 = zone.bbox
        if drawn_figure(graphics, zone.bbox):
            continue
        region_chars = [c for c in body_chars if y0 < (c["top"] + c["bottom"]) / 2 < y1 and x0 <= c["x0"]
                        and c["x1"] <= x1]
        t = build_text_table(region_chars, zone.bbox, _bold_header(zone.lines), size, wrap_spaces,
                             painted=fills_inside(graphics, zone.bbox))
        if t and t["n_cols"] >= 2 and t["n_rows"] >= 2:
            found.append((t, "text"))
            taken.append(t["bbox"])

    found = _join_adjacent(found, lines, body_chars, size, wrap_spaces)
    found = _run_to_page_edges(found, lines, body_chars, size, wrap_spaces, prose_ids)
    parts = [_to_part(t, strategy, number, graphics) for t, strategy in found]
    used = _attach_labels(parts, lines, body_bottom)
    for part in parts:
        # a header left alone (at a page foot, its body over the page) has no rows beside
        # it to show that its lines are one row
        if part.n_header_rows == part.n_rows and _one_wrapped_row(part.raw_cells, part.n_rows):
            _as_one_row(part)
    # what is left at the foot of the page, below its last table, may begin the next
    # page's table (its lines stay in the running text too: the next page may hold none)
    after_tables = parts[-1].bbox[3] if parts else body_top
    caption_for_next = _caption_at_the_foot(lines, used, after_tables)
    prose = [ProseLine.of(l, number, wrap_spaces) for i, l in enumerate(lines)
             if i not in used and not any(_inside(l, p.bbox) for p in parts)]
    foot = [] if caption_for_next else _row_at_the_foot(lines, used, after_tables, prose_ids, size)
    leading = [l for l in lines if not parts or l.bottom <= parts[0].bbox[1]]
    for l in leading:
        l.chars = []  # kept for the next page's stitching; the characters are not needed
    after = bool(parts) and any(l.top >= parts[-1].bbox[3] and not l.label for l in prose)
    caption = join_wrapped([lines[i].text for i in caption_for_next]) if caption_for_next else None
    return PageResult(number, parts, leading, body_top, body_bottom, prose, after, caption, foot)


def _row_at_the_foot(lines: list[Line], used: set[int], after: float, prose_ids: set[int],
                     size: float) -> list[FootPiece]:
    """The pieces of the lines that end the page below its last table, when they look
    like a row whose table begins over the page (a header that was all the page had room
    for): one to three lines set solid, none a caption, note or line of a paragraph, cut
    by gutters into two or more pieces."""
    tail: list[Line] = []
    for i in reversed(range(len(lines))):
        l = lines[i]
        if l.top < after - 0.5 or i in used or is_label(l.text) or id(l) in prose_ids:
            break
        if tail and tail[-1].top - l.bottom > 0.5 * l.size:
            break
        tail.append(l)
    if not 1 <= len(tail) <= 3:
        return []
    cut = [pieces(l, column_gap(l.size)) for l in reversed(tail)]
    if max(len(c) for c in cut) < 2:
        return []
    return [FootPiece(p.x0, p.x1, p.top, p.text, p.bold, (p.x0, p.top, p.x1, p.bottom)) for c in cut for p in c]


def _caption_at_the_foot(lines: list[Line], used: set[int], after: float) -> list[int] | None:
    """The lines of a caption that ends the page below its last table, with nothing but
    the caption's own lines after it: producers that keep a caption with its table do not
    always manage to."""
    free = [i for i, l in enumerate(lines) if i not in used and l.top >= after - 1]
    starts = [i for i in free if cap.caption_match(lines[i].text)]
    if not starts:
        return None
    first = starts[-1]
    own = [first] + cap.caption_continues(lines, first, float("inf"))
    return own if all(i in own or lines[i].bottom <= lines[first].top for i in free) else None


def _join_adjacent(found: list[tuple[dict, str]], lines: list[Line], chars: list[dict], size: float,
                   wrap_spaces: bool) -> list[tuple[dict, str]]:
    """Two tables read from their text, one right under the other on the same columns,
    with nothing between them but lines inside their width, are one table. A region grown
    from a rule or a caption stops at a line that looks like running text (a group row
    printed across the columns, a long cell) or at a header rule with no closing rule,
    and what follows is found again by its alignment alone."""
    found = sorted(found, key=lambda ft: ft[0]["bbox"][1])
    out: list[tuple[dict, str]] = []
    for t, strategy in found:
        if out and strategy == "text" and out[-1][1] == "text":
            joined = _joined(out[-1][0], t, lines, chars, size, wrap_spaces)
            if joined is not None:
                out[-1] = (joined, "text")
                continue
        out.append((t, strategy))
    return out


def _run_to_page_edges(found: list[tuple[dict, str]], lines: list[Line], chars: list[dict], size: float,
                       wrap_spaces: bool, prose_ids: set[int]) -> list[tuple[dict, str]]:
    """A table broken by the page end goes on at the top of the next page, often mid-row:
    the lines between the top of the page body and the first table, when every one of them
    stands in that table's columns, are its rows (the rest of a row cut by the break), and
    so are the lines between the last table and the bottom of the body (a group row, the
    start of a row that goes on over the page)."""
    if not found:
        return found
    found = list(found)
    for index, step in ((0, -1), (len(found) - 1, 1)):
        t, strategy = found[index]
        if strategy != "text":
            continue
        x0, top, x1, bottom = t["bbox"]
        edge = [l for l in lines if (l.bottom <= top + 0.5 if step < 0 else l.top >= bottom - 0.5)]
        # a paragraph is not a table's; one long line alone is a row printed across it
        paragraph = any(id(a) in prose_ids and id(b) in prose_ids for a, b in zip(edge, edge[1:]))
        if not edge or paragraph or not _in_columns(edge, t, size):
            continue
        # ...but over a header closed by a rule, a table goes on only with more header
        # lines set in its columns (a row cut by the break goes on under the header
        # repeated): a heading, or a line across it, is no row of its
        if step < 0 and (t["header_rules"] and not _set_in_columns(edge, t, size) or _top_of_a_tall_cell(edge, t)):
            continue
        ys = sorted([top, bottom] + [v for l in edge for v in (l.top, l.bottom)])
        bbox = (min(x0, min(l.x0 for l in edge) - 1), ys[0] - 0.5, max(x1, max(l.x1 for l in edge) + 1), ys[-1] + 0.5)
        region = [c for c in chars if bbox[1] < (c["top"] + c["bottom"]) / 2 < bbox[3]
                  and bbox[0] - 2 <= c["x0"] and c["x1"] <= bbox[2] + 2]
        header_rules = t["header_rules"] if step > 0 else []
        # in a table ruled (or shaded) row by row, its edge is a row's edge too
        row_rules = list(t["row_rules"]) + ([top if step < 0 else bottom] if t["row_rules"] else [])
        grown = build_text_table(region, bbox, header_rules, size, wrap_spaces, row_rules,
                                 drawn_rules=t["drawn_rules"], painted=t["painted"])
        if grown is not None and grown["n_cols"] == t["n_cols"] and grown["n_rows"] >= t["n_rows"]:
            found[index] = (grown, strategy)
    return found


def _top_of_a_tall_cell(edge: list[Line], t: dict) -> bool:
    """Lines over a table's first row, all in the one column where that row's cell goes on
    under them, line by line, while the row's other cells span those lines (centred on
    them): the upper lines of the row's tallest cell, not rows of their own."""
    first = [c for c in t["cells"] if c.row == 0 and c.text]
    x0, x1 = min(l.x0 for l in edge), max(l.x1 for l in edge)
    tall = [c for c in first if c.bbox[0] - 1 <= x0 and x1 <= c.bbox[2] + 1 and c.col_span == 1]
    others = [c for c in first if c not in tall]
    return len(tall) == 1 and tall[0].row_span == 1 and bool(others) and all(c.row_span > 1 for c in others)


def _in_columns(edge: list[Line], t: dict, size: float) -> bool:
    """The lines beside a table are its rows: inside its width, in its type, none a
    caption, note or source, set at its row spacing, and each inside one of its columns,
    but for at most two lines printed across them (group rows)."""
    x0, top, x1, bottom = t["bbox"]
    columns = _column_extents(t)
    if len(columns) < 2:
        return False
    # the table's own type, which may be smaller than the running text's
    sizes = [c.size for c in t["cells"] if c.text and c.size]
    size = statistics.median(sizes) if sizes else size
    pitch = max((bottom - top) / max(1, t["n_rows"]), 2.5 * size)
    ordered = sorted(edge, key=lambda l: l.top)
    crossing = 0
    # the table's edge lies left of its first column's text when that text is centred (a
    # header label or a row across the columns starts there): by less than a column's pitch,
    # for a line under the table's rows or under a line that stands in the columns as a
    # row does
    reach = max(2 * size, columns[1][0] - columns[0][0])
    in_rows = ordered[0].top >= bottom - 0.5
    for prev, l in zip([None] + ordered, ordered):
        # a line of a row holds pieces of several cells, set apart by the gutters: each
        # stands under one column's text; a piece under several is printed across them
        under = _pieces_under(l, columns, size)
        in_rows = in_rows or (max(under) == 1 and under.count(1) >= 2)
        if (is_label(l.text) or abs(l.size - size) > 0.15 * size
                or l.x0 < x0 - (reach if in_rows else 2 * size) or l.x1 > x1 + 2 * size):
            return False
        if prev is not None and l.top - prev.bottom > pitch:
            return False
        crossing += max(under) > 1
    gap = (top - ordered[-1].bottom) if ordered[-1].bottom <= top + 0.5 else (ordered[0].top - bottom)
    return crossing <= 2 and gap <= pitch


def _set_in_columns(edge: list[Line], t: dict, size: float) -> bool:
    """Does one of the lines hold pieces of two cells or more under one column each?"""
    columns = _column_extents(t)
    return any(_pieces_under(l, columns, size).count(1) >= 2 for l in edge)


def _column_extents(t: dict) -> list[tuple[float, float]]:
    """Where each column's text stands (the cells one column wide), left to right; where
    the column boundaries were only inferred (from header labels, say), the text is the
    surer guide."""
    spans: dict[int, list[float]] = {}
    for c in t["cells"]:
        if c.col_span == 1 and c.text and c.text_x1 > c.text_x0:
            lo, hi = spans.setdefault(c.col, [c.text_x0, c.text_x1])
            spans[c.col] = [min(lo, c.text_x0), max(hi, c.text_x1)]
    return [tuple(spans[k]) for k in sorted(spans)]


def _pieces_under(line: Line, columns: list[tuple[float, float]], size: float) -> list[int]:
    """How many columns each piece of the line (cut at gutters of type `size`) stands under."""
    return [_columns_under(p, columns) for p in pieces(line, column_gap(size))]


def _columns_under(piece: Line, columns: list[tuple[float, float]]) -> int:
    return sum(1 for a, b in columns if min(piece.x1, b) - max(piece.x0, a) > 1.0)


def _same_columns(a: dict, b: dict) -> bool:
    ea, eb = a.get("col_edges") or [], b.get("col_edges") or []
    if len(ea) != len(eb) or len(ea) < 3:
        return False
    widths = [y - x for x, y in zip(ea, ea[1:])]
    tol = max(4.0, 0.25 * min(widths))
    # the outer edges follow the text, which a short column may not reach on every row
    return all(abs(x - y) <= tol for x, y in zip(ea[1:-1], eb[1:-1]))


def _columns_among(a: dict, b: dict) -> bool:
    """Do `b`'s columns stand between some of `a`'s column boundaries? Rows whose label is
    merged across two of `a`'s columns leave no corridor between those two: each corridor
    of `b` holds one of `a`'s boundaries."""
    ea, texts = a.get("col_edges") or [], _column_extents(b)
    if len(texts) < 2 or len(texts) != b["n_cols"] or len(ea) - 1 <= b["n_cols"]:
        return False
    return all(any(left[1] - 1 <= e <= right[0] + 1 for e in ea[1:-1]) for left, right in zip(texts, texts[1:]))


def _joined(a: dict, b: dict, lines: list[Line], chars: list[dict], size: float, wrap_spaces: bool) -> dict | None:
    ax0, atop, ax1, abot = a["bbox"]
    bx0, btop, bx1, bbot = b["bbox"]
    if min(ax1, bx1) - max(ax0, bx0) < 0.8 * min(ax1 - ax0, bx1 - bx0):
        return None
    # a header between a table's top rule and the rule under it, with the body below
    header_only = (a["n_rows"] <= max(1, a["n_header_rows"]) or _one_wrapped_row(a["cells"], a["n_rows"])
                   or (a.get("header_between_rules") and a["n_rows"] <= 3))
    if not (header_only or _same_columns(a, b) or _columns_among(a, b)):
        return None
    x0, x1 = min(ax0, bx0), max(ax1, bx1)
    between = [l for l in lines if abot - 0.5 <= l.mid_y <= btop + 0.5]
    if any(is_label(l.text) or l.size > 1.15 * size or l.x0 < x0 - 2 or l.x1 > x1 + 2 for l in between):
        return None
    # the lines between stand in the columns (the rest of a row) or, a line or two, across
    # them (a group row); running text between two tables crosses the columns line after line
    columns = _column_extents(b)
    crossing = [l for l in between if any(_columns_under(p, columns) > 1 for p in pieces(l, column_gap(size)))]
    if len(crossing) > 2:
        return None
    # no further apart than the rows of the two are
    pitch = max((abot - atop) / max(1, a["n_rows"]), (bbot - btop) / max(1, b["n_rows"]))
    gap = (min(l.top for l in between) if between else btop) - abot
    if gap > max(pitch, 2.5 * size):
        return None
    bbox = (x0, atop, x1, bbot)
    region = [c for c in chars if atop < (c["top"] + c["bottom"]) / 2 < bbot and x0 - 2 <= c["x0"] and c["x1"] <= x1 + 2]
    rules = list(a["row_rules"]) + [r for r in list(b["header_rules"]) + list(b["row_rules"]) if r not in a["row_rules"]]
    header_rules = list(a["header_rules"]) or ([abot] if header_only and a.get("bottom_rule") else [])
    t = build_text_table(region, bbox, header_rules, size, wrap_spaces, rules,
                         drawn_rules=list(a["drawn_rules"]) + list(b["drawn_rules"]),
                         painted=list(a["painted"]) + [f for f in b["painted"] if f not in a["painted"]])
    # read together, the rows are a's and at least one more of b's (b's own reading, from
    # its few lines alone, may have taken each line of one tall row for a row)
    if t is None or t["n_cols"] not in (a["n_cols"], b["n_cols"]) or t["n_rows"] < min(
            a["n_rows"] + b["n_rows"] - 1, a["n_rows"] + 1):
        return None
    return t


def _one_wrapped_row(cells: list[RawCell], n_rows: int) -> bool:
    """Two or three rows where a cell spans them all and none spans columns: one row
    whose labels wrap, the short ones centred on the long ones' lines (a header over
    grouped columns has a label across them)."""
    texts = [c for c in cells if c.text]
    return (2 <= n_rows <= 3 and any(c.row_span == n_rows for c in texts)
            and all(c.col_span == 1 for c in texts))


def _as_one_row(part: TablePart) -> None:
    """Fold the rows of a part into one, column by column."""
    cells, raw = [], []
    for col in range(part.n_cols):
        mine = sorted((k for k, c in enumerate(part.raw_cells) if c.col == col and c.text),
                      key=lambda k: part.raw_cells[k].row)
        if not mine:
            continue
        stacked = [part.raw_cells[k] for k in mine]
        first = stacked[0]
        box = (min(c.bbox[0] for c in stacked), min(c.bbox[1] for c in stacked),
               max(c.bbox[2] for c in stacked), max(c.bbox[3] for c in stacked))
        raw.append(replace(first, row=0, row_span=1, text=join_cell_pieces([c.text for c in stacked]), bbox=box,
                           n_lines=sum(c.n_lines for c in stacked)))
        cells.append(Cell(0, col, 1, 1, raw[-1].text, part.page, boxes=[list(box)]))
    part.raw_cells, part.cells = raw, cells
    part.n_rows = 1
    part.n_header_rows = min(part.n_header_rows, 1)


def _rule_groups(rules: list[dict], lines: list[Line], size: float) -> list[list[dict]]:
    """Horizontal rules of one table each: rules one under the other that overlap across
    most of the narrower's width (a rule under part of the table only, where a merged
    cell leaves it out or a header label groups some columns, is still the table's), with
    no caption or heading between them."""
    groups: list[list[dict]] = []
    for r in rules:
        if groups:
            g = groups[-1]
            last = g[-1]
            gx0, gx1 = min(q["x0"] for q in g), max(q["x1"] for q in g)
            overlap = min(gx1, r["x1"]) - max(gx0, r["x0"])
            between = [l for l in lines if last["y"] < l.mid_y < r["y"]]
            inside = [l.size for l in lines if g[0]["y"] < l.mid_y < last["y"]] or [l.size for l in between]
            ref = sorted(inside)[len(inside) // 2] if inside else size
            # a heading (larger type) or a caption between two rules: two tables, not one;
            # but a caption right under a table's top rule is printed inside the table
            first = sorted(between, key=lambda l: l.top)[:1]
            inside_caption = len(g) == 1 and first and cap.caption_match(first[0].text)
            rest = [l for l in between if l not in first or not inside_caption]
            rest = [l for l in rest if not (inside_caption and cap.unit_of(l.text))]
            # ...and so does a line running across the edge of both drawn rules (a heading
            # set at the margin; a chart's axis labels stand beside its grid, and shading
            # may stop short of a merged cell and its text)
            drawn = not r.get("band") and not last.get("band")
            x0, x1 = min(gx0, r["x0"]), max(gx1, r["x1"])
            apart = any(l.size > 1.2 * ref and not (inside_caption and l in first) or is_label(l.text)
                        or drawn and l.x1 > x0 and l.x0 < x1 and not _within(l, x0, x1) for l in rest)
            # two drawn rules with nothing between them, further apart than a doubled rule:
            # one table's closing rule and the next one's top rule (a row holds text; the
            # edges of shading, a chart's bands among them, need not); shading that stops
            # and starts again across an empty gap, wider or narrower on both sides, is
            # two tables' too
            resized = abs(r["x0"] - last["x0"]) > ref and abs(r["x1"] - last["x1"]) > ref
            apart = apart or (not between and len(g) >= 2 and r["y"] - last["y"] > 0.5 * ref
                              and (resized or not r.get("band") and not last.get("band")))
            if overlap >= 0.5 * min(gx1 - gx0, r["x1"] - r["x0"]) and not apart:
                g.append(r)
                continue
        groups.append([r])
    return groups


def _bold_header(block: list[Line]) -> list[float]:
    """Where the header ends when nothing but its type marks it: below the bold lines at
    the top of the block."""
    block = sorted(block, key=lambda m: m.top)
    bold = [m for m in block if m.bold]
    return [max(m.bottom for m in bold) + 0.3] if bold and bold[0] is block[0] else []


def _continuing(lines: list[Line], rule_y: float, step: int, x0: float, x1: float, size: float,
                prose_ids: set[int]) -> list[Line]:
    """The lines that go on from a rule (down when `step` is 1, up when -1) as the same
    table: inside its width, in its type, up to a caption, a note, a heading or running
    text, and no further apart than its rows are (a table's rows may be set far apart by
    their padding, but evenly)."""
    ordered = sorted((l for l in lines if (l.top >= rule_y if step > 0 else l.bottom <= rule_y)),
                     key=lambda l: step * l.top)
    taken: list[Line] = []
    gaps: list[float] = []
    edge = rule_y
    for l in ordered:
        if is_label(l.text) or l.size > size * 1.15 or id(l) in prose_ids or not _within(l, x0, x1):
            break
        gap = l.top - edge if step > 0 else edge - l.bottom
        limit = max(1.6 * l.size, 1.5 * max(gaps)) if gaps else max(1.6 * l.size, 3.0 * l.size)
        if gap > limit:
            break
        if gap > 0:
            # the rule stands in the padding between two rows: a row from the rule is half a
            # row from the next
            gaps.append(gap if taken else 2 * gap)
        taken.append(l)
        edge = max(edge, l.bottom) if step > 0 else min(edge, l.top)
    return taken


def _within(line: Line, x0: float, x1: float) -> bool:
    """Inside a table's width: a wrapped line may hang its last glyph past the right edge
    (punctuation that may not begin a line is set at the end of the one before)."""
    return line.x0 >= x0 - 2 and line.x1 <= x1 + max(2.0, line.size)


def _body_below(lines: list[Line], chars: list[dict], rule_y: float, x0: float, x1: float, size: float,
                prose_ids: set[int]) -> float:
    """Bottom of the table body printed under a rule with no rule closing it: the lines
    that go on from it (see _continuing), set in columns (most of them cut by whitespace
    into two or more parts, which a paragraph or a note is not)."""
    taken = _continuing(lines, rule_y, 1, x0, x1, size, prose_ids)
    if not taken:
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


def _row_beside(lines: list[Line], chars: list[dict], edge_y: float, x0: float, x1: float, size: float,
                step: int = 1) -> float:
    """The far edge of one more row right under `edge_y` (above it when `step` is -1):
    lines at line spacing within the table's width, set in columns (at least one of them
    cut by whitespace into parts)."""
    near = sorted((l for l in lines if (l.top >= edge_y if step > 0 else l.bottom <= edge_y)), key=lambda l: step * l.top)
    taken: list[Line] = []
    for l in near:
        prev = (taken[-1].bottom if step > 0 else taken[-1].top) if taken else edge_y
        gap = l.top - prev if step > 0 else prev - l.bottom
        if gap > 1.6 * l.size or is_label(l.text) or l.size > size * 1.15 or not _within(l, x0, x1):
            break
        taken.append(l)
    if not taken:
        return edge_y
    far = max(l.bottom for l in taken) + 0.5 if step > 0 else min(l.top for l in taken) - 0.5
    lo, hi = sorted((edge_y, far))
    region = [c for c in chars if lo < (c["top"] + c["bottom"]) / 2 < hi and x0 - 2 <= c["x0"] <= x1 + 2]
    if len(group_lines(region, split_gap=column_gap(size))) <= len(taken):
        return edge_y
    return far


def _inside(line: Line, bbox) -> bool:
    return bbox[1] - 1 <= line.mid_y <= bbox[3] + 1 and line.x0 < bbox[2] and line.x1 > bbox[0]


def _bands_apart_from_rules(graphics: Graphics) -> list[dict]:
    """Edges of shaded areas where no rule is drawn already."""
    return [{**b, "band": True} for b in graphics.bands
            if not any(abs(r["y"] - b["y"]) < 1.5 and r["x0"] <= b["x0"] + 2 and r["x1"] >= b["x1"] - 2
                       for r in graphics.rules)]


def _header_rows(raw: list[RawCell], n_rows: int, graphics: Graphics, strategy: str) -> int:
    """Leading rows that print as a header: bold or shaded throughout. Without rules,
    shading marks a header only in a colour no body row is shaded in (zebra rows shade
    every other row, the first perhaps among them). A caption printed as the first row
    is set in its own type: the header is under it."""
    n = 0
    for r in range(1 if _caption_row(raw, n_rows) else 0, n_rows):
        row = [c for c in raw if c.row == r and c.text]
        if not row:
            break
        end = r + max(c.row_span for c in row)
        styled = all(c.bold for c in row) or all(shaded(graphics, c.bbox) for c in row) and (
            strategy == "lines" or _shaded_apart(graphics, [c.bbox for c in row],
                                                 [c.bbox for c in raw if c.row >= end and c.text]))
        if not styled:
            break
        n = r + max(c.row_span for c in row if c.row == r)
    return min(n, n_rows)


def _shaded_apart(graphics: Graphics, head: list, rest: list) -> bool:
    """The boxes `head` are shaded in one colour that none of the boxes `rest` (the body
    under them) is shaded in: zebra rows shade every other row alike, a header in its own."""
    colours = {shade(graphics, b) for b in head}
    return len(colours) == 1 and None not in colours and bool(rest) and all(
        shade(graphics, b) not in colours for b in rest)


def _to_part(t: dict, strategy: str, number: int, graphics: Graphics) -> TablePart:
    raw: list[RawCell] = t["cells"]
    n_header = t.get("n_header_rows") or _header_rows(raw, t["n_rows"], graphics, strategy)
    # boxes stay in the analysed frame until analyse_page turns them to the page's
    cells = [Cell(c.row, c.col, c.row_span, c.col_span, c.text, number, boxes=[list(c.bbox)]) for c in raw]
    part = TablePart(page=number, bbox=tuple(round(v, 2) for v in t["bbox"]), n_cols=t["n_cols"],
                     n_rows=t["n_rows"], n_header_rows=n_header, cells=cells, strategy=strategy)
    part.raw_cells = raw
    part.col_edges = list(t.get("col_edges") or [])
    return part


def _attach_labels(parts: list[TablePart], lines: list[Line], body_bottom: float) -> set[int]:
    """Give each table its caption, unit, notes and source; returns the lines used.

    A caption above the table, or printed as its first row, is the table's; a caption
    right below it is recorded as a candidate (caption_below): whether the document prints
    captions above or below its tables is settled over all its tables when they are
    stitched."""
    used: set[int] = set()
    prev_bottom = 0.0
    for pi, part in enumerate(parts):
        top, bottom = part.bbox[1], part.bbox[3]
        _caption_in_first_row(part)
        above = [(i, l) for i, l in enumerate(lines) if prev_bottom <= l.top and l.bottom <= top + 1 and i not in used]
        cap_idx = None
        if part.caption is None:
            for i, l in reversed(above):
                if cap.caption_match(l.text):
                    cap_idx = i
                    break
        if cap_idx is not None:
            part.caption = lines[cap_idx].text
            part.caption_line = cap_idx
            used.add(cap_idx)
            last = cap_idx
            for i in cap.caption_continues(lines, cap_idx, top):
                part.caption = join_wrapped([part.caption, lines[i].text])
                used.add(i)
                last = i
            _caption_wraps_into(part, lines[last].bottom, lines[last].size, (lines[last].x0, lines[last].x1))
        for i, l in reversed(above):
            if (cap_idx is None or i > cap_idx) and cap.unit_of(l.text):
                part.unit = cap.unit_of(l.text)
                used.add(i)
                break
        next_top = parts[pi + 1].bbox[1] if pi + 1 < len(parts) else float("inf")
        below = [(i, l) for i, l in enumerate(lines) if l.top >= bottom - 1 and l.bottom <= next_top and i not in used]
        if below and cap.caption_match(below[0][1].text) and below[0][1].top - bottom < 2.5 * below[0][1].size:
            i, l = below[0]
            part.caption_below, part.caption_below_line = l.text, i
            more = part.caption_below_wraps = cap.caption_continues(lines, i, next_top)
            for j in more:
                part.caption_below = join_wrapped([part.caption_below, lines[j].text])
            below = [(k, m) for k, m in below[1:] if k not in more]
        notes, source, last_bottom, note_size = cap.notes_below(below, bottom, used)
        part.notes, part.source = notes, source
        remaining = [l for i, l in below if i not in used and l.top > last_bottom]
        part.notes_open = bool(notes) and not remaining and body_bottom - last_bottom < 4 * (note_size or 10)
        prev_bottom = max(bottom, last_bottom)
    for part in parts:
        if part.caption_below_line is not None:
            used.update([part.caption_below_line, *part.caption_below_wraps])
        for name in ("caption", "caption_below"):
            text = getattr(part, name)
            if text:
                text, unit = cap.split_unit(text)
                setattr(part, name, text)
                part.unit = part.unit or unit
    return used


def _caption_in_first_row(part: TablePart) -> None:
    """A caption printed inside the table, as a first row of one cell across it (its text
    may not cross every gutter, and leave the row's other cells empty)."""
    first = _caption_row(part.raw_cells, part.n_rows)
    if first is None:
        return
    part.caption = first.text
    _drop_first_row(part)
    _caption_wraps_into(part, first.bbox[3], first.size, _text_extent(first))


def _caption_row(raw: list[RawCell], n_rows: int) -> RawCell | None:
    """The cell of a first row that is a caption alone, when there is one."""
    first = [c for c in raw if c.row == 0 and c.text]
    if n_rows < 2 or len(first) != 1 or first[0].row_span != 1 or not cap.caption_match(first[0].text):
        return None
    return first[0]


def _caption_wraps_into(part: TablePart, caption_bottom: float, size: float,
                        caption_x: tuple[float, float]) -> None:
    """A caption too long for its line goes on in the table's first row: one line alone
    on it, set right under the caption, closer than a row's padding puts the next row.
    Loose leading may set it further down than half a line, though within a line: it is
    the caption's then when it is nearer to the caption than the row under it is to it,
    or when it is a centred caption's last line (narrower, on the caption's axis)."""
    first = [c for c in part.raw_cells if c.row == 0 and c.text]
    if part.n_rows < 2 or len(first) != 1 or first[0].row_span != 1 or first[0].n_lines != 1:
        return
    c = first[0]
    if cap.caption_match(c.text):
        return
    gap = c.bbox[1] - caption_bottom
    if not 0 <= gap < size:
        return
    below = min((n.bbox[1] for n in part.raw_cells if n.row == 1 and n.text), default=None)
    x0, x1 = _text_extent(c)
    nearer = below is not None and gap < 0.6 * (below - c.bbox[3])
    centred_end = x1 - x0 < caption_x[1] - caption_x[0] and abs(x0 + x1 - sum(caption_x)) < size
    if not (gap < 0.5 * size or nearer or centred_end):
        return
    part.caption = join_wrapped([part.caption, c.text])
    _drop_first_row(part)


def _text_extent(c: RawCell) -> tuple[float, float]:
    return (c.text_x0, c.text_x1) if c.text_x1 > c.text_x0 else (c.bbox[0], c.bbox[2])


def _drop_first_row(part: TablePart) -> None:
    part.cells = [c for c in part.cells if c.row > 0]
    for c in part.cells:
        c.row -= 1
    raw = [c for c in part.raw_cells if c.row > 0]
    for c in raw:
        c.row -= 1
    part.raw_cells = raw
    part.n_rows -= 1
    part.n_header_rows = max(0, part.n_header_rows - 1)
    part.bbox = (part.bbox[0], min(c.bbox[1] for c in raw) if raw else part.bbox[1], part.bbox[2], part.bbox[3])
