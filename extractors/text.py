"""Turning positioned characters into text lines and cell text.

Chinese text wraps without spaces, Latin text wraps at spaces: joining wrapped lines
must add a space only between two non-CJK characters, or "衛達化學製藥" would read
"衛達化學 製藥" and "tadalafil effect" would read "tadalafileffect".
"""

from __future__ import annotations

import functools
import re
import statistics
import unicodedata
from dataclasses import dataclass

CJK_RANGES = (
    (0x2E80, 0x2FFF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3100, 0x312F),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
)
_WS = re.compile(r"\s+")


# Kangxi radicals and CJK radical supplements: some producers' ToUnicode maps a common
# ideograph's glyph to the radical that shares it (⽣ U+2F63 for 生 U+751F, ⺠ U+2EA0 for
# 民 U+6C11); the printed glyph is the ideograph. Kangxi radicals decompose to it under
# NFKC; the supplement block does not, and takes Unicode's Equivalent_Unified_Ideograph
# (EquivalentUnifiedIdeograph.txt, U+2E81..U+2EF3)
_SUPPLEMENT = ("⺁⺂⺃⺄⺅⺆⺇⺈⺉⺊⺋⺌⺍⺎⺏⺐⺑⺒⺓⺔⺕⺖⺗⺘⺙⺛⺜⺝⺞⺟⺠⺡⺢⺣⺤⺥⺦⺧⺨⺩⺪⺫⺬⺭⺮⺯⺰⺱⺲⺳⺴⺵⺶⺷⺸⺹⺺⺻⺼⺽⺾⺿⻀⻁⻂⻃⻄⻅⻆⻇⻈⻉⻊⻋⻌⻍⻎⻏⻐⻑⻒⻓⻔⻕⻖⻗⻘⻙⻚⻛⻜⻝⻞⻟⻠⻡⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲⻳",
               "厂乛乚乙亻冂𠘨刀刂卜㔾小小兀尣尢𡯂巳幺彑彐忄心扌攵旡日月歺母民氵氺灬爫爫丬牛犭王𤴔目示礻𥫗糹纟罓罒㓁冗𦉫羊𦍌𦍋耂肀聿肉𦥑艹艹艹虎衤覀西见角𧢲讠贝𧾷车辶辶辶邑钅長镸长门𨸏阝雨青韦页风飞食𩙿飠饣𩠐马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀龟")
_RADICALS = {**{cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)},
             **{ord(a): b for a, b in zip(*_SUPPLEMENT)}}


def glyph_text(text: str) -> str:
    """A character's text as its glyph reads: radicals standing for ideographs mapped back."""
    return text.translate(_RADICALS) if text else text


# Latin ligatures (U+FB00..U+FB06): one glyph printed for two or three letters
_LIGATURES = {chr(cp): unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFB00, 0xFB07)}


def ligature_letters(text: str) -> str | None:
    """The letters a ligature glyph is printed for ("ﬁ" -> "fi"), None for any other glyph."""
    return _LIGATURES.get(text)


def is_cjk(ch: str) -> bool:
    if not ch:
        return False
    o = ord(ch)
    return any(a <= o <= b for a, b in CJK_RANGES)


def join_wrapped(parts: list[str]) -> str:
    """Join the printed lines of one cell or paragraph."""
    return _join_pieces(parts, lambda before, after: False)


def join_cell_pieces(parts: list[str]) -> str:
    """Join the texts of one cell's printed lines, read apart (rows of a cell split by the
    row finder, or a cell cut by a page break): as join_lines does without the line boxes,
    so a number, date or code wrapped in a narrow column stays one word ("150,0|00")."""
    return _join_pieces(parts, _inside_word)


def _join_pieces(parts: list[str], inside_word) -> str:
    """Texts joined with a space between two non-CJK characters, unless `inside_word`
    says the break between them fell inside a word."""
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(p[0]) or inside_word(out[-1], p[0])):
            out += " "
        out += p
    return out


def clean(s: str) -> str:
    return _WS.sub(" ", s).strip()


def normalise_label(s: str) -> str:
    """Comparison key for header labels: NFKC (full/half width), no whitespace."""
    return _WS.sub("", unicodedata.normalize("NFKC", s or ""))


