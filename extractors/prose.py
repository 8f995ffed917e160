"""The running text: paragraphs with their section path, sentences, and every printed figure.

The text counterpart of a table's cells. Nothing is interpreted here: a figure is the
number as printed with the unit printed after it (億元, 件, %, 年 …); what it means is the
statement catalog's business (orchestration/statements.py).

Paragraphs are rebuilt from positioned lines: a paragraph ends at a short line, a larger
vertical gap, a change of type size, an indented first line or a list marker, and goes on
across a page break when the page's last line runs to the margin. A list item's wrapped
lines hang at the indent of its text, past the marker, and stay in the item.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from . import captions as cap
from .models import TextBlock, TextFigure
from .text import Line, is_cjk

FIGURE_CAPTION_RE = re.compile(r"^\s*(?:圖|Figure|Fig\.)\s*[0-9０-９]+(?:\s*[-－.．]\s*[0-9０-９]+)*(?![0-9０-９])")
# a list item or numbered paragraph starts a new block: "(3) …", "1. …", "一、…", "- …", "• …"
LIST_MARKER_RE = re.compile(
    r"^\s*(?:[（(][0-9０-９一二三四五六七八九十]{1,3}[)）]|[0-9０-９]{1,2}\s*[.．、](?![0-9０-９])|"
    r"[一二三四五六七八九十]{1,3}\s*、|[-•●■◆▪‧・]\s)")
SENTENCE_END_RE = re.compile(r"(?<=[。！？!?])|(?<=\.)\s+(?=[A-Z(])")

_DIGIT = r"[0-9０-９]"
_NUMBER = rf"{_DIGIT}{{1,3}}(?:[,，]{_DIGIT}{{3}})+(?:[.．]{_DIGIT}+)?|{_DIGIT}+(?:[.．]{_DIGIT}+)?"
# "36萬4,097" is one printed number
_COMPOUND = rf"(?:{_NUMBER})(?:\s*[萬億兆]\s*(?:{_NUMBER})(?=\s*[^0-9０-９.．萬億兆]))?"
_MAGNITUDE = r"(?:百萬|千萬|十億|萬|億|兆|千|百)?"
_UNITS = (
    "美元|歐元|日圓|人民幣|元|人次|人年|人|件次|件|家次|家|案|項|張|篇|場次|場|次|個|位|所|團隊|株|筆|管|"
    "公頃|公噸|噸|公斤|坪|平方公尺|天|日|個月|月|年度|年|小時|倍|成|款|種|例|床|台|座|億|萬|兆|"
    "%|％|‰|percent|million|billion|EUR|USD|€|\\$"
)
_CURRENCY_BEFORE = re.compile(r"(新臺幣|新台幣|臺幣|台幣|美金|NT\$|US\$|USD|EUR|€|\$)\s*$")
FIGURE_RE = re.compile(
    # not part of an identifier (DCB-WH1, TE-1146, COVID-19) nor of a table reference (表 4-2)
    rf"(?<![A-Za-z0-9０-９_\-/.．:])(?P<num>{_COMPOUND})"
    rf"(?:\s*[~～至\-－–]\s*(?P<num2>{_COMPOUND}))?"
    rf"(?![A-Za-z0-9０-９_\-])"
    rf"(?:\s*(?P<unit>{_MAGNITUDE}(?:{_UNITS})))?"
)
_REFERENCE_BEFORE = re.compile(r"(?:表|圖|附錄|第|Table|Figure|Fig\.)\s*$")


@dataclass
class ProseLine(Line):
    """A line of running text, without its characters (kept small across pages)."""

    page: int = 0
    wrap_spaces: bool = False
    # label lines not attached to any table: a figure's caption, unit line or source
    label: str | None = None
    # where a list item's text starts after its marker ("• In …": the x of "I"): the
    # item's wrapped lines hang at that indent
    item_x0: float = 0.0
    # the line's box in the page's own frame (the fields above are in the upright frame
    # page analysis reads a turned page in)
    page_box: tuple[float, float, float, float] | None = None

    @classmethod
    def of(cls, line: Line, page: int, wrap_spaces: bool) -> "ProseLine":
        label = None
        if FIGURE_CAPTION_RE.match(line.text) and len(line.text) <= 90 and "。" not in line.text:
            label = "figure_caption"
        elif cap.caption_match(line.text):
            label = "table_caption"
        elif cap.unit_of(line.text):
            label = "unit"
        elif cap.is_source(line.text):
            label = "source"
        return cls(line.x0, line.x1, line.top, line.bottom, line.text, line.size, line.bold, [],
                   trailing_space=line.trailing_space, baseline=line.baseline, page=page, wrap_spaces=wrap_spaces,
                   label=label, item_x0=_item_x0(line))


def _item_x0(line: Line) -> float:
    m = LIST_MARKER_RE.match(line.text)
    if not m:
        return line.x0
    printed = [c for c in line.chars if c["text"].strip()]
    marker = sum(1 for ch in m.group(0) if not ch.isspace())
    return printed[marker]["x0"] if len(printed) > marker else line.x0


def build_text_blocks(lines: list[ProseLine]) -> list[TextBlock]:
    """Paragraphs and headings in reading order, each with its section path."""
    if not lines:
        return []
    body = statistics.mode(round(l.size) for l in lines if not l.label) if any(not l.label for l in lines) else 10
    margins = _margins(lines)
    groups: list[list[ProseLine]] = []
    for l in lines:
        prev = groups[-1][-1] if groups else None
        if prev is None or not _continues(prev, l, body, margins):
            groups.append([l])
        else:
            groups[-1].append(l)
    blocks: list[TextBlock] = []
    stack: list[tuple[float, bool, str]] = []  # (size, bold, heading text)
    for g in groups:
        first = g[0]
        text = _join(g)
        kind = first.label or ("heading" if _is_heading(g, text, body) else "paragraph")
        if kind == "heading":
            key = (first.size, first.bold)
            # a heading printed again (a cover, then the chapter's first page) is one heading
            if any(s[2] == text for s in stack):
                while stack[-1][2] != text:
                    stack.pop()
                stack.pop()
            while stack and (stack[-1][0], stack[-1][1]) <= key:
                stack.pop()
            section = [s[2] for s in stack]
            stack.append((first.size, first.bold, text))
        else:
            section = [s[2] for s in stack]
        pages = sorted({l.page for l in g})
        on_first = [l for l in g if l.page == first.page]
        bbox = [round(min(l.x0 for l in on_first), 2), round(min(l.top for l in on_first), 2),
                round(max(l.x1 for l in on_first), 2), round(max(l.bottom for l in on_first), 2)]
        starts = _page_starts(g)
        block = TextBlock(len(blocks), kind, text, section, first.page, pages, bbox, [list(s) for s in starts],
                          lines=_line_boxes(g))
        if kind == "paragraph":
            block.sentences, block.figures = _sentences_and_figures(text, starts)
        blocks.append(block)
    return blocks


def _margins(lines: list[ProseLine]) -> dict[int, tuple[float, float]]:
    """Per page, the text column's left edge and right edge."""
    out = {}
    by_page: dict[int, list[ProseLine]] = {}
    for l in lines:
        if not l.label:
            by_page.setdefault(l.page, []).append(l)
    for page, ls in by_page.items():
        lefts = sorted(l.x0 for l in ls)
        rights = sorted(l.x1 for l in ls)
        out[page] = (lefts[0], rights[int(0.8 * (len(rights) - 1))])
    return out


