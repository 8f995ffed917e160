"""The lossless raw layer: every document, table and cell, traceable to its page.

Loading a report replaces that report's rows in one transaction, so a re-run is a no-op
and a crash leaves either the old rows or the new ones, never half of each.

A build starts from a copy of the published warehouse when it can (see
orchestration.load.build): the raw layer then already holds every report it was
published with, and only the reports whose file or extraction changed are loaded
again; reports gone from the inbox are deleted. What was loaded, by which code
(extractor, loader and catalog versions), is recorded in audit.raw_layer.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

import duckdb

from extractors import ExtractedReport, ExtractedTable, __version__ as EXTRACTOR_VERSION

from ..catalog import Catalog, Dataset, figure_rows, map_columns, match_report, read_edition
from .duck import has_table, registered, transaction

# Bump when the raw rows written for the same extraction change (columns, mapping rules).
LOADER_VERSION = "4"


def raw_code_version(catalog: Catalog) -> str:
    """What turns extractions into raw rows: the extractor, this loader (its version and
    the shape of the relations it writes) and the catalog."""
    shape = hashlib.sha256(DDL.encode()).hexdigest()[:8]
    return f"extractor {EXTRACTOR_VERSION}; loader {LOADER_VERSION}/{shape}; catalog {catalog.version}"

DDL = """
create schema if not exists raw;
create table if not exists raw.documents (
    report_id varchar primary key,
    file_name varchar not null,
    sha256 varchar not null,
    page_count integer,
    title varchar,
    family varchar,                   -- the catalog's report family, recognised by title or cover
    publisher varchar,
    edition_year integer,             -- read from the document (title, cover); null when it prints none
    edition_published_on date,        -- the publication month printed on the cover, where printed
    edition_evidence varchar,         -- what the edition was read from
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
    page integer not null,
    boxes double[][] not null          -- [page, x0, top, x1, bottom] per page it is printed on (points, top-down)
);
-- which printed column each catalogued dataset column was read from (the catalog's
-- mapping, after any correction by content): a dataset row's value -> its printed cell
create table if not exists raw.dataset_columns (
    report_id varchar not null,
    table_id varchar not null,
    dataset varchar not null,
    column_name varchar not null,
    col integer not null,              -- raw.cells.col (0-based)
    value_type varchar not null,       -- the catalog's type: text | integer | number | percent | year | date | licence
    label_zh varchar not null,
    primary key (report_id, table_id, column_name)
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
-- where each line of the running text is printed: a sentence's lines are those its
-- character range overlaps
create table if not exists raw.text_lines (
    report_id varchar not null,
    block_index integer not null,
    line_index integer not null,
    char_start integer not null,      -- offset in raw.text_blocks.text where the line starts
    page integer not null,
    x0 double not null,
    top double not null,
    x1 double not null,
    bottom double not null,
    primary key (report_id, block_index, line_index)
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
    source_text varchar not null,
    block_index integer,              -- raw.text_blocks / raw.text_lines: the paragraph it is printed in
    char_start integer,               -- the number's [start, end) in the paragraph's text
    char_end integer,
    sentence_start integer,           -- the statement's sentences' [start, end) in the paragraph's text
    sentence_end integer
);
create table if not exists raw.statement_matches (
    report_id varchar not null,
    statement_id varchar not null,
    catalog_family varchar not null,  -- the report family the statement belongs to
    status varchar not null,          -- matched | no_match | ambiguous | section_not_found
    n_matches integer not null,
    page integer,
    message varchar not null
);
"""

_REPORT_RELATIONS = ["raw.documents", "raw.tables", "raw.cells", "raw.dataset_columns", "raw.text_blocks",
                     "raw.text_lines", "raw.text_figures",
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
    code_version varchar not null,      -- extractor, loader and catalog versions (raw_code_version)
    loaded_at timestamp not null,
    reports_loaded integer not null,    -- read from the extraction cache by this build
    reports_kept integer not null,      -- unchanged since the build this one started from
    sources json not null,              -- report id -> [file name, sha256, extraction cache entries]
    changed_relations json not null     -- raw relations whose rows this build changed
);
"""


@dataclass
class RawLayerPlan:
    """Which reports a build loads, keeps and deletes in its raw layer."""

    load: list[str] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)
    reset: bool = True  # the raw layer is (re)built from nothing
    reason: str = ""


