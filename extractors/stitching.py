"""Joining the parts of a table printed over several pages into one logical table.

A part continues the previous table when its caption says so (`(續)`, `(續 2)`, same
number), or when it has no caption, starts the page and has the same column count as
the table that ended the previous page (Word's "repeat header row" or a plain
continuation). All the parts of a table are found before they are joined, so that a later
page can settle what an earlier one left open. Repeated header rows are dropped; a row
cut by the page break is joined back; a vertical merge running over the break is filled on.
"""

from __future__ import annotations

import re

from . import captions as cap
from .models import Cell, ExtractedTable, TablePart
from .captions import is_label
from .text import join_cell_pieces, join_wrapped, normalise_label

_SENTENCE_END = tuple("。．.!！?？；;:：)）」』")
_CLAUSE_BREAK = tuple("、，,")
_FULL_STOPS = "。！？"  # ends sentences only (a Latin full stop also ends abbreviations and item numbers)
# (an item's number, not a decimal's integer part: "3." and "3、", not "567.89")
_ITEM_START = re.compile(r"^\s*(?:[0-9０-９]{1,3}\s*[.．、)](?![0-9０-９])|[（(][0-9０-９一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}\s*、|[A-Z][0-9]?\s*[.．])")


class _Logical:
    def __init__(self, part: TablePart, table_id: str | None):
        self.parts = [part]
        self.table_id = table_id
        self.caption = cap.base_caption(part.caption) if part.caption else None
        self.unit = part.unit
        self.notes = list(part.notes)
        self.source = part.source
        self.warnings = list(part.warnings)
        grid = part.grid()
        self.header = grid[: part.n_header_rows]
        self.n_header = part.n_header_rows
        self.rows = grid[part.n_header_rows:]
        self.cells = [Cell(c.row, c.col, c.row_span, c.col_span, c.text, c.page, [list(b) for b in c.boxes])
                      for c in part.cells]
        self.n_cols = part.n_cols
        self.last_raw = _last_row_raw(part)


def _last_row_raw(part: TablePart):
    raw = part.raw_cells
    last = part.n_rows - 1
    return {c.col: c for c in raw if c.row <= last < c.row + c.row_span}


def _same_header(a: list[list[str]], b: list[list[str]]) -> bool:
    return len(a) == len(b) and all(
        [normalise_label(x) for x in ra] == [normalise_label(x) for x in rb] for ra, rb in zip(a, b)
    )


def _header_mismatch(a: list[list[str]], b: list[list[str]]) -> bool:
    """Same labels in another order: the repeated header is a (swapped) copy."""
    return len(a) == len(b) and all(
        sorted(normalise_label(x) for x in ra) == sorted(normalise_label(x) for x in rb) for ra, rb in zip(a, b)
    )


