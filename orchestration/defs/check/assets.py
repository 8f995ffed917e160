"""The build warehouse after every Great Expectations suite ran on it.

Each suite is one asset check. A failed blocking expectation makes it an ERROR check,
which blocks publication; warnings only (the source itself prints something
inconsistent) make it a WARN check: published, and shown as a warning."""

import dagster as dg

from expectations import ALL_SUITES, BLOCKING, run_suites, suites_version

from ...locking import hold_for_run
from ..resources import WarehouseResource


def validated_warehouse(upstream: list[dg.AssetKey]) -> dg.AssetsDefinition:
    @dg.asset(
        name="validated_warehouse",
        group_name="quality",
        deps=upstream,
        kinds={"great_expectations"},
        code_version=suites_version(),
        check_specs=[dg.AssetCheckSpec(name=f"gx_{s.name}", asset="validated_warehouse", blocking=True,
                                       description=f"Great Expectations suite '{s.name}': {s.description}")
                     for s in ALL_SUITES],
    )
    def _validated_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
        """The build warehouse after every Great Expectations suite ran on it (one GX context);
        every expectation's result is in audit.validation_results."""
        hold_for_run(warehouse.paths.lock)
        outcomes = run_suites(str(warehouse.paths.build_db), ALL_SUITES, context.run.run_id,
                              docs_dir=warehouse.paths.quality)
        results = []
        for spec in ALL_SUITES:
            mine = [o for o in outcomes if o.suite == spec.name]
            failed = [o for o in mine if not o.success and o.severity == BLOCKING]
            warnings = [o for o in mine if not o.success and o.severity != BLOCKING]
            for o in failed:
                context.log.error(o.describe())
            for o in warnings:
                context.log.warning(o.describe())
            results.append(dg.AssetCheckResult(
                check_name=f"gx_{spec.name}",
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
        return dg.MaterializeResult(
            metadata={
                "expectations": len(outcomes),
                "failed_blocking": sum(1 for o in outcomes if not o.success and o.severity == BLOCKING),
                "warnings": sum(1 for o in outcomes if not o.success and o.severity != BLOCKING),
            },
            check_results=results,
        )

    return _validated_warehouse
