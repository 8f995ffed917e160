"""Great Expectations (1.x) suites that gate every refresh.

Each suite validates a pandas DataFrame read from the build warehouse (GX's SQL path on
DuckDB is broken upstream). Every expectation carries `meta.severity`: "blocking" (the
data is wrong: do not publish) or "warning" (the source prints something inconsistent:
publish and flag).
"""

from .runner import SuiteSpec, ValidationOutcome, run_suites  # noqa: F401
from .suites import ALL_SUITES  # noqa: F401