def _row_continues(earlier: list[TablePart], prev_raw, rows: list[list[str]], body: list[list[str]],
                   part: TablePart, row_index: int) -> bool:
    """Is `body[0]` (the first body row of a new part) the rest of `rows[-1]`, cut by the page break?

    A cut row prints the rest of its cells on the next page: every cell it fills has text
    above, none starts a new item, and none stands in a column of one-line values. Then either it leaves empty a column that every
    other row fills (the cut row's label was printed above), or its cells above stop
    mid-sentence on a line as wide as the column allows, or on a comma.
    """
    prev_part = earlier[-1]
    prev_row, row = rows[-1], body[0]
    filled = [k for k, v in enumerate(row) if v]
    if not filled or not any(prev_row):
        return False
    if any(not prev_row[k] for k in filled):
        return False
    if any(_ITEM_START.match(row[k]) and not _ITEM_START.match(prev_row[k]) for k in filled):
        return False
    # a number never ends on its separator: one that does above the break was cut by it
    if any(_CUT_NUMBER.fullmatch(prev_row[k].strip()) and row[k].strip()[:1].isdigit() for k in filled):
        return True
    # a column of one-line values (item numbers, dates, codes) does not run over a page
    # break: a value there starts a new row
    one_line = {k for k in range(prev_part.n_cols) if _one_line_column(earlier, k)}
    if any(k in one_line for k in filled):
        return False
    # ...and a number, date or code that ended on one line with room to spare was printed
    # whole: a row cut by the break prints nothing more under it; nor does a date or a
    # number go on as another date or number
    if any(_ended_short(prev_part, prev_raw.get(k)) for k in filled):
        return False
    if any(_WHOLE_VALUE.fullmatch(prev_row[k].strip()) and _WHOLE_VALUE.fullmatch(row[k].strip()) for k in filled):
        return False
    if len(rows) >= 3:
        # an empty slot under a vertical merge that runs over the break says nothing
        merged = {k for k in range(len(row))
                  if (prev_raw.get(k) is not None and prev_raw[k].row_span > 1)
                  or _empty_merge_at(part, row_index, k)}
        # so does a slot left empty in the next row too: without rules, that is a merged
        # label printed once above the break, not a cut row's label
        keys = [k for k in range(len(row)) if k not in merged and all(r[k] for r in rows)
                and (len(body) < 2 or body[1][k])]
        if any(not row[k] for k in keys):
            return True
    widest: dict[int, float] = {}
    for c in prev_part.raw_cells:
        if c.col_span == 1:
            widest[c.col] = max(widest.get(c.col, 0.0), c.max_line_width)
    cut = 0
    for k in filled:
        c = prev_raw.get(k)
        if c is None or c.row_span > 1:
            continue
        text = prev_row[k].rstrip()
        # (an amount wrapped in a narrow column, whole to its last decimal, ended where its
        # short last line does)
        if text.endswith(_SENTENCE_END) or c.n_lines < 2 or _WHOLE_AMOUNT.fullmatch(text):
            continue
        # no text ends on a comma, so one that does above the break was cut by it; nor do
        # sentences stop short of their full stop (a line can end a glyph into a sentence,
        # and the page with it); and a wrapped line falls short of the widest by at most a
        # word that did not fit
        full = widest.get(k, c.max_line_width)
        if (text.endswith(_CLAUSE_BREAK) or any(stop in text for stop in _FULL_STOPS)
                or c.last_line_width >= full - max(0.25 * full, 4 * c.size)):
            cut += 1
    return cut >= 1 and 2 * cut >= len(filled)


_TOKEN = re.compile(r"[0-9A-Za-z.,/:%()+\-]+")
# (three digits at least before the separator: "1." and "12." number items)
_CUT_NUMBER = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+[.,]|[0-9]{3,}[.,]")
_WHOLE_AMOUNT = re.compile(r"[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)\.[0-9]+%?")
_WHOLE_VALUE = re.compile(r"[0-9]{1,4}(?:\s*[/.\-]\s*[0-9]{1,2}\s*[/.\-]\s*[0-9]{1,2})?")


def _ended_short(part: TablePart, c) -> bool:
    if c is None or c.n_lines != 1 or c.col_span != 1 or not _TOKEN.fullmatch(c.text.strip()):
        return False
    edges = part.col_edges
    if len(edges) == part.n_cols + 1:
        width = edges[c.col + 1] - edges[c.col]
    else:
        width = c.bbox[2] - c.bbox[0]
    return c.last_line_width < 0.6 * width


def _one_line_column(parts: list[TablePart], col: int) -> bool:
    body = [c for p in parts for c in p.raw_cells
            if c.col == col and c.col_span == 1 and c.row >= p.n_header_rows and c.text]
    return len(body) >= 2 and all(c.n_lines == 1 for c in body)


class _Group:
    """The parts of one printed table, found before any is joined: a later part can
    settle what an earlier one left open (see _settle_centred_merges)."""

    def __init__(self, part: TablePart, table_id: str | None):
        self.parts = [part]
        self.table_id = table_id
        self.n_cols = part.n_cols
        self.notes_open = part.notes_open
        self.warnings: list[str] = []
        self.more_notes: list[str] = []
        self.closed = False


