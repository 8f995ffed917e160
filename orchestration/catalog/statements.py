"""The statement catalog (catalog/statements.yml): figures printed only in the running text.

A statement's pattern is matched against the paragraphs of its section, tolerant of
whitespace and full/half-width forms, and exact-or-nothing: zero or several matches is an
error naming the statement, the report and (for zero) the closest sentence, never a guess.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# libyaml's loader where PyYAML was built with it (the catalog is read by every refresh,
# also one with nothing to do): the same safe subset of YAML, several times faster
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

from extractors import ExtractedReport, TextBlock, normalise_label, split_sentences

STATEMENTS_PATH = Path(__file__).resolve().parent / "statements.yml"

# a printed number after NFKC: 551.48, 1,914.68
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_TOKEN = re.compile(r"\{(?P<name>[a-z_][a-z0-9_]*)\}|(?P<any>\.\.\.)")
_YEAR = re.compile(r"^\{(?P<name>[a-z_][a-z0-9_]*)\}(?:\s*(?P<sign>[+-])\s*(?P<delta>\d+))?$")


@dataclass(frozen=True)
class Statement:
    statement: str
    family: str
    section: str
    pattern: str
    figures: dict

    def compiled(self) -> re.Pattern:
        out, pos = [], 0
        text = normalise_label(self.pattern)
        for m in _TOKEN.finditer(text):
            out.append(re.escape(text[pos:m.start()]))
            out.append(f"(?P<{m.group('name')}>{_NUMBER})" if m.group("name") else ".*?")
            pos = m.end()
        out.append(re.escape(text[pos:]))
        return re.compile("".join(out))


@dataclass
class Match:
    statement: Statement
    report_id: str
    status: str  # matched | no_match | ambiguous | section_not_found
    message: str
    n_matches: int = 0
    page: int | None = None
    section: str | None = None
    source_text: str | None = None
    values: dict[str, str] = field(default_factory=dict)  # capture name -> number as printed
    # where it is printed: the paragraph (TextBlock.index), the matched sentences' and each
    # captured number's [start, end) character offsets in the paragraph's text
    block_index: int | None = None
    sentence_span: tuple[int, int] | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


def _normalise_with_map(s: str) -> tuple[str, list[int]]:
    """NFKC without whitespace, and for each character of it the original's index."""
    out, where = [], []
    for i, ch in enumerate(s):
        for n in unicodedata.normalize("NFKC", ch):
            if not n.isspace():
                out.append(n)
                where.append(i)
    return "".join(out), where


def load(path: Path = STATEMENTS_PATH) -> list[Statement]:
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}
    out = [Statement(s["statement"], s["family"], s["section"], s["pattern"], s.get("figures", {}))
           for s in doc.get("statements", [])]
    for s in out:  # a figure naming a capture the pattern lacks is a catalog bug: fail at load
        names = set(s.compiled().groupindex)
        missing = [k for k in s.figures if k not in names]
        for spec in s.figures.values():
            m = _YEAR.match(str(spec.get("year", "")).strip())
            if m and m.group("name") not in names | {"edition"}:
                missing.append(m.group("name"))
        if missing:
            raise ValueError(f"{path}: statement {s.statement}: figures {missing} are not captured by its pattern")
    return out


def section_path(block: TextBlock) -> str:
    return " > ".join(block.section)


def match_report(report: ExtractedReport, family: str | None, statements: list[Statement]) -> list[Match]:
    """Every catalogued statement of this report's family, matched (or not) against its paragraphs."""
    results = []
    paragraphs = [b for b in report.text_blocks if b.kind == "paragraph"]
    for st in statements:
        if st.family != family:
            continue
        section_re = re.compile(normalise_label(st.section))
        in_section = [b for b in paragraphs if section_re.search(normalise_label(">".join(b.section)))]
        if not in_section:
            results.append(Match(st, report.report_id, "section_not_found",
                                 f"statement {st.statement}: no paragraph of {report.report_id} stands in a "
                                 f"section matching {st.section!r}"))
            continue
        pattern = st.compiled()
        hits = []
        for b in in_section:
            norm, where = _normalise_with_map(b.text)
            for m in pattern.finditer(norm):
                hits.append((b, m, where))
        if len(hits) == 1:
            results.append(_matched(st, report.report_id, *hits[0]))
        elif not hits:
            results.append(Match(st, report.report_id, "no_match",
                                 f"statement {st.statement}: its pattern matches no sentence of {report.report_id} "
                                 f"in section {st.section!r}; closest: {_closest(st, in_section)}"))
        else:
            pages = ", ".join(f"p.{b.page}" for b, _, _ in hits)
            results.append(Match(st, report.report_id, "ambiguous",
                                 f"statement {st.statement}: its pattern matches {len(hits)} places in "
                                 f"{report.report_id} ({pages}); make it specific enough to match one",
                                 n_matches=len(hits)))
    return results


