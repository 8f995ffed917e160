"""dbt builds the models downstream of what changed.

The build warehouse starts as a copy of the published one, models included. dbt then
builds what that copy cannot hold: the models downstream of the raw relations this
refresh changed (`source:...+`) and of every node dbt's state comparison finds modified
since the published build (`state:modified+`, against the manifest saved with it). A
build from nothing (a full refresh, a first build, other dbt or adapter versions) builds
everything. dbt runs with its target and logs under the warehouse home, at the same paths
every time, so that it parses partially.
"""

import json
import os
import shutil
from contextlib import contextmanager

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from expectations import warm_up

from ...locking import hold_for_run
from ...paths import DBT_PROJECT_DIR
from ..tags import FULL_TAG
from ..resources import WarehouseResource
from .dictionary import record_mart_dictionary
from .project import MANIFEST_PATH


class DbtTranslator(DagsterDbtTranslator):
    """dbt sources are the raw relations that raw_warehouse materializes."""

    def get_asset_key(self, dbt_resource_props):
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey(["raw", dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props):
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "dbt"


@contextmanager
def _build_env(path):
    old = os.environ.get("TWBIO_BUILD_DB")
    os.environ["TWBIO_BUILD_DB"] = str(path)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TWBIO_BUILD_DB", None)
        else:
            os.environ["TWBIO_BUILD_DB"] = old


def relation_nodes(manifest: dict) -> dict[str, dict]:
    """The nodes dbt builds into relations: models, seeds and snapshots (not ephemeral)."""
    return {uid: n for uid, n in manifest["nodes"].items()
            if n["resource_type"] in ("model", "seed", "snapshot") and n["config"].get("materialized") != "ephemeral"}


def selection(manifest: dict, changed_relations: list[str], state_ok: bool) -> list[str] | None:
    """`dbt build` selectors for a build that started from the published warehouse: the
    sources whose raw relations changed, and dbt's modified nodes; None (everything) when
    there is no state to compare with."""
    if not state_ok:
        return None
    by_relation = {f"{s['schema']}.{s['identifier']}": f"source:{s['source_name']}.{s['name']}+"
                   for s in manifest["sources"].values()}
    return sorted({by_relation[r] for r in changed_relations if r in by_relation}) + ["state:modified+"]


def dbt_models(translator: DbtTranslator) -> dg.AssetsDefinition:
    @dbt_assets(manifest=MANIFEST_PATH, dagster_dbt_translator=translator, name="dbt_models")
    def _dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
        """Staging, intermediate and mart models, and their tests (dbt build).

        Only what changed is rebuilt (see this module); the models the build already holds,
        unchanged since the published build, are reported with `rebuilt: false`."""
        paths = warehouse.paths
        hold_for_run(paths.lock)
        manifest = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
        target, logs = paths.dbt_dir / "target", paths.dbt_dir / "logs"
        state = paths.dbt_state / "manifest.json"
        with duckdb.connect(str(paths.build_db), read_only=True) as con:
            changed = json.loads(con.execute("select changed_relations from audit.raw_layer "
                                             "order by loaded_at desc limit 1").fetchall()[0][0])
            has_models = con.execute("select count(*) from duckdb_tables() where schema_name = 'marts'").fetchall()[0][0]
        full = context.run.tags.get(FULL_TAG) == "true"
        state_ok = not full and has_models > 0 and state.exists() and _same_versions(state)
        selectors = selection(manifest, changed, state_ok)
        args = ["build", "--log-path", str(logs)]
        rebuilt: set[str] | None = None
        if selectors is not None:
            with _build_env(paths.build_db):
                rebuilt = _listed(selectors, paths.dbt_state, target, logs)
        relations = relation_nodes(manifest)
        kept = [uid for uid in relations if rebuilt is not None and uid not in rebuilt]
        if kept:
            # dagster-dbt adds its own --select (the whole project) to a run that materializes
            # every dbt asset, so what stays is left out by name (an fqn names one node)
            args += ["--exclude", " ".join("fqn:" + ".".join(relations[uid]["fqn"]) for uid in kept)]
        for uid in _parents_first(relations, kept):
            key = translator.get_asset_key(manifest["nodes"][uid])
            if key in context.selected_asset_keys:
                yield dg.Output(None, output_name=key.to_python_identifier(), metadata={"rebuilt": False})
        context.log.info(f"dbt: {len(relations) - len(kept)} of {len(relations)} models and seeds to build"
                         + ("" if selectors is None else f" ({' '.join(selectors)})"))
        if rebuilt is None or rebuilt:
            # the gate's next: its library loads while dbt works in its own process
            warm_up()
            with _build_env(paths.build_db):
                invocation = dbt.cli(args, context=context, target_path=target, raise_on_error=False)
                # the models' materializations; a test's result is in dbt's run results and,
                # when it fails, in the step's failure (hundreds of events cost more than the tests)
                for event in invocation.stream():
                    if isinstance(event, (dg.Output, dg.AssetMaterialization)):
                        yield event
            record_test_results(paths.build_db, manifest, target / "run_results.json", context.run.run_id)
            tests = _test_results(target / "run_results.json")
            context.log.info(f"dbt tests: {tests['pass']} passed, {len(tests['warn'])} warned, "
                             f"{len(tests['fail'])} failed")
            for name in tests["warn"]:
                context.log.warning(f"dbt test warned: {name}")
            if not invocation.is_successful():
                failed = tests["fail"] or ["(see the dbt log: " + str(logs / "dbt.log") + ")"]
                raise dg.Failure(f"dbt build failed: {'; '.join(failed[:20])}",
                                 metadata={"failed": dg.MetadataValue.json(failed)})
        record_mart_dictionary(paths.build_db, manifest)
        # the manifest this build was made with becomes the state of the next, once published
        shutil.copy2(MANIFEST_PATH, paths.build_dir / "manifest.json")

    return _dbt_models


TEST_RESULTS_DDL = """
create schema if not exists audit;
create table if not exists audit.dbt_test_results (
    run_id varchar not null,
    test varchar not null,          -- dbt's unique id
    test_name varchar not null,
    model varchar,                  -- the model (or source) it tests
    column_name varchar,
    status varchar not null,        -- pass | warn | fail | error
    failures bigint,
    message varchar,
    failures_relation varchar,      -- schema.table holding the failing rows
    twbio_severity varchar not null -- blocking | warning: what a failure means for the report
);
"""


def record_test_results(db, manifest: dict, run_results, run_id: str) -> None:
    """Every dbt test of this build with its outcome and where its failing rows are kept,
    for the quality gate to judge per report."""
    if not run_results.exists():
        return
    rows = []
    for r in json.loads(run_results.read_text(encoding="utf-8")).get("results", []):
        node = manifest["nodes"].get(r["unique_id"])
        if node is None or node["resource_type"] != "test":
            continue
        parents = [p for p in node["depends_on"].get("nodes", []) if not p.startswith("macro.")]
        model = node.get("attached_node") or (parents[0] if parents else None)
        meta = node["config"].get("meta") or {}
        rows.append([run_id, r["unique_id"], node["name"], model.split(".")[-1] if model else None,
                     node.get("column_name"), r.get("status"), r.get("failures"), r.get("message"),
                     f'{node["schema"]}.{node.get("alias") or node["name"]}', meta.get("twbio_severity", "blocking")])
    with duckdb.connect(str(db)) as con:
        con.execute(TEST_RESULTS_DDL)
        con.execute("delete from audit.dbt_test_results where run_id = ?", [run_id])
        if rows:
            con.executemany("insert into audit.dbt_test_results values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _test_results(run_results) -> dict:
    """Passed count, and the names (with dbt's message) of warned and failed tests and
    errored models, from dbt's run_results.json."""
    out = {"pass": 0, "warn": [], "fail": []}
    if not run_results.exists():
        return out
    for r in json.loads(run_results.read_text(encoding="utf-8")).get("results", []):
        name = r["unique_id"].split(".")[2] if r["unique_id"].count(".") >= 2 else r["unique_id"]
        status = r.get("status")
        if status == "pass" or status == "success":
            out["pass"] += 1 if r["unique_id"].startswith("test.") else 0
        elif status == "warn":
            out["warn"].append(f"{name}: {r.get('message') or ''}".strip(": "))
        elif status in ("fail", "error"):
            out["fail"].append(f"{name}: {(r.get('message') or status).splitlines()[0]}")
    return out


def _listed(selectors: list[str], state, target, logs) -> set[str]:
    """The models and seeds a selection builds, as dbt resolves it (dbt ls)."""
    from dbt.cli.main import dbtRunner

    res = dbtRunner().invoke([
        "ls", "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(target), "--log-path", str(logs), "--quiet", "--resource-type", "model",
        "--resource-type", "seed", "--output", "json", "--output-keys", "unique_id", "--select", *selectors,
        "--state", str(state)])
    if not res.success:
        raise dg.Failure(f"dbt ls failed: {res.exception}")
    return {json.loads(line)["unique_id"] for line in res.result or []}


def _same_versions(state_manifest) -> bool:
    """The state manifest was written by the dbt and adapter this build runs with."""
    from importlib.metadata import version

    meta = json.loads(state_manifest.read_text(encoding="utf-8")).get("metadata", {})
    return meta.get("dbt_version") == version("dbt-core")


def _parents_first(relations: dict[str, dict], uids: list[str]) -> list[str]:
    order, placed, wanted = [], set(), set(uids)

    def place(uid):
        if uid in placed:
            return
        placed.add(uid)
        for parent in relations[uid]["depends_on"].get("nodes", []):
            if parent in relations:
                place(parent)
        if uid in wanted:
            order.append(uid)

    for uid in sorted(wanted):
        place(uid)
    return order
