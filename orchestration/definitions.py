"""The one Definitions object: `dagster dev -m orchestration.definitions`."""

import shutil
import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

from .assets import dbt_models, published_warehouse, raw_warehouse, report_tables, validated_warehouse
from .dbt import DBT_PROJECT
from .jobs import build_warehouse_job, extract_reports_job
from .progress import progress_logger
from .resources import WarehouseResource
from .sensors import build_after_extraction, daily_inbox_check, inbox_sensor

# the dbt next to this interpreter, so an un-activated virtualenv works too
_DBT = Path(sys.executable).with_name("dbt")
DBT_EXECUTABLE = str(_DBT) if _DBT.exists() else (shutil.which("dbt") or "dbt")

defs = dg.Definitions(
    assets=[report_tables, raw_warehouse, dbt_models, validated_warehouse, published_warehouse],
    jobs=[extract_reports_job, build_warehouse_job],
    sensors=[inbox_sensor, build_after_extraction],
    schedules=[daily_inbox_check],
    # the progress logger replaces Dagster's verbose console logger in `twbio refresh`;
    # `dagster dev` shows the same messages in the UI
    loggers={"progress": progress_logger},
    resources={
        "warehouse": WarehouseResource.from_env(),
        "dbt": DbtCliResource(project_dir=DBT_PROJECT, dbt_executable=DBT_EXECUTABLE),
    },
)