def _matched(st: Statement, report_id: str, block: TextBlock, m: re.Match, where: list[int]) -> Match:
    start, end = where[m.start()], where[m.end() - 1] + 1
    sentences = [(s, s + len(t), t) for s, t in split_sentences(block.text)]
    covered = [(s, e, t) for s, e, t in sentences if s < end and e > start]
    spans = {name: (where[m.start(name)], where[m.end(name) - 1] + 1) for name in m.groupdict()}
    values = {name: block.text[a:b] for name, (a, b) in spans.items()}
    page = block.page
    for off, p in block.page_starts:
        if off <= start:
            page = p
    return Match(st, report_id, "matched", f"statement {st.statement}: matched on p.{page}", 1, page,
                 section_path(block), "".join(t for _, _, t in covered), values, block.index,
                 (covered[0][0], covered[-1][1]) if covered else (start, end), spans)


def _closest(st: Statement, blocks: list[TextBlock]) -> str:
    """The sentence (or two neighbouring sentences: a statement may span them) most like
    the pattern's literal text, to show what the report prints instead."""
    literal = normalise_label(_TOKEN.sub("", st.pattern))
    best, score = None, (0.0, 0)
    for b in blocks:
        sentences = [t for _, t in split_sentences(b.text)]
        spans = sentences + ["".join(pair) for pair in zip(sentences, sentences[1:])]
        for s in spans:
            norm = normalise_label(s)
            blocks_ = difflib.SequenceMatcher(None, literal, norm, autojunk=False).get_matching_blocks()
            # how much of the statement's text it holds; the shorter span on a tie
            r = (sum(m.size for m in blocks_) / max(len(literal), 1), -len(norm))
            if r > score:
                best, score = (b.page, s), r
    if best is None:
        return "(no sentence)"
    text = best[1] if len(best[1]) <= 240 else best[1][:237] + "..."
    return f"p.{best[0]} {text!r}"


def figure_rows(match: Match, edition_year: int | None = None) -> list[dict]:
    """One row per captured number: what it means, as the catalog says. A figure whose
    sentence prints no year may name the year relative to the document's edition
    ("{edition}-1": the year before it), so that next year's edition says next year."""
    rows = []
    values = {**match.values, **({"edition": str(edition_year)} if edition_year else {})}
    for name, spec in match.statement.figures.items():
        spec = dict(spec)
        if "{edition}" in str(spec.get("year", "")) and "edition" not in values:
            continue  # its year is the edition's, which this document does not print
        rows.append({
            "figure": name,
            "fact": spec.pop("fact"),
            "metric": spec.pop("metric"),
            "unit_printed": spec.pop("unit", None),
            "year": _year(spec.pop("year", None), values),
            "value_printed": match.values[name],
            "span": match.spans.get(name),
            "dimensions": {k: str(v) for k, v in spec.items()},
        })
    return rows


def _year(spec, values: dict[str, str]) -> int | None:
    if spec is None or isinstance(spec, int):
        return spec
    m = _YEAR.match(str(spec).strip())
    if not m:
        return int(spec)
    if m.group("name") not in values:
        return None  # "{edition}" of a document whose edition is unknown
    year = int(unicodedata.normalize("NFKC", values[m.group("name")]))
    delta = int(m.group("delta") or 0)
    return year + delta if m.group("sign") != "-" else year - delta