@dataclass
class Line:
    """A run of characters printed on one baseline within a horizontal span."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float
    bold: bool
    chars: list[dict]
    # the producer printed a space glyph at the end of the line (a wrap at a space)
    trailing_space: bool = False
    # where the glyphs stand (top-down): unlike the top and bottom of their boxes, the same
    # whatever the font, so line spacing is measured on it
    baseline: float = 0.0

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2


@functools.lru_cache(maxsize=256)  # asked of every glyph; a page has a few fonts
def _is_bold(fontname: str) -> bool:
    f = fontname.lower()
    return "bold" in f or "heavy" in f or "black" in f or f.endswith(",b")


def column_gap(size: float) -> float:
    """The least whitespace that sets two columns apart in type of `size` (wider than a
    word space)."""
    return max(2.5, 0.45 * size)


def reads(c: dict) -> int:
    """Which way a glyph's text runs in the frame being read: 0 left to right, 90 up,
    270 down (a label set vertically in a narrow header cell)."""
    if "reads" in c:
        return c["reads"]
    matrix = c.get("matrix")
    if not matrix or c.get("upright", True) or abs(matrix[0]) >= abs(matrix[1]):
        return 0
    return 90 if matrix[1] > 0 else 270


def _vertical_lines(chars: list[dict]) -> list[Line]:
    """Text set vertically: glyphs stacked in one column, read in the direction they run
    (bottom to top for text turned counter-clockwise), one Line per run."""
    out: list[Line] = []
    columns: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (c["x0"] + c["x1"]) / 2):
        if columns and (ch["x0"] + ch["x1"]) / 2 - (columns[-1][-1]["x0"] + columns[-1][-1]["x1"]) / 2 < 0.5 * (
                ch["x1"] - ch["x0"]):
            columns[-1].append(ch)
        else:
            columns.append([ch])
    for col in columns:
        col.sort(key=lambda c: c["top"])
        runs: list[list[dict]] = [[col[0]]]
        for ch in col[1:]:
            prev = runs[-1][-1]
            if ch["top"] - prev["bottom"] > 0.6 * (prev["x1"] - prev["x0"]) or reads(ch) != reads(prev):
                runs.append([ch])
            else:
                runs[-1].append(ch)
        for run in runs:
            ordered = run[::-1] if reads(run[0]) == 90 else run
            vis = [c for c in ordered if c["text"].strip()]
            if not vis:
                continue
            size = statistics.median(c.get("size") or (c["x1"] - c["x0"]) for c in vis)
            out.append(Line(x0=min(c["x0"] for c in vis), x1=max(c["x1"] for c in vis),
                            top=min(c["top"] for c in vis), bottom=max(c["bottom"] for c in vis),
                            text=clean("".join(c["text"] for c in ordered)), size=size,
                            bold=sum(_is_bold(c.get("fontname", "")) for c in vis) > len(vis) / 2,
                            chars=ordered, baseline=max(c["bottom"] for c in vis)))
    return out


def group_lines(chars: list[dict], split_gap: float | None = None) -> list[Line]:
    """Group characters into lines by vertical overlap, left to right; glyphs set
    vertically make lines of their own, read in the direction they run.

    When `split_gap` is given, a line is also cut where two neighbouring characters are
    further apart than that (whitespace columns of a borderless table).
    """
    vertical = [c for c in chars if reads(c)]
    if vertical:
        chars = [c for c in chars if not reads(c)]
        return sorted(group_lines(chars, split_gap) + _vertical_lines(vertical), key=lambda l: (l.top, l.x0))
    rows: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if not rows:
            rows.append([ch])
            continue
        last = rows[-1]
        recent = last[-8:]
        tops = sorted([c["top"] for c in recent])
        half = len(tops) // 2
        ref_top = tops[half] if len(tops) % 2 else (tops[half - 1] + tops[half]) / 2  # their median
        ref_h = max([c["bottom"] - c["top"] for c in recent])
        if abs(ch["top"] - ref_top) <= max(1.5, 0.35 * ref_h):
            last.append(ch)
        else:
            rows.append([ch])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        if split_gap is not None:
            row = _without_leaders(row)
        segs: list[list[dict]] = [[]]
        # the glyph a gap is measured from: the segment's last visible one (a space glyph
        # is part of the text, not a column gap), else its rightmost
        rightmost = last_visible = None
        for ch in row:
            visible = bool(ch["text"].strip())
            if segs[-1] and split_gap is not None:
                prev = last_visible or rightmost
                if ch["x0"] - prev["x1"] > split_gap and visible:
                    segs.append([])
                    rightmost = last_visible = None
            segs[-1].append(ch)
            if rightmost is None or ch["x1"] > rightmost["x1"]:
                rightmost = ch
            if visible:
                last_visible = ch
        for seg in segs:
            line = _make_line(seg)
            if line is not None:
                lines.append(line)
    return lines


_LEADER = set(".．·…‥・")


def without_leaders(chars: list[dict]) -> list[dict]:
    """Glyphs without leader dots, line by line (see _without_leaders)."""
    out: list[dict] = []
    for line in group_lines(chars):
        out.extend(_without_leaders(sorted(line.chars, key=lambda c: c["x0"])))
    return out


def char_runs(chars: list[dict], join: float) -> list[list[dict]]:
    """A line's glyphs in runs, left to right: neighbours closer than `join` make one run,
    and so do two words with space glyphs set edge to edge between them (a space typed
    between two words is part of the text, never the gap between two cells). Runs start
    with a visible glyph; the spaces printed after a run's last glyph go with it."""
    runs: list[list[dict]] = []
    right = float("-inf")  # the last visible glyph's right edge
    spaces: list[dict] = []  # space glyphs set edge to edge after it
    for c in sorted(chars, key=lambda c: c["x0"]):
        if not c["text"].strip():
            end = spaces[-1]["x1"] if spaces else right
            if runs and abs(c["x0"] - end) <= 0.5:
                spaces.append(c)
            continue
        bridged = bool(spaces) and abs(c["x0"] - spaces[-1]["x1"]) <= 0.5
        widened = join
        if runs:
            last = runs[-1][-1]["text"]
            if last in ".:;!?":  # typesetters widen the space after a full stop or a colon
                widened = join * 1.6
            elif is_cjk(last[:1]) != is_cjk(c["text"][:1]):
                # and set Latin letters and figures a little apart from Chinese (autospace)
                widened = max(join, min(0.3 * (c.get("size") or 10.0), 3.5))
        if runs and (c["x0"] - right <= widened or bridged):
            runs[-1].extend(spaces)
            runs[-1].append(c)
            right = max(right, c["x1"])
        else:
            if runs:
                runs[-1].extend(spaces)  # a run's trailing spaces stay with it (a wrap at a space)
            runs.append([c])
            right = c["x1"]
        spaces = []
    if runs:
        runs[-1].extend(spaces)
    return runs


