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
from orchestration.status import status_report


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
    last = status_report(paths)[-1]
    assert "nothing to do" in last and "FAILED" not in last
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
    with duckdb.connect(str(paths.published), read_only=True) as con:
        assert con.execute("select reports_loaded, reports_carried from audit.raw_layer").fetchall() == [(1, 2)]
        # dbt builds only the models downstream of the raw relations the new report changed
        built, carried = con.execute("select models_built, models_carried from audit.dbt_build").fetchall()[0]
        assert built > 0 and carried > 0
        carried_models = {k for k, m in third.metadata.items() if m.get("carried") is True}
        assert len(carried_models) == carried and "marts/dim_industry_segment" in carried_models
        assert "marts/dim_report" not in carried_models  # downstream of raw.documents
    incremental = _warehouse(paths.published)

    # the carried raw layer and models are the ones a full refresh builds, row for row,
    # with the same columns, types, constraints and comments
    again = run_refresh(paths, instance=instance, full=True, verbose=False)
    assert again.published and again.metadata["raw/documents"]["carried"] == 0
    with duckdb.connect(str(paths.published), read_only=True) as con:
        assert con.execute("select models_carried from audit.dbt_build").fetchall() == [(0,)]
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


def test_carry_plan_follows_the_dbt_graph():
    """A model is carried only when no source upstream of it changed; a source the raw
    layer does not vouch for counts as changed; a test is skipped only when every parent
    is unchanged."""
    from orchestration.dbt_carry import plan_carry

    def node(kind, parents=(), fqn=None):
        return {"resource_type": kind, "config": {"materialized": "view" if kind == "model" else kind},
                "depends_on": {"nodes": list(parents)}, "fqn": fqn or ["twbio", "x"]}

    sources = {f"source.twbio.s.{n}": {"schema": "raw", "identifier": n} for n in ("a", "b", "unlisted")}
    nodes = {
        "model.twbio.stg_a": node("model", ["source.twbio.s.a"]),
        "model.twbio.stg_b": node("model", ["source.twbio.s.b"]),
        "model.twbio.stg_unlisted": node("model", ["source.twbio.s.unlisted"]),
        "seed.twbio.codes": node("seed"),
        "model.twbio.dim_codes": node("model", ["seed.twbio.codes"]),
        "model.twbio.fct_ab": node("model", ["model.twbio.stg_a", "model.twbio.stg_b"]),
        "test.twbio.not_null_stg_a": node("test", ["model.twbio.stg_a"]),
        "test.twbio.rel_fct_codes": node("test", ["model.twbio.fct_ab", "model.twbio.dim_codes"]),
        "test.twbio.rel_a_codes": node("test", ["model.twbio.stg_a", "model.twbio.dim_codes"]),
    }
    children = {}
    for uid, n in nodes.items():
        for p in n["depends_on"]["nodes"]:
            children.setdefault(p, []).append(uid)
    plan = plan_carry({"nodes": nodes, "sources": sources, "child_map": children}, {"raw.a"})
    assert set(plan.carried) == {"model.twbio.stg_a", "seed.twbio.codes", "model.twbio.dim_codes"}
    assert plan.carried.index("seed.twbio.codes") < plan.carried.index("model.twbio.dim_codes")
    assert plan.skipped_tests == ["test.twbio.not_null_stg_a", "test.twbio.rel_a_codes"]
