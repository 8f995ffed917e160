"""Building a cell grid from boxes: shared by the ruled and the text-alignment strategies.

Both strategies end with a list of boxes (x0, top, x1, bottom) that each hold one printed
cell; this module snaps their edges to grid lines, gives every box its row/column span
and reads its text.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import group_lines, join_wrapped


@dataclass
class RawCell:
    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    bbox: tuple[float, float, float, float]
    bold: bool = False
    # share of the cell width the last printed line fills: a full last line is a sign
    # that the text was cut by a page break rather than ended
    last_line_fill: float = 0.0


def snap(values: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def index_of(edges: list[float], v: float, tol: float) -> int:
    best = min(range(len(edges)), key=lambda i: abs(edges[i] - v))
    return best if abs(edges[best] - v) <= tol else -1


def chars_in(chars: list[dict], bbox) -> list[dict]:
    x0, top, x1, bottom = bbox
    out = []
    for c in chars:
        cx = (c["x0"] + c["x1"]) / 2
        cy = (c["top"] + c["bottom"]) / 2
        if x0 <= cx <= x1 and top <= cy <= bottom:
            out.append(c)
    return out


def cell_text(chars: list[dict], bbox) -> tuple[str, bool, float]:
    """Text, boldness and last-line fill of the characters inside bbox."""
    lines = group_lines(chars)
    if not lines:
        return "", False, 0.0
    text = join_wrapped([ln.text for ln in lines])
    n_bold = sum(1 for ln in lines if ln.bold)
    width = max(1.0, bbox[2] - bbox[0])
    last = lines[-1]
    fill = (last.x1 - lines[0].x0) / width if len(lines) > 1 else (last.x1 - last.x0) / width
    return text, n_bold > len(lines) / 2, min(1.0, fill)
