"""Great Expectations (1.x) suites that gate every refresh.

Each suite validates a pandas DataFrame read from the build warehouse (GX's SQL path on
DuckDB is broken upstream). Every expectation carries `meta.severity`: "blocking" (the
data is wrong: do not publish) or "warning" (the source prints something inconsistent:
publish and flag).
"""

from .dbt_findings import dbt_test_outcomes  # noqa: F401
from .report import write_quality_pages  # noqa: F401
from .runner import BLOCKING, WARNING, SuiteSpec, ValidationOutcome, run_suites  # noqa: F401
from .suites import ALL_SUITES  # noqa: F401


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
