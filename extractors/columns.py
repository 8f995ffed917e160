"""Where a table's columns are, read from where its glyphs stand.

A column boundary is a corridor of whitespace that runs down through the table: no glyph
of a cell one column wide stands in it, on any line. Glyphs, not the spans of lines, are
what counts, so a wrapped line that ends close to the next column's text leaves the
corridor open however narrow the producer set the padding.

Two kinds of line cross corridors that every other line keeps, and would hide them:
a row printed across the table (a group row, a caption set as the table's first row),
which stands alone on its band of the page, and the labels of a header's upper levels,
which stand above the rows that keep the corridor. Such a line is found by what it
crosses: a stretch of whitespace bounded on both sides by other lines' text, crossed by a
few lines only, each of which is alone on its band or in the table's leading bands. Once
they are set aside, the corridors are where no other line has a glyph.

A word space is whitespace too. Where values share a shape ("45,000 仟元", "12 345"), the
spaces of consecutive lines line up and leave a corridor of their own: a corridor whose
right-hand text always follows text on its left at a word space's distance, on the same
line, is inside a cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import Line, char_runs, ink_x0, ink_x1


@dataclass(frozen=True)
class Gutter:
    x0: float
    x1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def glyph_runs(line: Line, join: float) -> list[tuple[float, float]]:
    """The x-extents of a line's ink: its glyphs, neighbours closer than `join` taken
    together, and the space glyphs between two of its words counted as ink. A run without
    width (a glyph a font draws with none) covers nothing, like a line without width."""
    runs = [(ink_x0(run[0]), max(ink_x1(c) for c in run if c["text"].strip())) for run in char_runs(line.chars, join)]
    return [(a, b) for a, b in runs if b > a] or ([(line.x0, line.x1)] if line.x1 > line.x0 else [])


def band_of_each(lines: list[Line]) -> list[int]:
    """For each line, the index of its band: lines whose boxes overlap vertically, directly
    or through others, share a band (a table row, set whatever its vertical alignment)."""
    order = sorted(range(len(lines)), key=lambda i: lines[i].top)
    band = [0] * len(lines)
    current, bottom = -1, float("-inf")
    for i in order:
        ln = lines[i]
        # a quarter of a line's height: baselines moved by mixed fonts still overlap
        if ln.top >= bottom - 0.25 * (ln.bottom - ln.top):
            current += 1
            bottom = ln.bottom
        else:
            bottom = max(bottom, ln.bottom)
        band[i] = current
    return band


def _sweep(runs: list[list[tuple[float, float]]], members: set[int]):
    """Segments of x between consecutive run edges, each with the set of lines whose ink
    covers it and what bounds it: [(x0, x1, covering lines, left edge ends a run of line,
    right edge starts a run of line)]."""
    events = []
    for i in members:
        for a, b in runs[i]:
            events.append((a, 1, i))
            events.append((b, -1, i))
    events.sort()
    groups = []  # (x, active after, ended here, started here)
    active: dict[int, int] = {}
    k = 0
    while k < len(events):
        x = events[k][0]
        ended, started = set(), set()
        while k < len(events) and events[k][0] - x < 1e-6:
            _, kind, i = events[k]
            if kind > 0:
                active[i] = active.get(i, 0) + 1
                started.add(i)
            else:
                active[i] -= 1
                if not active[i]:
                    del active[i]
                ended.add(i)
            k += 1
        groups.append((x, frozenset(active), ended, started))
    return [(a[0], b[0], a[1], a[2], b[3]) for a, b in zip(groups, groups[1:])]


@dataclass
class _Atom:
    """A run of one line's ink: the unit that columns are read from."""

    x0: float
    x1: float
    top: float
    bottom: float
    line: int


