"""Tables that only their text shows: no rule, no caption, columns kept apart by whitespace.

Text set in columns leaves corridors of whitespace that run down through consecutive
lines at the same places (the text-edge idea of Nurminen's method, which Tabula uses);
running text does not: a line of a paragraph runs the width of the text column, or ends
the paragraph short at its left margin. A zone is a run of lines with no prose line in it,
set in one type size and without a gap wider than a paragraph's; it is a table when at
least two of its lines are cut by the same whitespace corridors into two or more pieces
(with the lines set beside them at overlapping heights: cells centred on a row print
their lines between each other's baselines), and it is not a list (markers in one column,
running text in the other) or a table of contents (titles and page numbers joined by
leader dots).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from . import captions as cap
from .captions import is_label
from .grid import NUMBER_ONLY
from .text import Line, column_gap, group_lines

# list markers standing alone in a first column: "•", "1.", "(1)", "一、", "A."
_MARKER = re.compile(r"^\s*(?:[•●■◆▪‧・\-–—*]|[0-9０-９]{1,3}\s*[.．、)]|[（(][0-9０-９一二三四五六七八九十]{1,3}[)）]|"
                     r"[一二三四五六七八九十]{1,3}\s*、|[A-Za-z]\s*[.)])\s*$")
# leader dots between a title and its page number
LEADER = re.compile(r"[.．·…‥・]{4,}|(?:[.．·]\s){4,}")
_PAGE_NUMBER = re.compile(r"^\s*[0-9０-９ivxlcIVXLC]{1,4}\s*$")


@dataclass
class Zone:
    lines: list[Line]
    bbox: tuple[float, float, float, float]
    gutters: list[tuple[float, float]]


def pieces(line: Line, gap: float) -> list[Line]:
    """A line cut at whitespace wider than `gap` (one piece per column it crosses). A line
    whose spaces are all alike (justified running text stretches every space of a line by
    the same amount) is one piece however wide they are."""
    if not line.chars:
        return [line]
    parts = group_lines(line.chars, split_gap=gap)
    if len(parts) > 1 and _evenly_spaced(line):
        return [line]
    return parts


def _evenly_spaced(line: Line) -> bool:
    vis = sorted((c for c in line.chars if c["text"].strip()), key=lambda c: c["x0"])
    spaces = [(b["x0"] - a["x1"], _sentence_break(a["text"], b["text"])) for a, b in zip(vis, vis[1:])
              if b["x0"] - a["x1"] > 0.15 * line.size]
    words = sorted(g for g, after_sentence in spaces if not after_sentence)
    if len(words) < 3:
        return False
    # ...and no wider than a stretched word space (a space between sentences may be up to
    # twice as wide, as some typesetters set it): a gap of several ems sets columns apart
    typical = statistics.median(words)
    sentences = [g for g, after_sentence in spaces if after_sentence]
    return (words[-1] <= 1.6 * typical and all(g <= 2.5 * typical for g in sentences)
            and max(words + sentences) <= 1.2 * line.size)


def _sentence_break(before: str, after: str) -> bool:
    return before in ".!?:;" and (after.isupper() or after in "(\"'“‘[")


def text_column(lines: list[Line]) -> tuple[float, float]:
    """The left edge and right edge of the page's running text."""
    if not lines:
        return 0.0, 0.0
    lefts = sorted(l.x0 for l in lines)
    rights = sorted(l.x1 for l in lines)
    return lefts[len(lefts) // 10], rights[int(0.9 * (len(rights) - 1))]


def _prose_lines(lines: list[Line], split: list[list[Line]], left: float, right: float) -> set[int]:
    """Indexes of lines of running text: one piece running most of the text width, and the
    short line that closes such a paragraph (at its line spacing, not right of its start)."""
    width = max(1.0, right - left)
    prose: set[int] = set()
    for i, (l, ps) in enumerate(zip(lines, split)):
        if len(ps) != 1:
            continue
        if l.x1 - l.x0 >= 0.7 * width:
            prose.add(i)
        elif i - 1 in prose:
            prev = lines[i - 1]
            if (l.top - prev.bottom <= 0.8 * max(l.size, prev.size) and abs(l.size - prev.size) <= 0.5
                    and l.x0 <= prev.x0 + 0.5 * l.size):
                prose.add(i)
    return prose


def _gutters(runs: list[Line], x0: float, x1: float, min_gap: float) -> list[tuple[float, float]]:
    edges = sorted((r.x0, r.x1) for r in runs)
    out, cursor = [], None
    for a, b in edges:
        if cursor is not None and a - cursor >= min_gap:
            out.append((cursor, a))
        cursor = b if cursor is None else max(cursor, b)
    return out


@dataclass
class Body:
    """A page's body lines (furniture removed) in reading order, each cut at its column
    gaps, and which of them are running text: read once, asked of twice."""
    lines: list[Line]
    split: list[list[Line]]
    prose: set[int]  # indexes into lines
    size: float

    def running_text(self) -> set[int]:
        """ids of the lines of running text."""
        return {id(self.lines[i]) for i in self.prose}


def read_body(lines: list[Line], size: float) -> Body:
    lines = sorted(lines, key=lambda l: (l.top, l.x0))
    split = [pieces(l, column_gap(size)) for l in lines]
    left, right = text_column(lines)
    return Body(lines, split, _prose_lines(lines, split, left, right), size)


def aligned_zones(body: Body, taken) -> list[Zone]:
    """Zones of the page's `body` that are tables by their alignment alone; `taken(top,
    bottom)` says where another table already is."""
    lines, split, prose, size = body.lines, body.split, body.prose, body.size
    if len(lines) < 2:
        return []
    zones: list[list[int]] = []
    for i, l in enumerate(lines):
        stop = i in prose or is_label(l.text) or taken(l.top, l.bottom)
        if not stop and zones and zones[-1]:
            last = lines[zones[-1][-1]]
            ref = statistics.median(lines[k].size for k in zones[-1])
            if (l.top - last.bottom > 2.5 * ref or abs(l.size - ref) > 0.2 * ref
                    or header_again([lines[k] for k in zones[-1]], l)):
                zones.append([])
        if stop:
            if zones and zones[-1]:
                zones.append([])
            continue
        if not zones:
            zones.append([])
        zones[-1].append(i)
    out = []
    for z in zones:
        zone = _as_table(z, lines, split, size)
        if zone is not None:
            out.append(zone)
    return out


def header_again(block: list[Line], line: Line) -> bool:
    """A block that began in the bold of a header and went on in body type begins another
    table where a line of labels in that bold comes again, further below the line above
    than any two lines of the block are apart (a bold group label is one piece; a bold
    total row holds numbers)."""
    if len(block) < 2 or not block[0].bold or not line.bold or all(m.bold for m in block):
        return False
    labels = pieces(line, column_gap(line.size))
    if len(labels) < 2 or any(NUMBER_ONLY.match(p.text.strip()) for p in labels):
        return False
    gaps = [b.top - a.bottom for a, b in zip(block, block[1:])]
    return line.top - block[-1].bottom > max(gaps) + 0.5 * line.size


def _beside(idx: list[int], lines: list[Line], split: list[list[Line]], gap: float) -> dict[int, list[Line]]:
    """Each line's pieces with those of the lines set beside it at overlapping heights,
    clear of it by a column gap: cells of one row centred on it, whose line counts differ
    by an odd number, print their lines between each other's baselines, and each line then
    holds one cell's text only."""
    out = {i: list(split[i]) for i in idx}
    for n, i in enumerate(idx):
        a = lines[i]
        for j in idx[n + 1:]:
            b = lines[j]
            if b.top >= a.bottom:
                break
            overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
            apart = b.x0 - a.x1 >= gap or a.x0 - b.x1 >= gap
            if apart and overlap > 0.25 * min(a.bottom - a.top, b.bottom - b.top):
                out[i] += split[j]
                out[j] += split[i]
    return out


def _as_table(idx: list[int], lines: list[Line], split: list[list[Line]], size: float) -> Zone | None:
    # (lines sorted by top: a line's neighbours at its height follow it)
    row_pieces = _beside(idx, lines, split, column_gap(size))
    multi = [i for i in idx if len(row_pieces[i]) >= 2]
    if len(multi) < 2:
        return None
    zl = [lines[i] for i in idx]
    x0, x1 = min(l.x0 for l in zl), max(l.x1 for l in zl)
    width = max(1.0, x1 - x0)
    # a piece spanning most of the zone (a group row, a title) hides the corridors it
    # crosses: it says nothing about where the columns are
    runs = [r for i in idx for r in split[i] if r.x1 - r.x0 < 0.6 * width]
    gap = column_gap(size)
    gutters = _gutters(runs, x0, x1, gap)
    # group labels printed from the left edge across the columns of their group hide the
    # gutters they cross: gutters that all the other pieces keep stand, if few cross them
    # (a label alone on its line hides them; so, where every label stands alone, does any
    # piece that starts at the left edge, at the cost of the first column's gutter)
    alone = {id(split[i][0]) for i in idx if len(split[i]) == 1}
    for left_out in (lambda r: id(r) in alone and r.x0 - x0 < 2 * gap, lambda r: r.x0 - x0 < 2 * gap):
        others = [r for r in runs if not left_out(r)]
        kept = _gutters(others, x0, x1, gap)
        crossing = [r for r in runs if left_out(r) and any(r.x0 < a and r.x1 > b for a, b in kept)]
        if len(kept) > len(gutters) and len(crossing) <= 0.2 * len(idx) and any(
                r.x1 <= kept[0][0] + 0.5 for r in runs if r not in crossing):
            gutters = kept
            break
    if not gutters:
        return None
    # the corridors must cut lines, not only separate pieces that never stand side by side
    def cuts(i: int, gutter: tuple[float, float]) -> bool:
        a, b = gutter
        return any(r.x1 <= a + 0.5 for r in row_pieces[i]) and any(r.x0 >= b - 0.5 for r in row_pieces[i])

    cut = [i for i in multi if any(cuts(i, g) for g in gutters)]
    # two lines may share a river of spaces by chance; three, or two cut twice, do not; two
    # lines printed over each other but each cut somewhere else (a sentence's wide space in
    # one, a list marker's in the other) share no corridor at all
    if len(cut) < 3:
        if len(cut) < 2 or len(gutters) < 2:
            return None
        shared = any(cuts(cut[0], g) and cuts(cut[1], g) for g in gutters)
        if not shared and _over_each_other(lines[cut[0]], lines[cut[1]]):
            return None
    # trim lines above the first line set in columns and below the last one: a heading or
    # a paragraph's stray line beside the table is not part of it, unless wrapped cell text
    first, last = idx.index(cut[0]), idx.index(cut[-1])
    # ...but a line that reaches down beside the first one is in its row (a cell's lines
    # set higher than the row's one-line cells, centred on them)
    while first > 0 and lines[idx[first - 1]].bottom > lines[cut[0]].top + 0.2 * lines[cut[0]].size:
        first -= 1
    # ...and so is one line right above, inside one column, over the same column's text:
    # the top of a label wrapped onto one line more than the labels beside it (more lines
    # there are the top of a tall cell, whose row is not known from here)
    if first > 0 and _tops_a_label(lines[idx[first - 1]], split[idx[first]], gutters) and not (
            first > 1 and _tops_a_label(lines[idx[first - 2]], [lines[idx[first - 1]]], gutters)):
        first -= 1
    kept = idx[first:last + 1]
    below = idx[last + 1:]
    # rows below the last line cut by a corridor whose other cells are empty or merged
    # from above: lines inside one column right of the first, no further apart than the
    # table's rows are (or, in the first column, the rest of a wrapped last row)
    spacing = max((lines[b].top - lines[a].bottom for a, b in zip(kept, kept[1:])), default=0.0)
    for i in below:
        prev, line = lines[kept[-1]], lines[i]
        column = sum(1 for a, _ in gutters if line.x0 >= a)
        # (clear of every corridor: a cell's text never runs into one)
        inside = len(split[i]) == 1 and all(line.x1 <= a + 0.5 or line.x0 >= b - 0.5 for a, b in gutters)
        if not inside or line.top - prev.bottom > (spacing + 0.5 if column else 0.8 * prev.size):
            break
        kept.append(i)
    zl = [lines[i] for i in kept]
    pieces_ = [split[i] for i in kept]
    columns = len(gutters) + 1
    if columns == 2 and _is_list(pieces_, gutters):
        return None
    if _is_contents(zl):
        return None
    bbox = (min(l.x0 for l in zl) - 1, min(l.top for l in zl) - 0.5, max(l.x1 for l in zl) + 1,
            max(l.bottom for l in zl) + 0.5)
    return Zone(zl, bbox, gutters)


def _tops_a_label(line: Line, under: list[Line], gutters) -> bool:
    if is_label(line.text) or any(line.x0 < a and line.x1 > b for a, b in gutters):
        return False
    below = [p for p in under if min(p.x1, line.x1) - max(p.x0, line.x0) > 0.5 * (line.x1 - line.x0)]
    return bool(below) and 0 <= below[0].top - line.bottom <= 0.8 * line.size and len(pieces(line, column_gap(line.size))) == 1


def _over_each_other(a: Line, b: Line) -> bool:
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    return overlap > 0.5 * min(a.x1 - a.x0, b.x1 - b.x0)


def _is_list(split: list[list[Line]], gutters) -> bool:
    """Two columns whose first holds only list markers: a list, not a table."""
    a = gutters[0][0]
    firsts = [ps[0] for ps in split if ps and ps[0].x1 <= a + 0.5]
    return bool(firsts) and all(_MARKER.match(p.text) for p in firsts)


def _is_contents(lines: list[Line]) -> bool:
    """Titles and page numbers joined by leader dots: a table of contents."""
    ends = [l for l in lines if LEADER.search(l.text)]
    return len(ends) >= 0.6 * len(lines) and all(
        _PAGE_NUMBER.match(LEADER.split(l.text)[-1]) for l in ends)
