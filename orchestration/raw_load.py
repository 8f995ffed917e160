"""The lossless raw layer: every document, table and cell, traceable to its page.

Loading a report replaces that report's rows in one transaction, so a re-run is a no-op
and a crash leaves either the old rows or the new ones, never half of each.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

import duckdb
import pandas as pd

from extractors.models import ExtractedReport, ExtractedTable

from . import statements as statement_catalog
from .catalog import Catalog, Dataset, map_columns
from .duck import attached, last_recorded, registered, transaction

DDL = """
create schema if not exists raw;
create table if not exists raw.documents (
    report_id varchar primary key,
    file_name varchar not null,
    sha256 varchar not null,
    page_count integer,
    title varchar,
    publisher varchar,
    edition_year integer,
    extractor_version varchar,
    extracted_at timestamp,
    status varchar not null,          -- loaded | quarantined
    error varchar
);
create table if not exists raw.tables (
    report_id varchar not null,
    table_id varchar not null,
    caption varchar,
    unit varchar,
    notes varchar[],
    source varchar,
    page integer,
    pages integer[],
    bbox double[],
    n_header_rows integer,
    n_rows integer,
    n_cols integer,
    warnings varchar[],
    strategy varchar,
    dataset varchar,                  -- catalog dataset, null when uncatalogued
    primary key (report_id, table_id)
);
create table if not exists raw.cells (
    report_id varchar not null,
    table_id varchar not null,
    "row" integer not null,
    col integer not null,
    row_span integer not null,
    col_span integer not null,
    is_header boolean not null,
    text varchar not null,
    page integer not null
);
-- the running text, the prose counterpart of raw.tables / raw.cells
create table if not exists raw.text_blocks (
    report_id varchar not null,
    block_index integer not null,
    kind varchar not null,            -- heading | paragraph | figure_caption | table_caption | unit | source
    section varchar[],                -- the headings above it, outermost first
    text varchar not null,
    page integer not null,
    pages integer[],
    bbox double[],
    primary key (report_id, block_index)
);
create table if not exists raw.text_figures (
    report_id varchar not null,
    block_index integer not null,
    sentence_index integer not null,
    figure_index integer not null,    -- position of the figure within its paragraph
    value_text varchar not null,      -- the number as printed
    unit varchar,                     -- the unit printed after it (億元, 件, %, 年 …)
    currency varchar,                 -- 新臺幣 / US$ … printed before it
    range_with varchar,               -- the other end of a printed range (2~3年)
    page integer not null,
    char_start integer not null,      -- offsets within the sentence
    char_end integer not null,
    section varchar,
    sentence varchar not null
);
-- the statement catalog applied: what each catalogued statement's numbers mean
create table if not exists raw.statement_figures (
    report_id varchar not null,
    statement_id varchar not null,
    figure varchar not null,
    fact varchar not null,
    metric varchar not null,
    year integer,
    value_printed varchar not null,
    unit_printed varchar,
    dimensions json,
    section varchar,
    page integer,
    source_text varchar not null
);
create table if not exists raw.statement_matches (
    report_id varchar not null,
    statement_id varchar not null,
    catalog_report varchar not null,  -- the catalog's report key the statement belongs to
    status varchar not null,          -- matched | no_match | ambiguous | section_not_found
    n_matches integer not null,
    page integer,
    message varchar not null
);
"""

_REPORT_RELATIONS = ["raw.documents", "raw.tables", "raw.cells", "raw.text_blocks", "raw.text_figures",
                     "raw.statement_figures", "raw.statement_matches"]


def report_relations(catalog: Catalog) -> list[str]:
    """Every raw relation that holds rows per report (report_id)."""
    return _REPORT_RELATIONS + [d.relation for d in catalog.datasets]


def ensure_schema(con: duckdb.DuckDBPyConnection, catalog: Catalog) -> None:
    con.execute(DDL)
    for d in catalog.datasets:
        cols = ", ".join(f'"{c.name}" varchar' for c in d.columns)
        con.execute(
            f"create table if not exists {d.relation} (report_id varchar not null, table_id varchar not null, "
            f"source_page integer not null, row_number integer not null, {cols})"
        )


RAW_LAYER_DDL = """
create schema if not exists audit;
create table if not exists audit.raw_layer (
    code_fingerprint varchar not null,  -- extractor version + the code that maps extractions to raw rows
    loaded_at timestamp not null,
    reports_loaded integer not null,    -- read from the extraction cache by this build
    reports_carried integer not null,   -- copied, unchanged, from the published warehouse
    cache_entries json not null,        -- report id -> the extraction cache entries its rows came from
    changed_relations json not null     -- raw relations whose rows differ from the published ones
);
"""


def carry_unchanged(con: duckdb.DuckDBPyConnection, catalog: Catalog, published, fingerprint: str,
                    files: list[tuple[str, str, str]], cache_entries: dict[str, str]) -> set[str]:
    """Copy from the published warehouse the raw rows of every report whose file is
    unchanged, and return their report ids; the build then loads only the others.

    `files`: (report_id, file name, sha256) of the inbox files this build reads;
    `cache_entries`: report id -> its extraction cache entries now. A report is carried
    only if its file and its cache entries are the ones the published rows came from, and
    nothing is carried when the published raw layer was written by other code (another
    extractor version, catalog or loader): `fingerprint` must equal the one it recorded.
    """
    if published is None or not published.exists():
        return set()
    with attached(con, published):
        last = last_recorded(con, "published", "raw_layer", "code_fingerprint, cache_entries", "loaded_at")
        if last is None or last[0] != fingerprint:
            return set()
        loaded_from = json.loads(last[1])
        wanted = set(files)
        keep = sorted(rid for rid, name, sha in con.execute(
            "select report_id, file_name, sha256 from published.raw.documents where status = 'loaded'").fetchall()
            if (rid, name, sha) in wanted and rid in cache_entries and loaded_from.get(rid) == cache_entries[rid])
        if not keep:
            return set()
        with registered(con, "_twbio_keep", pd.DataFrame({"report_id": keep})), transaction(con):
            for rel in report_relations(catalog):
                con.execute(f"insert into {rel} select * from published.{rel} "
                            "where report_id in (select report_id from _twbio_keep)")
        return set(keep)


def carried_counts(con: duckdb.DuckDBPyConnection, catalog: Catalog, report_ids: set[str]) -> dict:
    """The counts load_report returns, for reports carried over unchanged."""
    if not report_ids:
        return {}
    with registered(con, "_twbio_ids", pd.DataFrame({"report_id": sorted(report_ids)})):
        where = "where report_id in (select report_id from _twbio_ids)"
        one = lambda sql: con.execute(sql).fetchall()[0][0]  # noqa: E731
        return {
            "tables": one(f"select count(*) from raw.tables {where}"),
            "catalogued": one(f"select count(*) from raw.tables {where} and dataset is not null"),
            "cells": one(f"select count(*) from raw.cells {where}"),
            "dataset_rows": sum(one(f"select count(*) from {d.relation} {where}") for d in catalog.datasets),
            "text_figures": one(f"select count(*) from raw.text_figures {where}"),
            "statement_figures": one(f"select count(*) from raw.statement_figures {where}"),
            "statement_errors": one(f"select count(*) from raw.statement_matches {where} and status <> 'matched'"),
        }


def changed_relations(con: duckdb.DuckDBPyConnection, catalog: Catalog, published, carried: set[str]) -> list[str]:
    """The raw relations whose rows differ from the published warehouse's: those holding
    rows of a report this build loaded or quarantined, or of a published report it no
    longer has. Every relation when nothing was carried (no published warehouse, other
    raw-layer code, a full refresh)."""
    relations = report_relations(catalog)
    if not carried or published is None or not published.exists():
        return relations
    changed = []
    with registered(con, "_twbio_carried", pd.DataFrame({"report_id": sorted(carried)})), \
            attached(con, published):
        for rel in relations:
            other = "where report_id not in (select report_id from _twbio_carried)"
            if con.execute(f"select exists(select 1 from {rel} {other}) "
                           f"or exists(select 1 from published.{rel} {other})").fetchall()[0][0]:
                changed.append(rel)
    return changed


def record_raw_layer(con: duckdb.DuckDBPyConnection, fingerprint: str, loaded: int, carried: int,
                     cache_entries: dict[str, str], changed: list[str]) -> None:
    con.execute(RAW_LAYER_DDL)
    con.execute("insert into audit.raw_layer values (?, ?, ?, ?, ?, ?)",
                [fingerprint, datetime.now(timezone.utc).replace(tzinfo=None), loaded, carried,
                 json.dumps(cache_entries, ensure_ascii=False), json.dumps(changed)])


def _row_pages(table: ExtractedTable) -> dict[int, int]:
    pages: dict[int, int] = {}
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        for r in range(c.row, c.row + c.row_span):
            pages.setdefault(r, c.page)
    return pages


def load_report(con: duckdb.DuckDBPyConnection, report: ExtractedReport, catalog: Catalog, file_name: str) -> dict:
    """Replace one report's rows in the raw layer. Returns counts for metadata.

    Everything written comes from the extraction (its time included), so loading the
    same extraction twice leaves the raw schema identical.
    """
    report_key = catalog.report_key(report)
    meta = catalog.reports.get(report_key, {}) if report_key else {}
    extracted_at = datetime.fromisoformat(report.extracted_at) if report.extracted_at else datetime.now(timezone.utc)
    counts = {"tables": 0, "catalogued": 0, "cells": 0, "dataset_rows": 0, "warnings": 0}
    with transaction(con):
        _delete_report(con, report.report_id, catalog)
        con.execute(
            "insert into raw.documents values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'loaded', null)",
            [report.report_id, file_name, report.sha256, report.pages, report.title, meta.get("publisher"),
             meta.get("edition_year"), report.extractor_version, extracted_at.replace(tzinfo=None)],
        )
        table_rows, cell_rows = [], []
        for t in report.tables:
            dataset = catalog.dataset_for(report_key, t)
            warnings = list(t.warnings)
            if dataset is not None:
                mapping = map_columns(dataset, t)
                warnings += mapping.warnings
                if mapping.unresolved:
                    warnings.append(f"not loaded into {dataset.relation}: its header does not match the catalog; "
                                    "kept in raw.tables / raw.cells only")
                    dataset = None
                else:
                    counts["dataset_rows"] += _load_dataset(con, report.report_id, t, dataset, mapping.positions)
                    counts["catalogued"] += 1
            counts["warnings"] += len(warnings)
            table_rows.append([
                report.report_id, t.table_id, t.caption, t.unit, t.notes, t.source, t.page, t.pages,
                t.bbox, len(t.header), len(t.rows), t.n_cols, warnings, t.strategy,
                dataset.dataset if dataset else None,
            ])
            n_header = len(t.header)
            for c in t.cells:
                cell_rows.append([report.report_id, t.table_id, c.row, c.col, c.row_span, c.col_span,
                                  c.row < n_header, c.text, c.page])
        _insert(con, "raw.tables", table_rows)
        _insert(con, "raw.cells", cell_rows)
        counts["tables"] = len(table_rows)
        counts["cells"] = len(cell_rows)
        counts.update(_load_text(con, report, catalog, report_key))
    return counts


def _load_dataset(con, report_id: str, t: ExtractedTable, dataset: Dataset, positions: list[int]) -> int:
    pages = _row_pages(t)
    n_header = len(t.header)
    rows = []
    for i, r in enumerate(t.rows):
        values = [r[p] if p < len(r) else None for p in positions]
        rows.append([report_id, t.table_id, pages.get(n_header + i, t.page), i + 1, *values])
    _insert(con, dataset.relation, rows)
    return len(rows)


def _load_text(con, report: ExtractedReport, catalog: Catalog, report_key: str | None) -> dict:
    rid = report.report_id
    blocks, figures = [], []
    for b in report.text_blocks:
        section = " > ".join(b.section)
        blocks.append([rid, b.index, b.kind, b.section, b.text, b.page, b.pages, b.bbox])
        for i, f in enumerate(b.figures):
            figures.append([rid, b.index, f.sentence_index, i, f.text, f.unit, f.currency, f.range_with, f.page,
                            f.start, f.end, section, b.sentences[f.sentence_index]])
    _insert(con, "raw.text_blocks", blocks)
    _insert(con, "raw.text_figures", figures)
    matches = statement_catalog.match_report(report, report_key, list(catalog.statements))
    match_rows, statement_rows = [], []
    for m in matches:
        match_rows.append([rid, m.statement.statement, m.statement.report, m.status, m.n_matches, m.page, m.message])
        if m.status == "matched":
            for r in statement_catalog.figure_rows(m):
                statement_rows.append([rid, m.statement.statement, r["figure"], r["fact"], r["metric"], r["year"],
                                       r["value_printed"], r["unit_printed"],
                                       json.dumps(r["dimensions"], ensure_ascii=False), m.section, m.page,
                                       m.source_text])
    _insert(con, "raw.statement_matches", match_rows)
    _insert(con, "raw.statement_figures", statement_rows)
    return {"text_blocks": len(blocks), "text_figures": len(figures), "statement_figures": len(statement_rows),
            "statement_errors": sum(1 for m in matches if m.status != "matched")}


def _insert(con, relation: str, rows: list[list]) -> None:
    """Rows in the relation's column order, through a DataFrame: one bulk insert instead of
    a statement per row (executemany made the raw load of 50 reports 46 s)."""
    if not rows:
        return
    with registered(con, "_twbio_rows", pd.DataFrame(rows, dtype=object)):
        con.execute(f"insert into {relation} select * from _twbio_rows")


def _delete_report(con, report_id: str, catalog: Catalog) -> None:
    for rel in report_relations(catalog):
        con.execute(f"delete from {rel} where report_id = ?", [report_id])


def record_quarantine(con: duckdb.DuckDBPyConnection, catalog: Catalog, report_id: str, file_name: str,
                      sha256: str, error: str) -> None:
    """A report that failed extraction: its document row says why; it has no tables."""
    with transaction(con):
        _delete_report(con, report_id, catalog)
        con.execute(
            "insert into raw.documents (report_id, file_name, sha256, status, error, extracted_at) "
            "values (?, ?, ?, 'quarantined', ?, ?)",
            [report_id, file_name, sha256, error, None],
        )


def report_from_json(doc: dict) -> ExtractedReport:
    """Rebuild an ExtractedReport from the extraction cache."""
    from extractors.models import Cell, TextBlock, TextFigure

    tables = []
    for t in doc["tables"]:
        cells = [Cell(**c) for c in t["cells"]]
        fields = {k: t[k] for k in ExtractedTable.__dataclass_fields__ if k != "cells"}
        tables.append(ExtractedTable(**fields, cells=cells))
    return ExtractedReport(
        report_id=doc["report_id"], path=doc["path"], sha256=doc["sha256"], pages=doc["pages"],
        title=doc.get("title"), extractor_version=doc["extractor_version"], tables=tables,
        warnings=doc.get("warnings", []), extracted_at=doc.get("extracted_at"),
        text_blocks=[TextBlock(**{**b, "figures": [TextFigure(**f) for f in b.get("figures", [])]})
                     for b in doc.get("text_blocks", [])],
    )


def dumps(report: ExtractedReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False)