def _continues(prev: ProseLine, l: ProseLine, body: float, margins) -> bool:
    if prev.label or l.label or abs(prev.size - l.size) > 0.6 or prev.bold != l.bold:
        return False
    if LIST_MARKER_RE.match(l.text):
        return False
    left, right = margins.get(prev.page, (prev.x0, prev.x1))
    full = prev.x1 >= right - 2.0 * prev.size
    if not full:
        return False
    if l.page != prev.page:
        nleft = margins.get(l.page, (l.x0, l.x1))[0]
        return l.page == prev.page + 1 and l.x0 <= nleft + 0.5 * l.size
    gap = l.top - prev.bottom
    if gap < -0.5 or gap > 1.5 * prev.size:
        return False
    # an indented first line starts a paragraph; a list item's wrapped lines hang at the
    # indent of its text, past the marker
    return l.x0 <= max(prev.x0, prev.item_x0) + 0.8 * l.size


def _is_heading(group: list[ProseLine], text: str, body: float) -> bool:
    first = group[0]
    if len(group) > 2 or len(text) > 60 or text.rstrip().endswith(("。", "，", "；", ".", ",")):
        return False
    return first.size > body * 1.1 or (first.bold and first.size >= body - 0.5)


def _join(group: list[ProseLine]) -> str:
    """The lines of a paragraph joined as text.join_lines does, except that a line broken
    after a hyphen ("如圖 4-" + "1 所示", "well-" + "known") joins without a space."""
    text = ""
    prev_space = False
    for l in group:
        t = l.text
        if (text and t and not text.endswith(("-", "‐")) and not (is_cjk(text[-1]) or is_cjk(t[0]))
                and (not l.wrap_spaces or prev_space)):
            text += " "
        text += t
        prev_space = l.trailing_space
    return text