def stitch(pages: list, report_id: str) -> list[ExtractedTable]:
    """Logical tables from the page results, in reading order."""
    captions_below = _settle_captions(pages)
    groups: list[_Group] = []
    prev_page_last: _Group | None = None
    prev_page_number = None
    caption_for_next = None
    row_for_next: list = []
    for res in pages:
        page_first = True
        if (captions_below and prev_page_last is not None and prev_page_last.table_id is None
                and prev_page_number == res.number - 1 and _caption_over_the_page(prev_page_last, res, groups)):
            prev_page_last = None
        # the caption left at the foot of the page before names the first table here, when
        # nothing but its own last lines or a unit line stands above that table
        above = [l for l in res.leading_lines if not is_label(l.text)]
        if caption_for_next and res.parts and res.parts[0].caption is None and len(above) <= 2:
            res.parts[0].caption = caption_for_next
        # a row left at the foot of the page before, in the columns of the first table here
        # with nothing between them, is that table's first row
        if (row_for_next and res.parts and not above and prev_page_last is None
                and prev_page_number == res.number - 1 and res.parts[0].caption is None):
            _prepend_row(res.parts[0], row_for_next, res.number - 1)
        for part in res.parts:
            cont = None
            m = cap.caption_match(part.caption) if part.caption else None
            below = cap.caption_match(part.caption_below) if part.caption_below else None
            # "(續)" says which table a part continues, whether printed above or below it; so
            # does its caption printed again at the top of the next page (a caption row
            # repeated with the header)
            continued = m if m and m[1] else below if below and below[1] else None
            if m and not continued and groups and groups[-1].table_id == m[0]:
                # the same number again right after the table (printed with its header
                # where the producer broke the table, on this page or the next): one table
                continued = m
            if continued:
                cont = next((g for g in reversed(groups) if g.table_id == continued[0]), None)
                if cont is not None and cont.n_cols != part.n_cols and not _fit_columns(cont.parts[-1], part):
                    cont.warnings.append(
                        f"continued part on page {part.page} has {part.n_cols} columns, not {cont.n_cols}; kept as its own table")
                    cont = None
                if (cont is not None and below and page_first and prev_page_last is not None
                        and groups[-1] is prev_page_last and _printed_before_its_caption(cont, prev_page_last, part)):
                    # the producer broke this continued part over the page: its caption, under
                    # it, names the lines printed on the page before as well
                    cont.parts.extend(groups.pop().parts)
            elif (part.caption is None and page_first and prev_page_last is not None
                  and prev_page_number == res.number - 1
                  and (prev_page_last.n_cols == part.n_cols or _fit_columns(prev_page_last.parts[-1], part))
                  and not [l for l in res.leading_lines if not prev_page_last.notes_open]):
                cont = prev_page_last
            if cont is None and page_first and _repeats_header(groups, part, res.number):
                cont = groups[-1]
            if cont is None:
                groups.append(_Group(part, m[0] if m else continued[0] if continued else None))
                cont = groups[-1]
            else:
                cont.parts.append(part)
                cont.notes_open = part.notes_open
            if part.caption_below:
                # a caption under a table ends it (and names it, when it had no caption above)
                cont.closed = True
                if cont.table_id is None and below:
                    cont.table_id = below[0]
            page_first = False
        if res.parts:
            last = groups[-1] if groups and groups[-1].parts[-1].page == res.number else None
            # only a table that runs to the end of the page can go on on the next one
            prev_page_last = last if last is not None and not last.closed and not res.after_last_table else None
        elif prev_page_last is not None and prev_page_last.notes_open:
            # notes that run on at the top of the next page
            prev_page_last.more_notes.extend(_continued_notes(res.leading_lines))
            prev_page_last = None
        else:
            prev_page_last = None
        prev_page_number = res.number
        caption_for_next = res.caption_for_next
        row_for_next = res.row_for_next
        if caption_for_next:
            prev_page_last = None  # a new table begins over the page
    tables = []
    for g in groups:
        _settle_centred_merges(g.parts)
        t = _Logical(g.parts[0], g.table_id)
        for part in g.parts[1:]:
            _append(t, part)
        below = next((p.caption_below for p in reversed(g.parts) if p.caption_below), None)
        if t.caption is None and below:
            t.caption = cap.base_caption(below)
        t.warnings.extend(g.warnings)
        t.notes.extend(g.more_notes)
        tables.append(t)
    return _finish(tables, report_id)


