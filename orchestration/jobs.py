"""The two jobs of a refresh: extract one report (a partition), then build and publish."""

import dagster as dg

from .assets import report_tables

extract_reports_job = dg.define_asset_job(
    "extract_reports",
    selection=dg.AssetSelection.assets(report_tables),
    description="Extract one report (partition = report id) into the extraction cache.",
)

build_warehouse_job = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(report_tables),
    description="Raw layer from the extraction cache → dbt → Great Expectations gate → atomic publication.",
)
