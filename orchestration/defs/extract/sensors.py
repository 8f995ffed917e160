"""Watching the inbox: a partition for every new PDF, one extraction run per batch."""

import json

import dagster as dg

from ...load import is_cached, known_reports, scan_inbox
from ..resources import WarehouseResource
from .assets import REPORTS
from .jobs import EXTRACT_JOB, extraction_request


@dg.sensor(job_name=EXTRACT_JOB, minimum_interval_seconds=60,
           description="Adds a partition for every new PDF in the inbox and starts one extraction run for "
                       "the files that are new or changed since the last tick.")
def inbox_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    seen = json.loads(context.cursor) if context.cursor else {}
    paths = warehouse.paths
    scan = scan_inbox(paths, known_reports(paths))
    current = {f.name: f.sha256 for f in scan.files}
    changed = [f for f in scan.files if seen.get(f.name) != f.sha256 and not is_cached(paths, f)]
    existing = set(context.instance.get_dynamic_partitions(REPORTS.name))
    new_keys = sorted({f.report_id for f in scan.files} - existing)
    requests = []
    if changed:
        # largest first: the executor starts steps in this order, and the longest should not start last
        ids = [f.report_id for f in sorted(changed, key=lambda f: (-f.path.stat().st_size, f.report_id))]
        run_config, tags = extraction_request(ids)
        requests.append(dg.RunRequest(
            run_key=json.dumps(sorted(f"{f.report_id}:{f.sha256}" for f in changed)),
            run_config=run_config, tags=tags))
    return dg.SensorResult(
        run_requests=requests,
        dynamic_partitions_requests=[REPORTS.build_add_request(new_keys)] if new_keys else [],
        cursor=json.dumps(current, sort_keys=True),
    )
