"""The asset graph: PDFs → extracted tables → raw layer → dbt models → checks → published.

Assets hand over through the filesystem, not through an IO manager: the extraction
cache (one JSON per file) and this run's build warehouse (a DuckDB file named after the
run id). Nothing is written to the published warehouse until `published_warehouse`
swaps the build file in, after every blocking check has passed.
"""


import json
import os
import shutil
from contextlib import contextmanager

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from expectations import ALL_SUITES, run_suites
from expectations.runner import BLOCKING

from .catalog import Catalog
from .dbt import DBT_PROJECT, ensure_manifest
from .dbt_carry import CarryPlan, copy_carried, plan_carry, record_dbt_build, relation_name, relation_nodes
from .extraction import extract_one, known_reports, scan_inbox
from .publish import publish
from .fingerprint import cache_signature, dbt_fingerprint, raw_fingerprint
from .raw_load import (carried_counts, carry_unchanged, changed_relations, ensure_schema, load_report,
                       record_quarantine, record_raw_layer, report_relations)
from .resources import WarehouseResource

WAREHOUSE_POOL = "twbio_warehouse"  # one writer at a time (DuckDB allows one)
FULL_TAG = "twbio/full"  # a full refresh reloads every report instead of carrying unchanged ones


REPORTS = dg.DynamicPartitionsDefinition(name="reports")


def _full_refresh(context: dg.AssetExecutionContext) -> bool:
    return context.run.tags.get(FULL_TAG) == "true"


