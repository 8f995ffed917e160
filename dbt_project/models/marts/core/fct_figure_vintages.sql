{#- Every printed value of every fact grain, from every edition loaded: which edition,
    report, table (or statement) and page printed it, whether the mart serves it (the
    newest edition's), and whether it revises the value the edition before printed. -#}
{%- set facts = [
    ('fct_clinical_trial_applications', ['year', 'product_type', 'breakdown', 'category', 'metric'], ['value']),
    ('fct_clinical_trial_approvals_by_area', ['year', 'therapeutic_area_code', 'drug_category'], ['approvals']),
    ('fct_drug_review_performance', ['year', 'review_type'], ['cases', 'mean_review_days', 'first_round_approval_rate_pct']),
    ('fct_entrepreneurship_teams', ['year', 'domain', 'metric'], ['value']),
    ('fct_government_budget', ['plan_code', 'budget_line', 'fiscal_year'], ['amount_twd']),
    ('fct_graduates', ['year', 'field', 'degree'], ['graduates']),
    ('fct_industry_investment', ['year', 'segment_code'], ['amount_twd']),
    ('fct_listed_biotech_by_segment', ['year', 'segment_code'], ['companies', 'revenue_twd', 'market_cap_twd', 'rd_expense_twd', 'net_income_twd', 'rd_to_revenue_pct']),
    ('fct_listed_biotech_financials', ['year', 'metric'], ['value', 'amount_twd']),
    ('fct_nhi_claims', ['drug_group', 'year'], ['amount_twd']),
    ('fct_nhi_claims_share_by_vendor', ['year', 'vendor_type'], ['share_pct']),
    ('fct_nhi_listing_status', ['year', 'nhi_status'], ['drugs']),
    ('fct_plan_staffing', ['plan_name_zh', 'fiscal_year', 'grade'], ['person_years']),
    ('fct_university_rankings', ['ranking_edition', 'school_zh'], ['teaching_score', 'research_score', 'citations_score', 'international_outlook_score', 'industry_income_score', 'rank_from', 'rank_to']),
] -%}

with printed as (
    {%- for mart, grain, measures in facts %}
    {%- set source_column = 'statement_id' if mart in ('fct_clinical_trial_applications', 'fct_industry_investment') else 'source_table' %}
    {%- for measure in measures %}
    select
        '{{ mart }}' as mart,
        {% for g in grain %}'{{ g }}=' || coalesce(try_cast({{ g }} as varchar), '') {% if not loop.last %}|| ', ' || {% endif %}{% endfor %} as grain,
        '{{ measure }}' as measure,
        try_cast({{ measure }} as double) as value,
        report_id,
        {{ source_column }} as source_table,
        source_page
    from {{ ref(mart.replace('fct_', 'int_', 1) ~ '__editions') }}
    where {{ measure }} is not null
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

dated as (
    select p.*, d.edition_year, d.edition_published_on, d.family
    from printed p
    join {{ ref('stg_twbio__documents') }} d using (report_id)
),

ordered as (
    select
        *,
        row_number() over (partition by mart, grain, measure
                           order by edition_year desc nulls last, edition_published_on desc nulls last, report_id)
            as newest_first,
        lag(value) over (partition by mart, grain, measure
                         order by edition_year nulls first, edition_published_on nulls first, report_id) as previous_value,
        lag(edition_year) over (partition by mart, grain, measure
                                order by edition_year nulls first, edition_published_on nulls first, report_id)
            as previous_edition_year,
        lag(report_id) over (partition by mart, grain, measure
                             order by edition_year nulls first, edition_published_on nulls first, report_id)
            as previous_report_id
    from dated
)

select
    mart,
    grain,
    measure,
    value,
    family,
    edition_year,
    edition_published_on,
    report_id,
    source_table,
    source_page,
    newest_first = 1 as is_served,
    previous_report_id,
    previous_edition_year,
    previous_value,
    previous_report_id is not null and previous_value is distinct from value as revises_previous
from ordered
