"""Great Expectations (1.x) suites that gate every refresh.

Each suite validates a pandas DataFrame read from the build warehouse (GX's SQL path on
DuckDB is broken upstream). Every expectation carries `meta.severity`: "blocking" (the
data is wrong: do not publish) or "warning" (the source prints something inconsistent:
publish and flag).
"""

import importlib

# The package's API, imported when first used: a refresh that finds nothing to do asks for
# suites_version() only, and should not pay for importing Great Expectations and pandas.
_EXPORTS = {
    "dbt_test_outcomes": "dbt_findings", "write_quality_pages": "report", "BLOCKING": "runner",
    "WARNING": "runner", "SuiteSpec": "runner", "ValidationOutcome": "runner", "run_suites": "runner",
    "warm_up": "runner",
    "ALL_SUITES": "suites",
}
__all__ = [*_EXPORTS, "suites_version"]


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value
    return value


def suites_version() -> str:
    """A digest of the suites' sources: what gated a published warehouse."""
    import hashlib
    from pathlib import Path

    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    # the quality pages' rendering (report.py) judges nothing
    for f in sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts and p.name != "report.py"):
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]
