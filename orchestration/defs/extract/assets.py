"""The extracted reports: one partition per report, materialized by the extraction job.

`report_tables` is declared here and materialized by the fan-out job in jobs.py: one
step per report, so that Dagster's executor (multiprocess on one machine, Celery or
Kubernetes beyond it) spreads the reports over the cores or workers it has, in one run.
"""

import dagster as dg

REPORTS = dg.DynamicPartitionsDefinition(name="reports")

report_tables = dg.AssetSpec(
    "report_tables",
    partitions_def=REPORTS,
    group_name="ingest",
    kinds={"pdf", "python"},
    description="Every table and the running text of one report (partition = report id), extracted with "
                "pdfplumber and cached per sha256 and extractor version; a file that cannot be read is "
                "quarantined. Materialized by the extract_reports job.",
)