def word_join(lines: list[Line], size: float) -> float:
    """The widest whitespace inside a cell's text.

    Where the producer prints space glyphs between words, whitespace without one is never
    a word space: only kerning is narrower than the padding that sets two cells apart.
    Where it positions words without space glyphs, a little more than the narrowest
    word spaces between Latin letters. Chinese text sets no word apart: less than the
    padding any producer leaves on both sides of a cell."""
    spaced, gaps = 0, []
    for ln in lines:
        ordered = sorted(ln.chars, key=lambda c: c["x0"])
        for a, sp, b in zip(ordered, ordered[1:], ordered[2:]):
            if (not sp["text"].strip() and a["text"].strip() and b["text"].strip()
                    and abs(sp["x0"] - a["x1"]) <= 0.5 and abs(b["x0"] - sp["x1"]) <= 0.5):
                spaced += 1
        vis = [c for c in ordered if c["text"].strip()]
        gaps.extend(b["x0"] - a["x1"] for a, b in zip(vis, vis[1:])
                    if a["text"].isascii() and b["text"].isascii() and 0.12 * size < b["x0"] - a["x1"] < 0.6 * size)
    if spaced >= 2:
        return 0.15 * size
    if len(gaps) >= 3:
        lower = sorted(gaps)[len(gaps) // 4]
        return min(max(1.3 * lower, 0.25 * size), 0.6 * size)
    return min(0.3 * size, 3.5)


def find_gutters(lines: list[Line], size: float, header_bottom: float | None = None,
                 join: float | None = None) -> list[Gutter]:
    """The column corridors of a table's lines, left to right.

    `header_bottom`: where the header ends, when a rule or shading says so; otherwise the
    leading bands are those above the first band that crosses no corridor. `join`: the
    widest whitespace inside a cell's text (word_join)."""
    if len(lines) < 2:
        return []
    # a word space is ink: whitespace that narrow is inside a cell's text
    join = join if join is not None else word_join(lines, size)
    atoms = [_Atom(a, b, ln.top, ln.bottom, i) for i, ln in enumerate(lines) for a, b in glyph_runs(ln, join)]
    if not atoms:
        return []
    w_min = max(1.2, 0.2 * size)
    band = band_of_each(lines)
    m = max(3, len(atoms) // 8)

    def runs_of(units):
        return [sorted((atoms[k].x0, atoms[k].x1) for k in u) for u in units]

    singles = [[k] for k in range(len(atoms))]
    if header_bottom is not None:
        lead = 1 + max((band[i] for i, ln in enumerate(lines) if ln.bottom <= header_bottom + 0.5), default=-1)
    else:
        lead = _first_band_without(_candidates(runs_of(singles), m, w_min), [band[a.line] for a in atoms])
    # a header label wrapped onto several lines is one label: the lines under its first
    # do not make corridors of their own beside the body's text
    units = _wrapped_labels(atoms, [k for k, a in enumerate(atoms) if band[a.line] < lead], size, w_min)
    candidates = _candidates(runs_of(units), m, w_min)

    per_band: dict[int, int] = {}  # runs of ink on each band: a row's cells, side by side
    for a in atoms:
        per_band[band[a.line]] = per_band.get(band[a.line], 0) + 1
    def groups(u: list[int], a: float, b: float) -> bool:
        # a header label over labels or values of its own on both sides of the stretch:
        # it heads the columns the stretch parts (a wrapped label's own column has text
        # under one side only)
        # (the stretch may begin or end in whitespace beside the label: see _candidates)
        x0, x1 = min(a, min(atoms[k].x0 for k in u)), max(b, max(atoms[k].x1 for k in u))
        bottom = max(atoms[k].bottom for k in u)
        under = [v for k, v in enumerate(atoms) if k not in u and v.top >= bottom - 0.5]
        return (any(v.x1 > x0 - 0.5 and v.x0 < a for v in under) and any(v.x0 < x1 + 0.5 and v.x1 > b for v in under))

    # in the body, a run alone on its band crosses the columns as a row of its own (a
    # group row); in the header, a label crosses them when it heads them
    # (a stretch opens only when every unit across it does so: a label is no group label
    # for whitespace that a value of its own column's crosses as well)
    def opens(u: int, a: float, b: float) -> bool:
        own_band = band[atoms[units[u][0]].line]
        return groups(units[u], a, b) if own_band < lead else per_band[own_band] == 1

    spanning: set[int] = set()
    for a, b, cover in candidates:
        if all(opens(u, a, b) for u in cover):
            spanning.update(k for u in cover for k in units[u])

    core = [a for k, a in enumerate(atoms) if k not in spanning]
    gutters = []
    for x0, x1, cover, _, _ in _sweep([[(a.x0, a.x1)] for a in core], set(range(len(core)))):
        if cover:
            continue
        if gutters and abs(gutters[-1][1] - x0) < 1e-6:
            gutters[-1][1] = x1
        else:
            gutters.append([x0, x1])
    out = [Gutter(a, b) for a, b in gutters if b - a >= w_min]
    per_line: dict[int, list[tuple[float, float]]] = {}
    for a in core:
        per_line.setdefault(a.line, []).append((a.x0, a.x1))
    out = [g for g in out if not _inside_cells(g, [sorted(r) for r in per_line.values()], 1.5 * join)]
    return _side_by_side(out, core)


def _side_by_side(gutters: list[Gutter], atoms: list[_Atom]) -> list[Gutter]:
    """Corridors between texts that are not merely stacked. A header label centred over
    its column and the column's numbers set flush right can leave whitespace between
    them; but all of the one stands above all of the other, and a column boundary parts
    texts that stand beside each other (two labels, two values, a label and a value of
    the row under it)."""
    out = list(gutters)
    changed = True
    while changed and out:
        changed = False
        edges = [(g.x0 + g.x1) / 2 for g in out]
        slices: list[list[_Atom]] = [[] for _ in range(len(edges) + 1)]
        for a in atoms:
            slices[sum(1 for e in edges if (a.x0 + a.x1) / 2 >= e)].append(a)
        for k in range(len(out)):
            left, right = slices[k], slices[k + 1]
            if not left or not right:
                continue
            if (max(a.bottom for a in left) <= min(a.top for a in right) + 0.5
                    or max(a.bottom for a in right) <= min(a.top for a in left) + 0.5):
                del out[k]
                changed = True
                break
    return out


def _candidates(runs: list[list[tuple[float, float]]], m: int, w_min: float) -> list[tuple[float, float, frozenset]]:
    """Stretches of whitespace bounded on both sides by text, crossed by the same few
    units all along (at most `m`): corridors those units may hide."""
    out = []
    segments = _sweep(runs, set(range(len(runs))))

    def sliver(i: int, cover) -> bool:
        return 0 <= i < len(segments) and segments[i][2] <= cover and segments[i][1] - segments[i][0] < w_min

    j = 0
    while j < len(segments):
        x0, _, cover, ended, _ = segments[j]
        if not cover or len(cover) > m:
            j += 1
            continue
        k = j
        while k + 1 < len(segments) and segments[k + 1][2] == cover:
            k += 1
        # a sliver beside the stretch, too narrow to be a corridor itself, covered by
        # fewer of the same units, is part of it: a label that starts a point right of
        # where the text before it ends still spans the corridor (and so does a label
        # above it that starts a point further left)
        first, last = j, k
        if sliver(first - 1, cover):
            first -= 1
        if sliver(last + 1, cover):
            last += 1
        a, b = segments[first][0], segments[last][1]
        if segments[first][3] - cover and segments[last][4] - cover and b - a >= w_min:
            out.append((a, b, cover))
        j = k + 1
    return out


def _wrapped_labels(atoms: list["_Atom"], header: list[int], size: float, w_min: float) -> list[list[int]]:
    """Units of atoms: each header label's run joined to the run it wraps from (right
    under it, closer than a line's height, and no wider), every other run on its own.

    A label confined to one column has a corridor on each side, so no text beside the
    run under it comes within a corridor's width of the label's ends. Where text on both
    sides of that run reaches them (staying under the label's stretch of its own line),
    the label is centred over three columns or more, and the run heads the middle one."""
    of: dict[int, int] = {}
    units: list[list[int]] = []

    def heads_columns_beside(j: int, k: int) -> bool:
        lo, hi = atoms[j].x0, atoms[j].x1
        # a label heads the columns under it up to the labels beside it on its own line
        own = [atoms[i] for i in range(len(atoms)) if i != j and atoms[i].line == atoms[j].line]
        start = max((b.x1 for b in own if b.x1 <= lo + 1), default=float("-inf"))
        end = min((b.x0 for b in own if b.x0 >= hi - 1), default=float("inf"))
        beside = [atoms[i] for i in range(len(atoms)) if i != k and atoms[i].line == atoms[k].line]
        left = any(start < b.x0 < lo - 1 and lo - w_min < b.x1 <= atoms[k].x0 for b in beside)
        right = any(atoms[k].x1 <= b.x0 < hi + w_min and hi + 1 < b.x1 < end for b in beside)
        return left and right

    for k in sorted(header, key=lambda k: atoms[k].top):
        a = atoms[k]
        above = [j for j in header if j in of and 0 <= a.top - atoms[j].bottom < 0.6 * size
                 and atoms[j].x0 - 1 <= a.x0 and a.x1 <= atoms[j].x1 + 1 and not heads_columns_beside(j, k)]
        if above:
            u = of[max(above, key=lambda j: atoms[j].bottom)]
            units[u].append(k)
            of[k] = u
        else:
            of[k] = len(units)
            units.append([k])
    units.extend([k] for k in range(len(atoms)) if k not in of)
    return units


def _first_band_without(candidates, band: list[int]) -> int:
    """The first band none of whose units crosses a candidate corridor (`band`: each
    unit's band): the bands above it are the table's leading bands (its header's upper
    levels, a caption row)."""
    crossing_bands = {band[i] for _, _, cover in candidates for i in cover}
    b = 0
    while b in crossing_bands:
        b += 1
    return b


def _inside_cells(g: Gutter, runs: list[list[tuple[float, float]]], space: float) -> bool:
    """A corridor left by word spaces that line up: on every line with text right of it,
    that text follows the line's text left of it at a word space's distance (`space`: the
    widest whitespace still read as one)."""
    if g.width >= space:
        return False
    pairs = 0
    for rs in runs:
        right = [r for r in rs if r[0] >= g.x1 - 1e-6]
        if not right:
            continue
        left = [r for r in rs if r[1] <= g.x0 + 1e-6]
        if not left or right[0][0] - left[-1][1] >= space:
            return False
        pairs += 1
    return pairs > 0
