-- every edition's rows of fct_industry_investment: one per document that prints the grain; fct_industry_investment keeps the
-- newest edition's, fct_figure_vintages lists them all
select
    r.year,
    r.segment_code,
    d.segment_zh,
    d.segment_en,
    d.parent_segment_code,
    r.segment_code = 'biotech_industry' as is_total,
    {{ to_twd('r.amount_printed', 'r.twd_multiplier') }} as amount_twd,
    r.amount_printed,
    r.unit_printed,
    r.reconciliation,
    r.other_values_printed,
    r.other_source_texts,
    r.report_id,
    r.statement_id,
    r.source_section,
    r.source_page,
    r.source_text
from {{ ref('int_industry_investment_reconciled') }} r
left join {{ ref('dim_industry_segment') }} d using (segment_code)
