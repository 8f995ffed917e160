"""Pages whose text runs sideways, read upright.

A wide table is often printed turned on a portrait page: its text runs up the page (or
down it), and /Rotate may or may not turn the page for the reader. pdfplumber reports
each glyph where it stands; a page whose text mostly runs sideways is turned, glyphs and
drawings together, until that text reads left to right, and analysed like any other. The
turn is recorded so that positions can be given back in the page's own frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pdfplumber.table import TableFinder

from .text import glyph_text, ligature_letters


def direction(char: dict) -> int:
    """Which way a glyph's text runs, in degrees counter-clockwise from left-to-right
    (0 upright; 90 up the page; 270 down it; 180 upside down)."""
    matrix = char.get("matrix")
    if not matrix:
        return 0
    a, b = matrix[0], matrix[1]
    if abs(a) >= abs(b):
        return 0 if a > 0 else 180
    return 90 if b > 0 else 270


@dataclass
class PageView:
    """What page analysis reads of a page: its glyphs and drawings, in a frame where the
    page's main text reads upright (`rotation`: how far the page was turned clockwise)."""

    width: float
    height: float
    chars: list[dict]
    lines: list[dict]
    rects: list[dict]
    curves: list[dict]
    images: list[dict] = field(default_factory=list)
    rotation: int = 0
    page_width: float = 0.0
    page_height: float = 0.0

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return 0.0, 0.0, self.width, self.height

    def find_tables(self, settings: dict):
        return TableFinder(self, settings).tables

    def to_page(self, bbox) -> tuple[float, float, float, float]:
        """A box of this view in the page's own frame (top-down coordinates)."""
        if not self.rotation:
            return tuple(bbox)
        x0, top, x1, bottom = bbox
        corners = [_unturn(x, y, self.rotation, self.page_width, self.page_height)
                   for x in (x0, x1) for y in (top, bottom)]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        return min(xs), min(ys), max(xs), max(ys)


def _turn(x: float, y: float, rotation: int, width: float, height: float) -> tuple[float, float]:
    """A point of the page (top-down) in the frame turned `rotation` degrees clockwise."""
    if rotation == 90:
        return height - y, x
    if rotation == 270:
        return y, width - x
    return x, y


def _unturn(x: float, y: float, rotation: int, width: float, height: float) -> tuple[float, float]:
    if rotation == 90:
        return y, height - x
    if rotation == 270:
        return width - y, x
    return x, y


def _turned(obj: dict, rotation: int, width: float, height: float, new_height: float) -> dict:
    corners = [_turn(x, y, rotation, width, height) for x in (obj["x0"], obj["x1"]) for y in (obj["top"], obj["bottom"])]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    out = {**obj, "x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys)}
    out["width"], out["height"] = out["x1"] - out["x0"], out["bottom"] - out["top"]
    out["y0"], out["y1"] = new_height - out["bottom"], new_height - out["top"]
    if "pts" in obj:
        out["pts"] = [_turn(x, y, rotation, width, height) for x, y in obj["pts"]]
    return out


def _spelt_out(chars: list[dict], reads_across) -> list[dict]:
    """A ligature glyph (one glyph for "fi") as its letters, side by side in its box, so
    that every character of the text is one glyph of the page; glyphs that do not read
    left to right in the view keep their ligature, having no across to share."""
    out = []
    for c in chars:
        letters = ligature_letters(c["text"])
        if letters is None or not reads_across(c):
            out.append(c)
            continue
        step = (c["x1"] - c["x0"]) / len(letters)
        for i, letter in enumerate(letters):
            x0 = c["x0"] + i * step
            out.append({**c, "text": letter, "x0": x0, "x1": x0 + step, "width": step})
    return out


def page_view(page) -> PageView:
    """The page as analysis reads it: turned when most of its text runs sideways."""
    chars = []
    for c in page.chars:
        if c.get("text") is None:
            continue
        c["text"] = glyph_text(c["text"])
        chars.append(c)
    width, height = float(page.width), float(page.height)
    counts: dict[int, int] = {}
    for c in chars:
        if c["text"].strip():
            d = direction(c)
            counts[d] = counts.get(d, 0) + 1
    main = max(counts, key=counts.get) if counts else 0
    if main not in (90, 270):
        chars = _spelt_out(chars, lambda c: direction(c) == 0)
        return PageView(width, height, chars, page.lines, page.rects, page.curves, page.images, 0, width, height)
    # text running up the page reads upright once the page is turned clockwise
    rotation = 90 if main == 90 else 270
    new_w, new_h = height, width

    def turn(objs):
        return [_turned(o, rotation, width, height, new_h) for o in objs]

    turned_chars = []
    for c in turn(chars):
        d = direction(c)
        c["upright"] = d == main
        if c["upright"]:
            c["matrix"] = None  # the baseline is the glyph box's bottom in the turned frame
            # pdfminer gives a glyph turned sideways its advance for a size (narrow for
            # figures): upright in the turned frame, its height is the type size
            c["size"] = c["height"]
        else:
            # what read upright on the page now runs down (or up) the turned frame
            c["reads"] = (d - (90 if rotation == 90 else -90)) % 360
        turned_chars.append(c)
    turned_chars = _spelt_out(turned_chars, lambda c: c["upright"])
    return PageView(new_w, new_h, turned_chars, turn(page.lines), turn(page.rects), turn(page.curves),
                    turn(page.images), rotation, width, height)
