"""From the inbox to the raw layer of a build warehouse: the inbox scan, the extraction
cache and quarantine, and the lossless raw loader."""

from .build import start_build
from .cache import ExtractionOutcome, cache_signature, extract_one, is_cached, read_cached
from .holdback import HeldBack, active_held_back, describe_row, hold_back, load_held_back
from .inbox import InboxFile, InboxScan, display_name, known_reports, scan_inbox
from .raw import (LOADER_VERSION, RawLayerPlan, changed_relations, delete_reports, ensure_schema, hold_back_reports,
                  load_report, mark_previously_published, plan_raw_layer, previous_sources, raw_code_version, record_held_back,
                  record_quarantine, record_raw_layer, report_ids_by_relation, report_relations, reset_raw_layer)

__all__ = ["ExtractionOutcome", "HeldBack", "InboxFile", "InboxScan", "LOADER_VERSION", "RawLayerPlan",
           "active_held_back", "cache_signature", "changed_relations", "delete_reports", "describe_row", "display_name",
           "ensure_schema", "extract_one", "hold_back", "hold_back_reports", "is_cached", "known_reports",
           "load_held_back", "load_report", "mark_previously_published", "plan_raw_layer", "previous_sources", "raw_code_version", "read_cached",
           "record_held_back", "record_quarantine", "record_raw_layer", "report_ids_by_relation",
           "report_relations", "reset_raw_layer", "scan_inbox", "start_build"]