# Chinese fonts set quotes and brackets in a box an em wide with the ink in the half next
# to the text they enclose: the other half is whitespace, and a cell's last quote may
# reach into the padding towards the next cell.
_OPENING = "“‘（「『【《〈〔［｛"
_CLOSING = "”’）」』】》〉〕］｝"


def _em_box(c: dict) -> bool:
    return c["x1"] - c["x0"] >= 0.8 * (c.get("size") or 10.0)


def ink_x0(c: dict) -> float:
    return (c["x0"] + c["x1"]) / 2 if c["text"] in _OPENING and _em_box(c) else c["x0"]


def ink_x1(c: dict) -> float:
    return (c["x0"] + c["x1"]) / 2 if c["text"] in _CLOSING and _em_box(c) else c["x1"]


def split_at(line: Line, edges: list[float], join: float) -> list[Line]:
    """A line cut at the column boundaries (x, left to right) that fall in its whitespace,
    between two of its runs of glyphs (see char_runs). A run that a boundary passes
    through is a cell spanning those columns, and stays whole."""
    runs = char_runs(line.chars, join)
    if len(runs) < 2 or len(edges) < 3:
        return [line]
    runs = [part for run in runs for part in _cut_at_quotes(run, edges[1:-1])]
    pieces: list[list[dict]] = [list(runs[0])]
    for prev, run in zip(runs, runs[1:]):
        end = max(ink_x1(c) for c in prev if c["text"].strip())
        if any(end <= e <= ink_x0(run[0]) for e in edges[1:-1]):
            pieces.append([])
        pieces[-1].extend(run)
    if len(pieces) == 1:
        return [line]
    out = [_make_line(sorted(p, key=lambda c: c["x0"])) for p in pieces]
    return [ln for ln in out if ln is not None]


def _cut_at_quotes(run: list[dict], boundaries: list[float]) -> list[list[dict]]:
    """A run cut where a column boundary falls in the blank half of a quote's box: the
    quote closes one cell's text and the next glyph opens the next cell's."""
    out = [[run[0]]]
    for a, b in zip(run, run[1:]):
        quoted = ink_x1(a) < a["x1"] or ink_x0(b) > b["x0"]
        if quoted and b["text"].strip() and any(ink_x1(a) <= e <= ink_x0(b) for e in boundaries):
            out.append([])
        out[-1].append(b)
    return out


def run_lines(line: Line, join: float) -> list[Line]:
    """A line cut at every gap wider than a word space: one line per run of its glyphs
    (see char_runs)."""
    runs = char_runs(line.chars, join)
    if len(runs) < 2:
        return [line]
    out = [_make_line(sorted(run, key=lambda c: c["x0"])) for run in runs]
    return [ln for ln in out if ln is not None]


