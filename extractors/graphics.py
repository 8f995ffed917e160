"""What a page draws besides text, sorted by what it says about tables.

Rules (stroked lines, outlines, and thin filled shapes: producers draw a rule either way)
bound cells. Shading (filled areas, a header's background, zebra rows) only colours them:
its edges are where a shaded row begins and ends, which separates rows like a rule does,
but a grid of shaded cells is not a ruled grid.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pdfplumber.utils import obj_to_edges

THIN = 2.5  # a filled shape this thin is a rule


@dataclass
class Graphics:
    edges: list[dict] = field(default_factory=list)  # rule edges, pdfplumber edge dicts ("v"/"h")
    rules: list[dict] = field(default_factory=list)  # horizontal rules {x0, x1, y}, pieces joined
    bands: list[dict] = field(default_factory=list)  # top and bottom of shaded areas {x0, x1, y}
    fills: list[tuple[float, float, float, float]] = field(default_factory=list)  # shaded boxes
    fill_colours: list[tuple] = field(default_factory=list)  # each shaded box's colour
    slanted: list[tuple[float, float, float, float]] = field(default_factory=list)  # strokes neither level nor upright


def _white(color) -> bool:
    if color is None:
        return False
    values = list(color) if isinstance(color, (list, tuple)) else [color]
    if not values or any(not isinstance(v, (int, float)) for v in values):
        return False
    if len(values) == 4:  # CMYK: no ink is white
        return all(v <= 0.03 for v in values)
    return all(v >= 0.97 for v in values)


def _thin(obj) -> bool:
    return obj["height"] < THIN or obj["width"] < THIN


def read_graphics(page) -> Graphics:
    g = Graphics()
    width, height = float(page.width), float(page.height)
    for obj in list(page.lines) + list(page.rects) + list(page.curves):
        stroked = obj["object_type"] == "line" or bool(obj.get("stroke"))
        stroked = stroked and not _white(obj.get("stroking_color"))
        filled = bool(obj.get("fill")) and not _white(obj.get("non_stroking_color"))
        if stroked or (filled and _thin(obj)):
            g.edges.extend(_levelled(e) for e in obj_to_edges(obj) if e["x1"] - e["x0"] + e["bottom"] - e["top"] > 1)
        if filled and not _thin(obj) and obj["width"] < 0.9 * width and obj["height"] < 0.9 * height:
            g.fills.append((obj["x0"], obj["top"], obj["x1"], obj["bottom"]))
            colour = obj.get("non_stroking_color")
            g.fill_colours.append(tuple(colour) if isinstance(colour, (list, tuple)) else (colour,))
        pts = obj.get("pts") or []
        for (xa, ya), (xb, yb) in zip(pts, pts[1:]):
            dx, dy = abs(xb - xa), abs(yb - ya)
            if min(dx, dy) > 0.1 * max(dx, dy) and dx + dy > 0.3:  # steeper than ~6° from level and upright
                g.slanted.append((xa, ya, xb, yb))
    g.rules = _join([{"x0": e["x0"], "x1": e["x1"], "y": (e["top"] + e["bottom"]) / 2}
                     for e in g.edges if e["orientation"] == "h"])
    g.bands = _join([{"x0": x0, "x1": x1, "y": y} for x0, top, x1, bottom in g.fills for y in (top, bottom)])
    return g


def _levelled(edge: dict) -> dict:
    """An edge upright or level by its extent, and exactly so: pdfplumber calls a line
    vertical unless its ends have exactly one height (also when it reads the edges handed
    to its table finder), and a producer's rounding may leave them a hair apart."""
    if edge["x1"] - edge["x0"] > edge["bottom"] - edge["top"]:
        y = (edge["top"] + edge["bottom"]) / 2
        return {**edge, "orientation": "h", "top": y, "bottom": y, "height": 0.0,
                "pts": [(edge["x0"], y), (edge["x1"], y)]}
    x = (edge["x0"] + edge["x1"]) / 2
    return {**edge, "orientation": "v", "x0": x, "x1": x, "width": 0.0,
            "pts": [(x, edge["top"]), (x, edge["bottom"])]}


def _join(pieces: list[dict], min_width: float = 30.0) -> list[dict]:
    """Horizontal pieces at one height joined where they touch: the same rule drawn twice,
    or in pieces (one per cell, in any order). Short marks (underlines, bullets) are left
    out after joining, so a rule over a narrow column is not lost."""
    pieces = sorted(pieces, key=lambda r: r["y"])
    rows: list[list[dict]] = []
    for r in pieces:
        if rows and abs(rows[-1][0]["y"] - r["y"]) < 1.0:
            rows[-1].append(r)
        else:
            rows.append([r])
    merged: list[dict] = []
    for row in rows:
        y = sum(r["y"] for r in row) / len(row)
        start = len(merged)
        for r in sorted(row, key=lambda r: r["x0"]):
            if len(merged) > start and r["x0"] <= merged[-1]["x1"] + 2:
                merged[-1]["x1"] = max(merged[-1]["x1"], r["x1"])
            else:
                merged.append({"x0": r["x0"], "x1": r["x1"], "y": y})
    return [r for r in merged if r["x1"] - r["x0"] > min_width]


def shaded(graphics: Graphics, bbox) -> bool:
    """Does a shaded area lie under the middle of `bbox`?"""
    return shade(graphics, bbox) is not None


def shade(graphics: Graphics, bbox) -> tuple | None:
    """The colour of the shaded area under the middle of `bbox` (the topmost drawn), or None."""
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    for (x0, top, x1, bottom), colour in zip(reversed(graphics.fills), reversed(graphics.fill_colours)):
        if x0 <= cx <= x1 and top <= cy <= bottom:
            return colour
    return None


def fills_inside(graphics: Graphics, bbox) -> list[tuple[float, float, float, float]]:
    """The shaded boxes that lie inside `bbox` (a table's cells' backgrounds among them)."""
    x0, top, x1, bottom = bbox
    return [f for f in graphics.fills if f[0] >= x0 - 2 and f[2] <= x1 + 2 and f[1] >= top - 2 and f[3] <= bottom + 2]


def drawn_figure(graphics: Graphics, bbox) -> bool:
    """Is `bbox` a drawing (a chart's lines, a diagram's arrows) rather than a table? Tables
    are drawn with level and upright strokes; a diagonal in a corner cell is one stroke
    shorter than the table is wide, a chart's slanted strokes add up to more."""
    x0, top, x1, bottom = bbox
    length = 0.0
    for xa, ya, xb, yb in graphics.slanted:
        if x0 <= (xa + xb) / 2 <= x1 and top <= (ya + yb) / 2 <= bottom:
            length += ((xb - xa) ** 2 + (yb - ya) ** 2) ** 0.5
    return length >= x1 - x0


def drawing_extent(graphics: Graphics, bbox) -> tuple[float, float, float, float]:
    """`bbox` grown by every stroke and shaded area that touches it, and what touches those:
    the whole of a drawing (a chart's axes, legend and background) from a part of it."""
    boxes = [(e["x0"], e["top"], e["x1"], e["bottom"]) for e in graphics.edges] + list(graphics.fills)
    x0, top, x1, bottom = bbox
    grown = True
    while grown:
        grown = False
        for a, b, c, d in boxes:
            if a <= x1 + 1 and c >= x0 - 1 and b <= bottom + 1 and d >= top - 1 and (
                    a < x0 or b < top or c > x1 or d > bottom):
                x0, top, x1, bottom = min(x0, a), min(top, b), max(x1, c), max(bottom, d)
                grown = True
    return x0, top, x1, bottom
