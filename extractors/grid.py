"""Building a cell grid from boxes: shared by the ruled and the text-alignment strategies.

Both strategies end with a list of boxes (x0, top, x1, bottom) that each hold one printed
cell; this module snaps their edges to grid lines, gives every box its row/column span
and reads its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import join_lines

# a line that is a number alone ("2.3", "1,389", "(0.5)", "17.4%", "-"): numbers do not
# wrap, so two such lines stacked in one cell are two rows
NUMBER_ONLY = re.compile(r"^[-+−–]?\(?[0-9０-９][0-9０-９.,，\s]*%?\)?$|^[-–—]$")


def is_number_stack(lines: list) -> bool:
    """Two or more lines that are each a number alone: rows set solid, not one cell. A
    line that ends on a separator ("150," over "000") is a number wrapped in a narrow
    column: a number never ends on one."""
    texts = [l.text.strip() for l in lines]
    return (len(lines) >= 2 and all(NUMBER_ONLY.match(t) for t in texts)
            and not any(t.endswith((",", ".", "，")) for t in texts[:-1]))


def levels_of(lines: list, levels: list[float], tol: float) -> list[int] | None:
    """The index of the level (a stacked number's top) each line stands on, or None
    unless every line stands level with one, each with a different one."""
    at = [min(range(len(levels)), key=lambda i: abs(levels[i] - l.top)) for l in lines] if levels else []
    if not levels or len(set(at)) != len(at) or any(abs(levels[i] - l.top) > tol for i, l in zip(at, lines)):
        return None
    return at


@dataclass
class RawCell:
    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    bbox: tuple[float, float, float, float]
    bold: bool = False
    # width of the last printed line: a line as wide as the column's widest is a sign
    # that the text was cut by a page break rather than ended
    last_line_width: float = 0.0
    max_line_width: float = 0.0
    n_lines: int = 0
    size: float = 0.0
    text_x0: float = 0.0
    text_x1: float = 0.0
    # (row, row_span) as printed, when a borderless table spread the cell over the empty
    # slots it is centred on: the one inference a later page of the table may overturn
    centred_from: tuple[int, int] | None = None


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


def make_cell(row: int, col: int, row_span: int, col_span: int, bbox, lines, wrap_spaces: bool) -> RawCell:
    """A cell from its printed lines (top to bottom)."""
    if not lines:
        return RawCell(row, col, row_span, col_span, "", tuple(bbox))
    return RawCell(
        row, col, row_span, col_span, join_lines(lines, wrap_spaces), tuple(bbox),
        bold=sum(1 for ln in lines if ln.bold) > len(lines) / 2,
        last_line_width=lines[-1].x1 - lines[-1].x0,
        max_line_width=max(ln.x1 - ln.x0 for ln in lines),
        n_lines=len(lines),
        size=max(ln.size for ln in lines),
    )
