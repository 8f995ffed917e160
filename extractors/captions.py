"""Recognising the text around a table: caption, unit line, notes and source.

Government reports print a caption above each table (`表 4-2 …`, `表1 …`, or a named
form such as `經費需求表(B005)`), an optional unit line (`單位：…`) and, below the table,
notes (`註：`, `附註：`, `填表說明：`) and a source line (`資料來源：…`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .text import join_wrapped, normalise_label

_NUM = r"[0-9０-９]+(?:\s*[-－–‐.．]\s*[0-9０-９]+)*"
# 表 4-2 … / 表1 … / 表 3-1、… / Table 3: …
CAPTION_RE = re.compile(
    rf"^\s*(?:表|圖表|附表|Table|TABLE)\s*(?P<num>{_NUM})(?![0-9０-９])(?P<rest>.*)$"
)
# 人力需求及配置表(B004) / …送審彙總表 (B006)-106 年度 / 主要績效指標表(全程)(KPI)(B003)
FORM_CAPTION_RE = re.compile(r"^\s*(?P<name>\S.{0,60}?表)\s*(?:[（(][^)）]*[)）]\s*)*?[（(](?P<code>[A-Z]{1,3}\d{2,4})[)）].*$")
HEADING_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+\s*[.．、])")
CONTINUED_RE = re.compile(r"[（(]\s*續\s*(?P<n>[0-9０-９]*)\s*[)）]\s*$")
UNIT_RE = re.compile(r"^\s*[（(]?\s*(?:單\s*位|Unit)\s*[:：]\s*(?P<unit>.+?)\s*[)）]?\s*$")
SOURCE_RE = re.compile(r"^\s*(?:資料來源|來源|Source)\s*[:：]")
NOTE_START_RE = re.compile(r"^\s*(?:附\s*註|備\s*註|註|填表說明|說明|Note|Notes)\s*[一二三四五六七八九十0-9０-９]*\s*[:：]")
# continuation items of a note block: "1. …", "(2) …", "一、…", "＊…"
NOTE_ITEM_RE = re.compile(r"^\s*(?:[0-9０-９]{1,2}\s*[.．、)]|[（(][0-9０-９一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}\s*、|[＊*※])")


def caption_match(text: str):
    """(table number or form code, is_continued) when the line is a table caption."""
    t = unicodedata.normalize("NFC", text.strip())
    m = CAPTION_RE.match(t)
    if m:
        rest = m.group("rest")
        # "表 4-2 顯示…" inside prose is not a caption: prose sentences run long and end in
        # 。, and a line of running text may open on a reference ("表 4-2 所示。其…")
        if len(t) > 90 or "。" in t:
            return None
        num = re.sub(r"\s+", "", unicodedata.normalize("NFKC", m.group("num")))
        num = re.sub(r"[－–‐．]", lambda x: "-" if x.group() != "．" else ".", num)
        return num, bool(CONTINUED_RE.search(rest))
    m = FORM_CAPTION_RE.match(t)
    # "二、主要績效指標表(KPI)(B003)" is a section heading, not a caption
    if m and len(t) <= 80 and not t.endswith("。") and not HEADING_RE.match(t):
        return m.group("code"), bool(CONTINUED_RE.search(t))
    return None


def base_caption(caption: str) -> str:
    """The caption without its "(續 n)" marker."""
    return CONTINUED_RE.sub("", caption).strip()


# a unit printed inside the caption: "表 4-5 首發新藥之申報金額（單位：新臺幣萬元）"
UNIT_IN_CAPTION_RE = re.compile(r"\s*[（(]\s*(?:單\s*位|Unit)\s*[:：]\s*(?P<unit>[^)）]+?)\s*[)）]\s*$")


def split_unit(caption: str) -> tuple[str, str | None]:
    """The caption without a unit printed at its end, and that unit."""
    m = UNIT_IN_CAPTION_RE.search(caption)
    if not m:
        return caption, None
    return caption[:m.start()].rstrip(), m.group("unit")


def unit_of(text: str) -> str | None:
    m = UNIT_RE.match(text)
    return m.group("unit") if m else None


def is_source(text: str) -> bool:
    return bool(SOURCE_RE.match(text))


def is_note_start(text: str) -> bool:
    return bool(NOTE_START_RE.match(text))


def is_note_item(text: str) -> bool:
    return bool(NOTE_ITEM_RE.match(text))


def is_label(text: str) -> bool:
    """A caption, unit line, source or note: text about a table, not in it."""
    return bool(caption_match(text) or unit_of(text) or is_source(text) or is_note_start(text))


def caption_continues(lines, idx: int, limit: float) -> list[int]:
    """The lines a caption (`lines[idx]`) wraps onto: right under it at its line spacing, in
    its type, above `limit` (the table), and not a label of their own. In loose leading a
    centred caption's last line may stand up to a line below: narrower, on its axis."""
    out = []
    prev = lines[idx]
    for i in range(idx + 1, len(lines)):
        l = lines[i]
        gap = l.top - prev.bottom
        centred_end = (gap < prev.size and l.x1 - l.x0 < prev.x1 - prev.x0
                       and abs(l.x0 + l.x1 - prev.x0 - prev.x1) < prev.size)
        if l.bottom > limit + 1 or gap > 0.6 * prev.size and not centred_end or abs(l.size - prev.size) > 0.5:
            break
        if l.bold != prev.bold or is_label(l.text):
            break
        out.append(i)
        prev = l
    return out


def slug_for(header: list[list[str]], rows: list[list[str]]) -> str:
    """A stable id for an uncaptioned table, from what it prints (not where)."""
    basis = header[0] if header else (rows[0] if rows else [])
    key = "|".join(normalise_label(x) for x in basis)
    return "untitled-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


def notes_below(below, table_bottom: float, used: set[int], right: float | None = None):
    """The notes and source printed under a table (or its caption): `below` is the lines
    under it as (index, line), in reading order; the indices read are added to `used`.
    With `right`, the right edge of the text, a line goes on a note only when the line
    before ran out of room there. Returns (notes, source, bottom of the last line read,
    its type size)."""
    notes: list[str] = []
    source = None
    last_bottom = table_bottom
    size = None
    current: list[str] | None = None
    kind = None
    prev_x1 = 0.0
    for i, l in below:
        gap = l.top - last_bottom
        starts = is_note_start(l.text) or is_source(l.text)
        if caption_match(l.text):
            break
        if not starts and not (notes or source):
            break
        if gap > (2.2 if not (notes or source) else 1.2) * l.size:
            break
        if size is not None and l.size > size + 0.6:
            break
        if is_source(l.text):
            _flush_note(notes, current, kind)
            current, kind = [l.text], "source"
            source = None
        elif is_note_start(l.text) or is_note_item(l.text):
            if kind == "source" and current:
                source = join_wrapped(current)
            _flush_note(notes, current, kind)
            current, kind = [l.text], "note"
        else:
            if current is None or (right is not None and prev_x1 < right - 2 * l.size):
                break
            current.append(l.text)
        used.add(i)
        last_bottom, prev_x1 = l.bottom, l.x1
        size = l.size if size is None else size
        if kind == "source":
            source = join_wrapped(current)
    _flush_note(notes, current, kind)
    return notes, source, last_bottom, size


def _flush_note(notes: list[str], current, kind) -> None:
    if kind == "note" and current:
        notes.append(join_wrapped(current))