@dg.asset(group_name="ingest", partitions_def=REPORTS, kinds={"pdf", "python"})
def report_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Every table and the running text of one report (partition = report id), extracted with
    pdfplumber and cached per sha256 and extractor version; a file that cannot be read is
    quarantined."""
    paths = warehouse.paths
    paths.ensure()
    scan = scan_inbox(paths, known_reports(paths))
    f = next((f for f in scan.files if f.report_id == context.partition_key), None)
    if f is None:
        raise dg.Failure(f"report {context.partition_key} is not (or no longer) in {paths.inbox}")

    def progress(done, total):
        if done == total or done % 25 == 0:
            context.log.info(f"{f.path.name}: page {done}/{total}")

    out = extract_one(paths, f, progress=progress, page_seconds=warehouse.page_seconds, max_pages=warehouse.max_pages)
    if out.error:
        context.log.error(f"quarantined {f.path.name}: {out.error}")
        return dg.MaterializeResult(metadata={"status": "quarantined", "error": out.error, "sha256": f.sha256,
                                              "file": f.path.name})
    r = out.report
    context.log.info(f"{f.path.name}: {r.pages} pages, {len(r.tables)} tables{' (cached)' if out.from_cache else ''}")
    return dg.MaterializeResult(metadata={
        "status": "loaded", "file": f.path.name, "sha256": f.sha256, "extractor_version": r.extractor_version,
        "from_cache": out.from_cache, "pages": r.pages, "tables": len(r.tables),
        "table_ids": ", ".join(t.table_id for t in r.tables),
        "extraction_warnings": sum(len(t.warnings) for t in r.tables) + len(r.warnings),
        "paragraphs": sum(1 for b in r.text_blocks if b.kind == "paragraph"),
        "text_figures": sum(len(b.figures) for b in r.text_blocks),
    })


CATALOG = Catalog.load()
RAW_CORE = ["documents", "tables", "cells", "text_blocks", "text_figures", "statement_figures", "statement_matches"]


@dg.multi_asset(
    group_name="raw",
    pool=WAREHOUSE_POOL,
    specs=[dg.AssetSpec(["raw", name], deps=[report_tables], kinds={"duckdb"}, description=f"raw.{name}")
           for name in RAW_CORE]
    + [dg.AssetSpec(["raw", d.dataset], deps=[report_tables], kinds={"duckdb"},
                    description=f"{d.name} (raw, as printed)") for d in CATALOG.datasets],
)
def raw_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """The raw layer of this run's build warehouse: raw.documents, raw.tables, raw.cells, one
    relation per catalogued table, and the running text (raw.text_blocks, raw.text_figures,
    raw.statement_figures, raw.statement_matches), every row traceable to its report and page.

    Reports whose file (name and sha256), extraction cache entries and raw-layer code are
    those the published warehouse was loaded from are carried over from it relation by
    relation; the others are loaded from the extraction cache (metadata: carried vs
    reports)."""
    paths = warehouse.paths
    paths.ensure()
    scan = scan_inbox(paths, known_reports(paths))
    build = warehouse.build_db(context.run.run_id)
    shutil.rmtree(build.parent, ignore_errors=True)  # a re-executed run starts from an empty build
    build.parent.mkdir(parents=True)
    totals = {"reports": 0, "quarantined": 0, "extracted_now": 0, "duplicates": len(scan.duplicates),
              "tables": 0, "catalogued": 0, "cells": 0, "dataset_rows": 0,
              "text_figures": 0, "statement_figures": 0, "statement_errors": 0}
    files = []
    fingerprint = raw_fingerprint()
    with duckdb.connect(str(build)) as con:
        ensure_schema(con, CATALOG)
        # per partition: an unchanged report's raw rows come over from the published
        # warehouse as they are; only new and changed reports are read from the cache
        entries = {f.report_id: cache_signature(paths.extracted, f.sha256) for f in scan.files}
        carried = set() if _full_refresh(context) else carry_unchanged(
            con, CATALOG, paths.published, fingerprint,
            [(f.report_id, f.path.name, f.sha256) for f in scan.files], entries)
        totals["carried"] = len(carried)
        for k, n in carried_counts(con, CATALOG, carried).items():
            totals[k] += n
        for f in scan.files:
            if f.report_id in carried:
                files.append({"report_id": f.report_id, "file_name": f.path.name, "sha256": f.sha256, "error": None})
                totals["reports"] += 1
                continue
            # normally a cache read: report_tables ran for this partition; a report dropped in
            # without its partition run (the daily schedule) is extracted here
            out = extract_one(paths, f, page_seconds=warehouse.page_seconds, max_pages=warehouse.max_pages)
            totals["extracted_now"] += 0 if out.from_cache else 1
            files.append({"report_id": f.report_id, "file_name": f.path.name, "sha256": f.sha256, "error": out.error})
            if out.error:
                record_quarantine(con, CATALOG, f.report_id, f.path.name, f.sha256, out.error)
                totals["quarantined"] += 1
                continue
            counts = load_report(con, out.report, CATALOG, f.path.name)
            totals["reports"] += 1
            for k in ("tables", "catalogued", "cells", "dataset_rows", "text_figures", "statement_figures",
                      "statement_errors"):
                totals[k] += counts[k]
        # read again: reports extracted by this step have cache entries only now
        entries = {f.report_id: cache_signature(paths.extracted, f.sha256) for f in scan.files}
        changed = changed_relations(con, CATALOG, paths.published, carried)
        totals["changed_relations"] = len(changed)
        record_raw_layer(con, fingerprint, totals["reports"] + totals["quarantined"] - len(carried), len(carried),
                         entries, changed)
        rows = {name: con.execute(f"select count(*) from raw.{name}").fetchone()[0]
                for name in RAW_CORE + [d.dataset for d in CATALOG.datasets]}
    manifest = {"files": files,
                "duplicates": [{"file_name": d.path.name, "duplicate_of": of.path.name} for d, of in scan.duplicates]}
    (paths.staging / f"run-{context.run.run_id}.json").write_text(json.dumps(manifest, ensure_ascii=False),
                                                                   encoding="utf-8")
    for name, n in rows.items():
        meta = {"rows": n}
        if name == "documents":
            meta.update({**totals, "build_file": str(build)})
        yield dg.MaterializeResult(asset_key=["raw", name], metadata=meta)


class _Translator(DagsterDbtTranslator):
    """dbt sources are the raw relations that raw_warehouse materializes."""

    def get_asset_key(self, dbt_resource_props):
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey(["raw", dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props):
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "dbt"


ensure_manifest()


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


@dbt_assets(manifest=DBT_PROJECT.manifest_path, dagster_dbt_translator=_Translator(), pool=WAREHOUSE_POOL)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    """Staging, intermediate and mart models (dbt build: models, then their tests as checks).

    Models upstream of which no raw relation changed are copied from the published
    warehouse when it was built by the same dbt code (metadata: carried); dbt builds the
    others. A full refresh builds every model."""
    build = warehouse.build_db(context.run.run_id)
    manifest = json.loads(DBT_PROJECT.manifest_path.read_text(encoding="utf-8"))
    fingerprint = dbt_fingerprint()
    with duckdb.connect(str(build)) as con:
        if _full_refresh(context):
            plan = CarryPlan(reason="full refresh")
        else:
            changed = json.loads(con.execute("select changed_relations from audit.raw_layer").fetchall()[0][0])
            unchanged = set(report_relations(CATALOG)) - set(changed)
            plan = copy_carried(con, warehouse.paths.published, fingerprint, plan_carry(manifest, unchanged), manifest)
        # carried models are upstream of every model dbt builds, and Dagster takes a
        # multi-asset's outputs in topological order: report them first
        translator = _Translator()
        for uid in plan.carried:
            key = translator.get_asset_key(manifest["nodes"][uid])
            if key in context.selected_asset_keys:
                schema, name = relation_name(manifest["nodes"][uid])
                rows = con.execute(f'select count(*) from "{schema}"."{name}"').fetchall()[0][0]
                yield dg.Output(None, output_name=key.to_python_identifier(), metadata={"carried": True, "rows": rows})
    context.log.info(f"dbt: {len(plan.carried)} models carried from the published warehouse"
                     + (f" ({plan.reason})" if plan.reason else ""))
    relations = relation_nodes(manifest)
    if len(plan.carried) < len(relations):
        with _build_env(build):
            yield from dbt.cli(["build", *plan.dbt_args(manifest)], context=context).stream()
    with duckdb.connect(str(build)) as con:
        record_dbt_build(con, fingerprint, len(relations) - len(plan.carried), plan)


@dg.asset(
    group_name="quality",
    deps=list(dbt_models.keys),
    pool=WAREHOUSE_POOL,
    kinds={"great_expectations"},
    check_specs=[dg.AssetCheckSpec(name=f"gx_{s.name}", asset="validated_warehouse", blocking=True,
                                   description=f"Great Expectations suite '{s.name}': {s.description}")
                 for s in ALL_SUITES],
)
def validated_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """The build warehouse after every Great Expectations suite ran on it (one GX context).

    Each suite is a blocking check: one failed blocking expectation stops publication.
    Warning-level findings are recorded in audit.validation_results and published.
    """
    outcomes = run_suites(str(warehouse.build_db(context.run.run_id)), ALL_SUITES, context.run.run_id,
                          docs_dir=warehouse.paths.quality)
    results = []
    for spec in ALL_SUITES:
        mine = [o for o in outcomes if o.suite == spec.name]
        failed_blocking = [o for o in mine if not o.success and o.severity == BLOCKING]
        warnings = [o for o in mine if not o.success and o.severity != BLOCKING]
        for o in failed_blocking:
            context.log.error(o.describe())
        for o in warnings:
            context.log.warning(o.describe())
        results.append(dg.AssetCheckResult(
            check_name=f"gx_{spec.name}",
            passed=not failed_blocking,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "expectations": len(mine),
                "failed_blocking": len(failed_blocking),
                "warnings": len(warnings),
                "failures": dg.MetadataValue.md(
                    "\n".join(f"- {o.describe()}" for o in failed_blocking + warnings) or "none"),
            },
        ))
    return dg.MaterializeResult(
        metadata={
            "expectations": len(outcomes),
            "failed_blocking": sum(1 for o in outcomes if not o.success and o.severity == BLOCKING),
            "warnings": sum(1 for o in outcomes if not o.success and o.severity != BLOCKING),
        },
        check_results=results,
    )


@dg.asset(group_name="publish", deps=[validated_warehouse], pool=WAREHOUSE_POOL, kinds={"duckdb"})
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The warehouse BI tools read: this run's build file, swapped in atomically after every
    blocking check passed (readers of the old file keep their snapshot)."""
    summary = publish(warehouse.paths, context.run.run_id)
    return dg.MaterializeResult(metadata=summary)
