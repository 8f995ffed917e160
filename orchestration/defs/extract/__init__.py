"""Extract: one partition per report; one run extracts a batch, a step per report."""

from .assets import REPORTS, report_tables
from .jobs import EXTRACT_JOB, extract_job, extraction_request, mapping_key
from .sensors import inbox_sensor

__all__ = ["EXTRACT_JOB", "REPORTS", "extract_job", "extraction_request", "inbox_sensor", "mapping_key", "report_tables"]
