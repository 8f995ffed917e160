"""The table catalog (catalog/tables.yml): which extracted tables feed which datasets.

Header matching is tolerant of whitespace, full/half-width forms and wrapped header
text; a header that does not match is reported, and mapped by content only where the
data make it unambiguous.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from extractors import ExtractedReport, ExtractedTable, normalise_label

from . import statements as statement_catalog
from .statements import SAFE_LOADER, Statement

CATALOG_PATH = Path(__file__).resolve().parent / "tables.yml"


@dataclass(frozen=True)
class Column:
    name: str
    label_zh: str
    type: str
    unit: str | None = None


@dataclass(frozen=True)
class Dataset:
    dataset: str
    family: str  # the report family (catalog key) whose documents print it
    table_id: str | None
    caption_pattern: str | None
    subject: str  # investment | clinical_trials | approvals | talent | plans
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    unit_printed: str | None = None
    excluded_from_marts: str | None = None
    expected_rows: tuple[int, int] | None = None

    @property
    def relation(self) -> str:
        return f"raw.{self.dataset}"


@dataclass
class Mapping:
    """How one extracted table's columns map onto a dataset's columns."""

    dataset: Dataset
    positions: list[int]  # extracted column index for each dataset column
    warnings: list[str] = field(default_factory=list)
    # a printed label matches no catalogued column, or the column count differs: the
    # table is not loaded into the dataset rather than mis-assigned
    unresolved: bool = False


@dataclass(frozen=True)
class Catalog:
    families: dict
    datasets: tuple[Dataset, ...]
    units: dict = field(default_factory=dict)
    # figures printed only in the running text (catalog/statements.yml)
    statements: tuple[Statement, ...] = ()
    # a digest of the YAML the catalog was read from: what the raw layer was loaded by
    version: str = ""

    @classmethod
    def load(cls, path: Path = CATALOG_PATH, statements_path: Path = statement_catalog.STATEMENTS_PATH) -> "Catalog":
        text = path.read_text(encoding="utf-8")
        version = hashlib.sha256((text + "\0" + statements_path.read_text(encoding="utf-8")).encode()).hexdigest()[:16]
        doc = yaml.load(text, Loader=SAFE_LOADER)
        datasets = []
        for d in doc.get("datasets", []):
            cols = tuple(Column(**c) for c in d["columns"])
            datasets.append(Dataset(
                dataset=d["dataset"], family=d["family"], table_id=str(d["table_id"]) if d.get("table_id") else None,
                caption_pattern=d.get("caption_pattern"), subject=d["subject"], name=d["name"],
                columns=cols, key=tuple(d.get("key", [])), unit_printed=d.get("unit_printed"),
                excluded_from_marts=d.get("excluded_from_marts"),
                expected_rows=tuple(d["expected_rows"]) if d.get("expected_rows") else None,
            ))
        statements = tuple(statement_catalog.load(statements_path))
        families = doc.get("families", {})
        unknown = sorted({s.family for s in statements} - set(families)) + sorted(
            {d.family for d in datasets} - set(families))
        if unknown:
            raise ValueError(f"{path}, {statements_path}: families not in {path}: {unknown}")
        return cls(families, tuple(datasets), doc.get("units", {}), statements, version)

    def family_of(self, report: ExtractedReport) -> str | None:
        """The report family a document belongs to, by what it prints: its title, else the
        text of its first page (a cover). Never by its file name."""
        def search(text):
            return [key for key, meta in self.families.items()
                    if meta.get("title_pattern") and text
                    and re.search(normalise_label(meta["title_pattern"]), normalise_label(text))]

        hits = search(report.title)
        if not hits:
            cover = " ".join(b.text for b in report.text_blocks if b.page == 1)
            hits = search(cover)
        return hits[0] if len(hits) == 1 else None

    def dataset_for(self, family: str | None, table: ExtractedTable) -> Dataset | None:
        return self.match_dataset(family, table)[0]

    def match_dataset(self, family: str | None, table: ExtractedTable) -> tuple[Dataset | None, str | None]:
        """The family's dataset a printed table feeds, by what it says: its caption's words
        and its header; the printed number only breaks a tie (a new edition renumbers its
        tables). Returns (dataset, None), or (None, why) when no dataset or several fit."""
        if family is None:
            return None, None
        scored = []
        for d in (d for d in self.datasets if d.family == family):
            caption = bool(d.caption_pattern and table.caption and re.search(d.caption_pattern, table.caption))
            header = not map_columns(d, table).unresolved
            if caption or header:
                number = bool(d.table_id and d.table_id == table.table_id)
                scored.append(((caption + header, number), d))
        if not scored:
            return None, None
        scored.sort(key=lambda sd: sd[0], reverse=True)
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            names = ", ".join(d.dataset for score, d in scored if score == scored[0][0])
            return None, f"matches several catalogued tables ({names}); kept in raw.tables / raw.cells only"
        return scored[0][1], None


def _levels(label: str) -> list[str]:
    return [normalise_label(x) for x in label.split(">")]


def header_labels(table: ExtractedTable) -> list[list[str]]:
    """Each column's header levels, top to bottom, repeated labels of a merged header
    cell counted once."""
    out = []
    for k in range(table.n_cols):
        parts: list[str] = []
        for row in table.header:
            v = normalise_label(row[k] if k < len(row) else "")
            if v and (not parts or parts[-1] != v):
                parts.append(v)
        out.append(parts)
    return out


_DATE = re.compile(r"^\s*\d{2,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*$")
_LICENCE = re.compile(r"字\s*第|第\s*[A-Z0-9]+\s*號|號\s*$")
_CONTENT = {"date": _DATE, "licence": _LICENCE}


def _share(values: list[str], pattern: re.Pattern) -> float:
    vals = [v for v in values if v and v.strip()]
    return sum(1 for v in vals if pattern.search(v)) / len(vals) if vals else 0.0


def map_columns(dataset: Dataset, table: ExtractedTable) -> Mapping:
    """Match the printed header to the dataset's columns, and check it against the data.

    A label found at another position is used there, with a warning. Where the content
    contradicts the header (a `date` column full of licence numbers and the `licence`
    column full of dates: a swapped header), and the data make the right mapping
    unambiguous, columns are mapped by content, with a warning; never silently.
    """
    labels = header_labels(table)
    positions: list[int] = []
    warnings: list[str] = []
    used: set[int] = set()
    unresolved = False
    for i, col in enumerate(dataset.columns):
        want = _levels(col.label_zh)

        def matches(k):
            ls = labels[k]
            return ls == want or (len(want) == 1 and ls and ls[-1] == want[0]) or "".join(ls) == "".join(want)

        hits = [k for k in range(len(labels)) if matches(k) and k not in used]
        if i < len(labels) and i in hits:
            pos = i
        elif hits:
            pos = hits[0]
            warnings.append(f"column {col.name} ({col.label_zh}) printed at position {pos + 1}, expected {i + 1}")
        else:
            pos = i
            unresolved = True
            found = " > ".join(labels[i]) if i < len(labels) else "(missing)"
            warnings.append(f"header mismatch: column {col.name} expected {col.label_zh!r}, printed {found!r}")
        positions.append(pos)
        used.add(pos)
    if table.n_cols != len(dataset.columns):
        unresolved = True
        warnings.append(f"header mismatch: {table.n_cols} columns printed, catalog has {len(dataset.columns)}")

    # content check: typed columns whose values contradict their header
    column_values = [[r[k] if k < len(r) else "" for r in table.rows] for k in range(table.n_cols)]
    typed = [(i, c) for i, c in enumerate(dataset.columns) if c.type in _CONTENT]
    for i, col in typed:
        pattern = _CONTENT[col.type]
        pos = positions[i]
        if pos < len(column_values) and _share(column_values[pos], pattern) >= 0.5:
            continue
        better = [k for k in range(len(column_values)) if _share(column_values[k], pattern) >= 0.9]
        if len(better) == 1:
            k = better[0]
            other = positions.index(k) if k in positions else None
            positions[i] = k
            if other is not None:
                positions[other] = pos
            warnings.append(f"header mismatch: column {col.name} ({col.label_zh}) mapped by content to printed "
                            f"column {k + 1}: its values are {col.type}s, the header says otherwise")
        else:
            warnings.append(f"column {col.name} ({col.label_zh}): values do not look like {col.type}s "
                            "and no single column does; kept as printed")
    return Mapping(dataset, positions, warnings, unresolved)