def _line_boxes(group: list[ProseLine]) -> list[list[float]]:
    """[character offset in the joined text, page, x0, top, x1, bottom] of each line."""
    out: list[list[float]] = []
    for i, l in enumerate(group):
        start = len(_join(group[: i + 1])) - len(l.text)
        box = l.page_box or (l.x0, l.top, l.x1, l.bottom)
        out.append([start, l.page, *(round(v, 2) for v in box)])
    return out


def _page_starts(group: list[ProseLine]) -> list[tuple[int, int]]:
    """(character offset in the joined text, page) where each page's lines start."""
    out: list[tuple[int, int]] = []
    for i, l in enumerate(group):
        if not out or out[-1][1] != l.page:
            out.append((len(_join(group[:i])), l.page))
    return out


def _page_at(offsets: list[tuple[int, int]], pos: int) -> int:
    page = offsets[0][1]
    for off, p in offsets:
        if off <= pos:
            page = p
    return page


def split_sentences(text: str) -> list[tuple[int, str]]:
    out = []
    start = 0
    for m in SENTENCE_END_RE.finditer(text):
        end = m.start()
        if end > start and text[start:end].strip():
            out.append((start, text[start:end]))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    # leading whitespace is not part of the sentence
    return [(s + len(t) - len(t.lstrip()), t.strip()) for s, t in out]


def figures_in(sentence: str) -> list[tuple[int, int, str, str | None, str | None, str | None]]:
    """(start, end, number, unit, currency, other end of a range) for each printed number."""
    out = []
    for m in FIGURE_RE.finditer(sentence):
        if _REFERENCE_BEFORE.search(sentence[: m.start()]):
            continue  # 表 4-2, 圖 4-1, 第 3 期: references and ordinals, not quantities
        before = _CURRENCY_BEFORE.search(sentence[: m.start()])
        currency = before.group(1) if before else None
        unit = m.group("unit")
        out.append((m.start("num"), m.end("num"), m.group("num"), unit, currency, m.group("num2")))
        if m.group("num2"):
            out.append((m.start("num2"), m.end("num2"), m.group("num2"), unit, currency, m.group("num")))
    return out


def _sentences_and_figures(text: str, offsets: list[tuple[int, int]]) -> tuple[list[str], list[TextFigure]]:
    sentences = []
    figures = []
    marker = LIST_MARKER_RE.match(text)
    for si, (start, sentence) in enumerate(split_sentences(text)):
        sentences.append(sentence)
        for a, b, num, unit, currency, other in figures_in(sentence):
            if marker and start + a < marker.end():
                continue  # the "(3)" of a numbered item
            figures.append(TextFigure(si, num, unit, currency, a, b, _page_at(offsets, start + a), other))
    return sentences, figures
