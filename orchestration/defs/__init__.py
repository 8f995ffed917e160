"""The Dagster definitions, by stage: extract → load → transform → check → publish.

build_definitions() assembles them; it reads the table catalog and the dbt manifest, so
it runs when Dagster loads the code location, never at import."""

from __future__ import annotations

import shutil
import sys
from functools import lru_cache
from pathlib import Path


def _dbt_executable() -> str:
    # the dbt next to this interpreter, so an un-activated virtualenv works too
    here = Path(sys.executable).with_name("dbt")
    return str(here) if here.exists() else (shutil.which("dbt") or "dbt")


@lru_cache(maxsize=1)
def build_definitions():
    # imported here: importing the package (for .versions, say) must not load Dagster and dbt
    import dagster as dg
    from dagster_dbt import DagsterDbtTranslatorSettings

    from ..catalog import Catalog
    from .automation import build_after_extractions, daily_inbox_check, jobs
    from .check import validated_warehouse
    from .extract import inbox_sensor, report_tables
    from .logging import progress_logger
    from .load import raw_warehouse
    from .publish import postgres_marts, published_warehouse, warehouse_exports, warehouse_site
    from .resources import WarehouseResource
    from .transform.assets import DbtTranslator, dbt_models
    from .transform.cli_resource import DbtCoreCliResource
    from .transform.project import dbt_project, ensure_manifest

    ensure_manifest()
    catalog = Catalog.load()
    models = dbt_models(DbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=False)))
    return dg.Definitions(
        assets=[report_tables, raw_warehouse(catalog), models, validated_warehouse(list(models.keys), catalog),
                published_warehouse(catalog), warehouse_exports, warehouse_site, postgres_marts],
        jobs=jobs(),
        sensors=[inbox_sensor, build_after_extractions],
        schedules=[daily_inbox_check],
        loggers={"console": dg.colored_console_logger, "progress": progress_logger},
        resources={
            "warehouse": WarehouseResource.from_env(),
            "dbt": DbtCoreCliResource(project_dir=dbt_project(), dbt_executable=_dbt_executable()),
        },
    )
