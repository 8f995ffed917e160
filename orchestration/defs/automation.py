"""The two jobs of a refresh, and what starts them: the inbox sensor (one extraction run
for the new or changed reports), one build for a batch of extractions, and a daily check."""

import hashlib
import json
import os

import dagster as dg

from .extract import EXTRACT_JOB, extract_job, report_tables
from .tags import HELD_BACK_TAG

DEFAULT_CRON = "0 6 * * *"
BUILD_JOB = "build_warehouse"


def extraction_executor() -> dg.ExecutorDefinition:
    """Dagster's multiprocess executor, one step per core (a file that crashes the parser
    takes only its step along); with TWBIO_EXECUTOR=celery, dagster-celery against
    TWBIO_CELERY_BROKER (steps on the queue TWBIO_CELERY_QUEUE, default `dagster`): the
    same steps on Celery workers anywhere."""
    if os.environ.get("TWBIO_EXECUTOR") == "celery":
        from dagster_celery import celery_executor

        return celery_executor.configured({
            "broker": os.environ.get("TWBIO_CELERY_BROKER", "pyamqp://guest:guest@127.0.0.1:5672//"),
            "backend": os.environ.get("TWBIO_CELERY_BACKEND", "rpc://"),
        })
    # steps fork from a server that imported the extractor and the definitions' libraries
    # once, instead of each spending seconds importing them
    return dg.multiprocess_executor.configured(
        lambda cfg: {"max_concurrent": cfg["max_concurrent"],
                     "start_method": {"forkserver": {"preload_modules": _PRELOAD}}},
        config_schema={"max_concurrent": dg.Field(int, default_value=os.cpu_count() or 1,
                                                  description="Reports extracted at once.")},
        name="multiprocess_forkserver")


_PRELOAD = ["dagster", "dagster_dbt", "duckdb", "pandas", "pdfplumber", "extractors", "orchestration.definitions",
            "orchestration.defs"]


def jobs() -> list:
    # one process for the whole build: it holds the warehouse lock from the raw load to the
    # publication, and its steps run one after the other anyway
    build = dg.define_asset_job(
        BUILD_JOB, selection=dg.AssetSelection.all() - dg.AssetSelection.assets(report_tables.key),
        executor_def=dg.in_process_executor, tags={"twbio/stage": "build"},
        description="Raw layer → dbt → Great Expectations gate → atomic publication → exports, PostgreSQL.")
    return [extract_job(extraction_executor(), os.environ.get("TWBIO_CELERY_QUEUE", "dagster")), build]


_ACTIVE = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
           dg.DagsterRunStatus.STARTED]


@dg.sensor(job_name=BUILD_JOB, minimum_interval_seconds=60,
           description="One build for a batch of extractions: when no extraction run is queued or running "
                       "and some extraction run finished since the last build request; and one more build "
                       "after a build that held reports back (it published nothing, the next one leaves them out).")
def build_after_extractions(context: dg.SensorEvaluationContext):
    cursor = json.loads(context.cursor) if context.cursor and context.cursor.startswith("{") else {}
    if context.instance.get_runs(filters=dg.RunsFilter(job_name=EXTRACT_JOB, statuses=_ACTIVE), limit=1):
        return dg.SkipReason("extraction runs are still queued or running")
    if context.instance.get_runs(filters=dg.RunsFilter(job_name=BUILD_JOB, statuses=_ACTIVE), limit=1):
        return dg.SkipReason("a build is queued or running")
    done = context.instance.get_runs(filters=dg.RunsFilter(
        job_name=EXTRACT_JOB, statuses=[dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE]), limit=1)
    last_build = context.instance.get_runs(filters=dg.RunsFilter(job_name=BUILD_JOB), limit=1)
    if (last_build and last_build[0].status == dg.DagsterRunStatus.FAILURE and HELD_BACK_TAG in last_build[0].tags
            and cursor.get("held_back_build") != last_build[0].run_id):
        cursor["held_back_build"] = last_build[0].run_id
        return dg.SensorResult(run_requests=[dg.RunRequest(run_key=f"after-held-back-{last_build[0].run_id[:12]}")],
                               cursor=json.dumps(cursor))
    if not done or done[0].run_id == cursor.get("extraction"):
        return dg.SkipReason("no extraction since the last build")
    cursor["extraction"] = done[0].run_id
    key = hashlib.sha1(done[0].run_id.encode()).hexdigest()[:12]
    return dg.SensorResult(run_requests=[dg.RunRequest(run_key=f"build-after-{key}")], cursor=json.dumps(cursor))


daily_inbox_check = dg.ScheduleDefinition(
    name="daily_inbox_check",
    job_name=BUILD_JOB,
    cron_schedule=os.environ.get("TWBIO_REFRESH_CRON", DEFAULT_CRON),
    description="Re-checks the inbox daily (TWBIO_REFRESH_CRON, default 06:00): a report the sensor did not "
                "see is extracted by the build, unchanged ones are read from the cache.",
)
