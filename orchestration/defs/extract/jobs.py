"""The extraction job: a step per report, fanned out over Dagster's executor.

The reports to extract are the run's config (the CLI and the inbox sensor name the new
or changed ones); each step extracts one file into the extraction cache and records a
materialization of its `report_tables` partition. A step that fails or crashes takes
only its report along: the other steps go on.
"""


import hashlib
import re

import dagster as dg

from extractors import __version__ as EXTRACTOR_VERSION

from ...load import extract_one, known_reports, scan_inbox
from ..resources import WarehouseResource
from .assets import report_tables

EXTRACT_JOB = "extract_reports"


class ReportsToExtract(dg.Config):
    report_ids: list[str]


def extraction_request(report_ids: list[str]) -> tuple[dict, dict]:
    """The run config and tags of an extraction run for these reports (the CLI and the
    inbox sensor launch the same runs)."""
    return ({"ops": {"reports_to_extract": {"config": {"report_ids": list(report_ids)}}}},
            {"twbio/reports": ", ".join(report_ids)[:200]})


def mapping_key(report_id: str) -> str:
    """A step name for a report id (Dagster allows letters, digits and _ only)."""
    readable = re.sub(r"[^A-Za-z0-9_]", "_", report_id)[:60]
    return f"{readable}_{hashlib.sha1(report_id.encode()).hexdigest()[:6]}"


@dg.op(out=dg.DynamicOut(str), description="One output per report named in the run config.")
def reports_to_extract(config: ReportsToExtract):
    for report_id in dict.fromkeys(config.report_ids):
        yield dg.DynamicOutput(report_id, mapping_key=mapping_key(report_id))


@dg.op(description="Extract one report into the extraction cache (or quarantine it).")
def extract_report(context: dg.OpExecutionContext, report_id: str, warehouse: WarehouseResource):
    paths = warehouse.paths
    paths.ensure()
    scan = scan_inbox(paths, known_reports(paths))
    f = next((f for f in scan.files if f.report_id == report_id), None)
    if f is None:
        raise dg.Failure(f"report {report_id} is not (or no longer) in {paths.inbox}")

    def progress(done, total):
        if done == total or done % 25 == 0:
            context.log.info(f"{f.name}: page {done}/{total}")

    out = extract_one(paths, f, progress=progress, **warehouse.budgets)
    version = dg.DataVersion(f"{f.sha256}:{EXTRACTOR_VERSION}")
    if out.error:
        context.log.error(f"quarantined {f.name}: {out.error}")
        metadata = {"status": "quarantined", "error": out.error, "sha256": f.sha256, "file": f.name,
                    "extractor_version": EXTRACTOR_VERSION}
    else:
        r = out.report
        context.log.info(f"{f.name}: {r.pages} pages, {len(r.tables)} tables"
                         f"{' (cached)' if out.from_cache else ''}")
        metadata = {
            "status": "loaded", "file": f.name, "sha256": f.sha256, "extractor_version": r.extractor_version,
            "from_cache": out.from_cache, "pages": r.pages, "tables": len(r.tables),
            "table_ids": ", ".join(t.table_id for t in r.tables),
            "extraction_warnings": sum(len(t.warnings) for t in r.tables) + len(r.warnings),
            "paragraphs": sum(1 for b in r.text_blocks if b.kind == "paragraph"),
            "text_figures": sum(len(b.figures) for b in r.text_blocks),
        }
    yield dg.AssetMaterialization(asset_key=report_tables.key, partition=report_id, metadata=metadata,
                                  tags={"dagster/data_version": version.value})
    yield dg.Output(None)


def extract_job(executor: dg.ExecutorDefinition, celery_queue: str = "dagster") -> dg.JobDefinition:
    """`celery_queue`: the Celery queue the extraction steps go to when the job runs on
    the Celery executor (the workers that listen to it do the extraction)."""
    queue = {"dagster-celery/queue": celery_queue}

    @dg.graph(name="extract_reports_graph")
    def extract_reports_graph():
        reports_to_extract.tag(queue)().map(extract_report.tag(queue))

    return extract_reports_graph.to_job(
        name=EXTRACT_JOB, executor_def=executor, tags={"twbio/stage": "extract"},
        description="Extract the named reports (one step each, in parallel) into the extraction cache.")
