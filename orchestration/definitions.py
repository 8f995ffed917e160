"""The one Definitions object: `dagster dev -m orchestration.definitions`."""

import shutil
import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

from .assets import dbt_models, extracted_reports, published_warehouse, raw_warehouse, validated_warehouse
from .dbt import DBT_PROJECT
from .progress import progress_logger
from .resources import WarehouseResource

# the dbt next to this interpreter, so an un-activated virtualenv works too
_DBT = Path(sys.executable).with_name("dbt")
DBT_EXECUTABLE = str(_DBT) if _DBT.exists() else (shutil.which("dbt") or "dbt")

refresh_job = dg.define_asset_job(
    "refresh",
    selection=dg.AssetSelection.all(),
    description="Full refresh: inbox PDFs → raw → dbt → Great Expectations gate → publish.",
)

defs = dg.Definitions(
    assets=[extracted_reports, raw_warehouse, dbt_models, validated_warehouse, published_warehouse],
    jobs=[refresh_job],
    # the progress logger replaces Dagster's verbose console logger in `twbio refresh`;
    # `dagster dev` shows the same messages in the UI
    loggers={"progress": progress_logger},
    resources={
        "warehouse": WarehouseResource(),
        "dbt": DbtCliResource(project_dir=DBT_PROJECT, dbt_executable=DBT_EXECUTABLE),
    },
)
