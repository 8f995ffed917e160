"""Page furniture: running headers, footers and page numbers, told from the body by repetition.

A running header or footer is text printed in the top or bottom margin of many pages at
the same height (a page number repeats once its digits are set aside). The text body
starts below it on every page, so what repeats in the margins above the body's usual top
(below its usual bottom) is furniture; a table's header row repeated at the top of each
page it runs over stands where the body starts, and is not.

The margins of every page are read first, with pdfium (a few milliseconds a page), so
that the main pass, which reads one page at a time, knows the whole document's furniture.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field

BAND = 0.15  # the share of the page height at the top and at the bottom where furniture stands
_DIGITS = re.compile(r"[0-9０-９]+")
_ROMAN = re.compile(r"^[ivxlcIVXLC]+$")


def signature(text: str) -> str:
    """What stays the same from page to page: the text without whitespace, and in a line
    that is little more than a number ("- 21 -", "第 21 頁", "Page 21 of 90") the digits set
    aside. (Masking the digits of longer lines would make every row of a table alike.)"""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    if _ROMAN.match(s):
        return "#"
    masked = _DIGITS.sub("#", s)
    return masked if len(masked.replace("#", "")) <= 8 else s


@dataclass
class Furniture:
    """Repeated margin text of one document: band ("top"/"bottom") -> signatures, and the
    body's usual top and bottom (as shares of the page height) per page shape."""

    repeated: dict[str, set[str]] = field(default_factory=lambda: {"top": set(), "bottom": set()})
    body: dict[tuple[int, int], tuple[float, float]] = field(default_factory=dict)
    # where each repeated line stands: (band, signature) -> page shape -> its usual top
    levels: dict[tuple[str, str], dict[tuple[int, int], float]] = field(default_factory=dict)

    def is_furniture(self, text: str, top: float, bottom: float, width: float, height: float) -> bool:
        sig = signature(text)
        if not sig:
            return False
        shape = _shape(width, height)
        body_top, body_bottom = self.body.get(shape, (BAND, 1 - BAND))
        if bottom <= BAND * height and sig in self.repeated["top"]:
            return bottom <= body_top * height + 1.0 and self._at_its_level("top", sig, shape, top, bottom)
        if top >= (1 - BAND) * height and sig in self.repeated["bottom"]:
            return top >= body_bottom * height - 1.0 and self._at_its_level("bottom", sig, shape, top, bottom)
        return False

    def _at_its_level(self, band: str, sig: str, shape: tuple[int, int], top: float, bottom: float) -> bool:
        """Furniture stands at the same height on every page: a table's item number in the
        margin band, though it reads like a page number, stands higher or lower than one
        (the margins are read with another library: its boxes may differ by a line's
        height at most)."""
        level = self.levels.get((band, sig), {}).get(shape)
        return level is None or abs(top - level) <= max(2.0, bottom - top)


def _shape(width: float, height: float) -> tuple[int, int]:
    return round(width), round(height)


def _shown(rect, rotation: int, w0: float, h0: float) -> tuple[float, float, float, float]:
    """A rectangle of the page's own space (PDF units, y up, before /Rotate) as shown:
    (left, top, right, bottom), top-down, in the turned frame. pdfium reports text boxes
    in the page's own space; pdfplumber, in the turned one."""
    left, low, right, high = rect
    if rotation == 90:
        return low, left, high, right
    if rotation == 180:
        return w0 - right, low, w0 - left, high
    if rotation == 270:
        return h0 - high, w0 - right, h0 - low, w0 - left
    return left, h0 - high, right, h0 - low


def _own(box, rotation: int, w0: float, h0: float) -> tuple[float, float, float, float]:
    """The inverse of _shown: (left, low, right, high) in the page's own space."""
    left, top, right, bottom = box
    if rotation == 90:
        return top, left, bottom, right
    if rotation == 180:
        return w0 - right, top, w0 - left, bottom
    if rotation == 270:
        return w0 - bottom, h0 - right, w0 - top, h0 - left
    return left, h0 - bottom, right, h0 - top


def _band_lines(textpage, width: float, height: float, rotation: int = 0) -> list[tuple[str, float, float]]:
    """(text, top, bottom) of the lines in the top and bottom bands of the page as shown
    (`width` and `height` are its shown size), top-down coordinates."""
    w0, h0 = (height, width) if rotation in (90, 270) else (width, height)
    boxes = []
    for i in range(textpage.count_rects()):
        left, top, right, bottom = _shown(textpage.get_rect(i), rotation, w0, h0)
        if bottom <= BAND * height or top >= (1 - BAND) * height:
            boxes.append((left, top, right, bottom))
    boxes.sort(key=lambda b: (b[1], b[0]))
    lines: list[list] = []
    for b in boxes:
        if lines and b[1] < lines[-1][3] - 0.3 * (b[3] - b[1]) and b[3] > lines[-1][1]:
            ln = lines[-1]
            ln[0], ln[1], ln[2], ln[3] = min(ln[0], b[0]), min(ln[1], b[1]), max(ln[2], b[2]), max(ln[3], b[3])
        else:
            lines.append(list(b))
    out = []
    for left, top, right, bottom in lines:
        x0, y0, x1, y1 = _own((left - 0.5, top - 0.5, right + 0.5, bottom + 0.5), rotation, w0, h0)
        out.append((textpage.get_text_bounded(x0, y0, x1, y1), top, bottom))
    return out