def _printed_before_its_caption(table: _Group, g: _Group, part: TablePart) -> bool:
    """`g`, a table of its own so far with no caption or number, is the first page of the
    continued part `part` of `table` whose caption is printed under it: `g` repeats the
    table's header, and `part` is as wide and repeats it again or prints none."""
    if g is table or g.table_id is not None or any(p.caption or p.caption_below for p in g.parts):
        return False
    first, head = table.parts[0], g.parts[0]
    if first.n_header_rows == 0 or head.n_cols != part.n_cols:
        return False
    header = first.grid()[: first.n_header_rows]
    # a repeated header's rows may print in the body's type: its labels tell it
    return _same_header(header, head.grid()[: len(header)]) and (
        part.n_header_rows == 0 or _same_header(header, part.grid()[: len(header)]))


def _repeats_header(groups: list[_Group], part: TablePart, page: int) -> bool:
    """The first part on a page, under no caption of its own, that prints the header of
    the table ending the page before (not closed by a caption under it) again is that
    table going on: producers repeat the header where they break a table, whatever else
    they print above it. On one page, two tables may well share a header."""
    if part.caption is not None or not groups or part.n_header_rows == 0:
        return False
    g = groups[-1]
    first = g.parts[0]
    if g.closed or g.parts[-1].page != page - 1 or first.n_header_rows == 0:
        return False
    header, repeated = first.grid()[: first.n_header_rows], part.grid()[: part.n_header_rows]
    # fitting lays the part out anew: only for a header that reads the same
    if not _same_labels(header, repeated):
        return False
    if first.n_cols != part.n_cols and not _fit_columns(g.parts[-1], part):
        return False
    return _same_header(header, part.grid()[: part.n_header_rows])


def _same_labels(a: list[list[str]], b: list[list[str]]) -> bool:
    """The same labels in each row, in the same order, whatever columns they stand in."""
    def labels(row):
        out = [normalise_label(x) for x in row if x]
        return [x for k, x in enumerate(out) if k == 0 or x != out[k - 1]]
    return len(a) == len(b) and all(labels(x) == labels(y) for x, y in zip(a, b))


def _prepend_row(part: TablePart, foot: list, page: int) -> None:
    """Make the pieces of a row printed on the page before the part's first row, each in
    the column its middle stands over (a label centred over a column may reach past its
    values); unchanged unless the pieces fill two columns or more, each beginning right of
    the table's left edge, and no column gets two pieces side by side."""
    edges = part.col_edges
    if len(edges) != part.n_cols + 1 or min(p.x0 for p in foot) < edges[0] - 2:
        return
    cols: dict[int, list] = {}
    for p in foot:
        middle = (p.x0 + p.x1) / 2
        cols.setdefault(sum(1 for e in edges[1:-1] if e < middle), []).append(p)
    if len(cols) < 2 or any(len({round(p.top) for p in ps}) < len(ps) for ps in cols.values()):
        return
    for c in part.cells + part.raw_cells:
        c.row += 1
    header = all(p.bold for p in foot)
    for k, ps in sorted(cols.items()):
        ps.sort(key=lambda p: p.top)
        part.cells.append(Cell(0, k, 1, 1, join_cell_pieces([p.text for p in ps]), page,
                               boxes=[[page, *p.page_box] for p in ps]))
    part.cells.sort(key=lambda c: (c.row, c.col))
    part.n_rows += 1
    part.n_header_rows = part.n_header_rows + 1 if header else 0


