"""One module per dataset or concern; ALL_SUITES lists them for the runner and the asset checks.

What dbt can state at the layer it guards (not null, accepted values, unique grains,
relationships, the facts' provenance) is a dbt test beside its model; these suites hold
what dbt cannot: the reports' own arithmetic, cross-table and running-text checks, row
counts against the catalog, plausible ranges and distributions."""

from .approvals import SUITE as APPROVALS
from .arithmetic import SUITE as PRINTED_ARITHMETIC
from .drug_reviews import SUITE as DRUG_REVIEWS
from .editions import CONFLICTING_COPIES, REVISIONS
from .parsing import SUITE as TYPED_VALUES_PARSE
from .prose import CONSISTENCY as PROSE_FIGURES_CONSISTENT
from .prose import MATCHES as PROSE_STATEMENTS
from .row_counts import SUITE as ROW_COUNTS

ALL_SUITES = [ROW_COUNTS, TYPED_VALUES_PARSE, DRUG_REVIEWS, APPROVALS, PROSE_STATEMENTS, PROSE_FIGURES_CONSISTENT,
              PRINTED_ARITHMETIC, CONFLICTING_COPIES, REVISIONS]
