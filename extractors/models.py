"""The extractor's output: logical tables with their cells, captions and provenance.

Everything here is plain data (dataclasses that serialise to the JSON form written by
`twbio extract`); no PDF objects leak out of the extractor.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .grid import RawCell


class ExtractionError(Exception):
    """A file cannot be read as a report. The message names the file and the problem."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass
class Cell:
    """One printed cell before merged values are filled (row indices count header rows first)."""

    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    page: int
    # where it is printed: [page, x0, top, x1, bottom] in the page's own frame (points,
    # top-down), one box per page for a cell continued over a page break
    boxes: list[list[float]] = field(default_factory=list)


@dataclass
class TablePart:
    """What one page prints of a table: a grid of cells plus what surrounds it."""

    page: int
    bbox: tuple[float, float, float, float]
    n_cols: int
    n_rows: int
    n_header_rows: int
    cells: list[Cell]
    strategy: str  # "lines" (ruled grid) or "text" (aligned whitespace)
    caption: str | None = None  # printed above the table, or as its first row
    unit: str | None = None
    notes: list[str] = field(default_factory=list)
    source: str | None = None
    warnings: list[str] = field(default_factory=list)
    # the notes block ran to the bottom of the page and may go on on the next one
    notes_open: bool = False
    # a caption printed right below the table; whether it is this table's or the next
    # one's is the document's convention, settled when the parts are stitched
    caption_below: str | None = None
    # index of the caption line on the page, to tell when two tables could claim one line
    caption_line: int | None = None
    caption_below_line: int | None = None
    caption_below_wraps: list[int] = field(default_factory=list)  # the lines it wraps onto
    # the grid's cells with their geometry, for decisions that need more than text
    # (a row cut by the page break, a value centred on empty slots)
    raw_cells: list["RawCell"] = field(default_factory=list)
    # x of the column boundaries, left to right (n_cols + 1)
    col_edges: list[float] = field(default_factory=list)

    def grid(self) -> list[list[str]]:
        """The filled grid: a merged cell's text repeated in every slot it covers."""
        g = [["" for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, min(c.row + c.row_span, self.n_rows)):
                for k in range(c.col, min(c.col + c.col_span, self.n_cols)):
                    g[r][k] = c.text
        return g


@dataclass
class ExtractedTable:
    table_id: str
    caption: str | None
    unit: str | None
    notes: list[str]
    source: str | None
    page: int
    pages: list[int]
    bbox: list[float]
    header: list[list[str]]
    rows: list[list[str]]
    cells: list[Cell]
    warnings: list[str]
    strategy: str

    @property
    def n_cols(self) -> int:
        return len((self.header or self.rows or [[]])[0])

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["n_cols"] = self.n_cols
        return d


@dataclass
class TextFigure:
    """One number as printed in a sentence, with the unit printed after it."""

    sentence_index: int
    text: str  # the printed number ("1,914.68", "36萬4,097")
    unit: str | None
    currency: str | None  # "新臺幣" printed before the number
    start: int  # character offsets within the sentence
    end: int
    page: int
    range_with: str | None = None  # "2~3年": the other end of a printed range


@dataclass
class TextBlock:
    """A heading, a paragraph, or a label line of the running text."""

    index: int
    kind: str  # heading | paragraph | figure_caption | table_caption | unit | source
    text: str
    section: list[str]  # the headings above it, outermost first
    page: int
    pages: list[int]
    bbox: list[float]  # on the first page
    page_starts: list[list[int]]  # [character offset, page] where each page's part begins
    # where each printed line is: [character offset, page, x0, top, x1, bottom], the box
    # in the page's own frame; a sentence's lines are those its offsets overlap
    lines: list[list[float]] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    figures: list[TextFigure] = field(default_factory=list)


@dataclass
class ExtractedReport:
    report_id: str
    path: str
    sha256: str
    pages: int
    title: str | None
    extractor_version: str
    tables: list[ExtractedTable]
    warnings: list[str] = field(default_factory=list)
    extracted_at: str | None = None  # ISO 8601, UTC
    # the running text: headings, paragraphs (with sentences and printed figures), labels
    text_blocks: list[TextBlock] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (the extraction cache and `twbio extract` write it; from_dict reads it)."""
        return {
            "report_id": self.report_id,
            "path": self.path,
            "sha256": self.sha256,
            "pages": self.pages,
            "title": self.title,
            "extractor_version": self.extractor_version,
            "warnings": self.warnings,
            "extracted_at": self.extracted_at,
            "tables": [t.to_dict() for t in self.tables],
            "text_blocks": [asdict(b) for b in self.text_blocks],
        }

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> "ExtractedReport":
        tables = []
        for t in doc["tables"]:
            fields = {k: t[k] for k in ExtractedTable.__dataclass_fields__ if k != "cells"}
            tables.append(ExtractedTable(**fields, cells=[Cell(**c) for c in t["cells"]]))
        return cls(
            report_id=doc["report_id"], path=doc["path"], sha256=doc["sha256"], pages=doc["pages"],
            title=doc.get("title"), extractor_version=doc["extractor_version"], tables=tables,
            warnings=doc.get("warnings", []), extracted_at=doc.get("extracted_at"),
            text_blocks=[TextBlock(**{**b, "figures": [TextFigure(**f) for f in b.get("figures", [])]})
                         for b in doc.get("text_blocks", [])],
        )