def plan_raw_layer(con: duckdb.DuckDBPyConnection, catalog: Catalog, sources: dict[str, list], full: bool) -> RawLayerPlan:
    """`sources`: report id -> [file name, sha256, cache entries] of every report this
    build holds. A report is kept when the raw layer in `con` was loaded from the same
    file and cache entries by the same code; every report is loaded when the code differs
    (or for a full refresh)."""
    reports = sorted(sources)
    last = _last_raw_layer(con)
    if full:
        return RawLayerPlan(load=reports, reason="full refresh")
    if last is None:
        return RawLayerPlan(load=reports, reason="no raw layer to start from")
    if last[0] != raw_code_version(catalog):
        return RawLayerPlan(load=reports, reason="the raw layer was loaded by other code")
    before = json.loads(last[1])
    keep = [r for r in reports if before.get(r) == sources[r]]
    return RawLayerPlan(load=[r for r in reports if r not in keep], keep=keep,
                        delete=sorted(set(before) - set(reports)), reset=False)


def previous_sources(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    """report id -> [file name, sha256, cache entries] the raw layer in `con` was loaded from."""
    last = _last_raw_layer(con)
    return json.loads(last[1]) if last else {}


def mark_previously_published(con: duckdb.DuckDBPyConnection, kept: list[str]) -> None:
    """Which documents the published warehouse held already (the ones this build kept):
    of two copies of one edition, the newcomer is the one to judge. A fact about this
    build, not about the documents, so it is kept in audit, apart from the raw layer."""
    con.execute("create schema if not exists audit")
    con.execute("create or replace table audit.previously_published (report_id varchar not null)")
    _insert(con, "audit.previously_published", [[r] for r in kept])


def hold_back_reports(plan: RawLayerPlan, held: set[str], present: set[str]) -> list[str]:
    """Leave held-back reports out of a build: a report the build already holds (its last
    published rows) keeps them, one it does not hold is not loaded. Returns the reports
    whose published rows are kept."""
    kept = sorted(held & present)
    plan.load = [r for r in plan.load if r not in held]
    plan.keep = sorted(set(plan.keep) | set(kept))
    return kept


HELD_BACK_DDL = """
create schema if not exists audit;
create or replace table audit.held_back (
    report_id varchar not null,
    file_name varchar not null,      -- the inbox file that was held back
    sha256 varchar not null,
    published_rows_kept boolean not null,  -- the warehouse keeps the report's last published rows
    run_id varchar not null,         -- the refresh whose checks held it back
    held_at varchar not null,
    findings json not null           -- suite, expectation, column, failing rows (table, page, row, value)
);
"""


def record_held_back(con: duckdb.DuckDBPyConnection, entries: list, kept: list[str]) -> None:
    con.execute(HELD_BACK_DDL)
    for e in entries:
        con.execute("insert into audit.held_back values (?, ?, ?, ?, ?, ?, ?)",
                    [e.report_id, e.file_name, e.sha256, e.report_id in kept, e.run_id, e.held_at,
                     json.dumps(e.findings, ensure_ascii=False, default=str)])


def _last_raw_layer(con):
    if not has_table(con, "audit", "raw_layer"):
        return None
    rows = con.execute("select code_version, sources from audit.raw_layer order by loaded_at desc limit 1").fetchall()
    return rows[0] if rows else None


def reset_raw_layer(con: duckdb.DuckDBPyConnection, catalog: Catalog) -> None:
    """An empty raw layer in the catalog's current shape."""
    con.execute("drop schema if exists raw cascade")
    ensure_schema(con, catalog)


def delete_reports(con: duckdb.DuckDBPyConnection, catalog: Catalog, report_ids: list[str]) -> None:
    if not report_ids:
        return
    import pandas as pd  # here: the up-to-date check imports this module and loads nothing

    with registered(con, "_twbio_gone", pd.DataFrame({"report_id": report_ids})), transaction(con):
        for rel in report_relations(catalog):
            con.execute(f"delete from {rel} where report_id in (select report_id from _twbio_gone)")


def changed_relations(con: duckdb.DuckDBPyConnection, catalog: Catalog, plan: RawLayerPlan,
                      before: dict[str, set[str]]) -> list[str]:
    """The raw relations whose rows this build changed: every one after a reset; else
    those holding rows of a report it loaded, now or before (`before`: relation -> the
    report ids it held before loading)."""
    relations = report_relations(catalog)
    if plan.reset:
        return relations
    touched = set(plan.load) | set(plan.delete)
    return [rel for rel in relations if touched & (before.get(rel, set()) | _report_ids(con, rel))]


def report_ids_by_relation(con: duckdb.DuckDBPyConnection, catalog: Catalog) -> dict[str, set[str]]:
    return {rel: _report_ids(con, rel) for rel in report_relations(catalog)}


def _report_ids(con, rel: str) -> set[str]:
    return {r[0] for r in con.execute(f"select distinct report_id from {rel}").fetchall()}


def record_raw_layer(con: duckdb.DuckDBPyConnection, catalog: Catalog, plan: RawLayerPlan, sources: dict[str, list],
                     changed: list[str]) -> None:
    con.execute(RAW_LAYER_DDL)
    con.execute("insert into audit.raw_layer values (?, ?, ?, ?, ?, ?)",
                [raw_code_version(catalog), datetime.now(timezone.utc).replace(tzinfo=None), len(plan.load),
                 len(plan.keep), json.dumps(sources, ensure_ascii=False), json.dumps(changed)])


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
    family = catalog.family_of(report)
    meta = catalog.families.get(family, {}) if family else {}
    edition = read_edition(report)
    extracted_at = datetime.fromisoformat(report.extracted_at) if report.extracted_at else datetime.now(timezone.utc)
    counts = {"tables": 0, "catalogued": 0, "cells": 0, "dataset_rows": 0, "warnings": 0}
    with transaction(con):
        _delete_report(con, report.report_id, catalog)
        con.execute(
            "insert into raw.documents values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'loaded', null)",
            [report.report_id, file_name, report.sha256, report.pages, report.title, family, meta.get("publisher"),
             edition.year, edition.published_on, edition.evidence, report.extractor_version,
             extracted_at.replace(tzinfo=None)],
        )
        table_rows, cell_rows, column_rows = [], [], []
        for t in report.tables:
            dataset, ambiguity = catalog.match_dataset(family, t)
            warnings = list(t.warnings) + ([f"not catalogued: {ambiguity}"] if ambiguity else [])
            if dataset is not None:
                mapping = map_columns(dataset, t)
                warnings += mapping.warnings
                if mapping.unresolved:
                    warnings.append(f"not loaded into {dataset.relation}: its header does not match the catalog; "
                                    "kept in raw.tables / raw.cells only")
                    dataset = None
                else:
                    counts["dataset_rows"] += _load_dataset(con, report.report_id, t, dataset, mapping.positions)
                    column_rows += [[report.report_id, t.table_id, dataset.dataset, c.name, p, c.type, c.label_zh]
                                    for c, p in zip(dataset.columns, mapping.positions)]
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
                                  c.row < n_header, c.text, c.page, c.boxes])
        _insert(con, "raw.tables", table_rows)
        _insert(con, "raw.cells", cell_rows)
        _insert(con, "raw.dataset_columns", column_rows)
        counts["tables"] = len(table_rows)
        counts["cells"] = len(cell_rows)
        counts.update(_load_text(con, report, catalog, family, edition.year))
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


