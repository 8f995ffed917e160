"""Dagster is the only runner: every refresh is a run on the warehouse's own instance,
with partitions per report, check results, and builds that rebuild only what changed."""

import os
import shutil

import dagster as dg
import duckdb
import pytest

from conftest import SAMPLE_INBOX
from orchestration.cli.instance import open_instance
from orchestration.cli.refresh import run_refresh
from orchestration.cli.status import status_report
from orchestration.definitions import defs
from orchestration.defs.automation import build_after_extractions
from orchestration.defs.extract import REPORTS, inbox_sensor
from orchestration.defs.resources import WarehouseResource
from orchestration.defs.transform.assets import selection
from orchestration.paths import WarehousePaths


def _runs(instance, job_name):
    return instance.get_runs(filters=dg.RunsFilter(job_name=job_name))


def test_incremental_refresh_rebuilds_only_what_changed(tmp_path):
    paths = WarehousePaths(tmp_path / "warehouse")
    paths.ensure()
    for name in ("intl-alliance-call-2025.pdf", "spark-taiwan.pdf"):
        shutil.copy2(SAMPLE_INBOX / name, paths.inbox / name)

    first = run_refresh(paths, verbose=False)
    assert first.published and first.metadata["extraction"]["extracted"] == 2, first.failures
    with open_instance(paths) as instance:
        assert set(instance.get_dynamic_partitions(REPORTS.name)) == {"intl-alliance-call-2025", "spark-taiwan"}
        assert len(_runs(instance, "extract_reports")) == 1 and len(_runs(instance, "build_warehouse")) == 1

    # nothing changed: no run at all (no extraction, no build)
    second = run_refresh(paths, verbose=False)
    assert second.noop and second.success and second.metadata["extraction"]["extracted"] == 0
    last = status_report(paths)[-1]
    assert "nothing to do" in last and "FAILED" not in last
    with open_instance(paths) as instance:
        assert len(_runs(instance, "extract_reports")) == 1 and len(_runs(instance, "build_warehouse")) == 1

    # a new report: only it is extracted and loaded; the unchanged reports' raw rows and
    # the models that do not depend on what changed stay as published
    shutil.copy2(SAMPLE_INBOX / "takeoff-action-plan-2013.pdf", paths.inbox / "takeoff-action-plan-2013.pdf")
    third = run_refresh(paths, verbose=False)
    assert third.published, third.failures
    assert third.metadata["extraction"]["extracted"] == 1
    raw = third.metadata["raw/documents"]
    assert (raw["loaded"], raw["kept"], raw["reports"]) == (1, 2, 3)
    kept = {k for k, m in third.metadata.items() if m.get("rebuilt") is False}
    assert "marts/dim_industry_segment" in kept  # reads only the white paper's tables
    assert "marts/dim_report" not in kept and "marts/fct_plan_targets" not in kept
    with open_instance(paths) as instance:
        extraction = _runs(instance, "extract_reports")[0]
        assert extraction.tags["twbio/reports"] == "takeoff-action-plan-2013"
    incremental = _warehouse(paths.published)

    # the incremental build is the build a full refresh makes, relation for relation
    again = run_refresh(paths, full=True, verbose=False)
    assert again.published and again.metadata["raw/documents"]["kept"] == 0
    assert not any(m.get("rebuilt") is False for m in again.metadata.values())
    assert _warehouse(paths.published) == incremental


def _warehouse(db) -> dict:
    """Every relation outside audit: kind, comment, columns (type, nullability, comment),
    constraints and rows, sorted (load-order independent), without the time of extraction
    (a full refresh extracts again)."""
    with duckdb.connect(str(db), read_only=True) as con:
        out = {}
        for schema, name, kind, comment in con.execute(
                "select schema_name, table_name, 'table', comment from duckdb_tables() where schema_name <> 'audit' "
                "union all select schema_name, view_name, 'view', comment from duckdb_views() "
                "where not internal and schema_name <> 'audit'").fetchall():
            columns = con.execute("select column_name, data_type, is_nullable, comment from duckdb_columns() "
                                  "where schema_name = ? and table_name = ? order by column_index",
                                  [schema, name]).fetchall()
            constraints = con.execute("select constraint_type, constraint_column_names from duckdb_constraints() "
                                      "where schema_name = ? and table_name = ? order by all", [schema, name]).fetchall()
            kept = ", ".join(f'"{c}"' for c, *_ in columns if c != "extracted_at")
            rows = con.execute(f'select {kept} from "{schema}"."{name}"').fetchall()
            out[f"{schema}.{name}"] = (kind, comment, columns, constraints, sorted(map(repr, rows)))
        assert any(k.startswith("marts.") for k in out) and any(k.startswith("raw.") for k in out)
        return out


