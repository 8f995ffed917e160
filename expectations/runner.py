"""Running the suites: one GX context per refresh, one result row per expectation.

A suite validates a pandas DataFrame that its SQL query reads from the build warehouse
(GX's SQL path on DuckDB is broken upstream). Arithmetic checks are computed in SQL
(printed value, computed value, whether they agree) and gated by GX, so a failing row
names the table and the row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable

import duckdb
import pandas as pd

BLOCKING = "blocking"
WARNING = "warning"


class _GreatExpectations:
    """great_expectations, imported when a suite's expectations are first built: importing
    it takes seconds, and whatever only names the suites (the Dagster definitions every
    step process loads) should not pay for it."""

    def __getattr__(self, name):
        import great_expectations

        return getattr(great_expectations, name)


gx = _GreatExpectations()


def blocking(expectation):
    expectation.meta = {**(expectation.meta or {}), "severity": BLOCKING}
    return expectation


def warning(expectation):
    expectation.meta = {**(expectation.meta or {}), "severity": WARNING}
    return expectation


@dataclass(frozen=True)
class SuiteSpec:
    name: str
    query: str | Callable[[], str]  # SQL on the build warehouse giving the frame to validate
    row_id: list[str]  # columns that name a failing row in messages
    expectations: Callable[[], list]
    description: str = ""
    # a dataset suite has nothing to check when its report is not in this refresh
    # (row_counts catches a loaded report whose table went missing)
    skip_when_empty: bool = False

    def sql(self) -> str:
        return self.query() if callable(self.query) else self.query


@dataclass
class ValidationOutcome:
    suite: str
    expectation: str
    column: str | None
    severity: str
    success: bool
    observed: str
    failing_rows: list[dict]
    # the reports whose data failed it (every failing row's report; for a table-level
    # expectation, the reports that fail it when validated alone); empty when it passed
    # or when the failure belongs to no one report
    reports: list[str] = field(default_factory=list)

    def describe(self) -> str:
        where = f" on column {self.column}" if self.column else ""
        rows = ""
        if self.failing_rows:
            rows = "; failing rows: " + "; ".join(
                ", ".join(f"{k}={v}" for k, v in r.items()) for r in self.failing_rows[:5])
        return f"[{self.severity}] {self.suite}: {self.expectation}{where} failed (observed {self.observed}){rows}"


def warm_up() -> None:
    """Import Great Expectations in the background (about 4 s: it loads scipy), so that a
    build that starts this while dbt runs in its own process finds it loaded for the gate."""
    import threading

    threading.Thread(target=lambda: __import__("great_expectations"), name="gx-import", daemon=True).start()


class _Context:
    """One GX ephemeral context for the whole refresh: creating one costs about a second."""

    def __init__(self):
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self.gx = gx
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        self.source = self.context.data_sources.add_pandas("twbio")

    def validate(self, spec: SuiteSpec, df: pd.DataFrame, suffix: str = ""):
        gx = self.gx
        name = spec.name + suffix
        batch_def = self.source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("all")
        suite = self.context.suites.add(gx.ExpectationSuite(name=name, meta={"description": spec.description}))
        for e in spec.expectations():
            suite.add_expectation(e)
        vd = self.context.validation_definitions.add(gx.ValidationDefinition(data=batch_def, suite=suite, name=name))
        checkpoint = self.context.checkpoints.add(gx.Checkpoint(
            name=f"{name}-checkpoint", validation_definitions=[vd], actions=[],
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": spec.row_id}))
        result = checkpoint.run(batch_parameters={"dataframe": df})
        return next(iter(result.run_results.values()))


def _failing_rows(res) -> list[dict]:
    rows = (res.result or {}).get("unexpected_index_list") or []
    return [dict(r) for r in rows[:20] if isinstance(r, dict)]


def _failing_reports(res) -> list[str]:
    rows = (res.result or {}).get("unexpected_index_list") or []
    return sorted({str(r["report_id"]) for r in rows if isinstance(r, dict) and r.get("report_id") is not None})


def _key(cfg) -> tuple:
    return (cfg.type, cfg.kwargs.get("column"), str(cfg.kwargs.get("column_list")))


def run_suites(db_path: str, suites: list[SuiteSpec], run_id: str,
               also: list[ValidationOutcome] = ()) -> list[ValidationOutcome]:
    """Validate every suite against the build warehouse and record the results there,
    with `also` (findings judged elsewhere: dbt's tests). People read them in the quality
    pages (expectations/report.py): GX's own Data Docs fetch their scripts from CDNs and
    show nothing offline."""
    ctx = _Context()
    outcomes: list[ValidationOutcome] = []
    with duckdb.connect(db_path, read_only=True) as con:
        frames = {s.name: con.execute(s.sql()).df() for s in suites}
    for spec in suites:
        frame = frames[spec.name]
        if spec.skip_when_empty and frame.empty:
            continue
        result = ctx.validate(spec, frame)
        mine = []
        for r in result.results:
            cfg = r.expectation_config
            res = r.result or {}
            observed = res.get("observed_value")
            if observed is None and res.get("unexpected_count") is not None:
                observed = f"{res['unexpected_count']} unexpected of {res.get('element_count')}"
            mine.append((cfg, ValidationOutcome(
                suite=spec.name, expectation=cfg.type, column=cfg.kwargs.get("column"),
                severity=(cfg.meta or {}).get("severity", BLOCKING), success=bool(r.success),
                observed=json.dumps(observed, ensure_ascii=False, default=str),
                failing_rows=_failing_rows(r), reports=[] if r.success else _failing_reports(r),
            )))
        _attribute_table_failures(ctx, spec, frame, mine)
        outcomes.extend(o for _, o in mine)
    outcomes += list(also)
    record(db_path, run_id, outcomes)
    return outcomes


def _attribute_table_failures(ctx, spec: SuiteSpec, frame: pd.DataFrame, outcomes: list) -> None:
    """A failed expectation about the whole table (its columns, the values it must
    contain) names no row: the suite is validated again on each report's rows alone, and
    the reports that fail it on their own are the ones it belongs to."""
    unattributed = [o for _, o in outcomes if not o.success and not o.reports]
    if not unattributed or "report_id" not in frame.columns or frame["report_id"].nunique() < 2:
        if unattributed and "report_id" in frame.columns and frame["report_id"].nunique() == 1:
            for o in unattributed:
                o.reports = [str(frame["report_id"].iloc[0])]
        return
    failed = {_key(cfg) for cfg, o in outcomes if o in unattributed}
    for report_id, rows in frame.groupby("report_id", sort=True):
        result = ctx.validate(spec, rows.reset_index(drop=True), suffix=f"--{report_id}")
        for r in result.results:
            if not r.success and _key(r.expectation_config) in failed:
                for cfg, o in outcomes:
                    if o in unattributed and _key(cfg) == _key(r.expectation_config):
                        o.reports.append(str(report_id))


AUDIT_DDL = """
create schema if not exists audit;
create table if not exists audit.validation_results (
    run_id varchar not null,
    validated_at timestamp not null default current_timestamp,
    suite varchar not null,
    expectation varchar not null,
    column_name varchar,
    severity varchar not null,
    success boolean not null,
    observed_value varchar,
    failing_rows varchar,
    report_id varchar,
    table_id varchar,
    reports varchar[]              -- every report whose data failed it
);
"""


def record(db_path: str, run_id: str, outcomes: list[ValidationOutcome]) -> None:
    with duckdb.connect(db_path) as con:
        con.execute(AUDIT_DDL)
        con.execute("delete from audit.validation_results where run_id = ?", [run_id])
        rows = []
        for o in outcomes:
            first = o.failing_rows[0] if o.failing_rows else {}
            rows.append([run_id, o.suite, o.expectation, o.column, o.severity, o.success, o.observed,
                         json.dumps(o.failing_rows, ensure_ascii=False, default=str),
                         first.get("report_id") or (o.reports[0] if o.reports else None), first.get("source_table"),
                         o.reports])
        if rows:
            con.execute("alter table audit.validation_results add column if not exists reports varchar[]")
            con.executemany(
                "insert into audit.validation_results (run_id, suite, expectation, column_name, severity, success, "
                "observed_value, failing_rows, report_id, table_id, reports) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows)