def _fit_columns(prev: TablePart, part: TablePart) -> bool:
    """A part whose column boundaries are some of the previous part's (a column that holds
    no text on this page, or only text spanning it, leaves no gutter of its own) is laid
    out on the previous part's columns: its cells get the columns they stand over. False,
    and the part unchanged, when its boundaries do not fall on the previous part's."""
    old, new = prev.col_edges, part.col_edges
    if len(new) < 3 or len(old) <= len(new) or len(new) != part.n_cols + 1 or len(old) != prev.n_cols + 1:
        return False
    widths = [b - a for a, b in zip(old, old[1:])]
    tol = max(6.0, 0.4 * min(widths))
    index = []
    for x in new:
        k = min(range(len(old)), key=lambda i: abs(old[i] - x))
        if abs(old[k] - x) > tol or (index and k <= index[-1]):
            break
        index.append(k)
    if len(index) == len(new) and index[0] == 0 and index[-1] == len(old) - 1:
        for c in part.cells + part.raw_cells:
            start, end = index[c.col], index[min(c.col + c.col_span, len(index) - 1)]
            c.col, c.col_span = start, end - start
    elif part.strategy != "text" or not _text_on_columns(old, part):
        return False
    part.n_cols, part.col_edges = prev.n_cols, list(old)
    return True


def _text_on_columns(old: list[float], part: TablePart) -> bool:
    """Without rules, a part's column boundaries are the middles of its gutters, and a
    gutter over a column left empty on this page has its middle nowhere near the previous
    part's boundaries (nor have the outer edges, which are where centred text ends). The
    text itself still stands in the previous part's columns: each cell goes to the columns
    its text covers, when every column's text falls left of the next one's (a cell across
    columns, from the first of its first column's to the last of its last one's)."""
    def column_at(x: float) -> int:
        return max(0, min(len(old) - 2, sum(1 for e in old[1:-1] if e <= x)))

    def covered(c) -> tuple[int, int] | None:
        """The first and last of the old columns a one-column cell's text stands over."""
        if not (c.text and c.text_x1 > c.text_x0 and c.col_span == 1):
            return None
        first = column_at(c.text_x0 + 0.5)
        return first, max(first, column_at(c.text_x1 - 0.5))  # a glyph narrower than a point

    under = {id(c): covered(c) for c in part.raw_cells}
    spans: dict[int, tuple[int, int]] = {}
    for c in part.raw_cells:
        if under[id(c)] is not None:
            k0, k1 = under[id(c)]
            lo, hi = spans.get(c.col, (k0, k1))
            spans[c.col] = (min(lo, k0), max(hi, k1))
    if len(spans) != part.n_cols:
        return False
    order = [spans[j] for j in range(part.n_cols)]
    if any(a[1] >= b[0] for a, b in zip(order, order[1:])):
        return False
    raw_of = {id(cell): raw for raw, cell in _raw_and_cells(part)}
    moves = []
    for cell in part.cells:
        raw = raw_of.get(id(cell))
        own = under[id(raw)] if raw is not None else None
        start, stop = own or (spans[cell.col][0], spans[cell.col + cell.col_span - 1][1])
        moves += [(c, start, stop) for c in (cell, raw) if c is not None]
    for c, start, stop in moves:
        c.col, c.col_span = start, stop - start + 1
    return True


