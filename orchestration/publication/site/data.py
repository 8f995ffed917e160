"""What the site shows, read from the published warehouse alone."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd


@dataclass
class SiteData:
    refresh: dict | None
    findings: list[dict]  # GX results that did not pass, and dbt tests that warned or failed
    marts: list[dict]  # mart, subject, description, label_zh, rows
    columns: dict[str, list[dict]]  # mart -> column_name, data_type, description, label_zh, unit
    rows: dict[str, pd.DataFrame]
    reports: list[dict]
    tables: dict[tuple[str, str], dict]  # (report, table) -> caption, unit, notes, source, pages
    cells: dict[tuple[str, str], list[dict]]  # every printed box of every table with facts
    sources: pd.DataFrame  # marts.fact_sources
    figures: dict[tuple[str, str], list[dict]]  # (report, statement) -> figure, value, value_printed, page
    statements: dict[tuple[str, str], dict] = field(default_factory=dict)  # page, section, text
    # (report, statement) -> its sentences' lines, once per captured number (is_value: prints it)
    lines: dict[tuple[str, str], list[dict]] = field(default_factory=dict)


def _frame(con, sql: str, params=None) -> pd.DataFrame:
    return con.execute(sql, params or []).df()


def records(df: pd.DataFrame) -> list[dict]:
    """The frame's rows as dicts, None where pandas marks a value missing (NaN, NaT, <NA>)."""
    return [{k: (None if _missing(v) else v) for k, v in r.items()} for r in df.to_dict("records")]


def _missing(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def read_site_data(db: Path) -> SiteData:
    with duckdb.connect(str(db), read_only=True) as con:
        refreshes = records(_frame(con, "select * exclude (inbox, fingerprint) from audit.refreshes "
                                         "order by published_at desc limit 1"))
        refresh = refreshes[0] if refreshes else None
        findings = []
        if refresh:
            for r in records(_frame(con, "select suite, expectation, column_name, severity, observed_value, "
                                          "failing_rows, report_id, table_id from audit.validation_results "
                                          "where run_id = ? and not success order by severity, suite",
                                     [refresh["run_id"]])):
                r["failing_rows"] = json.loads(r["failing_rows"]) if r.get("failing_rows") else []
                r["origin"] = "Great Expectations"
                findings.append(r)
            for r in records(_frame(con, "select test_name as expectation, model, column_name, twbio_severity "
                                          "as severity, failures, message from audit.dbt_test_results "
                                          "where run_id = ? and status <> 'pass'", [refresh["run_id"]])):
                r.update(origin="dbt test", suite=r.pop("model"), failing_rows=[],
                         observed_value=f"{r.pop('failures')} failing rows: {r.pop('message') or ''}")
                findings.append(r)
        marts = records(_frame(con, """
            select m.mart, m.subject, m.description, m.label_zh
            from audit.marts m join duckdb_tables() t on t.schema_name = 'marts' and t.table_name = m.mart
            order by m.subject, m.mart"""))
        columns: dict[str, list[dict]] = defaultdict(list)
        for c in records(_frame(con, "select * from audit.mart_columns order by mart, position")):
            columns[c["mart"]].append(c)
        rows = {m["mart"]: _frame(con, f'select * from marts."{m["mart"]}"') for m in marts}
        for m in marts:
            m["n_rows"] = len(rows[m["mart"]])
        reports = records(_frame(con, "select * from marts.dim_report order by family, edition_year, report_id"))
        sources = _frame(con, "select * from marts.fact_sources")
        tables = {(r["report_id"], r["table_id"]): r for r in records(_frame(con, """
            select report_id, table_id, caption, unit, notes, source, page, pages, strategy, warnings
            from raw.tables where (report_id, table_id) in
                (select distinct report_id, source_table from marts.fact_sources where source_kind = 'table_cell')"""))}
        cells: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for c in records(_frame(con, """
            select * from staging.stg_twbio__cell_boxes where (report_id, table_id) in
                (select distinct report_id, source_table from marts.fact_sources where source_kind = 'table_cell')
            order by report_id, table_id, table_row, table_col""")):
            cells[(c["report_id"], c["table_id"])].append(c)
        figures: dict[tuple[str, str], list[dict]] = defaultdict(list)
        statements: dict[tuple[str, str], dict] = {}
        for f in records(_frame(con, "select report_id, statement_id, figure, value, value_printed, unit_printed, source_page, "
                                      "source_section, source_text from staging.stg_twbio__statement_figures")):
            figures[(f["report_id"], f["statement_id"])].append(f)
            statements[(f["report_id"], f["statement_id"])] = {k: f[k] for k in ("source_page", "source_section",
                                                                                  "source_text")}
        lines: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for l in records(_frame(con, "select * from intermediate.int_statement_figure_lines "
                                     "order by report_id, statement_id, figure, line_index")):
            lines[(l["report_id"], l["statement_id"])].append(l)
    return SiteData(refresh, findings, marts, dict(columns), rows, reports, tables, dict(cells), sources,
                    dict(figures), statements, dict(lines))