def _where_the_body_begins(pages, band: str, sig: str, found: Furniture, need: float) -> bool:
    """Does a line repeated in a margin stand where the body begins (ends) on the pages
    of its shape that do not print it, `need` pages at least? Then it is the body's first
    (last) line: a table header printed again on each page the table runs over, not
    furniture, which stands clear of the body on every page."""
    own: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for shape, height, lines in pages:
        own.setdefault(shape, []).extend((top, bottom) for text, top, bottom in lines if signature(text) == sig)
    for shape, boxes in own.items():
        if not boxes:
            continue
        top = statistics.median(t for t, _ in boxes)
        bottom = statistics.median(b for _, b in boxes)
        half = 0.5 * (bottom - top)
        edges = []
        for page_shape, height, lines in pages:
            if page_shape != shape or any(signature(text) == sig for text, _, _ in lines):
                continue
            if band == "top":
                free = [t for text, t, b in lines if b <= BAND * height and signature(text) not in found.repeated["top"]]
                if free:
                    edges.append(min(free))
            else:
                free = [b for text, t, b in lines if t >= (1 - BAND) * height
                        and signature(text) not in found.repeated["bottom"]]
                if free:
                    edges.append(max(free))
        if len(edges) >= need:
            usual = statistics.median(edges)
            if (top >= usual - half) if band == "top" else (bottom <= usual + half):
                return True
    return False


def read_furniture(path: str, min_pages: int = 2, share: float = 0.2) -> Furniture:
    """The repeated margin text of the PDF at `path` (empty when it cannot be read this
    way: the main pass then decides page by page)."""
    import pypdfium2 as pdfium

    found = Furniture()
    try:
        pdf = pdfium.PdfDocument(path)
    except Exception:  # an unreadable file fails in the main pass with a proper message
        return found
    try:
        pages: list[tuple[tuple[int, int], float, list[tuple[str, float, float]]]] = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    lines = _band_lines(textpage, width, height, page.get_rotation() % 360)
                    pages.append((_shape(width, height), height, lines))
                finally:
                    textpage.close()
            finally:
                page.close()
    except Exception:
        return found
    finally:
        pdf.close()
    if len(pages) < min_pages:
        return found
    # furniture stands at the same height on every page of a shape it is printed on
    # (landscape pages set it elsewhere); a table header repeated on the pages a table
    # runs over starts wherever the table does on the first
    where: dict[tuple[str, str], dict[tuple[int, int], list[tuple[int, float]]]] = {}
    for n, (shape, height, lines) in enumerate(pages):
        for text, top, bottom in lines:
            band = "top" if bottom <= BAND * height else "bottom"
            where.setdefault((band, signature(text)), {}).setdefault(shape, []).append((n, top))
    need = max(min_pages, share * len(pages))
    for (band, sig), by_shape_seen in where.items():
        level, pages_seen, middles = set(), set(), {}
        for shape, seen in by_shape_seen.items():
            middle = middles[shape] = statistics.median(top for _, top in seen)
            level |= {n for n, top in seen if abs(top - middle) <= 2.0}
            pages_seen |= {n for n, _ in seen}
        if sig and len(level) >= need and len(level) >= 0.8 * len(pages_seen):
            found.repeated[band].add(sig)
            found.levels[(band, sig)] = middles
    for band in ("top", "bottom"):
        found.repeated[band] -= {sig for sig in found.repeated[band] if _where_the_body_begins(pages, band, sig, found, need)}
    # the body's usual top and bottom: where the first and last text that does not repeat
    # stands, per page shape (a median, so pages that open with a repeated table header
    # do not move it)
    by_shape: dict[tuple[int, int], tuple[list[float], list[float]]] = {}
    for shape, height, lines in pages:
        tops, bottoms = by_shape.setdefault(shape, ([], []))
        free_top = [top for text, top, bottom in lines
                    if bottom <= BAND * height and signature(text) not in found.repeated["top"]]
        free_bottom = [bottom for text, top, bottom in lines
                       if top >= (1 - BAND) * height and signature(text) not in found.repeated["bottom"]]
        tops.append(min(free_top) / height if free_top else BAND)
        bottoms.append(max(free_bottom) / height if free_bottom else 1 - BAND)
    for shape, (tops, bottoms) in by_shape.items():
        found.body[shape] = (statistics.median(tops), statistics.median(bottoms))
    return found