def _settle_captions(pages: list) -> None:
    """Captions above or below: a document keeps to one. Its tables with a caption on one
    side only show which; a caption line standing right below one table and right above
    the next then goes to the side the document uses. A caption below that is nobody
    else's stays with its table when it has none above."""
    parts = [p for res in pages for p in res.parts]
    above = sum(1 for p in parts if p.caption and not p.caption_below)
    below = sum(1 for p in parts if p.caption_below and not p.caption)
    captions_below = below > above
    for res in pages:
        for k, p in enumerate(res.parts):
            if p.caption_below is None:
                continue
            nxt = res.parts[k + 1] if k + 1 < len(res.parts) else None
            shared = nxt is not None and nxt.caption_line is not None and nxt.caption_line == p.caption_below_line
            if captions_below:
                if shared:
                    nxt.caption, nxt.caption_line = None, None
            elif shared or p.caption:
                p.caption_below = None
    return captions_below


def _caption_over_the_page(table: "_Group", res, groups: list["_Group"]) -> bool:
    """In a document that prints captions under its tables, a caption that opens a page,
    before any other line of it, names the table that ended the page before with none
    under it: the producer broke the page between a table and its caption. The notes
    and source under the caption go with it; the table on this page loses the caption
    it was given as the nearest one above it. A "(續)" caption makes that table a part
    of the earlier one it continues."""
    lines = res.leading_lines
    if not lines or not cap.caption_match(lines[0].text):
        return False
    n = 1 + len(cap.caption_continues(lines, 0, float("inf")))
    caption, unit = cap.split_unit(join_wrapped([l.text for l in lines[:n]]))
    last = table.parts[-1]
    last.unit = last.unit or unit
    notes, source, _, _ = cap.notes_below(list(enumerate(lines[n:])), lines[n - 1].bottom, set(),
                                          right=max(l.x1 for l in lines))
    last.caption_below = caption
    number, continued = cap.caption_match(caption)
    table.table_id = number
    table.closed = True
    table.more_notes.extend(notes)
    last.source = last.source or source
    first = res.parts[0] if res.parts else None
    if first is not None and first.caption and normalise_label(first.caption).startswith(normalise_label(lines[0].text)[:8]):
        first.caption, first.caption_line = None, None
    earlier = next((g for g in reversed(groups) if g.table_id == number and g is not table), None) if continued else None
    if earlier is not None and table is groups[-1] and (
            earlier.n_cols == last.n_cols or _fit_columns(earlier.parts[-1], table.parts[0])):
        earlier.parts.extend(groups.pop().parts)
        earlier.more_notes.extend(table.more_notes)
        earlier.closed = True
    return True


def _raw_and_cells(part: TablePart):
    """Each cell as read off the page beside the cell made of it (a row printed on the page
    before has no raw cell)."""
    cells = {(c.row, c.col): c for c in part.cells}
    return [(raw, cells[raw.row, raw.col]) for raw in part.raw_cells if (raw.row, raw.col) in cells]


def _settle_centred_merges(parts: list[TablePart]) -> None:
    """Without rules, a value centred on a run of empty slots is either one merged cell
    or a cell of the run's middle row, and one page may not tell which (a group label and
    the value beside its middle row sit alike). The table's other pages decide, column by
    column: where a column keeps empty cells under its values on enough of its pages,
    its values stand on their own rows, and a value spread over empty slots by centring
    alone goes back to the row it is printed on."""
    text = [p for p in parts if p.strategy == "text"]
    if len(text) < 2:
        return
    # the pages vote, column by column: one page with empty cells under a column's values
    # outweighs two whose values tile the column by centring, not three (a page foot
    # that cuts a merge can leave the column untiled on its page, and empty cells in it)
    kept = [_columns_with_empty_cells(p) for p in text]
    spread = [{raw.col for raw, _ in _raw_and_cells(p) if raw.centred_from is not None} for p in text]
    own_rows = {k for k in set().union(*kept)
                if 2 * sum(k in e for e in kept) >= sum(k in s and k not in e for s, e in zip(spread, kept))}
    for p in text:
        for raw, cell in _raw_and_cells(p):
            if raw.centred_from is not None and raw.col in own_rows:
                raw.row, raw.row_span = raw.centred_from
                cell.row, cell.row_span = raw.centred_from


