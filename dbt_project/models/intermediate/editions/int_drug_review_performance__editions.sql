-- every edition's rows of fct_drug_review_performance: one per document that prints the grain; fct_drug_review_performance keeps the
-- newest edition's, fct_figure_vintages lists them all
select
    year,
    review_type,
    review_type_zh,
    cases,
    mean_review_days,
    first_round_approval_rate_pct,
    report_id,
    source_table,
    source_page,
    source_row,
    null::varchar as source_column
from {{ ref('stg_whitepaper__drug_reviews') }}