def _load_text(con, report: ExtractedReport, catalog: Catalog, family: str | None, edition_year: int | None) -> dict:
    rid = report.report_id
    blocks, figures, lines = [], [], []
    for b in report.text_blocks:
        section = " > ".join(b.section)
        blocks.append([rid, b.index, b.kind, b.section, b.text, b.page, b.pages, b.bbox])
        lines += [[rid, b.index, i, int(start), int(page), *box] for i, (start, page, *box) in enumerate(b.lines)]
        for i, f in enumerate(b.figures):
            figures.append([rid, b.index, f.sentence_index, i, f.text, f.unit, f.currency, f.range_with, f.page,
                            f.start, f.end, section, b.sentences[f.sentence_index]])
    _insert(con, "raw.text_blocks", blocks)
    _insert(con, "raw.text_lines", lines)
    _insert(con, "raw.text_figures", figures)
    matches = match_report(report, family, list(catalog.statements))
    match_rows, statement_rows = [], []
    for m in matches:
        match_rows.append([rid, m.statement.statement, m.statement.family, m.status, m.n_matches, m.page, m.message])
        if m.status == "matched":
            for r in figure_rows(m, edition_year):
                statement_rows.append([rid, m.statement.statement, r["figure"], r["fact"], r["metric"], r["year"],
                                       r["value_printed"], r["unit_printed"],
                                       json.dumps(r["dimensions"], ensure_ascii=False), m.section, m.page,
                                       m.source_text, m.block_index, *(r["span"] or (None, None)),
                                       *(m.sentence_span or (None, None))])
    _insert(con, "raw.statement_matches", match_rows)
    _insert(con, "raw.statement_figures", statement_rows)
    return {"text_blocks": len(blocks), "text_figures": len(figures), "statement_figures": len(statement_rows),
            "statement_errors": sum(1 for m in matches if m.status != "matched")}


def _insert(con, relation: str, rows: list[list]) -> None:
    """Rows in the relation's column order, through a DataFrame: one bulk insert instead of
    a statement per row (executemany made the raw load of 50 reports 46 s)."""
    if not rows:
        return
    import pandas as pd

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