def _columns_with_empty_cells(part: TablePart) -> set[int]:
    """Columns with an empty body slot between their first value and their last (slots
    above the first may be a merge from the previous page; slots under the last, one
    that the page foot cuts, its value set over rows the page does not hold), in a row
    that holds values beside it: a row of one label (a group row, however few columns it
    was read across) says nothing of them."""
    body = part.grid()[part.n_header_rows:]
    shared = [sum(1 for v in row if v) > 1 for row in body]
    out = set()
    for k in range(part.n_cols):
        filled = [i for i, row in enumerate(body) if row[k]]
        if filled and any(not body[i][k] and shared[i] for i in range(filled[0], filled[-1])):
            out.add(k)
    return out


def _continued_notes(lines) -> list[str]:
    out: list[list[str]] = []
    for l in lines:
        if cap.caption_match(l.text):
            break
        if cap.is_note_start(l.text) or cap.is_note_item(l.text) or not out:
            if not out and not (cap.is_note_start(l.text) or cap.is_note_item(l.text)):
                break
            out.append([l.text])
        else:
            out[-1].append(l.text)
    return [join_wrapped(x) for x in out]


def _append(t: _Logical, part: TablePart) -> None:
    grid = part.grid()
    part_header = grid[: part.n_header_rows]
    body = grid[part.n_header_rows:]
    skip = part.n_header_rows
    # without a styled header, the first printed row is the header (see _finish)
    header = t.header or t.rows[:1]
    # a repeated header laid out on the first part's columns may leave a merged label in
    # one of the columns it spanned: its labels, in order, tell it
    if part.n_header_rows == 0 and header and body and _same_labels(header, body[: len(header)]):
        skip = len(header)
        body = body[len(header):]
    elif part_header and not _same_labels(header, part_header):
        if _header_mismatch(header, part_header):
            t.warnings.append(
                f"page {part.page}: the repeated header prints its columns in another order "
                f"({' | '.join(part_header[-1])}) than the first part ({' | '.join(header[-1])}); "
                "data kept as printed under the first part's header")
        else:
            # a header-less part whose first row happened to be bold: keep it as data
            body = grid
            skip = 0
    row_offset = t.n_header + len(t.rows)
    merged_first = False
    if not part.caption and body and t.rows and _row_continues(t.parts, t.last_raw, t.rows, body, part, skip):
        # a row can only be cut by a page break inside one printed table: a part under
        # its own "(續)" caption is a new printed table, so its first row is a new row
        last = t.rows[-1]
        for k, v in enumerate(body[0]):
            if not v:
                continue
            old = last[k]
            joined = join_cell_pieces([old, v])
            prev = t.last_raw.get(k)
            if prev is not None and prev.row_span > 1:
                # the cut cell is a vertical merge: every row it covers gets the whole text
                i = len(t.rows) - 1
                while i >= 0 and t.rows[i][k] == old:
                    t.rows[i][k] = joined
                    i -= 1
            last[k] = joined
            r = 1
            while r < len(body) and body[r][k] == v and _covered_by_merge(part, skip + r, k):
                body[r][k] = joined
                r += 1
        t.warnings.append(f"page {part.page}: first row continues the last row of page {part.page - 1}")
        merged_first = True
        rest = {c.col: c for c in part.cells if c.row <= skip < c.row + c.row_span}
        for c in t.cells:
            if c.row + c.row_span - 1 == row_offset - 1 and body[0][c.col]:
                c.text = last[c.col]
                if c.col in rest:
                    c.boxes.extend(list(b) for b in rest[c.col].boxes)
    # a vertical merge that runs over the page break: its text was printed once, above
    if body and t.rows:
        start = 1 if merged_first else 0
        for k in range(t.n_cols):
            c = t.last_raw.get(k)
            # without rules a merge leaves no trace but empty slots: at the top of a
            # borderless part, a column that every row so far has filled, and that has
            # merged cells (a value repeated down it), is a merge going on
            unruled = (part.strategy == "text" and len(body) > start and all(r[k] for r in t.rows)
                       and any(a[k] == b[k] for a, b in zip(t.rows, t.rows[1:])))
            if c is None or c.row_span < 2 and not _empty_merge_at(part, skip + start, k) and not unruled:
                continue
            r = start
            while r < len(body) and not body[r][k] and _blank_slot_is_merge(part, skip + r, k):
                body[r][k] = t.rows[-1][k]
                r += 1
    for c in part.cells:
        if c.row < skip:
            continue
        r = c.row - skip
        if merged_first and r == 0:
            continue
        new_row = row_offset + r - (1 if merged_first else 0)
        t.cells.append(Cell(new_row, c.col, c.row_span, c.col_span, c.text, c.page, [list(b) for b in c.boxes]))
    t.rows.extend(body[1:] if merged_first else body)
    t.parts.append(part)
    t.notes.extend(n for n in part.notes if n not in t.notes)
    t.source = t.source or part.source
    t.unit = t.unit or part.unit
    t.last_raw = _last_row_raw(part)


