-- Every fact row says where it was printed: the report, the table (or, for figures taken
-- from the running text, the catalogued statement and its sentence) and the page.
-- Returns one row per fact table with rows lacking any of them.
{% set table_facts = ["fct_listed_biotech_financials", "fct_listed_biotech_by_segment", "fct_government_budget",
                      "fct_clinical_trial_approvals_by_area", "fct_drug_review_performance",
                      "fct_animal_biologics_field_trials", "fct_product_approvals", "fct_nhi_listing_status",
                      "fct_nhi_claims", "fct_nhi_claims_share_by_vendor", "fct_graduates",
                      "fct_entrepreneurship_teams", "fct_university_rankings", "fct_plan_staffing",
                      "fct_plan_targets"] %}
{% set statement_facts = ["fct_industry_investment", "fct_clinical_trial_applications"] %}

with counts as (
    {% for f in table_facts %}
    select '{{ f }}' as mart,
           count(*) filter (where report_id is null or source_table is null or source_page is null) as rows_without_provenance
    from {{ ref(f) }}
    union all
    {% endfor %}
    {% for f in statement_facts %}
    select '{{ f }}',
           count(*) filter (where report_id is null or statement_id is null or source_page is null or source_text is null)
    from {{ ref(f) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from counts where rows_without_provenance > 0
