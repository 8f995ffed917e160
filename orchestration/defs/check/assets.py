"""The build warehouse after every Great Expectations suite ran on it.

Each suite is one asset check. A failed blocking expectation makes it an ERROR check,
which blocks publication; warnings only (the source itself prints something
inconsistent) make it a WARN check: published, and shown as a warning."""

import json

import dagster as dg
import duckdb

from expectations import ALL_SUITES, BLOCKING, dbt_test_outcomes, run_suites, suites_version, write_quality_pages

from extractors import __version__ as EXTRACTOR_VERSION

from ...catalog import Catalog
from ...load import HeldBack, hold_back, load_held_back
from ...load.holdback import now
from ...locking import hold_for_run
from ..resources import WarehouseResource
from ..tags import HELD_BACK_TAG
from ..versions import judging_version



def validated_warehouse(upstream: list[dg.AssetKey], catalog: Catalog) -> dg.AssetsDefinition:
    @dg.asset(
        name="validated_warehouse",
        group_name="quality",
        deps=upstream,
        kinds={"great_expectations"},
        code_version=suites_version(),
        check_specs=[dg.AssetCheckSpec(name=f"gx_{s.name}", asset="validated_warehouse", blocking=True,
                                       description=f"Great Expectations suite '{s.name}': {s.description}")
                     for s in ALL_SUITES]
                    + [dg.AssetCheckSpec(name="dbt_tests", asset="validated_warehouse", blocking=True,
                                         description="dbt's tests of every model, judged per report from their "
                                                     "failing rows (see expectations/dbt_findings.py)")],
    )
    def _validated_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
        """The build warehouse after every Great Expectations suite ran on it (one GX context);
        every expectation's result is in audit.validation_results."""
        hold_for_run(warehouse.paths.lock)
        with duckdb.connect(str(warehouse.paths.build_db), read_only=True) as con:
            dbt_findings = dbt_test_outcomes(con, context.run.run_id)
        outcomes = run_suites(str(warehouse.paths.build_db), ALL_SUITES, context.run.run_id, also=dbt_findings)
        results = []
        for suite, check_name in [(spec.name, f"gx_{spec.name}") for spec in ALL_SUITES] + [("dbt", "dbt_tests")]:
            mine = [o for o in outcomes if o.suite == suite]
            failed = [o for o in mine if not o.success and o.severity == BLOCKING]
            warnings = [o for o in mine if not o.success and o.severity != BLOCKING]
            for o in failed:
                context.log.error(o.describe())
            for o in warnings:
                context.log.warning(o.describe())
            results.append(dg.AssetCheckResult(
                check_name=check_name,
                passed=not failed and not warnings,
                # a blocking suite is an ERROR check, shown as passed or failed; a suite whose
                # only findings are warnings fails as WARN, which does not block publication
                severity=dg.AssetCheckSeverity.WARN if warnings and not failed else dg.AssetCheckSeverity.ERROR,
                metadata={
                    "expectations": len(mine),
                    "failed_blocking": len(failed),
                    "warnings": len(warnings),
                    "findings": dg.MetadataValue.md("\n".join(f"- {o.describe()}" for o in failed + warnings) or "none"),
                },
            ))
        held = _hold_back(context, warehouse, catalog, outcomes)
        page = write_quality_pages(warehouse.paths.quality, context.run.run_id, outcomes, held)
        context.log.info(f"quality page: {page}")
        return dg.MaterializeResult(
            metadata={
                "held_back": ", ".join(held) or "none",
                "expectations": len(outcomes),
                "failed_blocking": sum(1 for o in outcomes if not o.success and o.severity == BLOCKING),
                "warnings": sum(1 for o in outcomes if not o.success and o.severity != BLOCKING),
            },
            check_results=results,
        )

    return _validated_warehouse


def _hold_back(context, warehouse: WarehouseResource, catalog: Catalog, outcomes) -> list[str]:
    """The reports whose own data failed a blocking expectation are held back, when every
    blocking failure belongs to one: this build publishes nothing, and the next one is
    made without them. A blocking failure that belongs to no one report (or to a report
    already held back) fails the refresh as a whole."""
    failed = [o for o in outcomes if not o.success and o.severity == BLOCKING]
    if not failed or any(not o.reports for o in failed):
        return []
    paths = warehouse.paths
    inbox = {f["report_id"]: f for f in json.loads((paths.build_dir / "inbox.json").read_text(encoding="utf-8"))["files"]}
    already = load_held_back(paths)
    culprits = sorted({r for o in failed for r in o.reports})
    if any(r not in inbox or r in already for r in culprits):
        return []
    version = judging_version(catalog)
    entries = []
    for rid in culprits:
        findings = [{"suite": o.suite, "expectation": o.expectation, "column": o.column, "observed": o.observed,
                     "failing_rows": [r for r in o.failing_rows if str(r.get("report_id", rid)) == rid]}
                    for o in failed if rid in o.reports]
        entries.append(HeldBack(rid, inbox[rid]["file_name"], inbox[rid]["sha256"], EXTRACTOR_VERSION, version,
                                context.run.run_id, now(), findings))
    new = hold_back(paths, entries)
    if new:
        for e in new:
            context.log.error(f"holding back {e.file_name} ({e.report_id}): " + "; ".join(e.lines()[:3]))
        context.instance.add_run_tags(context.run.run_id, {HELD_BACK_TAG: ",".join(e.report_id for e in new)[:200]})
    return [e.report_id for e in new]