def _covering(part: TablePart, row: int, col: int):
    return next((c for c in part.cells
                 if c.col <= col < c.col + c.col_span and c.row <= row < c.row + c.row_span), None)


def _empty_merge_at(part: TablePart, row: int, col: int) -> bool:
    """Is (row, col) inside an empty vertically merged cell (a merge continued from above)?"""
    c = _covering(part, row, col)
    return c is not None and c.row_span > 1 and not c.text


def _covered_by_merge(part: TablePart, row: int, col: int) -> bool:
    c = _covering(part, row, col)
    return c is not None and c.row_span > 1


def _blank_slot_is_merge(part: TablePart, row: int, col: int) -> bool:
    """An empty slot counts as the rest of a merge only if no cell prints text there."""
    return not any(c.col <= col < c.col + c.col_span and c.row <= row < c.row + c.row_span and c.text
                   for c in part.cells)


def _implied_header_rows(cells: list[Cell], n_cols: int, n_rows: int) -> int:
    n = 1
    while n < n_rows - 1:
        top = [c for c in cells if c.row < n and c.row + c.row_span > 0]
        deeper = max((c.row + c.row_span for c in top), default=n)
        grouped = any(1 < c.col_span < n_cols for c in cells if c.row == n - 1)
        new = max(deeper, n + 1 if grouped else n)
        if new == n:
            break
        n = new
    return min(n, max(1, n_rows - 1))


def _finish(tables: list[_Logical], report_id: str) -> list[ExtractedTable]:
    out: list[ExtractedTable] = []
    seen: dict[str, int] = {}
    for t in tables:
        header, rows = t.header, t.rows
        if not header and rows:
            # no styled header: the first printed row is the header, with every row its
            # cells span down into, and a second level under a label spanning columns
            n = _implied_header_rows(t.cells, t.n_cols, len(rows))
            header, rows = rows[:n], rows[n:]
        tid = t.table_id or cap.slug_for(header, rows)
        if tid in seen:
            seen[tid] += 1
            tid = f"{tid}-{seen[tid]}"
        else:
            seen[tid] = 1
        warnings = list(t.warnings)
        first = t.parts[0]
        out.append(ExtractedTable(
            table_id=tid, caption=t.caption, unit=t.unit, notes=t.notes, source=t.source,
            # (a row left at the foot of the page before the first part is printed there)
            page=first.page, pages=sorted({p.page for p in t.parts} | {c.page for c in t.cells}),
            bbox=list(first.bbox),
            header=header, rows=rows, cells=t.cells, warnings=warnings,
            strategy="+".join(sorted({p.strategy for p in t.parts})),
        ))
    return out