def _without_leaders(row: list[dict]) -> list[dict]:
    """A row of glyphs without its leader dots (a run of four or more dots leading the eye
    from a label to its figures): they fill a gutter, and printed nothing a cell holds."""
    out, run = [], []
    for ch in row + [{"text": "", "x0": float("inf"), "x1": float("inf")}]:
        t = ch["text"]
        if t and all(c in _LEADER for c in t) or (run and t == " "):
            run.append(ch)
            continue
        dots = sum(1 for c in run if c["text"].strip())
        if dots < 4:
            out.extend(run)
        run = []
        if ch["text"]:
            out.append(ch)
    return out


def _make_line(seg: list[dict]) -> Line | None:
    vis = [c for c in seg if c["text"].strip()]
    if not vis:
        return None
    text = ""
    prev = None
    for c in seg:
        t = c["text"]
        if prev is not None and t.strip():
            gap = c["x0"] - prev["x1"]
            size = c.get("size") or (c["bottom"] - c["top"])
            # glyph positioning without a space glyph (common in PDF producers that kern):
            # between Latin letters a word space is a fifth of an em or more (a quarter in
            # most faces, less where justification shrinks it), kerning a tenth at most;
            # Chinese has no word spaces, and justified lines spread its glyphs further
            if gap > 0.17 * size and not text.endswith(" ") and (
                    gap > 0.25 * size or not (is_cjk(t[:1]) or is_cjk(prev["text"][:1]))):
                text += " "
        text += t
        prev = c
    sizes = [round(c.get("size") or (c["bottom"] - c["top"]), 1) for c in vis]
    size = statistics.median(sizes)
    bold = sum(_is_bold(c.get("fontname", "")) for c in vis) > len(vis) / 2
    return Line(
        x0=min(c["x0"] for c in vis),
        x1=max(c["x1"] for c in vis),
        top=min(c["top"] for c in vis),
        bottom=max(c["bottom"] for c in vis),
        text=clean(text),
        size=size,
        bold=bold,
        chars=seg,
        trailing_space=not seg[-1]["text"].strip(),
        baseline=statistics.median(_baseline(c) for c in vis),
    )


def _baseline(c: dict) -> float:
    matrix = c.get("matrix")
    if matrix and "y0" in c and "bottom" in c:
        return c["bottom"] - (c["y0"] - matrix[5])
    return c["bottom"]


def join_lines(lines: list[Line], wrap_spaces: bool) -> str:
    """Join printed lines. When the producer prints a space glyph where it wraps at a
    space (`wrap_spaces`), a line without one was broken inside a word ("0805-|P2R",
    "ACERVULIN|A") and is joined without a space. Otherwise, a wrap between two letters is
    taken for a space; one after a slash, a hyphen or an opening bracket, before closing
    punctuation, between two digits, or between a digit and a dash is inside a word
    ("2019/04/|08", "1,35|5.95", "251|-300"): numbers, dates, ranges and codes carry no
    spaces. Lines never break between a comma, semicolon, colon or closing bracket and a
    letter (Unicode line breaking, UAX #14, LB29 and LB30), so a line ending at one before
    a line opening with a letter was broken at a space, printed or not ("Detection,|CADe")."""
    out = ""
    prev_space = False
    prev: Line | None = None
    for ln in lines:
        t = ln.text
        if not t:
            continue
        beside = prev is not None and abs(ln.baseline - prev.baseline) < 0.3 * ln.size and ln.x0 > prev.x1
        if out and beside:
            out += " "  # pieces of one line set apart by whitespace (a cell across a gutter)
        elif out and not (is_cjk(out[-1]) or is_cjk(t[0])):
            if wrap_spaces:
                if prev_space or _broken_at_a_space(out[-1], t[0]):
                    out += " "
            elif not _inside_word(out[-1], t[0]):
                out += " "
        out += t
        prev_space = ln.trailing_space
        prev = ln
    return out


def _broken_at_a_space(before: str, after: str) -> bool:
    return before in ",;:)]" and after.isalpha()


def _inside_word(before: str, after: str) -> bool:
    return (before in "/-‐(（[" or after in "/,.;:)）]%，。；：、" or (before.isdigit() and after.isdigit())
            or (before in ".,:" and after.isdigit()) or (before.isdigit() and after in "-‐–~～"))


def producer_wraps_with_spaces(lines: list[Line]) -> bool:
    """Does this page print a space glyph at the end of lines wrapped at a space?"""
    ends = [ln for ln in lines if ln.x1 - ln.x0 > 60 and ln.text and not is_cjk(ln.text[-1])]
    return bool(ends) and sum(ln.trailing_space for ln in ends) >= max(1, 0.3 * len(ends))
