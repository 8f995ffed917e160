"""From the inbox to the raw layer of a build warehouse: the inbox scan, the extraction
cache and quarantine, and the lossless raw loader."""

from .build import start_build
from .cache import ExtractionOutcome, cache_signature, extract_one, is_cached, read_cached
from .inbox import InboxFile, InboxScan, known_reports, scan_inbox
from .raw import (LOADER_VERSION, RawLayerPlan, changed_relations, delete_reports, ensure_schema, load_report,
                  plan_raw_layer, raw_code_version, record_quarantine, record_raw_layer, report_ids_by_relation,
                  report_relations, reset_raw_layer)

__all__ = ["ExtractionOutcome", "InboxFile", "InboxScan", "LOADER_VERSION", "RawLayerPlan", "cache_signature",
           "changed_relations", "delete_reports", "ensure_schema", "extract_one", "is_cached", "known_reports",
           "load_report", "plan_raw_layer", "raw_code_version", "read_cached", "record_quarantine",
           "record_raw_layer", "report_ids_by_relation", "report_relations", "reset_raw_layer", "scan_inbox",
           "start_build"]
