"""One module per dataset; ALL_SUITES lists them for the runner and the asset checks."""

from .drug_reviews import SUITE as DRUG_REVIEWS

ALL_SUITES = [DRUG_REVIEWS]
