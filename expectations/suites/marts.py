"""The published marts: every fact row has provenance (report, table or statement, page),
no dimension key is an orphan."""

import great_expectations as gx

from ..runner import SuiteSpec, blocking

_FACTS = ["fct_listed_biotech_financials", "fct_listed_biotech_by_segment", "fct_government_budget",
          "fct_clinical_trial_approvals_by_area", "fct_drug_review_performance", "fct_animal_biologics_field_trials",
          "fct_product_approvals", "fct_nhi_listing_status", "fct_nhi_claims", "fct_nhi_claims_share_by_vendor",
          "fct_graduates", "fct_entrepreneurship_teams", "fct_university_rankings", "fct_plan_staffing",
          "fct_plan_targets"]

# facts from the running text: the statement and its sentence take the table's place
_PROSE_FACTS = ["fct_industry_investment", "fct_clinical_trial_applications"]

_ORPHANS = [
    ("fct_product_approvals", "company_id", "dim_company", "company_id"),
    ("fct_animal_biologics_field_trials", "applicant_company_id", "dim_company", "company_id"),
    ("fct_clinical_trial_approvals_by_area", "therapeutic_area_code", "dim_therapeutic_area", "therapeutic_area_code"),
    ("fct_listed_biotech_by_segment", "segment_code", "dim_industry_segment", "segment_code"),
    ("fct_industry_investment", "segment_code", "dim_industry_segment", "segment_code"),
] + [(f, "report_id", "dim_report", "report_id") for f in _FACTS + _PROSE_FACTS]

QUERY = " union all ".join(
    [f"""select '{f}' as mart, 'facts without provenance' as problem,
                count(*) filter (where report_id is null or source_table is null or source_page is null) as n_rows
         from marts.{f}""" for f in _FACTS]
    + [f"""select '{f}', 'facts without provenance',
                count(*) filter (where report_id is null or statement_id is null or source_page is null
                                 or source_text is null)
         from marts.{f}""" for f in _PROSE_FACTS]
    + [f"""select '{f}', 'orphan {col} (not in {dim})',
                count(*) filter (where f.{col} is not null and d.{key} is null)
         from marts.{f} f left join marts.{dim} d on d.{key} = f.{col}""" for f, col, dim, key in _ORPHANS]
)

SUITE = SuiteSpec(
    name="marts_integrity",
    description="Every fact row carries report, table and page; every dimension key it holds exists.",
    query=QUERY,
    row_id=["mart", "problem", "n_rows"],
    expectations=lambda: [blocking(gx.expectations.ExpectColumnValuesToBeBetween(column="n_rows", min_value=0, max_value=0))],
)
