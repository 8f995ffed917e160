"""dbt's own tests, judged like the suites: a failed test is a finding of the reports
its failing rows belong to.

dbt runs every test as a warning that keeps its failing rows (dbt_project.yml:
store_failures), so no test stops the build; audit.dbt_test_results lists them with the
relation that holds those rows. A failure is blocking unless the test's meta says
`twbio_severity: warning`; a failure whose rows name no report (a grain that is not
unique across reports) belongs to no one report and stops the refresh as a whole.
"""

from __future__ import annotations

import json

import duckdb

from .runner import BLOCKING, WARNING, ValidationOutcome


def dbt_test_outcomes(con: duckdb.DuckDBPyConnection, run_id: str) -> list[ValidationOutcome]:
    if not _exists(con, "audit", "dbt_test_results"):
        return []
    out = []
    for test_name, model, column, status, failures, message, relation, severity in con.execute(
            "select test_name, model, column_name, status, failures, message, failures_relation, twbio_severity "
            "from audit.dbt_test_results where run_id = ? and status <> 'pass' order by test", [run_id]).fetchall():
        rows, reports = _failing_rows(con, relation)
        out.append(ValidationOutcome(
            suite="dbt", expectation=test_name, column=column,
            severity=WARNING if severity == "warning" else BLOCKING, success=False,
            observed=json.dumps(f"{failures} failing rows in {model}" if failures is not None else (message or status),
                                ensure_ascii=False),
            failing_rows=rows, reports=reports))
    return out


def _failing_rows(con, relation: str) -> tuple[list[dict], list[str]]:
    schema, _, table = relation.partition(".")
    if not _exists(con, schema, table):
        return [], []
    cursor = con.execute(f'select * from "{schema}"."{table}"')
    names = [d[0] for d in cursor.description]
    records = [dict(zip(names, r)) for r in cursor.fetchall()]
    reports = sorted({str(r["report_id"]) for r in records if r.get("report_id") is not None})
    return [{k: v for k, v in r.items() if v is not None} for r in records[:20]], reports


def _exists(con, schema: str, table: str) -> bool:
    return con.execute("select count(*) from duckdb_tables() where schema_name = ? and table_name = ?",
                       [schema, table]).fetchall()[0][0] > 0
