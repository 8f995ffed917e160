"""A compact console logger for `twbio refresh`: one line per user-code message.

Dagster's default console logger prints every engine event; a person running a refresh
wants "what is being done to which report", which is what the assets log at INFO.
"""

import logging
import sys

import dagster as dg


class _StepFormatter(logging.Formatter):
    def format(self, record):
        meta = getattr(record, "dagster_meta", None) or {}
        if meta.get("dagster_event") is not None:
            return ""
        step = meta.get("step_key") or ""
        msg = meta.get("orig_message") or record.getMessage()
        return f"  [{step}] {msg}" if step else f"  {msg}"


class _SkipEngineEvents(logging.Filter):
    def filter(self, record):
        meta = getattr(record, "dagster_meta", None) or {}
        return meta.get("dagster_event") is None


@dg.logger(config_schema={"log_level": dg.Field(str, default_value="INFO")},
           description="One line per asset log message, no engine events.")
def progress_logger(init_context):
    log = logging.Logger("twbio.progress", level=init_context.logger_config["log_level"])
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(_StepFormatter())
    handler.addFilter(_SkipEngineEvents())
    log.addHandler(handler)
    return log
