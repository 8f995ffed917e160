"""Publication and what follows from it: the Parquet exports, the site and the PostgreSQL copy are
assets downstream of the published warehouse, so that every way a refresh runs (the CLI,
a sensor, the schedule) publishes the same things."""

import json
import os
import shutil

import dagster as dg

from ...catalog import Catalog
from ...publication import PublishError, publish, publish_postgres, write_exports, write_site
from ...locking import hold_for_run
from ..resources import WarehouseResource
from ..versions import refresh_fingerprint


def published_warehouse(catalog: Catalog) -> dg.AssetsDefinition:
    @dg.asset(name="published_warehouse", group_name="publish", deps=["validated_warehouse"],
              kinds={"duckdb"})
    def _published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
        """The warehouse BI tools read: this run's build file, swapped in atomically after every
        blocking check passed (readers of the old file keep their snapshot)."""
        paths = warehouse.paths
        hold_for_run(paths.lock)
        inbox = json.loads((paths.build_dir / "inbox.json").read_text(encoding="utf-8"))
        fingerprint = refresh_fingerprint(paths, [(f["file_name"], f["sha256"]) for f in inbox["files"]], catalog)
        manifest = paths.build_dir / "manifest.json"
        state = paths.dbt_state.with_name("state.new")
        shutil.rmtree(state, ignore_errors=True)
        if manifest.exists():
            state.mkdir(parents=True)
            shutil.copy2(manifest, state / "manifest.json")
        summary = publish(paths, context.run.run_id, fingerprint, inbox)
        # the manifest of the published build is the state the next build compares with
        shutil.rmtree(paths.dbt_state, ignore_errors=True)
        if state.exists():
            state.rename(paths.dbt_state)
        return dg.MaterializeResult(metadata=summary)

    return _published_warehouse


@dg.asset(group_name="publish", deps=["published_warehouse"], kinds={"parquet"})
def warehouse_exports(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Every mart as Parquet in warehouse/exports/, with a manifest naming the run that
    published it."""
    paths = warehouse.paths
    hold_for_run(paths.lock)
    context.log.info(f"writing the exports of run {context.run.run_id} to {paths.exports}")
    return dg.MaterializeResult(metadata=write_exports(paths.published, paths.exports, context.run.run_id))


@dg.asset(group_name="publish", deps=["published_warehouse"], kinds={"html"})
def warehouse_site(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The browsable site of the published warehouse in warehouse/site/: the marts with their
    dictionary, and every row one click from the printed page it was read from."""
    paths = warehouse.paths
    hold_for_run(paths.lock)
    summary = write_site(paths.published, paths.inbox, paths.site)
    context.log.info(f"site of run {context.run.run_id}: {paths.site / 'index.html'} "
                     f"({summary['page_images']} page images)")
    return dg.MaterializeResult(metadata=summary)


@dg.asset(group_name="publish", deps=["published_warehouse"], kinds={"postgres"}, output_required=False)
def postgres_marts(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """The marts in PostgreSQL (schema twbio, read-only role twbio_reader), when
    TWBIO_POSTGRES_URL names a server; otherwise nothing is materialized."""
    url = os.environ.get("TWBIO_POSTGRES_URL")
    if not url:
        context.log.info("TWBIO_POSTGRES_URL is not set: the marts are not published to PostgreSQL")
        return
    try:
        res = publish_postgres(warehouse.paths.published, url,
                               lock_timeout_seconds=float(os.environ.get("TWBIO_POSTGRES_LOCK_TIMEOUT", "30")))
    except PublishError as e:
        # the warehouse itself is published; PostgreSQL keeps its previous publication
        raise dg.Failure(f"PostgreSQL: {e}") from None
    context.log.info(f"published {res['tables']} marts to PostgreSQL schema {res['schema']}")
    yield dg.Output(None, metadata=res)