def test_a_cli_refresh_is_a_run_with_materializations_and_checks(make_home):
    """What `make dev` shows: the run, each asset's materialization, each GX suite as an
    asset check, warnings as WARN (the white paper prints averages its totals do not give)."""
    paths = make_home("whitepaper-2025-ch4.pdf")
    res = run_refresh(paths, verbose=False)
    assert res.published, res.failures
    with open_instance(paths) as instance:
        run = instance.get_run_by_id(res.run_id)
        assert run.status == dg.DagsterRunStatus.SUCCESS and run.tags["twbio/launched_by"] == "cli"
        for key in ("raw/documents", "marts/fct_drug_review_performance", "validated_warehouse",
                    "published_warehouse", "warehouse_exports"):
            event = instance.get_latest_materialization_event(dg.AssetKey.from_user_string(key))
            assert event is not None and event.run_id == res.run_id, key
        checks = {}
        for e in instance.all_logs(res.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION):
            data = e.dagster_event.event_specific_data
            checks[data.check_name] = (data.passed, data.severity)
    assert checks["gx_row_counts"] == (True, dg.AssetCheckSeverity.ERROR)
    assert checks["gx_printed_arithmetic"] == (False, dg.AssetCheckSeverity.WARN)
    assert all(passed for passed, sev in checks.values() if sev == dg.AssetCheckSeverity.ERROR)


def test_the_sensors_start_one_extraction_and_one_build_for_a_batch(tmp_path, extracted_samples, monkeypatch):
    """Five reports dropped in: one extraction run (a step per report), then one build,
    which also publishes to PostgreSQL when a server is configured."""
    names = ["whitepaper-2025-ch4.pdf", "takeoff-action-plan-2013.pdf", "intl-alliance-plan-2017.pdf",
             "intl-alliance-call-2025.pdf", "spark-taiwan.pdf"]
    paths = WarehousePaths(tmp_path / "warehouse")
    paths.ensure()
    for name in names:
        shutil.copy2(SAMPLE_INBOX / name, paths.inbox / name)
    url = os.environ.get("TWBIO_TEST_POSTGRES_URL")
    if url:
        monkeypatch.setenv("TWBIO_POSTGRES_URL", url)
    from orchestration import definitions

    resources = {"warehouse": WarehouseResource(home=str(paths.home))}
    run_config = {"resources": {"warehouse": {"config": {"home": str(paths.home)}}}}
    with open_instance(paths) as instance:
        with dg.build_sensor_context(instance=instance, resources=resources, definitions=defs()) as ctx:
            tick = inbox_sensor(ctx)
        assert len(tick.run_requests) == 1
        request = tick.run_requests[0]
        assert sorted(request.run_config["ops"]["reports_to_extract"]["config"]["report_ids"]) == sorted(
            n[:-4] for n in names)
        instance.add_dynamic_partitions(REPORTS.name, tick.dynamic_partitions_requests[0].partition_keys)
        # the extraction steps read the session's cache: what is under test is the wiring
        cache, _ = extracted_samples
        for cached in cache.extracted.glob("*.json"):
            shutil.copy2(cached, paths.extracted / cached.name)
        with dg.execute_job(dg.reconstructable(definitions.extract_reports_job), instance=instance,
                            run_config={**run_config, **request.run_config}, tags=request.tags) as extraction:
            assert extraction.success
            steps = {e.step_key for e in extraction.all_events if e.is_step_success}
            assert sum(1 for s in steps if s.startswith("extract_report")) == 5

        with dg.build_sensor_context(instance=instance, definitions=defs()) as ctx:
            build_tick = build_after_extractions(ctx)
        assert len(build_tick.run_requests) == 1
        with dg.build_sensor_context(instance=instance, cursor=build_tick.cursor, definitions=defs()) as ctx:
            assert isinstance(build_after_extractions(ctx), dg.SkipReason)  # one build for the batch

        with dg.execute_job(dg.reconstructable(definitions.build_warehouse_job), instance=instance,
                            run_config=run_config, tags=build_tick.run_requests[0].tags) as build:
            assert build.success
            materialized = {e.asset_key.to_user_string() for e in build.get_asset_materialization_events()}
        assert {"published_warehouse", "warehouse_exports"} <= materialized
        assert ("postgres_marts" in materialized) == bool(url)
        assert len(_runs(instance, "build_warehouse")) == 1
    with duckdb.connect(str(paths.published), read_only=True) as con:
        assert con.execute("select count(*) from raw.documents where status = 'loaded'").fetchone()[0] == 5
    if url:
        import psycopg

        with psycopg.connect(url) as pg, pg.cursor() as cur:
            cur.execute("select count(*) from twbio.fct_drug_review_performance")
            assert cur.fetchone()[0] == 10


def _rabbitmq_up() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 5672), timeout=2).close()
        return True
    except OSError:
        return False


