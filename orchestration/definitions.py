"""The one Definitions: `dagster dev -m orchestration.definitions` (make dev) loads it.

Built lazily (@dg.definitions): importing this module does no work. The job functions
below are what `twbio refresh` hands Dagster's executors (reconstructable by module and
name, so that a step can run in another process or on a Celery worker)."""

import dagster as dg


@dg.definitions
def defs() -> dg.Definitions:
    from .defs import build_definitions

    return build_definitions()


def extract_reports_job():
    return defs().resolve_job_def("extract_reports")


def build_warehouse_job():
    return defs().resolve_job_def("build_warehouse")
