"""Watching the inbox: a sensor for new or changed PDFs, a daily schedule, and the build
that follows extraction."""

import json
import os

import dagster as dg

from .assets import REPORTS
from .extraction import known_reports, scan_inbox
from .jobs import build_warehouse_job, extract_reports_job
from .resources import WarehouseResource

DEFAULT_CRON = "0 6 * * *"


@dg.sensor(job=extract_reports_job, minimum_interval_seconds=60,
           description="Adds a partition for every new or changed PDF in the inbox and extracts only those.")
def inbox_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    seen = json.loads(context.cursor) if context.cursor else {}
    paths = warehouse.paths
    scan = scan_inbox(paths, known_reports(paths))
    current = {f.path.name: f.sha256 for f in scan.files}
    changed = [f for f in scan.files if seen.get(f.path.name) != f.sha256]
    existing = set(context.instance.get_dynamic_partitions(REPORTS.name))
    new_keys = sorted({f.report_id for f in changed} - existing)
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=f"{f.report_id}:{f.sha256}", partition_key=f.report_id)
                      for f in changed],
        dynamic_partitions_requests=[REPORTS.build_add_request(new_keys)] if new_keys else [],
        cursor=json.dumps(current, sort_keys=True),
    )


@dg.run_status_sensor(run_status=dg.DagsterRunStatus.SUCCESS, monitored_jobs=[extract_reports_job],
                      request_job=build_warehouse_job,
                      description="Rebuilds, checks and publishes the warehouse after new reports were extracted.")
def build_after_extraction(context: dg.RunStatusSensorContext):
    return dg.RunRequest(run_key=f"build-after-{context.dagster_run.run_id}")


daily_inbox_check = dg.ScheduleDefinition(
    name="daily_inbox_check",
    job=build_warehouse_job,
    cron_schedule=os.environ.get("TWBIO_REFRESH_CRON", DEFAULT_CRON),
    description="Re-checks the inbox daily (TWBIO_REFRESH_CRON, default 06:00): a report the sensor did not "
                "see is extracted by the build, unchanged ones are read from the cache.",
)
