"""Running the suites: one ephemeral GX context per refresh, one result row per expectation."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

import duckdb
import pandas as pd

BLOCKING = "blocking"
WARNING = "warning"


def blocking(expectation):
    expectation.meta = {**(expectation.meta or {}), "severity": BLOCKING}
    return expectation


def warning(expectation):
    expectation.meta = {**(expectation.meta or {}), "severity": WARNING}
    return expectation


@dataclass(frozen=True)
class SuiteSpec:
    name: str
    relation: str  # schema.table in the build warehouse
    asset: str  # the dbt model (Dagster asset) the suite checks
    row_id: list[str]  # columns that name a failing row in messages
    expectations: Callable[[], list]


@dataclass
class ValidationOutcome:
    suite: str
    expectation: str
    column: str | None
    severity: str
    success: bool
    observed: str
    failing_rows: list[dict]

    def describe(self) -> str:
        where = f" on column {self.column}" if self.column else ""
        rows = ""
        if self.failing_rows:
            rows = "; failing rows: " + "; ".join(
                ", ".join(f"{k}={v}" for k, v in r.items()) for r in self.failing_rows[:5])
        return f"[{self.severity}] {self.suite}: {self.expectation}{where} failed (observed {self.observed}){rows}"


class _Context:
    """One GX ephemeral context for the whole refresh: creating one costs ~1 s."""

    def __init__(self):
        import great_expectations as gx

        from great_expectations.data_context.types.base import ProgressBarsConfig

        self.gx = gx
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        self.source = self.context.data_sources.add_pandas("twbio")

    def validate(self, spec: SuiteSpec, df: pd.DataFrame):
        gx = self.gx
        asset = self.source.add_dataframe_asset(spec.name)
        batch_def = asset.add_batch_definition_whole_dataframe(f"{spec.name}-all")
        suite = self.context.suites.add(gx.ExpectationSuite(name=spec.name))
        for e in spec.expectations():
            suite.add_expectation(e)
        batch = batch_def.get_batch(batch_parameters={"dataframe": df})
        return batch.validate(suite, result_format={"result_format": "COMPLETE",
                                                    "unexpected_index_column_names": spec.row_id})


def _failing_rows(res, spec: SuiteSpec, df: pd.DataFrame) -> list[dict]:
    result = res.result or {}
    rows = result.get("unexpected_index_list") or []
    out = []
    for r in rows[:20]:
        if isinstance(r, dict):
            out.append({k: r.get(k) for k in spec.row_id if k in r} | {
                k: v for k, v in r.items() if k not in spec.row_id})
    return out


def run_suites(db_path: str, suites: list[SuiteSpec], run_id: str) -> list[ValidationOutcome]:
    """Validate every suite against the build warehouse and record the results there."""
    ctx = _Context()
    outcomes: list[ValidationOutcome] = []
    with duckdb.connect(db_path, read_only=True) as con:
        frames = {s.name: con.execute(f"select * from {s.relation}").df() for s in suites}
    for spec in suites:
        result = ctx.validate(spec, frames[spec.name])
        for r in result.results:
            cfg = r.expectation_config
            observed = (r.result or {}).get("observed_value")
            if observed is None and (r.result or {}).get("unexpected_count") is not None:
                observed = f"{r.result['unexpected_count']} unexpected values: {r.result.get('partial_unexpected_list', [])[:5]}"
            outcomes.append(ValidationOutcome(
                suite=spec.name, expectation=cfg.type, column=cfg.kwargs.get("column"),
                severity=(cfg.meta or {}).get("severity", BLOCKING), success=bool(r.success),
                observed=json.dumps(observed, ensure_ascii=False, default=str),
                failing_rows=_failing_rows(r, spec, frames[spec.name]),
            ))
    record(db_path, run_id, outcomes)
    return outcomes


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
    failing_rows varchar
);
"""


def record(db_path: str, run_id: str, outcomes: list[ValidationOutcome]) -> None:
    with duckdb.connect(db_path) as con:
        con.execute(AUDIT_DDL)
        con.execute("delete from audit.validation_results where run_id = ?", [run_id])
        if outcomes:
            con.executemany(
                "insert into audit.validation_results (run_id, suite, expectation, column_name, severity, success, "
                "observed_value, failing_rows) values (?, ?, ?, ?, ?, ?, ?, ?)",
                [[run_id, o.suite, o.expectation, o.column, o.severity, o.success, o.observed,
                  json.dumps(o.failing_rows, ensure_ascii=False, default=str)] for o in outcomes],
            )
