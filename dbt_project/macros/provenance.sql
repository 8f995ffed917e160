{#- The facts and how each row leads back to print. A table fact names its printed row
    (report_id, source_table, source_row) and, when it was read from one column of a wide
    table, that column (source_column); a fact from the running text names its statement
    and the number as printed. `year` is the column fact_sources reports as the row's year. -#}
{% macro table_facts() -%}
{{ return({
    'fct_listed_biotech_financials': 'year',
    'fct_listed_biotech_by_segment': 'year',
    'fct_government_budget': 'fiscal_year',
    'fct_clinical_trial_approvals_by_area': 'year',
    'fct_drug_review_performance': 'year',
    'fct_animal_biologics_field_trials': 'year',
    'fct_product_approvals': 'approval_year',
    'fct_nhi_listing_status': 'year',
    'fct_nhi_claims': 'year',
    'fct_nhi_claims_share_by_vendor': 'year',
    'fct_graduates': 'year',
    'fct_entrepreneurship_teams': 'year',
    'fct_university_rankings': 'year',
    'fct_plan_staffing': 'fiscal_year',
    'fct_plan_targets': 'fiscal_year',
}) }}
{%- endmacro %}

{#- mart -> (year column, the column holding the number, as stg_twbio__statement_figures.value parses it) -#}
{% macro statement_facts() -%}
{{ return({
    'fct_industry_investment': ('year', 'amount_printed'),
    'fct_clinical_trial_applications': ('year', 'value'),
}) }}
{%- endmacro %}
