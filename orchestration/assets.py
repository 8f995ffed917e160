"""The asset graph: PDFs → extracted tables → raw layer → dbt models → checks → published.

Assets hand over through the filesystem, not through an IO manager: the extraction
cache (one JSON per file) and this run's build warehouse (a DuckDB file named after the
run id). Nothing is written to the published warehouse until `published_warehouse`
swaps the build file in, after every blocking check has passed.
"""


import json
import os
from contextlib import contextmanager

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from expectations import ALL_SUITES, run_suites
from expectations.runner import BLOCKING

from .catalog import Catalog
from .dbt import DBT_PROJECT, ensure_manifest
from .extraction import InboxFile, extract_one, known_reports, scan_inbox
from .publish import publish
from .raw_load import ensure_schema, load_report, record_quarantine
from .resources import WarehouseResource

WAREHOUSE_POOL = "twbio_warehouse"  # one writer at a time (DuckDB allows one)


@dg.asset(group_name="ingest", pool=WAREHOUSE_POOL, kinds={"pdf", "python"})
def extracted_reports(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Every table of every PDF in the inbox (pdfplumber), cached per sha256 and extractor version."""
    paths = warehouse.paths
    paths.ensure()
    scan = scan_inbox(paths, known_reports(paths))
    outcomes = []
    for f in scan.files:
        out = extract_one(paths, f, page_seconds=warehouse.page_seconds, max_pages=warehouse.max_pages)
        if out.error:
            context.log.error(f"quarantined {f.path.name}: {out.error}")
        else:
            context.log.info(f"{f.report_id}: {len(out.report.tables)} tables"
                             f"{' (cached)' if out.from_cache else ''}")
        outcomes.append(out)
    manifest = {
        "files": [
            {"report_id": o.file.report_id, "file_name": o.file.path.name, "sha256": o.file.sha256,
             "error": o.error, "from_cache": o.from_cache}
            for o in outcomes
        ],
        "duplicates": [{"file_name": d.path.name, "duplicate_of": of.path.name} for d, of in scan.duplicates],
    }
    paths.staging.mkdir(parents=True, exist_ok=True)
    (paths.staging / f"run-{context.run.run_id}.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    loaded = [o for o in outcomes if o.report]
    return dg.MaterializeResult(metadata={
        "reports": len(outcomes),
        "extracted": sum(1 for o in loaded if not o.from_cache),
        "from_cache": sum(1 for o in loaded if o.from_cache),
        "quarantined": sum(1 for o in outcomes if o.error),
        "duplicates": len(scan.duplicates),
        "tables": sum(len(o.report.tables) for o in loaded),
        "pages_extracted": sum(o.report.pages for o in loaded if not o.from_cache),
        "extraction_warnings": sum(len(t.warnings) for o in loaded for t in o.report.tables),
    })


CATALOG = Catalog.load()
RAW_CORE = ["documents", "tables", "cells"]


@dg.multi_asset(
    group_name="raw",
    pool=WAREHOUSE_POOL,
    specs=[dg.AssetSpec(["raw", name], deps=[extracted_reports], kinds={"duckdb"}, description=f"raw.{name}")
           for name in RAW_CORE]
    + [dg.AssetSpec(["raw", d.dataset], deps=[extracted_reports], kinds={"duckdb"},
                    description=f"{d.name} (raw, as printed)") for d in CATALOG.datasets],
)
def raw_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """The raw layer of this run's build warehouse: raw.documents, raw.tables, raw.cells and one
    relation per catalogued table, every row traceable to its report and page."""
    paths = warehouse.paths
    manifest = json.loads((paths.staging / f"run-{context.run.run_id}.json").read_text(encoding="utf-8"))
    build = warehouse.build_db(context.run.run_id)
    build.unlink(missing_ok=True)
    totals = {"reports": 0, "quarantined": 0, "tables": 0, "catalogued": 0, "cells": 0, "dataset_rows": 0}
    with duckdb.connect(str(build)) as con:
        ensure_schema(con, CATALOG)
        for f in manifest["files"]:
            if f["error"]:
                record_quarantine(con, CATALOG, f["report_id"], f["file_name"], f["sha256"], f["error"])
                totals["quarantined"] += 1
                continue
            out = extract_one(paths, InboxFile(paths.inbox / f["file_name"], f["sha256"], f["report_id"]))
            counts = load_report(con, out.report, CATALOG, f["file_name"])
            totals["reports"] += 1
            for k in ("tables", "catalogued", "cells", "dataset_rows"):
                totals[k] += counts[k]
        rows = {name: con.execute(f"select count(*) from raw.{name}").fetchone()[0]
                for name in RAW_CORE + [d.dataset for d in CATALOG.datasets]}
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
    """Staging, intermediate and mart models (dbt build: models, then their tests as checks)."""
    with _build_env(warehouse.build_db(context.run.run_id)):
        yield from dbt.cli(["build"], context=context).stream()


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
