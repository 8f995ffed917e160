"""Dagster: partitions per report, the inbox sensor, incremental refreshes."""

import shutil

import dagster as dg
import duckdb

from conftest import SAMPLE_INBOX
from orchestration.assets import REPORTS
from orchestration.definitions import defs
from orchestration.refresh import run_refresh
from orchestration.resources import WarehouseResource
from orchestration.sensors import inbox_sensor


def _runs(instance, job_name):
    return instance.get_runs(filters=dg.RunsFilter(job_name=job_name))


def test_incremental_refresh_extracts_only_what_changed(tmp_path):
    from orchestration.paths import WarehousePaths

    paths = WarehousePaths(tmp_path / "warehouse")
    paths.ensure()
    for name in ("intl-alliance-call-2025.pdf", "spark-taiwan.pdf"):
        shutil.copy2(SAMPLE_INBOX / name, paths.inbox / name)
    instance = dg.DagsterInstance.ephemeral()

    first = run_refresh(paths, instance=instance, verbose=False)
    assert first.published and first.metadata["extraction"]["extracted"] == 2
    assert set(instance.get_dynamic_partitions(REPORTS.name)) == {"intl-alliance-call-2025", "spark-taiwan"}
    assert len(_runs(instance, "extract_reports")) == 2

    # nothing changed: no run at all (no extraction, no build)
    second = run_refresh(paths, instance=instance, verbose=False)
    assert second.noop and second.success and second.metadata["extraction"]["extracted"] == 0
    assert len(_runs(instance, "extract_reports")) == 2 and len(_runs(instance, "build_warehouse")) == 1

    # --full re-extracts and reloads everything
    full = run_refresh(paths, instance=instance, full=True, verbose=False)
    assert full.published and full.metadata["extraction"]["extracted"] == 2
    assert full.metadata["raw/documents"]["carried"] == 0
    assert len(_runs(instance, "extract_reports")) == 4

    # a new report: only its partition is extracted, and only it is loaded into the raw
    # layer; the two unchanged reports' rows come over from the published warehouse
    shutil.copy2(SAMPLE_INBOX / "takeoff-action-plan-2013.pdf", paths.inbox / "takeoff-action-plan-2013.pdf")
    third = run_refresh(paths, instance=instance, verbose=False)
    assert third.published, third.failures
    assert third.metadata["extraction"]["extracted"] == 1
    runs = _runs(instance, "extract_reports")
    assert len(runs) == 5 and runs[0].tags.get("dagster/partition") == "takeoff-action-plan-2013"
    raw = third.metadata["raw/documents"]
    assert raw["carried"] == 2 and raw["reports"] == 3 and raw["rows"] == 3
    incremental = _raw_layer(paths.published)
    with duckdb.connect(str(paths.published), read_only=True) as con:
        assert con.execute("select reports_loaded, reports_carried from audit.raw_layer").fetchall() == [(1, 2)]

    # the carried raw layer is the one a full reload builds, row for row
    again = run_refresh(paths, instance=instance, full=True, verbose=False)
    assert again.published and again.metadata["raw/documents"]["carried"] == 0
    assert _raw_layer(paths.published) == incremental


def _raw_layer(db) -> dict:
    """Every raw relation's rows, sorted (load-order independent), without the time of
    extraction (a full refresh extracts again)."""
    with duckdb.connect(str(db), read_only=True) as con:
        out = {}
        for (n,) in con.execute("select table_name from duckdb_tables() where schema_name = 'raw' order by 1").fetchall():
            cols = [c for (c,) in con.execute("select column_name from duckdb_columns() where schema_name = 'raw' "
                                              "and table_name = ? order by column_index", [n]).fetchall()
                    if c != "extracted_at"]
            rows = con.execute(f'select {", ".join(chr(34) + c + chr(34) for c in cols)} from raw."{n}"').fetchall()
            out[n] = sorted(map(repr, rows))
        return out


def test_sensor_requests_a_run_for_the_new_partition_only(tmp_path):
    from orchestration.paths import WarehousePaths

    paths = WarehousePaths(tmp_path / "warehouse")
    paths.ensure()
    shutil.copy2(SAMPLE_INBOX / "spark-taiwan.pdf", paths.inbox / "spark-taiwan.pdf")
    instance = dg.DagsterInstance.ephemeral()
    resources = {"warehouse": WarehouseResource(home=str(paths.home))}

    with dg.build_sensor_context(instance=instance, resources=resources, definitions=defs) as ctx:
        first = inbox_sensor(ctx)
    assert [r.partition_key for r in first.run_requests] == ["spark-taiwan"]
    assert first.dynamic_partitions_requests[0].partition_keys == ["spark-taiwan"]
    instance.add_dynamic_partitions(REPORTS.name, ["spark-taiwan"])

    shutil.copy2(SAMPLE_INBOX / "intl-alliance-call-2025.pdf", paths.inbox / "intl-alliance-call-2025.pdf")
    with dg.build_sensor_context(instance=instance, resources=resources, cursor=first.cursor, definitions=defs) as ctx:
        second = inbox_sensor(ctx)
    assert [r.partition_key for r in second.run_requests] == ["intl-alliance-call-2025"]
    assert second.dynamic_partitions_requests[0].partition_keys == ["intl-alliance-call-2025"]

    with dg.build_sensor_context(instance=instance, resources=resources, cursor=second.cursor, definitions=defs) as ctx:
        third = inbox_sensor(ctx)
    assert third.run_requests == [] and third.dynamic_partitions_requests == []


def test_schedule_and_jobs_are_defined():
    schedule = defs.resolve_schedule_def("daily_inbox_check")
    assert schedule.cron_schedule == "0 6 * * *" and schedule.job_name == "build_warehouse"
    assert defs.resolve_job_def("extract_reports").partitions_def == REPORTS