def test_extraction_runs_unchanged_on_celery_workers(tmp_path, extracted_samples):
    """The same job on dagster-celery's executor: a worker started here takes the steps
    from RabbitMQ, extracts two reports and records them in the warehouse's instance."""
    pytest.importorskip("dagster_celery")
    if not _rabbitmq_up():
        pytest.skip("no RabbitMQ on 127.0.0.1:5672")
    import subprocess
    import sys
    import uuid

    paths = WarehousePaths(tmp_path / "warehouse")
    paths.ensure()
    for name in ("intl-alliance-call-2025.pdf", "spark-taiwan.pdf"):
        shutil.copy2(SAMPLE_INBOX / name, paths.inbox / name)
    queue = f"twbio-test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "TWBIO_HOME": str(paths.home), "TWBIO_EXECUTOR": "celery", "TWBIO_CELERY_QUEUE": queue,
           "DAGSTER_HOME": str(paths.dagster_home)}
    open_instance(paths).dispose()
    celery = os.path.join(os.path.dirname(sys.executable), "celery")
    worker = subprocess.Popen([celery, "-A", "dagster_celery.app", "worker", "-Q", queue,
                               "--concurrency", "2", "--loglevel", "WARNING", "--without-gossip",
                               "--without-mingle", "--without-heartbeat"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    try:
        res = subprocess.run([os.path.join(os.path.dirname(sys.executable), "twbio"), "refresh"], env=env,
                             capture_output=True, text=True, timeout=900)
        assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    finally:
        os.killpg(worker.pid, 9)
        worker_log = worker.communicate(timeout=30)[0]
    with open_instance(paths) as instance:
        run = _runs(instance, "extract_reports")[0]
        assert run.status == dg.DagsterRunStatus.SUCCESS, worker_log[-3000:]
        executed = {e.dagster_event.step_key for e in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.STEP_SUCCESS)}
        assert sum(1 for s in executed if s.startswith("extract_report")) == 2
        engine = [e.message for e in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.ENGINE_EVENT)]
        assert any("celery" in (m or "").lower() for m in engine), engine
    with duckdb.connect(str(paths.published), read_only=True) as con:
        assert con.execute("select count(*) from raw.documents where status = 'loaded'").fetchone()[0] == 2


def test_sensor_requests_one_run_for_the_new_files_only(tmp_path):
    paths = WarehousePaths(tmp_path / "warehouse")
    paths.ensure()
    shutil.copy2(SAMPLE_INBOX / "spark-taiwan.pdf", paths.inbox / "spark-taiwan.pdf")
    instance = dg.DagsterInstance.ephemeral()
    resources = {"warehouse": WarehouseResource(home=str(paths.home))}

    def ids(result):
        return [r.run_config["ops"]["reports_to_extract"]["config"]["report_ids"] for r in result.run_requests]

    with dg.build_sensor_context(instance=instance, resources=resources, definitions=defs()) as ctx:
        first = inbox_sensor(ctx)
    assert ids(first) == [["spark-taiwan"]]
    assert first.dynamic_partitions_requests[0].partition_keys == ["spark-taiwan"]
    instance.add_dynamic_partitions(REPORTS.name, ["spark-taiwan"])

    shutil.copy2(SAMPLE_INBOX / "intl-alliance-call-2025.pdf", paths.inbox / "intl-alliance-call-2025.pdf")
    with dg.build_sensor_context(instance=instance, resources=resources, cursor=first.cursor, definitions=defs()) as ctx:
        second = inbox_sensor(ctx)
    assert ids(second) == [["intl-alliance-call-2025"]]
    assert second.dynamic_partitions_requests[0].partition_keys == ["intl-alliance-call-2025"]
    instance.add_dynamic_partitions(REPORTS.name, ["intl-alliance-call-2025"])

    with dg.build_sensor_context(instance=instance, resources=resources, cursor=second.cursor, definitions=defs()) as ctx:
        third = inbox_sensor(ctx)
    assert third.run_requests == [] and third.dynamic_partitions_requests == []


def test_schedule_jobs_and_run_queue_are_defined():
    d = defs()
    schedule = d.resolve_schedule_def("daily_inbox_check")
    assert schedule.cron_schedule == "0 6 * * *" and schedule.job_name == "build_warehouse"
    assert d.resolve_job_def("extract_reports").tags["twbio/stage"] == "extract"
    assert d.resolve_job_def("build_warehouse").tags["twbio/stage"] == "build"


def test_dbt_selection_is_the_changed_sources_and_dbt_state():
    manifest = {"sources": {
        "source.twbio.whitepaper.whitepaper__drug_reviews": {
            "schema": "raw", "identifier": "whitepaper__drug_reviews", "source_name": "whitepaper",
            "name": "whitepaper__drug_reviews"},
        "source.twbio.twbio.documents": {"schema": "raw", "identifier": "documents", "source_name": "twbio",
                                         "name": "documents"}}}
    assert selection(manifest, ["raw.documents"], state_ok=True) == ["source:twbio.documents+", "state:modified+"]
    assert selection(manifest, [], state_ok=True) == ["state:modified+"]
    assert selection(manifest, ["raw.documents"], state_ok=False) is None
