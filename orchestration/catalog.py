"""The table catalog (catalog/tables.yml): which extracted tables feed which datasets.

Header matching is tolerant of whitespace, full/half-width forms and wrapped header
text; a header that does not match is reported, and mapped by content only where the
data make it unambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from extractors.models import ExtractedReport, ExtractedTable
from extractors.text import normalise_label

CATALOG_PATH = Path(__file__).resolve().parent / "catalog" / "tables.yml"


@dataclass(frozen=True)
class Column:
    name: str
    label_zh: str
    type: str
    unit: str | None = None


@dataclass(frozen=True)
class Dataset:
    dataset: str
    report: str
    table_id: str | None
    caption_pattern: str | None
    family: str
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    unit_printed: str | None = None

    @property
    def relation(self) -> str:
        return f"raw.{self.dataset}"


@dataclass
class Mapping:
    """How one extracted table's columns map onto a dataset's columns."""

    dataset: Dataset
    positions: list[int]  # extracted column index for each dataset column
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Catalog:
    reports: dict
    datasets: tuple[Dataset, ...]

    @classmethod
    def load(cls, path: Path = CATALOG_PATH) -> "Catalog":
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        datasets = []
        for d in doc.get("datasets", []):
            cols = tuple(Column(**c) for c in d["columns"])
            datasets.append(Dataset(
                dataset=d["dataset"], report=d["report"], table_id=str(d["table_id"]) if d.get("table_id") else None,
                caption_pattern=d.get("caption_pattern"), family=d["family"], name=d["name"],
                columns=cols, key=tuple(d.get("key", [])), unit_printed=d.get("unit_printed"),
            ))
        return cls(doc.get("reports", {}), tuple(datasets))

    def report_key(self, report: ExtractedReport) -> str | None:
        """The catalog's report entry for an extracted report: by id, else by title."""
        if report.report_id in self.reports:
            return report.report_id
        for key, meta in self.reports.items():
            pat = meta.get("title_pattern")
            if pat and report.title and re.search(pat, report.title):
                return key
        return None

    def dataset_for(self, report_key: str | None, table: ExtractedTable) -> Dataset | None:
        if report_key is None:
            return None
        for d in self.datasets:
            if d.report != report_key:
                continue
            if d.table_id and d.table_id == table.table_id:
                return d
            if d.caption_pattern and table.caption and re.search(d.caption_pattern, table.caption):
                return d
        return None


def map_columns(dataset: Dataset, table: ExtractedTable) -> Mapping:
    """Match the printed header labels to the dataset's columns.

    The deepest header row is compared label by label; multi-level headers compare the
    joined levels. A label that matches no column, or a column found at another position,
    becomes a warning.
    """
    header = table.header
    labels = []
    for k in range(table.n_cols):
        parts = []
        for row in header:
            v = row[k] if k < len(row) else ""
            if v and (not parts or parts[-1] != v):
                parts.append(v)
        labels.append([normalise_label(p) for p in parts])
    positions: list[int] = []
    warnings: list[str] = []
    for i, col in enumerate(dataset.columns):
        want = normalise_label(col.label_zh)
        hits = [k for k, ls in enumerate(labels) if ls and (ls[-1] == want or "".join(ls) == want or want in ls)]
        if i < len(labels) and i in hits:
            positions.append(i)
        elif hits:
            positions.append(hits[0])
            warnings.append(f"column {col.name} ({col.label_zh}) printed at position {hits[0] + 1}, expected {i + 1}")
        else:
            positions.append(i)
            found = "/".join(labels[i]) if i < len(labels) else "(missing)"
            warnings.append(f"column {col.name}: expected header {col.label_zh!r}, found {found!r}")
    return Mapping(dataset, positions, warnings)
